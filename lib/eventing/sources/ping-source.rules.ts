// PingSource (`sources.knative.dev/v1`; the deprecated `v1beta2` has the same
// rules). E = knative/eventing at knative-v1.22.2: PV = E:pkg/apis/sources/v1/ping_validation.go,
// CRON = E:vendor/github.com/robfig/cron/v3/parser.go, CRONSPEC = …/cron/v3/spec.go.
import { defineRules } from '../../engine/rule';

/** PingSource, besides SOURCE_RULES. */
export const PING_RULES = defineRules({
  EVERY: {
    id: 'EVT-PING-001',
    title: 'a PingSource schedule must not use `@every`',
    why: 'The webhook rejects any schedule containing `@every` ("unsupported descriptor @every"), although the cron library knows it.',
    fix: 'write the interval as cron fields: `*/5 * * * *` for every five minutes (`Cron.schedule({ minute: \'*/5\' })`)',
    yamlFix: 'write the interval as cron fields in `spec.schedule`: `*/5 * * * *` for every five minutes',
    upstream: 'PV#L43, PV#L110-115 (P1)',
    effect: 'reject',
  },
  SHAPE: {
    id: 'EVT-PING-002',
    title: 'a PingSource schedule has 5 fields, 6 with seconds first, or is one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly',
    why: 'The webhook parses it with robfig/cron (optional seconds, descriptors) and rejects other field counts and unknown descriptors such as `@reboot`.',
    fix: 'use `minute hour day-of-month month day-of-week`, e.g. `0 2 * * *`, or a cdk8s `Cron` (`Cron.daily()`)',
    yamlFix: 'write `spec.schedule` as `minute hour day-of-month month day-of-week`, e.g. `0 2 * * *`, or a macro such as `@daily`',
    upstream: 'PV#L49-61; CRON#L105-118, CRON#L184-190, CRON#L364-434 (P2)',
    effect: 'reject',
  },
  FIELD_VALUE: {
    id: 'EVT-PING-003',
    title: 'each schedule field must be in range: seconds and minutes 0-59, hours 0-23, day of month 1-31, month 1-12 or jan-dec, day of week 0-6 or sun-sat',
    why: 'The cron parser rejects values out of range (day of week `7` included), a step of 0, reversed ranges and Quartz syntax (`L`, `W`, `#`).',
    fix: 'use Sunday = 0 (or `sun`), and plain ranges, lists and steps: `0 9 * * 1-5`',
    upstream: 'CRON#L236-341; CRONSPEC#L20-46 (P3)',
    effect: 'reject',
  },
  TIMEZONE: {
    id: 'EVT-PING-004',
    title: 'the time zone must be an IANA name such as `Europe/Paris` (case-sensitive)',
    why: 'The webhook loads it with Go\'s time.LoadLocation and rejects names it cannot find ("provided bad location"): abbreviations such as `PST` or `CET+1`, misspellings, wrong case on Linux.',
    fix: 'pass `timezone: \'America/Los_Angeles\'` (see the tz database list); UTC is `UTC`',
    yamlFix: 'set `spec.timezone` to an IANA name such as `America/Los_Angeles` (see the tz database list); UTC is `UTC`',
    upstream: 'PV#L45-47, PV#L53-56; CRON#L93-103 (P4)',
    effect: 'reject',
  },
  TWO_ZONES: {
    id: 'EVT-PING-005',
    title: 'a schedule with a `CRON_TZ=`/`TZ=` prefix cannot be combined with `timezone`',
    why: 'The webhook prepends `CRON_TZ=<timezone> ` to the schedule; a second prefix is then read as the seconds field and the schedule is rejected.',
    fix: 'set the zone once: drop the prefix and keep `timezone`',
    upstream: 'PV#L45-61 (P5)',
    effect: 'reject',
  },
  DATA_EXCLUSIVE: {
    id: 'EVT-PING-006',
    title: '`data` and `dataBase64` are mutually exclusive',
    why: 'The webhook rejects a PingSource that sets both ("expected exactly one, got both").',
    fix: 'keep one: `data` for text, `dataBase64` for binary payloads',
    upstream: 'PV#L70-71 (P7)',
    effect: 'reject',
  },
  DATA_BASE64: {
    id: 'EVT-PING-007',
    title: '`dataBase64` must be standard, padded base64',
    why: 'The webhook decodes it with Go\'s base64.StdEncoding and rejects other input, including the URL-safe alphabet (`-`, `_`) and missing `=` padding.',
    fix: 'encode with `Buffer.from(bytes).toString(\'base64\')`',
    yamlFix: 'write `spec.dataBase64` as standard, padded base64 (`base64 -w0 file`)',
    upstream: 'PV#L77-80 (P8)',
    effect: 'reject',
  },
  JSON_DATA: {
    id: 'EVT-PING-008',
    title: 'with `contentType: application/json` the data must be a JSON object',
    why: 'The webhook unmarshals `data` (or the decoded `dataBase64`) into a map and rejects anything else: arrays, strings, numbers, invalid JSON.',
    fix: 'send an object: `data: JSON.stringify({ job: \'nightly-report\' })`, or use another content type',
    yamlFix: 'write `spec.data` as a JSON object, e.g. `\'{"job":"nightly-report"}\'`, or set another `spec.contentType`',
    upstream: 'PV#L83-87, PV#L94-99, PV#L105-108 (P9)',
    effect: 'reject',
  },
});
