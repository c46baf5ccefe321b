// Label selectors: their syntax (as the API server checks it) and what they
// select (for rules over the whole app).
import { isLabelValue, isQualifiedName } from '../core/names';
import { FindingList, Rule } from '../core/rule';

/** A `metav1.LabelSelector` as written in a manifest. */
export interface LabelSelector {
  /** @default - none */
  readonly matchLabels?: Record<string, string>;
  /** @default - none */
  readonly matchExpressions?: LabelSelectorRequirement[];
}

/** One `matchExpressions` entry. */
export interface LabelSelectorRequirement {
  readonly key: string;
  /** In, NotIn, Exists or DoesNotExist. */
  readonly operator: string;
  /** @default - none (Exists, DoesNotExist) */
  readonly values?: string[];
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const obj = (v: unknown): any => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {});
const field = (base: string, key: string) => `${base}["${key}"]`;

/**
 * Reports the syntax problems of a label selector at `base`. `stripKey`
 * removes a source prefix first (Cilium's `k8s:`), so the rest is checked
 * as a Kubernetes label key.
 */
export function checkLabelSelector(selector: unknown, base: string, rule: Rule, out: FindingList, stripKey: (k: string) => string = (k) => k): void {
  const s = obj(selector);
  for (const [key, value] of Object.entries(obj(s.matchLabels))) {
    if (!isQualifiedName(stripKey(key))) out.add(rule, `${base}.matchLabels key`, key, 'not a qualified label key');
    else if (typeof value !== 'string' || !isLabelValue(value)) out.add(rule, field(`${base}.matchLabels`, key), value, 'not a label value (at most 63 letters, digits, `-`, `_`, `.`, alphanumeric at both ends)');
  }
  const expressions = Array.isArray(s.matchExpressions) ? s.matchExpressions : [];
  expressions.forEach((e: any, i: number) => {
    const at = `${base}.matchExpressions[${i}]`;
    if (typeof e?.key !== 'string' || !isQualifiedName(stripKey(e.key))) out.add(rule, `${at}.key`, e?.key, 'not a qualified label key');
    if (!OPERATORS.includes(e?.operator)) {
      out.add(rule, `${at}.operator`, e?.operator, `not one of ${OPERATORS.join(', ')}`);
      return;
    }
    const values: unknown[] = Array.isArray(e.values) ? e.values : [];
    if ((e.operator === 'In' || e.operator === 'NotIn') && values.length === 0) out.add(rule, `${at}.values`, e.values, `${e.operator} needs at least one value`);
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && values.length > 0) out.add(rule, `${at}.values`, e.values, `${e.operator} takes no values`);
    values.forEach((v, j) => {
      if (typeof v !== 'string' || !isLabelValue(v)) out.add(rule, `${at}.values[${j}]`, v, 'not a label value');
    });
  });
}

/**
 * Whether `selector` selects an object with `labels`. `normalizeKey` maps a
 * selector key to a label key (Cilium's `k8s:app` → `app`). An absent or
 * empty selector selects everything, as in Kubernetes.
 */
export function selects(selector: unknown, labels: Readonly<Record<string, string>>, normalizeKey: (k: string) => string = (k) => k): boolean {
  const s = obj(selector);
  for (const [key, value] of Object.entries(obj(s.matchLabels))) {
    if (labels[normalizeKey(key)] !== value) return false;
  }
  const expressions = Array.isArray(s.matchExpressions) ? s.matchExpressions : [];
  return expressions.every((e: any) => {
    const has = Object.prototype.hasOwnProperty.call(labels, normalizeKey(String(e?.key)));
    const value = labels[normalizeKey(String(e?.key))];
    const values: unknown[] = Array.isArray(e?.values) ? e.values : [];
    switch (e?.operator) {
      case 'In': return has && values.includes(value);
      case 'NotIn': return !has || !values.includes(value);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: return false;
    }
  });
}
