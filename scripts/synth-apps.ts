// Synthesizes every app in apps/ into the output directory, each with its own
// AgentApp so that each has its own ClusterProfile, into a folder of its own
// (`dist/<app>/`) with a kustomization.yaml (AgentApp `kustomization: true`),
// ready for `kubectl apply -k` or a Flux Kustomization. `npm run synth` runs it
// directly (dist/, cleared first as `cdk8s synth` does); it is also the `app`
// of cdk8s.yaml (`cdk8s synth` clears CDK8S_OUTDIR and sets it). Validation
// errors are printed without a stack trace and fail the run. An app that
// exports `environments` (and `build(app, env)`, optionally `flux`) is
// synthesized once per environment (AgentEnvironments), into
// `dist/<app>/<env>/`, and its Flux Kustomizations into `dist/<app>/clusters/<env>/`.
import * as fs from 'fs';
import * as path from 'path';
import { AgentApp, AgentEnvironments } from '../lib';

// CDK8S_AGENTS_APPS_DIR lets the tests run the runner on fixture apps.
const appsDir = process.env.CDK8S_AGENTS_APPS_DIR ?? path.join(__dirname, '..', 'apps');
const outdir = process.env.CDK8S_OUTDIR ?? path.join(__dirname, '..', 'dist');
// Run directly, nothing cleared dist/: a file of a removed app would stay.
// The kustomization.yaml files stay until synth replaces them: they hold the
// image tags Flux's image automation committed, which synth keeps.
if (process.env.CDK8S_OUTDIR === undefined) clearKeepingKustomizations(outdir);

function clearKeepingKustomizations(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) clearKeepingKustomizations(p);
    else if (e.name !== 'kustomization.yaml') fs.rmSync(p, { force: true });
  }
}

/** Folders left with nothing but a kustomization.yaml (an app or environment that is gone), removed. */
function removeStale(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) removeStale(path.join(dir, e.name));
  const left = fs.readdirSync(dir);
  if (left.length === 0 || (left.length === 1 && left[0] === 'kustomization.yaml')) fs.rmSync(dir, { recursive: true, force: true });
}

let failed = false;
for (const file of fs.readdirSync(appsDir).filter((f) => f.endsWith('.ts')).sort()) {
  const mod = require(path.join(appsDir, file));
  if (typeof mod.build !== 'function') {
    console.error(`apps/${file}: export a \`build(app: App)\` function (\`build(app, env)\` with \`environments\`)`);
    failed = true;
    continue;
  }
  const name = path.basename(file, '.ts');
  try {
    if (mod.environments !== undefined) {
      // The Kustomizations' paths are where dist/ is in the repository, wherever this run writes.
      const flux = mod.flux && { root: `./dist/${name}`, ...mod.flux };
      new AgentEnvironments({ outdir: path.join(outdir, name), environments: mod.environments, build: mod.build, flux }).synth();
    } else {
      const app = new AgentApp({ outdir: path.join(outdir, name), kustomization: true });
      mod.build(app);
      app.synth();
    }
  } catch (e) {
    console.error(`apps/${file}: ${(e as Error).message}`);
    failed = true;
  }
}
if (process.env.CDK8S_OUTDIR === undefined) removeStale(outdir);
process.exit(failed ? 1 : 0);
