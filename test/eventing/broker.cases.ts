// Rule cases of Broker (EVT-META-001, EVT-BROKER-*).
import { Broker, BrokerClass, BrokerConfig } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { brokerManifest } from './fixtures';

const KAFKA = { 'eventing.knative.dev/broker.class': 'Kafka' };

export const CASES: RuleCases = {
  triggers: [
    // --- names
    { id: 'EVT-META-001', name: 'the Broker name has uppercase letters', build: (c) => new Broker(c, 'broker', { name: 'Events' }), path: 'test/broker', field: 'metadata.name', value: '"Events"' },
    { id: 'META-001', name: 'a hand-written Broker without a name or generateName (one finding: not EVT-META-001 too)', manifests: [{ ...brokerManifest(), metadata: { namespace: 'agents' } }], field: 'metadata.name', value: 'null' },
    { id: 'EVT-META-001', name: 'a hand-written Broker has a namespace with a dot', manifests: [{ ...brokerManifest(), metadata: { name: 'events', namespace: 'team.a' } }], field: 'metadata.namespace', value: '"team.a"' },
    // --- Broker
    {
      id: 'EVT-BROKER-001', name: 'the broker class annotation is empty',
      build: (c) => new Broker(c, 'broker', { annotations: { 'eventing.knative.dev/broker.class': '' } }),
      path: 'test/broker', field: 'metadata.annotations["eventing.knative.dev/broker.class"]', value: '""',
    },
    {
      id: 'EVT-BROKER-002', name: 'spec.config has no apiVersion',
      manifests: [brokerManifest({ config: { kind: 'ConfigMap', name: 'kafka-broker-config' } }, KAFKA)], field: 'spec.config.apiVersion', value: 'null',
    },
    {
      id: 'EVT-BROKER-003', name: 'a Kafka broker points at a Secret',
      manifests: [brokerManifest({ config: { apiVersion: 'v1', kind: 'Secret', name: 'kafka-broker-config' } }, KAFKA)], field: 'spec.config.kind', value: '"Secret"',
    },
    {
      id: 'EVT-BROKER-004', name: 'a KafkaNamespaced broker uses a config of knative-eventing',
      build: (c) => new Broker(c, 'broker', { brokerClass: BrokerClass.KAFKA_NAMESPACED, config: BrokerConfig.fromConfigMapName('kafka-broker-config', 'knative-eventing') }),
      path: 'test/broker', field: 'spec.config.namespace', value: '"knative-eventing"',
    },
    {
      id: 'EVT-BROKER-005', name: 'a Kafka broker has no config', build: (c) => new Broker(c, 'broker', { brokerClass: BrokerClass.KAFKA }),
      path: 'test/broker', field: 'spec.config', value: 'null',
    },
    {
      id: 'EVT-BROKER-006', name: 'the class annotation is `kafka` (lowercase)',
      build: (c) => new Broker(c, 'broker', { annotations: { 'eventing.knative.dev/broker.class': 'kafka' } }),
      path: 'test/broker', field: 'metadata.annotations["eventing.knative.dev/broker.class"]', value: '"kafka"',
    },
  ],
  passes: [
    { name: 'a hand-written Broker with a generateName and no name (the API server generates it)', manifests: [{ ...brokerManifest(), metadata: { generateName: 'events-', namespace: 'agents' } }] },
    { name: 'a Kafka broker with its config', build: (c) => new Broker(c, 'broker', { config: BrokerConfig.kafka({ bootstrapServers: ['kafka:9092'], numPartitions: 3, replicationFactor: 1 }) }) },
    { name: 'a KafkaNamespaced broker with a config in its own namespace', build: (c) => new Broker(c, 'broker', { brokerClass: BrokerClass.KAFKA_NAMESPACED, config: BrokerConfig.fromConfigMapName('kafka-config', 'agents') }) },
    { name: 'a Kafka broker config of kind `configmap` (the webhook compares case-insensitively)', manifests: [brokerManifest({ config: { apiVersion: 'v1', kind: 'configmap', name: 'kafka-broker-config' } }, KAFKA)] },
    { name: 'a broker without the class annotation (defaulted)', manifests: [brokerManifest({}, {})] },
  ],
};
