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
//   pkg/broker/ingress/ingress_handler.go#L157-161 the broker ingress's own kn.eventing.dispatch.duration (s), recorded at
//     #L310-314 once per event it received and forwarded to the broker's channel (one with a response: a TTL drop, an
//     unready broker or a send error records nothing, #L349-374), with kn.broker.name/namespace (#L294,
//     pkg/observability/newcontext.go#L142-154, key.go#L41-42) and messaging.destination.name the channel's URL
//     (#L360): the filter's series of the same name carry `trigger:<name>.<namespace>` instead, so a selector without
//     those counts what a Broker received. AgentDeadLetters uses it for a Broker the app sends only dead letters to.
//   pkg/channel/fanout/fanout_event_handler.go#L166-171, #L308-328 (channel-based delivery: InMemoryChannel, Sequence,
//     Parallel, Subscription) records kn.eventing.dispatch.duration per subscription, messaging.destination.name
//     `subscription:<name>.<namespace>` (pkg/tracing/attributes.go#L33-35), with the dispatch info SendEvent returns:
//     after a dead-letter delivery that is the dead-letter request's (pkg/kncloudevents/event_dispatcher.go#L283-302,
//     `dispatchExecutionInfo` shadowed at #L286), so channel dead letters are not distinguishable either.
//   Eventing's own config-observability (knative-eventing): pkg/observability/config.go#L35-36 (prometheus on :9092),
//     #L62-85 NewFromMap over knative.dev/pkg observability/metrics/config.go#L65-70 (default `none`), #L79-84 (keys).
//
// KafkaSource (knative-extensions/eventing-kafka-broker knative-v1.22.3, the Java kafka-source-dispatcher in
// knative-eventing; it reads the same config-observability, data-plane/config/source/500-dispatcher.yaml#L79-81,#L171-173):
//   data-plane/core/src/main/java/dev/knative/eventing/kafka/broker/core/observability/metrics/Metrics.java
//     #L109 kn.eventing.dispatch.latency, #L357-363 a DistributionSummary in BaseUnits.MILLISECONDS with SLO buckets;
//     #L151 http.response.status_code, #L154-155 kn.<kind>.name / kn.<kind>.namespace (#L163-168, kind lowercased),
//     #L156 messaging.consumer.group.name; #L205-218 and #L256 a Prometheus registry on `metrics-protocol: prometheus`,
//     #L251-255 `grpc` exports nothing; #L275-277, #L297-303 KafkaClientMetrics of every consumer unless
//     DISABLE_KAFKA_CLIENTS_METRICS (not set in 500-dispatcher.yaml).
//   data-plane/dispatcher/.../main/ConsumerVerticleContext.java#L119-122: the tags of a consumer's meters, from the egress
//     reference, which control-plane/pkg/reconciler/consumer/consumer.go#L292-310 makes the KafkaSource (its
//     ConsumerGroup's owner, control-plane/pkg/reconciler/source/source.go#L155-160): kn.kafkasource.name/namespace.
//   data-plane/dispatcher/.../impl/RecordDispatcherImpl.java#L257-284, #L400-436: one kn.eventing.dispatch.latency per
//     event sent to the sink, on success and on final failure (then the event goes to the dead-letter sink), tagged
//     with the consumer's tags and the response code; a failure without a response carries only cloudevents.type.
//   Micrometer v1.15.4 (data-plane/pom.xml#L47), micrometer-registry-prometheus-simpleclient: PrometheusNamingConvention.java
//     #L57-90 (dots to `_`, the base unit appended: BaseUnits.java#L73 MILLISECONDS = "ms"), #L98-106 (tag keys);
//     PrometheusMeterRegistry.java#L98, #L213-322 (`_bucket`, `_count`, `_sum`, `_max`).
//   Kafka consumer lag: micrometer-core KafkaMetrics.java#L351-354 (`kafka.` + group without `-metrics` + name, `-` to `.`),
//     #L336-345 (tags: client-id → client.id); kafka-clients (3.9.1 pinned, read at 3.9.0) FetchMetricsRegistry.java#L98,#L133
//     records-lag-max in consumer-fetch-manager-metrics; ConsumerConfig.java#L681-693: without client.id (the data plane
//     sets none) a consumer is `consumer-<group.id>-<n>`.

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
  /** Histogram in seconds: the broker ingress's forwarding of each received event to the broker's channel, and the broker filter's deliveries (told apart by `messaging_destination_name`). */
  dispatchDuration: 'kn_eventing_dispatch_duration_seconds',
} as const;

/** Labels of Knative Eventing series. */
export const EVENTING_LABELS = {
  sourceName: 'kn_source_name',
  sourceNamespace: 'kn_source_namespace',
  statusCode: 'http_response_status_code',
  brokerName: 'kn_broker_name',
  brokerNamespace: 'kn_broker_namespace',
  /** The broker filter's is `trigger:<name>.<namespace>`; the ingress's the broker channel's URL. */
  destination: 'messaging_destination_name',
} as const;

/** eventing-kafka-broker's kafka-source-dispatcher (Micrometer), exported when knative-eventing's `metrics-protocol` is `prometheus`. */
export const KAFKA_SOURCE = {
  /** Histogram in milliseconds: one sample per event the dispatcher sent to a KafkaSource's sink, labelled with the response code. */
  dispatchLatency: 'kn_eventing_dispatch_latency_ms',
  /** Gauge: the Kafka consumer's maximum lag (records) over its partitions, labelled `client_id`. */
  recordsLagMax: 'kafka_consumer_fetch_manager_records_lag_max',
} as const;

/** Labels of the kafka-source-dispatcher's series. */
export const KAFKA_SOURCE_LABELS = {
  sourceName: 'kn_kafkasource_name',
  sourceNamespace: 'kn_kafkasource_namespace',
  statusCode: 'http_response_status_code',
  clientId: 'client_id',
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
