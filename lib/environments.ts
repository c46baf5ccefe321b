// One app definition, several environments (seed 002's envs/dev and envs/prod):
// each environment is its own AgentApp with its own ClusterProfile, written to
// its own folder with its kustomization.yaml, and gets a Flux Kustomization of
// its own whose `path` is that folder.
import * as path from 'path';
import { App, Chart, Duration } from 'cdk8s';
import { AgentApp } from './app';
import { AgentValidationError, AppValidation } from './construct/app-validation';
import { assertProps, describe, ShapeOf, T } from './construct/props';
import { FluxKustomization } from './gitops/flux-kustomization';
import type { IFluxSource } from './gitops/git-repository';
import { isDns1123Label } from './k8s/names';
import { ClusterProfile, ClusterProfileProps } from './platform/cluster-profile';

/** One environment: its values, and the cluster it is validated against. */
export interface AgentEnvironment<V> {
  /** What differs in this environment (scale bounds, replicas, hosts, secret stores...), handed to `build`. */
  readonly values: V;
  /**
   * The cluster settings of this environment (a `ClusterProfile` is made from them).
   * @default - none from here: `repositoryConfig` if given, else whatever `build` declares (upstream defaults if nothing)
   */
  readonly cluster?: ClusterProfileProps;
  /**
   * A repository config file (`cdk8s-agents.yaml` format) declaring this
   * environment's cluster: `ClusterProfile.fromRepositoryConfig(app, 'cluster', file)`.
   * Not together with `cluster`.
   * @default - none
   */
  readonly repositoryConfig?: string;
  /**
   * Images Flux's image automation moves forward in this environment
   * (`AgentAppProps.imagePolicies`: image name → `<namespace>:<ImagePolicy>`).
   * @default - none
   */
  readonly imagePolicies?: Record<string, string>;
}

/** What `build` is told about the environment it builds. */
export interface AgentEnvironmentContext<V> {
  /** The environment's name (its folder). */
  readonly name: string;
  /** The environment's values. */
  readonly values: V;
}

/** The Flux Kustomization written for each environment, in `<outdir>/clusters/<env>/`. */
export interface AgentEnvironmentsFlux {
  /** The source holding the synthesized folders: a GitRepository, or `GitRepository.fromGitRepositoryName(...)`. */
  readonly sourceRef: IFluxSource;
  /**
   * Where `outdir` is in the source, relative to its root; each Kustomization's `path` is `<root>/<env>`.
   * @default - `outdir` relative to the current directory, e.g. `./dist/triage`
   */
  readonly root?: string;
  /** Namespace of the Kustomizations. @default 'flux-system' */
  readonly namespace?: string;
  /** How often Flux applies each environment again. @default Duration.minutes(10) */
  readonly interval?: Duration;
  /** Wait until every object of the environment is healthy before the Kustomization is Ready. @default true */
  readonly wait?: boolean;
  /** Delete the objects that leave an environment's folder. @default true */
  readonly prune?: boolean;
}

export interface AgentEnvironmentsProps<V> {
  /** Folder of the app: each environment is written to `<outdir>/<env>/`, its Flux Kustomization to `<outdir>/clusters/<env>/`. */
  readonly outdir: string;
  /** The environments by name (DNS-1123 labels; `clusters` is taken): synthesized in name order. */
  readonly environments: Record<string, AgentEnvironment<V>>;
  /** Builds the app of one environment: the same code for every environment, the values differ. */
  readonly build: (app: App, env: AgentEnvironmentContext<V>) => void;
  /** Write a Flux Kustomization per environment. @default - none */
  readonly flux?: AgentEnvironmentsFlux;
  /** Fail synth on warnings too. @default - AgentApp's: the environment variable CDK8S_AGENTS_STRICT */
  readonly strict?: boolean;
}

/** Folder of the Flux Kustomizations, beside the environments' folders. */
const CLUSTERS = 'clusters';

const ENVIRONMENT_SHAPE = T.object<AgentEnvironment<unknown>>({
  values: T.any(),
  cluster: T.plainObject('ClusterProfileProps (an object)'),
  repositoryConfig: T.string({ nonEmpty: true }),
  imagePolicies: T.record(T.string({ nonEmpty: true })),
}, 'an environment ({ values, cluster?, repositoryConfig?, imagePolicies? })', ['values']);

const ENVIRONMENTS_SHAPE = {
  outdir: T.string({ nonEmpty: true }),
  environments: T.record(ENVIRONMENT_SHAPE, { nonEmpty: true }),
  build: T.func('a function (app, env) => void'),
  flux: T.object<AgentEnvironmentsFlux>({
    sourceRef: T.duck('an IFluxSource', ['apiVersion', 'kind', 'name'], 'pass a GitRepository or `GitRepository.fromGitRepositoryName(name, { namespace })`'),
    root: T.string({ nonEmpty: true }),
    namespace: T.namespace(),
    interval: T.duration(),
    wait: T.boolean(),
    prune: T.boolean(),
  }, 'an AgentEnvironmentsFlux ({ sourceRef, root?, namespace?, interval?, wait?, prune? })', ['sourceRef']),
  strict: T.boolean(),
} satisfies ShapeOf<AgentEnvironmentsProps<unknown>>;

/**
 * One app definition synthesized for several environments: `build` runs once
 * per environment with that environment's values, into an `AgentApp` of its
 * own (`kustomization: true`) validated against that environment's cluster.
 * `synth()` validates every environment before it writes any, and reports
 * the findings of all of them at once, each under its environment's name.
 *
 * ```ts
 * new AgentEnvironments({
 *   outdir: 'dist/triage',
 *   environments: {
 *     dev: { values: { maxScale: 2 }, cluster: { maxScaleLimit: 5 } },
 *     prod: { values: { maxScale: 20 }, repositoryConfig: 'platform/prod/cdk8s-agents.yaml' },
 *   },
 *   build: (app, env) => {
 *     new AgentKnativeService(new Chart(app, 'triage', { namespace: 'agents' }), 'triage', {
 *       image: 'ghcr.io/acme/triage:1.0.0', scaling: { maxScale: env.values.maxScale },
 *     });
 *   },
 *   flux: { sourceRef: GitRepository.fromGitRepositoryName('flux-system', { namespace: 'flux-system' }), root: './dist/triage' },
 * }).synth();
 * ```
 */
export class AgentEnvironments<V> {
  /** The environments' names, in the order they are synthesized. */
  public readonly names: readonly string[];
  private readonly props: AgentEnvironmentsProps<V>;

  public constructor(props: AgentEnvironmentsProps<V>) {
    if (props === null || typeof props !== 'object') throw new Error(`new AgentEnvironments(props): props must be an object ({ outdir, environments, build }), got ${describe(props)}`);
    assertProps(props, ENVIRONMENTS_SHAPE, 'new AgentEnvironments(props)');
    const missing = (['outdir', 'environments', 'build'] as const).filter((k) => props[k] === undefined);
    if (missing.length > 0) throw new Error(`new AgentEnvironments(props): ${missing.map((k) => `${k} = (unset): required`).join('; ')}`);
    const names = Object.keys(props.environments).sort();
    const problems: string[] = [];
    for (const name of names) {
      const env = props.environments[name];
      if (!isDns1123Label(name) || name === CLUSTERS) {
        problems.push(`environments.${name}: the name is a folder and part of the Flux Kustomization's name: ${name === CLUSTERS ? `\`${CLUSTERS}\` holds the Flux Kustomizations` : 'use a DNS-1123 label (lowercase letters, digits and `-`, at most 63)'}`);
      }
      if (env.cluster !== undefined && env.repositoryConfig !== undefined) {
        problems.push(`environments.${name}: give \`cluster\` or \`repositoryConfig\`, not both (each makes the environment's ClusterProfile)`);
      }
    }
    if (problems.length > 0) throw new Error(`new AgentEnvironments(props): ${problems.join('; ')}`);
    this.props = props;
    this.names = names;
  }

  /**
   * Builds and validates every environment, then writes each to
   * `<outdir>/<env>/` (and its Flux Kustomization to `<outdir>/clusters/<env>/`).
   * Any finding in any environment fails with an AgentValidationError listing
   * all of them, each prefixed with `[<env>]`, and nothing is written.
   */
  public synth(): void {
    const p = this.props;
    const apps = this.names.flatMap((name) => [
      { name, app: this.appOf(name) },
      ...(p.flux ? [{ name, app: this.fluxAppOf(name, p.flux) }] : []),
    ]);
    const failed: { name: string; error: Error }[] = [];
    for (const { name, app } of apps) {
      const validation = AppValidation.of(app);
      const reporter = validation.reporter;
      validation.reporter = (line) => reporter(`[${name}] ${line}`);
      try {
        app.synthYaml(); // validates without writing
      } catch (e) {
        failed.push({ name, error: e as Error });
      }
      validation.reporter = () => undefined; // the warnings were printed once, with the environment's name
    }
    if (failed.length > 0) throw environmentsError(failed);
    for (const { app } of apps) app.synth();
  }

  private appOf(name: string): AgentApp {
    const p = this.props;
    const env = p.environments[name];
    const app = new AgentApp({
      outdir: path.join(p.outdir, name), kustomization: true, imagePolicies: env.imagePolicies, ...(p.strict === undefined ? {} : { strict: p.strict }),
    });
    if (env.cluster !== undefined) new ClusterProfile(app, 'cluster', env.cluster);
    else if (env.repositoryConfig !== undefined) ClusterProfile.fromRepositoryConfig(app, 'cluster', env.repositoryConfig);
    p.build(app, Object.freeze({ name, values: env.values }));
    return app;
  }

  private fluxAppOf(name: string, flux: AgentEnvironmentsFlux): AgentApp {
    const p = this.props;
    const root = (flux.root ?? `./${path.relative(process.cwd(), path.resolve(p.outdir)).split(path.sep).join('/')}`).replace(/\/+$/, '');
    const app = new AgentApp({ outdir: path.join(p.outdir, CLUSTERS, name), kustomization: true, topology: false });
    const chart = new Chart(app, 'flux', { namespace: flux.namespace ?? 'flux-system' });
    new FluxKustomization(chart, name, {
      name: `${path.basename(path.resolve(p.outdir))}-${name}`,
      sourceRef: flux.sourceRef,
      path: `${root}/${name}`,
      interval: flux.interval,
      wait: flux.wait ?? true,
      prune: flux.prune ?? true,
    });
    return app;
  }
}

/** One error for the findings of every failing environment, each line naming its environment. */
function environmentsError(failed: readonly { name: string; error: Error }[]): Error {
  const message = failed.map(({ name, error }) => error.message.split('\n').map((line) => `[${name}] ${line}`).join('\n')).join('\n');
  const names = [...new Set(failed.map((f) => f.name))];
  const head = `Synth failed in ${names.length} environment${names.length === 1 ? '' : 's'} (${names.join(', ')}):\n`;
  if (!failed.every(({ error }) => error instanceof AgentValidationError)) return new Error(head + message);
  // The findings as data too, each `where` prefixed with its environment.
  const tagged = (name: string, findings: readonly any[]) => findings.map((f) => ({ ...f, where: `[${name}] ${f.where}` }));
  const reports = failed.map(({ name, error }) => ({ name, report: (error as AgentValidationError).report }));
  return new AgentValidationError(head + message, {
    errors: reports.flatMap(({ name, report }) => tagged(name, report.errors)),
    warnings: reports.flatMap(({ name, report }) => tagged(name, report.warnings)),
    acknowledged: reports.flatMap(({ name, report }) => tagged(name, report.acknowledged)),
  });
}
