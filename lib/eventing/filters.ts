// Event filters: Trigger `spec.filter.attributes` and the subscriptions-API
// `filters` (Trigger, EventPolicy), checked like
// E:pkg/apis/eventing/v1/trigger_validation.go (TV) at knative-v1.22.2, and
// CESQL parsed like cloudevents/sdk-go sql/v2 (E:vendor/github.com/cloudevents/sdk-go/sql/v2/CESQLParser.g4).
import { checkArgs, PropShape, T, withArgFindings } from '../construct/props';
import { defineRules, FindingList, RawFinding } from '../engine/rule';
import { obj } from '../engine/json';

export const FILTER_RULES = defineRules({
  ATTRIBUTE_NAME: {
    id: 'EVT-TRIGGER-004',
    title: 'filter attribute names must be lowercase alphanumeric, starting with a letter',
    why: 'The webhook rejects attribute names that do not match `^[a-z][a-z0-9]*$` ("invalid key name"), in `filter.attributes` and in the `exact` / `prefix` / `suffix` of `filters`: `agent_id`, `agentId` and `Type` are all rejected (CloudEvents extension names are lowercase alphanumeric).',
    fix: 'use the CloudEvents attribute name as it is on the wire, e.g. `type`, `source`, `agentid`',
    upstream: 'TV#L38, TV#L172-186, TV#L225-230 (T5, F2)',
    effect: 'reject',
  },
  DIALECTS: {
    id: 'EVT-TRIGGER-005',
    title: 'each `filters` entry sets exactly one dialect (exact, prefix, suffix, all, any, not or cesql)',
    why: 'The webhook rejects an entry with two dialects ("multiple dialects found, filters can have only one dialect set").',
    fix: 'split the entry into several entries (they are ANDed), or wrap them in `all`',
    upstream: 'TV#L242-293 (F1)',
    effect: 'reject',
  },
  CESQL: {
    id: 'EVT-TRIGGER-006',
    title: 'a `cesql` filter must parse as CloudEvents SQL v1',
    why: 'The webhook parses the expression and rejects syntax errors: `==` is not an operator (use `=`), `LIKE` needs a string literal, `IN` a non-empty parenthesised list, integers must fit in 32 bits.',
    fix: 'write e.g. `type = \'dev.acme.order.placed\' AND source LIKE \'%/orders\'`',
    upstream: 'TV#L200-216 (F4); E:vendor/github.com/cloudevents/sdk-go/sql/v2/CESQLParser.g4',
    effect: 'reject',
  },
});

const ATTRIBUTE_NAME = /^[a-z][a-z0-9]*$/;

/** Keys of an attributes map (`filter.attributes`, `exact`, `prefix`, `suffix`). */
export function checkAttributeNames(attrs: unknown, field: string, out: FindingList): void {
  for (const key of Object.keys(obj(attrs) ?? {})) {
    if (!ATTRIBUTE_NAME.test(key)) {
      const lower = key.toLowerCase().replace(/[^a-z0-9]/g, '');
      out.add(FILTER_RULES.ATTRIBUTE_NAME, `${field}["${key}"]`, key, undefined, /^[a-z]/.test(lower) ? `rename it to "${lower}"` : undefined);
    }
  }
}

/** Trigger `spec.filter` (the attributes form). */
export function checkAttributesFilter(filter: unknown, field: string, out: FindingList): void {
  checkAttributeNames(obj(filter)?.attributes, `${field}.attributes`, out);
}

/**
 * The lists of SubscriptionsAPIFilter below a kind's `filters` whose elements the CRD types as
 * objects. A `null` element there is no error: the defaulting webhook's round trip
 * (knative.dev/pkg webhook/resourcesemantics/defaulting/defaulting.go#L332, #L459-475) writes
 * the zero SubscriptionsAPIFilter, `{}`, in its place (every field of
 * E:pkg/apis/eventing/v1/trigger_types.go#L127-178 is omitempty), which the API server's schema
 * and the webhook (an empty filter passes every event, TV#L218-240) accept. For a validator's
 * `schema.zeroNullItems`, below its `filters` path.
 */
export const FILTER_LIST_SHAPES: readonly string[] = ['filters', 'filters[].all', 'filters[].any'];

/** A subscriptions-API `filters` list (Trigger, EventPolicy, ApiServerSource). */
export function checkFiltersList(filters: unknown, field: string, out: FindingList): void {
  if (!Array.isArray(filters)) return;
  filters.forEach((f, i) => checkFilter(f, `${field}[${i}]`, out));
}

function checkFilter(filter: unknown, field: string, out: FindingList): void {
  const f = obj(filter);
  if (!f) return;
  const nonEmpty = (v: unknown) => (Array.isArray(v) ? v.length > 0 : Object.keys(obj(v) ?? {}).length > 0);
  const dialects = ['exact', 'prefix', 'suffix', 'all', 'any'].filter((d) => nonEmpty(f[d]));
  if (f.not !== undefined && f.not !== null) dialects.push('not');
  if (typeof f.cesql === 'string' && f.cesql !== '') dialects.push('cesql');
  if (dialects.length > 1) out.add(FILTER_RULES.DIALECTS, field, dialects, `sets ${dialects.join(', ')}`);
  for (const d of ['exact', 'prefix', 'suffix']) checkAttributeNames(f[d], `${field}.${d}`, out);
  for (const d of ['all', 'any']) checkFiltersList(f[d], `${field}.${d}`, out);
  if (f.not !== undefined) checkFilter(f.not, `${field}.not`, out);
  if (typeof f.cesql === 'string' && f.cesql !== '') {
    const problem = cesqlProblem(f.cesql);
    if (problem) out.add(FILTER_RULES.CESQL, `${field}.cesql`, f.cesql, problem);
  }
}

// ---------------------------------------------------------------------------
// CESQL v1: lexer and parser, enough to accept what sdk-go accepts

type Tok = { t: string; text: string };

const KEYWORDS = new Set(['AND', 'OR', 'XOR', 'NOT', 'LIKE', 'EXISTS', 'IN', 'TRUE', 'FALSE']);

/**
 * Tokens as the ANTLR lexer produces them over the upper-cased input: longest
 * match, ties to the earlier rule. Characters no rule matches are dropped
 * (sdk-go does not collect lexer errors).
 */
function lex(input: string): Tok[] {
  const s = input.toUpperCase();
  const out: Tok[] = [];
  let i = 0;
  const quoted = (q: string): number => {
    let j = i + 1;
    while (j < s.length) {
      if (s[j] === '\\' && j + 1 < s.length) j += 2;
      else if (s[j] === q && s[j + 1] === q) j += 2;
      else if (s[j] === q) return j + 1;
      else j++;
    }
    return -1;
  };
  while (i < s.length) {
    const c = s[i];
    if (/[ \t\r\n]/.test(c)) { i++; continue; }
    if (c === '"' || c === '\'') {
      const end = quoted(c);
      if (end < 0) { i++; continue; }
      out.push({ t: 'STRING', text: input.slice(i, end) });
      i = end;
      continue;
    }
    const two = s.slice(i, i + 2);
    if (['!=', '>=', '<=', '<>'].includes(two)) { out.push({ t: two, text: two }); i += 2; continue; }
    const int = /^[+-]?[0-9]+/.exec(s.slice(i));
    const word = /^[A-Z0-9]+/.exec(s.slice(i));
    const fn = /^[A-Z][A-Z_]*/.exec(s.slice(i));
    const letters = /^[A-Z]+/.exec(s.slice(i));
    const candidates: [string, number][] = [];
    // Order of the lexer rules: keywords, INTEGER_LITERAL, IDENTIFIER, IDENTIFIER_WITH_NUMBER, FUNCTION_IDENTIFIER_WITH_UNDERSCORE.
    if (letters && KEYWORDS.has(letters[0])) candidates.push([letters[0], letters[0].length]);
    if (int) candidates.push(['INT', int[0].length]);
    if (letters) candidates.push(['IDENT', letters[0].length]);
    if (word) candidates.push(['IDENT_NUM', word[0].length]);
    if (fn) candidates.push(['FN', fn[0].length]);
    if (candidates.length > 0) {
      const best = candidates.reduce((a, b) => (b[1] > a[1] ? b : a));
      out.push({ t: best[0], text: input.slice(i, i + best[1]) });
      i += best[1];
      continue;
    }
    if ('(),*/%+-=<>'.includes(c)) { out.push({ t: c, text: c }); i++; continue; }
    i++; // token recognition error: dropped
  }
  return out;
}

/** Undefined when the expression parses; otherwise why not. */
export function cesqlProblem(source: string): string | undefined {
  const toks = lex(source);
  let p = 0;
  const peek = (k = 0) => toks[p + k]?.t;
  const fail = (what: string): never => {
    throw new Error(p < toks.length ? `${what}, found "${toks[p].text}"` : `${what} at the end`);
  };
  const expect = (t: string, what: string) => (peek() === t ? toks[p++] : fail(`expected ${what}`));
  const isIdentifier = (t?: string) => t === 'IDENT' || t === 'IDENT_NUM';

  // Precedence climbing over the grammar's levels (higher binds tighter).
  const BINARY: Record<string, number> = { '*': 4, '/': 4, '%': 4, '+': 3, '-': 3, '=': 2, '!=': 2, '<>': 2, '>=': 2, '<=': 2, '<': 2, '>': 2, AND: 1, OR: 1, XOR: 1 };
  const primary = (): void => {
    const t = peek();
    if ((t === 'IDENT' || t === 'FN') && peek(1) === '(') {
      p += 2;
      if (peek() !== ')') {
        expression(0);
        while (peek() === ',') { p++; expression(0); }
      }
      expect(')', '")"');
    } else if (t === 'NOT' || t === '-') {
      p++;
      expression(5);
    } else if (t === 'EXISTS') {
      p++;
      if (!isIdentifier(peek())) fail('expected an attribute name after EXISTS');
      p++;
    } else if (t === '(') {
      p++;
      expression(0);
      expect(')', '")"');
    } else if (t === 'TRUE' || t === 'FALSE' || t === 'STRING' || isIdentifier(t)) {
      p++;
    } else if (t === 'INT') {
      const n = Number(toks[p].text);
      if (n > 2147483647 || n < -2147483648) fail('an integer outside the 32-bit range');
      p++;
    } else {
      fail('expected a value, an attribute or a function call');
    }
  };
  const expression = (minLevel: number): void => {
    primary();
    for (;;) {
      const t = peek();
      const negated = t === 'NOT' && (peek(1) === 'LIKE' || peek(1) === 'IN');
      const op = negated ? peek(1) : t;
      if (op === 'LIKE' && minLevel <= 5) {
        p += negated ? 2 : 1;
        expect('STRING', 'a string literal after LIKE');
      } else if (op === 'IN' && minLevel <= 5) {
        p += negated ? 2 : 1;
        expect('(', '"(" after IN');
        expression(0);
        while (peek() === ',') { p++; expression(0); }
        expect(')', '")"');
      } else if (op !== undefined && BINARY[op] !== undefined && BINARY[op] >= minLevel) {
        p++;
        // Logic operators are right-associative; the others left-associative.
        expression(BINARY[op] === 1 ? 1 : BINARY[op] + 1);
      } else {
        return;
      }
    }
  };
  try {
    if (toks.length === 0) fail('expected an expression');
    expression(0);
    if (p < toks.length) fail('unexpected input');
    return undefined;
  } catch (e) {
    return `syntax error: ${(e as Error).message}`;
  }
}

// ---------------------------------------------------------------------------
// which event types a filter lets through (for the app-wide check)

/**
 * Whether a Trigger's filter can let an event of `type` through: false when it
 * certainly cannot, true when it can, undefined when the filter says nothing
 * decidable about `type` (cesql, any, not). `filters` wins over `filter`.
 */
export function filterAdmitsType(spec: Record<string, any>, type: string): boolean | undefined {
  if (Array.isArray(spec.filters) && spec.filters.length > 0) {
    let verdict: boolean | undefined = true;
    for (const f of spec.filters) {
      const v = entryAdmits(f, type);
      if (v === false) return false;
      if (v === undefined) verdict = undefined;
    }
    return verdict;
  }
  const want = obj(spec.filter?.attributes)?.type;
  if (typeof want !== 'string' || want === '') return true;
  return want === type;
}

function entryAdmits(f: unknown, type: string): boolean | undefined {
  const e = obj(f);
  if (!e) return undefined;
  const check = (map: unknown, test: (want: string) => boolean): boolean | undefined => {
    const want = obj(map)?.type;
    return typeof want === 'string' ? test(want) : true;
  };
  if (obj(e.exact)) return check(e.exact, (w) => w === type);
  if (obj(e.prefix)) return check(e.prefix, (w) => type.startsWith(w));
  if (obj(e.suffix)) return check(e.suffix, (w) => type.endsWith(w));
  if (Array.isArray(e.all)) {
    let verdict: boolean | undefined = true;
    for (const sub of e.all) {
      const v = entryAdmits(sub, type);
      if (v === false) return false;
      if (v === undefined) verdict = undefined;
    }
    return verdict;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// the construct-facing form

/**
 * One entry of a Trigger's (or EventPolicy's) `filters`: the subscriptions-API
 * dialects. Entries of a list are ANDed.
 *
 * ```ts
 * EventFilter.exact({ type: 'dev.acme.order.placed' })
 * EventFilter.cesql("type = 'dev.acme.order.placed' AND source LIKE '%/eu/%'")
 * ```
 */
export class EventFilter {
  /** Every attribute equals the value. */
  public static exact(attributes: Record<string, string>): EventFilter {
    return new EventFilter({ exact: { ...attributes } }, checkArgs('EventFilter.exact', { attributes }, ATTRIBUTES, ['attributes']));
  }

  /** Every attribute starts with the value. */
  public static prefix(attributes: Record<string, string>): EventFilter {
    return new EventFilter({ prefix: { ...attributes } }, checkArgs('EventFilter.prefix', { attributes }, ATTRIBUTES, ['attributes']));
  }

  /** Every attribute ends with the value. */
  public static suffix(attributes: Record<string, string>): EventFilter {
    return new EventFilter({ suffix: { ...attributes } }, checkArgs('EventFilter.suffix', { attributes }, ATTRIBUTES, ['attributes']));
  }

  /** All of the filters pass. */
  public static all(...filters: EventFilter[]): EventFilter {
    return new EventFilter({ all: filters.map((f) => f?._toJson?.()) }, checkArgs('EventFilter.all', { filters }, FILTERS));
  }

  /** At least one of the filters passes. */
  public static any(...filters: EventFilter[]): EventFilter {
    return new EventFilter({ any: filters.map((f) => f?._toJson?.()) }, checkArgs('EventFilter.any', { filters }, FILTERS));
  }

  /** The filter does not pass. */
  public static not(filter: EventFilter): EventFilter {
    return new EventFilter({ not: filter?._toJson?.() }, checkArgs('EventFilter.not', { filter }, { filter: FILTER }, ['filter']));
  }

  /** A CloudEvents SQL expression, e.g. `type = 'dev.acme.order.placed'`. */
  public static cesql(expression: string): EventFilter {
    return new EventFilter({ cesql: expression }, checkArgs('EventFilter.cesql', { expression }, { expression: T.string({ nonEmpty: true }) }, ['expression']));
  }

  private constructor(private readonly json: Record<string, unknown>, argFindings: RawFinding[]) {
    withArgFindings(this, argFindings);
  }

  /** @internal The rendered entry (a bigint, reported by the argument check, as text: `all`/`any`/`not` copy entries when made). */
  public _toJson(): Record<string, unknown> {
    return JSON.parse(JSON.stringify(this.json, (_, v) => (typeof v === 'bigint' ? String(v) : v)));
  }
}

// An empty map or list would match every event: the filter the author meant is not there.
const ATTRIBUTES: PropShape = { attributes: T.record(T.string(), { nonEmpty: true }) };
const FILTER = T.instanceOf(EventFilter, 'EventFilter', 'use `EventFilter.exact({...})`, `.prefix`, `.suffix`, `.all`, `.any`, `.not` or `.cesql(expression)`');
const FILTERS: PropShape = { filters: T.array(FILTER, { nonEmpty: true }) };
