import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { AgentKnativeService, Sink, SinkSender } from '../../lib';
import { EXTERNAL_REFS_ANNOTATION, externalRefKey, externalRefsAnnotation, SinkSenders, SinkTarget } from '../../lib/eventing/sink';
import { IMAGE } from './fixtures';

function sender(scope: Construct, name: string, kind = 'Trigger'): SinkSender {
  return { construct: scope, ref: { apiVersion: 'eventing.knative.dev/v1', kind, name, namespace: 'agents' } };
}

describe('Sink', () => {
  test('Sink.uri renders the URL and binding it does nothing', () => {
    const s = Sink.uri('https://hooks.example.com/events');
    expect(s.toDestination()).toEqual({ uri: 'https://hooks.example.com/events' });
    expect(() => s.bind(sender(Testing.app(), 't'))).not.toThrow();
    expect(s.external).toBeUndefined();
  });

  test('Sink.knativeService references an existing Service, is external, and records its senders once', () => {
    const s = Sink.knativeService('legacy-agent', { namespace: 'other', path: '/events' });
    expect(s.toDestination()).toEqual({ ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'legacy-agent', namespace: 'other' }, uri: '/events' });
    expect(s.external).toBe(true);
    const app = Testing.app();
    s.bind(sender(app, 'a'));
    s.bind(sender(app, 'a'));
    s.bind(sender(app, 'b'));
    expect(s.senders.map((x) => x.ref.name)).toEqual(['a', 'b']);
  });

  test('Sink.ref references any addressable object', () => {
    expect(Sink.ref({ apiVersion: 'eventing.knative.dev/v1alpha1', kind: 'KafkaSink', name: 'results' }).toDestination()).toEqual({
      ref: { apiVersion: 'eventing.knative.dev/v1alpha1', kind: 'KafkaSink', name: 'results', namespace: undefined }, uri: undefined,
    });
  });
});

describe('SinkSenders', () => {
  test('GIVEN the same sender twice WHEN added THEN it is recorded once, in binding order; the list is a copy', () => {
    const app = Testing.app();
    const list = new SinkSenders();
    list.add(sender(app, 'b'));
    list.add(sender(app, 'a'));
    list.add(sender(app, 'b'));
    const all = list.all as SinkSender[];
    expect(all.map((s) => s.ref.name)).toEqual(['b', 'a']);
    all.pop();
    expect(list.all).toHaveLength(2);
  });

  test('ignores a sender without construct or ref (plain-JS callers)', () => {
    const list = new SinkSenders();
    list.add({} as SinkSender);
    expect(list.all).toEqual([]);
  });
});

describe('SinkTarget (the bookkeeping every sink holds)', () => {
  test('reads its reference when a sender renders, copies it, and records each sender once', () => {
    let name = 'early';
    const target = SinkTarget.ref(() => ({ apiVersion: 'v1', kind: 'X', name }), { path: '/in' });
    name = 'set-later';
    const dest = target.toDestination();
    expect(dest).toEqual({ ref: { apiVersion: 'v1', kind: 'X', name: 'set-later' }, uri: '/in' });
    (dest.ref as any).name = 'mutated';
    expect(target.toDestination().ref?.name).toBe('set-later');
    const app = Testing.app();
    target.bind(sender(app, 'a'));
    target.bind(sender(app, 'a'));
    expect(target.senders.map((x) => x.ref.name)).toEqual(['a']);
    expect(target.external).toBeUndefined();
  });

  test('a URL records nothing and is no EventPolicy target', () => {
    const url = SinkTarget.uri('https://x.example.com');
    expect(url.toDestination()).toEqual({ uri: 'https://x.example.com' });
    expect('senders' in url).toBe(false);
  });
});

describe('external refs', () => {
  test('the annotation lists external sinks, sorted, each once; none without external sinks', () => {
    const agentSink = Sink.knativeService('b-agent');
    expect(externalRefsAnnotation([Sink.knativeService('z', { namespace: 'other' }), agentSink, agentSink, Sink.uri('http://x'), undefined])).toEqual({
      [EXTERNAL_REFS_ANNOTATION]: 'Service/b-agent,Service/other/z',
    });
    expect(externalRefsAnnotation([Sink.uri('http://x')])).toBeUndefined();
    expect(externalRefKey({ kind: 'Broker', name: 'default' })).toBe('Broker/default');
  });
});

describe('AgentKnativeService as a sink', () => {
  test('binds record senders for EventPolicies and network allowances', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    const agent = new AgentKnativeService(chart, 'agent', { image: IMAGE });
    agent.bind(sender(chart, 't1'));
    agent.bind(sender(chart, 't1'));
    agent.bind(sender(chart, 'nightly', 'PingSource'));
    expect(agent.senders.map((s) => `${s.ref.kind}/${s.ref.name}`)).toEqual(['Trigger/t1', 'PingSource/nightly']);
    expect(agent.toDestination()).toEqual({ ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'agent', namespace: 'agents' } });
  });
});
