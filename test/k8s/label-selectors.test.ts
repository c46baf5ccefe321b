import { FindingList } from '../../lib/engine/rule';
import { NETWORK_POLICY_RULES } from '../../lib/network/network-policy.rules';
import * as fs from 'fs';
import * as path from 'path';
import { checkLabelSelector, decodesAsSelector, selectorStringProblem, selects } from '../../lib/k8s/label-selectors';

describe('selects: Kubernetes label selector semantics', () => {
  const labels = { app: 'triage', tier: 'agent' };

  test('an absent or empty selector selects everything', () => {
    expect([selects(undefined, labels), selects({}, labels), selects({ matchLabels: {}, matchExpressions: [] }, {})]).toEqual([true, true, true]);
  });

  test('matchLabels and every expression must hold', () => {
    expect(selects({ matchLabels: { app: 'triage' } }, labels)).toBe(true);
    expect(selects({ matchLabels: { app: 'triage', tier: 'db' } }, labels)).toBe(false);
    expect(selects({ matchLabels: { app: 'triage' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['agent', 'worker'] }] }, labels)).toBe(true);
  });

  test.each([
    ['In', ['triage'], true], ['In', ['other'], false], ['NotIn', ['other'], true], ['NotIn', ['triage'], false],
    ['Exists', undefined, true], ['DoesNotExist', undefined, false], ['Equals', ['triage'], false],
  ])('operator %s %j on app=triage → %s', (operator, values, want) => {
    expect(selects({ matchExpressions: [{ key: 'app', operator, values }] }, labels)).toBe(want);
  });

  test('a missing label: NotIn and DoesNotExist hold, In and Exists do not', () => {
    const on = (operator: string, values?: string[]) => selects({ matchExpressions: [{ key: 'zone', operator, values }] }, labels);
    expect([on('NotIn', ['a']), on('DoesNotExist'), on('In', ['a']), on('Exists')]).toEqual([true, true, false, false]);
  });

  test('keys can be normalized (Cilium\'s k8s: source prefix)', () => {
    expect(selects({ matchLabels: { 'k8s:app': 'triage' } }, labels, (k) => k.replace(/^k8s:/, ''))).toBe(true);
    expect(selects({ matchLabels: { 'k8s:app': 'triage' } }, labels)).toBe(false);
  });

  test('a null label value is "" (as Go decodes it): it selects the label empty, not unset', () => {
    expect(selects({ matchLabels: { app: null } }, { app: '' })).toBe(true);
    expect(selects({ matchLabels: { app: null } }, {})).toBe(false);
    expect(selects({ matchLabels: { app: null } }, labels)).toBe(false);
  });
});

describe('checkLabelSelector', () => {
  const check = (selector: unknown, strip?: (k: string) => string) => {
    const out = new FindingList();
    checkLabelSelector(selector, 'spec.podSelector', NETWORK_POLICY_RULES.SELECTOR, out, strip);
    return out.items.map((f) => [f.field, f.value]);
  };

  test('a valid selector has no finding', () => {
    expect(check({ matchLabels: { 'app.kubernetes.io/name': 'x', empty: '' }, matchExpressions: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'NotIn', values: ['1'] }] })).toEqual([]);
  });

  test('reports each bad key, value, operator and value list', () => {
    expect(check({
      matchLabels: { 'bad key': 'x', app: 'a'.repeat(64) },
      matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }, { key: 'b', operator: 'In' }, { key: 'c', operator: 'in', values: ['x'] }, { key: 'd', operator: 'In', values: ['bad value'] }],
    })).toEqual([
      ['spec.podSelector.matchLabels key', 'bad key'],
      ['spec.podSelector.matchLabels["app"]', 'a'.repeat(64)],
      ['spec.podSelector.matchExpressions[0].values', ['x']],
      ['spec.podSelector.matchExpressions[1].values', undefined],
      ['spec.podSelector.matchExpressions[2].operator', 'in'],
      ['spec.podSelector.matchExpressions[3].values[0]', 'bad value'],
    ]);
  });

  test('reads the selector as Go decodes it: a null label value is "", a null expression the zero requirement', () => {
    expect(check({ matchLabels: { app: null }, matchExpressions: [{ key: 'a', operator: 'In', values: [null] }] })).toEqual([]);
    expect(check({ matchLabels: { 'bad key': null } })).toEqual([['spec.podSelector.matchLabels key', 'bad key']]);
    expect(check({ matchExpressions: [null, { operator: 'Exists' }] })).toEqual([
      ['spec.podSelector.matchExpressions[0].key', ''],
      ['spec.podSelector.matchExpressions[0].operator', ''],
      ['spec.podSelector.matchExpressions[1].key', ''],
    ]);
  });

  test('leaves a value of the wrong type to the schema check (SCHEMA-002): one finding per fault', () => {
    expect(check({ matchLabels: { n: 3, l: [] }, matchExpressions: [3, { key: 5, operator: 'Exists' }, { key: 'a', operator: 5 }, { key: 'b', operator: 'In', values: 'x' }, { key: 'c', operator: 'In', values: [1, 'ok'] }] })).toEqual([]);
    expect(decodesAsSelector({ matchLabels: { n: 3 } })).toBe(false);
    expect(decodesAsSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: 'x' }] })).toBe(false);
    expect(decodesAsSelector({ matchLabels: { a: null }, matchExpressions: [null, { key: 'a', operator: 'In', values: [null] }] })).toBe(true);
  });

  test('garbage is not a crash', () => {
    expect(() => [check(null), check('x'), check({ matchLabels: [], matchExpressions: {} }), check({ matchExpressions: [null, 3] })]).not.toThrow();
  });
});

// Recorded with k8s.io/apimachinery's labels.Parse (random edits of selector strings): '' = accepted, else its error (cut).
const recorded = JSON.parse(fs.readFileSync(path.join(__dirname, 'label-selector-string-vectors.json'), 'utf8')) as { recorded: string; vectors: Record<string, string> };

describe(`selectorStringProblem agrees with ${recorded.recorded}`, () => {
  test('accepts and rejects what labels.Parse does, on every recorded string', () => {
    const disagree = Object.entries(recorded.vectors).filter(([s, go]) => (selectorStringProblem(s) === undefined) !== (go === ''));
    expect(disagree).toEqual([]);
    expect(Object.values(recorded.vectors).filter((e) => e === '').length).toBeGreaterThan(50);
  });
  test('says why', () => {
    expect(selectorStringProblem('app in backend')).toBe("unable to parse requirement: found 'backend' expected: '('");
    expect(selectorStringProblem('a=b,')).toBe("found '', expected: identifier after ','");
    expect(selectorStringProblem('app in (api, worker),!canary,tier')).toBeUndefined();
  });
});
