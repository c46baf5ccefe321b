// Builders shared by the observability cases and tests: agents of each kind,
// a ClusterProfile whose config-observability exports Prometheus metrics, and
// the hand-written kinds.
import { App, Chart } from 'cdk8s';
import { AgentJob, AgentKnativeService, AgentWorker, ClusterProfile, ClusterProfileProps, ISink, KafkaTrigger, MetricsProtocol, ScaleTrigger } from '../../lib';

export const IMAGE = 'ghcr.io/acme/triage:1.4.2';

/** A Knative agent `triage` (id `triage`). */
export function ksvc(chart: Chart, id = 'triage'): AgentKnativeService {
  return new AgentKnativeService(chart, id, { image: IMAGE });
}

/** A KEDA worker `worker` on Kafka lag 100, 0..30 replicas, metrics on `port` ('none': no port). */
export function worker(chart: Chart, port: number | 'none' = 9000, id = 'worker'): AgentWorker {
  return new AgentWorker(chart, id, {
    image: IMAGE, port: port === 'none' ? undefined : port, maxReplicas: 30,
    triggers: [ScaleTrigger.kafka({ bootstrapServers: ['kafka.kafka:9092'], consumerGroup: 'workers', topic: 'tickets', lagThreshold: 100 })],
  });
}

/** A KEDA job `job` on a Redis list (KEDA's default listLength 5), at most 20 jobs. */
export function job(chart: Chart, id = 'job'): AgentJob {
  return new AgentJob(chart, id, { image: IMAGE, maxReplicas: 20, triggers: [ScaleTrigger.redisList({ addresses: ['redis.redis:6379'], listName: 'jobs' })] });
}

/** The app's ClusterProfile: queue-proxy, control plane and eventing data plane export Prometheus metrics. */
export function metricsOn(chart: Chart, props: Partial<ClusterProfileProps> = {}): ClusterProfile {
  return new ClusterProfile(chart.node.root as App, 'cluster', {
    requestMetricsProtocol: MetricsProtocol.PROMETHEUS, metricsProtocol: MetricsProtocol.PROMETHEUS, eventingMetricsProtocol: MetricsProtocol.PROMETHEUS, ...props,
  });
}

/** A KafkaSource `tickets` (consumer group `agents-tickets`) sending to the agent, with the given dead-letter sink. */
export function kafkaSource(chart: Chart, sink: ISink, deadLetterSink?: ISink, id = 'tickets'): KafkaTrigger {
  return new KafkaTrigger(chart, id, { bootstrapServers: ['kafka.kafka:9092'], topics: ['tickets'], sink, delivery: deadLetterSink ? { deadLetterSink } : undefined });
}

/** A hand-written PodMonitor of the queue-proxy of `triage`. */
export function podMonitor(endpoint: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: { name: 'triage', namespace: 'agents' },
    spec: { selector: { matchLabels: { 'serving.knative.dev/service': 'triage' } }, podMetricsEndpoints: [{ port: 'http-usermetric', path: '/metrics', interval: '30s', ...endpoint }] },
  };
}

/** A hand-written PrometheusRule with the given groups (default: one alert). */
export function prometheusRule(groups?: unknown[]): Record<string, unknown> {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'agents', namespace: 'agents' },
    spec: { groups: groups ?? [{ name: 'agents', rules: [{ alert: 'AgentDown', expr: 'up == 0', for: '5m' }] }] },
  };
}

/** A hand-written dashboard ConfigMap for the Grafana sidecar. */
export function dashboardConfigMap(data: Record<string, string>, labels: Record<string, string> = { grafana_dashboard: '1' }): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'agents-dashboard', namespace: 'agents', labels }, data };
}

/** The hand-written settings of a cluster whose config-observability exports Prometheus metrics. */
export const METRICS_ON = { serving: { requestMetricsProtocol: 'prometheus', metricsProtocol: 'prometheus' }, eventing: { metricsProtocol: 'prometheus' } };
