// The ScaledObject validator. Pure: manifests and settings in, findings out;
// the same checks serve synth and `cdk8s-agents check`.
import { defineValidator } from '../engine/validator';
import type { ValidationContext } from '../settings/validation';
import { ClusterSettings } from '../settings/settings';
import { isDns1123Subdomain } from '../k8s/names';
import { FindingList } from '../engine/rule';
import { parseFloatStrict, parseQuantity } from '../k8s/values';
import { checkMinimums, isInt, KEDA_API_VERSION, MAX_LABEL } from './keda.validator';
import { JsonObject, arr, objOrEmpty as obj, str, valueAt } from '../engine/json';
import { SCALED_OBJECT_RULES as SO } from './scaled-object.rules';
import { RESOURCE_TRIGGER_TYPES } from './scalers';
import { TRIGGER_RULES } from './triggers.rules';
import { checkTriggers } from './triggers.validator';
import { judgeKedaFormula } from './expr-lang';

const DEFAULT_MAX_REPLICAS = 100;

/** The HPA name KEDA derives (SOW#L680-686). */
export function hpaNameOf(o: unknown): string {
  const explicit = valueAt(o, 'spec', 'advanced', 'horizontalPodAutoscalerConfig', 'name');
  return typeof explicit === 'string' && explicit !== '' ? explicit : `keda-hpa-${valueAt(o, 'metadata', 'name')}`;
}

/**
 * IsUsingModifiers (KEDA v2.20.2 apis/keda/v1alpha1/scaledobject_types.go#L298-300): scalingModifiers is not the
 * zero ScalingModifiers, so one of its four fields is set (a key the CRD does not declare is pruned, a null or ""
 * is the zero value); only then does the webhook validate it (scaledobject_webhook.go#L405-412).
 */
const MODIFIER_FIELDS = ['formula', 'target', 'activationTarget', 'metricType'];
const usesModifiers = (spec: JsonObject): boolean => {
  const modifiers = obj(obj(spec.advanced).scalingModifiers);
  return MODIFIER_FIELDS.some((k) => modifiers[k] !== undefined && modifiers[k] !== null && modifiers[k] !== '');
};

export function validateScaledObject(o: unknown, ctx: ValidationContext, out: FindingList): void {
  const spec = obj(valueAt(o, 'spec'));
  const name = valueAt(o, 'metadata', 'name');
  const explicitHpa = valueAt(spec, 'advanced', 'horizontalPodAutoscalerConfig', 'name');
  if (typeof name === 'string' && name.length > MAX_LABEL) {
    out.add(SO.NAME, 'metadata.name', name, `${name.length} characters, at most ${MAX_LABEL} (the name is a label value)`);
  } else if (typeof name === 'string' && !isDns1123Subdomain(name)) {
    out.add(SO.NAME, 'metadata.name', name, 'not a DNS-1123 subdomain');
  } else if (typeof name === 'string' && (typeof explicitHpa !== 'string' || explicitHpa === '') && `keda-hpa-${name}`.length > MAX_LABEL) {
    out.add(SO.NAME, 'metadata.name', name, `the derived HPA name "keda-hpa-${name}" is ${name.length + 9} characters, at most ${MAX_LABEL}`);
  }
  if (typeof explicitHpa === 'string' && explicitHpa !== '') {
    if (explicitHpa.length > MAX_LABEL) out.add(SO.NAME, 'spec.advanced.horizontalPodAutoscalerConfig.name', explicitHpa, `${explicitHpa.length} characters, at most ${MAX_LABEL}`);
    else if (!isDns1123Subdomain(explicitHpa)) out.add(SO.HPA_NAME, 'spec.advanced.horizontalPodAutoscalerConfig.name', explicitHpa);
  }
  const targetApiVersion = valueAt(spec, 'scaleTargetRef', 'apiVersion');
  if (typeof targetApiVersion === 'string' && targetApiVersion.split('/').length > 2) {
    out.add(SO.TARGET_API_VERSION, 'spec.scaleTargetRef.apiVersion', targetApiVersion, `unexpected GroupVersion string: ${targetApiVersion.split('/').length - 1} slashes, at most one`);
  }
  checkMinimums(spec, [['pollingInterval', 1], ['cooldownPeriod', 0], ['initialCooldownPeriod', 0], ['idleReplicaCount', 0],
    ['minReplicaCount', 0], ['maxReplicaCount', 1], ['fallback.failureThreshold', 0], ['fallback.replicas', 0]], SO.MINIMUMS, out);

  const givenMin = spec.minReplicaCount;
  const givenMax = spec.maxReplicaCount;
  const idle = spec.idleReplicaCount;
  const min = isInt(givenMin) ? givenMin : undefined;
  const max = isInt(givenMax) ? givenMax : DEFAULT_MAX_REPLICAS;
  // KEDA compares an explicit min of 0 as the HPA's minimum 1, and an unset min as 0 (SOT#L303-310, SOT#L353-369).
  const effectiveMin = min === undefined ? 0 : Math.max(min, 1);
  if (effectiveMin > max || (min !== undefined && min > max)) {
    out.add(SO.REPLICA_BOUNDS, 'spec.minReplicaCount', min, `minReplicaCount ${min} exceeds maxReplicaCount ${max}${isInt(givenMax) ? '' : ' (the default)'}`);
  } else if (isInt(idle) && idle >= effectiveMin) {
    out.add(SO.IDLE_REPLICAS, 'spec.idleReplicaCount', idle, min === undefined
      ? 'minReplicaCount is unset, which counts as 0: no idle count is below it'
      : `idleReplicaCount must be less than minReplicaCount (${min}${min === 0 ? ', which counts as 1' : ''})`,
    min === undefined ? 'set `minReplicas` explicitly (0 allows `idleReplicas: 0`)' : undefined,
    min === undefined ? 'set `spec.minReplicaCount` explicitly (0 allows `idleReplicaCount: 0`)' : undefined);
  }

  const triggers = arr(spec.triggers);
  const types = triggers.map((t) => str(obj(t).type) ?? '');
  const onlyResource = types.length > 0 && types.every((t) => RESOURCE_TRIGGER_TYPES.includes(t));
  if (spec.fallback && typeof spec.fallback === 'object' && !usesModifiers(spec) && onlyResource) {
    out.add(SO.FALLBACK_SCALER, 'spec.fallback', spec.fallback, `every trigger is ${[...new Set(types)].join('/')}: fallback needs an external trigger`);
  }
  const modifiers = obj(obj(spec.advanced).scalingModifiers);
  if (valueAt(spec, 'fallback', 'behavior') === 'scalingModifiers' && !modifiers.formula) {
    out.add(SO.FALLBACK_MODIFIERS, 'spec.fallback.behavior', 'scalingModifiers', 'no spec.advanced.scalingModifiers.formula');
  }
  if (usesModifiers(spec)) {
    const base = 'spec.advanced.scalingModifiers';
    if (!modifiers.formula) out.add(SO.SCALING_MODIFIERS, `${base}.formula`, modifiers.formula, 'ScalingModifiers.Formula is mandatory');
    else if (modifiers.target === undefined || modifiers.target === '') out.add(SO.SCALING_MODIFIERS, `${base}.target`, modifiers.target, 'formula is given but target is empty');
    else {
      if (typeof modifiers.formula === 'string') checkFormula(modifiers.formula, triggers, out);
      const target = parseFloatStrict(String(modifiers.target));
      if (target === undefined || target <= 0) out.add(SO.SCALING_MODIFIERS, `${base}.target`, modifiers.target, 'target must be a number > 0');
    }
  }
  if (onlyResource && (min === undefined || min === 0)) {
    out.add(SO.CPU_MEMORY_ONLY, 'spec.minReplicaCount', spec.minReplicaCount, 'only cpu/memory triggers and minReplicaCount 0: scale to zero does not work');
  }
  if (min !== undefined && min > 0 && spec.idleReplicaCount !== 0) {
    const cached = triggers.some((t) => obj(t).useCachedMetrics === true);
    if (spec.pollingInterval !== undefined && !cached) out.add(SO.IRRELEVANT_TIMING, 'spec.pollingInterval', spec.pollingInterval, `pollingInterval is not relevant with minReplicaCount ${min} (KEDA only polls for activation from zero)`);
    if (spec.cooldownPeriod !== undefined) out.add(SO.IRRELEVANT_TIMING, 'spec.cooldownPeriod', spec.cooldownPeriod, `cooldownPeriod is not relevant with minReplicaCount ${min} (it only delays scaling to zero)`);
  }
  checkBehavior(obj(valueAt(spec, 'advanced', 'horizontalPodAutoscalerConfig')).behavior, 'spec.advanced.horizontalPodAutoscalerConfig.behavior', out);
  checkTriggers(o, ctx, out);
}

/** The formula as KEDA compiles and runs it (SOW#L552-588): the env is the names of the non-cpu/memory triggers. */
function checkFormula(formula: string, triggers: readonly unknown[], out: FindingList): void {
  const names = triggers.map((t) => obj(t))
    .filter((t) => !RESOURCE_TRIGGER_TYPES.includes(str(t.type) ?? '') && typeof t.name === 'string' && t.name !== '')
    .map((t) => t.name as string);
  const verdict = judgeKedaFormula(formula, names);
  if (verdict.verdict !== 'rejected') return;
  const path = 'spec.advanced.scalingModifiers.formula';
  if (verdict.unknownName !== undefined) {
    const known = names.length > 0 ? `triggers with a name: ${[...new Set(names)].join(', ')}` : 'no trigger (other than cpu/memory) has a name';
    out.add(SO.SCALING_FORMULA, path, formula, `unknown name ${verdict.unknownName}: no trigger (other than cpu/memory) is named "${verdict.unknownName}"; ${known}`);
  } else {
    out.add(SO.SCALING_FORMULA, path, formula, `expr-lang rejects the formula: ${verdict.error}`);
  }
}

const SELECT_POLICIES: readonly unknown[] = ['Max', 'Min', 'Disabled'];
const POLICY_TYPES: readonly unknown[] = ['Pods', 'Percent'];

function checkBehavior(behavior: unknown, base: string, out: FindingList): void {
  for (const direction of ['scaleUp', 'scaleDown']) {
    const given = valueAt(behavior, direction);
    if (!given || typeof given !== 'object') continue;
    const rules = obj(given); // an array reads as rules without fields
    const path = `${base}.${direction}`;
    const window = rules.stabilizationWindowSeconds;
    if (isInt(window) && (window < 0 || window > 3600)) out.add(SO.HPA_BEHAVIOR, `${path}.stabilizationWindowSeconds`, window, 'must be between 0 and 3600');
    if (rules.selectPolicy !== undefined && !SELECT_POLICIES.includes(rules.selectPolicy)) {
      out.add(SO.HPA_BEHAVIOR, `${path}.selectPolicy`, rules.selectPolicy, 'must be Max, Min or Disabled');
    }
    const tolerance = rules.tolerance === undefined ? undefined : parseQuantity(rules.tolerance);
    if (tolerance !== undefined && tolerance < 0) out.add(SO.HPA_BEHAVIOR, `${path}.tolerance`, rules.tolerance, 'must not be negative');
    arr(rules.policies).forEach((raw, i) => {
      const policy = obj(raw);
      const at = `${path}.policies[${i}]`;
      const { type, value, periodSeconds } = policy;
      if (type !== undefined && !POLICY_TYPES.includes(type)) out.add(SO.HPA_BEHAVIOR, `${at}.type`, type, 'must be Pods or Percent');
      if (isInt(value) && value <= 0) out.add(SO.HPA_BEHAVIOR, `${at}.value`, value, 'must be > 0');
      if (isInt(periodSeconds) && (periodSeconds < 1 || periodSeconds > 1800)) out.add(SO.HPA_BEHAVIOR, `${at}.periodSeconds`, periodSeconds, 'must be between 1 and 1800');
    });
  }
}

export const SCALED_OBJECT_VALIDATOR = defineValidator<ClusterSettings>({
  apiVersion: KEDA_API_VERSION,
  kind: 'ScaledObject',
  rules: [SO, TRIGGER_RULES],
  validate: (o, ctx, out) => validateScaledObject(o, ctx, out),
});
