// The check command on a repository as it is (test/fixtures/repo-seed002, laid
// out like seed 002): kustomizations read as kustomize builds them, standard
// input, YAML that is not Kubernetes skipped, --exclude. Where kubectl (with
// kustomize) is installed, our reading is compared with `kubectl kustomize`.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { runCheck } from '../../lib/cli/check';
import { strategicMerge } from '../../lib/cli/kustomize';
import { loadManifests } from '../../lib/cli/manifests';
import { excluder, globToRegExp } from '../../lib/cli/sources';

const REPO = path.join(__dirname, '..', '..');
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'repo-seed002');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly verdicts: string[];
}

function check(argv: string[], options: { cwd?: string; stdin?: string } = {}): Run {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = options.stdin;
  const code = runCheck(argv, {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    cwd: options.cwd ?? FIXTURE,
    stdin: stdin === undefined ? undefined : () => stdin,
  });
  const stdout = out.join('');
  const verdicts = stdout.split('\n').flatMap((l) => {
    const m = /^(?:\S+:\d+:\d+: )?(error|warning) \[([A-Z0-9-]+)\] (\S+) /.exec(l);
    return m ? [`${m[1]} ${m[2]} ${m[3]}`] : [];
  });
  return { code, stdout, stderr: err.join(''), verdicts };
}

/** kubectl with its kustomize, or undefined (a clone may lack it: those tests are skipped with a message). */
const KUBECTL = (() => {
  const probe = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf-8', timeout: 20_000 });
  return probe.status === 0 ? 'kubectl' : undefined;
})();
const withKubectl = KUBECTL ? test : test.skip;
if (!KUBECTL) console.log('kubectl is not installed: the tests against `kubectl kustomize` are skipped');

function kustomize(dir: string): string {
  const r = spawnSync(KUBECTL!, ['kustomize', dir], { encoding: 'utf-8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${r.stderr}`);
  return r.stdout;
}

/** JSON with sorted keys, so two objects compare by value. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

const objectsOf = (yamlText: string) => parseAllDocuments(yamlText).map((d) => d.toJS()).filter((o) => o !== null).map(canonical).sort();

/** Kinds whose selectors and templates kustomize labels (for the labels comparisons). */
const LABELLED = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec:\n      containers: [{name: a, image: a}]\n      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 1\n              podAffinityTerm: {topologyKey: x, labelSelector: {matchLabels: {app: d}}}\n      topologySpreadConstraints: [{maxSkew: 1, topologyKey: z, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: d}}}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: d}\n  ports: [{port: 80}]\n---\napiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: k}\nspec:\n  template:\n    metadata: {labels: {x: y}}\n    spec:\n      containers: [{image: a}]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np}\nspec:\n  podSelector: {matchLabels: {app: d}}\n  ingress: [{from: [{podSelector: {matchLabels: {app: e}}}]}]\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    metadata: {labels: {j: k}}\n    spec:\n      template:\n        spec:\n          containers: [{name: a, image: a}]\n---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: a}]\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: ss}\nspec:\n  serviceName: s\n  selector: {matchLabels: {app: ss}}\n  template:\n    metadata: {labels: {app: ss}}\n    spec:\n      containers: [{name: a, image: a}]\n  volumeClaimTemplates: [{metadata: {name: v}, spec: {accessModes: [ReadWriteOnce]}}]\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: pdb}\nspec:\n  selector: {matchLabels: {app: d}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n";

const PROCESSOR_TYPO = 'error KSVC-SCALE-018 k8s/base/processor-service.yaml#1';

const NOTES = [
  '.github: skipped: GitHub workflows and settings, not Kubernetes manifests',
  'cdk8s-agents.yaml: skipped: the repository config of cdk8s-agents (read as the config from the working directory, or with --config)',
  'charts/ai-agents-webhook/Chart.yaml: skipped: Helm chart metadata or values, not Kubernetes manifests',
  'charts/ai-agents-webhook/templates: skipped: Helm chart templates are not YAML until rendered: check `helm template <chart> | cdk8s-agents check -`',
  'charts/ai-agents-webhook/values.yaml: skipped: Helm chart metadata or values, not Kubernetes manifests',
  'deploy/values-prod.yaml: skipped: no apiVersion and kind: not a Kubernetes manifest',
  "k8s/base/unused-draft.yaml: skipped: not listed in k8s/base's kustomization, so kustomize does not apply it",
  'k8s/overlays/production/kustomization.yaml configMapGenerator: skipped: generated ConfigMaps are not checked',
  'k8s/overlays/production/kustomization.yaml resources: skipped: remote resource https://github.com/labrats-work/ai-agents-monitoring//dashboards?ref=v1.3.0 is not fetched',
];

describe('check on a GitOps repository root (seed 002 layout)', () => {
  const run = check(['.']);

  test('the platform\'s Broker is provided by the fixture\'s cdk8s-agents.yaml; without it, it must exist (REF-001), and --closed makes it EVT-APP-001', () => {
    const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-repo-')), 'empty.yaml');
    fs.writeFileSync(empty, '{}\n');
    try {
      const open = check(['--config', empty, 'k8s/envs/prod']);
      expect(open.verdicts).toEqual([PROCESSOR_TYPO, 'warning REF-001 k8s/base/processor-trigger.yaml#1']);
      expect(check(['--config', empty, '--closed', 'k8s/envs/prod']).verdicts).toContain('error EVT-APP-001 k8s/base/processor-trigger.yaml#1');
    } finally {
      fs.rmSync(empty);
    }
  });

  test('the one real mistake: the minscale typo the prod patch adds to the processor, seen through the production overlay', () => {
    expect(run.verdicts).toEqual([PROCESSOR_TYPO]);
    // At its line in the base file: the annotations the patch adds the key to (the key itself is in the patch).
    expect(run.stdout).toMatch(/^k8s\/base\/processor-service\.yaml:10:7: error \[KSVC-SCALE-018\] /m);
    expect(run.stdout).toContain(
      'k8s/base/processor-service.yaml#1 (k8s/overlays/production, patched by k8s/envs/prod/kustomization.yaml patches) Service/ai-agents/ai-agents-processor: ' +
      'spec.template.metadata.annotations["autoscaling.knative.dev/minscale"] = "1"',
    );
    expect(run.stdout.trim().split('\n').pop()).toBe('1 error (14 objects checked, 1 passed through; 9 skipped, see above)');
    expect(run.code).toBe(1);
  });

  test('workflows, Helm chart files, values, kustomize generators, remote bases and unlisted files are notes on stderr, not failures', () => {
    expect(run.stderr.trim().split('\n')).toEqual(NOTES);
    // The SOPS-encrypted Secret is not plaintext (SECRET-004), its sops key is not an unknown field, the patch files are not objects.
    expect(run.stdout).not.toMatch(/SECRET-004|SCHEMA-001|ENGINE-003|APP-001/);
  });

  test('--format json lists the notes as skipped', () => {
    const json = check(['--format', 'json', '.']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.inputErrors).toEqual([]);
    expect(report.skipped.map((s: { file: string; reason: string }) => `${s.file}: skipped: ${s.reason}`)).toEqual(NOTES);
    expect(report.findings.map((f: { rule: string }) => f.rule)).toEqual(['KSVC-SCALE-018']);
  });

  test('each overlay on its own: dev is clean, prod has the typo; dev and prod share the base without duplicates', () => {
    const dev = check(['k8s/envs/dev']);
    expect({ code: dev.code, verdicts: dev.verdicts, stderr: dev.stderr }).toEqual({ code: 0, verdicts: [], stderr: '' });
    const prod = check(['k8s/envs/prod']);
    expect(prod.verdicts).toEqual([PROCESSOR_TYPO]);
    expect(prod.code).toBe(1);
    const both = check(['k8s/envs/dev', 'k8s/envs/prod']);
    expect(both.verdicts).toEqual([PROCESSOR_TYPO]);
  });

  test('the overlays as kustomize builds them: the objects, the patches applied, namespace set', () => {
    const { groups, origins } = loadManifests(['k8s/envs/dev', 'k8s/envs/prod'], FIXTURE);
    expect(groups.map((g) => g.map((o) => o.where.replace(/ \(.*\)/, '')))).toEqual([
      [
        'k8s/base/api-service.yaml#1 Service/ai-agents-dev/ai-agents-api',
        'k8s/base/processor-service.yaml#1 Service/ai-agents-dev/ai-agents-processor',
        'k8s/base/app.yaml#1 Deployment/ai-agents-dev/ai-agents-app',
        'k8s/base/app.yaml#2 Service/ai-agents-dev/ai-agents-app',
        'k8s/base/processor-trigger.yaml#1 Trigger/ai-agents-dev/ai-agents-processor-tasks',
      ],
      [
        'k8s/base/api-service.yaml#1 Service/ai-agents/ai-agents-api',
        'k8s/base/processor-service.yaml#1 Service/ai-agents/ai-agents-processor',
        'k8s/base/app.yaml#1 Deployment/ai-agents/ai-agents-app',
        'k8s/base/app.yaml#2 Service/ai-agents/ai-agents-app',
        'k8s/base/processor-trigger.yaml#1 Trigger/ai-agents/ai-agents-processor-tasks',
        'k8s/envs/prod/secret.enc.yaml#1 Secret/ai-agents/ai-agents-secrets',
      ],
    ]);
    const devApp = [...origins.values()].find((o) => o.kustomization === 'k8s/envs/dev' && (o.object as any).kind === 'Deployment')!;
    expect(devApp.patchedBy).toEqual(['k8s/envs/dev/app-dev.yaml']);
    const container = (devApp.object as any).spec.template.spec.containers[0];
    // Merged by name, kustomize's order: the patch's items first.
    expect(container.env).toEqual([{ name: 'NODE_ENV', value: 'development' }, { name: 'PORT', value: '3100' }]);
    expect(container.image).toBe('ghcr.io/labrats-work/ai-agents/app:1.12.0');
    const prodApp = [...origins.values()].find((o) => o.kustomization === 'k8s/envs/prod' && (o.object as any).kind === 'Deployment')!;
    expect(prodApp.patchedBy).toEqual(['k8s/envs/prod/app-resources.yaml', 'k8s/envs/prod/app-replicas.yaml']);
    expect((prodApp.object as any).spec.replicas).toBe(3);
    const prodApi = [...origins.values()].find((o) => o.kustomization === 'k8s/envs/prod' && (o.object as any).metadata.name === 'ai-agents-api')!;
    expect(prodApi.patchedBy).toEqual(['k8s/envs/prod/api-secrets.yaml']);
    expect((prodApi.object as any).metadata.labels).toEqual({ 'app.kubernetes.io/name': 'ai-agents-api', 'environment': 'prod' });
    expect((prodApi.object as any).spec.template.spec.containers[0]).toMatchObject({
      image: 'ghcr.io/labrats-work/ai-agents:1.12.1', envFrom: [{ secretRef: { name: 'ai-agents-secrets' } }], resources: { limits: { memory: '1Gi' } },
    });
  });

  withKubectl('our reading of each overlay gives the objects `kubectl kustomize` gives', () => {
    for (const dir of ['k8s/base', 'k8s/envs/dev', 'k8s/envs/prod']) {
      const ours = loadManifests([dir], FIXTURE).objects.map((o) => canonical(o.object)).sort();
      expect({ dir, objects: ours }).toEqual({ dir, objects: objectsOf(kustomize(path.join(FIXTURE, dir))) });
    }
  }, 60_000);

  withKubectl('`kubectl kustomize k8s/envs/prod | check -` gives the finding the folder gives, at <stdin>', () => {
    const piped = check(['-'], { stdin: kustomize(path.join(FIXTURE, 'k8s/envs/prod')) });
    expect(piped.verdicts).toEqual(['error KSVC-SCALE-018 <stdin>#3']);
    expect(piped.stdout).toContain('<stdin>#3 Service/ai-agents/ai-agents-processor: spec.template.metadata.annotations["autoscaling.knative.dev/minscale"] = "1"');
    expect(piped.code).toBe(1);
    expect(piped.stderr).toBe('');
  }, 60_000);

  withKubectl('end to end: kubectl kustomize piped into the command as a process', () => {
    const tsx = path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const main = path.join(REPO, 'lib', 'cli', 'main.ts');
    const r = spawnSync('bash', ['-c', `set -o pipefail; kubectl kustomize k8s/envs/prod | "${process.execPath}" "${tsx}" "${main}" check -`], { cwd: FIXTURE, encoding: 'utf-8', timeout: 90_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('error [KSVC-SCALE-018] <stdin>#3 Service/ai-agents/ai-agents-processor');
  }, 120_000);
});

describe('check -: standard input', () => {
  test('objects from stdin are named <stdin>#N; stdin mixes with files', () => {
    const text = 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: a\n  namespace: x\n  annotations:\n    autoscaling.knative.dev/min-scale: "1"\nspec:\n  template:\n    spec:\n      containers:\n        - image: ghcr.io/acme/a:1\n';
    const run = check(['-'], { stdin: `---\n${text}` });
    expect(run.verdicts).toEqual(['error KSVC-META-001 <stdin>#1']);
    expect(check(['k8s/envs/prod', '-'], { stdin: text }).verdicts).toEqual(['error KSVC-META-001 <stdin>#1', PROCESSOR_TYPO]);
  });

  test('a syntax error on stdin is unreadable input (exit 2); no stdin reader is too', () => {
    const bad = check(['-'], { stdin: 'a: [1,\n' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^<stdin>:\d+:\d+: /);
    const none = check(['-']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('-: standard input cannot be read here\n');
  });

  test('YAML that is not Kubernetes on stdin is skipped with a note', () => {
    const run = check(['-'], { stdin: 'name: build\non: push\n' });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('<stdin>: skipped: no apiVersion and kind: not a Kubernetes manifest\n');
  });
});

describe('check: files that are not Kubernetes manifests', () => {
  test('a Helm chart folder: templates skipped, exit 0 (it was exit 2 on the {{ }} before)', () => {
    const run = check(['charts/ai-agents-webhook']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('charts/ai-agents-webhook/templates: skipped');
    // Named on the command line too: the templates are not YAML.
    const file = check(['charts/ai-agents-webhook/templates/deployment.yaml']);
    expect(file).toMatchObject({ code: 0, stderr: expect.stringMatching(/^charts\/ai-agents-webhook\/templates\/deployment\.yaml: skipped: Helm chart templates are not YAML until rendered/) });
  });

  test('a workflow named on the command line is skipped, not ENGINE-003', () => {
    const run = check(['.github/workflows/ci.yml']);
    expect(run).toMatchObject({ code: 0, verdicts: [], stderr: '.github/workflows/ci.yml: skipped: no apiVersion and kind: not a Kubernetes manifest\n' });
  });

  test('a kustomization file named on its own stands for its folder', () => {
    expect(check(['k8s/envs/prod/kustomization.yaml']).verdicts).toEqual([PROCESSOR_TYPO]);
  });

  test("kustomize's own Kustomization is skipped; Flux's Kustomization is an object", () => {
    const flux = 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: apps, namespace: flux-system}\nspec: {interval: 10m, path: ./k8s/overlays/production, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}\n';
    const own = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n';
    const run = check(['--format', 'json', '-'], { stdin: `${flux}---\n${own}` });
    const summary = JSON.parse(run.stdout).summary;
    expect({ errors: summary.errors, objects: summary.checked + summary.passedThrough }).toEqual({ errors: 0, objects: 1 });
    expect(run.stderr).toBe("<stdin>#2: skipped: kustomize's build configuration, not an object: name its folder to read it as kustomize does\n");
  });

  test('a document with apiVersion but no kind is still a broken manifest (ENGINE-003)', () => {
    const run = check(['-'], { stdin: 'apiVersion: v1\nmetadata:\n  name: x\n' });
    expect(run.verdicts).toEqual(['error ENGINE-003 <stdin>#1']);
  });
});

describe('check --exclude', () => {
  test('excluded folders are not read: without the overlays, the typo is gone', () => {
    const run = check(['--exclude', 'k8s/overlays', '--exclude', 'k8s/envs/prod/**', '.']);
    expect(run.verdicts).toEqual([]);
    expect(run.code).toBe(0);
  });

  test('a glob without / matches a name at any depth; a file a kustomization lists is excluded too', () => {
    const run = check(['--exclude', '*.enc.yaml', '--format', 'json', 'k8s/envs/prod']);
    const report = JSON.parse(run.stdout);
    expect(report.summary).toMatchObject({ checked: 5, passedThrough: 0 });
  });

  test('globToRegExp: *, **, ?, classes', () => {
    const cases: [string, string, boolean][] = [
      ['k8s/*.yaml', 'k8s/a.yaml', true],
      ['k8s/*.yaml', 'k8s/base/a.yaml', false],
      ['k8s/**/*.yaml', 'k8s/a.yaml', true],
      ['k8s/**/*.yaml', 'k8s/base/x/a.yaml', true],
      ['**/*.enc.yaml', 'secret.enc.yaml', true],
      ['**/*.enc.yaml', 'a/b/secret.enc.yaml', true],
      ['k8s/**', 'k8s', true],
      ['k8s/**', 'k8s/base/a.yaml', true],
      ['k8s/**', 'k8sx/a.yaml', false],
      ['env?/dev', 'envs/dev', true],
      ['env?/dev', 'env/dev', false],
      ['[ab].yaml', 'a.yaml', true],
      ['[!ab].yaml', 'a.yaml', false],
      ['a.b', 'axb', false],
    ];
    for (const [glob, p, expected] of cases) {
      expect({ glob, p, matches: globToRegExp(glob).test(p) }).toEqual({ glob, p, matches: expected });
      // Where Node has path.matchesGlob (>= 20.17, experimental: it warns), it agrees, except that
      // for us `dir/**` matches `dir` itself (excluding a folder).
      const matchesGlob = (path as unknown as { matchesGlob?: (p: string, g: string) => boolean }).matchesGlob;
      if (matchesGlob && !(glob.endsWith('/**') && !p.includes('/'))) expect({ glob, p, matches: matchesGlob(p, glob) }).toEqual({ glob, p, matches: expected });
    }
  });

  test('excluder: a folder excludes what is below it; names match at any depth', () => {
    const ex = excluder(['charts', 'k8s/envs/dev', './*.tmp.yaml']);
    expect(['charts/x/Chart.yaml', 'a/charts/b.yaml', 'k8s/envs/dev/k.yaml', 'x.tmp.yaml', 'k8s/envs/prod/k.yaml', 'k8s/envs/devx/a.yaml'].map(ex))
      .toEqual([true, true, true, true, false, false]);
  });
});

describe('kustomize patches', () => {
  function repo(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-kustomize-'));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
  }
  const KSVC = 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: a\n  namespace: x\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: ghcr.io/acme/a:1\n';

  test('strategic merge: lists of built-in kinds merge by key in kustomize order, lists of custom resources are replaced', () => {
    const target = { spec: { containers: [{ name: 'a', image: 'a', env: [{ name: 'A', value: '1' }, { name: 'B', value: '1' }] }, { name: 'b', image: 'b' }], tolerations: [{ key: 'k' }] } };
    const patch = { spec: { containers: [{ name: 'c', image: 'c' }, { name: 'a', env: [{ name: 'B', value: '2' }, { name: 'A', $patch: 'delete' }] }], tolerations: [{ key: 'l' }] } };
    expect(strategicMerge(target, patch, true)).toEqual({
      spec: { containers: [{ name: 'c', image: 'c' }, { name: 'a', image: 'a', env: [{ name: 'B', value: '2' }] }, { name: 'b', image: 'b' }], tolerations: [{ key: 'l' }] },
    });
    expect(strategicMerge(target, patch, false)).toEqual({
      spec: { containers: [{ name: 'c', image: 'c' }, { name: 'a', env: [{ name: 'B', value: '2' }] }], tolerations: [{ key: 'l' }] },
    });
    expect(strategicMerge({ a: { b: 1, c: 2 }, d: 1 }, { a: { b: null }, d: { $patch: 'delete' } }, true)).toEqual({ a: { c: 2 } });
    expect(strategicMerge({ a: { b: 1, c: 2 } }, { a: { $patch: 'replace', z: 1 } }, true)).toEqual({ a: { z: 1 } });
  });

  test('a patch that matches no object is a note, not a failure; a JSON patch that cannot apply is unreadable input', () => {
    const dir = repo({
      'kustomization.yaml': 'resources: [svc.yaml]\npatches:\n  - path: other.yaml\n  - path: bad.yaml\n    target: {kind: Service, name: a}\n  - target: {kind: Service, name: "a["}\n    patch: "[{op: remove, path: /spec}]"\n',
      'svc.yaml': KSVC,
      'other.yaml': 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: nope\n  namespace: x\n',
      'bad.yaml': '- op: test\n  path: /spec/template/spec/containers/0/image\n  value: something-else\n',
    });
    const run = check(['.'], { cwd: dir });
    expect(run.stderr).toContain('other.yaml: skipped: the patch matches no object (group serving.knative.dev, kind Service, name nope, namespace x): not applied\n');
    expect(run.stderr).toMatch(/^bad\.yaml: cannot apply to a: /m);
    // A target name that is not a regular expression is read literally.
    expect(run.stderr).toContain('kustomization.yaml patches: skipped: the patch matches no object (kind Service, name a[): not applied\n');
    expect(run.code).toBe(2);
    fs.rmSync(dir, { recursive: true });
  });

  test('a file outside the folder that a kustomization lists is read through it (patched), not also as it is', () => {
    const dir = repo({
      'app/kustomization.yaml': 'resources: [../shared/svc.yaml]\npatches:\n  - target: {kind: Service, name: a}\n    patch: |-\n      - {op: remove, path: /metadata/annotations}\n',
      // As it is, the Service metadata carries an autoscaling annotation (KSVC-META-001); the kustomization removes it.
      'shared/svc.yaml': KSVC.replace('  namespace: x\n', '  namespace: x\n  annotations: {autoscaling.knative.dev/min-scale: "1"}\n'),
    });
    expect(check(['.'], { cwd: dir })).toMatchObject({ code: 0, verdicts: [], stderr: '' });
    expect(check(['shared/svc.yaml'], { cwd: dir }).verdicts).toEqual(['error KSVC-META-001 shared/svc.yaml#1']);
    fs.rmSync(dir, { recursive: true });
  });

  test('a missing resource is unreadable input; generators and components are notes', () => {
    const dir = repo({
      'kustomization.yaml': 'resources: [svc.yaml, gone.yaml]\ncomponents: [../c]\nsecretGenerator: [{name: s, literals: [a=b]}]\nhelmCharts: [{name: x}]\n',
      'svc.yaml': KSVC,
    });
    const run = check(['.'], { cwd: dir });
    expect(run.stderr.split('\n').filter(Boolean).sort()).toEqual([
      'kustomization.yaml components: skipped: components are not applied',
      'kustomization.yaml helmCharts: skipped: Helm charts are not rendered: check `kubectl kustomize --enable-helm <dir> | cdk8s-agents check -`',
      'kustomization.yaml secretGenerator: skipped: generated Secrets are not checked',
      'kustomization.yaml: resources: gone.yaml: no such file or directory',
    ]);
    expect(run.code).toBe(2);
    fs.rmSync(dir, { recursive: true });
  });

  withKubectl('namespace, built-in merge order, $patch: delete, patches with targets, JSON 6902 ops: as kubectl kustomize builds them', () => {
    const cases: Record<string, string>[] = [
      {
        // namespace: set on namespaced and custom kinds, a Namespace renamed, built-in cluster-scoped kinds left alone
        'kustomization.yaml': 'namespace: new\nresources: [r.yaml]\n',
        'r.yaml': [
          'apiVersion: v1\nkind: Namespace\nmetadata: {name: old}',
          'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: ci}',
          'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: cr}\nrules: []',
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: old}',
        ].join('\n---\n'),
      },
      {
        // lists merged by key in a Deployment: patch items first, $patch: delete, ports by containerPort, args replaced
        'kustomization.yaml': 'resources: [d.yaml]\npatches: [{path: p.yaml}]\n',
        'd.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n      containers:\n' +
          '        - {name: a, image: a, args: [x, y], ports: [{containerPort: 80}], env: [{name: A, value: "1"}, {name: B, value: "1"}, {name: C, value: "1"}], volumeMounts: [{name: v, mountPath: /v}]}\n' +
          '        - {name: b, image: b}\n      volumes: [{name: v, emptyDir: {}}]\n',
        'p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n      containers:\n' +
          '        - {name: c, image: c}\n        - {name: a, args: [z], ports: [{containerPort: 81}], env: [{name: C, value: "2"}, {name: D, value: "2"}, {name: A, $patch: delete}], volumeMounts: [{name: w, mountPath: /w}]}\n' +
          '      volumes: [{name: w, emptyDir: {}}]\n',
      },
      {
        // a strategic-merge patch with a target (name as a regular expression, label selector), JSON 6902 move, copy and remove
        'kustomization.yaml': 'resources: [s.yaml]\npatches:\n  - target: {kind: ConfigMap, name: "cm-.*", labelSelector: "tier=web"}\n    patch: |-\n      apiVersion: v1\n      kind: ConfigMap\n      metadata: {name: any}\n      data: {B: "2"}\n' +
          '  - target: {version: v1, kind: ConfigMap, name: cm-a}\n    patch: |-\n      - {op: copy, from: /data/A, path: /data/C}\n      - {op: move, from: /data/B, path: /data/D}\n      - {op: remove, path: /data/A}\n',
        's.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-a, labels: {tier: web}}\ndata: {A: "1"}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-b, labels: {tier: db}}\ndata: {A: "1"}\n',
      },
      {
        // commonLabels and commonAnnotations: metadata, selectors and pod templates of built-in kinds (a Knative Service gets spec.selector too, as kustomize writes it)
        'kustomization.yaml': 'resources: [r.yaml]\ncommonLabels: {team: ai}\ncommonAnnotations: {owner: me}\n',
        'r.yaml': LABELLED,
      },
      {
        // labels: metadata only, with includeSelectors, with includeTemplates
        'kustomization.yaml': 'resources: [r.yaml]\nlabels:\n  - pairs: {team: ai}\n  - pairs: {sel: "y"}\n    includeSelectors: true\n  - pairs: {tpl: "y"}\n    includeTemplates: true\n',
        'r.yaml': LABELLED,
      },
      {
        // images (any containers list, any kind; newName, newTag, digest) and replicas
        'kustomization.yaml': 'resources: [r.yaml]\nimages:\n  - name: ghcr.io/x/app\n    newTag: \'2.0\'\n  - name: busybox\n    newName: docker.io/library/busybox\n    newTag: \'1.36\'\n  - name: ghcr.io/x/other\n    digest: sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n  - name: localhost:5000/y\n    newName: reg/y\nreplicas:\n  - name: d\n    count: 4\n',
        'r.yaml': "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 1\n  template:\n    spec:\n      initContainers: [{name: i, image: \"busybox\"}]\n      containers:\n        - {name: a, image: \"ghcr.io/x/app:1.0\"}\n        - {name: b, image: \"ghcr.io/x/other@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}\n        - {name: c, image: \"localhost:5000/y:2\"}\n---\napiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: k}\nspec:\n  template:\n    spec:\n      containers: [{image: \"ghcr.io/x/app\"}]\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: a, image: \"ghcr.io/x/app:0.1\"}]\n---\napiVersion: example.com/v1\nkind: Thing\nmetadata: {name: t}\nspec:\n  replicas: 2\n  image: ghcr.io/x/app:1.0\n  containers: [{name: a, image: \"ghcr.io/x/app:1.0\"}]\n",
      },
    ];
    for (const files of cases) {
      const dir = repo(files);
      const ours = loadManifests(['.'], dir).objects.map((o) => canonical(o.object)).sort();
      expect({ kustomization: files['kustomization.yaml'], ours }).toEqual({ kustomization: files['kustomization.yaml'], ours: objectsOf(kustomize(dir)) });
      fs.rmSync(dir, { recursive: true });
    }
  }, 60_000);

  withKubectl('a strategic-merge patch on a Knative Service replaces its containers, as kubectl kustomize does (the image is gone)', () => {
    const dir = repo({
      'kustomization.yaml': 'resources: [svc.yaml]\npatches:\n  - path: env.yaml\n',
      'svc.yaml': KSVC,
      'env.yaml': 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: a\n  namespace: x\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          env: [{name: A, value: "1"}]\n',
    });
    const ours = loadManifests(['.'], dir).objects.map((o) => canonical(o.object)).sort();
    expect(ours).toEqual(objectsOf(kustomize(dir)));
    expect(JSON.parse(ours[0]).spec.template.spec.containers).toEqual([{ name: 'c', env: [{ name: 'A', value: '1' }] }]);
    fs.rmSync(dir, { recursive: true });
  }, 60_000);
});
