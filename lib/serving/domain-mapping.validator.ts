// Checks of a `serving.knative.dev/v1beta1` DomainMapping, built from its rule
// table: the webhook's (name, generateName, the reference, creator
// annotations), the reconciler's (what it can map, TLS, annotations it reads)
// and the API server's object metadata. The compact CRD schema checks types
// and required fields.
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import { isDns1123Label, isDns1123Subdomain, isLabelValue, isQualifiedName } from '../k8s/names';
import { ClusterSettings } from '../settings/settings';
import type { ManifestValidator } from '../settings/validation';
import { DOMAIN_MAPPING_RULES as R } from './domain-mapping.rules';
import { JsonObject, objOrEmpty as obj } from '../engine/json';
import { parseGoBool } from '../k8s/values';

/** The kinds whose address is `{name}.{namespace}.svc.<cluster domain>`: what the DomainMapping contract names. */
const SERVICE_ADDRESSED = new Set(['serving.knative.dev/v1/Service', 'serving.knative.dev/v1/Route', 'v1/Service']);
/** Annotation keys in the order the reconciler reads them (knative.dev/networking kmap.KeyPriority: the first present wins). */
const DISABLE_TLS_KEYS = ['networking.knative.dev/disableAutoTLS', 'networking.knative.dev/disable-auto-tls', 'networking.knative.dev/disable-external-domain-tls'];
const HTTP_PROTOCOL_KEYS = ['networking.knative.dev/httpOption', 'networking.knative.dev/http-protocol'];
const HTTP_PROTOCOLS = ['enabled', 'redirected'];
const USER_ANNOTATIONS = ['serving.knative.dev/creator', 'serving.knative.dev/lastModifier'];

const annField = (base: string, key: string) => `${base}["${key}"]`;
/** Unset or empty, as Go reads a string field. */
const blank = (v: unknown) => v === undefined || v === null || v === '';

/** Why a name is not a fully qualified domain name, as apimachinery's IsFullyQualifiedDomainName says it; undefined when it is one. */
export function domainNameProblem(name: string): string | undefined {
  if (name === '') return 'required';
  const domain = name.endsWith('.') ? name.slice(0, -1) : name;
  if (!isDns1123Subdomain(domain)) return 'not a DNS-1123 subdomain: lowercase letters, digits, `-` and `.`, at most 253 characters';
  const labels = domain.split('.');
  if (labels.length < 2) return 'should be a domain with at least two segments separated by dots';
  const bad = labels.find((l) => !isDns1123Label(l));
  return bad === undefined ? undefined : `the segment "${bad}" is longer than 63 characters`;
}

/** The value of the first of `keys` present, as kmap.KeyPriority.Get reads it. */
function firstPresent(annotations: Record<string, unknown>, keys: readonly string[]): [string, unknown] | undefined {
  const key = keys.find((k) => Object.prototype.hasOwnProperty.call(annotations, k));
  return key === undefined ? undefined : [key, annotations[key]];
}

function checkMetadata(meta: JsonObject, settings: ClusterSettings, out: FindingList): void {
  if (!blank(meta.generateName)) out.add(R.GENERATE_NAME, 'metadata.generateName', meta.generateName);
  const name = meta.name ?? '';
  if (typeof name === 'string') {
    const problem = domainNameProblem(name);
    if (problem) out.add(R.NAME_DOMAIN, 'metadata.name', name, problem);
    const clusterDomain = settings.serving.clusterDomain;
    if (name.endsWith(`.${clusterDomain}`)) out.add(R.NAME_CLUSTER_LOCAL, 'metadata.name', name, `a subdomain of the cluster-local domain "${clusterDomain}"`);
  }

  for (const [key, value] of Object.entries(obj(meta.labels))) {
    if (!isQualifiedName(key)) out.add(R.LABELS_ANNOTATIONS, 'metadata.labels key', key, 'not a qualified name');
    else if (typeof value === 'string' && !isLabelValue(value)) out.add(R.LABELS_ANNOTATIONS, annField('metadata.labels', key), value);
  }
  const annotations = obj(meta.annotations);
  for (const key of Object.keys(annotations)) {
    if (!isQualifiedName(key.toLowerCase())) out.add(R.LABELS_ANNOTATIONS, 'metadata.annotations key', key, 'not a qualified name');
    if (USER_ANNOTATIONS.includes(key)) out.add(R.USER_ANNOTATIONS, annField('metadata.annotations', key), annotations[key]);
  }
  const disableTls = firstPresent(annotations, DISABLE_TLS_KEYS);
  if (disableTls && typeof disableTls[1] === 'string' && disableTls[1] !== '' && parseGoBool(disableTls[1]) === undefined) {
    out.add(R.DISABLE_TLS_ANNOTATION, annField('metadata.annotations', disableTls[0]), disableTls[1], 'not a boolean: read as "not disabled"');
  }
  const protocol = firstPresent(annotations, HTTP_PROTOCOL_KEYS);
  if (protocol && typeof protocol[1] === 'string' && protocol[1] !== '' && !HTTP_PROTOCOLS.includes(protocol[1].toLowerCase())) {
    out.add(R.HTTP_PROTOCOL_ANNOTATION, annField('metadata.annotations', protocol[0]), protocol[1], `incorrect http-protocol annotation: ${protocol[1].toLowerCase()}`);
  }
}

function checkRef(ref: unknown, namespace: unknown, out: FindingList): void {
  // A missing or non-object ref is a schema finding (required, type); Knative then reports every field missing.
  if (ref === null || typeof ref !== 'object' || Array.isArray(ref)) return;
  const r = ref as Record<string, unknown>;
  for (const field of ['name', 'apiVersion', 'kind']) {
    if (blank(r[field])) out.add(R.REF_FIELDS, `spec.ref.${field}`, r[field], 'missing field');
  }
  if (!blank(r.group)) out.add(R.REF_FIELDS, 'spec.ref.group', r.group, 'Knative Serving does not allow `group`: give `apiVersion`');
  if (typeof r.namespace === 'string' && r.namespace !== '' && typeof namespace === 'string' && namespace !== '' && r.namespace !== namespace) {
    out.add(R.REF_NAMESPACE, 'spec.ref.namespace', r.namespace, `mismatched namespaces: the DomainMapping is in "${namespace}"`);
  }
  if (typeof r.apiVersion === 'string' && typeof r.kind === 'string' && r.apiVersion !== '' && r.kind !== '' && !SERVICE_ADDRESSED.has(`${r.apiVersion}/${r.kind}`)) {
    out.add(R.REF_ADDRESSABLE, 'spec.ref', `${r.kind} (${r.apiVersion})`, `a ${r.kind} is not known to be addressed as {name}.{namespace}.svc without a path`);
  }
}

function checkTls(tls: unknown, out: FindingList): void {
  const secretName = obj(tls).secretName;
  // Unset is a schema finding (required); a non-string a type one.
  if (typeof secretName !== 'string') return;
  if (secretName === '') out.add(R.TLS_SECRET, 'spec.tls.secretName', secretName, 'empty: the KIngress refuses a TLS entry without secretName');
  else if (!isDns1123Subdomain(secretName)) out.add(R.TLS_SECRET, 'spec.tls.secretName', secretName, 'not a Secret name (DNS-1123 subdomain)');
}

/** Checks a DomainMapping against the Knative 1.22 webhook and reconciler. Pure: manifest and settings in, findings out. */
export function validateDomainMapping(m: unknown, settings: ClusterSettings, out: FindingList): void {
  const meta = obj(obj(m).metadata);
  checkMetadata(meta, settings, out);
  const spec = obj(obj(m).spec);
  // The CRD requires ref only inside spec: without spec (or with `spec: null`, dropped by the API server) the webhook is the one to refuse it.
  if (obj(m).spec === undefined || obj(m).spec === null) out.add(R.REF_FIELDS, 'spec.ref', undefined, 'missing field(s): spec.ref.apiVersion, spec.ref.kind, spec.ref.name');
  checkRef(spec.ref, meta.namespace, out);
  if (spec.tls !== undefined && spec.tls !== null) checkTls(spec.tls, out);
}

export const DOMAIN_MAPPING_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'serving.knative.dev/v1beta1',
  kind: 'DomainMapping',
  rules: R,
  validate: (o, ctx, out) => validateDomainMapping(o, ctx.settings, out),
});
