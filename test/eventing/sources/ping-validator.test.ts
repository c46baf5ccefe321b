import { DEFAULT_REGISTRY, DEFAULT_SETTINGS, FindingList } from '../../../lib';
import { validatePingSource } from '../../../lib/eventing/sources/ping-validator';
import { pingSource } from './fixtures';

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
