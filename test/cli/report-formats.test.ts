// --format sarif and --format junit of `cdk8s-agents check` (lib/cli/report-formats.ts).
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { runCheck } from '../../lib/cli/check';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'check');

function check(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCheck(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd: FIXTURES });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/**
 * The OASIS SARIF 2.1.0 schema (errata01, sarif-2.1/schema/sarif-schema-2.1.0.json of
 * github.com/oasis-tcs/sarif-spec at a560296), a draft-04 schema: read by ajv's
 * draft-07 validator once its draft-04 `id` is named `$id`.
 */
function sarifValidator() {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf-8'));
  schema.$id = schema.id;
  delete schema.id;
  delete schema.$schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('--format sarif', () => {
  const validate = sarifValidator();
  const sarif = (...argv: string[]) => {
    const run = check('--format', 'sarif', ...argv);
    const log = JSON.parse(run.stdout);
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    return { ...run, log };
  };

  test('valid against the SARIF 2.1.0 schema: findings, warnings, settings, input errors, no findings', () => {
    sarif('clean');
    sarif('broken', 'list', 'warnings');
    sarif('--settings', 'settings/config-defaults-bad.yaml', '--knative-version', '1.21', 'settings/node-selector.yaml');
    sarif('syntax', 'no-such-file.yaml');
  });

  test('the schema check is not vacuous: a result without a message fails it', () => {
    const { log } = sarif('broken');
    delete log.runs[0].results[0].message;
    expect(validate(log)).toBe(false);
  });

  test('one run of tool cdk8s-agents, the rules of the findings, results at file, line and column', () => {
    const { log, code } = sarif('broken', 'warnings');
    expect(code).toBe(1);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const [run] = log.runs;
    expect(run.tool.driver.name).toBe('cdk8s-agents');
    const ids = run.tool.driver.rules.map((r: any) => r.id);
    expect(ids).toEqual(['KSVC-SCALE-017', 'KSVC-META-001', 'KSVC-SCALE-018', 'SCHEMA-001', 'ENGINE-003', 'POD-ENV-002', 'POD-RES-001', 'KSVC-SCALE-021']);
    const typo = run.tool.driver.rules[2];
    expect(typo.shortDescription.text).toMatch(/\S/);
    expect(typo.help.text).toMatch(/ Fix: /);
    expect(run.results).toHaveLength(8);
    const result = run.results[2];
    expect(result).toMatchObject({
      ruleId: 'KSVC-SCALE-018',
      ruleIndex: 2,
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'broken/agents.yaml' }, region: { startLine: 40, startColumn: 9 } } }],
    });
    expect(result.message.text).toContain('spec.template.metadata.annotations["autoscaling.knative.dev/minscale"] = "1"');
    expect(result.message.text).toContain('Fix: did you mean');
    expect(run.results[7]).toMatchObject({ ruleId: 'KSVC-SCALE-021', level: 'warning' });
    expect(run.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  test('a List item; input errors as notifications (exit 2)', () => {
    expect(sarif('list').log.runs[0].results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'list/list.yaml' },
      region: { startLine: 24, startColumn: 13 },
    });
    const { log, code } = sarif('syntax');
    expect(code).toBe(2);
    const [note] = log.runs[0].invocations[0].toolExecutionNotifications;
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(note.level).toBe('error');
    expect(note.locations[0].physicalLocation.artifactLocation.uri).toBe('syntax/bad.yaml');
  });

  test('a finding about no file has a logical location only', () => {
    const { log } = sarif('--knative-version', '1.21', 'clean');
    expect(log.runs[0].results[0].locations).toEqual([{ logicalLocations: [{ fullyQualifiedName: '--knative-version 1.21', kind: 'object' }] }]);
  });
});

/** The elements of an XML document, checked for balance (a small well-formedness check). */
function elements(xml: string): { name: string; attrs: Record<string, string>; text: string }[] {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const stack: string[] = [];
  const found: { name: string; attrs: Record<string, string>; text: string }[] = [];
  const re = /<(\/?)([\w-]+)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>([^<]*)/g;
  const body = xml.replace(/^<\?xml[^>]*\?>\n/, '');
  let consumed = 0;
  for (const m of body.matchAll(re)) {
    expect(body.slice(consumed, m.index).trim()).toBe('');
    consumed = m.index! + m[0].length;
    const [, close, name, attrText, selfClose, text] = m;
    if (close) {
      expect(stack.pop()).toBe(name);
      continue;
    }
    const attrs = Object.fromEntries([...attrText.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    found.push({ name, attrs, text });
    if (!selfClose) stack.push(name);
    expect(text).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
  }
  expect(consumed).toBe(body.length);
  expect(stack).toEqual([]);
  return found;
}

describe('--format junit', () => {
  test('one testsuite per file, a testcase per finding and per object without findings', () => {
    const run = check('--format', 'junit', 'broken', 'warnings');
    expect(run.code).toBe(1);
    const els = elements(run.stdout);
    expect(els[0]).toMatchObject({ name: 'testsuites', attrs: { tests: '10', failures: '7', errors: '0', skipped: '1' } });
    const suites = els.filter((e) => e.name === 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual(['broken/agents.yaml', 'broken/deployment.yaml', 'warnings/target-above-concurrency.yaml']);
    expect(suites.map((s) => s.attrs.tests)).toEqual(['6', '3', '1']);
    const cases = els.filter((e) => e.name === 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual([
      'KSVC-SCALE-017 Service/agents/grace-period spec.template.metadata.annotations[&quot;autoscaling.knative.dev/scale-to-zero-grace-period&quot;]',
      'KSVC-META-001 Service/agents/jira-triage metadata.annotations[&quot;autoscaling.knative.dev/min-scale&quot;]',
      'KSVC-SCALE-018 Service/agents/minscale-typo spec.template.metadata.annotations[&quot;autoscaling.knative.dev/minscale&quot;]',
      'SCHEMA-001 Service/agents/with-lifecycle spec.template.spec.containers[0].lifecycle',
      'ENGINE-003 (no kind)/(no name)',
      'Namespace/agents (#8)',
      'ConfigMap/agents/triage-config (#1)',
      'POD-ENV-002 Deployment/agents/triage-worker spec.template.spec.containers[0].env[0].name',
      'POD-RES-001 Deployment/agents/triage-worker spec.template.spec.containers[0].resources.requests.cpu',
      'KSVC-SCALE-021 Service/default/autoscale-go spec.template.metadata.annotations[&quot;autoscaling.knative.dev/target&quot;]',
    ]);
    expect(cases[2].attrs).toMatchObject({ classname: 'broken/agents.yaml', file: 'broken/agents.yaml', line: '40' });
    const failure = els[els.indexOf(cases[2]) + 1];
    expect(failure).toMatchObject({ name: 'failure', attrs: { type: 'KSVC-SCALE-018', message: 'error: &quot;autoscaling.knative.dev/minscale&quot; is not read by Knative' } });
    expect(failure.text).toMatch(/^broken\/agents\.yaml:40:9: error \[KSVC-SCALE-018\] /);
    // the warning is a skipped testcase, not a failure
    const warning = els[els.indexOf(cases[9]) + 1];
    expect(warning).toMatchObject({ name: 'skipped', attrs: { type: 'KSVC-SCALE-021' } });
  });

  test('--strict: warnings are failures too; exit codes unchanged', () => {
    const lax = check('--format', 'junit', 'warnings');
    expect(lax.code).toBe(0);
    expect(elements(lax.stdout)[0].attrs).toMatchObject({ tests: '1', failures: '0', skipped: '1' });
    const strict = check('--format', 'junit', '--strict', 'warnings');
    expect(strict.code).toBe(1);
    const els = elements(strict.stdout);
    expect(els[0].attrs).toMatchObject({ tests: '1', failures: '1', skipped: '0' });
    expect(els.map((e) => e.name)).toEqual(['testsuites', 'testsuite', 'testcase', 'failure']);
  });

  test('clean input: passing testcases; unreadable input: error testcases (exit 2)', () => {
    const clean = check('--format', 'junit', 'clean');
    expect(clean.code).toBe(0);
    const els = elements(clean.stdout);
    expect(els[0].attrs).toMatchObject({ tests: '6', failures: '0', errors: '0', skipped: '0' });
    const bad = check('--format', 'junit', 'syntax');
    expect(bad.code).toBe(2);
    const errs = elements(bad.stdout).filter((e) => e.name === 'error');
    expect(errs).toHaveLength(1);
    expect(errs[0].text).toMatch(/^syntax\/bad\.yaml:\d+:\d+: .*\(document 2\)$/);
  });

  test('XML special characters and control characters are escaped or dropped', () => {
    const dir = fs.mkdtempSync(path.join(FIXTURES, '..', 'tmp-junit-'));
    try {
      fs.writeFileSync(path.join(dir, 'a&b.yaml'), [
        'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: "x<y>", namespace: agents}',
        'spec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: "i:1", env: [{name: "A\\u0001&<B>", value: v}]}]}}}',
      ].join('\n'));
      const out: string[] = [];
      runCheck(['--format', 'junit', dir], { stdout: (s) => out.push(s), stderr: () => undefined, cwd: FIXTURES });
      const xml = out.join('');
      expect(xml).not.toMatch(/[\u0000-\u0008]/);
      const els = elements(xml);
      expect(els.find((e) => e.name === 'testsuite')!.attrs.name).toMatch(/a&amp;b\.yaml$/);
      expect(xml).toContain('&lt;B&gt;');
      // SARIF: the file name percent-encoded in the URI
      const sarif: string[] = [];
      runCheck(['--format', 'sarif', dir], { stdout: (s) => sarif.push(s), stderr: () => undefined, cwd: FIXTURES });
      const uri = JSON.parse(sarif.join('')).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
      expect(uri).toBe(`${path.basename(dir)}/a%26b.yaml`.replace(/^/, '../'));
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});
