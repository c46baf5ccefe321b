import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentSecrets, Broker, JobSink } from '../../lib';
import { validateJobSink } from '../../lib/eventing/job-sink.validator';
import { synthErrors } from '../support/rule-cases';
import { GARBAGE, IMAGE, jobSinkManifest, runValidator } from './fixtures';

function synthJobSink(props: Partial<ConstructorParameters<typeof JobSink>[2]> = {}) {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: 'agents' });
  const sink = new JobSink(chart, 'report-writer', { image: IMAGE, ...props });
  return { chart, sink, object: Testing.synth(chart).find((o) => o.kind === 'JobSink') };
}

describe('JobSink defaults', () => {
  const { object } = synthJobSink();
  const pod = object.spec.job.spec.template.spec;

  test('snapshot of the defaults', () => {
    expect(object).toMatchSnapshot();
  });

  test('a failed task is retried as a new pod up to 3 times; finished Jobs are kept a day', () => {
    expect(pod.restartPolicy).toBe('Never');
    expect(object.spec.job.spec.backoffLimit).toBe(3);
    expect(object.spec.job.spec.ttlSecondsAfterFinished).toBe(86400);
  });

  test('hardened like an agent: restricted profile, read-only root with /tmp, no token', () => {
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.containers[0].securityContext).toEqual({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  });
});

describe('JobSink', () => {
  test('renders env, secrets, resources, deadlines and labels', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    const secrets = AgentSecrets.fromSecretName(chart, 's', 'model-api', { ANTHROPIC_API_KEY: 'anthropic-api-key' });
    new JobSink(chart, 'jobs', {
      image: IMAGE, env: { MODE: 'report' }, secrets: [secrets], command: ['python'], args: ['-m', 'report'],
      resources: { cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.units(2) }, memory: { request: Size.gibibytes(2), limit: Size.gibibytes(4) } },
      activeDeadline: Duration.hours(2), ttlAfterFinished: Duration.minutes(10), backoffLimit: 0, labels: { team: 'research' },
    });
    const job = Testing.synth(chart).find((o) => o.kind === 'JobSink').spec.job;
    const c = job.spec.template.spec.containers[0];
    expect(c.env).toEqual([{ name: 'MODE', value: 'report' }, { name: 'ANTHROPIC_API_KEY', valueFrom: { secretKeyRef: { name: 'model-api', key: 'anthropic-api-key' } } }]);
    expect(c.resources).toEqual({ requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } });
    expect([c.command, c.args]).toEqual([['python'], ['-m', 'report']]);
    expect([job.spec.activeDeadlineSeconds, job.spec.ttlSecondsAfterFinished, job.spec.backoffLimit]).toEqual([7200, 600, 0]);
    expect(job.spec.template.metadata).toEqual({ labels: { team: 'research' } });
  });

  test('is a sink: referenced by ref, records its senders', () => {
    const { chart, sink } = synthJobSink();
    const t = new Broker(chart, 'events').addTrigger('report-requested', { subscriber: sink, filter: { type: 'dev.acme.report.requested' } });
    expect(sink.toDestination()).toEqual({ ref: { apiVersion: 'sinks.knative.dev/v1alpha1', kind: 'JobSink', name: 'report-writer', namespace: 'agents' } });
    expect(sink.senders).toEqual([t.sender]);
  });

  test('fails if a deadline is not whole seconds (ENGINE-002 naming the prop)', () => {
    expect(synthErrors((c) => new JobSink(c, 'jobs', { image: IMAGE, activeDeadline: Duration.millis(1500) }))).toEqual([
      expect.stringMatching(/^error \[ENGINE-002\] test\/jobs: activeDeadline = "1500ms": Jobs take whole seconds\. Fix: use Duration\.seconds\(2\)$/),
    ]);
  });

  test('runs the agent container: an EnvValue env, a secret given twice renders once, a mounted token is explicit', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    const secrets = AgentSecrets.fromSecretName(chart, 's', 'model-api');
    new JobSink(chart, 'jobs', { image: IMAGE, env: { MODE: kplus.EnvValue.fromValue('report') }, secrets: [secrets, secrets], mountServiceAccountToken: true });
    const pod = Testing.synth(chart).find((o) => o.kind === 'JobSink').spec.job.spec.template.spec;
    expect(pod.containers[0].env).toEqual([{ name: 'MODE', value: 'report' }]);
    expect(pod.containers[0].envFrom).toEqual([{ secretRef: { name: 'model-api' } }]);
    // A plain Job may say true, which wins over a service account that disables the token (Knative accepts only false).
    expect(pod.automountServiceAccountToken).toBe(true);
  });

  test('fails if a quantity has the wrong kind (PROPS-001), which rendered a Cpu as memory before', () => {
    const errors = synthErrors((c) => new JobSink(c, 'jobs', { image: IMAGE, resources: { memory: { request: kplus.Cpu.millis(100) as any } } }));
    expect(errors).toEqual([expect.stringMatching(/^error \[PROPS-001\] test\/jobs: resources\.memory\.request = .*expected a cdk8s Size/)]);
  });

  test('names the prop behind a pod-spec field, when the JobSink has that prop', () => {
    const { sink } = synthJobSink({ env: { MODE: 'report' } });
    const propOf = (field: string) => sink._propOf(field);
    expect(['spec.job.spec.template.spec.containers[0].env[0].value', 'spec.job.spec.template.spec.containers[0].image', 'spec.job.spec.backoffLimit',
      'spec.job.spec.template.spec.containers[0].securityContext.runAsNonRoot', 'spec.job.spec.template.spec.volumes[0]'].map(propOf))
      .toEqual(['env.MODE', 'image', 'backoffLimit', undefined, undefined]);
  });

  test('fails if the image is missing (PROPS-001)', () => {
    expect(synthErrors((c) => new JobSink(c, 'jobs', {} as any))).toEqual([expect.stringMatching(/^error \[PROPS-001\] test\/jobs: image = \(unset\)/)]);
  });
});

describe('JobSink validator (hand-written manifests, as `cdk8s-agents check` sees them)', () => {
  test('the pod template gets the Kubernetes pod checks', () => {
    expect(runValidator(validateJobSink, jobSinkManifest({ containers: [{ name: 'task' }] }))).toEqual(expect.arrayContaining([expect.stringMatching(/^POD-/)]));
  });

  test('never throws on garbage', () => {
    for (const m of GARBAGE) expect(() => runValidator(validateJobSink, m)).not.toThrow();
  });
});
