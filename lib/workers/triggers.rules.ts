import { defineRules } from '../engine/rule';

// Upstream references are to kedacore/keda at tag v2.20.2 unless noted:
// SOW = apis/keda/v1alpha1/scaledobject_webhook.go, SOT = apis/keda/v1alpha1/scaledobject_types.go,
// SJT = apis/keda/v1alpha1/scaledjob_types.go, STT = apis/keda/v1alpha1/scaletriggers_types.go,
// TAW = apis/keda/v1alpha1/triggerauthentication_webhook.go, TC = pkg/scalers/scalersconfig/typed_config.go,
// SR = pkg/scaling/resolver/scale_resolvers.go, SJE = pkg/scaling/executor/scale_jobs.go;
// crd: = ../shared/crds/keda/. KEDA's webhook fails open (failurePolicy Ignore) and never parses
// scaler metadata, so these checks are the only ones before reconcile.

/** Triggers of ScaledObjects and ScaledJobs, and the scaler metadata KEDA parses at reconcile. */
export const TRIGGER_RULES = defineRules({
  UNKNOWN_TYPE: {
    id: 'KEDA-TRIGGER-001',
    title: 'the trigger type must be a scaler KEDA 2.20 knows',
    why: 'KEDA accepts any type, then fails to build the scaler ("no scaler found for type") and the object never becomes ready.',
    fix: 'use a type such as `kafka`, `prometheus`, `cron`, `rabbitmq`, `aws-sqs-queue`, `redis` or `temporal` (the `ScaleTrigger` factories)',
    upstream: 'pkg/scaling/scalers_builder.go#L124-284',
    effect: 'runtime',
  },
  REQUIRED: {
    id: 'KEDA-TRIGGER-002',
    title: 'a parameter the scaler requires is missing',
    why: 'The webhook never parses scaler metadata; at reconcile the scaler fails ("missing required parameter ...") and nothing scales.',
    fix: 'set the parameter in the trigger metadata, through `<name>FromEnv`, or as a TriggerAuthentication parameter, where the scaler reads it',
    upstream: 'TC#L259-272, TC#L500-524; the scaler structs (e.g. pkg/scalers/kafka_scaler.go#L58-113)',
    effect: 'runtime',
  },
  VALUE: {
    id: 'KEDA-TRIGGER-003',
    title: 'a scaler parameter must parse as its type and be one of its allowed values',
    why: 'At reconcile KEDA fails on a number, boolean or duration it cannot parse and on a value outside the enum ("must be one of ..."), and the object never becomes ready.',
    fix: 'write the value as the scaler documents it, e.g. `lagThreshold: "100"`, `offsetResetPolicy: latest`',
    upstream: 'TC#L273-289, TC#L440-495',
    effect: 'runtime',
  },
  THRESHOLD: {
    id: 'KEDA-TRIGGER-004',
    title: 'a scaling target must be > 0 and an activation threshold ≥ 0',
    why: 'A target of 0 or less is refused by the scaler (kafka, temporal) or becomes an HPA metric target the API server rejects ("must be positive"); a negative activation threshold is refused.',
    fix: 'use a positive target (lagThreshold, threshold, queueLength, listLength, targetQueueSize, value) and a non-negative activation value',
    upstream: 'pkg/scalers/kafka_scaler.go#L115-121, pkg/scalers/temporal_scaler.go#L67-73; Kubernetes pkg/apis/autoscaling/validation validateMetricTarget',
    effect: 'runtime',
  },
  UNKNOWN_KEY: {
    id: 'KEDA-TRIGGER-005',
    title: 'a metadata key the scaler does not read is ignored',
    why: 'KEDA only reports unknown scaler parameters when KEDA_CHECK_UNEXPECTED_SCALERS_PARAMS is enabled (off by default); a misspelled key such as `lagTreshold` silently leaves the default in force, and a key read only from a TriggerAuthentication is ignored in metadata.',
    fix: 'fix the spelling (the message suggests the closest key), or move an authentication parameter to the TriggerAuthentication',
    upstream: 'TC#L40, TC#L526-553',
    effect: 'ignored',
    severity: 'warning',
  },
  OPTIONS: {
    id: 'KEDA-TRIGGER-006',
    title: 'scaler options must not conflict',
    why: 'The scaler\'s Validate() refuses incompatible combinations at reconcile (e.g. kafka `allowIdleConsumers` with `limitToPartitionsWithLag`, rabbitmq HTTP-only modes over AMQP, redis `host`/`port` lists of different lengths), and nothing scales.',
    fix: 'drop one of the conflicting options, as the message says',
    upstream: 'pkg/scalers/kafka_scaler.go#L115-187, pkg/scalers/rabbitmq_scaler.go#L136-287, pkg/scalers/redis_scaler.go#L76-119, pkg/scalers/redis_scaler.go#L279-294, pkg/scalers/temporal_scaler.go#L67-91, pkg/scalers/aws_sqs_queue_scaler.go#L88-128',
    effect: 'runtime',
  },
  CREDENTIALS: {
    id: 'KEDA-TRIGGER-007',
    title: 'the authentication the trigger selects needs its credentials',
    why: 'At reconcile the scaler refuses a selected authentication without its parameters (kafka SASL without username/password, prometheus bearer without bearerToken, a cert without its key, SQS without any AWS credentials), and nothing scales.',
    fix: 'add the named parameters to the TriggerAuthentication (`TriggerAuth.fromSecrets(secrets, { username: ..., password: ... })`), or use pod identity where the scaler supports it',
    upstream: 'pkg/scalers/kafka_scaler.go#L189-297, pkg/scalers/authentication/authentication_types.go#L75-143, pkg/scalers/rabbitmq_scaler.go#L136-224, pkg/scalers/temporal_scaler.go#L67-91, pkg/scalers/aws/aws_common.go#L82-147',
    effect: 'runtime',
  },
  CRON: {
    id: 'KEDA-TRIGGER-008',
    title: 'a cron trigger needs two different 5-field schedules, a known time zone and non-zero desiredReplicas',
    why: 'At reconcile the cron scaler refuses a schedule that is not `minute hour day-of-month month day-of-week` (no `@daily`, no seconds), equal start and end, or `desiredReplicas` 0; an unknown time zone fails every metrics request.',
    fix: 'use schedules such as `0 8 * * 1-5` / `0 18 * * 1-5` and an IANA zone such as `Europe/Berlin`',
    upstream: 'pkg/scalers/cron_scaler.go#L30-57, pkg/scalers/cron_scaler.go#L121-126',
    effect: 'runtime',
  },
  CACHED_METRICS: {
    id: 'KEDA-TRIGGER-009',
    title: '`useCachedMetrics` is not supported on `cpu`, `memory` or `cron` triggers',
    why: 'The webhook rejects it ("property \\"useCachedMetrics\\" is not supported for ... scaler").',
    fix: 'remove `useCachedMetrics` from that trigger',
    upstream: 'STT#L68-72',
    effect: 'reject',
  },
  DUPLICATE_NAME: {
    id: 'KEDA-TRIGGER-010',
    title: 'trigger names must be unique within a ScaledObject or ScaledJob',
    why: 'The webhook rejects a name defined twice ("triggerName ... is defined multiple times").',
    fix: 'give each trigger a distinct `name`, or leave names out',
    upstream: 'STT#L74-81',
    effect: 'reject',
  },
  METRIC_TYPE: {
    id: 'KEDA-TRIGGER-011',
    title: '`metricType: Utilization` is only for `cpu`/`memory`, which need `Utilization` or `AverageValue`',
    why: 'Every external scaler refuses `Utilization`; a `cpu`/`memory` trigger without `metricType: Utilization|AverageValue` (or with the removed `type` metadata) fails to build. Either way the object never becomes ready.',
    fix: 'use `AverageValue` (default) or `Value` for external triggers, and `ScaleTrigger.cpu(...)`/`memory(...)`, which set the metric type',
    upstream: 'pkg/scalers/scaler.go#L95-105, pkg/scalers/cpu_memory_scaler.go#L23-79',
    effect: 'runtime',
  },
  PLAINTEXT_SECRET: {
    id: 'KEDA-TRIGGER-012',
    title: 'a credential is written in plain trigger metadata',
    why: 'KEDA reads some credentials from metadata (redis `password`, a rabbitmq `host` URL with a password, a prometheus `apiKey`): it works, but the secret is then in Git and in every `kubectl get` of the object.',
    fix: 'move the value to a Secret and reference it with `TriggerAuth.fromSecrets(...)` (a TriggerAuthentication parameter)',
    upstream: 'pkg/scalers/redis_scaler.go#L51-53, pkg/scalers/rabbitmq_scaler.go#L94, pkg/scalers/authentication/authentication_types.go#L62-63',
    effect: 'ignored',
    severity: 'warning',
  },
  NO_TRIGGERS: {
    id: 'KEDA-TRIGGER-013',
    title: 'a ScaledObject or ScaledJob needs at least one trigger',
    why: 'The API server (minItems 1) and the webhook reject it ("no triggers defined in the ScaledObject/ScaledJob").',
    fix: 'pass at least one `ScaleTrigger` in `triggers`',
    upstream: 'crd:scaledobjects.yaml#L369, crd:scaledjobs.yaml#L9113, STT#L59-61',
    effect: 'reject',
  },
});
