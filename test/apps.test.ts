// The example apps: each synthesizes without errors, every object it produces
// passes the upstream schemas (Testing.synth validates, see support/validate-synth.ts),
// the committed dist/ is exactly what synth writes (a folder per app with its
// kustomization.yaml), kustomize builds each folder into exactly the app's
// objects, and synth is deterministic.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing, Yaml } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { AgentApp } from '../lib';

const appsDir = path.join(__dirname, '..', 'apps');
const distDir = path.join(__dirname, '..', 'dist');
const appFiles = fs.readdirSync(appsDir).filter((f) => f.endsWith('.ts')).sort();
const appName = (file: string) => path.basename(file, '.ts');
const parseAll = (text: string): any[] => parseAllDocuments(text).map((d) => d.toJS());

/** Synthesizes one app file as `npm run synth` does (an AgentApp writing for GitOps), into a fresh folder: path in dist → text. */
function synthApp(file: string): Map<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-apps-'));
  try {
    const app = new AgentApp({ outdir, kustomization: true });
    require(path.join(appsDir, file)).build(app);
    app.synth();
    const out = new Map<string, string>();
    for (const name of fs.readdirSync(outdir).sort()) out.set(`${appName(file)}/${name}`, fs.readFileSync(path.join(outdir, name), 'utf8'));
    return out;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The app's objects as cdk8s's Testing.synth gives them (and validates against the upstream schemas). */
function synthObjects(file: string): any[] {
  const app: App = Testing.app();
  require(path.join(appsDir, file)).build(app);
  return app.charts.flatMap((chart) => Testing.synth(chart));
}

/** `Kind/namespace/name (apiVersion)` and the object, sorted by key. */
const keyed = (objects: any[]) => objects.map((o) => [`${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name} (${o.apiVersion})`, o] as const)
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const hasKubectl = kubectl.status === 0;
if (!hasKubectl) console.log('apps.test.ts: kubectl is not installed; `kubectl kustomize dist/<app>` is not tested');

test('there are example apps', () => {
  expect(appFiles).toEqual(expect.arrayContaining(['webhook-agent.ts', 'canary.ts']));
});

describe.each(appFiles)('apps/%s', (file) => {
  test('synthesizes, schema-valid, byte-identical to the committed dist/<app>/', () => {
    const written = synthApp(file);
    expect([...written.keys()]).toContain(`${appName(file)}/kustomization.yaml`);
    for (const [name, yaml] of written) {
      const committed = path.join(distDir, name);
      expect(fs.existsSync(committed)).toBe(true);
      expect(yaml).toBe(fs.readFileSync(committed, 'utf8'));
    }
    // The same objects as cdk8s's own synth (only the order may differ), each valid against its schema.
    const docs = [...written].filter(([name]) => name.endsWith('.k8s.yaml')).flatMap(([, text]) => parseAll(text));
    expect(keyed(docs)).toEqual(keyed(synthObjects(file)));
  });

  test('two synths give identical bytes', () => {
    expect([...synthApp(file)]).toEqual([...synthApp(file)]);
  });

  (hasKubectl ? test : test.skip)('`kubectl kustomize dist/<app>` builds exactly the synthesized objects, in the order written', () => {
    const built = spawnSync('kubectl', ['kustomize', path.join(distDir, appName(file))], { encoding: 'utf8' });
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    const objects = parseAll(built.stdout);
    const written = [...synthApp(file)].filter(([name]) => name.endsWith('.k8s.yaml')).flatMap(([, text]) => parseAll(text));
    expect(keyed(objects)).toEqual(keyed(written));
    expect(objects.map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual(written.map((o: any) => `${o.kind}/${o.metadata.name}`));
  });
});

test('no Secret with data or stringData reaches dist/ unless its app uses AgentSecrets.unsafePlaintext', () => {
  for (const file of appFiles) {
    const unsafe = fs.readFileSync(path.join(appsDir, file), 'utf8').includes('unsafePlaintext');
    for (const [name] of synthApp(file)) {
      const plaintext = Yaml.load(path.join(distDir, name))
        .filter((d: any) => d?.apiVersion === 'v1' && d?.kind === 'Secret' && (Object.keys(d.data ?? {}).length > 0 || Object.keys(d.stringData ?? {}).length > 0))
        .map((d: any) => `${name}: Secret/${d.metadata?.name}`);
      expect(unsafe ? [] : plaintext).toEqual([]);
    }
  }
});

test('dist/ holds nothing but what the apps produce', () => {
  const produced = appFiles.flatMap((f) => [...synthApp(f).keys()]).sort();
  const committed = fs.readdirSync(distDir).flatMap((dir) => fs.readdirSync(path.join(distDir, dir)).map((name) => `${dir}/${name}`)).sort();
  expect(committed).toEqual(produced);
});

/** The objects of an app's folder in dist/. */
const distDocs = (app: string): any[] => Yaml.load(path.join(distDir, app, `${app}.k8s.yaml`));

describe('scenario 1: webhook agent', () => {
  const docs = distDocs('webhook-agent');
  const svc = docs.find((d: any) => d.kind === 'Service');
  const c = svc.spec.template.spec.containers[0];

  test('min 0 / max 10, target 5, containerConcurrency 1, timeout 90 s', () => {
    expect(svc.spec.template.metadata.annotations).toEqual({
      'autoscaling.knative.dev/min-scale': '0',
      'autoscaling.knative.dev/max-scale': '10',
      'autoscaling.knative.dev/target': '5',
    });
    expect(svc.spec.template.spec.containerConcurrency).toBe(1);
    expect(svc.spec.template.spec.timeoutSeconds).toBe(90);
  });

  test('100m/256Mi requests, 1 CPU/1Gi limits, /health readiness', () => {
    expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } });
    expect(c.readinessProbe.httpGet.path).toBe('/health');
  });

  test('public webhook, secrets synced from the external store, dedicated service account without token', () => {
    expect(svc.metadata.labels?.['networking.knative.dev/visibility']).toBeUndefined();
    const es = docs.find((d: any) => d.kind === 'ExternalSecret');
    expect(es.spec.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'vault' });
    expect(es.spec.data.map((d: any) => d.secretKey)).toEqual(['ANTHROPIC_API_KEY', 'JIRA_API_TOKEN']);
    expect(c.envFrom).toEqual([{ secretRef: { name: es.spec.target.name } }]);
    expect(docs.some((d: any) => d.kind === 'Secret')).toBe(false);
    const sa = docs.find((d: any) => d.kind === 'ServiceAccount');
    expect(sa.metadata.name).toBe('jira-triage');
    expect(svc.spec.template.spec.serviceAccountName).toBe('jira-triage');
  });
});

describe('scenario 1: egress only to DNS, the model API and the Jira host', () => {
  const docs = distDocs('webhook-agent');
  const cnp = docs.find((d: any) => d.kind === 'CiliumNetworkPolicy');

  test('selects the agent pods, and allows nothing but cluster DNS (through the DNS proxy) and the two hosts on 443', () => {
    expect(cnp.spec.endpointSelector).toEqual({ matchLabels: { 'serving.knative.dev/service': 'jira-triage' } });
    const [dns, ...hosts] = cnp.spec.egress;
    expect(dns.toEndpoints).toEqual([{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }]);
    expect(dns.toPorts[0].rules.dns).toEqual([{ matchPattern: '*' }]);
    expect(hosts.map((h: any) => [h.toFQDNs, h.toPorts])).toEqual([
      [[{ matchName: 'api.anthropic.com' }], [{ ports: [{ port: '443', protocol: 'TCP' }] }]],
      [[{ matchName: 'acme.atlassian.net' }], [{ ports: [{ port: '443', protocol: 'TCP' }] }]],
    ]);
  });

  test('ingress only from the activator, the Kourier gateways and the autoscaler', () => {
    const np = docs.find((d: any) => d.kind === 'NetworkPolicy');
    expect(np.spec.policyTypes).toEqual(['Ingress']);
    expect(np.spec.ingress.flatMap((r: any) => r.from.map((f: any) => f.namespaceSelector.matchLabels['kubernetes.io/metadata.name'])).sort())
      .toEqual(['knative-serving', 'knative-serving', 'kourier-system']);
  });
});

describe('scenario 7: canary', () => {
  const [svc] = distDocs('canary');

  test('90/10 between two named revisions, the canary tagged', () => {
    expect(svc.spec.template.metadata.name).toBe('support-agent-v2');
    expect(svc.spec.traffic).toEqual([
      { percent: 90, revisionName: 'support-agent-v1', tag: 'stable' },
      { percent: 10, revisionName: 'support-agent-v2', tag: 'canary' },
    ]);
  });
});

describe('scenario 2: multi-step pipeline', () => {
  const docs = distDocs('pipeline');
  const seq = docs.find((d: any) => d.kind === 'Sequence');

  test('Sequence web-search → extract-info → synthesize → format-report, reply to result-handler', () => {
    expect(seq.apiVersion).toBe('flows.knative.dev/v1');
    expect(seq.spec.steps.map((s: any) => s.ref.name)).toEqual(['web-search', 'extract-info', 'synthesize', 'format-report']);
    expect(seq.spec.reply.ref).toEqual({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'result-handler', namespace: 'research' });
  });

  test('every agent of the pipeline is cluster-local', () => {
    const services = docs.filter((d: any) => d.kind === 'Service');
    expect(services.map((s: any) => s.metadata.labels['networking.knative.dev/visibility'])).toEqual(Array(5).fill('cluster-local'));
  });
});

describe('scenario 3: fan-out', () => {
  const docs = distDocs('fan-out');
  const par = docs.find((d: any) => d.kind === 'Parallel');

  test('Parallel search-web / query-database / call-api, reply to the aggregator', () => {
    expect(par.apiVersion).toBe('flows.knative.dev/v1');
    expect(par.spec.branches.map((b: any) => b.subscriber.ref.name)).toEqual(['search-web', 'query-database', 'call-api']);
    expect(par.spec.reply.ref.name).toBe('aggregator');
  });
});

describe('scenario 5: event routing', () => {
  const docs = distDocs('event-routing');

  test('a Broker with triggers user.created → notification agent and order.placed → fulfillment agent', () => {
    const broker = docs.find((d: any) => d.kind === 'Broker');
    const triggers = docs.filter((d: any) => d.kind === 'Trigger');
    expect(triggers.map((t: any) => [t.spec.broker, t.spec.filter.attributes.type, t.spec.subscriber.ref.name])).toEqual([
      [broker.metadata.name, 'dev.acme.user.created', 'notification-agent'],
      [broker.metadata.name, 'dev.acme.order.placed', 'fulfillment-agent'],
    ]);
  });

  test('only the shop may post to the Broker', () => {
    const policy = docs.find((d: any) => d.kind === 'EventPolicy');
    expect(policy.spec).toEqual({ from: [{ sub: 'system:serviceaccount:shop:web-shop' }], to: [{ ref: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name: 'shop-events' } }] });
  });
});
