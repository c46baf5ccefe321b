// The rules of a prometheus-operator `monitoring.coreos.com/v1` PodMonitor of
// agents: what makes Prometheus scrape nothing.
//
// Upstream references:
//   QM = knative/serving knative-v1.23.0 pkg/queue/sharedmain/otel.go (the same in knative-v1.22.0)
//   OC = knative/serving knative-v1.23.0 config/core/configmaps/observability.yaml
//   PM = prometheus-operator v0.93.0 example/prometheus-operator-crd/monitoring.coreos.com_podmonitors.yaml
import { defineRules } from '../engine/rule';

/** A PodMonitor (and AgentMonitor's props). */
export const POD_MONITOR_RULES = defineRules({
  QUEUE_PROXY_OFF: {
    id: 'OBS-MON-001',
    title: 'a PodMonitor of the queue-proxy (`http-usermetric`, port 9091) needs config-observability `request-metrics-protocol: prometheus`',
    why: 'Since Knative 1.19 the queue-proxy exports request metrics through OpenTelemetry as `request-metrics-protocol` says, and the upstream default is `none`: only with `prometheus` does it serve `/metrics` on port 9091. Otherwise every scrape of the PodMonitor fails and no request rate, latency or queue depth reaches Prometheus.',
    fix: 'set `request-metrics-protocol: prometheus` in the knative-serving ConfigMap config-observability and declare it (ClusterProfile `requestMetricsProtocol: MetricsProtocol.PROMETHEUS`, or its `configMapFiles`)',
    yamlFix: 'set `request-metrics-protocol: prometheus` in ConfigMap knative-serving/config-observability, and give that ConfigMap to `check` (--config-map) so the settings say so',
    upstream: 'QM#L47-53 (prometheus on :9091 only when request-metrics-protocol is prometheus); knative/serving knative-v1.23.0 pkg/reconciler/revision/resources/queue.go#L67-73 (port http-usermetric declared); OC#L109-119 (request-metrics-protocol: "none (the default)")',
    effect: 'runtime',
    severity: 'warning',
    openWorld: 'the cluster settings may not state config-observability: the upstream default (none) is assumed',
  },
  WORKER_PORT: {
    id: 'OBS-MON-002',
    title: 'a PodMonitor endpoint names the port to scrape (`port` or `portNumber`); a monitored worker has a metrics `port`',
    why: 'Without a port the operator keeps every declared container port of the selected pods as a target (the app\'s, the probes\', the queue-proxy\'s), each scraped at the metrics path, and a pod that declares no port gives one port-less target: the scrapes of everything but the metrics endpoint fail, and a worker without a port serves no metrics at all.',
    fix: 'give the worker its metrics `port` (AgentWorker/AgentJob `port`), or pass `port` to AgentMonitor',
    yamlFix: 'set `port` (a container port name) or `portNumber` on each entry of `spec.podMetricsEndpoints`',
    upstream: 'prometheus-operator v0.93.0 pkg/prometheus/promcfg.go#L1569-1598 (the keep relabeling only for port, portNumber or targetPort); PM#L801-830',
    effect: 'runtime',
  },
  INTERVAL: {
    id: 'OBS-MON-003',
    title: '`interval` and `scrapeTimeout` of a PodMonitor endpoint are Prometheus durations (`30s`, `1m`, `1m30s`)',
    why: 'The CRD schema refuses any other text (pattern `^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$`): no fractions, no spaces, units largest first.',
    fix: 'pass a cdk8s Duration as `interval` (the construct writes it in Prometheus\' form)',
    yamlFix: 'write the duration as whole numbers of y, w, d, h, m, s, ms, largest first (e.g. `1m30s`, not `90.5s`)',
    upstream: 'PM#L355, PM#L987 (kubebuilder Pattern on interval and scrapeTimeout)',
    effect: 'reject',
  },
});
