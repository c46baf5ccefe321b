// The cdk8s validation plugin: with a fake context of cdk8s-cli's shape, and
// once through cdk8s-cli's own plugin loader and report.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Validation, ValidationContext } from 'cdk8s-cli/lib/plugins/validation';
import { runCheck } from '../../lib/cli/check';
import { AgentsValidation, AgentsValidationProps, PluginValidationContext, PluginViolation } from '../../lib/cli/plugin';

const REPO = path.join(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'check');
const fixture = (...p: string[]) => path.join(FIXTURES, ...p);

// Compile-time: the plugin is a cdk8s-cli Validation, and cdk8s-cli's context fits the plugin's.
const asCdk8sValidation: Validation = new AgentsValidation();
const asPluginContext = (c: ValidationContext): PluginValidationContext => c;
void asCdk8sValidation;
void asPluginContext;

interface FakeRun {
  readonly violations: PluginViolation[];
  readonly status?: string;
  readonly metadata?: { readonly [key: string]: string };
  readonly logs: string[];
}

async function validate(manifests: string[], props: AgentsValidationProps = {}): Promise<FakeRun> {
  const violations: PluginViolation[] = [];
  const logs: string[] = [];
  let status: string | undefined;
  let metadata: { readonly [key: string]: string } | undefined;
  const context: PluginValidationContext = {
    manifests,
    report: {
      addViolation: (v) => {
        if (status) throw new Error('violation after submit');
        violations.push(v);
      },
      submit: (s, m) => {
        status = s;
        metadata = m;
      },
    },
    logger: { log: (m) => logs.push(m) },
  };
  await new AgentsValidation({ ...props, cwd: FIXTURES } as AgentsValidationProps).validate(context);
  return { violations, status, metadata, logs };
}

/** The rule ids `cdk8s-agents check` prints for the same input. */
function checkRules(...argv: string[]): string[] {
  const out: string[] = [];
  runCheck(argv, { stdout: (s) => out.push(s), stderr: () => undefined, cwd: FIXTURES });
  return out.join('').split('\n').flatMap((l) => /^(?:\S+:\d+:\d+: )?(?:error|warning) \[([A-Z0-9-]+)\]/.exec(l)?.[1] ?? []);
}

describe('AgentsValidation with a context of cdk8s-cli shape', () => {
  test('clean manifests: success, no violations', async () => {
    const run = await validate(fs.readdirSync(fixture('clean')).map((f) => fixture('clean', f)));
    expect(run.violations).toEqual([]);
    expect(run.status).toBe('success');
    expect(run.metadata).toEqual({ 'errors': '0', 'warnings': '0', 'objects checked': '6', 'passed through': '0', 'strict': 'false' });
  });

  test('each finding is one violation: rule id, problem, fix, resource by metadata.name, manifest, field', async () => {
    const run = await validate([fixture('broken', 'agents.yaml'), fixture('broken', 'deployment.yaml')]);
    expect(run.status).toBe('failure');
    expect(run.violations.map((v) => v.ruleName)).toEqual(checkRules('broken'));
    const meta = run.violations.find((v) => v.ruleName === 'KSVC-META-001');
    expect(meta).toEqual({
      ruleName: 'KSVC-META-001',
      recommendation: 'error: Service/agents/jira-triage: metadata.annotations["autoscaling.knative.dev/min-scale"] = "1": autoscaling annotations are not allowed on the Service metadata',
      fix: 'move the `autoscaling.knative.dev/*` annotations from `metadata.annotations` to the revision template (`spec.template.metadata.annotations`)',
      violatingResources: [{ resourceName: 'jira-triage', locations: ['metadata.annotations["autoscaling.knative.dev/min-scale"]'], manifestPath: 'broken/agents.yaml' }],
    });
    const typo = run.violations.find((v) => v.ruleName === 'KSVC-SCALE-018');
    expect(typo?.fix).toContain('did you mean "autoscaling.knative.dev/min-scale"?');
    const res = run.violations.find((v) => v.ruleName === 'POD-RES-001');
    expect(res?.violatingResources).toEqual([{ resourceName: 'triage-worker', locations: ['spec.template.spec.containers[0].resources.requests.cpu'], manifestPath: 'broken/deployment.yaml' }]);
    // a document that is not an object has no name: it is named by its label
    const notObject = run.violations.find((v) => v.ruleName === 'ENGINE-003');
    expect(notObject?.violatingResources[0]).toEqual({ resourceName: '(no kind)/(no name)', locations: ['(the object)'], manifestPath: 'broken/agents.yaml' });
  });

  test('warnings pass unless strict: true', async () => {
    const manifests = [fixture('warnings', 'target-above-concurrency.yaml')];
    const lax = await validate(manifests);
    expect(lax.violations.map((v) => v.ruleName)).toEqual(['KSVC-SCALE-021']);
    expect(lax.violations[0].recommendation.startsWith('warning: ')).toBe(true);
    expect(lax.status).toBe('success');
    expect((await validate(manifests, { strict: true })).status).toBe('failure');
  });

  test('settings: ConfigMap files relative to the project, and knativeVersion', async () => {
    const manifests = [fixture('settings', 'node-selector.yaml')];
    expect((await validate(manifests)).violations.map((v) => v.ruleName)).toEqual(['KSVC-SPEC-001', 'KSVC-POD-001']);
    const withSettings = await validate(manifests, { settings: ['settings/config-features.yaml', 'settings/config-defaults.yaml'] });
    expect(withSettings).toMatchObject({ violations: [], status: 'success' });
    // A release the rules do not implement is checked with the nearest one's and warned about, not refused.
    const old = await validate(manifests, { settings: ['settings/config-features.yaml', 'settings/config-defaults.yaml'], knativeVersion: '1.21' });
    expect(old.violations.map((v) => v.ruleName)).toEqual(['PROFILE-003']);
    expect(old.status).toBe('success');
    expect((await validate(manifests, { settings: ['settings/config-features.yaml', 'settings/config-defaults.yaml'], knativeVersion: '1.21', strict: true })).status).toBe('failure');
  });

  test('unreadable manifests or settings fail the validation with one violation each, logged', async () => {
    const syntax = await validate([fixture('syntax', 'bad.yaml'), fixture('syntax', 'good.yaml')]);
    expect(syntax.status).toBe('failure');
    expect(syntax.violations.map((v) => v.ruleName)).toEqual(['cdk8s-agents/unreadable-input', 'KSVC-META-001']);
    expect(syntax.violations[0].recommendation).toMatch(/^syntax\/bad\.yaml:\d+:\d+: /);
    expect(syntax.logs).toHaveLength(1);

    const settings = await validate([fixture('clean', 'helloworld-go.yaml')], { settings: ['settings/nope.yaml'] });
    expect(settings.status).toBe('failure');
    expect(settings.violations.map((v) => v.ruleName)).toEqual(['cdk8s-agents/unreadable-input']);
  });
});

describe('AgentsValidation through cdk8s-cli', () => {
  // cdk8s-cli's package exports hide these modules; load them by file, as the CLI itself does.
  const cli = path.join(REPO, 'node_modules', 'cdk8s-cli', 'lib', 'plugins');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PluginManager } = require(path.join(cli, '_manager.js'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ValidationPlugin } = require(path.join(cli, 'validation.js'));

  test('loaded by package path and class name, validates, reports with construct paths', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-plugin-'));
    try {
      const metadataFile = path.join(tmp, 'construct-metadata.json');
      fs.writeFileSync(metadataFile, JSON.stringify({ version: '1.0.0', resources: { 'jira-triage': { path: 'app/agents/jira-triage' } } }));
      const manifests = [fixture('broken', 'agents.yaml')];
      const { plugin, context } = ValidationPlugin.load(
        // `package` is a local path (absolute): the PluginManager requires it instead of installing from npm
        { package: path.join(REPO, 'lib', 'cli', 'plugin'), version: '0.1.0', class: 'AgentsValidation', properties: { strict: true } },
        { manifests, constructMetadata: metadataFile },
        false,
        new PluginManager(path.join(tmp, 'plugins')),
      );
      expect(plugin).toBeInstanceOf(AgentsValidation);
      await plugin.validate(context);
      expect(context.report.success).toBe(false);
      const json = context.report.toJson();
      expect(json.summary).toMatchObject({ status: 'failure', version: '0.1.0', metadata: { errors: '5', warnings: '0' } });
      expect(json.violations.map((v: any) => v.ruleName)).toEqual(['KSVC-SCALE-017', 'KSVC-META-001', 'KSVC-SCALE-018', 'SCHEMA-001', 'ENGINE-003']);
      const meta = json.violations.find((v: any) => v.ruleName === 'KSVC-META-001');
      expect(meta.violatingConstructs).toEqual([expect.objectContaining({ constructPath: 'app/agents/jira-triage', resourceName: 'jira-triage' })]);
      const text = context.report.toString();
      expect(text).toContain('KSVC-SCALE-018 (1 occurrences)');
      expect(text).toContain('Construct Path: app/agents/jira-triage');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
