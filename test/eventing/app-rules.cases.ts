// Rule cases of the app-wide eventing checks (EVT-APP-*).
import { Duration } from 'cdk8s';
import { AgentSequence, Broker, Invocation, PingTrigger, Sink } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { agent, brokerManifest, sequenceManifest, serviceRef, triggerManifest } from './fixtures';

const seqRef = (name: string) => ({ ref: { apiVersion: 'flows.knative.dev/v1', kind: 'Sequence', name } });
const brokerRef = (name: string) => ({ ref: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name } });
const ping = (sink: unknown) => ({ apiVersion: 'sources.knative.dev/v1', kind: 'PingSource', metadata: { name: 'nightly', namespace: 'agents' }, spec: { schedule: '0 2 * * *', sink } });

/** A KafkaSource into the agent, with an explicit consumer group. */
const kafkaSource = (name: string, consumerGroup: string | undefined, topics = ['tickets']) => ({
  apiVersion: 'sources.knative.dev/v1beta1', kind: 'KafkaSource', metadata: { name, namespace: 'agents' },
  spec: { bootstrapServers: ['kafka.kafka:9092'], topics, ...(consumerGroup ? { consumerGroup } : {}), sink: serviceRef('triage') },
});
const triageService = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'triage', namespace: 'agents' }, spec: { template: { spec: { containers: [{ image: 'ghcr.io/acme/triage:1.0.0' }] } } } };
/** A KEDA-scaled worker measuring the lag of `group` on `topic`. */
const kedaWorker = (group: string, topic: string) => ({
  apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'worker', namespace: 'agents', annotations: { 'agents.cdk8s.io/external-refs': 'Deployment/worker' } },
  spec: { scaleTargetRef: { name: 'worker' }, minReplicaCount: 1, triggers: [{ type: 'kafka', metadata: { bootstrapServers: 'kafka.kafka:9092', consumerGroup: group, topic, lagThreshold: '10' } }] },
});

/** The Service `triage` with a request timeout (unset: the cluster default, 300 s). */
const triageWithTimeout = (timeoutSeconds?: number) => ({
  ...triageService, metadata: { ...triageService.metadata, labels: { 'networking.knative.dev/visibility': 'cluster-local' } }, spec: { template: { spec: { ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }), containers: [{ image: 'ghcr.io/acme/triage:1.0.0' }] } } },
});

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'EVT-APP-006', name: 'a Trigger gives up before the agent\'s webhook timeout',
      build: (c) => new Broker(c, 'events').addTrigger('orders', {
        subscriber: agent(c, 'triage', { invocation: Invocation.webhook({ timeout: Duration.seconds(120) }) }), delivery: { timeout: Duration.seconds(30) },
      }),
      path: 'test/events/orders', field: 'spec.delivery.timeout', value: '"PT30S"',
    },
    {
      id: 'EVT-APP-006', name: 'a Sequence step gives up before the agent\'s default request timeout (300 s)',
      manifests: [triageWithTimeout(), sequenceManifest({ steps: [{ ...serviceRef('triage'), delivery: { timeout: 'PT1M' } }] })],
      path: 'manifest#1', field: 'spec.steps[0].delivery.timeout', value: '"PT1M"',
    },
    {
      id: 'EVT-APP-006', name: 'a KafkaSource gives up before the agent answers',
      manifests: [triageWithTimeout(60), { ...kafkaSource('a', 'triage'), spec: { ...kafkaSource('a', 'triage').spec, delivery: { timeout: 'PT10S' } } }],
      path: 'manifest#1', field: 'spec.delivery.timeout', value: '"PT10S"',
    },
    {
      id: 'EVT-APP-007', name: 'a Trigger waits longer than the agent may take',
      manifests: [brokerManifest(), triageWithTimeout(60), triggerManifest({ subscriber: serviceRef('triage'), delivery: { timeout: 'PT10M' } })],
      path: 'manifest#2', field: 'spec.delivery.timeout', value: '"PT10M"',
    },
    {
      id: 'EVT-APP-007', name: 'a Parallel branch waits longer than the cluster default request timeout',
      manifests: [triageWithTimeout(0), {
        apiVersion: 'flows.knative.dev/v1', kind: 'Parallel', metadata: { name: 'fan', namespace: 'agents' },
        spec: { channelTemplate: { apiVersion: 'messaging.knative.dev/v1', kind: 'InMemoryChannel' }, branches: [{ subscriber: serviceRef('triage'), delivery: { timeout: 'PT301S' } }] },
      }],
      path: 'manifest#1', field: 'spec.branches[0].delivery.timeout', value: '"PT301S"',
    },
    {
      id: 'EVT-APP-005', name: 'two KafkaSources consume one topic in one consumer group',
      manifests: [triageService, kafkaSource('a', 'triage'), kafkaSource('b', 'triage')], path: 'manifest#2', field: 'spec.consumerGroup', value: '"triage"',
    },
    {
      id: 'EVT-APP-005', name: 'a KafkaSource consumes in the group a KEDA worker consumes with',
      manifests: [triageService, kafkaSource('a', 'workers'), kedaWorker('workers', 'tickets')], path: 'manifest#2', field: 'spec.triggers[0].metadata.consumerGroup', value: '"workers"',
    },
    { id: 'EVT-APP-001', name: 'a Trigger names a broker that is not in the files', manifests: [triggerManifest()], field: 'spec.broker', value: '"events"' },
    {
      id: 'EVT-APP-002', name: 'a Trigger subscriber is a Service that is not in the app',
      manifests: [brokerManifest(), triggerManifest({ subscriber: serviceRef('fulfillment') })], path: 'manifest#1', field: 'spec.subscriber.ref.name', value: '"fulfillment"',
    },
    {
      id: 'EVT-APP-002', name: 'a Sequence step is a Sequence that is not in the app',
      manifests: [sequenceManifest({ steps: [seqRef('enrich')] })], field: 'spec.steps[0].ref.name', value: '"enrich"',
    },
    {
      id: 'EVT-APP-003', name: 'a Sequence replies into itself',
      build: (c) => new AgentSequence(c, 'pipeline', { steps: [agent(c)] }).addOverride('spec.reply', { ref: { apiVersion: 'flows.knative.dev/v1', kind: 'Sequence', name: 'pipeline' } }),
      path: 'test/pipeline', field: 'spec.reply.ref', value: '"Sequence/pipeline"',
    },
    {
      id: 'EVT-APP-003', name: 'a Sequence replies to a Broker whose unfiltered Trigger feeds the Sequence',
      build: (c) => {
        const broker = new Broker(c, 'events');
        const seq = new AgentSequence(c, 'pipeline', { steps: [agent(c)], reply: broker });
        broker.addTrigger('all', { subscriber: seq });
      },
      path: 'test/events/all', field: 'spec.subscriber.ref', value: '"Broker/events → Sequence/pipeline → Broker/events"',
    },
    {
      id: 'EVT-APP-003', name: 'a filtered Trigger sends into its own broker',
      manifests: [brokerManifest(), triggerManifest({ filter: { attributes: { type: 'a' } }, subscriber: brokerRef('events') })],
      path: 'manifest#1', field: 'spec.subscriber.ref', value: '"Broker/events"',
    },
    {
      id: 'EVT-APP-004', name: 'a Trigger filters on a type the PingSource into its broker never sends',
      build: (c) => {
        const broker = new Broker(c, 'events');
        new PingTrigger(c, 'nightly', { schedule: '0 2 * * *', sink: broker });
        broker.addTrigger('t', { subscriber: agent(c), filter: { type: 'dev.knative.source.ping' } });
      },
      path: 'test/events/t', field: 'spec.filter.attributes["type"]', value: '"dev.knative.source.ping"',
    },
    {
      id: 'EVT-APP-004', name: 'the filter never matches, and K_SINK of an agent names another Broker',
      manifests: [
        brokerManifest(), ping(brokerRef('events')), triggerManifest({ filter: { attributes: { type: 'dev.acme.ticket.triaged' } } }),
        {
          apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'triage', namespace: 'agents' },
          spec: { template: { spec: { containers: [{ image: 'ghcr.io/acme/triage:1.0.0', env: [{ name: 'K_SINK', value: 'http://broker-ingress.knative-eventing.svc.cluster.local/agents/audit' }] }] } } },
        },
      ],
      path: 'manifest#2', field: 'spec.filter.attributes["type"]', value: '"dev.acme.ticket.triaged"',
    },
    {
      id: 'EVT-APP-004', name: 'a `filters` prefix asks for resource events of a Reference-mode ApiServerSource',
      manifests: [
        brokerManifest(),
        { apiVersion: 'sources.knative.dev/v1', kind: 'ApiServerSource', metadata: { name: 'pods', namespace: 'agents' }, spec: { serviceAccountName: 'pod-watcher', resources: [{ apiVersion: 'v1', kind: 'Pod' }], sink: brokerRef('events') } },
        triggerManifest({ filters: [{ prefix: { type: 'dev.knative.apiserver.resource.' } }] }),
      ],
      path: 'manifest#2', field: 'spec.filters', value: '[{"prefix"',
    },
  ],
  passes: [
    {
      name: 'a Trigger whose delivery timeout is the agent\'s webhook timeout',
      build: (c) => new Broker(c, 'events').addTrigger('orders', {
        subscriber: agent(c, 'triage', { invocation: Invocation.webhook({ timeout: Duration.seconds(30) }) }), delivery: { timeout: Duration.seconds(30) },
      }),
    },
    { name: 'a Sequence step whose delivery timeout is the cluster default request timeout', manifests: [triageWithTimeout(), sequenceManifest({ steps: [{ ...serviceRef('triage'), delivery: { timeout: 'PT5M' } }] })] },
    { name: 'a Trigger without a delivery timeout', manifests: [brokerManifest(), triageWithTimeout(60), triggerManifest({ subscriber: serviceRef('triage') })] },
    {
      name: 'an agent that posts to the Broker (SinkBinding) may send the type a PingSource does not',
      build: (c) => {
        const broker = new Broker(c, 'events');
        new PingTrigger(c, 'nightly', { schedule: '0 2 * * *', sink: broker });
        agent(c, 'triage').publishTo(broker);
        broker.addTrigger('t', { subscriber: agent(c), filter: { type: 'dev.acme.ticket.triaged' } });
      },
    },
    {
      name: 'a hand-written agent with K_SINK set to the Broker ingress counts as a sender of unknown types',
      manifests: [
        brokerManifest(), ping(brokerRef('events')), triggerManifest({ filter: { attributes: { type: 'dev.acme.ticket.triaged' } } }),
        {
          apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'triage', namespace: 'agents' },
          spec: { template: { spec: { containers: [{ image: 'ghcr.io/acme/triage:1.0.0', env: [{ name: 'K_SINK', value: 'http://broker-ingress.knative-eventing.svc.cluster.local/agents/events' }] }] } } },
        },
      ],
    },
    { name: 'two KafkaSources in one group on different topics', manifests: [triageService, kafkaSource('a', 'triage', ['tickets']), kafkaSource('b', 'triage', ['orders'])] },
    { name: 'two KafkaSources on one topic, each in its own group', manifests: [triageService, kafkaSource('a', 'agents-a'), kafkaSource('b', 'agents-b')] },
    { name: 'a KEDA worker and a KafkaSource in the same group on different Kafka clusters', manifests: [triageService, { ...kafkaSource('a', 'workers'), spec: { ...kafkaSource('a', 'workers').spec, bootstrapServers: ['other-kafka.kafka:9092'] } }, kedaWorker('workers', 'tickets')] },
    { name: 'a trigger of an existing broker declared external', build: (c) => Broker.fromBrokerName(c, 'default', 'default').addTrigger('t', { subscriber: agent(c) }) },
    { name: 'an external subscriber declared by hand in a manifest', manifests: [brokerManifest(), triggerManifest({ subscriber: serviceRef('legacy') }, { annotations: { 'agents.cdk8s.io/external-refs': 'Broker/x,Service/legacy' } })] },
    { name: 'an external subscriber with Sink.knativeService', build: (c) => new AgentSequence(c, 'p', { steps: [Sink.knativeService('legacy', { namespace: 'other' })] }) },
    { name: 'manifests without namespaces resolve by name', manifests: [{ ...brokerManifest(), metadata: { name: 'events' } }, triggerManifest()] },
    {
      name: 'a filtered Trigger feeding a Sequence that replies into the broker (types change)',
      build: (c) => {
        const broker = new Broker(c, 'events');
        const seq = new AgentSequence(c, 'pipeline', { steps: [agent(c)], reply: broker });
        broker.addTrigger('only-requests', { subscriber: seq, filter: { type: 'dev.acme.request' } });
      },
    },
    {
      name: 'a filter that matches the ping type, and a broker with a sender of unknown types',
      manifests: [brokerManifest(), ping(brokerRef('events')), triggerManifest({ filter: { attributes: { type: 'dev.knative.sources.ping' } } }),
        sequenceManifest({ reply: brokerRef('events') }), triggerManifest({ filter: { attributes: { type: 'dev.acme.other' } } }, { name: 'other' })],
    },
  ],
};
