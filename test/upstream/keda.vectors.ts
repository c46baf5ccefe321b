// kedacore/keda v2.20.2: the admission webhooks' own tests (Ginkgo, against an
// envtest API server) for ScaledObject, ScaledJob and (Cluster)TriggerAuthentication.
// Each test creates a namespace, sometimes a workload, an HPA or another
// ScaledObject (`others`), then the object under test; its verdict is whether
// that create failed. Per-scaler metadata is not the point of these tests (another
// vector set covers it). Not ported: update tests ("should validate the so update
// when it's own hpa is already generated", "should validate the so update if it's
// removing the finalizer even if it's invalid", "shouldn't validate the so update
// when removing the custom HPA name ..."): they need the old object. A repeated
// test name gets `#01`, as Go's t.Run names it.
//
// A test that expects a rejection writes `Eventually(create).Should(HaveOccurred())`,
// which retries the create until it fails: when the first create succeeds, the
// second fails with AlreadyExists and the test passes anyway. Such a test proves
// nothing; its verdict here is the webhook code's (VACUOUS, with the code cited).
import { subtest, UpstreamVector, VectorSet } from './vector';

type Obj = Record<string, unknown>;
type Verdict = 'accepted' | 'rejected';
const SO_FILE = 'apis/keda/v1alpha1/scaledobject_webhook_test.go';
const SJ_FILE = 'apis/keda/v1alpha1/scaledjob_webhook_test.go';
const TA_FILE = 'apis/keda/v1alpha1/triggerauthentication_webhook_test.go';
const WORKLOAD = 'deployment-name';
const SO = 'test-so';

const cron = (name?: string): Obj => ({ type: 'cron', ...(name ? { name } : {}), metadata: { timezone: 'UTC', start: '0 * * * *', end: '1 * * * *', desiredReplicas: '1' } });
const workloadTrigger = (name?: string, metricType?: string, extra: Obj = {}): Obj => ({ type: 'kubernetes-workload', ...(name ? { name } : {}), metadata: { podSelector: 'pod=workload-test', value: '1' }, ...(metricType ? { metricType } : {}), ...extra });
const cpu = { type: 'cpu', metadata: { value: '10' } };
const memory = { type: 'memory', metadata: { value: '10' } };

/** createScaledObject of the test file. */
function scaledObject(ns: string, opts: { name?: string; target?: Obj; cpuMem?: boolean; annotations?: Record<string, string>; hpaName?: string; spec?: Obj } = {}): Obj {
  return {
    apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject',
    metadata: { name: opts.name ?? SO, namespace: ns, ...(opts.annotations ? { annotations: opts.annotations } : {}) },
    spec: {
      scaleTargetRef: opts.target ?? { name: WORKLOAD, apiVersion: 'apps/v1', kind: 'Deployment' },
      idleReplicaCount: 1, minReplicaCount: 5, maxReplicaCount: 10,
      triggers: opts.cpuMem ? [cron(), cpu, memory] : [cron()],
      advanced: opts.hpaName ? { horizontalPodAutoscalerConfig: { name: opts.hpaName } } : {},
      ...(opts.spec ?? {}),
    },
  };
}

/** createScaledObjectSTZ: cpu (and a kubernetes-workload) trigger, cooldownPeriod 1. */
const stz = (ns: string, min: number, max: number, external: boolean): Obj => ({
  apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: SO, namespace: ns },
  spec: { scaleTargetRef: { name: WORKLOAD }, minReplicaCount: min, maxReplicaCount: max, cooldownPeriod: 1, triggers: external ? [cpu, workloadTrigger()] : [cpu] },
});

/** createScaledObjectScalingModifiers: min 0, max 10, cooldownPeriod 1. */
const modifiers = (ns: string, scalingModifiers: Obj, triggers: Obj[], extra: Obj = {}): Obj => ({
  apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: SO, namespace: ns },
  spec: { scaleTargetRef: { name: WORKLOAD }, minReplicaCount: 0, maxReplicaCount: 10, cooldownPeriod: 1, triggers, advanced: { scalingModifiers }, ...extra },
});

/** createDeployment / createStatefulSet: requests of 100m, or 0 when not `has`. */
function workload(kind: 'Deployment' | 'StatefulSet', ns: string, hasCpu: boolean, hasMemory: boolean, limits?: Obj): Obj {
  return {
    apiVersion: 'apps/v1', kind, metadata: { name: WORKLOAD, namespace: ns },
    spec: {
      replicas: 1, selector: { matchLabels: { test: 'test' } },
      template: {
        metadata: { name: WORKLOAD, labels: { test: 'test' } },
        spec: { containers: [{ name: 'test', image: 'test', resources: { requests: { cpu: hasCpu ? '100m' : '0', memory: hasMemory ? '100m' : '0' }, ...(limits ? { limits } : {}) } }] },
      },
    },
  };
}
const deployment = (ns: string, hasCpu: boolean, hasMemory: boolean, limits?: Obj) => workload('Deployment', ns, hasCpu, hasMemory, limits);

/** createHpa: an HPA on the target, owned by a ScaledObject when `owner` is given. */
function hpa(name: string, ns: string, target: Obj, owner?: string, annotations?: Record<string, string>): Obj {
  return {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
    metadata: { name, namespace: ns, ...(annotations ? { annotations } : {}), ...(owner ? { ownerReferences: [{ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', name: owner, uid: owner }] } : {}) },
    spec: {
      scaleTargetRef: target, minReplicas: 5, maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageUtilization: 30 } } }],
    },
  };
}
const deploymentTarget = { name: WORKLOAD, apiVersion: 'apps/v1', kind: 'Deployment' };

const so = (name: string, manifest: Obj, upstream: Verdict, others: Obj[] = [], extra: Partial<UpstreamVector> = {}): UpstreamVector => ({ test: `${SO_FILE} "${name}"`, manifest, upstream, others, ...extra });
const VACUOUS = (why: string) => `the test's Eventually(create).Should(HaveOccurred()) passes on the AlreadyExists of its retry; ${why}`;
const CLUSTER_STATE = 'decided by objects in the cluster that the open world cannot see';

const scaledObjects: UpstreamVector[] = [
  so("should validate the so creation when there isn't any hpa", scaledObject('valid'), 'accepted'),
  so('should validate the so creation when there are other SO for other workloads',
    scaledObject('valid-multiple-so', { name: 'other-so-name', target: { name: 'other-workload', apiVersion: 'apps/v1', kind: 'Deployment' } }), 'accepted', [scaledObject('valid-multiple-so')]),
  so('should validate the so creation when there are other HPA for other workloads', scaledObject('valid-other-hpa'), 'accepted',
    [hpa('other-hpa-name', 'valid-other-hpa', { name: 'other-workload', apiVersion: 'apps/v1', kind: 'Deployment' })]),
  so("should validate the so creation when it's own hpa is already generated", scaledObject('own-hpa'), 'accepted', [hpa('test-so-hpa', 'own-hpa', deploymentTarget, SO)]),
  so("shouldn't validate the so creation when there is another unmanaged hpa", scaledObject('unmanaged-hpa'), 'rejected', [hpa('test-unmanaged-hpa', 'unmanaged-hpa', deploymentTarget)]),
  so("shouldn't validate the so creation when the replica counts are wrong", scaledObject('wrong-replica-count', { spec: { minReplicaCount: 10, maxReplicaCount: 5 } }), 'rejected'),
  so("shouldn't validate the so creation when the fallback is wrong", scaledObject('wrong-fallback', { spec: { fallback: { failureThreshold: -1, replicas: -3 } } }), 'rejected'),
  so("shouldn't validate the so creation when the fallback is configured and only cpu/memory triggers are used.",
    scaledObject('wrong-fallback-cpu-memory', { spec: { fallback: { failureThreshold: 3, replicas: 6 }, triggers: [{ ...cron(), metricType: 'AverageValue' }, { ...cpu, metricType: 'AverageValue' }, { ...memory, metricType: 'AverageValue' }] } }),
    'accepted', [deployment('wrong-fallback-cpu-memory', true, true)],
    { note: VACUOUS('CheckFallbackValid (scaledobject_types.go#L373-398) accepts it: createScaledObject always adds a cron trigger, which is neither cpu nor memory') }),
  so('should validate the so creation when the fallback is configured, and at least one trigger (besides cpu/memory) is configured.',
    scaledObject('right-fallback-at-least-one-averagevalue', { spec: { fallback: { failureThreshold: 3, replicas: 6 }, triggers: [cron(), cpu, memory, workloadTrigger('workload_trig_1', 'Value'), workloadTrigger('workload_trig_2', 'AverageValue')] } }),
    'accepted', [deployment('right-fallback-at-least-one-averagevalue', true, true)]),
  so('should validate the so creation when the fallback is configured, and so uses ScalingModifiers.',
    scaledObject('right-fallback-scalingmodifier', { spec: {
      fallback: { failureThreshold: 3, replicas: 6 },
      triggers: [cron(), cpu, memory, workloadTrigger('workload_trig_1', 'Value'), workloadTrigger('workload_trig_2', 'Value')],
      advanced: { scalingModifiers: { target: '2', formula: 'workload_trig_1 + workload_trig_2', metricType: 'Value' } },
    } }),
    'accepted', [deployment('right-fallback-scalingmodifier', true, true)],
    { note: VACUOUS('as its name says, the webhook accepts it: CheckFallbackValid skips the trigger check with scalingModifiers, and the formula compiles (scaledobject_webhook.go#L524-613)') }),
  so('should validate the so creation when there is another unmanaged hpa and so has transfer-hpa-ownership activated and the name is specified',
    scaledObject('unmanaged-hpa-ownership-with-name', { annotations: { 'scaledobject.keda.sh/transfer-hpa-ownership': 'true' }, hpaName: 'test-unmanaged-hpa-ownership-with-name' }),
    'accepted', [hpa('test-unmanaged-hpa-ownership-with-name', 'unmanaged-hpa-ownership-with-name', deploymentTarget)]),
  so("shouldn't validate the so creation when there is another unmanaged hpa and so has transfer-hpa-ownership activated but no name specified",
    scaledObject('unmanaged-hpa-ownership-without-name', { annotations: { 'scaledobject.keda.sh/transfer-hpa-ownership': 'true' } }),
    'rejected', [hpa('test-unmanaged-hpa-ownership-without-name', 'unmanaged-hpa-ownership-without-name', deploymentTarget)]),
  so("shouldn't validate the so creation when hpa has shared-ownership unactivated",
    scaledObject('hpa-ownership', { annotations: { 'scaledobject.keda.sh/transfer-hpa-ownership': 'false' }, hpaName: 'test-hpa-disabled-validation-by-hpa-ownership' }),
    'accepted', [hpa('test-hpa-disabled-validation-by-hpa-ownership', 'hpa-ownership', deploymentTarget, undefined, { 'validations.keda.sh/hpa-ownership': 'false' })],
    { note: 'despite its name the test expects the create to succeed (ShouldNot(HaveOccurred)): the HPA opts out of the ownership check' }),
  so("shouldn't validate the so creation when there is another so", scaledObject('managed-hpa'), 'rejected', [scaledObject('managed-hpa', { name: 'test-so2' })]),
  so("shouldn't validate the so creation when there is another hpa with custom apis",
    scaledObject('custom-apis', { target: { name: WORKLOAD, apiVersion: 'custom-api/v1', kind: 'custom-kind' } }), 'rejected',
    [hpa('test-custom-hpa', 'custom-apis', { name: WORKLOAD, apiVersion: 'custom-api/v1', kind: 'custom-kind' })]),
  so('should validate the so creation with cpu and memory when deployment has requests', scaledObject('deployment-has-requests', { cpuMem: true }), 'accepted', [deployment('deployment-has-requests', true, true)]),
  so("shouldn't validate the creation with cpu and memory when deployment is missing", scaledObject('deployment-missing', { cpuMem: true }), 'rejected', [],
    { note: 'the webhook reads the Deployment from the cluster and fails when it is absent' }),
  so("shouldn't validate the so creation with cpu and memory when deployment hasn't got memory request", scaledObject('deployment-no-memory-request', { cpuMem: true }), 'rejected', [deployment('deployment-no-memory-request', true, false)]),
  so("shouldn't validate the SO creation with CPU and memory when deployment doesn't have CPU and memory", scaledObject('resource-default-limits-missing', { cpuMem: true }), 'rejected', [deployment('resource-default-limits-missing', false, false)]),
  so('should validate the SO creation with CPU and memory when deployment doesn\'t have CPU and memory, but LimitRange has the limits specified',
    scaledObject('resource-default-limits-in-limitrange', { cpuMem: true }), 'accepted', [
      deployment('resource-default-limits-in-limitrange', false, false),
      { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'test-limit-range', namespace: 'resource-default-limits-in-limitrange' }, spec: { limits: [{ type: 'Container', default: { cpu: '100m', memory: '100m' }, defaultRequest: { cpu: '100m', memory: '100m' } }] } },
    ]),
  so("shouldn't validate the so creation with cpu and memory when deployment hasn't got cpu request", scaledObject('deployment-no-cpu-request', { cpuMem: true }), 'rejected', [deployment('deployment-no-cpu-request', false, true)]),
  so('should validate the so creation with cpu and memory when statefulset has requests',
    scaledObject('statefulset-has-requests', { cpuMem: true, target: { name: WORKLOAD, apiVersion: 'apps/v1', kind: 'StatefulSet' } }), 'accepted', [workload('StatefulSet', 'statefulset-has-requests', true, true)]),
  so("shouldn't validate the so creation with cpu and memory when statefulset hasn't got memory request",
    scaledObject('statefulset-no-memory-request', { cpuMem: true, target: { name: WORKLOAD, apiVersion: 'apps/v1', kind: 'StatefulSet' } }), 'rejected', [workload('StatefulSet', 'statefulset-no-memory-request', true, false)]),
  so("shouldn't validate the so creation with cpu and memory when statefulset hasn't got cpu request",
    scaledObject('statefulset-no-cpu-request', { cpuMem: true, target: { name: WORKLOAD, apiVersion: 'apps/v1', kind: 'StatefulSet' } }), 'rejected', [workload('StatefulSet', 'statefulset-no-cpu-request', false, true)]),
  so('should validate the so creation without cpu and memory when custom resources',
    scaledObject('crd-not-resources', { cpuMem: true, target: { name: WORKLOAD, apiVersion: 'custom-api', kind: 'StatefulSet' } }), 'accepted'),
  so('should validate so creation when all requirements are met for scaling to zero with cpu scaler', stz('scale-to-zero-good', 0, 5, true), 'accepted', [deployment('scale-to-zero-good', true, false)]),
  so("shouldn't validate so creation with cpu scaler requirements not being met for scaling to 0", stz('scale-to-zero-min-replicas-bad', 0, 5, false), 'rejected', [deployment('scale-to-zero-min-replicas-bad', true, false)]),
  so('should validate so creation when min replicas is > 0 with only cpu scaler given', stz('scale-to-zero-no-external-trigger-good', 1, 5, false), 'accepted', [deployment('scale-to-zero-no-external-trigger-good', true, false)]),
  so('should not validate ScaledObject creation when deployment only provides cpu resource limits',
    scaledObject('only-cpu-resource-limits-set', { spec: { triggers: [cpu] } }), 'accepted', [deployment('only-cpu-resource-limits-set', false, false, { cpu: '100m' })],
    { note: 'despite its name the test expects the create to succeed: a limit counts as a set resource' }),
  so('should not validate ScaledObject creation when deployment only provides memory resource limits',
    scaledObject('only-memory-resource-limits-set', { spec: { triggers: [{ type: 'memory', metadata: { value: '512Mi' } }] } }), 'accepted', [deployment('only-memory-resource-limits-set', false, false, { memory: '1024m' })],
    { note: 'despite its name the test expects the create to succeed: a limit counts as a set resource' }),
  so("shouldn't validate the so creation when the name exceeds the label value limit", scaledObject('so-name-too-long', { name: 'a'.repeat(64), hpaName: 'short-hpa' }), 'rejected'),
  so('should validate the so creation when the name is at the label value limit and a custom HPA name is set', scaledObject('so-name-max-with-custom-hpa', { name: 'a'.repeat(63), hpaName: 'short-hpa' }), 'accepted'),
  so("shouldn't validate the so creation when no custom HPA name is set and the generated HPA name would exceed the label value limit", scaledObject('so-generated-hpa-too-long', { name: 'a'.repeat(55) }), 'rejected'),
  so('should validate the so creation when no custom HPA name is set and the generated HPA name fits within the label value limit', scaledObject('so-generated-hpa-max', { name: 'a'.repeat(54) }), 'accepted'),
  so("shouldn't create so when stabilizationWindowSeconds exceeds 3600",
    scaledObject('fail-so-creation', { spec: { advanced: { horizontalPodAutoscalerConfig: { behavior: { scaleDown: { stabilizationWindowSeconds: 3700 } } } } } }), 'accepted', [],
    { note: VACUOUS('neither the webhook nor the CRD schema bounds stabilizationWindowSeconds; the HPA KEDA then creates is refused by the API server (a runtime failure)') }),
  so('should validate empty triggers in ScaledObject', scaledObject('empty-triggers-set', { spec: { triggers: [] } }), 'rejected', [deployment('empty-triggers-set', false, false, { cpu: '100m' })],
    { note: 'despite its name the test expects the create to fail' }),
  so('should validate the so creation with ScalingModifiers.Formula',
    modifiers('scaling-modifiers-formula-good', { target: '2', formula: 'workload_trig + cron_trig' }, [cron('cron_trig'), workloadTrigger('workload_trig')]), 'accepted', [deployment('scaling-modifiers-formula-good', false, false)]),
  so('shouldnt validate the so creation with scalingModifiers.Formula but no target',
    modifiers('scaling-modifiers-formula-no-target-bad', { formula: 'workload_trig + cron_trig' }, [cron('cron_trig'), workloadTrigger('workload_trig')]), 'rejected', [deployment('scaling-modifiers-formula-no-target-bad', false, false)]),
  so('shouldnt validate the so creation with ScalingModifiers when triggers dont have names',
    modifiers('scaling-modifiers-triggers-no-names-bad', { formula: 'workload_trig + cron_trig' }, [cron(), workloadTrigger()]), 'rejected', [deployment('scaling-modifiers-triggers-no-names-bad', true, true)]),
  so('should validate the so creation with ScalingModifiers when formula triggers do have names but not all triggers',
    modifiers('scaling-modifiers-specific-triggers-good', { target: '2', formula: 'workload_trig + 1' }, [cron(), workloadTrigger('workload_trig')]), 'accepted', [deployment('scaling-modifiers-specific-triggers-good', true, true)]),
  so('should validate the so creation with ScalingModifiers when formula casts to float already',
    modifiers('scaling-modifiers-cast-to-float-good', { target: '2', formula: 'float(workload_trig + 1)' }, [workloadTrigger('workload_trig')]), 'accepted', [deployment('scaling-modifiers-cast-to-float-good', true, true)]),
  ...([
    ['should validate the so creation with ScalingModifiers.Formula - casting float from ternary operator', 'scaling-modifiers-formula-casting-float-good', 'float(workload_trig < 5 ? cron_trig + workload_trig : 5)', 'cron_trig', 'workload_trig'],
    ['should validate the so creation with ScalingModifiers.Formula - ternary operator without casting float', 'scaling-modifiers-formula-ternary-no-casting-float-good', 'workload_trig < 5 ? cron_trig + workload_trig : 5', 'cron_trig', 'workload_trig'],
    ['should validate the so creation with ScalingModifiers.Formula - count operator', 'scaling-modifiers-formula-count-function-good', 'count([trig_one,trig_two],{#>1}) > 1 ? 5 : 0', 'trig_one', 'trig_two'],
    ['should validate the so creation with ScalingModifiers.Formula - complex ternary', 'scaling-modifiers-formula-complex-ternary-good', 'float(trig_one < 2 ? trig_one+trig_two >= 2 ? 5 : 10 : 0)', 'trig_one', 'trig_two'],
    ['should validate the so creation with ScalingModifiers.Formula - double float cast', 'scaling-modifiers-formula-double-float-cast-good', 'float(float(trig_two < 5 ? trig_one + trig_two : 5))', 'trig_one', 'trig_two'],
  ] as const).map(([name, ns, formula, cronName, workloadName]) =>
    so(name, modifiers(ns, { target: '2', formula }, [cron(cronName), workloadTrigger(workloadName)]), 'accepted', [deployment(ns, false, false)])),
  // PollingInterval / CooldownPeriod: ValidateCreate returns warnings, never an error.
  ...([
    ['should emit warning when PollingInterval is set with minReplicaCount > 0 and idleReplicaCount not set', 'polling-interval-warning-idle-not-set', { minReplicaCount: 1, idleReplicaCount: undefined, pollingInterval: 30 }],
    ['should emit warning when PollingInterval is set with minReplicaCount > 0 and idleReplicaCount > 0', 'polling-interval-warning-idle-greater-zero', { minReplicaCount: 2, idleReplicaCount: 1, pollingInterval: 30 }],
    ['should NOT emit warning when PollingInterval is set with idleReplicaCount = 0', 'polling-interval-no-warning-idle-zero', { minReplicaCount: 2, idleReplicaCount: 0, pollingInterval: 30 }],
    ['should NOT emit warning when PollingInterval is set with useCachedMetrics enabled', 'polling-interval-no-warning-cached-metrics',
      { minReplicaCount: 2, idleReplicaCount: 1, pollingInterval: 30, triggers: [workloadTrigger('workload_trig_1', 'Value', { useCachedMetrics: true })] }],
    ['should NOT emit warning when PollingInterval is not set', 'polling-interval-not-set', { minReplicaCount: 2, idleReplicaCount: 1 }],
    ['should emit warning when CooldownPeriod is set with minReplicaCount > 0 and idleReplicaCount not set', 'cooldown-warning-idle-not-set', { minReplicaCount: 1, idleReplicaCount: undefined, cooldownPeriod: 300 }],
    ['should emit warning when CooldownPeriod is set with minReplicaCount > 0 and idleReplicaCount > 0', 'cooldown-warning-idle-greater-zero', { minReplicaCount: 2, idleReplicaCount: 1, cooldownPeriod: 300 }],
    ['should NOT emit warning when CooldownPeriod is set with idleReplicaCount = 0', 'cooldown-no-warning-idle-zero', { minReplicaCount: 2, idleReplicaCount: 0, cooldownPeriod: 300 }],
    ['should NOT emit warning when CooldownPeriod is not set', 'cooldown-not-set', { minReplicaCount: 2, idleReplicaCount: 1 }],
    ['should emit both warnings when both PollingInterval and CooldownPeriod are misconfigured', 'both-warnings', { minReplicaCount: 2, idleReplicaCount: 1, pollingInterval: 30, cooldownPeriod: 300 }],
    ['should emit no warnings when both are properly configured with idleReplicaCount = 0', 'both-no-warnings-idle-zero', { minReplicaCount: 2, idleReplicaCount: 0, pollingInterval: 30, cooldownPeriod: 300 }],
  ] as const).map(([name, ns, spec]) => {
    const manifest = scaledObject(ns);
    const merged: Obj = { ...(manifest.spec as Obj), ...spec };
    for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
    return so(name, { ...manifest, spec: merged }, 'accepted', [deployment(ns, true, true)], { note: 'ValidateCreate returns no error; the warning, if any, is a warning' });
  }),
  so('should validate the so creation with scalingModifiers fallback behavior',
    modifiers('scaling-modifiers-fallback-valid', { target: '2', formula: 'trig_one ?? trig_two ?? 5' }, [cron('trig_one'), workloadTrigger('trig_two')], { fallback: { failureThreshold: 3, replicas: 5, behavior: 'scalingModifiers' } }),
    'accepted', [deployment('scaling-modifiers-fallback-valid', false, false)]),
  so("shouldn't validate the so creation with scalingModifiers fallback without formula",
    scaledObject('scaling-modifiers-fallback-no-formula', { spec: { triggers: [cron()], fallback: { failureThreshold: 3, replicas: 5, behavior: 'scalingModifiers' } } }),
    'rejected', [deployment('scaling-modifiers-fallback-no-formula', false, false)]),
];
for (const v of scaledObjects) if (/another unmanaged hpa|another so|another hpa|deployment is missing/.test(v.test) && v.upstream === 'rejected') Object.assign(v, { note: v.note ?? CLUSTER_STATE });

const scaledJobs: UpstreamVector[] = [{
  test: `${SJ_FILE} "should validate empty triggers in ScaledJob"`,
  manifest: {
    apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', metadata: { name: 'test-sj', namespace: 'scaledjob-empty-triggers-set' },
    spec: {
      jobTargetRef: { selector: { matchLabels: { app: 'test-sj' } }, template: { metadata: { labels: { app: 'test-sj' } }, spec: { containers: [{ name: 'test-sj', image: 'test-sj' }] } } },
      triggers: [],
    },
  },
  upstream: 'rejected',
  note: 'despite its name the test expects the create to fail',
}];

/** `"name"`, or `"name"#01` for a repeated It name. */
const quoted = (name: string) => subtest('', name).slice(1);
const ta = (kind: string, name: string, ns: string, spec: Obj): Obj => ({
  apiVersion: 'keda.sh/v1alpha1', kind, metadata: kind === 'ClusterTriggerAuthentication' ? { name } : { name, namespace: ns }, spec,
});
const pod = (provider: string, fields: Obj): Obj => ({ podIdentity: { provider, ...fields } });
const taCases: [string, string, string, string, Obj, Verdict][] = [
  ['validate triggerauthentication when IdentityTenantID is not nil and not empty', 'TriggerAuthentication', 'identitytenantidta', 'identitytenantidta', pod('azure-workload', { identityId: '12345', identityTenantId: '12345' }), 'accepted'],
  ['validate triggerauthentication when IdentityTenantID is not nil but empty', 'TriggerAuthentication', 'emptyidentitytenantidta', 'emptyidentitytenantidta', pod('azure-workload', { identityId: '12345', identityTenantId: '' }), 'rejected'],
  ['validate triggerauthentication when IdentityAuthorityHost is not nil and not empty and IdentityTenantID is not nil and not empty', 'TriggerAuthentication', 'identityauthorityhostta', 'identityauthorityhostta',
    pod('azure-workload', { identityId: '12345', identityTenantId: '12345', identityAuthorityHost: '12345' }), 'accepted'],
  ['validate triggerauthentication when IdentityAuthorityHost is not nil and not empty and IdentityTenantID is nil', 'TriggerAuthentication', 'niltenantidentityauthorityhostta', 'niltenantidentityauthorityhostta',
    pod('azure-workload', { identityId: '12345', identityAuthorityHost: '12345' }), 'rejected'],
  ['validate triggerauthentication when IdentityAuthorityHost is not nil and not empty and IdentityTenantID is not nil but empty', 'TriggerAuthentication', 'emptytenantidentityauthorityhostta', 'emptytenantidentityauthorityhostta',
    pod('azure-workload', { identityId: '12345', identityTenantId: '', identityAuthorityHost: '12345' }), 'rejected'],
  ['validate triggerauthentication when RoleArn is not empty and IdentityOwner is nil', 'TriggerAuthentication', 'identityidta', 'rolearn', pod('aws', { roleArn: 'Hello' }), 'accepted'],
  ['validate triggerauthentication when RoleArn is not empty and IdentityOwner is keda', 'TriggerAuthentication', 'identityidta', 'rolearnandkedaowner', pod('aws', { roleArn: 'Hello', identityOwner: 'keda' }), 'accepted'],
  ['validate triggerauthentication when RoleArn is not empty and IdentityOwner is workload', 'TriggerAuthentication', 'identityidta', 'rolearnandworkloadowner', pod('aws', { roleArn: 'Hello', identityOwner: 'workload' }), 'rejected'],
  ['validate triggerauthentication when RoleArn is empty and IdentityOwner is keda', 'TriggerAuthentication', 'identityidta', 'kedaowner', pod('aws', { identityOwner: 'keda' }), 'accepted'],
  ['validate triggerauthentication when RoleArn is not empty and IdentityOwner is workload#01', 'TriggerAuthentication', 'identityidta', 'workloadowner', pod('aws', { identityOwner: 'workload' }), 'accepted'],
  ['validate clustertriggerauthentication when RoleArn is not empty and IdentityOwner is nil', 'ClusterTriggerAuthentication', 'clusteridentityidta', 'clusterrolearn', pod('aws', { roleArn: 'Hello' }), 'accepted'],
  ['validate clustertriggerauthentication when RoleArn is not empty and IdentityOwner is keda', 'ClusterTriggerAuthentication', 'clusteridentityidta', 'clusterrolearnandkedaowner', pod('aws', { roleArn: 'Hello', identityOwner: 'keda' }), 'accepted'],
  ['validate clustertriggerauthentication when RoleArn is not empty and IdentityOwner is workload', 'ClusterTriggerAuthentication', 'clusteridentityidta', 'clusterrolearnandworkloadowner', pod('aws', { roleArn: 'Hello', identityOwner: 'workload' }), 'rejected'],
  ['validate clustertriggerauthentication when RoleArn is empty and IdentityOwner is keda', 'ClusterTriggerAuthentication', 'clusteridentityidta', 'clusterandkedaowner', pod('aws', { identityOwner: 'keda' }), 'accepted'],
  ['validate clustertriggerauthentication when RoleArn is not empty and IdentityOwner is workload#01', 'TriggerAuthentication', 'clusteridentityidta', 'clusterandworkloadowner', pod('aws', { identityOwner: 'workload' }), 'accepted'],
  ['validate triggerauthentication when ExternalID is set and RoleArn is set', 'TriggerAuthentication', 'externalidwithrolearn', 'externalidwithrolearn', pod('aws', { roleArn: 'arn:aws:iam::123456789012:role/MyRole', externalID: 'my-external-id' }), 'accepted'],
  ['validate triggerauthentication when ExternalID is set and RoleArn is nil', 'TriggerAuthentication', 'externalidwithoutrolearn', 'externalidwithoutrolearn', pod('aws', { externalID: 'my-external-id' }), 'rejected'],
  ['validate triggerauthentication when ExternalID is set and RoleArn is empty', 'TriggerAuthentication', 'externalidwithemptyrolearn', 'externalidwithemptyrolearn', pod('aws', { roleArn: '', externalID: 'my-external-id' }), 'rejected'],
  ['validate triggerauthentication when FilePath is set', 'TriggerAuthentication', 'filepathvalidation', 'filepathvalidation', { filePath: '/mnt/auth/creds.json' }, 'rejected'],
  ['validate clustertriggerauthentication when FilePath is set', 'ClusterTriggerAuthentication', 'clusterfilepathvalidation', 'clusterfilepathvalidation', { filePath: '/mnt/auth/creds.json' }, 'accepted'],
];
const FILE_PATH = VACUOUS('the webhook (triggerauthentication_webhook.go validateSpec) accepts filePath on either kind; KEDA\'s resolver refuses it on a namespaced one at run time (scale_resolvers.go#L318-322)');
const triggerAuths: UpstreamVector[] = taCases.map(([name, kind, objName, ns, spec, verdict]) => (
  name === 'validate triggerauthentication when FilePath is set'
    ? { test: `${TA_FILE} "${name}"`, manifest: ta(kind, objName, ns, spec), upstream: 'accepted', note: FILE_PATH }
    : { test: `${TA_FILE} ${quoted(name)}`, manifest: ta(kind, objName, ns, spec), upstream: verdict }));

export const SETS: VectorSet[] = [
  { project: 'kedacore/keda@v2.20.2', kind: 'ScaledObject', vectors: scaledObjects },
  { project: 'kedacore/keda@v2.20.2', kind: 'ScaledJob', vectors: scaledJobs },
  { project: 'kedacore/keda@v2.20.2', kind: '(Cluster)TriggerAuthentication', vectors: triggerAuths },
];
