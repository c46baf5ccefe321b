// Triggers and near misses of the Role and ClusterRole rules (RBAC-ROLE-*),
// through the agents' grant… methods and hand-written YAML.
import * as kplus from 'cdk8s-plus-28';
import { RuleCases } from '../support/rule-cases';
import { cronAgent } from '../batch/fixtures';
import { clusterRole, READ_JOBS, role } from './fixtures';

const ROLE_PATH = 'test/cleanup (Role/cleanup)';

export const CASES: RuleCases = {
  triggers: [
    { id: 'RBAC-ROLE-001', name: 'a hand-written rule has no verbs', manifests: [role([{ ...READ_JOBS, verbs: [] }])], field: 'rules[0].verbs', value: '[]' },
    { id: 'RBAC-ROLE-001', name: 'a hand-written rule has no apiGroups (the core group is "")', manifests: [role([{ resources: ['pods'], verbs: ['get'] }])], field: 'rules[0].apiGroups', value: 'null' },
    { id: 'RBAC-ROLE-001', name: 'a hand-written Role grants a non-resource URL', manifests: [role([{ nonResourceURLs: ['/healthz'], verbs: ['get'] }])], field: 'rules[0].nonResourceURLs', value: '["/healthz"]' },
    { id: 'RBAC-ROLE-001', name: 'a hand-written ClusterRole rule mixes resources and URLs', manifests: [clusterRole([{ ...READ_JOBS, nonResourceURLs: ['/metrics'] }])], field: 'rules[0].nonResourceURLs', value: '["/metrics"]' },
    { id: 'RBAC-ROLE-002', name: 'an agent is granted every verb', build: (c) => cronAgent(c).grant(['*'], kplus.ApiResource.JOBS), path: ROLE_PATH, field: 'rules[0].verbs', value: '["*"]' },
    { id: 'RBAC-ROLE-002', name: 'a hand-written Role on every resource', manifests: [role([{ apiGroups: [''], resources: ['*'], verbs: ['get'] }])], field: 'rules[0].resources', value: '["*"]' },
    { id: 'RBAC-ROLE-002', name: 'a hand-written ClusterRole on every API group', manifests: [clusterRole([{ apiGroups: ['*'], resources: ['jobs'], verbs: ['get'] }])], field: 'rules[0].apiGroups', value: '["*"]' },
    {
      id: 'RBAC-ROLE-003', name: 'an agent is granted a resource named as its kind',
      build: (c) => cronAgent(c).grantRead(kplus.ApiResource.custom({ apiGroup: 'labrats.work', resourceType: 'InferenceRequest' })), path: ROLE_PATH, field: 'rules[0].resources', value: '"InferenceRequest"',
    },
    { id: 'RBAC-ROLE-003', name: 'a hand-written Role on "Jobs"', manifests: [role([{ apiGroups: ['batch'], resources: ['Jobs'], verbs: ['create'] }])], field: 'rules[0].resources', value: '"Jobs"' },
  ],
  passes: [
    { name: 'an agent granted to read and create Jobs and one named ConfigMap', build: (c) => cronAgent(c).grantCreateJobs().grant(['get'], { apiGroup: '', resourceType: 'configmaps', resourceName: 'settings' }) },
    { name: 'a hand-written Role on the core group ("") and a subresource', manifests: [role([{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list'] }])] },
    { name: 'a hand-written ClusterRole with a non-resource URL rule of its own', manifests: [clusterRole([READ_JOBS, { nonResourceURLs: ['/metrics'], verbs: ['get'] }])] },
    { name: 'a hand-written Role without rules (grants nothing, valid)', manifests: [role([])] },
  ],
};
