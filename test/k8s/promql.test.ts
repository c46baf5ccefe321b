// PromQL as Prometheus parses it: each vector is an expression and whether
// promql/parser v0.313.1 ParseExpr (parser.Options{}, as the operator's
// webhook runs it) accepts it, recorded by a Go program that reads JSON
// strings from stdin and prints `{"expr", "ok"}`; the expressions are a base
// list of valid and invalid PromQL and seeded character mutations of it.
import { matcherAdmits, promqlProblems, promqlSelectors } from '../../lib/k8s/promql';
import recorded from './promql-vectors.json';

/** Where the library is stricter: a metric named like a keyword right after an operator, which Go accepts (recorded, as the vectors). */
const STRICTER = ['x>offset', 'x> offset -5m'];

describe('promqlProblems', () => {
  const vectors = recorded.vectors as [string, boolean][];

  it(`agrees with Go's parser on ${vectors.length} recorded expressions`, () => {
    const disagree = vectors.filter(([expr, ok]) => (promqlProblems(expr).length === 0) !== ok)
      .map(([expr, ok]) => `${JSON.stringify(expr)}: Go ${ok ? 'accepts' : 'refuses'}, library ${ok ? JSON.stringify(promqlProblems(expr)[0]) : 'accepts'}`);
    expect(disagree).toEqual([]);
    expect(vectors.filter(([, ok]) => ok).length).toBeGreaterThan(500);
    expect(vectors.filter(([, ok]) => !ok).length).toBeGreaterThan(3000);
  });

  it('is stricter than Go where known', () => {
    for (const expr of STRICTER) expect(promqlProblems(expr)).not.toEqual([]);
  });

  it.each([
    ['rate(x)', 'expected type matrix in call to function "rate", got vector'],
    ['{}', 'vector selector must contain at least one non-empty matcher'],
    ['{a=~".*"}', 'vector selector must contain at least one non-empty matcher'],
    ['x[5m][1m]', 'ranges only allowed for vector selectors'],
    ['sum(x) offset 5m', 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery'],
    ['sum(x, y)', 'wrong number of arguments for aggregate expression provided, expected 1, got 2'],
    ['x[0s]', 'duration must be greater than 0'],
    ['x{a="\\q"}', 'unknown escape sequence "\\\\q"'],
    ['x{a=~"("}', 'error parsing regexp: missing closing ): `(`'],
    ['x > 15unless y', 'bad number or duration syntax: "15u"'],
    ['foo{', 'syntax error: unexpected end of input at column 5'],
  ])('names the problem in %s', (expr, message) => {
    expect(promqlProblems(expr)).toEqual([expect.objectContaining({ message })]);
  });

  it('marks experimental features apart, and reports a real error before them', () => {
    expect(promqlProblems('mad_over_time(x[5m])')).toEqual([{ from: 0, message: 'function "mad_over_time" is not enabled', experimental: true }]);
    expect(promqlProblems('limitk(2, x)')[0].experimental).toBe(true);
    expect(promqlProblems('mad_over_time(x)')[0].experimental).toBeUndefined();
  });

  it('reports nothing for the expressions AgentAlerts writes', () => {
    expect(promqlProblems('histogram_quantile(0.95, sum by (le) (rate(kn_serving_invocation_duration_seconds_bucket{k8s_namespace_name="agents",kn_service_name="triage"}[5m]))) > 2')).toEqual([]);
  });
});

describe('promqlSelectors', () => {
  test('names each vector selector\'s metric (identifier, quoted name, __name__) and its matchers, values unquoted', () => {
    expect(promqlSelectors('max(kafka_consumer_fetch_manager_records_lag_max{client_id=~"consumer-(a|b)-[0-9]+"}) > 1 or {"x.y", code!="2\\u0030"} or {__name__="up", job!~`a.*`}')).toEqual([
      { metric: 'kafka_consumer_fetch_manager_records_lag_max', matchers: [{ label: 'client_id', op: '=~', value: 'consumer-(a|b)-[0-9]+' }] },
      { metric: 'x.y', matchers: [{ label: 'code', op: '!=', value: '20' }] },
      { metric: 'up', matchers: [{ label: 'job', op: '!~', value: 'a.*' }] },
    ]);
  });

  test('none for an expression Prometheus refuses', () => {
    expect(promqlSelectors('rate(up)')).toEqual([]);
  });

  test('matcherAdmits anchors regexps as RE2 does; one JavaScript cannot read admits', () => {
    const m = (op: '=' | '!=' | '=~' | '!~', value: string) => ({ label: 'client_id', op, value });
    expect(matcherAdmits(m('=~', 'consumer-(a|b)-[0-9]+'), 'consumer-a-0')).toBe(true);
    expect(matcherAdmits(m('=~', 'consumer-a'), 'consumer-a-0')).toBe(false);
    expect(matcherAdmits(m('!~', 'consumer-b.*'), 'consumer-a-0')).toBe(true);
    expect(matcherAdmits(m('=', 'x'), 'x')).toBe(true);
    expect(matcherAdmits(m('!=', 'x'), 'x')).toBe(false);
    expect(matcherAdmits(m('=~', '[a-c]+'), 'x')).toBe(false);
    expect(matcherAdmits(m('=~', '(?P<n>x)['), 'x')).toBe(true);
  });
});
