// Rule cases of ApiServerTrigger / ApiServerSource (EVT-APISERVER-*).
import { Chart } from 'cdk8s';
import { ApiServerTrigger, ApiServerTriggerProps, FeatureState, WatchNamespaces } from '../../../lib';
import { RuleCases } from '../../support/rule-cases';
import { agent, apiServerSource, rbac } from './fixtures';

const READ = ['get', 'list', 'watch'];

const PATH = 'test/watcher (ApiServerSource/watcher)';

function watcher(c: Chart, props: Partial<ApiServerTriggerProps> = {}, id = 'watcher'): ApiServerTrigger {
  return new ApiServerTrigger(c, id, { resources: [{ apiVersion: 'v1', kind: 'Pod' }], sink: agent(c), ...props });
}

export const CASES: RuleCases = {
  triggers: [
    { id: 'EVT-APISERVER-001', name: 'mode is lowercase', manifests: [apiServerSource({ mode: 'reference' })], field: 'spec.mode', value: '"reference"' },
    { id: 'EVT-APISERVER-001', name: 'mode is `Full`', manifests: [apiServerSource({ mode: 'Full' })], field: 'spec.mode', value: '"Full"' },
    { id: 'EVT-APISERVER-002', name: 'no resource is watched', build: (c) => watcher(c, { resources: [] }), path: PATH, field: 'spec.resources', value: '[]' },
    { id: 'EVT-APISERVER-003', name: 'the apiVersion includes the resource', build: (c) => watcher(c, { resources: [{ apiVersion: 'apps/v1/deployments', kind: 'Deployment' }] }), path: PATH, field: 'spec.resources[0].apiVersion', value: '"apps/v1/deployments"' },
    { id: 'EVT-APISERVER-003', name: 'the owner apiVersion has two slashes', manifests: [apiServerSource({ owner: { apiVersion: 'a/b/c', kind: 'Job' } })], field: 'spec.owner.apiVersion', value: '"a/b/c"' },
    { id: 'EVT-APISERVER-004', name: 'the apiVersion is empty', build: (c) => watcher(c, { resources: [{ apiVersion: '', kind: 'Pod' }] }), path: PATH, field: 'spec.resources[0].apiVersion', value: '""' },
    { id: 'EVT-APISERVER-004', name: 'the apiVersion is a group without version', manifests: [apiServerSource({ resources: [{ apiVersion: 'apps/', kind: 'Deployment' }] })], field: 'spec.resources[0].apiVersion', value: '"apps/"' },
    { id: 'EVT-APISERVER-005', name: 'the kind is blank', build: (c) => watcher(c, { resources: [{ apiVersion: 'v1', kind: ' ' }] }), path: PATH, field: 'spec.resources[0].kind', value: '" "' },
    { id: 'EVT-APISERVER-005', name: 'the owner has no kind', manifests: [apiServerSource({ owner: { apiVersion: 'batch/v1' } })], field: 'spec.owner.kind', value: 'null' },
    { id: 'EVT-APISERVER-006', name: 'filters on a cluster with the flag disabled', manifests: [apiServerSource({ filters: [{ exact: { type: 'dev.knative.apiserver.ref.add' } }] })], field: 'spec.filters', value: '[{"exact"' },
    { id: 'EVT-APISERVER-007', name: 'a hand-written source runs as the default ServiceAccount', manifests: [apiServerSource({ serviceAccountName: undefined })], field: 'spec.serviceAccountName', value: '(unset)' },
    { id: 'EVT-APISERVER-008', name: 'the name is 64 characters', build: (c) => watcher(c, { name: 'w'.repeat(64) }), path: `test/watcher (ApiServerSource/${'w'.repeat(64)})`, field: 'metadata.name', value: `"${'w'.repeat(64)}"` },
    {
      id: 'EVT-APISERVER-009', name: 'a resource selector uses the operator `Equals`',
      build: (c) => watcher(c, { resources: [{ apiVersion: 'v1', kind: 'Pod', selector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['a'] }] } }] }),
      path: PATH, field: 'spec.resources[0].selector', value: '{"matchExpressions"',
    },
    {
      id: 'EVT-APISERVER-009', name: 'the namespace selector uses In without values',
      build: (c) => watcher(c, { namespaces: WatchNamespaces.matching({ matchExpressions: [{ key: 'team', operator: 'In' }] }) }),
      path: PATH, field: 'spec.namespaceSelector', value: '{"matchExpressions"',
    },
    // Label selectors: the CRD types matchExpressions and keeps matchLabels as written, which the strict decoder reads into map[string]string.
    { id: 'SCHEMA-002', name: 'a namespaceSelector matchLabels value is a list (the decoder refuses it)', manifests: [apiServerSource({ namespaceSelector: { matchLabels: { team: [] } } })], field: 'spec.namespaceSelector.matchLabels.team', value: '[]' },
    { id: 'SCHEMA-002', name: 'a resource selector\'s matchLabels is a list', manifests: [apiServerSource({ resources: [{ apiVersion: 'v1', kind: 'Pod', selector: { matchLabels: ['team'] } }] })], field: 'spec.resources[0].selector.matchLabels', value: '["team"]' },
    {
      id: 'SCHEMA-002', name: 'matchExpressions values is a string', manifests: [apiServerSource({ resources: [{ apiVersion: 'v1', kind: 'Pod', selector: { matchExpressions: [{ key: 'team', operator: 'In', values: 'a' }] } }] })],
      field: 'spec.resources[0].selector.matchExpressions[0].values', value: '"a"',
    },
    // One finding per fault: what the decoder refuses is SCHEMA-002 alone, not also EVT-APISERVER-009.
    { id: 'SCHEMA-002', name: 'a resource selector\'s matchLabels value is a number', manifests: [apiServerSource({ resources: [{ apiVersion: 'v1', kind: 'Pod', selector: { matchLabels: { team: 5 } } }] })], field: 'spec.resources[0].selector.matchLabels.team', value: '5' },
    { id: 'SCHEMA-002', name: 'a selector expression\'s operator is a number', manifests: [apiServerSource({ resources: [{ apiVersion: 'v1', kind: 'Pod', selector: { matchExpressions: [{ key: 'team', operator: 5 }] } }] })], field: 'spec.resources[0].selector.matchExpressions[0].operator', value: '5' },
    { id: 'SCHEMA-004', name: 'a removed spec field written as null (kept by the API server; the decoder refuses the key)', manifests: [apiServerSource({ eventMode: null })], field: 'spec.eventMode', value: 'null' },
    {
      id: 'EVT-APISERVER-009', name: 'a null selector expression (not SCHEMA-002: the round trip writes an empty one, whose conversion fails)',
      manifests: [apiServerSource({ resources: [{ apiVersion: 'v1', kind: 'Pod', selector: { matchExpressions: [null] } }] })], field: 'spec.resources[0].selector', value: '{"matchExpressions":[null]}',
    },
    { id: 'EVT-APISERVER-009', name: 'a matchLabels value has a space', manifests: [apiServerSource({ namespaceSelector: { matchLabels: { team: 'a b' } } })], field: 'spec.namespaceSelector', value: '{"matchLabels"' },
    {
      id: 'EVT-APISERVER-010', name: 'the trigger is in a Chart without namespace',
      build: (c) => { const other = new Chart(c.node.root, 'no-namespace'); watcher(other, {}, 'watcher'); },
      path: 'no-namespace/watcher', field: 'namespace', value: '(unset)',
    },
    {
      id: 'EVT-TRIGGER-005', name: 'an ApiServerSource filter with two dialects, the flag enabled',
      manifests: [apiServerSource({ filters: [{ exact: { type: 'dev.knative.apiserver.ref.add' }, prefix: { source: 'x' } }] })],
      settings: { eventing: { features: { newApiServerSourceFilters: FeatureState.ENABLED } } }, field: 'spec.filters[0]', value: '["exact","prefix"]',
    },
    {
      id: 'EVT-APISERVER-011', name: 'the Role in the manifests grants pods but the source also watches events',
      manifests: [apiServerSource({ resources: [{ apiVersion: 'v1', kind: 'Pod' }, { apiVersion: 'v1', kind: 'Event' }] }), ...rbac('watcher', 'Role', [{ apiGroups: [''], resources: ['pods'], verbs: READ }])],
      field: 'spec.resources[1]', value: '{"apiVersion":"v1","kind":"Event"}',
    },
    {
      id: 'EVT-APISERVER-011', name: 'the Role lacks `watch`',
      manifests: [apiServerSource(), ...rbac('watcher', 'Role', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }])],
      field: 'spec.resources[0]', value: '{"apiVersion":"v1","kind":"Pod"}',
    },
    {
      id: 'EVT-APISERVER-011', name: 'a namespace selector with only a RoleBinding',
      manifests: [apiServerSource({ namespaceSelector: {} }), ...rbac('watcher', 'ClusterRole', [{ apiGroups: [''], resources: ['pods'], verbs: READ }], 'RoleBinding')],
      field: 'spec.resources[0]', value: '{"apiVersion":"v1","kind":"Pod"}',
    },
    {
      id: 'EVT-APISERVER-011', name: 'the Role grants deployments in the core group instead of apps',
      manifests: [apiServerSource({ resources: [{ apiVersion: 'apps/v1', kind: 'Deployment' }] }), ...rbac('watcher', 'Role', [{ apiGroups: [''], resources: ['deployments'], verbs: READ }])],
      field: 'spec.resources[0]', value: '{"apiVersion":"apps/v1","kind":"Deployment"}',
    },
    {
      // Also the near miss of EVT-APISERVER-011: wildcards grant what the controller checks (only the wildcard warning fires).
      id: 'RBAC-ROLE-002', name: 'RBAC in the manifests with wildcards, a ClusterRole through a RoleBinding',
      manifests: [apiServerSource(), ...rbac('watcher', 'ClusterRole', [{ apiGroups: ['*'], resources: ['pods'], verbs: ['*'] }], 'RoleBinding')], path: 'manifest#2', field: 'rules[0].apiGroups', value: '["*"]',
    },
  ],
  passes: [
    { name: 'a null matchLabels value (the round trip writes "", which selects the label unset or empty)', manifests: [apiServerSource({ resources: [{ apiVersion: 'v1', kind: 'Pod', selector: { matchLabels: { team: null } } }], namespaceSelector: { matchLabels: { team: null } } })] },
    { name: 'a trigger with defaults', build: (c) => watcher(c) },
    {
      name: 'Resource mode over all namespaces, cluster-scoped kinds, selectors, owner, a name of 63 characters',
      build: (c) => watcher(c, {
        name: 'w'.repeat(63),
        mode: undefined,
        namespaces: WatchNamespaces.all(),
        owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
        resources: [
          { apiVersion: 'v1', kind: 'Pod', selector: { matchLabels: { app: 'agent' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] } },
          { apiVersion: 'v1', kind: 'Node' },
        ],
      }),
    },
    { name: 'filters with the flag enabled', manifests: [apiServerSource({ filters: [{ exact: { type: 'dev.knative.apiserver.ref.add' } }] })], settings: { eventing: { features: { newApiServerSourceFilters: FeatureState.ENABLED } } } },
    { name: 'the ServiceAccount is not in the manifests: RBAC is managed elsewhere', manifests: [apiServerSource(), ...rbac('watcher', 'Role', []).slice(1)] },
    { name: 'a bound role that is not in the manifests: nothing can be said', manifests: [apiServerSource(), ...rbac('watcher', 'Role', []).filter((o) => o.kind !== 'Role')] },
    { name: 'mode Resource, core group `/v1`, empty mode (defaulted)', manifests: [apiServerSource({ mode: 'Resource', resources: [{ apiVersion: '/v1', kind: 'Event' }] }), apiServerSource({ mode: '' }, { name: 'b' })] },
  ],
};
