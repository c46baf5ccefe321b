// The public API of cdk8s-agents. Nothing else is exported.
export * from './serving/agent-knative-service';
export { ScalingClass, ScalingMetric } from './serving/scaling';
export type { ScalingOptions } from './serving/scaling';
export * from './secrets/agent-secrets';
export * from './eventing/sink';
export * from './platform/cluster-profile';
export { FeatureState } from './platform/features';
export type { KnativeFeatures } from './platform/features';
export type { Rule, RuleEffect, Violation } from './validation/rule';
export { RULE_CATALOGUE } from './validation/catalogue';
