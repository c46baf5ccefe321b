// Triggers and near misses of the RoleBinding and ClusterRoleBinding rules
// (RBAC-BIND-*), through hand-written YAML and the agents' grant… methods.
import * as kplus from 'cdk8s-plus-28';
import { RuleCases } from '../support/rule-cases';
import { cronAgent } from '../batch/fixtures';
import { clusterRoleBinding, READ_JOBS, role, roleBinding } from './fixtures';

export const CASES: RuleCases = {
  triggers: [
    { id: 'RBAC-BIND-001', name: 'a hand-written roleRef has the group of the v1beta1 days wrong', manifests: [roleBinding({ roleRef: { apiGroup: 'rbac', kind: 'Role', name: 'reader' } }), role([READ_JOBS])], field: 'roleRef.apiGroup', value: '"rbac"' },
    { id: 'RBAC-BIND-001', name: 'a hand-written ClusterRoleBinding refers to a Role', manifests: [clusterRoleBinding({ roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' } })], field: 'roleRef.kind', value: '"Role"' },
    { id: 'RBAC-BIND-001', name: 'a hand-written roleRef without a name', manifests: [clusterRoleBinding({ roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole' } })], field: 'roleRef.name', value: 'null' },
    {
      id: 'RBAC-BIND-002', name: 'a hand-written ClusterRoleBinding names a ServiceAccount without its namespace',
      manifests: [clusterRoleBinding({ subjects: [{ kind: 'ServiceAccount', name: 'processor' }] })], field: 'subjects[0].namespace', value: 'null',
    },
    {
      id: 'RBAC-BIND-002', name: 'a hand-written ServiceAccount subject has the rbac apiGroup',
      manifests: [roleBinding({ subjects: [{ kind: 'ServiceAccount', apiGroup: 'rbac.authorization.k8s.io', name: 'processor' }] }), role([READ_JOBS])], field: 'subjects[0].apiGroup', value: '"rbac.authorization.k8s.io"',
    },
    { id: 'RBAC-BIND-002', name: 'a hand-written subject of kind "Pod"', manifests: [roleBinding({ subjects: [{ kind: 'Pod', name: 'processor' }] }), role([READ_JOBS])], field: 'subjects[0].kind', value: '"Pod"' },
    {
      id: 'RBAC-BIND-003', name: 'a hand-written RoleBinding refers to a Role of another namespace (closed world)',
      manifests: [roleBinding(), role([READ_JOBS], 'reader', 'platform')], field: 'roleRef.name', value: '"reader"',
    },
  ],
  passes: [
    { name: 'an agent with grants and a cluster-wide grant', build: (c) => cronAgent(c).grantCreateJobs().grantClusterWide(['get', 'list'], kplus.ApiResource.NAMESPACES) },
    { name: 'a hand-written RoleBinding and its Role in one namespace', manifests: [roleBinding(), role([READ_JOBS])] },
    { name: 'a hand-written RoleBinding without a namespace and its Role with one (where it is applied decides)', manifests: [roleBinding({}, undefined), role([READ_JOBS])] },
    { name: 'a hand-written RoleBinding to a ClusterRole that is not in the manifests (view, edit, ... are built in)', manifests: [roleBinding({ roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' } })] },
    {
      name: 'hand-written User and Group subjects without apiGroup (defaulted), a ServiceAccount without namespace in a RoleBinding',
      manifests: [roleBinding({ subjects: [{ kind: 'User', name: 'jane' }, { kind: 'Group', name: 'ops', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'ServiceAccount', name: 'processor' }] }), role([READ_JOBS])],
    },
  ],
};
