// The `app` of cdk8s.yaml: synthesizes every app in apps/ into the output
// directory (CDK8S_OUTDIR, set by `cdk8s synth`), each with its own App so that
// each has its own ClusterProfile. Validation errors are printed without a
// stack trace and fail the run.
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';

// CDK8S_AGENTS_APPS_DIR lets the tests run the runner on fixture apps.
const appsDir = process.env.CDK8S_AGENTS_APPS_DIR ?? path.join(__dirname, '..', 'apps');
const outdir = process.env.CDK8S_OUTDIR ?? path.join(__dirname, '..', 'dist');

let failed = false;
for (const file of fs.readdirSync(appsDir).filter((f) => f.endsWith('.ts')).sort()) {
  const mod = require(path.join(appsDir, file));
  if (typeof mod.build !== 'function') {
    console.error(`apps/${file}: export a \`build(app: App)\` function`);
    failed = true;
    continue;
  }
  try {
    const app = new App({ outdir });
    mod.build(app);
    app.synth();
  } catch (e) {
    console.error(`apps/${file}: ${(e as Error).message}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
