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
    const namespace = valueAt(object, 'metadata', 'namespace');
    if (typeof namespace === 'string' && namespace !== '' && !isDns1123Label(namespace) && !reported(out, 'metadata.namespace')) {
      out.add(R.NAMESPACE, 'metadata.namespace', namespace, 'not a DNS-1123 label (lowercase letters, digits and `-`, at most 63 characters)');
    }
  },
};
