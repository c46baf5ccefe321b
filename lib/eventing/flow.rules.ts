import { defineRules } from '../engine/rule';

// Checked on the manifest. `E:` is knative/eventing at knative-v1.22.2, `K:` is
// knative-extensions/eventing-kafka-broker at knative-v1.22.3; ids in
// parentheses are those of ../shared/research/knative-eventing-rules.md.

/** What Sequence and Parallel share: the channel template. */
export const FLOW_RULES = defineRules({
  CHANNEL_TEMPLATE: {
    id: 'EVT-FLOW-002',
    title: 'a `channelTemplate` needs `apiVersion` and `kind`',
    why: 'The webhook rejects a channel template without them.',
    fix: 'use `channel: ChannelTemplate.inMemory()` or `ChannelTemplate.kafka({...})`',
    yamlFix: 'set `spec.channelTemplate` to `{ apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel }` (or `messaging.knative.dev/v1beta1` `KafkaChannel`)',
    upstream: 'E:pkg/apis/flows/v1/sequence_validation.go#L43-49, parallel_validation.go#L50-61; E:pkg/apis/messaging/v1/channel_validation.go#L62-71 (SQ3, PA5)',
    effect: 'reject',
  },
  KAFKA_CHANNEL_SPEC: {
    id: 'EVT-FLOW-005',
    title: 'a KafkaChannel template needs numPartitions > 0, replicationFactor > 0 and an ISO-8601 retentionDuration ≥ 0',
    why: 'The flow controller creates the channel from the template; the Kafka webhook rejects these values then, and the Sequence or Parallel never becomes ready.',
    fix: 'pass `ChannelTemplate.kafka({ numPartitions: 3, replicationFactor: 3, retention: Duration.days(7) })`',
    yamlFix: 'set `spec.channelTemplate.spec` to `numPartitions: 3`, `replicationFactor: 3` and `retentionDuration: P7D` (ISO-8601)',
    upstream: 'K:control-plane/pkg/apis/messaging/v1beta1/kafka_channel_validation.go#L59-73 (KC1-KC3)',
    effect: 'runtime',
  },
});
