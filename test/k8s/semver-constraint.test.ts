// Masterminds/semver v3 NewConstraint, ported (constraints.go at 71f2b39f):
// what parses and what fails, each case read off the regexps and parseConstraint.
import { semverConstraintProblem } from '../../lib/k8s/semver-constraint';

describe('semverConstraintProblem', () => {
  test.each([
    '>=1.0.0 <2.0.0', '>=1.0.0, <2.0.0', '^1.2', '~1.2.x', '~>1.2', '1.2 - 1.4.5', '>=1.0.0 <2.0.0 || >=3.0', '*', '1.x', 'v1.2.3', '=1.2.3', '!=1.2.3',
    '>=1.0.0-0', '1.2.3-beta.1+build.5', '=> 1.0', '=< 2',
  ])('%s parses', (range) => {
    expect(semverConstraintProblem(range)).toBeUndefined();
  });

  test.each([
    ['', /improper constraint: ""/],
    ['latest', /improper constraint: "latest"/],
    ['>= 1.0.0 <<2', /improper constraint/],
    ['>=1.0.0 ||', /improper constraint: ""/],
    ['1.2.3.4', /improper constraint/],
    ['01.2.3', /constraint parser error: "01.2.3" is no version/],
    ['>=1.2.03', /constraint parser error/],
    ['1|2', /constraint parser error/],
  ])('%s fails', (range, problem) => {
    expect(semverConstraintProblem(range)).toMatch(problem);
  });
});
