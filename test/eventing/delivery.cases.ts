// Rule cases of delivery options and destinations (EVT-DELIVERY-*, EVT-DEST-*).
import { Duration } from 'cdk8s';
import { BackoffPolicy, Broker, DeliveryFormat, FeatureState, Sink } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { agent, brokerManifest, CERT_PEM, profile, triggerManifest } from './fixtures';

const RETRY_AFTER_ON = { eventing: { features: { deliveryRetryAfter: FeatureState.ENABLED } } };

export const CASES: RuleCases = {
  triggers: [
    // --- EVT-DELIVERY
    {
      id: 'EVT-DELIVERY-001', name: 'the broker delivery retries -1 times',
      build: (c) => new Broker(c, 'broker', { delivery: { retry: -1 } }),
      path: 'test/broker', field: 'spec.delivery.retry', value: '-1',
    },
    {
      id: 'EVT-DELIVERY-001', name: 'a trigger delivery retries -3 times (manifest)',
      manifests: [brokerManifest(), triggerManifest({ delivery: { retry: -3 } })], path: 'manifest#1', field: 'spec.delivery.retry', value: '-3',
    },
    {
      id: 'EVT-DELIVERY-001', name: 'a broker delivery `Retry: -2` (the CRD keeps the delivery whole; Go decodes the key case-insensitively; found by the oracle)',
      manifests: [brokerManifest({ delivery: { Retry: -2 } })], field: 'spec.delivery.retry', value: '-2',
    },
    {
      id: 'EVT-DELIVERY-002', name: 'backoffPolicy is `Exponential` (capitalised)',
      manifests: [brokerManifest({ delivery: { backoffPolicy: 'Exponential' } })], field: 'spec.delivery.backoffPolicy', value: '"Exponential"',
    },
    {
      id: 'EVT-DELIVERY-002', name: 'backoffPolicy is overridden to `constant`',
      build: (c) => new Broker(c, 'broker', { delivery: { backoffPolicy: BackoffPolicy.LINEAR } }).addOverride('spec.delivery.backoffPolicy', 'constant'),
      path: 'test/broker', field: 'spec.delivery.backoffPolicy', value: '"constant"',
    },
    {
      id: 'EVT-DELIVERY-003', name: 'backoffDelay is a Go duration `200ms`',
      manifests: [brokerManifest({ delivery: { backoffDelay: '200ms' } })], field: 'spec.delivery.backoffDelay', value: '"200ms"',
    },
    {
      id: 'EVT-DELIVERY-003', name: 'backoffDelay is lowercase `pt1s`',
      manifests: [brokerManifest({ delivery: { backoffDelay: 'pt1s' } })], field: 'spec.delivery.backoffDelay', value: '"pt1s"',
    },
    {
      id: 'EVT-DELIVERY-004', name: 'the delivery timeout is zero',
      build: (c) => new Broker(c, 'broker', { delivery: { timeout: Duration.seconds(0) } }),
      path: 'test/broker', field: 'spec.delivery.timeout', value: '"PT0S"',
    },
    {
      id: 'EVT-DELIVERY-004', name: 'the delivery timeout is `30s` (manifest)',
      manifests: [brokerManifest({ delivery: { timeout: '30s' } })], field: 'spec.delivery.timeout', value: '"30s"',
    },
    {
      id: 'EVT-DELIVERY-005', name: 'a timeout is set while the cluster disables delivery-timeout',
      build: (c) => {
        profile(c, { eventingFeatures: { deliveryTimeout: FeatureState.DISABLED } });
        new Broker(c, 'broker', { delivery: { timeout: Duration.seconds(30) } });
      },
      path: 'test/broker', field: 'spec.delivery.timeout', value: '"PT30S"',
    },
    {
      id: 'EVT-DELIVERY-006', name: 'retryAfterMax is set on a default cluster (delivery-retryafter Disabled)',
      build: (c) => new Broker(c, 'broker', { delivery: { retryAfterMax: Duration.minutes(1) } }),
      path: 'test/broker', field: 'spec.delivery.retryAfterMax', value: '"PT1M"',
    },
    {
      id: 'EVT-DELIVERY-007', name: 'retryAfterMax is negative with the flag Enabled',
      manifests: [brokerManifest({ delivery: { retryAfterMax: '-PT10S' } })], settings: RETRY_AFTER_ON, field: 'spec.delivery.retryAfterMax', value: '"-PT10S"',
    },
    {
      id: 'EVT-DELIVERY-008', name: 'format is `JSON` (uppercase)',
      manifests: [brokerManifest({ delivery: { format: 'JSON' } })], field: 'spec.delivery.format', value: '"JSON"',
    },
    {
      id: 'SCHEMA-004', name: 'a delivery block has `retries` instead of `retry` (kept by the CRD, refused by the strict decoder)',
      manifests: [brokerManifest(), triggerManifest({ delivery: { retries: 3 } })], path: 'manifest#1', field: 'spec.delivery.retries', value: '3',
    },
    {
      id: 'EVT-DELIVERY-010', name: 'backoffDelay of 250 ms (Eventing keeps tenths)',
      build: (c) => new Broker(c, 'broker', { delivery: { backoffDelay: Duration.millis(250) } }),
      path: 'test/broker', field: 'spec.delivery.backoffDelay', value: '"PT0.25S"',
    },
    // --- EVT-DEST
    {
      id: 'EVT-DEST-001', name: 'a trigger subscriber is empty',
      manifests: [brokerManifest(), triggerManifest({ subscriber: {} })], path: 'manifest#1', field: 'spec.subscriber', value: '{}',
    },
    {
      id: 'EVT-DEST-001', name: 'the dead-letter sink is `Sink.uri("")`',
      build: (c) => new Broker(c, 'broker', { delivery: { deadLetterSink: Sink.uri('') } }),
      path: 'test/broker', field: 'spec.delivery.deadLetterSink', value: '{"uri":""}',
    },
    {
      id: 'EVT-DEST-002', name: 'a Service ref carries an absolute URL as its path',
      build: (c) => new Broker(c, 'broker').addTrigger('t', { subscriber: Sink.knativeService('planner', { path: 'http://planner.agents.svc' }) }),
      path: 'test/broker/t', field: 'spec.subscriber.uri', value: '"http://planner.agents.svc"',
    },
    {
      id: 'EVT-DEST-003', name: 'a sink URL has no scheme',
      build: (c) => new Broker(c, 'broker').addTrigger('t', { subscriber: Sink.uri('planner.agents.svc.cluster.local') }),
      path: 'test/broker/t', field: 'spec.subscriber.uri', value: '"planner.agents.svc.cluster.local"',
    },
    {
      id: 'EVT-DEST-003', name: 'a sink URL has no host (`http:///x`)',
      manifests: [brokerManifest(), triggerManifest({ subscriber: { uri: 'http:///events' } })], path: 'manifest#1', field: 'spec.subscriber.uri', value: '"http:///events"',
    },
    {
      id: 'EVT-DEST-004', name: 'a sink ref has no apiVersion',
      build: (c) => new Broker(c, 'broker').addTrigger('t', { subscriber: Sink.ref({ apiVersion: '', kind: 'Service', name: 'planner' }) }),
      path: 'test/broker/t', field: 'spec.subscriber.ref.apiVersion', value: '""',
    },
    {
      id: 'EVT-DEST-004', name: 'a Trigger subscriber ref names `group` instead of apiVersion (the Trigger schema prunes `group`)',
      manifests: [brokerManifest(), triggerManifest({ subscriber: { ref: { group: 'serving.knative.dev', kind: 'Service', name: 'planner' } } })],
      path: 'manifest#1', field: 'spec.subscriber.ref.apiVersion', value: 'null', also: ['SCHEMA-001'],
    },
    {
      id: 'EVT-DEST-005', name: 'with kreference-group Enabled, a KafkaSource sink ref\'s apiVersion does not start with its group',
      manifests: [{
        apiVersion: 'sources.knative.dev/v1beta1', kind: 'KafkaSource', metadata: { name: 'tickets', namespace: 'agents' },
        spec: { bootstrapServers: ['kafka:9092'], topics: ['t'], consumerGroup: 'cg', sink: { ref: { group: 'eventing.knative.dev', apiVersion: 'v1', kind: 'KafkaSink', name: 'results' } } },
      }],
      settings: { eventing: { features: { kreferenceGroup: FeatureState.ENABLED } } },
      field: 'spec.sink.ref.apiVersion', value: '"v1"',
    },
    {
      id: 'EVT-DEST-006', name: 'CACerts is not PEM',
      manifests: [brokerManifest(), triggerManifest({ subscriber: { uri: 'https://planner.example.com', CACerts: 'abc' } })],
      path: 'manifest#1', field: 'spec.subscriber.CACerts', value: '"abc"',
    },
    {
      id: 'EVT-DEST-006', name: 'CACerts is an empty string (a set pointer: pem.Decode finds no block)',
      manifests: [brokerManifest(), triggerManifest({ subscriber: { uri: 'https://planner.example.com', CACerts: '' } })],
      path: 'manifest#1', field: 'spec.subscriber.CACerts', value: '""',
    },
    {
      id: 'EVT-DEST-006', name: 'CACerts has text after the END marker on its line (Go skips the block as malformed)',
      manifests: [brokerManifest(), triggerManifest({ subscriber: { uri: 'https://planner.example.com', CACerts: `${CERT_PEM.trim()} ` + 'x' } })],
      path: 'manifest#1', field: 'spec.subscriber.CACerts', value: '"-----BEGIN CERTIFICATE-----',
    },
    {
      id: 'EVT-DEST-006', name: 'CACerts starts with a private key block',
      manifests: [brokerManifest(), triggerManifest({ subscriber: { uri: 'https://planner.example.com', CACerts: `-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n${CERT_PEM}` } })],
      path: 'manifest#1', field: 'spec.subscriber.CACerts', value: '"-----BEGIN PRIVATE KEY-----',
    },
    {
      id: 'EVT-DEST-006', name: 'a ref with a relative URI still has its CACerts read (upstream skips only the ref checks)',
      manifests: [brokerManifest(), triggerManifest({ subscriber: { ref: { kind: 'Service', name: 'x' }, uri: '/events', CACerts: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' } })],
      path: 'manifest#1', field: 'spec.subscriber.CACerts', value: '"-----BEGIN PRIVATE KEY-----',
    },
    {
      id: 'EVT-DEST-007', name: 'a subscriber uri with a space after the host (Go\'s url.Parse refuses it)',
      manifests: [brokerManifest(), triggerManifest({ subscriber: { uri: 'http://planner.agents.svc.cluster.local ' } })],
      path: 'manifest#1', field: 'spec.subscriber.uri', value: '"http://planner.agents.svc.cluster.local "',
    },
    {
      id: 'EVT-DEST-007', name: 'a relative uri beside a ref with a bad escape',
      manifests: [brokerManifest(), triggerManifest({ subscriber: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'planner' }, uri: '/a%zz' } })],
      path: 'manifest#1', field: 'spec.subscriber.uri', value: '"/a%zz"', also: ['EVT-APP-002'],
    },
  ],
  passes: [
    {
      name: 'every delivery key written as null (absent: dropped by the API server, or a nil pointer to the webhook)',
      manifests: [brokerManifest(), triggerManifest({ delivery: { backoffDelay: null, backoffPolicy: null, timeout: null, retryAfterMax: null, format: null, retry: null, deadLetterSink: null } })],
    },
    {
      name: 'every delivery option, valid',
      build: (c) => new Broker(c, 'broker', {
        delivery: { retry: 0, backoffPolicy: BackoffPolicy.LINEAR, backoffDelay: Duration.millis(200), timeout: Duration.minutes(2), deadLetterSink: agent(c, 'dead-letters'), format: DeliveryFormat.JSON },
      }),
    },
    {
      name: 'retryAfterMax with delivery-retryafter Enabled',
      build: (c) => {
        profile(c, { eventingFeatures: { deliveryRetryAfter: FeatureState.ENABLED } });
        new Broker(c, 'broker', { delivery: { retryAfterMax: Duration.seconds(0) } });
      },
    },
    { name: 'ISO-8601 edge forms (P0 backoff, a negative backoff, one decimal, comma decimal)', manifests: [brokerManifest({ delivery: { backoffDelay: 'P0', retryAfterMax: 'PT1,5S' } }), brokerManifest({ delivery: { backoffDelay: '-PT1S', timeout: 'P1DT0.5S' } }, undefined, 'other')], settings: RETRY_AFTER_ON },
    { name: 'delivery keys in another case (Go matches names case-insensitively)', manifests: [brokerManifest({ delivery: { Retry: 2 } })] },
    { name: 'a broker delivery with `retry: 3` and `Retry: -2`: `retry` sorts last in the JSON the webhook gets, so it wins (found by the oracle)', manifests: [brokerManifest({ delivery: { retry: 3, Retry: -2 } })] },
    { name: 'a ref with a relative path', build: (c) => new Broker(c, 'broker').addTrigger('t', { subscriber: Sink.knativeService('planner', { path: '/events' }) }) },
    { name: 'a URL with a port and userinfo', manifests: [brokerManifest(), triggerManifest({ subscriber: { uri: 'http://user@planner.agents.svc:8080/x' } })] },
    { name: 'CACerts with a real certificate', manifests: [brokerManifest(), triggerManifest({ subscriber: { uri: 'https://planner.example.com', CACerts: CERT_PEM } })] },
    {
      name: 'CACerts as Go\'s pem.Decode reads it: text before, a PEM header, CRLF, a malformed block skipped before the certificate',
      manifests: [brokerManifest(), triggerManifest({
        subscriber: {
          uri: 'https://planner.example.com',
          CACerts: `our CA\n-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n${CERT_PEM.replace('-----\n', '-----\nComment: ops\n\n').replace(/\n/g, '\r\n')}`,
        },
      })],
    },
    { name: 'a ref with a relative URI skips the ref checks (upstream returns early)', manifests: [brokerManifest(), triggerManifest({ subscriber: { ref: { kind: 'Service', name: 'x' }, uri: '/path' } })] },
    { name: 'a ref with a relative URI and a real CA certificate', manifests: [brokerManifest(), triggerManifest({ subscriber: { ref: { kind: 'Service', name: 'x' }, uri: '/events', CACerts: CERT_PEM } })] },
    {
      name: 'a KafkaSource group ref with kreference-group Enabled',
      manifests: [{
        apiVersion: 'sources.knative.dev/v1beta1', kind: 'KafkaSource', metadata: { name: 'tickets', namespace: 'agents' },
        spec: { bootstrapServers: ['kafka:9092'], topics: ['t'], consumerGroup: 'cg', sink: { ref: { group: 'eventing.knative.dev', kind: 'KafkaSink', name: 'results' } } },
      }],
      settings: { eventing: { features: { kreferenceGroup: FeatureState.ENABLED } } },
    },
  ],
};
