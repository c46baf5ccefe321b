import { Chart } from 'cdk8s';
import { AgentKnativeService, EgressPolicy, PolicyEngine, ScaleTrigger, TemporalWorker } from '../../lib';
import { synthErrors, synthObjects } from '../support/rule-cases';

const FRONTEND = 'temporal-frontend.temporal.svc.cluster.local:7233';

const synth = synthObjects;

const byKind = (objects: any[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const knativePeers = [
  { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' } } },
  { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'knative-serving' } }, podSelector: { matchLabels: { app: 'activator' } } },
];

/** Seed 001: a Temporal worker on KEDA whose activities call two Knative agents, its egress locked down. */
function hybrid(c: Chart, engine?: PolicyEngine, endpoint = FRONTEND): TemporalWorker {
  const research = new AgentKnativeService(c, 'research', { image: 'ghcr.io/acme/research:1.0.0' });
  const writer = new AgentKnativeService(c, 'writer', { image: 'ghcr.io/acme/writer:1.0.0' });
  const worker = new TemporalWorker(c, 'report-worker', { image: 'ghcr.io/acme/report-worker:1.0.0', maxReplicas: 5, temporal: { endpoint, taskQueue: 'reports', namespace: 'research' } });
  worker.calls(research).calls(writer).calls(writer);
  new EgressPolicy(c, 'report-worker-egress', { agents: [worker], allow: [], engine });
  return worker;
}

describe('TemporalWorker', () => {
  test('a worker scaled on its task queue, calling two Knative agents (snapshot)', () => {
    const objects = synth((c) => hybrid(c));
    expect(objects).toMatchSnapshot();
    const so = byKind(objects, 'ScaledObject', 'report-worker');
    expect(so.spec.triggers).toEqual([{ type: 'temporal', metadata: { endpoint: FRONTEND, taskQueue: 'reports', namespace: 'research' } }]);
    expect(so.spec.minReplicaCount).toBe(0);
    const env = byKind(objects, 'Deployment', 'report-worker').spec.template.spec.containers[0].env;
    expect(env).toEqual([
      { name: 'TEMPORAL_ADDRESS', value: FRONTEND },
      { name: 'TEMPORAL_NAMESPACE', value: 'research' },
      { name: 'TEMPORAL_TASK_QUEUE', value: 'reports' },
      { name: 'RESEARCH_URL', value: 'http://research.agents.svc.cluster.local' },
      { name: 'WRITER_URL', value: 'http://writer.agents.svc.cluster.local' },
    ]);
  });

  test('the worker\'s egress: DNS, the Temporal frontend on its port, each agent through Knative\'s gateways and activator', () => {
    const policy = byKind(synth((c) => hybrid(c)), 'NetworkPolicy', 'report-worker-egress');
    expect(policy.spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/component': 'worker', 'app.kubernetes.io/managed-by': 'cdk8s-agents', 'app.kubernetes.io/name': 'report-worker' } });
    expect(policy.spec.egress.slice(1)).toEqual([
      { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'temporal' } } }], ports: [{ protocol: 'TCP', port: 7233 }] },
      { to: knativePeers }, // research
      { to: knativePeers }, // writer (called twice: granted once)
    ]);
  });

  test('with Cilium, Temporal Cloud is allowed by name', () => {
    const policy = byKind(synth((c) => hybrid(c, PolicyEngine.CILIUM, 'research.a1b2c.tmprl.cloud:7233')), 'CiliumNetworkPolicy', 'report-worker-egress');
    expect(policy.spec.egress[1]).toEqual({ toFQDNs: [{ matchName: 'research.a1b2c.tmprl.cloud' }], toPorts: [{ ports: [{ port: '7233', protocol: 'TCP' }] }] });
  });

  test('a short Service name is in the worker\'s namespace; an IPv4 address is that address', () => {
    const a = byKind(synth((c) => hybrid(c, undefined, 'temporal-frontend:7233')), 'NetworkPolicy', 'report-worker-egress');
    expect(a.spec.egress[1].to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'agents' } } }]);
    const b = byKind(synth((c) => hybrid(c, undefined, '10.0.4.20:7233')), 'NetworkPolicy', 'report-worker-egress');
    expect(b.spec.egress[1].to).toEqual([{ ipBlock: { cidr: '10.0.4.20/32' } }]);
  });

  test('the policy may select the inner AgentWorker too; more triggers follow the task queue\'s', () => {
    const objects = synth((c) => {
      const writer = new AgentKnativeService(c, 'writer', { image: 'ghcr.io/acme/writer:1.0.0' });
      const w = new TemporalWorker(c, 'w', {
        image: 'ghcr.io/acme/report-worker:1.0.0', temporal: { endpoint: FRONTEND, taskQueue: 'reports' },
        triggers: [ScaleTrigger.cpu({ utilization: 80 })],
      }).calls(writer, { envVar: 'WRITER' });
      new EgressPolicy(c, 'p', { agents: [w.worker], allow: [] });
    });
    expect(byKind(objects, 'NetworkPolicy', 'p').spec.egress).toHaveLength(3);
    expect(byKind(objects, 'ScaledObject', 'w').spec.triggers.map((t: any) => t.type)).toEqual(['temporal', 'cpu']);
    expect(byKind(objects, 'Deployment', 'w').spec.template.spec.containers[0].env).toContainEqual({ name: 'WRITER', value: 'http://writer.agents.svc.cluster.local' });
  });

  test('fails if the Temporal frontend is a host name and the policy engine is not Cilium (NET-EGRESS-003)', () => {
    const errors = synthErrors((c) => hybrid(c, undefined, 'research.a1b2c.tmprl.cloud:7233'));
    expect(errors).toEqual([expect.stringMatching(/^error \[NET-EGRESS-003\] test\/report-worker-egress: agents \(report-worker: TemporalWorker test\/report-worker: the Temporal frontend\)/)]);
  });

  test('fails if the props or calls are wrong (hostile input)', () => {
    const errors = synthErrors((c) => {
      const w = new TemporalWorker(c, 'agent', { image: 'ghcr.io/acme/report-worker:1.0.0', temporal: { endpoint: FRONTEND, taskQueue: 'reports' } });
      w.calls(undefined as never);
      w.calls({ name: 'x', podSelector: {} } as never);
      w.calls(new AgentKnativeService(c, 'writer', { image: 'ghcr.io/acme/writer:1.0.0' }), { envVar: '' });
      new TemporalWorker(c, 'b', { image: 'ghcr.io/acme/report-worker:1.0.0', temporal: 'temporal:7233' as never });
      new TemporalWorker(c, 'c', { image: 'ghcr.io/acme/report-worker:1.0.0', temporal: { endpoint: 7233, taskQueue: 'reports' } as never });
    });
    const text = errors.join('\n');
    expect(text).toMatch(/PROPS-001\] test\/agent: calls\(agent\) = \(unset\)/);
    expect(text).toMatch(/PROPS-001\] test\/agent: calls\(agent\) = \{/);
    expect(text).toMatch(/PROPS-001\] test\/agent: calls\(options\.envVar\) = ""/);
    expect(text).toMatch(/PROPS-001\] test\/b: temporal = "temporal:7233"/);
    expect(text).toMatch(/PROPS-001\] test\/c: temporal\.endpoint = 7233/);
    // The worker then has no trigger, which KEDA would refuse too.
    expect(text).toMatch(/KEDA-TRIGGER-013\] test\/c\/Worker/);
    expect(text).not.toMatch(/test\/c\/Worker \(Deployment\/c\): triggers\[0\]/);
  });
});
