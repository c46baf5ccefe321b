import { defineRules } from '../engine/rule';

// A: kubernetes/kubernetes pkg/apis/autoscaling/validation/validation.go, the
// API server's own validation of HorizontalPodAutoscalers (no webhook: every
// cluster); cited by function, as read from the autoscaling/v2 (MetricTarget)
// form of the file, which has held these checks since v2 went GA in 1.23.
// HC: pkg/controller/podautoscaler (the HPA controller, replica_calculator.go).

/** What the API server refuses in an `autoscaling/v2` HorizontalPodAutoscaler, and what its controller cannot scale. */
export const HPA_RULES = defineRules({
  REPLICAS: {
    id: 'HPA-REPLICAS-001',
    title: '`minReplicas` ≥ 1, `maxReplicas` ≥ 1 and `maxReplicas` ≥ `minReplicas`',
    why: 'The API server rejects the HorizontalPodAutoscaler ("must be greater than 0", "must be greater than or equal to `minReplicas`"); scaling to zero needs the alpha HPAScaleToZero gate, off on every managed cluster.',
    fix: 'set `autoscaling: { minReplicas: 2, maxReplicas: 10 }` with 1 ≤ minReplicas ≤ maxReplicas (an agent that must scale to zero is an AgentKnativeService or an AgentWorker)',
    yamlFix: 'set `spec.minReplicas` ≥ 1 and `spec.maxReplicas` ≥ `spec.minReplicas`',
    upstream: 'A: validateHorizontalPodAutoscalerSpec (minReplicas, maxReplicas)',
    effect: 'reject',
  },
  TARGET_REF: {
    id: 'HPA-TARGET-001',
    title: '`spec.scaleTargetRef` names its target with `kind` and `name`, each a valid path segment',
    why: 'The API server rejects a reference without `kind` or `name` ("Required value"), or with `/`, `%` or a name of `.` / `..`.',
    fix: 'let AgentDeployment render the HPA: it targets its own Deployment',
    yamlFix: 'set `spec.scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: <deployment> }`',
    upstream: 'A: ValidateCrossVersionObjectReference (IsValidPathSegmentName)',
    effect: 'reject',
  },
  METRIC: {
    id: 'HPA-METRIC-001',
    title: 'each metric has a known `type`, exactly the source of that type, and a target: a type (`Utilization`, `Value`, `AverageValue`) and its positive value',
    why: 'The API server rejects a metric whose source is missing or doubled, a resource metric without a name or without a utilization or average value, and a target whose value is not positive ("must populate information for the given metric source", "must set either a target raw value or a target utilization", "must be greater than 0").',
    fix: 'use `autoscaling: { maxReplicas, cpuUtilization: 70 }` (or `memoryUtilization`), a whole percent ≥ 1',
    yamlFix: 'write each metric as `{ type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } } }`',
    upstream: 'A: validateMetricSpec, validateResourceSource, validateMetricTarget',
    effect: 'reject',
  },
  MISSING_REQUEST: {
    id: 'HPA-METRIC-002',
    title: 'a `Utilization` target on a resource needs a request for that resource on every container of the target\'s pods',
    why: 'Utilization is usage divided by the request: without a request the controller cannot compute it ("missing request for cpu"), the HPA reports ScalingActive False and never scales.',
    fix: 'give the agent a request for the resource (`resources: { cpu: { request: Cpu.millis(250) } }`; AgentDeployment requests 100m CPU and 256Mi by default), or target an `averageValue`',
    yamlFix: 'set `resources.requests.<resource>` on every container of the target Deployment\'s pod template',
    upstream: 'HC: replica_calculator.go calculatePodRequests ("missing request for %s")',
    effect: 'runtime',
  },
  REPLICAS_FIGHT: {
    id: 'HPA-TARGET-002',
    title: 'a Deployment scaled by an HPA should leave `spec.replicas` unset',
    why: 'Every apply of the manifest (each Flux reconciliation) writes `spec.replicas` back, undoing what the HPA scaled to; the replica count jumps until the HPA corrects it again.',
    fix: 'leave `replicas` unset when `autoscaling` is set (AgentDeployment starts at `autoscaling.minReplicas`)',
    yamlFix: 'remove `spec.replicas` from the Deployment the HPA targets',
    upstream: 'kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling',
    effect: 'altered',
    severity: 'warning',
  },
});
