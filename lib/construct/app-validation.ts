// Wires the engine into a cdk8s App through the root's node.addValidation: one
// validation over every object the app synthesizes (constructs of this library,
// cdk8s-plus objects, Include'd YAML). A plain App runs it in every validation
// round cdk8s performs (one per chart); AgentApp (lib/app.ts) runs a synth as one
// pass: one validation, and the renders it made are the ones written.
import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { CORE_RULES } from '../engine/core-rules';
import { CLOSED_WORLD, erroneousPropsOf, errorMessage, Located, ObjectRef, toFinding, validateObjects, World, worldOf } from '../engine/engine';
import { formatAcknowledged, formatFinding, summarize } from '../engine/format';
import { AcknowledgedFinding, Finding, RawFinding, severityOf } from '../engine/rule';
import { ClusterSettings, DEFAULT_SETTINGS } from '../settings/settings';
import type { Registry } from '../settings/validation';

const APP_VALIDATION = Symbol.for('cdk8s-agents.AppValidation');

/** The registry apps validate with unless given another; set once by the top of the library (lib/validation.ts). */
let defaultRegistry: Registry | undefined;

/** @internal Hands the library's registry down to app validation; called by lib/validation.ts. */
export function _useDefaultRegistry(registry: Registry): void {
  defaultRegistry = registry;
}
/** Marks constructs of this library (see AgentConstruct); a symbol, so copies of the package agree. */
export const AGENT_CONSTRUCT = Symbol.for('cdk8s-agents.AgentConstruct');

/** What a construct of this library tells the validation about the objects under it. */
export interface ValidationOwner extends IConstruct {
  /** @internal The prop that wrote a field of one of its objects. */ _propOf(field: string, object?: ApiObject): string | undefined;
  /** @internal */ readonly _acknowledgements: ReadonlyMap<string, string>;
  /** @internal */ readonly _propFindings: readonly RawFinding[];
}

/** The outcome of validating an app. */
export interface ValidationReport {
  /** What fails synth: errors, and warnings too in strict mode. */
  readonly errors: readonly Finding[];
  /** Warnings that do not fail synth (none in strict mode). */
  readonly warnings: readonly Finding[];
  /** Warnings silenced by an acknowledgement, with its reason. */
  readonly acknowledged: readonly AcknowledgedFinding[];
}

/** Thrown by synth when the app has errors; the message lists every finding, without a stack trace. */
export class AgentValidationError extends Error {
  /** The findings, as data. */
  public declare readonly report: ValidationReport;

  public constructor(message: string, report: ValidationReport) {
    super(message);
    this.name = 'ValidationError';
    // The findings are the message; a stack from inside the library would only hide them.
    this.stack = `${this.name}: ${message}`;
    // Not enumerable: Node prints an uncaught error's enumerable properties after its message (100 lines for 5 findings).
    Object.defineProperty(this, 'report', { value: report, enumerable: false });
  }
}

/**
 * The validation of one app: its cluster settings, strict mode, and where
 * warnings are printed. Created on first use; `AppValidation.of(app)`.
 *
 * ```ts
 * AppValidation.of(app).strict = true; // warnings fail synth too
 * ```
 */
export class AppValidation {
  /** The validation of the app `scope` belongs to. */
  public static of(scope: IConstruct): AppValidation {
    if (!Construct.isConstruct(scope)) throw new Error(`AppValidation.of(scope): scope must be a construct (the App, or a construct in it), got ${scope === null ? 'null' : typeof scope}`);
    const root = scope.node.root as any;
    if (!root[APP_VALIDATION]) Object.defineProperty(root, APP_VALIDATION, { value: new AppValidation(root) });
    return root[APP_VALIDATION];
  }

  /** Fail synth on warnings too. @default - true when the environment variable CDK8S_AGENTS_STRICT is `true` or `1` */
  public strict: boolean = ['true', '1'].includes(process.env.CDK8S_AGENTS_STRICT ?? '');
  /** @internal The validators this app is checked with: every domain of the library, unless a test gives others. */
  public get _registry(): Registry {
    const registry = this.givenRegistry ?? defaultRegistry;
    // Only reachable when a module below lib/index.ts is imported on its own.
    if (!registry) throw new Error('cdk8s-agents: no validator registry; import the library from its entry point ("cdk8s-agents")');
    return registry;
  }

  /** @internal */
  public set _registry(registry: Registry) {
    this.givenRegistry = registry;
  }

  private givenRegistry?: Registry;

  /** Where warnings and acknowledgements are printed at synth. @default - standard error */
  public reporter: (line: string) => void = (line) => process.stderr.write(`${line}\n`);

  private readonly declared: { settings: ClusterSettings; path: string; findings: readonly RawFinding[] }[] = [];
  /** What the repository config adds: objects the platform provides, and acknowledgements by object. */
  private repository?: { world: World; acknowledgementsOf: (kind: string, namespace: string | undefined, name: string) => ReadonlyMap<string, string> | undefined };
  private readonly reads: { reader: string; key: string; value: unknown; pick: (s: ClusterSettings) => unknown }[] = [];
  /** The synth pass in progress (AgentApp): its report and the renders validation made. */
  private pass?: { report?: ValidationReport; renders: Map<ApiObject, Render> };
  /** What was last printed, until the current task ends: see print(). */
  private printedInTask?: string;

  private constructor(private readonly root: IConstruct) {
    root.node.addValidation({ validate: () => this.validateForCdk8s() });
  }

  /** The settings of the app: those its ClusterProfile declares, or the upstream defaults. */
  public get settings(): ClusterSettings {
    return this.declared[0]?.settings ?? DEFAULT_SETTINGS;
  }

  /** @internal Called by ClusterProfile. */
  public _declare(settings: ClusterSettings, path: string, findings: readonly RawFinding[] = []): void {
    this.declared.push({ settings, path, findings });
  }

  /** @internal Called by ClusterProfile.fromRepositoryConfig: the platform's objects and the config's acknowledgements. */
  public _useRepository(provided: readonly ObjectRef[], acknowledgementsOf: (kind: string, namespace: string | undefined, name: string) => ReadonlyMap<string, string> | undefined): void {
    this.repository = { world: worldOf(true, provided), acknowledgementsOf };
  }

  /** @internal Whether the repository config lists the object under `provided` (the platform's, outside the app). */
  public _provides(ref: ObjectRef): boolean {
    return this.repository?.world.provides?.(ref) ?? false;
  }

  /** @internal A setting read by a construct; synth fails if a later declaration changes it. */
  public _read<T>(reader: IConstruct, key: string, pick: (s: ClusterSettings) => T): T {
    const value = pick(this.settings);
    // One record per reader and setting: reading `url` twice is one early read.
    if (this.declared.length === 0 && !this.reads.some((r) => r.reader === reader.node.path && r.key === key)) this.reads.push({ reader: reader.node.path, key, value, pick });
    return value;
  }

  /**
   * @internal Runs `synth` as one pass (AgentApp): the app is validated at most
   * once, and each object validation renders is kept for `_rendered`. No user
   * code runs within a pass, so nothing can change in between.
   */
  public _pass<T>(synth: () => T): T {
    if (this.pass) return synth();
    this.pass = { renders: new Map() };
    try {
      return synth();
    } finally {
      this.pass = undefined;
    }
  }

  /** @internal The object as validation rendered it in this pass (taken: each is written once), or rendered now. */
  public _rendered(apiObject: ApiObject): any {
    const render = this.pass?.renders.get(apiObject);
    if (!render || render.error !== undefined) return apiObject.toJson();
    this.pass!.renders.delete(apiObject);
    return render.json;
  }

  /** Validates every object of the app now and returns the findings (does not throw). */
  public report(): ValidationReport {
    return this.reportOnce().report;
  }

  private reportOnce(): { report: ValidationReport; fresh: boolean } {
    if (this.pass?.report) return { report: this.pass.report, fresh: false };
    const report = this.compute();
    if (this.pass) this.pass.report = report;
    return { report, fresh: true };
  }

  private compute(): ValidationReport {
    const located: Located[] = [];
    const owners = new Map<IConstruct, { objects: ApiObject[]; owner?: ValidationOwner }>();
    for (const node of this.root.node.findAll()) {
      if (!ApiObject.isApiObject(node)) continue;
      const owner = ownerOf(node);
      const key = owner ?? node;
      const entry = owners.get(key) ?? { objects: [], owner };
      entry.objects.push(node);
      owners.set(key, entry);
    }
    // Constructs that render no object (references to existing resources) still report their props.
    for (const node of this.root.node.findAll()) {
      if ((node as any)[AGENT_CONSTRUCT] && !owners.has(node)) owners.set(node, { objects: [], owner: node as ValidationOwner });
    }
    const ownerByWhere = new Map<string, ValidationOwner>();
    for (const [key, { objects, owner }] of owners) {
      objects.forEach((apiObject, i) => {
        let object: unknown;
        let renderError: unknown;
        try {
          object = apiObject.toJson();
        } catch (e) {
          renderError = e;
        }
        this.pass?.renders.set(apiObject, { json: object, error: renderError });
        const where = `${key.node.path}${objects.length > 1 ? ` (${apiObject.kind}/${apiObject.name})` : ''}`;
        if (owner) ownerByWhere.set(where, owner);
        located.push({
          object,
          renderError,
          where,
          propOf: owner && ((field) => owner._propOf(field, apiObject)),
          acknowledgements: this.acknowledgementsOf(object, owner),
          // Prop findings belong to the construct: reported once, with its first object.
          propFindings: owner && i === 0 ? owner._propFindings : undefined,
          // A construct with several objects (AgentWorker: Deployment and ScaledObject): its prop errors weigh on all of them.
          erroneousProps: owner && erroneousPropsOf(owner._propFindings),
        });
      });
    }
    const settings = this.settings;
    const result = validateObjects(located, settings, this._registry, this.repository?.world ?? CLOSED_WORLD);
    const used = new Map<ValidationOwner, Set<string>>();
    for (const a of result.acknowledged) {
      const owner = ownerByWhere.get(a.finding.where);
      if (owner) used.set(owner, (used.get(owner) ?? new Set()).add(a.finding.rule.id));
    }
    const all = [...result.findings, ...this.appFindings(settings, [...owners.values()], used)];
    const errors = all.filter((f) => f.severity === 'error' || this.strict);
    const warnings = this.strict ? [] : all.filter((f) => f.severity === 'warning');
    return { errors, warnings, acknowledged: result.acknowledged };
  }

  /** The construct's acknowledgements, over those the repository config writes for the object. */
  private acknowledgementsOf(object: unknown, owner: ValidationOwner | undefined): ReadonlyMap<string, string> | undefined {
    const own = owner?._acknowledgements;
    const o = object as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | undefined;
    if (!this.repository || typeof o?.kind !== 'string' || typeof o.metadata?.name !== 'string') return own;
    const fromConfig = this.repository.acknowledgementsOf(o.kind, typeof o.metadata.namespace === 'string' ? o.metadata.namespace : undefined, o.metadata.name);
    return fromConfig ? new Map([...fromConfig, ...(own ?? [])]) : own;
  }

  /** Findings about the app itself: profile declarations, early reads, acknowledgements. */
  private appFindings(settings: ClusterSettings, owners: Iterable<{ objects: readonly ApiObject[]; owner?: ValidationOwner }>, used: Map<ValidationOwner, Set<string>>): Finding[] {
    const out: Finding[] = [];
    const at = (where: string, raw: RawFinding): Finding => toFinding(raw, where, 'app');
    for (const { objects, owner } of owners) {
      if (owner && objects.length === 0) for (const raw of owner._propFindings) out.push(at(owner.node.path, raw));
    }
    for (const d of this.declared) for (const raw of d.findings) out.push(at(d.path, raw));
    for (const extra of this.declared.slice(1)) {
      out.push(at(extra.path, { rule: CORE_RULES.PROFILE_DUPLICATE, field: '', prop: 'ClusterProfile', value: extra.path, problem: `another profile is declared at ${this.declared[0].path}` }));
    }
    for (const read of this.reads) {
      const now = read.pick(settings);
      if (now !== read.value) {
        out.push(at(read.reader, { rule: CORE_RULES.PROFILE_READ_EARLY, field: '', prop: read.key, value: read.value,
          problem: `read as ${JSON.stringify(read.value)} before ${this.declared[0]?.path ?? 'the profile'} declared ${JSON.stringify(now)}` }));
      }
    }
    const rules = new Map(this._registry.rules.map((r) => [r.id, r]));
    for (const { owner } of owners) {
      if (!owner) continue;
      for (const [id, reason] of owner._acknowledgements) {
        const rule = rules.get(id);
        const prop = `acknowledge("${id}")`;
        if (!rule || severityOf(rule) !== 'warning' || !reason.trim()) {
          out.push(at(owner.node.path, { rule: CORE_RULES.ACK_INVALID, field: '', prop, value: reason,
            problem: !rule ? `no rule "${id}" in the catalogue` : severityOf(rule) !== 'warning' ? `${id} is an error, which cannot be acknowledged` : 'the reason is empty' }));
        } else if (!used.get(owner)?.has(id)) {
          out.push(at(owner.node.path, { rule: CORE_RULES.ACK_UNUSED, field: '', prop, value: reason, problem: `no ${id} finding here to acknowledge` }));
        }
      }
    }
    return out;
  }

  private validateForCdk8s(): string[] {
    const { report, fresh } = this.reportOnce();
    const { errors, warnings, acknowledged } = report;
    if (errors.length === 0) {
      if (fresh) this.print([...warnings.map(formatFinding), ...acknowledged.map(formatAcknowledged)]);
      return [];
    }
    // Other constructs' own validations (cdk8s-plus, user code) join the list, so one synth shows everything.
    const foreign: string[] = [];
    for (const node of this.root.node.findAll()) {
      if (node === this.root) continue;
      try {
        for (const message of node.node.validate()) foreign.push(`error [cdk8s] ${node.node.path}: ${message}`);
      } catch (e) {
        foreign.push(`error [cdk8s] ${node.node.path}: ${errorMessage(e)}`);
      }
    }
    const lines = [...errors.map(formatFinding), ...foreign, ...warnings.map(formatFinding), ...acknowledged.map(formatAcknowledged)];
    // In strict mode warnings fail too; the summary still counts them as what they are.
    const failingWarnings = errors.filter((f) => f.severity === 'warning').length;
    const summary = summarize(errors.length - failingWarnings + foreign.length, warnings.length + failingWarnings, acknowledged.length) + (this.strict ? ' (strict: warnings fail)' : '');
    throw new AgentValidationError(`Validation failed: ${summary}\n  ${lines.join('\n  ')}`, report);
  }

  /**
   * Prints warnings and acknowledgements. A plain App validates once per chart
   * within one synth, with no hook between synths: the same lines again within
   * the same task are that synth's, printed once. A pass prints once anyway.
   */
  private print(lines: readonly string[]): void {
    if (lines.length === 0) return;
    const key = lines.join('\n');
    if (!this.pass) {
      if (key === this.printedInTask) return;
      this.printedInTask = key;
      queueMicrotask(() => {
        if (this.printedInTask === key) this.printedInTask = undefined;
      });
    }
    for (const line of lines) this.reporter(line);
  }
}

/** An object as validation rendered it: its JSON, or what rendering threw. */
interface Render {
  readonly json: unknown;
  readonly error: unknown;
}

/** The construct of this library an ApiObject belongs to (nearest marked ancestor below the chart). */
function ownerOf(node: IConstruct): ValidationOwner | undefined {
  for (let c: IConstruct | undefined = node.node.scope; c && !Chart.isChart(c); c = c.node.scope) {
    if ((c as any)[AGENT_CONSTRUCT]) return c as ValidationOwner;
  }
  return undefined;
}

