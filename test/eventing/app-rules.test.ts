// The app-wide eventing checks, through validateManifests (as the check command runs them).
import { manifestErrors } from '../support/rule-cases';
import { brokerManifest, jobSinkManifest, OIDC_SETTINGS, parallelManifest, policyManifest, sequenceManifest, serviceRef, triggerManifest } from './fixtures';

const ref = (apiVersion: string, kind: string, name: string, namespace?: string) => ({ ref: { apiVersion, kind, name, namespace } });
const seqRef = (name: string) => ref('flows.knative.dev/v1', 'Sequence', name);
const parRef = (name: string) => ref('flows.knative.dev/v1', 'Parallel', name);
const ids = (lines: string[]) => lines.map((l) => { const m = /\[(.*?)\] (\S+): (\S+)/.exec(l)!; return `${m[1]} ${m[2]}: ${m[3]}`; });
const service = (name: string, labels: Record<string, string> = { 'networking.knative.dev/visibility': 'cluster-local' }) => ({
  apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name, namespace: 'agents', labels },
  spec: { template: { spec: { containers: [{ image: 'ghcr.io/acme/a:1' }] } } },
});

describe('EVT-APP-001 missing broker', () => {
  test('a broker in another namespace does not count; one without namespace does', () => {
    expect(ids(manifestErrors([{ ...brokerManifest(), metadata: { name: 'events', namespace: 'other' } }, triggerManifest()]))).toEqual(['EVT-APP-001 manifest#1: spec.broker']);
    expect(manifestErrors([{ ...brokerManifest(), metadata: { name: 'events' } }, triggerManifest()])).toEqual([]);
  });

  test('an external-refs entry with a namespace declares that broker', () => {
    expect(manifestErrors([triggerManifest({}, { annotations: { 'agents.cdk8s.io/external-refs': 'Broker/agents/events' } })])).toEqual([]);
    expect(ids(manifestErrors([triggerManifest({}, { annotations: { 'agents.cdk8s.io/external-refs': 'Broker/other/events' } })]))).toEqual(['EVT-APP-001 manifest#0: spec.broker']);
  });
});

describe('EVT-APP-002 missing sinks', () => {
  test('every destination of every kind is resolved: steps, replies, dead letters, branches, sources', () => {
    const lines = manifestErrors([
      brokerManifest({ delivery: { deadLetterSink: serviceRef('dlq') } }),
      sequenceManifest({ steps: [serviceRef('a')], reply: parRef('p') }),
      parallelManifest({ branches: [{ filter: serviceRef('f'), subscriber: serviceRef('s'), reply: serviceRef('r') }] }),
      { apiVersion: 'sources.knative.dev/v1', kind: 'PingSource', metadata: { name: 'n', namespace: 'agents' }, spec: { sink: ref('sinks.knative.dev/v1alpha1', 'JobSink', 'jobs') } },
    ]);
    expect(ids(lines)).toEqual([
      'EVT-APP-002 manifest#0: spec.delivery.deadLetterSink.ref.name',
      'EVT-APP-002 manifest#1: spec.steps[0].ref.name',
      'EVT-APP-002 manifest#1: spec.reply.ref.name',
      'EVT-APP-002 manifest#2: spec.branches[0].filter.ref.name',
      'EVT-APP-002 manifest#2: spec.branches[0].subscriber.ref.name',
      'EVT-APP-002 manifest#2: spec.branches[0].reply.ref.name',
      'EVT-APP-002 manifest#3: spec.sink.ref.name',
    ]);
  });

  test('kinds this library does not render are not required (KafkaSink, channels)', () => {
    expect(manifestErrors([brokerManifest(), triggerManifest({ subscriber: ref('eventing.knative.dev/v1alpha1', 'KafkaSink', 'results') })])).toEqual([]);
  });

  test('a ref namespace other than the referrer\'s must match', () => {
    expect(ids(manifestErrors([brokerManifest(), service('a'), triggerManifest({ subscriber: ref('serving.knative.dev/v1', 'Service', 'a', 'other') })]))).toEqual(['EVT-APP-002 manifest#2: spec.subscriber.ref.name']);
  });
});

describe('EVT-APP-003 loops', () => {
  test('two Sequences replying into each other', () => {
    expect(ids(manifestErrors([sequenceManifest({ reply: seqRef('b') }, 'a'), sequenceManifest({ reply: seqRef('a') }, 'b')]))).toEqual(['EVT-APP-003 manifest#0: spec.reply.ref']);
  });

  test('a Parallel whose branch subscriber is itself', () => {
    const lines = manifestErrors([parallelManifest({ branches: [{ subscriber: parRef('fan-out') }] })]);
    expect(ids(lines)).toEqual(['EVT-APP-003 manifest#0: spec.branches[0].subscriber.ref']);
    expect(lines[0]).toContain('Parallel/fan-out sends its events back into itself');
  });

  test('dead-letter sinks and agents are not part of a loop', () => {
    expect(manifestErrors([brokerManifest({ delivery: { deadLetterSink: brokerRef() } }), service('a'), triggerManifest({ subscriber: serviceRef('a') })])).toEqual([]);
  });
});

function brokerRef() {
  return ref('eventing.knative.dev/v1', 'Broker', 'events');
}

describe('EVT-APP-004 filters against declared types', () => {
  const ping = { apiVersion: 'sources.knative.dev/v1', kind: 'PingSource', metadata: { name: 'nightly', namespace: 'agents' }, spec: { schedule: '0 2 * * *', sink: brokerRef() } };
  const kafka = { apiVersion: 'sources.knative.dev/v1beta1', kind: 'KafkaSource', metadata: { name: 'k', namespace: 'agents' }, spec: { bootstrapServers: ['k:9092'], topics: ['t'], consumerGroup: 'g', sink: brokerRef() } };

  test('a filter that matches one of the declared types passes; one matching none warns, naming the senders and types', () => {
    expect(manifestErrors([brokerManifest(), ping, kafka, triggerManifest({ filter: { attributes: { type: 'dev.knative.kafka.event' } } })])).toEqual([]);
    const lines = manifestErrors([brokerManifest(), ping, kafka, triggerManifest({ filter: { attributes: { type: 'dev.acme.order.placed' } } })]);
    expect(ids(lines)).toEqual(['EVT-APP-004 manifest#3: spec.filter.attributes["type"]']);
    expect(lines[0]).toContain('the senders of Broker "events" (PingSource/nightly, KafkaSource/k) declare only dev.knative.kafka.event, dev.knative.sources.ping');
  });

  test('no warning when the broker has no sender in the app, or a CESQL filter', () => {
    expect(manifestErrors([brokerManifest(), triggerManifest({ filter: { attributes: { type: 'x' } } })])).toEqual([]);
    expect(manifestErrors([brokerManifest(), ping, triggerManifest({ filters: [{ cesql: "type = 'x'" }] })])).toEqual([]);
  });
});

describe('EVT-FLOW-006 public steps', () => {
  test('a public Service as a step warns; a public reply does not', () => {
    const lines = manifestErrors([service('web', {}), service('handler', {}), sequenceManifest({ steps: [serviceRef('web')], reply: serviceRef('handler') })]);
    expect(ids(lines)).toEqual(['EVT-FLOW-006 manifest#2: spec.steps[0].ref.name']);
  });
});

describe('the fixtures', () => {
  test('the base manifests of the fixtures are valid', () => {
    expect(manifestErrors([brokerManifest(), triggerManifest(), sequenceManifest(), parallelManifest(), jobSinkManifest()])).toEqual([]);
    expect(manifestErrors([brokerManifest(), policyManifest()], OIDC_SETTINGS)).toEqual([]);
  });
});
