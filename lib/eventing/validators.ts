// Manifest validators of the eventing kinds this library renders. Pure:
// manifest and settings in, findings out; the same checks serve synth and
// `cdk8s-agents check`.
import type { ManifestValidator } from '../settings/validation';
import { KUBERNETES_DIALECT } from '../pod/deployment.validator';
import { isDns1123Label, isDns1123Subdomain, isLabelValue } from '../k8s/names';
import { checkPodSpec } from '../pod/podspec';
import { KUBERNETES_POD_RULES, SHARED_POD_RULES } from '../pod/pod-rules';
import { FindingList } from '../engine/rule';
import { ClusterSettings, eventingFlagSetting, eventingFeatureAllows, TransportEncryption } from '../settings/settings';
import { checkDelivery, checkDestination, checkReference, DELIVERY_RULES, DESTINATION_RULES, parseIsoPeriod } from './delivery';
import { checkAttributesFilter, checkFiltersList, FILTER_RULES } from './filters';
import { EVENTING_RULES as R } from './rules';
import { arr, obj } from '../engine/json';

const annField = (key: string) => `metadata.annotations["${key}"]`;
/** The Broker, Trigger, Sequence and Parallel CRDs have no `ref.group`: the API server prunes it. */
const NO_GROUP = { groupInSchema: false } as const;

/** The broker classes a Knative installation ships. */
export const BROKER_CLASSES = ['MTChannelBasedBroker', 'Kafka', 'KafkaNamespaced'];
export const BROKER_CLASS_ANNOTATION = 'eventing.knative.dev/broker.class';

/** Kinds that check EventPolicies in Knative 1.22 (group/kind). */
export const POLICY_ENFORCING_KINDS = new Set([
  'eventing.knative.dev/Broker', 'messaging.knative.dev/Channel', 'messaging.knative.dev/InMemoryChannel', 'messaging.knative.dev/KafkaChannel',
  'flows.knative.dev/Sequence', 'flows.knative.dev/Parallel', 'sinks.knative.dev/JobSink', 'sinks.knative.dev/IntegrationSink',
  'eventing.knative.dev/EventTransform', 'eventing.knative.dev/KafkaSink', 'eventing.knative.dev/RequestReply',
]);

/** `group/Kind` of an apiVersion and kind. */
export { groupKind } from '../k8s/object-index';
import { groupKind } from '../k8s/object-index';

function checkName(m: any, out: FindingList): void {
  const name = m?.metadata?.name;
  if (typeof name !== 'string' || !isDns1123Subdomain(name)) out.add(R.NAME, 'metadata.name', name ?? null, typeof name === 'string' && name.length > 253 ? `${name.length} characters, at most 253` : undefined);
  const ns = m?.metadata?.namespace;
  if (ns !== undefined && (typeof ns !== 'string' || !isDns1123Label(ns))) out.add(R.NAME, 'metadata.namespace', ns, 'not a DNS-1123 label');
}

/** Strict decoding of a preserve-unknown-fields object: keys Go would not match to a field (case-insensitively). */
function unknownKeys(o: Record<string, any>, known: readonly string[]): string[] {
  return Object.keys(o).filter((k) => !known.some((n) => n.toLowerCase() === k.toLowerCase()));
}

// ---------------------------------------------------------------------------
// Broker

export function validateBroker(m: any, settings: ClusterSettings, out: FindingList): void {
  checkName(m, out);
  const annotations = obj(m?.metadata?.annotations) ?? {};
  const cls = annotations[BROKER_CLASS_ANNOTATION];
  if (cls !== undefined && (cls === '' || cls === null)) out.add(R.BROKER_CLASS_EMPTY, annField(BROKER_CLASS_ANNOTATION), cls);
  else if (typeof cls === 'string' && !BROKER_CLASSES.includes(cls)) {
    const guess = BROKER_CLASSES.find((c) => c.toLowerCase() === cls.toLowerCase());
    out.add(R.UNKNOWN_CLASS, annField(BROKER_CLASS_ANNOTATION), cls, undefined, guess ? `use "${guess}" (the class is case-sensitive)` : undefined);
  }
  const spec = obj(m?.spec) ?? {};
  const config = obj(spec.config);
  const kafka = cls === 'Kafka' || cls === 'KafkaNamespaced';
  if (config) {
    checkReference(config, 'spec.config', out, settings, R.BROKER_CONFIG_REF);
    if (kafka && typeof config.kind === 'string' && config.kind !== '' && config.kind.toLowerCase() !== 'configmap') out.add(R.KAFKA_CONFIG_KIND, 'spec.config.kind', config.kind);
    const ns = m?.metadata?.namespace;
    if (cls === 'KafkaNamespaced' && typeof config.namespace === 'string' && config.namespace !== '' && typeof ns === 'string' && config.namespace !== ns) {
      out.add(R.KAFKA_NAMESPACED_CONFIG, 'spec.config.namespace', config.namespace, `the Broker is in "${ns}"`);
    }
  } else if (kafka) {
    out.add(R.KAFKA_WITHOUT_CONFIG, 'spec.config', spec.config ?? null, `a ${cls} Broker without spec.config`);
  }
  checkDelivery(spec.delivery, 'spec.delivery', settings, out, NO_GROUP);
}

// ---------------------------------------------------------------------------
// Trigger

const TRIGGER_SPEC_KEYS = ['broker', 'brokerRef', 'filter', 'filters', 'subscriber', 'delivery'];

export function validateTrigger(m: any, settings: ClusterSettings, out: FindingList): void {
  checkName(m, out);
  const spec = obj(m?.spec) ?? {};
  for (const key of unknownKeys(spec, TRIGGER_SPEC_KEYS)) out.add(R.TRIGGER_UNKNOWN_FIELD, `spec.${key}`, spec[key], `"${key}" is not a Trigger spec field`);
  const broker = typeof spec.broker === 'string' && spec.broker !== '' ? spec.broker : undefined;
  const brokerRef = obj(spec.brokerRef);
  if (!broker && !brokerRef) out.add(R.TRIGGER_NO_BROKER, 'spec.broker', spec.broker ?? null);
  if (broker && brokerRef) out.add(R.TRIGGER_BOTH_BROKERS, 'spec.brokerRef', brokerRef);
  if (brokerRef && brokerRef.namespace && !eventingFeatureAllows(settings, 'crossNamespaceEventLinks')) {
    out.add(R.TRIGGER_CROSS_NAMESPACE, 'spec.brokerRef.namespace', brokerRef.namespace, `the cluster has ${eventingFlagSetting(settings, 'crossNamespaceEventLinks')}`);
  }
  if (broker && !isLabelValue(broker)) out.add(R.TRIGGER_BROKER_LABEL, 'spec.broker', broker, broker.length > 63 ? `${broker.length} characters` : 'not a valid label value');
  checkAttributesFilter(spec.filter, 'spec.filter', out);
  checkFiltersList(spec.filters, 'spec.filters', out);
  if (spec.subscriber === undefined || spec.subscriber === null) out.add(DESTINATION_RULES.EMPTY, 'spec.subscriber', null, 'the Trigger has no subscriber');
  else checkDestination(spec.subscriber, 'spec.subscriber', out, settings, NO_GROUP);
  checkDelivery(spec.delivery, 'spec.delivery', settings, out, NO_GROUP);
  checkTriggerAnnotations(m, broker, out);
}

function checkTriggerAnnotations(m: any, broker: string | undefined, out: FindingList): void {
  const annotations = obj(m?.metadata?.annotations) ?? {};
  const dep = annotations['knative.dev/dependency'];
  if (dep !== undefined) {
    const field = annField('knative.dev/dependency');
    let ref: any;
    try {
      ref = JSON.parse(String(dep));
    } catch {
      ref = undefined;
    }
    if (!obj(ref)) out.add(R.TRIGGER_DEPENDENCY, field, dep, 'not a JSON object reference');
    else {
      const missing = ['kind', 'name', 'apiVersion'].filter((k) => typeof ref[k] !== 'string' || ref[k] === '');
      if (missing.length > 0) out.add(R.TRIGGER_DEPENDENCY, field, dep, `missing ${missing.join(', ')}`);
      const ns = m?.metadata?.namespace;
      if (typeof ref.namespace === 'string' && ref.namespace !== '' && ref.namespace !== ns) out.add(R.TRIGGER_DEPENDENCY, field, dep, `namespace "${ref.namespace}" is not the Trigger's`);
    }
  }
  const injection = annotations['eventing.knative.dev/injection'];
  if (injection !== undefined) {
    const field = annField('eventing.knative.dev/injection');
    if (injection !== 'enabled' && injection !== 'disabled') out.add(R.TRIGGER_INJECTION, field, injection, 'only "enabled" or "disabled"');
    else if (broker !== 'default') out.add(R.TRIGGER_INJECTION, field, injection, `only for the broker "default", not "${broker ?? ''}"`);
  }
}

// ---------------------------------------------------------------------------
// Sequence, Parallel

function checkChannelTemplate(t: unknown, out: FindingList): void {
  const tpl = obj(t);
  if (!tpl) return; // absent: defaulted to InMemoryChannel
  const missing = ['apiVersion', 'kind'].filter((k) => typeof tpl[k] !== 'string' || tpl[k] === '');
  for (const k of missing) out.add(R.CHANNEL_TEMPLATE, `spec.channelTemplate.${k}`, tpl[k] ?? null, `missing \`${k}\``);
  if (tpl.kind === 'KafkaChannel' && String(tpl.apiVersion ?? '').startsWith('messaging.knative.dev/')) {
    const spec = obj(tpl.spec) ?? {};
    for (const key of ['numPartitions', 'replicationFactor']) {
      const v = spec[key];
      if (v !== undefined && !(typeof v === 'number' && v > 0)) out.add(R.KAFKA_CHANNEL_SPEC, `spec.channelTemplate.spec.${key}`, v, 'must be greater than 0');
    }
    if (spec.retentionDuration !== undefined) {
      const p = parseIsoPeriod(spec.retentionDuration);
      if (!p || p.negative) out.add(R.KAFKA_CHANNEL_SPEC, 'spec.channelTemplate.spec.retentionDuration', spec.retentionDuration, p ? 'must not be negative' : 'not an ISO-8601 period such as "P7D"');
    }
  }
}

export function validateSequence(m: any, settings: ClusterSettings, out: FindingList): void {
  checkName(m, out);
  const spec = obj(m?.spec) ?? {};
  const steps = arr(spec.steps);
  if (steps.length === 0) out.add(R.NO_STEPS, 'spec.steps', spec.steps ?? null);
  steps.forEach((step, i) => {
    checkDestination(step, `spec.steps[${i}]`, out, settings, NO_GROUP);
    checkDelivery(obj(step)?.delivery, `spec.steps[${i}].delivery`, settings, out, NO_GROUP);
  });
  checkChannelTemplate(spec.channelTemplate, out);
  if (spec.reply !== undefined && spec.reply !== null) checkDestination(spec.reply, 'spec.reply', out, settings, NO_GROUP);
}

const BRANCH_KEYS = ['filter', 'subscriber', 'reply', 'delivery'];

export function validateParallel(m: any, settings: ClusterSettings, out: FindingList): void {
  checkName(m, out);
  const spec = obj(m?.spec) ?? {};
  const branches = arr(spec.branches);
  if (branches.length === 0) out.add(R.NO_BRANCHES, 'spec.branches', spec.branches ?? null);
  branches.forEach((b, i) => {
    const branch = obj(b) ?? {};
    const at = `spec.branches[${i}]`;
    for (const key of unknownKeys(branch, BRANCH_KEYS)) out.add(R.BRANCH_UNKNOWN_FIELD, `${at}.${key}`, branch[key], `"${key}" is not a branch field`);
    if (branch.filter !== undefined && branch.filter !== null) checkDestination(branch.filter, `${at}.filter`, out, settings, NO_GROUP);
    if (branch.subscriber === undefined || branch.subscriber === null) out.add(DESTINATION_RULES.EMPTY, `${at}.subscriber`, null, 'the branch has no subscriber');
    else checkDestination(branch.subscriber, `${at}.subscriber`, out, settings, NO_GROUP);
    if (branch.reply !== undefined && branch.reply !== null) checkDestination(branch.reply, `${at}.reply`, out, settings, NO_GROUP);
    // Not validated at admission, but copied into the branch's Subscription, which is.
    checkDelivery(branch.delivery, `${at}.delivery`, settings, out, NO_GROUP);
  });
  checkChannelTemplate(spec.channelTemplate, out);
  if (spec.reply !== undefined && spec.reply !== null) checkDestination(spec.reply, 'spec.reply', out, settings, NO_GROUP);
}

// ---------------------------------------------------------------------------
// JobSink

export function validateJobSink(m: any, settings: ClusterSettings, out: FindingList): void {
  checkName(m, out);
  const name = m?.metadata?.name;
  if (typeof name === 'string' && isDns1123Subdomain(name) && !isLabelValue(name)) out.add(R.JOBSINK_NAME_LABEL, 'metadata.name', name, `${name.length} characters, at most 63`);
  const job = obj(obj(m?.spec)?.job);
  if (!job) {
    out.add(R.JOBSINK_NO_JOB, 'spec.job', obj(m?.spec)?.job ?? null);
    return;
  }
  const jobSpec = obj(job.spec) ?? {};
  for (const [key, min] of [['backoffLimit', 0], ['ttlSecondsAfterFinished', 0], ['activeDeadlineSeconds', 1]] as const) {
    const v = jobSpec[key];
    if (typeof v === 'number' && v < min) out.add(R.JOBSINK_JOB_SPEC, `spec.job.spec.${key}`, v, min === 0 ? 'must be ≥ 0' : 'must be > 0');
  }
  const podSpec = obj(obj(jobSpec.template)?.spec);
  const base = 'spec.job.spec.template.spec';
  if (!podSpec || arr(podSpec.containers).length === 0) out.add(R.JOBSINK_NO_CONTAINER, `${base}.containers`, podSpec?.containers ?? null);
  const restart = podSpec?.restartPolicy;
  if (restart !== 'Never' && restart !== 'OnFailure') out.add(R.JOBSINK_RESTART_POLICY, `${base}.restartPolicy`, restart ?? null, restart === undefined ? 'unset, which means Always' : undefined);
  if (podSpec) checkPodSpec(podSpec, base, KUBERNETES_DIALECT, settings, out);
}

// ---------------------------------------------------------------------------
// EventPolicy

export function validateEventPolicy(m: any, settings: ClusterSettings, out: FindingList): void {
  checkName(m, out);
  if (!eventingFeatureAllows(settings, 'authenticationOidc')) {
    out.add(R.POLICY_OIDC, 'kind', m?.kind, `the cluster has ${eventingFlagSetting(settings, 'authenticationOidc')}`);
  }
  if (settings.eventing.transportEncryption === TransportEncryption.DISABLED) {
    out.add(R.POLICY_TRANSPORT, 'kind', m?.kind,
      `the cluster has transport-encryption: "${settings.eventing.transportEncryption}" in ConfigMap ${settings.eventing.namespace}/config-features`);
  }
  const spec = obj(m?.spec) ?? {};
  const from = arr(spec.from);
  if (from.length === 0) out.add(R.POLICY_NO_FROM, 'spec.from', spec.from ?? null);
  from.forEach((f, i) => {
    const entry = obj(f) ?? {};
    const at = `spec.from[${i}]`;
    const hasSub = typeof entry.sub === 'string' && entry.sub !== '';
    const hasRef = entry.ref !== undefined && entry.ref !== null;
    if (!hasRef && !hasSub) out.add(R.POLICY_FROM_ONE_OF, at, f, 'neither `ref` nor `sub`');
    if (hasRef && entry.sub !== undefined && entry.sub !== null) out.add(R.POLICY_FROM_ONE_OF, at, f, 'both `ref` and `sub`');
    if (hasRef) checkPolicyRef(entry.ref, `${at}.ref`, out);
    if (typeof entry.sub === 'string' && entry.sub.length > 1 && entry.sub.slice(0, -1).includes('*')) out.add(R.POLICY_SUB_WILDCARD, `${at}.sub`, entry.sub);
  });
  arr(spec.to).forEach((t, i) => {
    const entry = obj(t) ?? {};
    const at = `spec.to[${i}]`;
    const hasRef = entry.ref !== undefined && entry.ref !== null;
    const hasSelector = entry.selector !== undefined && entry.selector !== null;
    if (hasRef === hasSelector) out.add(R.POLICY_TO_ONE_OF, at, t, hasRef ? 'both `ref` and `selector`' : 'neither `ref` nor `selector`');
    if (hasRef) {
      checkPolicyRef(entry.ref, `${at}.ref`, out);
      const ref = obj(entry.ref);
      if (ref?.kind && ref?.apiVersion && !POLICY_ENFORCING_KINDS.has(groupKind(ref.apiVersion, ref.kind))) {
        out.add(R.POLICY_NOT_ENFORCED, `${at}.ref.kind`, ref.kind, `${ref.kind} (${ref.apiVersion}) does not check EventPolicies`);
      }
    }
  });
  checkFiltersList(spec.filters, 'spec.filters', out);
}

function checkPolicyRef(ref: unknown, field: string, out: FindingList): void {
  const r = obj(ref) ?? {};
  for (const key of ['kind', 'apiVersion', 'name']) {
    if (typeof r[key] !== 'string' || r[key] === '') out.add(R.POLICY_REF_FIELDS, `${field}.${key}`, r[key] ?? null, `missing \`${key}\``);
  }
}

// ---------------------------------------------------------------------------

const SHARED = [...Object.values(DESTINATION_RULES), ...Object.values(DELIVERY_RULES)];

export const EVENTING_VALIDATORS: readonly ManifestValidator[] = [
  {
    apiVersion: 'eventing.knative.dev/v1', kind: 'Broker',
    rules: [R.NAME, R.BROKER_CLASS_EMPTY, R.BROKER_CONFIG_REF, R.KAFKA_CONFIG_KIND, R.KAFKA_NAMESPACED_CONFIG, R.KAFKA_WITHOUT_CONFIG, R.UNKNOWN_CLASS, ...SHARED],
    validate: (o, ctx, out) => validateBroker(o, ctx.settings, out),
  },
  {
    apiVersion: 'eventing.knative.dev/v1', kind: 'Trigger',
    rules: [R.NAME, R.TRIGGER_NO_BROKER, R.TRIGGER_BOTH_BROKERS, R.TRIGGER_CROSS_NAMESPACE, ...Object.values(FILTER_RULES), R.TRIGGER_UNKNOWN_FIELD,
      R.TRIGGER_DEPENDENCY, R.TRIGGER_INJECTION, R.TRIGGER_BROKER_LABEL, ...SHARED],
    validate: (o, ctx, out) => validateTrigger(o, ctx.settings, out),
  },
  {
    apiVersion: 'flows.knative.dev/v1', kind: 'Sequence',
    rules: [R.NAME, R.NO_STEPS, R.CHANNEL_TEMPLATE, R.KAFKA_CHANNEL_SPEC, ...SHARED],
    validate: (o, ctx, out) => validateSequence(o, ctx.settings, out),
  },
  {
    apiVersion: 'flows.knative.dev/v1', kind: 'Parallel',
    rules: [R.NAME, R.NO_BRANCHES, R.BRANCH_UNKNOWN_FIELD, R.CHANNEL_TEMPLATE, R.KAFKA_CHANNEL_SPEC, ...SHARED],
    validate: (o, ctx, out) => validateParallel(o, ctx.settings, out),
  },
  {
    apiVersion: 'sinks.knative.dev/v1alpha1', kind: 'JobSink',
    rules: [R.NAME, R.JOBSINK_NO_JOB, R.JOBSINK_RESTART_POLICY, R.JOBSINK_NAME_LABEL, R.JOBSINK_NO_CONTAINER, R.JOBSINK_JOB_SPEC,
      ...Object.values(KUBERNETES_POD_RULES), ...Object.values(SHARED_POD_RULES)],
    validate: (o, ctx, out) => validateJobSink(o, ctx.settings, out),
  },
  {
    apiVersion: 'eventing.knative.dev/v1alpha1', kind: 'EventPolicy',
    rules: [R.NAME, R.POLICY_OIDC, R.POLICY_TRANSPORT, R.POLICY_FROM_ONE_OF, R.POLICY_REF_FIELDS, R.POLICY_TO_ONE_OF, R.POLICY_SUB_WILDCARD,
      R.POLICY_NOT_ENFORCED, R.POLICY_NO_FROM, ...Object.values(FILTER_RULES)],
    validate: (o, ctx, out) => validateEventPolicy(o, ctx.settings, out),
  },
];
