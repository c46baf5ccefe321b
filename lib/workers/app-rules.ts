// Rules that span KEDA objects (one ScaledObject per target, no second HPA,
// authentication references, variables read from the workload's env). Pure:
// manifests and settings in, findings out.
import { ObjectIndex } from '../k8s/object-index';
import { EXTERNAL_REFS_ANNOTATION, reportMissingReference } from '../k8s/external-refs';
import { Located, World } from '../engine/engine';
import { RawFinding } from '../engine/rule';
import type { CrossObjectValidator, ValidationContext } from '../settings/validation';
import { parseQuantity } from '../k8s/values';
import { APP_RULES as A } from './app-rules.rules';
import { findExact, KEDA_API_VERSION, sameNamespace } from './keda.validator';
import { arr, objOrEmpty as obj, str, valueAt } from '../engine/json';
import { hpaNameOf } from './scaled-object.validator';
import { RESOURCE_TRIGGER_TYPES } from './scalers';
import { findAuthentication } from './trigger-authentication.validator';

/**
 * Annotation on a ScaledObject or ScaledJob listing the TriggerAuthentications
 * (or ClusterTriggerAuthentications) it references that exist outside the app,
 * comma-separated; rule KEDA-APP-004 does not look for them.
 */

/** The annotation that lets an existing HPA be taken over by a ScaledObject (SOT#L55). */
const TRANSFER_HPA_ANNOTATION = 'scaledobject.keda.sh/transfer-hpa-ownership';
/** The annotation that exempts an HPA from the ownership check (SOT#L57). */
const HPA_OWNERSHIP_ANNOTATION = 'validations.keda.sh/hpa-ownership';

const isKeda = (o: unknown, kind: string) => obj(o).apiVersion === KEDA_API_VERSION && obj(o).kind === kind;

/** The workload a ScaledObject scales, after KEDA's defaults (K:apis/keda/v1alpha1/gvkr.go#L25-27). */
function targetOf(o: unknown): { apiVersion: string; kind: string; name: string } | undefined {
  const ref = obj(valueAt(o, 'spec', 'scaleTargetRef'));
  const name = ref.name;
  if (typeof name !== 'string') return undefined;
  return { apiVersion: str(ref.apiVersion) || 'apps/v1', kind: str(ref.kind) || 'Deployment', name };
}

/** `metadata.namespace` as written (anything, or undefined). */
const namespaceOf = (o: unknown): unknown => valueAt(o, 'metadata', 'namespace');

type Report = (at: Located, finding: RawFinding) => void;

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
      checkAuthRefs(at, index, ctx.world, report);
      checkFromEnv(at, index, report);
    }
    const limitRanges = ctx.objects.filter((x) => obj(x.object).kind === 'LimitRange' && obj(x.object).apiVersion === 'v1');
    for (const at of scaledObjects) checkResourceRequests(at, index, limitRanges, report);
  },
};

function checkTargets(scaledObjects: Located[], ctx: ValidationContext, index: ObjectIndex, report: Report): void {
  // RegExp#test reads its argument as a string, as String() does.
  const hpas = groupBy(ctx.objects.filter((at) => /^autoscaling\/v/.test(String(obj(at.object).apiVersion ?? '')) && obj(at.object).kind === 'HorizontalPodAutoscaler'),
    // Only a string name can equal a target's name.
    (h) => str(valueAt(h.object, 'spec', 'scaleTargetRef', 'name')));
  // Only ScaledObjects with the same target or the same HPA name can clash.
  const targetKey = (o: unknown) => { const t = targetOf(o); return t && `${t.apiVersion}|${t.kind}|${t.name}`; };
  const nsOf = (o: unknown): string => str(namespaceOf(o)) ?? '';
  const byTarget = groupBy(scaledObjects, (at) => `${nsOf(at.object)}|${targetKey(at.object)}`);
  const byHpa = groupBy(scaledObjects, (at) => `${nsOf(at.object)}|${hpaNameOf(at.object)}`);
  // Objects without a namespace may land in any: they are compared with every namespace.
  const unplaced = scaledObjects.filter((at) => nsOf(at.object) === '');
  const position = new Map(scaledObjects.map((at, i) => [at, i]));
  scaledObjects.forEach((at, i) => {
    const so = obj(at.object);
    const soMeta = obj(so.metadata);
    const soHpaName = valueAt(so, 'spec', 'advanced', 'horizontalPodAutoscalerConfig', 'name');
    const target = targetOf(so);
    if (!target) return;
    const ns = soMeta.namespace;
    const sameKey = nsOf(so) === ''
      ? scaledObjects
      : [...(byTarget.get(`${nsOf(so)}|${targetKey(so)}`) ?? []), ...(byHpa.get(`${nsOf(so)}|${hpaNameOf(so)}`) ?? []), ...unplaced];
    const candidates = [...new Set(sameKey)].filter((other) => position.get(other)! < i).sort((a, b) => position.get(a)! - position.get(b)!);
    for (const earlier of candidates) {
      const other = obj(earlier.object);
      const otherMeta = obj(other.metadata);
      if (!sameNamespace(otherMeta.namespace, ns) || otherMeta.name === soMeta.name) continue;
      const t = targetOf(other);
      if (t && t.apiVersion === target.apiVersion && t.kind === target.kind && t.name === target.name) {
        report(at, { rule: A.SAME_TARGET, field: 'spec.scaleTargetRef.name', value: target.name,
          problem: `the ${target.kind} "${target.name}" is already scaled by the ScaledObject "${otherMeta.name}" (${earlier.where})` });
        break;
      }
      if (hpaNameOf(other) === hpaNameOf(so)) {
        report(at, { rule: A.SAME_HPA, field: soHpaName ? 'spec.advanced.horizontalPodAutoscalerConfig.name' : 'metadata.name',
          value: hpaNameOf(so), problem: `the HPA "${hpaNameOf(so)}" is already managed by the ScaledObject "${otherMeta.name}" (${earlier.where})` });
        break;
      }
    }
    for (const h of hpas.get(target.name) ?? []) {
      const hpaMeta = obj(obj(h.object).metadata);
      if (!sameNamespace(hpaMeta.namespace, ns) || obj(hpaMeta.annotations)[HPA_OWNERSHIP_ANNOTATION] === 'false') continue;
      const ref = obj(valueAt(h.object, 'spec', 'scaleTargetRef'));
      if (ref.name !== target.name || (ref.kind ?? '') !== target.kind || (ref.apiVersion ?? '') !== target.apiVersion) continue;
      if (arr(hpaMeta.ownerReferences).some((r) => obj(r).kind === 'ScaledObject' && obj(r).name === soMeta.name)) continue;
      if (obj(soMeta.annotations)[TRANSFER_HPA_ANNOTATION] === 'true') {
        if (soHpaName !== hpaMeta.name) {
          report(at, { rule: A.OTHER_HPA, field: 'spec.advanced.horizontalPodAutoscalerConfig.name', value: soHpaName,
            problem: `the existing HPA "${hpaMeta.name}" must be named here to transfer its ownership`, fix: `set \`hpaName\` to "${hpaMeta.name}"`,
            yamlFix: `set \`spec.advanced.horizontalPodAutoscalerConfig.name\` to "${hpaMeta.name}"` });
        }
        continue;
      }
      report(h, { rule: A.OTHER_HPA, field: 'spec.scaleTargetRef.name', value: target.name,
        problem: `the ${target.kind} "${target.name}" is scaled by the ScaledObject "${soMeta.name}" (${at.where}); a second autoscaler is rejected` });
    }
    const workload = findWorkload(target, ns, index);
    const replicas = valueAt(workload?.object, 'spec', 'replicas');
    if (workload && replicas !== undefined && replicas !== null) {
      report(workload, { rule: A.REPLICAS_SET, field: 'spec.replicas', value: replicas, problem: `KEDA scales this ${target.kind} (ScaledObject "${soMeta.name}"); every apply resets it to ${replicas}` });
    }
  });
}

function checkAuthRefs(at: Located, index: ObjectIndex, world: World, report: Report): void {
  const o = at.object;
  const ns = namespaceOf(o);
  arr(valueAt(o, 'spec', 'triggers')).forEach((t, i) => {
    const ref = obj(obj(t).authenticationRef);
    const name = ref.name;
    // A kind that is no string is declared and looked up as it prints.
    if (typeof name !== 'string' || findAuthentication({ kind: ref.kind, name }, ns, index)) return;
    // A kind that is no string is declared and looked up as it prints.
    const kind = String(ref.kind ?? 'TriggerAuthentication');
    const namespaced = kind === 'TriggerAuthentication' && typeof ns === 'string' && ns !== '';
    reportMissingReference(world, o, {
      rule: A.MISSING_AUTH, field: `spec.triggers[${i}].authenticationRef.name`, ref: { kind, name, namespace: namespaced ? ns : undefined },
      problem: `no ${kind} "${name}"${namespaced ? ` in namespace "${ns}"` : ''} in the app`,
      fix: `create it, or declare it external (TriggerAuth.from${kind}Name; YAML: annotation ${EXTERNAL_REFS_ANNOTATION}: "${kind}/${name}")`,
      yamlFix: `create it, or declare it external: annotation ${EXTERNAL_REFS_ANNOTATION}: "${kind}/${name}" on the ScaledObject (or list it under \`provided\` in cdk8s-agents.yaml)`,
    }, (raw) => report(at, raw));
  });
}

/** The container whose env KEDA reads `<parameter>FromEnv` from: the named one, else the first (as written: anything). */
function envContainer(podSpec: unknown, name: unknown): unknown {
  const containers = arr(valueAt(podSpec, 'containers'));
  return typeof name === 'string' && name !== '' ? containers.find((c) => obj(c).name === name) : containers[0];
}

function checkFromEnv(at: Located, index: ObjectIndex, report: Report): void {
  const o = at.object;
  let podSpec: unknown;
  let containerName: unknown;
  if (obj(o).kind === 'ScaledJob') {
    podSpec = valueAt(o, 'spec', 'jobTargetRef', 'template', 'spec');
    containerName = valueAt(o, 'spec', 'envSourceContainerName');
  } else {
    const target = targetOf(o);
    const workload = target && findWorkload(target, namespaceOf(o), index);
    podSpec = valueAt(workload?.object, 'spec', 'template', 'spec');
    containerName = valueAt(o, 'spec', 'scaleTargetRef', 'envSourceContainerName');
  }
  const found = envContainer(podSpec, containerName);
  if (!found) return;
  const container = obj(found); // any other truthy value reads as a container without fields
  // envFrom brings variables this check cannot list.
  if (arr(container.envFrom).length > 0) return;
  const names = new Set(arr(container.env).map((e) => obj(e).name));
  arr(valueAt(o, 'spec', 'triggers')).forEach((t, i) => {
    for (const [key, value] of Object.entries(obj(obj(t).metadata))) {
      if (!key.endsWith('FromEnv') || typeof value !== 'string' || value === '' || names.has(value)) continue;
      report(at, { rule: A.FROM_ENV, field: `spec.triggers[${i}].metadata.${key}`, value,
        problem: `the container "${container.name}" has no environment variable "${value}"`,
        fix: names.size > 0 ? `use one of ${[...names].join(', ')}` : undefined });
    }
  });
}

function checkResourceRequests(at: Located, index: ObjectIndex, limitRanges: readonly Located[], report: Report): void {
  const so = at.object;
  const target = targetOf(so);
  if (!target || target.apiVersion !== 'apps/v1' || !['Deployment', 'StatefulSet'].includes(target.kind)) return;
  const triggers = arr(valueAt(so, 'spec', 'triggers')).flatMap((raw, i) => {
    const t = obj(raw);
    return typeof t.type === 'string' && RESOURCE_TRIGGER_TYPES.includes(t.type) ? [{ t, i, resource: t.type }] : [];
  });
  if (triggers.length === 0) return;
  const ns = namespaceOf(so);
  const workload = findWorkload(target, ns, index);
  if (!workload) return;
  const limitRangeDefault = (resource: string) => limitRanges.some((x) => sameNamespace(namespaceOf(x.object), ns)
    && arr(valueAt(x.object, 'spec', 'limits')).some((l) => obj(l).type === 'Container'
      && ((parseQuantity(valueAt(l, 'default', resource)) ?? 0) > 0 || (parseQuantity(valueAt(l, 'defaultRequest', resource)) ?? 0) > 0)));
  for (const { t, i, resource } of triggers) {
    const only = valueAt(t, 'metadata', 'containerName');
    for (const c of arr(valueAt(workload.object, 'spec', 'template', 'spec', 'containers'))) {
      const name = obj(c).name;
      if (only && name !== only) continue;
      const set = (parseQuantity(valueAt(c, 'resources', 'requests', resource)) ?? 0) > 0 || (parseQuantity(valueAt(c, 'resources', 'limits', resource)) ?? 0) > 0;
      if (set || limitRangeDefault(resource)) continue;
      report(at, { rule: A.CPU_MEMORY_REQUESTS, field: `spec.triggers[${i}].type`, value: resource,
        problem: `the container "${name}" of ${target.kind} "${target.name}" has no ${resource} request or limit (and no LimitRange default)` });
    }
  }
}
