// batch/v1 CronJob: the schedule and time zone as the API server parses them,
// the name the Jobs are named after, and the job template (JOB-*, POD-*).
import { defineValidator } from '../engine/validator';
import { obj, valueAt } from '../engine/json';
import type { ManifestValidator } from '../settings/validation';
import { checkCronJobSchedule, cronJobTimeZoneProblem } from '../k8s/cron';
import { KUBERNETES_POD_RULES, SHARED_POD_RULES } from '../pod/pod-rules';
import { CRON_JOB_RULES as C } from './cron-job.rules';
import { JOB_RULES } from './job.rules';
import { checkJobSpec } from './job.validator';

/** The controller appends `-<11 digits>` to name each Job, a DNS-1035 label (63). */
export const CRON_JOB_NAME_MAX = 52;
const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];

/** `batch/v1` CronJob. */
export const CRON_JOB_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  rules: [C, JOB_RULES, KUBERNETES_POD_RULES, SHARED_POD_RULES],
  validate(o, ctx, out) {
    const name = valueAt(o, 'metadata', 'name');
    if (typeof name === 'string' && name.length > CRON_JOB_NAME_MAX) {
      out.add(C.NAME_LENGTH, 'metadata.name', name, `${name.length} characters: must be no more than ${CRON_JOB_NAME_MAX}`);
    }
    const schedule = valueAt(o, 'spec', 'schedule');
    if (schedule === undefined || schedule === null || schedule === '') {
      out.add(C.SCHEDULE, 'spec.schedule', schedule ?? null, 'required');
    } else if (typeof schedule === 'string') {
      for (const p of checkCronJobSchedule(schedule)) out.add(p.kind === 'time-zone' ? C.SCHEDULE_TIME_ZONE : C.SCHEDULE, 'spec.schedule', schedule, p.message);
    }
    const timeZone = valueAt(o, 'spec', 'timeZone');
    const tzProblem = typeof timeZone === 'string' ? cronJobTimeZoneProblem(timeZone) : undefined;
    if (tzProblem) out.add(C.TIME_ZONE, 'spec.timeZone', timeZone, tzProblem);
    const policy = valueAt(o, 'spec', 'concurrencyPolicy');
    // Empty is defaulted to Allow before validation.
    if (typeof policy === 'string' && policy !== '' && !CONCURRENCY_POLICIES.includes(policy)) {
      out.add(C.CONCURRENCY_POLICY, 'spec.concurrencyPolicy', policy, 'supported values: "Allow", "Forbid", "Replace"');
    }
    for (const key of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
      const v = valueAt(o, 'spec', key);
      if (typeof v === 'number' && v < 0) out.add(C.NON_NEGATIVE, `spec.${key}`, v, 'must be greater than or equal to 0');
    }
    const jobSpec = obj(valueAt(o, 'spec', 'jobTemplate', 'spec'));
    const selector = jobSpec?.selector;
    if (selector !== undefined && selector !== null) out.add(C.JOB_SELECTOR, 'spec.jobTemplate.spec.selector', selector, '`selector` will be auto-generated');
    if (jobSpec?.manualSelector === true) out.add(C.JOB_SELECTOR, 'spec.jobTemplate.spec.manualSelector', true, 'supported values: nil, false');
    checkJobSpec(jobSpec, 'spec.jobTemplate.spec', ctx.settings, out);
  },
});
