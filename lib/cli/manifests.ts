// Reading manifests and settings files for the check command and the cdk8s
// validation plugin: files and directories in, located objects, settings and
// input errors out. Never throws on bad input; every problem is an InputError.
import * as fs from 'fs';
import * as path from 'path';
import type * as YAML from 'yaml';
import { validateManifests } from '../validation';
import { mergeSettingsInputs, SETTINGS_CONFIGMAPS, settingsFromConfigMaps } from '../settings/configmaps';
import { errorMessage, Located, objectLabel, toFinding } from '../engine/engine';
import { Finding, FindingList } from '../engine/rule';
import { isObject, valueAt } from '../engine/json';
import { fieldSegments } from '../engine/format';
import { ClusterSettings, ClusterSettingsInput, resolveClusterSettings } from '../settings/settings';

/** The YAML parser, loaded when YAML is first read (synth writes YAML with cdk8s's own copy). */
const yaml = (): typeof YAML => require('yaml');

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
  /** The object's YAML node, to locate findings in the file. @default - not located */
  readonly node?: YAML.Node | null;
  /** The text of the file, shared by its objects. @default - not located */
  readonly source?: SourceText;
}

/** A parsed YAML document. */
interface ParsedDocument {
  readonly document: number;
  readonly value: unknown;
  /** The document's root node (kept to locate findings; lines are computed only for findings). */
  readonly node: YAML.Node | null;
}

/** A file's text; its line starts are computed on first use (only files with findings pay for it). */
export class SourceText {
  private starts?: number[];
  public constructor(public readonly text: string) {}

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

const YAML_FILE = /\.ya?ml$/i;

/**
 * Expands files and directories into files: directories recurse for
 * `*.yaml` / `*.yml`, entries sorted by name (code points, not locale), so
 * the order is the same on every machine. A file named twice is read once.
 */
export function expandPaths(paths: readonly string[], cwd: string): { files: string[]; errors: InputError[] } {
  const files: string[] = [];
  const errors: InputError[] = [];
  const seen = new Set<string>();
  const add = (abs: string) => {
    let key = abs;
    try {
      key = fs.realpathSync(abs);
    } catch {
      // keep the path as given
    }
    if (!seen.has(key)) {
      seen.add(key);
      files.push(abs);
    }
  };
  const walk = (dir: string, visited: Set<string>): number => {
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = fs.realpathSync(dir);
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ file: display(dir, cwd), message: `cannot read directory: ${ioMessage(e)}` });
      return 0;
    }
    if (visited.has(real)) return 0; // a symlink loop
    const inner = new Set(visited).add(real);
    let found = 0;
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = fs.statSync(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // a dangling link is not input
        }
      }
      if (isDir) found += walk(full, inner);
      else if (isFile && YAML_FILE.test(entry.name)) {
        add(full);
        found++;
      }
    }
    return found;
  };
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      errors.push({ file: display(abs, cwd), message: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : ioMessage(e) });
      continue;
    }
    if (st.isDirectory()) {
      if (walk(abs, new Set()) === 0 && !errors.some((e) => e.file === display(abs, cwd))) {
        errors.push({ file: display(abs, cwd), message: 'no *.yaml or *.yml files in this directory' });
      }
    } else {
      add(abs);
    }
  }
  return { files, errors };
}

/** Parses every YAML document of a file; documents with a syntax error are left out and reported. */
function readYaml(abs: string, file: string): { documents: ParsedDocument[]; errors: InputError[]; source?: SourceText } {
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf-8');
  } catch (e) {
    return { documents: [], errors: [{ file, message: `cannot read file: ${ioMessage(e)}` }] };
  }
  const documents: ParsedDocument[] = [];
  const errors: InputError[] = [];
  // merge: `<<` keys as Kubernetes' YAML 1.1 parser reads them.
  const docs = yaml().parseAllDocuments(text, { merge: true });
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
  return { documents, errors, source: new SourceText(text) };
}

/** The message of a `yaml` error without its ` at line L, column C:` excerpt. */
function yamlMessage(message: string): string {
  return message.replace(/ at line \d+, column \d+:[\s\S]*$/, '').split('\n')[0].trim();
}

function ioMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'EACCES') return 'permission denied';
  if (err?.code === 'EISDIR') return 'is a directory';
  if (err?.code === 'ENOENT') return 'no such file or directory';
  return errorMessage(e).replace(/^[A-Z]+: /, '');
}

/** The node of item `j` of a `kind: List` document's `items`. */
function listItemNode(node: YAML.Node | null, j: number): YAML.Node | null {
  const y = yaml();
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
  const { line, column } = origin.source.position(fieldOffset(origin.node, f.field ? fieldSegments(f.field) : settingsKey(f, origin)));
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
  const y = yaml();
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
  /** Where each object came from, by its `where`. */
  readonly origins: Map<string, Origin>;
  /** The files read, in order (absolute). */
  readonly files: string[];
  readonly errors: InputError[];
}

/**
 * Reads manifests: empty documents are skipped, `kind: List` (and `*List`)
 * documents are expanded into their items. `where` reads like
 * `agents.yaml#2 Service/agents/jira-triage` (`list.yaml#1.items[0] ...` for items).
 */
export function loadManifests(paths: readonly string[], cwd: string): LoadedManifests {
  const { files, errors } = expandPaths(paths, cwd);
  const objects: Located[] = [];
  const origins = new Map<string, Origin>();
  const push = (origin: Origin, at: string) => {
    const where = `${at} ${objectLabel(origin.object)}`;
    objects.push({ object: origin.object, where });
    origins.set(where, origin);
  };
  for (const abs of files) {
    const file = display(abs, cwd);
    const read = readYaml(abs, file);
    errors.push(...read.errors);
    const source = read.source;
    for (const { document, value, node } of read.documents) {
      if (value === null || value === undefined) continue;
      if (isList(value)) {
        value.items.forEach((item, j) => {
          if (item !== null && item !== undefined) push({ path: abs, file, document, item: j, object: item, node: listItemNode(node, j), source }, `${file}#${document}.items[${j}]`);
        });
      } else {
        push({ path: abs, file, document, object: value, node, source }, `${file}#${document}`);
      }
    }
  }
  return { objects, origins, files, errors };
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
export function loadSettings(settingsFiles: readonly string[], knativeVersion: string | undefined, cwd: string): LoadedSettings {
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
        origins.set(where, { path: abs, file, document, item: isList(value) ? j : undefined, object: cm, node: itemNode, source: read.source });
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
    else errors.push({ file: '--knative-version', message: `"${knativeVersion}" is not a version such as 1.22` });
  }
  const sources = [...shown, ...(knativeVersion !== undefined ? [`--knative-version ${knativeVersion}`] : [])];
  const settings = resolveClusterSettings({
    ...mergeSettingsInputs(...inputs),
    knativeVersion: version,
    source: sources.length ? sources.join(', ') : 'upstream defaults',
  });
  return { settings, findings, errors, origins };
}

export interface CheckOptions {
  /** Manifest files and directories. */
  readonly paths: readonly string[];
  /** Files with Knative ConfigMaps; later files win. @default - upstream defaults */
  readonly settingsFiles?: readonly string[];
  /** The Knative release of the cluster (`1.22`, `v1.22.1`). @default '1.22' */
  readonly knativeVersion?: string;
  /** Paths are resolved (and shown) relative to it. */
  readonly cwd: string;
}

export interface CheckOutcome {
  /** Every finding: errors first, then warnings, each in file order (settings first). */
  readonly findings: Finding[];
  readonly errors: number;
  readonly warnings: number;
  readonly checked: number;
  readonly passedThrough: number;
  readonly inputErrors: InputError[];
  /** Where each object came from, by a finding's `where`. */
  readonly origins: Map<string, Origin>;
  /** Each finding's line and column in its file (findings about no file, such as `--knative-version`, have none). */
  readonly positions: Map<Finding, FindingPosition>;
  readonly files: string[];
  /** The settings were unreadable: nothing was validated. */
  readonly aborted: boolean;
}

/** Reads settings and manifests and validates them: the whole check, without printing. */
export function checkFiles(options: CheckOptions): CheckOutcome {
  const loaded = loadSettings(options.settingsFiles ?? [], options.knativeVersion, options.cwd);
  if (loaded.errors.length > 0) {
    return { findings: [], errors: 0, warnings: 0, checked: 0, passedThrough: 0, inputErrors: loaded.errors, origins: new Map(), positions: new Map(), files: [], aborted: true };
  }
  const manifests = loadManifests(options.paths, options.cwd);
  const result = validateManifests(manifests.objects, loaded.settings);
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
    origins: manifests.origins,
    positions,
    files: manifests.files,
    aborted: false,
  };
}
