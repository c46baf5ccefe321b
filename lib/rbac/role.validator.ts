// rbac.authorization.k8s.io/v1 Role and ClusterRole: their policy rules.
import { defineValidator } from '../engine/validator';
import { arr, obj, valueAt } from '../engine/json';
import { FindingList } from '../engine/rule';
import type { ManifestValidator } from '../settings/validation';
import { RBAC_GROUP } from '../k8s/rbac';
import { ROLE_RULES as R } from './role.rules';

const strings = (v: unknown) => arr(v).filter((x): x is string => typeof x === 'string');

/** Checks `rules[i]` as ValidatePolicyRule does, and flags wildcards and resources that match nothing. */
function checkPolicyRules(o: unknown, namespaced: boolean, out: FindingList): void {
  arr(valueAt(o, 'rules')).forEach((value, i) => {
    const rule = obj(value);
    if (!rule) return; // not an object: the schema check's (SCHEMA-002)
    const at = `rules[${i}]`;
    const verbs = arr(rule.verbs);
    if (verbs.length === 0) out.add(R.POLICY_RULE, `${at}.verbs`, rule.verbs ?? null, 'verbs must contain at least one value');
    const urls = arr(rule.nonResourceURLs);
    if (urls.length > 0) {
      if (namespaced) out.add(R.POLICY_RULE, `${at}.nonResourceURLs`, rule.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs');
      if (arr(rule.apiGroups).length > 0 || arr(rule.resources).length > 0 || arr(rule.resourceNames).length > 0) {
        out.add(R.POLICY_RULE, `${at}.nonResourceURLs`, rule.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs');
      }
    } else {
      if (arr(rule.apiGroups).length === 0) out.add(R.POLICY_RULE, `${at}.apiGroups`, rule.apiGroups ?? null, 'resource rules must supply at least one api group ("" for the core group)');
      if (arr(rule.resources).length === 0) out.add(R.POLICY_RULE, `${at}.resources`, rule.resources ?? null, 'resource rules must supply at least one resource');
    }
    for (const key of ['verbs', 'apiGroups', 'resources']) {
      if (strings(rule[key]).includes('*')) out.add(R.WILDCARD, `${at}.${key}`, rule[key], `grants every ${key === 'verbs' ? 'verb' : key === 'apiGroups' ? 'API group' : 'resource'}, now and later`);
    }
    for (const resource of strings(rule.resources)) {
      if (resource !== '*' && /[A-Z]/.test(resource)) {
        out.add(R.RESOURCE_CASE, `${at}.resources`, resource, `"${resource}" matches no request: resources are lowercase plurals ("${resource.toLowerCase()}${/s$/i.test(resource) ? '' : 's'}"?)`);
      }
    }
  });
}

/** A validator per kind: a Role's rules are namespaced (no non-resource URLs), a ClusterRole's are not. */
const roleValidator = (kind: 'Role' | 'ClusterRole'): ManifestValidator => defineValidator({
  apiVersion: `${RBAC_GROUP}/v1`,
  kind,
  rules: R,
  validate(o, _ctx, out) {
    checkPolicyRules(o, kind === 'Role', out);
  },
});

export const ROLE_VALIDATOR = roleValidator('Role');
export const CLUSTER_ROLE_VALIDATOR = roleValidator('ClusterRole');
