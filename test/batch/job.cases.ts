// Triggers and near misses of the Job spec rules (JOB-*), in a Job and in a
// CronJob's job template, through AgentCronJob and hand-written YAML.
import { Duration } from 'cdk8s';
import { JobRestartPolicy } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { CRON_PATH, cronAgent, cronJob, job, jobPod } from './fixtures';

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'JOB-001', name: 'the restart policy is overridden to Always',
      build: (c) => cronAgent(c).addOverride('spec.jobTemplate.spec.template.spec.restartPolicy', 'Always'), path: CRON_PATH, field: 'spec.jobTemplate.spec.template.spec.restartPolicy', value: '"Always"',
    },
    { id: 'JOB-001', name: 'a hand-written CronJob pod without restartPolicy (defaulted to Always)', manifests: [cronJob({}, { template: jobPod({ restartPolicy: undefined }) })], field: 'spec.jobTemplate.spec.template.spec.restartPolicy', value: 'null' },
    { id: 'JOB-001', name: 'a hand-written Job with restartPolicy "Sometimes"', manifests: [job({ template: jobPod({ restartPolicy: 'Sometimes' }) })], field: 'spec.template.spec.restartPolicy', value: '"Sometimes"' },
    { id: 'JOB-002', name: 'a negative backoff limit', build: (c) => cronAgent(c, { backoffLimit: -1 }), path: CRON_PATH, field: 'spec.jobTemplate.spec.backoffLimit', value: '-1' },
    { id: 'JOB-002', name: 'a hand-written negative parallelism in a job template (upstream row)', manifests: [cronJob({}, { parallelism: -1 })], field: 'spec.jobTemplate.spec.parallelism', value: '-1' },
    { id: 'JOB-002', name: 'a hand-written Job with a negative ttlSecondsAfterFinished', manifests: [job({ ttlSecondsAfterFinished: -5 })], field: 'spec.ttlSecondsAfterFinished', value: '-5' },
  ],
  passes: [
    { name: 'OnFailure, zero retries, a zero deadline and TTL', build: (c) => cronAgent(c, { restartPolicy: JobRestartPolicy.ON_FAILURE, backoffLimit: 0, activeDeadline: Duration.seconds(0), ttlAfterFinished: Duration.seconds(0) }) },
    { name: 'a hand-written Job with OnFailure and every count at 0', manifests: [job({ parallelism: 0, completions: 0, backoffLimit: 0, activeDeadlineSeconds: 0, ttlSecondsAfterFinished: 0, template: jobPod({ restartPolicy: 'OnFailure' }) })] },
  ],
};
