import { defineRules } from '../engine/rule';

// Upstream references are to kedacore/keda at tag v2.20.2 unless noted:
// SOW = apis/keda/v1alpha1/scaledobject_webhook.go, SOT = apis/keda/v1alpha1/scaledobject_types.go,
// SJT = apis/keda/v1alpha1/scaledjob_types.go, STT = apis/keda/v1alpha1/scaletriggers_types.go,
// TAW = apis/keda/v1alpha1/triggerauthentication_webhook.go, TC = pkg/scalers/scalersconfig/typed_config.go,
// SR = pkg/scaling/resolver/scale_resolvers.go, SJE = pkg/scaling/executor/scale_jobs.go;
// crd: = ../shared/crds/keda/. KEDA's webhook fails open (failurePolicy Ignore) and never parses
// scaler metadata, so these checks are the only ones before reconcile.

/** `keda.sh/v1alpha1` ScaledObject (its triggers: TRIGGER_RULES). */
export const SCALED_OBJECT_RULES = defineRules({
  NAME: {
    id: 'KEDA-SO-001',
    title: 'the ScaledObject name must be a DNS-1123 subdomain of at most 63 characters, and the HPA name `keda-hpa-<name>` at most 63 too',
    why: 'The API server rejects a name that is not a DNS-1123 subdomain; the webhook rejects a name over 63 characters (it is a label value) and a derived HPA name `keda-hpa-<name>` over 63 characters (names over 54 characters need an explicit HPA name).',
    fix: 'use a lowercase `name` of at most 54 characters (letters, digits, `-`), or set `hpaName` (`spec.advanced.horizontalPodAutoscalerConfig.name`)',
    upstream: 'SOW#L58, SOW#L203-218, SOW#L680-686; Kubernetes apimachinery NameIsDNSSubdomain',
    effect: 'reject',
  },
  REPLICA_BOUNDS: {
    id: 'KEDA-SO-002',
    title: '`minReplicaCount` must not exceed `maxReplicaCount` (default 100)',
    why: 'The CRD\'s CEL rule and the webhook reject it ("MinReplicaCount=... must be less than MaxReplicaCount=...").',
    fix: 'lower `minReplicas` or raise `maxReplicas`',
    upstream: 'crd:scaledobjects.yaml#L375-378, SOT#L101, SOT#L353-363',
    effect: 'reject',
  },
  IDLE_REPLICAS: {
    id: 'KEDA-SO-003',
    title: '`idleReplicaCount` must be less than `minReplicaCount` (an unset min counts as 0, a min of 0 as 1)',
    why: 'The webhook rejects it ("IdleReplicaCount=... must be less than MinReplicaCount=..."): with min unset no idle count passes, with min 0 or 1 only idle 0 does.',
    fix: 'set `idleReplicas: 0` together with an explicit `minReplicas` (0 or more), or drop `idleReplicas`',
    upstream: 'SOT#L353-369, SOT#L303-310',
    effect: 'reject',
  },
  MINIMUMS: {
    id: 'KEDA-SO-004',
    title: 'replica counts and intervals must meet the CRD minimums',
    why: 'The API server rejects `pollingInterval` < 1, `maxReplicaCount` < 1, and a negative `cooldownPeriod`, `initialCooldownPeriod`, `idleReplicaCount`, `minReplicaCount`, `fallback.failureThreshold` or `fallback.replicas`.',
    fix: 'use `pollingInterval` of at least 1 s, `maxReplicas` of at least 1, and non-negative counts',
    upstream: 'crd:scaledobjects.yaml#L265-312, SOT#L104-121, SOW#L221-228',
    effect: 'reject',
  },
  FALLBACK_SCALER: {
    id: 'KEDA-SO-005',
    title: 'a fallback needs at least one trigger that is not `cpu` or `memory`',
    why: 'The webhook rejects a fallback when every trigger is a resource metric: fallback replaces failing external metrics, and cpu/memory are not external ("at least one trigger (that is not cpu or memory) has to have the `AverageValue` type for the fallback to be enabled").',
    fix: 'remove `fallback`, or add an external trigger (kafka, prometheus, ...)',
    upstream: 'SOT#L373-398, SOW#L221-228',
    effect: 'reject',
  },
  FALLBACK_MODIFIERS: {
    id: 'KEDA-SO-006',
    title: 'the `scalingModifiers` fallback behavior needs a scaling-modifiers formula',
    why: 'The webhook rejects `fallback.behavior: scalingModifiers` without `advanced.scalingModifiers.formula`.',
    fix: 'set `scalingModifiers.formula`, or use another fallback behavior',
    upstream: 'SOW#L415-423',
    effect: 'reject',
  },
  SCALING_MODIFIERS: {
    id: 'KEDA-SO-007',
    title: 'scaling modifiers need a formula and a target that is a number > 0',
    why: 'The webhook rejects `advanced.scalingModifiers` without `formula`, a formula without `target`, or a target that is not a float > 0.',
    fix: 'give `scalingModifiers` both `formula` (over named triggers) and a positive `target`',
    upstream: 'SOW#L405-413, SOW#L524-609',
    effect: 'reject',
  },
  CPU_MEMORY_ONLY: {
    id: 'KEDA-SO-008',
    title: 'a ScaledObject with only `cpu`/`memory` triggers cannot scale to zero',
    why: 'The webhook rejects it when `minReplicaCount` is unset or 0 ("scale to zero doesn\'t work in this case"): the HPA needs running pods to measure.',
    fix: 'set `minReplicas` to at least 1, or add an external trigger',
    upstream: 'SOW#L497-513',
    effect: 'reject',
  },
  IRRELEVANT_TIMING: {
    id: 'KEDA-SO-009',
    title: '`pollingInterval` / `cooldownPeriod` have no effect while the workload never scales to zero',
    why: 'KEDA only polls for activation and only cools down towards zero; with `minReplicaCount` > 0 and no `idleReplicaCount: 0` (and, for polling, no `useCachedMetrics`) the values are ignored, and the webhook only warns.',
    fix: 'drop `pollingInterval` / `cooldownPeriod`, or let the workload go idle (`minReplicas: 0` or `idleReplicas: 0`)',
    upstream: 'SOW#L336-358',
    effect: 'ignored',
    severity: 'warning',
  },
  HPA_BEHAVIOR: {
    id: 'KEDA-SO-010',
    title: 'HPA scaling behavior must be within the autoscaling/v2 limits',
    why: 'KEDA copies `advanced.horizontalPodAutoscalerConfig.behavior` into the HPA it creates; the API server rejects a stabilization window outside 0-3600 s, a policy period outside 1-1800 s, a policy value ≤ 0, an unknown policy type or selectPolicy, or a negative tolerance, and the ScaledObject never becomes ready.',
    fix: 'keep `stabilizationWindow` ≤ 1 h, policy periods between 1 s and 30 min, and policy values > 0',
    upstream: 'Kubernetes pkg/apis/autoscaling/validation/validation.go validateBehavior, validateScalingRules (MaxStabilizationWindowSeconds 3600, MaxPeriodSeconds 1800)',
    effect: 'runtime',
  },
  HPA_NAME: {
    id: 'KEDA-SO-011',
    title: 'the HPA name must be a DNS-1123 subdomain',
    why: 'KEDA creates the HPA under `advanced.horizontalPodAutoscalerConfig.name`; the API server rejects an invalid name and the ScaledObject never becomes ready.',
    fix: 'use a lowercase name such as `ticket-worker-hpa` for `hpaName`',
    upstream: 'SOW#L680-686; Kubernetes ValidateHorizontalPodAutoscalerName (NameIsDNSSubdomain)',
    effect: 'runtime',
  },
});
