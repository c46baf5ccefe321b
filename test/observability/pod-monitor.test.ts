import { Duration } from 'cdk8s';
import { AgentMonitor, EgressPolicy, IngressLockdown } from '../../lib';
import { synthErrors } from '../support/rule-cases';
import { ksvc, metricsOn, worker } from './fixtures';
import { ofKind, synth } from './support';

describe('AgentMonitor', () => {
  test('a Knative agent: a PodMonitor of its queue-proxy, labelled as Knative labels its control-plane series', () => {
    const [monitor] = ofKind(synth((c) => { metricsOn(c); new AgentMonitor(c, 'triage-metrics', { agent: ksvc(c) }); }), 'PodMonitor');
    expect(monitor).toMatchSnapshot();
    expect(monitor.spec.podMetricsEndpoints[0]).toMatchObject({ port: 'http-usermetric', path: '/metrics', interval: '30s' });
    expect(monitor.spec.podMetricsEndpoints[0].relabelings.map((r: any) => r.targetLabel)).toEqual(['k8s_namespace_name', 'kn_service_name', 'kn_configuration_name', 'kn_revision_name']);
    expect(monitor.spec.selector).toEqual({ matchLabels: { 'serving.knative.dev/service': 'triage' } });
  });

  test('a worker: its own port, path and interval in Prometheus form', () => {
    const [monitor] = ofKind(synth((c) => { new AgentMonitor(c, 'm', { agent: worker(c), interval: Duration.seconds(90), path: '/stats', labels: { release: 'prom' } }); }), 'PodMonitor');
    expect(monitor.metadata).toEqual({ name: 'm', namespace: 'agents', labels: { release: 'prom' } });
    expect(monitor.spec.podMetricsEndpoints).toEqual([{ portNumber: 9000, path: '/stats', interval: '1m30s' }]);
    expect(monitor.spec.selector.matchLabels['app.kubernetes.io/name']).toBe('worker');
  });

  test('the port prop wins over the worker\'s', () => {
    const [monitor] = ofKind(synth((c) => { new AgentMonitor(c, 'm', { agent: worker(c), port: 9100 }); }), 'PodMonitor');
    expect(monitor.spec.podMetricsEndpoints[0].portNumber).toBe(9100);
  });

  test('warns, naming the setting, when config-observability exports no request metrics (OBS-MON-001)', () => {
    const lines = synthErrors((c) => { new AgentMonitor(c, 'm', { agent: ksvc(c) }); });
    expect(lines).toEqual([expect.stringMatching(/^warning \[OBS-MON-001\] test\/m: agent \(spec\.podMetricsEndpoints\[0\]\.port\) = "http-usermetric": request-metrics-protocol is "none"/)]);
  });

  test('fails, naming the port prop, for a worker without a port (OBS-MON-002)', () => {
    const lines = synthErrors((c) => { new AgentMonitor(c, 'm', { agent: worker(c, 'none') }); });
    expect(lines).toEqual([expect.stringMatching(/^error \[OBS-MON-002\] test\/m: port \(spec\.podMetricsEndpoints\[0\]\.port\) = \(unset\)/)]);
  });

  test('the ingress lockdown admits Prometheus of the monitoring namespace to the scraped ports, and only those', () => {
    const objects = synth((c) => {
      metricsOn(c, { network: { monitoringNamespace: 'observability' } });
      const a = ksvc(c); const w = worker(c); const quiet = ksvc(c, 'quiet');
      new EgressPolicy(c, 'egress', { agents: [a, w], allow: [], ingress: IngressLockdown.KNATIVE });
      new EgressPolicy(c, 'quiet-egress', { agents: [quiet], allow: [], ingress: IngressLockdown.KNATIVE });
      new AgentMonitor(c, 'a', { agent: a }); new AgentMonitor(c, 'w', { agent: w });
    });
    const ingress = (name: string) => ofKind(objects, 'NetworkPolicy').find((p) => p.metadata.name === name).spec.ingress;
    const scraper = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } };
    expect(ingress('egress-ingress')).toContainEqual({ from: [scraper], ports: [{ protocol: 'TCP', port: 9091 }] });
    expect(ingress('egress-worker-ingress')).toEqual([{ from: [scraper], ports: [{ protocol: 'TCP', port: 9000 }] }]);
    expect(JSON.stringify(ingress('quiet-egress-ingress'))).not.toContain('observability');
  });

  test('an unmonitored worker under the lockdown still accepts no ingress', () => {
    const [policy] = ofKind(synth((c) => { new EgressPolicy(c, 'egress', { agents: [worker(c)], allow: [], ingress: IngressLockdown.KNATIVE }); }), 'NetworkPolicy').filter((p) => p.metadata.name.endsWith('-ingress'));
    expect(policy.spec.ingress).toBeUndefined();
  });
});
