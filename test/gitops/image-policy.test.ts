import { Chart, Testing } from 'cdk8s';
import { ImagePolicy, ImagePolicyChoice, ImagePolicyOrder } from '../../lib';
import { synthErrors } from '../support/rule-cases';
import { imagePolicy, synthChart } from './fixtures';

const synth = (build: (chart: Chart) => void): any[] => synthChart(build);

describe('ImagePolicy', () => {
  test('renders the policy of the chart\'s ImageRepository (same namespace: no namespace in the ref)', () => {
    const [, p] = synth((c) => imagePolicy(c));
    expect(p).toEqual({
      apiVersion: 'image.toolkit.fluxcd.io/v1', kind: 'ImagePolicy',
      metadata: { name: 'triage', namespace: 'flux-system' },
      spec: { imageRepositoryRef: { name: 'triage' }, policy: { semver: { range: '>=1.0.0 <2.0.0' } } },
    });
  });

  test.each([
    [ImagePolicyChoice.semver('^1.2'), { semver: { range: '^1.2' } }],
    [ImagePolicyChoice.alphabetical(), { alphabetical: {} }],
    [ImagePolicyChoice.alphabetical({ order: ImagePolicyOrder.ASC }), { alphabetical: { order: 'asc' } }],
    [ImagePolicyChoice.numerical({ order: ImagePolicyOrder.DESC }), { numerical: { order: 'desc' } }],
  ])('ImagePolicyChoice %# renders one policy kind', (policy, rendered) => {
    expect(synth((c) => imagePolicy(c, { policy }))[1].spec.policy).toEqual(rendered);
  });

  test('filterTags and a repository of another namespace reach the manifest', () => {
    const [p] = synth((c) => imagePolicy(c, { imageRepository: { name: 'shared', namespace: 'images' }, filterTags: { pattern: '^main-(?P<ts>[0-9]+)$', extract: '$ts' } }));
    expect(p.spec.imageRepositoryRef).toEqual({ name: 'shared', namespace: 'images' });
    expect(p.spec.filterTags).toEqual({ pattern: '^main-(?P<ts>[0-9]+)$', extract: '$ts' });
  });

  test('setterName is <namespace>:<name>, the $imagepolicy marker\'s', () => {
    const p = imagePolicy(new Chart(Testing.app(), 'test', { namespace: 'flux-system' }));
    expect(p.setterName).toBe('flux-system:triage');
    expect(p.node.tryFindChild('Resource')).toBe(p.resource);
  });

  test('findings name the prop and the manifest field', () => {
    const lines = synthErrors((c) => imagePolicy(c, { policy: ImagePolicyChoice.semver('latest') }));
    expect(lines).toEqual(['error [FLUXIMG-002] test/policy: policy (spec.policy.semver.range) = "latest": improper constraint: "latest". '
      + 'Fix: pass a range of comparisons (`>=`, `<`, `^`, `~`, `!=`), joined by spaces or commas, alternatives by `||`, e.g. `ImagePolicyChoice.semver(\'>=1.0.0 <2.0.0\')`']);
  });

  test('fails if props have the wrong types, from plain JavaScript', () => {
    const lines = synthErrors((c) => { new ImagePolicy(c, 'policy', { imageRepository: 'triage', policy: { semver: { range: '1' } } } as any); });
    expect(lines).toEqual([
      'error [PROPS-001] test/policy: imageRepository = "triage": expected an IImageRepository, got the string "triage". Fix: pass an `ImageRepository`, or `{ name, namespace }` of one that exists',
      expect.stringMatching(/^error \[PROPS-001\] test\/policy: policy = \{"semver":\{"range":"1"\}\}: expected a ImagePolicyChoice, got an object .*Fix: use `ImagePolicyChoice.semver/),
    ]);
  });

  test('fails if a factory gets an empty range', () => {
    expect(synthErrors((c) => imagePolicy(c, { policy: ImagePolicyChoice.semver('') }))).toEqual([expect.stringMatching(/^error \[PROPS-001\] test\/policy: policy = "": ImagePolicyChoice.semver\(range\): expected a non-empty string/)]);
  });
});
