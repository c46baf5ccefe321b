import { checkCronJobSchedule, checkPingSchedule, cronJobTimeZoneProblem } from '../../lib/k8s/cron';

const kinds = (schedule: string, tz?: string) => checkPingSchedule(schedule, tz).map((p) => p.kind);

describe('checkPingSchedule accepts what robfig/cron with optional seconds accepts', () => {
  test.each([
    '* * * * *', '0 2 * * *', '*/5 * * * *', '0 9-17/2 * * 1-5', '0 0 1,15 * *', '0 0 ? * sun', '0 0 * JAN-Jun MON',
    '30 0 2 * * *', '0 0 1 1 *', '59 23 31 12 6', '0 0 * * 0', '5/10 * * * *', '0 0 1-31/7 * *', '+5 * * * *', '05 02 * * *',
    '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly',
    'CRON_TZ=Europe/Paris 0 2 * * *', 'TZ=UTC @daily', 'CRON_TZ=US/Pacific  0 2 * * *', '0  2 *\t* *',
    // Empty items of a list are skipped by the parser (strings.FieldsFunc), `*-5` reads as `*`.
    '0 0 1,,15 * *', '*-5 * * * *',
    // An empty schedule is defaulted to `* * * * *` before validation.
    '',
  ])('%j', (schedule) => {
    expect(checkPingSchedule(schedule)).toEqual([]);
  });

  test('a time zone from `timezone` is checked like a CRON_TZ prefix', () => {
    expect(checkPingSchedule('0 2 * * *', 'Asia/Tokyo')).toEqual([]);
    expect(checkPingSchedule('@daily', 'UTC')).toEqual([]);
  });
});

describe('checkPingSchedule rejects', () => {
  test.each([
    ['@every 1h', 'every'], ['@every 5m30s', 'every'],
    ['* * * *', 'shape'], ['0 0 0 * * * *', 'shape'], ['@reboot', 'shape'], ['@daily ', 'shape'], [' @daily', 'shape'], ['CRON_TZ=UTC', 'shape'],
    ['0 0 * * 7', 'value'], ['60 * * * *', 'value'], ['0 24 * * *', 'value'], ['0 0 0 * *', 'value'], ['0 0 32 * *', 'value'], ['0 0 * 13 *', 'value'],
    ['0 0 * 0 *', 'value'], ['*/0 * * * *', 'value'], ['0 18-9 * * *', 'value'], ['0 0 L * *', 'value'], ['0 0 15W * *', 'value'], ['0 0 * * 1#2', 'value'],
    ['0 0 * * 5L', 'value'], ['1-2-3 * * * *', 'value'], ['1/2/3 * * * *', 'value'], ['x * * * *', 'value'], ['0 0 * * funday', 'value'], ['5/ * * * *', 'value'],
    ['0 0 * jan-foo *', 'value'], ['-1 * * * *', 'value'],
    ['CRON_TZ=Mars/Olympus 0 2 * * *', 'location'], ['TZ=PST 0 2 * * *', 'location'],
  ])('%j (%s)', (schedule, kind) => {
    expect(kinds(schedule)).toEqual([kind]);
  });

  test('`@every` inside fields is reported, and the field too, as upstream does', () => {
    expect(kinds('0 @every * * *')).toEqual(['every', 'value']);
  });

  test('day of week 7 says that Sunday is 0', () => {
    expect(checkPingSchedule('0 0 * * 7')[0].message).toContain('Sunday is 0');
  });

  test('Quartz syntax is named as such', () => {
    expect(checkPingSchedule('0 0 L * *')[0].message).toContain('Quartz');
  });

  test('names the field the parser stopped at', () => {
    expect(checkPingSchedule('0 0 24 * * *')[0].message).toMatch(/^hour "24"/);
    expect(checkPingSchedule('0 0 * 13 *')[0].message).toMatch(/^month "13"/);
  });

  test('a bad `timezone` is reported on the timezone field, a bad prefix on the schedule', () => {
    expect(checkPingSchedule('0 2 * * *', 'PST')).toEqual([expect.objectContaining({ kind: 'location', field: 'timezone' })]);
    expect(checkPingSchedule('TZ=PST 0 2 * * *')).toEqual([expect.objectContaining({ kind: 'location', field: 'schedule' })]);
  });

  test('a time zone with a space is cut at the space, as the parser does', () => {
    expect(kinds('0 2 * * *', 'America/New York')).toEqual(['location']);
  });

  test('a prefix in the schedule plus `timezone` is two zones', () => {
    expect(kinds('CRON_TZ=UTC 0 2 * * *', 'UTC')).toEqual(['two-zones']);
    expect(kinds('TZ=UTC 0 2 * * *', 'Europe/Paris')).toEqual(['two-zones']);
  });

  test('suggests the right case, or a name for an abbreviation', () => {
    expect(checkPingSchedule('0 2 * * *', 'europe/paris')[0].message).toContain('"Europe/Paris"');
    expect(checkPingSchedule('0 2 * * *', 'PST')[0].message).toContain('"America/Los_Angeles"');
  });
});

// CronJob: robfig/cron v3.0.1 ParseStandard as k8s.io/kubernetes
// pkg/apis/batch/validation validateScheduleFormat calls it on create, and
// validateTimeZone. Rows marked "upstream" are TestValidateCronJob's.
const cronJobKinds = (schedule: string) => checkCronJobSchedule(schedule).map((p) => p.kind);

describe('checkCronJobSchedule accepts what ParseStandard accepts', () => {
  test.each([
    '* * * * ?', // upstream "basic scheduled job"
    '@hourly', // upstream "non-standard scheduled"
    '0 * * * *', // upstream "correct timeZone value"
    '0 3 * * *', '*/15 * * * *', '0 9-17/2 * * 1-5', '0 0 1,15 jan-jun mon-fri', '59 23 31 12 6', '0  3 *\t* *', '0 0 1,,15 * *',
    '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@every 1h30m', '@every 90s', '@every 0',
  ])('%j', (schedule) => {
    expect(checkCronJobSchedule(schedule)).toEqual([]);
  });
});

describe('checkCronJobSchedule rejects', () => {
  test.each([
    ['error', ['shape']], // upstream "spec.schedule: Invalid value"
    ['', ['shape']], // the validator reports an empty schedule as required first
    ['0 0 3 * * *', ['shape']], // seconds: the PingSource accepts them, a CronJob does not
    ['0 3 * *', ['shape']],
    ['61 * * * *', ['value']],
    ['0 3 * * 7', ['value']],
    ['0 3 L * *', ['value']],
    ['@every', ['shape']],
    ['@every 5', ['shape']],
    ['@daily ', ['shape']],
    ['@reboot', ['shape']],
    ['TZ=UTC 0 3 * * *', ['time-zone']], // upstream "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"
    ['CRON_TZ=Mars/Olympus 0 3 * * *', ['shape', 'time-zone']],
    ['TZ=UTC', ['shape', 'time-zone']],
  ] as const)('%j: %j', (schedule, expected) => {
    expect(cronJobKinds(schedule)).toEqual(expected);
  });

  test('names the field the parser stopped at and the TZ message of the API server', () => {
    expect(checkCronJobSchedule('0 25 * * *')[0].message).toBe('hour "25": 25 is above the maximum 23');
    expect(checkCronJobSchedule('TZ=UTC 0 3 * * *')[0].message).toBe('cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
  });
});

describe('cronJobTimeZoneProblem', () => {
  test.each(['Europe/Paris', 'America/New_York', 'UTC', 'Etc/GMT+5', 'EST5EDT', 'America/Argentina/Buenos_Aires'])('accepts %j', (tz) => {
    expect(cronJobTimeZoneProblem(tz)).toBeUndefined();
  });

  test.each([
    ['', /must be nil or non-empty/], // upstream "timeZone must be nil or non-empty string"
    ['Local', /explicit time zone/], // upstream
    ['local', /explicit time zone/],
    [' Continent/Zone', /unknown time zone/], // upstream
    ['Continent/InvalidZone', /unknown time zone/], // upstream
    [' ', /unknown time zone/], // upstream
    ['Continent/Zone ', /unknown time zone/], // upstream
    ['../etc/passwd', /unknown time zone/],
    ['America/-Foo', /unknown time zone/],
    ['Europe/ThisNameIsTooLong', /unknown time zone/],
    ['europe/paris', /case-sensitive: "Europe\/Paris"/],
  ] as const)('refuses %j', (tz, message) => {
    expect(cronJobTimeZoneProblem(tz)).toMatch(message);
  });
});
