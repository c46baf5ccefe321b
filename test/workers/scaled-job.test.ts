import { Chart, Duration, Testing } from 'cdk8s';
import {
  AgentJob, AgentJobProps, AgentSecrets, JobRestartPolicy, JobRolloutStrategy, JobScalingStrategy, MultipleScalersCalculation, ScaleTrigger, TriggerAuth,
} from '../../lib';
import { CLOSED_WORLD } from '../../lib/engine/engine';
import { FindingList } from '../../lib/engine/rule';
import { DEFAULT_SETTINGS } from '../../lib/settings/settings';
import { validateScaledJob } from '../../lib/workers/scaled-job.validator';
import { synthErrors } from '../support/rule-cases';
import { GARBAGE, IMAGE, KAFKA } from './fixtures';

function setup(props: Partial<AgentJobProps> = {}) {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: 'agents' });
  const job = new AgentJob(chart, 'research', { image: IMAGE, triggers: [ScaleTrigger.kafka({ ...KAFKA, lagThreshold: 1 })], ...props });
  return { app, chart, job };
}

function synthJob(props: Partial<AgentJobProps> = {}): any {
  const { chart } = setup(props);
  return Testing.synth(chart).find((o) => o.kind === 'ScaledJob');
}

describe('AgentJob defaults', () => {
  // GIVEN only an image and a kafka trigger with lagThreshold 1 (one Job per message)
  const sj = synthJob();

  test('snapshot of the defaults', () => {
    expect(sj).toMatchSnapshot();
  });

  test('is one ScaledJob of an explicit name, 0 to 100 Jobs', () => {
    expect(sj.metadata.name).toBe('research');
    expect(sj.spec.minReplicaCount).toBe(0);
    expect(sj.spec.maxReplicaCount).toBe(100);
  });

  test('the job template never restarts Always and is hardened like the worker', () => {
    const pod = sj.spec.jobTargetRef.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }]);
  });

  test('labels the job pods so that policies select them, apart from a worker of the same name', () => {
    expect(sj.spec.jobTargetRef.template.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'research', 'app.kubernetes.io/component': 'job', 'app.kubernetes.io/managed-by': 'cdk8s-agents',
    });
    const { job } = setup();
    expect(job.podSelector).toEqual(sj.spec.jobTargetRef.template.metadata.labels);
    expect(job.servedByKnative).toBe(false);
  });

  test('leaves the Kubernetes and KEDA job defaults alone', () => {
    const ref = sj.spec.jobTargetRef;
    expect([ref.parallelism, ref.completions, ref.backoffLimit, ref.activeDeadlineSeconds, ref.ttlSecondsAfterFinished]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect([sj.spec.successfulJobsHistoryLimit, sj.spec.failedJobsHistoryLimit, sj.spec.scalingStrategy, sj.spec.rollout]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('AgentJob job template and scaling', () => {
  test('renders the job settings, history, strategy and rollout', () => {
    const sj = synthJob({
      minReplicas: 1, maxReplicas: 20, restartPolicy: JobRestartPolicy.ON_FAILURE, backoffLimit: 2, activeDeadline: Duration.hours(1), ttlAfterFinished: Duration.minutes(30),
      parallelism: 1, completions: 1, successfulJobsHistoryLimit: 10, failedJobsHistoryLimit: 5, pollingInterval: Duration.seconds(10),
      scalingStrategy: { strategy: JobScalingStrategy.CUSTOM, customScalingQueueLengthDeduction: 1, customScalingRunningJobPercentage: 0.5, pendingPodConditions: ['Ready'], multipleScalersCalculation: MultipleScalersCalculation.SUM },
      rolloutStrategy: JobRolloutStrategy.GRADUAL,
    });
    expect(sj.spec).toMatchObject({
      minReplicaCount: 1, maxReplicaCount: 20, pollingInterval: 10, successfulJobsHistoryLimit: 10, failedJobsHistoryLimit: 5,
      jobTargetRef: { backoffLimit: 2, activeDeadlineSeconds: 3600, ttlSecondsAfterFinished: 1800, parallelism: 1, completions: 1, template: { spec: { restartPolicy: 'OnFailure' } } },
      scalingStrategy: { strategy: 'custom', customScalingQueueLengthDeduction: 1, customScalingRunningJobPercentage: '0.5', pendingPodConditions: ['Ready'], multipleScalersCalculation: 'sum' },
      rollout: { strategy: 'gradual' },
    });
  });

  test('generates the TriggerAuthentication of its triggers', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    const secrets = AgentSecrets.fromSecretName(chart, 's', 'temporal', { TEMPORAL_API_KEY: 'api-key' });
    new AgentJob(chart, 'research', {
      image: IMAGE,
      triggers: [ScaleTrigger.temporal({ endpoint: 'temporal.example.com:7233', taskQueue: 'research', auth: TriggerAuth.fromSecrets(secrets, { apiKey: 'TEMPORAL_API_KEY' }) })],
    });
    const objects = Testing.synth(chart);
    expect(objects.find((o) => o.kind === 'TriggerAuthentication')).toMatchObject({
      metadata: { name: 'research-temporal-auth' }, spec: { secretTargetRef: [{ parameter: 'apiKey', name: 'temporal', key: 'api-key' }] },
    });
    expect(objects.find((o) => o.kind === 'ScaledJob').spec.triggers[0].authenticationRef).toEqual({ name: 'research-temporal-auth' });
  });

  test('the job template is checked with the plain Kubernetes pod rules', () => {
    expect(synthErrors((c) => new AgentJob(c, 'job', { image: IMAGE, triggers: [ScaleTrigger.kafka(KAFKA)] }).addOverride('spec.jobTargetRef.template.spec.containers.0.env', [{ name: '1BAD', value: 'x' }])))
      .toEqual([expect.stringContaining('[POD-ENV-002] test/job: addOverride("spec.jobTargetRef.template.spec.containers.0.env") (spec.jobTargetRef.template.spec.containers[0].env[0].name) = "1BAD"')]);
  });

  test('a finding names the prop behind the job field', () => {
    expect(synthErrors((c) => new AgentJob(c, 'job', { image: IMAGE, triggers: [ScaleTrigger.kafka(KAFKA)], backoffLimit: -1 })))
      .toEqual([expect.stringContaining('[KEDA-SJ-003] test/job: backoffLimit (spec.jobTargetRef.backoffLimit) = -1')]);
  });

  test('fails if activeDeadline is not whole seconds', () => {
    expect(synthErrors((c) => new AgentJob(c, 'job', { image: IMAGE, triggers: [ScaleTrigger.kafka(KAFKA)], activeDeadline: Duration.millis(2500) })))
      .toEqual([expect.stringContaining('[ENGINE-002] test/job: activeDeadline = "2500ms"')]);
  });
});

describe('the ScaledJob validator never throws on what a YAML file may hold', () => {
  const ctx = { settings: DEFAULT_SETTINGS, objects: [], world: CLOSED_WORLD };
  test.each(GARBAGE.map((g) => [JSON.stringify(g) ?? String(g), g]))('%s', (_, g) => {
    expect(() => validateScaledJob(g, ctx, new FindingList())).not.toThrow();
  });
});
