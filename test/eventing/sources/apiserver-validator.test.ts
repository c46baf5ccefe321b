import { ApiServerTrigger, DEFAULT_REGISTRY, DEFAULT_SETTINGS, FindingList } from '../../../lib';
import { APISERVER_RBAC, labelSelectorProblem, parseGroupVersion, validateApiServerSource } from '../../../lib/eventing/sources/apiserver-validator';
import { idsOf, manifestErrors, synthErrors } from '../../support/rule-cases';
import { agent, apiServerSource, rbac } from './fixtures';

function ids(manifest: unknown): string[] {
  const out = new FindingList();
  validateApiServerSource(manifest, DEFAULT_SETTINGS, out);
  return out.items.map((f) => f.rule.id);
}

describe('validateApiServerSource', () => {
  test('a valid ApiServerSource has no finding', () => {
    expect(ids(apiServerSource())).toEqual([]);
  });

  test('reports every mistake at once', () => {
    expect(ids(apiServerSource({ mode: 'Full', resources: [{ apiVersion: 'a/b/c', kind: '' }], serviceAccountName: '' }))).toEqual([
      'EVT-APISERVER-001', 'EVT-APISERVER-003', 'EVT-APISERVER-005', 'EVT-APISERVER-007',
    ]);
  });

  test('garbage does not throw', () => {
    for (const m of [null, [], { spec: { resources: [null, 3], owner: 'x', namespaceSelector: [] } }]) expect(() => ids(m)).not.toThrow();
  });

  test('is registered for sources.knative.dev/v1', () => {
    expect(DEFAULT_REGISTRY.validatorFor('sources.knative.dev/v1', 'ApiServerSource')).toBeDefined();
  });
});

describe('parseGroupVersion', () => {
  test.each([
    ['', { group: '', version: '' }], ['v1', { group: '', version: 'v1' }], ['apps/v1', { group: 'apps', version: 'v1' }],
    ['/v1', { group: '', version: 'v1' }], ['apps/', { group: 'apps', version: '' }], ['a/b/c', undefined],
  ])('%j', (input, expected) => {
    expect(parseGroupVersion(input)).toEqual(expected);
  });
});

describe('labelSelectorProblem', () => {
  test.each([
    [{}, undefined],
    [{ matchLabels: { app: 'agent', 'example.com/tier': 'a.b_c-1' } }, undefined],
    [{ matchExpressions: [{ key: 'app', operator: 'In', values: ['a'] }, { key: 'x', operator: 'DoesNotExist' }] }, undefined],
    [{ matchLabels: { 'bad key': 'a' } }, 'label key "bad key" is not a qualified name'],
    [{ matchLabels: { app: 'a b' } }, 'label value "a b" of "app" is not a valid label value'],
    [{ matchExpressions: [{ key: 'app', operator: 'in', values: ['a'] }] }, 'operator "in" is not In, NotIn, Exists or DoesNotExist'],
    [{ matchExpressions: [{ key: 'app', operator: 'NotIn', values: [] }] }, 'NotIn on "app" needs values'],
    [{ matchExpressions: [{ key: 'app', operator: 'Exists', values: ['a'] }] }, 'Exists on "app" takes no values'],
    [{ matchExpressions: [{ key: 'app', operator: 'In', values: ['a/b'] }] }, 'value "a/b" of "app" is not a valid label value'],
  ])('%j', (selector, problem) => {
    expect(labelSelectorProblem(selector)).toBe(problem);
  });
});

describe('APISERVER_RBAC (the ServiceAccount and its roles in the same manifests)', () => {
  const READ = ['get', 'list', 'watch'];
  const ids = (objects: unknown[]) => idsOf(manifestErrors(objects));

  test('is registered as a cross-object check', () => {
    expect(DEFAULT_REGISTRY.crossObject).toContain(APISERVER_RBAC);
  });

  test('a rule limited by resourceNames does not grant list or watch', () => {
    const lines = manifestErrors([apiServerSource(), ...rbac('watcher', 'Role', [{ apiGroups: [''], resources: ['pods'], resourceNames: ['a'], verbs: READ }])]);
    expect(lines).toEqual([expect.stringContaining('ServiceAccount "watcher" is not granted get, list, watch on "pods" in API group ""')]);
  });

  test('a cluster-scoped kind needs a ClusterRoleBinding', () => {
    const lines = manifestErrors([apiServerSource({ resources: [{ apiVersion: 'v1', kind: 'Node' }] }), ...rbac('watcher', 'ClusterRole', [{ apiGroups: [''], resources: ['nodes'], verbs: READ }], 'RoleBinding')]);
    expect(lines).toEqual([expect.stringContaining('on "nodes" in API group "" cluster-wide (ClusterRoleBinding)')]);
    expect(ids([apiServerSource({ resources: [{ apiVersion: 'v1', kind: 'Node' }] }), ...rbac('watcher', 'ClusterRole', [{ apiGroups: [''], resources: ['nodes'], verbs: READ }])])).toEqual([]);
  });

  test('an aggregated ClusterRole cannot be judged: nothing is said', () => {
    const objects = rbac('watcher', 'ClusterRole', [], 'RoleBinding');
    objects[1].aggregationRule = { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-watcher': 'true' } }] };
    expect(ids([apiServerSource(), ...objects])).toEqual([]);
  });

  test('a binding for a ServiceAccount of another namespace grants nothing here', () => {
    const objects = rbac('watcher', 'Role', [{ apiGroups: [''], resources: ['pods'], verbs: READ }]);
    objects[2].subjects[0].namespace = 'other';
    expect(ids([apiServerSource(), ...objects])).toEqual(['EVT-APISERVER-011']);
  });

  test('the RBAC an ApiServerTrigger generates satisfies it (checked on every synth)', () => {
    expect(synthErrors((c) => new ApiServerTrigger(c, 'w', {
      resources: [{ apiVersion: 'v1', kind: 'Pod' }, { apiVersion: 'v1', kind: 'Namespace' }, { apiVersion: 'apps/v1', kind: 'Deployment' }],
      sink: agent(c),
    }))).toEqual([]);
  });
});
