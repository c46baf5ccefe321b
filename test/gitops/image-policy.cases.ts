// Triggers and near misses of the Flux image automation rules (FLUXIMG-*),
// each through synth (the constructs) and through hand-written YAML.
import { Duration } from 'cdk8s';
import { GitRepository, ImagePolicyChoice, ImagePolicyOrder } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { automation, IMG_AUTO, IMG_POLICY, IMG_REPO, imageObject, imagePolicy, imageRepo } from './fixtures';

export const CASES: RuleCases = {
  triggers: [
    { id: 'FLUXIMG-001', name: 'an ImageRepository interval is overridden with a space', build: (c) => imageRepo(c).addOverride('spec.interval', '5 m'), path: IMG_REPO, field: 'spec.interval', value: '"5 m"' },
    { id: 'FLUXIMG-001', name: 'a hand-written ImageRepository timeout has hours', manifests: [imageObject('ImageRepository', { timeout: '1h' })], field: 'spec.timeout', value: '"1h"' },
    { id: 'FLUXIMG-002', name: 'the semver range is a word', build: (c) => imagePolicy(c, { policy: ImagePolicyChoice.semver('latest') }), path: IMG_POLICY, field: 'spec.policy.semver.range', value: '"latest"' },
    { id: 'FLUXIMG-002', name: 'the semver range has a doubled operator', build: (c) => imagePolicy(c, { policy: ImagePolicyChoice.semver('>=1.0.0 <<2') }), path: IMG_POLICY, field: 'spec.policy.semver.range', value: '">=1.0.0 <<2"' },
    { id: 'FLUXIMG-002', name: 'a hand-written range has a leading zero', manifests: [imageObject('ImagePolicy', { policy: { semver: { range: '>=01.2.3' } } })], field: 'spec.policy.semver.range', value: '">=01.2.3"' },
    { id: 'FLUXIMG-002', name: 'a hand-written range ends with ||', manifests: [imageObject('ImagePolicy', { policy: { semver: { range: '>=1.0.0 ||' } } })], field: 'spec.policy.semver.range', value: '">=1.0.0 ||"' },
    { id: 'FLUXIMG-003', name: 'the tag filter uses a lookahead', build: (c) => imagePolicy(c, { filterTags: { pattern: '^v(?=1)' } }), path: IMG_POLICY, field: 'spec.filterTags.pattern', value: '"^v(?=1)"' },
    { id: 'FLUXIMG-003', name: 'a hand-written tag filter uses a backreference', manifests: [imageObject('ImagePolicy', { filterTags: { pattern: '^(a)\\1$' } })], field: 'spec.filterTags.pattern', value: '"^(a)\\\\1$"' },
    {
      id: 'FLUXIMG-004', name: 'extract references a third group of a pattern with two',
      build: (c) => imagePolicy(c, { policy: ImagePolicyChoice.numerical(), filterTags: { pattern: '^main-([a-f0-9]+)-([0-9]+)$', extract: '$3' } }), path: IMG_POLICY, field: 'spec.filterTags.extract', value: '"$3"',
    },
    { id: 'FLUXIMG-004', name: 'extract `$tsx` is read as the group named tsx', manifests: [imageObject('ImagePolicy', { policy: { numerical: {} }, filterTags: { pattern: '^main-(?P<ts>[0-9]+)$', extract: '$tsx' } })], field: 'spec.filterTags.extract', value: '"$tsx"' },
    { id: 'FLUXIMG-004', name: 'extract `$1x` is read as the group named 1x', manifests: [imageObject('ImagePolicy', { policy: { numerical: {} }, filterTags: { pattern: '^main-([0-9]+)$', extract: '$1x' } })], field: 'spec.filterTags.extract', value: '"$1x"' },
    {
      id: 'FLUXIMG-005', name: 'an alphabetical policy is added beside the semver one (ignored)',
      build: (c) => imagePolicy(c).addOverride('spec.policy.alphabetical', { order: 'asc' }), path: IMG_POLICY, field: 'spec.policy.alphabetical', value: '{"order":"asc"}',
    },
    { id: 'FLUXIMG-005', name: 'a hand-written policy has no kind', manifests: [imageObject('ImagePolicy', { policy: {} })], field: 'spec.policy', value: '{}' },
    { id: 'FLUXIMG-006', name: 'the automation commits to an OCIRepository', build: (c) => automation(c).addOverride('spec.sourceRef.kind', 'OCIRepository'), path: IMG_AUTO, field: 'spec.sourceRef.kind', value: '"OCIRepository"', also: ['SCHEMA-002'] },
    { id: 'FLUXIMG-006', name: 'a hand-written automation names a Bucket', manifests: [imageObject('ImageUpdateAutomation', { sourceRef: { kind: 'Bucket', name: 'platform' } })], field: 'spec.sourceRef.kind', value: '"Bucket"', also: ['SCHEMA-002'] },
    { id: 'FLUXIMG-007', name: 'the automation interval is overridden to a day', build: (c) => automation(c).addOverride('spec.interval', '1d'), path: IMG_AUTO, field: 'spec.interval', value: '"1d"' },
    { id: 'FLUXIMG-007', name: 'a hand-written automation interval has no unit', manifests: [imageObject('ImageUpdateAutomation', { interval: '30' })], field: 'spec.interval', value: '"30"' },
  ],
  passes: [
    { name: 'an ImageRepository with the defaults, a timeout of 90 minutes', build: (c) => imageRepo(c, { timeout: Duration.minutes(90), interval: Duration.hours(1) }) },
    { name: 'a semver range with a hyphen range, ||, x and a prerelease floor', build: (c) => imagePolicy(c, { policy: ImagePolicyChoice.semver('1.2 - 1.4.5 || ~2.1.x || >=3.0.0-0, <4') }) },
    { name: 'a caret range with a v prefix', build: (c) => imagePolicy(c, { policy: ImagePolicyChoice.semver('^v1.2') }) },
    {
      name: 'a numerical policy ordering a named group, with ${} and $$',
      build: (c) => imagePolicy(c, { policy: ImagePolicyChoice.numerical({ order: ImagePolicyOrder.ASC }), filterTags: { pattern: '^main-[a-f0-9]+-(?P<ts>[0-9]+)$', extract: '${ts}$$' } }),
    },
    { name: 'an alphabetical policy, a pattern with a class holding parentheses', build: (c) => imagePolicy(c, { policy: ImagePolicyChoice.alphabetical(), filterTags: { pattern: '^[()](\\d+)$', extract: '$1' } }) },
    { name: 'an automation of a GitRepository that exists elsewhere', build: (c) => automation(c, { sourceRef: GitRepository.fromGitRepositoryName('flux-system', { namespace: 'flux-system' }) }) },
    { name: 'hand-written: the three kinds as the Flux docs write them', manifests: [imageObject('ImageRepository'), imageObject('ImagePolicy', { filterTags: { pattern: '^v(?P<v>.*)$', extract: '$v' } }), imageObject('ImageUpdateAutomation')] },
  ],
};
