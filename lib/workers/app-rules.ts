// Rules that span KEDA objects (one ScaledObject per target, no second HPA,
// authentication references, variables read from the workload's env). Pure:
// manifests and settings in, findings out.
import { ObjectIndex } from '../k8s/object-index';
import { declaresExternal, EXTERNAL_REFS_ANNOTATION } from '../k8s/external-refs';
import { Located } from '../engine/engine';
import type { CrossObjectValidator, ValidationContext } from '../settings/validation';
import { parseQuantity } from '../k8s/values';
import { APP_RULES as A } from './app-rules.rules';
import { arr, findExact, KEDA_API_VERSION, obj, sameNamespace, str } from './keda.validator';
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
