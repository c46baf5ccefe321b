// PromQL as Prometheus parses a rule's `expr` (promql/parser ParseExpr, which
// the operator's admission webhook runs through rulefmt): the syntax from the
// Prometheus project's own Lezer grammar, the type checks of its checkAST
// (argument types, range vs instant vectors, set operators) from the linter
// of its codemirror-promql package, which ports them, and here what neither
// covers (escapes, regexps, ranges, modifiers, experimental features), as
// promql/parser v0.313.1 (the prometheus-operator v0.93.0 webhook) has them.
// Loaded on first use: most checks never see a PrometheusRule.
import type { SyntaxNode, Tree } from '@lezer/common';
import { goRegexpProblem } from './go-regexp';

/** A problem Prometheus' parser reports for an expression, at a 0-based offset. */
export interface PromqlProblem {
  readonly from: number;
  readonly message: string;
  /** Refused only while the webhook and Prometheus run without `--enable-feature=promql-experimental-functions`. @default false */
  readonly experimental?: boolean;
}

interface Analyzer {
  tree: unknown;
  analyze(): void;
  getDiagnostics(): { from: number; message: string }[];
}

let load: (() => { parse(expr: string): Tree; analyze(expr: string, tree: Tree): PromqlProblem[] }) | undefined = () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { EditorState } = require('@codemirror/state') as typeof import('@codemirror/state');
  const { parser: grammar } = require('@prometheus-io/lezer-promql') as typeof import('@prometheus-io/lezer-promql');
  // Not re-exported by the package's index: the linter's analyzer, pinned with the package version.
  const { Parser } = require('@prometheus-io/codemirror-promql/dist/cjs/parser/parser.js') as { Parser: new (state: unknown) => Analyzer };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return {
    // A whole parse: an editor state parses in time slices and may hold a partial tree.
    parse: (expr) => grammar.parse(expr),
    analyze: (expr, tree) => {
      const analyzer = new Parser(EditorState.create({ doc: expr }));
      analyzer.tree = tree;
      analyzer.analyze();
      return analyzer.getDiagnostics().map((d) => ({ from: d.from, message: d.message }));
    },
  };
};
let engine: ReturnType<NonNullable<typeof load>> | undefined;

/** Functions and aggregators promql/parser v0.313.1 marks experimental (functions.go `Experimental: true`, IsExperimentalAggregator). */
const EXPERIMENTAL = new Set([
  'first_over_time', 'histogram_quantiles', 'double_exponential_smoothing', 'info', 'max_of', 'min_of', 'mad_over_time',
  'ts_of_first_over_time', 'ts_of_max_over_time', 'ts_of_min_over_time', 'ts_of_last_over_time', 'sort_by_label', 'sort_by_label_desc',
  'limitk', 'limit_ratio',
]);
const AGGREGATORS_WITH_PARAM = new Set(['topk', 'bottomk', 'quantile', 'count_values', 'limitk', 'limit_ratio']);
const SELECTORS = new Set(['VectorSelector', 'MatrixSelector', 'SubqueryExpr']);

/**
 * The syntax tree of `expr`, parsed as Go's lexer reads it: the grammar wants
 * a digit after a decimal point (`1.`, `0.e3`), Go's lexer does not (same
 * length, same validity); nor a colon in a grouping label (`by (a:b)`), which
 * Go lexes as it lexes a metric name.
 */
function parse(expr: string): { text: string; tree: Tree } {
  if (load) {
    engine = load();
    load = undefined;
  }
  const text = expr
    .replace(/(^|[^\w.])(\d+)\.(?![\d.])/g, (_m, pre: string, digits: string) => `${pre}${digits}0`)
    .replace(/\b(by|without|on|ignoring|group_left|group_right)(\s*\()([^()"'`]*)\)/g, (_m, kw: string, open: string, labels: string) => `${kw}${open}${labels.replace(/:/g, '_')})`);
  return { text, tree: engine!.parse(text) };
}

/** A label matcher of a vector selector, its value unquoted. */
export interface PromqlMatcher {
  readonly label: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

/** A vector selector: its metric name (the identifier, a quoted name in braces, or a `__name__=` matcher) and its label matchers. */
export interface PromqlSelector {
  /** @default - none: the selector names no metric */
  readonly metric?: string;
  readonly matchers: readonly PromqlMatcher[];
}

const MATCH_OPS: Record<string, PromqlMatcher['op']> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

/** The vector selectors of `expr`, in order; none when Prometheus would refuse it (promqlProblems). */
export function promqlSelectors(expr: string): PromqlSelector[] {
  if (promqlProblems(expr).length > 0) return [];
  const { tree } = parse(expr);
  const at = (node: { from: number; to: number }) => expr.slice(node.from, node.to);
  const out: PromqlSelector[] = [];
  tree.iterate({
    enter: (ref) => {
      if (ref.name !== 'VectorSelector') return undefined;
      const node = ref.node;
      const id = node.getChild('Identifier');
      let metric = id ? at(id) : undefined;
      const matchers: PromqlMatcher[] = [];
      for (let m = node.getChild('LabelMatchers')?.firstChild; m; m = m.nextSibling) {
        if (m.name === 'QuotedLabelName') {
          metric = unquote(at(m));
          continue;
        }
        const name = m.getChild('LabelName') ?? m.getChild('QuotedLabelName');
        const op = MATCH_OPS[m.getChild('MatchOp')?.firstChild?.name ?? ''];
        const literal = m.getChildren('StringLiteral').pop();
        if (!name || !op || !literal) continue;
        const label = name.name === 'QuotedLabelName' ? unquote(at(name)) : at(name);
        const value = unquote(at(literal));
        if (label === '__name__' && op === '=') metric = value;
        else matchers.push({ label, op, value });
      }
      out.push({ metric, matchers });
      return false;
    },
  });
  return out;
}

/** Whether a matcher admits a label value: RE2 regexps are anchored; one JavaScript cannot read counts as admitting. */
export function matcherAdmits(m: PromqlMatcher, value: string): boolean {
  if (m.op === '=') return value === m.value;
  if (m.op === '!=') return value !== m.value;
  const re = anchored(m.value);
  if (!re) return true;
  return re.test(value) === (m.op === '=~');
}

/**
 * A matcher's RE2 pattern as Prometheus runs it (anchored), in JavaScript;
 * undefined when JavaScript cannot read it. Inline flag groups are dropped:
 * JavaScript lacks them, and they change what a character matches, never
 * whether "" does.
 */
function anchored(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern.replace(/\(\?[imsU-]+\)/g, '').replace(/\(\?[imsU-]+:/g, '(?:')})$`, 'u');
  } catch {
    return undefined;
  }
}

/** What Prometheus' parser refuses in `expr`, first problem first (ParseExpr reports from the first); empty when it parses. */
export function promqlProblems(expr: string): PromqlProblem[] {
  const { text, tree } = parse(expr);
  const found: PromqlProblem[] = [];
  const add = (node: { from: number }, message: string, experimental?: boolean) => found.push({ from: node.from, message, experimental });
  const at = (node: { from: number; to: number }) => expr.slice(node.from, node.to);
  let syntax: PromqlProblem | undefined;
  tree.iterate({
    enter: (ref) => {
      const node = ref.node;
      if (node.type.isError) {
        syntax ??= { from: node.from, message: syntaxError(expr, node.from) };
        return false;
      }
      switch (node.name) {
        case 'StringLiteral': {
          const problem = stringProblem(at(node));
          if (problem) add(node, problem);
          break;
        }
        case 'VectorSelector': checkSelector(node, at, add); break;
        case 'MatrixSelector':
          // `x + y[5m]`: the grammar ranges over the binary expression, Go over `y`, which makes a range operand.
          if (node.firstChild?.name === 'BinaryExpr') add(node, 'binary expression must contain only scalar and instant vector types');
          else if (node.firstChild?.name !== 'VectorSelector') add(node, 'ranges only allowed for vector selectors');
          checkRange(node.getChild('DurationExpr'), at, add);
          break;
        case 'SubqueryExpr':
          if (node.firstChild?.name === 'BinaryExpr') add(node, 'binary expression must contain only scalar and instant vector types');
          for (const d of node.getChildren('DurationExpr')) checkRange(d, at, add);
          break;
        case 'OffsetExpr': {
          if (!SELECTORS.has(modified(node.firstChild))) add(node, 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery');
          let d = node.getChild('OffsetDurationExpr');
          if (d?.firstChild?.name === 'UnaryOp') d = d.getChild('OffsetDurationExpr');
          if (d && (d.firstChild?.name !== 'NumberDurationLiteralInDurationContext' || d.firstChild.nextSibling)) add(d, 'experimental duration expression is not enabled', true);
          break;
        }
        case 'NumberDurationLiteral':
        case 'NumberDurationLiteralInDurationContext':
          // The lexer reads a number or duration up to the next separator: `15unless` is one bad token.
          if (/[\w.]/.test(expr[node.to] ?? '')) add(node, `bad number or duration syntax: ${JSON.stringify(expr.slice(node.from, node.to + 1))}`);
          break;
        case 'BinaryExpr':
          // The grammar can hang a modifier over the whole expression, hiding a range operand from the type checks.
          if (isRange(node.firstChild) || isRange(node.lastChild)) add(node, 'binary expression must contain only scalar and instant vector types');
          break;
        case 'StepInvariantExpr':
          if (!SELECTORS.has(modified(node.firstChild)) && modified(node.firstChild) !== 'OffsetExpr') add(node, '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery');
          break;
        case 'AggregateExpr': {
          const op = at(node.getChild('AggregateOp') ?? node).toLowerCase();
          const args = childExprs(node.getChild('FunctionCallBody'));
          const want = AGGREGATORS_WITH_PARAM.has(op) ? 2 : 1;
          if (args !== want) add(node, `wrong number of arguments for aggregate expression provided, expected ${want}, got ${args}`);
          if (EXPERIMENTAL.has(op)) add(node, `${op}() is experimental and must be enabled with --enable-feature=promql-experimental-functions`, true);
          break;
        }
        case 'FunctionIdentifier': {
          const name = at(node);
          if (EXPERIMENTAL.has(name)) add(node, `function "${name}" is not enabled`, true);
          break;
        }
        default:
      }
      return undefined;
    },
  });
  // The parser stops at a syntax error: nothing after it is checked.
  if (syntax) return [syntax];
  found.push(...engine!.analyze(text, tree));
  // Prometheus reports from the first problem on; an experimental one only blocks when nothing else does.
  found.sort((a, b) => Number(a.experimental ?? false) - Number(b.experimental ?? false) || a.from - b.from);
  return found.slice(0, 1);
}

/**
 * What a modifier (`offset`, `@`) applies to: the grammar hangs it over a
 * whole binary expression (`a + b offset 5m`), Go's parser on its last operand.
 */
function modified(node: SyntaxNode | null): string {
  for (;;) {
    if ((node?.name === 'BinaryExpr' || node?.name === 'UnaryExpr') && node.lastChild) node = node.lastChild;
    else if ((node?.name === 'StepInvariantExpr' || node?.name === 'OffsetExpr') && node.firstChild) node = node.firstChild;
    else return node?.name ?? '';
  }
}

/** A range vector operand (`x[5m]`, a subquery, either with modifiers). */
function isRange(node: SyntaxNode | null): boolean {
  while ((node?.name === 'StepInvariantExpr' || node?.name === 'OffsetExpr') && node.firstChild) node = node.firstChild;
  return node?.name === 'MatrixSelector' || node?.name === 'SubqueryExpr';
}

/** The expressions of an argument list (the grammar nests them directly). */
function childExprs(body: SyntaxNode | null): number {
  let n = 0;
  for (let c = body?.firstChild; c; c = c.nextSibling) n++;
  return n;
}

function syntaxError(expr: string, at: number): string {
  if (at >= expr.length) return `syntax error: unexpected end of input at column ${at + 1}`;
  return `syntax error: unexpected ${JSON.stringify(expr.slice(at, at + 12))} at column ${at + 1}`;
}

/** The lexer's string checks (lex.go lexString, lexEscape, lexRawString). */
function stringProblem(literal: string): string | undefined {
  const quote = literal[0];
  if (literal.length < 2 || literal[literal.length - 1] !== quote) return quote === '`' ? 'unterminated raw string' : 'unterminated quoted string';
  if (quote === '`') return undefined;
  const body = literal.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') continue;
    const rest = body.slice(i + 1);
    const simple = /^[abfnrtv\\]/.test(rest) || rest[0] === quote;
    const numeric = /^[0-7]{3}/.exec(rest) ?? /^x[0-9a-fA-F]{2}/.exec(rest) ?? /^u[0-9a-fA-F]{4}/.exec(rest) ?? /^U[0-9a-fA-F]{8}/.exec(rest);
    if (simple) { i++; continue; }
    if (!numeric) return rest === '' ? 'escape sequence not terminated' : `unknown escape sequence ${JSON.stringify(`\\${rest[0]}`)}`;
    const value = parseInt(rest[0] === 'x' || rest[0] === 'u' || rest[0] === 'U' ? numeric[0].slice(1) : numeric[0], rest[0] >= '0' && rest[0] <= '7' ? 8 : 16);
    if (value > (/^[0-7x]/.test(rest) ? 255 : 0x10ffff) || (value >= 0xd800 && value < 0xe000)) return 'escape sequence is an invalid Unicode code point';
    i += numeric[0].length;
  }
  return undefined;
}

/** The value of a valid string literal. */
function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  if (literal[0] === '`') return body;
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
  return body.replace(/\\(?:([0-7]{3})|x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([^]))/g, (_m, oct?: string, hex?: string, u4?: string, u8?: string, c?: string) => {
    if (oct) return String.fromCharCode(parseInt(oct, 8));
    const code = hex ?? u4 ?? u8;
    return code ? String.fromCodePoint(parseInt(code, 16)) : simple[c!] ?? c!;
  });
}

/** Matchers: regexps compile (RE2, anchored); a selector without a name needs one matcher that does not match "". */
function checkSelector(node: SyntaxNode, at: (n: SyntaxNode) => string, add: (n: SyntaxNode, m: string) => void): void {
  let named = node.getChild('Identifier') !== null;
  let nonEmpty = false;
  for (let m = node.getChild('LabelMatchers')?.firstChild; m; m = m.nextSibling) {
    if (m.name === 'QuotedLabelName') { named = true; continue; }
    const op = m.getChild('MatchOp')?.firstChild?.name;
    const literal = m.getChildren('StringLiteral').pop();
    if (!op || !literal) continue;
    const value = unquote(at(literal));
    let matchesEmpty: boolean;
    if (op === 'EqlRegex' || op === 'NeqRegex') {
      const problem = goRegexpProblem(value);
      if (problem) {
        add(literal, `error parsing regexp: ${problem}`);
        continue;
      }
      // RE2 syntax JavaScript lacks: assume it needs a character.
      const empty = anchored(value)?.test('') ?? false;
      matchesEmpty = op === 'EqlRegex' ? empty : !empty;
    } else matchesEmpty = op === 'EqlSingle' ? value === '' : value !== '';
    if (!matchesEmpty) nonEmpty = true;
  }
  if (!named && !nonEmpty) add(node, 'vector selector must contain at least one non-empty matcher');
}

/** A range or subquery range: a literal duration above zero (arithmetic needs promql-duration-expr). */
function checkRange(duration: SyntaxNode | null, at: (n: SyntaxNode) => string, add: (n: SyntaxNode, m: string, experimental?: boolean) => void): void {
  if (!duration) return;
  const literal = duration.firstChild;
  if (literal?.name === 'UnaryOp') add(duration, 'duration must be greater than 0');
  else if (literal?.name === 'NumberDurationLiteralInDurationContext' && literal.nextSibling === null) {
    if (!/[1-9]/.test(at(literal))) add(duration, 'duration must be greater than 0');
  } else add(duration, 'experimental duration expression is not enabled', true);
}
