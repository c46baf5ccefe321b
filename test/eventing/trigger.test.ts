import { Chart, Testing } from 'cdk8s';
import { Broker, EventFilter, Sink } from '../../lib';
import { validateTrigger } from '../../lib/eventing/trigger.validator';
import { synthErrors } from '../support/rule-cases';
import { agent, GARBAGE, runValidator, triggerManifest } from './fixtures';

function setup() {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: 'agents' });
  return { app, chart };
}

const byKind = (objects: any[], kind: string) => objects.filter((o) => o.kind === kind);

describe('Trigger', () => {
  test('GIVEN filters WHEN synthesized THEN they render in the subscriptions-API form next to no attribute filter', () => {
    const { chart } = setup();
    new Broker(chart, 'events').addTrigger('eu-orders', {
      subscriber: Sink.uri('https://orders.example.com/hook'),
      filters: [EventFilter.exact({ type: 'dev.acme.order.placed' }), EventFilter.cesql("region = 'eu'")],
      delivery: { retry: 1, deadLetterSink: Sink.knativeService('dlq') },
      name: 'eu-orders-v2',
    });
    const [t] = byKind(Testing.synth(chart), 'Trigger');
    expect(t.metadata).toEqual({ name: 'eu-orders-v2', namespace: 'agents', annotations: { 'agents.cdk8s.io/external-refs': 'Service/dlq' } });
    expect(t.spec).toEqual({
      broker: 'events',
      filters: [{ exact: { type: 'dev.acme.order.placed' } }, { cesql: "region = 'eu'" }],
      subscriber: { uri: 'https://orders.example.com/hook' },
      delivery: { retry: 1, deadLetterSink: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'dlq' } } },
    });
  });

  test('binds its subscriber with itself as the sender, declaring the filtered type', () => {
    const { chart } = setup();
    const a = agent(chart);
    const t = new Broker(chart, 'events').addTrigger('t', { subscriber: a, filter: { type: 'dev.acme.x' } });
    expect(a.senders).toEqual([t.sender]);
    expect(t.sender.ref).toEqual({ apiVersion: 'eventing.knative.dev/v1', kind: 'Trigger', name: 't', namespace: 'agents' });
    expect(t.sender.eventTypes).toEqual(['dev.acme.x']);
  });

  test('fails if the subscriber is missing (PROPS-001), without a stack trace', () => {
    expect(synthErrors((c) => new Broker(c, 'events').addTrigger('t', {} as any))).toEqual([
      expect.stringMatching(/^error \[PROPS-001\] test\/events\/t: subscriber = \(unset\): expected an ISink, got undefined/),
    ]);
  });
});

describe('Trigger validator (hand-written manifests, as `cdk8s-agents check` sees them)', () => {
  test('every problem of one trigger is reported', () => {
    expect(runValidator(validateTrigger, triggerManifest({ broker: 'x'.repeat(64), filter: { attributes: { Type: 'a' } }, subscriber: undefined, delivery: { retry: -1 }, extra: true }))).toEqual([
      'EVT-TRIGGER-010 spec.broker',
      'EVT-TRIGGER-004 spec.filter.attributes["Type"]',
      'EVT-DEST-001 spec.subscriber',
      'EVT-DELIVERY-001 spec.delivery.retry',
    ]);
  });

  test('Trigger spec keys match case-insensitively, as Go\'s decoder does', () => {
    expect(runValidator(validateTrigger, triggerManifest({ Delivery: { retry: 1 } }))).toEqual([]);
  });

  test('never throws on garbage', () => {
    for (const m of GARBAGE) expect(() => runValidator(validateTrigger, m)).not.toThrow();
  });
});
