// Checks of a `serving.knative.dev/v1` Service, built from its rule table.
import type { ManifestValidator } from '../settings/validation';
import { isDns1035Label, isDns1123Label, isLabelValue, isQualifiedName } from '../k8s/names';
import { checkPodSpec, PodDialect } from '../pod/podspec';
import { SHARED_POD_RULES } from '../pod/pod-rules';
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import type { SchemaOptions } from '../engine/schema-check';
import { ClusterSettings } from '../settings/settings';
import { closest } from '../engine/text';
import { parseFloatStrict, parseGoDuration, parseIntStrict, parseQuantity } from '../k8s/values';
import { goUrlProblem } from '../k8s/go-url';
import { KNATIVE_POD_RULES, KNATIVE_SERVICE_RULES as R } from './agent-knative-service.rules';
import { ROUTE_RULES as ROUTE } from './route.rules';
import { AUTOSCALING_PREFIX, KNOWN_AUTOSCALING_KEYS, SCALING_ANNOTATIONS as A, ScalingClass } from './scaling';
import { arr, fieldsOf, JsonObject, objOrEmpty as obj, valueAt } from '../engine/json';
import { prunedStringMap } from '../engine/decoded-meta';

/** The Knative dialect of the shared pod-spec checks. */
export const KNATIVE_DIALECT: PodDialect = {
  name: 'knative',
  rules: KNATIVE_POD_RULES,
  knative: KNATIVE_POD_RULES,
  imageProblem: imageReferenceProblem,
};

/**
 * Checks a `serving.knative.dev/v1` Service against the rules of the Knative
 * 1.22 webhook and what the cluster would silently ignore. Pure: manifest
 * and settings in, findings out. As upstream (SV#L27-57), a Service's spec is
 * a ConfigurationSpec and a RouteSpec, checked by the same functions as a
 * Configuration's and a Route's, the RouteSpec with the Service's name as its
 * default configuration.
 */
export function validateKnativeService(m: unknown, settings: ClusterSettings, v: FindingList): void {
  const meta = obj(valueAt(m, 'metadata'));
  checkServingMetadata(meta, { kind: 'Service', rolloutDuration: true, visibility: true, userAnnotations: true }, v);
  checkConfigurationSpec(obj(valueAt(m, 'spec')), meta, settings, v);
  checkTraffic(valueAt(m, 'spec', 'traffic'), { parent: meta, service: true }, settings, v);
}

/**
 * A Serving kind's schema as its admission chain reads it: the defaulting webhook's round trip
 * writes Go's zero value in place of every null list element (knative.dev/pkg
 * webhook/resourcesemantics/defaulting/defaulting.go#L332, roundTripPatch #L466-475) before the
 * API server checks the schema, and these checks judge that zero value as the webhook does
 * (a null container is one without an image), as the oracle's runs of Serving's kinds agree.
 */
export const SERVING_SCHEMA: SchemaOptions = { zeroNullItems: 'every list' };

export const KNATIVE_SERVICE_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'serving.knative.dev/v1',
  kind: 'Service',
  rules: [R, SHARED_POD_RULES],
  schema: SERVING_SCHEMA,
  validate: (o, ctx, out) => validateKnativeService(o, ctx.settings, out),
});

const TPL_SPEC = 'spec.template.spec';
const TPL_ANN = 'spec.template.metadata.annotations';

/** Where a RevisionSpec and its annotations are in a manifest. */
export interface RevisionPaths {
  readonly spec: string;
  readonly annotations: string;
}
/** A revision template's (Service, Configuration). */
const TEMPLATE: RevisionPaths = { spec: TPL_SPEC, annotations: TPL_ANN };
const annField = (base: string, key: string) => `${base}["${key}"]`;
/** Unset or empty, as Go reads a string field. */
const blank = (x: unknown) => x === undefined || x === null || x === '';

// ---------------------------------------------------------------------------
// metadata

/** What the object metadata checks of a kind include, beyond what every Serving object's have. */
export interface ServingMetadataChecks {
  /** The kind, as messages name it. */
  readonly kind: 'Service' | 'Configuration' | 'Route' | 'Revision';
  /** `serving.knative.dev/rollout-duration` is validated (Service, Route: MV#L52-76). */
  readonly rolloutDuration: boolean;
  /** The `networking.knative.dev/visibility` label is read (Service, Route). */
  readonly visibility: boolean;
  /** The creator annotations are Knative's (a Service always; a Configuration or Route that no Service owns). */
  readonly userAnnotations: boolean;
}

/**
 * The object metadata of a Service, Configuration, Route or Revision:
 * serving.ValidateObjectMetadata (MV#L36-48, PM#L38-68), the API server's
 * namespace, labels and annotations, and what the kind reads besides.
 */
export function checkServingMetadata(meta: JsonObject, checks: ServingMetadataChecks, v: FindingList): void {
  checkObjectName(meta, checks.kind, v);
  if (meta.namespace !== undefined && !isDns1123Label(String(meta.namespace))) {
    v.add(R.NAMESPACE, 'metadata.namespace', meta.namespace);
  }
  const labels = fieldsOf(meta.labels);
  checkLabels(labels, 'metadata.labels', v);
  const visibility = labels['networking.knative.dev/visibility'];
  if (checks.visibility && visibility !== undefined && visibility !== 'cluster-local') {
    v.add(R.VISIBILITY_LABEL, 'metadata.labels["networking.knative.dev/visibility"]', visibility);
  }
  const annotations = fieldsOf(meta.annotations);
  checkAnnotations(annotations, 'metadata.annotations', v);
  for (const key of Object.keys(annotations)) {
    // A Revision's are validated as a template's are (MV#L40-41): checkRevisionSpecAndAutoscaling.
    if (checks.kind !== 'Revision' && key.startsWith('autoscaling.knative.dev')) {
      v.add(R.SERVICE_AUTOSCALING_ANNOTATION, annField('metadata.annotations', key), annotations[key], `autoscaling annotations are not allowed on the ${checks.kind} metadata`);
    }
    if (checks.userAnnotations && (key === 'serving.knative.dev/creator' || key === 'serving.knative.dev/lastModifier')) {
      v.add(R.USER_ANNOTATIONS, annField('metadata.annotations', key), annotations[key]);
    }
  }
  if (!checks.rolloutDuration) return;
  const rolloutKey = annotations['serving.knative.dev/rollout-duration'] !== undefined ? 'serving.knative.dev/rollout-duration' : 'serving.knative.dev/rolloutDuration';
  const rollout = annotations[rolloutKey];
  if (rollout !== undefined && rollout !== '') {
    const d = parseGoDuration(String(rollout));
    if (d === undefined || d < 0 || !Number.isInteger(d)) {
      v.add(R.ROLLOUT_DURATION, annField('metadata.annotations', rolloutKey), rollout);
    }
  }
}

/** knative.dev/pkg apis.ValidateObjectMetadata (PM#L38-68): the first problem of generateName, name, or neither. */
function checkObjectName(meta: JsonObject, kind: string, v: FindingList): void {
  const { name, generateName } = meta;
  // A value of the wrong type is SCHEMA-002.
  if ((name !== undefined && typeof name !== 'string') || (generateName !== undefined && typeof generateName !== 'string')) return;
  if (!blank(generateName) && dns1035PrefixProblem(String(generateName))) {
    v.add(R.NAME_DNS1035, 'metadata.generateName', generateName, `not a DNS 1035 label prefix: ${dns1035PrefixProblem(String(generateName))}`);
  } else if (!blank(name) && !isDns1035Label(String(name))) {
    const n = String(name);
    v.add(R.NAME_DNS1035, 'metadata.name', n, n.length > 63 ? `${n.length} characters, at most 63`
      : `the ${kind} name must be a DNS-1035 label: a lowercase letter first, then lowercase letters, digits or \`-\`, at most 63 characters`);
  } else if (blank(name) && blank(generateName)) {
    v.add(R.NAME_DNS1035, 'metadata.name', name ?? '', 'name or generateName is required');
  }
}

/**
 * Why a generateName is not a DNS-1035 label prefix, as apimachinery's
 * NameIsDNS1035Label(name, true) says: a trailing `-` is masked first (its two
 * last characters become `a`). Undefined when it is one.
 */
export function dns1035PrefixProblem(prefix: string): string | undefined {
  const masked = prefix.length > 1 && prefix.endsWith('-') ? `${prefix.slice(0, -2)}a` : prefix;
  if (masked.length > 63) return 'must be no more than 63 characters';
  return isDns1035Label(masked) ? undefined : 'lowercase letters, digits and `-`, starting with a letter';
}

function checkLabels(labels: Record<string, unknown>, base: string, v: FindingList): void {
  for (const [key, value] of Object.entries(labels)) {
    if (!isQualifiedName(key)) v.add(R.LABEL_SYNTAX, `${base} key`, key, 'not a qualified name');
    else if (typeof value !== 'string' || !isLabelValue(value)) v.add(R.LABEL_SYNTAX, annField(base, key), value);
  }
}

function checkAnnotations(annotations: Record<string, unknown>, base: string, v: FindingList): void {
  for (const [key, value] of Object.entries(annotations)) {
    if (!isQualifiedName(key.toLowerCase())) v.add(R.ANNOTATION_SYNTAX, `${base} key`, key, 'not a qualified name');
    else if (typeof value !== 'string') v.add(R.ANNOTATION_SYNTAX, annField(base, key), value, 'annotation values must be strings');
  }
}

// ---------------------------------------------------------------------------
// ConfigurationSpec: the revision template (RV#L62-75)

/** A ConfigurationSpec (a Service's or a Configuration's); `parent` is the metadata of the object that holds it. */
export function checkConfigurationSpec(spec: JsonObject, parent: JsonObject, settings: ClusterSettings, v: FindingList): void {
  const template = obj(spec.template);
  // The CRD declares the template's labels and annotations as string maps: the API server drops a null value before the webhook.
  const written = obj(template.metadata);
  const meta = { ...written, labels: prunedStringMap(written.labels), annotations: prunedStringMap(written.annotations) };
  checkTemplateMetadata(meta, parent, v);
  checkRevisionSpecAndAutoscaling(obj(template.spec), fieldsOf(meta.annotations), settings, v, TEMPLATE);
}

/**
 * A RevisionSpec (RV#L103-120) and the autoscaling annotations that go with
 * it (AV): a revision template's, or a Revision's own (`at` says where).
 */
export function checkRevisionSpecAndAutoscaling(podSpec: JsonObject, ann: JsonObject, settings: ClusterSettings, v: FindingList, at: RevisionPaths): void {
  checkAutoscaling(ann, podSpec, settings, v, at.annotations);
  checkRevisionSpec(podSpec, settings, v, at.spec);
  checkPodSpec(podSpec, at.spec, KNATIVE_DIALECT, settings, v);
  checkStartupBudget(podSpec, ann, settings, v, at.spec);
}

// ---------------------------------------------------------------------------
// revision template metadata: names, labels, networking and queue annotations

function checkTemplateMetadata(meta: JsonObject, parent: JsonObject, v: FindingList): void {
  checkRevisionName(meta, parent, v);
  checkLabels(fieldsOf(meta.labels), 'spec.template.metadata.labels', v);
  const ann = fieldsOf(meta.annotations);
  checkAnnotations(ann, TPL_ANN, v);
  for (const key of Object.keys(ann)) {
    if (key.startsWith('networking.knative.dev/') && !TEMPLATE_NETWORKING_KEYS.has(key)) {
      v.add(R.TEMPLATE_NETWORKING_ANNOTATION, annField(TPL_ANN, key), ann[key], 'the webhook rejects this networking annotation on the revision template ("invalid key name")',
        key === 'networking.knative.dev/visibility' ? 'use the `visibility` prop, which sets the label on the Service' : 'remove it',
        key === 'networking.knative.dev/visibility' ? 'remove it, and set the label `networking.knative.dev/visibility: cluster-local` on the Service (`metadata.labels`)' : undefined);
    }
  }
  checkQueueAndDeadline(ann, v);
}

/** validateRevisionName (RV#L139-168): the template's generateName, then its name, against the parent's. */
function checkRevisionName(meta: JsonObject, parent: JsonObject, v: FindingList): void {
  const { name, generateName } = meta;
  if (typeof generateName === 'string' && generateName !== '') {
    const problem = dns1035PrefixProblem(generateName);
    if (problem) {
      v.add(R.REVISION_GENERATE_NAME, 'spec.template.metadata.generateName', generateName, `not a DNS 1035 label prefix: ${problem}`);
      return;
    }
  }
  // Empty is no name (upstream reads a Go string); a value of another type is SCHEMA-002.
  if (typeof name !== 'string' || name === '') return;
  if (!isDns1035Label(name)) {
    v.add(R.REVISION_NAME_DNS1035, 'spec.template.metadata.name', name);
    return;
  }
  const parentName = typeof parent.name === 'string' ? parent.name : '';
  if (parentName === '' && typeof parent.generateName === 'string' && parent.generateName !== '') {
    v.add(R.REVISION_NAME_PREFIX, 'spec.template.metadata.name', name, 'a revision name cannot be given while the parent\'s own name is generated (generateName)',
      'remove `spec.template.metadata.name`, or give the parent a `metadata.name`');
    return;
  }
  if (!name.startsWith(`${parentName}-`)) {
    v.add(R.REVISION_NAME_PREFIX, 'spec.template.metadata.name', name, `must start with "${parentName}-"`, `rename it to "${parentName}-${name}" or similar`);
  }
}

const QUEUE_PREFIX = 'queue.sidecar.serving.knative.dev/';

function checkQueueAndDeadline(ann: Record<string, unknown>, v: FindingList): void {
  for (const key of [`${QUEUE_PREFIX}resource-percentage`, `${QUEUE_PREFIX}resourcePercentage`]) {
    if (ann[key] === undefined) continue;
    v.add(R.QUEUE_RESOURCE_PERCENTAGE_DEPRECATED, annField(TPL_ANN, key), ann[key], 'deprecated: the webhook warns on every apply');
    const n = parseFloatStrict(String(ann[key]));
    if (n === undefined || !(n >= 0.1 && n <= 100)) v.add(R.QUEUE_RESOURCE_PERCENTAGE, annField(TPL_ANN, key), ann[key], 'expected 0.1 <= value <= 100');
  }
  for (const res of ['cpu', 'memory', 'ephemeral-storage']) {
    for (const kind of ['request', 'limit']) {
      const key = `${QUEUE_PREFIX}${res}-resource-${kind}`;
      if (ann[key] !== undefined && parseQuantity(String(ann[key])) === undefined) v.add(R.QUEUE_RESOURCE_QUANTITY, annField(TPL_ANN, key), ann[key], 'not a Kubernetes quantity');
    }
  }
  const deadline = ann['serving.knative.dev/progress-deadline'];
  if (deadline !== undefined && deadline !== '') {
    const d = parseGoDuration(String(deadline));
    const problem = d === undefined ? 'not a Go duration such as "10m"' : d <= 0 ? 'must be positive' : !Number.isInteger(d) ? 'not at second precision' : undefined;
    if (problem) v.add(R.PROGRESS_DEADLINE, annField(TPL_ANN, 'serving.knative.dev/progress-deadline'), deadline, problem);
  }
}

const TEMPLATE_NETWORKING_KEYS = new Set([
  'networking.knative.dev/ingress.class', 'networking.knative.dev/ingress-class', 'networking.knative.dev/certificate.class',
  'networking.knative.dev/certificate-class', 'networking.knative.dev/disableAutoTLS', 'networking.knative.dev/disable-auto-tls',
  'networking.knative.dev/disable-external-domain-tls', 'networking.knative.dev/httpOption', 'networking.knative.dev/http-protocol',
]);

/** Reads an annotation under its kebab-case key, else its legacy camelCase alias (kebab wins upstream). */
/** An autoscaling annotation by its key or its camel-case alias (`min-scale`, `minScale`), as Knative reads it. */
export function lookupAutoscaling(ann: Record<string, unknown>, key: string): { key: string; value: string } | undefined {
  if (ann[key] !== undefined) return { key, value: String(ann[key]) };
  const alias = camelAlias(key);
  if (alias !== undefined && ann[alias] !== undefined) return { key: alias, value: String(ann[alias]) };
  return undefined;
}

const CAMEL_ALIASES = new Map<string, string | undefined>();

/** The legacy camelCase key Knative still reads for a kebab-case one (computed once per key: this runs per Service). */
function camelAlias(key: string): string | undefined {
  if (CAMEL_ALIASES.has(key)) return CAMEL_ALIASES.get(key);
  const alias = AUTOSCALING_PREFIX + key.slice(AUTOSCALING_PREFIX.length).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const known = alias !== key && KNOWN_AUTOSCALING_KEYS.has(alias) ? alias : undefined;
  CAMEL_ALIASES.set(key, known);
  return known;
}

const INT32_MAX = 2147483647;
const METRIC_AGGREGATION_ALGORITHM = `${AUTOSCALING_PREFIX}metric-aggregation-algorithm`;

function checkAutoscaling(ann: Record<string, unknown>, spec: JsonObject, settings: ClusterSettings, v: FindingList, base: string): void {
  const field = (key: string) => annField(base, key);

  for (const key of Object.keys(ann)) {
    if (!key.startsWith(AUTOSCALING_PREFIX) || KNOWN_AUTOSCALING_KEYS.has(key)) continue;
    if (key === AUTOSCALING_PREFIX + 'scale-to-zero-grace-period') v.add(R.SCALE_GRACE_PERIOD, field(key), ann[key]);
    else v.add(R.SCALE_UNKNOWN_ANNOTATION, field(key), ann[key], `"${key}" is not read by Knative`, suggestKey(key), suggestKey(key, true));
  }

  const cls = lookupAutoscaling(ann, A.class);
  // As the webhook: only *.knative.dev classes must be Knative's; another class is a custom autoscaler's.
  if (cls && typeof cls.value === 'string' && cls.value.endsWith('.knative.dev') && cls.value !== ScalingClass.KPA && cls.value !== ScalingClass.HPA) v.add(R.SCALE_CLASS, field(cls.key), cls.value);
  else if (cls && typeof cls.value === 'string' && ['kpa', 'hpa'].includes(cls.value.toLowerCase())) {
    v.add(R.SCALE_CLASS_SHORT, field(cls.key), cls.value, 'no autoscaler serves this class', `did you mean "${cls.value.toLowerCase()}.autoscaling.knative.dev"?`, `write "${cls.value.toLowerCase()}.autoscaling.knative.dev"`);
  }
  const effectiveClass = cls?.value ?? settings.serving.podAutoscalerClass;
  const isHpa = effectiveClass === ScalingClass.HPA;
  const isKpa = effectiveClass === ScalingClass.KPA;

  const metric = lookupAutoscaling(ann, A.metric);
  if (metric) {
    if (isKpa && metric.value !== 'concurrency' && metric.value !== 'rps') {
      v.add(R.SCALE_METRIC, field(metric.key), metric.value, `class ${effectiveClass} scales on concurrency or rps`);
    } else if (isHpa && metric.value === '') {
      v.add(R.SCALE_METRIC, field(metric.key), metric.value, 'the HPA needs a metric name');
    } else if (isHpa && (metric.value === 'concurrency' || metric.value === 'rps')) {
      v.add(R.SCALE_METRIC_HPA_REQUESTS, field(metric.key), metric.value, 'the HPA looks for a custom Pods metric of this name');
    }
  }

  const target = lookupAutoscaling(ann, A.target);
  if (target) {
    const n = parseFloatStrict(target.value);
    if (n === undefined || !(n >= 0.01)) v.add(R.SCALE_TARGET, field(target.key), target.value);
  }
  const tu = lookupAutoscaling(ann, A.targetUtilizationPercentage);
  if (tu) {
    const n = parseFloatStrict(tu.value);
    if (n === undefined || !(n >= 1 && n <= 100)) v.add(R.SCALE_TARGET_UTILIZATION, field(tu.key), tu.value);
  }

  const min = checkInt32(lookupAutoscaling(ann, A.minScale), R.SCALE_BOUNDS, field, v);
  const maxEntry = lookupAutoscaling(ann, A.maxScale);
  const max = checkInt32(maxEntry, R.SCALE_BOUNDS, field, v);
  if (min !== undefined && max !== undefined && max !== 0 && max < min) {
    v.add(R.SCALE_ORDER, field(maxEntry?.key ?? A.maxScale), String(max), `max-scale ${max} is less than min-scale ${min}`);
  }
  if (maxEntry && max !== undefined && settings.serving.maxScaleLimit > 0 && (max < 1 || max > settings.serving.maxScaleLimit)) {
    v.add(R.SCALE_MAX_LIMIT, field(maxEntry.key), maxEntry.value,
      max === 0 ? `unlimited (0) is not allowed with max-scale-limit ${settings.serving.maxScaleLimit}` : `the cluster max-scale-limit is ${settings.serving.maxScaleLimit}`);
  }

  const act = lookupAutoscaling(ann, A.activationScale);
  if (act) {
    const n = parseIntStrict(act.value);
    if (n === undefined || n > INT32_MAX) v.add(R.SCALE_ACTIVATION, field(act.key), act.value, 'not a whole number');
    else if (min !== undefined && n < min) v.add(R.SCALE_ACTIVATION, field(act.key), act.value, `min-scale ${min} is greater than activation-scale ${n}`);
    else if (max !== undefined && max !== 0 && n > max) v.add(R.SCALE_ACTIVATION, field(act.key), act.value, `max-scale ${max} is less than activation-scale ${n}`);
    else if (n < 2) v.add(R.SCALE_ACTIVATION, field(act.key), act.value, 'activation-scale must be greater than 1');
  }

  const init = lookupAutoscaling(ann, A.initialScale);
  if (init) {
    const n = parseIntStrict(init.value);
    if (n === undefined || n < 0) v.add(R.SCALE_INITIAL, field(init.key), init.value);
    else if (n === 0 && !settings.serving.allowZeroInitialScale) {
      v.add(R.SCALE_INITIAL, field(init.key), init.value, 'initial-scale=0 is not allowed by the cluster (config-autoscaler allow-zero-initial-scale is false)');
    }
  }

  checkDurationAnnotation(lookupAutoscaling(ann, A.window), R.SCALE_WINDOW, 6, 3600, true, field, v);
  checkDurationAnnotation(lookupAutoscaling(ann, A.scaleDownDelay), R.SCALE_DOWN_DELAY, 0, 3600, true, field, v);
  checkDurationAnnotation(lookupAutoscaling(ann, A.scaleToZeroRetention), R.SCALE_RETENTION, 0, 3600, false, field, v);

  checkFloatRange(lookupAutoscaling(ann, A.panicWindowPercentage), R.SCALE_PANIC_WINDOW, 1, 100, field, v);
  checkFloatRange(lookupAutoscaling(ann, A.panicThresholdPercentage), R.SCALE_PANIC_THRESHOLD, 110, 1000, field, v);
  const tbc = lookupAutoscaling(ann, A.targetBurstCapacity);
  if (tbc) {
    const n = parseFloatStrict(tbc.value);
    if (n === undefined || (n < 0 && n !== -1)) v.add(R.SCALE_BURST, field(tbc.key), tbc.value);
  }

  const algo = lookupAutoscaling(ann, METRIC_AGGREGATION_ALGORITHM);
  // The webhook checks the value under an explicit KPA class only (AV#L75-91); without one, the KPA (the default class) reads it unchecked.
  if (algo && isKpa && !['', 'linear', 'weighted-exponential', 'weightedExponential'].includes(algo.value)) {
    if (cls?.value === ScalingClass.KPA) v.add(R.SCALE_AGGREGATION, field(algo.key), algo.value);
    else v.add(R.SCALE_AGGREGATION_FALLBACK, field(algo.key), algo.value, `not an aggregation algorithm: the KPA (the cluster's default class) averages linearly`);
  }

  if (isHpa) {
    const kpaOnly = [A.activationScale, A.initialScale, A.scaleDownDelay, A.scaleToZeroRetention, A.panicWindowPercentage,
      A.panicThresholdPercentage, A.targetBurstCapacity, A.targetUtilizationPercentage, METRIC_AGGREGATION_ALGORITHM];
    for (const key of kpaOnly) {
      const e = lookupAutoscaling(ann, key);
      if (e) v.add(R.SCALE_CLASS_ONLY, field(e.key), e.value, 'the HPA class ignores it (KPA only)');
    }
    // Only an explicit 0 expects scale-to-zero; unset min-scale under HPA simply means one pod.
    if (min === 0) v.add(R.SCALE_HPA_ZERO, field(A.minScale), '0', 'the HPA keeps at least one pod');
  }

  // Warnings: accepted, but the cluster will not do what the annotation says.
  const cc = spec.containerConcurrency ?? settings.serving.containerConcurrency;
  const metricName = metric?.value ?? (isKpa ? 'concurrency' : undefined);
  if (target && isKpa && metricName === 'concurrency' && typeof cc === 'number' && Number.isInteger(cc) && cc > 0) {
    const n = parseFloatStrict(target.value);
    if (n !== undefined && n > cc) {
      v.add(R.TARGET_ABOVE_CONCURRENCY, field(target.key), target.value, `target ${n} exceeds containerConcurrency ${cc}: the autoscaler targets ${cc}`);
    }
  }
  if (!settings.serving.enableScaleToZero && isKpa) {
    if (min === 0) v.add(R.SCALE_TO_ZERO_DISABLED, field(A.minScale), '0', 'the cluster disables scale to zero (config-autoscaler enable-scale-to-zero: "false"), so one pod stays');
    const retention = lookupAutoscaling(ann, A.scaleToZeroRetention);
    if (retention) v.add(R.SCALE_TO_ZERO_DISABLED, field(retention.key), retention.value, 'the cluster never scales to zero, so there is no last pod to retain');
  }
}

/** The closest known key; `yaml`: for a YAML author, who has no typed props. */
function suggestKey(key: string, yaml = false): string {
  const guess = closest(key.slice(AUTOSCALING_PREFIX.length), Object.values(A).map((k) => k.slice(AUTOSCALING_PREFIX.length)), 4);
  if (yaml) return guess ? `did you mean "${AUTOSCALING_PREFIX}${guess}"?` : `spell a key Knative reads (such as \`${AUTOSCALING_PREFIX}min-scale\`), or remove the annotation`;
  return guess ? `did you mean "${AUTOSCALING_PREFIX}${guess}"? Prefer the typed \`scaling\` props` : 'use the typed `scaling` props';
}

function checkInt32(e: { key: string; value: string } | undefined, rule: typeof R.SCALE_BOUNDS, field: (k: string) => string, v: FindingList): number | undefined {
  if (!e) return undefined;
  const n = parseIntStrict(e.value);
  if (n === undefined || n < 0 || n > INT32_MAX) {
    v.add(rule, field(e.key), e.value);
    return undefined;
  }
  return n;
}

function checkFloatRange(e: { key: string; value: string } | undefined, rule: typeof R.SCALE_PANIC_WINDOW, lo: number, hi: number,
  field: (k: string) => string, v: FindingList): void {
  if (!e) return;
  const n = parseFloatStrict(e.value);
  if (n === undefined || !(n >= lo && n <= hi)) v.add(rule, field(e.key), e.value, `expected ${lo} <= value <= ${hi}`);
}

function checkDurationAnnotation(e: { key: string; value: string } | undefined, rule: typeof R.SCALE_WINDOW, loSeconds: number, hiSeconds: number,
  wholeSeconds: boolean, field: (k: string) => string, v: FindingList): void {
  if (!e) return;
  const s = parseGoDuration(e.value);
  if (s === undefined) v.add(rule, field(e.key), e.value, 'not a duration such as "90s" or "5m"');
  else if (s < loSeconds || s > hiSeconds) v.add(rule, field(e.key), e.value, `expected ${loSeconds}s <= value <= ${hiSeconds}s`);
  else if (wholeSeconds && !Number.isInteger(s)) v.add(rule, field(e.key), e.value, 'must be whole seconds');
}

// ---------------------------------------------------------------------------
// RevisionSpec scalars

function checkRevisionSpec(spec: JsonObject, settings: ClusterSettings, v: FindingList, base: string): void {
  const S = settings.serving;
  // A value of the wrong type is SCHEMA-002; these rules judge numbers only.
  const timeout = typeof spec.timeoutSeconds === 'number' ? spec.timeoutSeconds : undefined;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 0 || timeout > S.maxRevisionTimeoutSeconds)) {
    v.add(R.TIMEOUT, `${base}.timeoutSeconds`, timeout, `expected whole seconds 0 <= value <= ${S.maxRevisionTimeoutSeconds} (max-revision-timeout-seconds)`);
  }
  const effectiveTimeout = timeout || S.revisionTimeoutSeconds;
  for (const key of ['responseStartTimeoutSeconds', 'idleTimeoutSeconds']) {
    const t = spec[key];
    if (typeof t !== 'number') continue;
    if (!Number.isInteger(t) || t < 0) v.add(R.SUB_TIMEOUTS, `${base}.${key}`, t, 'must be whole seconds ≥ 0');
    else if (t > effectiveTimeout) v.add(R.SUB_TIMEOUTS, `${base}.${key}`, t, `longer than the request timeout (${effectiveTimeout}s)`);
  }
  // An unset containerConcurrency is defaulted from config-defaults before validation (RD#L75-77).
  const given = spec.containerConcurrency;
  if (given !== undefined && typeof given !== 'number') return;
  const cc = given ?? S.containerConcurrency;
  const lo = S.allowContainerConcurrencyZero ? 0 : 1;
  if (!Number.isInteger(cc) || cc < lo || cc > S.containerConcurrencyMaxLimit) {
    const defaulted = given === undefined;
    v.add(R.CONTAINER_CONCURRENCY, `${base}.containerConcurrency`, given,
      defaulted ? `unset, so Knative applies config-defaults container-concurrency ${cc}, which is outside ${lo} <= value <= ${S.containerConcurrencyMaxLimit} on this cluster`
        : `expected ${lo} <= value <= ${S.containerConcurrencyMaxLimit}`,
      defaulted ? 'set `containerConcurrency` explicitly (e.g. 1 for one request per pod)' : undefined);
  }
}

/** A startup probe that may outlast the progress deadline: the Revision fails first. */
function checkStartupBudget(spec: JsonObject, ann: JsonObject, settings: ClusterSettings, v: FindingList, base: string): void {
  // `containers?.[0]?.startupProbe` as JavaScript reads it (an object keyed "0" too).
  const raw = fieldsOf(fieldsOf(spec.containers)[0]).startupProbe;
  if (!raw || typeof raw !== 'object') return;
  const probe = obj(raw); // an array reads as a probe without fields
  const period = probe.periodSeconds ?? 10;
  const failures = probe.failureThreshold ?? 3;
  // As `initial + period * failures` computes it: `*` converts to numbers, `+` adds numbers and booleans
  // and concatenates anything else (a string or object delay then gives no finite budget).
  const initial = probe.initialDelaySeconds ?? 0;
  const budget = typeof initial === 'number' || typeof initial === 'boolean' ? Number(initial) + Number(period) * Number(failures) : NaN;
  const annotated = ann['serving.knative.dev/progress-deadline'];
  const parsed = typeof annotated === 'string' ? parseGoDuration(annotated) : undefined;
  const deadline = parsed !== undefined && parsed > 0 ? parsed : settings.serving.progressDeadlineSeconds;
  if (Number.isFinite(budget) && budget > deadline) {
    v.add(R.STARTUP_BUDGET, `${base}.containers[0].startupProbe`, { initialDelaySeconds: probe.initialDelaySeconds, periodSeconds: period, failureThreshold: failures },
      `the probe may take ${budget}s, longer than the progress deadline (${deadline}s)`);
  }
}

// ---------------------------------------------------------------------------
// traffic

/** Where a traffic list is: a Service's (whose Route has a default configuration, SV#L60-64) or a Route's own. */
export interface TrafficContext {
  /** Metadata of the Service or Route: its name names the tagged hosts (and, for a Service, its revisions). */
  readonly parent: JsonObject;
  /** A Service's traffic: the Service's Configuration is the default one (`WithDefaultConfigurationName`). */
  readonly service: boolean;
}

/**
 * validateTrafficList and TrafficTarget.Validate in spec (RTV#L47-187), after
 * the defaulting of RouteSpec (route_defaults.go: a Service's empty list is
 * 100 % to the latest revision; an unset latestRevision is `revisionName == ""`).
 */
export function checkTraffic(traffic: unknown, ctx: TrafficContext, settings: ClusterSettings, v: FindingList): void {
  const targets = arr(traffic);
  if (ctx.service && targets.length === 0) return;
  const routeName = typeof ctx.parent.name === 'string' ? ctx.parent.name : '';
  let sum = 0;
  const tags = new Map<string, number>();
  targets.forEach((value, i) => {
    const t = obj(value);
    const path = `spec.traffic[${i}]`;
    const percent = t.percent ?? 0;
    // Upstream sums every percent, in bounds or not (RTV#L56-58).
    if (typeof percent === 'number') sum += percent;
    if (typeof percent !== 'number' || !Number.isInteger(percent) || percent < 0 || percent > 100) v.add(R.TRAFFIC_PERCENT, `${path}.percent`, t.percent);
    if (!blank(t.url)) v.add(R.TRAFFIC_FIELD, `${path}.url`, t.url, '`url` is reported in status, never set in spec');
    const rev = blank(t.revisionName) ? '' : String(t.revisionName);
    const config = blank(t.configurationName) ? '' : String(t.configurationName);
    const latest = t.latestRevision;
    // Unset latestRevision defaults to `revisionName == ""`, so only explicit contradictions are rejected.
    if (latest === true && rev) {
      v.add(R.TRAFFIC_TARGET, path, { revisionName: rev, latestRevision: latest }, `may not set revisionName "${rev}" when latestRevision is true`);
    } else if (latest === false && !rev) {
      v.add(R.TRAFFIC_TARGET, path, { latestRevision: latest }, 'may not set revisionName "" when latestRevision is false');
    }
    // validateRevisionAndConfiguration (RTV#L107-147), case by case.
    if (ctx.service && config) {
      v.add(R.TRAFFIC_FIELD, `${path}.configurationName`, config, 'a Service routes to its own Configuration: `configurationName` is not allowed');
    } else if (rev && config) {
      v.add(ROUTE.TRAFFIC_ONE_OF, path, { revisionName: rev, configurationName: config }, 'expected exactly one of revisionName and configurationName, got both');
    } else if (rev) {
      if (!isQualifiedName(rev)) v.add(R.TRAFFIC_REVISION, `${path}.revisionName`, rev, 'not a valid name');
      else if (ctx.service && routeName !== '' && !rev.startsWith(`${routeName}-`)) v.add(R.TRAFFIC_REVISION_OWNER, `${path}.revisionName`, rev, `revisions of this Service are named "${routeName}-…"`);
    } else if (config) {
      if (!isQualifiedName(config)) v.add(R.TRAFFIC_REVISION, `${path}.configurationName`, config, 'not a valid name');
    } else if (!ctx.service) {
      v.add(ROUTE.TRAFFIC_ONE_OF, path, t.tag !== undefined ? { tag: t.tag } : {}, 'expected exactly one of revisionName and configurationName, got neither');
    }
    if (!blank(t.tag)) {
      const tag = String(t.tag);
      if (!isDns1035Label(tag)) v.add(R.TRAFFIC_TAG, `${path}.tag`, tag);
      else {
        // The tagged route's host label comes from config-network tag-template.
        const host = settings.serving.tagTemplate.replace(/\{\{\s*\.Tag\s*\}\}/g, tag).replace(/\{\{\s*\.Name\s*\}\}/g, routeName);
        if (host.length > 63) v.add(R.TRAFFIC_HOSTNAME, `${path}.tag`, tag, `"${host}" (tag-template ${settings.serving.tagTemplate}) is ${host.length} characters`);
      }
      if (tags.has(tag)) v.add(R.TRAFFIC_TAG_DUPLICATE, `${path}.tag`, tag, `also used by spec.traffic[${tags.get(tag)}]`);
      else tags.set(tag, i);
    }
  });
  if (sum !== 100) {
    v.add(R.TRAFFIC_SUM, 'spec.traffic', targets.map((t) => obj(t).percent ?? 0),
      targets.length === 0 ? 'a Route without traffic targets: they sum to 0, want 100' : `the percents sum to ${sum}, want 100`);
  }
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
  // go-containerregistry v0.20.3 pkg/name/repository.go#L80-87: the first part is a registry iff it holds `.` or `:`;
  // registry.go#L103-110 checkRegistry: a registry is what url.Parse("//" + name) reads back as its Host.
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':'))) {
    if (/[@?#]/.test(parts[0]) || goUrlProblem(`//${parts[0]}`) !== undefined) return `the registry "${parts[0]}" is not a valid host[:port]`;
    repo = parts.slice(1).join('/');
  }
  if (repo.length < 2 || repo.length > 255) return `the repository "${repo}" must be 2-255 characters`;
  if (!/^[a-z0-9_.\-/]+$/.test(repo)) return `the repository "${repo}" must be lowercase letters, digits, "_", "-", ".", "/"`;
  return undefined;
}
