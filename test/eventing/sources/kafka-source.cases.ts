// Rule cases of KafkaTrigger / KafkaSource (EVT-KAFKA-*).
import { Chart, Duration } from 'cdk8s';
import { AgentSecrets, FeatureState, KafkaAuth, KafkaTrigger, KafkaTriggerProps } from '../../../lib';
import { RuleCases } from '../../support/rule-cases';
import { agent, kafkaSecrets, kafkaSource, ref } from './fixtures';

const PATH = 'test/tickets';

function tickets(c: Chart, props: Partial<KafkaTriggerProps> = {}): KafkaTrigger {
  return new KafkaTrigger(c, 'tickets', { bootstrapServers: ['my-cluster-kafka-bootstrap.kafka:9092'], topics: ['support-tickets'], sink: agent(c), ...props });
}

export const CASES: RuleCases = {
  triggers: [
    { id: 'EVT-KAFKA-001', name: 'the topic list is empty', build: (c) => tickets(c, { topics: [] }), path: PATH, field: 'spec.topics', value: '[]' },
    { id: 'EVT-KAFKA-001', name: 'a hand-written KafkaSource has no topic', manifests: [kafkaSource({ topics: [] })], field: 'spec.topics', value: '[]' },
    { id: 'EVT-KAFKA-002', name: 'a topic name has a space', build: (c) => tickets(c, { topics: ['support tickets'] }), path: PATH, field: 'spec.topics[0]', value: '"support tickets"' },
    { id: 'EVT-KAFKA-002', name: 'a topic name is empty', build: (c) => tickets(c, { topics: ['support-tickets', ''] }), path: PATH, field: 'spec.topics[1]', value: '""' },
    { id: 'EVT-KAFKA-002', name: 'a topic is named `..`', manifests: [kafkaSource({ topics: ['..'] })], field: 'spec.topics[0]', value: '".."' },
    { id: 'EVT-KAFKA-003', name: 'the bootstrap server list is empty', build: (c) => tickets(c, { bootstrapServers: [] }), path: PATH, field: 'spec.bootstrapServers', value: '[]' },
    { id: 'EVT-KAFKA-004', name: 'a bootstrap server has no port', build: (c) => tickets(c, { bootstrapServers: ['my-cluster-kafka-bootstrap.kafka'] }), path: PATH, field: 'spec.bootstrapServers[0]', value: '"my-cluster-kafka-bootstrap.kafka"' },
    { id: 'EVT-KAFKA-004', name: 'one address of a comma-separated entry has no port', manifests: [kafkaSource({ bootstrapServers: ['a.kafka:9092,b.kafka'] })], field: 'spec.bootstrapServers[0]', value: '"a.kafka:9092,b.kafka"' },
    { id: 'EVT-KAFKA-004', name: 'a bootstrap server is a URL', manifests: [kafkaSource({ bootstrapServers: ['kafka://a.kafka:9092'] })], field: 'spec.bootstrapServers[0]', value: '"kafka://a.kafka:9092"' },
    { id: 'EVT-KAFKA-005', name: 'initialOffset is capitalised', manifests: [kafkaSource({ initialOffset: 'Earliest' })], field: 'spec.initialOffset', value: '"Earliest"' },
    { id: 'EVT-KAFKA-005', name: 'initialOffset is `oldest`', manifests: [kafkaSource({ initialOffset: 'oldest' })], field: 'spec.initialOffset', value: '"oldest"' },
    { id: 'EVT-KAFKA-006', name: 'ordering is capitalised', manifests: [kafkaSource({ ordering: 'Ordered' })], field: 'spec.ordering', value: '"Ordered"' },
    { id: 'EVT-KAFKA-006', name: 'ordering is `fifo`', manifests: [kafkaSource({ ordering: 'fifo' }, {}, 'sources.knative.dev/v1')], field: 'spec.ordering', value: '"fifo"' },
    { id: 'EVT-KAFKA-007', name: 'a hand-written KafkaSource has no consumerGroup', manifests: [kafkaSource({ consumerGroup: undefined })], field: 'spec.consumerGroup', value: '(unset)' },
    { id: 'EVT-KAFKA-007', name: 'consumerGroup is empty', manifests: [kafkaSource({ consumerGroup: '' })], field: 'spec.consumerGroup', value: '""' },
    { id: 'EVT-KAFKA-008', name: 'consumers is 0', build: (c) => tickets(c, { consumers: 0 }), path: PATH, field: 'spec.consumers', value: '0' },
    {
      id: 'EVT-KAFKA-009', name: 'a SASL secretKeyRef has no Secret name',
      manifests: [kafkaSource({ net: { sasl: { enable: true, user: ref('user', null), password: ref('password') } } })],
      field: 'spec.net.sasl.user.secretKeyRef.name', value: '(unset)',
    },
    {
      id: 'EVT-KAFKA-010', name: 'SASL is enabled without a password or mechanism',
      manifests: [kafkaSource({ net: { sasl: { enable: true, user: ref('user') } } })],
      field: 'spec.net.sasl', value: '"missing password"',
    },
    {
      id: 'EVT-KAFKA-011', name: 'TLS alone has only a CA certificate',
      manifests: [kafkaSource({ net: { tls: { enable: true, caCert: ref('ca.crt') } } })],
      field: 'spec.net.tls', value: '"missing cert, key"',
    },
    {
      id: 'EVT-KAFKA-012', name: 'SASL credentials are given but SASL is not enabled',
      manifests: [kafkaSource({ net: { sasl: { user: ref('user'), password: ref('password') } } })],
      field: 'spec.net.sasl.enable', value: '(unset)',
    },
    {
      id: 'EVT-KAFKA-012', name: 'a CA certificate is given with `tls.enable: false`',
      manifests: [kafkaSource({ net: { tls: { enable: false, caCert: ref('ca.crt') } } })],
      field: 'spec.net.tls.enable', value: 'false',
    },
    {
      id: 'EVT-KAFKA-013', name: 'SCRAM auth uses the default mechanism variable, which the key map lacks',
      build: (c) => tickets(c, { auth: KafkaAuth.scramSha512({ secrets: kafkaSecrets(c, { KAFKA_USER: 'user', KAFKA_PASSWORD: 'password' }) }) }),
      path: PATH, field: 'auth.mechanism', value: '"KAFKA_SASL_MECHANISM"',
    },
    {
      id: 'EVT-KAFKA-013', name: 'mutual TLS names a key variable the key map lacks',
      build: (c) => tickets(c, { auth: KafkaAuth.tls({ secrets: kafkaSecrets(c, { KAFKA_TLS_CERT: 'tls.crt' }), key: 'CLIENT_KEY' }) }),
      path: PATH, field: 'auth.key', value: '"CLIENT_KEY"',
    },
    {
      id: 'EVT-DEST-001', name: 'a hand-written KafkaSource has no sink',
      manifests: [kafkaSource({ sink: undefined })], field: 'spec.sink', value: '(unset)',
    },
    {
      id: 'EVT-DELIVERY-003', name: 'the KafkaSource backoffDelay is a Go duration',
      manifests: [kafkaSource({ delivery: { retry: 3, backoffDelay: '200ms' } })], field: 'spec.delivery.backoffDelay', value: '"200ms"',
    },
    // The shared destination and delivery checks apply to the KafkaSource sink and delivery.
    { id: 'EVT-DEST-002', name: 'the KafkaSource sink has a ref and an absolute URI', manifests: [kafkaSource({ sink: { ref: { apiVersion: 'v1', kind: 'Service', name: 'a' }, uri: 'http://x' } })], field: 'spec.sink.uri', value: '"http://x"' },
    { id: 'EVT-DEST-004', name: 'the KafkaSource sink ref has no apiVersion', manifests: [kafkaSource({ sink: { ref: { kind: 'Service', name: 'a' } } })], field: 'spec.sink.ref.apiVersion', value: 'null' },
    { id: 'EVT-DEST-005', name: 'the KafkaSource dead-letter ref uses `group` with the flag off', manifests: [kafkaSource({ delivery: { deadLetterSink: { ref: { group: 'serving.knative.dev', kind: 'Service', name: 'dlq' } } } }, { annotations: { 'agents.cdk8s.io/external-refs': 'Service/dlq' } })], field: 'spec.delivery.deadLetterSink.ref.group', value: '"serving.knative.dev"' },
    { id: 'EVT-DEST-006', name: 'the KafkaSource sink CACerts is not PEM', manifests: [kafkaSource({ sink: { uri: 'https://agent.example.com', CACerts: 'abc' } })], field: 'spec.sink.CACerts', value: '"abc"' },
    { id: 'EVT-DELIVERY-001', name: 'the KafkaSource retry is negative', manifests: [kafkaSource({ delivery: { retry: -1 } })], field: 'spec.delivery.retry', value: '-1' },
    { id: 'EVT-DELIVERY-002', name: 'the KafkaSource backoffPolicy is capitalised', manifests: [kafkaSource({ delivery: { backoffPolicy: 'Exponential' } })], field: 'spec.delivery.backoffPolicy', value: '"Exponential"' },
    { id: 'EVT-DELIVERY-004', name: 'the KafkaSource timeout is zero', manifests: [kafkaSource({ delivery: { timeout: 'PT0S' } })], field: 'spec.delivery.timeout', value: '"PT0S"' },
    { id: 'EVT-DELIVERY-005', name: 'the KafkaSource timeout with delivery-timeout disabled', manifests: [kafkaSource({ delivery: { timeout: 'PT30S' } })], settings: { eventing: { features: { deliveryTimeout: FeatureState.DISABLED } } }, field: 'spec.delivery.timeout', value: '"PT30S"' },
    { id: 'EVT-DELIVERY-006', name: 'the KafkaSource retryAfterMax on a default cluster', manifests: [kafkaSource({ delivery: { retryAfterMax: 'PT10S' } })], field: 'spec.delivery.retryAfterMax', value: '"PT10S"' },
    { id: 'EVT-DELIVERY-007', name: 'the KafkaSource retryAfterMax is negative', manifests: [kafkaSource({ delivery: { retryAfterMax: '-PT1S' } })], settings: { eventing: { features: { deliveryRetryAfter: FeatureState.ENABLED } } }, field: 'spec.delivery.retryAfterMax', value: '"-PT1S"' },
    { id: 'EVT-DELIVERY-010', name: 'the KafkaTrigger backoffDelay has milliseconds', build: (c) => tickets(c, { delivery: { backoffDelay: Duration.millis(250) } }), path: PATH, field: 'spec.delivery.backoffDelay', value: '"PT0.25S"' },
  ],
  passes: [
    { name: 'a KafkaTrigger with defaults', build: (c) => tickets(c) },
    {
      name: 'SCRAM-SHA-512 over TLS with a CA certificate from another Secret, several servers, earliest, unordered, 3 consumers',
      build: (c) => {
        const ca = AgentSecrets.fromSecretName(c, 'kafka-ca', 'kafka-ca', { KAFKA_CA_CERT: 'ca.crt' });
        tickets(c, {
          bootstrapServers: ['b0.kafka:9093', 'b1.kafka:9093'], initialOffset: undefined, consumers: 3,
          auth: KafkaAuth.scramSha512({ secrets: kafkaSecrets(c), tls: { secrets: ca, caCert: 'KAFKA_CA_CERT' } }),
        });
      },
    },
    { name: 'PLAIN without a mechanism key', build: (c) => tickets(c, { auth: KafkaAuth.plain({ secrets: kafkaSecrets(c, { KAFKA_USER: 'u', KAFKA_PASSWORD: 'p' }) }) }) },
    { name: 'mutual TLS from a whole Secret (no key map: variables are the keys)', build: (c) => tickets(c, { auth: KafkaAuth.tls({ secrets: AgentSecrets.fromSecretName(c, 'kafka-tls', 'kafka-tls') }) }) },
    { name: 'a hand-written v1 KafkaSource, comma-separated servers, IPv6 address', manifests: [kafkaSource({ bootstrapServers: ['a.kafka:9092, b.kafka:9092', '[::1]:9092'] }, {}, 'sources.knative.dev/v1')] },
    { name: 'initialOffset and ordering in lowercase, consumers 1', manifests: [kafkaSource({ initialOffset: 'earliest', ordering: 'unordered', consumers: 1 })] },
    { name: 'SASL with a mechanism key but no user (OAUTHBEARER)', manifests: [kafkaSource({ net: { sasl: { enable: true, type: ref('mechanism') } } })] },
    { name: 'TLS alone with client certificate and key', manifests: [kafkaSource({ net: { tls: { enable: true, cert: ref('tls.crt'), key: ref('tls.key') } } })] },
    { name: 'a topic name of 249 allowed characters', manifests: [kafkaSource({ topics: [`a.b_c-${'x'.repeat(243)}`] })] },
  ],
};

