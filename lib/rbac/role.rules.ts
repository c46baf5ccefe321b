// The rules of rbac.authorization.k8s.io/v1 Role and ClusterRole.
//
// Upstream references:
//   KR = kubernetes/kubernetes pkg/apis/rbac/validation/validation.go (commit
//        1dc8b4f2, 2026; functions named), the API server's own validation
//   KA = kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go (RuleAllows:
//        exact, case-sensitive matches, `*` matches everything)
import { defineRules } from '../engine/rule';

export const ROLE_RULES = defineRules({
  POLICY_RULE: {
    id: 'RBAC-ROLE-001',
    title: 'every rule has verbs, and either API groups and resources or (ClusterRole only) non-resource URLs',
    why: 'The API server refuses a rule without verbs, a resource rule without `apiGroups` or `resources` ("resource rules must supply at least one api group / resource"), a namespaced Role with `nonResourceURLs`, and a rule with both.',
    fix: 'give each rule its verbs, `apiGroups` (`""` for the core group) and `resources`; use `grant(...)` on the agent, which writes them',
    yamlFix: 'give each rule `verbs`, `apiGroups` (`""` for the core group) and `resources`; put `nonResourceURLs` in a ClusterRole rule of their own',
    upstream: 'KR ValidatePolicyRule',
    effect: 'reject',
  },
  WILDCARD: {
    id: 'RBAC-ROLE-002',
    title: 'a rule grants `*` (every verb, resource or API group)',
    why: 'A wildcard grants what exists today and whatever is added later (new resources, custom resources, `escalate`, `bind`, `impersonate`): far more than an agent needs, and a stolen token gets all of it.',
    fix: 'name the verbs and resources the agent uses (`grantRead(...)`, `grantCreateJobs()`, `grant([...], ...)`); acknowledge the warning where a wildcard is meant',
    yamlFix: 'list the verbs and resources the workload uses instead of `*`',
    upstream: 'KA RuleAllows (VerbMatches, APIGroupMatches, ResourceMatches: `*` matches all); Kubernetes RBAC good practices ("avoid wildcards")',
    effect: 'exposed',
    severity: 'warning',
  },
  RESOURCE_CASE: {
    id: 'RBAC-ROLE-003',
    title: 'a resource is named in lowercase plural (`jobs`, `pods/log`), not as its kind (`Job`)',
    why: 'The authorizer compares resource names exactly; Kubernetes and every CRD name their resources in lowercase, so a rule on `Job` or `Pods` matches no request: the grant does nothing and calls are refused (403).',
    fix: 'use `ApiResource.JOBS` or the plural of a custom resource in lowercase (`ApiResource.custom({ apiGroup, resourceType: \'inferencerequests\' })`)',
    yamlFix: 'write the resource as the lowercase plural the API serves (`kubectl api-resources` shows it), e.g. `jobs`',
    upstream: 'KA ResourceMatches (exact match); apiextensions validation (a CRD\'s plural is lowercase)',
    effect: 'ignored',
    openWorld: 'an aggregated API server could serve a resource whose name has capitals (none of Kubernetes or a CRD can)',
    severity: 'warning',
  },
});
