// The rules of a Flux `image.toolkit.fluxcd.io/v1` ImagePolicy: what its CRD
// refuses and what image-reflector-controller cannot evaluate as written.
//
// Upstream references:
//   IP = fluxcd/image-reflector-controller v1.2.0 internal/policy/factory.go
//   IF = fluxcd/image-reflector-controller v1.2.0 internal/policy/filter.go
//   IS = fluxcd/image-reflector-controller v1.2.0 internal/policy/semver.go
//   MS = Masterminds/semver 71f2b39f constraints.go (master after v3.4.0; the controller's go.mod pins v3.5.0)
//   GR = Go regexp (regexp.go Expand/extract)
//   UA = fluxcd/image-automation-controller v1.2.1 internal/update/setters.go
import { defineRules } from '../engine/rule';

/** A Flux `image.toolkit.fluxcd.io/v1` ImagePolicy. */
export const IMAGE_POLICY_RULES = defineRules({
  SEMVER: {
    id: 'FLUXIMG-002',
    title: '`spec.policy.semver.range` is a semver range Masterminds/semver parses (`>=1.0.0 <2.0.0`, `^1.2`, `~1.2.x`, `1.2 - 1.4`)',
    why: 'The controller parses the range with semver.NewConstraint; a range it cannot parse ("improper constraint") leaves the policy failing and no tag is ever selected.',
    fix: 'pass a range of comparisons (`>=`, `<`, `^`, `~`, `!=`), joined by spaces or commas, alternatives by `||`, e.g. `ImagePolicyChoice.semver(\'>=1.0.0 <2.0.0\')`',
    yamlFix: 'write `spec.policy.semver.range` as comparisons joined by spaces or commas (alternatives by `||`), e.g. `>=1.0.0 <2.0.0`',
    upstream: 'IS#L35 (semver.NewConstraint); MS#L26-L47, #L180-L225, #L256-L303',
    effect: 'runtime',
  },
  FILTER_PATTERN: {
    id: 'FLUXIMG-003',
    title: '`spec.filterTags.pattern` compiles as a Go (RE2) regular expression',
    why: 'The controller compiles the pattern with Go\'s regexp.Compile: lookarounds and backreferences are refused, and the policy fails without selecting a tag.',
    fix: 'write the pattern in RE2 syntax (no `(?=`, `(?!`, `\\1`); name groups `(?P<name>…)`',
    upstream: 'IF#L33-L37 (regexp.Compile)',
    effect: 'runtime',
  },
  FILTER_EXTRACT: {
    id: 'FLUXIMG-004',
    title: '`spec.filterTags.extract` references only groups the pattern has',
    why: 'The controller expands `extract` with Go\'s Regexp.ExpandString: `$3` of a pattern with two groups, an unknown `$name`, or `$1x` (read as the group named `1x`) expands to the empty string, so every tag orders as "" and the selected tag is arbitrary.',
    fix: 'reference the pattern\'s groups: `$1`, `${1}`, `$name` or `${name}`; write `${1}x` for group 1 followed by `x`',
    upstream: 'IF#L45-L55 (ExpandString); GR (extract: the longest run of letters, digits and `_`)',
    effect: 'altered',
    severity: 'warning',
  },
  POLICY_KIND: {
    id: 'FLUXIMG-005',
    title: '`spec.policy` sets exactly one of `semver`, `alphabetical` and `numerical`',
    why: 'The controller uses the first of semver, alphabetical and numerical that is set and silently ignores the others; with none it fails ("given ImagePolicyChoice object is invalid").',
    fix: 'pass one `ImagePolicyChoice.semver(...)`, `ImagePolicyChoice.alphabetical(...)` or `ImagePolicyChoice.numerical(...)`',
    yamlFix: 'keep exactly one of `semver`, `alphabetical` and `numerical` under `spec.policy`',
    upstream: 'IP#L27-L39 (PolicerFromSpec)',
    effect: 'runtime',
  },
  MARKER_POLICY: {
    id: 'FLUXIMG-008',
    title: 'an ImagePolicy a `$imagepolicy` setter marker names is among the app\'s objects (or exists elsewhere)',
    why: 'image-automation-controller rewrites a marked field only with the ImagePolicies it lists: a marker naming a policy that exists nowhere is never updated. The policy may live in another folder or the platform, so this is a warning.',
    fix: 'create the ImagePolicy in the app (`app.addImagePolicy(image, policy)` with an `ImagePolicy` construct), or, if the platform has it, list it under `provided` in cdk8s-agents.yaml (`{ kind: ImagePolicy, namespace, name }`, read by `ClusterProfile.fromRepositoryConfig`)',
    upstream: 'UA#L55-L171 (UpdateWithSetters: setters from the listed policies only)',
    effect: 'runtime',
    openWorld: 'the ImagePolicy may be applied from another folder, repository or the platform',
    severity: 'warning',
  },
});
