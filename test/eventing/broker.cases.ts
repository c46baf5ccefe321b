// Rule cases of Broker and Trigger (EVT-META-001, EVT-BROKER-*, EVT-TRIGGER-*).
import { Broker, BrokerClass, BrokerConfig, EventFilter, FeatureState, Sink } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { agent, brokerManifest, triggerManifest } from './fixtures';

const KAFKA = { 'eventing.knative.dev/broker.class': 'Kafka' };

export const CASES: RuleCases = {
  triggers: [
    // --- names
    { id: 'EVT-META-001', name: 'the Broker name has uppercase letters', build: (c) => new Broker(c, 'broker', { name: 'Events' }), path: 'test/broker', field: 'metadata.name', value: '"Events"' },
    {
      id: 'EVT-META-001', name: 'the Trigger name has an underscore',
      build: (c) => new Broker(c, 'broker').addTrigger('t', { name: 'on_order', subscriber: agent(c) }),
      path: 'test/broker/t', field: 'metadata.name', value: '"on_order"',
    },
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
    // --- Trigger
    { id: 'EVT-TRIGGER-001', name: 'a Trigger has no broker', manifests: [triggerManifest({ broker: undefined })], field: 'spec.broker', value: 'null' },
    {
      id: 'EVT-TRIGGER-002', name: 'a Trigger sets broker and brokerRef',
      manifests: [brokerManifest(), triggerManifest({ brokerRef: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name: 'events' } })],
      path: 'manifest#1', field: 'spec.brokerRef', value: '{"apiVersion"',
    },
    {
      id: 'EVT-TRIGGER-003', name: 'a brokerRef names another namespace while cross-namespace-event-links is Disabled',
      manifests: [{ ...brokerManifest(), metadata: { name: 'events', namespace: 'shared' } },
        triggerManifest({ broker: undefined, brokerRef: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name: 'events', namespace: 'shared' } })],
      path: 'manifest#1', field: 'spec.brokerRef.namespace', value: '"shared"',
    },
    {
      id: 'EVT-TRIGGER-004', name: 'a filter attribute is `agent_id`',
      build: (c) => new Broker(c, 'broker').addTrigger('t', { subscriber: agent(c), filter: { agent_id: 'planner' } }),
      path: 'test/broker/t', field: 'spec.filter.attributes["agent_id"]', value: '"agent_id"',
    },
    {
      id: 'EVT-TRIGGER-004', name: 'an exact filter attribute is `Type`',
      build: (c) => new Broker(c, 'broker').addTrigger('t', { subscriber: agent(c), filters: [EventFilter.exact({ Type: 'dev.acme.order.placed' })] }),
      path: 'test/broker/t', field: 'spec.filters[0].exact["Type"]', value: '"Type"',
    },
    {
      id: 'EVT-TRIGGER-004', name: 'a nested `not` filter has `agentId`',
      manifests: [brokerManifest(), triggerManifest({ filters: [{ all: [{ not: { prefix: { agentId: 'a' } } }] }] })],
      path: 'manifest#1', field: 'spec.filters[0].all[0].not.prefix["agentId"]', value: '"agentId"',
    },
    {
      id: 'EVT-TRIGGER-005', name: 'a filters entry sets exact and prefix',
      manifests: [brokerManifest(), triggerManifest({ filters: [{ exact: { type: 'a' }, prefix: { source: 'b' } }] })],
      path: 'manifest#1', field: 'spec.filters[0]', value: '["exact","prefix"]',
    },
    {
      id: 'EVT-TRIGGER-006', name: 'a CESQL filter uses `==`',
      build: (c) => new Broker(c, 'broker').addTrigger('t', { subscriber: agent(c), filters: [EventFilter.cesql("type == 'dev.acme.order.placed'")] }),
      path: 'test/broker/t', field: 'spec.filters[0].cesql', value: '"type == \'dev.acme.order.placed\'"',
    },
    {
      id: 'EVT-TRIGGER-006', name: 'a CESQL filter ends after AND',
      manifests: [brokerManifest(), triggerManifest({ filters: [{ cesql: "type = 'a' AND" }] })], path: 'manifest#1', field: 'spec.filters[0].cesql', value: '"type = \'a\' AND"',
    },
    {
      id: 'EVT-TRIGGER-006', name: 'a CESQL LIKE has no pattern',
      manifests: [brokerManifest(), triggerManifest({ filters: [{ cesql: 'source LIKE' }] })], path: 'manifest#1', field: 'spec.filters[0].cesql', value: '"source LIKE"',
    },
    {
      id: 'EVT-TRIGGER-007', name: 'a Trigger spec has `filterz`',
      manifests: [brokerManifest(), triggerManifest({ filterz: [{ exact: { type: 'a' } }] })], path: 'manifest#1', field: 'spec.filterz', value: '[{"exact"',
    },
    {
      id: 'EVT-TRIGGER-008', name: 'the dependency annotation is not JSON',
      manifests: [brokerManifest(), triggerManifest({}, { annotations: { 'knative.dev/dependency': 'ping-source' } })],
      path: 'manifest#1', field: 'metadata.annotations["knative.dev/dependency"]', value: '"ping-source"',
    },
    {
      id: 'EVT-TRIGGER-008', name: 'the dependency annotation has no apiVersion',
      manifests: [brokerManifest(), triggerManifest({}, { annotations: { 'knative.dev/dependency': '{"kind":"PingSource","name":"nightly"}' } })],
      path: 'manifest#1', field: 'metadata.annotations["knative.dev/dependency"]', value: '"{\\"kind\\":\\"PingSource\\"',
    },
    {
      id: 'EVT-TRIGGER-009', name: 'the injection annotation is on a Trigger of a broker other than `default`',
      manifests: [brokerManifest(), triggerManifest({}, { annotations: { 'eventing.knative.dev/injection': 'enabled' } })],
      path: 'manifest#1', field: 'metadata.annotations["eventing.knative.dev/injection"]', value: '"enabled"',
    },
    {
      id: 'EVT-TRIGGER-009', name: 'the injection annotation is `true`',
      manifests: [brokerManifest({}, undefined, 'default'), triggerManifest({ broker: 'default' }, { annotations: { 'eventing.knative.dev/injection': 'true' } })],
      path: 'manifest#1', field: 'metadata.annotations["eventing.knative.dev/injection"]', value: '"true"',
    },
    {
      id: 'EVT-TRIGGER-010', name: 'the broker name is 64 characters',
      build: (c) => new Broker(c, 'broker', { name: `b${'x'.repeat(63)}` }).addTrigger('t', { subscriber: agent(c) }),
      path: 'test/broker/t', field: 'spec.broker', value: `"b${'x'.repeat(63)}"`,
    },
  ],
  passes: [
    { name: 'a default broker with a trigger', build: (c) => new Broker(c, 'broker').addTrigger('t', { subscriber: agent(c), filter: { type: 'dev.acme.order.placed', agentid: 'a1' } }) },
    { name: 'a broker name of 63 characters', build: (c) => new Broker(c, 'broker', { name: `b${'x'.repeat(62)}` }).addTrigger('t', { subscriber: agent(c) }) },
    { name: 'a Kafka broker with its config', build: (c) => new Broker(c, 'broker', { config: BrokerConfig.kafka({ bootstrapServers: ['kafka:9092'], numPartitions: 3, replicationFactor: 1 }) }) },
    { name: 'a KafkaNamespaced broker with a config in its own namespace', build: (c) => new Broker(c, 'broker', { brokerClass: BrokerClass.KAFKA_NAMESPACED, config: BrokerConfig.fromConfigMapName('kafka-config', 'agents') }) },
    { name: 'a Kafka broker config of kind `configmap` (the webhook compares case-insensitively)', manifests: [brokerManifest({ config: { apiVersion: 'v1', kind: 'configmap', name: 'kafka-broker-config' } }, KAFKA)] },
    { name: 'a broker without the class annotation (defaulted)', manifests: [brokerManifest({}, {})] },
    {
      name: 'every filter dialect, valid CESQL with functions, IN, NOT LIKE, EXISTS',
      build: (c) => new Broker(c, 'broker').addTrigger('t', {
        subscriber: agent(c),
        filters: [
          EventFilter.all(EventFilter.prefix({ type: 'dev.acme.' }), EventFilter.suffix({ source: '/orders' })),
          EventFilter.any(EventFilter.exact({ type: 'a' }), EventFilter.not(EventFilter.exact({ type: 'b' }))),
          EventFilter.cesql("(type = 'a' OR type <> \"b\") AND NOT source LIKE '%/test/%' AND subject IN ('x', 'y') AND EXISTS agentid AND LENGTH(id) > 3 AND IS_INT(priority) AND priority * 2 >= -1"),
        ],
      }),
    },
    { name: 'a trigger of an existing broker, and an existing subscriber', build: (c) => Broker.fromBrokerName(c, 'shared', 'default').addTrigger('t', { subscriber: Sink.knativeService('legacy-agent') }) },
    { name: 'the injection annotation on a Trigger of `default`', manifests: [brokerManifest({}, undefined, 'default'), triggerManifest({ broker: 'default' }, { annotations: { 'eventing.knative.dev/injection': 'disabled' } })] },
    {
      name: 'a complete dependency annotation, and a brokerRef in another namespace with the flag Enabled',
      manifests: [
        { ...brokerManifest(), metadata: { name: 'events', namespace: 'shared' } },
        triggerManifest({ broker: undefined, brokerRef: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name: 'events', namespace: 'shared' } },
          { annotations: { 'knative.dev/dependency': '{"kind":"PingSource","name":"nightly","apiVersion":"sources.knative.dev/v1","namespace":"agents"}' } }),
      ],
      settings: { eventing: { features: { crossNamespaceEventLinks: FeatureState.ENABLED } } },
    },
  ],
};
