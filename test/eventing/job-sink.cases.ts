// Rule cases of JobSink (EVT-JOBSINK-*).
import { Duration } from 'cdk8s';
import { JobSink } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { IMAGE, jobSinkManifest } from './fixtures';

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'EVT-JOBSINK-001', name: 'a JobSink has no job',
      manifests: [{ apiVersion: 'sinks.knative.dev/v1alpha1', kind: 'JobSink', metadata: { name: 'report-writer', namespace: 'agents' }, spec: {} }], field: 'spec.job', value: 'null',
    },
    {
      id: 'EVT-JOBSINK-002', name: 'the Job restarts Always',
      build: (c) => new JobSink(c, 'jobs', { image: IMAGE }).addOverride('spec.job.spec.template.spec.restartPolicy', 'Always'),
      path: 'test/jobs', field: 'spec.job.spec.template.spec.restartPolicy', value: '"Always"',
    },
    { id: 'EVT-JOBSINK-002', name: 'the Job has no restartPolicy', manifests: [jobSinkManifest({ restartPolicy: undefined })], field: 'spec.job.spec.template.spec.restartPolicy', value: 'null' },
    {
      id: 'EVT-JOBSINK-003', name: 'the JobSink name is 64 characters',
      build: (c) => new JobSink(c, 'jobs', { image: IMAGE, name: `r${'x'.repeat(63)}` }), path: 'test/jobs', field: 'metadata.name', value: `"r${'x'.repeat(63)}"`,
    },
    { id: 'EVT-JOBSINK-004', name: 'the Job has no container', manifests: [jobSinkManifest({ containers: [] })], field: 'spec.job.spec.template.spec.containers', value: '[]' },
    { id: 'EVT-JOBSINK-005', name: 'backoffLimit is -1', build: (c) => new JobSink(c, 'jobs', { image: IMAGE, backoffLimit: -1 }), path: 'test/jobs', field: 'spec.job.spec.backoffLimit', value: '-1' },
    { id: 'EVT-JOBSINK-005', name: 'activeDeadlineSeconds is 0', manifests: [jobSinkManifest({}, { activeDeadlineSeconds: 0 })], field: 'spec.job.spec.activeDeadlineSeconds', value: '0' },
    // spec.job is kept as written by the CRD and decoded strictly into batch/v1 Job (found by the oracle).
    { id: 'SCHEMA-004', name: 'the Job spec has `backofflimit_` (not a Job field: the strict decoder refuses it)', manifests: [jobSinkManifest({}, { backofflimit_: 3 })], field: 'spec.job.spec.backofflimit_', value: '3' },
    { id: 'SCHEMA-002', name: 'the Job\'s backoffLimit is "3" (a string for an int32)', manifests: [jobSinkManifest({}, { backoffLimit: '3' })], field: 'spec.job.spec.backoffLimit', value: '"3"' },
  ],
  passes: [
    { name: 'a JobSink with every option', build: (c) => new JobSink(c, 'jobs', { image: IMAGE, name: `r${'x'.repeat(62)}`, backoffLimit: 0, activeDeadline: Duration.hours(2), ttlAfterFinished: Duration.seconds(0), env: { MODE: 'report' }, command: ['python', '-m', 'report'] }) },
    { name: 'a hand-written JobSink with OnFailure', manifests: [jobSinkManifest({ restartPolicy: 'OnFailure' }, { backoffLimit: 0, ttlSecondsAfterFinished: 0 })] },
    { name: 'a Job spec field the CRD does not list but the Go type has (`podFailurePolicy`)', manifests: [jobSinkManifest({}, { podFailurePolicy: { rules: [] } })] },
  ],
};
