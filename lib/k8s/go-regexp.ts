// Go's regexp syntax (RE2, regexp/syntax), for patterns a controller compiles
// with `regexp.Compile`. JavaScript's RegExp is no judge: it accepts
// lookarounds and backreferences that RE2 refuses, and refuses `(?i)`,
// `(?P<name>...)`, `\z` and `[[:alpha:]]`, which RE2 accepts.

/** Flags Go accepts in `(?flags)` and `(?flags:...)`. */
const FLAGS = /^[imsU]*(-[imsU]*)?$/;
/** Escapes that stand alone after `\` (regexp/syntax parseEscape, parsePerlClassEscape, the assertions). */
const SIMPLE_ESCAPES = new Set('afnrtvdDsSwWbBAz'.split(''));
/** ASCII classes `[:name:]` (regexp/syntax perl_groups.go). */
const POSIX_CLASSES = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit']);
/** Unicode class names `\\p{...}` accepts (Go's unicode.Categories and unicode.Scripts, and Any; generated from Go 1.26). */
const UNICODE_CLASSES = new Set((
  'Adlam Ahom Anatolian_Hieroglyphs Any Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali Bhaiksuki Bopomofo Brahmi Braille ' +
  'Buginese Buhid C Canadian_Aboriginal Carian Caucasian_Albanian Cc Cf Chakma Cham Cherokee Chorasmian Cn Co Common Coptic Cs Cuneiform ' +
  'Cypriot Cypro_Minoan Cyrillic Deseret Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs Elbasan Elymaic Ethiopic Georgian ' +
  'Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi Han Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic ' +
  'Inherited Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana Kawi Kayah_Li Kharoshthi Khitan_Small_Script Khmer ' +
  'Khojki Khudawadi L LC Lao Latin Lepcha Limbu Linear_A Linear_B Lisu Ll Lm Lo Lt Lu Lycian Lydian M Mahajani Makasar Malayalam Mandaic ' +
  'Manichaean Marchen Masaram_Gondi Mc Me Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs Miao Mn Modi Mongolian ' +
  'Mro Multani Myanmar N Nabataean Nag_Mundari Nandinagari Nd New_Tai_Lue Newa Nko Nl No Nushu Nyiakeng_Puachue_Hmong Ogham Ol_Chiki ' +
  'Old_Hungarian Old_Italic Old_North_Arabian Old_Permic Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage Osmanya P ' +
  'Pahawh_Hmong Palmyrene Pau_Cin_Hau Pc Pd Pe Pf Phags_Pa Phoenician Pi Po Ps Psalter_Pahlavi Rejang Runic S Samaritan Saurashtra Sc Sharada ' +
  'Shavian Siddham SignWriting Sinhala Sk Sm So Sogdian Sora_Sompeng Soyombo Sundanese Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le Tai_Tham ' +
  'Tai_Viet Takri Tamil Tangsa Tangut Telugu Thaana Thai Tibetan Tifinagh Tirhuta Toto Ugaritic Vai Vithkuqi Wancho Warang_Citi Yezidi Yi Z ' +
  'Zanabazar_Square Zl Zp Zs ').trim().split(' '));
/** Go's largest repeat count (regexp/syntax: `{n,m}` above it is "invalid repeat count"). */
const MAX_REPEAT = 1000;

/**
 * Why Go's `regexp.Compile` refuses `pattern` (its error code, e.g. "invalid
 * or unsupported Perl syntax: `(?=`"), or undefined when it compiles
 * (test/k8s/go-regexp.test.ts holds vectors checked against Go's regexp).
 */
export function goRegexpProblem(pattern: string): string | undefined {
  let depth = 0;
  // Whether the last item can take a repetition operator, and whether it is one.
  let operand = false;
  let repeated = false;
  let i = 0;
  const repeat = (op: string): string | undefined => {
    if (!operand) return `missing argument to repetition operator: \`${op}\``;
    if (repeated) return `invalid nested repetition operator: \`${op}\``;
    repeated = true;
    return undefined;
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      const esc = escapeLength(pattern, i);
      if (typeof esc === 'string') return esc;
      i += esc;
      operand = true;
      repeated = false;
      continue;
    }
    if (c === '[') {
      const end = classEnd(pattern, i);
      if (typeof end === 'string') return end;
      i = end;
      operand = true;
      repeated = false;
      continue;
    }
    if (c === '(') {
      if (pattern[i + 1] === '?') {
        const rest = pattern.slice(i + 2);
        if (/^(=|!|<=|<!)/.test(rest)) return `invalid or unsupported Perl syntax: \`(?${/^(<=|<!|=|!)/.exec(rest)![1]}\``;
        const named = /^(P?<)([^>]*)>/.exec(rest);
        if (rest.startsWith('P<') || rest.startsWith('<')) {
          if (!named || !/^[A-Za-z0-9_]+$/.test(named[2])) return `invalid named capture: \`(?${named ? named[0] : rest.slice(0, 8)}\``;
          i += 2 + named[0].length;
          depth++;
          operand = false;
          repeated = false;
          continue;
        }
        const flags = /^([^):]*)([):])/.exec(rest);
        if (!flags || !FLAGS.test(flags[1]) || flags[1] === '-' || flags[1].endsWith('-')) return `invalid or unsupported Perl syntax: \`(?${flags ? flags[0] : rest.slice(0, 4)}\``;
        i += 2 + flags[0].length;
        // `(?i)` alone only sets flags: what precedes it can still be repeated.
        if (flags[2] === ':') {
          depth++;
          operand = false;
          repeated = false;
        }
        continue;
      }
      depth++;
      i++;
      operand = false;
      repeated = false;
      continue;
    }
    if (c === ')') {
      if (depth === 0) return 'unexpected ): `' + pattern + '`';
      depth--;
      i++;
      operand = true;
      repeated = false;
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      const problem = repeat(c);
      if (problem) return problem;
      i++;
      if (pattern[i] === '?') i++; // non-greedy
      continue;
    }
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (m) {
        const min = Number(m[1]);
        const max = m[3] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
        if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min)) return `invalid repeat count: \`${m[0]}\``;
        const problem = repeat(m[0]);
        if (problem) return problem;
        i += m[0].length;
        if (pattern[i] === '?') i++;
        continue;
      }
      // Not a repeat: a literal `{`.
    }
    if (c === '|') {
      operand = false;
      repeated = false;
      i++;
      continue;
    }
    // Go repeats `^` and `$` too (they are operands, not markers).
    operand = true;
    repeated = false;
    i += c.codePointAt(0)! > 0xffff ? 2 : 1;
  }
  return depth > 0 ? `missing closing ): \`${pattern}\`` : undefined;
}

/** Length of the escape at `i`, or why Go refuses it. */
function escapeLength(p: string, i: number): number | string {
  const next = p[i + 1];
  if (next === undefined) return 'trailing backslash at end of expression';
  if (SIMPLE_ESCAPES.has(next)) return 2;
  if (next === 'Q') {
    const end = p.indexOf('\\E', i + 2);
    return end < 0 ? p.length - i : end + 2 - i;
  }
  if (next === 'x') {
    const m = /^\\x(\{([0-9A-Fa-f]+)\}|[0-9A-Fa-f]{2})/.exec(p.slice(i));
    if (!m || (m[2] !== undefined && parseInt(m[2], 16) > 0x10ffff)) return `invalid escape sequence: \`${p.slice(i, i + 4)}\``;
    return m[0].length;
  }
  if (next === 'p' || next === 'P') {
    const m = /^\\[pP](\{\^?([A-Za-z_]+)\}|([A-Za-z]))/.exec(p.slice(i));
    if (!m || !UNICODE_CLASSES.has(m[2] ?? m[3])) return `invalid character class range: \`${m ? m[0] : p.slice(i, i + 4)}\``;
    return m[0].length;
  }
  if (next === '0') return /^\\0[0-7]{0,2}/.exec(p.slice(i))![0].length;
  if (/[1-7]/.test(next)) {
    // Octal needs at least two digits: `\1` alone would be a backreference, which RE2 lacks.
    const m = /^\\[1-7][0-7]{1,2}/.exec(p.slice(i));
    return m ? m[0].length : `invalid escape sequence: \`\\${next}\``;
  }
  if (/[A-Za-z0-9]/.test(next)) return `invalid escape sequence: \`\\${next}\``;
  // Any other punctuation (and any non-ASCII character) is itself.
  return 1 + (next.codePointAt(0)! > 0xffff ? 2 : 1);
}

/** Index after the character class starting at `i`, or why Go refuses it. */
function classEnd(p: string, i: number): number | string {
  let j = i + 1;
  if (p[j] === '^') j++;
  let first = true;
  while (j < p.length) {
    if (p[j] === ']' && !first) return j + 1;
    first = false;
    if (p.startsWith('[:', j)) {
      // parseNamedClass: everything up to the first `:]` is the name, known or an error.
      const end = p.indexOf(':]', j + 2);
      if (end >= 0) {
        const name = p.slice(j, end + 2);
        if (!POSIX_CLASSES.has(name.slice(2, -2).replace(/^\^/, ''))) return `invalid character class range: \`${name}\``;
        j = end + 2;
        continue;
      }
    }
    let lo: number | undefined;
    if (p[j] === '\\') {
      const esc = escapeLength(p, j);
      if (typeof esc === 'string') return esc;
      const text = p.slice(j, j + esc);
      lo = /^\\[dDsSwWpP]/.test(text) ? undefined : escapedChar(text);
      j += esc;
    } else {
      lo = p.codePointAt(j)!;
      j += lo > 0xffff ? 2 : 1;
    }
    if (p[j] === '-' && p[j + 1] !== ']' && j + 1 < p.length && lo !== undefined) {
      j++;
      let hi: number | undefined;
      if (p[j] === '\\') {
        const esc = escapeLength(p, j);
        if (typeof esc === 'string') return esc;
        hi = escapedChar(p.slice(j, j + esc));
        j += esc;
      } else {
        hi = p.codePointAt(j)!;
        j += hi > 0xffff ? 2 : 1;
      }
      if (hi === undefined || hi < lo) return `invalid character class range: \`${String.fromCodePoint(lo)}-${hi === undefined ? '?' : String.fromCodePoint(hi)}\``;
    }
  }
  return `missing closing ]: \`${p.slice(i)}\``;
}

/** The character an escape stands for (undefined for classes and assertions). */
function escapedChar(text: string): number | undefined {
  const named: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
  const c = text[1];
  if (c in named) return named[c];
  if (c === 'x') return parseInt(text.replace(/^\\x\{?|\}$/g, ''), 16);
  if (/[0-7]/.test(c)) return parseInt(text.slice(1), 8);
  if (/[A-Za-z]/.test(c)) return undefined;
  return text.codePointAt(1);
}

/**
 * The capture groups of a pattern Go compiles (`goRegexpProblem` is undefined):
 * their number (`Regexp.NumSubexp`) and names (`(?P<name>…)`, `(?<name>…)`).
 */
export function goRegexpGroups(pattern: string): { count: number; names: string[] } {
  const names: string[] = [];
  let count = 0;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      if (pattern[i + 1] === 'Q') { // \Q…\E: literal text
        const end = pattern.indexOf('\\E', i + 2);
        i = end < 0 ? pattern.length : end + 2;
      } else i += 2;
      continue;
    }
    if (c === '[') { // a class: `]` first is literal; `[:name:]` inside
      i += pattern[i + 1] === '^' ? 2 : 1;
      if (pattern[i] === ']') i++;
      while (i < pattern.length && pattern[i] !== ']') {
        if (pattern[i] === '\\') i += 2;
        else if (pattern.startsWith('[:', i) && pattern.indexOf(':]', i + 2) > 0) i = pattern.indexOf(':]', i + 2) + 2;
        else i++;
      }
      i++;
      continue;
    }
    if (c === '(') {
      const named = /^\(\?P?<([A-Za-z0-9_]+)>/.exec(pattern.slice(i));
      if (named) { count++; names.push(named[1]); } else if (pattern[i + 1] !== '?') count++;
    }
    i++;
  }
  return { count, names };
}

/**
 * The group references of a `Regexp.Expand` template that name no group of
 * the pattern (Go expands them to the empty string): `$1`, `${1}`, `$name`,
 * `${name}`; `$$` is a dollar. Go reads the longest run of letters, digits
 * and `_` after `$` as the name, so `$1x` is the group named `1x`
 * (regexp.go `extract`).
 */
export function goExpandUnknownGroups(template: string, groups: { count: number; names: readonly string[] }): string[] {
  const unknown: string[] = [];
  const ref = /\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g;
  for (let m = ref.exec(template); m !== null; m = ref.exec(template)) {
    if (m[1] === '$') continue;
    const name = m[2] ?? m[3];
    const known = /^[0-9]+$/.test(name) ? Number(name) <= groups.count : groups.names.includes(name);
    if (!known) unknown.push(m[0]);
  }
  return unknown;
}
