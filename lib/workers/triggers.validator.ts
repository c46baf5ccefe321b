// The triggers of ScaledObjects and ScaledJobs: what both validators check
// in `spec.triggers`. Pure: manifests and settings in, findings out.
import { ObjectIndex } from '../k8s/object-index';
import type { ValidationContext } from '../settings/validation';
import { FindingList } from '../engine/rule';
import { closest } from '../engine/text';
import { arr, objOrEmpty as obj, str, valueAt } from '../engine/json';
import { AuthView, checkResourceTrigger, checkScalerMetadata, KNOWN_TRIGGER_TYPES, NO_AUTH, RESOURCE_TRIGGER_TYPES, scalerSpec, TriggerView } from './scalers';
import { authParameters, findAuthentication } from './trigger-authentication.validator';
import { TRIGGER_RULES as T } from './triggers.rules';

/** What the trigger's authenticationRef gives the scaler, when the referenced object is part of the validation. */
function authViewOf(value: unknown, namespace: unknown, ctx: ValidationContext): AuthView {
  const ref = obj(value);
  const name = ref.name;
  if (typeof name !== 'string') return NO_AUTH;
  const found = findAuthentication({ kind: ref.kind, name }, namespace, ObjectIndex.of(ctx.objects));
  if (!found) return {};
  const spec = obj(valueAt(found.object, 'spec'));
  if (spec.filePath !== undefined || spec.oauth2 !== undefined) return { podIdentity: str(obj(spec.podIdentity).provider) ?? 'none' };
  const identity = obj(spec.podIdentity);
  const parameters = new Set(authParameters(spec).map((p) => p.parameter));
  // KEDA hands an aws pod identity's role to the scalers as the awsRoleArn parameter (SR#L250-271).
  if (identity.provider === 'aws' && typeof identity.roleArn === 'string' && identity.roleArn !== '') parameters.add('awsRoleArn');
  return { parameters, podIdentity: str(identity.provider) ?? 'none' };
}

/** Scalers whose constructor never calls GetMetricTargetType (pkg/scalers/scaler.go#L95-105). */
const METRIC_TYPE_IGNORED = ['pulsar', 'splunk-observability'];

export function checkTriggers(o: unknown, ctx: ValidationContext, out: FindingList): void {
  const triggers = valueAt(o, 'spec', 'triggers');
  if (Array.isArray(triggers) && triggers.length === 0) out.add(T.NO_TRIGGERS, 'spec.triggers', [], 'no triggers defined');
  // The ScaledJob CRD requires triggers only inside spec (the ScaledObject one requires spec): the webhook refuses a ScaledJob without spec.
  // `spec: null` is dropped by the API server like an absent spec.
  const spec = valueAt(o, 'spec');
  if ((spec === undefined || spec === null) && valueAt(o, 'kind') === 'ScaledJob') out.add(T.NO_TRIGGERS, 'spec.triggers', undefined, 'no triggers defined (no spec)');
  // IsUsingModifiers (SOT#L298-300): a ScaledObject whose scalingModifiers has any field set builds its scalers as metric sources.
  const modifiers = obj(valueAt(o, 'spec', 'advanced', 'scalingModifiers'));
  const metricSource = valueAt(o, 'kind') === 'ScaledObject' && ['formula', 'target', 'activationTarget', 'metricType'].some((k) => typeof modifiers[k] === 'string' && modifiers[k] !== '');
  const names = new Map<string, number>();
  arr(triggers).forEach((trigger, i) => {
    const base = `spec.triggers[${i}]`;
    const t = obj(trigger);
    const type = str(t.type) ?? '';
    if (typeof t.name === 'string' && t.name !== '') {
      if (names.has(t.name)) out.add(T.DUPLICATE_NAME, `${base}.name`, t.name, `also the name of spec.triggers[${names.get(t.name)}]`);
      else names.set(t.name, i);
    }
    if (t.useCachedMetrics === true && ['cpu', 'memory', 'cron'].includes(type)) {
      out.add(T.CACHED_METRICS, `${base}.useCachedMetrics`, true, `useCachedMetrics is not supported for the ${type} scaler`);
    }
    if (type === '') return;
    if (!KNOWN_TRIGGER_TYPES.includes(type)) {
      const guess = closest(type, KNOWN_TRIGGER_TYPES);
      out.add(T.UNKNOWN_TYPE, `${base}.type`, type, 'no scaler found for this type', guess ? `did you mean "${guess}"?` : undefined);
      return;
    }
    const resource = RESOURCE_TRIGGER_TYPES.includes(type);
    // pulsar and splunk-observability never read the metric type (pulsar_scaler.go#L305-318 AverageValue,
    // splunk_observability_scaler.go#L253 Value): theirs is not refused, only ignored.
    if (!resource && !METRIC_TYPE_IGNORED.includes(type) && t.metricType !== undefined && t.metricType !== '' && t.metricType !== 'AverageValue' && t.metricType !== 'Value') {
      out.add(T.METRIC_TYPE, `${base}.metricType`, t.metricType, `the ${type} scaler supports AverageValue (default) or Value, not ${JSON.stringify(t.metricType)}`);
    }
    const spec = scalerSpec(type);
    if (!spec) return;
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj(t.metadata))) if (typeof v === 'string') metadata[k] = v;
    const view = new TriggerView(type, metadata, base, authViewOf(t.authenticationRef, valueAt(o, 'metadata', 'namespace'), ctx), spec, out, metricSource);
    checkScalerMetadata(view, spec, out);
    if (resource) checkResourceTrigger(view, t.metricType, out);
  });
}
