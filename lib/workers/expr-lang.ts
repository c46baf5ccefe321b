// A reader of expr-lang expressions (github.com/expr-lang/expr v1.17.8, the version in KEDA
// v2.20.2's go.mod), as far as KEDA's scaling-modifiers webhook needs it: KEDA compiles the
// formula with `expr.Compile(formula, expr.Env(map[string]float64))` and runs it once with
// every trigger at -1 (SOW#L552-588). Everything the lexer and parser accept is read; the type
// checker and the evaluator cover numbers, strings, booleans, nil, arrays, `let`, the ternary,
// `??` and the numeric builtins. What they do not cover yields `undecided`, never a guess.
//
// Upstream, at expr-lang/expr v1.17.8 (E = /root/go/pkg/mod/github.com/expr-lang/expr@v1.17.8):
// lexer: parser/lexer/state.go#L11-240, parser/lexer/lexer.go#L222-315 (escapes, strings);
// operators and precedence: parser/operator/operator.go#L31-67;
// parser: parser/parser.go#L200-940 (parseExpression, parseConditional, parsePrimary,
// parseSecondary, parseCall with the predicate builtins #L27-46, parsePostfixExpression,
// parseComparison); checker: checker/checker.go#L239-508 (names, unary, binary),
// #L515-603 (members), #L995-1047 (builtin validation), #L1250-1320 (let, sequence, ternary,
// arrays); natures: checker/nature/nature.go#L263-277, #L557-573; builtins:
// builtin/builtin.go#L35-1081, builtin/validation.go; number folding: optimizer/fold.go#L173-185;
// runtime: builtin/lib.go#L154-230, vm/runtime/runtime.go Fetch (negative indexes).

/** A syntax or type error, or an error of the one run, worded as expr-lang does. */
export class ExprError extends Error {
  constructor(message: string, readonly at?: number, readonly unknownName?: string) {
    super(message);
  }
}

/** Thrown where the reader does not follow expr-lang (the caller answers `undecided`). */
class Undecided extends Error {}

// ------------------------------------------------------------------ lexer

type Kind = 'Identifier' | 'Number' | 'String' | 'Bytes' | 'Operator' | 'Bracket' | 'EOF';
interface Token { kind: Kind; value: string; at: number }

const isSpace = (c: string): boolean => /^\p{White_Space}$/u.test(c); // Go's unicode.IsSpace
const isAlphabetic = (c: string): boolean => c === '_' || c === '$' || /^\p{L}$/u.test(c);
const isAlphaNumeric = (c: string): boolean => isAlphabetic(c) || /^\p{Nd}$/u.test(c);
const KEYWORD_OPERATORS = new Set(['in', 'or', 'and', 'matches', 'contains', 'startsWith', 'endsWith', 'let', 'if', 'else']);
const NEGATABLE = new Set(['contains', 'matches', 'startsWith', 'endsWith', 'in']);

/** The tokens of an expression (state.go#L11-240). */
export function lexExpr(source: string): Token[] {
  const chars = [...source];
  const out: Token[] = [];
  let i = 0;
  const peek = (): string => chars[i] ?? '';
  const accept = (valid: string): boolean => {
    if (peek() !== '' && valid.includes(peek())) { i++; return true; }
    return false;
  };
  const acceptRun = (valid: string): void => { while (accept(valid)); };
  const word = (start: number): string => chars.slice(start, i).join('');
  while (i < chars.length) {
    const start = i;
    const c = chars[i++];
    const emit = (kind: Kind, value = word(start)): void => { out.push({ kind, value, at: start }); };
    if (isSpace(c)) continue;
    if (c === '\'' || c === '"') { emitString(start, start); continue; }
    if (c === '`') {
      let value = '';
      for (;;) {
        if (i >= chars.length) throw new ExprError('literal not terminated', i);
        const d = chars[i++];
        if (d === '`' && peek() === '`') { value += '`'; i++; continue; }
        if (d === '`') break;
        value += d;
      }
      emit('String', value);
      continue;
    }
    if ((c === 'b' || c === 'B') && (peek() === '\'' || peek() === '"')) {
      emitString(start, start + 1, 'Bytes');
      continue;
    }
    if ((c >= '0' && c <= '9') || (c === '.' && /[0-9]/.test(peek()))) {
      i = start;
      emit('Number', scanNumber());
      continue;
    }
    if (c === '?') { accept('.?'); emit('Operator'); continue; }
    if (c === '/') {
      if (accept('/')) { while (i < chars.length && chars[i++] !== '\n'); continue; }
      if (accept('*')) {
        for (;;) {
          if (i >= chars.length) throw new ExprError('unclosed comment', i);
          if (chars[i++] === '*' && accept('/')) break;
        }
        continue;
      }
      emit('Operator');
      continue;
    }
    if (c === '#') {
      accept('#');
      emit('Operator');
      const nameStart = i;
      while (i < chars.length && isAlphaNumeric(peek())) i++;
      if (i > nameStart) out.push({ kind: 'Identifier', value: word(nameStart), at: nameStart });
      continue;
    }
    if (c === '|') { accept('|'); emit('Operator'); continue; }
    if (c === ':') { accept(':'); emit('Operator'); continue; }
    if ('([{)]}'.includes(c)) { emit('Bracket'); continue; }
    if (',;%+-^'.includes(c)) { emit('Operator'); continue; }
    if ('&!=*<>'.includes(c)) { accept('&=*'); emit('Operator'); continue; }
    if (c === '.') { accept('.'); emit('Operator'); continue; }
    if (isAlphaNumeric(c)) {
      while (i < chars.length && isAlphaNumeric(peek())) i++;
      const w = word(start);
      if (w === 'not') {
        emit('Operator');
        while (peek() === ' ') i++;
        const next = i;
        while (i < chars.length && isAlphaNumeric(peek())) i++;
        if (NEGATABLE.has(word(next))) out.push({ kind: 'Operator', value: word(next), at: next });
        else i = next;
        continue;
      }
      emit(KEYWORD_OPERATORS.has(w) ? 'Operator' : 'Identifier');
      continue;
    }
    const code = c.codePointAt(0) ?? 0;
    throw new ExprError(`unrecognized character: U+${code.toString(16).toUpperCase().padStart(4, '0')} '${c}'`, start);
  }
  out.push({ kind: 'EOF', value: '', at: chars.length });
  return out;

  function emitString(start: number, quote: number, kind: Kind = 'String'): void {
    const [value, end] = scanString(chars, quote);
    out.push({ kind, value, at: start });
    i = end;
  }

  function scanNumber(): string {
    const start = i;
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    const end = i;
    if (accept('.')) {
      if (peek() === '.') { i = end; return word(start); } // 1..2 is a range
      acceptRun(digits);
    }
    if (accept('eE')) { accept('+-'); acceptRun(digits); }
    if (peek() !== '' && isAlphaNumeric(peek())) { i++; throw new ExprError(`bad number syntax: "${word(start)}"`, i - 1); }
    return word(start);
  }
}

/** Scans a quoted string from `start` (its quote): its unescaped value and where it ends (lexer.go#L222-274, utils.go). */
function scanString(chars: string[], start: number): [string, number] {
  const quote = chars[start];
  let i = start + 1;
  let value = '';
  const hex = (n: number): string => {
    const digits = chars.slice(i, i + n).join('');
    if (digits.length < n || !/^[0-9a-fA-F]+$/.test(digits)) throw new ExprError('invalid char escape', i);
    i += n;
    return String.fromCodePoint(parseInt(digits, 16));
  };
  for (;;) {
    const c = chars[i++];
    if (c === undefined || c === '\n') throw new ExprError('literal not terminated', i - 1);
    if (c === quote) break;
    if (c !== '\\') { value += c === '\r' ? '\n' : c; continue; }
    const e = chars[i++];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (e === quote) value += quote;
    else if (e !== undefined && e in simple) value += simple[e];
    else if (e !== undefined && e >= '0' && e <= '7') {
      const digits = chars.slice(i - 1, i + 2).join('');
      if (!/^[0-7]{3}$/.test(digits)) throw new ExprError('invalid char escape', i);
      i += 2;
      value += String.fromCharCode(parseInt(digits, 8));
    } else if (e === 'x') value += hex(2);
    else if (e === 'u' && chars[i] === '{') {
      const close = chars.indexOf('}', i);
      const digits = close < 0 ? '' : chars.slice(i + 1, close).join('');
      if (!/^[0-9a-fA-F]{1,6}$/.test(digits)) throw new ExprError('invalid char escape', i);
      i = close + 1;
      value += String.fromCodePoint(Math.min(parseInt(digits, 16), 0x10ffff));
    } else if (e === 'u') value += hex(4);
    else if (e === 'U') value += hex(8);
    else throw new ExprError('invalid char escape', i - 1);
  }
  return [value, i];
}

// ------------------------------------------------------------------ parser

export type ExprNode =
  | { t: 'nil' } | { t: 'bool'; v: boolean } | { t: 'int'; v: bigint } | { t: 'float'; v: number }
  | { t: 'string'; v: string } | { t: 'bytes' } | { t: 'ident'; name: string; at: number }
  | { t: 'unary'; op: string; node: ExprNode } | { t: 'binary'; op: string; left: ExprNode; right: ExprNode }
  | { t: 'cond'; cond: ExprNode; yes: ExprNode; no: ExprNode } | { t: 'let'; name: string; value: ExprNode; body: ExprNode }
  | { t: 'seq'; nodes: ExprNode[] } | { t: 'array'; nodes: ExprNode[] } | { t: 'map'; pairs: Array<[ExprNode, ExprNode]> }
  | { t: 'member'; node: ExprNode; prop: ExprNode; optional: boolean; method: boolean }
  | { t: 'slice'; node: ExprNode; from?: ExprNode; to?: ExprNode } | { t: 'call'; callee: ExprNode; args: ExprNode[] }
  | { t: 'builtin'; name: string; args: ExprNode[] } | { t: 'predicate'; node: ExprNode } | { t: 'pointer'; name: string }
  | { t: 'chain'; node: ExprNode };

const BINARY: Record<string, [number, 'L' | 'R']> = {
  '|': [0, 'L'], or: [10, 'L'], '||': [10, 'L'], and: [15, 'L'], '&&': [15, 'L'],
  '==': [20, 'L'], '!=': [20, 'L'], '<': [20, 'L'], '>': [20, 'L'], '>=': [20, 'L'], '<=': [20, 'L'],
  in: [20, 'L'], matches: [20, 'L'], contains: [20, 'L'], startsWith: [20, 'L'], endsWith: [20, 'L'],
  '..': [25, 'L'], '+': [30, 'L'], '-': [30, 'L'], '*': [60, 'L'], '/': [60, 'L'], '%': [60, 'L'],
  '**': [100, 'R'], '^': [100, 'R'], '??': [500, 'L'],
};
const UNARY: Record<string, number> = { not: 50, '!': 50, '-': 90, '+': 90 };
const COMPARISONS = new Set(['<', '>', '>=', '<=']);
/** parser.go#L27-46: builtins whose arguments include a predicate (closure). */
const PREDICATES: Record<string, string[]> = {
  all: ['e', 'p'], none: ['e', 'p'], any: ['e', 'p'], one: ['e', 'p'], filter: ['e', 'p'], map: ['e', 'p'],
  count: ['e', 'p?'], sum: ['e', 'p?'], find: ['e', 'p'], findIndex: ['e', 'p'], findLast: ['e', 'p'],
  findLastIndex: ['e', 'p'], groupBy: ['e', 'p'], sortBy: ['e', 'p', 'e?'], reduce: ['e', 'p', 'e?'],
};
/** builtin/builtin.go#L35-1081: every builtin name. */
export const EXPR_BUILTINS: ReadonlySet<string> = new Set([...Object.keys(PREDICATES),
  'len', 'type', 'abs', 'ceil', 'floor', 'round', 'int', 'float', 'string', 'trim', 'trimPrefix', 'trimSuffix', 'upper',
  'lower', 'split', 'splitAfter', 'replace', 'repeat', 'join', 'indexOf', 'lastIndexOf', 'hasPrefix', 'hasSuffix', 'max',
  'min', 'mean', 'median', 'toJSON', 'fromJSON', 'toBase64', 'fromBase64', 'now', 'duration', 'date', 'timezone', 'first',
  'last', 'get', 'take', 'keys', 'values', 'toPairs', 'fromPairs', 'reverse', 'uniq', 'concat', 'flatten', 'sort',
  'bitand', 'bitor', 'bitxor', 'bitnand', 'bitshl', 'bitshr', 'bitushr', 'bitnot']);

const show = (t: Token): string => (t.kind === 'EOF' ? 'EOF' : `${t.kind}(${JSON.stringify(t.value)})`);
const isIdentifier = (s: string): boolean => s !== '' && isAlphabetic([...s][0]) && [...s].every(isAlphaNumeric);
const INT_MAX = (1n << 63n) - 1n;

/** Parses an expression as parser.go does; throws ExprError on the first syntax error. */
export function parseExpr(source: string): ExprNode {
  const tokens = lexExpr(source);
  let pos = 0;
  let depth = 0;
  let cur = tokens[0];
  const is = (t: Token, kind: Kind, ...values: string[]): boolean => t.kind === kind && (values.length === 0 || values.includes(t.value));
  const fail = (t: Token = cur, msg = `unexpected token ${show(t)}`): never => { throw new ExprError(msg, t.at); };
  const next = (): void => {
    if (cur.kind === 'EOF') fail(cur, 'unexpected end of expression');
    cur = tokens[++pos];
  };
  const expect = (kind: Kind, ...values: string[]): void => { if (is(cur, kind, ...values)) next(); else fail(); };

  const node = sequence();
  if (!is(cur, 'EOF')) fail();
  return node;

  function sequence(): ExprNode {
    const nodes = [expression(0)];
    while (is(cur, 'Operator', ';')) {
      next();
      if (is(cur, 'EOF')) break;
      nodes.push(expression(0));
    }
    return nodes.length === 1 ? nodes[0] : { t: 'seq', nodes };
  }

  function expression(precedence: number): ExprNode {
    if (precedence === 0 && is(cur, 'Operator', 'let')) {
      next();
      const name = cur.value;
      expect('Identifier');
      expect('Operator', '=');
      const value = expression(0);
      expect('Operator', ';');
      return { t: 'let', name, value, body: sequence() };
    }
    if (precedence === 0 && is(cur, 'Operator', 'if')) return conditionalIf();
    let left = primary();
    let prev = '';
    let op = cur;
    while (op.kind === 'Operator') {
      const negate = op.value === 'not';
      if (negate) {
        const backup = pos;
        next();
        if (!NEGATABLE.has(cur.value)) fail();
        if (BINARY[cur.value][0] < precedence) { pos = backup; cur = tokens[pos]; break; }
        op = cur;
      }
      const binary = BINARY[op.value];
      if (!binary || binary[0] < precedence) break;
      next();
      if (op.value === '|') {
        const ident = cur;
        expect('Identifier');
        left = call(ident, [left]);
      } else {
        if (prev === '??' && op.value !== '??') fail(op, `Operator (${op.value}) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.`);
        if (COMPARISONS.has(op.value)) left = comparison(left, op, binary[0]);
        else {
          const right = expression(binary[1] === 'L' ? binary[0] + 1 : binary[0]);
          left = { t: 'binary', op: op.value, left, right };
          if (negate) left = { t: 'unary', op: 'not', node: left };
        }
      }
      prev = op.value;
      op = cur;
    }
    if (precedence === 0) {
      while (is(cur, 'Operator', '?')) {
        next();
        let yes: ExprNode;
        let no: ExprNode;
        if (!is(cur, 'Operator', ':')) {
          yes = expression(0);
          expect('Operator', ':');
          no = expression(0);
        } else {
          next();
          yes = left;
          no = expression(0);
        }
        left = { t: 'cond', cond: left, yes, no };
      }
    }
    return left;
  }

  function conditionalIf(): ExprNode {
    next();
    const cond = expression(0);
    expect('Bracket', '{');
    const yes = sequence();
    expect('Bracket', '}');
    expect('Operator', 'else');
    let no: ExprNode;
    if (is(cur, 'Operator', 'if')) no = conditionalIf();
    else {
      expect('Bracket', '{');
      no = sequence();
      expect('Bracket', '}');
    }
    return { t: 'cond', cond, yes, no };
  }

  function comparison(first: ExprNode, token: Token, precedence: number): ExprNode {
    let root: ExprNode | undefined;
    let left = first;
    for (;;) {
      const right = expression(precedence + 1);
      const cmp: ExprNode = { t: 'binary', op: token.value, left, right };
      root = root ? { t: 'binary', op: '&&', left: root, right: cmp } : cmp;
      left = right;
      token = cur;
      if (!(token.kind === 'Operator' && COMPARISONS.has(token.value))) break;
      next();
    }
    return root;
  }

  function primary(): ExprNode {
    const token = cur;
    if (token.kind === 'Operator' && token.value in UNARY) {
      next();
      return postfix({ t: 'unary', op: token.value, node: expression(UNARY[token.value]) });
    }
    if (is(token, 'Bracket', '(')) {
      next();
      const inner = sequence();
      expect('Bracket', ')');
      return postfix(inner);
    }
    if (depth > 0 && (is(token, 'Operator', '#') || is(token, 'Operator', '.'))) {
      let name = '';
      if (is(token, 'Operator', '#')) {
        next();
        if (cur.kind === 'Identifier') { name = cur.value; next(); }
      }
      return postfix({ t: 'pointer', name });
    }
    if (is(token, 'Operator', '::')) {
      next();
      const ident = cur;
      expect('Identifier');
      return postfix(call(ident, [], false));
    }
    return secondary();
  }

  function secondary(): ExprNode {
    const token = cur;
    let node: ExprNode;
    switch (token.kind) {
      case 'Identifier':
        next();
        if (token.value === 'true' || token.value === 'false') return { t: 'bool', v: token.value === 'true' };
        if (token.value === 'nil') return { t: 'nil' };
        node = is(cur, 'Bracket', '(') ? call(token, []) : { t: 'ident', name: token.value, at: token.at };
        break;
      case 'Number':
        next();
        return number(token);
      case 'String':
        next();
        node = { t: 'string', v: token.value };
        break;
      case 'Bytes':
        next();
        node = { t: 'bytes' };
        break;
      default:
        if (is(token, 'Bracket', '[')) node = arrayLiteral();
        else if (is(token, 'Bracket', '{')) node = mapLiteral();
        else return fail(token);
    }
    return postfix(node);
  }

  function number(token: Token): ExprNode {
    const value = token.value.replace(/_/g, '');
    const lower = value.toLowerCase();
    // Underscores are dropped before strconv parses the literal (parser.go#L441).
    const integer = (digits: string, base: string, kind: string): ExprNode => {
      const syntax = base === '0x' ? /^[0-9a-f]+$/ : base === '0b' ? /^[01]+$/ : base === '0o' ? /^[0-7]+$/ : /^[0-9]+$/;
      if (!syntax.test(digits)) return fail(token, `invalid ${kind} literal: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
      const n = BigInt(`${base}${digits}`);
      if (n > INT_MAX) return fail(token, `invalid ${kind} literal: strconv.ParseInt: parsing ${JSON.stringify(value)}: value out of range`);
      return { t: 'int', v: n };
    };
    if (lower.startsWith('0x')) return integer(lower.slice(2), '0x', 'hex');
    if (/[.e]/.test(lower)) {
      if (!/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(lower)) {
        return fail(token, `invalid float literal: strconv.ParseFloat: parsing ${JSON.stringify(value)}: invalid syntax`);
      }
      const f = Number(lower);
      if (!Number.isFinite(f)) return fail(token, `invalid float literal: strconv.ParseFloat: parsing ${JSON.stringify(value)}: value out of range`);
      return { t: 'float', v: f };
    }
    if (lower.startsWith('0b')) return integer(lower.slice(2), '0b', 'binary');
    if (lower.startsWith('0o')) return integer(lower.slice(2), '0o', 'octal');
    return integer(value, '', 'integer');
  }

  function call(token: Token, args: ExprNode[], checkOverrides = true): ExprNode {
    void checkOverrides; // KEDA overrides no builtin
    const predicate = PREDICATES[token.value];
    if (predicate) {
      expect('Bracket', '(');
      const wanted = predicate.slice(args.length);
      for (let k = 0; k < wanted.length; k++) {
        const optional = wanted[k].endsWith('?');
        if (is(cur, 'Bracket', ')')) {
          if (optional) break;
          fail(cur, `expected at least ${wanted.length} arguments`);
        }
        if (k > 0) expect('Operator', ',');
        args.push(wanted[k].startsWith('p') ? predicateArg() : expression(0));
      }
      if (is(cur, 'Operator', ',')) next();
      expect('Bracket', ')');
      return { t: 'builtin', name: token.value, args };
    }
    if (EXPR_BUILTINS.has(token.value)) return { t: 'builtin', name: token.value, args: argumentList(args) };
    return { t: 'call', callee: { t: 'ident', name: token.value, at: token.at }, args: argumentList(args) };
  }

  function argumentList(args: ExprNode[]): ExprNode[] {
    const offset = args.length;
    expect('Bracket', '(');
    while (!is(cur, 'Bracket', ')')) {
      if (args.length > offset) expect('Operator', ',');
      if (is(cur, 'Bracket', ')')) break;
      args.push(expression(0));
    }
    expect('Bracket', ')');
    return args;
  }

  function predicateArg(): ExprNode {
    const brackets = is(cur, 'Bracket', '{');
    if (brackets) next();
    depth++;
    let node: ExprNode;
    if (brackets) node = sequence();
    else {
      node = expression(0);
      if (is(cur, 'Operator', ';')) fail(cur, 'wrap predicate with brackets { and }');
    }
    depth--;
    if (brackets) expect('Bracket', '}');
    return { t: 'predicate', node };
  }

  function arrayLiteral(): ExprNode {
    const nodes: ExprNode[] = [];
    expect('Bracket', '[');
    while (!is(cur, 'Bracket', ']')) {
      if (nodes.length > 0) {
        expect('Operator', ',');
        if (is(cur, 'Bracket', ']')) break;
      }
      nodes.push(expression(0));
    }
    expect('Bracket', ']');
    return { t: 'array', nodes };
  }

  function mapLiteral(): ExprNode {
    expect('Bracket', '{');
    const pairs: Array<[ExprNode, ExprNode]> = [];
    while (!is(cur, 'Bracket', '}')) {
      if (pairs.length > 0) {
        expect('Operator', ',');
        if (is(cur, 'Bracket', '}')) break;
        if (is(cur, 'Operator', ',')) fail();
      }
      let key: ExprNode;
      if (cur.kind === 'Number' || cur.kind === 'String' || cur.kind === 'Identifier') {
        key = { t: 'string', v: cur.value };
        next();
      } else if (is(cur, 'Bracket', '(')) key = expression(0);
      else {
        key = fail(cur, `a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token ${show(cur)})`);
      }
      expect('Operator', ':');
      pairs.push([key, expression(0)]);
    }
    expect('Bracket', '}');
    return { t: 'map', pairs };
  }

  function postfix(start: ExprNode): ExprNode {
    let node = start;
    let token = cur;
    while (token.kind === 'Operator' || token.kind === 'Bracket') {
      let optional = token.value === '?.';
      if (optional || token.value === '.') {
        next();
        const property = cur;
        if (optional && is(property, 'Bracket', '[')) {
          token = property;
        } else {
          next();
          if (property.kind !== 'Identifier' && (property.kind !== 'Operator' || !isIdentifier(property.value))) fail(property, 'expected name');
          const chained = node.t === 'chain';
          const base = node.t === 'chain' ? node.node : node;
          const member: ExprNode = { t: 'member', node: base, prop: { t: 'string', v: property.value }, optional, method: is(cur, 'Bracket', '(') };
          node = member.method ? { t: 'call', callee: member, args: argumentList([]) } : member;
          if (chained || optional) node = { t: 'chain', node };
          token = cur;
          continue;
        }
      }
      if (token.value !== '[') break;
      next();
      if (is(cur, 'Operator', ':')) {
        next();
        const to = is(cur, 'Bracket', ']') ? undefined : expression(0);
        node = { t: 'slice', node, to };
        expect('Bracket', ']');
      } else {
        const from = expression(0);
        if (is(cur, 'Operator', ':')) {
          next();
          const to = is(cur, 'Bracket', ']') ? undefined : expression(0);
          node = { t: 'slice', node, from, to };
        } else {
          node = { t: 'member', node, prop: from, optional, method: false };
          if (optional) node = { t: 'chain', node };
        }
        expect('Bracket', ']');
      }
      token = cur;
      optional = false;
    }
    return node;
  }
}

// ------------------------------------------------------------------ checker

/** What the checker knows of a value's type (checker/nature): `unknown` is expr's interface{}. */
type Nature =
  | { k: 'unknown' } | { k: 'nil' } | { k: 'int' } | { k: 'float' } | { k: 'bool' } | { k: 'string' }
  | { k: 'array'; elem: Nature } | { k: 'map' } | { k: 'func'; name: string } | { k: 'other' };
const N = {
  unknown: { k: 'unknown' } as Nature, nil: { k: 'nil' } as Nature, int: { k: 'int' } as Nature, float: { k: 'float' } as Nature,
  bool: { k: 'bool' } as Nature, string: { k: 'string' } as Nature, map: { k: 'map' } as Nature, other: { k: 'other' } as Nature,
};
const GO_TYPE: Record<string, string> = { int: 'int', float: 'float64', bool: 'bool', string: 'string', map: 'map[string]interface {}', array: '[]interface {}', nil: '<nil>', unknown: 'interface {}', func: 'func', other: 'other' };
const goType = (n: Nature): string => GO_TYPE[n.k];
const isNumber = (n: Nature): boolean => n.k === 'int' || n.k === 'float';
const isUnknown = (n: Nature): boolean => n.k === 'unknown';
/** nature.go#L567-573. */
const maybe = (l: Nature, r: Nature, ...ks: string[]): boolean => {
  const has = (n: Nature): boolean => ks.includes(n.k) || (ks.includes('number') && isNumber(n));
  return (isUnknown(l) && isUnknown(r)) || (isUnknown(l) && has(r)) || (isUnknown(r) && has(l));
};
/**
 * nature.go#L263-277 (Go's AssignableTo for the kinds the reader knows). With an unknown side
 * it answers false: the callers then fall back to an unknown nature, which never makes an error.
 */
const assignable = (a: Nature, b: Nature): boolean => {
  if (a.k === 'nil') return ['map', 'array', 'func'].includes(b.k);
  return a.k === b.k && a.k !== 'other' && a.k !== 'unknown';
};
/** nature.go#L557-565. */
const comparable = (l: Nature, r: Nature): boolean => isUnknown(l) || isUnknown(r) || l.k === 'nil' || r.k === 'nil'
  || (isNumber(l) && isNumber(r)) || (l.k === 'array' && r.k === 'array') || assignable(l, r);


class Checker {
  error?: ExprError;
  undecided?: string;
  private readonly vars: Array<[string, Nature]> = [];
  private predicates = 0;

  constructor(private readonly env: ReadonlySet<string>) {}

  private fail(msg: string, unknownName?: string): Nature {
    this.error ??= new ExprError(msg, undefined, unknownName);
    return N.unknown;
  }

  private skip(reason: string): Nature {
    this.undecided ??= reason;
    return N.unknown;
  }

  private ident(name: string, builtins: boolean): Nature {
    if (this.env.has(name)) return N.float;
    if (builtins && EXPR_BUILTINS.has(name)) return { k: 'func', name };
    return this.fail(`unknown name ${name}`, name);
  }

  visit(node: ExprNode): Nature {
    switch (node.t) {
      case 'nil': return N.nil;
      case 'bool': return N.bool;
      case 'int': return N.int;
      case 'float': return N.float;
      case 'string': return N.string;
      case 'bytes': return this.skip('byte strings');
      case 'ident': {
        for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i][0] === node.name) return this.vars[i][1];
        if (node.name === '$env') return N.unknown;
        return this.ident(node.name, true);
      }
      case 'unary': {
        const n = this.visit(node.node);
        if (node.op === '!' || node.op === 'not') return n.k === 'bool' || isUnknown(n) ? N.bool : this.fail(`invalid operation: ${node.op} (mismatched type ${goType(n)})`);
        return isNumber(n) ? n : isUnknown(n) ? N.unknown : this.fail(`invalid operation: ${node.op} (mismatched type ${goType(n)})`);
      }
      case 'binary': return this.binary(node.op, this.visit(node.left), this.visit(node.right), node.right);
      case 'chain': return this.visit(node.node);
      case 'member': return this.member(node);
      case 'slice': {
        const n = this.visit(node.node);
        if (isUnknown(n)) return N.unknown;
        if (n.k !== 'string' && n.k !== 'array') return this.fail(`cannot slice ${goType(n)}`);
        for (const bound of [node.from, node.to]) {
          if (!bound) continue;
          const b = this.visit(bound);
          if (b.k !== 'int' && !isUnknown(b)) return this.fail(`non-integer slice index ${goType(b)}`);
        }
        return n;
      }
      case 'call': {
        if (node.callee.t === 'ident' && node.callee.name === '$env') return this.fail('map[string]float64 is not callable');
        const callee = this.visit(node.callee);
        if (isUnknown(callee)) return this.skip('a call of an unknown value');
        node.args.forEach((a) => this.visit(a));
        return callee.k === 'nil' ? this.fail('nil is not callable') : this.fail(`${goType(callee)} is not callable`);
      }
      case 'builtin': return this.builtin(node.name, node.args);
      case 'predicate': {
        this.predicates++;
        this.visit(node.node);
        this.predicates--;
        return N.other;
      }
      case 'pointer': return this.predicates > 0 ? this.skip('closures') : this.fail('cannot use pointer accessor outside predicate');
      case 'let': {
        if (this.env.has(node.name)) return this.fail(`cannot redeclare ${node.name}`);
        if (EXPR_BUILTINS.has(node.name)) return this.fail(`cannot redeclare builtin ${node.name}`);
        if (this.vars.some(([name]) => name === node.name)) return this.fail(`cannot redeclare variable ${node.name}`);
        this.vars.push([node.name, this.visit(node.value)]);
        const out = this.visit(node.body);
        this.vars.pop();
        return out;
      }
      case 'seq': {
        let last = N.unknown;
        for (const n of node.nodes) last = this.visit(n);
        return last;
      }
      case 'cond': {
        const c = this.visit(node.cond);
        if (c.k !== 'bool' && !isUnknown(c)) return this.fail(`non-bool expression (type ${goType(c)}) used as condition`);
        const a = this.visit(node.yes);
        const b = this.visit(node.no);
        if (a.k === 'nil' && b.k !== 'nil') return b;
        if (a.k !== 'nil' && b.k === 'nil') return a;
        if (a.k === 'nil') return N.nil;
        if (assignable(a, b)) return a.k === 'array' && b.k === 'array' && a.elem.k !== b.elem.k ? { k: 'array', elem: N.unknown } : a;
        return N.unknown;
      }
      case 'array': {
        const natures = node.nodes.map((n) => this.visit(n));
        const same = natures.every((n) => n.k === natures[0].k);
        return { k: 'array', elem: same && natures.length > 0 ? natures[natures.length - 1] : N.unknown };
      }
      case 'map':
        for (const [key, value] of node.pairs) { this.visit(key); this.visit(value); }
        return N.map;
    }
  }

  private binary(op: string, l: Nature, r: Nature, right: ExprNode): Nature {
    const mismatch = (): Nature => this.fail(`invalid operation: ${op} (mismatched types ${goType(l)} and ${goType(r)})`);
    switch (op) {
      case '==': case '!=': return comparable(l, r) ? N.bool : mismatch();
      case 'or': case '||': case 'and': case '&&':
        return (l.k === 'bool' && r.k === 'bool') || maybe(l, r, 'bool') ? N.bool : mismatch();
      case '<': case '>': case '>=': case '<=':
        return (isNumber(l) && isNumber(r)) || (l.k === 'string' && r.k === 'string') || maybe(l, r, 'number', 'string') ? N.bool : mismatch();
      case '-': case '*': case '+':
        if (isNumber(l) && isNumber(r)) return l.k === 'float' || r.k === 'float' ? N.float : N.int;
        if (op === '+' && l.k === 'string' && r.k === 'string') return N.string;
        return maybe(l, r, 'number', ...(op === '+' ? ['string'] : [])) ? N.unknown : mismatch();
      case '/': case '**': case '^':
        return (isNumber(l) && isNumber(r)) || maybe(l, r, 'number') ? N.float : mismatch();
      case '%':
        return (l.k === 'int' && r.k === 'int') || maybe(l, r, 'int') ? N.int : mismatch();
      case 'in':
        if (r.k === 'map') return N.bool;
        if (r.k === 'array') return comparable(l, r.elem) ? N.bool : this.fail(`cannot use ${goType(l)} as type ${goType(r.elem)} in array`);
        if ((isUnknown(l) && ['string', 'array', 'map'].includes(r.k)) || isUnknown(r)) return N.bool;
        return mismatch();
      case 'matches':
        if (right.t === 'string') this.skip('regular expressions');
        return (l.k === 'string' && r.k === 'string') || maybe(l, r, 'string') ? N.bool : mismatch();
      case 'contains': case 'startsWith': case 'endsWith':
        return (l.k === 'string' && r.k === 'string') || maybe(l, r, 'string') ? N.bool : mismatch();
      case '..':
        return (l.k === 'int' && r.k === 'int') || maybe(l, r, 'int') ? { k: 'array', elem: N.int } : mismatch();
      case '??':
        if (l.k === 'nil') return r;
        if (r.k === 'nil') return l;
        return assignable(r, l) ? l : N.unknown;
      default:
        return this.fail(`unknown operator (${op})`);
    }
  }

  private member(node: Extract<ExprNode, { t: 'member' }>): Nature {
    if (node.node.t === 'ident' && node.node.name === '$env' && !this.vars.some(([n]) => n === '$env')) {
      if (node.prop.t !== 'string') return N.unknown;
      if (node.optional) return this.env.has(node.prop.v) ? N.float : N.unknown;
      return this.ident(node.prop.v, false);
    }
    const base = this.visit(node.node);
    const prop = this.visit(node.prop);
    if (isUnknown(base)) return N.unknown;
    const name = node.prop.t === 'string' ? node.prop.v : undefined;
    if (name !== undefined && base.k === 'nil') return this.fail(`type nil has no field ${name}`);
    if (base.k === 'map') return N.unknown;
    if (base.k === 'array') return prop.k === 'int' || isUnknown(prop) ? base.elem : this.fail(`array elements can only be selected using an integer (got ${goType(prop)})`);
    if (name !== undefined) return this.fail(`type ${goType(base)} has no ${node.method ? 'method' : 'field'} ${name}`);
    return this.fail(`type ${goType(base)}[${goType(prop)}] is undefined`);
  }

  /** The builtins' Validate functions (builtin.go#L112-200, validation.go), checker.go#L995-1047. */
  private builtin(name: string, argNodes: ExprNode[]): Nature {
    const args = argNodes.map((a) => this.visit(a));
    const one = (ok: (n: Nature) => boolean, out: (n: Nature) => Nature): Nature => {
      if (args.length !== 1) return this.fail(`invalid number of arguments (expected 1, got ${args.length})`);
      return isUnknown(args[0]) || ok(args[0]) ? out(args[0]) : this.fail(`invalid argument for ${name} (type ${goType(args[0])})`);
    };
    switch (name) {
      case 'len': return one((n) => ['array', 'map', 'string'].includes(n.k), () => N.int);
      case 'abs': return one(isNumber, (n) => n);
      case 'ceil': case 'floor': case 'round': return one(isNumber, () => N.float);
      case 'int': return one((n) => isNumber(n) || n.k === 'string', () => N.int);
      case 'float': return one((n) => isNumber(n) || n.k === 'string', () => N.float);
      case 'string': case 'type':
        return args.length === 1 ? N.string : this.fail(`${args.length > 1 ? 'too many' : 'not enough'} arguments to call ${name}`);
      case 'max': case 'min': {
        if (args.length === 0) return this.fail(`not enough arguments to call ${name}`);
        for (const a of args) {
          if (isUnknown(a) || a.k === 'array') return N.unknown;
          if (!isNumber(a)) return this.fail(`invalid argument for ${name} (type ${goType(a)})`);
        }
        return args[0];
      }
      default:
        return this.skip(`the builtin ${name}`);
    }
  }
}

// ------------------------------------------------------------------ evaluator

type Value = null | boolean | bigint | number | string | Value[];

const typeOf = (v: Value): string => v === null ? '<nil>' : typeof v === 'bigint' ? 'int' : typeof v === 'number' ? 'float64'
  : typeof v === 'boolean' ? 'bool' : typeof v === 'string' ? 'string' : '[]interface {}';
const toFloat = (v: Value): number => (typeof v === 'bigint' ? Number(v) : (v as number));
const wrap = (n: bigint): bigint => BigInt.asIntN(64, n);

/** Go's strconv.ParseFloat, where the reader is sure of it. */
function parseGoFloat(s: string): number | undefined {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    const f = Number(s);
    if (!Number.isFinite(f)) throw new Undecided('float range');
    return f;
  }
  if (/^[+-]?(0x|inf|nan)/i.test(s)) throw new Undecided('hexadecimal, Inf and NaN floats');
  return undefined;
}

class Evaluator {
  private readonly vars: Array<[string, Value]> = [];
  constructor(private readonly env: ReadonlyMap<string, number>) {}

  eval(node: ExprNode): Value {
    switch (node.t) {
      case 'nil': return null;
      case 'bool': case 'int': case 'float': case 'string': return node.v;
      case 'ident': {
        for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i][0] === node.name) return this.vars[i][1];
        const v = this.env.get(node.name);
        if (v === undefined) throw new Undecided(`the value of ${node.name}`);
        return v;
      }
      case 'unary': {
        const v = this.eval(node.node);
        if (node.op === '!' || node.op === 'not') {
          if (typeof v !== 'boolean') throw new ExprError(`invalid operation: ! ${typeOf(v)}`);
          return !v;
        }
        if (typeof v === 'bigint') return node.op === '-' ? wrap(-v) : v;
        if (typeof v === 'number') return node.op === '-' ? -v : v;
        throw new ExprError(`invalid operation: ${node.op}${typeOf(v)}`);
      }
      case 'binary': return this.binary(node);
      case 'cond': {
        const c = this.eval(node.cond);
        if (typeof c !== 'boolean') throw new ExprError(`interface conversion: interface {} is ${typeOf(c)}, not bool`);
        return this.eval(c ? node.yes : node.no);
      }
      case 'let': {
        this.vars.push([node.name, this.eval(node.value)]);
        const out = this.eval(node.body);
        this.vars.pop();
        return out;
      }
      case 'seq': {
        let last: Value = null;
        for (const n of node.nodes) last = this.eval(n);
        return last;
      }
      case 'array': return node.nodes.map((n) => this.eval(n));
      case 'chain': return this.eval(node.node);
      case 'member': {
        if (node.node.t === 'ident' && node.node.name === '$env' && node.prop.t === 'string' && !this.vars.some(([n]) => n === '$env')) {
          return this.env.get(node.prop.v) ?? null;
        }
        if (node.optional) break;
        const base = this.eval(node.node);
        if (!Array.isArray(base)) break;
        const index = this.eval(node.prop);
        if (typeof index !== 'bigint') break;
        const i = index < 0n ? BigInt(base.length) + index : index;
        if (i < 0n || i >= BigInt(base.length)) throw new ExprError(`index out of range: ${i} (array length is ${base.length})`);
        return base[Number(i)];
      }
      case 'builtin': return this.builtin(node.name, node.args.map((a) => this.eval(a)));
      default: break;
    }
    throw new Undecided(`evaluating ${node.t}`);
  }

  private binary(node: Extract<ExprNode, { t: 'binary' }>): Value {
    const { op } = node;
    if (op === '&&' || op === 'and' || op === '||' || op === 'or') {
      const l = this.eval(node.left);
      if (typeof l !== 'boolean') throw new ExprError(`interface conversion: interface {} is ${typeOf(l)}, not bool`);
      if ((op === '&&' || op === 'and') !== l) return l;
      const r = this.eval(node.right);
      if (typeof r !== 'boolean') throw new ExprError(`interface conversion: interface {} is ${typeOf(r)}, not bool`);
      return r;
    }
    if (op === '??') {
      const l = this.eval(node.left);
      return l === null ? this.eval(node.right) : l;
    }
    const l = this.eval(node.left);
    const r = this.eval(node.right);
    const num = (v: Value): boolean => typeof v === 'bigint' || typeof v === 'number';
    const bad = (): never => { throw new ExprError(`invalid operation: ${typeOf(l)} ${op} ${typeOf(r)}`); };
    switch (op) {
      case '==': case '!=': {
        let eq: boolean;
        if (num(l) && num(r)) eq = typeof l === 'bigint' && typeof r === 'bigint' ? l === r : toFloat(l) === toFloat(r);
        else if (Array.isArray(l) || Array.isArray(r)) throw new Undecided('array equality');
        else eq = l === r;
        return op === '==' ? eq : !eq;
      }
      case '<': case '>': case '<=': case '>=': {
        let a: number | bigint | string;
        let b: number | bigint | string;
        if (typeof l === 'bigint' && typeof r === 'bigint') [a, b] = [l, r];
        else if (num(l) && num(r)) [a, b] = [toFloat(l), toFloat(r)];
        else if (typeof l === 'string' && typeof r === 'string') [a, b] = [l, r];
        else return bad();
        return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
      }
      case '+': case '-': case '*':
        if (typeof l === 'bigint' && typeof r === 'bigint') return wrap(op === '+' ? l + r : op === '-' ? l - r : l * r);
        if (num(l) && num(r)) return op === '+' ? toFloat(l) + toFloat(r) : op === '-' ? toFloat(l) - toFloat(r) : toFloat(l) * toFloat(r);
        if (op === '+' && typeof l === 'string' && typeof r === 'string') return l + r;
        return bad();
      case '/':
        return num(l) && num(r) ? toFloat(l) / toFloat(r) : bad();
      case '**': case '^':
        return num(l) && num(r) ? Math.pow(toFloat(l), toFloat(r)) : bad();
      case '%':
        if (typeof l !== 'bigint' || typeof r !== 'bigint') return bad();
        if (r === 0n) throw new ExprError('integer divide by zero');
        return l % r;
      default:
        throw new Undecided(`evaluating ${op}`);
    }
  }

  /** builtin/lib.go#L60-230, minMax. */
  private builtin(name: string, args: Value[]): Value {
    const [x] = args;
    const numeric = (v: Value): v is bigint | number => typeof v === 'bigint' || typeof v === 'number';
    switch (name) {
      case 'float':
        if (numeric(x)) return toFloat(x);
        if (typeof x === 'string') {
          const f = parseGoFloat(x);
          if (f === undefined) throw new ExprError(`invalid operation: float(${x})`);
          return f;
        }
        throw new ExprError(`invalid operation: float(${typeOf(x)})`);
      case 'int':
        if (typeof x === 'bigint') return x;
        if (typeof x === 'number') {
          if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 63) throw new Undecided('int of a float out of range');
          return BigInt(Math.trunc(x));
        }
        if (typeof x === 'string') {
          if (/^[+-]?\d+$/.test(x) && BigInt(x) <= INT_MAX && BigInt(x) >= -INT_MAX - 1n) return BigInt(x);
          throw new ExprError(`invalid operation: int(${x})`);
        }
        throw new ExprError(`invalid operation: int(${typeOf(x)})`);
      case 'abs':
        if (typeof x === 'bigint') return x < 0n ? wrap(-x) : x;
        if (typeof x === 'number') return x < 0 ? -x : x;
        throw new ExprError(`invalid argument for abs (type ${typeOf(x)})`);
      case 'ceil': case 'floor': case 'round':
        if (typeof x === 'bigint') return Number(x);
        if (typeof x === 'number') return name === 'ceil' ? Math.ceil(x) : name === 'floor' ? Math.floor(x) : goRound(x);
        throw new ExprError(`invalid argument for ${name} (type ${typeOf(x)})`);
      case 'len':
        if (typeof x === 'string') return BigInt([...x].length);
        if (Array.isArray(x)) return BigInt(x.length);
        throw new ExprError(`invalid argument for len (type ${typeOf(x)})`);
      case 'type': // a type name: no float parses it
        return x === null ? 'nil' : Array.isArray(x) ? 'array' : typeOf(x).replace('64', '');
      case 'string':
        if (x === null) return '<nil>';
        if (typeof x === 'boolean' || typeof x === 'string' || typeof x === 'bigint') return String(x);
        if (typeof x === 'number') {
          if (!Number.isFinite(x)) throw new Undecided('formatting Inf/NaN');
          return String(x);
        }
        return '[...]';
      case 'max': case 'min': {
        let best: bigint | number | undefined;
        const visit = (v: Value): void => {
          if (Array.isArray(v)) { v.forEach(visit); return; }
          if (!numeric(v)) throw new ExprError(`invalid argument for ${name} (type ${typeOf(v)})`);
          if (best === undefined || (name === 'max' ? toFloat(v) > toFloat(best) : toFloat(v) < toFloat(best))) best = v;
        };
        args.forEach(visit);
        if (args.some((a) => Array.isArray(a)) && args.length > 1) throw new Undecided('max/min of arrays and numbers');
        return best ?? null;
      }
      default:
        throw new Undecided(`evaluating ${name}`);
    }
  }
}

/** Go's math.Round: half away from zero. */
const goRound = (x: number): number => (x < 0 ? -Math.round(-x) : Math.round(x));

// ------------------------------------------------------------------ KEDA

export type ExprVerdict =
  | { verdict: 'accepted' }
  | { verdict: 'rejected'; error: string; unknownName?: string }
  | { verdict: 'undecided'; reason: string };

/** What KEDA's castToFloatIfNecessary makes of a formula (SOW#L610-627). */
export function kedaCastToFloat(formula: string): string {
  if (formula.includes('??')) {
    if (formula.startsWith('let _kedaCompositeResult = ')) return formula;
    return `let _kedaCompositeResult = (${formula}); _kedaCompositeResult == nil ? nil : float(_kedaCompositeResult)`;
  }
  return formula.startsWith('float(') ? formula : `float(${formula})`;
}

/**
 * Compiles and runs an expression as `expr.Compile(source, expr.Env(env))` and one `expr.Run`
 * with those values do: `rejected` with expr's error, `accepted`, or `undecided` where the
 * reader does not follow expr-lang.
 */
export function judgeExpr(source: string, env: ReadonlyMap<string, number>): ExprVerdict {
  try {
    const tree = parseExpr(source);
    const checker = new Checker(new Set(env.keys()));
    checker.visit(tree);
    if (checker.error) return { verdict: 'rejected', error: checker.error.message, unknownName: checker.error.unknownName };
    if (checker.undecided) return { verdict: 'undecided', reason: checker.undecided };
    new Evaluator(env).eval(tree);
    return { verdict: 'accepted' };
  } catch (e) {
    if (e instanceof Undecided) return { verdict: 'undecided', reason: e.message };
    if (e instanceof ExprError) return { verdict: 'rejected', error: e.message };
    throw e;
  }
}

/**
 * KEDA's verdict on `spec.advanced.scalingModifiers.formula` (SOW#L524-588): the formula, cast
 * to float, compiled against the trigger names (each -1) and run once.
 */
export function judgeKedaFormula(formula: string, triggerNames: readonly string[]): ExprVerdict {
  return judgeExpr(kedaCastToFloat(formula), new Map(triggerNames.map((n) => [n, -1])));
}
