// Fleet synthesis benchmark: prints figures, asserts nothing (targets are read, not tested).
// Times what users run, a fleet of agents in Charts of 10 synthesized to disk by one App,
// against a baseline of the same manifests as bare cdk8s ApiObjects, and shows how time grows.
// Env: BENCH_SIZES (default 100,1000,3000), BENCH_RUNS (default 3), BENCH_MAX_SECONDS (default 120).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { ApiObject, App, Chart, Duration, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { parseAllDocuments } from 'yaml';
import { AgentKnativeService, AgentSecrets, AgentWorker, Broker, ClusterProfile, Egress, EgressPolicy, ScaleTrigger, SecretStore } from '../lib';

const PER_CHART = 10;
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,3000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const MAX_MS = Number(process.env.BENCH_MAX_SECONDS ?? 120) * 1000;
const TARGET_RATIO = 1.5; // from the issue: library ≤ 1.5× bare
const LINEAR_SLACK = 1.3; // time may grow up to 1.3× the size ratio and still count as linear

// GC between runs keeps one run's garbage out of the next one's time and heap figure.
// Without --expose-gc on the command line, V8 can still hand out gc() at runtime.
if (!global.gc) {
  v8.setFlagsFromString('--expose-gc');
  global.gc = vm.runInNewContext('gc');
}

type Manifests = Map<string, any[]>; // chart id → its manifests, in file order
interface Run { ms: number; heapMiB: number; outdir: string }

/**
 * The user's app: ClusterProfile on the App; per Chart (namespace) an
 * ExternalSecret, 10 agents each fed by a Trigger of the team's Broker, an
 * EgressPolicy over them, and a KEDA worker on Kafka lag.
 */
function buildLibrary(agents: number, outdir: string): App {
  const app = new App({ outdir });
  new ClusterProfile(app, 'cluster');
  for (let c = 0; c * PER_CHART < agents; c++) {
    const chart = new Chart(app, `team-${c}`, { namespace: `team-${c}` });
    const secrets = new AgentSecrets(chart, 'llm-keys', { store: SecretStore.cluster('vault'), keys: { ANTHROPIC_API_KEY: `teams/${c}/anthropic` } });
    const broker = new Broker(chart, 'events');
    const team: AgentKnativeService[] = [];
    for (let i = c * PER_CHART; i < Math.min(agents, (c + 1) * PER_CHART); i++) {
      const agent = new AgentKnativeService(chart, `agent-${i}`, {
        image: `ghcr.io/acme/agent-${i}:1.${i % 7}.0`,
        env: { AGENT_ID: `agent-${i}`, LOG_LEVEL: 'info', MODEL: 'claude-sonnet' },
        secrets: [secrets],
        timeout: Duration.seconds(120),
        containerConcurrency: 1,
        scaling: { maxScale: 10, target: 1 },
        readinessProbe: kplus.Probe.fromHttpGet('/health'),
        traffic: [{ latestRevision: true, percent: 100 }],
      });
      broker.addTrigger(`on-task-${i}`, { subscriber: agent, filter: { type: `dev.acme.task.${i}` } });
      team.push(agent);
    }
    new EgressPolicy(chart, 'egress', { agents: team, allow: [Egress.cidr('10.20.0.0/16')] });
    new AgentWorker(chart, 'worker', {
      image: 'ghcr.io/acme/worker:1.0.0',
      secrets: [secrets],
      triggers: [ScaleTrigger.kafka({ bootstrapServers: ['kafka:9092'], consumerGroup: `team-${c}`, topic: `team-${c}-tasks`, lagThreshold: 100 })],
    });
  }
  return app;
}

/** The baseline: the same manifests, charts and namespaces, with nothing but cdk8s. */
function buildBare(manifests: Manifests, outdir: string): App {
  const app = new App({ outdir });
  for (const [id, objects] of manifests) {
    const chart = new Chart(app, id, { namespace: id });
    objects.forEach((m, k) => new ApiObject(chart, `${m.metadata?.name ?? 'object'}-${k}`, m));
  }
  return app;
}

/** Reads back what the library wrote, per chart (file names follow the chart's DNS label).
 *  The yaml package (YAML 1.1 like cdk8s), not cdk8s Yaml.load, which spawns a child process per file. */
function readManifests(app: App, outdir: string): Manifests {
  const files = fs.readdirSync(outdir);
  const result: Manifests = new Map();
  for (const chart of app.node.children) {
    if (!(chart instanceof Chart)) continue;
    const file = files.find((f) => f.endsWith(`${Names.toDnsLabel(chart)}${app.outputFileExtension}`));
    const docs = file ? parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8'), { version: '1.1' }) : [];
    result.set(chart.node.id, docs.map((d) => d.toJS()).filter((m) => m != null));
  }
  return result;
}

/** One timed build + synth to a fresh temp dir; `inspect` sees the app after timing, before it is dropped. */
function run(build: (outdir: string) => App, inspect?: (app: App, outdir: string) => void): Run {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-bench-'));
  const start = process.hrtime.bigint();
  const app = build(outdir);
  app.synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  global.gc?.(); // what the synthesized app still holds, without transient garbage
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
  inspect?.(app, outdir);
  return { ms, heapMiB, outdir };
}

/** Byte comparison of every chart file the two apps wrote. */
function compareDirs(libDir: string, bareDir: string): string {
  const libFiles = fs.readdirSync(libDir).sort();
  const bareFiles = fs.readdirSync(bareDir).sort();
  if (libFiles.join() !== bareFiles.join()) return `MISMATCH (file names differ: ${libFiles[0]} vs ${bareFiles[0]})`;
  for (const f of libFiles) {
    const a = fs.readFileSync(path.join(libDir, f), 'utf8').split('\n');
    const b = fs.readFileSync(path.join(bareDir, f), 'utf8').split('\n');
    const line = a.findIndex((l, k) => l !== b[k]);
    if (line >= 0 || a.length !== b.length) {
      const at = line >= 0 ? line : Math.min(a.length, b.length);
      return `MISMATCH (${f} line ${at + 1}: ${JSON.stringify(a[at])} vs ${JSON.stringify(b[at])})`;
    }
  }
  return `OK (${libFiles.length} files byte-identical)`;
}

const rm = (dir: string) => fs.rmSync(dir, { recursive: true, force: true });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const fmt = (x: number, digits = 1, width = 9) => x.toFixed(digits).padStart(width);

/** Library and bare runs interleaved, so drift (thermal, GC state) hits both alike. */
function measure(agents: number, runs = RUNS) {
  const lib: Run[] = [];
  const bare: Run[] = [];
  let manifests: Manifests | undefined;
  let check = '';
  let overGuard = false;
  for (let r = 0; r < runs && !overGuard; r++) {
    const l = run((dir) => buildLibrary(agents, dir), (app, dir) => { manifests ??= readManifests(app, dir); });
    const b = run((dir) => buildBare(manifests!, dir));
    if (r === 0) check = compareDirs(l.outdir, b.outdir);
    rm(l.outdir);
    rm(b.outdir);
    lib.push(l);
    bare.push(b);
    overGuard = l.ms > MAX_MS; // later runs of this size would be as slow: stop here too
  }
  const libMs = median(lib.map((x) => x.ms));
  const bareMs = median(bare.map((x) => x.ms));
  return {
    agents, charts: Math.ceil(agents / PER_CHART), runs: lib.length, overGuard, check, libMs, bareMs,
    libMaxMs: Math.max(...lib.map((x) => x.ms)),
    libHeap: median(lib.map((x) => x.heapMiB)), bareHeap: median(bare.map((x) => x.heapMiB)),
  };
}

console.log(`node ${process.version}, ${RUNS} run(s) per size and variant (median), Charts of ${PER_CHART} agents in one App, app.synth() to a temp dir`);
console.log(`time = construct tree + app.synth(); heap = heapUsed after synth minus before, both after GC (what the app holds)`);
console.log(`target: library ≤ ${TARGET_RATIO}× bare, linear growth`);

// Warm-up: module loading and JIT for both paths, not reported.
measure(2 * PER_CHART, 1);

console.log('\n agents  charts  runs   library ms    bare ms  lib/bare  lib ms/agent  bare ms/agent  lib heap MiB  bare heap MiB  target  bytes');
const results: ReturnType<typeof measure>[] = [];
for (const [k, n] of SIZES.entries()) {
  // A synchronous run cannot be interrupted, so also skip a size whose linear projection
  // (a lower bound while growth is superlinear) already exceeds the limit.
  const prev = results[results.length - 1];
  if (prev && (prev.libMs * n) / prev.agents > MAX_MS) {
    console.log(`skipped sizes ${SIZES.slice(k).join(', ')}: ${n} agents projected ≥ ${((prev.libMs * n) / prev.agents / 1000).toFixed(1)} s per library run (linear from ${prev.agents}) > BENCH_MAX_SECONDS=${MAX_MS / 1000}`);
    break;
  }
  const m = measure(n);
  results.push(m);
  const ratio = m.libMs / m.bareMs;
  console.log([
    String(m.agents).padStart(7), String(m.charts).padStart(7), String(m.runs).padStart(5),
    fmt(m.libMs, 1, 12), fmt(m.bareMs, 1, 10), fmt(ratio, 2, 9), fmt(m.libMs / n, 3, 13), fmt(m.bareMs / n, 3, 14),
    fmt(m.libHeap, 1, 13), fmt(m.bareHeap, 1, 14), (ratio <= TARGET_RATIO ? 'met' : 'NOT met').padStart(7), m.check,
  ].join(' '));
  if (m.overGuard && k < SIZES.length - 1) {
    console.log(`skipped sizes ${SIZES.slice(k + 1).join(', ')}: one library run of ${n} agents took ${(m.libMaxMs / 1000).toFixed(2)} s > BENCH_MAX_SECONDS=${MAX_MS / 1000}`);
    break;
  }
}

console.log('\ngrowth (time ratio vs size ratio):');
if (results.length < 2) console.log('  needs two sizes or more');
for (let k = 1; k < results.length; k++) {
  const [a, b] = [results[k - 1], results[k]];
  const size = b.agents / a.agents;
  const libX = b.libMs / a.libMs;
  const bareX = b.bareMs / a.bareMs;
  // The library's own cost (library minus bare, same process) isolates it from the runtime's
  // growth (GC, file writes), which bare cdk8s shows too.
  const ownX = (b.libMs - b.bareMs) / Math.max(1e-9, a.libMs - a.bareMs);
  const verdict = libX <= LINEAR_SLACK * size ? 'linear'
    : libX <= bareX * 1.1 && ownX <= LINEAR_SLACK * size ? 'linear (the library grows no faster than bare cdk8s in this process)' : 'superlinear';
  console.log(`  ${a.agents}→${b.agents}: size x${size.toFixed(1)}, library time x${libX.toFixed(1)}, bare x${bareX.toFixed(1)}, library minus bare x${ownX.toFixed(1)}  → ${verdict}`);
}

