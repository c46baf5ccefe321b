// Checks of a prometheus-operator PrometheusRule, built from its rule table:
// the CRD's patterns and list-map keys (the compact schema checks types and
// required fields only), Prometheus' rule-file validation as the operator's
// admission webhook runs it (PromQL included, templates not), and scale
// alerts the cluster settings say cannot fire. Pure: manifest in, findings out.
import { arr, objOrEmpty as obj } from '../engine/json';
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import { PROMETHEUS_DURATION } from '../k8s/prometheus-duration';
import { matcherAdmits, promqlProblems, promqlSelectors } from '../k8s/promql';
import { MetricsProtocol } from '../settings/settings';
import type { ManifestValidator, ValidationContext } from '../settings/validation';
import { CONTROL_PLANE, EVENTING_LABELS, KAFKA_SOURCE_LABELS } from './metric-names';
import type { Located } from '../engine/engine';
import { PROMETHEUS_RULE_RULES as R } from './prometheus-rule.rules';

const CONTROL_PLANE_METRIC = new RegExp(`\\b(${Object.values(CONTROL_PLANE).join('|')})\\b`);
/** What only Knative Eventing's data plane writes: its `kn_eventing_*` metrics and the source labels (otelhttp's and Kafka's client metrics are everyone's). */
const EVENTING_METRIC = new RegExp(`\\b(kn_eventing_[a-zA-Z0-9_]*|${[EVENTING_LABELS.sourceName, EVENTING_LABELS.sourceNamespace, KAFKA_SOURCE_LABELS.sourceName, KAFKA_SOURCE_LABELS.sourceNamespace].join('|')})\\b`);

/** The KafkaSource kinds: both served versions (the construct renders v1beta1). */
const KAFKA_SOURCE_VERSIONS = new Set(['sources.knative.dev/v1beta1', 'sources.knative.dev/v1']);

/** The consumer groups of the KafkaSources among the objects, looked up once per validation. */
const CONSUMER_GROUPS = new WeakMap<readonly Located[], readonly string[]>();

function consumerGroupsOf(objects: readonly Located[]): readonly string[] {
  let groups = CONSUMER_GROUPS.get(objects);
  if (!groups) {
    groups = [...new Set(objects.flatMap(({ object }) => {
      const o = obj(object);
      const group = obj(o.spec).consumerGroup;
      return KAFKA_SOURCE_VERSIONS.has(String(o.apiVersion)) && o.kind === 'KafkaSource' && typeof group === 'string' && group !== '' ? [group] : [];
    }))];
    CONSUMER_GROUPS.set(objects, groups);
  }
  return groups;
}

/**
 * A Kafka client metric (`kafka_consumer_*`) of a KafkaSource's dispatcher in
 * `expr`, or undefined. Kafka's client metrics are every Micrometer Kafka
 * client's; they are eventing-kafka-broker's when a selector's `client_id`
 * matchers admit a client of a KafkaSource among the objects: its consumers,
 * without a `client.id` of their own, are `consumer-<consumer group>-<n>`
 * (kafka-clients ConsumerConfig.java#L681-693). The dispatcher binds them to
 * its meter registry, a Prometheus one only with knative-eventing's
 * `metrics-protocol: prometheus` (eventing-kafka-broker knative-v1.22.3
 * data-plane/core/.../observability/metrics/Metrics.java#L232-257
 * getRegistryFromConfig, #L275-303 register: KafkaClientMetrics bound to it).
 */
function kafkaSourceClientMetric(expr: string, objects: readonly Located[]): string | undefined {
  if (!expr.includes('kafka_consumer_')) return undefined;
  const groups = consumerGroupsOf(objects);
  if (groups.length === 0) return undefined;
  return promqlSelectors(expr).find((sel) => {
    const clients = sel.matchers.filter((m) => m.label === KAFKA_SOURCE_LABELS.clientId);
    return sel.metric?.startsWith('kafka_consumer_') && clients.length > 0
      && groups.some((g) => clients.every((m) => matcherAdmits(m, `consumer-${g}-0`)));
  })?.metric;
}

/** A duration Prometheus reads as zero (`0`, `0s`, `0m0s`): allowed even on a recording rule. */
const isZero = (d: unknown) => typeof d === 'string' && /^[0-9a-z]*$/.test(d) && d.replace(/[a-z]/g, '').split('').every((c) => c === '0');

const set = (v: unknown) => v !== undefined && v !== null && v !== '';

function checkDuration(value: unknown, field: string, out: FindingList, nonEmpty = false): void {
  if (typeof value !== 'string') return;
  if (!PROMETHEUS_DURATION.test(value) || (nonEmpty && value === '')) out.add(R.DURATION, field, value, 'not a Prometheus duration such as 30s, 5m or 1h30m');
}

function checkLabels(labels: unknown, field: string, out: FindingList, what: 'label' | 'annotation'): void {
  for (const key of Object.keys(obj(labels))) {
    if (key === '' || (what === 'label' && key === '__name__')) out.add(R.LABEL_NAME, `${field}.${key === '' ? '""' : key}`, key, `invalid ${what} name`);
  }
}

function checkRule(rule: Record<string, unknown>, at: string, ctx: ValidationContext, out: FindingList): void {
  const record = set(rule.record);
  const alert = set(rule.alert);
  if (record && alert) out.add(R.RECORD_OR_ALERT, `${at}.alert`, rule.alert, 'both record and alert are set');
  else if (!record && !alert) out.add(R.RECORD_OR_ALERT, `${at}.alert`, rule.alert, 'neither record nor alert is set');
  if (rule.expr === '' || (typeof rule.expr === 'string' && rule.expr.trim() === '')) out.add(R.RECORD_OR_ALERT, `${at}.expr`, rule.expr, 'the expression is empty');
  else if (typeof rule.expr === 'string') {
    for (const p of promqlProblems(rule.expr)) out.add(p.experimental ? R.EXPR_EXPERIMENTAL : R.EXPR, `${at}.expr`, rule.expr, `at column ${p.from + 1}: ${p.message}`);
  }
  checkDuration(rule.for, `${at}.for`, out);
  checkDuration(rule.keep_firing_for, `${at}.keep_firing_for`, out, true);
  if (record && !alert) {
    for (const key of ['for', 'keep_firing_for']) {
      if (set(rule[key]) && !isZero(rule[key])) out.add(R.RECORDING_FIELDS, `${at}.${key}`, rule[key], `invalid field '${key}' in recording rule`);
    }
    if (Object.keys(obj(rule.annotations)).length > 0) out.add(R.RECORDING_FIELDS, `${at}.annotations`, rule.annotations, "invalid field 'annotations' in recording rule");
    if (typeof rule.record === 'string' && /[{}]/.test(rule.record)) out.add(R.RECORDING_FIELDS, `${at}.record`, rule.record, 'braces present in the recording rule name; should it be in expr?');
  }
  checkLabels(rule.labels, `${at}.labels`, out, 'label');
  checkLabels(rule.annotations, `${at}.annotations`, out, 'annotation');
  const metrics = ctx.settings.serving.metricsProtocol;
  if (alert && typeof rule.expr === 'string' && metrics !== MetricsProtocol.PROMETHEUS) {
    const used = CONTROL_PLANE_METRIC.exec(rule.expr);
    if (used) out.add(R.CONTROL_PLANE_OFF, `${at}.expr`, used[1], `metrics-protocol is "${metrics}" (settings from ${ctx.settings.source}): Knative's autoscaler and activator export no ${used[1]}`);
  }
  const eventing = ctx.settings.eventing;
  if (alert && typeof rule.expr === 'string' && eventing.metricsProtocol !== MetricsProtocol.PROMETHEUS) {
    const used = EVENTING_METRIC.exec(rule.expr)?.[1] ?? kafkaSourceClientMetric(rule.expr, ctx.objects);
    if (used) {
      out.add(R.EVENTING_OFF, `${at}.expr`, used,
        `metrics-protocol is "${eventing.metricsProtocol}" in ConfigMap ${eventing.namespace}/config-observability (settings from ${ctx.settings.source}): Knative Eventing's dispatchers export no ${used}`);
    }
  }
}

export const PROMETHEUS_RULE_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'PrometheusRule',
  rules: R,
  validate: (o, ctx, out) => {
    const seen = new Set<string>();
    arr(obj(obj(o).spec).groups).forEach((raw, i) => {
      const group = obj(raw);
      const at = `spec.groups[${i}]`;
      if (group.name === '' || (typeof group.name === 'string' && seen.has(group.name))) {
        out.add(R.GROUP_NAME, `${at}.name`, group.name, group.name === '' ? 'the group name is empty' : `the group name "${String(group.name)}" is repeated`);
      }
      if (typeof group.name === 'string') seen.add(group.name);
      checkDuration(group.interval, `${at}.interval`, out);
      checkDuration(group.query_offset, `${at}.query_offset`, out);
      checkLabels(group.labels, `${at}.labels`, out, 'label');
      arr(group.rules).forEach((rule, j) => checkRule(obj(rule), `${at}.rules[${j}]`, ctx, out));
    });
  },
});
