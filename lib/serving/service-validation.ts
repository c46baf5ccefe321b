import { ClusterProfile } from '../platform/cluster-profile';
import { FEATURE_FLAGS, FeatureName } from '../platform/features';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain, isEnvVarName, isLabelValue, isQualifiedName } from '../validation/names';
import { Rule, ViolationList } from '../validation/rule';
import { SERVING_RULES as R } from '../validation/serving-rules';
import { AUTOSCALING_PREFIX, KNOWN_AUTOSCALING_KEYS, SCALING_ANNOTATIONS as A, ScalingClass } from './scaling';

/**
 * Checks a rendered `serving.knative.dev/v1` Service (after overrides)
 * against the rules of the Knative 1.22 webhook and what the cluster would
 * silently ignore. Pure: manifest and profile in, violations out.
 */
export function validateKnativeService(m: any, profile: ClusterProfile, v: ViolationList = new ViolationList()): ViolationList {
  const name: string = m?.metadata?.name ?? '';
  checkMetadata(m, name, v);
  const template = m?.spec?.template ?? {};
  checkTemplateMetadata(template.metadata ?? {}, name, profile, v);
  const spec = template.spec ?? {};
  checkRevisionSpec(spec, profile, v);
  checkPodSpec(spec, profile, v);
  checkTraffic(m?.spec?.traffic, name, v);
  checkUnknownKeys(m?.spec ?? {}, ['template', 'traffic'], 'spec', v);
  return v;
}

const TPL_SPEC = 'spec.template.spec';
const TPL_ANN = 'spec.template.metadata.annotations';
const annField = (base: string, key: string) => `${base}["${key}"]`;

// ---------------------------------------------------------------------------
// metadata

function checkMetadata(m: any, name: string, v: ViolationList): void {
  const meta = m?.metadata ?? {};
  if (!isDns1035Label(name)) {
    v.add(R.NAME_DNS1035, 'metadata.name', name, name.length > 63 ? `${name.length} characters, at most 63` : undefined);
  }
  if (meta.namespace !== undefined && !isDns1123Label(String(meta.namespace))) {
    v.add(R.NAMESPACE, 'metadata.namespace', meta.namespace);
  }
  const labels = meta.labels ?? {};
  checkLabels(labels, 'metadata.labels', v);
  const visibility = labels['networking.knative.dev/visibility'];
  if (visibility !== undefined && visibility !== 'cluster-local') {
    v.add(R.VISIBILITY_LABEL, 'metadata.labels["networking.knative.dev/visibility"]', visibility);
  }
  const annotations = meta.annotations ?? {};
  checkAnnotations(annotations, 'metadata.annotations', v);
  for (const key of Object.keys(annotations)) {
    if (key.startsWith('autoscaling.knative.dev')) v.add(R.SERVICE_AUTOSCALING_ANNOTATION, annField('metadata.annotations', key), annotations[key]);
    if (key === 'serving.knative.dev/creator' || key === 'serving.knative.dev/lastModifier') {
      v.add(R.USER_ANNOTATIONS, annField('metadata.annotations', key), annotations[key]);
    }
  }
  const rolloutKey = annotations['serving.knative.dev/rollout-duration'] !== undefined ? 'serving.knative.dev/rollout-duration' : 'serving.knative.dev/rolloutDuration';
  const rollout = annotations[rolloutKey];
  if (rollout !== undefined && rollout !== '') {
    const d = parseGoDuration(String(rollout));
    if (d === undefined || d < 0 || !Number.isInteger(d)) {
      v.add(R.ROLLOUT_DURATION, annField('metadata.annotations', rolloutKey), rollout);
    }
  }
}

function checkLabels(labels: Record<string, unknown>, base: string, v: ViolationList): void {
  for (const [key, value] of Object.entries(labels)) {
    if (!isQualifiedName(key)) v.add(R.LABEL_SYNTAX, `${base} key`, key, 'not a qualified name');
    else if (typeof value !== 'string' || !isLabelValue(value)) v.add(R.LABEL_SYNTAX, annField(base, key), value);
  }
}

function checkAnnotations(annotations: Record<string, unknown>, base: string, v: ViolationList): void {
  for (const [key, value] of Object.entries(annotations)) {
    if (!isQualifiedName(key.toLowerCase())) v.add(R.ANNOTATION_SYNTAX, `${base} key`, key, 'not a qualified name');
    else if (typeof value !== 'string') v.add(R.ANNOTATION_SYNTAX, annField(base, key), value, 'annotation values must be strings');
  }
}

// ---------------------------------------------------------------------------
// revision template metadata: name and autoscaling annotations

function checkTemplateMetadata(meta: any, serviceName: string, profile: ClusterProfile, v: ViolationList): void {
  if (meta.name !== undefined) {
    const rev = String(meta.name);
    if (!isDns1035Label(rev)) v.add(R.REVISION_NAME_DNS1035, 'spec.template.metadata.name', rev);
    if (!rev.startsWith(`${serviceName}-`)) {
      v.add(R.REVISION_NAME_PREFIX, 'spec.template.metadata.name', rev, `must start with "${serviceName}-"`, `rename it to "${serviceName}-${rev}" or similar`);
    }
  }
  checkLabels(meta.labels ?? {}, 'spec.template.metadata.labels', v);
  const ann: Record<string, unknown> = meta.annotations ?? {};
  checkAnnotations(ann, TPL_ANN, v);
  for (const key of Object.keys(ann)) {
    if (key.startsWith('networking.knative.dev/') && !TEMPLATE_NETWORKING_KEYS.has(key)) {
      v.add(R.PRUNED_FIELD, annField(TPL_ANN, key), ann[key], 'the webhook rejects this networking annotation on the revision template ("invalid key name")',
        key === 'networking.knative.dev/visibility' ? 'use the `visibility` prop, which sets the label on the Service' : 'remove it');
    }
  }
  checkAutoscaling(ann, profile, v);
}

const TEMPLATE_NETWORKING_KEYS = new Set([
  'networking.knative.dev/ingress.class', 'networking.knative.dev/ingress-class', 'networking.knative.dev/certificate.class',
  'networking.knative.dev/certificate-class', 'networking.knative.dev/disableAutoTLS', 'networking.knative.dev/disable-auto-tls',
  'networking.knative.dev/disable-external-domain-tls', 'networking.knative.dev/httpOption', 'networking.knative.dev/http-protocol',
]);

/** Reads an annotation under its kebab-case key, else its legacy camelCase alias (kebab wins upstream). */
function lookup(ann: Record<string, unknown>, key: string): { key: string; value: string } | undefined {
  if (ann[key] !== undefined) return { key, value: String(ann[key]) };
  const suffix = key.slice(AUTOSCALING_PREFIX.length);
  const alias = AUTOSCALING_PREFIX + suffix.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  if (alias !== key && ann[alias] !== undefined && KNOWN_AUTOSCALING_KEYS.has(alias)) return { key: alias, value: String(ann[alias]) };
  return undefined;
}

const INT32_MAX = 2147483647;

function checkAutoscaling(ann: Record<string, unknown>, profile: ClusterProfile, v: ViolationList): void {
  const field = (key: string) => annField(TPL_ANN, key);

  for (const key of Object.keys(ann)) {
    if (!key.startsWith(AUTOSCALING_PREFIX) || KNOWN_AUTOSCALING_KEYS.has(key)) continue;
    if (key === AUTOSCALING_PREFIX + 'scale-to-zero-grace-period') v.add(R.SCALE_GRACE_PERIOD, field(key), ann[key]);
    else v.add(R.SCALE_UNKNOWN_ANNOTATION, field(key), ann[key], `"${key}" is not read by Knative`, suggestKey(key));
  }

  const cls = lookup(ann, A.class);
  if (cls && cls.value !== ScalingClass.KPA && cls.value !== ScalingClass.HPA) v.add(R.SCALE_CLASS, field(cls.key), cls.value);
  const effectiveClass = cls?.value ?? profile.podAutoscalerClass;
  const isHpa = effectiveClass === ScalingClass.HPA;
  const isKpa = effectiveClass === ScalingClass.KPA;

  const metric = lookup(ann, A.metric);
  if (metric) {
    if (isKpa && metric.value !== 'concurrency' && metric.value !== 'rps') {
      v.add(R.SCALE_METRIC, field(metric.key), metric.value, `class ${effectiveClass} scales on concurrency or rps`);
    } else if (isHpa && metric.value === '') {
      v.add(R.SCALE_METRIC, field(metric.key), metric.value, 'the HPA needs a metric name');
    } else if (isHpa && (metric.value === 'concurrency' || metric.value === 'rps')) {
      v.add(R.SCALE_METRIC, field(metric.key), metric.value, 'the HPA has no request metric of this name; it would look for a custom Pods metric');
    }
  }

  const target = lookup(ann, A.target);
  if (target) {
    const n = parseFloatStrict(target.value);
    if (n === undefined || !(n >= 0.01)) v.add(R.SCALE_TARGET, field(target.key), target.value);
  }
  const tu = lookup(ann, A.targetUtilizationPercentage);
  if (tu) {
    const n = parseFloatStrict(tu.value);
    if (n === undefined || !(n >= 1 && n <= 100)) v.add(R.SCALE_TARGET_UTILIZATION, field(tu.key), tu.value);
  }

  const min = checkInt32(lookup(ann, A.minScale), R.SCALE_BOUNDS, field, v);
  const maxEntry = lookup(ann, A.maxScale);
  const max = checkInt32(maxEntry, R.SCALE_BOUNDS, field, v);
  if (min !== undefined && max !== undefined && max !== 0 && max < min) {
    v.add(R.SCALE_ORDER, field(maxEntry?.key ?? A.maxScale), String(max), `max-scale ${max} is less than min-scale ${min}`);
  }
  if (maxEntry && max !== undefined && profile.maxScaleLimit > 0 && (max < 1 || max > profile.maxScaleLimit)) {
    v.add(R.SCALE_MAX_LIMIT, field(maxEntry.key), maxEntry.value,
      max === 0 ? `unlimited (0) is not allowed with max-scale-limit ${profile.maxScaleLimit}` : `the cluster max-scale-limit is ${profile.maxScaleLimit}`);
  }

  const act = lookup(ann, A.activationScale);
  if (act) {
    const n = parseIntStrict(act.value);
    if (n === undefined || n > INT32_MAX) v.add(R.SCALE_ACTIVATION, field(act.key), act.value, 'not a whole number');
    else if (min !== undefined && n < min) v.add(R.SCALE_ACTIVATION, field(act.key), act.value, `min-scale ${min} is greater than activation-scale ${n}`);
    else if (max !== undefined && max !== 0 && n > max) v.add(R.SCALE_ACTIVATION, field(act.key), act.value, `max-scale ${max} is less than activation-scale ${n}`);
    else if (n < 2) v.add(R.SCALE_ACTIVATION, field(act.key), act.value, 'activation-scale must be greater than 1');
  }

  const init = lookup(ann, A.initialScale);
  if (init) {
    const n = parseIntStrict(init.value);
    if (n === undefined || n < 0) v.add(R.SCALE_INITIAL, field(init.key), init.value);
    else if (n === 0 && !profile.allowZeroInitialScale) {
      v.add(R.SCALE_INITIAL, field(init.key), init.value, 'initial-scale=0 is not allowed by the cluster (config-autoscaler allow-zero-initial-scale is false)');
    }
  }

  checkDurationAnnotation(lookup(ann, A.window), R.SCALE_WINDOW, 6, 3600, true, field, v);
  checkDurationAnnotation(lookup(ann, A.scaleDownDelay), R.SCALE_DOWN_DELAY, 0, 3600, true, field, v);
  checkDurationAnnotation(lookup(ann, A.scaleToZeroRetention), R.SCALE_RETENTION, 0, 3600, false, field, v);

  checkFloatRange(lookup(ann, A.panicWindowPercentage), R.SCALE_PANIC_WINDOW, 1, 100, field, v);
  checkFloatRange(lookup(ann, A.panicThresholdPercentage), R.SCALE_PANIC_THRESHOLD, 110, 1000, field, v);
  const tbc = lookup(ann, A.targetBurstCapacity);
  if (tbc) {
    const n = parseFloatStrict(tbc.value);
    if (n === undefined || (n < 0 && n !== -1)) v.add(R.SCALE_BURST, field(tbc.key), tbc.value);
  }

  const algo = lookup(ann, AUTOSCALING_PREFIX + 'metric-aggregation-algorithm');
  if (algo) {
    if (cls?.value !== ScalingClass.KPA) {
      v.add(R.SCALE_AGGREGATION, field(algo.key), algo.value, 'never read unless the class annotation is explicitly kpa.autoscaling.knative.dev');
    } else if (!['', 'linear', 'weighted-exponential', 'weightedExponential'].includes(algo.value)) {
      v.add(R.SCALE_AGGREGATION, field(algo.key), algo.value);
    }
  }

  if (isHpa) {
    const kpaOnly = [A.activationScale, A.initialScale, A.scaleDownDelay, A.scaleToZeroRetention, A.panicWindowPercentage,
      A.panicThresholdPercentage, A.targetBurstCapacity, A.targetUtilizationPercentage];
    for (const key of kpaOnly) {
      const e = lookup(ann, key);
      if (e) v.add(R.SCALE_CLASS_ONLY, field(e.key), e.value, 'the HPA class ignores it (KPA only)');
    }
    // Only an explicit 0 expects scale-to-zero; unset min-scale under HPA simply means one pod.
    if (min === 0) v.add(R.SCALE_HPA_ZERO, field(A.minScale), '0', 'the HPA keeps at least one pod');
  }
}

function suggestKey(key: string): string {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
  const want = norm(key.slice(AUTOSCALING_PREFIX.length));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const known of Object.values(A)) {
    const score = editDistance(want, norm(known.slice(AUTOSCALING_PREFIX.length)));
    if (score < bestScore) { bestScore = score; best = known; }
  }
  return best && bestScore <= 4 ? `did you mean "${best}"? Prefer the typed \`scaling\` props` : 'use the typed `scaling` props';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

function checkInt32(e: { key: string; value: string } | undefined, rule: typeof R.SCALE_BOUNDS, field: (k: string) => string, v: ViolationList): number | undefined {
  if (!e) return undefined;
  const n = parseIntStrict(e.value);
  if (n === undefined || n < 0 || n > INT32_MAX) {
    v.add(rule, field(e.key), e.value);
    return undefined;
  }
  return n;
}

function checkFloatRange(e: { key: string; value: string } | undefined, rule: typeof R.SCALE_PANIC_WINDOW, lo: number, hi: number,
  field: (k: string) => string, v: ViolationList): void {
  if (!e) return;
  const n = parseFloatStrict(e.value);
  if (n === undefined || !(n >= lo && n <= hi)) v.add(rule, field(e.key), e.value, `expected ${lo} <= value <= ${hi}`);
}

function checkDurationAnnotation(e: { key: string; value: string } | undefined, rule: typeof R.SCALE_WINDOW, loSeconds: number, hiSeconds: number,
  wholeSeconds: boolean, field: (k: string) => string, v: ViolationList): void {
  if (!e) return;
  const s = parseGoDuration(e.value);
  if (s === undefined) v.add(rule, field(e.key), e.value, 'not a duration such as "90s" or "5m"');
  else if (s < loSeconds || s > hiSeconds) v.add(rule, field(e.key), e.value, `expected ${loSeconds}s <= value <= ${hiSeconds}s`);
  else if (wholeSeconds && !Number.isInteger(s)) v.add(rule, field(e.key), e.value, 'must be whole seconds');
}

/** Base-10 integer with an optional sign, as Go's strconv.ParseInt accepts. */
function parseIntStrict(s: string): number | undefined {
  return /^[+-]?\d+$/.test(s) ? Number(s) : undefined;
}

function parseFloatStrict(s: string): number | undefined {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : undefined;
}

/** Go time.ParseDuration subset (h, m, s, ms, us, ns), in seconds. */
export function parseGoDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const m = /^([+-])?((\d+(\.\d+)?(h|m|s|ms|us|µs|ns))+)$/.exec(s);
  if (!m) return undefined;
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 };
  let total = 0;
  for (const part of m[2].matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) total += Number(part[1]) * unit[part[2]];
  total = Math.round(total * 1e9) / 1e9;
  return m[1] === '-' ? -total : total;
}

// ---------------------------------------------------------------------------
// RevisionSpec scalars

function checkRevisionSpec(spec: any, profile: ClusterProfile, v: ViolationList): void {
  const maxTimeout = profile.maxRevisionTimeout.toMilliseconds() / 1000;
  const timeout = spec.timeoutSeconds;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 0 || timeout > maxTimeout)) {
    v.add(R.TIMEOUT, `${TPL_SPEC}.timeoutSeconds`, timeout, `expected whole seconds 0 <= value <= ${maxTimeout} (max-revision-timeout-seconds)`);
  }
  const effectiveTimeout = timeout || profile.revisionTimeout.toMilliseconds() / 1000;
  for (const key of ['responseStartTimeoutSeconds', 'idleTimeoutSeconds']) {
    const t = spec[key];
    if (t === undefined) continue;
    if (!Number.isInteger(t) || t < 0) v.add(R.SUB_TIMEOUTS, `${TPL_SPEC}.${key}`, t, 'must be whole seconds ≥ 0');
    else if (t > effectiveTimeout) v.add(R.SUB_TIMEOUTS, `${TPL_SPEC}.${key}`, t, `longer than the request timeout (${effectiveTimeout}s)`);
  }
  const cc = spec.containerConcurrency;
  if (cc !== undefined) {
    const lo = profile.allowContainerConcurrencyZero ? 0 : 1;
    if (!Number.isInteger(cc) || cc < lo || cc > profile.containerConcurrencyMaxLimit) {
      v.add(R.CONTAINER_CONCURRENCY, `${TPL_SPEC}.containerConcurrency`, cc, `expected ${lo} <= value <= ${profile.containerConcurrencyMaxLimit}`);
    }
  }
}

// ---------------------------------------------------------------------------
// PodSpec

/** PodSpec fields present in the Knative Service CRD (config/core/300-resources/service.yaml). */
export const POD_SPEC_FIELDS = ['affinity', 'automountServiceAccountToken', 'containerConcurrency', 'containers', 'dnsConfig', 'dnsPolicy',
  'enableServiceLinks', 'hostAliases', 'hostIPC', 'hostNetwork', 'hostPID', 'idleTimeoutSeconds', 'imagePullSecrets', 'initContainers',
  'nodeSelector', 'priorityClassName', 'responseStartTimeoutSeconds', 'runtimeClassName', 'schedulerName', 'securityContext',
  'serviceAccountName', 'shareProcessNamespace', 'timeoutSeconds', 'tolerations', 'topologySpreadConstraints', 'volumes'];
/** Container fields present in the CRD. */
export const CONTAINER_FIELDS = ['args', 'command', 'env', 'envFrom', 'image', 'imagePullPolicy', 'livenessProbe', 'name', 'ports',
  'readinessProbe', 'resources', 'securityContext', 'startupProbe', 'terminationMessagePath', 'terminationMessagePolicy', 'volumeMounts', 'workingDir'];
const CONTAINER_SC_FIELDS = ['allowPrivilegeEscalation', 'capabilities', 'privileged', 'readOnlyRootFilesystem', 'runAsGroup', 'runAsNonRoot',
  'runAsUser', 'seccompProfile'];
const VOLUME_FIELDS = ['configMap', 'csi', 'emptyDir', 'hostPath', 'image', 'name', 'persistentVolumeClaim', 'projected', 'secret'];
const MOUNT_FIELDS = ['mountPath', 'mountPropagation', 'name', 'readOnly', 'subPath'];
const PROBE_FIELDS = ['exec', 'failureThreshold', 'grpc', 'httpGet', 'initialDelaySeconds', 'periodSeconds', 'successThreshold', 'tcpSocket', 'timeoutSeconds'];

/** PodSpec fields that need a config-features flag, and which one. */
const GATED_POD_FIELDS: Record<string, FeatureName> = {
  affinity: 'podspecAffinity',
  topologySpreadConstraints: 'podspecTopologySpreadConstraints',
  hostAliases: 'podspecHostAliases',
  nodeSelector: 'podspecNodeSelector',
  runtimeClassName: 'podspecRuntimeClassName',
  tolerations: 'podspecTolerations',
  securityContext: 'podspecSecurityContext',
  shareProcessNamespace: 'podspecShareProcessNamespace',
  priorityClassName: 'podspecPriorityClassName',
  schedulerName: 'podspecSchedulerName',
  initContainers: 'podspecInitContainers',
  dnsPolicy: 'podspecDnsPolicy',
  dnsConfig: 'podspecDnsConfig',
  hostIPC: 'podspecHostIpc',
  hostPID: 'podspecHostPid',
  hostNetwork: 'podspecHostNetwork',
};
/** Boolean fields that only count as "set" when true (FM#L280-288). */
const TRUE_ONLY = new Set(['hostIPC', 'hostPID', 'hostNetwork']);

/**
 * The one way a field gated by a `config-features` flag is reported: when the
 * profile does not open the gate, name the flag, its declared state, and the
 * ConfigMap and profile prop that enable it.
 */
function requireFlag(flag: FeatureName, profile: ClusterProfile, v: ViolationList, rule: Rule, field: string, value: unknown, subject?: string): void {
  if (profile.allows(flag)) return;
  const key = FEATURE_FLAGS[flag].key;
  v.add(rule, field, value, `${subject ? `${subject}: ` : ''}needs config-features "${key}" (declared ${profile.feature(flag)})`,
    `remove the field, or set "${key}: Enabled" in ConfigMap config-features (namespace knative-serving) and declare features.${flag} in the ClusterProfile`);
}

function checkUnknownKeys(obj: any, allowed: readonly string[], base: string, v: ViolationList): void {
  if (!obj || typeof obj !== 'object') return;
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) v.add(R.PRUNED_FIELD, `${base}.${key}`, obj[key], `"${key}" is not in the Knative schema and would be pruned`);
  }
}

function checkPodSpec(spec: any, profile: ClusterProfile, v: ViolationList): void {
  checkUnknownKeys(spec, POD_SPEC_FIELDS, TPL_SPEC, v);

  for (const [fieldName, flag] of Object.entries(GATED_POD_FIELDS)) {
    const value = spec[fieldName];
    const isSet = TRUE_ONLY.has(fieldName) ? value === true : value !== undefined;
    if (isSet) requireFlag(flag, profile, v, R.FEATURE_FLAG, `${TPL_SPEC}.${fieldName}`, value);
  }
  if (spec.automountServiceAccountToken === true) v.add(R.AUTOMOUNT_TOKEN, `${TPL_SPEC}.automountServiceAccountToken`, true);
  if (spec.serviceAccountName !== undefined && !isDns1123Subdomain(String(spec.serviceAccountName))) {
    v.add(R.SERVICE_ACCOUNT_NAME, `${TPL_SPEC}.serviceAccountName`, spec.serviceAccountName);
  }
  if (spec.securityContext !== undefined) checkPodSecurityContext(spec.securityContext, v);

  const containers: any[] = Array.isArray(spec.containers) ? spec.containers : [];
  const init: any[] = Array.isArray(spec.initContainers) ? spec.initContainers : [];
  if (containers.length === 0) v.add(R.CONTAINERS, `${TPL_SPEC}.containers`, spec.containers, 'no container');
  if (containers.length > 1) requireFlag('multiContainer', profile, v, R.CONTAINERS, `${TPL_SPEC}.containers`, `${containers.length} containers`, 'several containers');
  const ports = containers.flatMap((c) => (Array.isArray(c?.ports) ? c.ports : []));
  if (ports.length > 1) v.add(R.CONTAINERS, `${TPL_SPEC}.containers[*].ports`, ports.map((p: any) => p?.containerPort), 'only a single port is allowed across all containers');
  if (containers.length > 1 && ports.length === 0) v.add(R.CONTAINERS, `${TPL_SPEC}.containers[*].ports`, undefined, 'with several containers, the serving one needs a port');

  const names = new Set<string>();
  const all = [...containers.map((c, i) => ({ c, path: `${TPL_SPEC}.containers[${i}]`, isInit: false })),
    ...init.map((c, i) => ({ c, path: `${TPL_SPEC}.initContainers[${i}]`, isInit: true }))];
  for (const { c, path, isInit } of all) {
    if (c?.name !== undefined) {
      const n = String(c.name);
      if (n === 'queue-proxy') v.add(R.CONTAINER_NAME, `${path}.name`, n, '"queue-proxy" is reserved by Knative');
      else if (!isDns1123Label(n)) v.add(R.CONTAINER_NAME, `${path}.name`, n, 'not a DNS-1123 label');
      if (names.has(n)) v.add(R.CONTAINER_NAME, `${path}.name`, n, 'duplicate container name');
      names.add(n);
    }
    const isUser = !isInit && (containers.length === 1 || (Array.isArray(c?.ports) && c.ports.length > 0));
    checkContainer(c ?? {}, path, isUser, isInit, profile, v);
  }
  checkVolumes(spec, all.map((x) => ({ c: x.c ?? {}, path: x.path })), profile, v);
}

function checkPodSecurityContext(sc: any, v: ViolationList): void {
  const allowed = ['runAsUser', 'runAsGroup', 'runAsNonRoot', 'fsGroup', 'supplementalGroups', 'seccompProfile'];
  for (const key of Object.keys(sc ?? {})) {
    if (!allowed.includes(key)) v.add(R.POD_SECURITY_CONTEXT, `${TPL_SPEC}.securityContext.${key}`, sc[key], 'not supported in a Knative pod securityContext');
  }
  for (const key of ['runAsUser', 'runAsGroup', 'fsGroup']) {
    if (sc?.[key] !== undefined && !isIdInRange(sc[key])) v.add(R.POD_SECURITY_CONTEXT, `${TPL_SPEC}.securityContext.${key}`, sc[key], 'expected 0 <= id <= 2147483647');
  }
  for (const [i, g] of (Array.isArray(sc?.supplementalGroups) ? sc.supplementalGroups : []).entries()) {
    if (!isIdInRange(g)) v.add(R.POD_SECURITY_CONTEXT, `${TPL_SPEC}.securityContext.supplementalGroups[${i}]`, g, 'expected 0 <= id <= 2147483647');
  }
}

const isIdInRange = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= INT32_MAX;

const RESERVED_PORTS = new Set([8008, 8012, 8013, 8022, 9090, 9091]);
const RESERVED_ENV_USER = new Set(['PORT', 'K_SERVICE', 'K_CONFIGURATION', 'K_REVISION']);

function checkContainer(c: any, path: string, isUser: boolean, isInit: boolean, profile: ClusterProfile, v: ViolationList): void {
  checkUnknownKeys(c, CONTAINER_FIELDS, path, v);
  const image = c.image;
  const imageProblem = image === undefined || image === '' ? 'the image is empty' : imageReferenceProblem(String(image));
  if (imageProblem) v.add(R.IMAGE, `${path}.image`, image, imageProblem);

  const ports: any[] = Array.isArray(c.ports) ? c.ports : [];
  ports.forEach((p, i) => {
    const port = p?.containerPort;
    if (!Number.isInteger(port) || port < 1 || port > 65535) v.add(R.PORT, `${path}.ports[${i}].containerPort`, port, 'expected 1 <= port <= 65535');
    else if ((isUser || isInit) && RESERVED_PORTS.has(port)) v.add(R.PORT, `${path}.ports[${i}].containerPort`, port, `${port} is reserved by Knative`);
    if (p?.name !== undefined && !['', 'http1', 'h2c'].includes(p.name)) v.add(R.PORT_NAME, `${path}.ports[${i}].name`, p.name);
    if (p?.protocol !== undefined && p.protocol !== '' && p.protocol !== 'TCP') v.add(R.PORT_NAME, `${path}.ports[${i}].protocol`, p.protocol, 'only TCP is supported');
  });

  const seen = new Set<string>();
  (Array.isArray(c.env) ? c.env : []).forEach((e: any, i: number) => {
    const name = e?.name;
    if (typeof name !== 'string' || !isEnvVarName(name)) v.add(R.ENV_NAME, `${path}.env[${i}].name`, name);
    else if (isUser && RESERVED_ENV_USER.has(name)) v.add(R.RESERVED_ENV, `${path}.env[${i}].name`, name);
    else if (!isUser && name !== 'PORT' && RESERVED_ENV_USER.has(name)) v.add(R.RESERVED_ENV, `${path}.env[${i}].name`, name);
    if (typeof name === 'string') {
      if (seen.has(name)) v.add(R.ENV_DUPLICATE, `${path}.env[${i}].name`, name);
      seen.add(name);
    }
    const from = e?.valueFrom ?? {};
    for (const key of ['fieldRef', 'resourceFieldRef']) {
      if (from[key] !== undefined) requireFlag('podspecFieldRef', profile, v, R.FEATURE_FLAG, `${path}.env[${i}].valueFrom.${key}`, from[key]);
    }
  });

  checkResources(c.resources, `${path}.resources`, v);

  if (isInit) {
    for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      if (c[key] !== undefined) v.add(R.PRUNED_FIELD, `${path}.${key}`, c[key], 'probes are not allowed on init containers (rejected by the webhook)');
    }
  } else {
    const servingPort = ports[0]?.containerPort;
    for (const key of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      const probe = c[key];
      if (probe === undefined || probe === null) continue;
      checkUnknownKeys(probe, PROBE_FIELDS, `${path}.${key}`, v);
      if (!isUser && key !== 'startupProbe') requireFlag('multiContainerProbing', profile, v, R.FEATURE_FLAG, `${path}.${key}`, probe, 'a probe on a sidecar');
      if (isUser) checkProbe(probe, key, `${path}.${key}`, servingPort, ports[0]?.name || 'http', v);
    }
  }

  const sc = c.securityContext;
  if (sc !== undefined && sc !== null) {
    checkUnknownKeys(sc, CONTAINER_SC_FIELDS, `${path}.securityContext`, v);
    if (sc.privileged === true) v.add(R.SECURITY_CONTEXT, `${path}.securityContext.privileged`, true, 'privileged containers are not allowed');
    const add = sc.capabilities?.add;
    if (Array.isArray(add) && add.length > 0) requireFlag('containerspecAddCapabilities', profile, v, R.SECURITY_CONTEXT, `${path}.securityContext.capabilities.add`, add);
    for (const key of ['runAsUser', 'runAsGroup']) {
      if (sc[key] !== undefined && !isIdInRange(sc[key])) v.add(R.SECURITY_CONTEXT, `${path}.securityContext.${key}`, sc[key], 'expected 0 <= id <= 2147483647');
    }
  }
}

function checkProbe(probe: any, kind: string, path: string, servingPort: number | undefined, servingPortName: string, v: ViolationList): void {
  const handlers = ['httpGet', 'tcpSocket', 'exec', 'grpc'].filter((h) => probe[h] !== undefined);
  if (handlers.length !== 1) {
    v.add(kind === 'readinessProbe' ? R.READINESS_PROBE : R.PROBE_THRESHOLD, path, handlers,
      handlers.length === 0 ? 'the probe has no handler' : 'expected exactly one handler', 'use one Probe.fromHttpGet / fromTcpSocket / fromCommand');
  }
  for (const h of ['httpGet', 'tcpSocket']) {
    const port = probe[h]?.port;
    if (port === undefined || port === 0) continue;
    // A named port passes when it names the serving port (its name, or `http` when unnamed), as upstream (KV validateContainersPorts).
    if (typeof port === 'string' ? port !== servingPortName : servingPort !== undefined && port !== servingPort) {
      v.add(R.PROBE_PORT, `${path}.${h}.port`, port, `the serving port is ${servingPort ?? 8080}`);
    }
  }
  const nums = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold'];
  if (kind === 'readinessProbe') {
    const period = probe.periodSeconds ?? 0;
    if (period < 0 || (probe.initialDelaySeconds ?? 0) < 0) v.add(R.READINESS_PROBE, path, probe, 'periodSeconds and initialDelaySeconds must be ≥ 0');
    if (probe.successThreshold !== undefined && probe.successThreshold < 1) v.add(R.READINESS_PROBE, `${path}.successThreshold`, probe.successThreshold, 'must be ≥ 1');
    if (period === 0) {
      for (const key of ['timeoutSeconds', 'failureThreshold']) {
        if (probe[key]) v.add(R.READINESS_PROBE, `${path}.${key}`, probe[key], `${key} is disallowed when periodSeconds is zero (aggressive probing)`);
      }
    } else {
      for (const key of ['timeoutSeconds', 'failureThreshold']) {
        if (probe[key] !== undefined && probe[key] < 1) v.add(R.READINESS_PROBE, `${path}.${key}`, probe[key], `${key} must be ≥ 1 when periodSeconds is set`);
      }
    }
  } else {
    if (probe.successThreshold !== undefined && probe.successThreshold !== 1) v.add(R.PROBE_THRESHOLD, `${path}.successThreshold`, probe.successThreshold, 'must be 1');
    for (const key of nums) {
      if (probe[key] !== undefined && (!Number.isInteger(probe[key]) || probe[key] < 0)) v.add(R.PROBE_THRESHOLD, `${path}.${key}`, probe[key], 'must be a whole number ≥ 0');
    }
  }
}

function checkResources(res: any, path: string, v: ViolationList): void {
  if (!res) return;
  for (const key of Object.keys(res.requests ?? {})) {
    const req = parseQuantity(res.requests[key]);
    const lim = parseQuantity(res.limits?.[key]);
    if (req !== undefined && lim !== undefined && req > lim) {
      v.add(R.RESOURCES, `${path}.requests.${key}`, res.requests[key], `the request exceeds the limit ${res.limits[key]}`);
    }
  }
}

/** Kubernetes quantity to a number (enough to compare request and limit). */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return undefined;
  const m = /^([+-]?\d+(?:\.\d+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(q);
  if (!m) return undefined;
  const mult: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
  return Number(m[1]) * mult[m[2] ?? ''];
}

/**
 * The weak validation of go-containerregistry `name.ParseReference` that the
 * webhook applies (KV#L618-625). Returns what is wrong, or undefined.
 */
export function imageReferenceProblem(ref: string): string | undefined {
  let rest = ref;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const digest = rest.slice(at + 1);
    if (!/^sha256:[a-f0-9]{64}$/.test(digest)) return 'the digest must be sha256:<64 lowercase hex digits>';
    rest = rest.slice(0, at);
  }
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    const tag = rest.slice(colon + 1);
    if (tag !== '' && !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) return `the tag "${tag}" is not valid ([A-Za-z0-9_.-], at most 128)`;
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let repo = rest;
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(parts[0])) return `the registry "${parts[0]}" is not a valid host[:port]`;
    repo = parts.slice(1).join('/');
  }
  if (repo.length < 2 || repo.length > 255) return `the repository "${repo}" must be 2-255 characters`;
  if (!/^[a-z0-9_.\-/]+$/.test(repo)) return `the repository "${repo}" must be lowercase letters, digits, "_", "-", ".", "/"`;
  return undefined;
}

// ---------------------------------------------------------------------------
// volumes

const GATED_SOURCES: Record<string, FeatureName> = {
  emptyDir: 'podspecVolumesEmptyDir',
  persistentVolumeClaim: 'podspecPersistentVolumeClaim',
  hostPath: 'podspecVolumesHostPath',
  csi: 'podspecVolumesCsi',
  image: 'podspecVolumesImage',
};
const SOURCES = ['configMap', 'secret', 'projected', ...Object.keys(GATED_SOURCES)];

function checkVolumes(spec: any, containers: { c: any; path: string }[], profile: ClusterProfile, v: ViolationList): void {
  const volumes: any[] = Array.isArray(spec.volumes) ? spec.volumes : [];
  const byName = new Map<string, any>();
  volumes.forEach((vol, i) => {
    const path = `${TPL_SPEC}.volumes[${i}]`;
    checkUnknownKeys(vol, VOLUME_FIELDS, path, v);
    const name = vol?.name;
    if (typeof name === 'string' && byName.has(name)) v.add(R.VOLUME_NAME, `${path}.name`, name, 'duplicate volume name');
    else if (typeof name !== 'string' || !isDns1123Label(name)) v.add(R.VOLUME_NAME, `${path}.name`, name);
    // Registered even when invalid (as upstream), so that its mount is not also reported as naming no volume.
    if (typeof name === 'string' && !byName.has(name)) byName.set(name, vol);
    const sources = SOURCES.filter((s) => vol?.[s] !== undefined);
    if (sources.length !== 1) {
      v.add(R.VOLUME_SOURCE, path, sources, sources.length === 0 ? 'no supported source (configMap, secret, projected, emptyDir)' : 'expected exactly one source');
    }
    for (const src of sources) {
      const flag = GATED_SOURCES[src];
      if (flag) requireFlag(flag, profile, v, R.VOLUME_SOURCE, `${path}.${src}`, vol[src]);
    }
    if (vol?.persistentVolumeClaim && vol.persistentVolumeClaim.readOnly !== true) {
      requireFlag('podspecPersistentVolumeWrite', profile, v, R.VOLUME_SOURCE, `${path}.persistentVolumeClaim.readOnly`, vol.persistentVolumeClaim.readOnly, 'a writable claim');
    }
    const medium = vol?.emptyDir?.medium;
    if (medium !== undefined && medium !== '' && medium !== 'Memory') v.add(R.EMPTYDIR, `${path}.emptyDir.medium`, medium);
  });

  const mounted = new Set<string>();
  for (const { c, path } of containers) {
    const paths = new Set<string>();
    (Array.isArray(c.volumeMounts) ? c.volumeMounts : []).forEach((vm: any, i: number) => {
      const mpath = `${path}.volumeMounts[${i}]`;
      checkUnknownKeys(vm, MOUNT_FIELDS, mpath, v);
      mounted.add(vm?.name);
      if (!byName.has(vm?.name)) v.add(R.VOLUME_MOUNT_MATCH, `${mpath}.name`, vm?.name, 'no volume of that name');
      const mp = typeof vm?.mountPath === 'string' ? cleanPath(vm.mountPath) : '';
      if (!mp.startsWith('/')) v.add(R.MOUNT_PATH, `${mpath}.mountPath`, vm?.mountPath, 'must be an absolute path');
      else if (['/', '/dev', '/dev/log'].includes(mp)) v.add(R.MOUNT_PATH, `${mpath}.mountPath`, vm.mountPath, 'reserved path');
      else if (paths.has(mp)) v.add(R.MOUNT_PATH, `${mpath}.mountPath`, vm.mountPath, 'must be unique within the container');
      paths.add(mp);
      if (vm?.mountPropagation !== undefined) requireFlag('podspecVolumesMountPropagation', profile, v, R.FEATURE_FLAG, `${mpath}.mountPropagation`, vm.mountPropagation);
    });
  }
  for (const name of byName.keys()) {
    if (!mounted.has(name)) v.add(R.VOLUME_MOUNT_MATCH, `${TPL_SPEC}.volumes`, name, `volume "${name}" is not mounted by any container`);
  }
}

function cleanPath(p: string): string {
  if (p === '') return '';
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return (abs ? '/' : '') + out.join('/') || (abs ? '/' : '.');
}

// ---------------------------------------------------------------------------
// traffic

function checkTraffic(traffic: unknown, serviceName: string, v: ViolationList): void {
  if (traffic === undefined) return;
  const targets: any[] = Array.isArray(traffic) ? traffic : [];
  if (targets.length === 0) return; // Knative defaults an empty list to 100 % latest.
  let sum = 0;
  const tags = new Map<string, number>();
  targets.forEach((t, i) => {
    const path = `spec.traffic[${i}]`;
    const percent = t?.percent ?? 0;
    if (!Number.isInteger(percent) || percent < 0 || percent > 100) v.add(R.TRAFFIC_PERCENT, `${path}.percent`, t?.percent);
    else sum += percent;
    for (const key of ['configurationName', 'url']) if (t?.[key] !== undefined) v.add(R.TRAFFIC_FIELD, `${path}.${key}`, t[key]);
    checkUnknownKeys(t, ['configurationName', 'latestRevision', 'percent', 'revisionName', 'tag', 'url'], path, v);
    const rev = t?.revisionName;
    const latest = t?.latestRevision;
    // Unset latestRevision defaults to `revisionName == ""`, so only explicit contradictions are rejected.
    if (latest === true && rev) {
      v.add(R.TRAFFIC_TARGET, path, { revisionName: rev, latestRevision: latest }, `may not set revisionName "${rev}" when latestRevision is true`);
    } else if (latest === false && !rev) {
      v.add(R.TRAFFIC_TARGET, path, { latestRevision: latest }, 'latestRevision is false but no revisionName is given');
    }
    if (rev) {
      if (!isQualifiedName(String(rev))) v.add(R.TRAFFIC_REVISION, `${path}.revisionName`, rev, 'not a valid name');
      else if (!String(rev).startsWith(`${serviceName}-`)) v.add(R.TRAFFIC_REVISION, `${path}.revisionName`, rev, `revisions of this Service are named "${serviceName}-…"`);
    }
    if (t?.tag !== undefined) {
      const tag = String(t.tag);
      if (!isDns1035Label(tag)) v.add(R.TRAFFIC_TAG, `${path}.tag`, tag);
      else if (`${tag}-${serviceName}`.length > 63) v.add(R.TRAFFIC_HOSTNAME, `${path}.tag`, tag, `"${tag}-${serviceName}" is ${tag.length + serviceName.length + 1} characters`);
      if (tags.has(tag)) v.add(R.TRAFFIC_TAG_DUPLICATE, `${path}.tag`, tag, `also used by spec.traffic[${tags.get(tag)}]`);
      else tags.set(tag, i);
    }
  });
  if (sum !== 100) v.add(R.TRAFFIC_SUM, 'spec.traffic', targets.map((t) => t?.percent ?? 0), `the percents sum to ${sum}, want 100`);
}
