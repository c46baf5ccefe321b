// Triggers and near misses of the CronJob rules (CRONJOB-*), through
// AgentCronJob and through hand-written YAML. Schedules and zones follow the
// rows of kubernetes/kubernetes pkg/apis/batch/validation/validation_test.go
// TestValidateCronJob where they exist.
import { Cron, Duration } from 'cdk8s';
import { ConcurrencyPolicy } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { CRON_PATH, cronAgent, cronJob } from './fixtures';

const NAME_53 = '10000000002000000000300000000040000000005000000000123';

export const CASES: RuleCases = {
  triggers: [
    { id: 'CRONJOB-001', name: 'the schedule has seconds (6 fields)', build: (c) => cronAgent(c, { schedule: '0 0 3 * * *' }), path: CRON_PATH, field: 'spec.schedule', value: '"0 0 3 * * *"' },
    { id: 'CRONJOB-001', name: 'day of week 7 (Sunday is 0)', build: (c) => cronAgent(c, { schedule: '0 3 * * 7' }), path: CRON_PATH, field: 'spec.schedule', value: '"0 3 * * 7"' },
    { id: 'CRONJOB-001', name: 'a hand-written schedule is a word (upstream row "spec.schedule: Invalid value")', manifests: [cronJob({ schedule: 'error' })], field: 'spec.schedule', value: '"error"' },
    { id: 'CRONJOB-001', name: 'a hand-written schedule is empty (upstream row "spec.schedule: Required value")', manifests: [cronJob({ schedule: '' })], field: 'spec.schedule', value: '""' },
    { id: 'CRONJOB-001', name: 'a hand-written @every has no unit', manifests: [cronJob({ schedule: '@every 5' })], field: 'spec.schedule', value: '"@every 5"' },
    { id: 'CRONJOB-001', name: 'a hand-written minute 61', manifests: [cronJob({ schedule: '61 * * * *' })], field: 'spec.schedule', value: '"61 * * * *"' },
    { id: 'CRONJOB-002', name: 'the zone is written into the schedule', build: (c) => cronAgent(c, { schedule: 'CRON_TZ=Europe/Paris 0 3 * * *' }), path: CRON_PATH, field: 'spec.schedule', value: '"CRON_TZ=Europe/Paris 0 3 * * *"' },
    { id: 'CRONJOB-002', name: 'a hand-written TZ= prefix beside spec.timeZone', manifests: [cronJob({ schedule: 'TZ=UTC 0 3 * * *', timeZone: 'UTC' })], field: 'spec.schedule', value: '"TZ=UTC 0 3 * * *"' },
    { id: 'CRONJOB-003', name: 'the zone is lowercase', build: (c) => cronAgent(c, { timeZone: 'europe/paris' }), path: CRON_PATH, field: 'spec.timeZone', value: '"europe/paris"' },
    { id: 'CRONJOB-003', name: 'the zone is Local', build: (c) => cronAgent(c, { timeZone: 'Local' }), path: CRON_PATH, field: 'spec.timeZone', value: '"Local"' },
    { id: 'CRONJOB-003', name: 'a hand-written zone is empty (upstream row)', manifests: [cronJob({ timeZone: '' })], field: 'spec.timeZone', value: '""' },
    { id: 'CRONJOB-003', name: 'a hand-written zone starts with a space (upstream row " Continent/Zone")', manifests: [cronJob({ timeZone: ' Continent/Zone' })], field: 'spec.timeZone', value: '" Continent/Zone"' },
    { id: 'CRONJOB-003', name: 'a hand-written zone Go does not know (upstream row "Continent/InvalidZone")', manifests: [cronJob({ timeZone: 'Continent/InvalidZone' })], field: 'spec.timeZone', value: '"Continent/InvalidZone"' },
    { id: 'CRONJOB-004', name: 'the name is 53 characters', build: (c) => cronAgent(c, { name: NAME_53 }), path: CRON_PATH, field: 'metadata.name', value: `"${NAME_53}"` },
    { id: 'CRONJOB-004', name: 'a hand-written name of 53 characters (upstream row)', manifests: [cronJob({}, {}, NAME_53)], field: 'metadata.name', value: `"${NAME_53}"` },
    { id: 'CRONJOB-005', name: 'the policy is overridden in lowercase', build: (c) => cronAgent(c).addOverride('spec.concurrencyPolicy', 'forbid'), path: CRON_PATH, field: 'spec.concurrencyPolicy', value: '"forbid"' },
    { id: 'CRONJOB-005', name: 'a hand-written policy "Skip"', manifests: [cronJob({ concurrencyPolicy: 'Skip' })], field: 'spec.concurrencyPolicy', value: '"Skip"' },
    { id: 'CRONJOB-006', name: 'a negative history limit', build: (c) => cronAgent(c, { failedJobsHistoryLimit: -1 }), path: CRON_PATH, field: 'spec.failedJobsHistoryLimit', value: '-1' },
    { id: 'CRONJOB-006', name: 'a hand-written negative startingDeadlineSeconds (upstream row)', manifests: [cronJob({ startingDeadlineSeconds: -1 })], field: 'spec.startingDeadlineSeconds', value: '-1' },
    {
      id: 'CRONJOB-007', name: 'a selector is added to the job template',
      build: (c) => cronAgent(c).addOverride('spec.jobTemplate.spec.selector', { matchLabels: { a: 'b' } }), path: CRON_PATH, field: 'spec.jobTemplate.spec.selector', value: '{"matchLabels":{"a":"b"}}',
    },
    { id: 'CRONJOB-007', name: 'a hand-written manualSelector: true (upstream row)', manifests: [cronJob({}, { manualSelector: true })], field: 'spec.jobTemplate.spec.manualSelector', value: 'true' },
  ],
  passes: [
    { name: 'the defaults: a daily schedule, Forbid, Never', build: (c) => cronAgent(c) },
    {
      name: 'a cdk8s Cron, a zone, every limit at 0, a name of 52 characters',
      build: (c) => cronAgent(c, {
        name: NAME_53.slice(0, 52), schedule: Cron.schedule({ minute: '*/15' }), timeZone: 'America/New_York', concurrencyPolicy: ConcurrencyPolicy.REPLACE,
        startingDeadline: Duration.seconds(0), successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 0, backoffLimit: 0, activeDeadline: Duration.minutes(30), ttlAfterFinished: Duration.hours(1), suspend: true,
      }),
    },
    { name: 'descriptors and @every (upstream row "non-standard scheduled")', build: (c) => { cronAgent(c, { schedule: '@hourly' }); cronAgent(c, { schedule: '@every 1h30m' }, 'refresh'); } },
    { name: 'a hand-written `?` day of week (upstream row "basic scheduled job")', manifests: [cronJob({ schedule: '* * * * ?' })] },
    { name: 'hand-written names of days and months, ranges and steps', manifests: [cronJob({ schedule: '0 9-17/2 1,15 jan-jun mon-fri' })] },
    { name: 'a hand-written Etc/UTC zone and an empty policy (defaulted to Allow)', manifests: [cronJob({ timeZone: 'Etc/UTC', concurrencyPolicy: '' })] },
    { name: 'a hand-written job template with a null selector and manualSelector false', manifests: [cronJob({}, { selector: null, manualSelector: false })] },
  ],
};
