import { Chart, Duration, Testing } from 'cdk8s';
import { GitRef, GitRepository, ImageUpdateAutomation } from '../../lib';
import { synthErrors } from '../support/rule-cases';
import { automation, synthChart } from './fixtures';

const synth = (build: (chart: Chart) => void): any[] => synthChart(build);

describe('ImageUpdateAutomation', () => {
  test('renders the Setters strategy on the app\'s folder, every 30 minutes by default', () => {
    const [, a] = synth((c) => automation(c));
    expect(a).toEqual({
      apiVersion: 'image.toolkit.fluxcd.io/v1', kind: 'ImageUpdateAutomation',
      metadata: { name: 'automation', namespace: 'flux-system' },
      spec: {
        interval: '30m0s', sourceRef: { kind: 'GitRepository', name: 'platform' },
        git: { commit: { author: { email: 'flux@acme.dev', name: 'Flux' } } },
        update: { path: './dist/agents', strategy: 'Setters' },
      },
    });
  });

  test('checkout, push, message and a GitRepository of another namespace reach the manifest', () => {
    const [a] = synth((c) => automation(c, {
      sourceRef: GitRepository.fromGitRepositoryName('platform', { namespace: 'gitops' }), checkout: GitRef.branch('main'), pushBranch: 'flux-images',
      interval: Duration.hours(1), commit: { authorEmail: 'flux@acme.dev', messageTemplate: 'chore: images' },
    }));
    expect(a.spec).toEqual({
      interval: '1h0m0s', sourceRef: { kind: 'GitRepository', name: 'platform', namespace: 'gitops' },
      git: { checkout: { ref: { branch: 'main' } }, commit: { author: { email: 'flux@acme.dev' }, messageTemplate: 'chore: images' }, push: { branch: 'flux-images' } },
      update: { path: './dist/agents', strategy: 'Setters' },
    });
  });

  test('the generated object is the `Resource` child', () => {
    const a = automation(new Chart(Testing.app(), 'test'));
    expect(a.node.tryFindChild('Resource')).toBe(a.resource);
  });

  test('fails if required props are missing, from plain JavaScript: each named', () => {
    const lines = synthErrors((c) => { new ImageUpdateAutomation(c, 'automation', {} as any); });
    expect(lines.map((l) => /test\/automation: (\w+) = \(unset\)/.exec(l)?.[1])).toEqual(['sourceRef', 'path', 'commit']);
  });

  test('fails if the commit has no author e-mail', () => {
    expect(synthErrors((c) => automation(c, { commit: { authorEmail: '' } }))).toEqual([expect.stringMatching(/^error \[PROPS-\d+\] test\/automation: commit.authorEmail = ""/)]);
  });
});
