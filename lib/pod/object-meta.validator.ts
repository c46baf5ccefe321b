// The API server's checks of every object's name and namespace. A kind whose
// validator already reported the field (with its own, stricter rule) keeps it.
import type { ObjectCheck } from '../engine/engine';
import { valueAt } from '../engine/json';
import { FindingList } from '../engine/rule';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain } from '../k8s/names';
import type { ClusterSettings } from '../settings/settings';
import { OBJECT_META_RULES as R } from './object-meta.rules';

const RBAC_GROUP = 'rbac.authorization.k8s.io/';

/** The name grammar of a kind, as the API server applies it, and how to say it. */
function nameProblem(apiVersion: string, kind: string, name: string): string | undefined {
  if (apiVersion.startsWith(RBAC_GROUP)) {
    // ValidateRBACName: any path segment (`system:controller:x` is fine).
    return name === '.' || name === '..' || /[/%]/.test(name) ? 'not a path segment: it may not be "." or "..", or contain "/" or "%"' : undefined;
  }
  if (apiVersion === 'v1' && kind === 'Service') return isDns1035Label(name) ? undefined : 'not a DNS-1035 label (a lowercase letter first, then lowercase letters, digits and `-`, at most 63 characters)';
  if (apiVersion === 'v1' && kind === 'Namespace') return isDns1123Label(name) ? undefined : 'not a DNS-1123 label (lowercase letters, digits and `-`, at most 63 characters)';
  return isDns1123Subdomain(name) ? undefined : `not a DNS-1123 subdomain (lowercase letters, digits, \`-\` and \`.\`, at most 253 characters)`;
}

function reported(out: FindingList, field: string): boolean {
  return out.items.some((f) => f.field === field);
}

const BANNED_OWNERS = new Set(['v1/Event']);
const blank = (v: unknown) => typeof v !== 'string' || v === '';

/** ValidateOwnerReferences: each reference complete, no Event as owner, one controller at most. Wrong types are the schema's. */
function checkOwnerReferences(refs: unknown, out: FindingList): void {
  if (!Array.isArray(refs)) return;
  let controller: string | undefined;
  refs.forEach((raw, i) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return;
    const ref = raw as Record<string, unknown>;
    const at = `metadata.ownerReferences[${i}]`;
    const apiVersion = typeof ref.apiVersion === 'string' ? ref.apiVersion : '';
    // schema.ParseGroupVersion: "v1", "group/version"; more than one `/` parses to no version at all.
    const parts = apiVersion.split('/');
    const version = parts.length === 1 ? parts[0] : parts.length === 2 ? parts[1] : '';
    if (version === '') out.add(R.OWNER_REFERENCES, `${at}.apiVersion`, ref.apiVersion ?? null, 'version must not be empty');
    if (blank(ref.kind)) out.add(R.OWNER_REFERENCES, `${at}.kind`, ref.kind ?? null, 'kind must not be empty');
    if (blank(ref.name)) out.add(R.OWNER_REFERENCES, `${at}.name`, ref.name ?? null, 'name must not be empty');
    if (blank(ref.uid)) out.add(R.OWNER_REFERENCES, `${at}.uid`, ref.uid ?? null, 'uid must not be empty');
    if (version !== '' && BANNED_OWNERS.has(`${apiVersion}/${String(ref.kind)}`)) out.add(R.OWNER_REFERENCES, at, `${apiVersion}/${String(ref.kind)}`, 'an Event cannot own objects');
    if (ref.controller === true) {
      const name = `${String(ref.kind ?? '')}/${String(ref.name ?? '')}`;
      if (controller !== undefined) out.add(R.OWNER_REFERENCES, `${at}.controller`, true, `only one reference can have controller set to true (${controller} and ${name})`);
      else controller = name;
    }
  });
}

export const OBJECT_META_CHECK: ObjectCheck<ClusterSettings> = {
  rules: Object.values(R),
  validate(object, _ctx, out) {
    const name = valueAt(object, 'metadata', 'name');
    const generateName = valueAt(object, 'metadata', 'generateName');
    if (!reported(out, 'metadata.name')) {
      if ((name === undefined || name === null || name === '') && (typeof generateName !== 'string' || generateName === '')) {
        out.add(R.NAME, 'metadata.name', name ?? null, 'name or generateName is required');
      } else if (typeof name === 'string' && name !== '') {
        const problem = nameProblem(object.apiVersion, object.kind, name);
        if (problem) out.add(R.NAME, 'metadata.name', name, problem);
      }
    }
    if (typeof generateName === 'string' && generateName !== '' && !reported(out, 'metadata.generateName')) {
      // NameIsDNSSubdomain(name, prefix=true): a trailing `-` is allowed, the generated suffix follows it.
      const masked = generateName.length > 1 && generateName.endsWith('-') ? `${generateName.slice(0, -1)}a` : generateName;
      const problem = nameProblem(object.apiVersion, object.kind, masked);
      if (problem) out.add(R.NAME, 'metadata.generateName', generateName, problem);
    }
    checkOwnerReferences(valueAt(object, 'metadata', 'ownerReferences'), out);
    const namespace = valueAt(object, 'metadata', 'namespace');
    if (typeof namespace === 'string' && namespace !== '' && !isDns1123Label(namespace) && !reported(out, 'metadata.namespace')) {
      out.add(R.NAMESPACE, 'metadata.namespace', namespace, 'not a DNS-1123 label (lowercase letters, digits and `-`, at most 63 characters)');
    }
  },
};
