// Validators for KEDA's kinds (keda.sh/v1alpha1 ScaledObject, ScaledJob,
// TriggerAuthentication, ClusterTriggerAuthentication) and the rules that span
// objects (one ScaledObject per target, no second HPA, authentication
// references). Pure: manifests and settings in, findings out; the same checks
// serve synth and `cdk8s-agents check`.
import { groupKind, ObjectIndex } from '../k8s/object-index';
import { declaresExternal, EXTERNAL_REFS_ANNOTATION } from '../k8s/external-refs';
import { Located } from '../engine/engine';
import type { CrossObjectValidator, ManifestValidator, ValidationContext } from '../settings/validation';
import { KUBERNETES_DIALECT } from '../pod/deployment.validator';
import { isConfigMapKey, isDns1123Subdomain } from '../k8s/names';
import { KUBERNETES_POD_RULES, SHARED_POD_RULES } from '../pod/pod-rules';
import { checkPodSpec } from '../pod/podspec';
import { FindingList } from '../engine/rule';
import { closest } from '../engine/text';
import { parseFloatStrict, parseQuantity } from '../k8s/values';
import { APP_RULES as A, AUTH_RULES as AU, SCALED_JOB_RULES as SJ, SCALED_OBJECT_RULES as SO, TRIGGER_RULES as T } from './rules';
import { AuthView, checkResourceTrigger, checkScalerMetadata, KNOWN_TRIGGER_TYPES, NO_AUTH, RESOURCE_TRIGGER_TYPES, scalerSpec, TriggerView } from './scalers';
import { arr, objOrEmpty as obj } from '../engine/json';

export const KEDA_API_VERSION = 'keda.sh/v1alpha1';

/**
 * Annotation on a ScaledObject or ScaledJob listing the TriggerAuthentications
 * (or ClusterTriggerAuthentications) it references that exist outside the app,
 * comma-separated; rule KEDA-APP-004 does not look for them.
 */

/** The annotation that lets an existing HPA be taken over by a ScaledObject (SOT#L55). */
const TRANSFER_HPA_ANNOTATION = 'scaledobject.keda.sh/transfer-hpa-ownership';
/** The annotation that exempts an HPA from the ownership check (SOT#L57). */
const HPA_OWNERSHIP_ANNOTATION = 'validations.keda.sh/hpa-ownership';

const MAX_LABEL = 63;
const DEFAULT_MAX_REPLICAS = 100;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

// ---------------------------------------------------------------------------
// triggers (ScaledObject and ScaledJob)

/** What the trigger's authenticationRef gives the scaler, when the referenced object is part of the validation. */
function authViewOf(ref: any, namespace: string | undefined, ctx: ValidationContext): AuthView {
  if (!ref || typeof ref !== 'object' || typeof ref.name !== 'string') return NO_AUTH;
  const found = findAuthentication(ref, namespace, ObjectIndex.of(ctx.objects));
  if (!found) return {};
  const spec = obj((found.object as any).spec);
  if (spec.filePath !== undefined || spec.oauth2 !== undefined) return { podIdentity: str(obj(spec.podIdentity).provider) ?? 'none' };
  const identity = obj(spec.podIdentity);
  const parameters = new Set(authParameters(spec).map((p) => p.parameter));
  // KEDA hands an aws pod identity's role to the scalers as the awsRoleArn parameter (SR#L250-271).
  if (identity.provider === 'aws' && typeof identity.roleArn === 'string' && identity.roleArn !== '') parameters.add('awsRoleArn');
  return { parameters, podIdentity: str(identity.provider) ?? 'none' };
}

/** Every parameter a TriggerAuthentication spec defines, with the field that defines it. */
function authParameters(spec: any): { parameter: string; field: string }[] {
  const out: { parameter: string; field: string }[] = [];
  const add = (list: unknown, base: string) => arr(list).forEach((e, i) => {
    if (typeof e?.parameter === 'string') out.push({ parameter: e.parameter, field: `${base}[${i}].parameter` });
  });
  add(spec.env, 'spec.env');
  add(spec.configMapTargetRef, 'spec.configMapTargetRef');
  add(spec.secretTargetRef, 'spec.secretTargetRef');
  add(spec.boundServiceAccountToken, 'spec.boundServiceAccountToken');
  for (const store of ['hashiCorpVault', 'azureKeyVault', 'gcpSecretManager', 'awsSecretManager']) add(obj(spec[store]).secrets, `spec.${store}.secrets`);
  return out;
}

/** The object of exactly this apiVersion and kind (the index keys by group). */
function findExact(index: ObjectIndex, apiVersion: string, kind: string, name: string, namespace: unknown): Located | undefined {
  const at = index.find(groupKind(apiVersion, kind), name, namespace);
  return (at?.object as any)?.apiVersion === apiVersion ? at : undefined;
}

function findAuthentication(ref: any, namespace: string | undefined, index: ObjectIndex): Located | undefined {
  const kind = ref.kind ?? 'TriggerAuthentication';
  return findExact(index, KEDA_API_VERSION, kind, ref.name, kind === 'ClusterTriggerAuthentication' ? undefined : namespace);
}

/** An object without a namespace is applied to the namespace of the others. */
function sameNamespace(a: unknown, b: unknown): boolean {
  return a === undefined || b === undefined || a === b;
}

function checkTriggers(o: any, ctx: ValidationContext, out: FindingList): void {
  const triggers = o?.spec?.triggers;
  if (Array.isArray(triggers) && triggers.length === 0) out.add(T.NO_TRIGGERS, 'spec.triggers', [], 'no triggers defined');
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
    if (!resource && t.metricType !== undefined && t.metricType !== '' && t.metricType !== 'AverageValue' && t.metricType !== 'Value') {
      out.add(T.METRIC_TYPE, `${base}.metricType`, t.metricType, `the ${type} scaler supports AverageValue (default) or Value, not ${JSON.stringify(t.metricType)}`);
    }
    const spec = scalerSpec(type);
    if (!spec) return;
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj(t.metadata))) if (typeof v === 'string') metadata[k] = v;
    const view = new TriggerView(type, metadata, base, authViewOf(t.authenticationRef, o?.metadata?.namespace, ctx), spec, out);
    checkScalerMetadata(view, spec, out);
    if (resource) checkResourceTrigger(view, t.metricType, out);
  });
}

/** Negative (or below-minimum) integers the CRD schema refuses: [field, minimum]. */
function checkMinimums(spec: any, fields: [string, number][], rule: typeof SO.MINIMUMS, out: FindingList): void {
  for (const [path, min] of fields) {
    const value = path.split('.').reduce((v: any, k) => v?.[k], spec);
    if (isInt(value) && value < min) out.add(rule, `spec.${path}`, value, `must be ≥ ${min}`);
  }
}

// ---------------------------------------------------------------------------
// ScaledObject

/** The HPA name KEDA derives (SOW#L680-686). */
function hpaNameOf(o: any): string {
  const explicit = o?.spec?.advanced?.horizontalPodAutoscalerConfig?.name;
  return typeof explicit === 'string' && explicit !== '' ? explicit : `keda-hpa-${o?.metadata?.name}`;
}

const usesModifiers = (spec: any): boolean => Object.keys(obj(obj(spec.advanced).scalingModifiers)).length > 0;

export function validateScaledObject(o: any, ctx: ValidationContext, out: FindingList): void {
  const spec = obj(o?.spec);
  const name = o?.metadata?.name;
  const explicitHpa = spec.advanced?.horizontalPodAutoscalerConfig?.name;
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
  checkMinimums(spec, [['pollingInterval', 1], ['cooldownPeriod', 0], ['initialCooldownPeriod', 0], ['idleReplicaCount', 0],
    ['minReplicaCount', 0], ['maxReplicaCount', 1], ['fallback.failureThreshold', 0], ['fallback.replicas', 0]], SO.MINIMUMS, out);

  const min = isInt(spec.minReplicaCount) ? spec.minReplicaCount : undefined;
  const max = isInt(spec.maxReplicaCount) ? spec.maxReplicaCount : DEFAULT_MAX_REPLICAS;
  // KEDA compares an explicit min of 0 as the HPA's minimum 1, and an unset min as 0 (SOT#L303-310, SOT#L353-369).
  const effectiveMin = min === undefined ? 0 : Math.max(min, 1);
  if (effectiveMin > max || (min !== undefined && min > max)) {
    out.add(SO.REPLICA_BOUNDS, 'spec.minReplicaCount', min, `minReplicaCount ${min} exceeds maxReplicaCount ${max}${isInt(spec.maxReplicaCount) ? '' : ' (the default)'}`);
  } else if (isInt(spec.idleReplicaCount) && spec.idleReplicaCount >= effectiveMin) {
    out.add(SO.IDLE_REPLICAS, 'spec.idleReplicaCount', spec.idleReplicaCount, min === undefined
      ? 'minReplicaCount is unset, which counts as 0: no idle count is below it'
      : `idleReplicaCount must be less than minReplicaCount (${min}${min === 0 ? ', which counts as 1' : ''})`,
    min === undefined ? 'set `minReplicas` explicitly (0 allows `idleReplicas: 0`)' : undefined);
  }

  const triggers = arr(spec.triggers);
  const types = triggers.map((t) => str(t?.type) ?? '');
  const onlyResource = types.length > 0 && types.every((t) => RESOURCE_TRIGGER_TYPES.includes(t));
  if (spec.fallback && typeof spec.fallback === 'object' && !usesModifiers(spec) && onlyResource) {
    out.add(SO.FALLBACK_SCALER, 'spec.fallback', spec.fallback, `every trigger is ${[...new Set(types)].join('/')}: fallback needs an external trigger`);
  }
  const modifiers = obj(obj(spec.advanced).scalingModifiers);
  if (spec.fallback?.behavior === 'scalingModifiers' && !modifiers.formula) {
    out.add(SO.FALLBACK_MODIFIERS, 'spec.fallback.behavior', 'scalingModifiers', 'no spec.advanced.scalingModifiers.formula');
  }
  if (usesModifiers(spec)) {
    const base = 'spec.advanced.scalingModifiers';
    if (!modifiers.formula) out.add(SO.SCALING_MODIFIERS, `${base}.formula`, modifiers.formula, 'ScalingModifiers.Formula is mandatory');
    else if (modifiers.target === undefined || modifiers.target === '') out.add(SO.SCALING_MODIFIERS, `${base}.target`, modifiers.target, 'formula is given but target is empty');
    else {
      const target = parseFloatStrict(String(modifiers.target));
      if (target === undefined || target <= 0) out.add(SO.SCALING_MODIFIERS, `${base}.target`, modifiers.target, 'target must be a number > 0');
    }
  }
  if (onlyResource && (min === undefined || min === 0)) {
    out.add(SO.CPU_MEMORY_ONLY, 'spec.minReplicaCount', spec.minReplicaCount, 'only cpu/memory triggers and minReplicaCount 0: scale to zero does not work');
  }
  if (min !== undefined && min > 0 && spec.idleReplicaCount !== 0) {
    const cached = triggers.some((t) => t?.useCachedMetrics === true);
    if (spec.pollingInterval !== undefined && !cached) out.add(SO.IRRELEVANT_TIMING, 'spec.pollingInterval', spec.pollingInterval, `pollingInterval is not relevant with minReplicaCount ${min} (KEDA only polls for activation from zero)`);
    if (spec.cooldownPeriod !== undefined) out.add(SO.IRRELEVANT_TIMING, 'spec.cooldownPeriod', spec.cooldownPeriod, `cooldownPeriod is not relevant with minReplicaCount ${min} (it only delays scaling to zero)`);
  }
  checkBehavior(obj(spec.advanced?.horizontalPodAutoscalerConfig).behavior, 'spec.advanced.horizontalPodAutoscalerConfig.behavior', out);
  checkTriggers(o, ctx, out);
}

function checkBehavior(behavior: any, base: string, out: FindingList): void {
  for (const direction of ['scaleUp', 'scaleDown']) {
    const rules = behavior?.[direction];
    if (!rules || typeof rules !== 'object') continue;
    const path = `${base}.${direction}`;
    const window = rules.stabilizationWindowSeconds;
    if (isInt(window) && (window < 0 || window > 3600)) out.add(SO.HPA_BEHAVIOR, `${path}.stabilizationWindowSeconds`, window, 'must be between 0 and 3600');
    if (rules.selectPolicy !== undefined && !['Max', 'Min', 'Disabled'].includes(rules.selectPolicy)) {
      out.add(SO.HPA_BEHAVIOR, `${path}.selectPolicy`, rules.selectPolicy, 'must be Max, Min or Disabled');
    }
    const tolerance = rules.tolerance === undefined ? undefined : parseQuantity(rules.tolerance);
    if (tolerance !== undefined && tolerance < 0) out.add(SO.HPA_BEHAVIOR, `${path}.tolerance`, rules.tolerance, 'must not be negative');
    arr(rules.policies).forEach((policy, i) => {
      const at = `${path}.policies[${i}]`;
      if (policy?.type !== undefined && !['Pods', 'Percent'].includes(policy.type)) out.add(SO.HPA_BEHAVIOR, `${at}.type`, policy.type, 'must be Pods or Percent');
      if (isInt(policy?.value) && policy.value <= 0) out.add(SO.HPA_BEHAVIOR, `${at}.value`, policy.value, 'must be > 0');
      if (isInt(policy?.periodSeconds) && (policy.periodSeconds < 1 || policy.periodSeconds > 1800)) out.add(SO.HPA_BEHAVIOR, `${at}.periodSeconds`, policy.periodSeconds, 'must be between 1 and 1800');
    });
  }
}

export const SCALED_OBJECT_VALIDATOR: ManifestValidator = {
  apiVersion: KEDA_API_VERSION,
  kind: 'ScaledObject',
  rules: [...Object.values(SO), ...Object.values(T)],
  validate: (o, ctx, out) => validateScaledObject(o, ctx, out),
};

// ---------------------------------------------------------------------------
// ScaledJob

export function validateScaledJob(o: any, ctx: ValidationContext, out: FindingList): void {
  const spec = obj(o?.spec);
  const name = o?.metadata?.name;
  if (typeof name === 'string' && name.length > MAX_LABEL) out.add(SJ.NAME, 'metadata.name', name, `${name.length} characters, at most ${MAX_LABEL} (KEDA labels the Jobs with it)`);
  else if (typeof name === 'string' && !isDns1123Subdomain(name)) out.add(SJ.NAME, 'metadata.name', name, 'not a DNS-1123 subdomain');
  checkMinimums(spec, [['pollingInterval', 1], ['successfulJobsHistoryLimit', 0], ['failedJobsHistoryLimit', 0], ['minReplicaCount', 0], ['maxReplicaCount', 1]], SJ.MINIMUMS, out);
  if (isInt(spec.minReplicaCount) && isInt(spec.maxReplicaCount) && spec.minReplicaCount > spec.maxReplicaCount) {
    out.add(SJ.REPLICA_BOUNDS, 'spec.minReplicaCount', spec.minReplicaCount, `minReplicaCount ${spec.minReplicaCount} exceeds maxReplicaCount ${spec.maxReplicaCount}: KEDA uses ${spec.maxReplicaCount} for both`);
  }
  const job = obj(spec.jobTargetRef);
  for (const key of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished']) {
    if (isInt(job[key]) && job[key] < 0) out.add(SJ.JOB_SPEC, `spec.jobTargetRef.${key}`, job[key], 'must be ≥ 0');
  }
  const podSpec = job.template?.spec;
  const restart = podSpec?.restartPolicy;
  if (restart !== undefined && restart !== 'OnFailure' && restart !== 'Never') {
    out.add(SJ.RESTART_POLICY, 'spec.jobTargetRef.template.spec.restartPolicy', restart, 'a Job\'s pods must use OnFailure or Never');
  }
  checkPodSpec(podSpec, 'spec.jobTargetRef.template.spec', KUBERNETES_DIALECT, ctx.settings, out);
  const strategy = obj(spec.scalingStrategy);
  const customSet = strategy.customScalingQueueLengthDeduction !== undefined || strategy.customScalingRunningJobPercentage !== undefined;
  if (strategy.strategy === 'custom') {
    const pct = strategy.customScalingRunningJobPercentage;
    if (typeof pct !== 'string' || parseFloatStrict(pct.trim()) === undefined) {
      out.add(SJ.CUSTOM_STRATEGY, 'spec.scalingStrategy.customScalingRunningJobPercentage', pct, 'does not parse as a number: KEDA falls back to the default strategy');
    }
  } else if (customSet) {
    out.add(SJ.CUSTOM_STRATEGY, 'spec.scalingStrategy.strategy', strategy.strategy, `the custom settings are ignored under the ${strategy.strategy ?? 'default'} strategy`);
  }
  checkTriggers(o, ctx, out);
}

export const SCALED_JOB_VALIDATOR: ManifestValidator = {
  apiVersion: KEDA_API_VERSION,
  kind: 'ScaledJob',
  rules: [...Object.values(SJ), ...Object.values(T), ...Object.values(KUBERNETES_POD_RULES), ...Object.values(SHARED_POD_RULES)],
  validate: (o, ctx, out) => validateScaledJob(o, ctx, out),
};

// ---------------------------------------------------------------------------
// TriggerAuthentication / ClusterTriggerAuthentication

export function validateTriggerAuthentication(o: any, out: FindingList): void {
  const spec = obj(o?.spec);
  const identity = spec.podIdentity;
  const base = 'spec.podIdentity';
  let checkOauth = true;
  if (identity && typeof identity === 'object') {
    if (identity.provider === 'azure-workload') {
      if (identity.identityId === '') out.add(AU.AZURE_IDENTITY, `${base}.identityId`, '', 'identityId must not be empty when set');
      if (typeof identity.identityAuthorityHost === 'string' && identity.identityAuthorityHost !== '') {
        if (!identity.identityTenantId) out.add(AU.AZURE_IDENTITY, `${base}.identityTenantId`, identity.identityTenantId, 'identityAuthorityHost needs identityTenantId');
      } else if (identity.identityTenantId === '') {
        out.add(AU.AZURE_IDENTITY, `${base}.identityTenantId`, '', 'identityTenantId must not be empty when set');
      }
    } else if (identity.provider === 'aws') {
      if (typeof identity.roleArn === 'string' && identity.roleArn !== '' && identity.identityOwner === 'workload') {
        out.add(AU.AWS_IDENTITY, `${base}.roleArn`, identity.roleArn, 'roleArn can\'t be set if KEDA isn\'t identityOwner');
      }
      if (typeof identity.externalID === 'string' && identity.externalID !== '' && !identity.roleArn) {
        out.add(AU.AWS_IDENTITY, `${base}.externalID`, identity.externalID, 'externalID requires roleArn');
      }
    } else {
      // The webhook returns before the oauth2 checks for every other provider (TAW#L184-186).
      checkOauth = false;
    }
  }
  const oauth = spec.oauth2;
  if (checkOauth && oauth && typeof oauth === 'object') {
    if (oauth.type !== undefined && oauth.type !== 'clientCredentials') out.add(AU.OAUTH2, 'spec.oauth2.type', oauth.type, 'must be clientCredentials');
    else if (!oauth.clientId) out.add(AU.OAUTH2, 'spec.oauth2.clientId', oauth.clientId, 'clientId is required');
    else if (!oauth.tokenUrl) out.add(AU.OAUTH2, 'spec.oauth2.tokenUrl', oauth.tokenUrl, 'tokenUrl is required');
    else if (!/^https?:\/\/[^/?#\s]+/i.test(String(oauth.tokenUrl))) out.add(AU.OAUTH2, 'spec.oauth2.tokenUrl', oauth.tokenUrl, 'must be an absolute http or https URL');
  }
  for (const ref of ['secretTargetRef', 'configMapTargetRef']) {
    arr(spec[ref]).forEach((e, i) => {
      const at = `spec.${ref}[${i}]`;
      if (typeof e?.name === 'string' && !isDns1123Subdomain(e.name)) out.add(AU.REFERENCE, `${at}.name`, e.name, 'not a DNS-1123 subdomain');
      if (typeof e?.key === 'string' && !isConfigMapKey(e.key)) out.add(AU.REFERENCE, `${at}.key`, e.key, 'keys use letters, digits, `-`, `_` and `.`');
    });
  }
  const seen = new Map<string, string>();
  for (const { parameter, field } of authParameters(spec)) {
    const earlier = seen.get(parameter);
    if (earlier) out.add(AU.DUPLICATE_PARAMETER, field, parameter, `also defined at ${earlier}; one of the two values is silently dropped`);
    else seen.set(parameter, field);
  }
}

const AUTH_MANIFEST_RULES = [AU.AZURE_IDENTITY, AU.AWS_IDENTITY, AU.OAUTH2, AU.REFERENCE, AU.DUPLICATE_PARAMETER];

export const TRIGGER_AUTHENTICATION_VALIDATOR: ManifestValidator = {
  apiVersion: KEDA_API_VERSION,
  kind: 'TriggerAuthentication',
  rules: AUTH_MANIFEST_RULES,
  validate: (o, _ctx, out) => validateTriggerAuthentication(o, out),
};

export const CLUSTER_TRIGGER_AUTHENTICATION_VALIDATOR: ManifestValidator = {
  apiVersion: KEDA_API_VERSION,
  kind: 'ClusterTriggerAuthentication',
  rules: AUTH_MANIFEST_RULES,
  validate: (o, _ctx, out) => validateTriggerAuthentication(o, out),
};

// ---------------------------------------------------------------------------
// across objects

const isKeda = (o: any, kind: string) => o?.apiVersion === KEDA_API_VERSION && o?.kind === kind;

/** The workload a ScaledObject scales, after KEDA's defaults (K:apis/keda/v1alpha1/gvkr.go#L25-27). */
function targetOf(o: any): { apiVersion: string; kind: string; name: string } | undefined {
  const ref = o?.spec?.scaleTargetRef;
  if (typeof ref?.name !== 'string') return undefined;
  return { apiVersion: str(ref.apiVersion) || 'apps/v1', kind: str(ref.kind) || 'Deployment', name: ref.name };
}

function findWorkload(target: { apiVersion: string; kind: string; name: string }, namespace: unknown, index: ObjectIndex): Located | undefined {
  return findExact(index, target.apiVersion, target.kind, target.name, namespace);
}

/** Groups items by a key, keeping their order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export const KEDA_CROSS_OBJECT: CrossObjectValidator = {
  name: 'KEDA targets and authentication references',
  rules: Object.values(A),
  validate(ctx, report) {
    const scaledObjects = ctx.objects.filter((at) => isKeda(at.object, 'ScaledObject'));
    if (scaledObjects.length === 0 && !ctx.objects.some((x) => isKeda(x.object, 'ScaledJob'))) return;
    const index = ObjectIndex.of(ctx.objects);
    checkTargets(scaledObjects, ctx, index, report);
    for (const at of ctx.objects.filter((x) => isKeda(x.object, 'ScaledObject') || isKeda(x.object, 'ScaledJob'))) {
      checkAuthRefs(at, index, report);
      checkFromEnv(at, index, report);
    }
    const limitRanges = ctx.objects.filter((x) => (x.object as any)?.kind === 'LimitRange' && (x.object as any)?.apiVersion === 'v1');
    for (const at of scaledObjects) checkResourceRequests(at, index, limitRanges, report);
  },
};

function checkTargets(scaledObjects: Located[], ctx: ValidationContext, index: ObjectIndex, report: (at: Located, f: any) => void): void {
  const hpas = groupBy(ctx.objects.filter((at) => /^autoscaling\/v/.test((at.object as any)?.apiVersion ?? '') && (at.object as any)?.kind === 'HorizontalPodAutoscaler'),
    (h) => (h.object as any)?.spec?.scaleTargetRef?.name);
  // Only ScaledObjects with the same target or the same HPA name can clash.
  const targetKey = (o: any) => { const t = targetOf(o); return t && `${t.apiVersion}|${t.kind}|${t.name}`; };
  const nsOf = (o: any): string => (typeof o?.metadata?.namespace === 'string' ? o.metadata.namespace : '');
  const byTarget = groupBy(scaledObjects, (at) => `${nsOf(at.object)}|${targetKey(at.object)}`);
  const byHpa = groupBy(scaledObjects, (at) => `${nsOf(at.object)}|${hpaNameOf(at.object)}`);
  // Objects without a namespace may land in any: they are compared with every namespace.
  const unplaced = scaledObjects.filter((at) => nsOf(at.object) === '');
  const position = new Map(scaledObjects.map((at, i) => [at, i]));
  scaledObjects.forEach((at, i) => {
    const so = at.object as any;
    const target = targetOf(so);
    if (!target) return;
    const ns = so.metadata?.namespace;
    const sameKey = nsOf(so) === ''
      ? scaledObjects
      : [...(byTarget.get(`${nsOf(so)}|${targetKey(so)}`) ?? []), ...(byHpa.get(`${nsOf(so)}|${hpaNameOf(so)}`) ?? []), ...unplaced];
    const candidates = [...new Set(sameKey)].filter((other) => position.get(other)! < i).sort((a, b) => position.get(a)! - position.get(b)!);
    for (const earlier of candidates) {
      const other = earlier.object as any;
      if (!sameNamespace(other.metadata?.namespace, ns) || other.metadata?.name === so.metadata?.name) continue;
      const t = targetOf(other);
      if (t && t.apiVersion === target.apiVersion && t.kind === target.kind && t.name === target.name) {
        report(at, { rule: A.SAME_TARGET, field: 'spec.scaleTargetRef.name', value: target.name,
          problem: `the ${target.kind} "${target.name}" is already scaled by the ScaledObject "${other.metadata?.name}" (${earlier.where})` });
        break;
      }
      if (hpaNameOf(other) === hpaNameOf(so)) {
        report(at, { rule: A.SAME_HPA, field: so.spec?.advanced?.horizontalPodAutoscalerConfig?.name ? 'spec.advanced.horizontalPodAutoscalerConfig.name' : 'metadata.name',
          value: hpaNameOf(so), problem: `the HPA "${hpaNameOf(so)}" is already managed by the ScaledObject "${other.metadata?.name}" (${earlier.where})` });
        break;
      }
    }
    for (const h of hpas.get(target.name) ?? []) {
      const hpa = h.object as any;
      if (!sameNamespace(hpa.metadata?.namespace, ns) || hpa.metadata?.annotations?.[HPA_OWNERSHIP_ANNOTATION] === 'false') continue;
      const ref = obj(hpa.spec?.scaleTargetRef);
      if (ref.name !== target.name || (ref.kind ?? '') !== target.kind || (ref.apiVersion ?? '') !== target.apiVersion) continue;
      if (arr(hpa.metadata?.ownerReferences).some((r) => r?.kind === 'ScaledObject' && r?.name === so.metadata?.name)) continue;
      if (so.metadata?.annotations?.[TRANSFER_HPA_ANNOTATION] === 'true') {
        if (so.spec?.advanced?.horizontalPodAutoscalerConfig?.name !== hpa.metadata?.name) {
          report(at, { rule: A.OTHER_HPA, field: 'spec.advanced.horizontalPodAutoscalerConfig.name', value: so.spec?.advanced?.horizontalPodAutoscalerConfig?.name,
            problem: `the existing HPA "${hpa.metadata?.name}" must be named here to transfer its ownership`, fix: `set \`hpaName\` to "${hpa.metadata?.name}"` });
        }
        continue;
      }
      report(h, { rule: A.OTHER_HPA, field: 'spec.scaleTargetRef.name', value: target.name,
        problem: `the ${target.kind} "${target.name}" is scaled by the ScaledObject "${so.metadata?.name}" (${at.where}); a second autoscaler is rejected` });
    }
    const workload = findWorkload(target, ns, index);
    const replicas = (workload?.object as any)?.spec?.replicas;
    if (workload && replicas !== undefined && replicas !== null) {
      report(workload, { rule: A.REPLICAS_SET, field: 'spec.replicas', value: replicas, problem: `KEDA scales this ${target.kind} (ScaledObject "${so.metadata?.name}"); every apply resets it to ${replicas}` });
    }
  });
}

function checkAuthRefs(at: Located, index: ObjectIndex, report: (at: Located, f: any) => void): void {
  const o = at.object as any;
  arr(o.spec?.triggers).forEach((t, i) => {
    const ref = t?.authenticationRef;
    if (typeof ref?.name !== 'string' || declaresExternal(o, ref.kind ?? 'TriggerAuthentication', ref.name, o.metadata?.namespace)) return;
    if (findAuthentication(ref, o.metadata?.namespace, index)) return;
    const kind = ref.kind ?? 'TriggerAuthentication';
    report(at, { rule: A.MISSING_AUTH, field: `spec.triggers[${i}].authenticationRef.name`, value: ref.name,
      problem: `no ${kind} "${ref.name}"${kind === 'TriggerAuthentication' && o.metadata?.namespace ? ` in namespace "${o.metadata.namespace}"` : ''} in the app`,
      fix: `create it, or declare it external (TriggerAuth.from${kind}Name; YAML: annotation ${EXTERNAL_REFS_ANNOTATION}: "${kind}/${ref.name}")` });
  });
}

/** The container whose env KEDA reads `<parameter>FromEnv` from: the named one, else the first. */
function envContainer(podSpec: any, name: unknown): any {
  const containers = arr(podSpec?.containers);
  return typeof name === 'string' && name !== '' ? containers.find((c) => c?.name === name) : containers[0];
}

function checkFromEnv(at: Located, index: ObjectIndex, report: (at: Located, f: any) => void): void {
  const o = at.object as any;
  let podSpec: any;
  let containerName: unknown;
  if (o.kind === 'ScaledJob') {
    podSpec = o.spec?.jobTargetRef?.template?.spec;
    containerName = o.spec?.envSourceContainerName;
  } else {
    const target = targetOf(o);
    const workload = target && findWorkload(target, o.metadata?.namespace, index);
    podSpec = (workload?.object as any)?.spec?.template?.spec;
    containerName = o.spec?.scaleTargetRef?.envSourceContainerName;
  }
  const container = envContainer(podSpec, containerName);
  // envFrom brings variables this check cannot list.
  if (!container || arr(container.envFrom).length > 0) return;
  const names = new Set(arr(container.env).map((e) => e?.name));
  arr(o.spec?.triggers).forEach((t, i) => {
    for (const [key, value] of Object.entries(obj(t?.metadata))) {
      if (!key.endsWith('FromEnv') || typeof value !== 'string' || value === '' || names.has(value)) continue;
      report(at, { rule: A.FROM_ENV, field: `spec.triggers[${i}].metadata.${key}`, value,
        problem: `the container "${container.name}" has no environment variable "${value}"`,
        fix: names.size > 0 ? `use one of ${[...names].join(', ')}` : undefined });
    }
  });
}

function checkResourceRequests(at: Located, index: ObjectIndex, limitRanges: readonly Located[], report: (at: Located, f: any) => void): void {
  const so = at.object as any;
  const target = targetOf(so);
  if (!target || target.apiVersion !== 'apps/v1' || !['Deployment', 'StatefulSet'].includes(target.kind)) return;
  const triggers = arr(so.spec?.triggers).map((t, i) => ({ t, i })).filter(({ t }) => RESOURCE_TRIGGER_TYPES.includes(t?.type));
  if (triggers.length === 0) return;
  const workload = findWorkload(target, so.metadata?.namespace, index);
  if (!workload) return;
  const ns = so.metadata?.namespace;
  const limitRangeDefault = (resource: string) => limitRanges.some((x) => {
    const lr = x.object as any;
    return sameNamespace(lr.metadata?.namespace, ns)
      && arr(lr.spec?.limits).some((l) => l?.type === 'Container' && ((parseQuantity(l.default?.[resource]) ?? 0) > 0 || (parseQuantity(l.defaultRequest?.[resource]) ?? 0) > 0));
  });
  for (const { t, i } of triggers) {
    const resource = t.type as string;
    const only = t.metadata?.containerName;
    for (const c of arr((workload.object as any).spec?.template?.spec?.containers)) {
      if (only && c?.name !== only) continue;
      const set = (parseQuantity(c?.resources?.requests?.[resource]) ?? 0) > 0 || (parseQuantity(c?.resources?.limits?.[resource]) ?? 0) > 0;
      if (set || limitRangeDefault(resource)) continue;
      report(at, { rule: A.CPU_MEMORY_REQUESTS, field: `spec.triggers[${i}].type`, value: resource,
        problem: `the container "${c?.name}" of ${target.kind} "${target.name}" has no ${resource} request or limit (and no LimitRange default)` });
    }
  }
}
