import { defineRules } from '../engine/rule';

// Checked on the manifest. `E:` is knative/eventing at knative-v1.22.2, `K:` is
// knative-extensions/eventing-kafka-broker at knative-v1.22.3; ids in
// parentheses are those of ../shared/research/knative-eventing-rules.md.

/** `flows.knative.dev/v1` Sequence (its channel template: FLOW_RULES). */
export const SEQUENCE_RULES = defineRules({
  NO_STEPS: {
    id: 'EVT-FLOW-001',
    title: 'a Sequence needs at least one step',
    why: 'The webhook rejects `spec.steps: []` ("missing field(s): spec.steps").',
    fix: 'pass at least one sink in `steps`',
    yamlFix: 'list at least one step (a destination) in `spec.steps`',
    upstream: 'E:pkg/apis/flows/v1/sequence_validation.go#L33-35 (SQ1)',
    effect: 'reject',
  },
});
