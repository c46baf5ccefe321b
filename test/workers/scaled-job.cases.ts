// Rule cases for keda.sh/v1alpha1 ScaledJob (KEDA-SJ-*) and its job template.
import { Duration } from 'cdk8s';
import { JobRestartPolicy, JobScalingStrategy, MultipleScalersCalculation, ScaleTrigger } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { job, JOB_PATH, KAFKA, scaledJob } from './fixtures';

const LONG = `j${'x'.repeat(63)}`;

export const CASES: RuleCases = {
  triggers: [
    { id: 'KEDA-SJ-001', name: 'minReplicas exceeds maxReplicas (clamped)', build: (c) => job(c, { minReplicas: 5, maxReplicas: 2 }), path: JOB_PATH, field: 'spec.minReplicaCount', value: '5' },
    { id: 'KEDA-SJ-001', name: 'minReplicaCount exceeds maxReplicaCount (YAML)', manifests: [scaledJob({ minReplicaCount: 3, maxReplicaCount: 1 })], field: 'spec.minReplicaCount', value: '3' },
    {
      id: 'KEDA-SJ-002', name: 'the job template restarts Always (override)',
      build: (c) => job(c).addOverride('spec.jobTargetRef.template.spec.restartPolicy', 'Always'), path: JOB_PATH,
      field: 'spec.jobTargetRef.template.spec.restartPolicy', value: '"Always"',
    },
    { id: 'KEDA-SJ-002', name: 'restartPolicy Always (YAML)', manifests: [scaledJob({}, { restartPolicy: 'Always' })], field: 'spec.jobTargetRef.template.spec.restartPolicy', value: '"Always"' },
    {
      id: 'SCHEMA-002', name: 'an env var defined twice in the job template (the CRD types env as a list-type map keyed by name; found by the oracle)',
      manifests: [scaledJob({}, { containers: [{ name: 'agent', image: 'ghcr.io/acme/agent:1.0', env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] }] })],
      field: 'spec.jobTargetRef.template.spec.containers[0].env[1]', value: '{"name":"A"}', also: ['POD-ENV-003'], // the shared pod rule, ignored by a core kind's API server, says it too
    },
    { id: 'KEDA-SJ-003', name: 'backoffLimit is negative', build: (c) => job(c, { backoffLimit: -1 }), path: JOB_PATH, field: 'spec.jobTargetRef.backoffLimit', value: '-1' },
    { id: 'KEDA-SJ-003', name: 'parallelism is negative', build: (c) => job(c, { parallelism: -2 }), path: JOB_PATH, field: 'spec.jobTargetRef.parallelism', value: '-2' },
    {
      id: 'KEDA-SJ-003', name: 'ttlSecondsAfterFinished is negative (YAML)',
      manifests: [{ ...scaledJob(), spec: { ...(scaledJob() as any).spec, jobTargetRef: { ...(scaledJob() as any).spec.jobTargetRef, ttlSecondsAfterFinished: -5 } } }],
      field: 'spec.jobTargetRef.ttlSecondsAfterFinished', value: '-5',
    },
    { id: 'KEDA-SJ-004', name: 'successfulJobsHistoryLimit is negative', build: (c) => job(c, { successfulJobsHistoryLimit: -1 }), path: JOB_PATH, field: 'spec.successfulJobsHistoryLimit', value: '-1' },
    { id: 'KEDA-SJ-004', name: 'maxReplicas is 0', build: (c) => job(c, { maxReplicas: 0 }), path: JOB_PATH, field: 'spec.maxReplicaCount', value: '0' },
    { id: 'KEDA-SJ-004', name: 'pollingInterval is 0 (YAML)', manifests: [scaledJob({ pollingInterval: 0 })], field: 'spec.pollingInterval', value: '0' },
    {
      id: 'KEDA-SJ-005', name: 'custom strategy settings without strategy custom',
      build: (c) => job(c, { scalingStrategy: { customScalingRunningJobPercentage: 0.5 } }), path: JOB_PATH, field: 'spec.scalingStrategy.strategy', value: '(unset)',
    },
    {
      id: 'KEDA-SJ-005', name: 'strategy custom with a percentage that is not a number (YAML)',
      manifests: [scaledJob({ scalingStrategy: { strategy: 'custom', customScalingRunningJobPercentage: 'half' } })],
      field: 'spec.scalingStrategy.customScalingRunningJobPercentage', value: '"half"',
    },
    {
      id: 'KEDA-SJ-005', name: 'strategy custom without a percentage',
      build: (c) => job(c, { scalingStrategy: { strategy: JobScalingStrategy.CUSTOM, customScalingQueueLengthDeduction: 1 } }), path: JOB_PATH,
      field: 'spec.scalingStrategy.customScalingRunningJobPercentage', value: '(unset)',
    },
    { id: 'KEDA-SJ-006', name: 'the ScaledJob name is 64 characters', build: (c) => job(c, { name: LONG }), path: JOB_PATH, field: 'metadata.name', value: `"${LONG}"` },
    { id: 'META-001', name: 'the ScaledJob name has uppercase letters (YAML; the API server refuses it)', manifests: [scaledJob({}, {}, { name: 'Research' })], field: 'metadata.name', value: '"Research"' },
    { id: 'KEDA-SJ-006', name: 'the ScaledJob name is 64 characters (YAML)', manifests: [scaledJob({}, {}, { name: LONG })], field: 'metadata.name', value: `"${LONG}"` },
    // The job template is a plain Kubernetes pod: the shared pod rules apply (as on a Deployment).
    {
      id: 'POD-RES-001', name: 'a job container requests more memory than its limit (YAML)',
      manifests: [scaledJob({}, { containers: [{ name: 'agent', image: 'x:1', resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } } }] })],
      field: 'spec.jobTargetRef.template.spec.containers[0].resources.requests.memory', value: '"2Gi"',
    },
  ],
  passes: [
    { name: 'two env vars of distinct names in the job template (the list-type map\'s keys are unique)', manifests: [scaledJob({}, { containers: [{ name: 'agent', image: 'ghcr.io/acme/agent:1.0', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }] })] },
    { name: 'a default job', build: (c) => job(c) },
    { name: 'minReplicas == maxReplicas', build: (c) => job(c, { minReplicas: 2, maxReplicas: 2 }) },
    { name: 'restartPolicy OnFailure with backoffLimit 0 and ttl 0', build: (c) => job(c, { restartPolicy: JobRestartPolicy.ON_FAILURE, backoffLimit: 0, ttlAfterFinished: Duration.seconds(0) }) },
    { name: 'no restartPolicy (KEDA sets OnFailure) (YAML)', manifests: [scaledJob({}, { restartPolicy: undefined })] },
    { name: 'history limits 0 and pollingInterval 1 s', build: (c) => job(c, { successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 0, pollingInterval: Duration.seconds(1) }) },
    {
      name: 'strategy custom with a numeric percentage and several scalers summed',
      build: (c) => job(c, {
        triggers: [ScaleTrigger.kafka({ ...KAFKA, lagThreshold: 1 }), ScaleTrigger.kafka({ ...KAFKA, topic: 'urgent', lagThreshold: 1 })],
        scalingStrategy: { strategy: JobScalingStrategy.CUSTOM, customScalingRunningJobPercentage: 0.5, customScalingQueueLengthDeduction: 1, multipleScalersCalculation: MultipleScalersCalculation.SUM },
      }),
    },
    { name: 'a 63-character ScaledJob name', build: (c) => job(c, { name: `j${'x'.repeat(62)}` }) },
  ],
};
