// Prometheus durations (github.com/prometheus/common model.Duration): what the
// prometheus-operator CRDs accept for intervals, `for` and timeouts, and how
// Prometheus prints one.

/** The CRD pattern of every prometheus-operator duration field (monitoring.coreos.com_*.yaml at v0.93.0). */
export const PROMETHEUS_DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;

const UNITS: readonly [string, number][] = [
  ['y', 365 * 24 * 3_600_000], ['w', 7 * 24 * 3_600_000], ['d', 24 * 3_600_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1],
];

/** A duration as model.Duration.String prints it: `1m30s`, `2h`, `0s` (whole milliseconds; a fraction is rounded). */
export function prometheusDuration(d: { toMilliseconds(): number }): string {
  let ms = Math.round(d.toMilliseconds());
  if (!(ms > 0)) return '0s';
  let out = '';
  for (const [unit, size] of UNITS) {
    const n = Math.floor(ms / size);
    if (n > 0) out += `${n}${unit}`;
    ms -= n * size;
  }
  return out;
}

/** Whether `text` is a duration the prometheus-operator CRDs accept (the empty text is not). */
export function isPrometheusDuration(text: unknown): boolean {
  return typeof text === 'string' && text !== '' && PROMETHEUS_DURATION.test(text);
}
