// RBAC grammar shared by the constructs that generate RBAC and the
// validators that read it.

/** The API group of Role, ClusterRole and their bindings (the only `roleRef.apiGroup` the API server accepts). */
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** Get, list and watch: what an informer (or `kubectl get`) needs of a resource. */
export const READ_VERBS: readonly string[] = ['get', 'list', 'watch'];
