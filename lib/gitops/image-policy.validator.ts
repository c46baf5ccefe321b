// Checks of a Flux `image.toolkit.fluxcd.io/v1` ImagePolicy, built from its
// rule table: what image-reflector-controller cannot evaluate as written (the
// semver range, the tag filter's Go regexp and its extract template, one
// policy kind). Pure: manifest in, findings out.
import { objOrEmpty as obj } from '../engine/json';
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import { goExpandUnknownGroups, goRegexpGroups, goRegexpProblem } from '../k8s/go-regexp';
import { semverConstraintProblem } from '../k8s/semver-constraint';
import type { ManifestValidator } from '../settings/validation';
import { IMAGE_POLICY_RULES as R } from './image-policy.rules';
import { IMAGE_API_VERSION } from './image-repository.validator';

/** The policy kinds in the order the controller reads them: the first set wins. */
const POLICY_KINDS = ['semver', 'alphabetical', 'numerical'] as const;
const given = (v: unknown) => v !== undefined && v !== null;

function checkPolicy(policy: Record<string, unknown>, out: FindingList): void {
  const set = POLICY_KINDS.filter((k) => given(policy[k]));
  if (set.length === 0) out.add(R.POLICY_KIND, 'spec.policy', policy, 'no policy kind: the controller fails ("given ImagePolicyChoice object is invalid")');
  for (const k of set.slice(1)) out.add(R.POLICY_KIND, `spec.policy.${k}`, policy[k], `ignored: \`${set[0]}\` is set and is read first`);
  const range = obj(policy.semver).range;
  if (typeof range === 'string') {
    const problem = semverConstraintProblem(range);
    if (problem) out.add(R.SEMVER, 'spec.policy.semver.range', range, problem);
  }
}

function checkFilter(filter: Record<string, unknown>, out: FindingList): void {
  const { pattern, extract } = filter;
  if (typeof pattern !== 'string') return;
  const problem = goRegexpProblem(pattern);
  if (problem) {
    out.add(R.FILTER_PATTERN, 'spec.filterTags.pattern', pattern, `Go's regexp refuses it: ${problem}`);
    return;
  }
  if (typeof extract !== 'string' || extract === '') return;
  const groups = goRegexpGroups(pattern);
  const unknown = goExpandUnknownGroups(extract, groups);
  if (unknown.length > 0) {
    const has = groups.count === 0 ? 'the pattern has no groups' : `the pattern has ${groups.count} group(s)${groups.names.length ? ` (named ${groups.names.join(', ')})` : ''}`;
    out.add(R.FILTER_EXTRACT, 'spec.filterTags.extract', extract, `${unknown.join(', ')} name(s) no group and expand to "": ${has}`);
  }
}

/** Checks an ImagePolicy against image-reflector-controller v1.2. */
export function validateImagePolicy(o: unknown, out: FindingList): void {
  const spec = obj(obj(o).spec);
  if (given(spec.policy)) checkPolicy(obj(spec.policy), out);
  if (given(spec.filterTags)) checkFilter(obj(spec.filterTags), out);
}

export const IMAGE_POLICY_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: IMAGE_API_VERSION,
  kind: 'ImagePolicy',
  rules: R,
  validate: (o, _ctx, out) => validateImagePolicy(o, out),
});
