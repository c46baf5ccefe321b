// Rule cases for keda.sh/v1alpha1 ScaledObject (KEDA-SO-*).
import { Duration } from 'cdk8s';
import { FallbackBehavior, ScaleTrigger, ScalingPolicyType, ScalingSelectPolicy } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { KAFKA, kafkaTrigger, SO_PATH, scaledObject, trigger, worker } from './fixtures';

const LONG = `w${'x'.repeat(54)}`; // 55 characters: keda-hpa-<name> is 64

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'KEDA-SO-001', name: 'the derived HPA name keda-hpa-<name> exceeds 63 characters',
      build: (c) => worker(c, { name: LONG }), path: `test/worker (ScaledObject/${LONG})`, field: 'metadata.name', value: `"${LONG}"`,
    },
    {
      id: 'KEDA-SO-001', name: 'the worker name has an underscore (its Deployment\'s name too: META-001)', build: (c) => worker(c, { name: 'ticket_worker' }),
      path: 'test/worker (ScaledObject/ticket_worker)', field: 'metadata.name', value: '"ticket_worker"', also: ['META-001'],
    },
    { id: 'KEDA-SO-001', name: 'the ScaledObject name is 64 characters', manifests: [scaledObject({}, { name: 'a'.repeat(64) })], field: 'metadata.name', value: `"${'a'.repeat(64)}"` },
    {
      id: 'KEDA-SO-001', name: 'the explicit HPA name is 64 characters',
      manifests: [scaledObject({ advanced: { horizontalPodAutoscalerConfig: { name: 'h'.repeat(64) } } })],
      field: 'spec.advanced.horizontalPodAutoscalerConfig.name', value: `"${'h'.repeat(64)}"`,
    },
    { id: 'KEDA-SO-002', name: 'minReplicas exceeds maxReplicas', build: (c) => worker(c, { minReplicas: 5, maxReplicas: 3 }), path: SO_PATH, field: 'spec.minReplicaCount', value: '5' },
    { id: 'KEDA-SO-002', name: 'minReplicaCount exceeds the default maximum 100', manifests: [scaledObject({ minReplicaCount: 101 })], field: 'spec.minReplicaCount', value: '101' },
    { id: 'KEDA-SO-003', name: 'idleReplicas equals minReplicas', build: (c) => worker(c, { minReplicas: 1, idleReplicas: 1 }), path: SO_PATH, field: 'spec.idleReplicaCount', value: '1' },
    { id: 'KEDA-SO-003', name: 'idleReplicaCount 0 without minReplicaCount (counts as 0)', manifests: [scaledObject({ idleReplicaCount: 0 })], field: 'spec.idleReplicaCount', value: '0' },
    { id: 'KEDA-SO-004', name: 'pollingInterval is 0', build: (c) => worker(c, { pollingInterval: Duration.seconds(0) }), path: SO_PATH, field: 'spec.pollingInterval', value: '0' },
    { id: 'KEDA-SO-004', name: 'cooldownPeriod is negative', manifests: [scaledObject({ cooldownPeriod: -1 })], field: 'spec.cooldownPeriod', value: '-1' },
    {
      id: 'KEDA-SO-004', name: 'fallback replicas are negative',
      build: (c) => worker(c, { fallback: { failureThreshold: 3, replicas: -1 } }), path: SO_PATH, field: 'spec.fallback.replicas', value: '-1',
    },
    {
      id: 'KEDA-SO-005', name: 'a fallback with only a cpu trigger',
      build: (c) => worker(c, { minReplicas: 1, triggers: [ScaleTrigger.cpu({ utilization: 70 })], fallback: { failureThreshold: 3, replicas: 2 } }),
      path: SO_PATH, field: 'spec.fallback', value: '{"failureThreshold":3,"replicas":2}',
    },
    {
      id: 'KEDA-SO-005', name: 'a fallback with only a memory trigger (YAML)',
      manifests: [scaledObject({ minReplicaCount: 1, fallback: { failureThreshold: 3, replicas: 2 }, triggers: [trigger('memory', { value: '80' }, { metricType: 'Utilization' })] })],
      field: 'spec.fallback', value: '{"failureThreshold":3,"replicas":2}',
    },
    {
      id: 'KEDA-SO-006', name: 'the scalingModifiers fallback behavior without a formula',
      build: (c) => worker(c, { fallback: { failureThreshold: 3, replicas: 2, behavior: FallbackBehavior.SCALING_MODIFIERS } }),
      path: SO_PATH, field: 'spec.fallback.behavior', value: '"scalingModifiers"',
    },
    {
      id: 'KEDA-SO-007', name: 'scaling modifiers with an empty formula',
      build: (c) => worker(c, { scalingModifiers: { formula: '', target: 5 } }), path: SO_PATH, field: 'spec.advanced.scalingModifiers.formula', value: '""',
    },
    {
      id: 'KEDA-SO-007', name: 'scaling modifiers with target 0',
      build: (c) => worker(c, { triggers: [ScaleTrigger.kafka({ ...KAFKA, name: 'lag' })], scalingModifiers: { formula: 'lag * 2', target: 0 } }),
      path: SO_PATH, field: 'spec.advanced.scalingModifiers.target', value: '"0"',
    },
    {
      id: 'KEDA-SO-007', name: 'scaling modifiers with only a metricType (not the zero ScalingModifiers: the formula is mandatory)',
      manifests: [scaledObject({ advanced: { scalingModifiers: { metricType: 'AverageValue' } } })], field: 'spec.advanced.scalingModifiers.formula', value: '(unset)',
    },
    {
      id: 'KEDA-SO-007', name: 'a formula without target (YAML)',
      manifests: [scaledObject({ advanced: { scalingModifiers: { formula: 'lag' } } })], field: 'spec.advanced.scalingModifiers.target', value: '(unset)',
    },
    {
      id: 'KEDA-SO-012', name: 'the formula reads triggers that have no such name (the issue\'s formula)',
      build: (c) => worker(c, { triggers: [ScaleTrigger.kafka({ ...KAFKA, name: 'queue' })], scalingModifiers: { formula: 'float(lag + office)', target: 5 } }),
      path: SO_PATH, field: 'spec.advanced.scalingModifiers.formula', value: '"float(lag + office)"',
    },
    {
      id: 'KEDA-SO-012', name: 'the formula reads a cpu trigger (YAML)',
      manifests: [scaledObject({ advanced: { scalingModifiers: { formula: 'load * 2', target: '5' } }, triggers: [trigger('cpu', { value: '70' }, { name: 'load', metricType: 'Utilization' }), { ...kafkaTrigger(), name: 'lag' }] })],
      field: 'spec.advanced.scalingModifiers.formula', value: '"load * 2"',
    },
    {
      id: 'KEDA-SO-012', name: 'the formula is a comparison (float(bool))',
      build: (c) => worker(c, { triggers: [ScaleTrigger.kafka({ ...KAFKA, name: 'lag' })], scalingModifiers: { formula: 'lag > 10', target: 5 } }),
      path: SO_PATH, field: 'spec.advanced.scalingModifiers.formula', value: '"lag > 10"',
    },
    {
      id: 'KEDA-SO-012', name: 'the formula mixes ?? with another operator without parentheses (YAML)',
      manifests: [scaledObject({ advanced: { scalingModifiers: { formula: 'lag ?? 0 + 1', target: '5' } }, triggers: [{ ...kafkaTrigger(), name: 'lag' }] })],
      field: 'spec.advanced.scalingModifiers.formula', value: '"lag ?? 0 + 1"',
    },
    {
      id: 'KEDA-SO-008', name: 'only a cpu trigger with the default minReplicas 0',
      build: (c) => worker(c, { triggers: [ScaleTrigger.cpu({ utilization: 70 })] }), path: SO_PATH, field: 'spec.minReplicaCount', value: '0',
    },
    {
      id: 'KEDA-SO-008', name: 'only a memory trigger without minReplicaCount (YAML)',
      manifests: [scaledObject({ triggers: [trigger('memory', { value: '512Mi' }, { metricType: 'AverageValue' })] })], field: 'spec.minReplicaCount', value: '(unset)',
    },
    {
      id: 'KEDA-SO-009', name: 'pollingInterval with minReplicas 2',
      build: (c) => worker(c, { minReplicas: 2, pollingInterval: Duration.seconds(15) }), path: SO_PATH, field: 'spec.pollingInterval', value: '15',
    },
    { id: 'KEDA-SO-009', name: 'cooldownPeriod with minReplicaCount 1 (YAML)', manifests: [scaledObject({ minReplicaCount: 1, cooldownPeriod: 60 })], field: 'spec.cooldownPeriod', value: '60' },
    {
      id: 'KEDA-SO-010', name: 'a scale-down stabilization window of 2 hours',
      build: (c) => worker(c, { scaleDown: { stabilizationWindow: Duration.hours(2) } }), path: SO_PATH,
      field: 'spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds', value: '7200',
    },
    {
      id: 'KEDA-SO-010', name: 'a scaling policy with value 0',
      build: (c) => worker(c, { scaleUp: { policies: [{ type: ScalingPolicyType.PODS, value: 0, period: Duration.minutes(1) }] } }), path: SO_PATH,
      field: 'spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleUp.policies[0].value', value: '0',
    },
    {
      id: 'KEDA-SO-010', name: 'a scaling policy period of 31 minutes (YAML)',
      manifests: [scaledObject({ advanced: { horizontalPodAutoscalerConfig: { behavior: { scaleUp: { policies: [{ type: 'Percent', value: 100, periodSeconds: 1860 }] } } } } })],
      field: 'spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleUp.policies[0].periodSeconds', value: '1860',
    },
    {
      id: 'KEDA-SO-010', name: 'an unknown selectPolicy (YAML)',
      manifests: [scaledObject({ advanced: { horizontalPodAutoscalerConfig: { behavior: { scaleDown: { selectPolicy: 'Maximum' } } } } })],
      field: 'spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.selectPolicy', value: '"Maximum"',
    },
    { id: 'KEDA-SO-013', name: 'a hand-written target apiVersion is a URL', manifests: [scaledObject({ scaleTargetRef: { apiVersion: 'https://example.com/x', name: 'worker' } })], field: 'spec.scaleTargetRef.apiVersion', value: '"https://example.com/x"' },
    { id: 'KEDA-SO-013', name: 'a hand-written target apiVersion names the kind too', manifests: [scaledObject({ scaleTargetRef: { apiVersion: 'apps/v1/Deployment', name: 'worker' } })], field: 'spec.scaleTargetRef.apiVersion', value: '"apps/v1/Deployment"' },
    { id: 'KEDA-SO-011', name: 'the HPA name has uppercase letters and an underscore', build: (c) => worker(c, { hpaName: 'Ticket_HPA' }), path: SO_PATH, field: 'spec.advanced.horizontalPodAutoscalerConfig.name', value: '"Ticket_HPA"' },
  ],
  passes: [
    { name: 'scaling modifiers that are the zero ScalingModifiers (an empty formula, a null target: KEDA does not validate them; found by the oracle)', manifests: [scaledObject({ advanced: { scalingModifiers: { formula: '', target: null } } })] },
    {
      name: 'hand-written target apiVersions ParseGroupVersion reads: a group/version, a bare version, "/"',
      manifests: ['apps/v1', 'v1', '/'].map((apiVersion, i) => scaledObject({ scaleTargetRef: { apiVersion, kind: 'Deployment', name: 'worker' } }, { name: `w${i}` })),
    },
    { name: 'a default worker', build: (c) => worker(c) },
    {
      name: 'a ternary formula over named triggers, with max and ?? (near miss of KEDA-SO-012)',
      build: (c) => worker(c, { triggers: [ScaleTrigger.kafka({ ...KAFKA, name: 'lag' }), ScaleTrigger.kafka({ ...KAFKA, topic: 'office', name: 'office' })], scalingModifiers: { formula: 'lag > 10 ? max(lag, office) : (office ?? 0)', target: 5 } }),
    },
    {
      name: 'a formula reading a named trigger beside a cpu trigger (YAML, near miss of KEDA-SO-012)',
      manifests: [scaledObject({ advanced: { scalingModifiers: { formula: 'ceil(lag / 3)', target: '5' } }, triggers: [trigger('cpu', { value: '70' }, { name: 'load', metricType: 'Utilization' }), { ...kafkaTrigger(), name: 'lag' }] })],
    },
    { name: 'a 54-character worker name (keda-hpa-<name> is 63)', build: (c) => worker(c, { name: `w${'x'.repeat(53)}` }) },
    { name: 'a 60-character worker name with a short hpaName', build: (c) => worker(c, { name: `w${'x'.repeat(59)}`, hpaName: 'short-hpa' }) },
    { name: 'minReplicas == maxReplicas', build: (c) => worker(c, { minReplicas: 5, maxReplicas: 5 }) },
    { name: 'minReplicas 0 with maxReplicas 1', build: (c) => worker(c, { minReplicas: 0, maxReplicas: 1 }) },
    { name: 'idleReplicas 0 with the default explicit minReplicas 0 (counts as 1)', build: (c) => worker(c, { idleReplicas: 0 }) },
    { name: 'idleReplicas 0 with minReplicas 2, pollingInterval and cooldownPeriod', build: (c) => worker(c, { minReplicas: 2, idleReplicas: 0, pollingInterval: Duration.seconds(10), cooldownPeriod: Duration.seconds(60) }) },
    { name: 'pollingInterval 1 s and cooldownPeriod 0 s when scaling to zero', build: (c) => worker(c, { pollingInterval: Duration.seconds(1), cooldownPeriod: Duration.seconds(0) }) },
    {
      name: 'pollingInterval with minReplicas 2 and cached metrics (YAML)',
      manifests: [scaledObject({ minReplicaCount: 2, pollingInterval: 10, triggers: [kafkaTrigger({}, { useCachedMetrics: true })] })],
    },
    {
      name: 'a fallback with a kafka and a cpu trigger',
      build: (c) => worker(c, { triggers: [ScaleTrigger.kafka(KAFKA), ScaleTrigger.cpu({ utilization: 70 })], fallback: { failureThreshold: 3, replicas: 2, behavior: FallbackBehavior.CURRENT_REPLICAS_IF_HIGHER } }),
    },
    {
      name: 'scaling modifiers over named triggers with the scalingModifiers fallback',
      build: (c) => worker(c, {
        triggers: [ScaleTrigger.kafka({ ...KAFKA, name: 'lag' }), ScaleTrigger.cron({ name: 'office', start: '0 8 * * 1-5', end: '0 18 * * 1-5', desiredReplicas: 2 })],
        scalingModifiers: { formula: 'lag + office', target: 10, activationTarget: 1 },
        fallback: { failureThreshold: 3, replicas: 2, behavior: FallbackBehavior.SCALING_MODIFIERS },
      }),
    },
    { name: 'a fallback over only cpu triggers when scaling modifiers are set (YAML)', manifests: [scaledObject({ minReplicaCount: 1, fallback: { failureThreshold: 1, replicas: 1 }, advanced: { scalingModifiers: { formula: '1', target: '1' } }, triggers: [trigger('cpu', { value: '70' }, { metricType: 'Utilization' })] })] },
    { name: 'only a cpu trigger with minReplicas 1', build: (c) => worker(c, { minReplicas: 1, triggers: [ScaleTrigger.cpu({ averageValue: '500m' })] }) },
    {
      name: 'HPA behavior at its limits (1 h window, 30 min period, Disabled scale-down)',
      build: (c) => worker(c, {
        scaleUp: { stabilizationWindow: Duration.hours(1), selectPolicy: ScalingSelectPolicy.MIN, policies: [{ type: ScalingPolicyType.PERCENT, value: 100, period: Duration.minutes(30) }] },
        scaleDown: { selectPolicy: ScalingSelectPolicy.DISABLED },
      }),
    },
    { name: 'a valid hpaName', build: (c) => worker(c, { hpaName: 'ticket-worker-hpa' }) },
  ],
};
