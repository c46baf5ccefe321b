/**
 * Compiles KEDA's generated scaler schema (../shared/upstream/keda/scalers-schema.json,
 * KEDA's own schema/generated/scalers-schema.json at v2.20.2) into
 * `lib/workers/scalers.generated.ts`, the table the trigger checks read.
 *
 *   npx tsx scripts/gen-keda-scalers.ts [--keda-git <kedacore/keda git dir>] [--schema <json>]
 *
 * The schema is the authority for what it states: each scaler's parameter names, whether
 * optional, defaults, allowed values, separators, deprecations and where each is read from
 * (triggerMetadata, resolvedEnv, authParams). KEDA's generator (schema/generate_scaler_schema.go)
 * leaves out what its typed parser (pkg/scalers/scalersconfig/typed_config.go) needs, so
 * those facts are taken from the `keda:"..."` struct tags of KEDA's source at the same tag:
 * - the Go type of each field (the schema writes "string" for every one), which decides how
 *   TypedConfig parses the value (int, float, bool, duration, list, map);
 * - which names are aliases of one field (`name=authModes;authMode`: the schema lists them
 *   as two parameters, each looking required);
 * - the parsing order (the schema keeps three booleans; the first source with a value wins);
 * - optionality inherited from an optional nested struct (redis' connection info: the
 *   schema calls `address` required; TypedConfig does not);
 * - the fields of nested structs the generator skips (a pointer or another package's struct,
 *   e.g. `*authentication.Config` of prometheus; pkg/scalers sub-packages), marked `hidden`.
 * The compiler checks that the table, seen as KEDA's generator would print it, equals the
 * schema entry for entry; any difference fails the run.
 *
 * Without `--keda-git` the source facts are taken back from the committed table, so the
 * schema alone regenerates it. `test/workers/scalers-schema.test.ts` checks the committed
 * table against the schema whenever ../shared exists.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { GoKind, ScalerParam as Param } from '../lib/workers/scalers.generated';

/** A table entry while it is built. */
type ScalerParam = { -readonly [K in keyof Param]: Param[K] };

export const KEDA_TAG = 'v2.20.2';
export const GENERATED_PATH = path.join(__dirname, '..', 'lib', 'workers', 'scalers.generated.ts');
export const DEFAULT_SCHEMA_PATH = path.join(__dirname, '..', '..', 'shared', 'upstream', 'keda', 'scalers-schema.json');

/** One entry of KEDA's schema, as its generator writes it. */
export interface SchemaEntry {
  name: string;
  type: string;
  optional?: boolean;
  default?: string;
  allowedValue?: string[];
  deprecated?: string;
  deprecatedAnnounce?: string;
  separator?: string;
  exclusiveSet?: string[];
  rangeSeparator?: string;
  metadataVariableReadable?: boolean;
  envVariableReadable?: boolean;
  triggerAuthenticationVariableReadable?: boolean;
}
export interface SchemaFile {
  kedaVersion: string;
  schemaVersion: number;
  scalers: { type: string; parameters: SchemaEntry[] }[];
}

const ORDER_LETTER: Record<string, string> = { triggerMetadata: 'm', resolvedEnv: 'e', authParams: 'a' };

/** The parameters of a table as KEDA's generator prints them (hidden ones left out). */
export function schemaView(params: readonly ScalerParam[]): SchemaEntry[] {
  const out: SchemaEntry[] = [];
  for (const p of params) {
    if (p.hidden) continue;
    for (const name of p.n) {
      const e: SchemaEntry = { name, type: 'string' };
      if (p.opt) e.optional = true;
      if (p.def !== undefined) e.default = p.def;
      if (p.en) e.allowedValue = [...p.en];
      if (p.dep !== undefined) e.deprecated = p.dep;
      if (p.ann !== undefined) e.deprecatedAnnounce = p.ann;
      if (p.sep !== undefined) e.separator = p.sep;
      if (p.ex) e.exclusiveSet = [...p.ex];
      if (p.rng !== undefined) e.rangeSeparator = p.rng;
      if (p.from.includes('m')) e.metadataVariableReadable = true;
      if (p.from.includes('e')) e.envVariableReadable = true;
      if (p.from.includes('a')) e.triggerAuthenticationVariableReadable = true;
      out.push(e);
    }
  }
  return out;
}

/** Differences between the schema and a table, one line each; empty when they agree. */
export function compareWithSchema(schema: SchemaFile, table: Readonly<Record<string, readonly ScalerParam[]>>): string[] {
  const problems: string[] = [];
  const canon = (e: SchemaEntry) => JSON.stringify(Object.fromEntries(Object.entries(e).sort(([a], [b]) => a.localeCompare(b))));
  const inSchema = new Set(schema.scalers.map((s) => s.type));
  for (const s of schema.scalers) {
    const params = table[s.type];
    if (!params) {
      problems.push(`${s.type}: in the schema, not in the table`);
      continue;
    }
    const want = s.parameters.map(canon);
    const got = schemaView(params).map(canon);
    for (let i = 0; i < Math.max(want.length, got.length); i++) {
      if (want[i] !== got[i]) problems.push(`${s.type}[${i}]: schema ${want[i] ?? '(none)'} / table ${got[i] ?? '(none)'}`);
    }
  }
  for (const type of Object.keys(table)) if (!inSchema.has(type) && table[type].some((p) => !p.hidden)) problems.push(`${type}: in the table, not in the schema`);
  return problems;
}

// ---- KEDA's source: the struct tags TypedConfig reads ----

interface GoField { name?: string; type: string; tag?: string }
interface GoStruct { pkg: string; name: string; fields: GoField[] }

/** What the source says, per scaler type (the creator function's struct, nested structs flattened). */
export function readKedaSource(gitDir: string, tag = KEDA_TAG): Record<string, ScalerParam[]> {
  const git = (...args: string[]) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const files = git('ls-tree', '-r', '--name-only', tag, 'pkg/scalers/').split('\n').filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'));
  const structs = new Map<string, GoStruct>();
  const named = new Map<string, string>();
  const creators = new Map<string, GoStruct>();
  for (const file of files) {
    const pkg = path.basename(path.dirname(file));
    const text = git('show', `${tag}:${file}`);
    for (const m of text.matchAll(/^type (\w+) ([\w.[\]*]+)\s*$/gm)) named.set(`${pkg}.${m[1]}`, m[2]);
    // Declarations in file order, as the generator walks them: a struct with a triggerIndex
    // field is the scaler's; each later New* function is a creator of it.
    const decls = [...text.matchAll(/^type (\w+) struct \{\n([\s\S]*?)^\}|^func (New\w+)\(/gm)];
    let current: GoStruct | undefined;
    for (const d of decls) {
      if (d[3] !== undefined) {
        if (current && pkg === 'scalers') creators.set(d[3], current);
        continue;
      }
      const fields: GoField[] = [];
      let hasTriggerIndex = false;
      for (const line of d[2].split('\n')) {
        const tagged = /^\s*(?:(\w+)\s+)?([\w.*[\]]+)\s+`([^`]*)`/.exec(line);
        if (tagged) {
          const keda = /keda:"([^"]*)"/.exec(tagged[3]);
          fields.push({ name: tagged[1], type: tagged[2], tag: keda?.[1] });
        } else if (/^\s*(triggerIndex|TriggerIndex)\s/.test(line)) {
          hasTriggerIndex = true;
        }
      }
      const s: GoStruct = { pkg, name: d[1], fields };
      structs.set(`${pkg}.${d[1]}`, s);
      if (hasTriggerIndex) current = fields.some((f) => f.tag !== undefined) ? s : undefined;
    }
  }
  const builder = git('show', `${tag}:pkg/scaling/scalers_builder.go`);
  const out: Record<string, ScalerParam[]> = {};
  for (const m of builder.matchAll(/case "([^"]+)":\s*\n\s*return scalers\.(New\w+)\(/g)) {
    const s = creators.get(m[2]);
    if (s) out[m[1]] = flatten(s, false, true, structs, named);
  }
  return out;
}

function flatten(s: GoStruct, parentOptional: boolean, reachable: boolean, structs: Map<string, GoStruct>, named: Map<string, string>): ScalerParam[] {
  const out: ScalerParam[] = [];
  for (const f of s.fields) {
    if (f.tag === undefined) continue;
    const p = parseTag(f.tag);
    if (p.n.length === 0) {
      // A nested struct: TypedConfig recurses into any; KEDA's generator only into a plain
      // identifier of pkg/scalers whose tag is exactly "optional".
      const bare = f.type.replace(/^\*/, '');
      const key = bare.includes('.') ? bare : `${s.pkg}.${bare}`;
      const nested = structs.get(key);
      if (!nested) throw new Error(`${s.pkg}.${s.name}: nested struct ${f.type} not found`);
      const seen = reachable && f.tag.trim() === 'optional' && !f.type.includes('.') && !f.type.startsWith('*') && nested.pkg === 'scalers';
      out.push(...flatten(nested, parentOptional || p.opt === 1, seen, structs, named));
      continue;
    }
    const param: ScalerParam = { ...p, t: goKind(f.type, s.pkg, named) };
    if (parentOptional && !p.opt) param.popt = 1;
    if (!reachable) param.hidden = 1;
    out.push(orderKeys(param));
  }
  return out;
}

/** paramsFromTag (typed_config.go), into the table's shape. */
function parseTag(tag: string): Omit<ScalerParam, 't'> {
  const p: Omit<ScalerParam, 't'> & { n: string[] } = { n: [], from: '' };
  for (const ts of tag.split(',')) {
    const [key, ...rest] = ts.split('=');
    const value = rest.length > 0 ? rest[0] : undefined;
    switch (key.trim()) {
      case 'optional': if (value === undefined || /^(1|t|T|TRUE|true|True)$/.test(value.trim())) p.opt = 1; break;
      case 'order': p.from = (value ?? '').split(';').map((o) => ORDER_LETTER[o.trim()]).join(''); break;
      case 'name': p.n = (value ?? '').trim().split(';'); break;
      case 'deprecated': p.dep = value === undefined ? 'deprecated' : value.trim(); break;
      case 'deprecatedAnnounce': p.ann = value === undefined ? 'deprecatedAnnounce' : value.trim(); break;
      case 'default': if (value !== undefined && value.trim() !== '') p.def = value.trim(); break;
      case 'enum': if (value !== undefined) p.en = value.split(';'); break;
      case 'exclusiveSet': if (value !== undefined) p.ex = value.split(';'); break;
      case 'range': p.rng = value === undefined ? '-' : value.trim(); break;
      case 'separator': if (value !== undefined) p.sep = value.trim(); break;
      case '': break;
      default: throw new Error(`unknown tag param ${key}: ${tag}`);
    }
  }
  return p;
}

/** How TypedConfig's setConfigValueHelper parses a field of this Go type. */
function goKind(type: string, pkg: string, named: Map<string, string>): GoKind {
  const base = (t: string): string => {
    const key = t.includes('.') ? t : `${pkg}.${t}`;
    const under = named.get(key);
    return under && under !== t ? base(under) : t;
  };
  const t = base(type.replace(/^\*/, ''));
  if (type.startsWith('[]')) {
    const elem = base(type.slice(2));
    if (/^u?int\d*$/.test(elem)) return 'ints';
    return 'strings';
  }
  if (t.startsWith('map[')) return 'map';
  switch (t) {
    case 'string': return 'string';
    case 'bool': return 'bool';
    case 'int': case 'int64': return 'int';
    case 'int32': return 'int32';
    case 'uint32': return 'uint32';
    case 'float64': case 'float32': return 'float';
    case 'time.Duration': return 'duration';
    case 'url.Values': return 'query';
    default:
      // A string type from another module (azquery.AggregationType): string converts to it.
      if (/^\w+\.\w+$/.test(t)) return 'string';
      throw new Error(`no parser known for Go type ${type}`);
  }
}

const KEY_ORDER = ['n', 'from', 't', 'opt', 'popt', 'def', 'en', 'ex', 'sep', 'rng', 'dep', 'ann', 'hidden'];
function orderKeys(p: ScalerParam): ScalerParam {
  return Object.fromEntries(KEY_ORDER.filter((k) => (p as any)[k] !== undefined).map((k) => [k, (p as any)[k]])) as unknown as ScalerParam;
}

/**
 * The table: the schema's parameters with the source facts merged in. `source` is
 * readKedaSource's result, or the committed table (which carries the same facts).
 */
export function compileTable(schema: SchemaFile, source: Readonly<Record<string, readonly ScalerParam[]>>): Record<string, ScalerParam[]> {
  const table: Record<string, ScalerParam[]> = {};
  for (const s of [...schema.scalers].sort((a, b) => a.type.localeCompare(b.type))) {
    const facts = source[s.type];
    if (!facts) throw new Error(`${s.type}: no source facts (run with --keda-git)`);
    // The schema decides every field it states; the source adds type, aliases, order and the hidden fields.
    // Entries come in source order, one per name (two fields may share a name: influxdb's authToken).
    let next = 0;
    table[s.type] = facts.map((f) => {
      if (f.hidden) return orderKeys({ ...f });
      const e = s.parameters[next];
      if (e?.name !== f.n[0]) throw new Error(`${s.type}: "${f.n[0]}" is in the source where the schema has ${e ? `"${e.name}"` : 'nothing'}`);
      next += f.n.length;
      const letters = [e.metadataVariableReadable && 'm', e.envVariableReadable && 'e', e.triggerAuthenticationVariableReadable && 'a'].filter(Boolean) as string[];
      const from = [...f.from].filter((c) => letters.includes(c)).join('') + letters.filter((c) => !f.from.includes(c)).join('');
      return orderKeys({
        n: f.n, from, t: f.t, opt: e.optional ? 1 : undefined, popt: f.popt, def: e.default, en: e.allowedValue, ex: e.exclusiveSet,
        sep: e.separator, rng: e.rangeSeparator, dep: e.deprecated, ann: e.deprecatedAnnounce,
      });
    });
  }
  return table;
}

export function renderTable(schema: SchemaFile, table: Record<string, ScalerParam[]>): string {
  const lines = Object.entries(table).map(([type, params]) => `  ${JSON.stringify(type)}: [\n${params.map((p) => `    ${JSON.stringify(p)},`).join('\n')}\n  ],`);
  return `// Generated by scripts/gen-keda-scalers.ts from KEDA's scaler schema (kedacore/keda ${KEDA_TAG}
// schema/generated/scalers-schema.json, schemaVersion ${schema.schemaVersion}) and the struct tags of
// its source at that tag. Do not edit; run \`npx tsx scripts/gen-keda-scalers.ts\`.

/** How TypedConfig (pkg/scalers/scalersconfig/typed_config.go) parses a value, by the field's Go type. */
export type GoKind = 'string' | 'bool' | 'int' | 'int32' | 'uint32' | 'float' | 'duration' | 'strings' | 'ints' | 'map' | 'query';

/** One field of a scaler's typed config. */
export interface ScalerParam {
  /** Names, the first being the documented one; the others are aliases. */
  readonly n: readonly string[];
  /** Where it is looked up, in order: m triggerMetadata, e resolvedEnv (\`<name>FromEnv\`), a authParams (TriggerAuthentication). */
  readonly from: string;
  readonly t: GoKind;
  /** Optional by its own tag. @default - required unless \`popt\`, \`def\` or \`dep\` */
  readonly opt?: 1;
  /** Optional because the nested struct holding it is. @default - not nested in an optional struct */
  readonly popt?: 1;
  /** TypedConfig's value when no source has one. @default - none */
  readonly def?: string;
  /** Allowed values (of each item of a list). @default - any */
  readonly en?: readonly string[];
  /** At most one of these values in the list. @default - none */
  readonly ex?: readonly string[];
  /** List separator. @default "," */
  readonly sep?: string;
  /** Range separator of an integer list. @default - no ranges */
  readonly rng?: string;
  /** Removed: set, KEDA refuses the trigger with this message. @default - not removed */
  readonly dep?: string;
  /** Deprecated: set, KEDA records this event and goes on. @default - not deprecated */
  readonly ann?: string;
  /** Read by TypedConfig but left out of KEDA's schema (a nested struct its generator skips). @default - in the schema */
  readonly hidden?: 1;
}

export const KEDA_SCHEMA_VERSION = ${JSON.stringify(KEDA_TAG)};

/** Every scaler whose metadata KEDA parses with TypedConfig, by trigger type. */
export const SCALER_PARAMS: Readonly<Record<string, readonly ScalerParam[]>> = {
${lines.join('\n')}
};
`;
}

function main(argv: string[]): void {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const schemaPath = arg('--schema') ?? DEFAULT_SCHEMA_PATH;
  if (!fs.existsSync(schemaPath)) {
    console.error(`gen-keda-scalers: ${schemaPath} not found; the generated table is committed, nothing to do`);
    process.exit(1);
  }
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as SchemaFile;
  const gitDir = arg('--keda-git') ?? process.env.KEDA_GIT;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const source = gitDir ? readKedaSource(gitDir) : (require('../lib/workers/scalers.generated').SCALER_PARAMS as Record<string, ScalerParam[]>);
  const table = compileTable(schema, source);
  const problems = compareWithSchema(schema, table);
  if (gitDir) {
    // The source read the way KEDA's generator reads it must give the schema back.
    problems.push(...compareWithSchema(schema, source).map((p) => `source: ${p}`));
  }
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  fs.writeFileSync(GENERATED_PATH, renderTable(schema, table));
  const count = Object.values(table).reduce((n, ps) => n + ps.length, 0);
  console.log(`${path.relative(process.cwd(), GENERATED_PATH)}: ${Object.keys(table).length} scalers, ${count} fields (${Object.values(table).flat().filter((p) => p.hidden).length} not in the schema)`);
}

if (require.main === module) main(process.argv.slice(2));
