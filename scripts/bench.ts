// Synthesis speed and memory: prints figures, asserts nothing (targets are read, not tested).
// Builds apps of N agents each, validates and renders them, and reports time per
// agent and heap growth.
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentKnativeService, AgentSecrets, ClusterProfile } from '../lib';

function buildApp(agents: number): App {
  const app = new App({ outdir: '/tmp/cdk8s-agents-bench' });
  new ClusterProfile(app, 'cluster');
  const chart = new Chart(app, 'bench', { namespace: 'agents' });
  const secrets = AgentSecrets.fromSecretName(chart, 'secrets', 'agent-secrets');
  for (let i = 0; i < agents; i++) {
    new AgentKnativeService(chart, `agent-${i}`, {
      image: `ghcr.io/acme/agent-${i}:1.0.0`,
      secrets: [secrets],
      env: { INDEX: String(i) },
      timeout: Duration.seconds(90),
      containerConcurrency: 1,
      scaling: { maxScale: 10, target: 5, window: Duration.seconds(60) },
      readinessProbe: kplus.Probe.fromHttpGet('/health'),
      traffic: [{ latestRevision: true, percent: 100 }],
    });
  }
  return app;
}

function measure(agents: number, runs: number): void {
  const times: number[] = [];
  let bytes = 0;
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    const app = buildApp(agents);
    bytes = app.synthYaml().length; // validates every construct, then renders
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log([
    `agents=${String(agents).padStart(4)}`,
    `median=${median.toFixed(1).padStart(8)} ms`,
    `per-agent=${(median / agents).toFixed(2).padStart(6)} ms`,
    `yaml=${(bytes / 1024).toFixed(0).padStart(5)} KiB`,
    `heap-growth=${((heapPeak - heapBefore) / 1048576).toFixed(1).padStart(6)} MiB`,
  ].join('  '));
}

console.log(`node ${process.version}: synth of N AgentKnativeServices (build + validate + render), ${process.env.BENCH_RUNS ?? 5} runs each`);
buildApp(5).synthYaml(); // warm-up: module loading and JIT
for (const n of [1, 10, 100, 500]) measure(n, Number(process.env.BENCH_RUNS ?? 5));
