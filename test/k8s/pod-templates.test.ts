import { podTemplateOf } from '../../lib/k8s/pod-templates';

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
