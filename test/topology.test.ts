// The app's picture (lib/topology.ts): what it draws from manifests, that
// Mermaid parses it, that synth writes it, and the topology command.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { AgentApp, AgentDeployment, AgentIngress, AgentKnativeService, IngressBackend, IngressRoute, IngressTls } from '../lib';
import { main } from '../lib/cli/main';
import { topologyMarkdown, topologyOf } from '../lib/topology';

const REPO = path.join(__dirname, '..');
const ns = 'agents';
const ksvc = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name, namespace: ns },
  spec: { template: { metadata: { labels }, spec: { containers: [{ image: `ghcr.io/acme/${name}:1` }] } } },
});
const ref = (name: string, kind = 'Service', apiVersion = 'serving.knative.dev/v1') => ({ ref: { apiVersion, kind, name } });

/** Every Mermaid text given, parsed by the mermaid package in a child process (it is ESM and needs a DOM). */
function parseMermaid(texts: string[]): (string | null)[] {
  const r = spawnSync(process.execPath, [path.join(__dirname, 'support', 'mermaid-parse.mjs')], { input: JSON.stringify(texts), encoding: 'utf-8', cwd: REPO });
  if (r.status !== 0) throw new Error(`mermaid-parse failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const BROKER_APP = [
  ksvc('triage'), ksvc('notify'), ksvc('dead-letters'),
  { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', metadata: { name: 'events', namespace: ns }, spec: { delivery: { deadLetterSink: ref('dead-letters') } } },
  { apiVersion: 'eventing.knative.dev/v1', kind: 'Trigger', metadata: { name: 'on-ticket', namespace: ns }, spec: { broker: 'events', filter: { attributes: { type: 'ticket.created' } }, subscriber: ref('triage') } },
  { apiVersion: 'eventing.knative.dev/v1', kind: 'Trigger', metadata: { name: 'on-any', namespace: ns }, spec: { broker: 'events', filters: [{ prefix: { type: 'dev.acme.' } }], subscriber: ref('notify') } },
  { apiVersion: 'sources.knative.dev/v1', kind: 'PingSource', metadata: { name: 'nightly', namespace: ns }, spec: { schedule: '0 2 * * *', sink: ref('events', 'Broker', 'eventing.knative.dev/v1') } },
];

/** Charts drawn from hostile names, parsed with the others below (one child process). */
const HOSTILE: string[] = [];

describe('topologyOf', () => {
  test('a broker with triggers (their filters on the arrows), a source into it, dead letters dotted', () => {
    const chart = topologyOf(BROKER_APP);
    expect(chart).toMatchSnapshot();
    expect(chart).toContain('broker_agents_events -->|"on-ticket: type=ticket.created"| service_agents_triage');
    expect(chart).toContain('broker_agents_events -->|"on-any: prefix type=dev.acme."| service_agents_notify');
    expect(chart).toContain('broker_agents_events -.->|"dead letters"| service_agents_dead_letters');
    expect(chart).toContain('pingsource_agents_nightly(["nightly<br/><small>PingSource: 0 2 * * *</small>"])');
    expect(chart).toContain('pingsource_agents_nightly --> broker_agents_events');
  });

  test('a sequence is a chain of steps ending in its reply; a parallel\'s branches pass its filters', () => {
    const chart = topologyOf([
      ksvc('a'), ksvc('b'), ksvc('sum'), ksvc('only-urgent'),
      { apiVersion: 'flows.knative.dev/v1', kind: 'Sequence', metadata: { name: 'seq', namespace: ns }, spec: { steps: [ref('a'), ref('b')], reply: ref('sum') } },
      { apiVersion: 'flows.knative.dev/v1', kind: 'Parallel', metadata: { name: 'par', namespace: ns }, spec: { branches: [{ filter: ref('only-urgent'), subscriber: ref('a') }, { subscriber: ref('b') }], reply: ref('sum') } },
    ]);
    expect(chart).toContain('sequence_agents_seq -->|"step 1"| service_agents_a');
    expect(chart).toContain('service_agents_a -->|"step 2"| service_agents_b');
    expect(chart).toContain('service_agents_b -.->|"reply"| service_agents_sum');
    expect(chart).toContain('parallel_agents_par -->|"branch 1 filter"| service_agents_only_urgent');
    expect(chart).toContain('service_agents_only_urgent -->|"pass"| service_agents_a');
    expect(chart).toContain('parallel_agents_par -->|"branch 2"| service_agents_b');
  });

  test('what is not in the app is drawn dashed and says so; a URI sink too', () => {
    const chart = topologyOf([
      { apiVersion: 'eventing.knative.dev/v1', kind: 'Trigger', metadata: { name: 't', namespace: ns }, spec: { broker: 'default', subscriber: { uri: 'https://hooks.example.com/in' } } },
    ]);
    expect(chart).toContain('broker_agents_default("default<br/><small>Broker, not in this app</small>")');
    expect(chart).toContain('uri_https_hooks_example_com_in("https://hooks.example.com/in")');
    expect(chart).toContain('class broker_agents_default,uri_https_hooks_example_com_in external;');
    expect(chart).toContain('|"t: every event"|');
  });

  test('egress targets of the pods a policy selects (Kubernetes and Cilium), and KEDA scalers', () => {
    const chart = topologyOf([
      ksvc('triage'),
      { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'e', namespace: ns }, spec: { endpointSelector: { matchLabels: { 'k8s:serving.knative.dev/service': 'triage' } }, egress: [{ toFQDNs: [{ matchName: 'api.anthropic.com' }] }] } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'worker', namespace: ns }, spec: { template: { metadata: { labels: { app: 'worker' } }, spec: { containers: [{ image: 'w:1' }] } } } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'w', namespace: ns }, spec: { podSelector: { matchLabels: { app: 'worker' } }, egress: [{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }] }] } },
      { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'worker', namespace: ns }, spec: { scaleTargetRef: { name: 'worker' }, triggers: [{ type: 'kafka', metadata: { topic: 'tasks' } }] } },
    ]);
    expect(chart).toContain('service_agents_triage -.->|"egress"| host_api_anthropic_com');
    expect(chart).toContain('deployment_agents_worker -.->|"egress"| host_203_0_113_0_24');
    expect(chart).toContain('scaler_kafka_tasks -.->|"scales on kafka"| deployment_agents_worker');
  });

  test('names and filter values with quotes and angle brackets cannot break the chart', () => {
    const chart = topologyOf([ksvc('triage'),
      { apiVersion: 'eventing.knative.dev/v1', kind: 'Trigger', metadata: { name: 't', namespace: ns }, spec: { broker: 'b"]-->x', filter: { attributes: { type: 'a"<b>|c' } }, subscriber: ref('triage') } }]);
    expect(chart).not.toContain('a"<b>');
    HOSTILE.push(chart);
  });

  test('an Ingress is drawn with its host and path on the arrow to the agent or workload its backend Service names', () => {
    const ingress = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: ns }, spec });
    const backend = (service: string) => ({ service: { name: service, port: { number: 80 } } });
    const chart = topologyOf([
      ksvc('triage'),
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: ns }, spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ image: 'w:1' }] } } } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-svc', namespace: ns }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
      ingress('public', {
        rules: [{ host: 'agents.example.com', http: { paths: [{ path: '/api', pathType: 'Prefix', backend: backend('triage') }, { path: '/', pathType: 'Prefix', backend: backend('web-svc') }] } }],
        defaultBackend: backend('legacy'),
      }),
      ingress('assets', { rules: [{ http: { paths: [{ pathType: 'Prefix', backend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static' } } }] } }] }),
    ]);
    expect(chart).toContain('ingress_agents_public[/"public<br/><small>Ingress</small>"\\]');
    expect(chart).toContain('ingress_agents_public -->|"agents.example.com/api"| service_agents_triage');
    expect(chart).toContain('ingress_agents_public -->|"agents.example.com/"| deployment_agents_web');
    expect(chart).toContain('ingress_agents_public -->|"default backend"| service_agents_legacy');
    expect(chart).toContain('service_agents_legacy("legacy<br/><small>Service, not in this app</small>")');
    expect(chart).toContain('ingress_agents_assets -->|"*/"| storagebucket_agents_static');
    HOSTILE.push(chart);
  });

  test('AgentIngress: the synthesized Ingress is drawn to the AgentDeployment behind its Service, and to a Knative agent by name', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: ns });
    new AgentKnativeService(chart, 'triage', { image: 'ghcr.io/acme/triage:1' });
    const api = new AgentDeployment(chart, 'api', { image: 'ghcr.io/acme/api:1', port: 8080 });
    new AgentIngress(chart, 'public', { host: 'agents.example.com', tls: IngressTls.none(), routes: [IngressRoute.prefix('/api', api), IngressRoute.exact('/triage', IngressBackend.service('triage', 80))] });
    const drawn = topologyOf(Testing.synth(chart));
    expect(drawn).toContain('ingress_agents_public -->|"agents.example.com/api"| deployment_agents_api');
    expect(drawn).toContain('ingress_agents_public -->|"agents.example.com/triage"| service_agents_triage');
    HOSTILE.push(drawn);
  });

  test('a SinkBinding of Jobs by selector: the CronJobs and ScaledJobs whose Jobs it matches publish; one that matches nothing draws no publisher', () => {
    const jobSpec = { template: { spec: { containers: [{ image: 'ghcr.io/acme/a:1' }] } } };
    const binding = (name: string, matchLabels: Record<string, string>) => ({
      apiVersion: 'sources.knative.dev/v1', kind: 'SinkBinding', metadata: { name, namespace: ns },
      spec: { subject: { apiVersion: 'batch/v1', kind: 'Job', selector: { matchLabels } }, sink: ref('events', 'Broker', 'eventing.knative.dev/v1') },
    });
    const chart = topologyOf([
      { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', metadata: { name: 'events', namespace: ns } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: ns }, spec: { schedule: '0 2 * * *', jobTemplate: { metadata: { labels: { app: 'nightly' } }, spec: jobSpec } } },
      { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', metadata: { name: 'research', namespace: ns, labels: { team: 'search' } }, spec: { jobTargetRef: jobSpec, triggers: [] } },
      binding('nightly-publishes', { app: 'nightly' }),
      binding('research-publishes', { 'scaledjob.keda.sh/name': 'research', team: 'search' }),
      binding('nobody-publishes', { app: 'research' }), // the job template's labels go to the pods, not KEDA's Jobs
    ]);
    expect(chart).toContain('  cronjob_agents_nightly -->|"publishes"| sinkbinding_agents_nightly_publishes\n');
    expect(chart).toContain('  scaledjob_agents_research -->|"publishes"| sinkbinding_agents_research_publishes\n');
    expect(chart).not.toMatch(/-->\|"publishes"\| sinkbinding_agents_nobody_publishes/);
    HOSTILE.push(chart);
  });

  test('nothing to draw: no chart, no file', () => {
    expect(topologyOf([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }])).toBe('');
    expect(topologyMarkdown('x', [])).toBeUndefined();
  });
});

describe('Mermaid parses what is drawn', () => {
  test('every example app\'s topology.md in dist/, the charts above, and not a broken one', () => {
    const files = fs.readdirSync(path.join(REPO, 'dist')).map((app) => path.join(REPO, 'dist', app, 'topology.md')).filter((f) => fs.existsSync(f));
    expect(files.length).toBeGreaterThanOrEqual(9);
    const charts = files.map((f) => /```mermaid\n([\s\S]*?)```/.exec(fs.readFileSync(f, 'utf-8'))![1]);
    charts.push(topologyOf(BROKER_APP), ...HOSTILE);
    expect(HOSTILE).toHaveLength(4);
    // The last one is broken on purpose: the check can fail.
    const results = parseMermaid([...charts, 'flowchart LR\n  a["x"] -->|"y"| \n']);
    expect(results.slice(0, -1)).toEqual(charts.map(() => null));
    expect(results[results.length - 1]).toMatch(/Parse error/);
  });
});

describe('synth and the command', () => {
  test('AgentApp writes topology.md beside the kustomization, and not without it unless asked', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'topology-'));
    try {
      const app = new AgentApp({ outdir: path.join(dir, 'gitops'), kustomization: true });
      new AgentKnativeService(new Chart(app, 'agents', { namespace: 'agents' }), 'triage', { image: 'ghcr.io/acme/triage:1.0.0' });
      app.synth();
      expect(fs.readFileSync(path.join(dir, 'gitops', 'topology.md'), 'utf-8')).toContain('service_agents_triage["triage<br/><small>Knative Service</small>"]');
      expect(fs.readFileSync(path.join(dir, 'gitops', 'kustomization.yaml'), 'utf-8')).not.toContain('topology');
      const plain = new AgentApp({ outdir: path.join(dir, 'plain') });
      new AgentKnativeService(new Chart(plain, 'agents'), 'triage', { image: 'ghcr.io/acme/triage:1.0.0' });
      plain.synth();
      expect(fs.existsSync(path.join(dir, 'plain', 'topology.md'))).toBe(false);
      const asked = new AgentApp({ outdir: path.join(dir, 'asked'), topology: true });
      new AgentKnativeService(new Chart(asked, 'agents'), 'triage', { image: 'ghcr.io/acme/triage:1.0.0' });
      asked.synth();
      expect(fs.existsSync(path.join(dir, 'asked', 'topology.md'))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('cdk8s-agents topology draws hand-written YAML', () => {
    const out: string[] = [];
    const code = main(['topology', '--mermaid', 'dist/pipeline'], { stdout: (s) => out.push(s), stderr: (s) => out.push(s), cwd: REPO });
    expect(code).toBe(0);
    expect(out.join('')).toContain('sequence_research_research_pipeline -->|"step 1"| service_research_web_search');
    const bad: string[] = [];
    expect(main(['topology'], { stdout: () => undefined, stderr: (s) => bad.push(s), cwd: REPO })).toBe(2);
    expect(bad.join('')).toContain('no files or directories to draw');
  });
});
