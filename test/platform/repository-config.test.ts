// The repository config (cdk8s-agents.yaml): read and checked, used by synth
// through ClusterProfile.fromRepositoryConfig and by `check`, one file for both.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { AgentKnativeService, AppValidation, ClusterProfile } from '../../lib';
import { runCheck } from '../../lib/cli/check';
import { acknowledgementsFor, parseRepositoryConfig, readRepositoryConfig } from '../../lib/platform/repository-config';
import { synthErrors } from '../support/rule-cases';
import { triggerManifest } from '../eventing/fixtures';

const REPO = path.join(__dirname, '..', '..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A folder with these files (path → content). */
function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-config-'));
  dirs.push(dir);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

function check(cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCheck(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const OIDC = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: config-features, namespace: knative-eventing }\ndata: { authentication-oidc: enabled }\n';

describe('reading the repository config', () => {
  test('a full config: ConfigMap files relative to the file, the version, provided objects, acknowledgements', () => {
    const dir = folder({
      'cdk8s-agents.yaml': [
        'cluster:', '  configMapFiles: [platform/features.yaml]', '  releases: { knative: "v1.22.1", keda: "2.16" }',
        'provided:', '  - { kind: Broker, namespace: agents, name: default }', '  - { kind: TriggerAuthentication, name: kafka }',
        'acknowledgements:', '  - { object: Service/agents/triage, rule: KSVC-SCALE-021, reason: by design }',
        'exclude: ["charts/**"]',
      ].join('\n'),
    });
    const { config, problems } = readRepositoryConfig(path.join(dir, 'cdk8s-agents.yaml'));
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      configMapFiles: [path.join(dir, 'platform/features.yaml')], knativeVersion: '1.22', releases: { keda: '2.16' },
      provided: [{ kind: 'Broker', namespace: 'agents', name: 'default' }, { kind: 'TriggerAuthentication', name: 'kafka' }],
      exclude: ['charts/**'],
    });
    expect(acknowledgementsFor(config!, 'Service', 'agents', 'triage')).toEqual(new Map([['KSVC-SCALE-021', 'by design']]));
    expect(acknowledgementsFor(config!, 'Service', 'other', 'triage')).toBeUndefined();
  });

  test('every problem at once, each with its field; a misspelled key gets a suggestion', () => {
    const { config, problems } = parseRepositoryConfig({
      clutser: {}, cluster: { relases: {}, releases: { knative: 1.2, flux: '2.4' }, configMapFiles: 'a.yaml' },
      provided: [{ kind: 'Broker' }, 'Broker/default'],
      acknowledgements: [{ object: 'triage', rule: 'KSVC-SCALE-021', reason: ' ' }],
    }, '/repo/cdk8s-agents.yaml');
    expect(config).toBeUndefined();
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      'clutser: unknown key (did you mean `cluster`?)',
      'cluster.relases: unknown key (did you mean `releases`?)',
      'cluster.configMapFiles: expected a list of file paths, got the string "a.yaml"',
      'cluster.releases.flux: unknown key; known: knative, keda, externalSecrets, sealedSecrets',
      'cluster.releases.knative: expected a release such as "1.22" or "2.20.2" (quoted: 1.20 unquoted is the number 1.2), got number 1.2',
      'provided[0].name: expected an object name, got undefined',
      'provided[1]: expected a map with `kind`, `name` and optionally `namespace`, got the string "Broker/default"',
      'acknowledgements[0].object: expected `Kind/namespace/name` or `Kind/name`, got the string "triage"',
    ]);
  });

  test('an empty file is an empty config; a file that is no map or no YAML is a problem', () => {
    expect(parseRepositoryConfig(null, 'x.yaml').config).toMatchObject({ configMapFiles: [], provided: [], acknowledgements: [] });
    expect(parseRepositoryConfig(['a'], 'x.yaml').problems[0].message).toMatch(/^expected a map/);
    const dir = folder({ 'bad.yaml': 'cluster: [\n' });
    expect(readRepositoryConfig(path.join(dir, 'bad.yaml')).problems[0].message).toMatch(/^not valid YAML/);
    expect(readRepositoryConfig(path.join(dir, 'missing.yaml')).problems[0].message).toBe('cannot read the file (ENOENT)');
  });
});

describe('synth: ClusterProfile.fromRepositoryConfig', () => {
  test('the settings of the ConfigMap files, and the acknowledgements, apply to the app', () => {
    const dir = folder({
      'platform/features.yaml': OIDC,
      'cdk8s-agents.yaml': 'cluster: { configMapFiles: [platform/features.yaml] }\nacknowledgements:\n  - { object: Service/agents/agent, rule: KSVC-SCALE-021, reason: one request per pod by design }\n',
    });
    const app = Testing.app();
    const profile = ClusterProfile.fromRepositoryConfig(app, 'cluster', path.join(dir, 'cdk8s-agents.yaml'));
    expect(profile.eventingFeature('authenticationOidc')).toBe('Enabled');
    const printed: string[] = [];
    AppValidation.of(app).reporter = (line) => printed.push(line);
    new AgentKnativeService(new Chart(app, 'c', { namespace: 'agents' }), 'agent', { image: 'ghcr.io/acme/a:1.0.0', containerConcurrency: 1, scaling: { target: 5 } });
    app.synth();
    expect(printed).toEqual(['acknowledged [KSVC-SCALE-021] c/agent: one request per pod by design']);
  });

  test('a provided object is not asked for in the app; without it, the reference fails synth', () => {
    const dir = folder({ 'cdk8s-agents.yaml': 'provided:\n  - { kind: Broker, namespace: agents, name: events }\n' });
    const withTrigger = (configFile?: string) => synthErrors((c) => {
      if (configFile) ClusterProfile.fromRepositoryConfig(c.node.root as any, 'cluster', configFile);
      new (require('cdk8s').ApiObject)(c, 't', triggerManifest());
    });
    expect(withTrigger(path.join(dir, 'cdk8s-agents.yaml'))).toEqual([]);
    expect(withTrigger().map((l) => l.split(': ')[0])).toEqual(['error [EVT-APP-001] test/t']);
  });

  test('a problem of the file fails synth naming the file and the field', () => {
    const dir = folder({ 'cdk8s-agents.yaml': 'provided: [{ kind: Broker }]\n' });
    const file = path.join(dir, 'cdk8s-agents.yaml');
    expect(synthErrors((c) => ClusterProfile.fromRepositoryConfig(c.node.root as any, 'cluster', file))).toEqual([
      `error [PROPS-001] cluster: file = ${JSON.stringify(file)}: provided[0].name: expected an object name, got undefined. Fix: fix the repository config (README: "One config for synth and check")`,
    ]);
  });
});

describe('check: the same config', () => {
  test('cdk8s-agents.yaml in the working directory is read: settings, provided objects and acknowledgements', () => {
    const trigger = 'apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata: { name: t, namespace: agents }\nspec:\n  broker: events\n  subscriber: { uri: "http://example.com" }\n';
    const dir = folder({ 'k8s/trigger.yaml': trigger, 'cdk8s-agents.yaml': 'provided:\n  - { kind: Broker, name: events }\n' });
    expect(check(dir, 'k8s')).toMatchObject({ code: 0, stdout: 'no findings (1 object checked, 0 passed through)\n' });
    // Without the config the broker must exist (open world), and is an error in a closed one.
    fs.rmSync(path.join(dir, 'cdk8s-agents.yaml'));
    expect(check(dir, 'k8s').stdout).toMatch(/^k8s\/trigger.yaml:5:3: warning \[REF-001\] k8s\/trigger.yaml#1 Trigger\/agents\/t: spec.broker = "events": Broker "events" in namespace "agents" is not among the checked objects/);
    expect(check(dir, '--closed', 'k8s')).toMatchObject({ code: 1, stdout: expect.stringMatching(/^k8s\/trigger.yaml:5:3: error \[EVT-APP-001\]/) });
  });

  test('the config\'s `exclude` globs are not read, as with --exclude', () => {
    const bad = 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: { name: Bad_Name, namespace: agents }\nspec: { template: { spec: { containers: [{ image: ghcr.io/acme/a:1.0.0 }] } } }\n';
    const dir = folder({ 'k8s/legacy/bad.yaml': bad, 'k8s/ok.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: agents }\n' });
    expect(check(dir, 'k8s').code).toBe(1);
    fs.writeFileSync(path.join(dir, 'cdk8s-agents.yaml'), 'exclude: ["k8s/legacy/**"]\n');
    expect(check(dir, 'k8s')).toMatchObject({ code: 0 });
  });

  test('--config names the file; its problems are input errors (exit 2), nothing is validated', () => {
    const dir = folder({ 'conf/agents.yaml': 'acknowledgements: [{ object: Service/x, rule: R }]\n', 'k8s/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n' });
    const run = check(dir, '--config', 'conf/agents.yaml', 'k8s');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('conf/agents.yaml: acknowledgements[0].reason: expected the reason the warning is acceptable (an acknowledgement without one silences nothing), got undefined\n');
    expect(check(dir, '--config', 'nope.yaml', 'k8s')).toMatchObject({ code: 2, stderr: 'nope.yaml: cannot read the file (ENOENT)\n' });
  });

  test('what `npm run synth` writes passes `check` with the repository\'s own config', () => {
    const run = check(REPO, 'dist');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^acknowledged \[KSVC-SCALE-021\] dist\/webhook-agent\/webhook-agent\.k8s\.yaml#\d+ \(dist\/webhook-agent\) Service\/agents\/jira-triage: one ticket per pod/m);
    expect(run.stdout).toMatch(/^no findings \(\d+ objects checked, \d+ passed through\)$/m);
  });
});
