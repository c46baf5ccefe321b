// Go's regexp syntax: each vector is a pattern and whether Go 1.26's
// regexp.Compile (the Go ESO v2.9.0 is built with) accepts it, recorded by
// running Go over this list.
import { goExpandUnknownGroups, goRegexpGroups, goRegexpProblem } from '../../lib/k8s/go-regexp';

const GO_VERDICTS: [pattern: string, compiles: boolean][] = [
  ["", true],
  ["abc", true],
  ["^db-.*$", true],
  ["(?i)prod", true],
  ["(?P<n>a)", true],
  ["(?<n>a)", true],
  ["a{2,5}", true],
  ["[[:alpha:]]+", true],
  ["\\z", true],
  ["a*?", true],
  ["[a-z0-9]", true],
  ["\\x{41}", true],
  ["\\pL", true],
  ["\\p{Greek}", true],
  ["[\\]]", true],
  ["[]a]", true],
  ["a{,3}", true],
  ["\\Qa.b\\E", true],
  ["\\.", true],
  ["^*", true],
  ["[[:^alpha:]]", true],
  ["[[:alpha]", true],
  ["[a[:digit:]b]", true],
  ["[[:word:]x:]]", true],
  ["[[:alph(:]]", false],
  ["[[:a]lpha:]]", false],
  ["(?=a)", false],
  ["(?!a)", false],
  ["(?<=a)", false],
  ["(?<!a)", false],
  ["a**", false],
  ["*a", false],
  ["(a", false],
  ["a)", false],
  ["[a", false],
  ["\\1", false],
  ["a{1001}", false],
  ["[z-a]", false],
  ["\\u0041", false],
  ["(?<>a)", false],
  ["(?x)a", false],
  ["\\", false],
  ["\\Z", false],
  ["[[:foo:]]", false],
  ["a{3,2}", false],
  ["a{1000}", true],
  ["(?i:a)", true],
  ["(?-i)a", true],
  ["(?i-s:a)", true],
  ["(?)", true],
  ["(?-)", false],
  ["(?i-)a", false],
  ["a|*", false],
  ["(*)", false],
  ["()", true],
  ["a{2}{3}", false],
  ["a+?", true],
  ["a??", true],
  ["[^a]", true],
  ["[^]a]", true],
  ["[a-]", true],
  ["[-a]", true],
  ["\\12", true],
  ["\\8", false],
  ["\\0", true],
  ["[\\d-z]", true],
  ["x{", true],
  ["x{1", true],
  ["x{1,", true],
  ["\\p{Foo}", false],
  ["\\p{Han}", true],
  ["\\PL", true],
  ["$*", true],
  ["(?i)*", false],
  ["a(?i)*", true],
  ["[[:^alpha:]]", true],
  ["\\C", false],
  ["\\e", false],
  ["(?P=n)", false],
  ["[a-\\x{10}]", false],
  ["\\k<n>", false],
  [".*\\.prod$", true],
  ["a{01}", true],
  ["[\\p{L}]", true],
  ["ab**c", false],
  ["\\b+", true],
  ["prod/(db|cache)-[0-9]+", true],
  ["(?s).*", true],
];

describe('goRegexpProblem', () => {
  test.each(GO_VERDICTS)('%j compiles in Go: %s', (pattern, compiles) => {
    expect(goRegexpProblem(pattern) === undefined).toBe(compiles);
  });

  test('names what Go names', () => {
    expect(goRegexpProblem('(?=a)')).toBe('invalid or unsupported Perl syntax: `(?=`');
    expect(goRegexpProblem('a**')).toMatch(/^invalid nested repetition operator/);
    expect(goRegexpProblem('[z-a]')).toMatch(/^invalid character class range/);
  });

  test('JavaScript would judge otherwise', () => {
    // Accepted by JS, refused by Go; and the reverse.
    expect(() => new RegExp('(?<=a)b')).not.toThrow();
    expect(goRegexpProblem('(?<=a)b')).toBeDefined();
    expect(() => new RegExp('(?i)prod')).toThrow();
    expect(goRegexpProblem('(?i)prod')).toBeUndefined();
  });
});

describe('goRegexpGroups (Regexp.NumSubexp and SubexpNames)', () => {
  test.each([
    ['^main-(?P<ts>[0-9]+)-([a-f0-9]+)$', 2, ['ts']],
    ['(?<n>a)(?:b)(?i:c)(d)', 2, ['n']],
    ['[()](a)\\(b\\)', 1, []],
    ['[]()]x', 0, []],
    ['[[:alpha:]()](x)', 1, []],
    ['\\Q(a)\\E(b)', 1, []],
    ['plain', 0, []],
  ])('%s has %d group(s)', (pattern, count, names) => {
    expect(goRegexpGroups(pattern)).toEqual({ count, names });
  });
});

describe('goExpandUnknownGroups (Regexp.Expand: unknown groups expand to "")', () => {
  const groups = goRegexpGroups('^main-(?P<ts>[0-9]+)-([a-f0-9]+)$');
  test('known: $0, $1, ${2}, $ts, ${ts}; $$ is a dollar', () => {
    expect(goExpandUnknownGroups('$0 $1 ${2} $ts ${ts} $$3', groups)).toEqual([]);
  });
  test('unknown: a third group, a name the pattern lacks, $1x read as the group named 1x', () => {
    expect(goExpandUnknownGroups('$3 $tsx ${other} $1x', groups)).toEqual(['$3', '$tsx', '${other}', '$1x']);
  });
});
