import { AgentTelemetry, Egress, EgressPolicy, EgressPort, FeatureState, OtlpProtocol } from '../../lib';
import { synthErrors } from '../support/rule-cases';
import { ksvc, metricsOn, worker } from './fixtures';
import { ofKind, synth } from './support';

const ENDPOINT = 'http://otel-collector.observability:4318';
const envOf = (o: any) => o.spec.template.spec.containers[0].env;

describe('AgentTelemetry', () => {
  test('the SDK variables of a Knative agent: endpoint, protocol, service name, resource attributes from synth', () => {
    const objects = synth((c) => { new AgentTelemetry(c, 'otel', { agents: [ksvc(c)], endpoint: ENDPOINT, resourceAttributes: { 'deployment.environment.name': 'prod', team: 'a,b' } }); });
    expect(envOf(ofKind(objects, 'Service')[0])).toEqual([
      { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: ENDPOINT },
      { name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: 'http/protobuf' },
      { name: 'OTEL_SERVICE_NAME', value: 'triage' },
      { name: 'OTEL_RESOURCE_ATTRIBUTES', value: 'k8s.namespace.name=agents,kn.service.name=triage,deployment.environment.name=prod,team=a%2Cb' },
    ]);
  });

  test('downwardApi: namespace, pod and revision from fieldRefs, defined before the attributes that refer to them', () => {
    const objects = synth((c) => {
      metricsOn(c, { features: { podspecFieldRef: FeatureState.ENABLED } });
      new AgentTelemetry(c, 'otel', { agents: [ksvc(c)], endpoint: ENDPOINT, protocol: OtlpProtocol.GRPC, downwardApi: true });
    });
    const env = envOf(ofKind(objects, 'Service')[0]);
    expect(env.map((e: any) => e.name)).toEqual(['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_PROTOCOL', 'OTEL_SERVICE_NAME', 'OTEL_K8S_NAMESPACE', 'OTEL_K8S_POD_NAME', 'OTEL_KN_REVISION', 'OTEL_RESOURCE_ATTRIBUTES']);
    expect(env[5].valueFrom).toEqual({ fieldRef: { fieldPath: "metadata.labels['serving.knative.dev/revision']" } });
    expect(env[6].value).toBe('k8s.namespace.name=$(OTEL_K8S_NAMESPACE),k8s.pod.name=$(OTEL_K8S_POD_NAME),kn.service.name=triage,kn.revision.name=$(OTEL_KN_REVISION)');
    expect(env[1].value).toBe('grpc');
  });

  test('downwardApi on a Knative agent needs kubernetes.podspec-fieldref (KSVC-POD-001)', () => {
    const lines = synthErrors((c) => { new AgentTelemetry(c, 'otel', { agents: [ksvc(c, 'agent')], endpoint: ENDPOINT, downwardApi: true }); });
    expect(new Set(lines.map((l) => l.slice(0, 22)))).toEqual(new Set(['error [KSVC-POD-001] t']));
  });

  test('a worker gets the same variables, without Knative attributes', () => {
    const objects = synth((c) => { new AgentTelemetry(c, 'otel', { agents: [worker(c)], endpoint: ENDPOINT }); });
    const env = envOf(ofKind(objects, 'Deployment')[0]);
    expect(env.find((e: any) => e.name === 'OTEL_RESOURCE_ATTRIBUTES').value).toBe('k8s.namespace.name=agents');
  });

  test('the agents\' EgressPolicies allow the collector, whichever is created first', () => {
    const objects = synth((c) => {
      const a = ksvc(c);
      new AgentTelemetry(c, 'otel', { agents: [a], endpoint: ENDPOINT });
      new EgressPolicy(c, 'egress', { agents: [a], allow: [] });
      const w = worker(c);
      new EgressPolicy(c, 'worker-egress', { agents: [w], allow: [Egress.namespace('observability', { ports: [EgressPort.tcp(4318)] })] });
      new AgentTelemetry(c, 'otel-w', { agents: [w], endpoint: 'https://collector.example.com', collector: Egress.cidr('203.0.113.10/32', { ports: [EgressPort.tcp(443)] }) });
    });
    const egress = (name: string) => ofKind(objects, 'NetworkPolicy').find((p) => p.metadata.name === name).spec.egress;
    expect(egress('egress')).toContainEqual({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } } }], ports: [{ protocol: 'TCP', port: 4318 }] });
    expect(egress('worker-egress')).toContainEqual({ to: [{ ipBlock: { cidr: '203.0.113.10/32' } }], ports: [{ protocol: 'TCP', port: 443 }] });
    expect(egress('worker-egress')).toHaveLength(3);
  });

  test('an endpoint outside the cluster without `collector` adds no egress', () => {
    const t = synth((c) => { const a = ksvc(c); new EgressPolicy(c, 'egress', { agents: [a], allow: [] }); new AgentTelemetry(c, 'otel', { agents: [a], endpoint: 'https://otlp.example.com' }); });
    expect(ofKind(t, 'NetworkPolicy')[0].spec.egress).toHaveLength(1);
  });

  test('fails if the endpoint is not an http(s) URL', () => {
    expect(synthErrors((c) => { new AgentTelemetry(c, 'agent', { agents: [ksvc(c, 'a')], endpoint: 'otel-collector:4317' }); }))
      .toEqual([expect.stringMatching(/^error \[PROPS-001\] test\/agent: endpoint = "otel-collector:4317": not an http:\/\/ or https:\/\/ URL/)]);
  });
});
