// The metric names and labels the monitors, alerts and dashboards query, as
// Prometheus sees them: Knative 1.21+ names its OpenTelemetry instruments
// `kn.serving.*` / `kn.revision.*`, and its Prometheus exporter
// (otlptranslator UnderscoreEscapingWithSuffixes) turns dots into underscores
// and adds the unit suffix (`s` → `_seconds`; units in braces add none).
//
// Upstream references (knative/serving knative-v1.23.0, the same in knative-v1.22.0):
//   pkg/queue/request_metric.go#L60-76 kn.serving.invocation.duration (s), kn.serving.queue.depth ({request})
//   pkg/reconciler/autoscaling/kpa/metrics.go#L74-102 kn.revision.pods.requested / .count ({pod})
//   pkg/activator/handler/metrics.go#L86-100 kn.revision.request.queued ({request})
//   vendor/knative.dev/pkg/observability/metrics/prometheus_enabled.go#L33-37 (translation strategy)
//   vendor/github.com/prometheus/otlptranslator/unit_namer.go#L94-120 (no suffix for `{...}` units)
//   pkg/networking/constants.go#L40-42 UserQueueMetricsPort 9091; pkg/apis/serving/v1/revision_helpers.go#L45-47 `http-usermetric`
// KEDA v2.20.2 pkg/metricscollector/prommetrics.go#L35-106: keda_scaler_metrics_value, keda_scaler_detail_errors_total.
//
// Knative Eventing 1.22 (knative/eventing knative-v1.22.2, knative.dev/eventing v0.49.2):
//   pkg/broker/filter/filter_handler.go#L198-203 kn.eventing.dispatch.duration (s), recorded per delivery at #L509-511
//     with the labeler's attributes: messaging.destination.name `trigger:<name>.<namespace>` (#L280,
//     pkg/tracing/attributes.go#L29-31), kn.broker.name/namespace (#L282), http.response.status_code.
//     The dead-letter delivery (#L395-417, `sending to dls`) is recorded under the same attributes as the
//     subscriber's: eventing itself counts no dead letters, so AgentDeadLetters reads what reaches a
//     Knative Service dead-letter sink from its queue-proxy (QUEUE_PROXY.duration above).
//   pkg/adapter/apiserver/delegate.go#L88-93 and pkg/adapter/mtping/runner.go#L156-161 put kn.source.name /
//     kn.source.namespace (pkg/observability/key.go#L36-37) on the labeler the adapter's otelhttp transport
//     (pkg/adapter/v2/cloudevents.go#L202) adds to its metrics: vendor/go.opentelemetry.io/contrib/
//     instrumentation/net/http/otelhttp/transport.go#L112-164 (otelhttp v0.68.0), instrument
//     vendor/go.opentelemetry.io/otel/semconv/v1.40.0/httpconv/metric.go#L715-737 http.client.request.duration (s).
//   (The broker filter's kn_eventing_dispatch_duration_seconds is not alerted on: it cannot tell dead letters apart.)
//   No KafkaSource lag metric: KafkaSource is knative-extensions/eventing-kafka-broker, not covered here.

/** The queue-proxy's Prometheus endpoint, when `request-metrics-protocol` is `prometheus`. */
export const QUEUE_PROXY_METRICS = { port: 9091, portName: 'http-usermetric', path: '/metrics' } as const;

/** Queue-proxy request metrics (one series set per pod; labelled by the PodMonitor's relabelings below). */
export const QUEUE_PROXY = {
  /** Histogram of request durations in seconds, labelled `http_response_status_code`. */
  duration: 'kn_serving_invocation_duration_seconds',
  /** Gauge: requests waiting in the queue-proxy. */
  queueDepth: 'kn_serving_queue_depth',
} as const;

/** Knative control-plane metrics (autoscaler, activator), exported when `metrics-protocol` is `prometheus`. */
export const CONTROL_PLANE = {
  /** Gauge: pods the autoscaler asked for. */
  podsRequested: 'kn_revision_pods_requested',
  /** Gauge: ready pods. */
  podsReady: 'kn_revision_pods_count',
  /** Gauge: requests waiting in the activator for a pod (a revision scaling from zero). */
  activatorQueued: 'kn_revision_request_queued',
} as const;

/**
 * Labels of Knative series: the control plane writes them as metric
 * attributes; the PodMonitor copies the same from the revision pod's labels
 * onto the queue-proxy's series (its exporter keeps resource attributes in
 * `target_info` only).
 */
export const KNATIVE_LABELS = {
  namespace: 'k8s_namespace_name',
  service: 'kn_service_name',
  configuration: 'kn_configuration_name',
  revision: 'kn_revision_name',
} as const;

/** Knative Eventing data-plane metrics (Eventing 1.19+), exported when config-observability's `metrics-protocol` is `prometheus`. */
export const EVENTING = {
  /** Histogram: the HTTP requests of the ApiServerSource and PingSource adapters to their sinks, in seconds. */
  sourceRequestDuration: 'http_client_request_duration_seconds',
} as const;

/** Labels of Knative Eventing series. */
export const EVENTING_LABELS = {
  sourceName: 'kn_source_name',
  sourceNamespace: 'kn_source_namespace',
  statusCode: 'http_response_status_code',
} as const;

/** KEDA operator metrics. */
export const KEDA = {
  /** Gauge: the current value of each trigger's metric (e.g. the total Kafka lag). */
  value: 'keda_scaler_metrics_value',
  /** Counter: errors of each trigger's scaler. */
  errors: 'keda_scaler_detail_errors_total',
} as const;

/** A PromQL label matcher list, `{a="x",b=~"y.*",c!~"2.."}`: values escaped, keys in the given order, unset ones left out; `regex` keys match with `=~`, `notRegex` keys with `!~`. */
export function matchers(labels: Readonly<Record<string, string | undefined>>, regex: readonly string[] = [], notRegex: readonly string[] = []): string {
  const op = (k: string) => (notRegex.includes(k) ? '!~' : regex.includes(k) ? '=~' : '=');
  const parts = Object.entries(labels).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}${op(k)}${JSON.stringify(v)}`);
  return `{${parts.join(',')}}`;
}
