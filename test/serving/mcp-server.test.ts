import { Chart, Duration, Testing } from 'cdk8s';
import { AgentKnativeService, AgentWorker, AppValidation, EgressPolicy, Invocation, McpServer, ScaleTrigger } from '../../lib';
import { profile } from '../settings/fixtures';
import { synthErrors, synthObjects } from '../support/rule-cases';

const MCP_IMAGE = 'ghcr.io/acme/github-mcp:2.1.0';

const synth = synthObjects;

const services = (objects: any[]) => objects.filter((o) => o.kind === 'Service' && o.apiVersion === 'serving.knative.dev/v1');
const byName = (objects: any[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

describe('McpServer', () => {
  test('defaults: a stateful server on one pod, stream timeouts, declared sessions (snapshot)', () => {
    const objects = synth((c) => new McpServer(c, 'github-mcp', { image: MCP_IMAGE }));
    expect(objects).toMatchSnapshot();
    const [svc] = services(objects);
    expect(svc.metadata.name).toBe('github-mcp');
    expect(svc.metadata.annotations).toEqual({ 'agents.cdk8s.io/mcp-sessions': 'stateful' });
    expect(svc.spec.template.metadata.annotations).toMatchObject({ 'autoscaling.knative.dev/min-scale': '1', 'autoscaling.knative.dev/max-scale': '1' });
    expect(svc.spec.template.spec).toMatchObject({ timeoutSeconds: 600, responseStartTimeoutSeconds: 120, idleTimeoutSeconds: 120 });
    expect(svc.spec.template.spec.containerConcurrency).toBeUndefined();
  });

  test('a stateless server keeps Knative\'s scaling (scale to zero) and takes its scaling props', () => {
    const [svc] = services(synth((c) => new McpServer(c, 'github-mcp', { image: MCP_IMAGE, stateless: true, scaling: { maxScale: 5 } })));
    expect(svc.metadata.annotations).toEqual({ 'agents.cdk8s.io/mcp-sessions': 'stateless' });
    expect(svc.spec.template.metadata.annotations).toEqual({ 'autoscaling.knative.dev/max-scale': '5' });
  });

  test('the stream lasts as long as the cluster lets a request last (max-revision-timeout-seconds)', () => {
    const [svc] = services(synth((c) => {
      profile(c, { maxRevisionTimeout: Duration.seconds(3600) });
      new McpServer(c, 'github-mcp', { image: MCP_IMAGE });
    }));
    expect(svc.spec.template.spec.timeoutSeconds).toBe(3600);
  });

  test('an invocation, a timeout prop or user annotations pass through to the Service', () => {
    const [a, b] = services(synth((c) => {
      new McpServer(c, 'a', { image: MCP_IMAGE, invocation: Invocation.stream({ idle: Duration.seconds(30), maxDuration: Duration.seconds(300) }), annotations: { team: 'platform' } });
      new McpServer(c, 'b', { image: MCP_IMAGE, timeout: Duration.seconds(60) });
    }));
    expect(a.metadata.annotations).toEqual({ 'team': 'platform', 'agents.cdk8s.io/mcp-sessions': 'stateful' });
    expect(a.spec.template.spec).toMatchObject({ timeoutSeconds: 300, responseStartTimeoutSeconds: 60, idleTimeoutSeconds: 30 });
    expect(b.spec.template.spec.timeoutSeconds).toBe(60);
    expect(b.spec.template.spec.idleTimeoutSeconds).toBeUndefined();
  });

  test('url is the cluster-local address with the endpoint path', () => {
    synth((c) => {
      expect(new McpServer(c, 'github-mcp', { image: MCP_IMAGE }).url).toBe('http://github-mcp.agents.svc.cluster.local/mcp');
      expect(new McpServer(c, 'jira', { image: MCP_IMAGE, path: '/v1/mcp' }).url).toBe('http://jira.agents.svc.cluster.local/v1/mcp');
    });
  });

  test('grantUse / useTool give the agent the URL and, under an EgressPolicy, egress through Knative', () => {
    const objects = synth((c) => {
      const mcp = new McpServer(c, 'github-mcp', { image: MCP_IMAGE, stateless: true });
      const triage = new AgentKnativeService(c, 'triage', { image: 'ghcr.io/acme/triage:1.4.2' });
      const worker = new AgentWorker(c, 'worker', { image: 'ghcr.io/acme/worker:1.0.0', triggers: [ScaleTrigger.cron({ timezone: 'UTC', start: '0 8 * * *', end: '0 18 * * *', desiredReplicas: 1 })] });
      new EgressPolicy(c, 'triage-egress', { agents: [triage], allow: [] });
      triage.useTool(mcp);
      mcp.grantUse(triage); // twice: no effect
      mcp.grantUse(worker, { envVar: 'GITHUB_TOOLS' });
    });
    const triage = byName(objects, 'Service', 'triage');
    expect(triage.spec.template.spec.containers[0].env).toEqual([{ name: 'MCP_GITHUB_MCP_URL', value: 'http://github-mcp.agents.svc.cluster.local/mcp' }]);
    const worker = byName(objects, 'Deployment', 'worker');
    expect(worker.spec.template.spec.containers[0].env).toEqual([{ name: 'GITHUB_TOOLS', value: 'http://github-mcp.agents.svc.cluster.local/mcp' }]);
    const policy = byName(objects, 'NetworkPolicy', 'triage-egress');
    expect(policy.spec.egress).toHaveLength(2);
    expect(policy.spec.egress[1]).toEqual({
      to: [
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' } } },
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'knative-serving' } }, podSelector: { matchLabels: { app: 'activator' } } },
      ],
    });
  });

  test('the grant reaches a policy made after it, and a workload no policy selects gets no policy', () => {
    const objects = synth((c) => {
      const mcp = new McpServer(c, 'github-mcp', { image: MCP_IMAGE, stateless: true });
      const triage = new AgentKnativeService(c, 'triage', { image: 'ghcr.io/acme/triage:1.4.2' });
      triage.useTool(mcp);
      new EgressPolicy(c, 'triage-egress', { agents: [triage], allow: [] });
    });
    expect(byName(objects, 'NetworkPolicy', 'triage-egress').spec.egress).toHaveLength(2);
    expect(objects.filter((o) => o.kind === 'NetworkPolicy')).toHaveLength(1);
  });

  test('fails if a stateful server is scaled out or to zero (MCP-002)', () => {
    const errors = synthErrors((c) => new McpServer(c, 'agent', { image: MCP_IMAGE, scaling: { minScale: 0, maxScale: 3 } }));
    expect(errors).toEqual([
      expect.stringMatching(/^error \[MCP-002\] test\/agent\/Service: scaling\.minScale .*= "0"/),
      expect.stringMatching(/^error \[MCP-002\] test\/agent\/Service: scaling\.maxScale .*= "3"/),
    ]);
  });

  test('fails if a path does not start with `/`, or grantUse / useTool get no agent or tool (hostile input)', () => {
    const errors = synthErrors((c) => {
      const mcp = new McpServer(c, 'agent', { image: MCP_IMAGE, path: 'mcp' });
      mcp.grantUse(null as never);
      mcp.grantUse({ name: 'x' } as never);
      mcp.grantUse(new AgentKnativeService(c, 'triage', { image: 'ghcr.io/acme/triage:1.4.2' }), { envVar: 42 } as never);
      new AgentKnativeService(c, 'other', { image: 'ghcr.io/acme/triage:1.4.2' }).useTool('github' as never);
    });
    expect(errors.join('\n')).toMatch(/PROPS-001\] test\/agent: path = "mcp"/);
    expect(errors.join('\n')).toMatch(/PROPS-001\] test\/agent: grantUse\(agent\)/);
    expect(errors.join('\n')).toMatch(/PROPS-001\] test\/agent: grantUse\(options\.envVar\) = 42/);
    expect(errors.join('\n')).toMatch(/PROPS-001\] test\/other: useTool\(tool\) = "github"/);
    expect(errors.filter((l) => l.includes('grantUse(agent)'))).toHaveLength(2);
  });

  test('fails if the Service props are wrong: the Service reports them, once', () => {
    const errors = synthErrors((c) => new McpServer(c, 'agent', { image: MCP_IMAGE, port: '8080' as never, stateless: 'yes' as never }));
    expect(errors.sort()).toEqual([
      expect.stringMatching(/^error \[PROPS-001\] test\/agent\/Service: port = "8080"/),
      expect.stringMatching(/^error \[PROPS-001\] test\/agent: stateless = "yes"/),
    ]);
  });
});

describe('McpServer escape hatch', () => {
  test('addOverride reaches the Service\'s YAML and its validation', () => {
    const errors = synthErrors((c) => new McpServer(c, 'agent', { image: MCP_IMAGE, containerConcurrency: 4 }).addOverride('spec.template.spec.containerConcurrency', 0));
    expect(errors).toEqual([]);
    const [svc] = services(synth((c) => new McpServer(c, 'agent', { image: MCP_IMAGE }).addOverride('metadata.labels.team', 'tools')));
    expect(svc.metadata.labels).toEqual({ 'networking.knative.dev/visibility': 'cluster-local', 'team': 'tools' });
  });

  test('acknowledge silences a warning on the Service', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    const printed: string[] = [];
    AppValidation.of(app).reporter = (l) => printed.push(l);
    new McpServer(chart, 'agent', { image: MCP_IMAGE, containerConcurrency: 4 }).acknowledge('MCP-003', 'clients open no event stream');
    Testing.synth(chart);
    expect(printed.join('\n')).toMatch(/acknowledged \[MCP-003\] test\/agent\/Service: clients open no event stream/);
  });
});
