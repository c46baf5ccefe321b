// Rules over every object of the app (or the checked files): the env vars
// Secrets and ConfigMaps feed into containers.
import { Located } from '../engine/engine';
import type { CrossObjectValidator } from '../settings/validation';
import { isEnvVarName } from '../k8s/names';
import { podTemplateOf } from '../k8s/pod-templates';
import { SECRET_ENV_RULES as R } from './app-rules.rules';
import { arr, isObject, obj, objOrEmpty, str, valueAt } from '../engine/json';

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
      const keys = arr(spec?.data).map((d) => obj(d)?.secretKey).filter((k): k is string => typeof k === 'string');
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
  rules: Object.values(R),
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
