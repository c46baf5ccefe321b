// rbac.authorization.k8s.io/v1 RoleBinding and ClusterRoleBinding: the role
// they refer to and their subjects; a RoleBinding's Role, when the manifests
// could hold it, in its own namespace.
import { defineValidator } from '../engine/validator';
import type { ValidationContext } from '../engine/engine';
import { arr, obj, str, valueAt } from '../engine/json';
import { FindingList } from '../engine/rule';
import type { ManifestValidator } from '../settings/validation';
import { reportMissingReference } from '../k8s/external-refs';
import { isDns1123Subdomain } from '../k8s/names';
import { RBAC_GROUP } from '../k8s/rbac';
import { ROLE_BINDING_RULES as B } from './role-binding.rules';

/** ValidateRBACName: a path segment. */
const rbacNameProblem = (name: string) => (name === '.' || name === '..' || /[/%]/.test(name) ? 'may not be "." or "..", or contain "/" or "%"' : undefined);

function checkRoleRef(o: unknown, namespaced: boolean, out: FindingList): void {
  const ref = obj(valueAt(o, 'roleRef')) ?? {};
  if (ref.apiGroup !== RBAC_GROUP) out.add(B.ROLE_REF, 'roleRef.apiGroup', ref.apiGroup ?? null, `supported values: "${RBAC_GROUP}"`);
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(String(ref.kind))) out.add(B.ROLE_REF, 'roleRef.kind', ref.kind ?? null, `supported values: ${kinds.map((k) => `"${k}"`).join(', ')}`);
  const name = ref.name;
  if (typeof name !== 'string' || name === '') out.add(B.ROLE_REF, 'roleRef.name', name ?? null, 'required');
  else if (rbacNameProblem(name)) out.add(B.ROLE_REF, 'roleRef.name', name, rbacNameProblem(name));
}

function checkSubjects(o: unknown, namespaced: boolean, out: FindingList): void {
  arr(valueAt(o, 'subjects')).forEach((value, i) => {
    const s = obj(value);
    if (!s) return; // not an object: the schema check's (SCHEMA-002)
    const at = `subjects[${i}]`;
    const name = str(s.name) ?? '';
    if (name === '') out.add(B.SUBJECT, `${at}.name`, s.name ?? null, 'required');
    const apiGroup = str(s.apiGroup) ?? '';
    switch (s.kind) {
      case 'ServiceAccount':
        if (name !== '' && !isDns1123Subdomain(name)) out.add(B.SUBJECT, `${at}.name`, name, 'not a valid ServiceAccount name (a DNS-1123 subdomain)');
        if (apiGroup !== '') out.add(B.SUBJECT, `${at}.apiGroup`, apiGroup, 'supported values: "" (a ServiceAccount has no apiGroup)');
        if (!namespaced && (str(s.namespace) ?? '') === '') out.add(B.SUBJECT, `${at}.namespace`, s.namespace ?? null, 'required: a ClusterRoleBinding has no namespace to default it to');
        break;
      case 'User':
      case 'Group':
        // An empty apiGroup is defaulted to rbac.authorization.k8s.io before validation.
        if (apiGroup !== '' && apiGroup !== RBAC_GROUP) out.add(B.SUBJECT, `${at}.apiGroup`, apiGroup, `supported values: "${RBAC_GROUP}"`);
        break;
      default:
        out.add(B.SUBJECT, `${at}.kind`, s.kind ?? null, 'supported values: "ServiceAccount", "User", "Group"');
    }
  });
}

/** A RoleBinding's Role, when the manifests hold a Role of its name in other namespaces only, is missing from its own. */
function checkRoleInNamespace(o: unknown, ctx: ValidationContext, out: FindingList): void {
  const ref = obj(valueAt(o, 'roleRef'));
  const name = str(ref?.name);
  if (ref?.kind !== 'Role' || ref.apiGroup !== RBAC_GROUP || !name) return;
  const ns = str(valueAt(o, 'metadata', 'namespace')) ?? '';
  const roles = ctx.objects.map((l) => l.object).filter((r) => { const x = obj(r); return x?.kind === 'Role' && String(x.apiVersion).startsWith(`${RBAC_GROUP}/`) && valueAt(x, 'metadata', 'name') === name; });
  const nsOf = (r: unknown) => str(valueAt(r, 'metadata', 'namespace')) ?? '';
  // A manifest without a namespace goes where it is applied: it may be any.
  if (roles.some((r) => ns === '' || nsOf(r) === '' || nsOf(r) === ns)) return;
  // Only a Role of that name in another namespace says the binding is likely wrong; none at all is a Role applied from elsewhere.
  const elsewhere = [...new Set(roles.map(nsOf))].sort();
  if (elsewhere.length === 0) return;
  reportMissingReference(ctx.world, o, {
    rule: B.ROLE_IN_NAMESPACE,
    field: 'roleRef.name',
    ref: { kind: 'Role', name, namespace: ns },
    problem: `no Role "${name}" in namespace "${ns}", only in ${elsewhere.map((n) => `"${n}"`).join(', ')}: a RoleBinding refers to a Role of its own namespace`,
  }, (raw) => out.add(raw.rule, raw.field, raw.value, raw.problem, raw.fix, raw.yamlFix));
}

/** A validator per kind: a RoleBinding may refer to a Role, and its ServiceAccount subjects default to its namespace. */
const bindingValidator = (kind: 'RoleBinding' | 'ClusterRoleBinding'): ManifestValidator => defineValidator({
  apiVersion: `${RBAC_GROUP}/v1`,
  kind,
  rules: B,
  validate(o, ctx, out) {
    const namespaced = kind === 'RoleBinding';
    checkRoleRef(o, namespaced, out);
    checkSubjects(o, namespaced, out);
    if (namespaced) checkRoleInNamespace(o, ctx, out);
  },
});

export const ROLE_BINDING_VALIDATOR = bindingValidator('RoleBinding');
export const CLUSTER_ROLE_BINDING_VALIDATOR = bindingValidator('ClusterRoleBinding');
