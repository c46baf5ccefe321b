import { Chart, Duration, Testing } from 'cdk8s';
import { AgentSecrets, BackoffPolicy, KafkaAuth, KafkaOffset, KafkaOrdering, KafkaTrigger, KafkaTriggerProps, Sink, SinkSender } from '../../../lib';
import { FindingList } from '../../../lib/engine/rule';
import { REGISTRY as DEFAULT_REGISTRY } from '../../../lib/registry';
import { DEFAULT_SETTINGS } from '../../../lib/settings/settings';
import { KAFKA_RULES } from '../../../lib/eventing/sources/kafka-source.rules';
import { validateKafkaSource } from '../../../lib/eventing/sources/kafka-source.validator';
import { synthErrors } from '../../support/rule-cases';
import { agent, kafkaSecrets, kafkaSource, ref } from './fixtures';

const SERVERS = ['my-cluster-kafka-bootstrap.kafka:9092'];

function setup(props: Partial<KafkaTriggerProps> = {}, chartNamespace: string | null = 'agents') {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: chartNamespace ?? undefined });
  const sink = agent(chart);
  const trigger = new KafkaTrigger(chart, 'tickets', { bootstrapServers: SERVERS, topics: ['support-tickets'], sink, ...props });
  return { chart, sink, trigger };
}

const synthSource = (chart: Chart) => Testing.synth(chart).find((o) => o.kind === 'KafkaSource');

describe('KafkaTrigger defaults', () => {
  // GIVEN servers, a topic and an agent
  const { chart, trigger } = setup();
  const source = synthSource(chart);

  test('snapshot of the defaults', () => {
    expect(source).toMatchSnapshot();
  });

  test('emits sources.knative.dev/v1beta1, the version every supported release serves', () => {
    expect(source.apiVersion).toBe('sources.knative.dev/v1beta1');
  });

  test('always sets the consumer group: <namespace>-<name>', () => {
    expect(source.spec.consumerGroup).toBe('agents-tickets');
    expect(trigger.consumerGroup).toBe('agents-tickets');
  });

  test('renders offset and ordering explicitly, leaves consumers to the source (or KEDA)', () => {
    expect(source.spec.initialOffset).toBe('latest');
    expect(source.spec.ordering).toBe('ordered');
    expect(source.spec.consumers).toBeUndefined();
  });

  test('has no credentials, no delivery and no annotations', () => {
    expect(source.spec.net).toBeUndefined();
    expect(source.spec.delivery).toBeUndefined();
    expect(source.metadata.annotations).toBeUndefined();
  });
});

describe('KafkaTrigger props', () => {
  test('the consumer group is the name alone when no namespace is known', () => {
    const { trigger } = setup({}, null);
    expect(trigger.consumerGroup).toBe('tickets');
  });

  test('an explicit consumer group, offset, ordering and consumers are rendered as given', () => {
    const { chart } = setup({ consumerGroup: 'support', initialOffset: KafkaOffset.EARLIEST, ordering: KafkaOrdering.UNORDERED, consumers: 3 });
    expect(synthSource(chart).spec).toMatchObject({ consumerGroup: 'support', initialOffset: 'earliest', ordering: 'unordered', consumers: 3 });
  });

  test('extensions become ceOverrides', () => {
    const { chart } = setup({ extensions: { team: 'support' } });
    expect(synthSource(chart).spec.ceOverrides).toEqual({ extensions: { team: 'support' } });
  });

  test('delivery renders ISO-8601 durations and binds the dead-letter sink to the source', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    const dlq = agent(chart, 'dead-letters');
    new KafkaTrigger(chart, 'tickets', {
      bootstrapServers: SERVERS, topics: ['support-tickets'], sink: agent(chart),
      delivery: { retry: 5, backoffPolicy: BackoffPolicy.EXPONENTIAL, backoffDelay: Duration.seconds(1), deadLetterSink: dlq },
    });
    expect(synthSource(chart).spec.delivery).toEqual({
      retry: 5, backoffPolicy: 'exponential', backoffDelay: 'PT1S',
      deadLetterSink: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'dead-letters', namespace: 'agents' } },
    });
    expect(dlq.senders.map((s) => s.ref)).toEqual([{ apiVersion: 'sources.knative.dev/v1beta1', kind: 'KafkaSource', name: 'tickets', namespace: 'agents' }]);
  });

  test('the sink learns the sender and its event type', () => {
    const { sink } = setup();
    expect(sink.senders).toEqual([expect.objectContaining({ ref: expect.objectContaining({ kind: 'KafkaSource', name: 'tickets' }), eventTypes: ['dev.knative.kafka.event'] })]);
  });

  test('an external sink and dead-letter sink are listed in the external-refs annotation', () => {
    const { chart } = setup({ sink: Sink.knativeService('triage'), delivery: { deadLetterSink: Sink.knativeService('dlq', { namespace: 'ops' }) } });
    expect(synthSource(chart).metadata.annotations).toEqual({ 'agents.cdk8s.io/external-refs': 'Service/ops/dlq,Service/triage' });
  });

  test('a plain URL sink is rendered as uri and binding it does nothing', () => {
    const { chart } = setup({ sink: Sink.uri('https://hooks.example.com/kafka') });
    expect(synthSource(chart).spec.sink).toEqual({ uri: 'https://hooks.example.com/kafka' });
  });
});

describe('KafkaAuth', () => {
  const render = (auth: (c: Chart) => KafkaAuth) => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    new KafkaTrigger(chart, 'tickets', { bootstrapServers: SERVERS, topics: ['t'], sink: agent(chart), auth: auth(chart) });
    return synthSource(chart).spec.net;
  };
  const key = (name: string, k: string) => ({ secretKeyRef: { name, key: k } });

  test('SCRAM-SHA-512 references user, password and mechanism keys of the Secret, nothing in plain text', () => {
    expect(render((c) => KafkaAuth.scramSha512({ secrets: kafkaSecrets(c) }))).toEqual({
      sasl: { enable: true, user: key('kafka-credentials', 'user'), password: key('kafka-credentials', 'password'), type: key('kafka-credentials', 'sasl.mechanism') },
    });
  });

  test('SCRAM-SHA-256 over TLS with the CA certificate in another Secret', () => {
    const net = render((c) => KafkaAuth.scramSha256({
      secrets: kafkaSecrets(c), tls: { secrets: AgentSecrets.fromSecretName(c, 'ca', 'kafka-ca', { CA: 'ca.crt' }), caCert: 'CA' },
    }));
    expect(net.tls).toEqual({ enable: true, caCert: key('kafka-ca', 'ca.crt') });
    expect(net.sasl.enable).toBe(true);
  });

  test('SASL over TLS with the system roots has only `enable`', () => {
    expect(render((c) => KafkaAuth.scramSha512({ secrets: kafkaSecrets(c), tls: {} })).tls).toEqual({ enable: true });
  });

  test('PLAIN has no mechanism key unless one is named', () => {
    expect(render((c) => KafkaAuth.plain({ secrets: kafkaSecrets(c) })).sasl.type).toBeUndefined();
    expect(render((c) => KafkaAuth.plain({ secrets: kafkaSecrets(c), mechanism: 'KAFKA_SASL_MECHANISM' })).sasl.type).toEqual(key('kafka-credentials', 'sasl.mechanism'));
  });

  test('custom variable names pick other keys', () => {
    const net = render((c) => KafkaAuth.scramSha512({
      secrets: AgentSecrets.fromSecretName(c, 's', 'kafka-user', { U: 'username', P: 'pw', M: 'mech' }), user: 'U', password: 'P', mechanism: 'M',
    }));
    expect(net.sasl).toEqual({ enable: true, user: key('kafka-user', 'username'), password: key('kafka-user', 'pw'), type: key('kafka-user', 'mech') });
  });

  test('a Secret without key map: the variables are the keys', () => {
    expect(render((c) => KafkaAuth.tls({ secrets: AgentSecrets.fromSecretName(c, 's', 'kafka-tls'), caCert: 'KAFKA_CA_CERT' }))).toEqual({
      tls: { enable: true, cert: key('kafka-tls', 'KAFKA_TLS_CERT'), key: key('kafka-tls', 'KAFKA_TLS_KEY'), caCert: key('kafka-tls', 'KAFKA_CA_CERT') },
    });
  });

  test('exposes the SASL mechanism it stands for', () => {
    const secrets = kafkaSecrets(new Chart(Testing.app(), 'c'));
    expect(KafkaAuth.scramSha512({ secrets }).mechanism).toBe('SCRAM-SHA-512');
    expect(KafkaAuth.scramSha256({ secrets }).mechanism).toBe('SCRAM-SHA-256');
    expect(KafkaAuth.plain({ secrets }).mechanism).toBe('PLAIN');
    expect(KafkaAuth.tls({ secrets }).mechanism).toBeUndefined();
  });

  test('fails if a variable is missing from the key map, naming the keys it has', () => {
    const lines = synthErrors((c) => new KafkaTrigger(c, 'tickets', {
      bootstrapServers: SERVERS, topics: ['t'], sink: agent(c),
      auth: KafkaAuth.scramSha512({ secrets: AgentSecrets.fromSecretName(c, 's', 'kafka', { KAFKA_USER: 'user' }) }),
    }));
    expect(lines).toEqual([
      expect.stringMatching(/^error \[EVT-KAFKA-013\] test\/tickets: auth\.password = "KAFKA_PASSWORD": AgentSecrets "kafka" maps KAFKA_USER, not KAFKA_PASSWORD\. Fix: add KAFKA_PASSWORD/),
      expect.stringMatching(/^error \[EVT-KAFKA-013\] test\/tickets: auth\.mechanism = "KAFKA_SASL_MECHANISM"/),
    ]);
  });
});

describe('KafkaTrigger from plain JavaScript', () => {
  const lines = (props: any) => synthErrors((c) => new KafkaTrigger(c, 'tickets', { bootstrapServers: SERVERS, topics: ['t'], sink: agent(c), ...props }));

  test('fails with PROPS-001 for a string where a list is expected', () => {
    expect(lines({ topics: 'support-tickets' })).toEqual([expect.stringContaining('error [PROPS-001] test/tickets: topics = "support-tickets": expected an array of a string')]);
  });

  test('fails with PROPS-001 naming the member for an enum spelt as a string', () => {
    expect(lines({ initialOffset: 'Earliest' })[0]).toContain('use KafkaOffset.EARLIEST');
  });

  test('fails with PROPS-001 for auth options that are not a KafkaAuth', () => {
    expect(lines({ auth: { sasl: true } })[0]).toContain('[PROPS-001] test/tickets: auth = {"sasl":true}: expected a KafkaAuth');
  });

  test('fails with PROPS-001 (not a TypeError) for KafkaAuth options without secrets', () => {
    expect(lines({ auth: KafkaAuth.scramSha512({} as any) })).toEqual([expect.stringContaining('[EVT-KAFKA-013] test/tickets: auth.secrets = (unset): no AgentSecrets given')]);
    expect(lines({ auth: KafkaAuth.tls({ secrets: { secretName: 's', keys: undefined, wholeSecret: true }, cert: 42 } as any) })).toEqual([
      expect.stringContaining('[PROPS-001] test/tickets: auth.cert = 42'),
    ]);
  });

  test('fails with PROPS-002 for a misspelt prop', () => {
    expect(lines({ consumerGroupId: 'x' })[0]).toContain('did you mean `consumerGroup`?');
  });

  test('a missing sink is a prop finding, not a crash', () => {
    expect(synthErrors((c) => new KafkaTrigger(c, 'tickets', { bootstrapServers: SERVERS, topics: ['t'] } as any))).toEqual([
      expect.stringContaining('[PROPS-001] test/tickets: sink = (unset)'),
    ]);
  });
});

describe('KafkaTrigger findings name the prop', () => {
  test.each([
    [{ topics: [] }, 'topics (spec.topics)'],
    [{ bootstrapServers: ['kafka'] }, 'bootstrapServers (spec.bootstrapServers[0])'],
    [{ consumers: 0 }, 'consumers (spec.consumers)'],
    [{ delivery: { backoffDelay: Duration.millis(250) } }, 'delivery.backoffDelay (spec.delivery.backoffDelay)'],
    [{ extensions: { Team: 'a' } }, 'extensions (spec.ceOverrides.extensions["Team"])'],
  ] as [Partial<KafkaTriggerProps>, string][])('%j', (props, subject) => {
    expect(synthErrors((c) => new KafkaTrigger(c, 'tickets', { bootstrapServers: SERVERS, topics: ['t'], sink: agent(c), ...props }))[0]).toContain(`test/tickets: ${subject} = `);
  });

  test('delivery.format is not in the KafkaSource schema: pruned, reported on the prop', () => {
    const lines = synthErrors((c) => new KafkaTrigger(c, 'tickets', { bootstrapServers: SERVERS, topics: ['t'], sink: agent(c), delivery: { format: 'json' as any } }));
    expect(lines).toEqual([expect.stringContaining('[SCHEMA-001] test/tickets: delivery.format (spec.delivery.format) = "json"')]);
  });
});

describe('KafkaTrigger as a sender', () => {
  test('binds the sink and the dead-letter sink once each, as itself', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    const seen: SinkSender[] = [];
    const sink = { toDestination: () => ({ uri: 'http://a.example.com' }), bind: (s: SinkSender) => seen.push(s) };
    new KafkaTrigger(chart, 'tickets', { bootstrapServers: SERVERS, topics: ['t'], sink, delivery: { deadLetterSink: sink } });
    expect(seen.map((s) => s.ref.name)).toEqual(['tickets', 'tickets']);
    expect(Testing.synth(chart)).toHaveLength(1);
  });
});

function findings(manifest: unknown): { id: string; field: string; problem?: string }[] {
  const out = new FindingList();
  validateKafkaSource(manifest, DEFAULT_SETTINGS, out);
  return out.items.map((f) => ({ id: f.rule.id, field: f.field, problem: f.problem }));
}

describe('validateKafkaSource', () => {
  test('a valid KafkaSource has no finding', () => {
    expect(findings(kafkaSource())).toEqual([]);
  });

  test('reports every mistake of one manifest at once', () => {
    const ids = findings(kafkaSource({ topics: [], bootstrapServers: [], initialOffset: 'oldest', ordering: 'fifo', consumerGroup: undefined, sink: undefined })).map((f) => f.id);
    expect(ids).toEqual(['EVT-DEST-001', 'EVT-KAFKA-001', 'EVT-KAFKA-003', 'EVT-KAFKA-005', 'EVT-KAFKA-006', 'EVT-KAFKA-007']);
  });

  test('an empty initialOffset is defaulted, not rejected', () => {
    expect(findings(kafkaSource({ initialOffset: '' }))).toEqual([]);
  });

  test('bootstrap servers: each address of a comma-separated entry is checked, ports in range', () => {
    expect(findings(kafkaSource({ bootstrapServers: ['a:9092, b:9093', '[2001:db8::1]:9092'] }))).toEqual([]);
    expect(findings(kafkaSource({ bootstrapServers: ['a:0'] }))).toEqual([expect.objectContaining({ id: 'EVT-KAFKA-004', problem: '"a:0" is not host:port' })]);
    expect(findings(kafkaSource({ bootstrapServers: ['a:70000'] }))[0].id).toBe('EVT-KAFKA-004');
    expect(findings(kafkaSource({ bootstrapServers: [' '] }))).toEqual([expect.objectContaining({ id: 'EVT-KAFKA-004', problem: 'empty address' })]);
  });

  test('a topic name over 249 characters says how long it is', () => {
    expect(findings(kafkaSource({ topics: ['t'.repeat(250)] }))).toEqual([expect.objectContaining({ id: 'EVT-KAFKA-002', problem: '250 characters, at most 249' })]);
  });

  test('SASL and TLS together need only SASL credentials', () => {
    expect(findings(kafkaSource({ net: { sasl: { enable: true, user: ref('u'), password: ref('p') }, tls: { enable: true } } }))).toEqual([]);
  });

  test('a missing Secret name is reported on each reference', () => {
    const fs = findings(kafkaSource({ net: { tls: { enable: true, cert: ref('c', null), key: ref('k', null) } } }));
    expect(fs.map((f) => f.field)).toEqual(['spec.net.tls.cert.secretKeyRef.name', 'spec.net.tls.key.secretKeyRef.name']);
  });

  test('names the disabled protocol and the credentials that are ignored', () => {
    expect(findings(kafkaSource({ net: { sasl: { enable: false, user: ref('u'), password: ref('p') } } }))).toEqual([
      { id: 'EVT-KAFKA-012', field: 'spec.net.sasl.enable', problem: 'user, password are set, but SASL is not enabled' },
    ]);
  });

  test('the delivery spec is checked, its format key left to the schema (pruned)', () => {
    expect(findings(kafkaSource({ delivery: { retry: -2, format: 'xml' } }))).toEqual([expect.objectContaining({ id: 'EVT-DELIVERY-001', field: 'spec.delivery.retry' })]);
  });

  test('garbage does not throw', () => {
    for (const m of [null, 'x', {}, { spec: null }, { spec: { topics: 'x', net: 'y', delivery: 3 } }]) expect(() => findings(m)).not.toThrow();
  });
});

describe('the KafkaSource validators', () => {
  test('are registered for v1beta1 (emitted) and v1 (served since 1.16)', () => {
    expect(DEFAULT_REGISTRY.validatorFor('sources.knative.dev/v1beta1', 'KafkaSource')).toBeDefined();
    expect(DEFAULT_REGISTRY.validatorFor('sources.knative.dev/v1', 'KafkaSource')).toBeDefined();
  });

  test('put every Kafka rule in the catalogue', () => {
    const ids = new Set(DEFAULT_REGISTRY.rules.map((r) => r.id));
    expect(Object.values(KAFKA_RULES).filter((r) => !ids.has(r.id))).toEqual([]);
  });
});
