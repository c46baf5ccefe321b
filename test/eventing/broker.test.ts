import { Chart, Duration, Testing } from 'cdk8s';
import { AgentSecrets, BackoffPolicy, Broker, BrokerClass, BrokerConfig } from '../../lib';
import { FindingList } from '../../lib/engine/rule';
import { resolveClusterSettings } from '../../lib/settings/settings';
import { validateBroker } from '../../lib/eventing/broker.validator';
import { synthErrors } from '../support/rule-cases';
import { agent, brokerManifest, GARBAGE, runValidator } from './fixtures';

function setup() {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: 'agents' });
  return { app, chart };
}

const byKind = (objects: any[], kind: string) => objects.filter((o) => o.kind === kind);

describe('Broker defaults', () => {
  const { chart } = setup();
  const broker = new Broker(chart, 'events');
  broker.addTrigger('user-created', { subscriber: agent(chart, 'notifier'), filter: { type: 'dev.acme.user.created' } });
  const objects = Testing.synth(chart);

  test('snapshot of a broker with one trigger', () => {
    expect([...byKind(objects, 'Broker'), ...byKind(objects, 'Trigger')]).toMatchSnapshot();
  });

  test('named after the id, no class and no spec written: the cluster\'s default class and config apply', () => {
    const [b] = byKind(objects, 'Broker');
    expect(b.metadata).toEqual({ name: 'events', namespace: 'agents' });
    expect(b.spec).toEqual({});
    expect(broker.brokerClass).toBeUndefined();
  });

  test('a class asked for is written', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'agents' });
    const b = new Broker(c, 'events', { brokerClass: BrokerClass.MT_CHANNEL_BASED });
    expect(byKind(Testing.synth(c), 'Broker')[0].metadata.annotations).toEqual({ 'eventing.knative.dev/broker.class': 'MTChannelBasedBroker' });
    expect(b.brokerClass).toBe(BrokerClass.MT_CHANNEL_BASED);
  });

  test('the trigger names its broker, filters on attributes and references the agent', () => {
    const [t] = byKind(objects, 'Trigger');
    expect(t.metadata).toEqual({ name: 'user-created', namespace: 'agents' });
    expect(t.spec).toEqual({
      broker: 'events',
      filter: { attributes: { type: 'dev.acme.user.created' } },
      subscriber: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'notifier', namespace: 'agents' } },
    });
  });
});

describe('Broker', () => {
  test('GIVEN BrokerConfig.kafka WHEN synthesized THEN a Kafka broker points at a rendered ConfigMap', () => {
    const { chart } = setup();
    const auth = AgentSecrets.fromSecretName(chart, 'kafka-auth', 'kafka-auth');
    const broker = new Broker(chart, 'events', { config: BrokerConfig.kafka({ bootstrapServers: ['a:9092', 'b:9092'], numPartitions: 6, authSecret: auth }) });
    const objects = Testing.synth(chart);
    const [cm] = byKind(objects, 'ConfigMap');
    expect(cm).toEqual({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'events-kafka-config', namespace: 'agents' },
      data: { 'bootstrap.servers': 'a:9092,b:9092', 'default.topic.partitions': '6', 'default.topic.replication.factor': '3', 'auth.secret.ref.name': 'kafka-auth' },
    });
    const [b] = byKind(objects, 'Broker');
    expect(b.metadata.annotations['eventing.knative.dev/broker.class']).toBe('Kafka');
    expect(b.spec.config).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', name: 'events-kafka-config', namespace: 'agents' });
    expect(broker.kafkaConfig).toBeDefined();
  });

  test('GIVEN an existing config WHEN synthesized THEN only the reference is rendered', () => {
    const { chart } = setup();
    new Broker(chart, 'events', { brokerClass: BrokerClass.KAFKA, config: BrokerConfig.fromConfigMapName('kafka-broker-config', 'knative-eventing') });
    const objects = Testing.synth(chart);
    expect(byKind(objects, 'ConfigMap')).toEqual([]);
    expect(byKind(objects, 'Broker')[0].spec.config).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', name: 'kafka-broker-config', namespace: 'knative-eventing' });
  });

  test('fails if the Kafka config has no bootstrap server (PROPS-001 on config.kafka)', () => {
    expect(synthErrors((c) => new Broker(c, 'broker', { config: BrokerConfig.kafka({ bootstrapServers: [] }) }))).toEqual([
      expect.stringMatching(/^error \[PROPS-001\] test\/broker: config\.kafka\.bootstrapServers = \[\]: at least one bootstrap server is needed/),
    ]);
    expect(synthErrors((c) => new Broker(c, 'broker', { config: BrokerConfig.kafka({ bootstrapServers: ['a:9092'], replicationFactor: 0 }) }))).toEqual([
      expect.stringMatching(/^error \[PROPS-001\] test\/broker: config\.kafka\.replicationFactor = 0/),
    ]);
  });

  test('delivery renders ISO-8601 and binds the dead-letter sink to the broker', () => {
    const { chart } = setup();
    const dls = agent(chart, 'dead-letters');
    new Broker(chart, 'events', { delivery: { retry: 5, backoffPolicy: BackoffPolicy.EXPONENTIAL, backoffDelay: Duration.millis(500), deadLetterSink: dls } });
    const [b] = byKind(Testing.synth(chart), 'Broker');
    expect(b.spec.delivery).toEqual({ retry: 5, backoffPolicy: 'exponential', backoffDelay: 'PT0.5S', deadLetterSink: dls.toDestination() });
    expect(dls.senders.map((s) => `${s.ref.kind}/${s.ref.name}`)).toEqual(['Broker/events']);
  });

  test('a finding about the delivery names the prop the user wrote', () => {
    expect(synthErrors((c) => new Broker(c, 'broker', { delivery: { retry: -2 } }))).toEqual([
      expect.stringMatching(/^error \[EVT-DELIVERY-001\] test\/broker: delivery\.retry \(spec\.delivery\.retry\) = -2: /),
    ]);
  });

  test('records its senders (sources, flow replies) for an EventPolicy', () => {
    const { chart } = setup();
    const broker = new Broker(chart, 'events');
    broker.bind({ construct: chart, ref: { apiVersion: 'sources.knative.dev/v1', kind: 'PingSource', name: 'nightly' } });
    expect(broker.senders.map((s) => s.ref.kind)).toEqual(['PingSource']);
    expect(broker.toDestination()).toEqual({ ref: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name: 'events', namespace: 'agents' } });
  });
});

describe('Broker.fromBrokerName', () => {
  test('renders nothing; its triggers declare it external and use its namespace', () => {
    const { chart } = setup();
    const shared = Broker.fromBrokerName(chart, 'default-broker', 'default', { namespace: 'shared' });
    shared.addTrigger('to-agent', { subscriber: agent(chart) });
    const objects = Testing.synth(chart);
    expect(byKind(objects, 'Broker')).toEqual([]);
    const [t] = byKind(objects, 'Trigger');
    expect(t.metadata).toEqual({ name: 'to-agent', namespace: 'shared', annotations: { 'agents.cdk8s.io/external-refs': 'Broker/shared/default' } });
    expect(shared.external).toBe(true);
  });

  test('fails if the name is empty (PROPS-001)', () => {
    expect(synthErrors((c) => Broker.fromBrokerName(c, 'b', ''))).toEqual([expect.stringMatching(/^error \[PROPS-001\] test\/b: name = ""/)]);
  });
});

const settings = resolveClusterSettings();

describe('Broker validator (hand-written manifests, as `cdk8s-agents check` sees them)', () => {
  test('an unknown class is suggested in its right case', () => {
    const out = new FindingList();
    validateBroker(brokerManifest({}, { 'eventing.knative.dev/broker.class': 'kafkanamespaced' }), settings, out);
    expect(out.items.map((f) => [f.rule.id, f.fix])).toEqual([['EVT-BROKER-006', 'use "KafkaNamespaced" (the class is case-sensitive)']]);
  });

  test('never throws on garbage', () => {
    for (const m of GARBAGE) expect(() => runValidator(validateBroker, m)).not.toThrow();
  });
});
