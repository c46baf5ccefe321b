import { DEFAULT_REGISTRY, DEFAULT_SETTINGS, FindingList } from '../../../lib';
import { labelSelectorProblem, parseGroupVersion, validateApiServerSource } from '../../../lib/eventing/sources/apiserver-validator';
import { apiServerSource } from './fixtures';

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
