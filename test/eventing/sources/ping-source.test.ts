import { Chart, Cron, Testing } from 'cdk8s';
import { PingTrigger, PingTriggerProps } from '../../../lib';
import { FindingList } from '../../../lib/engine/rule';
import { REGISTRY as DEFAULT_REGISTRY } from '../../../lib/registry';
import { DEFAULT_SETTINGS } from '../../../lib/settings/settings';
import { validatePingSource } from '../../../lib/eventing/sources/ping-source.validator';
import { synthErrors } from '../../support/rule-cases';
import { agent, pingSource } from './fixtures';

function setup(props: Partial<PingTriggerProps> = {}) {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'agents' });
  const sink = agent(chart);
  const trigger = new PingTrigger(chart, 'nightly', { schedule: Cron.schedule({ minute: '0', hour: '2' }), sink, ...props });
  const source = Testing.synth(chart).find((o) => o.kind === 'PingSource');
  return { trigger, sink, source };
}

describe('PingTrigger defaults', () => {
  // GIVEN a cdk8s Cron and an agent
  const { source, trigger, sink } = setup();

  test('snapshot of the defaults', () => {
    expect(source).toMatchSnapshot();
  });

  test('emits sources.knative.dev/v1 with the Cron expression', () => {
    expect(source.apiVersion).toBe('sources.knative.dev/v1');
    expect(source.spec.schedule).toBe('0 2 * * *');
    expect(trigger.schedule).toBe('0 2 * * *');
  });

  test('renders no time zone, body or content type', () => {
    expect(Object.keys(source.spec).sort()).toEqual(['schedule', 'sink']);
  });

  test('declares dev.knative.sources.ping to the sink', () => {
    expect(trigger.eventTypes).toEqual(['dev.knative.sources.ping']);
    expect(sink.senders[0]).toMatchObject({ ref: { apiVersion: 'sources.knative.dev/v1', kind: 'PingSource', name: 'nightly', namespace: 'agents' }, eventTypes: ['dev.knative.sources.ping'] });
  });
});

describe('PingTrigger props', () => {
  test('a cron string, time zone, JSON body and content type are rendered as given', () => {
    const { source } = setup({ schedule: '0 2 * * 1-5', timezone: 'Europe/Paris', data: '{"report":"daily"}', contentType: 'application/json' });
    expect(source.spec).toMatchObject({ schedule: '0 2 * * 1-5', timezone: 'Europe/Paris', data: '{"report":"daily"}', contentType: 'application/json' });
  });

  test('a base64 body is rendered as dataBase64', () => {
    expect(setup({ dataBase64: 'aGk=' }).source.spec.dataBase64).toBe('aGk=');
  });

  test('the cdk8s Cron helpers give schedules the PingSource accepts', () => {
    for (const schedule of [Cron.everyMinute(), Cron.hourly(), Cron.daily(), Cron.weekly(), Cron.monthly(), Cron.annually()]) {
      expect(synthErrors((c) => new PingTrigger(c, 'p', { schedule, sink: agent(c) }))).toEqual([]);
    }
  });

  test('a Cron with day of week 7 fails naming the prop', () => {
    expect(synthErrors((c) => new PingTrigger(c, 'p', { schedule: Cron.schedule({ weekDay: '7' }), sink: agent(c) }))).toEqual([
      expect.stringContaining('error [EVT-PING-003] test/p: schedule (spec.schedule) = "* * * * 7": day of week "7"'),
    ]);
  });

  test('a bad base64 body fails naming the dataBase64 prop (not data)', () => {
    expect(synthErrors((c) => new PingTrigger(c, 'p', { schedule: '0 2 * * *', dataBase64: 'eA', sink: agent(c) }))[0]).toContain('dataBase64 (spec.dataBase64) = "eA"');
  });

  test('a bad time zone fails naming the timezone prop', () => {
    expect(synthErrors((c) => new PingTrigger(c, 'p', { schedule: '0 2 * * *', timezone: 'CET+1', sink: agent(c) }))[0]).toContain('timezone (spec.timezone) = "CET+1"');
  });
});

describe('PingTrigger from plain JavaScript', () => {
  const lines = (props: any) => synthErrors((c) => new PingTrigger(c, 'p', { sink: agent(c), ...props }));

  test('a number as schedule is PROPS-001', () => {
    expect(lines({ schedule: 5 })).toEqual([expect.stringContaining('[PROPS-001] test/p: schedule = 5: expected a cdk8s Cron or a cron string')]);
  });

  test('a missing schedule is PROPS-001', () => {
    expect(lines({})).toEqual([expect.stringContaining('[PROPS-001] test/p: schedule = (unset)')]);
  });

  test('a misspelt prop is PROPS-002 with a suggestion', () => {
    expect(lines({ schedule: '0 2 * * *', timeZone: 'UTC' })[0]).toContain('did you mean `timezone`?');
  });
});

function findings(manifest: unknown): { id: string; field: string; value: unknown; problem?: string }[] {
  const out = new FindingList();
  validatePingSource(manifest, DEFAULT_SETTINGS, out);
  return out.items.map((f) => ({ id: f.rule.id, field: f.field, value: f.value, problem: f.problem }));
}

describe('validatePingSource', () => {
  test('a valid PingSource has no finding; a left-out schedule is defaulted', () => {
    expect(findings(pingSource())).toEqual([]);
    expect(findings(pingSource({ schedule: undefined }))).toEqual([]);
  });

  test('a bad timezone is reported on spec.timezone with its value', () => {
    expect(findings(pingSource({ timezone: 'PST' }))).toEqual([
      { id: 'EVT-PING-004', field: 'spec.timezone', value: 'PST', problem: '"PST" is not an IANA time zone name (an abbreviation; use a name such as "America/Los_Angeles")' },
    ]);
  });

  test('schedule problems carry the parser\'s reason', () => {
    expect(findings(pingSource({ schedule: '0 0 * * 7' }))[0].problem).toBe('day of week "7": day of week runs 0-6 (Sunday is 0; 7 is not accepted)');
  });

  test('data and dataBase64 together: one finding, the payloads are not checked further', () => {
    expect(findings(pingSource({ data: 'x', dataBase64: '!!', contentType: 'application/json' })).map((f) => f.id)).toEqual(['EVT-PING-006']);
  });

  test('base64 with line breaks is accepted, as Go\'s decoder skips them', () => {
    expect(findings(pingSource({ dataBase64: 'eyJh\nIjox\r\nfQ==', contentType: 'application/json' }))).toEqual([]);
  });

  test('invalid JSON is named as such', () => {
    expect(findings(pingSource({ data: '{"a":', contentType: 'application/json' }))[0].problem).toBe('not valid JSON');
  });

  test('JSON data is only checked for exactly application/json', () => {
    expect(findings(pingSource({ data: 'hello', contentType: 'text/plain' }))).toEqual([]);
  });

  test('the sink and ceOverrides are checked like every source', () => {
    expect(findings(pingSource({ sink: {}, ceOverrides: { extensions: { 'a-b': 'x' } } })).map((f) => f.id)).toEqual(['EVT-DEST-001', 'EVT-SOURCE-001']);
  });

  test('garbage does not throw', () => {
    for (const m of [null, 42, { spec: { schedule: 5, data: {}, timezone: [] } }]) expect(() => findings(m)).not.toThrow();
  });
});

describe('the PingSource validators', () => {
  test('are registered for v1 (emitted) and the deprecated v1beta2', () => {
    expect(DEFAULT_REGISTRY.validatorFor('sources.knative.dev/v1', 'PingSource')).toBeDefined();
    expect(DEFAULT_REGISTRY.validatorFor('sources.knative.dev/v1beta2', 'PingSource')).toBeDefined();
  });
});
