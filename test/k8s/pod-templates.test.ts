import { createdJobLabels, podTemplateOf } from '../../lib/k8s/pod-templates';

describe('podTemplateOf', () => {
  test('a Knative Service: the template spec, its labels plus the service and configuration labels Knative adds', () => {
    const pod = podTemplateOf({
      apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'triage' },
      spec: { template: { metadata: { labels: { team: 'a', n: 1 } }, spec: { containers: [{ image: 'x' }] } } },
    });
    expect(pod).toEqual({
      field: 'spec.template.spec', spec: { containers: [{ image: 'x' }] }, knative: true,
      labels: { 'team': 'a', 'serving.knative.dev/service': 'triage', 'serving.knative.dev/configuration': 'triage' },
    });
  });

  test.each([
    ['apps/v1', 'Deployment', { spec: { template: { spec: { a: 1 } } } }, 'spec.template.spec'],
    ['batch/v1', 'CronJob', { spec: { jobTemplate: { spec: { template: { spec: { a: 1 } } } } } }, 'spec.jobTemplate.spec.template.spec'],
    ['keda.sh/v1alpha1', 'ScaledJob', { spec: { jobTargetRef: { template: { spec: { a: 1 } } } } }, 'spec.jobTargetRef.template.spec'],
    ['v1', 'Pod', { spec: { a: 1 } }, 'spec'],
  ])('%s %s keeps its pod spec at the right field', (apiVersion, kind, body, field) => {
    expect(podTemplateOf({ apiVersion, kind, metadata: { name: 'w' }, ...body })).toEqual({ field, spec: { a: 1 }, labels: {}, knative: false });
  });

  test('other kinds and garbage have none', () => {
    expect(podTemplateOf({ apiVersion: 'v1', kind: 'ConfigMap' })).toBeUndefined();
    expect(podTemplateOf(null)).toBeUndefined();
    expect(podTemplateOf('Deployment')).toBeUndefined();
  });
});

describe('createdJobLabels', () => {
  test('a CronJob\'s Jobs carry its job template\'s labels', () => {
    expect(createdJobLabels({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'n' }, spec: { jobTemplate: { metadata: { labels: { app: 'n', x: 1 } } } } })).toEqual({ app: 'n' });
  });

  test('a ScaledJob\'s Jobs carry KEDA\'s labels and the ScaledJob\'s own, but those the excluded-labels annotation lists (scale_jobs.go#L150-L172)', () => {
    const scaledJob = (annotations = {}) => ({
      apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', metadata: { name: 'research', labels: { team: 'search', 'app.kubernetes.io/name': 'mine' }, annotations },
      spec: { jobTargetRef: { template: { metadata: { labels: { pod: 'only' } } } } },
    });
    const keda = { 'app.kubernetes.io/part-of': 'research', 'app.kubernetes.io/managed-by': 'keda-operator', 'scaledjob.keda.sh/name': 'research' };
    expect(createdJobLabels(scaledJob())).toEqual({ ...keda, 'app.kubernetes.io/name': 'mine', team: 'search' });
    expect(createdJobLabels(scaledJob({ 'scaledjob.keda.sh/job-excluded-labels': 'team,app.kubernetes.io/name' }))).toEqual({ ...keda, 'app.kubernetes.io/name': 'research' });
  });

  test('other kinds and malformed objects: undefined', () => {
    expect(createdJobLabels({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } })).toBeUndefined();
    expect(createdJobLabels({ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob' })).toBeUndefined();
    expect(createdJobLabels(null)).toBeUndefined();
  });
});
