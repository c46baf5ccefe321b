import { DEFAULT_REGISTRY, DEFAULT_SETTINGS, FindingList } from '../../../lib';
import { KAFKA_RULES, validateKafkaSource } from '../../../lib/eventing/sources/kafka-validator';
import { kafkaSource, ref } from './fixtures';

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
