// The rules of an agent's `grant…` calls (prop checks: what the generated
// RBAC could not do as asked). The RBAC kinds' own rules are in lib/rbac.
import { defineRules } from '../engine/rule';

export const GRANT_RULES = defineRules({
  TOKEN_UNMOUNTED: {
    id: 'GRANT-001',
    title: 'an agent with `grant…` rights mounts its service account token',
    why: 'The rights are bound to the agent\'s ServiceAccount, but with `mountServiceAccountToken: false` the pod has no token to call the API with: every call is anonymous and refused (401/403), so the grant does nothing.',
    fix: 'leave `mountServiceAccountToken` unset (a grant mounts the token), or remove the grant',
    upstream: 'Kubernetes service account admission (pkg/serviceaccount; automountServiceAccountToken false: no projected token volume)',
    effect: 'ignored',
  },
  CLUSTER_NAMESPACE: {
    id: 'GRANT-002',
    title: 'a cluster-wide grant needs the agent\'s namespace',
    why: 'A ClusterRoleBinding names its ServiceAccount subject with a namespace, which the API server requires ("subjects[0].namespace: Required value"); without the agent\'s namespace it cannot be written.',
    fix: 'set the `namespace` prop of the agent, or the namespace of its Chart',
    upstream: 'kubernetes/kubernetes pkg/apis/rbac/validation/validation.go ValidateRoleBindingSubject (isNamespaced false)',
    effect: 'reject',
  },
});
