import { Chart, Testing } from 'cdk8s';
import { PingTrigger, Sink } from '../../../lib';
import { FindingList } from '../../../lib/engine/rule';
import { DEFAULT_SETTINGS } from '../../../lib/settings/settings';
import { checkSourceSpec } from '../../../lib/eventing/sources/source.validator';
import { agent, pingSource } from './fixtures';

function ids(manifest: unknown): string[] {
  const out = new FindingList();
  checkSourceSpec(manifest, DEFAULT_SETTINGS, out);
  return out.items.map((f) => `${f.rule.id} ${f.field}`);
}

describe('checkSourceSpec', () => {
  test('a valid source has no finding', () => {
    expect(ids(pingSource())).toEqual([]);
  });

  test('a missing sink is EVT-DEST-001 on spec.sink', () => {
    expect(ids(pingSource({ sink: undefined }))).toEqual(['EVT-DEST-001 spec.sink']);
  });

  test('extension names: one finding per bad name, the most specific rule', () => {
    expect(ids(pingSource({ ceOverrides: { extensions: { ok: 'a', 'a_b': 'x', ID: 'y', camelCase: 'z' } } }))).toEqual([
      'EVT-SOURCE-001 spec.ceOverrides.extensions["a_b"]',
      'EVT-SOURCE-002 spec.ceOverrides.extensions["ID"]',
      'EVT-SOURCE-003 spec.ceOverrides.extensions["camelCase"]',
    ]);
  });

  test('a name of 253 characters with dots is valid, 254 is not', () => {
    expect(ids(pingSource({}, { name: `${'a'.repeat(125)}.${'b'.repeat(127)}` }))).toEqual([]);
    expect(ids(pingSource({}, { name: 'a'.repeat(254) }))).toEqual(['EVT-SOURCE-004 metadata.name']);
  });

  test('garbage does not throw', () => {
    for (const m of [undefined, null, 'x', { metadata: 3, spec: { ceOverrides: { extensions: [] } } }]) expect(() => ids(m)).not.toThrow();
  });
});

describe('EventSource (through PingTrigger)', () => {
  test('name and namespace props win over the id and the Chart', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'agents' });
    const t = new PingTrigger(chart, 'nightly', { name: 'nightly-report', namespace: 'ops', schedule: '0 2 * * *', sink: agent(chart) });
    expect([t.name, t.namespace]).toEqual(['nightly-report', 'ops']);
    expect(Testing.synth(chart).find((o) => o.kind === 'PingSource').metadata).toEqual({ name: 'nightly-report', namespace: 'ops' });
  });

  test('an empty extensions map renders no ceOverrides', () => {
    const chart = new Chart(Testing.app(), 'test');
    new PingTrigger(chart, 'nightly', { schedule: '0 2 * * *', sink: Sink.uri('https://x.example.com'), extensions: {} });
    expect(Testing.synth(chart)[0].spec.ceOverrides).toBeUndefined();
  });

  test('an external sink is listed in the external-refs annotation', () => {
    const chart = new Chart(Testing.app(), 'test');
    new PingTrigger(chart, 'nightly', { schedule: '0 2 * * *', sink: Sink.knativeService('reporter', { namespace: 'ops' }) });
    expect(Testing.synth(chart)[0].metadata.annotations).toEqual({ 'agents.cdk8s.io/external-refs': 'Service/ops/reporter' });
  });
});
