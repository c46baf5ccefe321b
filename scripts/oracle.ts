// The differential harness: the library's engine and the upstream webhooks'
// own Go code (test/oracle) judge the same generated manifests; every
// disagreement is printed, unless it is a known, deliberate one.
//
//   npm run oracle -- [--seed N] [--budget SECONDS] [--per-kind N] [--kind K,...] [--release R,...] [--show N] [--fail]
//   npm run oracle -- --scalers [--seed N] [--budget SECONDS] [--per-kind N] [--type T,...] [--show N] [--fail]
//
// With --scalers, KEDA's own scaler metadata parsers (test/oracle/scalers, a
// module apart: its build is long from cold caches) judge the triggers of
// ScaledObjects and ScaledJobs instead, against the library's KEDA-TRIGGER-*
// checks (scripts/oracle-scalers.ts).
//
// Each Knative release the library supports is judged apart: the library with
// that `knativeVersion`, the oracle built against that release's modules
// (test/oracle/go.mod for 1.22, go.1.23.mod for 1.23) and given its CRDs.
//
// Manifests: every scenario app's objects (synthesized as scripts/synth-apps.ts
// does), the triggers and near misses of test/**/*.cases.ts, and fast-check
// mutations of all of them (values at and around boundaries, fields removed,
// added, retyped, names at length limits). Agreement: the oracle rejects ⇔
// the library reports an error for the object from a rule whose effect is
// `reject` and that has no `stricter`; errors of other rules are counted apart.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import fc from 'fast-check';
import fg from 'fast-glob';
import { parseAllDocuments } from 'yaml';
import { AgentApp } from '../lib';
import { Finding, Rule } from '../lib/engine/rule';
import { ClusterSettings, KNATIVE_RELEASES, KnativeRelease, resolveClusterSettings } from '../lib/settings/settings';
import { validateManifests } from '../lib/validation';
import { KNOWN_DIVERGENCES, KnownDivergence } from './oracle-divergences';

const ROOT = path.join(__dirname, '..');
const ORACLE_DIR = path.join(ROOT, 'test', 'oracle');
/** The CRDs and default ConfigMaps of the supported releases (the library compiles the same files). */
export const CRDS_DIR = path.join(ROOT, '..', 'shared', 'crds');

/**
 * Per Knative release: the oracle's go.mod (its Serving module) and the CRD
 * folders it is given, a later one replacing an earlier one's kinds (Serving
 * 1.23's CRDs and ConfigMaps are kept apart in ../shared/upstream).
 */
export const RELEASES: Readonly<Record<KnativeRelease, { modfile: string; crds: readonly string[] }>> = {
  '1.22': { modfile: 'go.mod', crds: [CRDS_DIR] },
  '1.23': { modfile: 'go.1.23.mod', crds: [CRDS_DIR, path.join(ROOT, '..', 'shared', 'upstream', 'knative-serving-1.23')] },
};

type Obj = Record<string, unknown>;

interface Options { seed: number; budget: number; perKind: number; kinds?: string[]; releases: KnativeRelease[]; show: number; fail: boolean; scalers: boolean; types?: string[] }

function parseArgs(argv: string[]): Options {
  const o: Options = { seed: 1, budget: 180, perKind: 10000, releases: [...KNATIVE_RELEASES], show: 3, fail: false, scalers: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} wants a value`);
      return v;
    };
    if (a === '--seed') o.seed = Number(next());
    else if (a === '--budget') o.budget = Number(next());
    else if (a === '--per-kind') o.perKind = Number(next());
    else if (a === '--kind') o.kinds = next().split(',');
    else if (a === '--release') {
      o.releases = next().split(',') as KnativeRelease[];
      const bad = o.releases.filter((r) => !(r in RELEASES));
      if (bad.length > 0) throw new Error(`--release: ${bad.join(', ')} is not a supported release (${KNATIVE_RELEASES.join(', ')})`);
    }
    else if (a === '--show') o.show = Number(next());
    else if (a === '--fail') o.fail = true;
    else if (a === '--scalers') o.scalers = true;
    else if (a === '--type') o.types = next().split(',');
    else throw new Error(`unknown option ${a} (--seed N, --budget SECONDS, --per-kind N, --kind K,..., --release R,..., --show N, --fail, --scalers, --type T,...)`);
  }
  if (![o.seed, o.budget, o.perKind, o.show].every(Number.isFinite)) throw new Error('--seed, --budget, --per-kind and --show want numbers');
  return o;
}

// ---------------------------------------------------------------- the oracle

/** An oracle binary and the CRD folders of its release. */
export interface Oracle { bin: string; crds: readonly string[]; release: KnativeRelease }

/** Builds the oracle of a release once (`go build`; Go's caches make a rebuild fast); undefined when Go is absent. */
export function buildOracle(release: KnativeRelease = '1.22'): Oracle | undefined {
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0) return undefined;
  const { modfile, crds } = RELEASES[release];
  const bin = path.join(os.tmpdir(), 'cdk8s-agents-oracle', `oracle-${release}`);
  execFileSync('go', ['build', `-modfile=${modfile}`, '-o', bin, '.'], { cwd: ORACLE_DIR, stdio: ['ignore', 'inherit', 'inherit'] });
  return { bin, crds, release };
}

/** The upstream module versions an oracle binary was built with (`--modules`). */
export function oracleModules(oracle: Oracle): string[] {
  return execFileSync(oracle.bin, ['--modules'], { encoding: 'utf8' }).split('\n').filter((l) => l !== '');
}

export interface OracleVerdict {
  file: string; doc: number; apiVersion: string; kind: string; name: string;
  verdict: 'accepted' | 'rejected' | 'unsupported'; errors: string[]; notRun?: string[]; reason?: string; partial?: string;
}

/** Judges objects with the oracle, in one call (a JSON stream on stdin). */
export function runOracle(oracle: Oracle, objects: readonly unknown[]): OracleVerdict[] {
  const input = objects.map((o) => JSON.stringify(o)).join('\n');
  const out = execFileSync(oracle.bin, [...oracle.crds.flatMap((d) => ['--crds', d]), '-'], { input, maxBuffer: 1 << 30, encoding: 'utf8' });
  const verdicts = out.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as OracleVerdict);
  if (verdicts.length !== objects.length) throw new Error(`the oracle judged ${verdicts.length} of ${objects.length} objects`);
  return verdicts;
}

// ---------------------------------------------------------------- the library

export type Category = 'reject' | 'apart';

/** Where a library error stands: comparable with a webhook (`reject`), or beyond admission / deliberately stricter. */
export function categoryOf(rule: Rule): Category {
  return rule.effect === 'reject' && rule.stricter === undefined ? 'reject' : 'apart';
}

/** The library's settings for a release: the upstream defaults, with that knativeVersion. */
export function releaseSettings(release: KnativeRelease): ClusterSettings {
  return resolveClusterSettings({ knativeVersion: release, source: `upstream defaults of Knative ${release}` });
}

function libraryErrors(object: unknown, settings: ClusterSettings): Finding[] {
  const result = validateManifests([{ object, where: 'manifest#0' }], settings, { closed: false });
  return result.findings.filter((f) => f.severity === 'error');
}

// ---------------------------------------------------------------- seeds

interface Seed { origin: string; object: Obj }

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const kindOf = (o: Obj) => `${String(o.apiVersion)}/${String(o.kind)}`;

export function appSeeds(): Seed[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'oracle-apps-'));
  const seeds: Seed[] = [];
  const appsDir = path.join(ROOT, 'apps');
  for (const file of fs.readdirSync(appsDir).filter((f) => f.endsWith('.ts')).sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(appsDir, file));
    // An app with environments (AgentEnvironments) is built once per environment.
    const envs: [string, unknown][] = mod.environments ? Object.entries(mod.environments as Record<string, { values: unknown }>).map(([name, e]) => [name, { name, values: e.values }]) : [['', undefined]];
    for (const [name, env] of envs) {
      const dir = path.join(outdir, file, name);
      const app = new AgentApp({ outdir: dir });
      mod.build(app, env);
      app.synth();
      for (const out of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
        for (const doc of parseAllDocuments(fs.readFileSync(path.join(dir, out), 'utf8'))) {
          const object = doc.toJS();
          if (isObj(object)) seeds.push({ origin: `app ${file}${name ? ` (${name})` : ''}`, object });
        }
      }
    }
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  return seeds;
}

/** The objects of a synth case, rendered without the app's validation (a trigger's object is invalid on purpose). */
function chartObjects(build: (chart: Chart) => void): Obj[] {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: 'agents' });
  build(chart);
  return chart.toJson().filter(isObj);
}

export function caseSeeds(): { seeds: Seed[]; skipped: number } {
  const seeds: Seed[] = [];
  let skipped = 0;
  for (const file of fg.sync('test/**/*.cases.ts', { cwd: ROOT }).sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cases = require(path.join(ROOT, file)).CASES as { triggers: Obj[]; passes: Obj[] } | undefined;
    if (!cases) continue;
    const all = [...cases.triggers.map((c) => ['trigger', c] as const), ...cases.passes.map((c) => ['near miss', c] as const)];
    for (const [what, c] of all) {
      const origin = `${file} ${what} ${c.id ? `${String(c.id)} ` : ''}"${String(c.name)}"`;
      // Settings other than the defaults: the oracle would need them as ConfigMaps (not generated here).
      if (c.settings !== undefined) {
        skipped++;
        continue;
      }
      try {
        const objects = Array.isArray(c.manifests) ? c.manifests.filter(isObj) : chartObjects(c.build as (chart: Chart) => void);
        for (const object of objects) seeds.push({ origin, object: JSON.parse(JSON.stringify(object)) as Obj });
      } catch {
        skipped++; // a construct refused its props: no manifest to compare
      }
    }
  }
  return { seeds, skipped };
}

// ---------------------------------------------------------------- mutations

type PathKey = string | number;
interface Leaf { path: PathKey[]; value: unknown }

function walk(v: unknown, at: PathKey[], out: Leaf[]): void {
  out.push({ path: at, value: v });
  if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i], out));
  else if (isObj(v)) for (const [k, x] of Object.entries(v)) walk(x, [...at, k], out);
}

/** Every path of an object but apiVersion and kind (the oracle's dispatch). */
function pathsOf(o: Obj): Leaf[] {
  const out: Leaf[] = [];
  walk(o, [], out);
  return out.filter((l) => l.path.length > 0 && l.path[0] !== 'apiVersion' && l.path[0] !== 'kind');
}

function setAt(o: Obj, at: PathKey[], value: unknown | typeof REMOVE): Obj {
  const copy = JSON.parse(JSON.stringify(o)) as Obj;
  let cur: any = copy;
  // A list extended past its end gets nulls, as the JSON the oracle reads has them (never holes: the library reads no holes in YAML).
  const pad = (list: unknown, k: PathKey) => { if (Array.isArray(list) && typeof k === 'number') while (list.length < k) list.push(null); };
  for (const k of at.slice(0, -1)) {
    pad(cur, k);
    if (cur[k] === undefined || cur[k] === null || typeof cur[k] !== 'object') cur[k] = typeof k === 'number' ? [] : {};
    cur = cur[k];
  }
  const last = at[at.length - 1];
  if (value !== REMOVE) pad(cur, last);
  if (value === REMOVE) {
    if (Array.isArray(cur) && typeof last === 'number') cur.splice(last, 1);
    else delete cur[last];
  } else cur[last] = value;
  return copy;
}

const REMOVE = Symbol('remove');

const LONG = (n: number) => 'a'.repeat(n);
const DNS_NAMES = [LONG(63), LONG(64), `${LONG(63)}.${LONG(63)}.${LONG(63)}.${LONG(61)}`, `${LONG(63)}.${LONG(63)}.${LONG(63)}.${LONG(62)}`, 'A', 'a_b', 'a.b', '-a', 'a-', '1a', 'a'];

/** Values at and around a value's boundaries, and values of other types. */
function boundaryValues(v: unknown, name: PathKey | undefined): unknown[] {
  const common: unknown[] = [null, '', 0, true, {}, []];
  if (typeof v === 'number') {
    return [v - 1, v + 1, -v, 0, -1, 1, 2, 100, 1000, 2147483647, 2147483648, 0.5, v + 0.5, String(v), ...common];
  }
  if (typeof v === 'boolean') return [!v, String(v), 'yes', 1, ...common];
  if (typeof v === 'string') {
    const n = Number(v);
    const numeric = v.trim() !== '' && Number.isFinite(n)
      ? [String(n - 1), String(n + 1), String(-n), String(n + 0.5), '0', '-1', '1', '0.5', '1000', '2147483648', n, `${v}x`]
      : [];
    const duration = /^\d+(\.\d+)?(ns|us|ms|s|m|h)$/.test(v) ? ['0s', '-1s', '1s', '1ms', '1h', '24h', '1d', '3600', '10', `${v}x`] : [];
    const names = name === 'name' || name === 'namespace' || name === 'generateName' ? DNS_NAMES : [];
    return [
      ...numeric, ...duration, ...names,
      v.toUpperCase(), `${v}-`, `-${v}`, `${v}_x`, `${v}.`, `${v} `, LONG(63), LONG(64), LONG(253), LONG(254),
      'true', 'false', 'Enabled', 'Disabled', 'kpa.autoscaling.knative.dev', 'hpa.autoscaling.knative.dev', 'concurrency', 'rps', 'cpu', 'memory',
      'http://example.com', 'https://example.com/x', '/x', 'example.com', '* * * * *', '@hourly', 'not a cron', 'Europe/Paris', 'PST', ...common,
    ];
  }
  if (Array.isArray(v)) return [[], [v[0]], [...v, ...v], ...(v.length > 0 ? [v[0]] : []), ...common];
  if (isObj(v)) return [{}, ...common];
  return common;
}

interface Mutant { object: Obj; how: string }

const fmtPath = (p: PathKey[]) => p.map((k) => (typeof k === 'number' ? `[${k}]` : k)).join('.').replace(/\.\[/g, '[');
const short = (v: unknown) => {
  const s = v === REMOVE ? '(removed)' : JSON.stringify(v) ?? 'undefined';
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

/** Values seen at each path in any seed of a kind: a field of one seed grafted onto another. */
function valuesByPath(seeds: readonly Seed[]): Map<string, { path: PathKey[]; values: unknown[] }> {
  const m = new Map<string, { path: PathKey[]; values: unknown[] }>();
  for (const s of seeds) {
    for (const l of pathsOf(s.object)) {
      const key = JSON.stringify(l.path);
      const e = m.get(key) ?? { path: l.path, values: [] };
      if (e.values.length < 20 && !e.values.some((x) => JSON.stringify(x) === JSON.stringify(l.value))) e.values.push(l.value);
      m.set(key, e);
    }
  }
  return m;
}

/** A fast-check arbitrary of mutants of a kind's seeds: one to three mutations each. */
export function mutantArb(seeds: readonly Seed[]): fc.Arbitrary<Mutant> {
  const grafts = [...valuesByPath(seeds).values()];
  const one = (o: Obj): fc.Arbitrary<{ object: Obj; how: string }> => {
    const leaves = pathsOf(o);
    const ops: fc.Arbitrary<{ object: Obj; how: string }>[] = [];
    if (leaves.length > 0) {
      const leaf = fc.constantFrom(...leaves);
      ops.push(leaf.map((l) => ({ object: setAt(o, l.path, REMOVE), how: `remove ${fmtPath(l.path)}` })));
      ops.push(leaf.chain((l) => fc.constantFrom(...boundaryValues(l.value, l.path[l.path.length - 1]))
        .map((v) => ({ object: setAt(o, l.path, v), how: `${fmtPath(l.path)} = ${short(v)}` }))));
    }
    const objects = leaves.filter((l) => isObj(l.value));
    if (objects.length > 0) {
      ops.push(fc.constantFrom(...objects).map((l) => ({ object: setAt(o, [...l.path, 'unknownField'], 'x'), how: `add ${fmtPath([...l.path, 'unknownField'])}` })));
    }
    if (grafts.length > 0) {
      ops.push(fc.constantFrom(...grafts).chain((g) => fc.constantFrom(...g.values)
        .map((v) => ({ object: setAt(o, g.path, v), how: `${fmtPath(g.path)} = ${short(v)} (from another seed)` }))));
    }
    ops.push(fc.constantFrom(...DNS_NAMES).map((n) => ({ object: setAt(o, ['metadata', 'name'], n), how: `metadata.name = ${short(n)}` })));
    return fc.oneof(...ops);
  };
  return fc.constantFrom(...seeds).chain((s) => fc.integer({ min: 1, max: 3 }).chain((n) => {
    let arb: fc.Arbitrary<{ object: Obj; how: string[] }> = fc.constant({ object: s.object, how: [] });
    for (let i = 0; i < n; i++) arb = arb.chain((m) => one(m.object).map((x) => ({ object: x.object, how: [...m.how, x.how] })));
    return arb.map((m) => ({ object: m.object, how: `${s.origin}: ${m.how.join('; ')}` }));
  }));
}

// ---------------------------------------------------------------- comparison

interface Row { release: KnativeRelease; kind: string; manifests: number; judged: number; agree: number; apart: number; known: number; unexplained: number; unsupported: number; partial: number; notRun: Set<string>; partialWhy: Set<string> }

export interface Disagreement { kind: string; release?: KnativeRelease; how: string; library: string[]; oracle: string[]; side: 'library-only' | 'oracle-only' }

/** The known divergence that explains a disagreement, if any. */
export function explain(d: Disagreement, known: readonly KnownDivergence[] = KNOWN_DIVERGENCES): KnownDivergence | undefined {
  return known.find((k) => (k.kind === undefined || k.kind === d.kind) && k.side === d.side
    && (d.side === 'library-only' ? d.library.some((l) => k.match.test(l)) : d.oracle.some((o) => k.match.test(o))));
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.scalers) {
    // Loaded here: scripts/oracle-scalers.ts imports this module's seeds.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('./oracle-scalers') as typeof import('./oracle-scalers')).scalersMain(opts);
    return;
  }
  const started = Date.now();
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0) {
    console.log('oracle: skipped (`go` is not on PATH; the oracle is the upstream webhooks\' Go code)');
    return;
  }
  const { seeds: cases, skipped } = caseSeeds();
  const seeds = [...appSeeds(), ...cases];
  console.error(`oracle: seeds ready after ${((Date.now() - started) / 1000).toFixed(1)}s`);
  const byKind = new Map<string, Seed[]>();
  for (const s of seeds) {
    if (typeof s.object.apiVersion !== 'string' || typeof s.object.kind !== 'string') continue;
    byKind.set(kindOf(s.object), [...(byKind.get(kindOf(s.object)) ?? []), s]);
  }
  const kinds = [...byKind.keys()].sort().filter((k) => !opts.kinds || opts.kinds.some((w) => k.endsWith(`/${w}`) || k === w));
  console.log(`oracle: ${seeds.length} seeds (${skipped} cases with non-default settings or refused props left out); seed ${opts.seed}, budget ${opts.budget}s, releases ${opts.releases.join(', ')}`);

  const rows: Row[] = [];
  const unexplained: Disagreement[] = [];
  const knownHits = new Map<KnownDivergence, number>();
  const unsupportedKinds = new Set<string>();
  opts.releases.forEach((release, ri) => {
    const buildStarted = Date.now();
    const oracle = buildOracle(release)!;
    console.log(`oracle ${release}: built in ${((Date.now() - buildStarted) / 1000).toFixed(1)}s with ${oracleModules(oracle).join(', ')}`);
    const settings = releaseSettings(release);
    // Kinds the oracle judges (a probe of one seed each).
    const probe = runOracle(oracle, kinds.map((k) => byKind.get(k)![0].object));
    const judged = kinds.filter((_, i) => probe[i].verdict !== 'unsupported');
    probe.forEach((p, i) => p.verdict === 'unsupported' && unsupportedKinds.add(`${kinds[i]}: ${p.reason}`));
    const deadline = started + (opts.budget * 1000 * (ri + 1)) / opts.releases.length;
    const releaseRows: Row[] = [];
    const perKindTime = () => Math.max(1000, (deadline - Date.now()) / Math.max(1, judged.length - releaseRows.length));
    for (const kind of judged) {
      const kindDeadline = Date.now() + perKindTime();
      const row: Row = { release, kind, manifests: 0, judged: 0, agree: 0, apart: 0, known: 0, unexplained: 0, unsupported: 0, partial: 0, notRun: new Set(), partialWhy: new Set() };
      releaseRows.push(row);
      rows.push(row);
      const kindSeeds = byKind.get(kind)!;
      const arb = mutantArb(kindSeeds);
      let batchNo = 0;
      // The first batch always runs (its seeds as written), however long building the arbitrary took.
      while (row.manifests < opts.perKind && (batchNo === 0 || Date.now() < kindDeadline)) {
        const n = Math.min(500, opts.perKind - row.manifests);
        const batch: Mutant[] = batchNo === 0 ? kindSeeds.map((s) => ({ object: s.object, how: `${s.origin} (as written)` })) : [];
        batch.push(...fc.sample(arb, { seed: opts.seed * 7919 + batchNo * 104729 + hash(kind), numRuns: Math.max(0, n - batch.length) }));
        batchNo++;
        const verdicts = runOracle(oracle, batch.map((m) => m.object));
        batch.forEach((m, i) => {
          row.manifests++;
          const v = verdicts[i];
          if (v.verdict === 'unsupported' || v.kind !== m.object.kind) {
            row.unsupported++;
            return;
          }
          row.judged++;
          for (const n of v.notRun ?? []) row.notRun.add(n);
          const errors = libraryErrors(m.object, settings);
          const rejecting = errors.filter((f) => categoryOf(f.rule) === 'reject');
          if (errors.length > rejecting.length) row.apart++;
          const lib = rejecting.map((f) => `[${f.rule.id}] ${f.field}: ${f.problem}`);
          if ((v.verdict === 'rejected') === (lib.length > 0)) {
            row.agree++;
            return;
          }
          // Only the API server's checks ran: the library's webhook rules have no counterpart.
          if (v.partial !== undefined && lib.length > 0) {
            row.partial++;
            row.partialWhy.add(v.partial);
            return;
          }
          const d: Disagreement = { kind, release, how: m.how, library: lib.length > 0 ? lib : errors.map((f) => `(apart) [${f.rule.id}] ${f.field}: ${f.problem}`), oracle: v.errors, side: lib.length > 0 ? 'library-only' : 'oracle-only' };
          const k = explain(d);
          if (k) {
            row.known++;
            knownHits.set(k, (knownHits.get(k) ?? 0) + 1);
          } else {
            row.unexplained++;
            unexplained.push(d);
          }
        });
      }
    }
  });
  const unsupported = [...unsupportedKinds];

  console.log('');
  console.log('| release | kind | manifests | judged | agree | known divergences | unexplained | library errors apart | library-only, webhook not in the oracle |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.release} | ${r.kind} | ${r.manifests} | ${r.judged} | ${r.agree} | ${r.known} | ${r.unexplained} | ${r.apart} | ${r.partial} |`);
  const total = (f: (r: Row) => number) => rows.reduce((a, r) => a + f(r), 0);
  console.log(`| all | all | ${total((r) => r.manifests)} | ${total((r) => r.judged)} | ${total((r) => r.agree)} | ${total((r) => r.known)} | ${total((r) => r.unexplained)} | ${total((r) => r.apart)} | ${total((r) => r.partial)} |`);
  const partial = [...new Set(rows.flatMap((r) => [...r.partialWhy].map((w) => `${r.kind}: ${w}`)))];
  if (partial.length > 0) console.log(`\njudged by the API server's checks only (CRD schema, object meta), the webhook not run:\n${partial.map((p) => `  ${p}`).join('\n')}`);
  if (unsupported.length > 0) console.log(`\nnot judged by the oracle:\n${unsupported.map((u) => `  ${u}`).join('\n')}`);
  const notRun = [...new Set(rows.flatMap((r) => [...r.notRun].map((n) => `${r.kind}: ${n}`)))];
  if (notRun.length > 0) console.log(`\nupstream checks left out (they need a live cluster):\n${notRun.map((n) => `  ${n}`).join('\n')}`);
  if (knownHits.size > 0) {
    console.log('\nknown divergences seen:');
    for (const [k, n] of knownHits) console.log(`  ${n}× ${k.kind ?? '*'} ${k.side} ${k.match}: ${k.reason}`);
  }
  printUnexplained(unexplained, (d) => `${d.release} ${d.kind}`, opts.show);
  console.log(`\noracle: ${total((r) => r.judged)} manifests judged by both in ${((Date.now() - started) / 1000).toFixed(0)}s; ${unexplained.length} unexplained disagreements`);
  if (opts.fail && unexplained.length > 0) process.exitCode = 1;
}

/** Unexplained disagreements, grouped by what each side said first (ids and messages without values), `show` examples a group. */
export function printUnexplained<D extends { how: string; library: string[]; oracle: string[]; side: string }>(unexplained: readonly D[], label: (d: D) => string, show: number): void {
  const groups = new Map<string, D[]>();
  for (const d of unexplained) {
    const sig = `${label(d)} ${d.side}: ${signature(d.side === 'library-only' ? d.library[0] : d.oracle[0] ?? '')}`;
    groups.set(sig, [...(groups.get(sig) ?? []), d]);
  }
  if (groups.size === 0) return;
  console.log(`\nunexplained disagreements: ${unexplained.length} in ${groups.size} groups`);
  for (const [sig, ds] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`\n${ds.length}× ${sig}`);
    for (const d of ds.slice(0, show)) {
      console.log(`  - ${d.how}`);
      console.log(`    library: ${d.library.length > 0 ? d.library.join(' | ') : 'no error'}`);
      console.log(`    oracle:  ${d.oracle.length > 0 ? d.oracle.join(' | ') : 'accepted'}`);
    }
  }
}

/** A message without its values (quoted, backquoted, numbers): disagreements of one kind share it. */
export function signature(s: string): string {
  return s.replace(/"[^"]*"/g, '"…"').replace(/`[^`]*`/g, '`…`').replace(/\d+/g, 'N').slice(0, 140);
}

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) | 0;
  return Math.abs(h);
}

if (require.main === module) main();
