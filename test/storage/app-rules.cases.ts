// Triggers and near misses of the rules across claims and the pods that mount
// them (PVC-003), through synth and hand-written YAML.
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentWorkspace, FeatureState } from '../../lib';
import { profile } from '../settings/fixtures';
import { agent } from '../serving/fixtures';
import { RuleCases } from '../support/rule-cases';
import { job, worker } from '../workers/fixtures';
import { claim } from './agent-workspace.cases';

const RWO = kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE;

/** A hand-written single-replica Deployment mounting claim `workspace`. */
function mounting(name: string, replicas = 1): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'agents' },
    spec: {
      replicas, selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image: 'ghcr.io/acme/api:1.0.0', volumeMounts: [{ name: 'ws', mountPath: '/workspace' }] }], volumes: [{ name: 'ws', persistentVolumeClaim: { claimName: 'workspace' } }] },
      },
    },
  };
}

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'PVC-003', name: 'a ReadWriteOnce workspace is mounted by a worker and a job',
      build: (c) => {
        const ws = new AgentWorkspace(c, 'workspace', { size: Size.gibibytes(10), accessMode: RWO });
        worker(c, { maxReplicas: 1, volumes: [ws.mount('/workspace', { readOnly: false })] });
        job(c, { maxReplicas: 1, volumes: [ws.mount('/workspace')] });
      },
      path: 'test/workspace', field: 'spec.accessModes', value: '["ReadWriteOnce"]',
    },
    {
      id: 'PVC-003', name: 'a ReadWriteOnce workspace is mounted by a Knative agent that scales out',
      build: (c) => {
        profile(c, { features: { podspecPersistentVolumeClaim: FeatureState.ENABLED } });
        agent(c, { volumes: [new AgentWorkspace(c, 'workspace', { size: Size.gibibytes(10), accessMode: RWO }).mount('/workspace')] });
      },
      path: 'test/workspace', field: 'spec.accessModes', value: '["ReadWriteOnce"]',
    },
    {
      id: 'PVC-003', name: 'a hand-written ReadWriteOncePod claim is mounted by a Deployment of two replicas',
      manifests: [claim({ accessModes: ['ReadWriteOncePod'] }), mounting('api', 2)], field: 'spec.accessModes', value: '["ReadWriteOncePod"]',
    },
  ],
  passes: [
    {
      name: 'a ReadWriteMany workspace mounted by a worker, a job and a Knative agent',
      build: (c) => {
        profile(c, { features: { podspecPersistentVolumeClaim: FeatureState.ENABLED } });
        const ws = new AgentWorkspace(c, 'workspace', { size: Size.gibibytes(10) });
        worker(c, { volumes: [ws.mount('/workspace', { readOnly: false })] });
        job(c, { volumes: [ws.mount('/workspace')] });
        agent(c, { volumes: [ws.mount('/workspace')] });
      },
    },
    {
      name: 'a ReadWriteOnce workspace mounted by one single-replica worker and a Knative agent with max-scale 1 of another claim',
      build: (c) => {
        profile(c, { features: { podspecPersistentVolumeClaim: FeatureState.ENABLED } });
        worker(c, { maxReplicas: 1, volumes: [new AgentWorkspace(c, 'workspace', { size: Size.gibibytes(10), accessMode: RWO }).mount('/workspace', { readOnly: false })] });
        agent(c, { scaling: { maxScale: 1 }, volumes: [new AgentWorkspace(c, 'cache', { size: Size.gibibytes(1), accessMode: RWO }).mount('/cache')] });
      },
    },
    { name: 'a hand-written ReadWriteOnce claim mounted by one single-replica Deployment', manifests: [claim({ accessModes: ['ReadWriteOnce'] }), mounting('api')] },
    { name: 'a hand-written ReadWriteOnce claim in another namespace than the two Deployments', manifests: [{ ...claim({ accessModes: ['ReadWriteOnce'] }), metadata: { name: 'workspace', namespace: 'other' } }, mounting('api'), mounting('app')] },
  ],
};
