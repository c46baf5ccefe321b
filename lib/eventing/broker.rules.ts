import { defineRules } from '../engine/rule';

// Checked on the manifest. `E:` is knative/eventing at knative-v1.22.2, `K:` is
// knative-extensions/eventing-kafka-broker at knative-v1.22.3; ids in
// parentheses are those of ../shared/research/knative-eventing-rules.md.

/** `eventing.knative.dev/v1` Broker. */
export const BROKER_RULES = defineRules({
  BROKER_CLASS_EMPTY: {
    id: 'EVT-BROKER-001',
    title: 'the `eventing.knative.dev/broker.class` annotation must not be empty',
    why: 'The defaulting webhook only fills the annotation in when the key is absent; an empty value is rejected ("missing field(s): eventing.knative.dev/broker.class").',
    fix: 'use the `brokerClass` prop (BrokerClass.MT_CHANNEL_BASED or BrokerClass.KAFKA), or leave the annotation out',
    yamlFix: 'set the `eventing.knative.dev/broker.class` annotation to `MTChannelBasedBroker` or `Kafka`, or remove it',
    upstream: 'E:pkg/apis/eventing/v1/broker_validation.go#L41-44 (B1)',
    effect: 'reject',
  },
  BROKER_CONFIG_REF: {
    id: 'EVT-BROKER-002',
    title: 'a Broker `spec.config` needs `apiVersion`, `kind` and `name`',
    why: 'The webhook validates it as a KReference and rejects a missing field.',
    fix: 'use `config: BrokerConfig.kafka({...})` or `BrokerConfig.fromConfigMapName(name)`',
    yamlFix: 'give `spec.config` all of `apiVersion: v1`, `kind: ConfigMap` and `name` (and `namespace`)',
    upstream: 'E:pkg/apis/eventing/v1/broker_validation.go#L81-86 (B2), KREF#L58-90',
    effect: 'reject',
  },
  KAFKA_CONFIG_KIND: {
    id: 'EVT-BROKER-003',
    title: 'a Kafka-class Broker\'s `spec.config` must be a ConfigMap',
    why: 'The Kafka webhook rejects any other kind ("Expected ConfigMap").',
    fix: 'point `config` at the ConfigMap that holds `bootstrap.servers` (`BrokerConfig.kafka({...})` renders one)',
    yamlFix: 'point `spec.config` at the ConfigMap (`apiVersion: v1`, `kind: ConfigMap`) that holds `bootstrap.servers`',
    upstream: 'K:control-plane/pkg/apis/eventing/v1/broker_validation.go#L76-79 (KB1)',
    effect: 'reject',
  },
  KAFKA_NAMESPACED_CONFIG: {
    id: 'EVT-BROKER-004',
    title: 'a `KafkaNamespaced` Broker\'s config must be in the Broker\'s namespace',
    why: 'The Kafka webhook rejects a `spec.config.namespace` other than the Broker\'s for the namespaced class.',
    fix: 'create the config ConfigMap in the Broker\'s namespace, or use BrokerClass.KAFKA',
    yamlFix: 'create the config ConfigMap in the Broker\'s namespace, or set the `eventing.knative.dev/broker.class` annotation to `Kafka`',
    upstream: 'K:control-plane/pkg/apis/eventing/v1/broker_validation.go#L81-89 (KB2)',
    effect: 'reject',
  },
  KAFKA_WITHOUT_CONFIG: {
    id: 'EVT-BROKER-005',
    title: 'a Kafka-class Broker without `spec.config` gets the channel-broker default config',
    why: 'With the shipped config-br-defaults the defaulting webhook sets `spec.config` to config-br-default-channel, which has no `bootstrap.servers`: the Kafka broker controller cannot create the topic and the Broker stays not ready.',
    fix: 'pass `config: BrokerConfig.kafka({ bootstrapServers: [...] })` (or the name of an existing Kafka broker ConfigMap)',
    yamlFix: 'set `spec.config` to `{ apiVersion: v1, kind: ConfigMap, name: <Kafka broker config>, namespace: ... }` (a ConfigMap with `bootstrap.servers`)',
    upstream: 'E:pkg/apis/eventing/v1/broker_defaults.go#L30-67; K:control-plane/pkg/kafka/topic.go#L87-131 (§3.1 pitfalls)',
    effect: 'runtime',
    severity: 'warning',
    openWorld: `the cluster's config-br-defaults may give Kafka-class Brokers a config with bootstrap servers`,
  },
  UNKNOWN_CLASS: {
    id: 'EVT-BROKER-006',
    title: 'the Broker class is not one a Knative installation ships (MTChannelBasedBroker, Kafka, KafkaNamespaced)',
    why: 'Each broker controller reconciles only its own class; a Broker of another class (a typo such as `kafka`) is accepted and then never becomes ready.',
    fix: 'use the `brokerClass` prop; acknowledge the warning if the cluster runs a third-party broker of that class',
    yamlFix: 'set the `eventing.knative.dev/broker.class` annotation to `MTChannelBasedBroker`, `Kafka` or `KafkaNamespaced`; if the cluster runs a third-party broker of that class, acknowledge it in cdk8s-agents.yaml (`acknowledgements: [{ object: Broker/<namespace>/<name>, rule: <rule id>, reason: ... }]`)',
    upstream: 'E:pkg/reconciler/broker/controller.go (class filter); K:control-plane/pkg/reconciler/broker/controller.go',
    effect: 'runtime',
    severity: 'warning',
    openWorld: `a broker implementation outside Knative (RabbitMQ's, a vendor's) may reconcile its own class`,
  },
});
