import { defineRules } from '../engine/rule';

// Checked on the manifest. `E:` is knative/eventing at knative-v1.22.2, `K:` is
// knative-extensions/eventing-kafka-broker at knative-v1.22.3; ids in
// parentheses are those of ../shared/research/knative-eventing-rules.md.

/** `eventing.knative.dev/v1` Trigger (its filters: FILTER_RULES in filters.ts). */
export const TRIGGER_RULES = defineRules({
  TRIGGER_NO_BROKER: {
    id: 'EVT-TRIGGER-001',
    title: 'a Trigger needs `spec.broker` (or `spec.brokerRef`)',
    why: 'The webhook rejects a Trigger without a broker ("missing field(s): spec.broker").',
    fix: 'create it with `broker.addTrigger(...)`, or name the broker in `spec.broker`',
    yamlFix: 'name the Broker in `spec.broker`',
    upstream: 'E:pkg/apis/eventing/v1/trigger_validation.go#L61-62 (T1)',
    effect: 'reject',
  },
  TRIGGER_BOTH_BROKERS: {
    id: 'EVT-TRIGGER-002',
    title: 'a Trigger sets either `spec.broker` or `spec.brokerRef`, not both',
    why: 'The webhook rejects both ("expected exactly one, got both").',
    fix: 'keep `spec.broker`',
    upstream: 'E:pkg/apis/eventing/v1/trigger_validation.go#L63-64 (T2)',
    effect: 'reject',
  },
  TRIGGER_CROSS_NAMESPACE: {
    id: 'EVT-TRIGGER-003',
    title: '`spec.brokerRef.namespace` needs the eventing flag `cross-namespace-event-links` Enabled',
    why: 'With the flag not Enabled (the default) the webhook rejects a broker in another namespace.',
    fix: 'put the Trigger in the Broker\'s namespace, or enable `cross-namespace-event-links` in the eventing config-features ConfigMap (ClusterProfile `eventingFeatures.crossNamespaceEventLinks`)',
    yamlFix: 'put the Trigger in the Broker\'s namespace (remove `spec.brokerRef.namespace`), or set `cross-namespace-event-links: Enabled` in ConfigMap `config-features` of knative-eventing (check reads it from `cluster.configMapFiles` in cdk8s-agents.yaml)',
    upstream: 'E:pkg/apis/eventing/v1/trigger_validation.go#L67-73 (T3)',
    effect: 'reject',
  },

  TRIGGER_DEPENDENCY: {
    id: 'EVT-TRIGGER-008',
    title: 'the `knative.dev/dependency` annotation must be a JSON object reference with kind, name and apiVersion, in the Trigger\'s namespace',
    why: 'The webhook parses the annotation and rejects other JSON or a missing field.',
    fix: 'write e.g. `{"kind":"PingSource","name":"nightly","apiVersion":"sources.knative.dev/v1"}`',
    upstream: 'E:pkg/apis/eventing/v1/trigger_validation.go#L44, #L123-154 (T9)',
    effect: 'reject',
  },
  TRIGGER_INJECTION: {
    id: 'EVT-TRIGGER-009',
    title: 'the `eventing.knative.dev/injection` annotation is `enabled` or `disabled`, and only on Triggers of the broker `default`',
    why: 'The webhook rejects other values, and the annotation on a Trigger of any other broker.',
    fix: 'remove the annotation, or use it only with `spec.broker: default`',
    upstream: 'E:pkg/apis/eventing/v1/trigger_validation.go#L45, #L156-170 (T10)',
    effect: 'reject',
  },
  TRIGGER_BROKER_LABEL: {
    id: 'EVT-TRIGGER-010',
    title: 'the Trigger\'s broker name must fit in a label value (at most 63 characters)',
    why: 'The defaulting webhook copies `spec.broker` into the label `eventing.knative.dev/broker`; a longer name makes the label invalid and the API server rejects the Trigger.',
    fix: 'give the Broker a name of at most 63 characters',
    upstream: 'E:pkg/apis/eventing/v1/trigger_defaults.go#L47-59',
    effect: 'reject',
  },
});
