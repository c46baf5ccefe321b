import { ApiObject, ApiObjectMetadata, ApiObjectProps, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { AGENT_CONSTRUCT, AppValidation, ValidationOwner } from './app-validation';
import { CORE_RULES } from '../engine/core-rules';
import { fieldSegments } from '../engine/format';
import { checkProps, ShapeOf } from './props';
import { FindingList, RawFinding } from '../engine/rule';

/** Path segments an override may not use: they would reach Object.prototype. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * The rendered object of a construct (id `Resource`): overrides are applied
 * after rendering, and within one App.synth() it renders once.
 */
class AgentResource extends ApiObject {
  private memo?: { session: number; json: any };

  public constructor(private readonly owner: AgentConstruct, id: string, props: ApiObjectProps) {
    super(owner, id, props);
  }

  public toJson(): any {
    const session = AppValidation.of(this)._session;
    if (session !== undefined && this.memo?.session === session) return this.memo.json;
    const json = super.toJson();
    for (const o of this.owner._overrides) applyOverride(json, o.path, o.value);
    if (session !== undefined) this.memo = { session, json };
    return json;
  }
}

/** A value of rendered output marked with the prop that wrote it (see `fromProp`). */
class PropValue {
  public constructor(public readonly prop: string, public readonly value: unknown) {}
}

/**
 * Marks a value of rendered output as written by `prop` (`timeout`,
 * `scaling.target`, `env.API_URL`): a finding about its field, or any field
 * below it, names the prop. The innermost mark wins. A mark on `undefined`
 * still names the prop of the field it leaves out. The construct base takes
 * the marks out before cdk8s sees the object, so use it only in what is
 * passed to `createResource`/`createObject` (typed as the value so that the
 * render code keeps its types).
 */
export function fromProp<T>(prop: string, value: T): T {
  return new PropValue(prop, value) as unknown as T;
}

/** Separates the keys of a field path in the maps below (no Kubernetes key contains it). */
const SEP = '\u0000';

/** Which prop wrote which field of one generated object, per top-level key, recorded as the marks are taken out. */
class FieldProps {
  private readonly byKey = new Map<string, Map<string, string>>();

  /** The object's props without marks: marked values in place, lazily rendered parts unmarked when cdk8s produces them. */
  public unmarkProps(props: ApiObjectProps): ApiObjectProps {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(props)) {
      out[key] = value instanceof Lazy ? Lazy.any({ produce: () => this.unmark(key, value.produce()) }) : this.unmark(key, value);
    }
    return out as unknown as ApiObjectProps;
  }

  /** The prop of the longest recorded prefix of `segments`. */
  public propOf(segments: readonly string[]): string | undefined {
    const fields = this.byKey.get(segments[0]);
    return fields && longestPrefix(fields, segments);
  }

  /** Records the marks of the value at top-level `key` (replacing an earlier rendering) and returns it without them. */
  private unmark(key: string, value: unknown): unknown {
    const fields = new Map<string, string>();
    this.byKey.set(key, fields);
    return unmark(value, key, fields);
  }
}

/** The prop recorded for the longest prefix of `segments`. */
function longestPrefix(fields: ReadonlyMap<string, string>, segments: readonly string[]): string | undefined {
  for (let n = segments.length; n > 0; n--) {
    const prop = fields.get(segments.slice(0, n).join(SEP));
    if (prop !== undefined) return prop;
  }
  return undefined;
}

/** @internal A rendering without its `fromProp` marks, and the prop of each of its fields (for tests of render helpers). */
export function _withoutMarks<T>(value: T): { readonly value: T; propOf(field: string): string | undefined } {
  const fields = new Map<string, string>();
  const out = unmark(value, '', fields) as T;
  return { value: out, propOf: (field) => longestPrefix(fields, ['', ...fieldSegments(field)]) };
}

/** The value without marks, recording `path → prop` for each; containers are copied only where a mark was taken out. */
function unmark(value: unknown, path: string, fields: Map<string, string>): unknown {
  if (value instanceof PropValue) {
    fields.set(path, value.prop);
    return unmark(value.value, path, fields);
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const u = unmark(item, path + SEP + i, fields);
      if (u !== item) (copy ??= [...value])[i] = u;
    });
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let copy: Record<string, unknown> | undefined;
    for (const [k, item] of Object.entries(value)) {
      const u = unmark(item, path + SEP + k, fields);
      if (u !== item) (copy ??= { ...value })[k] = u;
    }
    return copy ?? value;
  }
  return value;
}

/** Key maps of metadata (labels, annotations) a construct adds to the ones its props give. */
export interface MetadataAdditions {
  /** Keys set over the `labels` prop. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Keys set over the `annotations` prop. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** The props every construct that renders an object may spell alike. */
interface MetadataProps {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/**
 * Base of the library's constructs: props checked at the boundary against
 * their shape, the generated object as child `Resource` with its metadata
 * from the common props, one escape hatch that reaches the YAML and the
 * validation, and acknowledgements of warnings. Subclasses resolve their
 * defaults in the constructor and only render, marking what each prop
 * writes with `fromProp` so that findings name the prop.
 */
export abstract class AgentConstruct<P extends object = object> extends Construct implements ValidationOwner {
  /** @internal */
  public readonly _overrides: { path: string[]; value: unknown }[] = [];
  /** @internal */
  public readonly _acknowledgements = new Map<string, string>();
  private readonly propFindings = new FindingList();
  private readonly fieldProps = new Map<ApiObject, FieldProps>();
  private readonly propNames: ReadonlySet<string>;
  /** Whether the props passed the boundary checks; when false, render only what is safe. */
  protected readonly propsValid: boolean;
  /** The props when they passed the boundary checks, else none: invalid props were reported, and nothing renders from them. */
  protected readonly props: Partial<P>;
  /** Name of the generated object: the `name` prop, else the construct id. */
  protected readonly resourceName: string;

  protected constructor(scope: Construct, id: string, props: P, shape: ShapeOf<P>, required: readonly (keyof P & string)[] = []) {
    super(scope, id);
    Object.defineProperty(this, AGENT_CONSTRUCT, { value: true });
    AppValidation.of(this);
    this.propsValid = checkProps(props, shape, this.propFindings, required);
    this.propNames = new Set(Object.keys(shape));
    this.props = this.propsValid ? props : {};
    this.resourceName = (this.props as MetadataProps).name ?? id;
  }

  /** @internal */
  public get _propFindings(): readonly RawFinding[] {
    return this.propFindings.items;
  }

  /**
   * @internal The construct prop that produced a field of a generated object
   * (`object`, else `Resource`), for messages: an override of the field, else
   * the innermost `fromProp` mark the rendering put at or above it. A field
   * ending in ` key` is a key of the map at that path.
   */
  public _propOf(field: string, object?: ApiObject): string | undefined {
    const segments = fieldSegments(field.replace(/ key$/, ''));
    const override = this._overrides.find((o) => o.path.length <= segments.length && o.path.every((key, i) => key === segments[i]));
    if (override) return `addOverride(${JSON.stringify(override.path.join('.'))})`;
    const target = object ?? this.node.tryFindChild('Resource');
    return target instanceof ApiObject ? this.fieldProps.get(target)?.propOf(segments) : undefined;
  }

  /** Records a finding about a prop, reported at synth with the construct's path. */
  protected reportProp(...args: Parameters<FindingList['addProp']>): void {
    this.propFindings.addProp(...args);
  }

  /**
   * Creates the generated object as child `Resource`. Put lazily rendered
   * parts in `props` with `Lazy.any`; mark what props write with `fromProp`.
   */
  protected createResource(props: ApiObjectProps): ApiObject {
    const fields = new FieldProps();
    const resource = new AgentResource(this, 'Resource', fields.unmarkProps(props));
    this.fieldProps.set(resource, fields);
    return resource;
  }

  /** Creates another generated object (`addOverride` reaches only `Resource`); marks as in `createResource`. */
  protected createObject(id: string, props: ApiObjectProps): ApiObject {
    const fields = new FieldProps();
    const object = new ApiObject(this, id, fields.unmarkProps(props));
    this.fieldProps.set(object, fields);
    return object;
  }

  /**
   * Metadata from the props every construct spells alike, each field marked
   * as its prop where the construct has it: `name` (resolved), the
   * `namespace` prop, the `labels` and `annotations` props with the
   * construct's `add`itions over them.
   */
  protected metadata(add: MetadataAdditions = {}, name: string = this.resourceName): ApiObjectMetadata {
    const p = this.props as MetadataProps;
    const mark = <T>(prop: keyof MetadataProps, value: T) => (this.propNames.has(prop) ? fromProp(prop, value) : value);
    const merge = (prop: 'labels' | 'annotations') => mark(prop, add[prop] ? { ...(p[prop] ?? {}), ...add[prop] } : p[prop]);
    return { name: mark('name', name), namespace: mark('namespace', p.namespace), labels: merge('labels'), annotations: merge('annotations') };
  }

  /**
   * Escape hatch: sets a raw field of the rendered object, after everything
   * the props produce. `path` is dot-separated from the object root (or an
   * array of keys, for keys that contain dots); `undefined` removes the
   * field. The result is still validated.
   *
   * ```ts
   * agent.addOverride('spec.template.spec.nodeSelector', { gpu: 'true' });
   * agent.addOverride(['spec', 'template', 'metadata', 'annotations', 'example.com/owner'], 'team-a');
   * ```
   */
  public addOverride(path: string | string[], value: unknown): this {
    const segments = Array.isArray(path) ? path.map(String) : typeof path === 'string' ? path.split('.') : [];
    const bad = segments.length === 0 ? 'is empty' : segments.some((s) => s === '') ? 'has an empty segment (use an array of keys for keys that contain dots)'
      : segments.some((s) => FORBIDDEN_SEGMENTS.has(s)) ? `uses "${segments.find((s) => FORBIDDEN_SEGMENTS.has(s))}", which would change every object in the process` : undefined;
    if (bad) this.propFindings.addProp(CORE_RULES.PROP_TYPE, 'addOverride(path)', path, `the path ${bad}`, 'give the path of a manifest field, e.g. "spec.template.spec.nodeSelector"');
    else this._overrides.push({ path: segments, value });
    return this;
  }

  /**
   * Silences one warning rule on this construct, with the reason it is
   * acceptable here. Acknowledged warnings are listed at synth, never dropped;
   * errors cannot be acknowledged.
   *
   * ```ts
   * agent.acknowledge('KSVC-SCALE-021', 'target is per pod for the autoscaler; one request per pod is enforced by design');
   * ```
   */
  public acknowledge(ruleId: string, reason: string): this {
    this._acknowledgements.set(String(ruleId), typeof reason === 'string' ? reason : '');
    return this;
  }
}

function applyOverride(json: any, path: string[], value: unknown): void {
  let cur = json;
  for (const key of path.slice(0, -1)) {
    if (cur[key] === undefined || cur[key] === null || typeof cur[key] !== 'object') cur[key] = {};
    cur = cur[key];
  }
  const last = path[path.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}
