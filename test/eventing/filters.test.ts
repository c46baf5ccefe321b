import { EventFilter } from '../../lib';
import { FindingList } from '../../lib/engine/rule';
import { cesqlProblem, checkFiltersList, filterAdmitsType } from '../../lib/eventing/filters';

describe('CESQL: accepted as sdk-go sql/v2 accepts it', () => {
  test.each([
    "type = 'dev.acme.order.placed'",
    'type = "a"',
    "type='a' AND source != 'b' OR subject <> 'c' XOR id = 'd'",
    "source LIKE '%/orders/%'",
    "source NOT LIKE 'x'",
    "subject IN ('a', 'b', 'c')",
    "subject NOT IN ('a')",
    'EXISTS agentid',
    'NOT EXISTS agentid',
    'priority + 1 > 2 * 3 - -4',
    'LENGTH(id) >= 3 AND UPPER(type) = \'A\' AND IS_INT(priority) AND CONCAT_WS(\',\', a, b) = \'x\'',
    "(type = 'a') AND ((source = 'b'))",
    "type = 'it''s' AND source = 'a\\'b'",
    'true',
    'abc1 = 2',
    'and1 = 1',
    "type = 'a' &", // the lexer drops `&` without an error (research §2.5)
  ])('%s', (expr) => {
    expect(cesqlProblem(expr)).toBeUndefined();
  });
});

describe('CESQL: rejected', () => {
  test.each([
    ["type == 'a'", /syntax error/],
    ["type = 'a' AND", /at the end/],
    ['source LIKE', /string literal after LIKE/],
    ['source LIKE source', /string literal after LIKE/],
    ['subject IN ()', /expected a value/],
    ['subject IN', /"\(" after IN/],
    ['EXISTS', /attribute name after EXISTS/],
    ['my_attr = 1', /expected a value/],
    ['priority = 99999999999', /32-bit/],
    ['', /expected an expression/],
    ["(type = 'a'", /"\)"/],
    ["type = 'a' type = 'b'", /unexpected input/],
    ['abc1(x)', /unexpected input/],
    // `-1` lexes as one integer token (INTEGER_LITERAL takes a sign), so it cannot follow an operand.
    ['priority -1 = 0', /unexpected input, found "-1"/],
  ])('%s', (expr, problem) => {
    expect(cesqlProblem(expr)).toMatch(problem);
  });
});

describe('checkFiltersList', () => {
  test('GIVEN an entry with two dialects and bad keys nested WHEN checked THEN every problem is reported', () => {
    const out = new FindingList();
    checkFiltersList([{ exact: { type: 'a' }, not: { exact: { Type: 'b' } } }, { any: [{ cesql: 'x ==' }] }], 'spec.filters', out);
    expect(out.items.map((f) => [f.rule.id, f.field])).toEqual([
      ['EVT-TRIGGER-005', 'spec.filters[0]'],
      ['EVT-TRIGGER-004', 'spec.filters[0].not.exact["Type"]'],
      ['EVT-TRIGGER-006', 'spec.filters[1].any[0].cesql'],
    ]);
    expect(out.items[1].fix).toBe('rename it to "type"');
  });

  test('empty dialects do not count (upstream counts non-empty maps and lists)', () => {
    const out = new FindingList();
    checkFiltersList([{ exact: {}, all: [], cesql: "type = 'a'" }], 'spec.filters', out);
    expect(out.items).toEqual([]);
  });
});

describe('filterAdmitsType', () => {
  test.each([
    [{}, 'a', true],
    [{ filter: { attributes: { type: 'a' } } }, 'a', true],
    [{ filter: { attributes: { type: 'a' } } }, 'b', false],
    [{ filter: { attributes: { type: '' } } }, 'b', true],
    [{ filters: [{ exact: { type: 'a' } }] }, 'b', false],
    [{ filters: [{ prefix: { type: 'dev.knative.' } }] }, 'dev.knative.sources.ping', true],
    [{ filters: [{ suffix: { type: '.add' } }] }, 'dev.knative.apiserver.ref.delete', false],
    [{ filters: [{ all: [{ prefix: { type: 'dev.' } }, { exact: { type: 'x' } }] }] }, 'dev.y', false],
    [{ filters: [{ cesql: "type = 'x'" }] }, 'y', undefined],
    [{ filters: [{ exact: { source: 's' } }] }, 'y', true],
    // `filters` wins over `filter`
    [{ filter: { attributes: { type: 'a' } }, filters: [{ exact: { type: 'b' } }] }, 'b', true],
  ])('%j admits %s: %s', (spec, type, expected) => {
    expect(filterAdmitsType(spec, type)).toBe(expected);
  });
});

describe('EventFilter', () => {
  test('renders every dialect, nested', () => {
    const f = EventFilter.all(EventFilter.exact({ type: 'a' }), EventFilter.any(EventFilter.prefix({ source: 's' }), EventFilter.not(EventFilter.suffix({ subject: '.x' }))), EventFilter.cesql("id = '1'"));
    expect(f._toJson()).toEqual({ all: [{ exact: { type: 'a' } }, { any: [{ prefix: { source: 's' } }, { not: { suffix: { subject: '.x' } } }] }, { cesql: "id = '1'" }] });
  });

  test('copies its input: changing the map afterwards changes nothing', () => {
    const attrs = { type: 'a' };
    const f = EventFilter.exact(attrs);
    attrs.type = 'b';
    expect(f._toJson()).toEqual({ exact: { type: 'a' } });
  });
});
