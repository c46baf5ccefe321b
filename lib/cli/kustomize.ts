// Reading a kustomization folder the way `kustomize build` (`kubectl
// kustomize`) reads it, for the check command: its `resources` are the objects
// (folders with their own kustomization built first), patch files are applied
// to their targets, not checked as objects. What kustomize would generate or
// fetch (generators, Helm charts, components, remote bases) is skipped with a
// note: the check never fails on a feature it does not model.
import * as fs from 'fs';
import * as path from 'path';
import type { JsonPatch } from 'cdk8s';
import { errorMessage } from '../engine/engine';
import { isObject, JsonObject } from '../engine/json';
import type { InputError } from './manifests';
import { displayPath, kustomizationFileOf, SkippedInput } from './sources';
import { YAML_PARSE_OPTIONS, yamlParser } from '../engine/yaml-parser';

/** A parsed YAML document (as manifests.ts's readYaml returns it). */
export interface YamlDocument {
  readonly document: number;
  readonly value: unknown;
}

/** How the builder reads files: manifests.ts's YAML reader, shown paths and exclusions. */
export interface KustomizeIO {
  readonly read: (abs: string) => { documents: YamlDocument[]; errors: InputError[] };
  readonly cwd: string;
  /** Whether `--exclude` leaves this file out. @default - nothing is excluded */
  readonly excluded?: (abs: string) => boolean;
}

/** An object of a kustomize build and where its YAML came from. */
export interface BuiltObject {
  object: unknown;
  /** Absolute path of the resource file. */
  readonly path: string;
  readonly document: number;
  /** Index in the `items` of a `kind: List` document. @default - not a list item */
  readonly item?: number;
  /** Patch files (shown paths) applied to it, in order. */
  readonly patchedBy: string[];
  /** metadata.name as the resource file wrote it (kustomize matches patches by it too). @default - no name */
  readonly originalName?: string;
}

export interface KustomizeBuild {
  /** The kustomization folder (absolute). */
  readonly dir: string;
  readonly objects: BuiltObject[];
  readonly errors: InputError[];
  readonly skipped: SkippedInput[];
  /** Every file the build read: kustomization files, resources, patches (absolute, real paths). */
  readonly consumed: Set<string>;
  /** Kustomization folders built on the way, this one excluded (absolute, real paths). */
  readonly bases: Set<string>;
}

const real = (p: string): string => {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
};

/**
 * Kustomize's own kinds: configuration of the build, not objects for the cluster.
 * (Flux's `kustomize.toolkit.fluxcd.io` Kustomization is an object: not this.)
 */
export function isKustomizeConfig(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (typeof v.apiVersion === 'string') return v.apiVersion.startsWith('kustomize.config.k8s.io/');
  return v.kind === 'Kustomization' || v.kind === 'Component';
}

/** A resource kustomize would fetch (a git or http URL): not read here. */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)|\?ref=|\/\/.*\?|\.git(?:\/|$)/i;

/** Fields of a kustomization that generate or transform objects in ways the check does not model. */
const NOT_MODELLED: Record<string, string> = {
  configMapGenerator: 'generated ConfigMaps are not checked',
  secretGenerator: 'generated Secrets are not checked',
  helmCharts: 'Helm charts are not rendered: check `kubectl kustomize --enable-helm <dir> | cdk8s-agents check -`',
  helmChartInflationGenerator: 'Helm charts are not rendered: check `kubectl kustomize --enable-helm <dir> | cdk8s-agents check -`',
  generators: 'generator plugins are not run',
  transformers: 'transformer plugins are not run',
  validators: 'validator plugins are not run',
  components: 'components are not applied',
  replacements: 'replacements are not applied',
  vars: 'vars are not substituted',
  namePrefix: 'name prefixes are not applied (names, and references between objects, are checked as the resources write them)',
  nameSuffix: 'name suffixes are not applied (names, and references between objects, are checked as the resources write them)',
  crds: 'custom schemas are not read: patches replace the lists of custom resources instead of merging them',
  openapi: 'custom schemas are not read: patches replace the lists of custom resources instead of merging them',
};

/**
 * Built-in cluster-scoped kinds: kustomize's `namespace:` leaves them alone. Kustomize
 * knows no custom resource's scope, so it sets the namespace on every custom kind
 * (even a ClusterIssuer), and it renames a Namespace object to the namespace.
 */
const CLUSTER_SCOPED = new Set([
  'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'StorageClass', 'PriorityClass',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'APIService', 'IngressClass', 'RuntimeClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'CertificateSigningRequest',
  'PriorityLevelConfiguration', 'FlowSchema',
]);

/** Builds the kustomization in `dir`, as `kubectl kustomize <dir>` would, as far as modelled. Never throws on bad input. */
export function buildKustomization(dir: string, io: KustomizeIO): KustomizeBuild {
  const build: KustomizeBuild = { dir, objects: [], errors: [], skipped: [], consumed: new Set(), bases: new Set() };
  build.objects.push(...buildDir(dir, io, build, [real(dir)]));
  return build;
}

function buildDir(dir: string, io: KustomizeIO, build: KustomizeBuild, stack: string[]): BuiltObject[] {
  const kfile = kustomizationFileOf(dir);
  const shownDir = displayPath(dir, io.cwd);
  if (kfile === undefined) {
    build.errors.push({ file: shownDir, message: 'a folder listed as a kustomize resource must hold a kustomization.yaml' });
    return [];
  }
  const shownK = displayPath(kfile, io.cwd);
  build.consumed.add(real(kfile));
  const read = io.read(kfile);
  build.errors.push(...read.errors);
  const k = read.documents.find((d) => d.value !== null && d.value !== undefined)?.value;
  if (k === undefined && read.errors.length === 0) return []; // an empty kustomization builds nothing
  if (!isObject(k)) {
    if (read.errors.length === 0) build.errors.push({ file: shownK, message: 'a kustomization must be a mapping' });
    return [];
  }
  if (k.kind === 'Component') {
    build.skipped.push({ file: shownK, reason: 'a kustomize Component: read through the kustomization that lists it, which is not modelled' });
    return [];
  }
  for (const field of Object.keys(NOT_MODELLED)) {
    const v = k[field];
    if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0) && !(isObject(v) && Object.keys(v).length === 0)) {
      build.skipped.push({ file: `${shownK} ${field}`, reason: `${NOT_MODELLED[field]}` });
    }
  }

  // Resources (and the legacy `bases:`), in order.
  const objects: BuiltObject[] = [];
  for (const entry of [...list(k.resources), ...list(k.bases)]) {
    if (typeof entry !== 'string' || entry.trim() === '') {
      build.errors.push({ file: shownK, message: `resources: ${JSON.stringify(entry)} is not a path` });
      continue;
    }
    if (REMOTE.test(entry)) {
      build.skipped.push({ file: `${shownK} resources`, reason: `remote resource ${entry} is not fetched` });
      continue;
    }
    const abs = path.resolve(dir, entry);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      build.errors.push({ file: shownK, message: `resources: ${entry}: no such file or directory` });
      continue;
    }
    if (io.excluded?.(abs)) continue;
    if (st.isDirectory()) {
      const key = real(abs);
      if (stack.includes(key)) {
        build.errors.push({ file: shownK, message: `resources: ${entry} includes itself (a kustomization cycle)` });
        continue;
      }
      build.bases.add(key);
      objects.push(...buildDir(abs, io, build, [...stack, key]));
    } else {
      build.consumed.add(real(abs));
      objects.push(...readObjects(abs, io, build));
    }
  }

  // Transformers in kustomize's order: strategic-merge patches, patches, namespace, labels, annotations, JSON 6902 patches, replicas, images.
  for (const entry of list(k.patchesStrategicMerge)) {
    if (typeof entry !== 'string') continue;
    // An entry is a file path or an inline patch (YAML text).
    const inline = entry.includes('\n') || /^\s*apiVersion:/.test(entry);
    const patches = inline ? parseInline(entry, shownK, build) : readPatch(path.resolve(dir, entry), io, build, shownK);
    const from = inline ? `${shownK} patchesStrategicMerge` : displayPath(path.resolve(dir, entry), io.cwd);
    for (const p of patches) applyStrategic(objects, p, undefined, from, build);
  }
  for (const entry of list(k.patches)) {
    if (!isObject(entry)) {
      build.errors.push({ file: shownK, message: `patches: ${JSON.stringify(entry)} is not a mapping with path or patch` });
      continue;
    }
    const from = typeof entry.path === 'string' ? displayPath(path.resolve(dir, entry.path), io.cwd) : `${shownK} patches`;
    const patches = typeof entry.path === 'string' ? readPatch(path.resolve(dir, entry.path), io, build, shownK) : typeof entry.patch === 'string' ? parseInline(entry.patch, shownK, build) : [];
    const target = isObject(entry.target) ? entry.target : undefined;
    for (const p of patches) {
      if (Array.isArray(p)) {
        if (target === undefined) build.errors.push({ file: shownK, message: `patches: the JSON 6902 patch ${from} needs a target` });
        else applyJson6902(objects, p, target, from, build);
      } else {
        applyStrategic(objects, p, target, from, build);
      }
    }
  }
  if (typeof k.namespace === 'string' && k.namespace !== '') {
    for (const o of objects) {
      const v = o.object;
      if (!isObject(v) || typeof v.kind !== 'string') continue;
      const meta = isObject(v.metadata) ? v.metadata : {};
      const builtIn = BUILT_IN_GROUPS.has(groupOf(v.apiVersion));
      if (builtIn && v.kind === 'Namespace') o.object = { ...v, metadata: { ...meta, name: k.namespace } };
      else if (!(builtIn && CLUSTER_SCOPED.has(v.kind))) o.object = { ...v, metadata: { ...meta, namespace: k.namespace } };
    }
  }
  // Labels and annotations: kustomize's field specs (metadata, and the selectors and pod templates of built-in kinds).
  const labelSets: { pairs: JsonObject; selectors: boolean; templates: boolean }[] = [];
  if (isObject(k.commonLabels)) labelSets.push({ pairs: k.commonLabels, selectors: true, templates: true });
  for (const l of list(k.labels)) {
    if (isObject(l) && isObject(l.pairs)) labelSets.push({ pairs: l.pairs, selectors: l.includeSelectors === true, templates: l.includeSelectors === true || l.includeTemplates === true });
  }
  for (const { pairs, selectors, templates } of labelSets) {
    const specs = LABEL_SPECS.filter((f) => f.path === 'metadata/labels' || (f.selector ? selectors : templates));
    for (const o of objects) o.object = applyFieldSpecs(o.object, specs, stringPairs(pairs));
  }
  if (isObject(k.commonAnnotations)) for (const o of objects) o.object = applyFieldSpecs(o.object, ANNOTATION_SPECS, stringPairs(k.commonAnnotations));
  for (const entry of list(k.patchesJson6902)) {
    if (!isObject(entry) || !isObject(entry.target)) {
      build.errors.push({ file: shownK, message: `patchesJson6902: ${JSON.stringify(entry)} needs a target` });
      continue;
    }
    const from = typeof entry.path === 'string' ? displayPath(path.resolve(dir, entry.path), io.cwd) : `${shownK} patchesJson6902`;
    const patches = typeof entry.path === 'string' ? readPatch(path.resolve(dir, entry.path), io, build, shownK) : typeof entry.patch === 'string' ? parseInline(entry.patch, shownK, build) : [];
    for (const p of patches) {
      if (Array.isArray(p)) applyJson6902(objects, p, entry.target, from, build);
      else build.errors.push({ file: from, message: 'a JSON 6902 patch must be a list of operations' });
    }
  }
  for (const entry of list(k.replicas)) {
    if (!isObject(entry) || typeof entry.name !== 'string' || typeof entry.count !== 'number') continue;
    const hits = objects.filter((o) => isObject(o.object) && REPLICATED.has(String(o.object.kind)) && nameOf(o.object) === entry.name);
    if (hits.length === 0) build.skipped.push({ file: `${shownK} replicas`, reason: `no Deployment, StatefulSet, ReplicaSet or ReplicationController named ${entry.name}: not applied` });
    for (const o of hits) {
      const v = o.object as JsonObject;
      o.object = { ...v, spec: { ...(isObject(v.spec) ? v.spec : {}), replicas: entry.count } };
    }
  }
  const images = list(k.images).filter((i): i is JsonObject => isObject(i) && typeof i.name === 'string');
  if (images.length > 0) for (const o of objects) o.object = retagImages(o.object, images);
  return objects;
}

/** Where kustomize writes labels or annotations: a `/`-separated path (lists are walked into), in objects of a kind. */
interface FieldSpec {
  readonly path: string;
  /** `*`: every kind. */
  readonly kind: string;
  /** @default - any group */
  readonly group?: string;
  /** @default - any version */
  readonly version?: string;
  /** Creates the field (and the maps above it) when absent. @default false */
  readonly create?: boolean;
  /** A selector (labels only with commonLabels or `includeSelectors`); else a template (also with `includeTemplates`). @default false */
  readonly selector?: boolean;
}

const AFFINITY = [
  'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
];

/** Kustomize's commonLabels field specs (api/konfig/builtinpluginconsts/commonlabels.go). */
const LABEL_SPECS: readonly FieldSpec[] = [
  { path: 'metadata/labels', kind: '*', create: true },
  { path: 'spec/selector', kind: 'Service', version: 'v1', create: true, selector: true },
  { path: 'spec/selector', kind: 'ReplicationController', version: 'v1', create: true, selector: true },
  { path: 'spec/template/metadata/labels', kind: 'ReplicationController', version: 'v1', create: true },
  { path: 'spec/selector/matchLabels', kind: 'Deployment', create: true, selector: true },
  { path: 'spec/template/metadata/labels', kind: 'Deployment', create: true },
  ...AFFINITY.map((path) => ({ path, kind: 'Deployment', group: 'apps', selector: true })),
  { path: 'spec/selector/matchLabels', kind: 'ReplicaSet', create: true, selector: true },
  { path: 'spec/template/metadata/labels', kind: 'ReplicaSet', create: true },
  { path: 'spec/selector/matchLabels', kind: 'DaemonSet', create: true, selector: true },
  { path: 'spec/template/metadata/labels', kind: 'DaemonSet', create: true },
  { path: 'spec/selector/matchLabels', kind: 'StatefulSet', group: 'apps', create: true, selector: true },
  { path: 'spec/template/metadata/labels', kind: 'StatefulSet', group: 'apps', create: true },
  ...AFFINITY.map((path) => ({ path, kind: 'StatefulSet', group: 'apps', selector: true })),
  { path: 'spec/volumeClaimTemplates/metadata/labels', kind: 'StatefulSet', group: 'apps', create: true },
  { path: 'spec/selector/matchLabels', kind: 'Job', group: 'batch', selector: true },
  { path: 'spec/template/metadata/labels', kind: 'Job', group: 'batch', create: true },
  { path: 'spec/jobTemplate/spec/selector/matchLabels', kind: 'CronJob', group: 'batch', selector: true },
  { path: 'spec/jobTemplate/metadata/labels', kind: 'CronJob', group: 'batch', create: true },
  { path: 'spec/jobTemplate/spec/template/metadata/labels', kind: 'CronJob', group: 'batch', create: true },
  { path: 'spec/selector/matchLabels', kind: 'PodDisruptionBudget', group: 'policy', selector: true },
  { path: 'spec/podSelector/matchLabels', kind: 'NetworkPolicy', group: 'networking.k8s.io', selector: true },
  { path: 'spec/ingress/from/podSelector/matchLabels', kind: 'NetworkPolicy', group: 'networking.k8s.io', selector: true },
  { path: 'spec/egress/to/podSelector/matchLabels', kind: 'NetworkPolicy', group: 'networking.k8s.io', selector: true },
];

/** Kustomize's commonAnnotations field specs (builtinpluginconsts/commonannotations.go). */
const ANNOTATION_SPECS: readonly FieldSpec[] = [
  { path: 'metadata/annotations', kind: '*', create: true },
  { path: 'spec/template/metadata/annotations', kind: 'ReplicationController', version: 'v1', create: true },
  ...['Deployment', 'ReplicaSet', 'DaemonSet'].map((kind) => ({ path: 'spec/template/metadata/annotations', kind, create: true })),
  { path: 'spec/template/metadata/annotations', kind: 'StatefulSet', group: 'apps', create: true },
  { path: 'spec/template/metadata/annotations', kind: 'Job', group: 'batch', create: true },
  { path: 'spec/jobTemplate/metadata/annotations', kind: 'CronJob', group: 'batch', create: true },
  { path: 'spec/jobTemplate/spec/template/metadata/annotations', kind: 'CronJob', group: 'batch', create: true },
];

const stringPairs = (o: JsonObject): Record<string, string> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));

function applyFieldSpecs(v: unknown, specs: readonly FieldSpec[], pairs: Record<string, string>): unknown {
  if (!isObject(v)) return v;
  let out: unknown = v;
  for (const f of specs) {
    if (f.kind !== '*' && f.kind !== v.kind) continue;
    if (f.group !== undefined && f.group !== groupOf(v.apiVersion)) continue;
    if (f.version !== undefined && f.version !== versionOf(v.apiVersion)) continue;
    out = addPairs(out, f.path.split('/'), pairs, f.create === true);
  }
  return out;
}

/** Adds the pairs to the map at the path; lists on the way are walked into. Without `create`, only where the path exists. */
function addPairs(v: unknown, path: readonly string[], pairs: Record<string, string>, create: boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => addPairs(x, path, pairs, create));
  if (path.length === 0) return isObject(v) ? { ...v, ...pairs } : v === undefined && create ? { ...pairs } : v;
  if (!isObject(v)) return v === undefined && create ? addPairs({}, path, pairs, create) : v;
  const [head, ...rest] = path;
  if ((v[head] === undefined || v[head] === null) && !create) return v;
  return { ...v, [head]: addPairs(v[head] ?? undefined, rest, pairs, create) };
}

/** The kinds kustomize's `replicas:` sets. */
const REPLICATED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/**
 * Kustomize's `images:`: the `image` of every item of a `containers` or
 * `initContainers` list, at any depth and in any kind, whose name (without
 * tag or digest) is an entry's `name` gets its `newName`, `newTag`, `digest`.
 */
function retagImages(v: unknown, images: readonly JsonObject[]): unknown {
  if (Array.isArray(v)) return v.map((x) => retagImages(x, images));
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(v)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      out[key] = value.map((c) => (isObject(c) && typeof c.image === 'string' ? { ...retagImages(c, images) as JsonObject, image: retag(c.image, images) } : retagImages(c, images)));
    } else {
      out[key] = retagImages(value, images);
    }
  }
  return out;
}

function retag(image: string, images: readonly JsonObject[]): string {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const rest = at >= 0 ? image.slice(0, at) : image;
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined;
  const name = tag !== undefined ? rest.slice(0, colon) : rest;
  const entry = images.find((i) => i.name === name);
  if (entry === undefined) return image;
  const newName = typeof entry.newName === 'string' ? entry.newName : name;
  const newTag = typeof entry.newTag === 'string' ? entry.newTag : typeof entry.newTag === 'number' ? String(entry.newTag) : undefined;
  const newDigest = typeof entry.digest === 'string' ? entry.digest : undefined;
  if (newDigest !== undefined) return `${newName}${newTag !== undefined ? `:${newTag}` : ''}@${newDigest}`;
  if (newTag !== undefined) return `${newName}:${newTag}`;
  return `${newName}${tag !== undefined ? `:${tag}` : ''}${digest !== undefined ? `@${digest}` : ''}`;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The objects of a resource file: empty documents skipped, `kind: List` expanded. */
function readObjects(abs: string, io: KustomizeIO, build: KustomizeBuild): BuiltObject[] {
  const read = io.read(abs);
  build.errors.push(...read.errors);
  const out: BuiltObject[] = [];
  for (const { document, value } of read.documents) {
    if (value === null || value === undefined) continue;
    if (isObject(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
      value.items.forEach((item, j) => {
        if (item !== null && item !== undefined) out.push({ object: item, path: abs, document, item: j, patchedBy: [], originalName: nameOf(item) });
      });
    } else {
      out.push({ object: value, path: abs, document, patchedBy: [], originalName: nameOf(value) });
    }
  }
  return out;
}

function readPatch(abs: string, io: KustomizeIO, build: KustomizeBuild, shownK: string): unknown[] {
  if (!fs.existsSync(abs)) {
    build.errors.push({ file: shownK, message: `patch ${displayPath(abs, io.cwd)}: no such file` });
    return [];
  }
  build.consumed.add(real(abs));
  const read = io.read(abs);
  build.errors.push(...read.errors);
  return read.documents.map((d) => d.value).filter((v) => v !== null && v !== undefined);
}

function parseInline(text: string, shownK: string, build: KustomizeBuild): unknown[] {
  const out: unknown[] = [];
  for (const doc of yamlParser().parseAllDocuments(text, YAML_PARSE_OPTIONS) as import('yaml').Document[]) {
    if (doc.errors.length > 0) {
      build.errors.push({ file: shownK, message: `an inline patch is not valid YAML: ${doc.errors[0].message.split('\n')[0]}` });
      continue;
    }
    const v = doc.toJS();
    if (v !== null && v !== undefined) out.push(v);
  }
  return out;
}

function nameOf(o: unknown): string | undefined {
  const meta = isObject(o) && isObject(o.metadata) ? o.metadata : undefined;
  return typeof meta?.name === 'string' ? meta.name : undefined;
}

const groupOf = (apiVersion: unknown): string => (typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '');
const versionOf = (apiVersion: unknown): string => (typeof apiVersion === 'string' ? apiVersion.slice(apiVersion.lastIndexOf('/') + 1) : '');

/** Kustomize's patch target: group, version, kind, name (a regular expression), namespace, labelSelector (`k=v,...`). */
function matchesTarget(o: BuiltObject, t: JsonObject): boolean {
  const v = o.object;
  if (!isObject(v)) return false;
  const meta = isObject(v.metadata) ? v.metadata : {};
  const re = (pattern: unknown, value: unknown) => typeof pattern !== 'string' || pattern === '' || anchored(pattern).test(String(value ?? ''));
  if (typeof t.group === 'string' && t.group !== groupOf(v.apiVersion)) return false;
  if (typeof t.version === 'string' && t.version !== '' && t.version !== versionOf(v.apiVersion)) return false;
  if (!re(t.kind, v.kind)) return false;
  if (!re(t.name, meta.name) && !re(t.name, o.originalName)) return false;
  if (typeof t.namespace === 'string' && t.namespace !== '' && !re(t.namespace, meta.namespace ?? 'default')) return false;
  if (typeof t.labelSelector === 'string' && t.labelSelector.trim() !== '') {
    const labels = isObject(meta.labels) ? meta.labels : {};
    for (const term of t.labelSelector.split(',')) {
      const m = /^\s*([^=!\s]+)\s*(==?|!=)\s*(\S*)\s*$/.exec(term);
      if (m === null) return false; // set-based selectors are not modelled: no match, reported as such
      if ((m[2] === '!=') === (labels[m[1]] === m[3])) return false;
    }
  }
  return true;
}

/** A target field as kustomize reads it: an anchored regular expression (or, if it is not one, the literal text). */
function anchored(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return new RegExp(`^${escapeRe(pattern)}$`);
  }
}

function applyStrategic(objects: BuiltObject[], patch: unknown, target: JsonObject | undefined, from: string, build: KustomizeBuild): void {
  if (!isObject(patch)) {
    build.errors.push({ file: from, message: 'a strategic-merge patch must be a mapping' });
    return;
  }
  const meta = isObject(patch.metadata) ? patch.metadata : {};
  // Without a target, the patch names its own target: group and kind (any version), name, and
  // namespace: as in kustomize, a patch without one matches only objects in "default" (or none).
  const t: JsonObject = target ?? {
    group: groupOf(patch.apiVersion),
    kind: typeof patch.kind === 'string' ? escapeRe(patch.kind) : undefined,
    name: typeof meta.name === 'string' ? escapeRe(meta.name) : undefined,
    namespace: typeof meta.namespace === 'string' && meta.namespace !== '' ? escapeRe(meta.namespace) : 'default',
  };
  const hits = objects.filter((o) => matchesTarget(o, t));
  if (hits.length === 0) {
    build.skipped.push({ file: from, reason: `the patch matches no object (${describeTarget(t)}): not applied` });
    return;
  }
  for (const o of hits) {
    if (patch.$patch === 'delete') {
      objects.splice(objects.indexOf(o), 1);
      continue;
    }
    // With an explicit target, kustomize keeps the target's identity: the patch's own name is not applied.
    const body = target === undefined ? patch : withoutIdentity(patch);
    o.object = strategicMerge(o.object, body, isObject(o.object) && BUILT_IN_GROUPS.has(groupOf(o.object.apiVersion)));
    o.patchedBy.push(from);
  }
}

function withoutIdentity(patch: JsonObject): JsonObject {
  const { apiVersion: _a, kind: _k, ...rest } = patch;
  if (isObject(rest.metadata)) {
    const { name: _n, namespace: _ns, ...m } = rest.metadata;
    return Object.keys(m).length ? { ...rest, metadata: m } : withoutKey(rest, 'metadata');
  }
  return rest;
}

const withoutKey = (o: JsonObject, key: string): JsonObject => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function describeTarget(t: JsonObject): string {
  return ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector']
    .filter((k) => typeof t[k] === 'string' && t[k] !== '')
    .map((k) => `${k} ${String(t[k]).replace(/\\(.)/g, '$1')}`)
    .join(', ');
}

/** API groups kustomize has the OpenAPI schema of (built-in kinds): only their lists merge by key. */
const BUILT_IN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'scheduling.k8s.io',
  'coordination.k8s.io', 'discovery.k8s.io', 'node.k8s.io', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'certificates.k8s.io',
  'events.k8s.io', 'flowcontrol.apiserver.k8s.io',
]);

/** The patch merge keys of Kubernetes' built-in types, by list field name (`ports`: containerPort in pods, port in Services). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name', initContainers: 'name', ephemeralContainers: 'name', env: 'name', volumes: 'name', imagePullSecrets: 'name',
  resourceClaims: 'name', volumeMounts: 'mountPath', volumeDevices: 'devicePath', hostAliases: 'ip', topologySpreadConstraints: 'topologyKey',
};

/** The merge key of a list field, or undefined (the patch list replaces the target list). */
function mergeKeyOf(field: string, target: unknown[], patch: unknown[]): string | undefined {
  const key = field === 'ports' ? ([...target, ...patch].every((p) => isObject(p) && p.containerPort !== undefined) ? 'containerPort' : 'port') : MERGE_KEYS[field];
  if (key === undefined) return undefined;
  return [...target, ...patch].every((i) => isObject(i) && i[key] !== undefined) ? key : undefined;
}

/**
 * A strategic-merge patch as kustomize applies it: maps merge recursively,
 * `null` deletes a key, `$patch: delete` removes a map or list item and
 * `$patch: replace` replaces a map. Lists merge by their key (containers, env
 * and volumes by `name`, volumeMounts by `mountPath`, ports by `containerPort`
 * or `port`...) only in built-in kinds (`builtIn`): kustomize has no schema for
 * custom resources (a Knative Service), so there every list of the patch
 * replaces the list it patches, as do lists without a merge key (args, tolerations).
 */
export function strategicMerge(target: unknown, patch: unknown, builtIn: boolean): unknown {
  if (!isObject(patch)) return patch;
  if (patch.$patch === 'replace') return stripDirectives(withoutKey(patch, '$patch'));
  if (!isObject(target)) return stripDirectives(patch);
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue; // $patch handled above; $retainKeys, $setElementOrder... are not modelled
    if (value === null) {
      delete out[key];
    } else if (isObject(value) && value.$patch === 'delete') {
      delete out[key];
    } else if (Array.isArray(value) && Array.isArray(out[key])) {
      out[key] = mergeList(key, out[key] as unknown[], value, builtIn);
    } else if (isObject(value)) {
      out[key] = strategicMerge(out[key], value, builtIn);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function mergeList(field: string, target: unknown[], patch: unknown[], builtIn: boolean): unknown[] {
  const key = builtIn ? mergeKeyOf(field, target, patch.filter((p) => !(isObject(p) && p.$patch === 'delete'))) : undefined;
  if (key === undefined) return stripDirectives(patch) as unknown[];
  // As kustomize orders a merged list: the patch's items first (merged with the
  // items they name), then the items the patch does not name, in their order.
  const named = new Set(patch.map((p) => (p as JsonObject)[key]));
  const out: unknown[] = [];
  for (const item of patch) {
    const p = item as JsonObject;
    if (p.$patch === 'delete') continue;
    const t = target.find((x) => isObject(x) && x[key] === p[key]);
    out.push(t === undefined ? stripDirectives(p) : strategicMerge(t, p, builtIn));
  }
  for (const t of target) if (!named.has((t as JsonObject)[key])) out.push(t);
  return out;
}

function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((p) => !(isObject(p) && p.$patch === 'delete')).map(stripDirectives);
  if (!isObject(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith('$')).map(([k, x]) => [k, stripDirectives(x)]));
}

/** cdk8s's JsonPatch (fast-json-patch), loaded when a JSON 6902 patch is first applied. */
const jsonPatch = (): typeof JsonPatch => require('cdk8s').JsonPatch;

function applyJson6902(objects: BuiltObject[], ops: unknown[], target: JsonObject, from: string, build: KustomizeBuild): void {
  const hits = objects.filter((o) => matchesTarget(o, target));
  if (hits.length === 0) {
    build.skipped.push({ file: from, reason: `the patch matches no object (${describeTarget(target)}): not applied` });
    return;
  }
  const JP = jsonPatch();
  let patch: JsonPatch[];
  try {
    patch = ops.map((op, i) => {
      if (!isObject(op) || typeof op.op !== 'string' || typeof op.path !== 'string') throw new Error(`operation ${i + 1} needs op and path`);
      const from_ = typeof op.from === 'string' ? op.from : '';
      switch (op.op) {
        case 'add': return JP.add(op.path, op.value);
        case 'remove': return JP.remove(op.path);
        case 'replace': return JP.replace(op.path, op.value);
        case 'copy': return JP.copy(from_, op.path);
        case 'move': return JP.move(from_, op.path);
        case 'test': return JP.test(op.path, op.value);
        default: throw new Error(`operation ${i + 1}: "${op.op}" is not a JSON patch operation (add, remove, replace, copy, move, test)`);
      }
    });
  } catch (e) {
    build.errors.push({ file: from, message: errorMessage(e) });
    return;
  }
  for (const o of hits) {
    try {
      // apply mutates its input: patch a copy.
      o.object = JP.apply(structuredClone(o.object), ...patch);
      o.patchedBy.push(from);
    } catch (e) {
      build.errors.push({ file: from, message: `cannot apply to ${String(nameOf(o.object) ?? '(no name)')}: ${errorMessage(e).split('\n')[0]}` });
    }
  }
}
