// ApiServerSource (`sources.knative.dev/v1`). E = knative/eventing at
// knative-v1.22.2: AV = E:pkg/apis/sources/v1/apiserver_validation.go,
// REC = E:pkg/reconciler/apiserversource.
import { READ_VERBS } from '../../k8s/rbac';
import { labelSelectorProblems } from '../../k8s/label-selectors';
import { Located } from '../../engine/engine';
import type { CrossObjectValidator } from '../../settings/validation';
import { defineValidator } from '../../engine/validator';
import { FindingList } from '../../engine/rule';
import { ClusterSettings, eventingFeatureAllows, eventingFlagSetting } from '../../settings/settings';
import { DESTINATION_RULES } from '../delivery';
import { checkFiltersList, FILTER_RULES } from '../filters';
import { APISERVER_RULES } from './apiserver-source.rules';
import { SOURCE_RULES } from './source.rules';
import { checkSourceSpec } from './source.validator';
import { arr, JsonObject, obj, objOrEmpty, valueAt } from '../../engine/json';

/** schema.ParseGroupVersion: `''`, `version` or `group/version`; undefined when it does not parse. */
export function parseGroupVersion(apiVersion: string): { group: string; version: string } | undefined {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const slashes = apiVersion.split('/').length - 1;
  if (slashes === 0) return { group: '', version: apiVersion };
  if (slashes === 1) {
    const [group, version] = apiVersion.split('/');
    return { group, version };
  }
  return undefined;
}

/** Built-in cluster-scoped kinds, by `group/Kind` (core group ''). */
const CLUSTER_SCOPED = new Set([
  '/Namespace', '/Node', '/PersistentVolume', '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'storage.k8s.io/StorageClass', 'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode', 'storage.k8s.io/VolumeAttachment',
  'apiextensions.k8s.io/CustomResourceDefinition', 'apiregistration.k8s.io/APIService',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration', 'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'scheduling.k8s.io/PriorityClass', 'node.k8s.io/RuntimeClass', 'networking.k8s.io/IngressClass',
  'certificates.k8s.io/CertificateSigningRequest', 'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
]);

/**
 * The resource name the controller and the adapter use for a kind
 * (apimachinery `UnsafeGuessKindToResource`): lowercase, then `+es` after a
 * final `s`, `-y` → `-ies`, else `+s`; `Endpoints` stays. Both the permission check and
 * the watch use this guess, so the RBAC must grant exactly it.
 */
export function guessResource(kind: string): string {
  const singular = kind.toLowerCase();
  if (singular === '' || singular.endsWith('endpoints')) return singular;
  if (singular.endsWith('s')) return `${singular}es`;
  if (singular.endsWith('y')) return `${singular.slice(0, -1)}ies`;
  return `${singular}s`;
}

/** Whether a built-in kind is cluster-scoped (custom kinds are not known: say so with `clusterScoped`). */
export function isClusterScopedKind(group: string, kind: string): boolean {
  return CLUSTER_SCOPED.has(`${group}/${kind}`);
}

/** The verbs the controller checks and the adapter uses. */
export { READ_VERBS } from '../../k8s/rbac';

/** metav1.LabelSelectorAsSelector: what makes the conversion fail (the first problem, in one sentence). */
export function labelSelectorProblem(selector: unknown): string | undefined {
  if (!obj(selector)) return undefined;
  const [p] = labelSelectorProblems(selector);
  if (!p) return undefined;
  switch (p.kind) {
    case 'label-key': return `label key "${p.key}" is not a qualified name`;
    case 'label-value': return `label value ${JSON.stringify(p.value)} of "${p.key}" is not a valid label value`;
    case 'expression-key': return `expression key "${typeof p.key === 'string' ? p.key : ''}" is not a qualified name`;
    case 'operator': return `operator ${JSON.stringify(p.operator)} is not In, NotIn, Exists or DoesNotExist`;
    case 'needs-values': return `${p.operator} on "${p.key}" needs values`;
    case 'takes-no-values': return `${p.operator} on "${p.key}" takes no values`;
    case 'expression-value': return `value ${JSON.stringify(p.value)} of "${p.key}" is not a valid label value`;
  }
}

/** Checks a rendered or hand-written ApiServerSource. Pure: manifest and settings in, findings out. */
export function validateApiServerSource(m: unknown, settings: ClusterSettings, out: FindingList): void {
  const R = APISERVER_RULES;
  checkSourceSpec(m, settings, out);
  const name = valueAt(m, 'metadata', 'name');
  if (typeof name === 'string' && name.length > 63) out.add(R.NAME_LENGTH, 'metadata.name', name, `${name.length} characters`);
  const spec = obj(valueAt(m, 'spec')) ?? {};
  // null decodes as "", which SetDefaults makes Reference.
  if (spec.mode !== undefined && spec.mode !== null && spec.mode !== '' && spec.mode !== 'Reference' && spec.mode !== 'Resource') out.add(R.MODE, 'spec.mode', spec.mode);
  if (Array.isArray(spec.resources)) {
    const resources = arr(spec.resources);
    if (resources.length === 0) out.add(R.RESOURCES, 'spec.resources', resources);
    resources.forEach((r, i) => {
      const res = objOrEmpty(r);
      checkTypeRef(res, `spec.resources[${i}]`, true, out);
      const problem = labelSelectorProblem(res.selector);
      if (problem) out.add(R.SELECTOR, `spec.resources[${i}].selector`, res.selector, problem);
    });
  }
  const owner = obj(spec.owner);
  if (owner) checkTypeRef(owner, 'spec.owner', false, out);
  const nsProblem = labelSelectorProblem(spec.namespaceSelector);
  if (nsProblem) out.add(R.SELECTOR, 'spec.namespaceSelector', spec.namespaceSelector, nsProblem);
  if (Array.isArray(spec.filters) && spec.filters.length > 0) {
    if (!eventingFeatureAllows(settings, 'newApiServerSourceFilters')) out.add(R.FILTERS_FLAG, 'spec.filters', spec.filters, `the cluster has ${eventingFlagSetting(settings, 'newApiServerSourceFilters')}`);
    else checkFiltersList(spec.filters, 'spec.filters', out);
  }
  if (spec.serviceAccountName === undefined || spec.serviceAccountName === '') out.add(R.SERVICE_ACCOUNT, 'spec.serviceAccountName', spec.serviceAccountName);
}

function checkTypeRef(r: JsonObject, field: string, watched: boolean, out: FindingList): void {
  const R = APISERVER_RULES;
  const apiVersion = typeof r.apiVersion === 'string' ? r.apiVersion : '';
  const gv = parseGroupVersion(apiVersion);
  if (!gv) out.add(R.API_VERSION, `${field}.apiVersion`, r.apiVersion, 'more than one `/`');
  else if (watched && gv.version === '') out.add(R.API_VERSION_MISSING, `${field}.apiVersion`, r.apiVersion ?? '', 'no version');
  if (typeof r.kind !== 'string' || r.kind.trim() === '') out.add(R.KIND, `${field}.kind`, r.kind ?? null, 'missing `kind`');
}

export const APISERVER_SOURCE_VALIDATOR = defineValidator<ClusterSettings>({
  apiVersion: 'sources.knative.dev/v1',
  kind: 'ApiServerSource',
  rules: [APISERVER_RULES, SOURCE_RULES, DESTINATION_RULES, FILTER_RULES],
  // A null selector expression: the defaulting round trip (knative.dev/pkg defaulting.go#L332, #L459-475) writes the zero
  // LabelSelectorRequirement, `{key: "", operator: ""}` (neither omitempty), which the schema and the webhook accept;
  // the controller's conversion then fails (EVT-APISERVER-009, at run time).
  schema: { zeroNullItems: ['spec.resources[].selector.matchExpressions[]', 'spec.namespaceSelector.matchExpressions[]'] },
  validate: (o, ctx, out) => validateApiServerSource(o, ctx.settings, out),
});

// ---------------------------------------------------------------------------
// RBAC of the source's ServiceAccount, when the same manifests hold it

interface Grant {
  /** A ClusterRoleBinding grants in every namespace; a RoleBinding only in its own. */
  readonly clusterWide: boolean;
  /** As written: entries that are no object grant nothing. */
  readonly rules: readonly unknown[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * The roles bound to `sa` (namespace `ns`) in the manifests, or undefined
 * when they cannot be known: a bound role that is not in the manifests, or
 * an aggregated ClusterRole.
 */
function grantsOf(objects: readonly JsonObject[], sa: string, ns: string): Grant[] | undefined {
  const nsOf = (o: JsonObject) => str(valueAt(o, 'metadata', 'namespace'));
  const sameNs = (o: JsonObject) => nsOf(o) === '' || ns === '' || nsOf(o) === ns;
  const boundHere = (b: JsonObject) => arr(b.subjects).some((subject) => {
    const s = obj(subject);
    return s?.kind === 'ServiceAccount' && s.name === sa && (str(s.namespace) === '' || ns === '' || s.namespace === ns);
  });
  const role = (kind: string, name: string) => objects.find((o) => o.kind === kind && valueAt(o, 'metadata', 'name') === name
    && String(o.apiVersion).startsWith('rbac.authorization.k8s.io/') && (kind === 'ClusterRole' || sameNs(o)));
  const grants: Grant[] = [];
  for (const b of objects) {
    if (!String(b.apiVersion).startsWith('rbac.authorization.k8s.io/') || (b.kind !== 'RoleBinding' && b.kind !== 'ClusterRoleBinding') || !boundHere(b)) continue;
    if (b.kind === 'RoleBinding' && !sameNs(b)) continue;
    const ref = objOrEmpty(b.roleRef);
    const r = role(str(ref.kind), str(ref.name));
    if (!r || r.aggregationRule !== undefined) return undefined;
    grants.push({ clusterWide: b.kind === 'ClusterRoleBinding', rules: arr(r.rules) });
  }
  return grants;
}

function allows(value: unknown, group: string, resource: string, verb: string): boolean {
  const rule = obj(value);
  if (!rule) return false;
  const has = (values: string[], v: string) => values.includes('*') || values.includes(v);
  // resourceNames limits a rule to named objects: no list or watch of the kind.
  return list(rule.resourceNames).length === 0 && has(list(rule.apiGroups), group) && has(list(rule.resources), resource) && has(list(rule.verbs), verb);
}

/**
 * EVT-APISERVER-011: when the manifests hold the ServiceAccount an
 * ApiServerSource runs as, the roles bound to it must grant what the
 * controller checks. Without the ServiceAccount in the manifests the RBAC is
 * managed elsewhere, and nothing is said.
 */
export const APISERVER_RBAC: CrossObjectValidator = {
  name: 'ApiServerSource RBAC',
  rules: [APISERVER_RULES.RBAC_MISSING],
  validate(ctx, report) {
    const objects = ctx.objects.map((at) => obj(at.object)).filter((o): o is JsonObject => o !== undefined);
    for (const at of ctx.objects as Located[]) {
      const src = obj(at.object);
      if (!src || src.kind !== 'ApiServerSource' || !String(src.apiVersion).startsWith('sources.knative.dev/')) continue;
      const spec = obj(src.spec) ?? {};
      const sa = str(spec.serviceAccountName);
      const ns = str(valueAt(src, 'metadata', 'namespace'));
      if (sa === '' || !objects.some((o) => o.kind === 'ServiceAccount' && o.apiVersion === 'v1' && valueAt(o, 'metadata', 'name') === sa
        && (ns === '' || str(valueAt(o, 'metadata', 'namespace')) === '' || valueAt(o, 'metadata', 'namespace') === ns))) continue;
      const grants = grantsOf(objects, sa, ns);
      if (!grants) continue;
      const everywhere = obj(spec.namespaceSelector) !== undefined;
      arr(spec.resources).forEach((r, i) => {
        const res = objOrEmpty(r);
        const gv = parseGroupVersion(str(res.apiVersion));
        if (!gv || str(res.kind).trim() === '') return;
        const resource = guessResource(str(res.kind));
        const clusterWide = everywhere || isClusterScopedKind(gv.group, str(res.kind));
        const missing = READ_VERBS.filter((verb) => !grants.some((g) => (g.clusterWide || !clusterWide) && g.rules.some((rule) => allows(rule, gv.group, resource, verb))));
        if (missing.length > 0) {
          report(at, {
            rule: APISERVER_RULES.RBAC_MISSING, field: `spec.resources[${i}]`, value: res,
            problem: `ServiceAccount "${sa}" is not granted ${missing.join(', ')} on "${resource}" in API group "${gv.group}"${clusterWide ? ' cluster-wide (ClusterRoleBinding)' : ''}`,
          });
        }
      });
    }
  },
};
