// Rule cases of PingTrigger / PingSource (EVT-PING-*).
import { Chart, Cron } from 'cdk8s';
import { PingTrigger, PingTriggerProps } from '../../../lib';
import { RuleCases } from '../../support/rule-cases';
import { agent, pingSource } from './fixtures';

const PATH = 'test/nightly';

function nightly(c: Chart, props: Partial<PingTriggerProps> = {}): PingTrigger {
  return new PingTrigger(c, 'nightly', { schedule: '0 2 * * *', sink: agent(c), ...props });
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

export const CASES: RuleCases = {
  triggers: [
    { id: 'EVT-PING-001', name: 'the schedule uses `@every`', build: (c) => nightly(c, { schedule: '@every 1h' }), path: PATH, field: 'spec.schedule', value: '"@every 1h"' },
    { id: 'EVT-PING-001', name: 'the schedule uses `@every` after a time zone prefix', manifests: [pingSource({ schedule: 'CRON_TZ=UTC @every 5m' })], field: 'spec.schedule', value: '"CRON_TZ=UTC @every 5m"' },
    { id: 'EVT-PING-002', name: 'the schedule has 4 fields', build: (c) => nightly(c, { schedule: '0 2 * *' }), path: PATH, field: 'spec.schedule', value: '"0 2 * *"' },
    { id: 'EVT-PING-002', name: 'the schedule has 7 fields (Quartz year)', manifests: [pingSource({ schedule: '0 0 2 * * ? 2026' })], field: 'spec.schedule', value: '"0 0 2 * * ? 2026"' },
    { id: 'EVT-PING-002', name: 'the schedule is `@reboot`', manifests: [pingSource({ schedule: '@reboot' })], field: 'spec.schedule', value: '"@reboot"' },
    { id: 'EVT-PING-002', name: 'a time zone prefix is not followed by a schedule', manifests: [pingSource({ schedule: 'CRON_TZ=UTC' })], field: 'spec.schedule', value: '"CRON_TZ=UTC"' },
    { id: 'EVT-PING-003', name: 'day of week is 7 (Sunday)', build: (c) => nightly(c, { schedule: Cron.schedule({ minute: '0', hour: '2', weekDay: '7' }) }), path: PATH, field: 'spec.schedule', value: '"0 2 * * 7"' },
    { id: 'EVT-PING-003', name: 'the hour is 24', build: (c) => nightly(c, { schedule: '0 24 * * *' }), path: PATH, field: 'spec.schedule', value: '"0 24 * * *"' },
    { id: 'EVT-PING-003', name: 'day of month is 0', manifests: [pingSource({ schedule: '0 0 0 * *' })], field: 'spec.schedule', value: '"0 0 0 * *"' },
    { id: 'EVT-PING-003', name: 'the step is 0', manifests: [pingSource({ schedule: '*/0 * * * *' })], field: 'spec.schedule', value: '"*/0 * * * *"' },
    { id: 'EVT-PING-003', name: 'Quartz `L` (last day of month)', manifests: [pingSource({ schedule: '0 0 L * *' })], field: 'spec.schedule', value: '"0 0 L * *"' },
    { id: 'EVT-PING-003', name: 'Quartz `#` (second Monday)', manifests: [pingSource({ schedule: '0 9 * * MON#2' })], field: 'spec.schedule', value: '"0 9 * * MON#2"' },
    { id: 'EVT-PING-003', name: 'a reversed range', manifests: [pingSource({ schedule: '0 18-9 * * *' })], field: 'spec.schedule', value: '"0 18-9 * * *"' },
    { id: 'EVT-PING-003', name: 'the seconds field of a 6-field schedule is 60', manifests: [pingSource({ schedule: '60 0 2 * * *' })], field: 'spec.schedule', value: '"60 0 2 * * *"' },
    { id: 'EVT-PING-003', name: 'an unknown month name', manifests: [pingSource({ schedule: '0 0 1 jam *' })], field: 'spec.schedule', value: '"0 0 1 jam *"' },
    { id: 'EVT-PING-004', name: 'the time zone is an abbreviation', build: (c) => nightly(c, { timezone: 'PST' }), path: PATH, field: 'spec.timezone', value: '"PST"' },
    { id: 'EVT-PING-004', name: 'the time zone is in the wrong case', build: (c) => nightly(c, { timezone: 'europe/paris' }), path: PATH, field: 'spec.timezone', value: '"europe/paris"' },
    { id: 'EVT-PING-004', name: 'the time zone is misspelt', manifests: [pingSource({ timezone: 'Europe/Pariss' })], field: 'spec.timezone', value: '"Europe/Pariss"' },
    { id: 'EVT-PING-004', name: 'the `TZ=` prefix names an unknown zone', manifests: [pingSource({ schedule: 'TZ=Mars/Olympus 0 2 * * *' })], field: 'spec.schedule', value: '"TZ=Mars/Olympus 0 2 * * *"' },
    { id: 'EVT-PING-005', name: 'a `CRON_TZ=` prefix and `timezone` are both set', build: (c) => nightly(c, { schedule: 'CRON_TZ=UTC 0 2 * * *', timezone: 'UTC' }), path: PATH, field: 'spec.schedule', value: '"CRON_TZ=UTC 0 2 * * *"' },
    { id: 'EVT-PING-006', name: '`data` and `dataBase64` are both set', build: (c) => nightly(c, { data: 'x', dataBase64: b64('x') }), path: PATH, field: 'spec.dataBase64', value: '"eA=="' },
    { id: 'EVT-PING-007', name: '`dataBase64` uses the URL-safe alphabet', build: (c) => nightly(c, { dataBase64: '-_8=' }), path: PATH, field: 'spec.dataBase64', value: '"-_8="' },
    { id: 'EVT-PING-007', name: '`dataBase64` lacks its padding', manifests: [pingSource({ dataBase64: 'eA' })], field: 'spec.dataBase64', value: '"eA"' },
    { id: 'EVT-PING-008', name: 'JSON data is an array', build: (c) => nightly(c, { contentType: 'application/json', data: '[1,2]' }), path: PATH, field: 'spec.data', value: '"[1,2]"' },
    { id: 'EVT-PING-008', name: 'JSON data is plain text', manifests: [pingSource({ contentType: 'application/json', data: 'hello' })], field: 'spec.data', value: '"hello"' },
    { id: 'EVT-PING-008', name: 'base64 JSON data decodes to a string', manifests: [pingSource({ contentType: 'application/json', dataBase64: b64('"x"') })], field: 'spec.dataBase64', value: `"${b64('"x"')}"` },
    { id: 'EVT-DEST-003', name: 'a hand-written PingSource sink is a host name without scheme', manifests: [pingSource({ sink: { uri: 'agent.agents.svc.cluster.local' } })], field: 'spec.sink.uri', value: '"agent.agents.svc.cluster.local"' },
  ],
  passes: [
    { name: 'a cdk8s Cron, a time zone alias (US/Pacific), JSON object data', build: (c) => nightly(c, { schedule: Cron.daily(), timezone: 'US/Pacific', contentType: 'application/json', data: '{"report":"daily"}' }) },
    { name: 'a 6-field schedule with seconds, names and steps', build: (c) => nightly(c, { schedule: '30 */15 9-17 * JAN-jun mon-FRI' }) },
    { name: 'descriptors @midnight and a CRON_TZ prefix without timezone', manifests: [pingSource({ schedule: '@midnight' }), pingSource({ schedule: 'CRON_TZ=Europe/Paris 0 2 * * *' }, { name: 'other' })] },
    { name: 'day of week 0 and 6, `?`, lists with ranges', manifests: [pingSource({ schedule: '0 0 ? * 0,6' }), pingSource({ schedule: '0 0 1,15 1-3,6 *' }, { name: 'b' })] },
    { name: 'an empty schedule (defaulted to every minute) with UTC', manifests: [pingSource({ schedule: '', timezone: 'UTC' })] },
    { name: 'base64 JSON object, `null` JSON, JSON with a charset parameter (not checked)', manifests: [
      pingSource({ contentType: 'application/json', dataBase64: b64('{"a":1}') }),
      pingSource({ contentType: 'application/json', data: 'null' }, { name: 'b' }),
      pingSource({ contentType: 'application/json; charset=utf-8', data: '[1]' }, { name: 'c' }),
    ] },
    { name: 'a deprecated v1beta2 PingSource with Etc/GMT+5', manifests: [pingSource({ timezone: 'Etc/GMT+5' }, {}, 'sources.knative.dev/v1beta2')] },
  ],
};
