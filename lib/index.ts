// The public API of cdk8s-agents: what a user types in an app. Nothing else is
// exported; the engine's entry points are the `validation` namespace.

// the agent container (shared by AgentKnativeService and the KEDA workers)
export type { AgentContainerProps, SecretEnvSource } from './container/agent-container';
// serving
export * from './serving/agent-knative-service';
export { ScalingClass, ScalingMetric } from './serving/scaling';
export type { ScalingOptions } from './serving/scaling';
export { DomainMapping } from './serving/domain-mapping';
export { Rollout } from './serving/rollout';
export type { CanaryRolloutOptions, RolloutTrafficTarget } from './serving/rollout';
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
export { Sink } from './eventing/sink';
export type { ISink, IEventPolicyTarget, SinkDestination, SinkReference, SinkReferenceOptions, SinkSender } from './eventing/sink';
// eventing sources
export { KafkaTrigger, KafkaAuth, KafkaOffset, KafkaOrdering } from './eventing/sources/kafka-source';
export type { KafkaTriggerProps, KafkaSaslOptions, KafkaServerTlsOptions, KafkaTlsOptions } from './eventing/sources/kafka-source';
export { PingTrigger } from './eventing/sources/ping-source';
export type { PingTriggerProps } from './eventing/sources/ping-source';
export { ApiServerTrigger, ApiServerMode, WatchNamespaces } from './eventing/sources/apiserver-source';
export type { ApiServerTriggerProps, WatchedResource, LabelSelectorOptions, LabelSelectorExpression, OwnerFilter } from './eventing/sources/apiserver-source';
export type { EventSourceOptions } from './eventing/sources/source';
export { BackoffPolicy, DeliveryFormat } from './eventing/delivery';
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
// GitOps (Flux)
export { GitRepository, GitRef, GitProvider } from './gitops/git-repository';
export type { GitRepositoryProps, IFluxSource } from './gitops/git-repository';
export { FluxKustomization, AGENT_HEALTH_CHECK_EXPRESSIONS } from './gitops/flux-kustomization';
export type { FluxKustomizationProps, IFluxKustomization, FluxHealthCheckExpression } from './gitops/flux-kustomization';

// findings, synth and the app
export { AppValidation, AgentValidationError } from './construct/app-validation';
export type { ValidationReport } from './construct/app-validation';
export { AgentApp, type AgentAppProps } from './app';
export { AgentEnvironments, type AgentEnvironment, type AgentEnvironmentContext, type AgentEnvironmentsFlux, type AgentEnvironmentsProps } from './environments';
export type { Rule, RuleEffect, Severity, Finding, AcknowledgedFinding } from './engine/rule';
// cluster settings, as ClusterProfile and the validation read them
export { FeatureState, TransportEncryption, AuthorizationMode } from './settings/settings';
export type {
  ClusterSettings, ClusterSettingsInput, ServingSettings, NetworkSettings, EventingSettings, FeatureName, EventingFeatureName,
} from './settings/settings';
// the validation engine's entry points (validateManifests, RULE_CATALOGUE, settings readers, formatters)
export * as validation from './validation';
// the check command's engine, as a cdk8s validation plugin (cdk8s.yaml `validations:` loads it by class name)
export { AgentsValidation } from './cli/plugin';
export type { AgentsValidationProps } from './cli/plugin';
