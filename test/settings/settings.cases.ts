// Triggers and near misses of the cluster profile and its settings (PROFILE-*).
import { Duration } from 'cdk8s';
import { agent } from '../serving/fixtures';
import { profile, tempYaml } from './fixtures';
import { RuleCases } from '../support/rule-cases';

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'PROFILE-001', name: 'two ClusterProfiles in one app',
      build: (c) => { profile(c, {}, 'cluster'); profile(c, { maxScaleLimit: 10 }, 'cluster2'); agent(c); },
      path: 'cluster2', field: 'ClusterProfile', value: '"cluster2"',
    },
    {
      id: 'PROFILE-002', name: 'revisionTimeout exceeds maxRevisionTimeout',
      build: (c) => { profile(c, { revisionTimeout: Duration.seconds(900) }); agent(c); },
      path: 'cluster', field: 'revisionTimeout', value: '900',
    },
    {
      id: 'PROFILE-002', name: 'containerConcurrencyMaxLimit is 0',
      build: (c) => { profile(c, { containerConcurrencyMaxLimit: 0 }); agent(c); },
      path: 'cluster', field: 'containerConcurrencyMaxLimit', value: '0',
    },
    {
      id: 'PROFILE-002', name: 'maxScaleLimit is negative',
      build: (c) => { profile(c, { maxScaleLimit: -1 }); agent(c); },
      path: 'cluster', field: 'maxScaleLimit', value: '-1',
    },
    {
      id: 'PROFILE-002', name: 'maxRevisionTimeout is not whole seconds',
      build: (c) => { profile(c, { maxRevisionTimeout: Duration.millis(600500) }); agent(c); },
      path: 'cluster', field: 'maxRevisionTimeout', value: '"600500ms"',
    },
    { id: 'PROFILE-007', name: 'the cluster runs another KEDA release than the rules\'', build: (c) => { profile(c, { releases: { keda: '2.14' } }); agent(c); }, path: 'cluster', field: 'releases.keda', value: '"2.14"' },
    {
      id: 'PROFILE-007', name: 'the settings file declares another External Secrets release (check)',
      manifests: [], settings: { releases: { externalSecrets: '0.10' } }, path: 'cluster settings', field: 'releases.externalSecrets', value: '"0.10"',
    },
    { id: 'PROFILE-003', name: 'the Knative version is older than the catalogue (checked with the 1.22 rules)', build: (c) => { profile(c, { knativeVersion: '1.21' }); agent(c); }, path: 'cluster', field: 'knativeVersion', value: '"1.21"' },
    {
      id: 'PROFILE-004', name: '`url` is read before the profile declares another cluster domain',
      build: (c) => { const a = agent(c); void a.url; profile(c, { clusterDomain: 'example.internal' }); },
      field: 'clusterDomain', value: '"cluster.local"',
    },
    {
      id: 'PROFILE-005', name: 'a config-features value Knative ignores (from a ConfigMap file)',
      build: (c) => { profile(c, { configMapFiles: [tempYaml('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config-features, namespace: knative-serving}\ndata:\n  kubernetes.podspec-nodeselector: "on"\n')] }); agent(c); },
      path: 'cluster', field: 'config-features/kubernetes.podspec-nodeselector', value: '"on"',
    },
  ],
  passes: [
    { name: 'the releases the rules implement, declared', build: (c) => { profile(c, { releases: { keda: '2.20', externalSecrets: '2.9', sealedSecrets: '0.36' } }); agent(c); } },
    { name: 'a ClusterProfile with a raised maximum timeout and default timeout', build: (c) => { profile(c, { revisionTimeout: Duration.seconds(900), maxRevisionTimeout: Duration.seconds(900) }); agent(c); } },
  ],
};
