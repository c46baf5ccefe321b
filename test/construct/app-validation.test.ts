// App-level validation: one validation over every object of the app (this
// library's constructs, cdk8s-plus objects, Include'd YAML), one error listing
// every finding, warnings through the reporter, once per synth.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Duration, Include, Lazy, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AgentKnativeService, AgentKnativeServiceProps, AgentValidationError, AppValidation, ClusterProfile } from '../../lib';
import * as engine from '../../lib/engine/engine';

const IMAGE = 'ghcr.io/acme/agent:1.0.0';

/** Runs `synth`, expects it to throw our error, returns the error. */
function synthFails(synth: () => unknown): AgentValidationError {
  let caught: unknown;
  try {
    synth();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(AgentValidationError);
  const err = caught as AgentValidationError;
  expect(err.message).toMatch(/^Validation failed: /);
  return err;
}

/** The finding lines of the message, without the summary. */
const lines = (err: Error) => err.message.split('\n').slice(1).map((l) => l.trim());
/** `severity [ID] where` of each line. */
const heads = (err: Error) => lines(err).map((l) => /^(\w+ \[[^\]]+\] [^:]+):/.exec(l)?.[1]);
const reportIds = (err: AgentValidationError) => err.report.errors.map((f) => f.rule.id);

/** A Chart holding agents; returns the app too. */
function setup(namespace = 'agents'): { app: App; chart: Chart; printed: string[] } {
  const app = Testing.app();
  const chart = new Chart(app, 'chart', { namespace });
  const printed: string[] = [];
  AppValidation.of(app).reporter = (line) => printed.push(line);
  return { app, chart, printed };
}

const agent = (scope: Construct, id: string, props: Partial<AgentKnativeServiceProps> = {}) => new AgentKnativeService(scope, id, { image: IMAGE, ...props });
/** target 5 above containerConcurrency 1: the KSVC-SCALE-021 warning. */
const capped = (scope: Construct, id: string) => agent(scope, id, { containerConcurrency: 1, scaling: { target: 5 } });

/** A team's construct that creates its agent with the fixed id `agent`. */
class AgentTeam extends Construct {
  public readonly agent: AgentKnativeService;
  public constructor(scope: Construct, id: string, namespace?: string) {
    super(scope, id);
    this.agent = agent(this, 'agent', { namespace });
  }
}

afterEach(() => jest.restoreAllMocks());

describe('duplicate objects across the app (APP-001)', () => {
  test('fails if two wrapper constructs each create an agent `agent` in the same namespace, naming both paths', () => {
    const { chart } = setup();
    new AgentTeam(chart, 'triage');
    new AgentTeam(chart, 'billing');
    const err = synthFails(() => Testing.synth(chart));
    expect(heads(err)).toEqual(['error [APP-001] chart/billing/agent']);
    expect(lines(err)[0]).toContain('Service "agent" in namespace "agents" is also defined at chart/triage/agent');
    expect(reportIds(err)).toEqual(['APP-001']);
  });

  test('GIVEN the two wrappers in different namespaces WHEN synthesized THEN both Services are produced', () => {
    const { chart } = setup();
    new AgentTeam(chart, 'triage', 'team-a');
    new AgentTeam(chart, 'billing', 'team-b');
    const docs = Testing.synth(chart);
    expect(docs.map((d) => `${d.kind}/${d.metadata.namespace}/${d.metadata.name}`)).toEqual(['Service/team-a/agent', 'Service/team-b/agent']);
  });

  describe('with Include\'d YAML', () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-include-'));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    const writeService = (file: string, name: string, port: number) => {
      const p = path.join(dir, file);
      fs.writeFileSync(p, [
        'apiVersion: serving.knative.dev/v1',
        'kind: Service',
        'metadata:',
        `  name: ${name}`,
        '  namespace: agents',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        `        - image: ${IMAGE}`,
        '          ports:',
        `            - containerPort: ${port}`,
        '',
      ].join('\n'));
      return p;
    };

    test('fails if an Include\'d Service has the name of an agent in the same namespace (APP-001)', () => {
      const { chart } = setup();
      agent(chart, 'agent');
      new Include(chart, 'legacy', { url: writeService('same-name.yaml', 'agent', 8080) });
      const err = synthFails(() => Testing.synth(chart));
      expect(heads(err)).toEqual(['error [APP-001] chart/legacy/agent-service-agents']);
      expect(lines(err)[0]).toContain('also defined at chart/agent');
    });

    test('fails if an Include\'d Knative Service is invalid (KSVC-CTR-002 for reserved port 9090)', () => {
      const { chart } = setup();
      agent(chart, 'agent');
      new Include(chart, 'legacy', { url: writeService('reserved-port.yaml', 'legacy-agent', 9090) });
      const err = synthFails(() => Testing.synth(chart));
      expect(heads(err)).toEqual(['error [KSVC-CTR-002] chart/legacy/legacy-agent-service-agents']);
      expect(err.report.errors[0]).toMatchObject({ field: 'spec.template.spec.containers[0].ports[0].containerPort', value: 9090, object: 'Service/agents/legacy-agent' });
    });

    test('GIVEN a valid Include\'d Service with another name WHEN synthesized THEN it passes', () => {
      const { chart } = setup();
      agent(chart, 'agent');
      new Include(chart, 'legacy', { url: writeService('valid.yaml', 'legacy-agent', 8080) });
      expect(Testing.synth(chart).map((d) => d.metadata.name)).toEqual(['agent', 'legacy-agent']);
    });
  });
});

describe('objects that cannot be rendered', () => {
  test('fails if a probe period is not whole seconds (ENGINE-002), not a cdk8s serialization error, AND another agent\'s error is in the same message', () => {
    const { app, chart } = setup();
    agent(chart, 'fractional', { readinessProbe: kplus.Probe.fromHttpGet('/health', { periodSeconds: Duration.millis(1500) }) });
    agent(chart, 'reserved', { port: 9090 });
    const err = synthFails(() => app.synthYaml());
    expect(heads(err)).toEqual(['error [ENGINE-002] chart/fractional', 'error [KSVC-CTR-002] chart/reserved']);
    expect(lines(err)[0]).toContain('readinessProbe.periodSeconds = "1500ms"');
    expect(lines(err)[0]).toContain('Duration.seconds(2)');
    expect(err.message).not.toContain('cannot be converted into a whole number of seconds');
  });

  test('fails if a plain ApiObject throws while rendering (ENGINE-002 with its message), other findings still reported', () => {
    const { app, chart } = setup();
    new ApiObject(chart, 'broken', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'broken' }, data: Lazy.any({ produce: () => { throw new Error('vault unreachable'); } }) });
    agent(chart, 'reserved', { port: 9090 });
    const err = synthFails(() => app.synthYaml());
    expect(heads(err)).toEqual(['error [ENGINE-002] chart/broken', 'error [KSVC-CTR-002] chart/reserved']);
    expect(err.report.errors[0].value).toMatch(/vault unreachable$/);
  });
});

describe('one error for the whole app', () => {
  test('GIVEN errors in several charts WHEN the app synthesizes THEN all are listed at once, in one AgentValidationError', () => {
    const app = Testing.app();
    agent(new Chart(app, 'one'), 'a', { port: 9090 });
    agent(new Chart(app, 'two'), 'b', { image: 'ghcr.io/Acme/Agent:1' });
    agent(new Chart(app, 'three'), 'c', { containerConcurrency: 5000 });
    new Chart(app, 'clean');
    const err = synthFails(() => app.synth());
    expect(err.message.split('\n')[0]).toBe('Validation failed: 3 errors');
    expect(heads(err)).toEqual(['error [KSVC-CTR-002] one/a', 'error [KSVC-CTR-001] two/b', 'error [KSVC-SPEC-002] three/c']);
    expect(reportIds(err)).toEqual(['KSVC-CTR-002', 'KSVC-CTR-001', 'KSVC-SPEC-002']);
    expect(err.name).toBe('ValidationError');
  });

  test('GIVEN findings WHEN printed THEN each line names its construct path once, with no stack trace', () => {
    const { app, chart } = setup();
    agent(chart, 'alpha', { port: 9090 });
    agent(chart, 'beta', { port: 8012 });
    const err = synthFails(() => app.synthYaml());
    const ls = lines(err);
    expect(ls).toHaveLength(2);
    expect(ls[0].split('chart/alpha').length - 1).toBe(1);
    expect(ls[1].split('chart/beta').length - 1).toBe(1);
    expect(ls.join('\n')).not.toMatch(/\[chart\/|    at /);
    expect(err.stack).toBe(`ValidationError: ${err.message}`);
  });
});

describe('warnings, strict mode and the reporter', () => {
  test('GIVEN a warning WHEN synthesized THEN it goes through the reporter once and synth succeeds', () => {
    const { app, chart, printed } = setup();
    capped(chart, 'capped');
    new Chart(app, 'second');
    new Chart(app, 'third');
    app.synth();
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^warning \[KSVC-SCALE-021\] chart\/capped: scaling\.target .* = "5": target 5 exceeds containerConcurrency 1/);
    expect(AppValidation.of(app).report()).toMatchObject({ errors: [], acknowledged: [] });
  });

  test('fails if strict is set and there is a warning (the warning is the error)', () => {
    const { app, chart, printed } = setup();
    capped(chart, 'capped');
    AppValidation.of(app).strict = true;
    const err = synthFails(() => app.synthYaml());
    expect(heads(err)).toEqual(['warning [KSVC-SCALE-021] chart/capped']);
    expect(err.report.errors.map((f) => [f.rule.id, f.severity])).toEqual([['KSVC-SCALE-021', 'warning']]);
    expect(err.report.warnings).toEqual([]);
    expect(printed).toEqual([]);
  });

  test.each(['1', 'true'])('fails if CDK8S_AGENTS_STRICT=%s is set when the app is created and there is a warning', (value) => {
    const saved = process.env.CDK8S_AGENTS_STRICT;
    process.env.CDK8S_AGENTS_STRICT = value;
    try {
      const { app, chart } = setup();
      capped(chart, 'capped');
      expect(AppValidation.of(app).strict).toBe(true);
      const err = synthFails(() => app.synthYaml());
      expect(heads(err)).toEqual(['warning [KSVC-SCALE-021] chart/capped']);
    } finally {
      if (saved === undefined) delete process.env.CDK8S_AGENTS_STRICT;
      else process.env.CDK8S_AGENTS_STRICT = saved;
    }
  });

  test('GIVEN CDK8S_AGENTS_STRICT=0 WHEN there is a warning THEN synth succeeds', () => {
    const saved = process.env.CDK8S_AGENTS_STRICT;
    process.env.CDK8S_AGENTS_STRICT = '0';
    try {
      const { app, chart, printed } = setup();
      capped(chart, 'capped');
      expect(AppValidation.of(app).strict).toBe(false);
      app.synthYaml();
      expect(printed).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.CDK8S_AGENTS_STRICT;
      else process.env.CDK8S_AGENTS_STRICT = saved;
    }
  });
});

describe('acknowledgements', () => {
  test('GIVEN agent.acknowledge of the warning WHEN synthesized THEN it is silenced and listed as acknowledged through the reporter', () => {
    const { app, chart, printed } = setup();
    capped(chart, 'capped').acknowledge('KSVC-SCALE-021', 'one request per pod is the design');
    app.synthYaml();
    expect(printed).toEqual(['acknowledged [KSVC-SCALE-021] chart/capped: one request per pod is the design']);
    const report = AppValidation.of(app).report();
    expect(report.warnings).toEqual([]);
    expect(report.acknowledged.map((a) => [a.finding.rule.id, a.reason])).toEqual([['KSVC-SCALE-021', 'one request per pod is the design']]);
  });

  test('GIVEN strict mode WHEN the warning is acknowledged THEN synth succeeds', () => {
    const { app, chart } = setup();
    capped(chart, 'capped').acknowledge('KSVC-SCALE-021', 'by design');
    AppValidation.of(app).strict = true;
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('GIVEN an acknowledgement on one agent WHEN another has the same warning THEN the other still warns', () => {
    const { app, chart, printed } = setup();
    capped(chart, 'quiet').acknowledge('KSVC-SCALE-021', 'by design');
    capped(chart, 'loud');
    app.synthYaml();
    expect(printed.map((l) => /^\w+ \[[^\]]+\] [^:]+/.exec(l)?.[0])).toEqual(['warning [KSVC-SCALE-021] chart/loud', 'acknowledged [KSVC-SCALE-021] chart/quiet']);
  });

  test('fails if an error rule or an unknown id is acknowledged (ACK-001), and the error stays', () => {
    const { app, chart } = setup();
    agent(chart, 'reserved', { port: 9090 }).acknowledge('KSVC-CTR-002', 'we need 9090').acknowledge('KSVC-NOPE-999', 'typo');
    const err = synthFails(() => app.synthYaml());
    expect(heads(err)).toEqual(['error [KSVC-CTR-002] chart/reserved', 'error [ACK-001] chart/reserved', 'error [ACK-001] chart/reserved']);
    expect(lines(err)[1]).toContain('KSVC-CTR-002 is an error, which cannot be acknowledged');
    expect(lines(err)[2]).toContain('no rule "KSVC-NOPE-999" in the catalogue');
  });

  test('fails if the reason is empty (ACK-001), and the warning is not silenced by it', () => {
    const { app, chart } = setup();
    capped(chart, 'capped').acknowledge('KSVC-SCALE-021', '  ');
    const err = synthFails(() => app.synthYaml());
    expect(heads(err)).toEqual(['error [ACK-001] chart/capped', 'warning [KSVC-SCALE-021] chart/capped']);
    expect(lines(err)[0]).toContain('the reason is empty');
    expect(err.report.acknowledged).toEqual([]);
  });

  test('GIVEN an acknowledgement that matches nothing WHEN synthesized THEN ACK-002 is a warning, synth succeeds', () => {
    const { app, chart, printed } = setup();
    agent(chart, 'plain').acknowledge('KSVC-SCALE-021', 'left over from an old target');
    app.synthYaml();
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^warning \[ACK-002\] chart\/plain: acknowledge\("KSVC-SCALE-021"\) = "left over from an old target": no KSVC-SCALE-021 finding here/);
  });
});

describe('validations of other constructs join the message', () => {
  test('GIVEN a kplus Ingress without rules and a custom node validation WHEN our findings fail synth THEN all are in one message', () => {
    const { app, chart } = setup();
    agent(chart, 'reserved', { port: 9090 });
    new kplus.Ingress(chart, 'ingress');
    const plain = new Construct(chart, 'policy');
    plain.node.addValidation({ validate: () => ['every agent needs an owner label'] });
    const err = synthFails(() => app.synthYaml());
    expect(lines(err)).toEqual([
      expect.stringMatching(/^error \[KSVC-CTR-002\] chart\/reserved: /),
      // The library checks every Ingress too (INGRESS-SPEC-001), beside cdk8s-plus's own validation.
      expect.stringMatching(/^error \[INGRESS-SPEC-001\] chart\/ingress\/Resource: /),
      'error [cdk8s] chart/ingress: ingress with no rules or default backend',
      'error [cdk8s] chart/policy: every agent needs an owner label',
    ]);
    expect(err.message.split('\n')[0]).toBe('Validation failed: 4 errors');
  });
});

describe('validation in a plain App (AgentApp synthesizes in one pass: test/app.test.ts)', () => {
  function fleet(): { app: App; agents: AgentKnativeService[]; printed: string[] } {
    const app = Testing.app();
    const printed: string[] = [];
    AppValidation.of(app).reporter = (line) => printed.push(line);
    const agents = Array.from({ length: 20 }, (_, i) => agent(new Chart(app, `chart-${i}`, { namespace: `team-${i}` }), 'agent'));
    return { app, agents, printed };
  }

  test('GIVEN 20 charts and a warning WHEN app.synth() THEN the library validates in each of cdk8s\'s rounds (once, then once per chart) and prints the warning once', () => {
    const { app, printed } = fleet();
    capped(app.charts[0], 'capped');
    const validations = jest.spyOn(engine, 'validateObjects');
    app.synth();
    expect(validations).toHaveBeenCalledTimes(21);
    expect(validations.mock.calls[0][0]).toHaveLength(21);
    expect(printed).toHaveLength(1);
    expect(fs.readdirSync(app.outdir).filter((f) => f.endsWith('.k8s.yaml'))).toHaveLength(20);
  });

  test('GIVEN 20 charts WHEN each is synthesized with Testing.synth outside app.synth THEN each synth re-validates', () => {
    const { app, agents } = fleet();
    const validations = jest.spyOn(engine, 'validateObjects');
    const renders = jest.spyOn(ApiObject.prototype, 'toJson');
    for (const chart of app.charts) Testing.synth(chart);
    expect(validations).toHaveBeenCalledTimes(20);
    // 20 validations + its own chart's output: nothing is cached between synths.
    expect(renders.mock.contexts.filter((c) => c === agents[0].resource)).toHaveLength(21);
  });

  test('GIVEN a synth WHEN the agent is changed and the app synthesized again THEN the output and validation see the change', () => {
    const { app, chart, printed } = setup();
    const a = agent(chart, 'agent');
    expect(app.synthYaml()).not.toContain('FEATURE_FLAG');
    a.addEnv('FEATURE_FLAG', 'on');
    expect(app.synthYaml()).toContain('FEATURE_FLAG');
    a.addEnv('1BAD', 'x');
    const err = synthFails(() => app.synthYaml());
    expect(heads(err)).toEqual(['error [KSVC-CTR-005] chart/agent']);
    expect(printed).toEqual([]);
  });

  test('GIVEN a warning WHEN the app is synthesized twice in one task THEN it is printed once; in the next task, again', async () => {
    const { app, chart, printed } = setup();
    capped(chart, 'capped');
    new Chart(app, 'other');
    app.synth();
    app.synth();
    expect(printed).toHaveLength(1);
    await Promise.resolve();
    app.synth();
    expect(printed).toHaveLength(2);
  });

  test('GIVEN a warning WHEN the agent is changed between two synths of one task THEN the new warnings are printed', () => {
    const { app, chart, printed } = setup();
    capped(chart, 'capped');
    app.synth();
    capped(chart, 'capped-too');
    app.synth();
    expect(printed.map((l) => /^\w+ \[[^\]]+\] [^:]+/.exec(l)?.[0])).toEqual([
      'warning [KSVC-SCALE-021] chart/capped', 'warning [KSVC-SCALE-021] chart/capped', 'warning [KSVC-SCALE-021] chart/capped-too',
    ]);
  });
});

describe('a failed synth prints its findings and nothing else', () => {
  test('GIVEN the error WHEN inspected THEN its report is there but not enumerable', () => {
    const { app, chart } = setup();
    agent(chart, 'reserved', { port: 9090 });
    const err = synthFails(() => app.synthYaml());
    expect(err.report.errors).toHaveLength(1);
    expect(Object.keys(err)).not.toContain('report');
    expect(require('util').inspect(err)).not.toContain('report');
  });

  test('GIVEN an app with five findings run under tsx, nothing catching the error, WHEN it fails THEN stderr holds the findings and Node\'s few lines', () => {
    const root = path.join(__dirname, '..', '..');
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-failing-'));
    try {
      const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(__dirname, '..', 'fixtures', 'failing-app', 'main.ts')], {
        env: { ...process.env, CDK8S_OUTDIR: outdir }, encoding: 'utf8',
      });
      expect(result.status).toBe(1);
      const stderr = result.stderr.split('\n');
      expect(stderr.filter((l) => /^\s+error \[[A-Z0-9-]+\] failing\//.test(l))).toHaveLength(5);
      expect(result.stderr).toContain('Validation failed: 5 errors');
      expect(result.stderr).not.toMatch(/report:|rule:|^\s+at /m);
      // The summary, five findings, and what Node prints around an uncaught error (was 109 lines with the report).
      expect(stderr.length).toBeLessThanOrEqual(15);
      // Nothing else: once Node's own frame (where it threw, the caret, its version) is set aside, every line is the summary or a finding.
      const node = /^$|^node:internal\/|^\s*triggerUncaughtException\(|^\s*\^$|^Node\.js v/;
      expect(stderr.filter((l) => !node.test(l)).map((l) => l.replace(/^\[\w+: |\]$/g, '')))
        .toEqual(['Validation failed: 5 errors', ...stderr.filter((l) => /^\s+error \[/.test(l)).map((l) => l.replace(/\]$/, ''))]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }, 30000);
});

describe('cluster settings do not depend on declaration order', () => {
  test('GIVEN the ClusterProfile declared after the agent WHEN url is read after the declaration THEN it uses the declared domain', () => {
    const { app, chart } = setup();
    const a = agent(chart, 'agent');
    new ClusterProfile(app, 'cluster', { clusterDomain: 'example.internal' });
    expect(a.url).toBe('http://agent.agents.svc.example.internal');
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('fails if url was read before a ClusterProfile declared another domain (PROFILE-004 naming the reader, once)', () => {
    const { app, chart } = setup();
    const a = agent(chart, 'agent');
    agent(chart, 'caller', { env: { AGENT_URL: a.url } });
    agent(chart, 'other-caller', { env: { AGENT_URL: a.url } });
    new ClusterProfile(app, 'cluster', { clusterDomain: 'example.internal' });
    const err = synthFails(() => app.synthYaml());
    expect(heads(err)).toEqual(['error [PROFILE-004] chart/agent']);
    expect(lines(err)[0]).toContain('clusterDomain = "cluster.local": read as "cluster.local" before cluster declared "example.internal"');
  });

  test('GIVEN url read before a ClusterProfile that declares the same domain WHEN synthesized THEN it passes', () => {
    const { app, chart } = setup();
    const a = agent(chart, 'agent');
    expect(a.url).toBe('http://agent.agents.svc.cluster.local');
    new ClusterProfile(app, 'cluster', { clusterDomain: 'cluster.local', maxScaleLimit: 10 });
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('fails if an app declares two ClusterProfiles (PROFILE-001 at the second)', () => {
    const { app, chart } = setup();
    agent(chart, 'agent');
    new ClusterProfile(app, 'cluster');
    new ClusterProfile(app, 'staging');
    const err = synthFails(() => app.synthYaml());
    expect(heads(err)).toEqual(['error [PROFILE-001] staging']);
    expect(lines(err)[0]).toContain('another profile is declared at cluster');
  });
});
