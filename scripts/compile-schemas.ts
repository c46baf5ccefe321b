/**
 * Compiles the upstream CRD schemas (../shared/crds/<project>/*.yaml) into
 * `imports/compact-schemas.ts`, a small generated module that ships in the package so
 * `lib/engine/schema-check.ts` can detect pruned (unknown) fields and wrong types without
 * ../shared, YAML or Ajv at runtime.
 *
 *   npx tsx scripts/compile-schemas.ts [crdsDir]     (also the last step of `npm run import`)
 *
 * A project with several releases (RELEASE_FOLDERS: Knative Serving 1.22 in crds/, 1.23 in
 * ../shared/upstream/) gets one set of roots per release, each release read from the `Tag:`
 * line of its folder's SOURCE.md; the engine picks the set the cluster settings name. The
 * newest release of each is the default (`COMPACT_SCHEMAS`).
 *
 * For every `kind: CustomResourceDefinition` document (other documents, e.g. ConfigMaps, are
 * skipped) and every version with `served: true`, the openAPIV3Schema is reduced to what a
 * structural-schema validator needs: type (an integer of `format: int32` as type code `j`:
 * the API server rejects a larger one), properties, items, additionalProperties,
 * x-kubernetes-preserve-unknown-fields, x-kubernetes-int-or-string, required and enum.
 * At the root, `apiVersion` and `kind` are strings, `metadata` is the ObjectMeta subset a
 * manifest may carry (server-set fields accepted unchecked) and `status` is unchecked.
 *
 * Identical subtrees (the pod spec repeats a lot) are stored once in a node table and
 * referenced by index. The output depends only on the CRD files: keys are sorted and node
 * indexes follow a fixed traversal, so two runs give the same bytes
 * (`test/core/schema-check.test.ts` checks the committed file is fresh).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** Where the generated module lives. */
export const COMPACT_SCHEMAS_PATH = path.join(__dirname, '..', 'imports', 'compact-schemas.ts');
/** The upstream CRD folder, as seen from the repository root. */
export const DEFAULT_CRDS_DIR = path.join(__dirname, '..', '..', 'shared', 'crds');

/**
 * Further releases of a project of crds/: folders of `../upstream/` (beside the CRD folder)
 * holding the same project's CRDs at another release. Kept out of crds/ because the other
 * tooling (imports/, the Ajv test harness) reads crds/ as one set of CRDs.
 */
/**
 * Projects kept in `../upstream/` only (not in crds/, which the cdk8s import and the Ajv
 * harness read): their CRDs are compiled like those of crds/. Flux's image automation
 * (image-reflector-controller v1.2.0, image-automation-controller v1.2.1).
 */
export const EXTRA_PROJECTS: readonly string[] = ['flux-image-automation'];

export const RELEASE_FOLDERS: readonly { project: string; folder: string }[] = [
  { project: 'knative-serving', folder: 'knative-serving-1.23' },
];

// ---------------------------------------------------------------------------------------------
// Raw (table) form: one short-keyed object per node, children referenced by table index.
// Keep in sync with the decoder emitted in RUNTIME below.

type TypeCode = 'o' | 'a' | 's' | 'i' | 'j' | 'n' | 'b';
interface RawNode {
  t?: TypeCode;
  p?: Record<string, number>;
  i?: number;
  a?: number | boolean;
  u?: 1;
  x?: 1;
  /** The value is a resource quantity (the CRD's pattern is Kubernetes' quantity pattern). */
  q?: 1;
  /** The CRD's pattern (a Go regexp), other than the quantity pattern. */
  pt?: string;
  /** Bounds: [minLength, maxLength, minItems, maxItems, minProperties, maxProperties, minimum, maximum, exclusiveMinimum, exclusiveMaximum]; null where the CRD sets none. */
  b?: (number | boolean | null)[];
  r?: string[];
  e?: unknown[];
  /** `x-kubernetes-list-type`: 1 for a set, the `x-kubernetes-list-map-keys` for a map (atomic lists: none). */
  l?: 1 | string[];
}

const TYPE_CODES: Readonly<Record<string, TypeCode>> = {
  object: 'o',
  array: 'a',
  string: 's',
  integer: 'i',
  number: 'n',
  boolean: 'b',
};

/** No constraint at all: any value, any content. */
const ANY = { 'x-kubernetes-preserve-unknown-fields': true };
/** The pattern controller-gen writes for resource.Quantity: only this one is kept (as a flag), other patterns are not checked. */
const QUANTITY_PATTERN = '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';
/** The OpenAPI bounds kept, in the order of RawNode.b. */
const BOUND_KEYWORDS = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const;
const STRING = { type: 'string' };
const STRING_MAP = { type: 'object', additionalProperties: STRING };

/**
 * CRDs declare `metadata: {type: object}` (the API server knows the real schema): the
 * ObjectMeta subset a manifest generator may write (same as test/support/schema.ts), plus the
 * server-set fields found in exported YAML (`creationTimestamp: null`...), accepted unchecked.
 */
const OBJECT_META = {
  type: 'object',
  properties: {
    name: STRING,
    generateName: STRING,
    namespace: STRING,
    labels: STRING_MAP,
    annotations: STRING_MAP,
    finalizers: { type: 'array', items: STRING },
    ownerReferences: {
      type: 'array',
      items: {
        type: 'object',
        required: ['apiVersion', 'kind', 'name', 'uid'],
        properties: {
          apiVersion: STRING,
          kind: STRING,
          name: STRING,
          uid: STRING,
          controller: { type: 'boolean' },
          blockOwnerDeletion: { type: 'boolean' },
        },
      },
    },
    uid: ANY,
    resourceVersion: ANY,
    creationTimestamp: ANY,
    generation: ANY,
    managedFields: ANY,
    selfLink: ANY,
    deletionTimestamp: ANY,
    deletionGracePeriodSeconds: ANY,
  },
};

function isPlainObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Code-unit order: locale-independent, so the output is the same everywhere. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedKeys(o: object): string[] {
  return Object.keys(o).sort(byCodeUnit);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function key(k: string): string {
  return IDENTIFIER.test(k) ? k : JSON.stringify(k);
}

/** Canonical one-line source text of a raw node (fixed key order, sorted property names). */
function rawText(n: RawNode): string {
  const parts: string[] = [];
  if (n.t !== undefined) parts.push(`t:${JSON.stringify(n.t)}`);
  if (n.p !== undefined) parts.push(`p:{${sortedKeys(n.p).map((k) => `${key(k)}:${n.p![k]}`).join(',')}}`);
  if (n.i !== undefined) parts.push(`i:${n.i}`);
  if (n.a !== undefined) parts.push(`a:${n.a}`);
  if (n.u !== undefined) parts.push('u:1');
  if (n.x !== undefined) parts.push('x:1');
  if (n.q !== undefined) parts.push('q:1');
  if (n.pt !== undefined) parts.push(`pt:${JSON.stringify(n.pt)}`);
  if (n.b !== undefined) parts.push(`b:${JSON.stringify(n.b)}`);
  if (n.r !== undefined) parts.push(`r:${JSON.stringify(n.r)}`);
  if (n.e !== undefined) parts.push(`e:${JSON.stringify(n.e)}`);
  if (n.l !== undefined) parts.push(`l:${JSON.stringify(n.l)}`);
  return `{${parts.join(',')}}`;
}

/** Hash-consing node table: identical subtrees get one index. Children precede parents. */
class NodeTable {
  readonly texts: string[] = [];
  readonly nodes: RawNode[] = [];
  private readonly index = new Map<string, number>();
  readonly warnings: string[] = [];

  intern(n: RawNode): number {
    const text = rawText(n);
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.texts.length;
      this.texts.push(text);
      this.nodes.push(n);
      this.index.set(text, i);
    }
    return i;
  }

  /** Compacts one schema node (and its subtree); `where` is for warnings only. */
  compact(s: unknown, where: string): number {
    if (!isPlainObject(s)) {
      this.warnings.push(`${where}: schema is not an object, accepted as anything`);
      return this.intern({ u: 1 });
    }
    const n: RawNode = {};
    if (s['x-kubernetes-int-or-string'] === true) {
      n.x = 1; // the type (if any) and the anyOf [integer, string] are implied
    } else if (s.type !== undefined) {
      const code = typeof s.type === 'string' ? TYPE_CODES[s.type] : undefined;
      if (code) n.t = code === 'i' && s.format === 'int32' ? 'j' : code;
      else this.warnings.push(`${where}: type ${JSON.stringify(s.type)} is not structural, not checked`);
    }
    let properties: Record<string, unknown> | undefined = isPlainObject(s.properties) ? { ...s.properties } : undefined;
    if (s['x-kubernetes-embedded-resource'] === true) {
      // apiVersion, kind and metadata are implicit in an embedded resource, as at the root.
      properties = { ...properties, apiVersion: STRING, kind: STRING, metadata: OBJECT_META };
    }
    if (properties) {
      const p: Record<string, number> = {};
      for (const k of sortedKeys(properties)) p[k] = this.compact(properties[k], `${where}.${k}`);
      n.p = p;
    }
    if (isPlainObject(s.items)) n.i = this.compact(s.items, `${where}[]`);
    else if (s.items !== undefined) this.warnings.push(`${where}: tuple items are not structural, not checked`);
    if (typeof s.additionalProperties === 'boolean') n.a = s.additionalProperties;
    else if (isPlainObject(s.additionalProperties)) n.a = this.compact(s.additionalProperties, `${where}{}`);
    if (s['x-kubernetes-preserve-unknown-fields'] === true) n.u = 1;
    if (s.pattern === QUANTITY_PATTERN) n.q = 1;
    else if (typeof s.pattern === 'string') n.pt = s.pattern;
    const bounds = BOUND_KEYWORDS.map((k) => (typeof s[k] === 'number' || typeof s[k] === 'boolean' ? s[k] : null));
    if (bounds.some((b) => b !== null && b !== false)) n.b = bounds;
    if (Array.isArray(s.required)) {
      // The API server applies a field's default before it checks required: a defaulted field is never missing.
      const defaulted = (r: string) => isPlainObject(properties?.[r]) && (properties![r] as Record<string, unknown>).default !== undefined;
      const required = Array.from(new Set(s.required.filter((r: unknown): r is string => typeof r === 'string' && !defaulted(r))));
      if (required.length > 0) n.r = required;
    }
    if (Array.isArray(s.enum) && s.enum.length > 0) n.e = s.enum;
    if (s['x-kubernetes-list-type'] === 'set') n.l = 1;
    else if (s['x-kubernetes-list-type'] === 'map' && Array.isArray(s['x-kubernetes-list-map-keys'])) {
      n.l = s['x-kubernetes-list-map-keys'].filter((k: unknown): k is string => typeof k === 'string');
    }
    return this.intern(n);
  }

  /** The root of a custom resource: implicit apiVersion/kind/metadata, unchecked status. */
  compactRoot(s: unknown, preserveUnknownFields: boolean, where: string): number {
    const root: Record<string, any> = isPlainObject(s) ? { ...s } : {};
    root.type = 'object';
    root.properties = {
      ...(isPlainObject(root.properties) ? root.properties : {}),
      apiVersion: STRING,
      kind: STRING,
      metadata: OBJECT_META,
      status: ANY,
    };
    if (Array.isArray(root.required)) root.required = root.required.filter((r: unknown) => r !== 'status');
    if (preserveUnknownFields || !isPlainObject(s)) root['x-kubernetes-preserve-unknown-fields'] = true;
    return this.compact(root, where);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the CRDs

interface ServedVersion {
  key: string; // group/version/Kind
  file: string; // relative to the CRD folder, '/'-separated
  schema: unknown;
  preserveUnknownFields: boolean;
}

function crdFiles(crdsDir: string): string[] {
  const files: string[] = [];
  for (const project of fs.readdirSync(crdsDir).sort(byCodeUnit)) {
    const dir = path.join(crdsDir, project);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir).sort(byCodeUnit)) {
      if (/\.ya?ml$/.test(name) && fs.statSync(path.join(dir, name)).isFile()) files.push(`${project}/${name}`);
    }
  }
  return files;
}

/** Served versions of the CRDs in `files` (relative to `baseDir`, `project/name.yaml`). */
function servedVersions(baseDir: string, files: readonly string[]): ServedVersion[] {
  const out: ServedVersion[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(baseDir, file), 'utf8'))) {
      if (doc.errors.length > 0) throw new Error(`cannot parse ${file}: ${doc.errors[0].message}`);
      const crd = doc.toJS({ maxAliasCount: -1 });
      if (!isPlainObject(crd) || crd.kind !== 'CustomResourceDefinition') continue;
      const spec = isPlainObject(crd.spec) ? crd.spec : {};
      const group = spec.group;
      const kind = spec.names?.kind;
      if (typeof group !== 'string' || typeof kind !== 'string') {
        throw new Error(`${file}: CustomResourceDefinition ${crd.metadata?.name} has no spec.group or spec.names.kind`);
      }
      // apiextensions.k8s.io/v1beta1 CRDs may have a top-level `version` and `validation`.
      const versions: any[] = Array.isArray(spec.versions)
        ? spec.versions
        : typeof spec.version === 'string'
          ? [{ name: spec.version, served: true }]
          : [];
      for (const v of versions) {
        if (!isPlainObject(v) || v.served !== true || typeof v.name !== 'string') continue;
        const key = `${group}/${v.name}/${kind}`;
        const previous = seen.get(key);
        if (previous !== undefined) throw new Error(`${key} is served by both ${previous} and ${file}`);
        seen.set(key, file);
        out.push({
          key,
          file,
          schema: v.schema?.openAPIV3Schema ?? spec.validation?.openAPIV3Schema,
          preserveUnknownFields: spec.preserveUnknownFields === true,
        });
      }
    }
  }
  return out.sort((a, b) => byCodeUnit(a.key, b.key));
}

/** `major.minor` from the `Tag:` line of a folder's SOURCE.md (`knative-v1.23.0` → `1.23`). */
function releaseOf(dir: string): string {
  const source = path.join(dir, 'SOURCE.md');
  const tag = fs.existsSync(source) ? /^- Tag: .*?v?(\d+)\.(\d+)(?:\.\d+)?\s*$/m.exec(fs.readFileSync(source, 'utf8')) : null;
  if (!tag) throw new Error(`${source}: no "- Tag: ...vMAJOR.MINOR.PATCH" line to tell the release`);
  return `${Number(tag[1])}.${Number(tag[2])}`;
}

/** Compares `major.minor` releases numerically. */
function byRelease(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am - bm || an - bn;
}

interface ReleaseSet {
  project: string;
  release: string;
  /** Shown in the header, relative to the parent of crds/ (`crds/knative-serving`, `upstream/knative-serving-1.23`). */
  label: string;
  versions: ServedVersion[];
}

/** Every project of crds/ once, plus each further release of RELEASE_FOLDERS and each EXTRA_PROJECTS folder that exists. */
function releaseSets(crdsDir: string): { single: ServedVersion[]; sets: ReleaseSet[]; files: string[] } {
  const upstream = path.join(crdsDir, '..', 'upstream');
  const extra = RELEASE_FOLDERS.filter((r) => fs.existsSync(path.join(upstream, r.folder)));
  const released = new Set(extra.map((r) => r.project));
  const all = crdFiles(crdsDir);
  const extraFiles = EXTRA_PROJECTS.filter((f) => fs.existsSync(path.join(upstream, f)))
    .flatMap((f) => fs.readdirSync(path.join(upstream, f)).sort(byCodeUnit).filter((n) => /\.ya?ml$/.test(n)).map((n) => `${f}/${n}`));
  const single = [...servedVersions(crdsDir, all.filter((f) => !released.has(f.split('/')[0]))), ...servedVersions(upstream, extraFiles)]
    .sort((a, b) => byCodeUnit(a.key, b.key));
  const sets: ReleaseSet[] = [];
  for (const project of Array.from(released).sort(byCodeUnit)) {
    sets.push({ project, release: releaseOf(path.join(crdsDir, project)), label: `crds/${project}`, versions: servedVersions(crdsDir, all.filter((f) => f.split('/')[0] === project)) });
    for (const r of extra.filter((e) => e.project === project)) {
      const files = fs.readdirSync(path.join(upstream, r.folder)).sort(byCodeUnit).filter((n) => /\.ya?ml$/.test(n)).map((n) => `${r.folder}/${n}`);
      // Labelled with the project, so size statistics group the releases together.
      const versions = servedVersions(upstream, files).map((v) => ({ ...v, file: `${project}/${v.file}` }));
      sets.push({ project, release: releaseOf(path.join(upstream, r.folder)), label: `upstream/${r.folder}`, versions });
    }
  }
  sets.sort((a, b) => byCodeUnit(a.project, b.project) || byRelease(a.release, b.release));
  for (let i = 1; i < sets.length; i++) {
    if (sets[i].project === sets[i - 1].project && sets[i].release === sets[i - 1].release) throw new Error(`${sets[i].label} and ${sets[i - 1].label} are both ${sets[i].project} ${sets[i].release}`);
  }
  const used = new Set([...single, ...sets.flatMap((s) => s.versions)].map((v) => v.file));
  const files = [
    ...all.filter((f) => used.has(f)).map((f) => `crds/${f}`),
    ...sets.filter((s) => s.label.startsWith('upstream/')).flatMap((s) => s.versions.map((v) => `upstream/${v.file.slice(s.project.length + 1)}`)).sort(byCodeUnit),
    ...extraFiles.filter((f) => used.has(f)).map((f) => `upstream/${f}`),
  ];
  return { single, sets, files: Array.from(new Set(files)) };
}

// ---------------------------------------------------------------------------------------------
// Output

/** Emitted verbatim after the data: the public type and the decoder of the node table. */
const RUNTIME = `
/** One node of a structural CRD schema, reduced to what a pruning/type validator needs. */
export interface CompactSchema {
  /** \`int32\`: an integer of \`format: int32\`. */
  readonly type: 'object' | 'array' | 'string' | 'integer' | 'int32' | 'number' | 'boolean' | undefined;
  /** Declared properties; a null-prototype object, so any key can be looked up safely. */
  readonly properties: Readonly<Record<string, CompactSchema>> | undefined;
  readonly items: CompactSchema | undefined;
  readonly additionalProperties: CompactSchema | boolean | undefined;
  readonly 'x-kubernetes-preserve-unknown-fields': boolean;
  readonly 'x-kubernetes-int-or-string': boolean;
  /** A resource quantity: a string must match Kubernetes' quantity pattern. */
  readonly quantity: boolean;
  /** The CRD's \`pattern\` as JavaScript reads it; undefined when none, or when JavaScript cannot read that Go regexp (then unchecked). */
  readonly pattern: RegExp | undefined;
  readonly required: readonly string[] | undefined;
  readonly enum: readonly unknown[] | undefined;
  /** The CRD's length, size and value bounds; undefined when it sets none. */
  readonly bounds: SchemaBounds | undefined;
  /** \`x-kubernetes-list-type\`: \`set\` (items unique), or a map's \`x-kubernetes-list-map-keys\` (items unique by those keys); undefined for an atomic list. */
  readonly listType?: 'set' | readonly string[];
}

/** OpenAPI bounds as the API server checks them (lengths count runes, sizes count the keys left after pruning and dropped nulls). */
export interface SchemaBounds {
  readonly minLength: number | null;
  readonly maxLength: number | null;
  readonly minItems: number | null;
  readonly maxItems: number | null;
  readonly minProperties: number | null;
  readonly maxProperties: number | null;
  readonly minimum: number | null;
  readonly maximum: number | null;
  readonly exclusiveMinimum: boolean;
  readonly exclusiveMaximum: boolean;
}

const TYPE_NAMES = { o: 'object', a: 'array', s: 'string', i: 'integer', j: 'int32', n: 'number', b: 'boolean' } as const;

const PATTERNS = new Map<string, RegExp | undefined>();

/** A Go (RE2) pattern as a JavaScript RegExp: a leading \`(?i)\` becomes the i flag, \`\\PC\` is \`\\P{C}\`. */
function goPattern(source: string | undefined): RegExp | undefined {
  if (source === undefined) return undefined;
  if (!PATTERNS.has(source)) {
    let js = source;
    let flags = 'u';
    if (js.includes('(?i)')) {
      js = js.replace('(?i)', '');
      flags += 'i';
    }
    js = js.replace(/\\P([A-Z])(?![{])/g, '\\P{$1}').replace(/\\p([A-Z])(?![{])/g, '\\p{$1}');
    let re: RegExp | undefined;
    try {
      re = new RegExp(js, flags);
    } catch {
      re = undefined;
    }
    PATTERNS.set(source, re);
  }
  return PATTERNS.get(source);
}

/** Children precede their parents in the table, so one pass links everything. */
function link(table: readonly RawNode[]): CompactSchema[] {
  const nodes: CompactSchema[] = [];
  for (const raw of table) {
    let properties: Record<string, CompactSchema> | undefined;
    if (raw.p) {
      properties = Object.create(null) as Record<string, CompactSchema>;
      for (const name of Object.keys(raw.p)) properties[name] = nodes[raw.p[name]];
    }
    // Every node has the same keys in the same order: one hidden class for the validator.
    nodes.push({
      type: raw.t && TYPE_NAMES[raw.t],
      properties,
      items: raw.i === undefined ? undefined : nodes[raw.i],
      additionalProperties: typeof raw.a === 'number' ? nodes[raw.a] : raw.a,
      'x-kubernetes-preserve-unknown-fields': raw.u === 1,
      'x-kubernetes-int-or-string': raw.x === 1,
      quantity: raw.q === 1,
      pattern: goPattern(raw.pt),
      required: raw.r,
      enum: raw.e,
      bounds: raw.b === undefined ? undefined : {
        minLength: raw.b[0] as number | null, maxLength: raw.b[1] as number | null,
        minItems: raw.b[2] as number | null, maxItems: raw.b[3] as number | null,
        minProperties: raw.b[4] as number | null, maxProperties: raw.b[5] as number | null,
        minimum: raw.b[6] as number | null, maximum: raw.b[7] as number | null,
        exclusiveMinimum: raw.b[8] === true, exclusiveMaximum: raw.b[9] === true,
      },
      listType: raw.l === 1 ? 'set' : raw.l,
    });
  }
  return nodes;
}

const NODES = link(TABLE);

function schemas(roots: Readonly<Record<string, number>>, into: Record<string, CompactSchema> = Object.create(null)): Record<string, CompactSchema> {
  for (const name of Object.keys(roots)) into[name] = NODES[roots[name]];
  return into;
}

/**
 * Project (CRD folder, e.g. \`knative-serving\`) → release (\`1.23\`) → its compact schemas keyed
 * like COMPACT_SCHEMAS: the projects whose schemas are shipped for several releases, oldest first.
 */
export const RELEASED_SCHEMAS: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, CompactSchema>>>>>> = Object.create(null);
for (const project of Object.keys(RELEASE_ROOTS)) {
  const byRelease: Record<string, Record<string, CompactSchema>> = Object.create(null);
  for (const release of Object.keys(RELEASE_ROOTS[project])) byRelease[release] = schemas(RELEASE_ROOTS[project][release]);
  (RELEASED_SCHEMAS as Record<string, unknown>)[project] = byRelease;
}

/**
 * Compact schemas keyed by \`\${apiVersion}/\${kind}\`, e.g. \`serving.knative.dev/v1/Service\`
 * (null prototype); a project of RELEASED_SCHEMAS at its newest release.
 */
export const COMPACT_SCHEMAS: Readonly<Record<string, CompactSchema>> = schemas(ROOTS);
for (const project of Object.keys(RELEASE_ROOTS)) {
  const releases = Object.keys(RELEASE_ROOTS[project]);
  schemas(RELEASE_ROOTS[project][releases[releases.length - 1]], COMPACT_SCHEMAS as Record<string, CompactSchema>);
}
`;

const RAW_NODE_TYPE = `/** Table form: short keys, children as indexes into TABLE (see scripts/compile-schemas.ts). */
interface RawNode {
  t?: 'o' | 'a' | 's' | 'i' | 'j' | 'n' | 'b';
  p?: Record<string, number>;
  i?: number;
  a?: number | boolean;
  u?: 1;
  x?: 1;
  q?: 1;
  pt?: string;
  b?: (number | boolean | null)[];
  r?: string[];
  e?: unknown[];
  l?: 1 | string[];
}
`;

export interface CompileReport {
  text: string;
  files: string[];
  nodes: number;
  /** Per kind key: bytes of table lines reachable from its root, and of those reachable from no other kind. */
  kinds: { key: string; project: string; reachable: number; exclusive: number }[];
  /** Per project (CRD folder): bytes reachable from its kinds, and reachable from no other project. */
  projects: { project: string; reachable: number; exclusive: number }[];
  warnings: string[];
}

/** Compiles every served CRD version under `crdsDir` and the RELEASE_FOLDERS beside it (see the file comment); returns the module text and size statistics. */
export function compileSchemasReport(crdsDir: string): CompileReport {
  const { single, sets, files } = releaseSets(crdsDir);
  const table = new NodeTable();
  const roots = new Map<string, number>();
  for (const v of single) roots.set(v.key, table.compactRoot(v.schema, v.preserveUnknownFields, v.key));
  const releaseRoots = sets.map((set) => {
    const r = new Map<string, number>();
    for (const v of set.versions) r.set(v.key, table.compactRoot(v.schema, v.preserveUnknownFields, `${v.key}@${set.release}`));
    return r;
  });
  // Statistics key: `group/version/Kind`, with `@release` for a project of several releases.
  const versions = [...single, ...sets.flatMap((set) => set.versions.map((v) => ({ ...v, key: `${v.key}@${set.release}` })))];
  const allRoots = new Map([...roots, ...sets.flatMap((set, i) => Array.from(releaseRoots[i], ([k, n]) => [`${k}@${set.release}`, n] as const))]);

  const lines = table.texts.map((t) => `  ${t},\n`);
  const header = [
    '// Generated by scripts/compile-schemas.ts: DO NOT EDIT.',
    '// Regenerate with `npm run import` (or `npx tsx scripts/compile-schemas.ts`).',
    '//',
    '// Source: the served versions of the CustomResourceDefinitions in ../shared/',
    ...files.map((f) => `//   ${f}`),
    ...(sets.length > 0 ? ['//', '// Shipped for several releases (RELEASE_ROOTS, one set of roots each):',
      ...sets.map((set) => `//   ${set.project} ${set.release}: ${set.label}`)] : []),
    '//',
    '// Only type, properties, items, additionalProperties, x-kubernetes-preserve-unknown-fields,',
    '// x-kubernetes-int-or-string, required and enum are kept. Root metadata is the ObjectMeta',
    '// subset a manifest may carry; root status is not checked. Identical subtrees are stored',
    '// once in TABLE and referenced by index.',
    '',
  ].join('\n');
  const rootsText = (r: Map<string, number>, indent: string) => Array.from(r.keys())
    .sort(byCodeUnit)
    .map((k) => `${indent}${JSON.stringify(k)}: ${r.get(k)},\n`)
    .join('');
  const projectNamesOfSets = Array.from(new Set(sets.map((set) => set.project)));
  const releaseRootsText = projectNamesOfSets.map((project) => `  ${JSON.stringify(project)}: {\n${sets
    .map((set, i) => (set.project === project ? `    ${JSON.stringify(set.release)}: {\n${rootsText(releaseRoots[i], '      ')}    },\n` : ''))
    .join('')}  },\n`).join('');
  const text =
    `${header}\n${RAW_NODE_TYPE}\n` +
    `const TABLE: readonly RawNode[] = [\n${lines.join('')}];\n\n` +
    `/** The projects of a single release. */\n` +
    `const ROOTS: Readonly<Record<string, number>> = {\n${rootsText(roots, '  ')}};\n\n` +
    `/** Project → release → roots, oldest release first. */\n` +
    `const RELEASE_ROOTS: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, number>>>>>> = {\n${releaseRootsText}};\n${RUNTIME}`;

  // Sizes: which roots reach which table lines.
  const reach = (root: number): Set<number> => {
    const seen = new Set<number>();
    const stack = [root];
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (seen.has(i)) continue;
      seen.add(i);
      const n = table.nodes[i];
      if (n.p) stack.push(...Object.values(n.p));
      if (n.i !== undefined) stack.push(n.i);
      if (typeof n.a === 'number') stack.push(n.a);
    }
    return seen;
  };
  const bytes = (set: Iterable<number>): number => {
    let sum = 0;
    for (const i of set) sum += Buffer.byteLength(lines[i]);
    return sum;
  };
  const projectOf = (key: string): string => versions.find((v) => v.key === key)!.file.split('/')[0];
  const reachByKind = new Map(Array.from(allRoots, ([k, r]) => [k, reach(r)] as const));
  const users = new Map<number, Set<string>>(); // node -> kinds reaching it
  for (const [k, set] of reachByKind) for (const i of set) users.set(i, (users.get(i) ?? new Set()).add(k));
  const kinds = Array.from(reachByKind, ([k, set]) => ({
    key: k,
    project: projectOf(k),
    reachable: bytes(set),
    exclusive: bytes(Array.from(set).filter((i) => users.get(i)!.size === 1)),
  }));
  const projectNames = Array.from(new Set(kinds.map((k) => k.project))).sort(byCodeUnit);
  const projects = projectNames.map((project) => {
    const set = new Set<number>();
    for (const k of kinds) if (k.project === project) reachByKind.get(k.key)!.forEach((i) => set.add(i));
    const exclusive = Array.from(set).filter((i) => Array.from(users.get(i)!).every((k) => projectOf(k) === project));
    return { project, reachable: bytes(set), exclusive: bytes(exclusive) };
  });
  return { text, files, nodes: table.texts.length, kinds, projects, warnings: table.warnings };
}

/** The text of imports/compact-schemas.ts for the CRDs under `crdsDir` (and the RELEASE_FOLDERS beside it). */
export function compileSchemas(crdsDir: string): string {
  return compileSchemasReport(crdsDir).text;
}

function kb(n: number): string {
  return `${(n / 1024).toFixed(1)} KiB`;
}

if (require.main === module) {
  const crdsDir = path.resolve(process.argv[2] ?? DEFAULT_CRDS_DIR);
  if (!fs.existsSync(crdsDir)) {
    console.error(`compile-schemas: ${crdsDir} does not exist`);
    process.exit(1);
  }
  const report = compileSchemasReport(crdsDir);
  fs.writeFileSync(COMPACT_SCHEMAS_PATH, report.text);
  for (const w of report.warnings) console.warn(`compile-schemas: warning: ${w}`);
  const pad = Math.max(...report.kinds.map((k) => k.key.length));
  console.log('kind'.padEnd(pad), 'reachable'.padStart(11), 'exclusive'.padStart(11));
  for (const k of report.kinds) console.log(k.key.padEnd(pad), kb(k.reachable).padStart(11), kb(k.exclusive).padStart(11));
  console.log('');
  const total = Buffer.byteLength(report.text);
  for (const p of report.projects) {
    const share = ((100 * p.exclusive) / total).toFixed(1);
    console.log(`${p.project.padEnd(24)} reachable ${kb(p.reachable).padStart(10)}  exclusive ${kb(p.exclusive).padStart(10)} (${share}% of the file)`);
  }
  console.log(
    `\ncompile-schemas: ${report.kinds.length} kinds from ${report.files.length} files, ${report.nodes} shared nodes, ` +
      `${path.relative(process.cwd(), COMPACT_SCHEMAS_PATH)} is ${kb(total)}`,
  );
}
