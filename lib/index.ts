// The public API of cdk8s-agents. Nothing else is exported.

// the agent container (shared by AgentKnativeService and the KEDA workers)
export type { AgentContainerProps } from './container/agent-container';
// serving
export * from './serving/agent-knative-service';
export { ScalingClass, ScalingMetric } from './serving/scaling';
export type { ScalingOptions } from './serving/scaling';
// workloads other constructs select (EgressPolicy, ...)
export type { IAgentWorkload } from './core/workload';
// secrets
export { AgentSecrets, SecretStore, CreationPolicy, DeletionPolicy, SealingScope } from './secrets/agent-secrets';
export type { IAgentSecrets, AgentSecretsProps, RemoteKey, SealedSecretsProps, UnsafePlaintextSecretsProps } from './secrets/agent-secrets';
// network
export { EgressPolicy, IngressLockdown } from './network/egress-policy';
export type { EgressPolicyProps } from './network/egress-policy';
export { Egress, EgressPort, PolicyEngine, PortProtocol } from './network/egress';
export type { EgressOptions, CidrEgressOptions } from './network/egress';
// eventing
export * from './eventing/sink';
// workers (KEDA)
export * from './workers/agent-worker';
export * from './workers/agent-job';
export {
  ScaleTrigger, ScaleMetricType, KafkaOffsetResetPolicy, KafkaSaslMechanism, KafkaSaslTokenProvider, PrometheusAuthMode, RabbitMQMode,
  RabbitMQProtocol, RabbitMQOperation, RedisMode, TemporalQueueType,
} from './workers/triggers';
export type {
  ScaleTriggerOptions, KafkaScaleTriggerOptions, PrometheusScaleTriggerOptions, CronScaleTriggerOptions, RabbitMQScaleTriggerOptions,
  AwsSqsQueueScaleTriggerOptions, RedisListScaleTriggerOptions, TemporalScaleTriggerOptions, ResourceScaleTriggerOptions,
} from './workers/triggers';
export { AgentTriggerAuthentication, IdentityOwner, PodIdentity, TriggerAuth } from './workers/trigger-authentication';
export type { AgentTriggerAuthenticationProps, ITriggerAuthentication, TriggerSecretParameters } from './workers/trigger-authentication';
export type { KedaWorkloadProps } from './workers/keda-workload';
// platform
export * from './platform/cluster-profile';

// the validation engine
export { AgentConstruct } from './core/construct';
export { AppValidation, AgentValidationError } from './core/app-validation';
export type { ValidationReport } from './core/app-validation';
export { validateObjects, ValidatorRegistry, objectLabel } from './core/engine';
export type { KubeObject, Located, ManifestValidator, CrossObjectValidator, ValidationContext, ValidationResult } from './core/engine';
export { formatFinding, formatAcknowledged } from './core/format';
export { FindingList } from './core/rule';
export type { Rule, RuleEffect, Severity, Finding, AcknowledgedFinding, RawFinding } from './core/rule';
export { FeatureState, FEATURE_FLAGS, featureAllows, resolveClusterSettings, DEFAULT_SETTINGS } from './core/settings';
export type { ClusterSettings, ClusterSettingsInput, ServingSettings, NetworkSettings, FeatureName } from './core/settings';
export { settingsFromConfigMaps, mergeSettingsInputs } from './core/configmaps';
export { checkPodSpec } from './core/podspec';
export type { PodDialect } from './core/podspec';
export { DEFAULT_REGISTRY } from './registry';
export { RULE_CATALOGUE, validateManifests } from './catalogue';
// the check command's engine, as a cdk8s validation plugin (cdk8s.yaml `validations:`)
export { AgentsValidation } from './cli/plugin';
export type { AgentsValidationProps } from './cli/plugin';
