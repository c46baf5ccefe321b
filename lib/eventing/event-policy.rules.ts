import { defineRules } from '../engine/rule';

// Checked on the manifest. `E:` is knative/eventing at knative-v1.22.2, `K:` is
// knative-extensions/eventing-kafka-broker at knative-v1.22.3; ids in
// parentheses are those of ../shared/research/knative-eventing-rules.md.

/** `eventing.knative.dev/v1alpha1` EventPolicy. */
export const EVENT_POLICY_RULES = defineRules({
  POLICY_OIDC: {
    id: 'EVT-POLICY-001',
    title: 'an EventPolicy needs the eventing flag `authentication-oidc` Enabled',
    why: 'The webhook rejects creating (or changing the spec of) an EventPolicy while OIDC authentication is off ("oidc-authentication feature not enabled"); it is Disabled by default.',
    fix: 'set `authentication-oidc: "Enabled"` in the config-features ConfigMap of knative-eventing and declare it (ClusterProfile `eventingFeatures.authenticationOidc`), or remove the EventPolicy',
    yamlFix: 'set `authentication-oidc: Enabled` in ConfigMap `config-features` of knative-eventing (check reads it from `cluster.configMapFiles` in cdk8s-agents.yaml), or remove the EventPolicy',
    upstream: 'E:pkg/apis/eventing/v1alpha1/eventpolicy_validation.go#L28-36',
    effect: 'reject',
  },
  POLICY_TRANSPORT: {
    id: 'EVT-POLICY-002',
    title: 'an EventPolicy needs the eventing flag `transport-encryption` Permissive or Strict',
    why: 'Sender identity is an OIDC token in each request; without transport encryption the tokens travel in clear text inside the cluster and can be replayed, so Knative documents transport-encryption as a prerequisite of authorization.',
    fix: 'set `transport-encryption: "Strict"` (or "Permissive") in the config-features ConfigMap of knative-eventing and declare it (ClusterProfile `transportEncryption`)',
    yamlFix: 'set `transport-encryption: Strict` (or `Permissive`) in ConfigMap `config-features` of knative-eventing (check reads it from `cluster.configMapFiles` in cdk8s-agents.yaml)',
    upstream: 'knative.dev/docs/eventing/features/authorization (Prerequisites); E:pkg/apis/feature/features.go#L38-48',
    effect: 'runtime',
  },
  POLICY_FROM_ONE_OF: {
    id: 'EVT-POLICY-003',
    title: 'each EventPolicy `from` entry sets exactly one of `ref` and `sub`',
    why: 'The webhook rejects an entry with neither or both.',
    fix: 'use `EventPolicyFrom.ref(...)` or `EventPolicyFrom.serviceAccount(...)` / `.subject(...)`',
    yamlFix: 'give each `spec.from` entry either `ref` (`{ apiVersion, kind, name, namespace }`) or `sub` (e.g. `system:serviceaccount:agents:sender`), not both',
    upstream: 'E:pkg/apis/eventing/v1alpha1/eventpolicy_validation.go#L42-47',
    effect: 'reject',
  },
  POLICY_REF_FIELDS: {
    id: 'EVT-POLICY-004',
    title: 'EventPolicy `from.ref` and `to.ref` need `apiVersion`, `kind` and `name`',
    why: 'The webhook rejects a reference without them ("missing field(s)").',
    fix: 'reference the object through its construct, or give all three fields',
    yamlFix: 'give the `ref` all of `apiVersion`, `kind` and `name`',
    upstream: 'E:pkg/apis/eventing/v1alpha1/eventpolicy_validation.go#L83-113',
    effect: 'reject',
  },
  POLICY_TO_ONE_OF: {
    id: 'EVT-POLICY-005',
    title: 'each EventPolicy `to` entry sets exactly one of `ref` and `selector`',
    why: 'The webhook rejects an entry with neither or both.',
    fix: 'pass the sink to protect as `to`',
    yamlFix: 'give each `spec.to` entry either `ref` (the sink to protect) or `selector`, not both',
    upstream: 'E:pkg/apis/eventing/v1alpha1/eventpolicy_validation.go#L53-58',
    effect: 'reject',
  },
  POLICY_SUB_WILDCARD: {
    id: 'EVT-POLICY-006',
    title: 'an EventPolicy `sub` may use `*` only as its last character',
    why: 'The webhook rejects a wildcard anywhere else ("\'*\' is only allowed as suffix").',
    fix: 'write a prefix match such as `system:serviceaccount:agents:*`',
    upstream: 'E:pkg/apis/eventing/v1alpha1/eventpolicy_validation.go#L69-81',
    effect: 'reject',
  },
  POLICY_NOT_ENFORCED: {
    id: 'EVT-POLICY-007',
    title: 'the EventPolicy\'s target is a kind that enforces no EventPolicy',
    why: 'In Knative 1.22 only eventing-owned sinks (Broker, Channel, InMemoryChannel, KafkaChannel, Sequence, Parallel, JobSink, EventTransform, IntegrationSink, KafkaSink) check EventPolicies; a policy naming a Knative Service is accepted and changes nothing.',
    fix: 'protect the agent\'s entry point instead (its Broker, Sequence or JobSink), or restrict who reaches the agent on the network (its `senders` list the allowed callers); acknowledge the warning to keep the policy as documentation',
    yamlFix: 'point `spec.to` at the agent\'s entry point instead (its Broker, Sequence or JobSink), or restrict who reaches the agent with a NetworkPolicy; to keep the policy as documentation, acknowledge it in cdk8s-agents.yaml (`acknowledgements: [{ object: EventPolicy/<namespace>/<name>, rule: <rule id>, reason: ... }]`)',
    upstream: 'E:pkg/auth/event_policy.go#L50 callers: pkg/reconciler/{broker,channel,inmemorychannel,sequence,parallel,jobsink,eventtransform,integration/sink}',
    effect: 'ignored',
    severity: 'warning',
    openWorld: 'a sink kind from outside Knative may check EventPolicies too: only the kinds Knative ships are known',
  },
  POLICY_NO_FROM: {
    id: 'EVT-POLICY-008',
    title: 'an EventPolicy with no `from` entry lets no one send',
    why: 'The allowed subjects are the union of the `from` entries; with none, every request to the target is refused (HTTP 403) while OIDC is on.',
    fix: 'wire senders to the target (triggers, sources, flows), or pass `from` (e.g. `EventPolicyFrom.serviceAccount(...)`)',
    yamlFix: 'wire senders to the target (triggers, sources, flows), or list them in `spec.from` (e.g. `{ sub: "system:serviceaccount:agents:sender" }`)',
    upstream: 'E:pkg/auth/event_policy.go#L177-220; E:pkg/auth/verifier.go (no matching subject)',
    effect: 'ignored',
    severity: 'warning',
    openWorld: 'shutting the target to every sender may be what was meant: the library cannot tell',
  },
});
