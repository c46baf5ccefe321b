import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ApiServerMode, ApiServerTrigger, ApiServerTriggerProps, WatchNamespaces } from '../../../lib';
import { FindingList } from '../../../lib/engine/rule';
import { REGISTRY as DEFAULT_REGISTRY } from '../../../lib/registry';
import { DEFAULT_SETTINGS } from '../../../lib/settings/settings';
import {
  APISERVER_RBAC, guessResource, labelSelectorProblem, parseGroupVersion, validateApiServerSource,
} from '../../../lib/eventing/sources/apiserver-source.validator';
import { idsOf, manifestErrors, synthErrors } from '../../support/rule-cases';
import { agent, apiServerSource, rbac } from './fixtures';

function setup(props: Partial<ApiServerTriggerProps> = {}) {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'agents' });
  const sink = agent(chart);
  const trigger = new ApiServerTrigger(chart, 'pod-watcher', { resources: [{ apiVersion: 'v1', kind: 'Pod' }], sink, ...props });
  const objects = Testing.synth(chart).filter((o) => o.kind !== 'Service');
  const of = (kind: string) => objects.find((o) => o.kind === kind);
  return { trigger, sink, objects, of };
}

describe('ApiServerTrigger defaults', () => {
  // GIVEN Pods in the own namespace
  const { objects, of, trigger, sink } = setup();

  test('snapshot of the defaults', () => {
    expect(objects).toMatchSnapshot();
  });

  test('renders a ServiceAccount, a Role and RoleBinding, then the source, all named after it', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/pod-watcher', 'Role/pod-watcher', 'RoleBinding/pod-watcher', 'ApiServerSource/pod-watcher',
    ]);
  });

  test('the Role grants get, list, watch on pods in the core group, nothing else', () => {
    expect(of('Role').rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]);
  });

  test('the RoleBinding binds the Role to the ServiceAccount the source runs as', () => {
    expect(of('RoleBinding')).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-watcher' },
      subjects: [{ kind: 'ServiceAccount', name: 'pod-watcher', namespace: 'agents' }],
    });
    expect(of('ApiServerSource').spec.serviceAccountName).toBe('pod-watcher');
    expect(trigger.serviceAccountName).toBe('pod-watcher');
  });

  test('the ServiceAccount mounts its token: the adapter calls the API server', () => {
    expect(of('ServiceAccount').automountServiceAccountToken).toBe(true);
  });

  test('Reference mode is explicit and declares the ref event types', () => {
    expect(of('ApiServerSource').spec.mode).toBe('Reference');
    expect(sink.senders[0].eventTypes).toEqual(['dev.knative.apiserver.ref.add', 'dev.knative.apiserver.ref.update', 'dev.knative.apiserver.ref.delete']);
  });

  test('no namespace selector: only the own namespace is watched', () => {
    expect(of('ApiServerSource').spec.namespaceSelector).toBeUndefined();
  });
});

describe('ApiServerTrigger RBAC', () => {
  test('resources of several groups: one rule per group, sorted, each resource once', () => {
    const { of } = setup({ resources: [
      { apiVersion: 'apps/v1', kind: 'Deployment' }, { apiVersion: 'v1', kind: 'Pod' }, { apiVersion: 'v1', kind: 'Event' },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet' }, { apiVersion: 'v1', kind: 'Pod', selector: { matchLabels: { app: 'a' } } },
    ] });
    expect(of('Role').rules).toEqual([
      { apiGroups: [''], resources: ['events', 'pods'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(of('ClusterRole')).toBeUndefined();
  });

  test('all namespaces: a ClusterRole and ClusterRoleBinding named <namespace>-<name>, without namespace, and an empty selector', () => {
    const { of, objects } = setup({ namespaces: WatchNamespaces.all() });
    expect(objects.map((o) => o.kind)).toEqual(['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'ApiServerSource']);
    expect(of('ClusterRole')).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'agents-pod-watcher' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
    });
    expect(of('ClusterRoleBinding')).toMatchObject({
      metadata: { name: 'agents-pod-watcher' },
      roleRef: { kind: 'ClusterRole', name: 'agents-pod-watcher' },
      subjects: [{ kind: 'ServiceAccount', name: 'pod-watcher', namespace: 'agents' }],
    });
    expect(of('ClusterRoleBinding').metadata.namespace).toBeUndefined();
    expect(of('ApiServerSource').spec.namespaceSelector).toEqual({});
  });

  test('namespaces by label: ClusterRole, and the selector rendered', () => {
    const { of } = setup({ namespaces: WatchNamespaces.matching({ matchLabels: { team: 'support' } }) });
    expect(of('ClusterRole')).toBeDefined();
    expect(of('Role')).toBeUndefined();
    expect(of('ApiServerSource').spec.namespaceSelector).toEqual({ matchLabels: { team: 'support' } });
  });

  test('a cluster-scoped kind next to a namespaced one: a ClusterRole for it, a Role for the other', () => {
    const { of } = setup({ resources: [{ apiVersion: 'v1', kind: 'Pod' }, { apiVersion: 'v1', kind: 'Node' }, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' }] });
    expect(of('Role').rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]);
    expect(of('ClusterRole').rules).toEqual([
      { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: ['get', 'list', 'watch'] },
    ]);
  });

  test('clusterScoped overrides the built-in table (custom resources)', () => {
    const { of } = setup({ resources: [{ apiVersion: 'example.com/v1', kind: 'Tenant', clusterScoped: true }] });
    expect(of('Role')).toBeUndefined();
    expect(of('ClusterRole').rules).toEqual([{ apiGroups: ['example.com'], resources: ['tenants'], verbs: ['get', 'list', 'watch'] }]);
  });

  test('an own ServiceAccount: no account is created, the Role is bound to it', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'agents' });
    const serviceAccount = kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'watcher');
    new ApiServerTrigger(chart, 'pod-watcher', { resources: [{ apiVersion: 'v1', kind: 'Pod' }], sink: agent(chart), serviceAccount });
    const objects = Testing.synth(chart);
    expect(objects.find((o) => o.kind === 'ServiceAccount')).toBeUndefined();
    expect(objects.find((o) => o.kind === 'RoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: 'watcher', namespace: 'agents' }]);
    expect(objects.find((o) => o.kind === 'ApiServerSource').spec.serviceAccountName).toBe('watcher');
  });

  test('the namespace prop wins over the Chart\'s', () => {
    const { objects } = setup({ namespace: 'ops', namespaces: WatchNamespaces.all() });
    expect(objects.filter((o) => !o.kind.startsWith('Cluster')).map((o) => o.metadata.namespace)).toEqual(['ops', 'ops']);
    expect(objects.find((o) => o.kind === 'ClusterRole').metadata.name).toBe('ops-pod-watcher');
  });
});

describe('ApiServerTrigger props', () => {
  test('Resource mode declares the resource event types', () => {
    const { of, sink } = setup({ mode: ApiServerMode.RESOURCE });
    expect(of('ApiServerSource').spec.mode).toBe('Resource');
    expect(sink.senders[0].eventTypes).toEqual(['dev.knative.apiserver.resource.add', 'dev.knative.apiserver.resource.update', 'dev.knative.apiserver.resource.delete']);
  });

  test('owner and selectors are rendered', () => {
    const { of } = setup({
      owner: { apiVersion: 'batch/v1', kind: 'Job' },
      resources: [{ apiVersion: 'v1', kind: 'Pod', selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['agent'] }] } }],
    });
    expect(of('ApiServerSource').spec).toMatchObject({
      owner: { apiVersion: 'batch/v1', kind: 'Job' },
      resources: [{ apiVersion: 'v1', kind: 'Pod', selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['agent'] }] } }],
    });
  });

  test('a plain-JavaScript mode string is PROPS-001 naming the member', () => {
    expect(synthErrors((c) => new ApiServerTrigger(c, 'w', { resources: [{ apiVersion: 'v1', kind: 'Pod' }], sink: agent(c), mode: 'reference' as any }))[0])
      .toContain('use ApiServerMode.REFERENCE');
  });

  test('findings name the prop that wrote the field', () => {
    const lines = synthErrors((c) => new ApiServerTrigger(c, 'w', {
      resources: [{ apiVersion: 'apps/v1/x', kind: 'Pod' }], sink: agent(c), namespaces: WatchNamespaces.matching({ matchExpressions: [{ key: 'a', operator: 'In' }] }),
    }));
    expect(lines).toEqual([
      expect.stringContaining('resources (spec.resources[0].apiVersion) = "apps/v1/x"'),
      expect.stringContaining('namespaces (spec.namespaceSelector) = {"matchExpressions"'),
    ]);
  });

  test('invalid props render no RBAC and no crash', () => {
    expect(synthErrors((c) => new ApiServerTrigger(c, 'w', { resources: 'pods', sink: agent(c) } as any))).toEqual([
      expect.stringContaining('[PROPS-001] test/w: resources = "pods"'),
    ]);
  });
});

describe('guessResource (apimachinery UnsafeGuessKindToResource)', () => {
  test.each([
    ['Pod', 'pods'], ['Ingress', 'ingresses'], ['NetworkPolicy', 'networkpolicies'], ['Endpoints', 'endpoints'], ['Event', 'events'],
    ['ConfigMap', 'configmaps'], ['Status', 'statuses'], ['', ''],
  ])('%s → %s', (kind, resource) => {
    expect(guessResource(kind)).toBe(resource);
  });
});

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

  test('a null entry in a role\'s rules grants nothing (the check does not throw)', () => {
    const objects = rbac('watcher', 'Role', []);
    objects[1].rules = [null];
    // The null rule is also a schema error of the Role (k8s.io/api: a PolicyRule needs verbs, the API server refuses it).
    expect(ids([apiServerSource(), ...objects])).toEqual(['EVT-APISERVER-011', 'SCHEMA-002']);
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
