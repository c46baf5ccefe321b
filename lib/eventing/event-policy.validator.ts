// The EventPolicy validator. Pure: manifest and settings in, findings out;
// the same checks serve synth and `cdk8s-agents check`.
import { defineValidator } from '../engine/validator';
import { groupKind } from '../k8s/object-index';
import { FindingList } from '../engine/rule';
import { ClusterSettings, eventingFlagSetting, eventingFeatureAllows, TransportEncryption } from '../settings/settings';
import { EVENT_POLICY_RULES as R } from './event-policy.rules';
import { checkFiltersList, FILTER_LIST_SHAPES, FILTER_RULES } from './filters';
import { EVENTING_META_RULES } from './meta.rules';
import { checkName } from './meta.validator';
import { arr, obj, valueAt } from '../engine/json';

/** Kinds that check EventPolicies in Knative 1.22 (group/kind). */
export const POLICY_ENFORCING_KINDS = new Set([
  'eventing.knative.dev/Broker', 'messaging.knative.dev/Channel', 'messaging.knative.dev/InMemoryChannel', 'messaging.knative.dev/KafkaChannel',
  'flows.knative.dev/Sequence', 'flows.knative.dev/Parallel', 'sinks.knative.dev/JobSink', 'sinks.knative.dev/IntegrationSink',
  'eventing.knative.dev/EventTransform', 'eventing.knative.dev/KafkaSink', 'eventing.knative.dev/RequestReply',
]);

export function validateEventPolicy(m: unknown, settings: ClusterSettings, out: FindingList): void {
  checkName(m, out);
  if (!eventingFeatureAllows(settings, 'authenticationOidc')) {
    out.add(R.POLICY_OIDC, 'kind', valueAt(m, 'kind'), `the cluster has ${eventingFlagSetting(settings, 'authenticationOidc')}`);
  }
  if (settings.eventing.transportEncryption === TransportEncryption.DISABLED) {
    out.add(R.POLICY_TRANSPORT, 'kind', valueAt(m, 'kind'),
      `the cluster has transport-encryption: "${settings.eventing.transportEncryption}" in ConfigMap ${settings.eventing.namespace}/config-features`);
  }
  const spec = obj(valueAt(m, 'spec')) ?? {};
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

export const EVENT_POLICY_VALIDATOR = defineValidator<ClusterSettings>({
  apiVersion: 'eventing.knative.dev/v1alpha1', kind: 'EventPolicy',
  rules: [EVENTING_META_RULES, R, FILTER_RULES],
  schema: { zeroNullItems: FILTER_LIST_SHAPES.map((list) => `spec.${list}[]`) },
  validate: (o, ctx, out) => validateEventPolicy(o, ctx.settings, out),
});
