// cdk8s's Yaml.stringify, byte for byte, without building a YAML document per
// manifest: the yaml library's AST is most of a large synth's time. Manifests
// are JSON-shaped block maps and sequences, whose layout is fixed; only the
// scalars need YAML's judgement, and those are asked of cdk8s's own Yaml (and
// remembered). Whatever this writer does not model exactly (multi-line
// strings, non-finite numbers, undefined, shared references, non-plain
// objects) sends the whole document to Yaml.stringify.
import { Yaml } from 'cdk8s';

/** A key or value this writer cannot place exactly: the document goes to Yaml.stringify. */
const FALLBACK = Symbol('fallback');

/**
 * Starts with a letter, then only characters YAML never treats specially
 * (a `:` only before another character: `ghcr.io/acme/agent:1.0`, `http://x`):
 * plain in any position.
 */
const PLAIN = /^[A-Za-z_](?:[A-Za-z0-9_./-]|:(?=[A-Za-z0-9_./:-])){0,999}$/;
/** What PLAIN lets through that YAML 1.1 reads as a boolean, a null or a float (`e5`): cdk8s quotes them. */
const RESERVED = /^(?:y|yes|n|no|true|false|on|off|null|[eE]-?[0-9]+)$/i;

const valueTokens = new Map<string, string | typeof FALLBACK>();
const keyTokens = new Map<string, string | typeof FALLBACK>();
const lineStartKeyTokens = new Map<string, string | typeof FALLBACK>();
const MEMO_LIMIT = 100_000; // a bounded memo: an app of unique strings must not grow it without end

function remember(memo: Map<string, string | typeof FALLBACK>, s: string, token: string | typeof FALLBACK) {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(s, token);
  return token;
}

/** The scalar as cdk8s writes it for a value (one line), or FALLBACK. */
function valueToken(s: string): string | typeof FALLBACK {
  if (PLAIN.test(s) && !RESERVED.test(s)) return s;
  const known = valueTokens.get(s);
  if (known !== undefined) return known;
  const out = Yaml.stringify({ k: s }); // as a value: a document of one scalar has rules of its own (`---`)
  const line = out.slice('k: '.length, -1);
  return remember(valueTokens, s, out.startsWith('k: ') && out.endsWith('\n') && !line.includes('\n') ? line : FALLBACK);
}

/** The key as cdk8s writes it (an implicit key on one line), or FALLBACK. */
function keyToken(k: string, atLineStart: boolean): string | typeof FALLBACK {
  if (PLAIN.test(k) && !RESERVED.test(k)) return k;
  const memo = atLineStart ? lineStartKeyTokens : keyTokens;
  const known = memo.get(k);
  if (known !== undefined) return known;
  // A key at the start of a line has rules of its own (`---` is quoted there only).
  const [out, prefix] = atLineStart ? [Yaml.stringify({ [k]: null }), ''] : [Yaml.stringify({ k: { [k]: null } }), 'k:\n  '];
  const line = out.slice(prefix.length, -': null\n'.length);
  return remember(memo, k, out.startsWith(prefix) && out.endsWith(': null\n') && !line.includes('\n') && !line.startsWith('? ') ? line : FALLBACK);
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Writes one manifest; throws FALLBACK where it cannot be exact. */
class Writer {
  private out = '';
  private readonly seen = new Set<object>(); // Yaml.stringify anchors an object met twice

  /** A scalar, `{}` or `[]` token; undefined for a non-empty collection. */
  private inline(v: unknown): string | undefined {
    switch (typeof v) {
      case 'string': {
        const token = valueToken(v);
        if (token === FALLBACK) throw FALLBACK;
        return token;
      }
      case 'number':
        if (!Number.isFinite(v)) throw FALLBACK;
        return Object.is(v, -0) ? '-0' : JSON.stringify(v);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'object':
        if (v === null) return 'null';
        if (this.seen.has(v)) throw FALLBACK;
        this.seen.add(v);
        if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
        if (!isPlainObject(v)) throw FALLBACK;
        for (const _ in v) return undefined;
        return '{}';
      default: // undefined, bigint, functions, symbols
        throw FALLBACK;
    }
  }

  /** A map's pairs; the first continues the current line when `inline` (after `- `). */
  map(m: Record<string, unknown>, indent: string, inline: boolean): void {
    let first = inline;
    const topLevel = indent === '';
    for (const k of Object.keys(m)) {
      const key = keyToken(k, topLevel);
      if (key === FALLBACK) throw FALLBACK;
      this.out += first ? key : indent + key;
      first = false;
      this.value(m[k], indent);
    }
  }

  /** After `key`: ` scalar` on the line, or the collection on the lines below. */
  private value(v: unknown, indent: string): void {
    const token = this.inline(v);
    if (token !== undefined) {
      this.out += `: ${token}\n`;
      return;
    }
    this.out += ':\n';
    if (Array.isArray(v)) this.seq(v, indent + '  ', false);
    else this.map(v as Record<string, unknown>, indent + '  ', false);
  }

  /** A sequence's items, `- ` each; nested collections start on the item's line. */
  private seq(items: readonly unknown[], indent: string, inline: boolean): void {
    let first = inline;
    for (const item of items) {
      this.out += first ? '- ' : `${indent}- `;
      first = false;
      const token = this.inline(item);
      if (token !== undefined) this.out += `${token}\n`;
      else if (Array.isArray(item)) this.seq(item, indent + '  ', true);
      else this.map(item as Record<string, unknown>, indent + '  ', true);
    }
  }

  static document(doc: Record<string, unknown>): string {
    const writer = new Writer();
    writer.seen.add(doc);
    writer.map(doc, '', false);
    return writer.out;
  }
}

/** One manifest as Yaml.stringify writes it. */
function stringifyOne(doc: unknown): string {
  if (doc === undefined) return '\n';
  if (typeof doc === 'object' && doc !== null && !Array.isArray(doc) && isPlainObject(doc) && Object.keys(doc).length > 0) {
    try {
      return Writer.document(doc);
    } catch (e) {
      if (e !== FALLBACK) throw e;
    }
  }
  return Yaml.stringify(doc);
}

/** cdk8s's `Yaml.stringify(...docs)`, byte-identical and several times faster on manifests. */
export function stringifyManifests(docs: readonly unknown[]): string {
  return docs.map(stringifyOne).join('---\n');
}
