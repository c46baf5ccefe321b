// Checks of an `autoscaling/v2` HorizontalPodAutoscaler, built from its rule
// table: the API server's validation of the spec, and, when the Deployment it
// scales is among the objects, what the controller needs from it.
import { arr, JsonObject, obj, objOrEmpty, valueAt } from '../engine/json';
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import { pathSegmentProblem } from '../k8s/names';
import { ObjectIndex, groupKind } from '../k8s/object-index';
import { parseQuantity } from '../k8s/values';
import type { ManifestValidator, ValidationContext } from '../settings/validation';
import { HPA_RULES as R } from './horizontal-pod-autoscaler.rules';

/** Metric source types of autoscaling/v2 and the field each fills. */
const SOURCES: Readonly<Record<string, string>> = { Object: 'object', Pods: 'pods', Resource: 'resource', ContainerResource: 'containerResource', External: 'external' };
const TARGET_TYPES = ['Utilization', 'Value', 'AverageValue'];

const isSet = (v: unknown) => v !== undefined && v !== null;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function checkReplicas(spec: JsonObject, out: FindingList): void {
  const min = spec.minReplicas;
  const max = spec.maxReplicas;
  if (isInt(min) && min < 1) out.add(R.REPLICAS, 'spec.minReplicas', min, 'must be greater than 0');
  if (isInt(max) && max < 1) out.add(R.REPLICAS, 'spec.maxReplicas', max, 'must be greater than 0');
  else if (isInt(max) && isInt(min) && max < min) out.add(R.REPLICAS, 'spec.maxReplicas', max, `must be greater than or equal to \`minReplicas\` (${min})`);
}

function checkTargetRef(ref: unknown, out: FindingList): void {
  // Unset or not an object is the schema's (required, type).
  const r = obj(ref);
  if (!r) return;
  for (const key of ['kind', 'name']) {
    const v = r[key];
    if (v === undefined || v === null || v === '') out.add(R.TARGET_REF, `spec.scaleTargetRef.${key}`, v, 'required');
    else if (typeof v === 'string' && pathSegmentProblem(v)) out.add(R.TARGET_REF, `spec.scaleTargetRef.${key}`, v, pathSegmentProblem(v));
  }
}

/** A target quantity is positive (Sign() == 1); an unparsable one is the schema's. */
function notPositive(v: unknown): boolean {
  const q = parseQuantity(v);
  return q !== undefined && q <= 0;
}

function checkTarget(target: unknown, path: string, out: FindingList): void {
  const t = obj(target);
  if (!t) {
    out.add(R.METRIC, path, target, 'must specify a metric target');
    return;
  }
  if (!TARGET_TYPES.includes(String(t.type ?? ''))) out.add(R.METRIC, `${path}.type`, t.type, t.type ? 'must be either Utilization, Value, or AverageValue' : 'must specify a metric target type');
  if (!isSet(t.averageUtilization) && !isSet(t.averageValue) && !isSet(t.value)) out.add(R.METRIC, path, t, 'at least one of averageUtilization, value and averageValue');
  if (isSet(t.value) && notPositive(t.value)) out.add(R.METRIC, `${path}.value`, t.value, 'must be positive');
  if (isSet(t.averageValue) && notPositive(t.averageValue)) out.add(R.METRIC, `${path}.averageValue`, t.averageValue, 'must be positive');
  if (isInt(t.averageUtilization) && t.averageUtilization < 1) out.add(R.METRIC, `${path}.averageUtilization`, t.averageUtilization, 'must be greater than 0');
}

function checkMetric(raw: unknown, path: string, out: FindingList): void {
  const m = objOrEmpty(raw);
  const type = typeof m.type === 'string' ? m.type : '';
  const expected = SOURCES[type];
  if (!expected) {
    out.add(R.METRIC, `${path}.type`, m.type, type === '' ? 'must specify a metric source type' : `must be one of ${Object.keys(SOURCES).join(', ')}`);
    return;
  }
  const present = Object.values(SOURCES).filter((f) => isSet(m[f]));
  if (!present.includes(expected)) {
    out.add(R.METRIC, `${path}.${expected}`, undefined, 'must populate information for the given metric source');
    return;
  }
  for (const other of present.filter((f) => f !== expected)) out.add(R.METRIC, `${path}.${other}`, m[other], 'must populate the given metric source only');
  const source = objOrEmpty(m[expected]);
  const at = `${path}.${expected}`;
  if (expected === 'resource' || expected === 'containerResource') {
    if (!source.name) out.add(R.METRIC, `${at}.name`, source.name, 'must specify a resource name');
    if (expected === 'containerResource' && !source.container) out.add(R.METRIC, `${at}.container`, source.container, 'must specify a container');
    checkTarget(source.target, `${at}.target`, out);
    const t = objOrEmpty(source.target);
    if (!isSet(t.averageUtilization) && !isSet(t.averageValue)) out.add(R.METRIC, `${at}.target.averageUtilization`, undefined, 'must set either a target raw value or a target utilization');
    if (isSet(t.averageUtilization) && isSet(t.averageValue)) out.add(R.METRIC, `${at}.target.averageValue`, t.averageValue, 'may not set both a target raw value and a target utilization');
  } else {
    if (!isSet(valueAt(source, 'metric', 'name')) || valueAt(source, 'metric', 'name') === '') out.add(R.METRIC, `${at}.metric.name`, valueAt(source, 'metric', 'name'), 'must specify a metric name');
    checkTarget(source.target, `${at}.target`, out);
  }
}

/** What the controller needs from the Deployment it scales, when that Deployment is among the objects. */
function checkScaledDeployment(hpa: JsonObject, ctx: ValidationContext, out: FindingList): void {
  const ref = objOrEmpty(valueAt(hpa, 'spec', 'scaleTargetRef'));
  if (ref.kind !== 'Deployment' || typeof ref.name !== 'string' || groupKind(ref.apiVersion, ref.kind) !== 'apps/Deployment') return;
  const target = ObjectIndex.of(ctx.objects).find('apps/Deployment', ref.name, valueAt(hpa, 'metadata', 'namespace'));
  if (!target) return;
  const spec = objOrEmpty(obj(target.object)?.spec);
  if (isSet(spec.replicas)) out.add(R.REPLICAS_FIGHT, 'spec.scaleTargetRef', ref.name, `Deployment "${ref.name}" sets spec.replicas: ${JSON.stringify(spec.replicas)}`);
  const containers = arr(valueAt(spec, 'template', 'spec', 'containers')).map((c) => objOrEmpty(c));
  arr(valueAt(hpa, 'spec', 'metrics')).forEach((raw, i) => {
    const m = objOrEmpty(raw);
    const source = objOrEmpty(m.type === 'Resource' ? m.resource : m.type === 'ContainerResource' ? m.containerResource : undefined);
    if (valueAt(source, 'target', 'type') !== 'Utilization' || typeof source.name !== 'string') return;
    const name = source.name;
    const scoped = m.type === 'ContainerResource' ? containers.filter((c) => c.name === source.container) : containers;
    const missing = scoped.filter((c) => !isSet(valueAt(c, 'resources', 'requests', name))).map((c) => String(c.name));
    if (missing.length > 0) {
      out.add(R.MISSING_REQUEST, `spec.metrics[${i}].${m.type === 'Resource' ? 'resource' : 'containerResource'}.name`, name,
        `container${missing.length > 1 ? 's' : ''} ${missing.map((n) => `"${n}"`).join(', ')} of Deployment "${ref.name}" request${missing.length > 1 ? '' : 's'} no ${name}`);
    }
  });
}

/** Checks an HPA against the API server's validation and, with its Deployment, the controller's needs. Pure. */
export function validateHorizontalPodAutoscaler(o: unknown, ctx: ValidationContext, out: FindingList): void {
  const hpa = objOrEmpty(o);
  const spec = obj(hpa.spec);
  if (!spec) return; // a missing spec is the schema's (required)
  checkReplicas(spec, out);
  checkTargetRef(spec.scaleTargetRef, out);
  arr(spec.metrics).forEach((m, i) => checkMetric(m, `spec.metrics[${i}]`, out));
  checkScaledDeployment(hpa, ctx, out);
}

export const HPA_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  rules: R,
  validate: (o, ctx, out) => validateHorizontalPodAutoscaler(o, ctx, out),
});
