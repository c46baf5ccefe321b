// Label selectors: their syntax (as the API server checks it) and what they
// select (for rules over the whole app). Shared by the network and eventing validators.
import { isLabelValue, isQualifiedName } from './names';
import { FindingList, Rule } from '../engine/rule';
import { arr, isObject, JsonObject, objOrEmpty } from '../engine/json';
import { goStringMap } from '../engine/decoded-meta';

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

/** One syntax problem of a label selector; `field` is relative to the selector. */
export type SelectorProblem =
  | { readonly kind: 'label-key'; readonly field: string; readonly key: string }
  | { readonly kind: 'label-value'; readonly field: string; readonly key: string; readonly value: unknown }
  | { readonly kind: 'expression-key'; readonly field: string; readonly key: unknown }
  | { readonly kind: 'operator'; readonly field: string; readonly key: string; readonly operator: unknown }
  | { readonly kind: 'needs-values' | 'takes-no-values'; readonly field: string; readonly key: string; readonly operator: string; readonly values: unknown }
  | { readonly kind: 'expression-value'; readonly field: string; readonly key: string; readonly value: unknown };

/**
 * The syntax problems of a label selector, as the API server checks it
 * (metav1.LabelSelectorAsSelector, k8s.io/apimachinery v0.35.5
 * pkg/apis/meta/v1/helpers.go#L36-74), in document order, read as Go decodes
 * the selector into metav1.LabelSelector (the API server for a core kind, the
 * webhook for a CRD that keeps the selector as written: `decodedSelector`).
 * A value of another type fails that decoding, which the schema check reports
 * (SCHEMA-002): it is not reported again here. `stripKey` removes a
 * source prefix first (Cilium's `k8s:`), so the rest is checked as a
 * Kubernetes label key. Never throws on garbage.
 */
export function labelSelectorProblems(selector: unknown, stripKey: (k: string) => string = (k) => k): SelectorProblem[] {
  const out: SelectorProblem[] = [];
  const s = decodedSelector(selector);
  for (const [key, value] of Object.entries(s.matchLabels)) {
    if (!isQualifiedName(stripKey(key))) out.push({ kind: 'label-key', field: 'matchLabels key', key });
    else if (typeof value === 'string' && !isLabelValue(value)) out.push({ kind: 'label-value', field: `matchLabels["${key}"]`, key, value });
  }
  s.matchExpressions.forEach((e, i) => {
    if (e === undefined) return; // not an object: the schema check's
    const at = `matchExpressions[${i}]`;
    const key = typeof e.key === 'string' ? e.key : '';
    if (typeof e.key === 'string' && !isQualifiedName(stripKey(e.key))) out.push({ kind: 'expression-key', field: `${at}.key`, key: e.key });
    const operator = e.operator;
    if (typeof operator !== 'string') return; // the schema check's
    if (!OPERATORS.includes(operator)) {
      out.push({ kind: 'operator', field: `${at}.operator`, key, operator });
      return;
    }
    const values = e.values;
    if (values === undefined) return; // the schema check's
    if ((operator === 'In' || operator === 'NotIn') && values.length === 0) out.push({ kind: 'needs-values', field: `${at}.values`, key, operator, values: e.written.values });
    if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) out.push({ kind: 'takes-no-values', field: `${at}.values`, key, operator, values: e.written.values });
    values.forEach((v, j) => {
      if (typeof v === 'string' && !isLabelValue(v)) out.push({ kind: 'expression-value', field: `${at}.values[${j}]`, key, value: v });
    });
  });
  return out;
}

/**
 * Whether the selector decodes into metav1.LabelSelector: every field written
 * has its Go type (null is its zero value). When it does not, the decoding
 * fails (SCHEMA-002) and nothing is selected to compare.
 */
export function decodesAsSelector(selector: unknown): boolean {
  if (selector === null || selector === undefined) return true;
  if (!isObject(selector)) return false;
  const s = decodedSelector(selector);
  const list = (v: unknown) => v === null || v === undefined || Array.isArray(v);
  const map = (v: unknown) => v === null || v === undefined || isObject(v);
  return map(selector.matchLabels) && Object.values(s.matchLabels).every((v) => typeof v === 'string')
    && list(selector.matchExpressions) && s.matchExpressions.every((e) => e !== undefined && typeof e.key === 'string' && typeof e.operator === 'string'
      && e.values !== undefined && e.values.every((v) => typeof v === 'string'));
}

/** One `matchExpressions` entry as Go decodes it; a field of another type is kept as written (the decoding fails: the schema check's). */
interface DecodedRequirement {
  readonly key: unknown;
  readonly operator: unknown;
  /** undefined: written but not a list. */
  readonly values: readonly unknown[] | undefined;
  readonly written: JsonObject;
}

/**
 * A label selector as encoding/json decodes it into metav1.LabelSelector: a
 * null `matchLabels` value is "" (`goStringMap`, as the engine reads object
 * metadata), a null `matchExpressions` item the zero requirement (`key` and
 * `operator` "", no values; Go decodes null into a struct as its zero value,
 * and a Knative kind's defaulting round trip writes it back), a null `key`,
 * `operator` or `values` item "". An item that is neither an object nor null
 * is undefined. Never throws.
 */
function decodedSelector(selector: unknown): { matchLabels: Readonly<Record<string, unknown>>; matchExpressions: readonly (DecodedRequirement | undefined)[] } {
  const s = objOrEmpty(selector);
  const goString = (v: unknown) => (v === null || v === undefined ? '' : v);
  return {
    matchLabels: objOrEmpty(goStringMap(s.matchLabels)),
    matchExpressions: arr(s.matchExpressions).map((raw) => {
      if (raw !== null && !isObject(raw)) return undefined;
      const e = raw ?? {};
      const values = e.values === null || e.values === undefined ? [] : Array.isArray(e.values) ? e.values.map(goString) : undefined;
      return { key: goString(e.key), operator: goString(e.operator), values, written: e };
    }),
  };
}

/** Reports each syntax problem of a label selector at `base`, under `rule` (see `labelSelectorProblems`). */
export function checkLabelSelector(selector: unknown, base: string, rule: Rule, out: FindingList, stripKey: (k: string) => string = (k) => k): void {
  for (const p of labelSelectorProblems(selector, stripKey)) {
    const field = `${base}.${p.field}`;
    switch (p.kind) {
      case 'label-key': out.add(rule, field, p.key, 'not a qualified label key'); break;
      case 'label-value': out.add(rule, field, p.value, 'not a label value (at most 63 letters, digits, `-`, `_`, `.`, alphanumeric at both ends)'); break;
      case 'expression-key': out.add(rule, field, p.key, 'not a qualified label key'); break;
      case 'operator': out.add(rule, field, p.operator, `not one of ${OPERATORS.join(', ')}`); break;
      case 'needs-values': out.add(rule, field, p.values, `${p.operator} needs at least one value`); break;
      case 'takes-no-values': out.add(rule, field, p.values, `${p.operator} takes no values`); break;
      case 'expression-value': out.add(rule, field, p.value, 'not a label value'); break;
    }
  }
}

/**
 * Whether `selector` selects an object with `labels`. `normalizeKey` maps a
 * selector key to a label key (Cilium's `k8s:app` → `app`). An absent or
 * empty selector selects everything, as in Kubernetes. The selector is read
 * as Go decodes it (a null `matchLabels` value is "": `decodedSelector`).
 */
export function selects(selector: unknown, labels: Readonly<Record<string, string>>, normalizeKey: (k: string) => string = (k) => k): boolean {
  const s = decodedSelector(selector);
  for (const [key, value] of Object.entries(s.matchLabels)) {
    if (labels[normalizeKey(key)] !== value) return false;
  }
  return s.matchExpressions.every((e) => {
    const has = Object.prototype.hasOwnProperty.call(labels, normalizeKey(String(e?.key)));
    const value = labels[normalizeKey(String(e?.key))];
    const values = e?.values ?? [];
    switch (e?.operator) {
      case 'In': return has && values.includes(value);
      case 'NotIn': return !has || !values.includes(value);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: return false;
    }
  });
}

/** Lexer tokens of a selector string: `id` an identifier (also `in`/`notin`, which the parser reads by context). */
type SelectorToken = { tok: 'id' | 'end' | '(' | ')' | ',' | '!' | '=' | '==' | '!=' | '<' | '>'; lit: string };

function selectorTokens(s: string): SelectorToken[] {
  const out: SelectorToken[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (' \t\r\n'.includes(c)) i++;
    else if ('=!(),><'.includes(c)) {
      const two = s.slice(i, i + 2);
      const lit = two === '==' || two === '!=' ? two : c;
      out.push({ tok: lit as SelectorToken['tok'], lit });
      i += lit.length;
    } else {
      let j = i;
      while (j < s.length && !' \t\r\n=!(),><'.includes(s[j])) j++;
      out.push({ tok: 'id', lit: s.slice(i, j) });
      i = j;
    }
  }
  out.push({ tok: 'end', lit: '' });
  return out;
}

/**
 * Why a label selector string (`app=web,tier in (a,b),!canary`) does not parse, as
 * k8s.io/apimachinery v0.35.5 pkg/labels/selector.go Parse (parse, parseRequirement,
 * parseValues, parseExactValue, NewRequirement) refuses it; undefined when it parses.
 */
export function selectorStringProblem(s: string): string | undefined {
  const toks = selectorTokens(s);
  let p = 0;
  const requirement = (): string | undefined => {
    let t = toks[p++];
    const negated = t.tok === '!';
    if (negated) t = toks[p++];
    if (t.tok !== 'id') return `found '${t.lit}', expected: identifier`;
    if (!isQualifiedName(t.lit)) return `invalid label key "${t.lit}"`;
    if (toks[p].tok === 'end' || toks[p].tok === ',') return undefined;
    if (negated) return `found '${toks[p].lit}', expected: ',' or 'end of string'`;
    const op = toks[p++];
    const opName = op.tok === 'id' && (op.lit === 'in' || op.lit === 'notin') ? op.lit : op.tok;
    let values: string[];
    if (opName === 'in' || opName === 'notin') {
      if (toks[p++].tok !== '(') return `found '${toks[p - 1].lit}' expected: '('`;
      values = [];
      if (toks[p].tok === ')') {
        p++;
        values.push('');
      } else {
        if (toks[p].tok !== 'id' && toks[p].tok !== ',') return `found '${toks[p].lit}', expected: ',', ')' or identifier`;
        for (;;) {
          const v = toks[p++];
          if (v.tok === 'id') {
            values.push(v.lit);
            if (toks[p].tok === ',') continue;
            if (toks[p].tok === ')') break;
            return `found '${toks[p].lit}', expected: ',' or ')'`;
          }
          if (v.tok !== ',') return `found '${v.lit}', expected: ',', or identifier`;
          values.push('');
          if (toks[p].tok === ')') break;
        }
        p++;
      }
    } else if (['=', '==', '!=', '<', '>'].includes(opName)) {
      if (toks[p].tok === 'end' || toks[p].tok === ',') values = [''];
      else if (toks[p].tok === 'id') values = [toks[p++].lit];
      else return `found '${toks[p].lit}', expected: identifier`;
      if ((opName === '<' || opName === '>') && !/^[+-]?\d+$/.test(values[0])) return `for 'Gt', 'Lt' operators, the value must be an integer ("${values[0]}")`;
    } else return `found '${op.lit}', expected: in, notin, =, ==, !=, gt, lt`;
    const bad = values.find((v) => !isLabelValue(v));
    return bad === undefined ? undefined : `invalid label value "${bad}"`;
  };
  for (;;) {
    const t = toks[p];
    if (t.tok === 'end') return undefined;
    if (t.tok !== 'id' && t.tok !== '!') return `found '${t.lit}', expected: !, identifier, or 'end of string'`;
    const problem = requirement();
    if (problem) return `unable to parse requirement: ${problem}`;
    const next = toks[p++];
    if (next.tok === 'end') return undefined;
    if (next.tok !== ',') return `found '${next.lit}', expected: ',' or 'end of string'`;
    if (toks[p].tok !== 'id' && toks[p].tok !== '!') return `found '${toks[p].lit}', expected: identifier after ','`;
  }
}
