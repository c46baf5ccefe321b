// Rule cases of Trigger (EVT-META-001, EVT-TRIGGER-*, its filters).
import { Broker, EventFilter, FeatureState, Sink } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { agent, brokerManifest, triggerManifest } from './fixtures';

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'EVT-META-001', name: 'the Trigger name has an underscore',
      build: (c) => new Broker(c, 'broker').addTrigger('t', { name: 'on_order', subscriber: agent(c) }),
      path: 'test/broker/t', field: 'metadata.name', value: '"on_order"',
    },
    // --- Trigger
    { id: 'EVT-TRIGGER-001', name: 'a Trigger has no broker', manifests: [triggerManifest({ broker: undefined })], field: 'spec.broker', value: 'null' },
    {
      id: 'EVT-TRIGGER-002', name: 'a Trigger sets broker and brokerRef',
      manifests: [brokerManifest(), triggerManifest({ brokerRef: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name: 'events' } })],
      path: 'manifest#1', field: 'spec.brokerRef', value: '{"apiVersion"',
    },
    {
      id: 'EVT-TRIGGER-003', name: 'a brokerRef names another namespace while cross-namespace-event-links is Disabled',
      manifests: [{ ...brokerManifest(), metadata: { name: 'events', namespace: 'shared' } },
        triggerManifest({ broker: undefined, brokerRef: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name: 'events', namespace: 'shared' } })],
      path: 'manifest#1', field: 'spec.brokerRef.namespace', value: '"shared"',
    },
    {
      id: 'EVT-TRIGGER-004', name: 'a filter attribute is `agent_id`',
      build: (c) => new Broker(c, 'broker').addTrigger('t', { subscriber: agent(c), filter: { agent_id: 'planner' } }),
      path: 'test/broker/t', field: 'spec.filter.attributes["agent_id"]', value: '"agent_id"',
    },
    {
      id: 'EVT-TRIGGER-004', name: 'an exact filter attribute is `Type`',
      build: (c) => new Broker(c, 'broker').addTrigger('t', { subscriber: agent(c), filters: [EventFilter.exact({ Type: 'dev.acme.order.placed' })] }),
      path: 'test/broker/t', field: 'spec.filters[0].exact["Type"]', value: '"Type"',
    },
    {
      id: 'EVT-TRIGGER-004', name: 'a nested `not` filter has `agentId`',
      manifests: [brokerManifest(), triggerManifest({ filters: [{ all: [{ not: { prefix: { agentId: 'a' } } }] }] })],
      path: 'manifest#1', field: 'spec.filters[0].all[0].not.prefix["agentId"]', value: '"agentId"',
    },
    {
      id: 'EVT-TRIGGER-005', name: 'a filters entry sets exact and prefix',
      manifests: [brokerManifest(), triggerManifest({ filters: [{ exact: { type: 'a' }, prefix: { source: 'b' } }] })],
      path: 'manifest#1', field: 'spec.filters[0]', value: '["exact","prefix"]',
    },
    {
      id: 'EVT-TRIGGER-006', name: 'a CESQL filter uses `==`',
      build: (c) => new Broker(c, 'broker').addTrigger('t', { subscriber: agent(c), filters: [EventFilter.cesql("type == 'dev.acme.order.placed'")] }),
      path: 'test/broker/t', field: 'spec.filters[0].cesql', value: '"type == \'dev.acme.order.placed\'"',
    },
    {
      id: 'EVT-TRIGGER-006', name: 'a CESQL filter ends after AND',
      manifests: [brokerManifest(), triggerManifest({ filters: [{ cesql: "type = 'a' AND" }] })], path: 'manifest#1', field: 'spec.filters[0].cesql', value: '"type = \'a\' AND"',
    },
    {
      id: 'EVT-TRIGGER-006', name: 'a CESQL LIKE has no pattern',
      manifests: [brokerManifest(), triggerManifest({ filters: [{ cesql: 'source LIKE' }] })], path: 'manifest#1', field: 'spec.filters[0].cesql', value: '"source LIKE"',
    },
    {
      id: 'SCHEMA-004', name: 'a Trigger spec has `filterz` (kept by the CRD, refused by the strict decoder)',
      manifests: [brokerManifest(), triggerManifest({ filterz: [{ exact: { type: 'a' } }] })], path: 'manifest#1', field: 'spec.filterz', value: '[{"exact"',
    },
    // The CRD keeps the elements of all/any and the values of not/exact/prefix/suffix/filter.attributes
    // as written; the strict decoder reads them into SubscriptionsAPIFilter, recursively.
    {
      id: 'SCHEMA-004', name: 'a nested `all` filter has an unknown key',
      manifests: [brokerManifest(), triggerManifest({ filters: [{ all: [{ unknownField: 1 }] }] })], path: 'manifest#1', field: 'spec.filters[0].all[0].unknownField', value: '1',
    },
    {
      id: 'SCHEMA-004', name: 'an unknown key with a null value deep in `any` / `not` (the decoder refuses the key whatever its value)',
      manifests: [brokerManifest(), triggerManifest({ filters: [{ any: [{ not: { exakt: null } }] }] })], path: 'manifest#1', field: 'spec.filters[0].any[0].not.exakt', value: 'null',
    },
    {
      id: 'SCHEMA-002', name: 'an `exact` filter value is a number',
      manifests: [brokerManifest(), triggerManifest({ filters: [{ exact: { type: 5 } }] })], path: 'manifest#1', field: 'spec.filters[0].exact.type', value: '5',
    },
    {
      id: 'SCHEMA-002', name: 'a `not` inside `any` is a number',
      manifests: [brokerManifest(), triggerManifest({ filters: [{ any: [{ not: 0 }] }] })], path: 'manifest#1', field: 'spec.filters[0].any[0].not', value: '0',
    },
    {
      id: 'SCHEMA-002', name: 'a `filter.attributes` value is a list',
      manifests: [brokerManifest(), triggerManifest({ filter: { attributes: { type: [] } } })], path: 'manifest#1', field: 'spec.filter.attributes.type', value: '[]',
    },
    {
      id: 'EVT-TRIGGER-008', name: 'the dependency annotation is not JSON',
      manifests: [brokerManifest(), triggerManifest({}, { annotations: { 'knative.dev/dependency': 'ping-source' } })],
      path: 'manifest#1', field: 'metadata.annotations["knative.dev/dependency"]', value: '"ping-source"',
    },
    {
      id: 'EVT-TRIGGER-008', name: 'the dependency annotation has no apiVersion',
      manifests: [brokerManifest(), triggerManifest({}, { annotations: { 'knative.dev/dependency': '{"kind":"PingSource","name":"nightly"}' } })],
      path: 'manifest#1', field: 'metadata.annotations["knative.dev/dependency"]', value: '"{\\"kind\\":\\"PingSource\\"',
    },
    {
      id: 'EVT-TRIGGER-009', name: 'the injection annotation is on a Trigger of a broker other than `default`',
      manifests: [brokerManifest(), triggerManifest({}, { annotations: { 'eventing.knative.dev/injection': 'enabled' } })],
      path: 'manifest#1', field: 'metadata.annotations["eventing.knative.dev/injection"]', value: '"enabled"',
    },
    {
      id: 'EVT-TRIGGER-009', name: 'the injection annotation is `true`',
      manifests: [brokerManifest({}, undefined, 'default'), triggerManifest({ broker: 'default' }, { annotations: { 'eventing.knative.dev/injection': 'true' } })],
      path: 'manifest#1', field: 'metadata.annotations["eventing.knative.dev/injection"]', value: '"true"',
    },
    {
      id: 'EVT-TRIGGER-010', name: 'the broker name is 64 characters',
      build: (c) => new Broker(c, 'broker', { name: `b${'x'.repeat(63)}` }).addTrigger('t', { subscriber: agent(c) }),
      path: 'test/broker/t', field: 'spec.broker', value: `"b${'x'.repeat(63)}"`,
    },
  ],
  passes: [
    { name: 'a default broker with a trigger', build: (c) => new Broker(c, 'broker').addTrigger('t', { subscriber: agent(c), filter: { type: 'dev.acme.order.placed', agentid: 'a1' } }) },
    { name: 'a broker name of 63 characters', build: (c) => new Broker(c, 'broker', { name: `b${'x'.repeat(62)}` }).addTrigger('t', { subscriber: agent(c) }) },
    {
      name: 'every filter dialect, valid CESQL with functions, IN, NOT LIKE, EXISTS',
      build: (c) => new Broker(c, 'broker').addTrigger('t', {
        subscriber: agent(c),
        filters: [
          EventFilter.all(EventFilter.prefix({ type: 'dev.acme.' }), EventFilter.suffix({ source: '/orders' })),
          EventFilter.any(EventFilter.exact({ type: 'a' }), EventFilter.not(EventFilter.exact({ type: 'b' }))),
          EventFilter.cesql("(type = 'a' OR type <> \"b\") AND NOT source LIKE '%/test/%' AND subject IN ('x', 'y') AND EXISTS agentid AND LENGTH(id) > 3 AND IS_INT(priority) AND priority * 2 >= -1"),
        ],
      }),
    },
    {
      name: 'null `filters` and `all` elements (the round trip writes the empty filter), a null value of a known nested key',
      manifests: [brokerManifest(), triggerManifest({ filters: [{ exact: { type: 'a' } }, null, { all: [null, { not: { exact: { type: 'b' }, cesql: null } }] }, { any: [{ prefix: { source: 'x' } }, null] }] })],
    },
    { name: 'a trigger of an existing broker, and an existing subscriber', build: (c) => Broker.fromBrokerName(c, 'shared', 'default').addTrigger('t', { subscriber: Sink.knativeService('legacy-agent') }) },
    { name: 'the injection annotation on a Trigger of `default`', manifests: [brokerManifest({}, undefined, 'default'), triggerManifest({ broker: 'default' }, { annotations: { 'eventing.knative.dev/injection': 'disabled' } })] },
    {
      name: 'a complete dependency annotation, and a brokerRef in another namespace with the flag Enabled',
      manifests: [
        { ...brokerManifest(), metadata: { name: 'events', namespace: 'shared' } },
        triggerManifest({ broker: undefined, brokerRef: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name: 'events', namespace: 'shared' } },
          { annotations: { 'knative.dev/dependency': '{"kind":"PingSource","name":"nightly","apiVersion":"sources.knative.dev/v1","namespace":"agents"}' } }),
      ],
      settings: { eventing: { features: { crossNamespaceEventLinks: FeatureState.ENABLED } } },
    },
  ],
};
