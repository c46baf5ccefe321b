import { Chart, Duration, Testing } from 'cdk8s';
import { AgentSecrets, AgentValidationError, GitProvider, GitRef, GitRepository } from '../../lib';
import { idsOf, manifestErrors, synthErrors } from '../support/rule-cases';
import { gitRepository, repo, synthChart } from './fixtures';

const synth = (build: (chart: Chart) => void): any[] => synthChart(build);

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('GitRepository', () => {
  test('renders the repository, checked every minute by default', () => {
    const [r] = synth((c) => repo(c));
    expect(r).toEqual({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'platform', namespace: 'flux-system' },
      spec: { interval: '1m0s', url: 'https://github.com/acme/platform.git' },
    });
  });

  test('every prop reaches the manifest: ref, interval, timeout (in minutes past an hour), the Secret, the provider', () => {
    const [r] = synth((c) => repo(c, {
      url: 'ssh://git@github.com/acme/platform.git', ref: GitRef.commit(SHA, { branch: 'main' }), interval: Duration.minutes(5), timeout: Duration.minutes(90),
      secretRef: AgentSecrets.fromSecretName(c, 'key', 'platform-deploy-key'), provider: GitProvider.GENERIC, labels: { team: 'a' },
    }));
    expect(r.metadata.labels).toEqual({ team: 'a' });
    expect(r.spec).toEqual({
      url: 'ssh://git@github.com/acme/platform.git', ref: { commit: SHA, branch: 'main' }, interval: '5m0s', timeout: '90m0s',
      secretRef: { name: 'platform-deploy-key' }, provider: 'generic',
    });
  });

  test.each([
    [GitRef.branch('main'), { branch: 'main' }],
    [GitRef.tag('v1.4.2'), { tag: 'v1.4.2' }],
    [GitRef.semver('>=1.0.0 <2.0.0'), { semver: '>=1.0.0 <2.0.0' }],
    [GitRef.reference('refs/pull/42/head'), { name: 'refs/pull/42/head' }],
    [GitRef.commit(SHA), { commit: SHA }],
  ])('GitRef %# renders one way to choose the revision', (ref, rendered) => {
    const [r] = synth((c) => repo(c, { ref }));
    expect(r.spec.ref).toEqual(rendered);
  });

  test('timeouts of an hour and more are written in minutes, as the CRD requires; shorter ones as Go prints them', () => {
    const timeoutOf = (d: Duration) => synth((c) => repo(c, { timeout: d }))[0].spec.timeout;
    expect([Duration.hours(1), Duration.minutes(61), Duration.seconds(3601), Duration.millis(3_600_500), Duration.seconds(59), Duration.millis(1500)].map(timeoutOf))
      .toEqual(['60m0s', '61m0s', '60m1s', '60m500ms', '59s', '1.5s']);
  });

  test('fromGitRepositoryName is a reference, not an object of the app', () => {
    const ref = GitRepository.fromGitRepositoryName('flux-system', { namespace: 'flux-system' });
    expect(ref).toEqual({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', name: 'flux-system', namespace: 'flux-system', external: true });
  });

  test('the generated GitRepository is the `Resource` child', () => {
    const r = repo(new Chart(Testing.app(), 'test'));
    expect(r.node.tryFindChild('Resource')).toBe(r.resource);
  });

  test('findings name the prop and the manifest field', () => {
    const [line] = synthErrors((c) => repo(c, { url: 'git@github.com:acme/platform.git' }));
    expect(line).toBe('error [FLUXGIT-URL-001] test/repo: url (spec.url) = "git@github.com:acme/platform.git": an scp-like address; write it as an ssh:// URL. '
      + 'Fix: write an SSH address as `ssh://git@github.com/org/repo.git`, or use `https://`');
  });
});

describe('GitRepository props from plain JavaScript', () => {
  const fromJs = (props: unknown) => synthErrors((c) => { new GitRepository(c, 'repo', props as any); });

  test('fails if url is missing (PROPS-001)', () => {
    expect(fromJs({})).toEqual([expect.stringMatching(/^error \[PROPS-001\] test\/repo: url = \(unset\)/)]);
  });

  test('fails if props have the wrong types, reported together', () => {
    const lines = fromJs({ url: 'https://github.com/acme/platform.git', ref: { branch: 'main' }, interval: 60, secretRef: 'deploy-key', provider: 'GitHub' });
    expect(idsOf(lines)).toEqual(['PROPS-001']);
    expect(lines.map((l) => l.split(' = ')[0])).toEqual([
      'error [PROPS-001] test/repo: ref', 'error [PROPS-001] test/repo: interval', 'error [PROPS-001] test/repo: secretRef', 'error [PROPS-001] test/repo: provider',
    ]);
  });

  test('fails if a GitRef is made without its value, under `ref`', () => {
    expect(fromJs({ url: 'https://github.com/acme/platform.git', ref: GitRef.branch('') })).toEqual([
      expect.stringMatching(/^error \[PROPS-001\] test\/repo: ref = "": GitRef\.branch\(branch\)/),
    ]);
  });

  test('undefined and null props are findings, not crashes', () => {
    for (const props of [undefined, null]) {
      let caught: unknown;
      try {
        synth((c) => new GitRepository(c, 'repo', props as any));
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(AgentValidationError);
    }
  });
});

describe('garbage is reported, never thrown', () => {
  test.each([null, 'x', [], { url: 5 }, { ref: 'main' }, { ref: [] }, { ref: { commit: 5, name: [] } }, { secretRef: 'x' }, { interval: 5, timeout: {} }])('spec %j', (spec) => {
    expect(idsOf(manifestErrors([{ ...gitRepository(), spec }]))).not.toContain('ENGINE-001');
  });
});
