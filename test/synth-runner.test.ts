// The synth runner (`npm run synth`, and cdk8s.yaml `app`): a failing app prints every rule message
// and exits non-zero, without a stack trace from inside the library.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

test('a broken app fails synth with rule messages only', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-runner-'));
  const root = path.join(__dirname, '..');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'scripts', 'synth-apps.ts')], {
    env: { ...process.env, CDK8S_OUTDIR: outdir, CDK8S_AGENTS_APPS_DIR: path.join(__dirname, 'fixtures', 'broken-apps') },
    encoding: 'utf8',
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('apps/broken.ts: Validation failed: 2 errors');
  expect(result.stderr).toContain('error [KSVC-CTR-002] broken/agent: port (spec.template.spec.containers[0].ports[0].containerPort) = 9090');
  expect(result.stderr).toContain('error [KSVC-SCALE-006] broken/agent: scaling.maxScale');
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(fs.readdirSync(outdir)).toEqual([]);
}, 30000);

test('`npm run synth` and `cdk8s synth` (cdk8s.yaml `app`) run the same runner', () => {
  const root = path.join(__dirname, '..');
  const scripts = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;
  const app = /^app:\s*(.+)$/m.exec(fs.readFileSync(path.join(root, 'cdk8s.yaml'), 'utf8'))?.[1];
  expect(scripts.synth).toBe('tsx scripts/synth-apps.ts');
  expect(app).toBe('npx tsx scripts/synth-apps.ts');
});
