// Fleet synthesis benchmark: prints figures and the targets, asserts nothing.
//   npm run bench [-- --sizes 1000,3000 --runs 3]
// npm run bench compiles the library and this script and runs them with node:
// the library as its package ships it (compiled JavaScript), no TypeScript loader.
// The fleet: N agents in charts of 10; each agent a Knative Service reading its
// own AgentSecrets (ExternalSecret), an EgressPolicy, a KafkaTrigger into it,
// and every tenth agent in an AgentSequence (12,300 objects at 3000 agents).
// In one process, runs interleaved, median of --runs: the library (AgentApp,
// build + synth to files) against bare cdk8s (App + ApiObjects of the identical
// manifests, build + App.synth) and against YAML serialization alone (the same
// files written with cdk8s Yaml.save: the floor). Peak RSS is measured in a
// child process per run and variant (a process's peak cannot be reset), median.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { ApiObject, App, Chart, DependencyGraph, Names, Yaml } from 'cdk8s';
import type * as Lib from '../lib';

const PER_CHART = 10;
const TARGET_RATIO = 1.0; // library time ≤ 1.0× bare cdk8s
const TARGET_GROWTH = 3.3; // for ×3 agents (scaled: 1.1× the size ratio)
const TARGET_RSS = 1.2; // library peak RSS ≤ 1.2× bare's

/** `--name value` from the command line. */
function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** One chart's output: its file name (without extension) and its manifests in file order. */
interface ChartOutput { id: string; file: string; objects: any[] }

/** The library's fleet in an AgentApp (loaded lazily: the bare child never loads the library). */
function buildLibrary(agents: number, outdir: string): App {
  const lib: typeof Lib = require('../lib');
  const app = new lib.AgentApp({ outdir });
  lib.AppValidation.of(app).reporter = () => undefined;
  for (let c = 0; c * PER_CHART < agents; c++) {
    const chart = new Chart(app, `team-${c}`, { namespace: `team-${c}` });
    for (let i = c * PER_CHART; i < Math.min(agents, (c + 1) * PER_CHART); i++) {
      const secrets = new lib.AgentSecrets(chart, `agent-${i}-keys`, { store: lib.SecretStore.cluster('vault'), keys: { ANTHROPIC_API_KEY: `agents/${i}/anthropic` } });
      const agent = new lib.AgentKnativeService(chart, `agent-${i}`, {
        image: `ghcr.io/acme/agent-${i}:1.${i % 7}.0`,
        env: { AGENT_ID: `agent-${i}`, LOG_LEVEL: 'info' },
        secrets: [secrets],
        containerConcurrency: 1,
        scaling: { maxScale: 10, target: 1 },
      });
      new lib.EgressPolicy(chart, `agent-${i}-egress`, { agents: [agent], allow: [lib.Egress.cidr('10.20.0.0/16', { ports: [lib.EgressPort.tcp(443)] })] });
      new lib.KafkaTrigger(chart, `agent-${i}-tasks`, { bootstrapServers: ['kafka.kafka:9092'], topics: [`agent-${i}-tasks`], sink: agent });
      if (i % PER_CHART === 0) new lib.AgentSequence(chart, `agent-${i}-flow`, { steps: [agent] });
    }
  }
  return app;
}

/** The baseline: the same manifests, charts and namespaces, with nothing but cdk8s. */
function buildBare(charts: readonly ChartOutput[], outdir: string): App {
  const app = new App({ outdir });
  for (const { id, objects } of charts) {
    const chart = new Chart(app, id, { namespace: id });
    objects.forEach((m, k) => new ApiObject(chart, `${m.kind}-${m.metadata.name}-${k}`, m));
  }
  return app;
}

/** The floor: the same files written by cdk8s's YAML serializer, nothing else. */
function writeYaml(charts: readonly ChartOutput[], outdir: string): void {
  for (const { file, objects } of charts) Yaml.save(path.join(outdir, `${file}.k8s.yaml`), objects);
}

/** What the library's app wrote, per chart, as data (rendered again, outside any timing). */
function outputsOf(app: App): ChartOutput[] {
  return app.charts.map((chart) => ({
    id: chart.node.id,
    file: Names.toDnsLabel(chart),
    objects: new DependencyGraph(chart.node).topology().filter((x): x is ApiObject => x instanceof ApiObject && Chart.of(x) === chart).map((o) => o.toJson()),
  }));
}

const tmpdir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-bench-'));
const rm = (dir: string) => fs.rmSync(dir, { recursive: true, force: true });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const mib = () => process.resourceUsage().maxRSS / 1024;

// Child: one build + synth of one variant; prints its peak RSS (MiB) and the RSS once its modules are loaded.
if (process.argv.includes('--child')) {
  const [variant, agents, manifests] = [flag('child', ''), Number(flag('agents', '0')), flag('manifests', '')];
  const outdir = tmpdir();
  if (variant === 'library') require('../lib');
  const loadedMiB = process.memoryUsage().rss / 1048576;
  if (variant === 'library') buildLibrary(agents, outdir).synth();
  else buildBare(JSON.parse(fs.readFileSync(manifests, 'utf8')), outdir).synth();
  rm(outdir);
  console.log(JSON.stringify({ peakMiB: mib(), loadedMiB }));
  process.exit(0);
}

// GC between runs keeps one run's garbage out of the next one's time.
if (!global.gc) {
  v8.setFlagsFromString('--expose-gc');
  global.gc = vm.runInNewContext('gc');
}

/** Time of one run in ms, after a GC. */
function timed(fn: () => void): number {
  global.gc?.();
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Byte comparison of every file two runs wrote. */
function compareDirs(a: string, b: string): string {
  const files = fs.readdirSync(a).sort();
  if (files.join() !== fs.readdirSync(b).sort().join()) return 'MISMATCH (file names differ)';
  const differing = files.filter((f) => !fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))));
  return differing.length === 0 ? `OK (${files.length} files)` : `MISMATCH (${differing[0]} and ${differing.length - 1} more)`;
}

interface Rss { peakMiB: number; loadedMiB: number }

/** Peak RSS of one child process running one variant (same runtime as this one). */
function childRss(variant: 'library' | 'bare', agents: number, manifests: string): Rss {
  const result = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', variant, '--agents', String(agents), '--manifests', manifests], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${variant} child failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

interface Size { agents: number; charts: number; objects: number; lib: number; bare: number; yaml: number; libRss?: Rss; bareRss?: Rss; bytes: string }

/** Library, bare and YAML-only runs interleaved, so drift (thermal, other load) hits all alike. */
function measure(agents: number, runs: number, rss: boolean): Size {
  const times = { lib: [] as number[], bare: [] as number[], yaml: [] as number[] };
  let charts: ChartOutput[] = [];
  let bytes = '';
  for (let r = 0; r < runs; r++) {
    const dirs = { lib: tmpdir(), bare: tmpdir(), yaml: tmpdir() };
    let app: App | undefined;
    times.lib.push(timed(() => {
      app = buildLibrary(agents, dirs.lib);
      app.synth();
    }));
    if (r === 0) charts = outputsOf(app!);
    app = undefined;
    times.bare.push(timed(() => buildBare(charts, dirs.bare).synth()));
    times.yaml.push(timed(() => writeYaml(charts, dirs.yaml)));
    if (r === 0) bytes = `bare ${compareDirs(dirs.lib, dirs.bare)}, yaml ${compareDirs(dirs.lib, dirs.yaml)}`;
    Object.values(dirs).forEach(rm);
  }
  let libRss: Rss | undefined;
  let bareRss: Rss | undefined;
  if (rss) {
    const file = path.join(tmpdir(), 'manifests.json');
    fs.writeFileSync(file, JSON.stringify(charts));
    // One child per run and variant, interleaved; the median peak (and its run's loaded figure).
    const lib: Rss[] = [];
    const bare: Rss[] = [];
    for (let r = 0; r < runs; r++) {
      lib.push(childRss('library', agents, file));
      bare.push(childRss('bare', agents, file));
    }
    const medianRss = (xs: Rss[]) => [...xs].sort((a, b) => a.peakMiB - b.peakMiB)[Math.floor((xs.length - 1) / 2)];
    libRss = medianRss(lib);
    bareRss = medianRss(bare);
    rm(path.dirname(file));
  }
  return {
    agents, charts: charts.length, objects: charts.reduce((n, c) => n + c.objects.length, 0),
    lib: median(times.lib), bare: median(times.bare), yaml: median(times.yaml), libRss, bareRss, bytes,
  };
}

const sizes = flag('sizes', '1000,3000').split(',').map(Number).filter((n) => n > 0);
const runs = Math.max(1, Number(flag('runs', '3')));
const rss = !process.argv.includes('--no-rss');

console.log(`node ${process.version}, ${os.cpus().length} cpus; ${runs} runs per size and variant (median), interleaved, GC before each`);
console.log('library = AgentApp: build the constructs + synth() to files; bare = App + ApiObjects of the identical manifests: build + synth();');
console.log('yaml = the same files written with cdk8s Yaml.save alone; peak RSS = one child process per variant (build + synth),');
console.log('  "loaded" = its RSS once its modules are loaded (compiled JavaScript, as the package ships), before building');

measure(2 * PER_CHART, 1, false); // warm-up: module loading and JIT, not reported

const col = (x: number, digits = 0, width = 9) => (Number.isNaN(x) ? '-' : x.toFixed(digits)).padStart(width);
console.log('\n agents  charts  objects  library ms   bare ms  lib/bare   yaml ms  lib/yaml  bare/yaml  peak RSS MiB lib (loaded)  bare (loaded)  lib/bare  output');
const results: Size[] = [];
for (const agents of sizes) {
  const m = measure(agents, runs, rss);
  results.push(m);
  console.log([
    col(m.agents, 0, 7), col(m.charts, 0, 7), col(m.objects, 0, 8), col(m.lib, 0, 11), col(m.bare, 0, 9), col(m.lib / m.bare, 2, 9),
    col(m.yaml, 0, 9), col(m.lib / m.yaml, 1, 9), col(m.bare / m.yaml, 1, 10),
    `${col(m.libRss?.peakMiB ?? NaN, 0, 21)} (${col(m.libRss?.loadedMiB ?? NaN, 0, 3)})`, `${col(m.bareRss?.peakMiB ?? NaN, 0, 8)} (${col(m.bareRss?.loadedMiB ?? NaN, 0, 3)})`,
    col((m.libRss?.peakMiB ?? NaN) / (m.bareRss?.peakMiB ?? NaN), 2, 9), ` ${m.bytes}`,
  ].join(' '));
}

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
console.log('\ngrowth (time ratio for the size ratio):');
const growth: { from: number; to: number; size: number; lib: number }[] = [];
for (let k = 1; k < results.length; k++) {
  const [a, b] = [results[k - 1], results[k]];
  const g = { from: a.agents, to: b.agents, size: b.agents / a.agents, lib: b.lib / a.lib };
  growth.push(g);
  console.log(`  ${a.agents}→${b.agents} agents (x${g.size.toFixed(1)}): library x${g.lib.toFixed(2)}, bare x${(b.bare / a.bare).toFixed(2)}, yaml x${(b.yaml / a.yaml).toFixed(2)}`);
}
if (growth.length === 0) console.log('  needs two sizes');

console.log('\ntargets:');
for (const m of results) console.log(`  ${m.agents} agents: library ≤ ${TARGET_RATIO.toFixed(1)}x bare: ${(m.lib / m.bare).toFixed(2)}x ${verdict(m.lib / m.bare <= TARGET_RATIO)}`);
for (const g of growth) {
  const limit = (TARGET_GROWTH / 3) * g.size;
  console.log(`  ${g.from}→${g.to}: library growth ≤ x${limit.toFixed(1)}: x${g.lib.toFixed(2)} ${verdict(g.lib <= limit)}`);
}
for (const m of results) {
  if (!m.libRss || !m.bareRss) continue;
  const ratio = m.libRss.peakMiB / m.bareRss.peakMiB;
  const above = (m.libRss.peakMiB - m.libRss.loadedMiB) / (m.bareRss.peakMiB - m.bareRss.loadedMiB);
  console.log(`  ${m.agents} agents: peak RSS ≤ ${TARGET_RSS.toFixed(1)}x bare: ${ratio.toFixed(2)}x ${verdict(ratio <= TARGET_RSS)} (above the loaded modules: ${above.toFixed(2)}x)`);
}
