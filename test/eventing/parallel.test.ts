import { Chart, Testing } from 'cdk8s';
import { AgentParallel, Sink } from '../../lib';
import { validateParallel } from '../../lib/eventing/parallel.validator';
import { synthErrors } from '../support/rule-cases';
import { agent, GARBAGE, parallelManifest, runValidator } from './fixtures';

function setup() {
  const app = Testing.app();
  return new Chart(app, 'test', { namespace: 'agents' });
}
const find = (chart: Chart, kind: string) => Testing.synth(chart).find((o) => o.kind === kind);

describe('AgentParallel', () => {
  test('snapshot of a three-branch fan-out with an aggregator', () => {
    const chart = setup();
    new AgentParallel(chart, 'fan-out', { branches: [{ subscriber: agent(chart, 'a') }, { subscriber: agent(chart, 'b'), filter: agent(chart, 'f') }, { subscriber: agent(chart, 'c'), reply: agent(chart, 'r'), delivery: { retry: 2 } }], reply: agent(chart, 'agg') });
    expect(find(chart, 'Parallel')).toMatchSnapshot();
  });

  test('binds subscribers, filters and replies with the Parallel as sender', () => {
    const chart = setup();
    const [s, f, r] = [agent(chart, 's'), agent(chart, 'f'), agent(chart, 'r')];
    new AgentParallel(chart, 'fan-out', { branches: [{ subscriber: s, filter: f }], reply: r });
    for (const x of [s, f, r]) expect(x.senders.map((x2) => `${x2.ref.kind}/${x2.ref.name}`)).toEqual(['Parallel/fan-out']);
  });

  test('a finding about a branch names the branch prop', () => {
    expect(synthErrors((c) => new AgentParallel(c, 'p', { branches: [{ subscriber: Sink.uri('nohost') }] }))).toEqual([
      expect.stringMatching(/^error \[EVT-DEST-003\] test\/p: branches\[0\]\.subscriber \(spec\.branches\[0\]\.subscriber\.uri\) = "nohost"/),
    ]);
  });
});

describe('Parallel validator (hand-written manifests, as `cdk8s-agents check` sees them)', () => {
  test('branch filter, subscriber, reply and delivery, and the Parallel reply', () => {
    expect(runValidator(validateParallel, parallelManifest({ branches: [{ filter: {}, subscriber: { uri: 'x' }, reply: { uri: '/r' }, delivery: { format: 'xml' } }], reply: { uri: 'y' } }))).toEqual([
      'EVT-DEST-001 spec.branches[0].filter',
      'EVT-DEST-003 spec.branches[0].subscriber.uri',
      'EVT-DEST-003 spec.branches[0].reply.uri',
      'EVT-DELIVERY-008 spec.branches[0].delivery.format',
      'EVT-DEST-003 spec.reply.uri',
    ]);
  });

  test('never throws on garbage', () => {
    for (const m of GARBAGE) expect(() => runValidator(validateParallel, m)).not.toThrow();
  });
});
