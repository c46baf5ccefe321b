// Go's regexp syntax: each vector is a pattern and whether Go 1.26's
// regexp.Compile (the Go ESO v2.9.0 is built with) accepts it, recorded by
// running Go over this list.
import { goRegexpProblem } from '../../lib/k8s/go-regexp';

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
