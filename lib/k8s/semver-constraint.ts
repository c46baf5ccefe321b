// A semver range as Masterminds/semver/v3 `NewConstraint` reads it (what
// image-reflector-controller's semver policy and source-controller's
// `ref.semver` parse): the ranges `a - b` rewritten first, then each `||`
// alternative matched whole, then each constraint's version parsed.
//
// Upstream: Masterminds/semver 71f2b39f (master after v3.4.0; image-reflector-controller
// v1.2.0 pins v3.5.0) constraints.go#L26-L47
// (NewConstraint), #L180-L225 (the regexps), #L256-L303 (parseConstraint),
// #L589-L601 (rewriteRange); version.go#L57-L59 (semVerRegex).
const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
const CONSTRAINT = new RegExp(String.raw`^\s*(${OPS})\s*(${CV})\s*$`);
const RANGE = new RegExp(String.raw`\s*(${CV})\s+-\s+(${CV})\s*`, 'g');
const FIND = new RegExp(String.raw`(${OPS})\s*(${CV})`, 'g');
const VALID = new RegExp(String.raw`^(\s*(${OPS})\s*(${CV})\s*)((?:\s+|,\s*)(${OPS})\s*(${CV})\s*)*$`);
const VERSION = /^v?(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:\.(0|[1-9]\d*))?(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const isX = (s: string) => s === 'x' || s === 'X' || s === '*';

/** Why `semver.NewConstraint(range)` fails (its error), or undefined when it parses. */
export function semverConstraintProblem(range: string): string | undefined {
  const rewritten = range.replace(RANGE, (_all, from: string, ...rest: string[]) => `>= ${from}, <= ${rest[9]} `);
  for (const alternative of rewritten.split('||')) {
    if (!VALID.test(alternative)) return `improper constraint: ${JSON.stringify(alternative)}`;
    for (const c of alternative.match(FIND) ?? [alternative]) {
      if (c === '') continue;
      const m = CONSTRAINT.exec(c);
      if (!m) return `improper constraint: ${JSON.stringify(c)}`;
      const [major, minor = '', patch = '', pre = ''] = [m[3], m[4], m[5], m[6]];
      let version = m[2];
      if (isX(major) || major === '') version = `0.0.0${pre}`;
      else if (isX(minor.replace(/^\./, '')) || minor === '') version = `${major}.0.0${pre}`;
      else if (isX(patch.replace(/^\./, '')) || patch === '') version = `${major}${minor}.0${pre}`;
      if (!VERSION.test(version)) return `constraint parser error: ${JSON.stringify(c.trim())} is no version`;
    }
  }
  return undefined;
}
