import { Chart, Duration, Testing } from 'cdk8s';
import { AgentSecrets, ImageProvider, ImageRepository } from '../../lib';
import { synthErrors } from '../support/rule-cases';
import { imageRepo, synthChart } from './fixtures';

const synth = (build: (chart: Chart) => void): any[] => synthChart(build);

describe('ImageRepository', () => {
  test('renders the image, scanned every 5 minutes by default (image.toolkit.fluxcd.io/v1, the CRD\'s only served and storage version)', () => {
    expect(synth((c) => imageRepo(c))).toEqual([{
      apiVersion: 'image.toolkit.fluxcd.io/v1', kind: 'ImageRepository',
      metadata: { name: 'triage', namespace: 'flux-system' },
      spec: { image: 'ghcr.io/acme/triage', interval: '5m0s' },
    }]);
  });

  test('every prop reaches the manifest; a timeout past an hour in minutes', () => {
    const [r] = synth((c) => imageRepo(c, {
      interval: Duration.hours(1), timeout: Duration.minutes(90), secretRef: AgentSecrets.fromSecretName(c, 'pull', 'ghcr-pull'),
      provider: ImageProvider.GENERIC, exclusionList: ['^.*\\.sig$', '^sha-'], labels: { team: 'a' },
    }));
    expect(r.metadata.labels).toEqual({ team: 'a' });
    expect(r.spec).toEqual({ image: 'ghcr.io/acme/triage', interval: '1h0m0s', timeout: '90m0s', secretRef: { name: 'ghcr-pull' }, provider: 'generic', exclusionList: ['^.*\\.sig$', '^sha-'] });
  });

  test('the generated ImageRepository is the `Resource` child', () => {
    const r = imageRepo(new Chart(Testing.app(), 'test'));
    expect(r.node.tryFindChild('Resource')).toBe(r.resource);
  });

  test('fails if the image has a tag: the error names the path, the prop, the value and the fix', () => {
    expect(synthErrors((c) => imageRepo(c, { image: 'ghcr.io/acme/triage:1.0.0' }))).toEqual([
      expect.stringMatching(/^error \[PROPS-\d+\] test\/image: image = "ghcr.io\/acme\/triage:1.0.0": .*an image without a tag or digest.*give the image without its tag/),
    ]);
  });

  test('near miss: a registry with a port is no tag', () => {
    expect(synthErrors((c) => imageRepo(c, { image: 'localhost:5000/acme/triage' }))).toEqual([]);
  });

  test('fails if image is missing, from plain JavaScript', () => {
    expect(synthErrors((c) => { new ImageRepository(c, 'image', {} as any); })).toEqual([expect.stringMatching(/^error \[PROPS-001\] test\/image: image = \(unset\)/)]);
  });
});
