// Validators of the secrets domain: ExternalSecret, SealedSecret, plain
// Secrets, and the env vars secrets and ConfigMaps feed into containers.
import { Located } from '../engine/engine';
import type { CrossObjectValidator, ManifestValidator } from '../settings/validation';
import { isConfigMapKey, isDns1123Subdomain, isEnvVarName } from '../k8s/names';
import { podTemplateOf } from '../k8s/pod-templates';
import { FindingList } from '../engine/rule';
import { parseGoDuration } from '../k8s/values';
import { SECRET_RULES as R } from './rules';
import { arr } from '../engine/json';

const isObject = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Creation policies under which ESO owns (creates and may delete) the Secret. */
const OWNING_CREATION = new Set(['Owner', 'Orphan']);

function validateExternalSecret(o: any, out: FindingList): void {
  const spec = isObject(o.spec) ? o.spec : {};
  const data = arr(spec.data);
  const dataFrom = arr(spec.dataFrom);
  if (data.length === 0 && dataFrom.length === 0) out.add(R.ES_NO_DATA, 'spec.data', spec.data ?? null, 'either data or dataFrom should be specified');

  const target = isObject(spec.target) ? spec.target : {};
  const creation = target.creationPolicy ?? 'Owner';
  const deletion = target.deletionPolicy ?? 'Retain';
  if (deletion === 'Delete' && !OWNING_CREATION.has(creation)) {
    out.add(R.ES_POLICIES, 'spec.target.deletionPolicy', deletion, `deletionPolicy Delete needs creationPolicy Owner or Orphan, not ${creation}`);
  } else if (deletion === 'Merge' && creation === 'None') {
    out.add(R.ES_POLICIES, 'spec.target.deletionPolicy', deletion, 'deletionPolicy Merge is refused with creationPolicy None');
  }

  if (typeof spec.refreshInterval === 'string') {
    const seconds = parseGoDuration(spec.refreshInterval);
    if (seconds === undefined || seconds < 0) out.add(R.ES_REFRESH, 'spec.refreshInterval', spec.refreshInterval, seconds === undefined ? 'not a Go duration (e.g. 1h, 15m, 30s)' : 'negative');
  }

  const store = isObject(spec.secretStoreRef) ? spec.secretStoreRef : undefined;
  if (store && typeof store.name === 'string' && !isDns1123Subdomain(store.name)) out.add(R.ES_NAMES, 'spec.secretStoreRef.name', store.name, 'not a DNS-1123 subdomain');
  if (typeof target.name === 'string' && !isDns1123Subdomain(target.name)) out.add(R.ES_NAMES, 'spec.target.name', target.name, 'not a DNS-1123 subdomain');

  const seen = new Map<string, number>();
  data.forEach((d, i) => {
    const key = d?.secretKey;
    if (typeof key === 'string' && !isConfigMapKey(key)) out.add(R.ES_SECRET_KEY, `spec.data[${i}].secretKey`, key, 'use letters, digits, `-`, `_` and `.`');
    if (typeof key === 'string' && deletion === 'Retain') {
      if (seen.has(key)) out.add(R.ES_DUPLICATE_KEY, `spec.data[${i}].secretKey`, key, `also written by spec.data[${seen.get(key)}]`);
      else seen.set(key, i);
    }
    const hasOwnStore = isObject(d?.sourceRef?.storeRef) || isObject(d?.sourceRef?.generatorRef);
    if (!hasOwnStore && !(store && typeof store.name === 'string' && store.name)) {
      out.add(R.ES_NO_STORE, `spec.data[${i}]`, d, 'neither spec.secretStoreRef.name nor sourceRef.storeRef names a store');
    }
  });
  dataFrom.forEach((d, i) => {
    const sources = ['extract', 'find'].filter((k) => d?.[k] !== undefined);
    const sourceRef = d?.sourceRef;
    if (sourceRef !== undefined && !isObject(sourceRef?.generatorRef) && !isObject(sourceRef?.storeRef)) {
      out.add(R.ES_DATA_FROM, `spec.dataFrom[${i}].sourceRef`, sourceRef, 'a sourceRef needs generatorRef or storeRef');
    }
    if (isObject(sourceRef?.generatorRef)) sources.push('sourceRef.generatorRef');
    if (sources.length === 0 && sourceRef === undefined) out.add(R.ES_DATA_FROM, `spec.dataFrom[${i}]`, d, 'the entry has no source');
    else if (sources.length > 1) out.add(R.ES_DATA_FROM, `spec.dataFrom[${i}]`, d, `the entry has several sources (${sources.join(', ')})`);
  });
}

/** kubeseal ciphertext: standard base64, long enough to hold the session key header. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MIN_CIPHERTEXT_LENGTH = 64;

function validateSealedSecret(o: any, out: FindingList): void {
  const spec = isObject(o.spec) ? o.spec : {};
  const data = isObject(spec.encryptedData) ? spec.encryptedData : {};
  if (Object.keys(data).length === 0) out.add(R.SEALED_EMPTY, 'spec.encryptedData', spec.encryptedData ?? null);
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string' && (!BASE64.test(value) || value.length < MIN_CIPHERTEXT_LENGTH)) {
      // Never echo what may be a plaintext secret.
      out.add(R.SEALED_NOT_CIPHERTEXT, `spec.encryptedData["${key}"]`, `(${value.length} characters, not shown)`,
        !BASE64.test(value) ? 'not base64' : `too short for kubeseal ciphertext (${value.length} characters)`);
    }
  }
  const annotations = isObject(o.metadata?.annotations) ? o.metadata.annotations : {};
  const wide = annotations['sealedsecrets.bitnami.com/namespace-wide'] === 'true' || annotations['sealedsecrets.bitnami.com/cluster-wide'] === 'true';
  if (!wide && !(typeof o.metadata?.namespace === 'string' && o.metadata.namespace)) out.add(R.SEALED_NAMESPACE, 'metadata.namespace', o.metadata?.namespace);
}

function validateSecret(o: any, out: FindingList): void {
  for (const field of ['data', 'stringData']) {
    const values = o[field];
    if (isObject(values) && Object.keys(values).length > 0) {
      // The keys only: the values are what must not spread further.
      out.add(R.PLAINTEXT, field, Object.keys(values).sort(), `Secret "${o.metadata?.name ?? ''}" carries ${Object.keys(values).length} value(s) readable by anyone with the repository`);
    }
  }
}

export const EXTERNAL_SECRET_VALIDATOR: ManifestValidator = {
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  rules: [R.ES_NO_DATA, R.ES_POLICIES, R.ES_DUPLICATE_KEY, R.ES_REFRESH, R.ES_SECRET_KEY, R.ES_NAMES, R.ES_NO_STORE, R.ES_DATA_FROM],
  validate: (o, _ctx, out) => validateExternalSecret(o, out),
};

export const SEALED_SECRET_VALIDATOR: ManifestValidator = {
  apiVersion: 'bitnami.com/v1alpha1',
  kind: 'SealedSecret',
  rules: [R.SEALED_EMPTY, R.SEALED_NOT_CIPHERTEXT, R.SEALED_NAMESPACE],
  validate: (o, _ctx, out) => validateSealedSecret(o, out),
};

export const SECRET_VALIDATOR: ManifestValidator = {
  apiVersion: 'v1',
  kind: 'Secret',
  rules: [R.PLAINTEXT],
  validate: (o, _ctx, out) => validateSecret(o, out),
};

/** The keys an env source provides, and what provides them. */
interface EnvSource {
  readonly keys: readonly string[];
  readonly what: string;
}

const nsOf = (o: any): string => (typeof o?.metadata?.namespace === 'string' ? o.metadata.namespace : '');

/** Secrets and ConfigMaps of the app whose keys are known, by `kind|namespace|name` of the Secret/ConfigMap they produce. */
function knownSources(objects: readonly Located[]): Map<string, EnvSource> {
  const sources = new Map<string, EnvSource>();
  const add = (kind: 'Secret' | 'ConfigMap', ns: string, name: unknown, keys: string[], what: string) => {
    if (typeof name === 'string') sources.set(`${kind}|${ns}|${name}`, { keys, what });
  };
  for (const at of objects) {
    const o = at.object as any;
    if (!isObject(o)) continue;
    const ns = nsOf(o);
    const label = `${o.kind} "${o.metadata?.name}" (${at.where})`;
    if (o.apiVersion === 'v1' && o.kind === 'Secret') {
      add('Secret', ns, o.metadata?.name, [...Object.keys(isObject(o.data) ? o.data : {}), ...Object.keys(isObject(o.stringData) ? o.stringData : {})], label);
    } else if (o.apiVersion === 'v1' && o.kind === 'ConfigMap') {
      add('ConfigMap', ns, o.metadata?.name, [...Object.keys(isObject(o.data) ? o.data : {}), ...Object.keys(isObject(o.binaryData) ? o.binaryData : {})], label);
    } else if (o.apiVersion === 'external-secrets.io/v1' && o.kind === 'ExternalSecret') {
      const keys = arr(o.spec?.data).map((d) => d?.secretKey).filter((k): k is string => typeof k === 'string');
      add('Secret', ns, o.spec?.target?.name ?? o.metadata?.name, keys, label);
    } else if (o.apiVersion === 'bitnami.com/v1alpha1' && o.kind === 'SealedSecret') {
      add('Secret', ns, o.spec?.template?.metadata?.name ?? o.metadata?.name, Object.keys(isObject(o.spec?.encryptedData) ? o.spec.encryptedData : {}), label);
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
          arr(c?.envFrom).forEach((e, i) => {
            const kind = isObject(e?.secretRef) ? 'Secret' : isObject(e?.configMapRef) ? 'ConfigMap' : undefined;
            const ref = kind === 'Secret' ? e.secretRef : e?.configMapRef;
            const source = kind && sources!.get(`${kind}|${ns}|${ref?.name}`);
            if (!source) return;
            const prefix = typeof e.prefix === 'string' ? e.prefix : '';
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
          arr(c?.env).forEach((e, i) => {
            const earlier = typeof e?.name === 'string' ? defined.get(e.name) : undefined;
            if (earlier) {
              report(at, { rule: R.ENV_CONFLICT, field: `${path}.env[${i}].name`, value: e.name, problem: `${e.name} is set in env and also comes from ${earlier}; env silently wins` });
            }
          });
        });
      }
    }
  },
};
