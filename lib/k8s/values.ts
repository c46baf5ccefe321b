// Parsers for the value grammars Kubernetes and Knative use (Go's strconv,
// time.ParseDuration, resource.Quantity), enough to validate like they do.

/** Base-10 integer with an optional sign, as Go's strconv.ParseInt accepts. */
export function parseIntStrict(s: string): number | undefined {
  return /^[+-]?\d+$/.test(s) ? Number(s) : undefined;
}

/** A decimal float as Go's strconv.ParseFloat accepts (without Inf/NaN). */
export function parseFloatStrict(s: string): number | undefined {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : undefined;
}

/** Go time.ParseDuration (h, m, s, ms, us, ns), in seconds. */
export function parseGoDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const m = /^([+-])?((\d+(\.\d+)?(h|m|s|ms|us|µs|ns))+)$/.exec(s);
  if (!m) return undefined;
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 };
  let total = 0;
  for (const part of m[2].matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) total += Number(part[1]) * unit[part[2]];
  total = Math.round(total * 1e9) / 1e9;
  return m[1] === '-' ? -total : total;
}

/** Why a string is no non-negative Go duration (a refresh interval), or undefined when it is one. */
export function nonNegativeDurationProblem(s: string): string | undefined {
  const seconds = parseGoDuration(s);
  return seconds === undefined ? 'not a Go duration (e.g. 1h, 15m, 30s)' : seconds < 0 ? 'negative' : undefined;
}

/** A Kubernetes quantity as a number (enough to compare request and limit); undefined when it does not parse. */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return undefined;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei))?$/.exec(q);
  if (!m) return undefined;
  const mult: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
  return Number(m[1] + (m[2] ?? '')) * mult[m[3] ?? ''];
}

/**
 * A duration as Go's `time.Duration.String()` prints it (`1h0m0s`, `1m30s`,
 * `1.5s`, `500ms`, `0s`): the text Kubernetes controllers parse with
 * `time.ParseDuration`. Takes anything with `toMilliseconds()` (a cdk8s
 * Duration); microsecond precision. A value Go cannot hold (NaN, infinite)
 * renders as `<n>ms`, which the duration checks then report.
 */
export function goDuration(d: { toMilliseconds(): number }): string {
  const ms = d.toMilliseconds();
  if (!Number.isFinite(ms)) return `${ms}ms`;
  let u = BigInt(Math.round(Math.abs(ms) * 1000)) * 1000n;
  const sign = ms < 0 && u > 0n ? '-' : '';
  if (u === 0n) return '0s';
  if (u < 1_000_000_000n) {
    // Below a second Go switches to the largest unit that keeps an integer part.
    const [unit, prec] = u < 1000n ? ['ns', 0] : u < 1_000_000n ? ['µs', 3] : ['ms', 6];
    return `${sign}${fraction(u, prec)}${unit}`;
  }
  const seconds = fraction(u, 9, 60n);
  u /= 60_000_000_000n;
  if (u === 0n) return `${sign}${seconds}s`;
  const minutes = u % 60n;
  const hours = u / 60n;
  return `${sign}${hours > 0n ? `${hours}h` : ''}${minutes}m${seconds}s`;
}

/** `v / 10^prec` as Go's fmtFrac and fmtInt print it (trailing zeros and a bare point dropped); the integer part modulo `mod` when given. */
function fraction(v: bigint, prec: number, mod?: bigint): string {
  const scale = 10n ** BigInt(prec);
  const whole = mod === undefined ? v / scale : (v / scale) % mod;
  const frac = (v % scale).toString().padStart(prec, '0').replace(/0+$/, '');
  return frac === '' ? `${whole}` : `${whole}.${frac}`;
}

const GO_BOOL = new Map<string, boolean>([
  ...['1', 't', 'T', 'TRUE', 'true', 'True'].map((k): [string, boolean] => [k, true]),
  ...['0', 'f', 'F', 'FALSE', 'false', 'False'].map((k): [string, boolean] => [k, false]),
]);

/** A boolean as Go's strconv.ParseBool reads it (Knative's configmap.AsBool, KEDA's metadata flags); undefined when Go refuses it. */
export function parseGoBool(value: string): boolean | undefined {
  return GO_BOOL.get(value);
}
