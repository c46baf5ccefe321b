// The public API of cdk8s-agents. Nothing else is exported.
export * from './serving/agent-knative-service';
export { ScalingClass, ScalingMetric, ScalingOptions } from './serving/scaling';
export * from './secrets/agent-secrets';
export * from './eventing/sink';
export * from './platform/cluster-profile';
export { FeatureState, KnativeFeatures } from './platform/features';
export { Rule, RuleEffect, Violation } from './validation/rule';
export { RULE_CATALOGUE } from './validation/catalogue';
