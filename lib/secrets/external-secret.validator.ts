// Checks of an `external-secrets.io/v1` ExternalSecret, built from its rule table.
import { isConfigMapKey, isDns1123Subdomain } from '../k8s/names';
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import type { ManifestValidator } from '../settings/validation';
import { nonNegativeDurationProblem } from '../k8s/values';
import { goRegexpProblem } from '../k8s/go-regexp';
import { EXTERNAL_SECRET_RULES as R } from './external-secret.rules';
import { arr, isObject, obj, objOrEmpty, valueAt } from '../engine/json';
import type { KubeObject } from '../engine/engine';

/** Creation policies under which ESO owns (creates and may delete) the Secret. */
const OWNING_CREATION = new Set<unknown>(['Owner', 'Orphan']);

/** Template types the webhook refuses, or refuses with these annotations (validatePrivilegedTemplate). */
const SA_TOKEN = 'kubernetes.io/service-account-token';
const SA_NAME_ANNOTATION = 'kubernetes.io/service-account.name';
const TEMPLATE_FROM_TARGETS = ['data', 'annotations', 'labels'];

function checkFind(find: unknown, field: string, out: FindingList): void {
  const f = obj(find);
  if (!f) return;
  const regexp = valueAt(f, 'name', 'regexp');
  if (f.name === undefined && f.tags === undefined) out.add(R.ES_FIND_CRITERIA, field, find, 'neither name nor tags');
  const problem = typeof regexp === 'string' ? goRegexpProblem(regexp) : undefined;
  if (problem) out.add(R.ES_REGEXP, `${field}.name.regexp`, regexp, problem);
}

function checkRewrites(rewrite: unknown, field: string, out: FindingList): void {
  arr(rewrite).forEach((r, i) => {
    const ops = ['merge', 'regexp', 'transform'].filter((k) => obj(r)?.[k] !== undefined);
    if (isObject(r) && ops.length !== 1) out.add(R.ES_REWRITE_ONE, `${field}[${i}]`, r, ops.length === 0 ? 'no operation' : `several operations (${ops.join(', ')})`);
    const source = valueAt(r, 'regexp', 'source');
    const problem = typeof source === 'string' ? goRegexpProblem(source) : undefined;
    if (problem) out.add(R.ES_REGEXP, `${field}[${i}].regexp.source`, source, problem);
  });
}

function checkTemplate(o: KubeObject, target: Record<string, unknown>, out: FindingList): void {
  const template = obj(target.template);
  if (!template) return;
  const templateFrom = arr(template.templateFrom);
  if (template.type === 'bootstrap.kubernetes.io/token') out.add(R.ES_TEMPLATE_PRIVILEGED, 'spec.target.template.type', template.type, 'template.type bootstrap.kubernetes.io/token is not allowed');
  if (template.type === SA_TOKEN) {
    if (isObject(valueAt(template, 'metadata', 'annotations')) && Object.prototype.hasOwnProperty.call(valueAt(template, 'metadata', 'annotations'), SA_NAME_ANNOTATION)) {
      out.add(R.ES_TEMPLATE_PRIVILEGED, `spec.target.template.metadata.annotations["${SA_NAME_ANNOTATION}"]`, SA_NAME_ANNOTATION, `not allowed with template.type ${SA_TOKEN}`);
    }
    templateFrom.forEach((t, i) => {
      const targetOf = obj(t)?.target;
      if (typeof targetOf === 'string' && targetOf.toLowerCase() === 'annotations') out.add(R.ES_TEMPLATE_PRIVILEGED, `spec.target.template.templateFrom[${i}].target`, targetOf, `not allowed with template.type ${SA_TOKEN}`);
    });
  }
  // Only when the ExternalSecret writes a Secret (no manifest target, or a v1 Secret one).
  const manifest = obj(obj(o.spec)?.target && valueAt(o.spec, 'target', 'manifest'));
  if (manifest && !(manifest.apiVersion === 'v1' && manifest.kind === 'Secret')) return;
  templateFrom.forEach((t, i) => {
    const targetOf = obj(t)?.target;
    if (typeof targetOf === 'string' && targetOf !== '' && !TEMPLATE_FROM_TARGETS.includes(targetOf.toLowerCase())) {
      out.add(R.ES_TEMPLATE_FROM_TARGET, `spec.target.template.templateFrom[${i}].target`, targetOf, 'must be Data, Annotations or Labels when targeting a Secret');
    }
  });
}

function validateExternalSecret(o: KubeObject, out: FindingList): void {
  const spec = objOrEmpty(o.spec);
  const data = arr(spec.data);
  const dataFrom = arr(spec.dataFrom);
  if (data.length === 0 && dataFrom.length === 0) out.add(R.ES_NO_DATA, 'spec.data', spec.data ?? null, 'either data or dataFrom should be specified');

  const target = objOrEmpty(spec.target);
  const creation = target.creationPolicy ?? 'Owner';
  const deletion = target.deletionPolicy ?? 'Retain';
  if (deletion === 'Delete' && !OWNING_CREATION.has(creation)) {
    out.add(R.ES_POLICIES, 'spec.target.deletionPolicy', deletion, `deletionPolicy Delete needs creationPolicy Owner or Orphan, not ${creation}`);
  } else if (deletion === 'Merge' && creation === 'None') {
    out.add(R.ES_POLICIES, 'spec.target.deletionPolicy', deletion, 'deletionPolicy Merge is refused with creationPolicy None');
  }

  const refreshProblem = typeof spec.refreshInterval === 'string' ? nonNegativeDurationProblem(spec.refreshInterval) : undefined;
  if (refreshProblem) out.add(R.ES_REFRESH, 'spec.refreshInterval', spec.refreshInterval, refreshProblem);

  const store = obj(spec.secretStoreRef);
  if (store && typeof store.name === 'string' && !isDns1123Subdomain(store.name)) out.add(R.ES_NAMES, 'spec.secretStoreRef.name', store.name, 'not a DNS-1123 subdomain');
  if (typeof target.name === 'string' && !isDns1123Subdomain(target.name)) out.add(R.ES_NAMES, 'spec.target.name', target.name, 'not a DNS-1123 subdomain');

  const seen = new Map<string, number>();
  data.forEach((d, i) => {
    const key = obj(d)?.secretKey;
    if (typeof key === 'string' && !isConfigMapKey(key)) out.add(R.ES_SECRET_KEY, `spec.data[${i}].secretKey`, key, 'use letters, digits, `-`, `_` and `.`');
    if (typeof key === 'string' && deletion === 'Retain') {
      if (seen.has(key)) out.add(R.ES_DUPLICATE_KEY, `spec.data[${i}].secretKey`, key, `also written by spec.data[${seen.get(key)}]`);
      else seen.set(key, i);
    }
    const hasOwnStore = isObject(valueAt(d, 'sourceRef', 'storeRef')) || isObject(valueAt(d, 'sourceRef', 'generatorRef'));
    if (!hasOwnStore && !(store && typeof store.name === 'string' && store.name)) {
      out.add(R.ES_NO_STORE, `spec.data[${i}]`, d, 'neither spec.secretStoreRef.name nor sourceRef.storeRef names a store');
    }
  });
  checkTemplate(o, target, out);
  dataFrom.forEach((d, i) => {
    checkFind(obj(d)?.find, `spec.dataFrom[${i}].find`, out);
    checkRewrites(obj(d)?.rewrite, `spec.dataFrom[${i}].rewrite`, out);
    const sources = ['extract', 'find'].filter((k) => obj(d)?.[k] !== undefined);
    const sourceRef = obj(d)?.sourceRef;
    if (sourceRef !== undefined && !isObject(obj(sourceRef)?.generatorRef) && !isObject(obj(sourceRef)?.storeRef)) {
      out.add(R.ES_DATA_FROM, `spec.dataFrom[${i}].sourceRef`, sourceRef, 'a sourceRef needs generatorRef or storeRef');
    }
    if (isObject(obj(sourceRef)?.generatorRef)) sources.push('sourceRef.generatorRef');
    if (sources.length === 0 && sourceRef === undefined) out.add(R.ES_DATA_FROM, `spec.dataFrom[${i}]`, d, 'the entry has no source');
    else if (sources.length > 1) out.add(R.ES_DATA_FROM, `spec.dataFrom[${i}]`, d, `the entry has several sources (${sources.join(', ')})`);
  });
}

export const EXTERNAL_SECRET_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  rules: R,
  validate: (o, _ctx, out) => validateExternalSecret(o, out),
});
