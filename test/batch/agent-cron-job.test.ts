import { Chart, Cron, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentCronJob, AgentCronJobProps, AgentSecrets, ConcurrencyPolicy, EgressPolicy, Egress, JobRestartPolicy } from '../../lib';
import { synthErrors } from '../support/rule-cases';
import { CRON_PATH, cronAgent, IMAGE } from './fixtures';

function setup(props: Partial<AgentCronJobProps> = {}) {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: 'agents' });
  const agent = cronAgent(chart, props);
  return { chart, agent };
}

const synthCron = (props: Partial<AgentCronJobProps> = {}): any => Testing.synth(setup(props).chart).find((o) => o.kind === 'CronJob');

describe('AgentCronJob defaults', () => {
  // GIVEN only an image and a daily schedule
  const cj = synthCron();
  const pod = cj.spec.jobTemplate.spec.template.spec;

  test('snapshot of the defaults', () => {
    expect(cj).toMatchSnapshot();
  });

  test('is one batch/v1 CronJob of an explicit name whose runs never overlap', () => {
    expect([cj.apiVersion, cj.kind, cj.metadata.name, cj.metadata.namespace]).toEqual(['batch/v1', 'CronJob', 'cleanup', 'agents']);
    expect(cj.spec.schedule).toBe('0 3 * * *');
    expect(cj.spec.concurrencyPolicy).toBe('Forbid');
  });

  test('the pods never restart Always and are hardened like every agent, with no token', () => {
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBeUndefined();
    const sc = pod.containers[0].securityContext;
    expect([sc.runAsNonRoot, sc.readOnlyRootFilesystem, sc.allowPrivilegeEscalation, sc.capabilities, sc.seccompProfile]).toEqual([true, true, false, { drop: ['ALL'] }, { type: 'RuntimeDefault' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }]);
  });

  test('leaves the Kubernetes job and history defaults alone', () => {
    const js = cj.spec.jobTemplate.spec;
    expect([js.backoffLimit, js.activeDeadlineSeconds, js.ttlSecondsAfterFinished, cj.spec.successfulJobsHistoryLimit, cj.spec.failedJobsHistoryLimit, cj.spec.startingDeadlineSeconds, cj.spec.suspend, cj.spec.timeZone])
      .toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  test('labels the pods and Jobs so that policies select them, apart from a worker or job of the same name', () => {
    const { agent } = setup();
    expect(agent.podSelector).toEqual({ 'app.kubernetes.io/name': 'cleanup', 'app.kubernetes.io/component': 'cronjob', 'app.kubernetes.io/managed-by': 'cdk8s-agents' });
    expect(cj.spec.jobTemplate.spec.template.metadata.labels).toEqual(agent.podSelector);
    expect(cj.spec.jobTemplate.metadata.labels).toEqual(agent.podSelector);
    expect(agent.servedByKnative).toBe(false);
  });
});

describe('AgentCronJob props', () => {
  test('renders every scheduling and job prop', () => {
    const cj = synthCron({
      schedule: Cron.schedule({ minute: '30', hour: '2' }), timeZone: 'Europe/Paris', concurrencyPolicy: ConcurrencyPolicy.REPLACE, startingDeadline: Duration.minutes(5),
      successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 2, activeDeadline: Duration.minutes(30), backoffLimit: 0, ttlAfterFinished: Duration.hours(1), suspend: true,
      restartPolicy: JobRestartPolicy.ON_FAILURE, terminationGracePeriod: Duration.seconds(10), podLabels: { team: 'ops' }, podAnnotations: { note: 'x' },
    });
    expect(cj.spec).toMatchObject({
      schedule: '30 2 * * *', timeZone: 'Europe/Paris', concurrencyPolicy: 'Replace', startingDeadlineSeconds: 300, successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 2, suspend: true,
      jobTemplate: { spec: { activeDeadlineSeconds: 1800, backoffLimit: 0, ttlSecondsAfterFinished: 3600 } },
    });
    const template = cj.spec.jobTemplate.spec.template;
    expect([template.spec.restartPolicy, template.spec.terminationGracePeriodSeconds, template.metadata.labels.team, template.metadata.annotations]).toEqual(['OnFailure', 10, 'ops', { note: 'x' }]);
  });

  test('runs the same container props and secrets as the other agents', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    const secrets = AgentSecrets.fromSecretName(chart, 'oauth', 'oauth-credentials');
    cronAgent(chart, { args: ['refresh-tokens'], env: { LOG_LEVEL: 'info' }, secrets: [secrets], security: { runAsUser: 1001, runAsGroup: 1001 } });
    const c = Testing.synth(chart).find((o) => o.kind === 'CronJob').spec.jobTemplate.spec.template.spec.containers[0];
    expect([c.args, c.env, c.envFrom, c.securityContext.runAsUser]).toEqual([['refresh-tokens'], [{ name: 'LOG_LEVEL', value: 'info' }], [{ secretRef: { name: 'oauth-credentials' } }], 1001]);
  });

  test('an EgressPolicy selects its pods', () => {
    const { chart, agent } = setup();
    new EgressPolicy(chart, 'egress', { agents: [agent], allow: [Egress.cidr('10.0.0.0/8')] });
    const np = Testing.synth(chart).find((o) => o.kind === 'NetworkPolicy');
    expect(np.spec.podSelector.matchLabels).toEqual(agent.podSelector);
  });

  test('fails if a duration has a fraction of a second', () => {
    const lines = synthErrors((c) => cronAgent(c, { activeDeadline: Duration.millis(1500) }));
    expect(lines.join('\n')).toMatch(/activeDeadline = "1500ms": whole seconds only/);
  });

  test('fails if the schedule is missing or not a string or Cron, naming the prop', () => {
    expect(synthErrors((c) => new AgentCronJob(c, 'cleanup', { image: IMAGE } as any)).join('\n')).toMatch(/\[PROPS-\d+\] test\/cleanup: schedule/);
    expect(synthErrors((c) => cronAgent(c, { schedule: 5 as any })).join('\n')).toMatch(/schedule = 5/);
  });

  test('is deterministic', () => {
    expect(JSON.stringify(Testing.synth(setup({ timeZone: 'UTC' }).chart))).toBe(JSON.stringify(Testing.synth(setup({ timeZone: 'UTC' }).chart)));
  });

  test('a grant runs the pods as the generated account with the token mounted', () => {
    const { chart, agent } = setup();
    agent.grantRead(kplus.ApiResource.CONFIG_MAPS);
    const pod = Testing.synth(chart).find((o) => o.kind === 'CronJob').spec.jobTemplate.spec.template.spec;
    expect([pod.serviceAccountName, pod.automountServiceAccountToken]).toEqual(['cleanup', true]);
  });
});

test('CRON_PATH is the construct path of the CronJob', () => {
  expect(synthErrors((c) => cronAgent(c, { timeZone: 'Mars/Olympus' }))[0]).toContain(`[CRONJOB-003] ${CRON_PATH}: timeZone (spec.timeZone)`);
});
