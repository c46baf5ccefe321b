import { Chart, Duration, Testing } from 'cdk8s';
import { AgentSequence, Broker, ChannelTemplate, SequenceStep, Sink } from '../../lib';
import { validateSequence } from '../../lib/eventing/sequence.validator';
import { synthErrors } from '../support/rule-cases';
import { agent, GARBAGE, runValidator, sequenceManifest } from './fixtures';

function setup() {
  const app = Testing.app();
  return new Chart(app, 'test', { namespace: 'agents' });
}
const find = (chart: Chart, kind: string) => Testing.synth(chart).find((o) => o.kind === kind);

describe('AgentSequence', () => {
  test('snapshot of a three-step sequence with a reply', () => {
    const chart = setup();
    new AgentSequence(chart, 'pipeline', { steps: [agent(chart, 'a'), agent(chart, 'b'), agent(chart, 'c')], reply: agent(chart, 'handler') });
    expect(find(chart, 'Sequence')).toMatchSnapshot();
  });

  test('leaves the channel to the cluster\'s default (no channelTemplate), steps in order, no delivery by default', () => {
    const chart = setup();
    new AgentSequence(chart, 'pipeline', { steps: [agent(chart, 'a'), Sink.uri('http://b.agents.svc')] });
    const seq = find(chart, 'Sequence');
    expect(seq.spec).toEqual({
      steps: [{ ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'a', namespace: 'agents' } }, { uri: 'http://b.agents.svc' }],
    });
  });

  test('GIVEN ChannelTemplate.inMemory() WHEN synthesized THEN the in-memory channel is pinned, as asked', () => {
    const chart = setup();
    new AgentSequence(chart, 'pipeline', { steps: [agent(chart, 'a')], channel: ChannelTemplate.inMemory() });
    expect(find(chart, 'Sequence').spec.channelTemplate).toEqual({ apiVersion: 'messaging.knative.dev/v1', kind: 'InMemoryChannel' });
  });

  test('GIVEN a sequence delivery and one step of its own WHEN synthesized THEN the step\'s own wins', () => {
    const chart = setup();
    new AgentSequence(chart, 'pipeline', {
      steps: [agent(chart, 'a'), SequenceStep.of(agent(chart, 'b'), { delivery: { retry: 9 } })],
      delivery: { retry: 2, timeout: Duration.minutes(3) },
    });
    expect(find(chart, 'Sequence').spec.steps.map((s: any) => s.delivery)).toEqual([{ retry: 2, timeout: 'PT3M' }, { retry: 9 }]);
  });

  test('GIVEN ChannelTemplate.kafka WHEN synthesized THEN a KafkaChannel template with ISO retention', () => {
    const chart = setup();
    new AgentSequence(chart, 'pipeline', { steps: [agent(chart)], channel: ChannelTemplate.kafka({ numPartitions: 3, replicationFactor: 2, retention: Duration.days(2) }) });
    expect(find(chart, 'Sequence').spec.channelTemplate).toEqual({
      apiVersion: 'messaging.knative.dev/v1beta1', kind: 'KafkaChannel', spec: { numPartitions: 3, replicationFactor: 2, retentionDuration: 'PT48H' },
    });
    expect(ChannelTemplate.kafka()._toJson()).toEqual({ apiVersion: 'messaging.knative.dev/v1beta1', kind: 'KafkaChannel' });
  });

  test('binds every step and the reply with the Sequence as sender; is itself a sink', () => {
    const chart = setup();
    const [a, b, r] = [agent(chart, 'a'), agent(chart, 'b'), agent(chart, 'r')];
    const seq = new AgentSequence(chart, 'pipeline', { steps: [a, SequenceStep.of(b)], reply: r });
    for (const x of [a, b, r]) expect(x.senders.map((s) => `${s.ref.kind}/${s.ref.name}`)).toEqual(['Sequence/pipeline']);
    new Broker(chart, 'events').addTrigger('t', { subscriber: seq });
    expect(seq.senders.map((s) => `${s.ref.kind}/${s.ref.name}`)).toEqual(['Trigger/t']);
    expect(seq.toDestination()).toEqual({ ref: { apiVersion: 'flows.knative.dev/v1', kind: 'Sequence', name: 'pipeline', namespace: 'agents' } });
  });

  test('an external step is declared in the annotation', () => {
    const chart = setup();
    new AgentSequence(chart, 'pipeline', { steps: [Sink.knativeService('legacy')], reply: Sink.knativeService('out', { namespace: 'results' }) });
    expect(find(chart, 'Sequence').metadata.annotations).toEqual({ 'agents.cdk8s.io/external-refs': 'Service/legacy,Service/results/out' });
  });

  test('a finding about a step\'s own delivery names that step', () => {
    expect(synthErrors((c) => new AgentSequence(c, 'p', { steps: [agent(c), SequenceStep.of(agent(c, 'b'), { delivery: { retry: -1 } })] }))).toEqual([
      expect.stringMatching(/^error \[EVT-DELIVERY-001\] test\/p: steps\[1\]\.delivery\.retry \(spec\.steps\[1\]\.delivery\.retry\) = -1/),
    ]);
  });

  test('fails if steps is not an array (PROPS-001), without throwing', () => {
    expect(synthErrors((c) => new AgentSequence(c, 'p', { steps: 'a' as any }))).toEqual([expect.stringMatching(/^error \[PROPS-001\] test\/p: steps = "a"/)]);
  });
});

describe('Sequence validator (hand-written manifests, as `cdk8s-agents check` sees them)', () => {
  test('steps, their delivery and the reply are checked', () => {
    expect(runValidator(validateSequence, sequenceManifest({ steps: [{ uri: 'a' }, { uri: 'http://b', delivery: { backoffPolicy: 'x' } }], reply: {} }))).toEqual([
      'EVT-DEST-003 spec.steps[0].uri',
      'EVT-DELIVERY-002 spec.steps[1].delivery.backoffPolicy',
      'EVT-DEST-001 spec.reply',
    ]);
    expect(runValidator(validateSequence, { ...sequenceManifest(), spec: undefined })).toEqual(['EVT-FLOW-001 spec.steps']);
  });

  test('never throws on garbage', () => {
    for (const m of GARBAGE) expect(() => runValidator(validateSequence, m)).not.toThrow();
  });
});
