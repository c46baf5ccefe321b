// The public API of cdk8s-agents. Nothing else is exported.

// the agent container (shared by AgentKnativeService and the KEDA workers)
export type { AgentContainerProps } from './container/agent-container';
// serving
export * from './serving/agent-knative-service';
export { ScalingClass, ScalingMetric } from './serving/scaling';
export type { ScalingOptions } from './serving/scaling';
export { DomainMapping } from './serving/domain-mapping';
export type { DomainMappingProps, DomainMappingTls } from './serving/domain-mapping';
// workloads other constructs select (EgressPolicy, ...)
export type { IAgentWorkload } from './construct/workload';
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
// eventing sources
export { KafkaTrigger, KafkaAuth, KafkaOffset, KafkaOrdering } from './eventing/sources/kafka-source';
export type { KafkaTriggerProps, KafkaSaslOptions, KafkaServerTlsOptions, KafkaTlsOptions } from './eventing/sources/kafka-source';
export { PingTrigger } from './eventing/sources/ping-source';
export type { PingTriggerProps } from './eventing/sources/ping-source';
export { ApiServerTrigger, ApiServerMode, WatchNamespaces } from './eventing/sources/apiserver-source';
export type { ApiServerTriggerProps, WatchedResource, LabelSelectorOptions, LabelSelectorExpression, OwnerFilter } from './eventing/sources/apiserver-source';
export type { EventSourceOptions } from './eventing/sources/source';
export { BackoffPolicy, DeliveryFormat, isoDuration } from './eventing/delivery';
export type { DeliveryOptions } from './eventing/delivery';
export { Broker, BrokerClass, BrokerConfig } from './eventing/broker';
export type { BrokerProps, IBroker, KafkaBrokerConfigOptions } from './eventing/broker';
export { Trigger } from './eventing/trigger';
export type { TriggerOptions, TriggerProps } from './eventing/trigger';
export { EventFilter } from './eventing/filters';
export { AgentSequence, SequenceStep } from './eventing/sequence';
export { AgentParallel } from './eventing/parallel';
export { ChannelTemplate } from './eventing/flow';
export type { AgentSequenceProps, SequenceStepOptions } from './eventing/sequence';
export type { AgentParallelProps, ParallelBranch } from './eventing/parallel';
export type { KafkaChannelOptions } from './eventing/flow';
export { JobSink } from './eventing/job-sink';
export type { JobSinkProps } from './eventing/job-sink';
export { EventPolicy, EventPolicyFrom } from './eventing/event-policy';
export type { EventPolicyProps } from './eventing/event-policy';
// workers (KEDA)
export * from './workers/scaled-object';
export * from './workers/scaled-job';
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
export { AgentConstruct } from './construct/construct';
export { AppValidation, AgentValidationError } from './construct/app-validation';
export { AgentApp, type AgentAppProps } from './app';
export type { ValidationReport } from './construct/app-validation';
export { validateObjects, ValidatorRegistry, objectLabel } from './engine/engine';
export type { KubeObject, Located, ManifestValidator, CrossObjectValidator, ValidationContext, ValidationResult } from './engine/engine';
export { formatFinding, formatAcknowledged } from './engine/format';
export { FindingList } from './engine/rule';
export type { Rule, RuleEffect, Severity, Finding, AcknowledgedFinding, RawFinding } from './engine/rule';
export { FeatureState, FEATURE_FLAGS, featureAllows, resolveClusterSettings, DEFAULT_SETTINGS } from './settings/settings';
export type { ClusterSettings, ClusterSettingsInput, ServingSettings, NetworkSettings, FeatureName } from './settings/settings';
export { EVENTING_FEATURE_FLAGS, eventingFeatureAllows, TransportEncryption, AuthorizationMode } from './settings/settings';
export type { EventingSettings, EventingFeatureName } from './settings/settings';
export { settingsFromConfigMaps, mergeSettingsInputs } from './settings/configmaps';
export { checkPodSpec } from './pod/podspec';
export type { PodDialect } from './pod/podspec';
export { REGISTRY as DEFAULT_REGISTRY } from './registry';
export { RULE_CATALOGUE, validateManifests } from './validation';
// the check command's engine, as a cdk8s validation plugin (cdk8s.yaml `validations:`)
export { AgentsValidation } from './cli/plugin';
export type { AgentsValidationProps } from './cli/plugin';
