import { defineRules } from '../engine/rule';

// Upstream references are to kedacore/keda at tag v2.20.2 unless noted:
// SOW = apis/keda/v1alpha1/scaledobject_webhook.go, SOT = apis/keda/v1alpha1/scaledobject_types.go,
// SJT = apis/keda/v1alpha1/scaledjob_types.go, STT = apis/keda/v1alpha1/scaletriggers_types.go,
// TAW = apis/keda/v1alpha1/triggerauthentication_webhook.go, TC = pkg/scalers/scalersconfig/typed_config.go,
// SR = pkg/scaling/resolver/scale_resolvers.go, SJE = pkg/scaling/executor/scale_jobs.go;
// crd: = ../shared/crds/keda/. KEDA's webhook fails open (failurePolicy Ignore) and never parses
// scaler metadata, so these checks are the only ones before reconcile.

/** Rules that span objects: targets, HPAs and authentication references. */
export const APP_RULES = defineRules({
  SAME_TARGET: {
    id: 'KEDA-APP-001',
    title: 'a workload can be scaled by only one ScaledObject',
    why: 'The webhook rejects a second ScaledObject for the same target ("the workload ... is already managed by the ScaledObject ...").',
    fix: 'put all triggers in one ScaledObject (one AgentWorker per Deployment)',
    yamlFix: 'put all triggers in one ScaledObject per workload (`spec.scaleTargetRef`)',
    upstream: 'SOW#L389-395',
    effect: 'reject',
  },
  SAME_HPA: {
    id: 'KEDA-APP-002',
    title: 'two ScaledObjects must not produce the same HPA name',
    why: 'The webhook rejects a ScaledObject whose HPA name (`keda-hpa-<name>` or the explicit one) another ScaledObject in the namespace already uses.',
    fix: 'give each worker a distinct `hpaName` (or leave it to the default)',
    yamlFix: 'give each ScaledObject a distinct `spec.advanced.horizontalPodAutoscalerConfig.name` (or leave it out: `keda-hpa-<name>`)',
    upstream: 'SOW#L397-402, SOW#L680-686',
    effect: 'reject',
  },
  OTHER_HPA: {
    id: 'KEDA-APP-003',
    title: 'a KEDA target must not also have its own HorizontalPodAutoscaler',
    why: 'The webhook rejects the ScaledObject ("the workload ... is already managed by the hpa ..."); two autoscalers on one Deployment fight over `replicas`.',
    fix: 'remove the separate HPA (KEDA creates and owns one), or transfer it with the annotation `scaledobject.keda.sh/transfer-hpa-ownership: "true"` and `hpaName` set to its name',
    yamlFix: 'remove the separate HPA (KEDA creates and owns one), or transfer it with the annotation `scaledobject.keda.sh/transfer-hpa-ownership: "true"` and `spec.advanced.horizontalPodAutoscalerConfig.name` set to its name',
    upstream: 'SOW#L256-317, SOT#L55-57',
    effect: 'reject',
  },
  MISSING_AUTH: {
    id: 'KEDA-APP-004',
    title: 'an `authenticationRef` must name a TriggerAuthentication of the app, or be declared external',
    why: 'KEDA only logs "error getting triggerAuth" when the object does not exist: the scaler runs without its parameters and fails or scales on nothing.',
    fix: 'create it (`AgentTriggerAuthentication`, `TriggerAuth.fromSecrets`), or reference an existing one with `TriggerAuth.fromTriggerAuthenticationName` (YAML: list `TriggerAuthentication/<name>` in the annotation `agents.cdk8s.io/external-refs`)',
    yamlFix: 'create the TriggerAuthentication, or declare it external: list `TriggerAuthentication/<name>` in the annotation `agents.cdk8s.io/external-refs` of the ScaledObject (or under `provided` in cdk8s-agents.yaml)',
    upstream: 'SR#L288-300, SR#L458-480',
    effect: 'runtime',
  },
  CPU_MEMORY_REQUESTS: {
    id: 'KEDA-APP-005',
    title: 'a `cpu`/`memory` trigger needs the request (or limit) on the target\'s containers',
    why: 'The webhook rejects the ScaledObject when a container of the target Deployment has neither request nor limit for the resource and no LimitRange gives a default ("the container ... doesn\'t have the cpu request defined").',
    fix: 'keep the default `resources` (they set requests), or set a request for the resource; name one container with `containerName`',
    yamlFix: 'set `resources.requests` for the resource on the target\'s containers; name one container with the trigger\'s `metadata.containerName`',
    upstream: 'SOW#L441-494, SOW#L629-678',
    effect: 'reject',
  },
  REPLICAS_SET: {
    id: 'KEDA-APP-006',
    title: 'a Deployment scaled by KEDA should not set `spec.replicas`',
    why: 'KEDA (through its HPA) owns the replica count; every GitOps apply resets it to the written value, so the workload flaps between that value and what the autoscaler wants.',
    fix: 'remove `spec.replicas` from the Deployment (AgentWorker never writes it)',
    yamlFix: 'remove `spec.replicas` from the Deployment',
    upstream: 'library behaviour (KEDA docs: scaling deployments); SOW#L256-317 (KEDA owns the HPA)',
    effect: 'altered',
    severity: 'warning',
  },
  FROM_ENV: {
    id: 'KEDA-APP-007',
    title: 'a `<parameter>FromEnv` must name an environment variable of the target container',
    why: 'KEDA reads the value from the scale target\'s container env; a variable that does not exist resolves empty, so a required parameter is missing at reconcile.',
    fix: 'define the variable in the container (`env` or `secrets`), or write the value into the metadata',
    yamlFix: 'define the variable in the container\'s `env`, or write the value into the trigger metadata',
    upstream: 'TC#L500-524, SR#L212 (ResolveContainerEnv)',
    effect: 'runtime',
  },
});
