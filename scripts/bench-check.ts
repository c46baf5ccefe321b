// `cdk8s-agents check` benchmark: prints figures and the target, asserts nothing.
//   npm run bench:check [-- --files 100 --per-file 100 --runs 5]
// Generates --files x --per-file objects in a temp dir from the example apps'
// synth output (dist/: Knative Services, Triggers, Brokers, KafkaSources,
// ScaledObjects with their Deployments, ExternalSecrets, NetworkPolicies,
// CiliumNetworkPolicies, ...), each app copy in its own namespace, and one
// object in a hundred with a finding (an annotation typo). Then, in process,
// after one warm-up run, --runs times: the whole check (checkFiles + the text
// output, a position for every finding) and, apart, its phases: parse
// (reading and parsing the YAML), validate (the rules) and locate (line and
// column of each finding). Medians.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatLocated, summaryLine } from '../lib/cli/check';
import { checkFiles, loadManifests, locateFindings } from '../lib/cli/manifests';
import { validateManifests } from '../lib/validation';
import { resolveClusterSettings } from '../lib/settings/settings';

const TARGET_MS = 1500; // 10,000 objects in 100 files

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? Number(process.argv[i + 1]) : fallback;
}

const REPO = path.join(__dirname, '..');
/** Apps whose objects make the mix (EventPolicy and ScaledJob left out: they need cluster settings or add nothing new). */
const APPS = ['webhook-agent', 'event-routing', 'kafka-tickets', 'queue-worker'];

/** Writes the manifests; returns the number of objects and of planted findings. */
function generate(dir: string, files: number, perFile: number): { objects: number; planted: number } {
  const apps = APPS.map((a) => fs.readFileSync(path.join(REPO, 'dist', a, `${a}.k8s.yaml`), 'utf-8')
    .split(/^---\n/m)
    .filter((d) => !/^kind: (EventPolicy|ScaledJob)$/m.test(d))
    // target 5 above containerConcurrency 1 is a warning in webhook-agent: the fleet is clean.
    .map((d) => d.replace('autoscaling.knative.dev/target: "5"', 'autoscaling.knative.dev/target: "1"')));
  let objects = 0;
  let planted = 0;
  let copy = 0;
  for (let f = 0; f < files; f++) {
    const docs: string[] = [];
    let typo = false;
    while (docs.length < perFile) {
      const ns = `team-${copy}`;
      for (const doc of apps[copy % apps.length]) {
        if (docs.length === perFile) break;
        // Each copy is another team: its own namespace and its own Kafka consumer groups (EVT-APP-005 otherwise).
        let text = doc.replace(/^(\s*)namespace: (agents|shop-agents)$/gm, `$1namespace: ${ns}`).replace(/^(\s*)consumerGroup: (.+)$/gm, `$1consumerGroup: ${ns}-$2`);
        // One object per file in a hundred: a misspelled autoscaling annotation (KSVC-SCALE-018).
        if (!typo && docs.length >= perFile / 2 && text.includes('autoscaling.knative.dev/max-scale:')) {
          text = text.replace('autoscaling.knative.dev/max-scale:', 'autoscaling.knative.dev/max-scael:');
          typo = true;
          planted++;
        }
        docs.push(text);
      }
      copy++;
    }
    objects += docs.length;
    fs.writeFileSync(path.join(dir, `team-${String(f).padStart(3, '0')}.yaml`), docs.join('---\n'));
  }
  return { objects, planted };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;

function main(): void {
  const files = flag('files', 100);
  const perFile = flag('per-file', 100);
  const runs = flag('runs', 5);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-check-'));
  try {
    const { objects, planted } = generate(dir, files, perFile);
    const bytes = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
    console.log(`${objects.toLocaleString('en-US')} objects in ${files} files (${(bytes / 1e6).toFixed(1)} MB), ${planted} planted findings; ${runs} runs after a warm-up, medians`);

    const total: number[] = [];
    const parse: number[] = [];
    const validate: number[] = [];
    const locate: number[] = [];
    let findings = 0;
    let lines = 0;
    const settings = resolveClusterSettings({});
    for (let r = 0; r <= runs; r++) {
      // The whole check as the CLI runs it: read, parse, validate, locate, format.
      let t = performance.now();
      const outcome = checkFiles({ paths: [dir], cwd: dir });
      const out: string[] = outcome.findings.map((f) => formatLocated(f, outcome.positions.get(f)));
      out.push(summaryLine(outcome));
      const whole = performance.now() - t;
      findings = outcome.findings.length;
      lines = out.length;
      if (outcome.positions.size !== findings || outcome.inputErrors.length) throw new Error('bench: a finding without a position, or input errors');

      // The phases apart.
      t = performance.now();
      const loaded = loadManifests([dir], dir);
      const p = performance.now() - t;
      t = performance.now();
      const result = validateManifests(loaded.objects, settings);
      const v = performance.now() - t;
      t = performance.now();
      locateFindings(result.findings, loaded.origins);
      const l = performance.now() - t;
      if (r === 0) continue; // warm-up
      total.push(whole);
      parse.push(p);
      validate.push(v);
      locate.push(l);
    }
    const m = median(total);
    console.log(`check (checkFiles + text output, ${findings} findings located, ${lines} lines): ${ms(m)}, ${Math.round(objects / (m / 1000)).toLocaleString('en-US')} objects/s`);
    console.log(`  parse ${ms(median(parse))} | validate ${ms(median(validate))} | locate ${ms(median(locate))}`);
    console.log(`  runs: ${total.map((x) => Math.round(x)).join(', ')} ms`);
    console.log(`target: under ${ms(TARGET_MS)} for 10,000 objects in 100 files: ${objects === 10_000 && files === 100 ? (m < TARGET_MS ? 'met' : 'missed') : 'not this size'}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
