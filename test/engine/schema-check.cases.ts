// Rule cases of the schema checks that need no construct: an apiVersion the
// kind's CRD does not serve (SCHEMA-003), and fields the CRD keeps that the
// webhook's Go types lack (SCHEMA-004 strict, SCHEMA-005 lenient).
import { FeatureState } from '../../lib';
import { RuleCases } from '../support/rule-cases';

const externalSecret = (apiVersion: string) => ({
  apiVersion, kind: 'ExternalSecret', metadata: { name: 'keys', namespace: 'agents' },
  spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' }, data: [{ secretKey: 'API_KEY', remoteRef: { key: 'agents/api-key' } }] },
});

const apiServerSource = (spec: Record<string, unknown>) => ({
  apiVersion: 'sources.knative.dev/v1', kind: 'ApiServerSource', metadata: { name: 'k8s-events', namespace: 'agents' },
  spec: {
    mode: 'Reference', serviceAccountName: 'events-reader', resources: [{ apiVersion: 'v1', kind: 'Event' }],
    sink: { uri: 'http://agent.agents.svc.cluster.local' }, ...spec,
  },
});

const ciliumPolicy = (dnsLabel: string) => ({
  apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'agent-egress', namespace: 'agents' },
  spec: { endpointSelector: { matchLabels: { app: 'agent' } }, egress: [{ toEndpoints: [{ matchLabels: { 'k8s:k8s-app': dnsLabel } }] }] },
});

const service = (templateMetadata: Record<string, unknown>) => ({
  apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'agent', namespace: 'agents' },
  spec: { template: { metadata: templateMetadata, spec: { containers: [{ image: 'ghcr.io/acme/agent:1.0.0' }] } } },
});

/** A Service whose container mounts one emptyDir with these fields (Serving keeps emptyDir whole; its webhook decodes it). */
const emptyDirService = (emptyDir: Record<string, unknown>) => ({
  apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'agent', namespace: 'agents' },
  spec: { template: { spec: {
    containers: [{ image: 'ghcr.io/acme/agent:1.0.0', volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] }],
    volumes: [{ name: 'scratch', emptyDir }],
  } } },
});

const deployment = (spec: Record<string, unknown> = {}, container: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'worker', namespace: 'agents' },
  spec: {
    selector: { matchLabels: { app: 'worker' } },
    template: {
      metadata: { labels: { app: 'worker' } },
      spec: {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{
          name: 'agent', image: 'ghcr.io/acme/worker:1.0.0',
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
          ...container,
        }],
      },
    },
    ...spec,
  },
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
    {
      id: 'SCHEMA-001', name: 'a Deployment container has `envv` (not a field of k8s.io/api\'s Container: dropped)',
      manifests: [deployment({}, { envv: [{ name: 'MODE', value: 'a' }] })], field: 'spec.template.spec.containers[0].envv', value: '[{"name":"MODE"',
    },
    {
      id: 'SCHEMA-002', name: 'a Deployment with `replicas: "2"` (an int32 in k8s.io/api)',
      manifests: [deployment({ replicas: '2' })], field: 'spec.replicas', value: '"2"',
    },
    {
      id: 'SCHEMA-002', name: 'a Deployment with memory `2GB` (not a quantity: the API server refuses it)',
      manifests: [deployment({}, { resources: { limits: { memory: '2GB' } } })], field: 'spec.template.spec.containers[0].resources.limits.memory', value: '"2GB"',
    },
    {
      id: 'SCHEMA-002', name: 'a Knative Service probe port of 2147483648 (the webhook decodes an IntOrString integer as an int32; found by the oracle)',
      manifests: [{ ...service({}), spec: { template: { spec: { containers: [{ image: 'ghcr.io/acme/agent:1.0.0', startupProbe: { tcpSocket: { port: 2147483648 } } }] } } } }],
      field: 'spec.template.spec.containers[0].startupProbe.tcpSocket.port', value: '2147483648',
    },
    {
      id: 'SCHEMA-002', name: 'a Knative Service with memory `1gb` (the CRD\'s quantity pattern; found by the oracle)',
      manifests: [{ ...service({}), spec: { template: { spec: { containers: [{ image: 'ghcr.io/acme/agent:1.0.0', resources: { limits: { memory: '1gb' } } }] } } } }],
      field: 'spec.template.spec.containers[0].resources.limits.memory', value: '"1gb"',
    },
    {
      id: 'SCHEMA-003', name: 'a CronJob of batch/v1beta1 (removed in Kubernetes 1.25)',
      manifests: [{ apiVersion: 'batch/v1beta1', kind: 'CronJob', metadata: { name: 'cleanup', namespace: 'agents' }, spec: {} }],
      field: 'apiVersion', value: '"batch/v1beta1"',
    },
    {
      id: 'SCHEMA-004', name: 'seed 004: an ApiServerSource with `eventMode` (the CRD keeps `spec` as written; Eventing decodes strictly)',
      manifests: [apiServerSource({ eventMode: 'Reference' })], field: 'spec.eventMode', value: '"Reference"',
    },
    {
      id: 'SCHEMA-002', name: 'an ApiServerSource with `filters` as a string (kept by the CRD; the webhook cannot decode it into its list of filters; found by the oracle)',
      manifests: [apiServerSource({ filters: 'type=dev.knative.apiserver.resource.add' })], field: 'spec.filters', value: '"type=dev.knative',
    },
    {
      id: 'SCHEMA-002', name: 'an ApiServerSource filter with a number in `exact` (a map of strings in the Go type)',
      manifests: [apiServerSource({ filters: [{ exact: { type: 1 } }] })], field: 'spec.filters[0].exact.type', value: '1', also: ['EVT-APISERVER-006'],
    },
    {
      id: 'SCHEMA-004', name: 'an ApiServerSource filter with `exakt` (not a field of SubscriptionsAPIFilter: the strict decoder refuses it)',
      manifests: [apiServerSource({ filters: [{ exakt: { type: 'dev.knative.apiserver.resource.add' } }] })], field: 'spec.filters[0].exakt', value: '{"type"', also: ['EVT-APISERVER-006'],
    },
    {
      id: 'SCHEMA-002', name: 'a CiliumNetworkPolicy label value `kube-dns.` (the CRD\'s label-value pattern; found by the oracle)',
      manifests: [ciliumPolicy('kube-dns.')], field: 'spec.egress[0].toEndpoints[0].matchLabels["k8s:k8s-app"]', value: '"kube-dns."',
    },
    {
      id: 'SCHEMA-002', name: 'an ExternalSecret generator named like a URL (the CRD\'s name pattern; found by the oracle)',
      manifests: [{ ...externalSecret('external-secrets.io/v1'), spec: { dataFrom: [{ sourceRef: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name: 'http://example.com' } } }] } }],
      field: 'spec.dataFrom[0].sourceRef.generatorRef.name', value: '"http://example.com"',
    },
    {
      id: 'SCHEMA-005', name: 'a revision template with `labells` (kept by the CRD, dropped by Serving\'s lenient decoder)',
      manifests: [service({ labells: { app: 'agent' } })], field: 'spec.template.metadata.labells', value: '{"app":"agent"}',
    },
    {
      id: 'SCHEMA-002', name: 'an emptyDir sizeLimit of "" (the CRD keeps emptyDir whole; the webhook cannot decode the quantity; found by the oracle)',
      manifests: [emptyDirService({ sizeLimit: '' })], field: 'spec.template.spec.volumes[0].emptyDir.sizeLimit', value: '""',
    },
    {
      id: 'SCHEMA-002', name: 'an init container memory limit of "1 Gi" (a quantity has no inner space)',
      manifests: [{ ...emptyDirService({}), spec: { template: { spec: { containers: [{ image: 'ghcr.io/acme/agent:1.0.0' }], initContainers: [{ image: 'ghcr.io/acme/init:1.0.0', resources: { limits: { memory: '1 Gi' } } }] } } } }],
      settings: { serving: { features: { podspecInitContainers: FeatureState.ENABLED } } },
      field: 'spec.template.spec.initContainers[0].resources.limits.memory', value: '"1 Gi"',
    },
    {
      id: 'SCHEMA-005', name: 'an emptyDir with `sizelimt` (kept by the CRD, not a field of EmptyDirVolumeSource: Serving never reads it)',
      manifests: [emptyDirService({ sizelimt: '1Gi' })], field: 'spec.template.spec.volumes[0].emptyDir.sizelimt', value: '"1Gi"',
    },
  ],
  passes: [
    {
      name: 'a Deployment with quantities as numbers and strings and an int-or-string maxSurge',
      manifests: [deployment({ replicas: 2, strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } } }, { resources: { limits: { cpu: 1, memory: '1Gi' }, requests: { cpu: '250m' } } })],
    },
    {
      name: 'quantities in every form Kubernetes reads (1.5Gi, 500m, 1e3, +0.2, .5)',
      manifests: [deployment({}, { resources: { limits: { memory: '1.5Gi', cpu: '500m', 'ephemeral-storage': '1e3' }, requests: { cpu: '+0.2', memory: '.5' } } })],
    },
    { name: 'a HorizontalPodAutoscaler of autoscaling/v1, still served', manifests: [{ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: 'agents' }, spec: { maxReplicas: 3, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' } } }] },
    {
      name: 'an ApiServerSource with `filters`: a Go field the CRD does not declare', manifests: [apiServerSource({ filters: [{ exact: { type: 'dev.knative.apiserver.resource.add' } }] })],
      settings: { eventing: { features: { newApiServerSourceFilters: FeatureState.ENABLED } } },
    },
    { name: 'Go decodes field names case-insensitively: `Mode` is `mode`', manifests: [apiServerSource({ Mode: 'Resource' })] },
    {
      name: 'an ApiServerSource filter list with a null item and `Exact` (Go decodes null as the zero value, names case-insensitively)',
      manifests: [apiServerSource({ filters: [null, { Exact: { type: 'dev.knative.apiserver.resource.add' } }] })],
      settings: { eventing: { features: { newApiServerSourceFilters: FeatureState.ENABLED } } },
    },
    { name: 'a revision template with `generateName` (an ObjectMeta field the CRD does not declare)', manifests: [service({ generateName: 'agent-' })] },
    { name: 'the served external-secrets.io/v1', manifests: [externalSecret('external-secrets.io/v1')] },
    {
      name: 'container quantities " 100m ", "256Mi " and 0.5: Serving\'s defaulting webhook decodes and rewrites them before the CRD pattern is checked (the oracle found it)',
      manifests: [{ ...emptyDirService({}), spec: { template: { spec: { containers: [{ image: 'ghcr.io/acme/agent:1.0.0', resources: { requests: { cpu: ' 100m ', memory: '256Mi ' }, limits: { cpu: 0.5 } } }] } } } }],
    },
    {
      name: 'a Service container with `ports: [null]`: Go decodes the item as a zero ContainerPort, which the defaulting webhook writes back (the oracle found it)',
      manifests: [{ ...emptyDirService({}), spec: { template: { spec: { containers: [{ image: 'ghcr.io/acme/agent:1.0.0', ports: [null] }] } } } }],
    },
    {
      name: 'emptyDir sizeLimits as Quantity.UnmarshalJSON reads them: " 1Gi " (trimmed), the JSON number 0.5, null (unset), `SizeLimit` (case-insensitive)',
      manifests: [emptyDirService({ sizeLimit: ' 1Gi ', medium: 'Memory' }), { ...emptyDirService({ sizeLimit: 0.5 }), metadata: { name: 'b', namespace: 'agents' } },
        { ...emptyDirService({ sizeLimit: null }), metadata: { name: 'c', namespace: 'agents' } }, { ...emptyDirService({ SizeLimit: '512Mi' }), metadata: { name: 'd', namespace: 'agents' } }],
    },
    { name: 'a CiliumNetworkPolicy label value that matches the CRD\'s pattern', manifests: [ciliumPolicy('kube-dns')] },
    { name: 'a kind of a group no CRD here defines passes through', manifests: [{ apiVersion: 'example.com/v1alpha1', kind: 'Widget', metadata: { name: 'w' } }] },
  ],
};
