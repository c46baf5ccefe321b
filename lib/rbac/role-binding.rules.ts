// The rules of rbac.authorization.k8s.io/v1 RoleBinding and ClusterRoleBinding.
//
// Upstream references:
//   KR = kubernetes/kubernetes pkg/apis/rbac/validation/validation.go (commit
//        1dc8b4f2, 2026; functions named), the API server's own validation
//   KD = kubernetes/kubernetes pkg/apis/rbac/v1/defaults.go SetDefaults_Subject
//        (a User or Group subject without apiGroup gets rbac.authorization.k8s.io)
//   KA = kubernetes/kubernetes v1.36.2 pkg/registry/rbac/validation/rule.go#L240-L259
//        (GetRoleReferenceRules: a RoleBinding's Role is looked up in the binding's namespace)
import { defineRules } from '../engine/rule';

export const ROLE_BINDING_RULES = defineRules({
  ROLE_REF: {
    id: 'RBAC-BIND-001',
    title: '`roleRef` names a Role or ClusterRole (a ClusterRoleBinding: a ClusterRole) of `rbac.authorization.k8s.io`',
    why: 'The API server refuses any other `roleRef.apiGroup` or `kind`, and an empty or invalid name; `roleRef` cannot be changed after creation either ("cannot change roleRef"), so a wrong one is fixed only by deleting the binding.',
    fix: 'bind with the agent\'s `grant…` methods, which write the reference',
    yamlFix: 'write `roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role (or ClusterRole), name: <role> }`',
    upstream: 'KR ValidateRoleBinding, ValidateClusterRoleBinding, ValidateRoleBindingUpdate',
    effect: 'reject',
  },
  SUBJECT: {
    id: 'RBAC-BIND-002',
    title: 'each subject is a ServiceAccount (valid name, no apiGroup, a namespace in a ClusterRoleBinding), a User or a Group',
    why: 'The API server refuses a subject without a name, of another kind, a ServiceAccount with an apiGroup or an invalid name, a User or Group of another apiGroup, and a ServiceAccount without a namespace in a ClusterRoleBinding (which has no namespace to default it to).',
    fix: 'bind with the agent\'s `grant…` methods, which name its ServiceAccount and namespace',
    yamlFix: 'write `{ kind: ServiceAccount, name: <account>, namespace: <its namespace> }` (no apiGroup), or a User/Group with `apiGroup: rbac.authorization.k8s.io`',
    upstream: 'KR ValidateRoleBindingSubject; KD SetDefaults_Subject',
    effect: 'reject',
  },
  ROLE_IN_NAMESPACE: {
    id: 'RBAC-BIND-003',
    title: 'a RoleBinding\'s Role is in the binding\'s own namespace, not only in another one',
    why: 'A RoleBinding can only refer to a Role of its own namespace: when the manifests hold the Role in another namespace only, the binding is accepted and grants nothing, and the subject\'s calls are refused (403). (A Role not in the manifests at all is taken as applied from elsewhere.)',
    fix: 'create the Role in the binding\'s namespace (the agent\'s `grant…` methods create both), or refer to a ClusterRole',
    yamlFix: 'put the Role in the RoleBinding\'s namespace, or set `roleRef.kind: ClusterRole` to bind a ClusterRole in this namespace',
    upstream: 'KA#L240-L259 GetRoleReferenceRules (roleGetter.GetRole(ctx, bindingNamespace, roleRef.Name))',
    effect: 'runtime',
  },
});
