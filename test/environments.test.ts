// AgentEnvironments: one app definition, a folder, a cluster and a Flux
// Kustomization per environment; every environment validated before any is
// written; the findings of all of them at once, each naming its environment.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration } from 'cdk8s';
import { AgentEnvironment, AgentEnvironments, AgentEnvironmentsProps, AgentKnativeService, AgentValidationError, AppValidation, GitRepository } from '../lib';

interface Values { readonly maxScale: number; readonly minScale?: number }

const SOURCE = GitRepository.fromGitRepositoryName('flux-system', { namespace: 'flux-system' });

function build(app: App, env: { name: string; values: Values }): void {
  new AgentKnativeService(new Chart(app, 'triage', { namespace: 'agents' }), 'triage', {
    image: 'ghcr.io/acme/triage:1.0.0',
    env: { ENVIRONMENT: env.name },
    scaling: { minScale: env.values.minScale ?? 0, maxScale: env.values.maxScale },
  });
}

let tmp: string;
beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-envs-')); });
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const outdir = () => path.join(tmp, 'triage');

/** The files written under the app's folder, relative to it, sorted → text. */
function written(dir = outdir(), prefix = ''): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.isDirectory()) Object.assign(out, written(path.join(dir, e.name), `${prefix}${e.name}/`));
    else out[`${prefix}${e.name}`] = fs.readFileSync(path.join(dir, e.name), 'utf8');
  }
  return out;
}

function environments(overrides: Partial<AgentEnvironmentsProps<Values>> = {}): AgentEnvironments<Values> {
  return new AgentEnvironments<Values>({
    outdir: outdir(),
    environments: {
      prod: { values: { minScale: 1, maxScale: 20 } },
      dev: { values: { maxScale: 2 }, cluster: { maxScaleLimit: 5 } },
    },
    build,
    flux: { sourceRef: SOURCE, root: './dist/triage', interval: Duration.minutes(5) },
    ...overrides,
  });
}

describe('AgentEnvironments', () => {
  test('a folder per environment with its kustomization, and a Flux Kustomization per environment (snapshot)', () => {
    environments().synth();
    const files = written();
    expect(Object.keys(files)).toEqual([
      'clusters/dev/flux.k8s.yaml', 'clusters/dev/kustomization.yaml', 'clusters/prod/flux.k8s.yaml', 'clusters/prod/kustomization.yaml',
      'dev/kustomization.yaml', 'dev/topology.md', 'dev/triage.k8s.yaml', 'prod/kustomization.yaml', 'prod/topology.md', 'prod/triage.k8s.yaml',
    ]);
    expect(files).toMatchSnapshot();
  });

  test('the values differ per environment, the rest is shared', () => {
    environments().synth();
    const files = written();
    expect(files['dev/triage.k8s.yaml']).toContain('autoscaling.knative.dev/max-scale: "2"');
    expect(files['prod/triage.k8s.yaml']).toContain('autoscaling.knative.dev/max-scale: "20"');
    const shared = (text: string) => text.replace(/max-scale: "\d+"|min-scale: "\d+"|value: (dev|prod)/g, '');
    expect(shared(files['dev/triage.k8s.yaml'])).toBe(shared(files['prod/triage.k8s.yaml']));
  });

  test('each Flux Kustomization builds its environment\'s folder of the source, waits and prunes by default', () => {
    environments().synth();
    const k = written()['clusters/prod/flux.k8s.yaml'];
    expect(k).toContain('name: triage-prod\n  namespace: flux-system');
    expect(k).toContain('path: ./dist/triage/prod');
    expect(k).toContain('interval: 5m0s');
    expect(k).toMatch(/prune: true[\s\S]*wait: true/);
  });

  test('names are sorted: the same output whatever the order environments are given in', () => {
    environments().synth();
    const first = written();
    fs.rmSync(outdir(), { recursive: true });
    environments({ environments: { dev: { values: { maxScale: 2 }, cluster: { maxScaleLimit: 5 } }, prod: { values: { minScale: 1, maxScale: 20 } } } }).synth();
    expect(written()).toEqual(first);
    expect(environments().names).toEqual(['dev', 'prod']);
  });

  test('without flux, no clusters/ folder', () => {
    environments({ flux: undefined }).synth();
    expect(Object.keys(written()).some((f) => f.startsWith('clusters/'))).toBe(false);
  });

  test('the Flux root defaults to outdir relative to the current directory', () => {
    const cwd = jest.spyOn(process, 'cwd').mockReturnValue(tmp);
    try {
      environments({ flux: { sourceRef: SOURCE } }).synth();
    } finally {
      cwd.mockRestore();
    }
    expect(written()['clusters/dev/flux.k8s.yaml']).toContain('path: ./triage/dev');
  });

  test('the Flux Kustomizations are validated with the environments: a root outside the source fails before anything is written', () => {
    expect(() => environments({ flux: { sourceRef: SOURCE, root: '../elsewhere' } }).synth()).toThrow(/\[dev\] +error \[FLUXKS-PATH-001\][\s\S]*\[prod\] +error \[FLUXKS-PATH-001\]/);
    expect(written()).toEqual({});
  });

  test('each environment is validated against its own cluster: a bound fine in prod fails in dev only, and nothing is written', () => {
    const envs: Record<string, AgentEnvironment<Values>> = {
      dev: { values: { maxScale: 20 }, cluster: { maxScaleLimit: 5 } },
      prod: { values: { maxScale: 20 } },
    };
    let error: unknown;
    try { environments({ environments: envs }).synth(); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(AgentValidationError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Synth failed in 1 environment \(dev\):/);
    expect(message).toMatch(/^\[dev\] +error \[KSVC-SCALE-007\] triage\/triage: scaling\.maxScale/m);
    expect(message).not.toContain('[prod]');
    expect((error as AgentValidationError).report.errors.map((f) => [f.rule.id, f.where])).toEqual([['KSVC-SCALE-007', '[dev] triage/triage']]);
    expect(written()).toEqual({});
  });

  test('the findings of every failing environment at once, each line naming its environment', () => {
    const envs = { dev: { values: { maxScale: 20 }, cluster: { maxScaleLimit: 5 } }, prod: { values: { maxScale: 30 }, cluster: { maxScaleLimit: 10 } } };
    expect(() => environments({ environments: envs }).synth()).toThrow(/Synth failed in 2 environments \(dev, prod\):\n\[dev\] Validation failed[\s\S]*\[dev\] +error \[KSVC-SCALE-007\][\s\S]*\[prod\] +error \[KSVC-SCALE-007\]/);
    expect(written()).toEqual({});
  });

  test('an environment\'s repository config declares its cluster (its acknowledgements too)', () => {
    const config = path.join(tmp, 'prod.yaml');
    fs.writeFileSync(config, 'cluster:\n  releases: { knative: "1.22" }\n');
    const seen: string[] = [];
    environments({
      environments: { prod: { values: { maxScale: 20 }, repositoryConfig: config } },
      build: (app, env) => { build(app, env); seen.push(AppValidation.of(app).settings.knativeVersion); },
    }).synth();
    expect(seen).toEqual(['1.22']);
  });

  test('a repository config that cannot be read fails that environment with its file named', () => {
    expect(() => environments({ environments: { prod: { values: { maxScale: 20 }, repositoryConfig: path.join(tmp, 'missing.yaml') } } }).synth())
      .toThrow(/\[prod\] .*missing\.yaml/);
  });

  test('warnings are printed once, with the environment\'s name', () => {
    const lines: string[] = [];
    const reporter = jest.spyOn(process.stderr, 'write').mockImplementation((line) => { lines.push(String(line)); return true; });
    try {
      environments({
        environments: { dev: { values: { maxScale: 2 } } },
        build: (app, env) => {
          new AgentKnativeService(new Chart(app, 'triage', { namespace: 'agents' }), 'triage', {
            image: 'ghcr.io/acme/triage:1.0.0', containerConcurrency: 1, scaling: { maxScale: env.values.maxScale, target: 5 },
          });
        },
      }).synth();
    } finally {
      reporter.mockRestore();
    }
    const warnings = lines.filter((l) => l.includes('KSVC-SCALE-021'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[dev\] warning \[KSVC-SCALE-021\]/);
  });

  describe('an image policy outside the app (FLUXIMG-008)', () => {
    const imagePolicies = { 'ghcr.io/acme/triage': 'flux-system:triage' };
    const prod = (config: string): AgentEnvironment<Values> => {
      const file = path.join(tmp, 'prod.yaml');
      fs.writeFileSync(file, config);
      return { values: { maxScale: 20 }, repositoryConfig: file, imagePolicies };
    };
    function stderrOf(run: () => void): string[] {
      const lines: string[] = [];
      const reporter = jest.spyOn(process.stderr, 'write').mockImplementation((line) => { lines.push(String(line)); return true; });
      try { run(); } finally { reporter.mockRestore(); }
      return lines;
    }

    test('is warned once, with the environment\'s name', () => {
      const lines = stderrOf(() => environments({ environments: { prod: prod('cluster: {}\n'), dev: { values: { maxScale: 2 } } } }).synth());
      expect(lines.filter((l) => l.includes('FLUXIMG-008'))).toEqual([expect.stringMatching(/^\[prod\] warning \[FLUXIMG-008\] app: imagePolicies\["ghcr.io\/acme\/triage"\] = "flux-system:triage"/)]);
    });

    test('fails in strict mode before any environment is written', () => {
      expect(() => environments({ strict: true, environments: { prod: prod('cluster: {}\n'), dev: { values: { maxScale: 2 } } } }).synth()).toThrow(/\[prod\][\s\S]*FLUXIMG-008/);
      expect(written()).toEqual({});
    });

    test('is quiet when the environment\'s repository config lists the policy under `provided`', () => {
      const lines = stderrOf(() => environments({ strict: true, environments: { prod: prod('provided:\n  - { kind: ImagePolicy, namespace: flux-system, name: triage }\n') } }).synth());
      expect(lines).toEqual([]);
      expect(written()['prod/kustomization.yaml']).toContain('"$imagepolicy": "flux-system:triage:tag"');
    });
  });

  test('an exception thrown by build names its environment and writes nothing', () => {
    expect(() => environments({ build: (app, env) => { if (env.name === 'prod') throw new Error('no prod yet'); build(app, env); } }).synth())
      .toThrow('no prod yet');
    expect(written()).toEqual({});
  });
});

describe('AgentEnvironments fails if', () => {
  const make = (props: unknown) => () => new AgentEnvironments(props as AgentEnvironmentsProps<Values>);
  const valid = { outdir: 'dist/x', environments: { dev: { values: {} } }, build: () => undefined };

  test.each([
    ['props are not an object', 42, /props must be an object/],
    ['props are null', null, /props must be an object/],
    ['outdir is missing', { ...valid, outdir: undefined }, /outdir = \(unset\): required/],
    ['outdir is empty', { ...valid, outdir: '' }, /outdir = the string "": expected a non-empty string/],
    ['environments are missing', { ...valid, environments: undefined }, /environments = \(unset\): required/],
    ['environments are empty', { ...valid, environments: {} }, /environments = an object \(Object\): expected at least one/],
    ['environments are an array', { ...valid, environments: [{ values: {} }] }, /environments = .*expected an object/],
    ['an environment has no values', { ...valid, environments: { dev: {} } }, /environments\.dev\.values = \(unset\)/],
    ['an environment is not an object', { ...valid, environments: { dev: 'dev' } }, /environments\.dev = the string "dev": expected an environment/],
    ['an environment name is no DNS label', { ...valid, environments: { Dev_1: { values: {} } } }, /environments\.Dev_1: .*DNS-1123 label/],
    ['an environment is called clusters', { ...valid, environments: { clusters: { values: {} } } }, /environments\.clusters: .*`clusters` holds the Flux Kustomizations/],
    ['an environment has both cluster and repositoryConfig', { ...valid, environments: { dev: { values: {}, cluster: {}, repositoryConfig: 'x.yaml' } } }, /give `cluster` or `repositoryConfig`, not both/],
    ['repositoryConfig is not a string', { ...valid, environments: { dev: { values: {}, repositoryConfig: 7 } } }, /environments\.dev\.repositoryConfig = number 7/],
    ['build is not a function', { ...valid, build: 'build' }, /build = the string "build": expected a function/],
    ['flux has no sourceRef', { ...valid, flux: {} }, /flux\.sourceRef = \(unset\)/],
    ['flux namespace is no DNS label', { ...valid, flux: { sourceRef: SOURCE, namespace: 'Flux System' } }, /flux\.namespace = the string "Flux System": expected a namespace/],
    ['flux interval is not a Duration', { ...valid, flux: { sourceRef: SOURCE, interval: '5m' } }, /flux\.interval = the string "5m": expected a cdk8s Duration/],
    ['strict is not a boolean', { ...valid, strict: 'yes' }, /strict = the string "yes": expected a boolean/],
    ['an unknown prop is given', { ...valid, envs: {} }, /envs/],
  ])('%s', (_, props, message) => {
    expect(make(props)).toThrow(message);
  });

  test('every problem of the props at once', () => {
    expect(make({ ...valid, outdir: 3, build: 'x' })).toThrow(/outdir = number 3: .*; build = the string "x"/);
  });

  test('a ClusterProfile prop of an environment is wrong: its finding names the environment', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-envs-'));
    try {
      expect(() => new AgentEnvironments<Values>({ outdir: dir, environments: { dev: { values: { maxScale: 2 }, cluster: { maxScaleLimit: 'five' as any } } }, build }).synth())
        .toThrow(/\[dev\] .*maxScaleLimit/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
