// Rules over every object of the app (or the checked files): the env vars
// Secrets and ConfigMaps feed into containers.
import { Located } from '../engine/engine';
import type { CrossObjectValidator } from '../settings/validation';
import { isEnvVarName } from '../k8s/names';
import { podTemplateOf } from '../k8s/pod-templates';
import { reportMissingReference } from '../k8s/external-refs';
import { SECRET_ENV_RULES as R } from './app-rules.rules';
import { arr, isObject, obj, objOrEmpty, str, valueAt } from '../engine/json';
import { ObjectIndex } from '../k8s/object-index';
import { goRegexpProblem } from '../k8s/go-regexp';

/** The keys an env source provides, and what provides them. */
interface EnvSource {
  readonly keys: readonly string[];
  readonly what: string;
}

const nsOf = (o: unknown): string => str(valueAt(o, 'metadata', 'namespace')) ?? '';

/** Secrets and ConfigMaps of the app whose keys are known, by `kind|namespace|name` of the Secret/ConfigMap they produce. */
function knownSources(objects: readonly Located[]): Map<string, EnvSource> {
  const sources = new Map<string, EnvSource>();
  const add = (kind: 'Secret' | 'ConfigMap', ns: string, name: unknown, keys: string[], what: string) => {
    if (typeof name === 'string') sources.set(`${kind}|${ns}|${name}`, { keys, what });
  };
  for (const at of objects) {
    const o = obj(at.object);
    if (!o) continue;
    const ns = nsOf(o);
    const name = valueAt(o, 'metadata', 'name');
    const spec = obj(o.spec);
    const label = `${o.kind} "${name}" (${at.where})`;
    if (o.apiVersion === 'v1' && o.kind === 'Secret') {
      add('Secret', ns, name, [...Object.keys(isObject(o.data) ? o.data : {}), ...Object.keys(isObject(o.stringData) ? o.stringData : {})], label);
    } else if (o.apiVersion === 'v1' && o.kind === 'ConfigMap') {
      add('ConfigMap', ns, name, [...Object.keys(isObject(o.data) ? o.data : {}), ...Object.keys(isObject(o.binaryData) ? o.binaryData : {})], label);
    } else if (o.apiVersion === 'external-secrets.io/v1' && o.kind === 'ExternalSecret') {
      // A template decides the keys (with mergePolicy Replace, only its own); dataFrom adds keys no manifest shows.
      const fetched = arr(spec?.data).map((d) => obj(d)?.secretKey).filter((k): k is string => typeof k === 'string');
      const template = obj(valueAt(spec, 'target', 'template'));
      const templated = isObject(template?.data) ? Object.keys(template!.data as object) : undefined;
      const keys = templated && (template?.mergePolicy ?? 'Replace') === 'Replace' ? templated : [...new Set([...fetched, ...(templated ?? [])])];
      add('Secret', ns, valueAt(spec, 'target', 'name') ?? name, keys, label);
    } else if (o.apiVersion === 'bitnami.com/v1alpha1' && o.kind === 'SealedSecret') {
      add('Secret', ns, valueAt(spec, 'template', 'metadata', 'name') ?? name, Object.keys(objOrEmpty(spec?.encryptedData)), label);
    }
  }
  return sources;
}

/**
 * Env vars of each container, from `envFrom` (Secrets and ConfigMaps of the
 * app whose keys are known) and `env`: a variable defined twice is
 * SECRET-ENV-001, an `envFrom` key that is no variable name SECRET-ENV-002.
 */
export const ENV_SOURCES: CrossObjectValidator = {
  name: 'environment sources',
  rules: [R.ENV_CONFLICT, R.ENV_FROM_KEY],
  validate(ctx, report) {
    let sources: Map<string, EnvSource> | undefined;
    for (const at of ctx.objects) {
      const pod = podTemplateOf(at.object);
      if (!pod) continue;
      sources ??= knownSources(ctx.objects);
      const ns = nsOf(at.object);
      for (const list of ['initContainers', 'containers']) {
        arr(pod.spec[list]).forEach((c, ci) => {
          const path = `${pod.field}.${list}[${ci}]`;
          const defined = new Map<string, string>();
          arr(obj(c)?.envFrom).forEach((raw, i) => {
            const e = obj(raw);
            const kind = isObject(e?.secretRef) ? 'Secret' : isObject(e?.configMapRef) ? 'ConfigMap' : undefined;
            const ref = obj(kind === 'Secret' ? e?.secretRef : e?.configMapRef);
            const source = kind && sources!.get(`${kind}|${ns}|${ref?.name}`);
            if (!source) return;
            const prefix = str(e?.prefix) ?? '';
            const field = `${path}.envFrom[${i}]`;
            for (const key of source.keys) {
              const name = prefix + key;
              if (!isEnvVarName(name)) {
                report(at, { rule: R.ENV_FROM_KEY, field, value: name, problem: `key "${key}" of ${source.what} is skipped by the kubelet` });
                continue;
              }
              const earlier = defined.get(name);
              if (earlier) report(at, { rule: R.ENV_CONFLICT, field, value: name, problem: `${name} comes from ${source.what} and from ${earlier}; the later envFrom source wins` });
              defined.set(name, source.what);
            }
          });
          arr(obj(c)?.env).forEach((e, i) => {
            const name = obj(e)?.name;
            const earlier = typeof name === 'string' ? defined.get(name) : undefined;
            if (earlier) {
              report(at, { rule: R.ENV_CONFLICT, field: `${path}.env[${i}].name`, value: name, problem: `${name} is set in env and also comes from ${earlier}; env silently wins` });
            }
          });
        });
      }
    }
  },
};

/** Who writes the Secret `namespace/name`: an ExternalSecret that creates it, a SealedSecret, or the Secret object itself. */
function secretOwnerOf(o: Record<string, unknown>): { name: unknown; what: string } | undefined {
  const spec = objOrEmpty(o.spec);
  if (o.apiVersion === 'v1' && o.kind === 'Secret') return { name: valueAt(o, 'metadata', 'name'), what: 'the Secret itself' };
  if (o.apiVersion === 'external-secrets.io/v1' && o.kind === 'ExternalSecret') {
    // Merge adds keys to a Secret someone else creates; None writes nothing.
    const policy = valueAt(spec, 'target', 'creationPolicy') ?? 'Owner';
    if (policy !== 'Owner' && policy !== 'Orphan') return undefined;
    return { name: valueAt(spec, 'target', 'name') ?? valueAt(o, 'metadata', 'name'), what: 'an ExternalSecret' };
  }
  if (o.apiVersion === 'bitnami.com/v1alpha1' && o.kind === 'SealedSecret') {
    return { name: valueAt(spec, 'template', 'metadata', 'name') ?? valueAt(o, 'metadata', 'name'), what: 'a SealedSecret' };
  }
  return undefined;
}

/** SECRET-APP-001: two objects that both write one Secret. */
export const SECRET_OWNERS: CrossObjectValidator = {
  name: 'Secret owners',
  rules: [R.TWO_OWNERS],
  validate(ctx, report) {
    const first = new Map<string, { at: Located; what: string }>();
    for (const at of ctx.objects) {
      const o = obj(at.object);
      const owner = o && secretOwnerOf(o);
      if (!owner || typeof owner.name !== 'string') continue;
      const key = `${nsOf(o)}|${owner.name}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, { at, what: owner.what });
        continue;
      }
      report(at, {
        rule: R.TWO_OWNERS, field: o.kind === 'Secret' ? 'metadata.name' : o.kind === 'SealedSecret' ? 'spec.template.metadata.name' : 'spec.target.name', value: owner.name,
        problem: `the Secret "${owner.name}" is also written by ${earlier.what} (${earlier.at.where}); this is ${owner.what}`,
      });
    }
  },
};

/** The Secrets and ConfigMaps a pod spec reads by name: `[kind, name, field]`. */
function podReferences(spec: Record<string, unknown>, base: string): [kind: 'Secret' | 'ConfigMap', name: unknown, field: string][] {
  const refs: [('Secret' | 'ConfigMap'), unknown, string][] = [];
  for (const list of ['initContainers', 'containers']) {
    arr(spec[list]).forEach((c, ci) => {
      const path = `${base}.${list}[${ci}]`;
      arr(obj(c)?.envFrom).forEach((e, i) => {
        if (isObject(obj(e)?.secretRef)) refs.push(['Secret', valueAt(e, 'secretRef', 'name'), `${path}.envFrom[${i}].secretRef.name`]);
        if (isObject(obj(e)?.configMapRef)) refs.push(['ConfigMap', valueAt(e, 'configMapRef', 'name'), `${path}.envFrom[${i}].configMapRef.name`]);
      });
      arr(obj(c)?.env).forEach((e, i) => {
        if (valueAt(e, 'valueFrom', 'secretKeyRef', 'optional') !== true && isObject(valueAt(e, 'valueFrom', 'secretKeyRef'))) refs.push(['Secret', valueAt(e, 'valueFrom', 'secretKeyRef', 'name'), `${path}.env[${i}].valueFrom.secretKeyRef.name`]);
        if (valueAt(e, 'valueFrom', 'configMapKeyRef', 'optional') !== true && isObject(valueAt(e, 'valueFrom', 'configMapKeyRef'))) refs.push(['ConfigMap', valueAt(e, 'valueFrom', 'configMapKeyRef', 'name'), `${path}.env[${i}].valueFrom.configMapKeyRef.name`]);
      });
    });
  }
  arr(spec.volumes).forEach((v, i) => {
    if (isObject(obj(v)?.secret) && valueAt(v, 'secret', 'optional') !== true) refs.push(['Secret', valueAt(v, 'secret', 'secretName'), `${base}.volumes[${i}].secret.secretName`]);
    if (isObject(obj(v)?.configMap) && valueAt(v, 'configMap', 'optional') !== true) refs.push(['ConfigMap', valueAt(v, 'configMap', 'name'), `${base}.volumes[${i}].configMap.name`]);
  });
  return refs;
}

/**
 * SECRET-APP-002: a pod reads a Secret or ConfigMap that the objects produce
 * only in another namespace. One unknown anywhere is not reported (it may be
 * the platform's); only a name found elsewhere and not in the pod's namespace.
 */
export const SECRET_NAMESPACES: CrossObjectValidator = {
  name: 'Secret and ConfigMap namespaces',
  rules: [R.OTHER_NAMESPACE],
  validate(ctx, report) {
    let namespaces: Map<string, Set<string>> | undefined;
    for (const at of ctx.objects) {
      const pod = podTemplateOf(at.object);
      const ns = nsOf(at.object);
      if (!pod || ns === '') continue;
      if (!namespaces) {
        namespaces = new Map();
        for (const key of knownSources(ctx.objects).keys()) {
          const [kind, sourceNs, name] = key.split('|');
          const k = `${kind}|${name}`;
          namespaces.set(k, (namespaces.get(k) ?? new Set()).add(sourceNs));
        }
      }
      for (const [kind, name, field] of podReferences(pod.spec, pod.field)) {
        if (typeof name !== 'string') continue;
        const found = namespaces.get(`${kind}|${name}`);
        // Objects without a namespace land in the one they are applied to: they may be the pod's.
        if (!found || found.has(ns) || found.has('')) continue;
        // In an open world the object may also exist in the pod's namespace, outside the checked files.
        reportMissingReference(ctx.world, at.object, {
          rule: R.OTHER_NAMESPACE, field, ref: { kind, name, namespace: ns },
          problem: `the ${kind} "${name}" is in namespace ${[...found].sort().map((n) => `"${n}"`).join(', ')}, not in the pod's namespace "${ns}"`,
        }, (raw) => report(at, raw));
      }
    }
  },
};

const ESO_GROUP = 'external-secrets.io';

/** The store references of an ExternalSecret: `secretStoreRef` and each entry's `sourceRef.storeRef`, with their fields. */
function storeRefsOf(spec: Record<string, unknown>): { kind: string; name: string; field: string }[] {
  const refOf = (v: unknown, field: string) => ({ kind: obj(v)?.kind, name: obj(v)?.name, field });
  const refs = [refOf(spec.secretStoreRef, 'spec.secretStoreRef')];
  arr(spec.data).forEach((d, i) => refs.push(refOf(valueAt(d, 'sourceRef', 'storeRef'), `spec.data[${i}].sourceRef.storeRef`)));
  arr(spec.dataFrom).forEach((d, i) => refs.push(refOf(valueAt(d, 'sourceRef', 'storeRef'), `spec.dataFrom[${i}].sourceRef.storeRef`)));
  // The CRD defaults `kind` to SecretStore.
  return refs.filter((r) => typeof r.name === 'string' && r.name !== '').map((r) => ({ kind: typeof r.kind === 'string' ? r.kind : 'SecretStore', name: r.name as string, field: r.field }));
}

/** Whether a ClusterSecretStore's conditions may admit `namespace`: undefined when they cannot be judged from the manifests (label selectors, Go-only regex syntax). */
function admits(conditions: readonly unknown[], namespace: string): boolean | undefined {
  let unknown = false;
  for (const c of conditions) {
    if (arr(obj(c)?.namespaces).includes(namespace)) return true;
    if (obj(c)?.namespaceSelector !== undefined) unknown = true;
    for (const re of arr(obj(c)?.namespaceRegexes)) {
      if (typeof re !== 'string' || goRegexpProblem(re)) continue;
      try {
        // Go's MatchString is unanchored, as test() is; syntax JS reads otherwise leaves the verdict open.
        if (new RegExp(re).test(namespace)) return true;
      } catch {
        unknown = true;
      }
    }
  }
  return unknown ? undefined : false;
}

/**
 * SECRET-APP-003 and -004: an ExternalSecret's store, when the objects hold
 * one of that name: of the kind named (a SecretStore in the ExternalSecret's
 * namespace), and a ClusterSecretStore whose conditions admit the namespace.
 * A store absent from the objects is not judged (it may be the platform's).
 */
export const STORE_REFERENCES: CrossObjectValidator = {
  name: 'SecretStore references',
  rules: [R.STORE_KIND, R.STORE_CONDITIONS],
  validate(ctx, report) {
    let index: ObjectIndex | undefined;
    for (const at of ctx.objects) {
      const o = obj(at.object);
      if (o?.apiVersion !== 'external-secrets.io/v1' || o.kind !== 'ExternalSecret') continue;
      index ??= ObjectIndex.of(ctx.objects);
      const ns = nsOf(o);
      for (const ref of storeRefsOf(objOrEmpty(o.spec))) {
        const cluster = index.find(`${ESO_GROUP}/ClusterSecretStore`, ref.name);
        const namespaced = index.find(`${ESO_GROUP}/SecretStore`, ref.name, ns);
        const field = `${ref.field}.kind`;
        if (ref.kind === 'ClusterSecretStore') {
          if (cluster) {
            const conditions = arr(valueAt(cluster.object, 'spec', 'conditions'));
            if (ns !== '' && conditions.length > 0 && admits(conditions, ns) === false) {
              report(at, { rule: R.STORE_CONDITIONS, field: `${ref.field}.name`, value: ref.name, problem: `the conditions of ClusterSecretStore "${ref.name}" (${cluster.where}) do not admit namespace "${ns}"` });
            }
            continue;
          }
          if (namespaced) {
            reportMissingReference(ctx.world, at.object, {
              rule: R.STORE_KIND, field, ref: { kind: 'ClusterSecretStore', name: ref.name },
              problem: `"${ref.name}" is a SecretStore (${namespaced.where}), not a ClusterSecretStore`,
            }, (raw) => report(at, raw));
          }
          continue;
        }
        if (ref.kind !== 'SecretStore' || namespaced) continue;
        const elsewhere = index.find(`${ESO_GROUP}/SecretStore`, ref.name);
        if (!cluster && !elsewhere) continue;
        reportMissingReference(ctx.world, at.object, {
          rule: R.STORE_KIND, field, ref: { kind: 'SecretStore', name: ref.name, namespace: ns || undefined },
          problem: cluster ? `"${ref.name}" is a ClusterSecretStore (${cluster.where}), not a SecretStore` : `the SecretStore "${ref.name}" is in namespace "${nsOf(elsewhere!.object)}", not in the ExternalSecret's "${ns}"`,
        }, (raw) => report(at, raw));
      }
    }
  },
};
