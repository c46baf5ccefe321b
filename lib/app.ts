// The library's App: cdk8s's synth in one pass. cdk8s renders each chart with
// chart.toJson(), which resolves dependencies and validates the whole app again
// for every chart (time grows with charts x objects). AgentApp validates once,
// resolves dependencies once and writes the objects validation rendered, byte
// for byte what App writes. A plain App still validates, just without the pass.
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, DependencyGraph, Names, Yaml, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { topologyMarkdown } from './topology';
import { AppValidation } from './construct/app-validation';
import { assertProps, ShapeOf, T } from './construct/props';
import './validation'; // hands the library's registry down to app validation
import { inApplyOrder } from './k8s/apply-order';
import { stringifyManifests } from './yaml-writer';
import { imagesSection, policyProblem } from './gitops/image-automation';
import { ImagePolicy } from './gitops/image-policy';
import { IMAGE_POLICY_RULES } from './gitops/image-policy.rules';
import { IMAGE_API_VERSION } from './gitops/image-repository.validator';

/** Props of an AgentApp: those of a cdk8s App, and the validation's mode. */
export interface AgentAppProps extends AppProps {
  /**
   * Fail synth on warnings too (same as `AppValidation.of(app).strict`).
   * @default - true when the environment variable CDK8S_AGENTS_STRICT is `true` or `1`
   */
  readonly strict?: boolean;
  /**
   * Write for GitOps: the objects of each file in apply order (Namespaces,
   * CRDs, ServiceAccounts and RBAC, secrets and configuration, network
   * policies and KEDA authentications before the workloads; scalers, brokers,
   * triggers and sources after them; see lib/k8s/apply-order.ts), and a
   * `kustomization.yaml` in `outdir` listing every file synth wrote, in that
   * order, so that `kubectl kustomize <outdir>` and a Flux Kustomization whose
   * `path` is the folder build exactly the app. Give each app its own `outdir`
   * (`dist/<app>`) to get a folder per app.
   * @default false - cdk8s's output: the files and order App writes, no kustomization.yaml
   */
  readonly kustomization?: boolean;
  /**
   * Write `topology.md` in `outdir`: a Mermaid flowchart of the app drawn from
   * its manifests (sources, brokers, triggers with their filters, sequences,
   * parallels, agents, replies, dead-letter sinks, KEDA scalers, egress
   * targets), which GitHub and GitLab render beside the YAML.
   * @default - the value of `kustomization`
   */
  readonly topology?: boolean;
  /**
   * Images Flux's image automation moves forward, by image name without tag
   * (`ghcr.io/acme/agent`) → the ImagePolicy that picks the tag, as
   * `<namespace>:<name>`. Each is written to the `images:` of the
   * kustomization.yaml with the `$imagepolicy` tag marker, where
   * image-automation-controller commits new tags; synth keeps the tag last
   * committed there, so a re-synth does not undo Flux. Needs `kustomization`.
   * @default - none: the manifests' tags only
   */
  readonly imagePolicies?: Record<string, string>;
}

const APP_SHAPE = {
  outdir: T.string({ nonEmpty: true }),
  outputFileExtension: T.string(),
  yamlOutputType: T.enumOf(YamlOutputType, 'YamlOutputType'),
  recordConstructMetadata: T.boolean(),
  resolvers: T.array(T.duck('an IResolver', ['resolve'], 'pass cdk8s resolvers (`new LazyResolver()`, ...)')),
  strict: T.boolean(),
  kustomization: T.boolean(),
  topology: T.boolean(),
  imagePolicies: T.record(T.string({ nonEmpty: true })),
} satisfies ShapeOf<AgentAppProps>;

/**
 * A cdk8s App that synthesizes in one pass: one validation, one dependency
 * resolution and one render of each object, whatever the number of charts.
 * The output is byte-identical to App's, for every `yamlOutputType`, and an
 * app with findings fails with the same AgentValidationError.
 *
 * ```ts
 * const app = new AgentApp();
 * new AgentKnativeService(new Chart(app, 'agents'), 'triage', { image: 'ghcr.io/acme/triage:1.0.0' });
 * app.synth();
 * ```
 */
export class AgentApp extends App {
  /** App keeps its own private; read as App reads it. */
  private readonly recordMetadata: boolean;
  /** Whether synth writes for GitOps (AgentAppProps.kustomization). */
  private readonly kustomization: boolean;
  /** Whether synth writes topology.md (AgentAppProps.topology). */
  private readonly topology: boolean;
  /** AgentAppProps.imagePolicies. */
  private readonly imagePolicies: Record<string, string>;

  public constructor(props: AgentAppProps = {}) {
    super(assertProps(props, APP_SHAPE, 'new AgentApp(props)'));
    this.recordMetadata = props.recordConstructMetadata ?? process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true';
    this.kustomization = props.kustomization === true;
    this.topology = typeof props.topology === 'boolean' ? props.topology : this.kustomization;
    this.imagePolicies = { ...props.imagePolicies };
    const policyProblems = Object.entries(this.imagePolicies).flatMap(([image, policy]) => {
      const problem = policyProblem(policy);
      return problem ? [`imagePolicies["${image}"] = ${JSON.stringify(policy)}: ${problem}`] : [];
    });
    if (Object.keys(this.imagePolicies).length > 0 && !this.kustomization) policyProblems.push('imagePolicies: written to the kustomization.yaml: set `kustomization: true`');
    if (policyProblems.length > 0) throw new Error(`new AgentApp(props): ${policyProblems.join('; ')}`);
    // Installed now, so an app of Include'd YAML or cdk8s-plus objects only is validated too.
    const validation = AppValidation.of(this);
    if (props.strict !== undefined) validation.strict = props.strict;
  }

  /**
   * FLUXIMG-008 (a warning, open world): a `$imagepolicy` marker names an
   * ImagePolicy the app does not hold, nor the repository config's `provided`
   * (the platform's objects); it may live in another folder.
   */
  private reportMissingPolicies(docs: readonly any[]): void {
    const held = new Set(docs.filter((d) => d?.apiVersion === IMAGE_API_VERSION && d?.kind === 'ImagePolicy').map((d) => `${d.metadata?.namespace}:${d.metadata?.name}`));
    const rule = IMAGE_POLICY_RULES.MARKER_POLICY;
    const validation = AppValidation.of(this);
    const missing = (policy: string) => {
      if (held.has(policy)) return false;
      const [namespace, name] = policy.split(':');
      return !validation._provides({ kind: 'ImagePolicy', namespace, name });
    };
    const lines = Object.keys(this.imagePolicies).sort().filter((image) => missing(this.imagePolicies[image])).map((image) =>
      `warning [${rule.id}] ${this.node.path || 'app'}: imagePolicies[${JSON.stringify(image)}] = ${JSON.stringify(this.imagePolicies[image])}: no ImagePolicy "${this.imagePolicies[image]}" in the app: `
      + `the $imagepolicy marker is updated only if it exists elsewhere. Fix: ${rule.fix}`);
    if (lines.length === 0) return;
    if (validation.strict) throw new Error(`AgentApp.synth(): ${lines.join('; ')}`);
    for (const line of lines) validation.reporter(line);
  }

  /**
   * Has Flux's image automation move an image forward: `image` (its name
   * without tag, `ghcr.io/acme/agent`) is written to the `images:` of the
   * kustomization.yaml with the `$imagepolicy` marker of `policy` (an
   * ImagePolicy of the app, or `<namespace>:<name>` of one elsewhere), as
   * `imagePolicies` does. Needs `kustomization`.
   *
   * ```ts
   * app.addImagePolicy('ghcr.io/acme/triage', policy);
   * ```
   */
  public addImagePolicy(image: string, policy: ImagePolicy | string): this {
    const setter = policy instanceof ImagePolicy ? policy.setterName : policy;
    const problems: string[] = [];
    if (typeof image !== 'string' || image === '') problems.push(`image = ${JSON.stringify(image)}: expected an image name without tag, e.g. ghcr.io/acme/agent`);
    const problem = policyProblem(setter);
    if (problem) problems.push(`policy = ${JSON.stringify(setter)}: ${problem}`);
    if (!this.kustomization) problems.push('imagePolicies: written to the kustomization.yaml: set `kustomization: true` on the AgentApp');
    if (problems.length > 0) throw new Error(`AgentApp.addImagePolicy(image, policy): ${problems.join('; ')}`);
    this.imagePolicies[image] = setter;
    return this;
  }

  /** Synthesizes all manifests to the output directory, as App.synth() does, in one pass. */
  public synth(): void {
    AppValidation.of(this)._pass(() => {
      validateTree(this);
      const dependantCharts = resolveDependencies(this);
      const charts = chartsOf(this);
      // Before anything is written: the kustomization being replaced holds the tags Flux committed.
      const kustomizationFile = path.join(this.outdir, 'kustomization.yaml');
      const rendered = this.kustomization ? charts.flatMap(objectsOf).map((o) => AppValidation.of(this)._rendered(o)) : [];
      const images = this.kustomization
        ? imagesSection(this.imagePolicies, rendered, fs.existsSync(kustomizationFile) ? fs.readFileSync(kustomizationFile, 'utf8') : undefined)
        : { yaml: '', problems: [] };
      if (images.problems.length > 0) throw new Error(`AgentApp.synth(): ${images.problems.join('; ')}`);
      this.reportMissingPolicies(rendered);
      // After validation (App makes it before): a failing app leaves no empty folder behind.
      fs.mkdirSync(this.outdir, { recursive: true });
      const written: string[] = []; // relative to outdir, in write order, for the kustomization
      const save = (dir: string, name: string, docs: unknown[]) => {
        const file = path.join(dir, name + this.outputFileExtension);
        fs.writeFileSync(file, stringifyManifests(this.ordered(docs)), { encoding: 'utf8' });
        written.push(path.relative(this.outdir, file).split(path.sep).join('/'));
      };
      switch (this.yamlOutputType) {
        case YamlOutputType.FILE_PER_APP: {
          const docs = charts.flatMap((chart) => this.renderChart(chart));
          if (charts.length > 0) save(this.outdir, 'app', docs);
          break;
        }
        case YamlOutputType.FILE_PER_CHART: {
          const name = chartNamer(dependantCharts);
          for (const chart of charts) save(this.outdir, name(chart), this.renderChart(chart));
          break;
        }
        case YamlOutputType.FILE_PER_RESOURCE:
          for (const chart of charts) {
            for (const json of this.ordered(this.renderChart(chart))) {
              if (json !== undefined) save(this.outdir, resourceFileName(json.kind, json.metadata.name), [json]);
            }
          }
          break;
        case YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE: {
          const name = chartNamer(dependantCharts);
          const validation = AppValidation.of(this);
          for (const chart of charts) {
            const dir = path.join(this.outdir, name(chart));
            fs.mkdirSync(dir, { recursive: true });
            const rendered = objectsOf(chart).map((apiObject) => ({ apiObject, json: validation._rendered(apiObject) }));
            const position = new Map(this.ordered(rendered.map((r) => r.json)).map((json, i) => [json, i]));
            rendered.sort((a, b) => position.get(a.json)! - position.get(b.json)!);
            for (const { apiObject, json } of rendered) save(dir, resourceFileName(apiObject.kind, apiObject.metadata.name), [json]);
          }
          break;
        }
        default:
          break;
      }
      if (this.kustomization && written.length > 0) {
        fs.writeFileSync(kustomizationFile, kustomizationYaml(written) + images.yaml, { encoding: 'utf8' });
      }
      if (this.topology) {
        const validation = AppValidation.of(this);
        // Titled by the charts, not the folder: the same app gives the same bytes wherever it is written.
        const markdown = topologyMarkdown(charts.map((c) => c.node.id).join(', '), charts.flatMap(objectsOf).map((o) => validation._rendered(o)));
        if (markdown !== undefined) fs.writeFileSync(path.join(this.outdir, 'topology.md'), markdown, { encoding: 'utf8' });
      }
      if (this.recordMetadata) {
        const resources: Record<string, { path: string }> = {};
        for (const apiObject of chartsOf(this).flatMap(objectsOf)) resources[apiObject.name] = { path: apiObject.node.path };
        fs.writeFileSync(path.join(this.outdir, 'construct-metadata.json'), JSON.stringify({ version: '1.0.0', resources }));
      }
    });
  }

  /** Synthesizes the app into one YAML string, as App.synthYaml() does, in one pass. */
  public synthYaml(): string {
    return AppValidation.of(this)._pass(() => {
      resolveDependencies(this);
      validateTree(this);
      const docs = chartsOf(this).flatMap((chart) => this.renderChart(chart));
      // As synth() does: AgentEnvironments validates every environment with synthYaml() before it writes any.
      this.reportMissingPolicies(docs);
      return stringifyManifests(this.ordered(docs));
    });
  }

  /** The documents in apply order when writing for GitOps, else as given. */
  private ordered<T>(docs: T[]): T[] {
    return this.kustomization ? inApplyOrder(docs) : docs;
  }

  /** What chart.toJson() returns, from the renders of this pass; a chart that overrides toJson() is asked. */
  private renderChart(chart: Chart): any[] {
    if (chart.toJson !== Chart.prototype.toJson) return Object.values(chart.toJson());
    const validation = AppValidation.of(this);
    return objectsOf(chart).map((apiObject) => validation._rendered(apiObject));
  }
}

// What follows is cdk8s's app.ts (2.70), which keeps these steps private: the
// same walks in the same order, so the files, their order and names are the same.

/** Every construct's validations, root first; a finding of the library throws AgentValidationError from the root's. */
function validateTree(app: App): void {
  const errors: string[] = [];
  for (const child of app.node.findAll()) {
    for (const error of child.node.validate()) errors.push(`[${child.node.path}] ${error}`);
  }
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}

/** Turns construct dependencies into chart and ApiObject dependencies; returns whether any chart depends on another. */
function resolveDependencies(app: App): boolean {
  const all = app.node.findAll();
  const below = new Map<IConstruct, IConstruct[]>([[app, all]]);
  const findAll = (c: IConstruct) => {
    let found = below.get(c);
    if (!found) below.set(c, (found = c.node.findAll()));
    return found;
  };
  let dependantCharts = false;
  for (const parent of all.filter((x) => x instanceof Chart)) {
    for (const child of parent.node.children.filter((x) => x instanceof Chart)) {
      parent.node.addDependency(child);
      dependantCharts = true;
    }
  }
  const deps = () => all.flatMap((source) => source.node.dependencies.map((target) => ({ source, target })));
  for (const { source, target } of deps()) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    if (sourceChart !== targetChart) {
      sourceChart.node.addDependency(targetChart);
      dependantCharts = true;
    }
  }
  for (const { source, target } of deps()) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    const targets = findAll(target).filter((c) => c instanceof ApiObject && Chart.of(c) === targetChart);
    const sources = findAll(source).filter((c) => c instanceof ApiObject && Chart.of(c) === sourceChart);
    for (const t of targets) {
      for (const s of sources) if (t !== s) s.node.addDependency(t);
    }
  }
  return dependantCharts;
}

/** The ApiObjects of a chart (not of charts nested in it), dependencies first. */
function objectsOf(chart: Chart): ApiObject[] {
  return topology(chart, (x): x is ApiObject => x instanceof ApiObject && Chart.of(x) === chart);
}

/** The app's charts, dependencies first: what App.charts returns. */
function chartsOf(app: App): Chart[] {
  return topology(app, (x): x is Chart => x instanceof Chart);
}

/** A canonical array index: cdk8s keys its vertices by path in a plain object, whose integer keys come first. */
const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

/**
 * The constructs under `scope` that `keep` accepts, in the order of
 * `new DependencyGraph(scope.node).topology()`, without building a vertex per
 * construct: a construct with no dependency edge is pushed at its own turn
 * and nowhere else, so only the kept ones and those with edges take part.
 * A dependency cycle is left to cdk8s (which reports it).
 */
function topology<T extends IConstruct>(scope: IConstruct, keep: (c: IConstruct) => c is T): T[] {
  const all = scope.node.findAll();
  const inScope = new Set<IConstruct>(all);
  const outbound = new Map<IConstruct, Set<IConstruct>>();
  const inbound = new Set<IConstruct>();
  for (const source of all) {
    for (const target of source.node.dependencies) {
      if (!inScope.has(target)) continue; // cdk8s does not cross the scope either
      let out = outbound.get(source);
      if (!out) outbound.set(source, (out = new Set()));
      out.add(target);
      inbound.add(target);
    }
  }
  const roots = all.filter((c) => !inbound.has(c) && (keep(c) || outbound.has(c)));
  const integerKeyed = roots.filter((c) => isIntegerKey(c.node.path)).sort((a, b) => Number(a.node.path) - Number(b.node.path));
  const ordered = integerKeyed.length === 0 ? roots : [...integerKeyed, ...roots.filter((c) => !isIntegerKey(c.node.path))];

  const done = new Set<IConstruct>();
  const onPath = new Set<IConstruct>();
  const result: T[] = [];
  let cycle = false;
  const visit = (c: IConstruct): void => {
    if (done.has(c)) return;
    if (onPath.has(c)) {
      cycle = true;
      return;
    }
    onPath.add(c);
    for (const target of outbound.get(c) ?? []) visit(target);
    onPath.delete(c);
    done.add(c);
    if (keep(c)) result.push(c);
  };
  for (const root of ordered) visit(root);
  for (const target of inbound) if (!done.has(target)) cycle = true; // a cycle no root reaches
  if (cycle) {
    return new DependencyGraph(scope.node).topology().filter(keep);
  }
  return result;
}

function isIntegerKey(path: string): boolean {
  return ARRAY_INDEX.test(path) && Number(path) < 4294967295;
}

/** `name.k8s.yaml`, or `0000-name.k8s.yaml` in dependency order when charts depend on each other. */
function chartNamer(indexed: boolean): (chart: Chart) => string {
  let index = 0;
  return (chart) => (indexed ? `${(index++).toString().padStart(4, '0')}-` : '') + Names.toDnsLabel(chart);
}

/**
 * The kustomization of a synth's folder: its files in the order written (the
 * apply order), each once (FILE_PER_RESOURCE overwrites a file of the same
 * kind and name, as App does), kept in that order by kustomize (`fifo`).
 */
function kustomizationYaml(files: readonly string[]): string {
  const resources = [...new Set(files)].map((f) => `  - ${Yaml.stringify([f]).slice(2)}`).join('');
  return [
    '# Written by cdk8s-agents (AgentApp, kustomization: true): the manifests of this folder, in apply order.',
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'sortOptions:',
    '  order: fifo',
    'resources:',
    '',
  ].join('\n') + resources;
}

function resourceFileName(kind: unknown, name: unknown): string {
  return `${kind}.${name}`.replace(/[^0-9a-zA-Z-_.]/g, '');
}
