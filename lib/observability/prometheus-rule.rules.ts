// The rules of a prometheus-operator `monitoring.coreos.com/v1` PrometheusRule:
// what its CRD schema refuses beyond types (duration patterns, group names as
// list-map keys), what the operator's admission webhook refuses (it runs
// Prometheus' own rule-file validation), and alerts that can never fire.
//
// Upstream references:
//   PR = prometheus-operator v0.93.0 example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml
//   PA = prometheus-operator v0.93.0 pkg/admission/admission.go; PO = pkg/operator/rules.go
//   RF = prometheus/prometheus v0.313.1 (the module v0.93.0 pins) model/rulefmt/rulefmt.go
//   OC = knative/serving knative-v1.23.0 config/core/configmaps/observability.yaml
//   (OBS-ALERT-002 cites knative/eventing and eventing-kafka-broker in full)
//   PP = prometheus/prometheus v0.313.1 promql/parser (parse.go, lex.go, functions.go), which RF Rule.Validate runs on `expr`
// Go templates in labels and annotations (RF Rule.Validate's template parse) are not checked.
import { defineRules } from '../engine/rule';

/** A PrometheusRule (and the alerts AgentAlerts renders). */
export const PROMETHEUS_RULE_RULES = defineRules({
  DURATION: {
    id: 'PROMRULE-DUR-001',
    title: '`interval`, `query_offset`, `for` and `keep_firing_for` are Prometheus durations (`30s`, `5m`, `1h30m`)',
    why: 'The CRD schema refuses any other text (pattern `^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$`): no fractions, no spaces, units largest first.',
    fix: 'pass cdk8s Durations to AgentAlerts (it writes them in Prometheus\' form) rather than overriding the field',
    yamlFix: 'write the duration as whole numbers of y, w, d, h, m, s, ms, largest first (e.g. `1h30m`, not `1.5h` or `90 m`)',
    upstream: 'PR#L57-61, PR#L89-96, PR#L123-134 (kubebuilder Pattern)',
    effect: 'reject',
  },
  GROUP_NAME: {
    id: 'PROMRULE-GROUP-001',
    title: 'every group has a name, and no two groups of a PrometheusRule share one',
    why: '`spec.groups` is a list-map keyed by `name`: the API server refuses a duplicate ("Duplicate value"), and Prometheus\' rule-file validation (run by the operator\'s admission webhook) refuses an empty or repeated group name.',
    fix: 'give each group its own name (AgentAlerts names one group per agent)',
    yamlFix: 'give each entry of `spec.groups` a distinct, non-empty `name`',
    upstream: 'PR#L153-155 (x-kubernetes-list-map-keys name); RF RuleGroups.Validate ("Groupname must not be empty", "groupname: ... is repeated in the same file")',
    effect: 'reject',
  },
  RECORD_OR_ALERT: {
    id: 'PROMRULE-RULE-001',
    title: 'a rule is either a recording rule (`record`) or an alerting rule (`alert`), and has an `expr`',
    why: 'Prometheus\' rule validation refuses a rule with both or neither ("only one of \'record\' and \'alert\' must be set") and one with an empty expr; the operator\'s admission webhook runs it on every PrometheusRule, and a Prometheus without the webhook fails to load the rule file.',
    fix: 'set exactly one of `record` and `alert`, and a PromQL `expr`',
    upstream: 'PA validatePrometheusRules → PO#L204-236 ValidateRule → RF Rule.Validate',
    effect: 'reject',
  },
  RECORDING_FIELDS: {
    id: 'PROMRULE-RULE-002',
    title: 'a recording rule has no `for`, `keep_firing_for` or `annotations`, and its name is a metric name without braces',
    why: 'Prometheus\' rule validation refuses them ("invalid field \'for\' in recording rule", "braces present in the recording rule name; should it be in expr?"): those fields belong to alerting rules.',
    fix: 'remove `for`, `keep_firing_for` and `annotations` from the recording rule, or make it an alert; put selectors in `expr`, not in `record`',
    upstream: 'RF Rule.Validate (record branch)',
    effect: 'reject',
  },
  LABEL_NAME: {
    id: 'PROMRULE-LABEL-001',
    title: 'rule and group labels do not set `__name__`, and no label or annotation name is empty',
    why: 'Prometheus\' rule validation refuses `__name__` as a label of a rule or group and every empty name ("invalid label name", "invalid annotation name"), under both name validation schemes.',
    fix: 'rename the label',
    upstream: 'RF RuleGroups.Validate (group labels), Rule.Validate (labels, annotations)',
    effect: 'reject',
  },
  EXPR: {
    id: 'PROMRULE-EXPR-001',
    title: 'a rule\'s `expr` is PromQL that Prometheus parses: syntax, argument types, ranges only on selectors, valid regexps and escapes',
    why: 'Prometheus\' rule validation parses every `expr` (parser.ParseExpr, with its type checks) and the operator\'s admission webhook refuses the PrometheusRule on the first error ("expected type range vector in call to function \\"rate\\", got instant vector", "vector selector must contain at least one non-empty matcher"); without the webhook, Prometheus fails to load the whole rule file, and every other alert of it with it.',
    fix: 'correct the expression (the finding names the first problem Prometheus reports; try it in the Prometheus UI)',
    upstream: 'RF Rule.Validate (parser.ParseExpr); PP parse.go checkAST, lex.go lexString/lexEscape; judged against 5,000 expressions recorded with PP ParseExpr (test/k8s/promql-vectors.json)',
    effect: 'reject',
  },
  EXPR_EXPERIMENTAL: {
    id: 'PROMRULE-EXPR-002',
    title: 'experimental PromQL (`limitk`, `mad_over_time`, `sort_by_label`, duration arithmetic, ...) needs `--enable-feature` on the webhook and on Prometheus',
    why: 'promql/parser refuses experimental functions and aggregators ("function \\"mad_over_time\\" is not enabled") and duration expressions unless the process runs with `--enable-feature=promql-experimental-functions` (or `promql-duration-expr`); the operator\'s admission webhook and Prometheus each have their own flag, and the manifests cannot show either.',
    fix: 'use a stable function, or enable the feature on the admission webhook and on every Prometheus that loads the rule, then acknowledge this warning with that reason',
    yamlFix: 'use a stable function, or enable the feature on the admission webhook and on every Prometheus that loads the rule, then acknowledge it in cdk8s-agents.yaml (`acknowledgements: [{ object: PrometheusRule/<namespace>/<name>, rule: <rule id>, reason: ... }]`)',
    upstream: 'PP functions.go (`Experimental: true`), parse.go#L482-484 (experimental aggregators), #L1212-1214 (duration expressions); prometheus-operator v0.93.0 cmd/admission-webhook/main.go#L87-99 (the flags)',
    effect: 'reject',
    openWorld: 'the --enable-feature flags of the webhook and of Prometheus are not in the cluster settings',
    severity: 'warning',
  },
  CONTROL_PLANE_OFF: {
    id: 'OBS-ALERT-001',
    title: 'alerts on Knative\'s scale metrics (`kn_revision_pods_*`, `kn_revision_request_queued`) need config-observability `metrics-protocol: prometheus`',
    why: 'The autoscaler and the activator export these metrics as `metrics-protocol` says, and the upstream default is `none`: without `prometheus` (and a scrape of their pods in knative-serving) the series never exist, and the slow-scale-up and cold-start alerts never fire.',
    fix: 'set `metrics-protocol: prometheus` in the knative-serving ConfigMap config-observability, scrape the autoscaler and activator, and declare it (ClusterProfile `metricsProtocol: MetricsProtocol.PROMETHEUS`)',
    yamlFix: 'set `metrics-protocol: prometheus` in ConfigMap knative-serving/config-observability, and give that ConfigMap to `check` (--config-map) so the settings say so',
    upstream: 'OC#L92-105 (metrics-protocol: "none (the default)"); knative/serving knative-v1.23.0 pkg/reconciler/autoscaling/kpa/metrics.go#L74-102, pkg/activator/handler/metrics.go#L86-100',
    effect: 'runtime',
    severity: 'warning',
    openWorld: 'the cluster settings may not state config-observability: the upstream default (none) is assumed',
  },
  EVENTING_OFF: {
    id: 'OBS-ALERT-002',
    title: 'alerts on Knative Eventing\'s data-plane metrics (`kn_eventing_*`, `kn_source_*`, `kn_kafkasource_*`, and the Kafka consumer metrics of a KafkaSource\'s dispatcher) need config-observability `metrics-protocol: prometheus` in knative-eventing',
    why: 'The broker, channel and source dispatchers (and eventing-kafka-broker\'s, which mount the same ConfigMap) export their metrics as knative-eventing\'s own config-observability says, not serving\'s, and the upstream default is `none` (eventing-kafka-broker\'s Java data plane exports nothing with `grpc` either): without `prometheus` (and a scrape of the dispatcher and adapter pods) the series never exist, and the source-failure, Kafka-lag and dispatch alerts never fire. Kafka\'s client metrics (`kafka_consumer_*`) are every Kafka client\'s: they count as the dispatcher\'s when a selector\'s `client_id` admits a consumer of a KafkaSource among the objects (`consumer-<consumer group>-<n>`).',
    fix: 'set `metrics-protocol: prometheus` in the knative-eventing ConfigMap config-observability, scrape the eventing data plane, and declare it (ClusterProfile `eventingMetricsProtocol: MetricsProtocol.PROMETHEUS`)',
    yamlFix: 'set `metrics-protocol: prometheus` in ConfigMap knative-eventing/config-observability, and give that ConfigMap to `check` (--config-map) so the settings say so',
    upstream: 'knative/eventing knative-v1.22.2 config/core/configmaps/observability.yaml#L44-46 ("none (the default)"), pkg/observability/config.go#L62-85 with knative.dev/pkg observability/metrics/config.go#L65-70,#L79-84; eventing-kafka-broker knative-v1.22.3 data-plane/config/source/500-dispatcher.yaml#L79-81,#L171-173 (the mount), data-plane/core/.../observability/metrics/Metrics.java#L232-257 (getRegistryFromConfig: a Prometheus registry only for `prometheus`), #L275-303 (the consumers\' KafkaClientMetrics bound to that registry); kafka-clients 3.9.0 ConsumerConfig.java#L681-693 (client.id `consumer-<group.id>-<n>`)',
    effect: 'runtime',
    severity: 'warning',
    openWorld: 'the cluster settings may not state knative-eventing\'s config-observability: the upstream default (none) is assumed',
  },
});
