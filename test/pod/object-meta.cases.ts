// Rule cases of the API server's object-meta checks, run on every object
// whatever its kind (lib/pod/object-meta.*). Verdicts checked against the
// oracle (test/oracle: apiextensions-apiserver's own object-meta validation).
import { RuleCases } from '../support/rule-cases';

const configMap = (metadata: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { MODE: 'triage' } });
const pingSource = (metadata: Record<string, unknown>) => ({
  apiVersion: 'sources.knative.dev/v1', kind: 'PingSource', metadata,
  spec: { schedule: '*/5 * * * *', sink: { uri: 'http://agent.agents.svc.cluster.local' } },
});
const mapping = (name: string) => ({
  apiVersion: 'serving.knative.dev/v1beta1', kind: 'DomainMapping', metadata: { name, namespace: 'agents' },
  spec: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'triage', namespace: 'agents' } },
});
const owner = (kind: string, name: string) => ({ apiVersion: 'serving.knative.dev/v1', kind, name, uid: '6f0c3a52-1b6e-4c1e-9d8e-2a7b0f1c9e11', controller: true });
const role = (name: string) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: [] });

export const CASES: RuleCases = {
  triggers: [
    { id: 'META-001', name: 'a PingSource without a name (the API server: "name or generateName is required")', manifests: [pingSource({ namespace: 'agents' })], field: 'metadata.name', value: 'null' },
    { id: 'META-001', name: 'a ConfigMap named with an underscore', manifests: [configMap({ name: 'agent_config', namespace: 'agents' })], field: 'metadata.name', value: '"agent_config"' },
    { id: 'META-001', name: 'a DomainMapping named with a trailing dot (not a DNS-1123 subdomain)', manifests: [mapping('agent.example.com.')], field: 'metadata.name', value: '"agent.example.com."' },
    {
      id: 'META-001', name: 'a core Service named with a dot (Services need a DNS-1035 label)',
      manifests: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'agent.v2', namespace: 'agents' }, spec: { ports: [{ port: 80 }] } }], field: 'metadata.name', value: '"agent.v2"',
    },
    { id: 'META-001', name: 'a ClusterRole named with a slash', manifests: [role('agents/reader')], field: 'metadata.name', value: '"agents/reader"' },
    {
      id: 'META-003', name: 'a PingSource with two controller owner references (found by the oracle: "Only one reference can have Controller set to true")',
      manifests: [pingSource({ name: 'tick', namespace: 'agents', ownerReferences: [owner('Route', 'a'), owner('Service', 'b')] })], field: 'metadata.ownerReferences[1].controller', value: 'true',
    },
    {
      id: 'META-003', name: 'an owner reference without uid',
      manifests: [configMap({ name: 'agent-config', namespace: 'agents', ownerReferences: [{ ...owner('Service', 'b'), uid: '' }] })], field: 'metadata.ownerReferences[0].uid', value: '""',
    },
    {
      id: 'META-003', name: 'a null owner reference in a Configuration (found by the oracle: the API server decodes the zero reference, every field "")',
      manifests: [{ apiVersion: 'serving.knative.dev/v1', kind: 'Configuration', metadata: { name: 'triage', namespace: 'agents', ownerReferences: [null] }, spec: { template: { spec: { containers: [{ image: 'ghcr.io/acme/agent:1.0' }] } } } }],
      field: 'metadata.ownerReferences[0].uid', value: 'null',
    },
    {
      id: 'META-003', name: 'an owner reference without uid, written without the key (one finding: not SCHEMA-002\'s required too)',
      manifests: [pingSource({ name: 'tick', namespace: 'agents', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'x' }] })], field: 'metadata.ownerReferences[0].uid', value: 'null',
    },
    {
      id: 'META-003', name: 'an owner reference whose apiVersion has no version (`apps/`)',
      manifests: [configMap({ name: 'agent-config', namespace: 'agents', ownerReferences: [{ ...owner('Deployment', 'b'), apiVersion: 'apps/' }] })], field: 'metadata.ownerReferences[0].apiVersion', value: '"apps/"',
    },
    {
      id: 'META-001', name: 'a PingSource whose generateName has an underscore',
      manifests: [pingSource({ generateName: 'tick_', namespace: 'agents' })], field: 'metadata.generateName', value: '"tick_"',
    },
    { id: 'META-002', name: 'a ConfigMap in namespace `Agents`', manifests: [configMap({ name: 'agent-config', namespace: 'Agents' })], field: 'metadata.namespace', value: '"Agents"' },
  ],
  passes: [
    { name: 'a PingSource with generateName only', manifests: [pingSource({ generateName: 'tick-', namespace: 'agents' })] },
    { name: 'owner references with one controller, an apiVersion of the core group', manifests: [configMap({ name: 'agent-config', namespace: 'agents', ownerReferences: [{ ...owner('Pod', 'p'), apiVersion: 'v1', controller: false }, owner('Service', 'b')] })] },
    { name: 'a ConfigMap named with dots', manifests: [configMap({ name: 'agent.config.v2', namespace: 'agents' })] },
    { name: 'a ClusterRole named as Kubernetes names its own (colons)', manifests: [role('system:agents:reader')] },
    { name: 'a DomainMapping named with the domain', manifests: [mapping('agent.example.com')] },
  ],
};
