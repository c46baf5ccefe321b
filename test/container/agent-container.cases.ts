// Triggers and near misses of the pod-level agent props (scheduling, fsGroup,
// init containers, workspace volumes) on Knative, where each needs its
// config-features flag (KSVC-POD-001, KSVC-VOL-003), and on plain pods.
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentWorkspace, FeatureState, IAgentWorkspace } from '../../lib';
import { profile } from '../settings/fixtures';
import { agent, TPL } from '../serving/fixtures';
import { RuleCases } from '../support/rule-cases';
import { job, worker } from '../workers/fixtures';

const ENABLED = FeatureState.ENABLED;
const GPU_TAINT = () => kplus.NodeTaintQuery.exists('nvidia.com/gpu', { effect: kplus.TaintEffect.NO_SCHEDULE });
const MODEL_DOWNLOAD = (models: IAgentWorkspace) => ({
  name: 'model-download', image: 'curlimages/curl:8.10.1',
  command: ['sh', '-c', 'test -f /models/model.gguf || curl -fsSL -o /models/model.gguf "$MODEL_URL"'],
  env: { MODEL_URL: 'https://models.example.com/llama.gguf' },
  volumes: [models.mount('/models', { readOnly: false })],
});

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'KSVC-POD-001', name: 'a Knative agent has a nodeSelector while kubernetes.podspec-nodeselector is Disabled',
      build: (c) => agent(c, { nodeSelector: { 'nvidia.com/gpu.present': 'true' } }), field: `${TPL}.nodeSelector`, value: '{"nvidia.com/gpu.present":"true"}',
    },
    {
      id: 'KSVC-POD-001', name: 'a Knative agent tolerates a taint while kubernetes.podspec-tolerations is Disabled',
      build: (c) => agent(c, { tolerations: [GPU_TAINT()] }), field: `${TPL}.tolerations`, value: '[{"effect":"NoSchedule"',
    },
    {
      id: 'KSVC-POD-001', name: 'a Knative agent runs in gVisor while kubernetes.podspec-runtimeclassname is Disabled',
      build: (c) => agent(c, { runtimeClassName: 'gvisor' }), field: `${TPL}.runtimeClassName`, value: '"gvisor"',
    },
    {
      id: 'KSVC-POD-001', name: 'a Knative agent has a priority class while kubernetes.podspec-priorityclassname is Disabled',
      build: (c) => agent(c, { priorityClassName: 'agents-high' }), field: `${TPL}.priorityClassName`, value: '"agents-high"',
    },
    {
      id: 'KSVC-POD-001', name: 'a Knative agent sets fsGroup while kubernetes.podspec-securitycontext is Disabled',
      build: (c) => agent(c, { security: { fsGroup: 1001 } }), field: `${TPL}.securityContext`, value: '{"fsGroup":1001}',
    },
    {
      id: 'KSVC-POD-001', name: 'a Knative agent has an init container while kubernetes.podspec-init-containers is Disabled',
      build: (c) => agent(c, { initContainers: [{ name: 'warm-up', image: 'busybox:1.36', command: ['true'] }] }), field: `${TPL}.initContainers`, value: '[{"command":["true"]',
    },
    {
      id: 'KSVC-POD-004', name: 'a Knative agent sets fsGroupChangePolicy (refused even with the flag on)',
      build: (c) => { profile(c, { features: { podspecSecurityContext: ENABLED } }); agent(c, { security: { fsGroup: 1001, fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH } }); },
      field: `${TPL}.securityContext.fsGroupChangePolicy`, value: '"OnRootMismatch"',
    },
    {
      id: 'KSVC-VOL-003', name: 'a Knative agent mounts a workspace while kubernetes.podspec-persistent-volume-claim is Disabled',
      build: (c) => agent(c, { volumes: [new AgentWorkspace(c, 'workspace', { size: Size.gibibytes(10) }).mount('/workspace')] }),
      field: `${TPL}.volumes[1].persistentVolumeClaim`, value: '{"claimName":"workspace","readOnly":true}',
    },
    {
      id: 'KSVC-VOL-003', name: 'a Knative agent writes a workspace while kubernetes.podspec-persistent-volume-write is Disabled',
      build: (c) => {
        profile(c, { features: { podspecPersistentVolumeClaim: ENABLED } });
        agent(c, { volumes: [AgentWorkspace.fromClaimName(c, 'workspace', 'workspace').mount('/workspace', { readOnly: false })] });
      },
      field: `${TPL}.volumes[1].persistentVolumeClaim.readOnly`, value: 'false',
    },
    {
      id: 'KSVC-VOL-003', name: 'the init container of a Knative agent fills a cache claim while kubernetes.podspec-persistent-volume-write is Disabled',
      build: (c) => {
        profile(c, { features: { podspecPersistentVolumeClaim: ENABLED, podspecInitContainers: ENABLED } });
        const models = new AgentWorkspace(c, 'models', { size: Size.gibibytes(20) });
        agent(c, { initContainers: [MODEL_DOWNLOAD(models)], volumes: [models.mount('/models')] });
      },
      field: `${TPL}.volumes[1].persistentVolumeClaim.readOnly`, value: 'false',
    },
  ],
  passes: [
    {
      name: 'a Knative agent with every scheduling prop, fsGroup and an init container, the flags Enabled',
      build: (c) => {
        profile(c, {
          features: {
            podspecNodeSelector: ENABLED, podspecTolerations: ENABLED, podspecRuntimeClassName: ENABLED, podspecPriorityClassName: ENABLED,
            podspecSecurityContext: ENABLED, podspecInitContainers: ENABLED, podspecPersistentVolumeClaim: ENABLED, podspecPersistentVolumeWrite: ENABLED,
          },
        });
        const models = new AgentWorkspace(c, 'models', { size: Size.gibibytes(20) });
        agent(c, {
          nodeSelector: { 'nvidia.com/gpu.present': 'true' }, tolerations: [GPU_TAINT()], runtimeClassName: 'gvisor', priorityClassName: 'agents-high',
          gpu: { count: 1 }, security: { fsGroup: 1001 }, initContainers: [MODEL_DOWNLOAD(models)], volumes: [models.mount('/models')],
        });
      },
    },
    {
      name: 'a Knative agent mounts a workspace read-only with only kubernetes.podspec-persistent-volume-claim Enabled (the claim is declared read-only)',
      build: (c) => {
        profile(c, { features: { podspecPersistentVolumeClaim: ENABLED } });
        const workspace = new AgentWorkspace(c, 'workspace', { size: Size.gibibytes(10) });
        agent(c, { volumes: [workspace.mount('/uploads', { subPath: 'uploads' }), workspace.mount('/jobs', { subPath: 'jobs' })] });
      },
    },
    {
      name: 'a Knative agent with a scratch emptyDir with a size limit (emptyDir is Enabled upstream)',
      build: (c) => agent(c, { volumes: [{ volume: kplus.Volume.fromEmptyDir(c, 'scratch', 'scratch', { sizeLimit: Size.gibibytes(2) }), path: '/scratch' }] }),
    },
    {
      name: 'a worker and a job take every pod-level prop without flags (plain pods)',
      build: (c) => {
        const workspace = new AgentWorkspace(c, 'workspace', { size: Size.gibibytes(50), storageClassName: 'longhorn' });
        const models = AgentWorkspace.fromClaimName(c, 'models', 'models-cache');
        const pod = {
          nodeSelector: { 'nvidia.com/gpu.present': 'true' }, tolerations: [GPU_TAINT(), kplus.NodeTaintQuery.any()], runtimeClassName: 'gvisor', priorityClassName: 'agents-high',
          gpu: { count: 2 }, security: { runAsUser: 1001, runAsGroup: 1001, fsGroup: 1001, fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH },
        };
        worker(c, { ...pod, volumes: [workspace.mount('/workspace', { readOnly: false })] });
        job(c, { ...pod, initContainers: [MODEL_DOWNLOAD(models)], volumes: [workspace.mount('/uploads', { subPath: 'uploads' }), models.mount('/models')] });
      },
    },
  ],
};
