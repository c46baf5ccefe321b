// The validation engine: one pure function from located objects and cluster
// settings to findings. No construct tree is needed; synth and the check
// command both call `validateObjects`.
import { closest } from './text';
import { fieldSegments } from './format';
import { AcknowledgedFinding, Finding, FindingList, RawFinding, Rule, severityOf } from './rule';
import { checkObjectMeta, checkSchema, isCoreApiVersion, SchemaOptions, SchemaProblem, SchemaReleases, unservedVersion } from './schema-check';
import { CORE_RULES } from './core-rules';
import { isObject, obj, str } from './json';
import { withDecodedMeta } from './decoded-meta';

/**
 * The common shape of a Kubernetes object, as far as the engine checked it
 * (string `apiVersion` and `kind`); every other field is as decoded.
 */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  /** As decoded, not checked: read it with the JSON readers (`obj`, `str`). @default - none (the object is then invalid) */
  readonly metadata?: unknown;
  readonly [key: string]: unknown;
}

/** An object to validate and where it came from. */
export interface Located {
  /** The object as rendered or parsed; anything (YAML may hold garbage). */
  readonly object: unknown;
  /** Construct path (synth) or `file#document` (check). */
  readonly where: string;
  /** Maps a manifest field to the construct prop that produced it. @default - no props are named */
  readonly propOf?: (field: string) => string | undefined;
  /** Rule id → reason: findings of these rules on this object are acknowledged, not reported. @default - none */
  readonly acknowledgements?: ReadonlyMap<string, string>;
  /** @internal Findings about the props that produced the object (boundary checks), reported with it. @default - none */
  readonly propFindings?: readonly RawFinding[];
  /**
   * @internal The props of the construct that have errors (reported with this
   * object or another of the construct): manifest findings that come from them,
   * or from no prop at all, would only echo those errors and are left out.
   * @default - the props of the errors in `propFindings`
   */
  readonly erroneousProps?: readonly string[];
  /** The object could not be rendered; reported instead of validating it. @default - rendered fine */
  readonly renderError?: unknown;
}

/** What the engine needs of the cluster settings (their shape is the settings layer's). */
export interface SettingsLike {
  /** Where the settings were read from, for findings about them. */
  readonly source: string;
}

/** An object another one refers to: kind, name and, for namespaced kinds, namespace. */
export interface ObjectRef {
  readonly kind: string;
  readonly name: string;
  /** @default - cluster-scoped, or the referrer's namespace was unknown */
  readonly namespace?: string;
}

/**
 * What exists besides the validated objects. Closed: the objects are the
 * whole world (synth, where the app is the world; `check --closed`), so a
 * reference to an object outside them is an error. Open: other objects may
 * exist in the cluster (`check` on a folder of a repository), so such a
 * reference is a warning that the object must exist, unless it is provided.
 */
export interface World {
  readonly closed: boolean;
  /** Whether the platform provides the object (the repository config lists it). @default - nothing is provided */
  provides?(ref: ObjectRef): boolean;
}

/** The world of synth: the app is the whole world, except what its objects declare external. */
export const CLOSED_WORLD: World = { closed: true };

/**
 * A world that also holds what the platform provides. A provided entry
 * without a namespace matches the name in every namespace.
 */
export function worldOf(closed: boolean, provided: readonly ObjectRef[] = []): World {
  if (provided.length === 0) return closed ? CLOSED_WORLD : { closed };
  const keys = new Set(provided.map((p) => `${p.kind}/${p.namespace ?? '*'}/${p.name}`));
  return { closed, provides: (ref) => keys.has(`${ref.kind}/*/${ref.name}`) || (ref.namespace !== undefined && keys.has(`${ref.kind}/${ref.namespace}/${ref.name}`)) };
}

/** What every check can see besides its object. */
export interface ValidationContext<S extends SettingsLike = SettingsLike> {
  readonly settings: S;
  /** Every object of the validation, for rules that span objects. */
  readonly objects: readonly Located[];
  /** Whether objects outside `objects` may exist. */
  readonly world: World;
}

/** Validates one kind of object; registered in the validator registry. */
export interface ManifestValidator<S extends SettingsLike = SettingsLike> {
  readonly apiVersion: string;
  readonly kind: string;
  /** The rules it reports, for the catalogue. */
  readonly rules: readonly Rule[];
  /**
   * What the kind's admission chain does beyond its schema, for the schema check.
   * @default - the schema as it is
   */
  readonly schema?: SchemaOptions;
  validate(object: KubeObject, ctx: ValidationContext<S>, out: FindingList): void;
}

/** A check of every object, whatever its kind (the API server's object-meta rules); runs after the kind's validator. */
export interface ObjectCheck<S extends SettingsLike = SettingsLike> {
  readonly rules: readonly Rule[];
  /** `out` holds the object's findings so far: a check may leave a field to a kind's own, more precise rule. */
  validate(object: KubeObject, ctx: ValidationContext<S>, out: FindingList): void;
}

/** A rule over the whole set of objects (duplicates, references between objects). */
export interface CrossObjectValidator<S extends SettingsLike = SettingsLike> {
  readonly name: string;
  readonly rules: readonly Rule[];
  validate(ctx: ValidationContext<S>, report: (at: Located, finding: RawFinding) => void): void;
}

/** What a registry is made of; a domain's index lists its part, the registry joins them. */
export interface RegistryPart<S extends SettingsLike = SettingsLike> {
  /** One validator per apiVersion + kind. @default - none */
  readonly validators?: readonly ManifestValidator<S>[];
  /** Rules over the whole set of objects. @default - none */
  readonly crossObject?: readonly CrossObjectValidator<S>[];
  /** Checks of every object, whatever its kind. @default - none */
  readonly everyObject?: readonly ObjectCheck<S>[];
  /** Rules reported outside validators (settings, construct props), so the catalogue is complete. @default - none */
  readonly otherRules?: readonly Rule[];
  /** Checks the cluster settings themselves. @default - no check */
  readonly checkSettings?: (settings: S, out: FindingList) => void;
  /** Which release's compact schemas the settings call for, per project (`knative-serving` → `1.23`). @default - the newest shipped */
  readonly schemaReleases?: (settings: S) => SchemaReleases;
}

/** The one place kinds plug in: validators keyed by apiVersion + kind, plus cross-object rules. */
export class ValidatorRegistry<S extends SettingsLike = SettingsLike> {
  private readonly byKind = new Map<string, ManifestValidator<S>>();
  public readonly crossObject: readonly CrossObjectValidator<S>[];
  public readonly everyObject: readonly ObjectCheck<S>[];
  private readonly otherRules: readonly Rule[];
  private readonly settingsChecks: readonly ((settings: S, out: FindingList) => void)[];
  private readonly releaseChoosers: readonly ((settings: S) => SchemaReleases)[];

  /** Joins the parts, in order: their rules appear in the catalogue in that order. */
  public constructor(parts: readonly RegistryPart<S>[]) {
    const validators = parts.flatMap((p) => p.validators ?? []);
    this.crossObject = parts.flatMap((p) => p.crossObject ?? []);
    this.everyObject = parts.flatMap((p) => p.everyObject ?? []);
    this.otherRules = parts.flatMap((p) => p.otherRules ?? []);
    this.settingsChecks = parts.flatMap((p) => (p.checkSettings ? [p.checkSettings] : []));
    this.releaseChoosers = parts.flatMap((p) => (p.schemaReleases ? [p.schemaReleases] : []));
    for (const v of validators) {
      const key = `${v.apiVersion}/${v.kind}`;
      if (this.byKind.has(key)) throw new Error(`two validators registered for ${key}`);
      this.byKind.set(key, v);
    }
  }

  /** Reports what is wrong with the settings themselves. */
  public checkSettings(settings: S, out: FindingList): void {
    for (const check of this.settingsChecks) check(settings, out);
  }

  /** The schema releases the settings call for (later parts win per project). */
  public schemaReleases(settings: S): SchemaReleases {
    return Object.assign({}, ...this.releaseChoosers.map((choose) => choose(settings)));
  }

  public validatorFor(apiVersion: string, kind: string): ManifestValidator<S> | undefined {
    return this.byKind.get(`${apiVersion}/${kind}`);
  }

  public get validators(): readonly ManifestValidator<S>[] {
    return [...this.byKind.values()];
  }

  /** Every rule the engine and its validators can report, in catalogue order, each once. */
  public get rules(): readonly Rule[] {
    const all = [...Object.values(CORE_RULES), ...this.validators.flatMap((v) => v.rules), ...this.everyObject.flatMap((c) => c.rules), ...this.crossObject.flatMap((c) => c.rules), ...this.otherRules];
    const seen = new Set<string>();
    return all.filter((r) => !seen.has(r.id) && seen.add(r.id));
  }
}

export interface ValidationResult {
  /** Findings not acknowledged: errors and warnings, in object order. */
  readonly findings: readonly Finding[];
  readonly acknowledged: readonly AcknowledgedFinding[];
  /** Objects checked by a registered validator or a schema. */
  readonly checked: number;
  /** Objects of kinds nothing knows, passed through unchecked. */
  readonly passedThrough: number;
}

/** `Kind/namespace/name`, or as much of it as the object has. */
export function objectLabel(o: unknown): string {
  const kind = str(obj(o)?.kind) ?? '(no kind)';
  const meta = obj(obj(o)?.metadata);
  const name = str(meta?.name) ?? '(no name)';
  const ns = meta?.namespace;
  return typeof ns === 'string' && ns ? `${kind}/${ns}/${name}` : `${kind}/${name}`;
}

function isKubeObject(o: unknown): o is KubeObject {
  return isObject(o) && typeof o.apiVersion === 'string' && typeof o.kind === 'string';
}

/**
 * Validates objects against the cluster settings with the registry's
 * validators. Never throws: a validator that throws becomes an ENGINE-001
 * finding and the other objects are still checked.
 */
export function validateObjects<S extends SettingsLike>(written: readonly Located[], settings: S, registry: ValidatorRegistry<S>, world: World = CLOSED_WORLD): ValidationResult {
  // Every check reads the metadata as the API server decodes it (an empty namespace is none, a null label value "").
  const objects = written.map((at) => {
    const object = withDecodedMeta(at.object);
    return object === at.object ? at : { ...at, object };
  });
  const findings: Finding[] = [];
  const acknowledged: AcknowledgedFinding[] = [];
  const ctx: ValidationContext<S> = { settings, objects, world };
  let releases: SchemaReleases = {};
  let checked = 0;
  let passedThrough = 0;

  const settingsFindings = new FindingList();
  registry.checkSettings(settings, settingsFindings);
  try {
    releases = registry.schemaReleases(settings);
  } catch (e) {
    settingsFindings.add(CORE_RULES.CRASH, '', errorMessage(e), 'choosing the schema releases threw');
  }
  for (const raw of settingsFindings.items) findings.push(locate(raw, { object: undefined, where: settings.source }, 'cluster settings'));

  const emit = (at: Located, raw: RawFinding, label = objectLabel(at.object)) => {
    const f = locate(raw, at, label);
    const reason = at.acknowledgements?.get(f.rule.id);
    // An acknowledgement without a reason cannot be reviewed: it silences nothing.
    if (typeof reason === 'string' && reason.trim() !== '' && f.severity === 'warning') acknowledged.push({ finding: f, reason });
    else findings.push(f);
  };

  for (const at of objects) {
    const out = new FindingList();
    for (const raw of at.propFindings ?? []) out.items.push(raw);
    const erroneous = at.erroneousProps ?? erroneousPropsOf(at.propFindings ?? []);
    if (at.renderError !== undefined) {
      if (erroneous.length === 0) out.add(CORE_RULES.RENDER, '', errorMessage(at.renderError), 'the object cannot be rendered');
    } else {
      // Prop errors and manifest errors in one synth: the manifest is checked
      // anyway, keeping what a prop without errors produced.
      const manifest = erroneous.length === 0 ? out : new FindingList();
      const counted = checkOne(at.object, ctx, registry, releases, manifest);
      if (counted) checked++;
      else passedThrough++;
      if (manifest !== out) out.items.push(...manifest.items.filter((raw) => fromSoundProp(raw, at.propOf, erroneous)));
    }
    for (const raw of out.items) emit(at, raw);
  }

  for (const cross of registry.crossObject) {
    try {
      cross.validate(ctx, (at, raw) => emit(at, raw));
    } catch (e) {
      findings.push(toFinding({ rule: CORE_RULES.CRASH, field: '', value: errorMessage(e), problem: `the cross-object check "${cross.name}" threw` }, 'app', 'app'));
    }
  }
  return { findings, acknowledged, checked, passedThrough };
}

/** Schema and validator checks of one object; returns whether anything knew its kind. */
function checkOne<S extends SettingsLike>(object: unknown, ctx: ValidationContext<S>, registry: ValidatorRegistry<S>, releases: SchemaReleases, out: FindingList): boolean {
  if (!isKubeObject(object)) {
    out.add(CORE_RULES.NOT_AN_OBJECT, '', object, 'expected a mapping with string `apiVersion` and `kind`');
    return true;
  }
  const validator = registry.validatorFor(object.apiVersion, object.kind);
  const problems = checkSchema(object, object.apiVersion, object.kind, releases, validator?.schema);
  const served = problems === undefined ? unservedVersion(object.apiVersion, object.kind, releases) : undefined;
  if (served) {
    const list = served.join(' or ');
    out.add(CORE_RULES.UNSERVED_VERSION, 'apiVersion', object.apiVersion, `${isCoreApiVersion(object.apiVersion) ? `Kubernetes no longer serves ${object.kind} at this version` : `the ${object.kind} CustomResourceDefinition does not serve this version`}; it serves ${list}`, `use apiVersion ${served[served.length - 1]}`);
    return true;
  }
  // A kind without a schema (core kinds) still has its metadata checked.
  const all = problems ?? checkObjectMeta(object);
  for (const p of all) {
    if (deferred(p)) continue; // after the kind's own rules, below
    if (p.kind === 'unknown-field') {
      const near = p.expected === undefined ? undefined : closest(lastSegment(p.path), p.expected.split(','));
      out.add(CORE_RULES.UNKNOWN_FIELD, p.path, p.value, `"${lastSegment(p.path)}" is not in the ${object.kind} schema: the API server prunes it (kubectl --validate=strict rejects it)`, near ? `did you mean "${near}"?` : undefined);
    }
    else if (p.kind === 'undecoded-field') {
      const [mode, fields = ''] = (p.expected ?? '').split(':');
      const known = fields.split(',');
      const key = lastSegment(p.path);
      const near = closest(key, known);
      const rule = mode === 'strict' ? CORE_RULES.STRICT_DECODING : CORE_RULES.LENIENT_DECODING;
      out.add(rule, p.path, p.value, `"${key}" is not a field of the ${object.kind} here (its fields: ${known.join(', ')}): the API server keeps it, and the webhook ${mode === 'strict' ? 'rejects it as an unknown field' : 'never reads it'}`,
        near ? `did you mean "${near}"?` : undefined);
    }
    else out.add(CORE_RULES.SCHEMA_TYPE, p.path, p.value, `expected ${p.expected ?? p.kind}${p.decoded ? ` (the CRD keeps it as written; the webhook's decoding into its Go type fails)` : ''}`);
  }
  const checked = out.items.length;
  if (validator) {
    try {
      validator.validate(object, ctx, out);
    } catch (e) {
      out.add(CORE_RULES.CRASH, '', errorMessage(e), `the ${object.kind} check threw`);
    }
  }
  for (const check of registry.everyObject) {
    try {
      check.validate(object, ctx, out);
    } catch (e) {
      out.add(CORE_RULES.CRASH, '', errorMessage(e), `the object check of ${object.kind} threw`);
    }
  }
  dropEchoes(out, checked, all);
  // A CRD pattern, bound or required field: a rule of the kind that refuses as upstream and reported the field already said
  // why (SECRET-ES-006 on a store name, META-003 on an owner reference's missing uid): one finding per fault.
  for (const p of all) {
    if (deferred(p) && !out.items.some((f) => explains(f.field, p) && refusesAsUpstream(f.rule))) out.add(CORE_RULES.SCHEMA_TYPE, p.path, p.value, p.kind === 'required' ? 'required field missing' : `expected ${p.expected}`);
  }
  return validator !== undefined || problems !== undefined;
}

/**
 * One finding per fault: a value of the wrong type (SCHEMA-002) is all there is to say about it. The kind's rules, which
 * read it as the type they expect (a number as an empty object, a string as no list), say nothing more at its field or
 * below it (`spec: 5` is not also "no container"). Removes those findings from `out.items[from..]`.
 */
function dropEchoes(out: FindingList, from: number, problems: readonly SchemaProblem[]): void {
  const wrong = problems.filter((p) => p.kind === 'type').map((p) => fieldSegments(p.path));
  if (wrong.length === 0) return;
  const kept = out.items.slice(from).filter((f) => f.rule === CORE_RULES.CRASH || f.field === '' || !wrong.some((node) => within(fieldSegments(f.field), node)));
  out.items.splice(from, out.items.length - from, ...kept);
}

/**
 * Whether a rule's finding says what the cluster says: a `reject` exactly as upstream. Only such a finding stands in for a
 * schema problem at its field (a stricter rule or a warning would leave the cluster's refusal unsaid).
 */
function refusesAsUpstream(rule: Rule): boolean {
  return rule.effect === 'reject' && rule.stricter === undefined && severityOf(rule) === 'error';
}

/** A schema problem a rule of the kind may explain better at the same field: reported after the kind's rules, unless one that refuses as upstream did. */
function deferred(p: SchemaProblem): boolean {
  return p.kind === 'pattern' || p.kind === 'bounds' || p.kind === 'required' || p.kind === 'duplicate';
}

/** Whether a finding at `field` says why: at the problem's field, or for a duplicate list item, at or below the item (its key). */
function explains(field: string, p: SchemaProblem): boolean {
  return field === p.path || (p.kind === 'duplicate' && within(fieldSegments(field), fieldSegments(p.path)));
}

/** Whether a field (as segments) is `node` or below it. */
function within(field: readonly string[], node: readonly string[]): boolean {
  return node.length <= field.length && node.every((key, i) => key === field[i]);
}

function locate(raw: RawFinding, at: Pick<Located, 'where' | 'propOf' | 'object'>, label: string): Finding {
  const prop = raw.prop ?? (raw.field && at.propOf ? safeProp(at.propOf, raw.field) : undefined);
  // Without props (hand-written YAML, plain ApiObjects, Include'd YAML) the fix is told in manifest terms.
  const fix = at.propOf ? raw.fix : yamlFixOf(raw);
  return toFinding({ ...raw, prop, fix }, at.where, label);
}

/** The fix for a YAML author: the report's own (manifest, else specific), then the rule's manifest fix, then its fix. */
function yamlFixOf(raw: RawFinding): string {
  return raw.yamlFix ?? raw.fix ?? raw.rule.yamlFix ?? raw.rule.fix;
}

/** The one way a raw report becomes a finding: severity from the rule, the rule's title and fix unless the report is more specific. */
export function toFinding(raw: RawFinding, where: string, object: string): Finding {
  return {
    rule: raw.rule,
    severity: severityOf(raw.rule),
    where,
    object,
    field: raw.field,
    prop: raw.prop,
    value: raw.value,
    problem: raw.problem ?? raw.rule.title,
    fix: raw.fix ?? raw.rule.fix,
  };
}

/** The props of the error findings among a construct's prop findings. */
export function erroneousPropsOf(propFindings: readonly RawFinding[]): string[] {
  // `props` is the whole props object (not a record): everything the construct renders comes from it.
  return propFindings.filter((f) => severityOf(f.rule) === 'error').map((f) => (f.prop === undefined || f.prop === 'props' ? '' : f.prop));
}

/**
 * Whether a manifest finding of a construct with prop errors is kept: an error
 * from a prop unrelated to every erroneous one (neither contains the other;
 * `''` contains all). Its warnings wait: one from a sound prop may still come
 * of a default the erroneous one fell back to (an EventPolicy's senders).
 */
function fromSoundProp(raw: RawFinding, propOf: Located['propOf'], erroneous: readonly string[]): boolean {
  if (raw.rule === CORE_RULES.CRASH || severityOf(raw.rule) !== 'error') return false;
  const prop = raw.prop ?? (raw.field && propOf ? safeProp(propOf, raw.field) : undefined);
  if (prop === undefined || prop === '') return false;
  const mine = fieldSegments(prop);
  return erroneous.every((bad) => {
    const theirs = fieldSegments(bad);
    return !within(mine, theirs) && !within(theirs, mine);
  });
}

function safeProp(propOf: (field: string) => string | undefined, field: string): string | undefined {
  try {
    return propOf(field);
  } catch {
    return undefined;
  }
}

function lastSegment(path: string): string {
  const m = /(?:\.|^)([^.[\]]+)$|\["([^"]+)"\]$|\[(\d+)\]$/.exec(path);
  return m?.[1] ?? m?.[2] ?? m?.[3] ?? path;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

