// Shared builders for the event-source tests: an agent to send to, and
// valid hand-written source manifests to break one field at a time.
import { Chart } from 'cdk8s';
import { AgentKnativeService, AgentSecrets, IAgentSecrets } from '../../../lib';

export const SINK_URI = 'http://agent.agents.svc.cluster.local';

/** A clean agent to use as the sink. */
export function agent(chart: Chart, id = 'agent'): AgentKnativeService {
  return new AgentKnativeService(chart, id, { image: 'ghcr.io/acme/agent:1.0.0' });
}

/** Kafka credentials with a key map of user, password and mechanism. */
export function kafkaSecrets(chart: Chart, keys: Record<string, string> = { KAFKA_USER: 'user', KAFKA_PASSWORD: 'password', KAFKA_SASL_MECHANISM: 'sasl.mechanism' }): IAgentSecrets {
  return AgentSecrets.fromSecretName(chart, 'kafka-credentials', 'kafka-credentials', keys);
}

type Json = Record<string, any>;

function source(apiVersion: string, kind: string, spec: Json, metadata: Json = {}): Json {
  return { apiVersion, kind, metadata: { name: 'src', namespace: 'agents', ...metadata }, spec };
}

/** A valid KafkaSource; `spec` keys replace the base's (undefined removes one). */
export function kafkaSource(spec: Json = {}, metadata: Json = {}, apiVersion = 'sources.knative.dev/v1beta1'): Json {
  return source(apiVersion, 'KafkaSource', strip({
    bootstrapServers: ['my-cluster-kafka-bootstrap.kafka:9092'], topics: ['support-tickets'], consumerGroup: 'agents-src', sink: { uri: SINK_URI }, ...spec,
  }), metadata);
}

/** A valid PingSource. */
export function pingSource(spec: Json = {}, metadata: Json = {}, apiVersion = 'sources.knative.dev/v1'): Json {
  return source(apiVersion, 'PingSource', strip({ schedule: '0 2 * * *', sink: { uri: SINK_URI }, ...spec }), metadata);
}

/** A valid ApiServerSource. */
export function apiServerSource(spec: Json = {}, metadata: Json = {}): Json {
  return source('sources.knative.dev/v1', 'ApiServerSource', strip({
    mode: 'Reference', serviceAccountName: 'watcher', resources: [{ apiVersion: 'v1', kind: 'Pod' }], sink: { uri: SINK_URI }, ...spec,
  }), metadata);
}

function strip(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** A secretKeyRef block of the KafkaSource `net` spec. */
export const ref = (key: string, name: string | null = 'kafka-credentials') => ({ secretKeyRef: name === null ? { key } : { name, key } });

/** RBAC objects: a ServiceAccount, and a role of `kind` with `rules` bound to it (RoleBinding or ClusterRoleBinding). */
export function rbac(sa: string, kind: 'Role' | 'ClusterRole', rules: Json[], binding: 'RoleBinding' | 'ClusterRoleBinding' = kind === 'Role' ? 'RoleBinding' : 'ClusterRoleBinding'): Json[] {
  const ns = (k: string) => (k.startsWith('Cluster') ? {} : { namespace: 'agents' });
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: 'agents' } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: sa, ...ns(kind) }, rules },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: binding, metadata: { name: sa, ...ns(binding) },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name: sa }, subjects: [{ kind: 'ServiceAccount', name: sa, namespace: 'agents' }],
    },
  ];
}
