import { defineRules } from '../engine/rule';

// K: kubernetes/kubernetes pkg/apis/apps/validation/validation.go, the API
// server's own validation of apps/v1 Deployments (no webhook: every cluster).

/** What the API server refuses in a Deployment besides its pod template. */
export const DEPLOYMENT_RULES = defineRules({
  SELECTOR: {
    id: 'DEPLOY-001',
    title: 'a Deployment needs a valid, non-empty `spec.selector`',
    why: 'The API server rejects a Deployment without a selector ("spec.selector: Required value"), with an empty one ("empty selector is invalid for deployment") or with an invalid one.',
    fix: 'select the pods by their template labels, e.g. `spec.selector.matchLabels: { app: <name> }`',
    upstream: 'K: ValidateDeploymentSpec (selector required, non-empty, ValidateLabelSelector)',
    effect: 'reject',
  },
  SELECTOR_MATCHES_TEMPLATE: {
    id: 'DEPLOY-002',
    title: 'a Deployment\'s selector must select its own pod template',
    why: 'The API server rejects it ("`selector` does not match template `labels`"): a Deployment whose pods its selector does not select would create pods forever.',
    fix: 'give `spec.template.metadata.labels` every label `spec.selector` asks for (or loosen the selector)',
    upstream: 'K: ValidatePodTemplateSpecForReplicaSet (selector.Matches(template.Labels))',
    effect: 'reject',
  },
  REPLICAS: {
    id: 'DEPLOY-003',
    title: 'a Deployment\'s `spec.replicas` is not negative',
    why: 'The API server rejects a negative replica count ("must be greater than or equal to 0").',
    fix: 'set `replicas` to 0 or more (an always-on agent runs at least 1)',
    yamlFix: 'set `spec.replicas` to 0 or more, or leave it unset when an HPA scales the Deployment',
    upstream: 'K: ValidateDeploymentSpec (ValidateNonnegativeField(spec.Replicas))',
    effect: 'reject',
  },
});
