// Checks of a Flux `kustomize.toolkit.fluxcd.io/v1` Kustomization, built from
// its rule table: the CRD's patterns and lengths (the compact schema checks
// types, enums and required fields), the references kustomize-controller
// follows (dependencies and source, open world), and the health assessment
// it can or cannot run as written. Pure: manifest and context in, findings out.
import { arr, objOrEmpty as obj, str, valueAt } from '../engine/json';
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import { EXTERNAL_REFS_ANNOTATION, reportMissingReference } from '../k8s/external-refs';
import { isDns1123Label } from '../k8s/names';
import { groupKind, ObjectIndex } from '../k8s/object-index';
import type { ManifestValidator, ValidationContext } from '../settings/validation';
import { FLUX_KUSTOMIZATION_RULES as R } from './flux-kustomization.rules';

export const KUSTOMIZATION_API_VERSION = 'kustomize.toolkit.fluxcd.io/v1';
export const SOURCE_GROUP = 'source.toolkit.fluxcd.io';
/** The durations of kustomize.toolkit.fluxcd.io/v1 and of a GitRepository interval (their kubebuilder Pattern). */
export const FLUX_DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;
/** Kinds of `apps/v1`, what a health check without apiVersion is read as. */
const APPS_V1_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision']);
/** Namespaced kinds a health check may name, by `group/Kind` (core: `/Kind`). Others are not judged. */
const NAMESPACED = new Set([
  'apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'apps/ReplicaSet', 'batch/Job', 'batch/CronJob', '/Service', '/Pod', '/ConfigMap', '/Secret',
  '/PersistentVolumeClaim', '/ServiceAccount', 'serving.knative.dev/Service', 'serving.knative.dev/Route', 'serving.knative.dev/Configuration',
  'keda.sh/ScaledObject', 'keda.sh/ScaledJob', 'eventing.knative.dev/Broker', 'eventing.knative.dev/Trigger', 'flows.knative.dev/Sequence',
  'flows.knative.dev/Parallel', 'external-secrets.io/ExternalSecret', 'helm.toolkit.fluxcd.io/HelmRelease', 'kustomize.toolkit.fluxcd.io/Kustomization',
]);

const blank = (v: unknown) => v === undefined || v === null || v === '';
const KUSTOMIZATION_GK = groupKind(KUSTOMIZATION_API_VERSION, 'Kustomization');

function checkDurations(spec: Record<string, unknown>, out: FindingList): void {
  for (const field of ['interval', 'retryInterval', 'timeout']) {
    const v = spec[field];
    if (typeof v === 'string' && !FLUX_DURATION.test(v)) out.add(R.DURATION, `spec.${field}`, v, 'not a duration of the form 1h30m, 5m, 30s or 500ms');
  }
}

/** Whether a path climbs above the root it is joined to (`..` past the top). */
export function climbsAboveRoot(path: string): boolean {
  let depth = 0;
  for (const segment of path.split('/')) {
    if (segment === '..') depth--;
    else if (segment !== '' && segment !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}

/** The namespace a reference defaults to: its own, else the referring object's. */
const refNamespace = (ref: Record<string, unknown>, own: unknown): string | undefined => str(ref.namespace) || str(own) || undefined;

function checkDependencies(o: unknown, meta: Record<string, unknown>, spec: Record<string, unknown>, ctx: ValidationContext, out: FindingList): void {
  const index = ObjectIndex.of(ctx.objects);
  arr(spec.dependsOn).forEach((entry, i) => {
    const dep = obj(entry);
    const name = dep.name;
    if (typeof name !== 'string' || name === '') return; // the schema's (required)
    const namespace = refNamespace(dep, meta.namespace);
    const field = `spec.dependsOn[${i}].name`;
    if (name === meta.name && (namespace ?? '') === (str(meta.namespace) ?? '')) {
      out.add(R.DEPENDENCY_CYCLE, field, name, 'the Kustomization depends on itself');
      return;
    }
    const found = index.find(KUSTOMIZATION_GK, name, namespace);
    if (!found) {
      reportMissingReference(ctx.world, o, {
        rule: R.DEPENDENCY_MISSING, field, ref: { kind: 'Kustomization', name, namespace },
        problem: `no Kustomization "${name}"${namespace ? ` in namespace "${namespace}"` : ''} in the app`,
      }, (raw) => out.add(raw.rule, raw.field, raw.value, raw.problem, raw.fix, raw.yamlFix));
      return;
    }
    const cycle = pathBack(found.object, o, index);
    if (cycle) out.add(R.DEPENDENCY_CYCLE, field, name, `a cycle: ${[str(meta.name) ?? '', ...cycle].join(' → ')}`);
  });
}

/** The names along dependsOn from `start` back to `target`, or undefined when it does not lead back. */
function pathBack(start: unknown, target: unknown, index: ObjectIndex): string[] | undefined {
  const seen = new Set<unknown>();
  const walk = (current: unknown): string[] | undefined => {
    if (current === target) return [str(valueAt(target, 'metadata', 'name')) ?? ''];
    if (seen.has(current)) return undefined;
    seen.add(current);
    const namespace = valueAt(current, 'metadata', 'namespace');
    for (const entry of arr(valueAt(current, 'spec', 'dependsOn'))) {
      const name = obj(entry).name;
      if (typeof name !== 'string' || name === '') continue;
      const next = index.find(KUSTOMIZATION_GK, name, refNamespace(obj(entry), namespace));
      const rest = next && walk(next.object);
      if (rest) return [str(valueAt(current, 'metadata', 'name')) ?? '', ...rest];
    }
    return undefined;
  };
  return walk(start);
}

function checkSource(o: unknown, meta: Record<string, unknown>, spec: Record<string, unknown>, ctx: ValidationContext, out: FindingList): void {
  const ref = obj(spec.sourceRef);
  const { kind, name } = ref;
  if (typeof kind !== 'string' || kind === '' || typeof name !== 'string' || name === '') return; // the schema's (required)
  const namespace = refNamespace(ref, meta.namespace);
  if (ObjectIndex.of(ctx.objects).find(`${SOURCE_GROUP}/${kind}`, name, namespace)) return;
  reportMissingReference(ctx.world, o, {
    rule: R.SOURCE_MISSING, field: 'spec.sourceRef.name', ref: { kind, name, namespace },
    problem: `no ${kind} "${name}"${namespace ? ` in namespace "${namespace}"` : ''} in the app`,
    yamlFix: `create it, or declare it external: annotation ${EXTERNAL_REFS_ANNOTATION}: "${kind}/${namespace ? `${namespace}/` : ''}${name}"`,
  }, (raw) => out.add(raw.rule, raw.field, raw.value, raw.problem, raw.fix, raw.yamlFix));
}

/** `group/Kind` of a health check expression, as Flux keys it (the group alone when the kind is empty). */
const exprGroupKind = (apiVersion: unknown, kind: unknown): string => groupKind(apiVersion, kind === undefined ? '' : kind);

function checkHealth(spec: Record<string, unknown>, out: FindingList): void {
  const exprs = arr(spec.healthCheckExprs);
  const checks = arr(spec.healthChecks);
  const seen = new Map<string, number>();
  exprs.forEach((entry, i) => {
    const e = obj(entry);
    if (e.current === '') out.add(R.HEALTH_EXPR_CURRENT, `spec.healthCheckExprs[${i}].current`, e.current, 'expression Current not specified');
    if (typeof e.apiVersion !== 'string') return;
    const gk = exprGroupKind(e.apiVersion, e.kind);
    const first = seen.get(gk);
    if (first !== undefined) out.add(R.HEALTH_EXPR_DUPLICATE, `spec.healthCheckExprs[${i}]`, `${e.apiVersion} ${e.kind ?? ''}`.trim(), `duplicate custom health check for GroupKind ${gk} (also spec.healthCheckExprs[${first}])`);
    else seen.set(gk, i);
  });
  if (exprs.length > 0 && spec.wait !== true && checks.length === 0) {
    out.add(R.HEALTH_EXPR_UNUSED, 'spec.healthCheckExprs', `${exprs.length} expression${exprs.length === 1 ? '' : 's'}`, 'neither `wait: true` nor `healthChecks`: the expressions are never evaluated');
  }
  if (spec.wait === true && checks.length > 0) {
    out.add(R.HEALTH_CHECKS_WITH_WAIT, 'spec.healthChecks', `${checks.length} object${checks.length === 1 ? '' : 's'}`, 'with `wait: true` the list is ignored: every applied object is checked, and only those');
  }
  if (spec.wait === true) return; // the list is not read
  checks.forEach((entry, i) => {
    const c = obj(entry);
    if (typeof c.kind !== 'string' || c.kind === '') return; // the schema's (required)
    if (blank(c.apiVersion)) {
      if (!APPS_V1_KINDS.has(c.kind)) out.add(R.HEALTH_CHECK_API_VERSION, `spec.healthChecks[${i}].apiVersion`, c.apiVersion, `read as apps/v1, which has no kind ${c.kind}`);
      return;
    }
    if (blank(c.namespace) && NAMESPACED.has(groupKind(c.apiVersion, c.kind))) {
      out.add(R.HEALTH_CHECK_NAMESPACE, `spec.healthChecks[${i}].namespace`, c.namespace, `a ${c.kind} is namespaced: "${str(c.name) ?? ''}" is looked up without a namespace and never found`);
    }
  });
}

/** Checks a Flux Kustomization against its CRD and kustomize-controller v1.9. */
export function validateFluxKustomization(o: unknown, ctx: ValidationContext, out: FindingList): void {
  const meta = obj(obj(o).metadata);
  const spec = obj(obj(o).spec);
  checkDurations(spec, out);
  if (typeof spec.path === 'string' && climbsAboveRoot(spec.path)) out.add(R.PATH_OUTSIDE, 'spec.path', spec.path, 'climbs above the root of the source: SecureJoin reads it inside the root, another folder');
  const target = spec.targetNamespace;
  if (typeof target === 'string' && (target === '' || target.length > 63)) {
    out.add(R.TARGET_NAMESPACE_LENGTH, 'spec.targetNamespace', target, target === '' ? 'empty' : `${target.length} characters`);
  } else if (typeof target === 'string' && !isDns1123Label(target)) {
    out.add(R.TARGET_NAMESPACE_NAME, 'spec.targetNamespace', target, 'not a DNS-1123 label: lowercase letters, digits and `-`, starting and ending with a letter or digit');
  }
  checkDependencies(o, meta, spec, ctx, out);
  checkSource(o, meta, spec, ctx, out);
  checkHealth(spec, out);
}

export const FLUX_KUSTOMIZATION_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: KUSTOMIZATION_API_VERSION,
  kind: 'Kustomization',
  rules: R,
  validate: (o, ctx, out) => validateFluxKustomization(o, ctx, out),
});
