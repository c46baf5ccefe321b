import { defineRules } from '../engine/rule';

// Upstream references are to kedacore/keda at tag v2.20.2 unless noted:
// SOW = apis/keda/v1alpha1/scaledobject_webhook.go, SOT = apis/keda/v1alpha1/scaledobject_types.go,
// SJT = apis/keda/v1alpha1/scaledjob_types.go, STT = apis/keda/v1alpha1/scaletriggers_types.go,
// TAW = apis/keda/v1alpha1/triggerauthentication_webhook.go, TC = pkg/scalers/scalersconfig/typed_config.go,
// SR = pkg/scaling/resolver/scale_resolvers.go, SJE = pkg/scaling/executor/scale_jobs.go;
// crd: = ../shared/crds/keda/. KEDA's webhook fails open (failurePolicy Ignore) and never parses
// scaler metadata, so these checks are the only ones before reconcile.

/** `keda.sh/v1alpha1` ScaledJob (its triggers: TRIGGER_RULES; its pod template: the pod rules). */
export const SCALED_JOB_RULES = defineRules({
  REPLICA_BOUNDS: {
    id: 'KEDA-SJ-001',
    title: '`minReplicaCount` above `maxReplicaCount` is silently clamped',
    why: 'Nothing rejects it: KEDA uses `maxReplicaCount` as both bounds, so the minimum you wrote never applies.',
    fix: 'lower `minReplicas` or raise `maxReplicas`',
    yamlFix: 'lower `spec.minReplicaCount` or raise `spec.maxReplicaCount`',
    upstream: 'SJT#L147-168 (no admission check: apis/keda/v1alpha1/scaledjob_webhook.go#L70-84)',
    effect: 'altered',
    severity: 'warning',
  },
  RESTART_POLICY: {
    id: 'KEDA-SJ-002',
    title: 'the job template\'s `restartPolicy` must be `OnFailure` or `Never`',
    why: 'KEDA creates one Job per message from the template; the API server rejects every Job whose pod template has `restartPolicy: Always`, so nothing runs.',
    fix: 'use `restartPolicy: JobRestartPolicy.NEVER` (the default) or `ON_FAILURE`',
    yamlFix: 'set `spec.jobTargetRef.template.spec.restartPolicy` to `Never` or `OnFailure`',
    upstream: 'SJE#L191-198; Kubernetes pkg/apis/batch/validation/validation.go validateJobSpec (restartPolicy OnFailure|Never)',
    effect: 'runtime',
  },
  JOB_SPEC: {
    id: 'KEDA-SJ-003',
    title: '`parallelism`, `completions`, `activeDeadlineSeconds`, `backoffLimit` and `ttlSecondsAfterFinished` must not be negative',
    why: 'The API server rejects each Job KEDA creates from such a template.',
    fix: 'use values ≥ 0',
    upstream: 'Kubernetes pkg/apis/batch/validation/validation.go validateJobSpec (ValidateNonnegativeField)',
    effect: 'runtime',
  },
  MINIMUMS: {
    id: 'KEDA-SJ-004',
    title: 'replica counts, history limits and the polling interval must meet the CRD minimums',
    why: 'The API server rejects `pollingInterval` < 1, `maxReplicaCount` < 1, and a negative `minReplicaCount`, `successfulJobsHistoryLimit` or `failedJobsHistoryLimit`.',
    fix: 'use `pollingInterval` of at least 1 s, `maxReplicas` of at least 1, and non-negative limits',
    yamlFix: 'set `spec.pollingInterval` to at least 1 (seconds), `spec.maxReplicaCount` to at least 1, and non-negative history limits',
    upstream: 'crd:scaledjobs.yaml#L9009-9020, crd:scaledjobs.yaml#L9068-9071',
    effect: 'reject',
  },
  CUSTOM_STRATEGY: {
    id: 'KEDA-SJ-005',
    title: 'the custom scaling strategy needs a numeric `customScalingRunningJobPercentage`, and its settings need `strategy: custom`',
    why: 'KEDA silently falls back to the default strategy when the percentage does not parse as a number, and ignores `customScalingQueueLengthDeduction`/`customScalingRunningJobPercentage` under any other strategy.',
    fix: 'set `scalingStrategy.strategy: JobScalingStrategy.CUSTOM` with a percentage such as 0.5, or drop the custom settings',
    yamlFix: 'set `spec.scalingStrategy.strategy: custom` with `customScalingRunningJobPercentage` such as `"0.5"`, or remove the custom settings',
    upstream: 'SJE#L421-437',
    effect: 'ignored',
  },
  NAME: {
    id: 'KEDA-SJ-006',
    title: 'the ScaledJob name must be at most 63 characters',
    why: 'The API server accepts the ScaledJob (a DNS-1123 subdomain may have 253 characters; it refuses other names), but KEDA labels every Job and its pods with `scaledjob.keda.sh/name: <name>`, so a name over 63 characters (an invalid label value) makes the API server reject each Job.',
    fix: 'use a lowercase `name` of at most 63 characters (letters, digits, `-`)',
    upstream: 'SJE#L143-156; Kubernetes apimachinery NameIsDNSSubdomain',
    effect: 'runtime',
  },
});
