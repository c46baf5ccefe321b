// AgentDeployment (lib/deployments/agent-deployment.ts): an always-on agent,
// its Deployment, Service and optional HPA, and what other constructs do
// with it (EgressPolicy, eventing sinks, AgentIngress).
import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AgentDeployment, AgentSecrets, AppValidation, Broker, ClusterProfile, Egress, EgressPolicy, IAgentWorkload, ISink, PingTrigger,
} from '../../lib';
import { synthErrors } from '../support/rule-cases';
import { api, IMAGE } from './fixtures';

function chart(): Chart {
  const app = Testing.app();
  AppValidation.of(app).reporter = () => undefined;
  return new Chart(app, 'test', { namespace: 'agents' });
}

const byKind = (objects: any[], kind: string) => objects.filter((o) => o.kind === kind);

describe('AgentDeployment', () => {
  test('defaults: one replica, a ClusterIP Service on port 80 to the named container port, no HPA', () => {
    const c = chart();
    new AgentDeployment(c, 'api', { image: IMAGE });
    const out = Testing.synth(c);
    expect(out).toMatchSnapshot();
    const [deployment] = byKind(out, 'Deployment');
    const [service] = byKind(out, 'Service');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080, name: 'http' }]);
    expect(service.spec).toEqual({
      type: 'ClusterIP', selector: deployment.spec.selector.matchLabels, ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'http' }],
    });
    expect(byKind(out, 'HorizontalPodAutoscaler')).toEqual([]);
  });

  test('the pod is hardened as every agent: PSS restricted, read-only root, no token, seed 002\'s uid/gid 1001 when asked', () => {
    const c = chart();
    api(c, { security: { runAsUser: 1001, runAsGroup: 1001 } });
    const pod = byKind(Testing.synth(c), 'Deployment')[0].spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 1001, runAsGroup: 1001, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }]);
  });

  test('the same container props, secrets and probes as the other agents; probes use the agent\'s port', () => {
    const c = chart();
    const secrets = AgentSecrets.fromSecretName(c, 'secrets', 'ai-agents-secrets', { JWT_SECRET: 'JWT_SECRET' });
    api(c, { secrets: [secrets], env: { LOG_LEVEL: 'info' }, readinessProbe: kplus.Probe.fromHttpGet('/ready'), livenessProbe: kplus.Probe.fromHttpGet('/health') });
    const ctr = byKind(Testing.synth(c), 'Deployment')[0].spec.template.spec.containers[0];
    expect(ctr.env).toEqual([{ name: 'LOG_LEVEL', value: 'info' }, { name: 'JWT_SECRET', valueFrom: { secretKeyRef: { name: 'ai-agents-secrets', key: 'JWT_SECRET' } } }]);
    expect(ctr.readinessProbe.httpGet).toEqual({ path: '/ready', port: 3001, scheme: 'HTTP' });
    expect(ctr.livenessProbe.httpGet).toEqual({ path: '/health', port: 3001, scheme: 'HTTP' });
  });

  test('autoscaling: an autoscaling/v2 HPA on cpu 80 % by default, and the Deployment leaves replicas to it', () => {
    const c = chart();
    const a = api(c, { autoscaling: { maxReplicas: 6 } });
    const out = Testing.synth(c);
    expect(byKind(out, 'Deployment')[0].spec.replicas).toBeUndefined();
    expect(byKind(out, 'HorizontalPodAutoscaler')).toEqual([{
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: 'agents' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, minReplicas: 1, maxReplicas: 6,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
      },
    }]);
    expect(a.autoscaler).toBeDefined();
  });

  test('autoscaling on memory only has no cpu metric; both give two', () => {
    const memory = chart();
    api(memory, { autoscaling: { minReplicas: 2, maxReplicas: 4, memoryUtilization: 75 } });
    expect(byKind(Testing.synth(memory), 'HorizontalPodAutoscaler')[0].spec.metrics.map((m: any) => m.resource.name)).toEqual(['memory']);
    const both = chart();
    api(both, { autoscaling: { maxReplicas: 4, cpuUtilization: 60, memoryUtilization: 75 } });
    expect(byKind(Testing.synth(both), 'HorizontalPodAutoscaler')[0].spec.metrics.map((m: any) => [m.resource.name, m.resource.target.averageUtilization])).toEqual([['cpu', 60], ['memory', 75]]);
  });

  test('needs no KEDA trigger: an operator loop at fixed replicas renders no ScaledObject', () => {
    const c = chart();
    api(c, { name: 'processor', replicas: 1 });
    expect(Testing.synth(c).map((o) => o.kind)).toEqual(['Deployment', 'Service']);
  });

  test('url is the Service\'s cluster-local URL, with the port when it is not 80; the ClusterProfile\'s cluster domain applies', () => {
    const c = chart();
    new ClusterProfile(c.node.root as any, 'cluster', { clusterDomain: 'cluster.example' });
    expect(api(c).url).toBe('http://api.agents.svc.cluster.example');
    expect(api(c, { servicePort: 3001 }, 'other').url).toBe('http://other.agents.svc.cluster.example:3001');
  });

  test('is an IAgentWorkload: an EgressPolicy selects its pods, and another agent\'s egress can reach it', () => {
    const c = chart();
    const a: IAgentWorkload = api(c);
    const ui = api(c, {}, 'app');
    expect(a).toMatchObject({ name: 'api', namespace: 'agents', servedByKnative: false });
    new EgressPolicy(c, 'app-egress', { agents: [ui], allow: [Egress.agent(a)] });
    const [policy] = byKind(Testing.synth(c), 'NetworkPolicy');
    expect(policy.spec.podSelector.matchLabels).toEqual(ui.podSelector);
    expect(policy.spec.egress[1].to).toEqual([{ podSelector: { matchLabels: a.podSelector }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'agents' } } }]);
  });

  test('is an ISink: a Trigger and a PingSource address its Service', () => {
    const c = chart();
    const sink: ISink = api(c);
    new Broker(c, 'events').addTrigger('to-api', { subscriber: sink });
    new PingTrigger(c, 'nightly', { schedule: '0 2 * * *', sink });
    const out = Testing.synth(c);
    const ref = { apiVersion: 'v1', kind: 'Service', name: 'api', namespace: 'agents' };
    expect(byKind(out, 'Trigger')[0].spec.subscriber).toEqual({ ref });
    expect(byKind(out, 'PingSource')[0].spec.sink).toEqual({ ref });
  });

  test('a pod-spec finding names the container prop and the Deployment', () => {
    expect(synthErrors((c) => api(c, { env: { '1BAD': 'x' } }))).toEqual([
      expect.stringMatching(/^error \[POD-ENV-002\] test\/api \(Deployment\/api\): env\.1BAD \(spec\.template\.spec\.containers\[0\]\.env\[0\]\.name\) = "1BAD"/),
    ]);
  });

  test('fails if the props are wrong from plain JavaScript: every one named, nothing thrown', () => {
    const errors = synthErrors((c) => new AgentDeployment(c, 'api', { image: IMAGE, replicas: '2', port: 70000, autoscaling: { minReplicas: 1 } } as any));
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringContaining('[PROPS-001] test/api (Deployment/api): replicas = "2": expected a number'),
      expect.stringContaining('[PROPS-001] test/api (Deployment/api): port = 70000: expected a whole number in [1, 65535]'),
      expect.stringContaining('[PROPS-001] test/api (Deployment/api): autoscaling.maxReplicas = (unset)'),
    ]));
  });

  test('fails if terminationGracePeriod is not whole seconds', () => {
    expect(synthErrors((c) => api(c, { terminationGracePeriod: Duration.millis(1500) }))).toEqual([expect.stringContaining('terminationGracePeriod = "1500ms"')]);
  });

  test('a volume at /tmp collides with the built-in writable /tmp', () => {
    expect(synthErrors((c) => api(c, { volumes: [{ path: '/tmp', volume: kplus.Volume.fromEmptyDir(c, 'scratch', 'scratch', { sizeLimit: Size.gibibytes(1) }) }] }))).toEqual([
      expect.stringContaining('the built-in writable /tmp is already mounted there'),
    ]);
  });

  test('synthesizes deterministically', () => {
    const build = () => {
      const c = chart();
      api(c, { autoscaling: { maxReplicas: 3 }, env: { B: '2', A: '1' } });
      return JSON.stringify(Testing.synth(c));
    };
    expect(build()).toBe(build());
  });
});
