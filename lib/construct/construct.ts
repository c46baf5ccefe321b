import { ApiObject, ApiObjectProps } from 'cdk8s';
import { Construct } from 'constructs';
import { AGENT_CONSTRUCT, AppValidation, ValidationOwner } from './app-validation';
import { CORE_RULES } from '../engine/core-rules';
import { fieldSegments } from '../engine/format';
import { checkProps, checkScope, notJson, PropShape } from './props';
import { FindingList, RawFinding } from '../engine/rule';

/** Path segments an override may not use: they would reach Object.prototype. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/** The rendered object of a construct (id `Resource`): overrides are applied after rendering. */
class AgentResource extends ApiObject {
  public constructor(private readonly owner: AgentConstruct, id: string, props: ApiObjectProps) {
    super(owner, id, props);
  }

  public toJson(): any {
    const json = super.toJson();
    for (const o of this.owner._overrides) applyOverride(json, o.path, o.value);
    return json;
  }
}

/**
 * Base of the library's constructs: props checked at the boundary, the
 * generated object as child `Resource`, one escape hatch that reaches the
 * YAML and the validation, and acknowledgements of warnings. Subclasses
 * resolve their defaults in the constructor and only render.
 */
export abstract class AgentConstruct extends Construct implements ValidationOwner {
  /** @internal */
  public readonly _overrides: { path: string[]; value: unknown }[] = [];
  /** @internal */
  public readonly _acknowledgements = new Map<string, string>();
  private readonly propFindings = new FindingList();
  /** Whether the props passed the boundary checks; when false, render only what is safe. */
  protected readonly propsValid: boolean;

  protected constructor(scope: Construct, id: string, props: unknown, shape: PropShape, required: readonly string[] = []) {
    super(checkScope(scope, id, `new ${new.target.name}`), id);
    Object.defineProperty(this, AGENT_CONSTRUCT, { value: true });
    AppValidation.of(this);
    this.propsValid = checkProps(props, shape, this.propFindings, required);
  }

  /** @internal */
  public get _propFindings(): readonly RawFinding[] {
    return this.propFindings.items;
  }

  /** @internal The construct prop that produced a manifest field, for messages. */
  public _propOf(field: string): string | undefined {
    const segments = fieldSegments(field);
    const within = (a: readonly string[], b: readonly string[]) => a.length <= b.length && a.every((key, i) => key === b[i]);
    // The override wrote the field, or created it on the way to its path (an unknown field above the value).
    const override = this._overrides.find((o) => within(o.path, segments) || (segments.length > 0 && within(segments, o.path)));
    return override ? `addOverride(${JSON.stringify(override.path.join('.'))})` : this.propForField(field);
  }

  /** Maps a manifest field of the rendered object to the prop the user wrote. @default - none */
  protected propForField(_field: string): string | undefined {
    return undefined;
  }

  /** Records a finding about a prop, reported at synth with the construct's path. */
  protected reportProp(...args: Parameters<FindingList['addProp']>): void {
    this.propFindings.addProp(...args);
  }

  /** Creates the generated object as child `Resource`. Put lazily rendered parts in `props` with `Lazy.any`. */
  protected createResource(props: ApiObjectProps): ApiObject {
    return new AgentResource(this, 'Resource', props);
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
    const badKey = Array.isArray(path) && path.some((s) => typeof s !== 'string' && typeof s !== 'number');
    const segments = Array.isArray(path) ? (badKey ? [] : path.map(String)) : typeof path === 'string' ? path.split('.') : [];
    const bad = badKey ? 'has a key that is neither a string nor a number' : segments.length === 0 ? 'is empty' : segments.some((s) => s === '') ? 'has an empty segment (use an array of keys for keys that contain dots)'
      : segments.some((s) => FORBIDDEN_SEGMENTS.has(s)) ? `uses "${segments.find((s) => FORBIDDEN_SEGMENTS.has(s))}", which would change every object in the process` : undefined;
    const unwritable = value === undefined ? undefined : notJson(value);
    if (bad) this.propFindings.addProp(CORE_RULES.PROP_TYPE, 'addOverride(path)', path, `the path ${bad}`, 'give the path of a manifest field, e.g. "spec.template.spec.nodeSelector"');
    else if (unwritable) this.propFindings.addProp(CORE_RULES.PROP_TYPE, 'addOverride(value)', unwritable.value, `${unwritable.at} cannot be written to YAML`, 'give a string, number, boolean, null, or an object or array of them');
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
