// `cdk8s-agents diff`: the plan of a change in a reviewer's words (lib/cli/plan.ts)
// and the command around it (lib/cli/diff.ts).
import { execFileSync } from 'child_process';
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'yaml';
import { DIFF_USAGE, runDiff } from '../../lib/cli/diff';
import { main } from '../../lib/cli/main';
import { ChangeEffect, planChanges, planToMarkdown, Plan } from '../../lib/cli/plan';

const REPO = path.join(__dirname, '..', '..');

function ksvc(over: { image?: string; env?: object[]; maxScale?: string; traffic?: object[]; resources?: object } = {}) {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: { name: 'triage', namespace: 'agents' },
    spec: {
      template: {
        metadata: { annotations: { 'autoscaling.knative.dev/max-scale': over.maxScale ?? '10' } },
        spec: { containers: [{ name: 'agent', image: over.image ?? 'ghcr.io/acme/triage:1.0.0', env: over.env ?? [{ name: 'LOG_LEVEL', value: 'info' }], resources: over.resources ?? { limits: { memory: '512Mi' } } }] },
      },
      ...(over.traffic ? { traffic: over.traffic } : {}),
    },
  };
}

function networkPolicy(egress: object[]) {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'triage-egress', namespace: 'agents' }, spec: { podSelector: { matchLabels: { app: 'triage' } }, policyTypes: ['Egress'], egress } };
}

const effects = (plan: Plan, topic?: ChangeEffect['topic']) => plan.changes.flatMap((c) => c.effects).filter((e) => topic === undefined || e.topic === topic);

describe('the plan of a change', () => {
  test('the same objects: no change', () => {
    const plan = planChanges([ksvc()], [ksvc()]);
    expect(plan.changes).toEqual([]);
    expect(plan.summary).toEqual({ added: 0, deleted: 0, changed: 0, unchanged: 1 });
    expect(planToMarkdown(plan)).toContain('No change.');
  });

  test('a new image is a new revision, saying which image', () => {
    const [e] = effects(planChanges([ksvc()], [ksvc({ image: 'ghcr.io/acme/triage:1.1.0' })]));
    expect(e).toEqual({ topic: 'revision', detail: 'new revision: image `ghcr.io/acme/triage:1.0.0` → `ghcr.io/acme/triage:1.1.0`' });
  });

  test('env added, changed and read from a Secret are named; resources too', () => {
    const after = ksvc({
      env: [{ name: 'LOG_LEVEL', value: 'debug' }, { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'triage', key: 'api-key' } } }],
      resources: { limits: { memory: '1Gi' } },
    });
    const [e] = effects(planChanges([ksvc()], [after]), 'revision');
    expect(e.detail).toContain('env `API_KEY` added (from Secret `triage` key `api-key`)');
    expect(e.detail).toContain('env `LOG_LEVEL` "info" → "debug"');
    expect(e.detail).toContain('limits.memory "512Mi" → "1Gi"');
  });

  test('scale bounds are their own line, and alone they are still a new revision', () => {
    const plan = planChanges([ksvc()], [ksvc({ maxScale: '20' })]);
    expect(effects(plan, 'scale').map((e) => e.detail)).toEqual(['max "10" → "20"']);
    expect(effects(plan, 'revision').map((e) => e.detail)).toEqual(['new revision: only the scale bounds changed']);
  });

  test('traffic moved between revisions, with their tags', () => {
    const before = ksvc({ traffic: [{ revisionName: 'triage-v1', percent: 90, tag: 'stable' }, { revisionName: 'triage-v2', percent: 10, tag: 'canary' }] });
    const after = ksvc({ traffic: [{ revisionName: 'triage-v1', percent: 50, tag: 'stable' }, { revisionName: 'triage-v2', percent: 50, tag: 'canary' }] });
    const plan = planChanges([before], [after]);
    expect(effects(plan).map((e) => e.topic)).toEqual(['traffic']);
    expect(effects(plan)[0].detail).toBe('revision `triage-v1` (tag `stable`) 90% → 50%, revision `triage-v2` (tag `canary`) 10% → 50%');
  });

  test('a Deployment rolls its pods; its replicas are scale', () => {
    const dep = (image: string, replicas: number) => ({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'agents' },
      spec: { replicas, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image }] } } },
    });
    const plan = planChanges([dep('api:1', 2)], [dep('api:2', 3)]);
    expect(effects(plan, 'rollout')[0].detail).toBe('pods replaced (rolling update): image `api:1` → `api:2`');
    expect(effects(plan, 'scale')[0].detail).toBe('replicas 2 → 3');
    expect(effects(plan, 'other')).toEqual([]);
  });

  test('KEDA bounds and trigger metadata', () => {
    const so = (max: number, lag: string) => ({
      apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'worker', namespace: 'agents' },
      spec: { scaleTargetRef: { name: 'worker' }, maxReplicaCount: max, triggers: [{ type: 'kafka', metadata: { lagThreshold: lag } }] },
    });
    const details = effects(planChanges([so(10, '50')], [so(20, '100')]), 'scale').map((e) => e.detail);
    expect(details).toEqual(['max 10 → 20', 'spec.triggers: [{"metadata":{"lagThreshold":"50"},"type":"kafka"}] → [{"metadata":{"lagThreshold":"100"},"type":"kafka"}]']);
  });

  test('egress: a new CIDR widens, a removed port narrows', () => {
    const before = networkPolicy([{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 443, protocol: 'TCP' }, { port: 80, protocol: 'TCP' }] }]);
    const after = networkPolicy([{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }, { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }], ports: [{ port: 443, protocol: 'TCP' }] }]);
    const got = effects(planChanges([before], [after]), 'egress');
    expect(got).toContainEqual({ topic: 'egress', direction: 'widened', detail: 'allows pods {app=triage} to 0.0.0.0/0 except 169.254.169.254/32 on 443/TCP' });
    expect(got).toContainEqual({ topic: 'egress', direction: 'narrowed', detail: 'no longer allows pods {app=triage} to 10.0.0.0/8 on 80/TCP' });
    expect(got.filter((e) => e.direction === 'widened')).toHaveLength(1);
    expect(planToMarkdown(planChanges([before], [after]))).toContain('⚠️ widened: allows pods {app=triage} to 0.0.0.0/0');
  });

  test('egress: a Cilium FQDN swapped for another', () => {
    const cnp = (host: string) => ({
      apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'e', namespace: 'agents' },
      spec: { endpointSelector: { matchLabels: { app: 'triage' } }, egress: [{ toFQDNs: [{ matchName: host }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }] },
    });
    const got = effects(planChanges([cnp('api.anthropic.com')], [cnp('api.openai.com')]));
    expect(got.map((e) => `${e.direction} ${e.detail}`)).toEqual([
      'widened allows endpoints {app=triage} to host api.openai.com on 443/TCP',
      'narrowed no longer allows endpoints {app=triage} to host api.anthropic.com on 443/TCP',
    ]);
  });

  test('secrets: keys added and removed are named, values never shown', () => {
    const secret = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'agents' }, data });
    const plan = planChanges([secret({ A: 'c2VjcmV0MQ==', B: 'eA==' })], [secret({ A: 'c2VjcmV0Mg==', C: 'eQ==' })]);
    expect(effects(plan, 'secrets').map((e) => e.detail)).toEqual(['adds `C`', 'removes `B`', 'new value for `A`']);
    const text = planToMarkdown(plan) + JSON.stringify(plan);
    for (const v of ['c2VjcmV0MQ==', 'c2VjcmV0Mg==', 'eQ==', 'eA==']) expect(text).not.toContain(v);
  });

  test('an ExternalSecret that reads one more key', () => {
    const es = (keys: string[]) => ({
      apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'triage', namespace: 'agents' },
      spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' }, data: keys.map((k) => ({ secretKey: k, remoteRef: { key: 'agents/triage', property: k.toLowerCase() } })) },
    });
    expect(effects(planChanges([es(['A'])], [es(['A', 'B'])])).map((e) => e.detail)).toEqual(['adds `B`']);
  });

  test('a trigger filter changed is event routing', () => {
    const trigger = (type: string) => ({
      apiVersion: 'eventing.knative.dev/v1', kind: 'Trigger', metadata: { name: 't', namespace: 'agents' },
      spec: { broker: 'default', filter: { attributes: { type } }, subscriber: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'triage' } } },
    });
    expect(effects(planChanges([trigger('ticket.created')], [trigger('ticket.updated')]))).toEqual([
      { topic: 'events', detail: 'spec.filter.attributes.type: "ticket.created" → "ticket.updated"' },
    ]);
  });

  test('added and deleted objects, deleted first in the report (Flux prune)', () => {
    const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'agents' }, data: { a: '1' } });
    const plan = planChanges([cm('old'), ksvc()], [cm('new'), ksvc()]);
    expect(plan.changes.map((c) => `${c.change} ${c.name}`)).toEqual(['added new', 'deleted old']);
    const md = planToMarkdown(plan);
    expect(md.indexOf('**Deleted**')).toBeLessThan(md.indexOf('**Added:**'));
    expect(md).toContain('Flux prunes them');
  });

  test('an added NetworkPolicy says what it allows, without guessing a direction', () => {
    const got = effects(planChanges([], [networkPolicy([{ to: [{ namespaceSelector: {} }], ports: [{ port: 53, protocol: 'UDP' }] }])]));
    expect(got).toEqual([{ topic: 'egress', detail: 'allows pods {app=triage} to namespaces (all) on 53/UDP' }]);
  });

  test('other fields are listed by path', () => {
    const cm = (v: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'agents' }, data: { a: v } });
    expect(effects(planChanges([cm('1')], [cm('2')]))).toEqual([{ topic: 'other', detail: 'data.a: "1" → "2"' }]);
  });

  test('never throws on arbitrary documents, and a set compared with itself has no change', () => {
    const doc = fc.oneof(
      fc.anything(),
      fc.record({ apiVersion: fc.constantFrom('v1', 'apps/v1', 'serving.knative.dev/v1', 'networking.k8s.io/v1', 'cilium.io/v2'), kind: fc.constantFrom('Service', 'Deployment', 'NetworkPolicy', 'CiliumNetworkPolicy', 'Secret'), metadata: fc.record({ name: fc.string() }), spec: fc.anything() }),
    );
    fc.assert(fc.property(fc.array(doc, { maxLength: 6 }), fc.array(doc, { maxLength: 6 }), (a, b) => {
      planToMarkdown(planChanges(a, b));
      const json = JSON.parse(JSON.stringify(a.filter((x) => x !== undefined) ?? []));
      expect(planChanges(json, json).changes).toEqual([]);
    }), { numRuns: 300 });
  });
});

describe('the diff command', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  function folder(objects: object[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diff-test-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'app.yaml'), objects.map((o) => yaml.stringify(o)).join('---\n'));
    return dir;
  }
  function run(argv: string[], cwd = REPO) {
    const out: string[] = [];
    const err: string[] = [];
    const code = main(['diff', ...argv], { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd });
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  test('Markdown by default, JSON on request; --exit-code says whether something changed', () => {
    const a = folder([ksvc()]);
    const b = folder([ksvc({ image: 'ghcr.io/acme/triage:2.0.0' })]);
    const md = run([a, b]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('**Agents with a new revision:**');
    const json = JSON.parse(run(['--format', 'json', a, b]).stdout);
    expect(json.summary).toEqual({ added: 0, deleted: 0, changed: 1, unchanged: 0 });
    expect(run(['--exit-code', a, b]).code).toBe(1);
    expect(run(['--exit-code', a, a]).code).toBe(0);
  });

  test('bad use is exit code 2 with the reason', () => {
    expect(run(['only-one']).stderr).toContain('two things to compare are needed');
    expect(run(['--format', 'html', 'a', 'b']).stderr).toContain('--format must be markdown or json, not "html"');
    const missing = run(['no-such-dir', 'dist']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('"no-such-dir" does not exist');
    expect(run(['no-such-rev:dist', 'dist']).stderr).toContain('"no-such-rev" is not a git revision here');
    expect(run(['--help']).stdout).toBe(DIFF_USAGE);
  });

  test('a git revision\'s copy of a folder: <revision>:<path>', () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'diff-git-'));
    dirs.push(repo);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    fs.mkdirSync(path.join(repo, 'dist'));
    fs.writeFileSync(path.join(repo, 'dist', 'app.yaml'), yaml.stringify(ksvc()));
    git('add', '.');
    git('-c', 'user.email=a@b', '-c', 'user.name=a', 'commit', '-qm', 'one');
    fs.writeFileSync(path.join(repo, 'dist', 'app.yaml'), yaml.stringify(ksvc({ maxScale: '3' })));
    const out: string[] = [];
    const err: string[] = [];
    const scratch = () => fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('cdk8s-agents-diff-')).length;
    const before = scratch();
    const r = runDiff(['HEAD:dist', 'dist'], { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd: repo });
    expect(err.join('')).toBe('');
    expect(r).toBe(0);
    expect(out.join('')).toContain('max "10" → "3"');
    // the revision's copy is written to a scratch folder and removed
    expect(scratch()).toBeLessThanOrEqual(before);
  });

  test('the example apps diffed against themselves: no change', () => {
    const r = run(['dist', 'dist']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 changed, 0 added, 0 deleted \(\d+ unchanged\)/);
  });
});
