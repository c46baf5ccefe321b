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
import { AgentApp, AgentEnvironment, AgentEnvironments, ClusterProfile } from '../lib';

const appsDir = path.join(__dirname, '..', 'apps');
const distDir = path.join(__dirname, '..', 'dist');
const appFiles = fs.readdirSync(appsDir).filter((f) => f.endsWith('.ts')).sort();
const appName = (file: string) => path.basename(file, '.ts');
const parseAll = (text: string): any[] => parseAllDocuments(text).map((d) => d.toJS());

/** The files under a folder, relative to it, sorted (`/`-separated). */
function filesUnder(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`])).sort();
}

/** The app module: `build(app)`, or `environments` and `build(app, env)` (AgentEnvironments). */
const appModule = (file: string): any => require(path.join(appsDir, file));

/** Synthesizes one app file as `npm run synth` does (an AgentApp writing for GitOps, or AgentEnvironments), into a fresh folder: path in dist → text. */
function synthApp(file: string): Map<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-apps-'));
  try {
    const mod = appModule(file);
    const appDir = path.join(outdir, appName(file));
    // As `npm run synth`: the committed kustomization.yaml files hold the tags Flux's image automation committed.
    const committedDir = path.join(distDir, appName(file));
    if (fs.existsSync(committedDir)) {
      for (const name of filesUnder(committedDir).filter((n) => path.posix.basename(n) === 'kustomization.yaml')) {
        fs.mkdirSync(path.dirname(path.join(appDir, name)), { recursive: true });
        fs.copyFileSync(path.join(committedDir, name), path.join(appDir, name));
      }
    }
    if (mod.environments) {
      const flux = mod.flux && { root: `./dist/${appName(file)}`, ...mod.flux };
      new AgentEnvironments({ outdir: appDir, environments: mod.environments, build: mod.build, flux }).synth();
    } else {
      const app = new AgentApp({ outdir: appDir, kustomization: true });
      mod.build(app);
      app.synth();
    }
    return new Map(filesUnder(appDir).map((name) => [`${appName(file)}/${name}`, fs.readFileSync(path.join(appDir, name), 'utf8')]));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The folders of an app that hold a kustomization: `<app>`, or `<app>/<env>` and `<app>/clusters/<env>` per environment. */
function kustomizedFolders(file: string): string[] {
  return [...synthApp(file).keys()].filter((name) => name.endsWith('/kustomization.yaml')).map((name) => path.posix.dirname(name));
}

/**
 * The objects of each folder of the app as cdk8s's Testing.synth gives them (and validates against the upstream
 * schemas): the app's folder, or each environment's (built as AgentEnvironments builds it). The Flux
 * Kustomizations of the environments are FluxKustomization's, tested in test/gitops.
 */
function synthObjects(file: string): Map<string, any[]> {
  const mod = appModule(file);
  const objects = (build: (app: App) => void) => {
    const app: App = Testing.app();
    build(app);
    return app.charts.flatMap((chart) => Testing.synth(chart));
  };
  if (!mod.environments) return new Map([[appName(file), objects((app) => mod.build(app))]]);
  return new Map(Object.entries(mod.environments as Record<string, AgentEnvironment<unknown>>).map(([name, env]) => [`${appName(file)}/${name}`, objects((app) => {
    if (env.cluster) new ClusterProfile(app, 'cluster', env.cluster);
    if (env.repositoryConfig) ClusterProfile.fromRepositoryConfig(app, 'cluster', env.repositoryConfig);
    mod.build(app, { name, values: env.values });
  })]));
}

/** The manifests of a synth, by folder. */
function manifestsByFolder(written: Map<string, string>): Map<string, any[]> {
  const out = new Map<string, any[]>();
  for (const [name, text] of written) {
    if (!name.endsWith('.k8s.yaml')) continue;
    const dir = path.posix.dirname(name);
    out.set(dir, [...(out.get(dir) ?? []), ...parseAll(text)]);
  }
  return out;
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
    expect([...written.keys()].filter((name) => name.endsWith('/kustomization.yaml')).length).toBeGreaterThan(0);
    for (const [name, yaml] of written) {
      const committed = path.join(distDir, name);
      expect(fs.existsSync(committed)).toBe(true);
      expect(yaml).toBe(fs.readFileSync(committed, 'utf8'));
    }
    // The same objects as cdk8s's own synth (only the order may differ), each valid against its schema.
    const byFolder = manifestsByFolder(written);
    for (const [folder, objects] of synthObjects(file)) expect(keyed(byFolder.get(folder) ?? [])).toEqual(keyed(objects));
  });

  test('two synths give identical bytes', () => {
    expect([...synthApp(file)]).toEqual([...synthApp(file)]);
  });

  (hasKubectl ? test : test.skip)('`kubectl kustomize dist/<app>` (each folder of an app with environments) builds exactly the synthesized objects, in the order written', () => {
    const byFolder = manifestsByFolder(synthApp(file));
    for (const folder of kustomizedFolders(file)) {
      const built = spawnSync('kubectl', ['kustomize', path.join(distDir, folder)], { encoding: 'utf8' });
      expect(built.stderr).toBe('');
      expect(built.status).toBe(0);
      const objects = parseAll(built.stdout);
      const written = byFolder.get(folder) ?? [];
      expect(keyed(objects)).toEqual(keyed(written));
      expect(objects.map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual(written.map((o: any) => `${o.kind}/${o.metadata.name}`));
    }
  });
});

test('no Secret with data or stringData reaches dist/ unless its app uses AgentSecrets.unsafePlaintext', () => {
  for (const file of appFiles) {
    const unsafe = fs.readFileSync(path.join(appsDir, file), 'utf8').includes('unsafePlaintext');
    for (const name of [...synthApp(file).keys()].filter((n) => n.endsWith('.k8s.yaml'))) {
      const plaintext = Yaml.load(path.join(distDir, name))
        .filter((d: any) => d?.apiVersion === 'v1' && d?.kind === 'Secret' && (Object.keys(d.data ?? {}).length > 0 || Object.keys(d.stringData ?? {}).length > 0))
        .map((d: any) => `${name}: Secret/${d.metadata?.name}`);
      expect(unsafe ? [] : plaintext).toEqual([]);
    }
  }
});

test('dist/ holds nothing but what the apps produce', () => {
  const produced = appFiles.flatMap((f) => [...synthApp(f).keys()]).sort();
  const committed = filesUnder(distDir);
  expect(committed).toEqual(produced);
});

/** The objects of an app's folder in dist/. */
const distDocs = (app: string): any[] => Yaml.load(path.join(distDir, app, `${app}.k8s.yaml`));

describe('scenario 8: one agent, two environments', () => {
  const docs = (env: string): any[] => Yaml.load(path.join(distDir, 'environments', env, 'support.k8s.yaml'));
  const svc = (env: string) => docs(env).find((d: any) => d.kind === 'Service');

  test('dev scales to zero and to 2; prod keeps one pod and scales to 20', () => {
    expect(svc('dev').spec.template.metadata.annotations).toMatchObject({ 'autoscaling.knative.dev/min-scale': '0', 'autoscaling.knative.dev/max-scale': '2' });
    expect(svc('prod').spec.template.metadata.annotations).toMatchObject({ 'autoscaling.knative.dev/min-scale': '1', 'autoscaling.knative.dev/max-scale': '20' });
  });

  test('each environment has its host and secret store; the rest is shared', () => {
    const host = (env: string) => docs(env).find((d: any) => d.kind === 'DomainMapping').metadata.name;
    const store = (env: string) => docs(env).find((d: any) => d.kind === 'ExternalSecret').spec.secretStoreRef.name;
    expect([host('dev'), host('prod'), store('dev'), store('prod')]).toEqual(['support.dev.acme.example', 'support.acme.example', 'vault-dev', 'vault']);
    expect(svc('dev').spec.template.spec.containers[0].image).toBe(svc('prod').spec.template.spec.containers[0].image);
  });

  test('synth prints no warning: prod\'s ImagePolicy is the platform\'s, listed under `provided` in cdk8s-agents.yaml (FLUXIMG-008)', () => {
    const lines: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((line) => { lines.push(String(line)); return true; });
    try { synthApp('environments.ts'); } finally { stderr.mockRestore(); }
    expect(lines).toEqual([]);
  });

  test('a Flux Kustomization per environment builds that environment\'s folder', () => {
    for (const env of ['dev', 'prod']) {
      const [k] = Yaml.load(path.join(distDir, 'environments', 'clusters', env, 'flux.k8s.yaml'));
      expect([k.metadata.name, k.spec.path, k.spec.sourceRef]).toEqual([`environments-${env}`, `./dist/environments/${env}`, { kind: 'GitRepository', name: 'flux-system' }]);
    }
  });
});

describe('scenario 9: seed 002\'s platform', () => {
  const docs = distDocs('platform');
  const find = (kind: string, name: string) => docs.find((d: any) => d.kind === kind && d.metadata.name === name);
  const podSpecs = docs.flatMap((d: any) => {
    if (d.kind === 'Deployment') return [[d.metadata.name, d.spec.template.spec]];
    if (d.kind === 'CronJob') return [[d.metadata.name, d.spec.jobTemplate.spec.template.spec]];
    if (d.kind === 'ScaledJob') return [[d.metadata.name, d.spec.jobTargetRef.template.spec]];
    return [];
  });

  test('every component of the seed\'s tables is there', () => {
    expect(podSpecs.map(([name]: any) => name).sort()).toEqual(['api', 'app', 'cronjob-cleanup', 'cronjob-token-refresh', 'executor', 'processor', 'webhook']);
    expect(docs.filter((d: any) => d.kind === 'ExternalSecret').map((d: any) => d.spec.secretStoreRef)).toEqual([{ kind: 'SecretStore', name: 'vault' }, { kind: 'SecretStore', name: 'vault' }]);
    expect(find('SecretStore', 'vault').spec.provider.vault.server).toBe('https://vault.vault.svc:8200');
  });

  test('every pod is PSS-restricted with the seed\'s uid, gid and fsGroup 1001', () => {
    for (const [, spec] of podSpecs as [string, any][]) {
      expect(spec.securityContext.fsGroup).toBe(1001);
      for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
        expect(c.securityContext).toMatchObject({ runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
      }
      expect(spec.containers[0].securityContext).toMatchObject({ runAsUser: 1001, runAsGroup: 1001 });
    }
  });

  test('executors mount the uploads read-only and the model cache an init container fills', () => {
    const spec = (podSpecs.find(([name]: any) => name === 'executor') as any)[1];
    expect(spec.containers[0].volumeMounts.filter((m: any) => m.mountPath !== '/tmp')).toEqual([
      { mountPath: '/uploads', name: 'pvc-ai-agents-workspace', readOnly: true, subPath: 'uploads' },
      { mountPath: '/models', name: 'pvc-ai-agents-models-cache', readOnly: true },
    ]);
    expect(spec.initContainers[0].volumeMounts.find((m: any) => m.mountPath === '/models').readOnly).toBeFalsy();
  });

  test('two Ingresses on one host: the protected one behind Authelia, the public paths without', () => {
    const pub = find('Ingress', 'ai-agents-public');
    const prot = find('Ingress', 'ai-agents-protected');
    expect(prot.metadata.annotations['traefik.ingress.kubernetes.io/router.middlewares']).toBe('authelia-authelia@kubernetescrd');
    expect(pub.metadata.annotations?.['traefik.ingress.kubernetes.io/router.middlewares']).toBeUndefined();
    expect(pub.spec.rules[0].http.paths.map((p: any) => p.path)).toContain('/api/jobs/submit');
    expect([pub.spec.tls, prot.spec.tls]).toEqual([[{ hosts: ['ai-agents.labrats.work'], secretName: 'ai-agents-tls' }], [{ hosts: ['ai-agents.labrats.work'], secretName: 'ai-agents-tls' }]]);
  });

  test('the API may start Jobs and read the CRDs, and nothing cluster-wide is granted', () => {
    const role = find('Role', 'api');
    expect(role.rules).toContainEqual(expect.objectContaining({ apiGroups: ['batch'], resources: ['jobs'] }));
    expect(docs.some((d: any) => d.kind === 'ClusterRole' || d.kind === 'ClusterRoleBinding')).toBe(false);
  });
});

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
