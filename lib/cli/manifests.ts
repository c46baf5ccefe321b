// Reading manifests and settings files for the check command and the cdk8s
// validation plugin: files and directories in, located objects, settings and
// input errors out. Never throws on bad input; every problem is an InputError.
import * as fs from 'fs';
import * as path from 'path';
import type * as JsYaml from 'js-yaml';
import type * as YAML from 'yaml';
import { validateManifests } from '../validation';
import { mergeSettingsInputs, SETTINGS_CONFIGMAPS, settingsFromConfigMaps } from '../settings/configmaps';
import { errorMessage, Located, ObjectRef, objectLabel, toFinding } from '../engine/engine';
import { Finding, FindingList } from '../engine/rule';
import { isObject, valueAt } from '../engine/json';
import { fieldSegments } from '../engine/format';
import { ClusterSettings, ClusterSettingsInput, resolveClusterSettings } from '../settings/settings';
import { acknowledgementsFor, readRepositoryConfig, REPOSITORY_CONFIG_FILE, RepositoryConfig } from '../platform/repository-config';
import { AcknowledgedFinding } from '../engine/rule';
import { buildKustomization, isKustomizeConfig } from './kustomize';
import { discover, Discovered, displayPath, excluder, ioMessage, SkippedInput } from './sources';
import { YAML_PARSE_OPTIONS, yamlParser } from '../engine/yaml-parser';

/** The fast parser (an order of magnitude faster on large trees); the yaml package keeps the positions and the messages. */
const jsYaml = (): typeof JsYaml => require('js-yaml');
/** YAML 1.2 core types (as the yaml package reads them) and `<<` merge keys, as Kubernetes' YAML 1.1 parser reads them. */
let FAST_SCHEMA: JsYaml.Schema | undefined;
const fastSchema = () => (FAST_SCHEMA ??= jsYaml().CORE_SCHEMA.extend({ implicit: [(jsYaml() as unknown as { types: { merge: JsYaml.Type } }).types.merge] }));
const YAML_OPTIONS = YAML_PARSE_OPTIONS;

/** Input that could not be read: a missing file, an unreadable directory, a YAML syntax error. */
export interface InputError {
  /** The file or directory, relative to the working directory. */
  readonly file: string;
  /** 1-based line of a YAML error. @default - not a YAML error */
  readonly line?: number;
  /** 1-based column of a YAML error. @default - not a YAML error */
  readonly col?: number;
  readonly message: string;
}

/** `file:line:col: message` (or `file: message`), one line. */
export function formatInputError(e: InputError): string {
  return e.line !== undefined ? `${e.file}:${e.line}:${e.col ?? 1}: ${e.message}` : `${e.file}: ${e.message}`;
}

/** Where an object was read from. */
export interface Origin {
  /** Absolute path of the file. */
  readonly path: string;
  /** The file as shown: relative to the working directory, `/`-separated. */
  readonly file: string;
  /** 1-based position of the YAML document in the file (empty documents count). */
  readonly document: number;
  /** Index in the `items` of a `kind: List` document. @default - not a list item */
  readonly item?: number;
  readonly object: unknown;
  /** The document as parsed, where `object` is not it (a List's item, an object kustomize patched): to find its text again. @default - `object` */
  readonly documentValue?: unknown;
  /** The kustomization folder that built the object, as shown. @default - read as it is */
  readonly kustomization?: string;
  /** Patch files applied to the object by kustomize, as shown. @default - none */
  readonly patchedBy?: readonly string[];
  /** The object's YAML node, to locate findings in the file. @default - not located */
  readonly node?: YAML.Node | null;
  /** The text of the file, shared by its objects. @default - not located */
  readonly source?: SourceText;
}

/** A parsed YAML document. */
interface ParsedDocument {
  readonly document: number;
  readonly value: unknown;
  /** The document's root node, when the slower parser read the file. @default - parsed again from the text when a finding needs a position */
  readonly node?: YAML.Node | null;
}

/** A file's text; its line starts and YAML nodes are computed on first use (only files with findings pay for them). */
export class SourceText {
  private starts?: number[];
  private nodes?: (YAML.Node | null)[];
  public constructor(public readonly text: string) {}

  /**
   * The root node of document `document` (1-based), or of item `item` of its
   * `kind: List`, with `offset` to add to its ranges. Only that document is
   * parsed when its text can be cut out (it must read back as `value`);
   * else the whole file.
   */
  public nodeOf(document: number, value: unknown, item?: number): { node: YAML.Node | null; offset: number } {
    const pick = (node: YAML.Node | null, offset: number) => ({ node: item === undefined ? node : listItemNode(node, item), offset });
    if (!this.nodes) {
      const range = documentRange(this.text, document);
      if (range) {
        const doc = yamlParser().parseDocument(this.text.slice(range.start, range.end), YAML_OPTIONS);
        if (doc.errors.length === 0 && sameJson(doc.toJS(), value)) return pick(doc.contents as YAML.Node | null, range.start);
      }
      this.nodes = yamlParser().parseAllDocuments(this.text, YAML_OPTIONS).map((d) => d.contents as YAML.Node | null);
    }
    return pick(this.nodes[document - 1] ?? null, 0);
  }

  /** 1-based line and column (UTF-16 code units) of an offset. */
  public position(offset: number): { line: number; column: number } {
    if (!this.starts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }
}

function display(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs) || path.basename(abs);
  return rel.split(path.sep).join('/');
}

/**
 * Expands files and directories into files (see `discover` in sources.ts:
 * directories recurse for `*.yaml` / `*.yml`, sorted by name; a file named
 * twice is read once; folders with a kustomization are listed apart).
 */
export function expandPaths(paths: readonly string[], cwd: string, exclude: readonly string[] = []): Discovered {
  return discover(paths, cwd, exclude);
}

/** Parses every YAML document of a file; documents with a syntax error are left out and reported. */
function readYaml(abs: string, file: string, given?: string): { documents: ParsedDocument[]; errors: InputError[]; source?: SourceText } {
  let text: string;
  try {
    text = given ?? fs.readFileSync(abs, 'utf-8');
  } catch (e) {
    return { documents: [], errors: [{ file, message: `cannot read file: ${ioMessage(e)}` }] };
  }
  const source = new SourceText(text);
  // The fast parser first; a file it refuses is parsed again by the yaml package, for its messages and positions.
  const values = parseFast(text);
  if (values) return { documents: values.map((value, i) => ({ document: i + 1, value })), errors: [], source };
  const documents: ParsedDocument[] = [];
  const errors: InputError[] = [];
  const docs = yamlParser().parseAllDocuments(text, YAML_OPTIONS);
  const list = Array.isArray(docs) ? docs : [];
  list.forEach((doc, i) => {
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const pos = err.linePos?.[0];
        errors.push({ file, line: pos?.line, col: pos?.col, message: `${yamlMessage(err.message)} (document ${i + 1})` });
      }
      return;
    }
    try {
      documents.push({ document: i + 1, value: doc.toJS(), node: doc.contents as YAML.Node | null });
    } catch (e) {
      errors.push({ file, message: `document ${i + 1}: ${errorMessage(e)}` });
    }
  });
  return { documents, errors, source };
}

/**
 * Where document `n` (1-based) of a multi-document text is, cut at the
 * `---` lines (a `---` at the start of a line is always a document marker:
 * YAML forbids it inside scalars). Undefined where the cut is unsure
 * (directives, `...` markers): the caller parses the whole file.
 */
function documentRange(text: string, n: number): { start: number; end: number } | undefined {
  if (/^(%|\.\.\.)/m.test(text)) return undefined;
  const markers = [...text.matchAll(/^---(?=[ \t]|\r?\n|$)/gm)].map((m) => m.index!);
  // The text before the first marker is a document when it holds more than comments and blank lines.
  const preamble = markers.length === 0 ? text : text.slice(0, markers[0]);
  const starts = /^[ \t]*[^#\s]/m.test(preamble) ? [0, ...markers] : markers.length > 0 ? markers : [0];
  if (n < 1 || n > starts.length) return undefined;
  return { start: starts[n - 1], end: n < starts.length ? starts[n] : text.length };
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/** The documents of a text by the fast parser, or undefined where it refuses the text (the yaml package then says why). */
export function parseFast(text: string): unknown[] | undefined {
  try {
    return jsYaml().loadAll(text, undefined, { schema: fastSchema() });
  } catch {
    return undefined;
  }
}

/** The message of a `yaml` error without its ` at line L, column C:` excerpt. */
function yamlMessage(message: string): string {
  return message.replace(/ at line \d+, column \d+:[\s\S]*$/, '').split('\n')[0].trim();
}


/** The node of item `j` of a `kind: List` document's `items` (undefined: the document's node is not parsed yet). */
function listItemNode(node: YAML.Node | null, j: number): YAML.Node | null;
function listItemNode(node: YAML.Node | null | undefined, j: number): YAML.Node | null | undefined;
function listItemNode(node: YAML.Node | null | undefined, j: number): YAML.Node | null | undefined {
  if (node === undefined) return undefined;
  const y = yamlParser();
  if (!y.isMap(node)) return null;
  const items = node.get('items', true);
  const item = y.isSeq(items) ? items.items[j] : undefined;
  return y.isNode(item) ? item : null;
}

/** The positions of findings: only the files with findings get their lines counted. */
export function locateFindings(findings: readonly Finding[], origins: ReadonlyMap<string, Origin>): Map<Finding, FindingPosition> {
  const positions = new Map<Finding, FindingPosition>();
  for (const f of findings) {
    const at = locateFinding(f, origins);
    if (at) positions.set(f, at);
  }
  return positions;
}

/** Where a finding is in its file (1-based): its field, else the nearest ancestor present in the YAML, else the object's start. */
export interface FindingPosition {
  /** The file as shown: relative to the working directory, `/`-separated. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Locates a finding in the YAML it was read from, by its `where` and `field`
 * (`spec.template.spec.containers[0].image`). Undefined for findings that
 * are not about a file (`--knative-version`).
 */
export function locateFinding(f: Finding, origins: ReadonlyMap<string, Origin>): FindingPosition | undefined {
  const origin = origins.get(f.where);
  if (!origin?.source) return undefined;
  const { node, offset } = origin.node !== undefined ? { node: origin.node, offset: 0 } : origin.source.nodeOf(origin.document, origin.documentValue ?? origin.object, origin.item);
  const { line, column } = origin.source.position(offset + fieldOffset(node, f.field ? fieldSegments(f.field) : settingsKey(f, origin)));
  return { file: origin.file, line, column };
}

/** A settings finding names `config-defaults/revision-timeout-seconds` as its prop: the key under `data`. */
function settingsKey(f: Finding, origin: Origin): string[] {
  const name = valueAt(origin.object, 'metadata', 'name');
  return typeof name === 'string' && f.prop?.startsWith(`${name}/`) ? ['data', f.prop.slice(name.length + 1)] : [];
}

/**
 * The offset of a field in an object's YAML: the key of a map entry, the
 * start of a list item. A path that leaves the YAML (a default, a key brought
 * in by `<<`, an alias) stops at the last node found.
 */
function fieldOffset(root: YAML.Node | null | undefined, segments: readonly string[]): number {
  const y = yamlParser();
  let at = root?.range?.[0] ?? 0;
  let node: unknown = root;
  for (const key of segments) {
    if (y.isMap(node)) {
      const pair = node.items.find((p) => y.isScalar(p.key) && String(p.key.value) === key);
      if (!pair) break;
      const k = pair.key as YAML.Scalar;
      if (k.range) at = k.range[0];
      node = pair.value;
    } else if (y.isSeq(node) && /^\d+$/.test(key)) {
      const item = node.items[Number(key)];
      if (!y.isNode(item) || !item.range) break;
      at = item.range[0];
      node = item;
    } else {
      break;
    }
  }
  return at;
}

function isList(o: unknown): o is { kind: string; items: unknown[] } {
  return isObject(o) && typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items);
}

export interface LoadedManifests {
  /** Every object to validate, in file and document order. */
  readonly objects: Located[];
  /**
   * The objects by what is applied together: the files read as they are, standard
   * input, then one group per kustomization built (dev and prod overlays of one
   * base are two clusters, not duplicates). Each group is validated on its own.
   */
  readonly groups: Located[][];
  /** Where each object came from, by its `where`. */
  readonly origins: Map<string, Origin>;
  /** The files read, in order (absolute). */
  readonly files: string[];
  readonly errors: InputError[];
  /** What was not read on purpose (not Kubernetes, generated by kustomize...): notes, not errors. */
  readonly skipped: SkippedInput[];
}

export interface LoadOptions {
  /** Globs of files and folders not to read (relative to the working directory). @default - none */
  readonly exclude?: readonly string[];
  /** Reads standard input, for the path `-`. @default - `-` is an input error */
  readonly stdin?: () => string;
}

const NOT_KUBERNETES = 'no apiVersion and kind: not a Kubernetes manifest';
const KUSTOMIZATION_NOTE = "kustomize's build configuration, not an object: name its folder to read it as kustomize does";

/** The name standard input has in findings (`<stdin>#2 Service/...`). */
export const STDIN = '<stdin>';

/** A document with neither `apiVersion` nor `kind` is some other YAML (a workflow, Helm values): not a broken manifest. */
function notKubernetes(v: unknown): boolean {
  if (Array.isArray(v)) return true;
  return isObject(v) && v.apiVersion === undefined && v.kind === undefined;
}

/**
 * Reads manifests: empty documents are skipped, `kind: List` (and `*List`)
 * documents are expanded into their items. `where` reads like
 * `agents.yaml#2 Service/agents/jira-triage` (`list.yaml#1.items[0] ...` for items;
 * `base/agents.yaml#1 (envs/prod) ...` for an object of the kustomization in envs/prod).
 * YAML that is not Kubernetes (no apiVersion and no kind, kustomize's own
 * files) is skipped with a note. `-` reads standard input.
 */
export function loadManifests(paths: readonly string[], cwd: string, options: LoadOptions = {}): LoadedManifests {
  const found = expandPaths(paths.filter((p) => p !== '-'), cwd, options.exclude);
  const errors: InputError[] = [...found.errors];
  const skipped: SkippedInput[] = [...found.skipped];
  const origins = new Map<string, Origin>();
  const files: string[] = [...found.files];
  const groups: Located[][] = [];
  const push = (group: Located[], origin: Origin, at: string) => {
    const where = `${at} ${objectLabel(origin.object)}`;
    group.push({ object: origin.object, where });
    origins.set(where, origin);
  };
  /** Objects of one file, as they are. */
  const readDocuments = (group: Located[], abs: string, file: string, text?: string) => {
    const read = readYaml(abs, file, text);
    errors.push(...read.errors);
    const other: { document: number; reason: string }[] = [];
    let present = 0;
    const source = read.source;
    for (const { document, value, node } of read.documents) {
      if (value === null || value === undefined) continue;
      present++;
      if (isKustomizeConfig(value)) {
        other.push({ document, reason: KUSTOMIZATION_NOTE });
      } else if (notKubernetes(value)) {
        other.push({ document, reason: NOT_KUBERNETES });
      } else if (isList(value)) {
        value.items.forEach((item, j) => {
          if (item !== null && item !== undefined) push(group, { path: abs, file, document, item: j, object: item, documentValue: value, node: listItemNode(node, j), source }, `${file}#${document}.items[${j}]`);
        });
      } else {
        push(group, { path: abs, file, document, object: value, node, source }, `${file}#${document}`);
      }
    }
    if (other.length > 0 && other.length === present && other.every((o) => o.reason === other[0].reason)) skipped.push({ file, reason: other[0].reason });
    else for (const o of other) skipped.push({ file: `${file}#${o.document}`, reason: o.reason });
  };


  if (paths.includes('-')) {
    if (options.stdin === undefined) {
      errors.push({ file: '-', message: 'standard input cannot be read here' });
    } else {
      let text: string | undefined;
      try {
        text = options.stdin();
      } catch (e) {
        errors.push({ file: STDIN, message: `cannot read standard input: ${ioMessage(e)}` });
      }
      if (text !== undefined) {
        const group: Located[] = [];
        readDocuments(group, '-', STDIN, text);
        groups.push(group);
      }
    }
  }

  // Kustomizations: each one not built as part of another is what a GitOps tool applies.
  const isExcluded = excluder(options.exclude ?? []);
  // Each file is parsed once, whether a kustomization lists it or not, and keeps its nodes for positions.
  const readCache = new Map<string, ReturnType<typeof readYaml>>();
  const readCached = (abs: string) => {
    let read = readCache.get(abs);
    if (!read) readCache.set(abs, (read = readYaml(abs, display(abs, cwd))));
    return read;
  };
  const io = {
    cwd,
    read: (abs: string) => readCached(abs),
    excluded: (abs: string) => isExcluded(displayPath(abs, cwd)),
  };
  const builds = found.kustomizations.map((dir) => buildKustomization(dir, io));
  /** The YAML node of a built object in its resource file, to locate its findings (a field a patch added falls back to its nearest ancestor there). */
  const nodeOf = (o: { path: string; document: number; item?: number }) => {
    const read = readCache.get(o.path);
    const doc = read?.documents.find((d) => d.document === o.document);
    return { node: doc && (o.item !== undefined ? listItemNode(doc.node, o.item) : doc.node), documentValue: doc?.value, source: read?.source };
  };
  const bases = new Set(builds.flatMap((b) => [...b.bases]));
  const consumed = new Set(builds.flatMap((b) => [...b.consumed]));
  const seenNote = new Set<string>();
  for (const build of builds) {
    if (bases.has(realPath(build.dir))) continue;
    const via = display(build.dir, cwd);
    for (const e of build.errors) if (!seenNote.has(`e ${formatInputError(e)}`) && seenNote.add(`e ${formatInputError(e)}`)) errors.push(e);
    for (const s of build.skipped) if (!seenNote.has(`s ${s.file} ${s.reason}`) && seenNote.add(`s ${s.file} ${s.reason}`)) skipped.push(s);
    const group: Located[] = [];
    const other = new Set<string>();
    for (const o of build.objects) {
      const file = display(o.path, cwd);
      if (!files.includes(o.path)) files.push(o.path);
      if (isKustomizeConfig(o.object) || notKubernetes(o.object)) {
        other.add(`${file}#${o.document}${o.item !== undefined ? `.items[${o.item}]` : ''}`);
        continue;
      }
      const patched = o.patchedBy.length ? `, patched by ${o.patchedBy.join(', ')}` : '';
      const at = `${file}#${o.document}${o.item !== undefined ? `.items[${o.item}]` : ''} (${via}${patched})`;
      push(group, { path: o.path, file, document: o.document, item: o.item, object: o.object, kustomization: via, patchedBy: o.patchedBy, ...nodeOf(o) }, at);
    }
    for (const f of other) skipped.push({ file: f, reason: NOT_KUBERNETES });
    groups.push(group);
  }
  // Files read as they are: those a kustomization applies (with its patches) are read through it,
  // unless named on the command line.
  const loose: Located[] = [];
  for (const abs of found.files) if (found.named.has(abs) || !consumed.has(realPath(abs))) readDocuments(loose, abs, display(abs, cwd));
  groups.unshift(loose);
  for (const [abs, dir] of found.owner) {
    if (!consumed.has(realPath(abs))) {
      skipped.push({ file: display(abs, cwd), reason: `not listed in ${display(dir, cwd)}'s kustomization, so kustomize does not apply it` });
    }
  }
  // Notes by file (code points), so they read like a listing of the repository.
  const notes = skipped.map((n, i) => ({ n, i })).sort((a, b) => (a.n.file < b.n.file ? -1 : a.n.file > b.n.file ? 1 : a.i - b.i)).map(({ n }) => n);
  return { objects: groups.flat(), groups: groups.filter((g) => g.length > 0), origins, files, errors, skipped: notes };
}

function realPath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

export interface LoadedSettings {
  readonly settings: ClusterSettings;
  /** What the ConfigMaps hold that Knative would refuse or ignore, located at `file#doc ConfigMap/...`. */
  readonly findings: Finding[];
  readonly errors: InputError[];
  /** Where each settings ConfigMap came from, by its `where` (to locate its findings). */
  readonly origins: Map<string, Origin>;
}

/**
 * Cluster settings from ConfigMap files (`config-features.yaml`, ...), later
 * files winning, plus an optional Knative version (`1.22`, `v1.22`, `1.22.1`).
 * A settings file without any Knative ConfigMap is an input error: it would
 * silently validate against the upstream defaults.
 */
export function loadSettings(settingsFiles: readonly string[], knativeVersion: string | undefined, cwd: string, releases?: ClusterSettingsInput['releases']): LoadedSettings {
  const findings: Finding[] = [];
  const errors: InputError[] = [];
  const inputs: ClusterSettingsInput[] = [];
  const shown: string[] = [];
  const origins = new Map<string, Origin>();
  for (const p of settingsFiles) {
    const abs = path.resolve(cwd, p);
    const file = display(abs, cwd);
    shown.push(file);
    let isDir = false;
    try {
      isDir = fs.statSync(abs).isDirectory();
    } catch (e) {
      errors.push({ file, message: ioMessage(e) });
      continue;
    }
    if (isDir) {
      errors.push({ file, message: '--settings takes a ConfigMap file, not a directory' });
      continue;
    }
    const read = readYaml(abs, file);
    errors.push(...read.errors);
    let found = 0;
    for (const { document, value, node } of read.documents) {
      const items: unknown[] = isList(value) ? value.items : [value];
      items.forEach((cm, j) => {
        const name = valueAt(cm, 'metadata', 'name');
        if (valueAt(cm, 'kind') !== 'ConfigMap' || typeof name !== 'string' || !SETTINGS_CONFIGMAPS.includes(name)) return;
        found++;
        const out = new FindingList();
        inputs.push(settingsFromConfigMaps([cm], out));
        const where = `${file}#${document}${isList(value) ? `.items[${j}]` : ''} ${objectLabel(cm)}`;
        const itemNode = isList(value) ? listItemNode(node, j) : node;
        origins.set(where, { path: abs, file, document, item: isList(value) ? j : undefined, object: cm, documentValue: value, node: itemNode, source: read.source });
        for (const raw of out.items) {
          findings.push(toFinding(raw, where, objectLabel(cm)));
        }
      });
    }
    if (found === 0 && read.errors.length === 0) {
      errors.push({ file, message: `no Knative settings ConfigMap (${SETTINGS_CONFIGMAPS.join(', ')}) in this file` });
    }
  }
  let version: string | undefined;
  if (knativeVersion !== undefined) {
    const m = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(knativeVersion.trim());
    if (m) version = `${Number(m[1])}.${Number(m[2])}`;
    else errors.push({ file: '--knative-version', message: `"${knativeVersion}" is not a version such as 1.23` });
  }
  const sources = [...shown, ...(knativeVersion !== undefined ? [`--knative-version ${knativeVersion}`] : [])];
  const settings = resolveClusterSettings({
    ...mergeSettingsInputs(...inputs),
    knativeVersion: version,
    releases,
    source: sources.length ? sources.join(', ') : 'upstream defaults',
  });
  return { settings, findings, errors, origins };
}

export interface CheckOptions {
  /** Manifest files and directories. */
  readonly paths: readonly string[];
  /** Files with Knative ConfigMaps; later files win. @default - upstream defaults */
  readonly settingsFiles?: readonly string[];
  /** The Knative release of the cluster (`1.23`, `v1.22.1`). @default - the config's `cluster.releases.knative`, else '1.23' */
  readonly knativeVersion?: string;
  /** The files are the whole app: references outside them are errors, not REF-001 warnings. @default false */
  readonly closed?: boolean;
  /** Objects the platform provides. @default - none */
  readonly provided?: readonly ObjectRef[];
  /**
   * The repository config (cluster settings, provided objects, acknowledgements).
   * @default - `cdk8s-agents.yaml` in `cwd` when it exists
   */
  readonly configFile?: string;
  /** Paths are resolved (and shown) relative to it. */
  readonly cwd: string;
  /** Globs of files and folders not to read (relative to cwd, `/`-separated). @default - none */
  readonly exclude?: readonly string[];
  /** Reads standard input, for the path `-`. @default - `-` is an input error */
  readonly stdin?: () => string;
}

export interface CheckOutcome {
  /** Every finding: errors first, then warnings, each in file order (settings first). */
  readonly findings: Finding[];
  readonly errors: number;
  readonly warnings: number;
  readonly checked: number;
  readonly passedThrough: number;
  readonly inputErrors: InputError[];
  /** What was not read on purpose: notes that do not change the exit code. */
  readonly skipped: SkippedInput[];
  /** Where each object came from, by a finding's `where`. */
  readonly origins: Map<string, Origin>;
  /** Each finding's line and column in its file (findings about no file, such as `--knative-version`, have none). */
  readonly positions: Map<Finding, FindingPosition>;
  readonly files: string[];
  /** The settings were unreadable: nothing was validated. */
  readonly aborted: boolean;
  /** Warnings silenced by the repository config's acknowledgements, with their reasons. */
  readonly acknowledged: readonly AcknowledgedFinding[];
  /** The repository config used (shown relative to cwd). @default - none was found */
  readonly config?: string;
}

/** The repository config named, or `cdk8s-agents.yaml` in cwd when it exists; its problems as input errors. */
function loadConfig(options: CheckOptions): { config?: RepositoryConfig; shown?: string; errors: InputError[] } {
  const named = options.configFile !== undefined;
  const abs = path.resolve(options.cwd, options.configFile ?? REPOSITORY_CONFIG_FILE);
  if (!named && !fs.existsSync(abs)) return { errors: [] };
  const shown = display(abs, options.cwd);
  const { config, problems } = readRepositoryConfig(abs);
  return { config, shown, errors: problems.map((p) => ({ file: shown, message: p.field ? `${p.field}: ${p.message}` : p.message })) };
}

/** Reads settings and manifests and validates them: the whole check, without printing. */
export function checkFiles(options: CheckOptions): CheckOutcome {
  const repo = loadConfig(options);
  const aborted = (inputErrors: InputError[]): CheckOutcome => ({
    findings: [], errors: 0, warnings: 0, checked: 0, passedThrough: 0, inputErrors, skipped: [], origins: new Map(), positions: new Map(), files: [], aborted: true, acknowledged: [], config: repo.shown,
  });
  if (repo.errors.length > 0) return aborted(repo.errors);
  const config = repo.config;
  // The config's ConfigMap files first: files given with --settings win, as later files do.
  const settingsFiles = [...(config?.configMapFiles ?? []), ...(options.settingsFiles ?? [])];
  const loaded = loadSettings(settingsFiles, options.knativeVersion ?? config?.knativeVersion, options.cwd, config?.releases);
  if (loaded.errors.length > 0) return aborted(loaded.errors);
  const manifests = loadManifests(options.paths, options.cwd, { exclude: [...(config?.exclude ?? []), ...(options.exclude ?? [])], stdin: options.stdin });
  const world = { closed: options.closed ?? false, provided: [...(config?.provided ?? []), ...(options.provided ?? [])] };
  const withAcks = (objects: Located[]) => (config && config.acknowledgements.length > 0 ? objects.map((at) => withAcknowledgements(at, config)) : objects);
  // Each group is applied on its own (a kustomize overlay is one cluster's view): cross-object checks stay within it.
  const results = manifests.groups.map((g) => validateManifests(withAcks(g), loaded.settings, world));
  const result = {
    findings: results.flatMap((r) => r.findings),
    acknowledged: results.flatMap((r) => r.acknowledged),
    checked: results.reduce((n, r) => n + r.checked, 0),
    passedThrough: results.reduce((n, r) => n + r.passedThrough, 0),
  };
  const order = new Map<string, number>(manifests.objects.map((o, i) => [o.where, i]));
  const rank = (f: Finding) => (f.severity === 'error' ? 0 : 1);
  const findings = [...loaded.findings, ...result.findings]
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || (order.get(a.f.where) ?? -1) - (order.get(b.f.where) ?? -1) || a.i - b.i)
    .map(({ f }) => f);
  // Settings ConfigMaps are located too, but stay out of `origins` (the manifests checked).
  const positions = locateFindings(findings, new Map([...loaded.origins, ...manifests.origins]));
  return {
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    checked: result.checked,
    passedThrough: result.passedThrough,
    inputErrors: manifests.errors,
    skipped: manifests.skipped,
    origins: manifests.origins,
    positions,
    files: manifests.files,
    aborted: false,
    acknowledged: result.acknowledged,
    config: repo.shown,
  };
}

/** The object with the config's acknowledgements of it (`Kind/namespace/name`). */
function withAcknowledgements(at: Located, config: RepositoryConfig): Located {
  const kind = valueAt(at.object, 'kind');
  const name = valueAt(at.object, 'metadata', 'name');
  const namespace = valueAt(at.object, 'metadata', 'namespace');
  if (typeof kind !== 'string' || typeof name !== 'string') return at;
  const acks = acknowledgementsFor(config, kind, typeof namespace === 'string' ? namespace : undefined, name);
  return acks ? { ...at, acknowledgements: acks } : at;
}
