// The check command on hand-written manifests in test/fixtures/check (Knative
// docs samples and the mistakes people make with them).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CHECK_USAGE, runCheck } from '../../lib/cli/check';
import { main, USAGE } from '../../lib/cli/main';
import { checkFiles } from '../../lib/cli/manifests';

const REPO = path.join(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'check');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Finding lines as `severity RULE file#doc`, in printed order. */
  readonly verdicts: string[];
  /** Printed lines of stdout. */
  readonly lines: string[];
}

function check(...argv: string[]): Run {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCheck(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd: FIXTURES });
  const stdout = out.join('');
  const lines = stdout.split('\n').filter((l) => l !== '');
  return { code, stdout, stderr: err.join(''), lines, verdicts: verdictsOf(lines) };
}

function verdictsOf(lines: readonly string[]): string[] {
  return lines.flatMap((l) => {
    const m = /^(?:\S+:\d+:\d+: )?(error|warning) \[([A-Z0-9-]+)\] (\S+) /.exec(l);
    return m ? [`${m[1]} ${m[2]} ${m[3]}`] : [];
  });
}

function lineOf(run: Run, rule: string): string {
  const found = run.lines.filter((l) => l.includes(`[${rule}]`));
  expect(found).toHaveLength(1);
  return found[0];
}

const NO_STACK = /^\s+at /m;

describe('check: clean manifests from the Knative docs', () => {
  test('helloworld-go, autoscale-go, a 50/50 traffic split with tags and a cluster-local Service pass', () => {
    const run = check('clean');
    expect(run.stderr).toBe('');
    // 4 Knative Services, the Namespace and the ConfigMap (core kinds: k8s.io/api's schemas) checked.
    expect(run.stdout).toBe('no findings (6 objects checked, 0 passed through)\n');
    expect(run.code).toBe(0);
  });

  test('each sample passes on its own', () => {
    for (const file of fs.readdirSync(path.join(FIXTURES, 'clean'))) {
      const run = check(`clean/${file}`);
      expect({ file, code: run.code, verdicts: run.verdicts }).toEqual({ file, code: 0, verdicts: [] });
    }
  });
});

describe('check: rule ids per file#document', () => {
  const run = check('broken');

  test('exactly the expected findings, errors in file and document order', () => {
    expect(run.verdicts).toEqual([
      'error KSVC-SCALE-017 broken/agents.yaml#1',
      'error KSVC-META-001 broken/agents.yaml#2',
      'error KSVC-SCALE-018 broken/agents.yaml#3',
      'error SCHEMA-001 broken/agents.yaml#4',
      'error ENGINE-003 broken/agents.yaml#5',
      'error POD-ENV-002 broken/deployment.yaml#2',
      'error POD-RES-001 broken/deployment.yaml#2',
    ]);
    expect(run.lines[run.lines.length - 1]).toBe('7 errors (8 objects checked, 0 passed through)');
    expect(run.lines).toHaveLength(8);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
  });

  test('where reads file#document Kind/namespace/name', () => {
    expect(lineOf(run, 'KSVC-META-001')).toContain('broken/agents.yaml#2 Service/agents/jira-triage: ');
    expect(lineOf(run, 'POD-RES-001')).toContain('broken/deployment.yaml#2 Deployment/agents/triage-worker: ');
    expect(lineOf(run, 'ENGINE-003')).toContain('broken/agents.yaml#5 (no kind)/(no name): ');
  });

  test('each message names the field and value, and gives the fix', () => {
    const grace = lineOf(run, 'KSVC-SCALE-017');
    expect(grace).toContain('spec.template.metadata.annotations["autoscaling.knative.dev/scale-to-zero-grace-period"] = "30s"');
    expect(grace).toContain('Fix: ');
    expect(grace).toContain('config-autoscaler');

    const meta = lineOf(run, 'KSVC-META-001');
    expect(meta).toContain('metadata.annotations["autoscaling.knative.dev/min-scale"] = "1"');
    expect(meta).toMatch(/Fix: .*revision template/);

    const typo = lineOf(run, 'KSVC-SCALE-018');
    expect(typo).toContain('spec.template.metadata.annotations["autoscaling.knative.dev/minscale"] = "1"');
    expect(typo).toContain('Fix: did you mean "autoscaling.knative.dev/min-scale"?');

    const unknown = lineOf(run, 'SCHEMA-001');
    expect(unknown).toContain('spec.template.spec.containers[0].lifecycle = {"preStop"');
    expect(unknown).toMatch(/"lifecycle" is not in the Service schema.*Fix: remove the field/);

    expect(lineOf(run, 'ENGINE-003')).toContain('"just a string, not an object"');

    const env = lineOf(run, 'POD-ENV-002');
    expect(env).toContain('spec.template.spec.containers[0].env[0].name = "JIRA TOKEN"');
    expect(env).toContain('Fix: rename the variable');

    const res = lineOf(run, 'POD-RES-001');
    expect(res).toContain('spec.template.spec.containers[0].resources.requests.cpu = "2": the request exceeds the limit 500m. Fix: raise the limit or lower the request');
  });

  test('documents are numbered by position: empty documents are skipped but counted', () => {
    const outcome = checkFiles({ paths: ['broken'], cwd: FIXTURES });
    expect([...outcome.origins.keys()]).toEqual([
      'broken/agents.yaml#1 Service/agents/grace-period',
      'broken/agents.yaml#2 Service/agents/jira-triage',
      'broken/agents.yaml#3 Service/agents/minscale-typo',
      'broken/agents.yaml#4 Service/agents/with-lifecycle',
      'broken/agents.yaml#5 (no kind)/(no name)',
      // documents 6 (a comment only) and 7 are empty
      'broken/agents.yaml#8 Namespace/agents',
      'broken/deployment.yaml#1 ConfigMap/agents/triage-config',
      'broken/deployment.yaml#2 Deployment/agents/triage-worker',
    ]);
  });

  test('the output is deterministic, and a file named twice is read once', () => {
    expect(check('broken').stdout).toBe(run.stdout);
    expect(check('broken/deployment.yaml', 'broken', './broken/agents.yaml').stdout).toBe(run.stdout.replace(
      // deployment.yaml now comes first
      /^([\s\S]*?)(broken\/deployment\.yaml:\d+:\d+: error \[POD-ENV-002\][\s\S]*?\n)(\S+ error \[POD-RES-001\][\s\S]*?\n)/, '$2$3$1'));
  });

  test('a kind: List is expanded into its items', () => {
    const list = check('list/list.yaml');
    expect(list.verdicts).toEqual(['error KSVC-SCALE-018 list/list.yaml#1.items[1]']);
    expect(list.lines[0]).toContain('list/list.yaml#1.items[1] Service/default/listed-typo: ');
    expect(list.lines[0]).toContain('did you mean "autoscaling.knative.dev/max-scale"?');
    expect(list.lines[1]).toBe('1 error (2 objects checked, 0 passed through)');
  });
});

describe('check: across files', () => {
  test('two Services with one name in one namespace: APP-001 on the later one, naming the earlier', () => {
    const run = check('dup');
    expect(run.verdicts).toEqual(['error APP-001 dup/b.yaml#1']);
    expect(run.lines[0]).toContain('metadata.name = "summarizer": Service "summarizer" in namespace "agents" is also defined at dup/a.yaml#1 Service/agents/summarizer');
    expect(run.code).toBe(1);
    expect(check('dup/b.yaml', 'dup/a.yaml').verdicts).toEqual(['error APP-001 dup/a.yaml#1']);
  });

  test('each file alone is fine', () => {
    expect(check('dup/a.yaml').code).toBe(0);
    expect(check('dup/b.yaml').code).toBe(0);
  });
});

describe('check: secrets', () => {
  test('hand-written ExternalSecret, SealedSecret and Secret YAML get the same rules as constructs', () => {
    const run = check('secrets');
    expect(run.verdicts).toEqual([
      'error SECRET-ES-002 secrets/agent.yaml#1',
      'error SECRET-ES-004 secrets/agent.yaml#1',
      'error SECRET-SEAL-002 secrets/agent.yaml#2',
      'error SECRET-ENV-001 secrets/agent.yaml#4',
      'warning SECRET-004 secrets/agent.yaml#3',
    ]);
    expect(lineOf(run, 'SECRET-ENV-001')).toContain('ANTHROPIC_API_KEY is set in env and also comes from ExternalSecret "triage-secrets" (secrets/agent.yaml#1');
    // Neither the sealed nor the plaintext value is ever printed.
    expect(run.stdout).not.toContain('my-jira-token');
    expect(run.stdout).not.toContain('sk-test');
    expect(run.code).toBe(1);
  });
});

describe('check: hand-written NetworkPolicy and CiliumNetworkPolicy', () => {
  test('a Knative agent locked down by hand passes', () => {
    const run = check('network/clean.yaml');
    expect(run.stdout).toBe('no findings (4 objects checked, 0 passed through)\n');
    expect(run.code).toBe(0);
  });

  test('the usual mistakes: quoted port, exception outside the block, a scheme in an FQDN, no DNS proxy, no policyTypes, two policies', () => {
    const run = check('network/broken.yaml');
    expect(run.verdicts).toEqual([
      'error NET-PORT-001 network/broken.yaml#2',
      'error NET-PEER-003 network/broken.yaml#2',
      'error NET-CILIUM-003 network/broken.yaml#3',
      'warning NET-INGRESS-001 network/broken.yaml#2',
      'warning NET-CILIUM-005 network/broken.yaml#3',
      'warning NET-APP-001 network/broken.yaml#3',
    ]);
    expect(lineOf(run, 'NET-CILIUM-003')).toContain('spec.egress[0].toFQDNs[0].matchName = "https://acme.atlassian.net": has a scheme');
    expect(lineOf(run, 'NET-APP-001')).toContain('which NetworkPolicy/agents/jira-triage-egress (network/broken.yaml#2 NetworkPolicy/agents/jira-triage-egress) already selects');
    expect(run.code).toBe(1);
  });
});

describe('check: unreadable input (exit 2)', () => {
  test('a YAML syntax error: file:line:col, no stack trace, the other files still checked', () => {
    const run = check('syntax');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^syntax\/bad\.yaml:\d+:\d+: Flow sequence in block collection .*\(document 2\)\n$/);
    expect(run.stderr).not.toMatch(NO_STACK);
    expect(run.stdout).not.toMatch(NO_STACK);
    // good.yaml and the readable first document of bad.yaml are still validated
    expect(run.verdicts).toEqual(['error KSVC-META-001 syntax/good.yaml#1']);
    expect(run.lines[1]).toBe('1 error (2 objects checked, 0 passed through; 1 input error, see above)');
  });

  test('the line and column are those of the yaml parser', () => {
    const [, line, col] = /:(\d+):(\d+):/.exec(check('syntax/bad.yaml').stderr) ?? [];
    const text = fs.readFileSync(path.join(FIXTURES, 'syntax/bad.yaml'), 'utf-8').split('\n');
    expect(Number(line)).toBeGreaterThan(text.findIndex((l) => l.includes('[gcr.io')));
    expect(Number(col)).toBeGreaterThanOrEqual(1);
  });

  test('a missing file is reported, the others still checked', () => {
    const run = check('no-such-file.yaml', 'dup');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('no-such-file.yaml: no such file or directory\n');
    expect(run.verdicts).toEqual(['error APP-001 dup/b.yaml#1']);
  });

  test('a directory without YAML files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-empty-'));
    try {
      const run = check(dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/: no \*\.yaml or \*\.yml files in this directory\n$/);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  (root ? test.skip : test)('an unreadable directory', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-unreadable-'));
    fs.chmodSync(dir, 0o000);
    try {
      const run = check(dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/cannot read directory: permission denied/);
    } finally {
      fs.chmodSync(dir, 0o700);
      fs.rmSync(dir, { recursive: true });
    }
  });

  test.each([
    [['--bogus', 'clean'], /: unknown option --bogus\n/],
    [['--formt', 'json', 'clean'], /: unknown option --formt; did you mean --format\?\n/],
    [['--strikt', 'clean'], /: unknown option --strikt; did you mean --strict\?\n/],
    [['--format', 'xml', 'clean'], /--format must be text, json, sarif or junit, not "xml"/],
    [[], /no files or directories to check/],
    [['--settings'], /--settings/],
  ])('bad options %j', (argv, message) => {
    const run = check(...argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('Run "cdk8s-agents check --help" for usage.');
  });

  test('every option of the usage is suggested for a misspelling of it', () => {
    const options = [...new Set(CHECK_USAGE.match(/--[a-z][a-z-]+/g))];
    expect(options).toEqual(expect.arrayContaining(['--settings', '--knative-version', '--strict', '--format', '--help']));
    for (const option of options) {
      expect(check(option.slice(0, -1), 'clean').stderr).toContain(`unknown option ${option.slice(0, -1)}; did you mean ${option}?`);
    }
  });

  test('a bad --knative-version', () => {
    const run = check('--knative-version', 'latest', 'clean');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('--knative-version: "latest" is not a version such as 1.23\n');
    expect(run.stdout).toBe('');
  });
});

describe('check: --settings', () => {
  const FEATURES = 'settings/config-features.yaml';
  const DEFAULTS = 'settings/config-defaults.yaml';
  const SERVICE = 'settings/node-selector.yaml';

  test('without settings, nodeSelector and a 900s timeout fail against the upstream defaults', () => {
    const run = check(SERVICE);
    expect(run.verdicts).toEqual(['error KSVC-SPEC-001 settings/node-selector.yaml#1', 'error KSVC-POD-001 settings/node-selector.yaml#1']);
    expect(lineOf(run, 'KSVC-POD-001')).toContain('spec.template.spec.nodeSelector = {"accelerator":"nvidia-l4"}: needs config-features "kubernetes.podspec-nodeselector"');
    expect(lineOf(run, 'KSVC-SPEC-001')).toContain('spec.template.spec.timeoutSeconds = 900: expected whole seconds 0 <= value <= 600');
    expect(run.code).toBe(1);
  });

  test('config-features enables nodeSelector; config-defaults raises the maximum timeout', () => {
    expect(check('--settings', FEATURES, SERVICE).verdicts).toEqual(['error KSVC-SPEC-001 settings/node-selector.yaml#1']);
    expect(check('--settings', DEFAULTS, SERVICE).verdicts).toEqual(['error KSVC-POD-001 settings/node-selector.yaml#1']);
    const both = check('--settings', FEATURES, '--settings', DEFAULTS, SERVICE);
    expect(both.stdout).toBe('no findings (1 object checked, 0 passed through)\n');
    expect(both.code).toBe(0);
  });

  test('ConfigMaps among the checked files are not used as settings', () => {
    const run = check(FEATURES, DEFAULTS, SERVICE);
    expect(run.verdicts).toEqual(['error KSVC-SPEC-001 settings/node-selector.yaml#1', 'error KSVC-POD-001 settings/node-selector.yaml#1']);
    expect(run.lines[2]).toBe('2 errors (3 objects checked, 0 passed through)');
  });

  test('values Knative refuses or ignores in the ConfigMaps are reported at the settings file', () => {
    const run = check('--settings', 'settings/config-features-typo.yaml', '--settings', 'settings/config-defaults-bad.yaml', SERVICE);
    expect(run.verdicts).toEqual([
      'error PROFILE-005 settings/config-features-typo.yaml#1',
      'error PROFILE-002 settings/config-defaults-bad.yaml#1',
      'error KSVC-SPEC-001 settings/node-selector.yaml#1',
      'error KSVC-POD-001 settings/node-selector.yaml#1',
    ]);
    expect(lineOf(run, 'PROFILE-002')).toContain('settings/config-defaults-bad.yaml#1 ConfigMap/knative-serving/config-defaults: config-defaults/revision-timeout-seconds = "five minutes": not an integer');
    expect(lineOf(run, 'PROFILE-005')).toContain('config-features/kubernetes.podspec-nodeselector = "yes": Knative ignores "yes" and keeps the default Disabled. Fix: use Enabled, Allowed or Disabled');
    expect(run.code).toBe(1);
  });

  test('a settings file without Knative ConfigMaps, or missing, is unreadable input: nothing is validated', () => {
    for (const bad of ['clean/helloworld-go.yaml', 'settings/missing.yaml', 'settings']) {
      const run = check('--settings', bad, SERVICE);
      expect({ bad, code: run.code, stdout: run.stdout }).toEqual({ bad, code: 2, stdout: '' });
      expect(run.stderr.startsWith(`${bad}: `)).toBe(true);
    }
  });

  test('--knative-version: a release the rules do not implement is checked with the nearest and warned about (PROFILE-003), never refused; v1.22.1 is read as 1.22', () => {
    const old = check('--knative-version', '1.21', 'clean');
    expect(old.verdicts).toEqual(['warning PROFILE-003 --knative-version']);
    expect(old.lines[0]).toContain('knativeVersion = "1.21": Knative 1.21 is older than the releases the rules implement (1.22, 1.23): checked with the 1.22 rules');
    expect(old.code).toBe(0);
    expect(check('--strict', '--knative-version', '1.24', 'clean').code).toBe(1);
    expect(check('--knative-version', 'v1.22.1', 'clean').code).toBe(0);
    expect(check('--knative-version', '1.23', 'clean').code).toBe(0);
  });
});

describe('check: --strict and --format json', () => {
  const WARN = 'warnings/target-above-concurrency.yaml';

  test('a warnings-only input passes, and fails with --strict (still printed as a warning)', () => {
    const lax = check(WARN);
    expect(lax.verdicts).toEqual(['warning KSVC-SCALE-021 warnings/target-above-concurrency.yaml#1']);
    expect(lax.lines[0]).toContain('spec.template.metadata.annotations["autoscaling.knative.dev/target"] = "10": target 10 exceeds containerConcurrency 5');
    expect(lax.lines[1]).toBe('1 warning (1 object checked, 0 passed through)');
    expect(lax.code).toBe(0);

    const strict = check('--strict', WARN);
    expect(strict.stdout).toBe(lax.stdout);
    expect(strict.code).toBe(1);
  });

  test('errors come before warnings', () => {
    const run = check(WARN, 'dup');
    expect(run.verdicts).toEqual(['error APP-001 dup/b.yaml#1', 'warning KSVC-SCALE-021 warnings/target-above-concurrency.yaml#1']);
  });

  test('json: one document with the same findings as the text output', () => {
    const text = check('broken', WARN);
    const json = check('--format', 'json', 'broken', WARN);
    expect(json.code).toBe(text.code);
    const report = JSON.parse(json.stdout);
    expect(Object.keys(report)).toEqual(['findings', 'summary', 'inputErrors', 'acknowledged', 'skipped']);
    expect(report.acknowledged).toEqual([]);
    expect(report.findings.map((f: any) => `${f.severity} ${f.rule} ${f.where.split(' ')[0]}`)).toEqual(text.verdicts);
    expect(report.summary).toEqual({ errors: 7, warnings: 1, checked: 9, passedThrough: 0 });
    expect(report.inputErrors).toEqual([]);
    expect(report.findings[2]).toEqual({
      rule: 'KSVC-SCALE-018',
      severity: 'error',
      where: 'broken/agents.yaml#3 Service/agents/minscale-typo',
      object: 'Service/agents/minscale-typo',
      field: 'spec.template.metadata.annotations["autoscaling.knative.dev/minscale"]',
      prop: null,
      value: '1',
      problem: '"autoscaling.knative.dev/minscale" is not read by Knative',
      fix: 'did you mean "autoscaling.knative.dev/min-scale"?',
      file: 'broken/agents.yaml',
      line: 40,
      column: 9,
    });
    for (const f of report.findings) expect(Object.keys(f)).toEqual(['rule', 'severity', 'where', 'object', 'field', 'prop', 'value', 'problem', 'fix', 'file', 'line', 'column']);
  });

  test('json with --strict and with unreadable input', () => {
    expect(check('--format', 'json', '--strict', WARN).code).toBe(1);
    const run = check('--format', 'json', 'syntax');
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((f: any) => f.rule)).toEqual(['KSVC-META-001']);
    expect(report.inputErrors).toEqual([expect.objectContaining({ file: 'syntax/bad.yaml', line: expect.any(Number), col: expect.any(Number) })]);
  });

  test('--help prints the usage on stdout', () => {
    const run = check('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(CHECK_USAGE);
    expect(run.stdout.startsWith('Usage: cdk8s-agents check [options] <files or dirs...>\n')).toBe(true);
  });
});

describe('the cdk8s-agents entry', () => {
  const collect = (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = main(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd: FIXTURES });
    return { code, stdout: out.join(''), stderr: err.join('') };
  };

  test('dispatches check, prints the version, rejects unknown commands with the usage', () => {
    expect(collect(['check', 'clean'])).toEqual({ code: 0, stdout: 'no findings (6 objects checked, 0 passed through)\n', stderr: '' });
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf-8'));
    expect(collect(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect(collect(['lint', 'clean'])).toEqual({ code: 2, stdout: '', stderr: `cdk8s-agents: unknown command "lint"\n\n${USAGE}` });
    expect(collect([])).toMatchObject({ code: 2, stdout: '' });
  });

  test('bin/cdk8s-agents.js is executable and loads the compiled main', () => {
    const bin = path.join(REPO, 'bin', 'cdk8s-agents.js');
    expect(fs.statSync(bin).mode & 0o111).not.toBe(0);
    const text = fs.readFileSync(bin, 'utf-8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(text).toContain("require('../build/lib/cli/main.js').run()");
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf-8'));
    expect(pkg.bin).toEqual({ 'cdk8s-agents': 'bin/cdk8s-agents.js' });
    expect(pkg.main).toBe('build/lib/index.js');
    expect(pkg.dependencies.yaml).toBeDefined();
  });

  test('end to end through tsx, as a process', () => {
    const tsx = path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const run = (...args: string[]) => spawnSync(process.execPath, [tsx, path.join(REPO, 'lib', 'cli', 'main.ts'), ...args], { cwd: FIXTURES, encoding: 'utf-8', timeout: 60_000 });

    const broken = run('check', 'broken', 'syntax/bad.yaml');
    expect(broken.status).toBe(2);
    expect(verdictsOf(broken.stdout.split('\n'))).toEqual(check('broken').verdicts);
    expect(broken.stderr).toMatch(/^syntax\/bad\.yaml:\d+:\d+: .*\(document 2\)\n$/);
    expect(broken.stderr).not.toMatch(NO_STACK);

    const strict = run('check', '--strict', '--format', 'json', 'warnings');
    expect(strict.status).toBe(1);
    expect(JSON.parse(strict.stdout).summary).toEqual({ errors: 0, warnings: 1, checked: 1, passedThrough: 0 });

    const unknown = run('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Usage: cdk8s-agents <command>');
  }, 120_000);
});

describe('check: line and column of each finding', () => {
  /** `file:line:col` printed before the finding of a rule. */
  const at = (run: Run, rule: string) => lineOf(run, rule).split(': ')[0];
  /** The file's text from a 1-based line and column on. */
  const textAt = (file: string, line: number, col: number) => fs.readFileSync(path.join(FIXTURES, file), 'utf-8').split('\n')[line - 1].slice(col - 1);

  test('nested fields, quoted annotation keys and list items, in a multi-document file', () => {
    const run = check('broken');
    expect(at(run, 'KSVC-SCALE-017')).toBe('broken/agents.yaml:11:9'); // document 1
    expect(at(run, 'KSVC-META-001')).toBe('broken/agents.yaml:23:5'); // document 2: metadata.annotations["..."]
    expect(at(run, 'KSVC-SCALE-018')).toBe('broken/agents.yaml:40:9'); // document 3
    expect(at(run, 'SCHEMA-001')).toBe('broken/agents.yaml:56:11'); // containers[0].lifecycle
    expect(at(run, 'POD-ENV-002')).toBe('broken/deployment.yaml:29:15'); // env[0].name
    expect(at(run, 'POD-RES-001')).toBe('broken/deployment.yaml:33:15');
    expect(textAt('broken/agents.yaml', 40, 9)).toBe('autoscaling.knative.dev/minscale: "1"');
    expect(textAt('broken/agents.yaml', 56, 11)).toBe('lifecycle:');
    expect(textAt('broken/deployment.yaml', 29, 15)).toBe('name: "JIRA TOKEN"');
    expect(textAt('broken/deployment.yaml', 33, 15)).toMatch(/^cpu: /);
  });

  test('a document that is not an object: the document start', () => {
    expect(at(check('broken'), 'ENGINE-003')).toBe('broken/agents.yaml:61:1');
    expect(textAt('broken/agents.yaml', 61, 1)).toBe('just a string, not an object');
  });

  test('a missing field: the nearest ancestor present in the YAML (a list item); a flow sequence item', () => {
    const run = check('positions');
    // containers[0].image is unset: the containers[0] item
    expect(at(run, 'KSVC-CTR-001')).toBe('positions/fields.yaml:11:11');
    expect(textAt('positions/fields.yaml', 11, 11)).toBe('name: agent');
    // except[0] in `except: [192.168.0.0/16]`, second document
    expect(at(run, 'NET-PEER-003')).toBe('positions/fields.yaml:26:22');
    expect(textAt('positions/fields.yaml', 26, 22)).toBe('192.168.0.0/16]');
  });

  test('a missing top-level field: the object; an unknown field path: its deepest existing key', () => {
    const run = check('network/broken.yaml');
    const json = JSON.parse(check('--format', 'json', 'network/broken.yaml').stdout);
    for (const f of json.findings) {
      const text = fs.readFileSync(path.join(FIXTURES, f.file), 'utf-8').split('\n');
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.line).toBeLessThanOrEqual(text.length);
      expect(f.column).toBeGreaterThanOrEqual(1);
      // The position is on a key or list item of the object's document.
      expect(text[f.line - 1].slice(f.column - 1)).toMatch(/^[\w"'-]/);
      expect(`${f.file}:${f.line}:${f.column}`).toBe(at(run, f.rule));
    }
  });

  test('items of a kind: List', () => {
    expect(at(check('list/list.yaml'), 'KSVC-SCALE-018')).toBe('list/list.yaml:24:13');
    expect(textAt('list/list.yaml', 24, 13)).toBe('autoscaling.knative.dev/max-scael: "4"');
  });

  test('settings ConfigMaps: the key under data; --knative-version: no position', () => {
    const run = check('--settings', 'settings/config-defaults-bad.yaml', '--settings', 'settings/config-features-typo.yaml', '--knative-version', '1.21', 'settings/node-selector.yaml');
    expect(at(run, 'PROFILE-002')).toBe('settings/config-defaults-bad.yaml:7:3');
    expect(at(run, 'PROFILE-005')).toBe('settings/config-features-typo.yaml:7:3');
    // PROFILE-003 is about the settings as a whole (`where` names their sources): no file position.
    expect(lineOf(run, 'PROFILE-003').startsWith('warning [PROFILE-003] settings/config-defaults-bad.yaml, settings/config-features-typo.yaml, --knative-version 1.21: ')).toBe(true);
    const json = JSON.parse(check('--format', 'json', '--knative-version', '1.21', 'clean').stdout);
    expect(json.findings[0]).toMatchObject({ rule: 'PROFILE-003', file: null, line: null, column: null });
  });

  test('json carries the same positions as the text', () => {
    const text = check('broken', 'list');
    const json = JSON.parse(check('--format', 'json', 'broken', 'list').stdout);
    expect(json.findings.map((f: any) => `${f.file}:${f.line}:${f.column} ${f.rule}`)).toEqual(text.lines.slice(0, -1).map((l) => {
      const [pos, rest] = l.split(': ');
      return `${pos} ${/\[([A-Z0-9-]+)\]/.exec(rest)![1]}`;
    }));
  });

  test('checkFiles locates only findings; positions are keyed by finding', () => {
    const outcome = checkFiles({ paths: ['broken'], cwd: FIXTURES });
    expect(outcome.positions.size).toBe(outcome.findings.length);
    expect(outcome.positions.get(outcome.findings[0])).toEqual({ file: 'broken/agents.yaml', line: 11, column: 9 });
  });

  test('input errors print on stderr before the summary line', () => {
    const order: string[] = [];
    runCheck(['syntax'], { stdout: (s) => order.push(`out ${s}`), stderr: (s) => order.push(`err ${s}`), cwd: FIXTURES });
    expect(order.map((l) => l.slice(0, 3))).toEqual(['err', 'out', 'out']);
    expect(order[2]).toMatch(/^out 1 error .*; 1 input error, see above\)\n$/);
  });
});
