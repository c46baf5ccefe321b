/**
 * Strict schema validation of generated manifests, for tests.
 *
 * - Kinds defined by the upstream CRDs in ../shared/crds are validated against the CRD's
 *   openAPIV3Schema, made strict the way `kubectl apply --validate=strict` is: a field the
 *   API server would prune is an error.
 * - Core kinds (and Knative kinds when ../shared/crds is absent) fall back to the validators
 *   shipped with `kubernetes-models` / `@kubernetes-models/knative`, which do not reject
 *   unknown fields; only `metadata` is checked strictly for them.
 * - Other CRD kinds without ../shared/crds (a user's clone) use the compact schemas the
 *   package ships (imports/compact-schemas.ts, generated from the same CRDs).
 *
 * Environment: CDK8S_AGENTS_CRDS_DIR overrides the CRD folder; set it to the empty string to
 * disable CRD validation (the self-test uses this to exercise the fallback path).
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { checkSchema } from '../../lib/engine/schema-check';

const CRDS_DIR_ENV = 'CDK8S_AGENTS_CRDS_DIR';

function resolveCrdsDir(): string | undefined {
  const override = process.env[CRDS_DIR_ENV];
  if (override === '') return undefined;
  const dir = path.resolve(override ?? path.resolve(__dirname, '../../../shared/crds'));
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) return dir;
  // An explicit override that points nowhere is a setup mistake: fail loudly rather than
  // silently testing less.
  if (override !== undefined) throw new Error(`${CRDS_DIR_ENV}=${override} is not a directory`);
  return undefined;
}

/** Absolute path of the upstream CRD folder (../shared/crds relative to the repo root), or undefined when it does not exist (a user's clone has no ../shared). */
export const SHARED_CRDS_DIR: string | undefined = resolveCrdsDir();

type Validator = 'crd-strict' | 'package' | 'compact' | undefined;
type Segment = string | number;

// ---------------------------------------------------------------------------------------------
// ObjectMeta: CRD schemas declare `metadata: {type: object}` (the API server knows the real
// schema), so we substitute the subset a manifest generator legitimately emits.

const STRING_MAP = { type: 'object', additionalProperties: { type: 'string' } };
const OBJECT_META_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    generateName: { type: 'string' },
    namespace: { type: 'string' },
    labels: STRING_MAP,
    annotations: STRING_MAP,
    finalizers: { type: 'array', items: { type: 'string' } },
    ownerReferences: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['apiVersion', 'kind', 'name', 'uid'],
        properties: {
          apiVersion: { type: 'string' },
          kind: { type: 'string' },
          name: { type: 'string' },
          uid: { type: 'string' },
          controller: { type: 'boolean' },
          blockOwnerDeletion: { type: 'boolean' },
        },
      },
    },
  },
};

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/** Kubernetes "qualified name" rules, used for label and annotation keys. */
function qualifiedNameProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'must be "[prefix/]name"';
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) {
      return 'prefix must be a lowercase DNS subdomain of at most 253 characters';
    }
  }
  if (name.length === 0) return 'name part must not be empty';
  if (name.length > 63) return 'name part must be 63 characters or less';
  if (!QUALIFIED_NAME.test(name)) {
    return 'name part must be alphanumeric, "-", "_" or ".", starting and ending with an alphanumeric character';
  }
  return undefined;
}

function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return 'must be 63 characters or less';
  if (!LABEL_VALUE.test(value)) {
    return 'must be empty or alphanumeric, "-", "_" or ".", starting and ending with an alphanumeric character';
  }
  return undefined;
}

/** Rules that are code in the API server rather than schema. Type errors are left to the schema. */
function checkMetadataRules(meta: any, at: Segment[], requireName: boolean): string[] {
  if (!isPlainObject(meta)) return [];
  const errors: string[] = [];
  if (requireName && !meta.name && !meta.generateName) {
    errors.push(`${formatPath([...at, 'name'])}: required field is missing`);
  }
  if (typeof meta.namespace === 'string' && (meta.namespace.length > 63 || !DNS1123_LABEL.test(meta.namespace))) {
    errors.push(`${formatPath([...at, 'namespace'])}: must be a lowercase DNS label of at most 63 characters`);
  }
  for (const field of ['labels', 'annotations'] as const) {
    const map = meta[field];
    if (!isPlainObject(map)) continue;
    let size = 0;
    for (const [key, value] of Object.entries(map)) {
      const where = formatPath([...at, field, key]);
      const keyProblem = qualifiedNameProblem(key);
      if (keyProblem) errors.push(`${where}: invalid ${field === 'labels' ? 'label' : 'annotation'} key: ${keyProblem}`);
      if (typeof value !== 'string') continue;
      size += key.length + value.length;
      const valueProblem = field === 'labels' ? labelValueProblem(value) : undefined;
      if (valueProblem) errors.push(`${where}: invalid label value: ${valueProblem}`);
    }
    if (field === 'annotations' && size > MAX_ANNOTATIONS_BYTES) {
      errors.push(`${formatPath([...at, field])}: total size must be 256KiB or less`);
    }
  }
  return errors;
}

function checkAllMetadataRules(obj: any): string[] {
  return [
    ...checkMetadataRules(obj.metadata, ['metadata'], true),
    // Pod template labels end up on real pods (Deployment, Job, Knative revisions), same rules.
    ...checkMetadataRules(obj.spec?.template?.metadata, ['spec', 'template', 'metadata'], false),
  ];
}

// ---------------------------------------------------------------------------------------------
// Ajv

/**
 * CRD patterns are Go RE2 syntax. Two constructs in the upstream CRDs differ from JS:
 * a leading flag group like `(?i)` and one-letter Unicode classes like `\PC` (JS: `\P{C}`).
 */
const goRegExp = Object.assign(
  (pattern: string, u: string): RegExp => {
    let flags = u;
    const source = pattern
      .replace(/^(\^?)\(\?([ims]+)\)/, (_m, caret: string, goFlags: string) => {
        flags += goFlags;
        return caret;
      })
      .replace(/\\\\|\\([pP])([A-Za-z])/g, (m, p?: string, cls?: string) => (p ? `\\${p}{${cls}}` : m));
    return new RegExp(source, flags);
  },
  { code: 'goRegExp' },
);

let ajvInstance: Ajv | undefined;
function ajv(): Ajv {
  if (!ajvInstance) {
    // verbose: errors carry their schema, used to word anyOf/oneOf errors.
    ajvInstance = new Ajv({ allErrors: true, strict: false, verbose: true, code: { regExp: goRegExp } });
    addFormats(ajvInstance); // includes int32, int64 and byte (base64), matching Kubernetes
  }
  return ajvInstance;
}

/** Formats Kubernetes knows but ajv-formats does not (e.g. cidr, idn-hostname) are accepted unchecked. */
function registerUnknownFormats(schema: any): void {
  const a = ajv();
  const visit = (s: any): void => {
    if (Array.isArray(s)) return s.forEach(visit);
    if (!isPlainObject(s)) return;
    if (typeof s.format === 'string' && !a.formats[s.format]) a.addFormat(s.format, true);
    Object.values(s).forEach(visit);
  };
  visit(schema);
}

let metadataOnlyValidator: ValidateFunction | undefined;
function metadataValidator(): ValidateFunction {
  metadataOnlyValidator ??= ajv().compile({
    type: 'object',
    required: ['metadata'],
    properties: { metadata: OBJECT_META_SCHEMA },
  });
  return metadataOnlyValidator;
}

// ---------------------------------------------------------------------------------------------
// CRDs. Parsing every CRD file costs ~1s, so we index which files mention which kind names
// with a cheap text scan, and parse/compile only the files a validated kind needs.

interface CrdVersion {
  schema: any;
}

let kindIndex: Map<string, string[]> | undefined; // kind name -> candidate files
const parsedFiles = new Set<string>();
const crdVersions = new Map<string, CrdVersion>(); // "group/version Kind" -> schema
const crdValidators = new Map<string, ValidateFunction>();

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(e.name) ? [full] : [];
    });
}

function candidateFiles(kind: string): string[] {
  if (!SHARED_CRDS_DIR) return [];
  if (!kindIndex) {
    kindIndex = new Map();
    // Matches `kind: X`, `kind: "X"` and JSON-style `"kind": "X"`; over-matching only costs a parse.
    const kindLine = /["']?kind["']?\s*:\s*["']?([A-Za-z][A-Za-z0-9]*)/g;
    for (const file of yamlFiles(SHARED_CRDS_DIR)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const name of new Set(Array.from(text.matchAll(kindLine), (m) => m[1]))) {
        kindIndex.set(name, [...(kindIndex.get(name) ?? []), file]);
      }
    }
  }
  return kindIndex.get(kind) ?? [];
}

function loadCrdFile(file: string): void {
  if (parsedFiles.has(file)) return;
  parsedFiles.add(file);
  for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    if (doc.errors.length > 0) throw new Error(`cannot parse ${file}: ${doc.errors[0].message}`);
    const crd = doc.toJS();
    // The CRD folders also hold ConfigMaps (config-features.yaml...): not schemas.
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    const { group, names, versions } = crd.spec ?? {};
    for (const v of versions ?? []) {
      if (!v.served) continue;
      const schema = v.schema?.openAPIV3Schema ?? crd.spec.validation?.openAPIV3Schema;
      crdVersions.set(`${group}/${v.name} ${names?.kind}`, { schema });
    }
  }
}

function crdVersion(apiVersion: string, kind: string): CrdVersion | undefined {
  if (!apiVersion.includes('/')) return undefined; // core group: never a CRD
  const key = `${apiVersion} ${kind}`;
  if (!crdVersions.has(key)) candidateFiles(kind).forEach(loadCrdFile);
  return crdVersions.get(key);
}

function isObjectType(type: unknown): boolean {
  return type === 'object' || (Array.isArray(type) && type.includes('object'));
}

function isIntOrStringAnyOf(anyOf: unknown): boolean {
  if (!Array.isArray(anyOf) || anyOf.length !== 2) return false;
  const types = anyOf.map((s) => (isPlainObject(s) && Object.keys(s).length === 1 ? s.type : undefined)).sort();
  return types[0] === 'integer' && types[1] === 'string';
}

/**
 * Makes a structural schema strict. Only the structural part (properties, items,
 * additionalProperties) is rewritten: anyOf/oneOf/allOf branches are value constraints that
 * often list a single property (`oneOf: [{required: [a]}, ...]`) and must not become closed.
 * `x-kubernetes-preserve-unknown-fields` applies per node, as in the API server: declared
 * nested properties below it are still strict unless they carry the flag themselves.
 */
function strictSchema(s: any): any {
  if (!isPlainObject(s)) return s;
  const out: any = { ...s };
  delete out.description; // never read; keeps compiled validators small
  if (s['x-kubernetes-int-or-string'] === true) {
    // Generated CRDs spell it anyOf[integer,string]: a type list gives "must be integer or string".
    if (isIntOrStringAnyOf(out.anyOf)) delete out.anyOf;
    out.type = ['integer', 'string'];
  }
  if (s.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.type)) out.type = [...out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  if (isPlainObject(s.properties)) {
    out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, strictSchema(v)]));
  }
  if (s.items !== undefined) out.items = Array.isArray(s.items) ? s.items.map(strictSchema) : strictSchema(s.items);
  if (isPlainObject(s.additionalProperties)) out.additionalProperties = strictSchema(s.additionalProperties);
  if (s['x-kubernetes-embedded-resource'] === true) {
    out.properties = {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: OBJECT_META_SCHEMA,
      ...out.properties,
    };
  }
  // A declared object without additionalProperties has every undeclared field pruned by the
  // API server (even with no `properties` at all), which strict validation reports.
  if (isObjectType(out.type) && out.additionalProperties === undefined && s['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

function crdValidator(apiVersion: string, kind: string, crd: CrdVersion): ValidateFunction {
  const key = `${apiVersion} ${kind}`;
  let validate = crdValidators.get(key);
  if (!validate) {
    const root = strictSchema(crd.schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
    root.type = 'object';
    // apiVersion/kind/metadata are implicit at the root of every custom resource.
    root.properties = { ...root.properties, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: OBJECT_META_SCHEMA };
    root.required = Array.from(new Set([...(root.required ?? []), 'apiVersion', 'kind', 'metadata']));
    registerUnknownFormats(root);
    validate = ajv().compile(root);
    crdValidators.set(key, validate);
  }
  return validate;
}

// ---------------------------------------------------------------------------------------------
// kubernetes-models fallback

interface PackageModel {
  new (data: any): { validate(): void };
  apiVersion: string;
  kind: string;
}

const packageModels = new Map<string, PackageModel | null>();

/** `apps/v1` + `Deployment` -> `kubernetes-models/apps/v1/Deployment` (core `v1` has no group). */
function packageModel(apiVersion: string, kind: string): PackageModel | undefined {
  const key = `${apiVersion} ${kind}`;
  if (!packageModels.has(key)) packageModels.set(key, findPackageModel(apiVersion, kind) ?? null);
  return packageModels.get(key) ?? undefined;
}

function findPackageModel(apiVersion: string, kind: string): PackageModel | undefined {
  // Both strings go into a require() path: accept only well-formed names.
  if (!/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?v[0-9]+((alpha|beta)[0-9]+)?$/.test(apiVersion)) return undefined;
  if (!/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
  // Knative kinds come from the package only without CRDs: the CRDs are the source of truth.
  const packages = SHARED_CRDS_DIR ? ['kubernetes-models'] : ['kubernetes-models', '@kubernetes-models/knative'];
  for (const pkg of packages) {
    const modulePath = `${pkg}/${apiVersion}/${kind}`;
    try {
      require.resolve(modulePath);
    } catch {
      continue;
    }
    const model = require(modulePath)[kind];
    // Non-resource types (v1/Container...) have no apiVersion/kind: not a manifest kind.
    if (typeof model === 'function' && model.apiVersion === apiVersion && model.kind === kind) return model;
  }
  return undefined;
}

function validateWithPackage(model: PackageModel, obj: any): string[] {
  const errors: string[] = [];
  try {
    new model(obj).validate();
  } catch (e: any) {
    if (!Array.isArray(e?.errors)) throw e;
    errors.push(...formatAjvErrors(e.errors, obj));
  }
  const validateMeta = metadataValidator();
  if (!validateMeta(obj)) errors.push(...formatAjvErrors(validateMeta.errors ?? [], obj));
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Error formatting

function isPlainObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `['spec', 'containers', 0, 'app.kubernetes.io/name']` -> `spec.containers[0]["app.kubernetes.io/name"]` */
function formatPath(segments: Segment[]): string {
  if (segments.length === 0) return '(root)';
  return segments
    .map((s, i) => {
      if (typeof s === 'number') return `[${s}]`;
      if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(s)) return i === 0 ? s : `.${s}`;
      return `[${JSON.stringify(s)}]`;
    })
    .join('');
}

/** JSON pointer -> segments; a segment is an index only where the data is an array (a map key can be "0"). */
function pointerSegments(pointer: string, data: any): Segment[] {
  const segments: Segment[] = [];
  let node = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(node) && /^\d+$/.test(key) ? Number(key) : key;
    segments.push(segment);
    node = node?.[segment];
  }
  return segments;
}

function formatAjvError(e: ErrorObject, data: any): string {
  const at = pointerSegments(e.instancePath, data);
  const params: any = e.params;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${formatPath([...at, params.additionalProperty])}: unknown field`;
    case 'required':
      return `${formatPath([...at, params.missingProperty])}: required field is missing`;
    case 'type':
      return `${formatPath(at)}: must be ${String(params.type).split(',').join(' or ')}`;
    case 'enum': {
      const allowed: unknown[] = params.allowedValues ?? [];
      const shown = allowed.slice(0, 10).map((v) => JSON.stringify(v)).join(', ');
      return `${formatPath(at)}: must be one of ${shown}${allowed.length > 10 ? ', ...' : ''}`;
    }
    case 'anyOf':
    case 'oneOf': {
      // Typical CRD use: `oneOf: [{required: [a]}, {required: [b]}]`.
      const branches: any[] = Array.isArray(e.schema) ? e.schema : [];
      const fields = branches.map((b) => (isPlainObject(b) && Array.isArray(b.required) && b.required.length === 1 ? b.required[0] : undefined));
      if (fields.length > 0 && fields.every((f) => typeof f === 'string')) {
        return `${formatPath(at)}: must set ${e.keyword === 'oneOf' ? 'exactly' : 'at least'} one of ${fields.join(', ')}`;
      }
      return `${formatPath(at)}: ${e.message}`;
    }
    default:
      return `${formatPath(at)}: ${e.message}`;
  }
}

/** Drops the per-branch errors under a failed anyOf/oneOf: the combinator error says it. */
function formatAjvErrors(errors: ErrorObject[], data: any): string[] {
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  // After a type error, other errors on the same value (format int64, pattern...) are noise.
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const kept = errors.filter(
    (e) =>
      !(e.keyword !== 'type' && wrongType.has(e.instancePath)) &&
      !combinators.some(
        (c) => c !== e && e.schemaPath.startsWith(`${c.schemaPath}/`) && e.instancePath.startsWith(c.instancePath),
      ),
  );
  return kept.map((e) => formatAjvError(e, data));
}

// ---------------------------------------------------------------------------------------------
// Public API

/** Which validator handles a kind: 'crd-strict' (from ../shared/crds), 'package' (kubernetes-models fallback), or undefined (unknown kind -> validateManifest reports an error "no schema for <apiVersion>/<kind>"). */
export function validatorFor(apiVersion: string, kind: string): Validator {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  if (crdVersion(apiVersion, kind)) return 'crd-strict';
  if (packageModel(apiVersion, kind)) return 'package';
  if (checkSchema({}, apiVersion, kind) !== undefined) return 'compact';
  return undefined;
}

/** Validates one Kubernetes manifest object (apiVersion/kind/metadata/...). Returns human-readable error strings, empty when valid. Never throws for bad input. */
export function validateManifest(obj: any): string[] {
  try {
    if (!isPlainObject(obj)) return ['(root): manifest must be an object'];
    const { apiVersion, kind } = obj;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      return ['(root): apiVersion and kind must be strings'];
    }
    let errors: string[];
    const crd = crdVersion(apiVersion, kind);
    const model = crd ? undefined : packageModel(apiVersion, kind);
    if (crd) {
      const validate = crdValidator(apiVersion, kind, crd);
      errors = validate(obj) ? [] : formatAjvErrors(validate.errors ?? [], obj);
    } else if (model) {
      errors = validateWithPackage(model, obj);
    } else if (checkSchema(obj, apiVersion, kind) !== undefined) {
      // Without ../shared/crds: the compact schemas the package ships (generated from the same CRDs).
      errors = checkSchema(obj, apiVersion, kind)!.map((p) => `${p.path}: ${p.kind}${p.expected && p.kind !== 'unknown-field' ? ` (expected ${p.expected})` : ''}`);
    } else {
      return [`no schema for ${apiVersion}/${kind}`];
    }
    // Package and metadata checks can report the same problem twice.
    return Array.from(new Set([...errors, ...checkAllMetadataRules(obj)]));
  } catch (e: any) {
    return [`validator failure: ${e?.message ?? String(e)}`];
  }
}

/** Validates many; returns errors prefixed with `<kind>/<metadata.name>: `. */
export function validateManifests(objs: any[]): string[] {
  if (!Array.isArray(objs)) return ['manifests must be an array'];
  return objs.flatMap((obj) => {
    const prefix = `${obj?.kind ?? '<no kind>'}/${obj?.metadata?.name ?? '<no name>'}: `;
    return validateManifest(obj).map((e) => prefix + e);
  });
}
