// The public API of cdk8s-agents: what a user types in an app. Nothing else is
// exported; the engine's entry points are the `validation` namespace.

// the agent container (shared by AgentKnativeService and the KEDA workers)
export type { AgentContainerProps, AgentGpu, AgentInitContainer, SecretEnvSource } from './container/agent-container';
export type { AgentPodTemplateProps } from './container/container-construct';
// the Kubernetes API rights of an agent (`agent.grant…`)
export type { JobGrantOptions } from './container/grants';
// storage
export { AgentWorkspace } from './storage/agent-workspace';
export type { AgentWorkspaceProps, IAgentWorkspace, WorkspaceMountOptions } from './storage/agent-workspace';
// serving
export { AgentKnativeService, HttpProtocol, Visibility } from './serving/agent-knative-service';
export type { AgentKnativeServiceProps, AgentSecurityOptions, AgentVolumeMount, TrafficTarget } from './serving/agent-knative-service';
export { Invocation } from './serving/invocation';
export type { StreamInvocationOptions, WebhookInvocationOptions } from './serving/invocation';
export { McpServer } from './serving/mcp-server';
export type { McpGrantOptions, McpServerProps } from './serving/mcp-server';
export { ScalingClass, ScalingMetric } from './serving/scaling';
export type { ScalingOptions } from './serving/scaling';
export { DomainMapping } from './serving/domain-mapping';
export { Rollout } from './serving/rollout';
export type { CanaryRolloutOptions, RolloutTrafficTarget } from './serving/rollout';
export type { DomainMappingProps, DomainMappingTls } from './serving/domain-mapping';
// workloads other constructs select (EgressPolicy, ...)
export type { IAgentTool, IAgentWorkload, ICallableAgent, IToolUser, WorkloadRef } from './construct/workload';
// secrets
export { AgentSecrets, SecretStore, CreationPolicy, DeletionPolicy, SealingScope, SecretSource, KeyRewrite, TemplateMergePolicy } from './secrets/agent-secrets';
export type {
  IAgentSecrets, ISecretStore, AgentSecretsProps, RemoteKey, SealedSecretsProps, UnsafePlaintextSecretsProps, ExtractOptions, FindOptions, SecretTemplate,
} from './secrets/agent-secrets';
export {
  ClusterSecretStore, NamespacedSecretStore, SecretStoreProvider, VaultAuth, VaultKvVersion, AzureAuthType, CaProviderType,
} from './secrets/secret-store';
export type {
  SecretStoreCommonProps, ClusterSecretStoreProps, NamespacedSecretStoreProps, ClusterSecretStoreCondition, SecretKeyRef, CaProvider,
  VaultProviderOptions, VaultKubernetesAuthOptions, VaultAppRoleOptions, AwsProviderOptions, AwsAccessKeys, GcpProviderOptions, GcpWorkloadIdentity,
  AzureKeyVaultOptions, KubernetesProviderOptions,
} from './secrets/secret-store';
// network
export { EgressPolicy, IngressLockdown } from './network/egress-policy';
export type { EgressPolicyProps } from './network/egress-policy';
export { IngressFrom, IngressController } from './network/ingress-from';
export type { NamespacedIngressOptions } from './network/ingress-from';
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
export { SinkBinding } from './eventing/sources/sink-binding';
export type { SinkBindingProps, PublishOptions } from './eventing/sources/sink-binding';
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
// always-on agents (Deployment, Service, HorizontalPodAutoscaler) and their exposure (Ingress)
export { AgentDeployment } from './deployments/agent-deployment';
export type { AgentDeploymentProps, AgentAutoscaling } from './deployments/agent-deployment';
export type { PodWorkloadProps } from './container/pod-workload';
export { AgentIngress, IngressAuth, IngressBackend, IngressPathType, IngressRoute, IngressTls } from './network/ingress';
export type { AgentIngressProps, CertManagerTlsOptions, IIngressBackend, IngressServicePort } from './network/ingress';
// workers (KEDA)
export { AgentWorker, FallbackBehavior, ScalingPolicyType, ScalingSelectPolicy } from './workers/scaled-object';
export type { AgentWorkerProps, WorkerFallback, WorkerScalingModifiers, WorkerScalingPolicy, WorkerScalingRules } from './workers/scaled-object';
export { TemporalWorker } from './workers/temporal-worker';
export type { TemporalCallOptions, TemporalWorkerProps } from './workers/temporal-worker';
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
// batch: scheduled agents
export { AgentCronJob, ConcurrencyPolicy } from './batch/agent-cron-job';
export type { AgentCronJobProps } from './batch/agent-cron-job';
// platform
export * from './platform/cluster-profile';
// GitOps (Flux)
export { GitRepository, GitRef, GitProvider } from './gitops/git-repository';
export type { GitRepositoryProps, IFluxSource } from './gitops/git-repository';
export { FluxKustomization, AGENT_HEALTH_CHECK_EXPRESSIONS } from './gitops/flux-kustomization';
export type { FluxKustomizationProps, IFluxKustomization, FluxHealthCheckExpression } from './gitops/flux-kustomization';
export { ImageRepository, ImageProvider } from './gitops/image-repository';
export type { ImageRepositoryProps, IImageRepository } from './gitops/image-repository';
export { ImagePolicy, ImagePolicyChoice, ImagePolicyOrder } from './gitops/image-policy';
export type { ImagePolicyProps, ImageTagFilter } from './gitops/image-policy';
export { ImageUpdateAutomation } from './gitops/image-update-automation';
export type { ImageUpdateAutomationProps, ImageUpdateCommit } from './gitops/image-update-automation';
// observability (Prometheus Operator, Grafana, OpenTelemetry)
export { AgentMonitor } from './observability/pod-monitor';
export type { AgentMonitorProps } from './observability/pod-monitor';
export { AgentAlerts } from './observability/prometheus-rule';
export type { AgentAlertsProps } from './observability/prometheus-rule';
export { AgentDashboard } from './observability/grafana-dashboard';
export type { AgentDashboardProps } from './observability/grafana-dashboard';
export { AgentTelemetry, OtlpProtocol } from './observability/open-telemetry';
export type { AgentTelemetryProps, ITelemetryTarget } from './observability/open-telemetry';

// findings, synth and the app
export { AppValidation, AgentValidationError } from './construct/app-validation';
export type { ValidationReport } from './construct/app-validation';
export { AgentApp, type AgentAppProps } from './app';
export { AgentEnvironments, type AgentEnvironment, type AgentEnvironmentContext, type AgentEnvironmentsFlux, type AgentEnvironmentsProps } from './environments';
export type { Rule, RuleEffect, Severity, Finding, AcknowledgedFinding } from './engine/rule';
// cluster settings, as ClusterProfile and the validation read them
export { FeatureState, TransportEncryption, AuthorizationMode, MetricsProtocol } from './settings/settings';
export type {
  ClusterSettings, ClusterSettingsInput, KnativeDomain, ServingSettings, NetworkSettings, EventingSettings, FeatureName, EventingFeatureName,
} from './settings/settings';
// the validation engine's entry points (validateManifests, RULE_CATALOGUE, settings readers, formatters)
export * as validation from './validation';
// the check command's engine, as a cdk8s validation plugin (cdk8s.yaml `validations:` loads it by class name)
export { AgentsValidation } from './cli/plugin';
export type { AgentsValidationProps } from './cli/plugin';
