// Rule cases of AgentSequence (EVT-FLOW-*).
import { Duration } from 'cdk8s';
import { AgentSequence, ChannelTemplate, SequenceStep, Visibility } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { agent, sequenceManifest } from './fixtures';

export const CASES: RuleCases = {
  triggers: [
    { id: 'EVT-FLOW-001', name: 'a Sequence has no steps', build: (c) => new AgentSequence(c, 'pipeline', { steps: [] }), path: 'test/pipeline', field: 'spec.steps', value: '[]' },
    {
      id: 'EVT-FLOW-002', name: 'the channel template has no apiVersion',
      manifests: [sequenceManifest({ channelTemplate: { kind: 'InMemoryChannel' } })], field: 'spec.channelTemplate.apiVersion', value: 'null',
    },
    {
      id: 'EVT-FLOW-005', name: 'a KafkaChannel template has 0 partitions',
      build: (c) => new AgentSequence(c, 'pipeline', { steps: [agent(c)], channel: ChannelTemplate.kafka({ numPartitions: 0 }) }),
      path: 'test/pipeline', field: 'spec.channelTemplate.spec.numPartitions', value: '0',
    },
    {
      id: 'EVT-FLOW-005', name: 'a KafkaChannel retention is `7d`',
      manifests: [sequenceManifest({ channelTemplate: { apiVersion: 'messaging.knative.dev/v1beta1', kind: 'KafkaChannel', spec: { retentionDuration: '7d' } } })],
      field: 'spec.channelTemplate.spec.retentionDuration', value: '"7d"',
    },
    {
      id: 'EVT-FLOW-006', name: 'a public agent is a step',
      build: (c) => new AgentSequence(c, 'pipeline', { steps: [agent(c, 'search', { visibility: Visibility.PUBLIC })] }),
      path: 'test/pipeline', field: 'spec.steps[0].ref.name', value: '"search"',
    },
    // Delivery and destinations of steps and branches use the shared rules.
    {
      id: 'EVT-DELIVERY-001', name: 'a step\'s own delivery retries -1 times',
      build: (c) => new AgentSequence(c, 'pipeline', { steps: [SequenceStep.of(agent(c), { delivery: { retry: -1 } })] }),
      path: 'test/pipeline', field: 'spec.steps[0].delivery.retry', value: '-1',
    },
  ],
  passes: [
    {
      name: 'a Sequence of cluster-local agents on Kafka channels with per-step delivery',
      build: (c) => new AgentSequence(c, 'pipeline', {
        steps: [agent(c, 'a'), SequenceStep.of(agent(c, 'b'), { delivery: { retry: 5 } })],
        reply: agent(c, 'handler', { visibility: Visibility.PUBLIC }),
        delivery: { retry: 2, timeout: Duration.minutes(5) },
        channel: ChannelTemplate.kafka({ numPartitions: 3, replicationFactor: 3, retention: Duration.days(7) }),
      }),
    },
    { name: 'a Sequence without channelTemplate (defaulted)', manifests: [{ ...sequenceManifest(), spec: { steps: [{ uri: 'http://a.agents.svc' }] } }] },
    { name: 'a public step acknowledged', build: (c) => new AgentSequence(c, 'p', { steps: [agent(c, 'web', { visibility: Visibility.PUBLIC })] }).acknowledge('EVT-FLOW-006', 'the agent also serves a public webhook') },
  ],
};
