import { defineRules } from '../engine/rule';

// `E:` is knative/eventing at knative-v1.22.2. EVT-FLOW-006 keeps its flow
// id; it is here because only the app-wide check sees the step's visibility.

/** Rules over the whole set of objects (E:... behaviour at reconcile time). */
export const EVENTING_APP_RULES = defineRules({
  MISSING_BROKER: {
    id: 'EVT-APP-001',
    title: 'a Trigger\'s broker must be in the app, or declared external',
    why: 'A Trigger of a Broker that does not exist is accepted and stays not ready ("BrokerDoesNotExist"): its subscriber never receives an event.',
    fix: 'create the Broker in the app, or reference an existing one with `Broker.fromBrokerName(scope, id, name)` (which lists it in the Trigger\'s `agents.cdk8s.io/external-refs` annotation)',
    yamlFix: 'create the Broker, or declare it external: list `Broker/<name>` in the annotation `agents.cdk8s.io/external-refs` of the Trigger (or under `provided` in cdk8s-agents.yaml)',
    upstream: 'E:pkg/reconciler/broker/trigger/trigger.go#L106',
    effect: 'runtime',
  },
  MISSING_SINK: {
    id: 'EVT-APP-002',
    title: 'every sink reference must resolve to an object in the app, or be declared external',
    why: 'A sink, subscriber, reply or dead-letter sink that names a missing Knative Service, Broker, Sequence, Parallel or JobSink is accepted; the sender then stays not ready ("unable to resolve sink") and events are lost.',
    fix: 'create the object in the app, or reference an existing one with `Sink.knativeService(name)` / `Sink.ref(...)` / `Broker.fromBrokerName(...)`, which declare it in the `agents.cdk8s.io/external-refs` annotation',
    yamlFix: 'create the object, or declare it external: list `Kind/<name>` in the annotation `agents.cdk8s.io/external-refs` of the referring object (or under `provided` in cdk8s-agents.yaml)',
    upstream: 'E:vendor/knative.dev/pkg/resolver/addressable_resolver.go (URIFromDestinationV1)',
    effect: 'runtime',
  },
  LOOP: {
    id: 'EVT-APP-003',
    title: 'events must not cycle: a flow or broker that replies (or forwards every event) into itself loops',
    why: 'A Sequence or Parallel whose reply leads back into itself, or a Broker with an unfiltered Trigger into itself, re-delivers every event forever: unbounded load and cost.',
    fix: 'send the reply to another sink (a result handler), or filter the Trigger so its own output does not match',
    upstream: 'E:pkg/reconciler/sequence/sequence.go, parallel.go (reply wiring); broker ingress/filter (no loop detection)',
    effect: 'runtime',
  },
  FILTER_NEVER_MATCHES: {
    id: 'EVT-APP-004',
    title: 'a Trigger filter should match an event type the Broker\'s sources declare',
    why: 'When every sender of the Broker in the app declares its event types and none passes the filter, the Trigger never fires. (Events posted to the Broker from outside the app are not known here.)',
    fix: 'fix the type in the filter (e.g. `dev.knative.sources.ping`), or acknowledge the warning on the Trigger when other producers send that type',
    yamlFix: 'fix the type in the filter (e.g. `dev.knative.sources.ping`), or, when other producers send that type, acknowledge it in cdk8s-agents.yaml (`acknowledgements: [{ object: Trigger/<namespace>/<name>, rule: <rule id>, reason: ... }]`)',
    upstream: 'E:pkg/apis/sources/v1/ping_lifecycle.go#L50, E:pkg/apis/sources/constants.go#L21-50; Kafka source type dev.knative.kafka.event',
    effect: 'ignored',
    severity: 'warning',
    openWorld: 'events may be posted to the Broker from outside the app',
  },
  SHARED_CONSUMER_GROUP: {
    id: 'EVT-APP-005',
    title: 'two consumers should not share a Kafka consumer group on one topic',
    why: 'Kafka splits a topic\'s partitions among the members of a group: two KafkaSources with one `consumerGroup`, or a KafkaSource in the group a KEDA-scaled worker consumes with, each get only part of the messages. Both are accepted and run.',
    fix: 'give each consumer its own `consumerGroup` (a KafkaSource without one gets a unique group from the webhook)',
    upstream: 'Kafka consumer group protocol (partition assignment within a group); eventing-kafka-broker KafkaSource defaulting (a generated group when unset); KEDA kafka scaler (consumerGroup is the group it measures the lag of)',
    effect: 'altered',
    severity: 'warning',
  },
  DELIVERY_TIMEOUT_SHORT: {
    id: 'EVT-APP-006',
    title: 'a delivery timeout should not be shorter than the request timeout of the Knative Service it calls',
    why: 'The sender abandons the attempt at `delivery.timeout` and retries (or dead-letters) while the agent is still working on the first one: the agent does the work twice, and a slow answer is counted as a failure (knative/serving#12564, #15352).',
    fix: 'give the agent `invocation: Invocation.webhook({ timeout })` with the same duration as the delivery `timeout`, or raise the delivery `timeout` to the agent\'s; work longer than a request belongs in an AgentJob or behind a JobSink',
    yamlFix: 'set `delivery.timeout` (ISO-8601, e.g. `PT300S`) to the Service\'s `spec.template.spec.timeoutSeconds` (300 s when unset: config-defaults `revision-timeout-seconds`), or lower `timeoutSeconds` to the delivery timeout',
    upstream: 'E:pkg/apis/duck/v1/delivery_types.go (Timeout: per attempt); knative/serving v0.49.1 pkg/apis/serving/v1/revision_defaults.go (timeoutSeconds defaulted to revision-timeout-seconds)',
    effect: 'altered',
    severity: 'warning',
  },
  DELIVERY_TIMEOUT_LONG: {
    id: 'EVT-APP-007',
    title: 'a delivery timeout longer than the request timeout of the Knative Service it calls is never reached',
    why: 'Knative ends the request at the Service\'s `timeoutSeconds` (at most the cluster `max-revision-timeout-seconds`) and the sender sees a 504 and retries: the longer delivery timeout never ends an attempt, and a task that needs it never finishes.',
    fix: 'make the agent\'s `invocation` timeout and the delivery `timeout` equal; a task that needs longer than the cluster maximum belongs in an AgentJob or behind a JobSink',
    yamlFix: 'lower `delivery.timeout` to the Service\'s `spec.template.spec.timeoutSeconds` (300 s when unset), or raise `timeoutSeconds` (up to `max-revision-timeout-seconds`)',
    upstream: 'knative/serving v0.49.1 pkg/apis/serving/v1/revision_validation.go#L172-184 (timeoutSeconds ≤ max-revision-timeout-seconds); pkg/http/handler/timeout.go (the request ends at the revision timeout)',
    effect: 'altered',
    severity: 'warning',
  },
  PUBLIC_STEP: {
    id: 'EVT-FLOW-006',
    title: 'an agent that is a step or branch of a pipeline should be cluster-local',
    why: 'Only the pipeline\'s channel should call a step. A public agent can be called from outside the cluster, skipping the steps before it (and any EventPolicy on the pipeline).',
    fix: 'leave `visibility` at its default (Visibility.CLUSTER_LOCAL) for pipeline steps, or acknowledge the warning on the Sequence / Parallel when the agent also serves a public webhook',
    yamlFix: 'add the label `networking.knative.dev/visibility: cluster-local` to the agent\'s Service, or, when the agent also serves a public webhook, acknowledge it on the Sequence or Parallel in cdk8s-agents.yaml (`acknowledgements: [{ object: <Kind>/<namespace>/<name>, rule: <rule id>, reason: ... }]`)',
    upstream: 'design: cluster-local visibility for services that are only steps of a pipeline (DESIGN.md, house rules)',
    effect: 'exposed',
    severity: 'warning',
  },
});
