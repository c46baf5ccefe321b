import { AcknowledgedFinding, Finding } from './rule';

/**
 * The one format of a finding, shared by synth and the check command:
 * `error [ID] where: prop (field) = value: problem. Fix: fix`.
 * The rule id comes early so that CI logs can be grepped for it.
 */
export function formatFinding(f: Finding): string {
  const subject = f.prop && f.field ? `${f.prop} (${f.field})` : f.prop || f.field;
  // A finding about a whole document (not an object, say) has no field to name.
  const what = subject ? `${subject} = ${formatValue(f.value)}` : formatValue(f.value);
  return `${f.severity} [${f.rule.id}] ${f.where}: ${what}: ${f.problem}. Fix: ${f.fix}`;
}

export function formatAcknowledged(a: AcknowledgedFinding): string {
  return `acknowledged [${a.finding.rule.id}] ${a.finding.where}: ${a.reason}`;
}

/** A short JSON rendering of a value; `(unset)` for undefined. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  // JSON would print NaN and ±Infinity as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/** `2 errors, 1 warning`, `no findings`. */
export function summarize(errors: number, warnings: number, acknowledged = 0): string {
  const parts: string[] = [];
  if (errors) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  if (warnings) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  if (acknowledged) parts.push(`${acknowledged} acknowledged`);
  return parts.length ? parts.join(', ') : 'no findings';
}

/** The keys of a field path (`a.b[0]["x.y/z"]` → a, b, 0, x.y/z), whatever bracket style reported it. */
export function fieldSegments(field: string): string[] {
  // Quoted keys are JSON strings (schema-check writes them with JSON.stringify): unescape them.
  return [...field.matchAll(/\[("(?:[^"\\]|\\.)*")\]|\[(\d+|\*)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? unquote(m[1]) : m[2] ?? m[3]));
}

function unquote(quoted: string): string {
  try {
    return JSON.parse(quoted);
  } catch {
    return quoted.slice(1, -1);
  }
}
