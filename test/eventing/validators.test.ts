// The eventing validators on hand-written manifests: what `cdk8s-agents check` reports.
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { FindingList, resolveClusterSettings, settingsFromConfigMaps, validateManifests } from '../../lib';
import { validateBroker, validateEventPolicy, validateJobSink, validateParallel, validateSequence, validateTrigger } from '../../lib/eventing/validators';
import { manifestErrors } from '../support/rule-cases';
import { brokerManifest, jobSinkManifest, OIDC_SETTINGS, parallelManifest, policyManifest, sequenceManifest, triggerManifest } from './fixtures';

const settings = resolveClusterSettings();
const run = (fn: (m: any, s: any, out: FindingList) => void, m: unknown, s = settings) => {
  const out = new FindingList();
  fn(m, s, out);
  return out.items.map((f) => `${f.rule.id} ${f.field}`);
};

describe('eventing validators', () => {
  test('the base manifests of the fixtures are valid', () => {
    expect(manifestErrors([brokerManifest(), triggerManifest(), sequenceManifest(), parallelManifest(), jobSinkManifest()])).toEqual([]);
    expect(manifestErrors([brokerManifest(), policyManifest()], OIDC_SETTINGS)).toEqual([]);
  });

  test('Broker: an unknown class is suggested in its right case', () => {
    const out = new FindingList();
    validateBroker(brokerManifest({}, { 'eventing.knative.dev/broker.class': 'kafkanamespaced' }), settings, out);
    expect(out.items.map((f) => [f.rule.id, f.fix])).toEqual([['EVT-BROKER-006', 'use "KafkaNamespaced" (the class is case-sensitive)']]);
  });

  test('Trigger: every problem of one trigger is reported', () => {
    expect(run(validateTrigger, triggerManifest({ broker: 'x'.repeat(64), filter: { attributes: { Type: 'a' } }, subscriber: undefined, delivery: { retry: -1 }, extra: true }))).toEqual([
      'EVT-TRIGGER-007 spec.extra',
      'EVT-TRIGGER-010 spec.broker',
      'EVT-TRIGGER-004 spec.filter.attributes["Type"]',
      'EVT-DEST-001 spec.subscriber',
      'EVT-DELIVERY-001 spec.delivery.retry',
    ]);
  });

  test('Trigger spec keys match case-insensitively, as Go\'s decoder does', () => {
    expect(run(validateTrigger, triggerManifest({ Delivery: { retry: 1 } }))).toEqual([]);
  });

  test('Sequence: steps, their delivery and the reply are checked', () => {
    expect(run(validateSequence, sequenceManifest({ steps: [{ uri: 'a' }, { uri: 'http://b', delivery: { backoffPolicy: 'x' } }], reply: {} }))).toEqual([
      'EVT-DEST-003 spec.steps[0].uri',
      'EVT-DELIVERY-002 spec.steps[1].delivery.backoffPolicy',
      'EVT-DEST-001 spec.reply',
    ]);
    expect(run(validateSequence, { ...sequenceManifest(), spec: undefined })).toEqual(['EVT-FLOW-001 spec.steps']);
  });

  test('Parallel: branch filter, subscriber, reply and delivery, and the Parallel reply', () => {
    expect(run(validateParallel, parallelManifest({ branches: [{ filter: {}, subscriber: { uri: 'x' }, reply: { uri: '/r' }, delivery: { format: 'xml' } }], reply: { uri: 'y' } }))).toEqual([
      'EVT-DEST-001 spec.branches[0].filter',
      'EVT-DEST-003 spec.branches[0].subscriber.uri',
      'EVT-DEST-003 spec.branches[0].reply.uri',
      'EVT-DELIVERY-008 spec.branches[0].delivery.format',
      'EVT-DEST-003 spec.reply.uri',
    ]);
  });

  test('JobSink: the pod template gets the Kubernetes pod checks', () => {
    expect(run(validateJobSink, jobSinkManifest({ containers: [{ name: 'task' }] }))).toEqual(expect.arrayContaining([expect.stringMatching(/^POD-/)]));
  });

  test('EventPolicy: OIDC and transport encryption are checked against the settings', () => {
    expect(run(validateEventPolicy, policyManifest())).toEqual(['EVT-POLICY-001 kind', 'EVT-POLICY-002 kind']);
    expect(run(validateEventPolicy, policyManifest(), resolveClusterSettings(OIDC_SETTINGS))).toEqual([]);
  });

  test('validators never throw on garbage', () => {
    for (const fn of [validateBroker, validateTrigger, validateSequence, validateParallel, validateJobSink, validateEventPolicy]) {
      for (const m of [null, {}, { spec: 'x' }, { metadata: 3, spec: { steps: 'x', branches: [null], from: [null], to: [3], job: [] } }]) {
        expect(() => run(fn, m)).not.toThrow();
      }
    }
  });
});

describe('checking the committed dist/ of scenario 5 as hand-written YAML', () => {
  const objects: unknown[] = Yaml.load(path.join(__dirname, '..', '..', 'dist', 'event-routing.k8s.yaml'));
  const located = objects.map((object, i) => ({ object, where: `event-routing.k8s.yaml#${i}` }));

  test('GIVEN upstream defaults WHEN checked THEN the EventPolicy fails naming both flags', () => {
    const ids = validateManifests(located).findings.map((f) => f.rule.id);
    expect(ids).toEqual(['EVT-POLICY-001', 'EVT-POLICY-002']);
  });

  test('GIVEN the eventing config-features of the cluster WHEN checked THEN it passes', () => {
    const out = new FindingList();
    const input = settingsFromConfigMaps([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-features', namespace: 'knative-eventing' }, data: { 'authentication-oidc': 'enabled', 'transport-encryption': 'strict' } }], out);
    expect(validateManifests(located, resolveClusterSettings(input)).findings).toEqual([]);
  });
});
