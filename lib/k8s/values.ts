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
