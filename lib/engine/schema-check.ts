/**
 * Structural-schema check of a manifest against the compact CRD schemas generated into
 * `imports/compact-schemas.ts` (scripts/compile-schemas.ts): finds the fields the Kubernetes
 * API server would prune (unknown fields), wrong types, missing required fields and values
 * outside an enum. No YAML, no Ajv, no per-call compilation: the compact schema is walked
 * directly, and nothing is allocated per node unless a problem is found.
 *
 * Semantics follow the API server with a structural schema:
 * - an object key not in `properties`, on a node without `additionalProperties` and without
 *   `x-kubernetes-preserve-unknown-fields`, is an 'unknown-field' (pruned);
 * - `x-kubernetes-preserve-unknown-fields` accepts unknown keys on that node only: declared
 *   properties below it are still checked;
 * - `x-kubernetes-int-or-string` accepts an integer or a string; 'integer' needs
 *   Number.isInteger ('int32', `format: int32`, within 32 bits: the API server rejects more),
 *   'number' any finite number, 'object' a non-array object;
 * - `null` (or `undefined`) as the value of an object key is treated as absent (the API server
 *   drops nulls of non-nullable fields): never a type problem, but a missing required field;
 *   a `null` array element cannot be absent and is checked like any other value, except where
 *   the kind's validator declares that its defaulting webhook's round trip writes Go's zero value
 *   in its place before the schema is checked (`SchemaOptions.zeroNullItems`: every list of a
 *   Serving kind, named list shapes of an Eventing kind); a Knative kind's quantities are checked
 *   as resource.Quantity decodes them, not by the CRD's pattern;
 * - below a node the CRD keeps as written, what the webhook decodes into its Go types
 *   (`imports/go-fields.ts`) is checked as the decoder does: a key the Go type lacks (null too:
 *   the API server keeps it, and a strict decoder refuses the key whatever its value), a value
 *   of the wrong Go type; a node that keeps everything (no declared properties) is decoded whole
 *   into the Go type found by descending from the nearest node the table lists (a Trigger's
 *   `spec.filters[].all[]` from `spec`: SubscriptionsAPIFilter, recursively);
 * - at the root, `metadata` is the ObjectMeta subset a manifest may carry (server-set fields
 *   such as `creationTimestamp: null` accepted unchecked) and `status` is not checked.
 * A project shipped for several releases (Knative Serving 1.22 and 1.23) is checked at the
 * release the caller names (`SchemaReleases`), by default its newest.
 */
import { COMPACT_SCHEMAS, CompactSchema, RELEASED_SCHEMAS } from '../../imports/compact-schemas';
import type * as core from '../../imports/core-schemas';
import { GO_FIELDS, GoFields } from '../../imports/go-fields';
import { canonical, goFieldName } from './json';

export interface SchemaProblem {
  /** Where, from the object root: `spec.template.spec.containers[0].lifecycle`, `metadata.annotations["a.b/c"]`; `(root)` for the object itself. */
  path: string;
  /**
   * `undecoded-field`: kept by the API server (the node preserves unknown fields) but not a
   * field of the webhook's Go type; `expected` is `strict:` (the webhook rejects it) or
   * `lenient:` (it is never read), then the Go type's fields there, comma-separated.
   */
  kind: 'unknown-field' | 'undecoded-field' | 'type' | 'required' | 'enum' | 'pattern' | 'bounds' | 'duplicate';
  /** The offending value (`undefined` or `null` for a missing required field). */
  value: unknown;
  /** What the schema wants, for 'type' (`integer`, `integer or string`, `object`...) and 'enum' (`one of "a", "b"`); for 'unknown-field', the fields declared there, comma-separated. */
  /** @default - none (for unknown fields and missing required ones) */
  expected?: string;
  /**
   * Found by the webhook's decoding into its Go types, below a node the CRD keeps as written
   * (the API server let it through).
   * @default false
   */
  decoded?: boolean;
}

type Segment = string | number;

/** Kubernetes' resource.Quantity pattern (the one controller-gen writes into CRDs). */
const QUANTITY = /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Which release's schemas to check a project's kinds against: project (CRD folder, e.g.
 * `knative-serving`) → release (`1.23`). A project not named, or a release not shipped, is
 * checked at its newest release (as in `COMPACT_SCHEMAS`).
 */
export type SchemaReleases = Readonly<Record<string, string>>;

/** One resolved set of schemas: apiVersion -> kind -> schema (a lookup allocates no key string), and the served versions. */
interface SchemaSet {
  readonly byApiVersion: Map<string, Map<string, CompactSchema>>;
  /** group -> kind -> the apiVersions served for it. */
  readonly served: Map<string, Map<string, string[]>>;
}

function schemaSet(schemas: Readonly<Record<string, CompactSchema>>): SchemaSet {
  const byApiVersion = new Map<string, Map<string, CompactSchema>>();
  for (const key of Object.keys(schemas)) {
    const slash = key.lastIndexOf('/'); // kinds never contain '/', apiVersions do
    const apiVersion = key.slice(0, slash);
    let kinds = byApiVersion.get(apiVersion);
    if (!kinds) byApiVersion.set(apiVersion, (kinds = new Map()));
    kinds.set(key.slice(slash + 1), schemas[key]);
  }
  const served = new Map<string, Map<string, string[]>>();
  for (const [apiVersion, kinds] of byApiVersion) {
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    let byKind = served.get(group);
    if (!byKind) served.set(group, (byKind = new Map()));
    for (const kind of kinds.keys()) byKind.set(kind, [...(byKind.get(kind) ?? []), apiVersion]);
  }
  return { byApiVersion, served };
}

const DEFAULT_SET = schemaSet(COMPACT_SCHEMAS);
/** Sets by the releases they were built for (few combinations exist: one per project release). */
const SETS = new Map<string, SchemaSet>();

/** The schema set for these releases: the default one with each named project's kinds replaced by those of its release. */
function setFor(releases: SchemaReleases | undefined): SchemaSet {
  if (releases === undefined || releases === null || typeof releases !== 'object') return DEFAULT_SET;
  const chosen: [string, string][] = [];
  for (const project of Object.keys(RELEASED_SCHEMAS)) {
    const release = releases[project];
    if (typeof release === 'string' && RELEASED_SCHEMAS[project][release] !== undefined) chosen.push([project, release]);
  }
  if (chosen.length === 0) return DEFAULT_SET;
  const cacheKey = chosen.map(([p, r]) => `${p}@${r}`).join(',');
  let set = SETS.get(cacheKey);
  if (!set) {
    const schemas: Record<string, CompactSchema> = Object.assign(Object.create(null), COMPACT_SCHEMAS);
    for (const [project, release] of chosen) {
      const byRelease = RELEASED_SCHEMAS[project];
      // Drop the project's kinds at every release (a kind may be served in one release only), then add the chosen one's.
      for (const r of Object.keys(byRelease)) for (const key of Object.keys(byRelease[r])) delete schemas[key];
      Object.assign(schemas, byRelease[release]);
    }
    SETS.set(cacheKey, (set = schemaSet(schemas)));
  }
  return set;
}

let coreSet: SchemaSet | undefined;

/** The core kinds' schemas (from k8s.io/api's Go types), loaded with the first core object. */
function coreSchemas(): SchemaSet {
  return (coreSet ??= schemaSet((require('../../imports/core-schemas') as typeof core).CORE_SCHEMAS));
}

/** Groups of the core kinds: an apiVersion of these groups is looked up among them. */
const CORE_GROUPS = new Set(['', 'apps', 'batch', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'autoscaling', 'policy', 'extensions']);

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/** Whether `apiVersion` belongs to a built-in Kubernetes group (schemas from k8s.io/api, not from a CRD). */
export function isCoreApiVersion(apiVersion: string): boolean {
  return typeof apiVersion === 'string' && CORE_GROUPS.has(groupOf(apiVersion));
}

/** The schema set that holds kinds of `apiVersion`'s group. */
function setOf(apiVersion: string, releases: SchemaReleases | undefined): SchemaSet {
  return CORE_GROUPS.has(groupOf(apiVersion)) ? coreSchemas() : setFor(releases);
}

/** The releases each project's schemas are shipped for, oldest first (e.g. `knative-serving` → 1.22, 1.23). */
export function schemaReleasesShipped(): Readonly<Record<string, readonly string[]>> {
  return Object.fromEntries(Object.keys(RELEASED_SCHEMAS).map((p) => [p, Object.keys(RELEASED_SCHEMAS[p])]));
}

/**
 * The apiVersions the CRD of `kind` in the group of `apiVersion` serves, when
 * that group and kind are known but this version is not among them;
 * undefined otherwise (a served version, or a kind the compact schemas do not know).
 */
export function unservedVersion(apiVersion: string, kind: string, releases?: SchemaReleases): readonly string[] | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const set = setOf(apiVersion, releases);
  if (set.byApiVersion.get(apiVersion)?.has(kind)) return undefined;
  const group = groupOf(apiVersion);
  // extensions/v1beta1 held Deployments, Ingresses and NetworkPolicies until Kubernetes 1.16-1.22 removed it.
  if (group === 'extensions') return [...(set.served.get('apps')?.get(kind) ?? []), ...(set.served.get('networking.k8s.io')?.get(kind) ?? [])].filter(Boolean);
  return set.served.get(group)?.get(kind);
}

/** What the kind's admission chain does beyond the schema, as its validator declares it. */
export interface SchemaOptions {
  /**
   * Where a `null` list element is read as Go's zero value: the kind's defaulting webhook decodes
   * the object into its Go type (encoding/json leaves a null element at the zero value) and its
   * round trip (knative.dev/pkg webhook/resourcesemantics/defaulting/defaulting.go#L332,
   * roundTripPatch #L466-475) writes that value in place of the null before the API server
   * checks the schema; the kind's validator then judges the zero value as the webhook does.
   * `'every list'` (a Serving kind), or the list shapes (`spec.filters[]`, `[]` for every index)
   * where the validator judges it (an Eventing kind); elsewhere a null element is a type problem
   * (SCHEMA-002), which stands for the webhook's refusal of the zero value there.
   * Below a node the CRD keeps as written, the webhook's own decoding reads a null as the zero
   * value whatever this says.
   * @default - none: a null list element is a type problem
   */
  readonly zeroNullItems?: readonly string[] | 'every list';
}

/**
 * Checks `obj` against the compact schema of `apiVersion`/`kind` (at the release `releases`
 * names for its project). Returns the problems (empty when none), or `undefined` when no
 * compact schema exists for that apiVersion/kind. Never throws: any input, including
 * non-objects, gives problems or [].
 */
export function checkSchema(obj: unknown, apiVersion: string, kind: string, releases?: SchemaReleases, options?: SchemaOptions): SchemaProblem[] | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const schema = setOf(apiVersion, releases).byApiVersion.get(apiVersion)?.get(kind);
  if (!schema) return undefined;
  const walker = new Walker(GO_FIELDS[`${apiVersion}/${kind}`], options?.zeroNullItems);
  try {
    walker.walk(withoutSops(obj), schema);
  } catch (e) {
    // Only reachable with exotic input (a getter or proxy that throws): report, don't throw.
    let message: string;
    try {
      message = e instanceof Error ? e.message : String(e);
    } catch {
      message = 'unknown error';
    }
    walker.problems.push({ path: formatPath(walker.path), kind: 'type', value: undefined, expected: `a readable value (reading it threw: ${message})` });
  }
  return walker.problems;
}

/**
 * The object without a top-level `sops` map: SOPS's metadata on an encrypted
 * file (any kind), removed when the file is decrypted on apply, so never
 * seen (or pruned) by the API server.
 */
function withoutSops(obj: unknown): unknown {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return obj;
  const sops = (obj as { sops?: unknown }).sops;
  if (sops === null || typeof sops !== 'object' || Array.isArray(sops)) return obj;
  const { sops: _sops, ...rest } = obj as Record<string, unknown>;
  return rest;
}

/** The ObjectMeta subset every compact schema shares at its root. */
const OBJECT_META: CompactSchema | undefined = Object.values(COMPACT_SCHEMAS)[0]?.properties?.metadata;

/**
 * Checks the `metadata` of an object whose kind has no compact schema (Deployment, Secret,
 * NetworkPolicy, ...) against the ObjectMeta subset: label and annotation values are strings,
 * name and namespace strings, no unknown fields. Never throws.
 */
export function checkObjectMeta(obj: unknown): SchemaProblem[] {
  const walker = new Walker();
  try {
    const meta = obj !== null && typeof obj === 'object' ? (obj as { metadata?: unknown }).metadata : undefined;
    if (OBJECT_META === undefined || meta === undefined || meta === null) return [];
    walker.path.push('metadata');
    walker.walk(meta, OBJECT_META);
  } catch {
    // Exotic input (a throwing getter): checkSchema's callers see the object's own problems.
  }
  return walker.problems;
}

class Walker {
  readonly problems: SchemaProblem[] = [];
  readonly path: Segment[] = [];

  /** Set while walking a value the webhook decodes into a Go type (below a node the CRD keeps as written). */
  private decoding = false;

  /** The Go fields of the kind, where its CRD keeps unknown keys that its webhook then decodes; where null list elements are the zero value (`SchemaOptions.zeroNullItems`). */
  constructor(private readonly goFields?: GoFields, private readonly zeroNullItems?: readonly string[] | 'every list') {}

  /** `v` is neither null nor undefined unless it is the root or an array element. */
  walk(v: unknown, s: CompactSchema): void {
    // encoding/json leaves a Go field at its zero value for null, in a list too: the webhook's decoding of a node the
    // CRD keeps as written reads it so (a null list element elsewhere: zeroNullItems, in the array loop below).
    if (v === null && this.decoding && this.path.length > 0) return;
    // A Knative kind (it has Go fields): its defaulting webhook decodes the object into its Go type and writes back the
    // round trip before the API server checks the CRD schema (knative.dev/pkg webhook/resourcesemantics/defaulting/
    // defaulting.go#L332, roundTripPatch #L466-475), so a quantity is what Quantity.UnmarshalJSON reads, then canonical.
    if (s.quantity && (this.decoding || this.goFields !== undefined)) {
      if (!isDecodableQuantity(v)) this.report('type', v, 'a quantity such as 512Mi, 1Gi, 250m or 2 (the webhook cannot decode it)');
      return;
    }
    if (s['x-kubernetes-int-or-string']) {
      if (typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v))) {
        this.report('type', v, 'integer or string');
        return;
      }
      // A Knative kind's webhook decodes the integer form into an int32 (k8s.io/apimachinery v0.35.5 pkg/util/intstr/intstr.go#L88-95).
      if (typeof v === 'number' && (this.decoding || this.goFields !== undefined) && (v < -(2 ** 31) || v > 2 ** 31 - 1)) {
        this.report('type', v, 'integer (32-bit) or string (the webhook cannot decode a larger integer)');
        return;
      }
      if (s.quantity && typeof v === 'string' && !QUANTITY.test(v)) {
        this.report('type', v, 'a quantity such as 512Mi, 1Gi, 250m or 2');
        return;
      }
    } else if (s.type !== undefined && !hasType(v, s.type)) {
      this.report('type', v, s.type === 'int32' ? (Number.isInteger(v) ? 'integer (32-bit)' : 'integer') : s.type);
      return;
    }
    if (s.pattern !== undefined && typeof v === 'string' && !s.pattern.test(v)) {
      this.report('pattern', v, `a string matching ${s.pattern.source}`);
      return;
    }
    if (s.enum !== undefined && !inEnum(s.enum, v)) {
      this.report('enum', v, `one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
    }
    // The webhook's Go decoding (below a node the CRD keeps as written) knows no CRD bounds.
    if (s.bounds !== undefined && !this.decoding && typeof v !== 'object') this.checkScalarBounds(v, s.bounds);
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      if (s.bounds !== undefined && !this.decoding) this.checkSize(v, v.length, s.bounds.minItems, s.bounds.maxItems, 'item');
      const items = s.items;
      if (items === undefined) return;
      const path = this.path;
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        if (v[i] !== null || !this.zeroNullItemAt(path.length)) this.walk(v[i], items);
        path.pop();
      }
      if (s.listType !== undefined && !this.decoding) this.checkUnique(v, s.listType);
      return;
    }
    // An object: only an object schema (or one declaring object keywords) says anything about its keys.
    const properties = s.properties;
    const additional = s.additionalProperties;
    if (s.type !== 'object' && properties === undefined && additional === undefined) return;
    const preserve = s['x-kubernetes-preserve-unknown-fields'];
    if (preserve && properties === undefined && additional === undefined && !this.decoding && this.goFields !== undefined) {
      // The CRD keeps the whole node as written: the webhook decodes it into its Go type.
      const goNode = this.goNodeHere();
      if (goNode !== undefined) this.decode(v, goNode);
    }
    const o = v as Record<string, unknown>;
    const path = this.path;
    let kept = 0; // keys left after the API server drops nulls and prunes unknown fields
    for (const key in o) {
      if (!hasOwn.call(o, key)) continue;
      path.push(key); // before reading: a throwing getter is reported at its own path
      const value = o[key];
      if (value === null && typeof additional !== 'object') {
        // The API server drops a null only where the schema declares the key; a kept one reaches the decoder, which refuses an unknown key whatever its value.
        if (this.decoding) {
          if (properties !== undefined && goField(properties, key) === undefined) this.undecoded(value, properties);
        } else if (preserve && properties !== undefined && properties[key] === undefined && this.goFields !== undefined) this.checkDecoded(key, value);
      }
      if (value !== null && value !== undefined) {
        // null/undefined: absent
        const declared = properties === undefined ? undefined : this.decoding ? goField(properties, key) : properties[key];
        if (declared !== undefined) this.walk(value, declared);
        else if (typeof additional === 'object') this.walk(value, additional);
        else if (this.decoding) this.undecoded(value, properties);
        else if (additional !== true && !preserve) {
          this.report('unknown-field', value, properties === undefined ? undefined : Object.keys(properties).join(','));
          kept--;
        }
        else if (preserve && this.goFields !== undefined) this.checkDecoded(key, value);
        kept++;
      }
      path.pop();
    }
    if (s.bounds !== undefined && !this.decoding) this.checkSize(o, kept, s.bounds.minProperties, s.bounds.maxProperties, 'propert');
    const required = s.required;
    if (required !== undefined) {
      for (let i = 0; i < required.length; i++) {
        const name = required[i];
        const value = hasOwn.call(o, name) ? o[name] : undefined;
        if (value === null || value === undefined) {
          path.push(name);
          this.report('required', value, undefined);
          path.pop();
        }
      }
    }
  }

  /**
   * `x-kubernetes-list-type` set or map: the API server refuses an item equal to an earlier one (a map's: by its
   * `x-kubernetes-list-map-keys`, a missing key or a null item counting as unspecified), reporting the second of each
   * value once (k8s.io/apiextensions-apiserver v0.35.5 pkg/apiserver/schema/listtype/validation.go#L61-84, #L96-216).
   */
  private checkUnique(list: readonly unknown[], listType: 'set' | readonly string[]): void {
    const isMap = listType !== 'set';
    if (isMap && list.some((x) => x !== null && (typeof x !== 'object' || Array.isArray(x)))) return; // not objects: a type problem
    const keyOf = (x: unknown): unknown => {
      if (!isMap) return x;
      const item = (x ?? {}) as Record<string, unknown>;
      return Object.fromEntries((listType as readonly string[]).filter((k) => hasOwn.call(item, k)).map((k) => [k, item[k]]));
    };
    const seen = new Map<string, number>();
    list.forEach((x, i) => {
      const key = keyOf(x);
      const id = key !== null && typeof key === 'object' ? `c:${canonical(key)}` : `${typeof key}:${String(key)}`;
      const times = seen.get(id) ?? 0;
      seen.set(id, times + 1);
      if (times !== 1) return;
      this.path.push(i);
      this.report('duplicate', key, isMap ? `an item unique by ${(listType as readonly string[]).join(', ')} (the CRD's list is a map keyed by ${(listType as readonly string[]).join(', ')}: an earlier item has the same)` : 'a unique item (the CRD\'s list is a set: an earlier item is the same)');
      this.path.pop();
    });
  }

  /** maxLength/minLength (in runes, as kube-openapi counts) and minimum/maximum. */
  private checkScalarBounds(v: unknown, b: NonNullable<CompactSchema['bounds']>): void {
    if (typeof v === 'string' && (b.minLength !== null || b.maxLength !== null)) {
      let runes = 0;
      for (const _ of v) runes++;
      if (b.maxLength !== null && runes > b.maxLength) this.report('bounds', v, `at most ${b.maxLength} characters (${runes} given)`);
      else if (b.minLength !== null && runes < b.minLength) this.report('bounds', v, b.minLength === 1 ? 'a non-empty string' : `at least ${b.minLength} characters (${runes} given)`);
    } else if (typeof v === 'number') {
      if (b.minimum !== null && (b.exclusiveMinimum ? v <= b.minimum : v < b.minimum)) this.report('bounds', v, `a number ${b.exclusiveMinimum ? 'greater than' : 'at least'} ${b.minimum}`);
      else if (b.maximum !== null && (b.exclusiveMaximum ? v >= b.maximum : v > b.maximum)) this.report('bounds', v, `a number ${b.exclusiveMaximum ? 'less than' : 'at most'} ${b.maximum}`);
    }
  }

  /** minItems/maxItems, minProperties/maxProperties. */
  private checkSize(v: unknown, n: number, min: number | null, max: number | null, noun: 'item' | 'propert'): void {
    const plural = (k: number) => `${k} ${noun === 'item' ? (k === 1 ? 'item' : 'items') : (k === 1 ? 'property' : 'properties')}`;
    if (max !== null && n > max) this.report('bounds', v, `at most ${plural(max)} (${n} given)`);
    else if (min !== null && n < min) this.report('bounds', v, `at least ${plural(min)} (${n} given)`);
  }

  /** Whether a null list element at the first `n` segments of the path is the zero value the round trip writes. */
  private zeroNullItemAt(n: number): boolean {
    const where = this.zeroNullItems;
    return where === 'every list' || (where !== undefined && where.includes(this.shape(n)));
  }

  /** The shape (`spec.filters[].all[]`) of the first `n` segments of the path. */
  private shape(n: number): string {
    let shape = '';
    for (let i = 0; i < n; i++) {
      const seg = this.path[i];
      shape += typeof seg === 'number' ? '[]' : shape === '' ? seg : `.${seg}`;
    }
    return shape;
  }

  /** A key the API server keeps: is it a field of the Go type the webhook decodes into? */
  private checkDecoded(key: string, value: unknown): void {
    const known = this.goFields!.paths[this.shape(this.path.length - 1)];
    if (known === undefined) return;
    const field = goField(known, key);
    if (field === undefined) {
      this.undecoded(value, known);
      return;
    }
    this.decode(value, field);
  }

  /** The webhook decodes the value into a Go type: a wrong type or (strictly) an unknown key fails the decoding. */
  private decode(value: unknown, goNode: CompactSchema): void {
    this.decoding = true;
    try {
      this.walk(value, goNode);
    } finally {
      this.decoding = false;
    }
  }

  /**
   * The Go type at the current path: from the nearest enclosing node the kind's table lists,
   * down its fields, list items and map values. Undefined where the table lists no ancestor.
   */
  private goNodeHere(): CompactSchema | undefined {
    const path = this.path;
    for (let n = path.length - 1; n >= 0; n--) {
      if (typeof path[n] !== 'string') continue;
      const fields = this.goFields!.paths[this.shape(n)];
      if (fields === undefined) continue;
      let node: CompactSchema | undefined = goField(fields, path[n] as string);
      for (let i = n + 1; i < path.length && node !== undefined; i++) {
        const seg = path[i];
        if (typeof seg === 'number') node = node.items;
        else if (node.properties !== undefined) node = goField(node.properties, seg);
        else node = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
      }
      return node;
    }
    return undefined;
  }

  /** A key the webhook's Go type lacks: the strict decoder rejects it, the lenient one drops it. */
  private undecoded(value: unknown, fields: Readonly<Record<string, CompactSchema>> | undefined): void {
    this.report('undecoded-field', value, `${this.goFields!.strict ? 'strict' : 'lenient'}:${Object.keys(fields ?? {}).join(',')}`);
  }

  private report(kind: SchemaProblem['kind'], value: unknown, expected: string | undefined): void {
    const problem: SchemaProblem = { path: formatPath(this.path), kind, value };
    if (expected !== undefined) problem.expected = expected;
    if (this.decoding) problem.decoded = true;
    this.problems.push(problem);
  }
}

/**
 * Whether resource.Quantity's JSON decoding takes the value: a JSON number or
 * a string, without its quotes and surrounding white space, that ParseQuantity
 * reads (k8s.io/apimachinery v0.35.4 pkg/api/resource/quantity.go#L733-752
 * UnmarshalJSON, #L278-290 ParseQuantity: "" and anything else fail with
 * ErrFormatWrong, #L150-155). Null is no value (Go leaves the field unset).
 */
function isDecodableQuantity(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  return typeof v === 'string' && QUANTITY.test(v.trim());
}

/** The Go field a JSON key decodes into: encoding/json matches names case-insensitively (`Retry` decodes into `retry`). */
function goField(fields: Readonly<Record<string, CompactSchema>>, key: string): CompactSchema | undefined {
  if (hasOwn.call(fields, key)) return fields[key];
  const name = goFieldName(Object.keys(fields), key);
  return name === undefined ? undefined : fields[name];
}

function hasType(v: unknown, type: NonNullable<CompactSchema['type']>): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'int32':
      return typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    default:
      return true;
  }
}

function inEnum(values: readonly unknown[], v: unknown): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] === v) return true;
  if (typeof v !== 'object' || v === null) return false;
  // Enums of objects/arrays do not occur in the upstream CRDs; compare by JSON if they ever do.
  const json = JSON.stringify(v);
  for (let i = 0; i < values.length; i++) if (typeof values[i] === 'object' && JSON.stringify(values[i]) === json) return true;
  return false;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `['spec', 'containers', 0, 'app.kubernetes.io/name']` -> `spec.containers[0]["app.kubernetes.io/name"]`; `[]` -> `(root)`. */
function formatPath(segments: readonly Segment[]): string {
  if (segments.length === 0) return '(root)';
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
