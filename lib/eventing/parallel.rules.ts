import { defineRules } from '../engine/rule';

// Checked on the manifest. `E:` is knative/eventing at knative-v1.22.2, `K:` is
// knative-extensions/eventing-kafka-broker at knative-v1.22.3; ids in
// parentheses are those of ../shared/research/knative-eventing-rules.md.

/** `flows.knative.dev/v1` Parallel (its channel template: FLOW_RULES). */
export const PARALLEL_RULES = defineRules({
  NO_BRANCHES: {
    id: 'EVT-FLOW-003',
    title: 'a Parallel needs at least one branch',
    why: 'The webhook rejects `spec.branches: []`.',
    fix: 'pass at least one branch in `branches`',
    yamlFix: 'list at least one branch in `spec.branches`',
    upstream: 'E:pkg/apis/flows/v1/parallel_validation.go#L32-34 (PA1)',
    effect: 'reject',
  },

});
