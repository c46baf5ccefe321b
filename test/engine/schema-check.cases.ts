// Rule cases of the schema checks that need no construct: an apiVersion the
// kind's CRD does not serve (SCHEMA-003).
import { RuleCases } from '../support/rule-cases';

const externalSecret = (apiVersion: string) => ({
  apiVersion, kind: 'ExternalSecret', metadata: { name: 'keys', namespace: 'agents' },
  spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' }, data: [{ secretKey: 'API_KEY', remoteRef: { key: 'agents/api-key' } }] },
});

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'SCHEMA-003', name: 'an ExternalSecret of an old example names external-secrets.io/v1beta1, which External Secrets 2.x no longer serves',
      manifests: [externalSecret('external-secrets.io/v1beta1')], field: 'apiVersion', value: '"external-secrets.io/v1beta1"',
    },
    {
      id: 'SCHEMA-003', name: 'a Knative Service names serving.knative.dev/v1alpha1',
      manifests: [{ apiVersion: 'serving.knative.dev/v1alpha1', kind: 'Service', metadata: { name: 'agent', namespace: 'agents' }, spec: {} }],
      field: 'apiVersion', value: '"serving.knative.dev/v1alpha1"',
    },
  ],
  passes: [
    { name: 'the served external-secrets.io/v1', manifests: [externalSecret('external-secrets.io/v1')] },
    { name: 'a kind of a group no CRD here defines passes through', manifests: [{ apiVersion: 'example.com/v1alpha1', kind: 'Widget', metadata: { name: 'w' } }] },
  ],
};
