// How KEDA's TypedConfig parses a trigger parameter it found (kedacore/keda v2.20.2
// pkg/scalers/scalersconfig/typed_config.go setValue and setConfigValueHelper): the enum
// and exclusive-set checks first, then the field's Go type decides the parser. Pure.
import type { ScalerParam } from './scalers.generated';

const INT_RANGE = { int: [-(2n ** 63n), 2n ** 63n - 1n], int32: [-(2n ** 31n), 2n ** 31n - 1n], uint32: [0n, 2n ** 32n - 1n] } as const;

/** What TypedConfig says of the value (already trimmed, non-empty), or undefined when it parses. */
export function typedValueProblem(p: ScalerParam, raw: string): string | undefined {
  const items = () => raw.split(p.sep ?? ',').map((s) => s.trim());
  if (p.en) {
    const bad = items().filter((s) => !p.en!.includes(s));
    if (bad.length > 0) return `must be one of ${p.en.join(', ')} (got "${bad.join('", "')}")`;
  }
  if (p.ex && items().filter((s) => p.ex!.includes(s)).length > 1) return `must contain only one of ${p.ex.join(', ')}`;
  switch (p.t) {
    case 'bool':
      return goParseBool(raw) === undefined ? 'must be a boolean as Go\'s strconv.ParseBool reads it (true, false, 1, 0, t, f)' : undefined;
    case 'int': case 'int32': case 'uint32':
      return jsonInt(raw, p.t) === undefined ? `must be a whole number (${p.t === 'uint32' ? '0 or more' : 'JSON integer syntax'}${p.t === 'int' ? '' : `, within ${p.t}`})` : undefined;
    case 'float':
      return jsonFloat(raw) === undefined ? 'must be a number (JSON number syntax, e.g. "10" or "2.5")' : undefined;
    case 'duration':
      return durationProblem(raw);
    case 'ints':
      for (const [i, s] of items().entries()) {
        const range = p.rng !== undefined && s.includes(p.rng) ? s.split(p.rng) : undefined;
        if (range && range.length !== 2) return `element ${i} "${s}": expected start${p.rng}end`;
        if ((range ?? [s]).some((x) => jsonInt(x.trim(), 'int') === undefined)) return `element ${i} "${s}" is not a whole number${p.rng ? ` or a range such as 1${p.rng}5` : ''}`;
      }
      return undefined;
    case 'map':
      for (const s of items()) if (s.split('=').length !== 2) return `expected key=value pairs separated by "${p.sep ?? ','}", got "${s}"`;
      return undefined;
    case 'query':
      for (const part of raw.split('&')) {
        if (part.includes(';')) return 'invalid semicolon separator in query';
        if (/%(?![0-9A-Fa-f]{2})/.test(part)) return `invalid URL escape in "${part}"`;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Go strconv.ParseBool. */
export function goParseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** json.Unmarshal of a number into a Go integer: JSON syntax, no fraction or exponent, within range. */
export function jsonInt(s: string, kind: keyof typeof INT_RANGE = 'int'): number | undefined {
  if (!/^-?(0|[1-9]\d*)$/.test(s)) return undefined;
  const n = BigInt(s);
  const [lo, hi] = INT_RANGE[kind];
  return n < lo || n > hi ? undefined : Number(n);
}

/** json.Unmarshal of a number into a float64: JSON syntax (no "+", no ".5", no "Inf"), finite. */
export function jsonFloat(s: string): number | undefined {
  if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9, d: 86400e9, w: 604800e9 };

/**
 * Go time.ParseDuration, in nanoseconds (undefined when it does not parse or overflows).
 * `days`: as xhit/go-str2duration v2 ParseDuration, which also takes `d` and `w` units.
 */
export function goParseDuration(s: string, days = false): number | undefined {
  const m = /^([-+]?)(.*)$/.exec(s)!;
  if (m[2] === '0') return 0;
  if (m[2] === '') return undefined;
  let total = 0;
  let rest = m[2];
  while (rest !== '') {
    const part = (days ? /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h|d|w)/ : /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/).exec(rest);
    if (!part || (part[1] === '' && (part[2] ?? '') === '')) return undefined;
    total += Number(`${part[1] || '0'}.${part[2] || '0'}`) * UNIT_NS[part[3]];
    rest = rest.slice(part[0].length);
  }
  if (total > 2 ** 63 - 1) return undefined;
  return m[1] === '-' ? -total : total;
}

/** A time.Duration field: a Go duration, else whole milliseconds (strconv.ParseInt); never negative. */
function durationProblem(raw: string): string | undefined {
  const ns = goParseDuration(raw);
  if (ns !== undefined) return ns < 0 ? 'duration cannot be negative' : undefined;
  if (!/^[-+]?\d+$/.test(raw) || BigInt(raw) > 2n ** 63n - 1n || BigInt(raw) < -(2n ** 63n)) {
    return 'must be a duration such as "30s" or "5m", or a number of milliseconds';
  }
  return raw.startsWith('-') && BigInt(raw) < 0n ? 'duration cannot be negative' : undefined;
}

/**
 * The time.Duration TypedConfig stores for a value it accepts, in nanoseconds: a Go duration, else
 * milliseconds multiplied as Go does (wrapping around int64: typed_config.go#L450-469); undefined when refused.
 */
export function typedDuration(raw: string): bigint | undefined {
  if (durationProblem(raw) !== undefined) return undefined;
  const ns = goParseDuration(raw);
  return ns !== undefined ? BigInt(Math.round(ns)) : BigInt.asIntN(64, BigInt(raw) * 1000000n);
}
