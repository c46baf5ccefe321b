// Hand-written RBAC manifests for the rbac rule cases.
export const RBAC = 'rbac.authorization.k8s.io/v1';

export function role(rules: unknown[], name = 'reader', namespace: string | undefined = 'agents', kind = 'Role'): Record<string, unknown> {
  return { apiVersion: RBAC, kind, metadata: { name, namespace }, rules };
}

export function clusterRole(rules: unknown[], name = 'agents-reader'): Record<string, unknown> {
  return { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name }, rules };
}

export const READ_JOBS = { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'watch'] };

export function roleBinding(more: Record<string, unknown> = {}, namespace: string | undefined = 'agents', name = 'reader'): Record<string, unknown> {
  return {
    apiVersion: RBAC, kind: 'RoleBinding', metadata: { name, namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
    subjects: [{ kind: 'ServiceAccount', name: 'processor', namespace: 'agents' }],
    ...more,
  };
}

export function clusterRoleBinding(more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'agents-reader' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'agents-reader' },
    subjects: [{ kind: 'ServiceAccount', name: 'processor', namespace: 'agents' }],
    ...more,
  };
}
