import { Duration } from 'cdk8s';
import { goDuration, parseGoDuration } from '../../lib/k8s/values';

// Recorded from Go 1.26 itself: time.Duration(ms * float64(time.Millisecond)).String()
// for each millisecond value (a throwaway `go run` program; regenerate the same way).
const GO_DURATION_STRING: readonly [number, string][] = [
  [0, '0s'],
  [0.001, '1µs'],
  [0.5, '500µs'],
  [1.5, '1.5ms'],
  [123.456, '123.456ms'],
  [500, '500ms'],
  [999, '999ms'],
  [1000, '1s'],
  [1500, '1.5s'],
  [6500, '6.5s'],
  [45000, '45s'],
  [59999, '59.999s'],
  [60000, '1m0s'],
  [90000, '1m30s'],
  [120000, '2m0s'],
  [900000, '15m0s'],
  [3599999, '59m59.999s'],
  [3600000, '1h0m0s'],
  [3660000, '1h1m0s'],
  [5400000, '1h30m0s'],
  [7200000, '2h0m0s'],
  [3723004, '1h2m3.004s'],
  [86400000, '24h0m0s'],
  [-5000, '-5s'],
  [-90000, '-1m30s'],
];

describe('goDuration: Go\'s time.Duration.String()', () => {
  test.each(GO_DURATION_STRING)('%d ms prints as %s', (ms, go) => {
    expect(goDuration({ toMilliseconds: () => ms })).toBe(go);
  });

  test('takes a cdk8s Duration', () => {
    expect([goDuration(Duration.hours(1)), goDuration(Duration.minutes(15)), goDuration(Duration.seconds(90))]).toEqual(['1h0m0s', '15m0s', '1m30s']);
  });

  test('what it prints parses back to the same value', () => {
    for (const [ms, go] of GO_DURATION_STRING) expect(parseGoDuration(go)).toBeCloseTo(ms / 1000, 9);
  });

  test('a value Go cannot hold renders as milliseconds (reported by the duration checks), never throws', () => {
    expect(goDuration({ toMilliseconds: () => NaN })).toBe('NaNms');
    expect(goDuration({ toMilliseconds: () => Infinity })).toBe('Infinityms');
  });
});
