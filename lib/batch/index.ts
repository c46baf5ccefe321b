// Batch: Jobs and CronJobs (and AgentCronJob, which renders a CronJob).
import type { RegistryPart } from '../settings/validation';
import { CRON_JOB_VALIDATOR } from './cron-job.validator';
import { JOB_VALIDATOR } from './job.validator';

export const BATCH: RegistryPart = {
  validators: [JOB_VALIDATOR, CRON_JOB_VALIDATOR],
};
