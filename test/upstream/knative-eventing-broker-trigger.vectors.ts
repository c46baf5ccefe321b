// knative/eventing knative-v1.22.2: the Broker and Trigger webhooks' own test tables.
// Not ported: update-only tests (TestBrokerImmutableFields, TestValidateUpdate,
// TestTriggerUpdateValidation, TestTriggerImmutableFields: they need the old object).
// A test that sets no namespace gets `default` (the API server fills it from the request).
import { FeatureState } from '../../lib';
import { UpstreamVector, VectorSet } from './vector';

const BROKER = 'pkg/apis/eventing/v1/broker_validation_test.go';
const TRIGGER = 'pkg/apis/eventing/v1/trigger_validation_test.go';
type Obj = Record<string, unknown>;

const CLASS = 'eventing.knative.dev/broker.class';
function broker(metadata: Obj = {}, spec?: Obj): Obj {
  return { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', metadata: { name: 'broker', namespace: 'default', ...metadata }, ...(spec ? { spec } : {}) };
}
const mt = { annotations: { [CLASS]: 'MTChannelBasedBroker' } };
const config = { namespace: 'namespace', name: 'name', kind: 'kind', apiVersion: 'apiversion' };

const brokers: UpstreamVector[] = [
  {
    test: `${BROKER} TestValidate/"missing annotation"`, manifest: broker(), upstream: 'rejected', chain: 'accepted',
    note: 'Validate alone rejects; in the admission chain the defaulting webhook first sets the class (config-br-defaults), and the cluster accepts it',
  },
  {
    test: `${BROKER} TestValidate/"empty annotation"`, manifest: broker({ annotations: { [CLASS]: '' } }), upstream: 'rejected',
    note: 'the chain rejects it too: DefaultBrokerClassIfUnset (pkg/apis/eventing/defaults.go) only fills a class that is absent, not an empty one',
  },
  { test: `${BROKER} TestValidate/"valid empty"`, manifest: broker(mt), upstream: 'accepted' },
  { test: `${BROKER} TestValidate/"valid config"`, manifest: broker(mt, { config }), upstream: 'accepted' },
  { test: `${BROKER} TestValidate/"valid config, no namespace"`, manifest: broker(mt, { config: { name: 'name', kind: 'kind', apiVersion: 'apiversion' } }), upstream: 'accepted' },
  { test: `${BROKER} TestValidate/"invalid config, missing name"`, manifest: broker(mt, { config: { namespace: 'namespace', kind: 'kind', apiVersion: 'apiversion' } }), upstream: 'rejected' },
  { test: `${BROKER} TestValidate/"invalid config, missing apiVersion"`, manifest: broker(mt, { config: { namespace: 'namespace', name: 'name', kind: 'kind' } }), upstream: 'rejected' },
  { test: `${BROKER} TestValidate/"invalid config, missing kind"`, manifest: broker(mt, { config: { namespace: 'namespace', name: 'name', apiVersion: 'apiversion' } }), upstream: 'rejected' },
  { test: `${BROKER} TestValidate/"invalid delivery, invalid delay string"`, manifest: broker(mt, { delivery: { backoffDelay: 'invalid time' } }), upstream: 'rejected' },
  {
    test: `${BROKER} TestValidate/"invalid config, cross namespace disallowed, cluster wide"`,
    manifest: broker({ ...mt, namespace: 'ns1' }, { config: { kind: 'ConfigMap', namespace: 'ns2', name: 'cm', apiVersion: 'v1' } }),
    upstream: 'rejected', note: 'config-br-defaults clusterDefault.disallowDifferentNamespaceConfig: true',
  },
  {
    test: `${BROKER} TestValidate/"invalid config, cross namespace disallowed, namespace wide"`,
    manifest: broker({ ...mt, namespace: 'ns1' }, { config: { kind: 'ConfigMap', namespace: 'ns2', name: 'cm', apiVersion: 'v1' } }),
    upstream: 'rejected', note: 'config-br-defaults namespaceDefaults.ns1.disallowDifferentNamespaceConfig: true',
  },
  {
    test: `${BROKER} TestValidate/"valid config, cross namespace allowed, namespace wide"`,
    manifest: broker({ ...mt, namespace: 'ns2' }, { config: { kind: 'ConfigMap', namespace: 'ns3', name: 'cm', apiVersion: 'v1' } }),
    upstream: 'accepted', note: 'config-br-defaults namespaceDefaults.ns1.disallowDifferentNamespaceConfig: true (another namespace)',
  },
  // TestValidSpec: BrokerSpec.Validate alone; the class annotation is the default's.
  { test: `${BROKER} TestValidSpec/"valid empty"`, manifest: broker(mt, {}), upstream: 'accepted' },
  { test: `${BROKER} TestValidSpec/"valid config"`, manifest: broker(mt, { config }), upstream: 'accepted' },
  { test: `${BROKER} TestValidSpec/"valid delivery"`, manifest: broker(mt, { config, delivery: { backoffPolicy: 'exponential' } }), upstream: 'accepted' },
];

function trigger(metadata: Obj, spec: Obj): Obj {
  return { apiVersion: 'eventing.knative.dev/v1', kind: 'Trigger', metadata: { name: 'trigger', namespace: 'default', ...metadata }, spec };
}
const subscriber = { ref: { namespace: 'namespace', name: 'subscriber_test', kind: 'Service', apiVersion: 'serving.knative.dev/v1' } };
const invalidSubscriber = { ref: { namespace: 'namespace', kind: 'Service', apiVersion: 'serving.knative.dev/v1' } };
const emptyFilter = {};
const sourceAndType = { attributes: { type: 'other_type', source: 'other_source' } };
const DEP = 'knative.dev/dependency';
const INJ = 'eventing.knative.dev/injection';
const crossNs = { eventing: { features: { crossNamespaceEventLinks: FeatureState.ENABLED } } };

const triggers: UpstreamVector[] = [
  { test: `${TRIGGER} TestTriggerValidation/"valid injection"`, manifest: trigger({ namespace: 'test-ns', annotations: { [INJ]: 'enabled' } }, { broker: 'default', filter: emptyFilter, subscriber }), upstream: 'accepted' },
  { test: `${TRIGGER} TestTriggerValidation/"invalid trigger spec"`, manifest: trigger({}, {}), upstream: 'rejected' },
  {
    test: `${TRIGGER} TestTriggerValidation/"invalid dependency annotation, not a corev1.ObjectReference"`,
    manifest: trigger({ annotations: { [DEP]: 'invalid dependency annotation' } }, { broker: 'test_broker', filter: emptyFilter, subscriber }), upstream: 'rejected',
  },
  {
    test: `${TRIGGER} TestTriggerValidation/"invalid dependency annotation, trigger namespace is not equal to dependency namespace)"`,
    manifest: trigger({ namespace: 'test-ns-1', annotations: { [DEP]: '{"kind":"PingSource","namespace":"test-ns-2", "name":"test-ping-source","apiVersion":"sources.knative.dev/v1"}' } }, { broker: 'test_broker', filter: emptyFilter, subscriber }),
    upstream: 'rejected',
  },
  ...([
    ['invalid dependency annotation, missing kind)', '{"name":"test-ping-source","apiVersion":"sources.knative.dev/v1"}'],
    ['invalid dependency annotation, missing name', '{"kind":"PingSource","apiVersion":"sources.knative.dev/v1"}'],
    ['invalid dependency annotation, missing apiVersion', '{"kind":"CronJobSource","name":"test-cronjob-source"}'],
    ['invalid dependency annotation, missing kind, name, apiVersion', '{}'],
  ] as const).map(([name, dep]): UpstreamVector => ({
    test: `${TRIGGER} TestTriggerValidation/"${name}"`,
    manifest: trigger({ namespace: 'test-ns', annotations: { [DEP]: dep } }, { broker: 'test_broker', filter: emptyFilter, subscriber }), upstream: 'rejected',
  })),
  {
    test: `${TRIGGER} TestTriggerValidation/"invalid trigger spec, invalid dependency annotation(missing kind, name, apiVersion)"`,
    manifest: trigger({ namespace: 'test-ns', annotations: { [DEP]: '{}' } }, { subscriber }), upstream: 'rejected',
  },
  { test: `${TRIGGER} TestTriggerValidation/"invalid injection annotation value"`, manifest: trigger({ namespace: 'test-ns', annotations: { [INJ]: 'wut' } }, { broker: 'default', filter: emptyFilter, subscriber }), upstream: 'rejected' },
  {
    test: `${TRIGGER} TestTriggerValidation/"invalid trigger spec, invalid dependency annotation(missing kind, name, apiVersion) and invalid injection"`,
    manifest: trigger({ namespace: 'test-ns', annotations: { [DEP]: '{}', [INJ]: 'wut' } }, { broker: 'default', subscriber }), upstream: 'rejected',
  },
  {
    test: `${TRIGGER} TestTriggerValidation/"valid injection annotation value, non-default broker specified"`,
    manifest: trigger({ namespace: 'test-ns', annotations: { [INJ]: 'enabled' } }, { broker: 'test-broker', filter: emptyFilter, subscriber }), upstream: 'rejected',
  },
  {
    test: `${TRIGGER} TestTriggerValidation/"invalid delivery, invalid delay string"`,
    manifest: trigger({ namespace: 'test-ns' }, { broker: 'test_broker', filter: emptyFilter, subscriber, delivery: { backoffDelay: 'invalid time' } }), upstream: 'rejected',
  },
];

// TestTriggerSpecValidation and its twin with cross-namespace-event-links Enabled.
const specCases: [string, Obj, 'accepted' | 'rejected'][] = [
  ['invalid trigger spec', {}, 'rejected'],
  ['missing broker', { broker: '', filter: sourceAndType, subscriber }, 'rejected'],
  ['missing attributes keys, match all', { broker: 'test_broker', filter: emptyFilter, subscriber }, 'accepted'],
  ['invalid attribute name, start with number', { broker: 'test_broker', filter: { attributes: { '0invalid': 'my-value' } }, subscriber }, 'rejected'],
  ['invalid attribute name, capital letters', { broker: 'test_broker', filter: { attributes: { invALID: 'my-value' } }, subscriber }, 'rejected'],
  ['missing subscriber', { broker: 'test_broker', filter: sourceAndType }, 'rejected'],
  ['missing subscriber.ref.name', { broker: 'test_broker', filter: sourceAndType, subscriber: invalidSubscriber }, 'rejected'],
  ['valid empty filter', { broker: 'test_broker', filter: emptyFilter, subscriber }, 'accepted'],
  ['valid SourceAndType filter', { broker: 'test_broker', filter: sourceAndType, subscriber }, 'accepted'],
  ['invalid delivery, invalid delay string', { broker: 'test_broker', filter: emptyFilter, subscriber, delivery: { backoffDelay: 'invalid time' } }, 'rejected'],
];
const brokerRef = { name: 'test-broker', namespace: 'test-broker-ns' };
for (const [name, spec, verdict] of specCases) {
  triggers.push({ test: `${TRIGGER} TestTriggerSpecValidation/"${name}"`, manifest: trigger({}, spec), upstream: verdict });
  triggers.push({ test: `${TRIGGER} TestTriggerSpecValidationWithCrossNamespaceEventLinksFeatureEnabled/"${name}"`, manifest: trigger({}, spec), settings: crossNs, upstream: verdict });
}
triggers.push(
  { test: `${TRIGGER} TestTriggerSpecValidation/"empty Broker and empty BrokerRef"`, manifest: trigger({}, { broker: '', filter: sourceAndType, subscriber }), upstream: 'rejected' },
  { test: `${TRIGGER} TestTriggerSpecValidation/"BrokerRef has different namespace"`, manifest: trigger({}, { brokerRef, filter: sourceAndType, subscriber }), upstream: 'rejected' },
  { test: `${TRIGGER} TestTriggerSpecValidationWithCrossNamespaceEventLinksFeatureEnabled/"using BrokerRef"`, manifest: trigger({}, { brokerRef, filter: sourceAndType, subscriber }), settings: crossNs, upstream: 'accepted' },
  {
    test: `${TRIGGER} TestTriggerSpecValidationWithCrossNamespaceEventLinksFeatureEnabled/"non-empty Broker and BrokerRef"`,
    manifest: trigger({}, { broker: 'test-broker', brokerRef, filter: sourceAndType, subscriber }), settings: crossNs, upstream: 'rejected',
  },
);

// TestFilterSpecValidation: spec.filters (or spec.filter) on a Trigger of broker test_broker.
const valid = { exact: { type: 'other_type' } };
const filterCases: [string, Obj, 'accepted' | 'rejected'][] = [
  ['missing filters, match all', {}, 'accepted'],
  ['invalid exact filter attribute name, start with number', { filters: [{ exact: { '0invalid': 'some-value' } }] }, 'rejected'],
  ['invalid exact filter attribute name, capital letters', { filters: [{ exact: { invALID: 'some-value' } }] }, 'rejected'],
  ['valid empty filter', { filter: emptyFilter }, 'accepted'],
  ['valid SourceAndType filter', { filter: sourceAndType }, 'accepted'],
  ['invalid multiple dialects', { filters: [{ exact: { myext: 'abc' }, suffix: { myext: 'abc' } }] }, 'rejected'],
  ['valid exact filter containing more than one attribute', { filters: [{ exact: { myext: 'abc', anotherext: 'xyz' } }] }, 'accepted'],
  ['valid exact filter', { filters: [{ exact: { valid: 'abc' } }] }, 'accepted'],
  ['valid suffix filter containing more than one attribute', { filters: [{ suffix: { myext: 'abc', anotherext: 'xyz' } }] }, 'accepted'],
  ['suffix filter contains invalid attribute name', { filters: [{ suffix: { invALID: 'abc' } }] }, 'rejected'],
  ['valid suffix filter', { filters: [{ suffix: { valid: 'abc' } }] }, 'accepted'],
  ['valid prefix filter containing more than one attribute', { filters: [{ prefix: { myext: 'abc', anotherext: 'xyz' } }] }, 'accepted'],
  ['prefix filter contains invalid attribute name', { filters: [{ prefix: { invALID: 'abc' } }] }, 'rejected'],
  ['valid prefix filter', { filters: [{ prefix: { valid: 'abc' } }] }, 'accepted'],
  ['not nested expression is valid', { filters: [{ not: valid }] }, 'accepted'],
  ['not nested expression is invalid', { filters: [{ not: { prefix: { invALID: 'abc' } } }] }, 'rejected'],
  ['all filter is nil', { filters: [{}] }, 'accepted'],
  ['all filter is valid', { filters: [{ all: [valid, { exact: { myattr: 'myval' } }] }] }, 'accepted'],
  ['all filter sub expression is invalid', { filters: [{ all: [valid, { exact: { myattr: 'myval' } }, { prefix: { invALID: 'abc' } }] }] }, 'rejected'],
  ['any filter is valid', { filters: [{ any: [valid, { exact: { myattr: 'myval' } }] }] }, 'accepted'],
  ['any filter sub expression is invalid', { filters: [{ any: [valid, { exact: { myattr: 'myval' } }, { prefix: { invALID: 'abc' } }] }] }, 'rejected'],
  ['CE SQL with syntax error', { filters: [{ cesql: 'this is wrong' }] }, 'rejected'],
  ['Valid CE SQL expression', { filters: [{ cesql: "type = 'dev.knative' AND ttl < 3" }] }, 'accepted'],
];
for (const [name, filters, verdict] of filterCases) {
  triggers.push({ test: `${TRIGGER} TestFilterSpecValidation/"${name}"`, manifest: trigger({}, { broker: 'test_broker', ...filters, subscriber }), upstream: verdict });
}

export const SETS: VectorSet[] = [
  { project: 'knative/eventing@knative-v1.22.2', kind: 'Broker', vectors: brokers },
  { project: 'knative/eventing@knative-v1.22.2', kind: 'Trigger', vectors: triggers },
];
