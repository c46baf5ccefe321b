// Values as KEDA's TypedConfig parses them (kedacore/keda v2.20.2
// pkg/scalers/scalersconfig/typed_config.go setValue, setConfigValueHelper).
import type { GoKind, ScalerParam } from '../../lib/workers/scalers.generated';
import { goParseDuration, typedDuration, typedValueProblem } from '../../lib/workers/typed-config';

const param = (t: GoKind, more: Partial<ScalerParam> = {}): ScalerParam => ({ n: ['x'], from: 'm', t, ...more });

describe.each<[GoKind, string[], string[], Partial<ScalerParam>?]>([
  // json.Unmarshal into an int64: JSON integers only.
  ['int', ['10', '0', '-5', '9223372036854775807'], ['10.5', '1e2', '+5', '010', 'ten', '0x10', '9223372036854775808', 'null']],
  ['uint32', ['0', '4294967295'], ['-1', '4294967296']],
  // json.Unmarshal into a float64: JSON numbers (no leading "+", no ".5", no "Inf").
  ['float', ['0.5', '10', '-1', '1e3', '2.5E-2'], ['.5', '+1', '5.', 'Inf', 'NaN', '1e400', '1,5']],
  // strconv.ParseBool.
  ['bool', ['true', 'True', 'TRUE', 't', '1', 'false', 'F', '0'], ['yes', 'on', 'tRUE', '2']],
  // time.ParseDuration, else strconv.ParseInt milliseconds; never negative.
  ['duration', ['30s', '1m30s', '1.5h', '.5s', '1.s', '500ms', '10us', '10µs', '0', '3000', '+3000'], ['-1s', '-5', '30 seconds', '1d', 's', '1.5']],
  // a list of ints, each element json.Unmarshal'd, ranges with the range separator.
  ['ints', ['1', '1,2, 3', '1-5', '0,3-5'], ['1-a', '1,,2', '1-2-3', 'x'], { rng: '-' }],
  // a map: key=value pairs separated by the separator (default ",").
  ['map', ['a=b', 'a=b, c=d', 'X-Scope-OrgID=team'], ['a', 'a=b=c', 'a=b,']],
  ['query', ['a=b&c=d', 'q=%20x'], ['a=b;c=d', 'a=%zz']],
  ['strings', ['a', 'a,b', ''], []],
])('%s', (kind, good, bad, more) => {
  test.each(good)('accepts %p', (v) => expect(typedValueProblem(param(kind, more), v)).toBeUndefined());
  if (bad.length > 0) test.each(bad)('refuses %p', (v) => expect(typedValueProblem(param(kind, more), v)).toBeDefined());
});

describe('enum and exclusive set, checked before the type, on each list item', () => {
  const authModes = param('strings', { en: ['apiKey', 'basic', 'tls', 'bearer', 'custom', 'oauth'], ex: ['bearer', 'basic', 'oauth'] });
  test('items are trimmed and each must be allowed', () => {
    expect(typedValueProblem(authModes, 'bearer, tls')).toBeUndefined();
    expect(typedValueProblem(authModes, 'bearer,token')).toContain('must be one of');
  });
  test('at most one of the exclusive set', () => {
    expect(typedValueProblem(authModes, 'bearer,basic')).toContain('only one of bearer, basic, oauth');
  });
  test('a custom separator splits the list', () => {
    expect(typedValueProblem(param('string', { en: ['a', 'b'], sep: ';' }), 'a;b')).toBeUndefined();
    expect(typedValueProblem(param('string', { en: ['a', 'b'], sep: ';' }), 'a,b')).toBeDefined();
  });
});

test('Go durations in nanoseconds', () => {
  expect(goParseDuration('1h2m3.5s')).toBe(3723.5e9);
  expect(goParseDuration('-1.5ms')).toBe(-1.5e6);
  expect(goParseDuration('3000')).toBeUndefined();
  expect(goParseDuration('3000000h')).toBeUndefined();
});

test('goParseDuration with days reads xhit/go-str2duration v2 units (d, w) besides Go\'s', () => {
  expect(goParseDuration('7d', true)).toBe(7 * 86400e9);
  expect(goParseDuration('1w2d3h', true)).toBe((9 * 86400 + 3 * 3600) * 1e9);
  expect(goParseDuration('7d')).toBeUndefined();
  expect(goParseDuration('2 hours', true)).toBeUndefined();
  expect(goParseDuration('1dx', true)).toBeUndefined();
});

test('typedDuration: what TypedConfig stores, milliseconds wrapping around int64 as Go multiplies them', () => {
  expect(typedDuration('10m')).toBe(600000000000n);
  expect(typedDuration('3000')).toBe(3000000000n);
  expect(typedDuration('9223372036854775807')).toBe(-1000000n);
  expect(typedDuration('-1')).toBeUndefined();
});
