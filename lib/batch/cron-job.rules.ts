// The rules of a batch/v1 CronJob besides its job template (JOB-*) and pod
// spec (POD-*).
//
// Upstream references:
//   KB = kubernetes/kubernetes pkg/apis/batch/validation/validation.go (master,
//        2026; functions named): ValidateCronJobCreate, validateCronJobSpec,
//        validateScheduleFormat, validateTimeZone, ValidateJobTemplateSpec
//   RC = robfig/cron v3.0.1 parser.go (ParseStandard, what validateScheduleFormat calls)
import { defineRules } from '../engine/rule';

/** What the API server refuses in a CronJob. */
export const CRON_JOB_RULES = defineRules({
  SCHEDULE: {
    id: 'CRONJOB-001',
    title: '`spec.schedule` is a standard 5-field cron expression or a descriptor',
    why: 'The API server parses it with robfig/cron\'s standard parser and refuses an empty or unparsable schedule: exactly 5 fields (minute hour day-of-month month day-of-week, no seconds), day of week 0-6, or one of `@yearly` `@monthly` `@weekly` `@daily` `@hourly` and `@every <duration>`.',
    fix: 'pass `Cron.schedule({...})`, a `Cron` preset such as `Cron.daily()`, or a 5-field string such as `"0 3 * * *"`',
    yamlFix: 'write `spec.schedule` as 5 fields, e.g. `"0 3 * * *"`, or a descriptor such as `@daily`',
    upstream: 'KB validateCronJobSpec (Required) and validateScheduleFormat; RC Parse, normalizeFields, parseDescriptor',
    effect: 'reject',
  },
  SCHEDULE_TIME_ZONE: {
    id: 'CRONJOB-002',
    title: '`spec.schedule` holds no `TZ=` or `CRON_TZ=` prefix (no `TZ` at all)',
    why: 'The parser would accept a zone prefix, but the API server refuses any schedule containing `TZ` on create ("cannot use TZ or CRON_TZ in schedule, use timeZone field instead"): the zone belongs in `spec.timeZone`.',
    fix: 'move the zone to the `timeZone` prop',
    yamlFix: 'move the zone to `spec.timeZone` (e.g. `timeZone: Europe/Paris`) and drop it from the schedule',
    upstream: 'KB validateScheduleFormat (strings.Contains(schedule, "TZ"), allowTZInSchedule false on create)',
    effect: 'reject',
  },
  TIME_ZONE: {
    id: 'CRONJOB-003',
    title: '`spec.timeZone` is an IANA time zone name that Go can load, not empty and not `Local`',
    why: 'The API server refuses an empty zone, `Local` (the controller\'s own zone, which differs by node), names with characters outside IANA file names, and names `time.LoadLocation` does not know (they are case-sensitive: `europe/paris` is refused).',
    fix: 'give an IANA name such as `Europe/Paris` or `UTC`, or leave the prop out (the controller\'s zone, UTC on most clusters)',
    yamlFix: 'write an IANA name such as `Europe/Paris` or `Etc/UTC`, or remove `spec.timeZone`',
    upstream: 'KB validateTimeZone',
    effect: 'reject',
  },
  NAME_LENGTH: {
    id: 'CRONJOB-004',
    title: 'a CronJob\'s name is at most 52 characters',
    why: 'The controller names each Job `<name>-<11-digit timestamp>`, and a Job name is at most 63 characters, so the API server refuses a longer CronJob name on create ("must be no more than 52 characters").',
    fix: 'give the construct a `name` (or id) of at most 52 characters',
    yamlFix: 'shorten `metadata.name` to 52 characters or fewer',
    upstream: 'KB ValidateCronJobCreate (DNS1035LabelMaxLength-11)',
    effect: 'reject',
  },
  CONCURRENCY_POLICY: {
    id: 'CRONJOB-005',
    title: '`spec.concurrencyPolicy` is `Allow`, `Forbid` or `Replace`',
    why: 'The API server refuses any other value (left out, it is defaulted to `Allow`).',
    fix: 'use `ConcurrencyPolicy.FORBID` (the default of AgentCronJob), `ALLOW` or `REPLACE`',
    yamlFix: 'write `Allow`, `Forbid` or `Replace` (case-sensitive)',
    upstream: 'KB validateConcurrencyPolicy',
    effect: 'reject',
  },
  NON_NEGATIVE: {
    id: 'CRONJOB-006',
    title: '`startingDeadlineSeconds`, `successfulJobsHistoryLimit` and `failedJobsHistoryLimit` are not negative',
    why: 'The API server refuses a negative value ("must be greater than or equal to 0").',
    fix: 'give a Duration or count of 0 or more',
    yamlFix: 'write 0 or more',
    upstream: 'KB validateCronJobSpec (ValidateNonnegativeField)',
    effect: 'reject',
  },
  JOB_SELECTOR: {
    id: 'CRONJOB-007',
    title: 'a CronJob\'s job template sets neither `selector` nor `manualSelector: true`',
    why: 'The selector of each Job is generated from its uid; the API server refuses a job template that sets one ("`selector` will be auto-generated") or asks for a manual one.',
    fix: 'remove the override of `spec.jobTemplate.spec.selector` / `manualSelector`',
    yamlFix: 'remove `spec.jobTemplate.spec.selector` and `spec.jobTemplate.spec.manualSelector`',
    upstream: 'KB ValidateJobTemplateSpec',
    effect: 'reject',
  },
});
