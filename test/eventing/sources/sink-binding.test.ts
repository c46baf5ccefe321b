import { Chart, Testing } from 'cdk8s';
import {
  AgentCronJob, AgentDeployment, AgentJob, AgentWorker, AppValidation, Broker, BrokerClass, BrokerConfig, Egress, EgressPolicy, EventPolicy, IAgentWorkload,
  PolicyEngine, ScaleTrigger, Sink, SinkBinding,
} from '../../../lib';
import { topologyOf } from '../../../lib/topology';
import { manifestErrors, synthErrors } from '../../support/rule-cases';
import { agent, IMAGE, OIDC, profile } from '../fixtures';

function chart(): Chart {
  const app = Testing.app();
  AppValidation.of(app).reporter = () => undefined;
  return new Chart(app, 'test', { namespace: 'agents' });
}

describe('agent.publishTo(broker)', () => {
  // GIVEN an agent that publishes to a Broker of the app
  const c = chart();
  const broker = new Broker(c, 'events');
  const triage = agent(c, 'triage');
  const binding = triage.publishTo(broker);
  const objects = Testing.synth(c);
  const rendered = objects.find((o) => o.kind === 'SinkBinding');

  test('snapshot of the defaults', () => {
    expect(rendered).toMatchSnapshot();
  });

  test('binds the Knative Service by name, in its namespace, to the Broker', () => {
    expect(rendered.metadata).toEqual({ name: 'triage-publishes', namespace: 'agents' });
    expect(rendered.spec.subject).toEqual({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'triage', namespace: 'agents' });
    expect(rendered.spec.sink).toEqual({ ref: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name: 'events', namespace: 'agents' } });
    expect(binding.node.path).toBe('test/triage/PublishesTo');
  });

  test('the binding is a sender of the Broker, of unknown event types', () => {
    expect(broker.senders).toEqual([expect.objectContaining({ ref: { apiVersion: 'sources.knative.dev/v1', kind: 'SinkBinding', name: 'triage-publishes', namespace: 'agents' }, eventTypes: undefined })]);
  });
});

describe('SinkBinding', () => {
  test('an AgentWorker is bound by its Deployment; event types and extensions are rendered', () => {
    const c = chart();
    const worker = new AgentWorker(c, 'indexer', { image: IMAGE, triggers: [ScaleTrigger.cron({ timezone: 'UTC', start: '0 8 * * *', end: '0 18 * * *', desiredReplicas: 1 })] });
    const b = worker.publishTo(Sink.uri('http://events.example.com'), { eventTypes: ['dev.acme.indexed'], extensions: { team: 'search' } });
    const rendered = Testing.synth(c).find((o) => o.kind === 'SinkBinding');
    expect(rendered.spec).toEqual({
      subject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'indexer', namespace: 'agents' },
      sink: { uri: 'http://events.example.com' },
      ceOverrides: { extensions: { team: 'search' } },
    });
    expect(b.eventTypes).toEqual(['dev.acme.indexed']);
  });

  test('an EventPolicy on the Broker allows the binding (its OIDC identity)', () => {
    const errors = synthErrors((c) => {
      profile(c, OIDC);
      const broker = new Broker(c, 'events');
      agent(c, 'triage').publishTo(broker);
      new EventPolicy(c, 'senders', { to: broker });
    });
    expect(errors).toEqual([]);
    const c = chart();
    profile(c, OIDC);
    const broker = new Broker(c, 'events');
    agent(c, 'triage').publishTo(broker);
    new EventPolicy(c, 'senders', { to: broker });
    expect(Testing.synth(c).find((o) => o.kind === 'EventPolicy').spec.from).toEqual([{ ref: { apiVersion: 'sources.knative.dev/v1', kind: 'SinkBinding', name: 'triage-publishes', namespace: 'agents' } }]);
  });

  test('counts as a sender of unknown types: a Trigger filter on the Broker is not reported (EVT-APP-004 near miss)', () => {
    const errors = synthErrors((c) => {
      const broker = new Broker(c, 'events');
      agent(c, 'triage').publishTo(broker);
      broker.addTrigger('on-triaged', { subscriber: agent(c, 'notifier'), filter: { type: 'dev.acme.ticket.triaged' } });
    });
    expect(errors).toEqual([]);
  });

  test('counts as a sender in hand-written YAML too', () => {
    const lines = manifestErrors([
      { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', metadata: { name: 'events', namespace: 'agents' } },
      { apiVersion: 'sources.knative.dev/v1', kind: 'SinkBinding', metadata: { name: 'b', namespace: 'agents' }, spec: { subject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gone' }, sink: { ref: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name: 'missing' } } } },
    ]);
    expect(lines.map((l) => l.slice(0, 30))).toEqual(['error [EVT-APP-002] manifest#1', 'error [EVT-BINDING-005] manife']);
  });

  test('fails if the subject names no workload it can bind (PROPS-001)', () => {
    const errors = synthErrors((c) => new SinkBinding(c, 'binding', { subject: { name: 'x', podSelector: { app: 'x' }, servedByKnative: false }, sink: new Broker(c, 'events') }));
    expect(errors).toEqual([expect.stringContaining('error [PROPS-001] test/binding: subject = "x": the workload names no object that owns its pods')]);
  });

  test('fails if publishTo is given options that are no object (plain JS)', () => {
    const errors = synthErrors((c) => agent(c, 'triage').publishTo(new Broker(c, 'events'), 'fast' as any));
    expect(errors[0]).toMatch(/^error \[PROPS-001\] test\/triage\/PublishesTo: props = "fast"/);
  });
});

describe('publishTo on the plain-pod agents (AgentJob, AgentCronJob, AgentDeployment)', () => {
  const kafka = () => [ScaleTrigger.kafka({ bootstrapServers: ['kafka.data:9092'], consumerGroup: 'research', topic: 'requests', lagThreshold: 1 })];
  const KINDS: [string, (c: Chart) => IAgentWorkload & { publishTo: AgentJob['publishTo'] }, Record<string, unknown>][] = [
    ['AgentJob: its Jobs by the label KEDA gives each (scaledjob.keda.sh/name)', (c) => new AgentJob(c, 'research', { image: IMAGE, triggers: kafka() }),
      { apiVersion: 'batch/v1', kind: 'Job', selector: { matchLabels: { 'scaledjob.keda.sh/name': 'research' } }, namespace: 'agents' }],
    ['AgentCronJob: its Jobs by the labels of its job template', (c) => new AgentCronJob(c, 'research', { image: IMAGE, schedule: '0 3 * * *' }),
      { apiVersion: 'batch/v1', kind: 'Job', selector: { matchLabels: { 'app.kubernetes.io/name': 'research', 'app.kubernetes.io/component': 'cronjob', 'app.kubernetes.io/managed-by': 'cdk8s-agents' } }, namespace: 'agents' }],
    ['AgentDeployment: its Deployment by name', (c) => new AgentDeployment(c, 'research', { image: IMAGE }),
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'research', namespace: 'agents' }],
  ];

  // Testing.synth checks every object against the CRD schemas (test/support/validate-synth.ts).
  test.each(KINDS)('%s', (_, make, subject) => {
    const c = chart();
    const broker = new Broker(c, 'events');
    const workload = make(c);
    const binding = workload.publishTo(broker, { eventTypes: ['dev.acme.research.done'] });
    const objects = Testing.synth(c);
    const rendered = objects.find((o) => o.kind === 'SinkBinding');
    expect(rendered.metadata).toEqual({ name: 'research-publishes', namespace: 'agents' });
    expect(rendered.spec).toEqual({ subject, sink: { ref: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name: 'events', namespace: 'agents' } } });
    expect(binding.node.path).toBe('test/research/PublishesTo');
    expect(broker.senders).toEqual([expect.objectContaining({ eventTypes: ['dev.acme.research.done'] })]);
    // The bound objects are those the workload makes: the selector matches the Jobs' labels (the topology draws the edge from them).
    expect(topologyOf(objects)).toMatch(/ --\>\|"publishes"\| sinkbinding_agents_research_publishes/);
  });

  test.each(KINDS)('%s: no finding, and an EgressPolicy of the agent allows the Broker\'s ingress', (_, make) => {
    expect(synthErrors((c) => make(c).publishTo(new Broker(c, 'events', { brokerClass: BrokerClass.MT_CHANNEL_BASED })))).toEqual([]);
    const c = chart();
    const w = make(c);
    new EgressPolicy(c, 'egress', { agents: [w], allow: [] });
    w.publishTo(new Broker(c, 'events', { brokerClass: BrokerClass.MT_CHANNEL_BASED }));
    expect(Testing.synth(c).find((o) => o.metadata.name === 'egress').spec.egress).toContainEqual({
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'knative-eventing' } }, podSelector: { matchLabels: { 'eventing.knative.dev/brokerRole': 'ingress' } } }],
      ports: [{ protocol: 'TCP', port: 8080 }, { protocol: 'TCP', port: 8443 }],
    });
  });

  test('a second publishTo of an AgentJob binds its Jobs twice (EVT-BINDING-006 by selector)', () => {
    const errors = synthErrors((c) => {
      const job = KINDS[0][1](c);
      job.publishTo(new Broker(c, 'events'));
      job.publishTo(new Broker(c, 'audit'));
    });
    expect(errors).toEqual([expect.stringMatching(/^warning \[EVT-BINDING-006\] test\/research\/PublishesTo2: subject \(spec\.subject\.selector\) = \{"matchLabels":\{"scaledjob\.keda\.sh\/name":"research"\}\}: .* binds the Jobs of this selector too/)]);
  });
});

describe('egress of an agent that publishes', () => {
  const egressOf = (brokerProps: ConstructorParameters<typeof Broker>[2], engine = PolicyEngine.KUBERNETES) => {
    const c = chart();
    const a = agent(c, 'triage');
    new EgressPolicy(c, 'egress', { agents: [a], allow: [], engine });
    a.publishTo(new Broker(c, 'events', brokerProps)); // after the policy: found at render time
    return Testing.synth(c).find((o) => o.metadata.name === 'egress').spec.egress;
  };
  const PORTS = [{ protocol: 'TCP', port: 8080 }, { protocol: 'TCP', port: 8443 }];

  test('a channel-based Broker: its ingress pods in knative-eventing, 8080 and 8443', () => {
    expect(egressOf({ brokerClass: BrokerClass.MT_CHANNEL_BASED })[1]).toEqual({
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'knative-eventing' } }, podSelector: { matchLabels: { 'eventing.knative.dev/brokerRole': 'ingress' } } }],
      ports: PORTS,
    });
  });

  test('a Kafka Broker: the kafka-broker-receiver pods', () => {
    expect(egressOf({ config: BrokerConfig.kafka({ bootstrapServers: ['kafka:9092'] }) })[1].to[0].podSelector).toEqual({ matchLabels: { app: 'kafka-broker-receiver' } });
  });

  test('a Broker of the cluster\'s default class: the eventing namespace', () => {
    expect(egressOf({})[1]).toEqual({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'knative-eventing' } } }], ports: PORTS });
  });

  test('Cilium: toEndpoints with the namespace and pod labels', () => {
    expect(egressOf({ brokerClass: BrokerClass.MT_CHANNEL_BASED }, PolicyEngine.CILIUM)[1]).toEqual({
      toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'knative-eventing', 'k8s:eventing.knative.dev/brokerRole': 'ingress' } }],
      toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }, { port: '8443', protocol: 'TCP' }] }],
    });
  });

  test('Egress.eventSink given by hand is not repeated; an agent sink goes through the gateways; a URL sink adds nothing', () => {
    const c = chart();
    const a = agent(c, 'triage');
    const broker = new Broker(c, 'events');
    a.publishTo(broker);
    new EgressPolicy(c, 'egress', { agents: [a], allow: [Egress.eventSink(broker), Egress.eventSink(agent(c, 'other')), Egress.eventSink(Sink.uri('https://x.example.com'))] });
    const egress = Testing.synth(c).find((o) => o.metadata.name === 'egress').spec.egress;
    expect(egress).toHaveLength(3);
    expect(egress[2].to).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' } } },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'knative-serving' } }, podSelector: { matchLabels: { app: 'activator' } } },
    ]);
  });
});
