/** Name grammars used by Kubernetes and Knative validation (apimachinery). */

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Lowercase letter first, then letters, digits and `-`, at most 63 characters (Knative Service and tag names). */
export function isDns1035Label(s: string): boolean {
  return s.length <= 63 && DNS1035_LABEL.test(s);
}

/** Like a DNS-1035 label, but may start with a digit (volume names). */
export function isDns1123Label(s: string): boolean {
  return s.length <= 63 && DNS1123_LABEL.test(s);
}

/** Dot-separated DNS-1123 labels, at most 253 characters (service account names). */
export function isDns1123Subdomain(s: string): boolean {
  return s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
}

/** A Kubernetes qualified name: optional `prefix/` (DNS subdomain), then a name part of at most 63 characters. */
export function isQualifiedName(s: string): boolean {
  const slash = s.lastIndexOf('/');
  const name = slash >= 0 ? s.slice(slash + 1) : s;
  if (slash >= 0) {
    const prefix = s.slice(0, slash);
    if (prefix.length === 0 || !isDns1123Subdomain(prefix)) return false;
  }
  return name.length > 0 && name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

/** A label value: empty, or at most 63 alphanumerics, `-`, `_`, `.`, alphanumeric at both ends. */
export function isLabelValue(s: string): boolean {
  return s.length <= 63 && LABEL_VALUE.test(s);
}

/** An environment variable name Kubernetes accepts. */
export function isEnvVarName(s: string): boolean {
  return ENV_VAR_NAME.test(s);
}

const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/** A key of a Secret or ConfigMap: letters, digits, `-`, `_`, `.`, at most 253 characters, not `.` or `..`. */
export function isConfigMapKey(s: string): boolean {
  return s.length > 0 && s.length <= 253 && CONFIG_MAP_KEY.test(s) && s !== '.' && s !== '..';
}

const PORT_NAME_CHARS = /^[-a-z0-9]+$/;
const HAS_LETTER = /[a-z]/;

/** Why a port name is not an IANA_SVC_NAME (apimachinery IsValidPortName); undefined when it is one. */
export function portNameProblem(s: string): string | undefined {
  if (s.length === 0 || s.length > 15) return 'must be 1-15 characters';
  if (!PORT_NAME_CHARS.test(s)) return 'must contain only lowercase letters, digits and `-`';
  if (!HAS_LETTER.test(s)) return 'must contain at least one letter';
  if (s.includes('--')) return 'must not contain consecutive hyphens';
  if (s.startsWith('-') || s.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

/** Why a name cannot be a path segment (apimachinery IsValidPathSegmentName: no `/` or `%`, not `.` or `..`); undefined when it can. */
export function pathSegmentProblem(s: string): string | undefined {
  if (s === '.' || s === '..') return `may not be '${s}'`;
  const bad = ['/', '%'].find((c) => s.includes(c));
  return bad ? `may not contain '${bad}'` : undefined;
}
