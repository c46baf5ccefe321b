// AgentApp: cdk8s's synth in one pass. The same bytes as a plain App for every
// output type, one validation and one render of each object per synth, the same
// errors, and a construct tree that stays a cdk8s tree.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, Include, Testing, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { AgentApp, AgentAppProps, AgentKnativeService, AgentKnativeServiceProps, AgentSecrets, AgentValidationError, AppValidation, Egress, EgressPolicy, SecretStore } from '../lib';
import * as engine from '../lib/engine/engine';
import { applyRank } from '../lib/k8s/apply-order';

const IMAGE = 'ghcr.io/acme/agent:1.0.0';
const agent = (scope: Construct, id: string, props: Partial<AgentKnativeServiceProps> = {}) => new AgentKnativeService(scope, id, { image: IMAGE, ...props });
/** target 5 above containerConcurrency 1: the KSVC-SCALE-021 warning. */
const capped = (scope: Construct, id: string) => agent(scope, id, { containerConcurrency: 1, scaling: { target: 5 } });

const dirs: string[] = [];
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-app-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
afterEach(() => jest.restoreAllMocks());

/** An AgentApp with its warnings collected. */
function agentApp(props: AppProps & { strict?: boolean } = {}): { app: AgentApp; printed: string[] } {
  const app = new AgentApp({ outdir: tmp(), ...props });
  const printed: string[] = [];
  AppValidation.of(app).reporter = (line) => printed.push(line);
  return { app, printed };
}

/**
 * An app with what changes cdk8s's output: several charts, a chart that
 * depends on another and a nested chart (indexed file names), an explicit
 * object dependency (order within a chart), cdk8s-plus objects, Include'd YAML.
 */
function mixed(app: App, includeFile: string): void {
  const base = new Chart(app, 'base', { namespace: 'platform' });
  const secrets = new AgentSecrets(base, 'keys', { store: SecretStore.cluster('vault'), keys: { API_KEY: 'agents/api-key' }, namespace: 'agents' }); // read by the agents: in their namespace
  const agents = new Chart(app, 'agents', { namespace: 'agents' });
  agents.addDependency(base);
  const triage = agent(agents, 'triage', { secrets: [secrets] });
  const billing = agent(agents, 'billing');
  new EgressPolicy(agents, 'egress', { agents: [triage, billing], allow: [Egress.cidr('10.0.0.0/8')] });
  const config = new kplus.ConfigMap(agents, 'config', { metadata: { name: 'agent-config' }, data: { LOG_LEVEL: 'info' } });
  const first = new ApiObject(agents, 'first', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'first' }, data: { a: '1' } });
  first.addDependency(config);
  const nested = new Chart(agents, 'nested', { namespace: 'nested' });
  agent(nested, 'nested-agent');
  new Include(new Chart(app, 'legacy', { namespace: 'agents' }), 'yaml', { url: includeFile });
}

/** Every file under `dir`, relative path → content. */
function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

describe('kustomization: true (a folder for GitOps)', () => {
  const kubectlVersion = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (kubectlVersion.status !== 0) console.log('app.test.ts: kubectl is not installed; kustomize builds of the folders are not tested');
  let includeFile: string;
  beforeAll(() => {
    includeFile = path.join(tmp(), 'legacy.yaml');
    fs.writeFileSync(includeFile, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: legacy\n  namespace: agents\ndata:\n  x: "1"\n');
  });
  const parseAll = (text: string): any[] => parseAllDocuments(text).map((d) => d.toJS());
  const key = (o: any) => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

  const types = [YamlOutputType.FILE_PER_CHART, YamlOutputType.FILE_PER_APP, YamlOutputType.FILE_PER_RESOURCE, YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE];
  test.each(types.map((t) => [YamlOutputType[t], t]))('GIVEN %s WHEN synthesized THEN App\'s objects, each file in apply order, all listed once in kustomization.yaml', (_, yamlOutputType) => {
    const plain = new App({ outdir: tmp(), yamlOutputType, recordConstructMetadata: true });
    const { app } = agentApp({ yamlOutputType, recordConstructMetadata: true, kustomization: true } as AgentAppProps);
    AppValidation.of(plain).reporter = () => undefined;
    mixed(plain, includeFile);
    mixed(app, includeFile);
    plain.synth();
    app.synth();
    const manifests = (tree: Map<string, string>) => [...tree].filter(([f]) => !['kustomization.yaml', 'construct-metadata.json', 'topology.md'].includes(f));
    const ours = readTree(app.outdir);
    const objectsOf = (tree: Map<string, string>) => manifests(tree).flatMap(([, text]) => parseAll(text)).map(key).sort();
    expect(objectsOf(ours)).toEqual(objectsOf(readTree(plain.outdir)));
    for (const [, text] of manifests(ours)) {
      const ranks = parseAll(text).map(applyRank);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    const kustomization = parseAll(ours.get('kustomization.yaml')!)[0];
    expect(kustomization).toMatchObject({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', sortOptions: { order: 'fifo' } });
    expect([...kustomization.resources].sort()).toEqual(manifests(ours).map(([f]) => f.split(path.sep).join('/')).sort());
    if (kubectlVersion.status === 0) {
      const built = spawnSync('kubectl', ['kustomize', app.outdir], { encoding: 'utf8' });
      expect(built.stderr).toBe('');
      expect(parseAll(built.stdout).map(key).sort()).toEqual(objectsOf(ours));
    }
  });

  test('GIVEN an ExternalSecret, RBAC, a policy and an agent WHEN synthesized THEN the file reads in apply order, dependencies first', () => {
    const { app } = agentApp({ kustomization: true } as AgentAppProps);
    const chart = new Chart(app, 'agents', { namespace: 'agents' });
    const triage = agent(chart, 'triage', { secrets: [new AgentSecrets(chart, 'keys', { store: SecretStore.cluster('vault'), keys: { API_KEY: 'agents/api-key' } })] });
    new EgressPolicy(chart, 'egress', { agents: [triage], allow: [Egress.cidr('10.0.0.0/8')] });
    new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'agents' } });
    app.synth();
    expect(parseAll(fs.readFileSync(path.join(app.outdir, 'agents.k8s.yaml'), 'utf8')).map((o) => o.kind)).toEqual(['Namespace', 'ExternalSecret', 'NetworkPolicy', 'Service']);
    expect(fs.readFileSync(path.join(app.outdir, 'kustomization.yaml'), 'utf8')).toBe([
      '# Written by cdk8s-agents (AgentApp, kustomization: true): the manifests of this folder, in apply order.',
      'apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'sortOptions:', '  order: fifo', 'resources:', '  - agents.k8s.yaml', '',
    ].join('\n'));
    expect(parseAll(app.synthYaml()).map((o) => o.kind)).toEqual(['Namespace', 'ExternalSecret', 'NetworkPolicy', 'Service']);
  });

  test('GIVEN no kustomization prop WHEN synthesized THEN no kustomization.yaml and cdk8s\'s order', () => {
    const { app } = agentApp();
    const chart = new Chart(app, 'agents', { namespace: 'agents' });
    agent(chart, 'triage');
    new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'agents' } });
    app.synth();
    expect(fs.readdirSync(app.outdir)).toEqual(['agents.k8s.yaml']);
    expect(parseAll(fs.readFileSync(path.join(app.outdir, 'agents.k8s.yaml'), 'utf8')).map((o) => o.kind)).toEqual(['Service', 'Namespace']);
  });

  test('GIVEN an app with findings WHEN synthesized THEN it throws and writes nothing, not even its folder', () => {
    const outdir = path.join(tmp(), 'app');
    const app = new AgentApp({ outdir, kustomization: true });
    AppValidation.of(app).reporter = () => undefined;
    agent(new Chart(app, 'agents'), 'triage', { scaling: { minScale: 5, maxScale: 2 } });
    expect(() => app.synth()).toThrow(AgentValidationError);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('GIVEN kustomization of the wrong type from plain JavaScript WHEN constructed THEN the prop is named', () => {
    expect(() => new AgentApp({ outdir: tmp(), kustomization: 'yes' } as any)).toThrow(/new AgentApp\(props\): kustomization = the string "yes": expected a boolean/);
  });
});

describe('the same bytes as a plain App', () => {
  let includeFile: string;
  beforeAll(() => {
    includeFile = path.join(tmp(), 'legacy.yaml');
    fs.writeFileSync(includeFile, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: legacy\n  namespace: agents\ndata:\n  x: "1"\n');
  });

  const types = [YamlOutputType.FILE_PER_CHART, YamlOutputType.FILE_PER_APP, YamlOutputType.FILE_PER_RESOURCE, YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE];
  test.each(types.map((t) => [YamlOutputType[t], t]))('GIVEN %s and construct metadata WHEN synthesized THEN every file is byte-identical', (_, yamlOutputType) => {
    const props = { yamlOutputType, recordConstructMetadata: true };
    const plain = new App({ outdir: tmp(), ...props });
    const { app } = agentApp(props);
    AppValidation.of(plain).reporter = () => undefined;
    mixed(plain, includeFile);
    mixed(app, includeFile);
    plain.synth();
    app.synth();
    const expected = readTree(plain.outdir);
    expect(expected.size).toBeGreaterThan(1);
    expect(expected.has('construct-metadata.json')).toBe(true);
    expect(readTree(app.outdir)).toEqual(expected);
  });

  test('GIVEN charts that depend on each other WHEN synthesized per chart THEN the file names are indexed as App indexes them', () => {
    const { app } = agentApp();
    mixed(app, includeFile);
    app.synth();
    expect(fs.readdirSync(app.outdir).sort()).toEqual(['0000-base.k8s.yaml', '0001-agents-nested-c8b197ab.k8s.yaml', '0002-agents.k8s.yaml', '0003-legacy.k8s.yaml']);
  });

  test('GIVEN the mixed app WHEN synthYaml() THEN the string is App\'s', () => {
    const plain = new App({ outdir: tmp() });
    const { app } = agentApp();
    mixed(plain, includeFile);
    mixed(app, includeFile);
    expect(app.synthYaml()).toBe(plain.synthYaml());
  });

  test('GIVEN a custom outputFileExtension WHEN synthesized THEN the files carry it', () => {
    const { app } = agentApp({ outputFileExtension: '.yml' });
    agent(new Chart(app, 'one'), 'a');
    app.synth();
    expect(fs.readdirSync(app.outdir)).toEqual(['one.yml']);
  });

  test('GIVEN an app without charts WHEN synthesized into one file THEN no file is written, as App does', () => {
    const { app } = agentApp({ yamlOutputType: YamlOutputType.FILE_PER_APP });
    app.synth();
    expect(fs.readdirSync(app.outdir)).toEqual([]);
    expect(app.synthYaml()).toBe('');
  });

  test('GIVEN a Chart subclass that overrides toJson() WHEN synthesized THEN its toJson() is what is written', () => {
    class Annotated extends Chart {
      public toJson(): any[] {
        return super.toJson().map((o) => ({ ...o, metadata: { ...o.metadata, annotations: { 'example.com/by': 'chart' } } }));
      }
    }
    const { app } = agentApp();
    agent(new Annotated(app, 'annotated'), 'a');
    expect(app.synthYaml()).toContain('example.com/by: chart');
  });
});

describe('the order of charts and objects, as cdk8s\'s dependency graph gives it', () => {
  /**
   * A random app: charts at the root or nested (ids that are array indexes
   * too: cdk8s orders those first), ConfigMaps in them, some under plain
   * constructs, and dependencies between any two of them.
   */
  const shape = fc.record({
    charts: fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'z', '0', '1', '7', '10', '01'), parent: fc.nat(8) }), { minLength: 1, maxLength: 6 }),
    objects: fc.array(fc.record({ chart: fc.nat(8), wrapped: fc.boolean() }), { maxLength: 12 }),
    deps: fc.array(fc.tuple(fc.nat(30), fc.nat(30)), { maxLength: 10 }),
  });

  type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;

  function build(app: App, s: Shape): void {
    const charts: Chart[] = [];
    const used = new Set<string>();
    s.charts.forEach((c, i) => {
      const parent: Construct = i > 0 && c.parent < i && c.parent % 3 === 0 ? charts[c.parent] : app;
      const id = used.has(`${parent.node.path}/${c.id}`) ? `${c.id}x${i}` : c.id;
      used.add(`${parent.node.path}/${id}`);
      charts.push(new Chart(parent, id));
    });
    const nodes: Construct[] = [...charts];
    s.objects.forEach((o, i) => {
      const chart = charts[o.chart % charts.length];
      const scope = o.wrapped ? new Construct(chart, `w${i}`) : chart;
      nodes.push(new ApiObject(scope, `o${i}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: { i: String(i) } }));
      if (o.wrapped) nodes.push(scope);
    });
    for (const [a, b] of s.deps) {
      const [x, y] = [nodes[a % nodes.length], nodes[b % nodes.length]];
      if (x !== y) x.node.addDependency(y);
    }
  }

  /** What an app synthesizes (file name → content), or the error it throws. */
  function outcome(make: (outdir: string) => App, s: Shape, synthYaml: boolean): unknown {
    const outdir = tmp();
    try {
      const app = make(outdir);
      build(app, s);
      if (synthYaml) return app.synthYaml();
      app.synth();
      return Object.fromEntries(readTree(outdir));
    } catch (e) {
      return `throws: ${(e as Error).message.replace(/\n.*$/s, '')}`;
    }
  }

  test.each([YamlOutputType.FILE_PER_CHART, YamlOutputType.FILE_PER_APP])('GIVEN random charts, objects and dependencies (%s) WHEN synthesized THEN the files are App\'s', (yamlOutputType) => {
    fc.assert(fc.property(shape, fc.boolean(), (s, synthYaml) => {
      const plain = outcome((outdir) => new App({ outdir, yamlOutputType }), s, synthYaml);
      const ours = outcome((outdir) => {
        const app = new AgentApp({ outdir, yamlOutputType });
        AppValidation.of(app).reporter = () => undefined;
        return app;
      }, s, synthYaml);
      expect(ours).toEqual(plain);
    }), { seed: 20261202, numRuns: 150 });
  });
});

describe('one pass per synth', () => {
  function fleet(): { app: AgentApp; agents: AgentKnativeService[] } {
    const { app } = agentApp();
    const agents = Array.from({ length: 20 }, (_, i) => agent(new Chart(app, `chart-${i}`, { namespace: `team-${i}` }), 'agent'));
    return { app, agents };
  }

  test('GIVEN 20 charts WHEN app.synth() THEN the library validates once and renders each agent once for validation and output', () => {
    const { app, agents } = fleet();
    const validations = jest.spyOn(engine, 'validateObjects');
    const renders = jest.spyOn(ApiObject.prototype, 'toJson');
    app.synth();
    expect(validations).toHaveBeenCalledTimes(1);
    expect(validations.mock.calls[0][0]).toHaveLength(20);
    expect(renders.mock.contexts.filter((c) => c === agents[0].resource)).toHaveLength(1);
    expect(renders).toHaveBeenCalledTimes(20);
    expect(fs.readdirSync(app.outdir).filter((f) => f.endsWith('.k8s.yaml'))).toHaveLength(20);
  });

  test('GIVEN 20 charts WHEN app.synthYaml() THEN the library validates once and renders each agent once', () => {
    const { app } = fleet();
    const validations = jest.spyOn(engine, 'validateObjects');
    const renders = jest.spyOn(ApiObject.prototype, 'toJson');
    app.synthYaml();
    expect(validations).toHaveBeenCalledTimes(1);
    expect(renders).toHaveBeenCalledTimes(20);
  });

  test('GIVEN 20 charts WHEN each is synthesized with Testing.synth THEN each synth validates (no pass outside synth)', () => {
    const { app, agents } = fleet();
    const validations = jest.spyOn(engine, 'validateObjects');
    const docs = app.charts.map((chart) => Testing.synth(chart));
    expect(docs.map((d) => d.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`))[3]).toEqual(['Service/team-3/agent']);
    expect(validations).toHaveBeenCalledTimes(20);
    expect(agents[0].node.findChild('Resource')).toBeInstanceOf(ApiObject);
  });

  test('GIVEN a warning WHEN the app is synthesized twice THEN it is printed once per synth', () => {
    const { app, printed } = agentApp();
    capped(new Chart(app, 'chart'), 'capped');
    new Chart(app, 'other');
    app.synth();
    app.synth();
    expect(printed).toHaveLength(2);
    expect(printed[0]).toMatch(/^warning \[KSVC-SCALE-021\] chart\/capped: /);
  });

  test('GIVEN a synth WHEN the agent is changed and the app synthesized again THEN the output and validation see the change', () => {
    const { app, printed } = agentApp();
    const a = agent(new Chart(app, 'chart'), 'agent');
    expect(app.synthYaml()).not.toContain('FEATURE_FLAG');
    a.addEnv('FEATURE_FLAG', 'on');
    expect(app.synthYaml()).toContain('FEATURE_FLAG');
    a.addEnv('1BAD', 'x');
    expect(() => app.synthYaml()).toThrow(/error \[KSVC-CTR-005\] chart\/agent/);
    expect(printed).toEqual([]);
  });

  test('GIVEN an app of plain ApiObjects only WHEN synthesized THEN the library validates them too (KSVC-CTR-002)', () => {
    const { app } = agentApp();
    new ApiObject(new Chart(app, 'chart'), 'legacy', {
      apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'legacy', namespace: 'agents' },
      spec: { template: { spec: { containers: [{ image: IMAGE, ports: [{ containerPort: 9090 }] }] } } },
    });
    expect(() => app.synth()).toThrow(/error \[KSVC-CTR-002\] chart\/legacy/);
  });
});

describe('errors, as a plain App gives them', () => {
  /** The error each synth throws. */
  function thrown(synth: () => unknown): Error {
    try {
      synth();
    } catch (e) {
      return e as Error;
    }
    throw new Error('synth did not fail');
  }

  test('GIVEN findings in several charts WHEN synthesized THEN the same AgentValidationError, and nothing is written', () => {
    const build = (app: App) => {
      agent(new Chart(app, 'one'), 'a', { port: 9090 });
      agent(new Chart(app, 'two'), 'b', { image: 'ghcr.io/Acme/Agent:1' });
      new kplus.Ingress(new Chart(app, 'three'), 'ingress');
    };
    const plain = new App({ outdir: tmp() });
    const { app } = agentApp();
    build(plain);
    build(app);
    const expected = thrown(() => plain.synth());
    const err = thrown(() => app.synth());
    expect(err).toBeInstanceOf(AgentValidationError);
    expect(err.message).toBe(expected.message);
    expect(err.message.split('\n')[0]).toBe('Validation failed: 4 errors');
    expect((err as AgentValidationError).report.errors.map((f) => f.rule.id)).toEqual(['KSVC-CTR-002', 'KSVC-CTR-001', 'INGRESS-SPEC-001']);
    expect(thrown(() => app.synthYaml()).message).toBe(expected.message);
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });

  test('GIVEN a construct validation and no finding of the library WHEN synthesized THEN cdk8s\'s own error', () => {
    const build = (app: App) => {
      const chart = new Chart(app, 'chart');
      agent(chart, 'a');
      new Construct(chart, 'policy').node.addValidation({ validate: () => ['every agent needs an owner label'] });
    };
    const plain = new App({ outdir: tmp() });
    const { app } = agentApp();
    build(plain);
    build(app);
    const expected = thrown(() => plain.synth());
    expect(expected.message).toBe('Validation failed with the following errors:\n  [chart/policy] every agent needs an owner label');
    expect(thrown(() => app.synth()).message).toBe(expected.message);
  });

  test('GIVEN strict: true WHEN there is a warning THEN synth fails on it', () => {
    const { app, printed } = agentApp({ strict: true });
    capped(new Chart(app, 'chart'), 'capped');
    expect(AppValidation.of(app).strict).toBe(true);
    expect(() => app.synth()).toThrow(/^Validation failed: 1 warning \(strict: warnings fail\)\n  warning \[KSVC-SCALE-021\] chart\/capped/);
    expect(printed).toEqual([]);
  });

  test('GIVEN strict: false WHEN CDK8S_AGENTS_STRICT=1 THEN the prop wins', () => {
    const saved = process.env.CDK8S_AGENTS_STRICT;
    process.env.CDK8S_AGENTS_STRICT = '1';
    try {
      const { app, printed } = agentApp({ strict: false });
      capped(new Chart(app, 'chart'), 'capped');
      app.synth();
      expect(printed).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.CDK8S_AGENTS_STRICT;
      else process.env.CDK8S_AGENTS_STRICT = saved;
    }
  });
});
