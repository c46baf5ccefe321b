// Rule cases of EventPolicy (EVT-POLICY-*).
import { Broker, EventFilter, EventPolicy, EventPolicyFrom, FeatureState, PingTrigger, TransportEncryption } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { agent, OIDC, OIDC_SETTINGS, policyManifest, profile } from './fixtures';

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'EVT-POLICY-001', name: 'the cluster has authentication-oidc Disabled (the default)',
      build: (c) => {
        profile(c, { transportEncryption: TransportEncryption.STRICT });
        new EventPolicy(c, 'policy', { to: new Broker(c, 'broker'), from: [EventPolicyFrom.serviceAccount('web', 'shop')] });
      },
      path: 'test/policy', field: 'kind', value: '"EventPolicy"',
    },
    {
      id: 'EVT-POLICY-002', name: 'the cluster has transport-encryption Disabled',
      build: (c) => {
        profile(c, { eventingFeatures: { authenticationOidc: FeatureState.ENABLED } });
        new EventPolicy(c, 'policy', { to: new Broker(c, 'broker'), from: [EventPolicyFrom.serviceAccount('web', 'shop')] });
      },
      path: 'test/policy', field: 'kind', value: '"EventPolicy"',
    },
    { id: 'EVT-POLICY-003', name: 'a from entry sets ref and sub', manifests: [policyManifest({ from: [{ sub: 'a', ref: { apiVersion: 'v1', kind: 'x', name: 'y' } }] })], settings: OIDC_SETTINGS, field: 'spec.from[0]', value: '{"sub":"a"' },
    { id: 'EVT-POLICY-003', name: 'a from entry is empty', manifests: [policyManifest({ from: [{}] })], settings: OIDC_SETTINGS, field: 'spec.from[0]', value: '{}' },
    { id: 'EVT-POLICY-004', name: 'a from ref has no apiVersion', manifests: [policyManifest({ from: [{ ref: { kind: 'PingSource', name: 'nightly' } }] })], settings: OIDC_SETTINGS, field: 'spec.from[0].ref.apiVersion', value: 'null' },
    { id: 'EVT-POLICY-005', name: 'a to entry is empty', manifests: [policyManifest({ to: [{}] })], settings: OIDC_SETTINGS, field: 'spec.to[0]', value: '{}' },
    {
      id: 'EVT-POLICY-006', name: 'a sub has `*` in the middle',
      build: (c) => {
        profile(c, OIDC);
        new EventPolicy(c, 'policy', { to: new Broker(c, 'broker'), from: [EventPolicyFrom.subject('system:serviceaccount:*:web')] });
      },
      path: 'test/policy', field: 'spec.from[0].sub', value: '"system:serviceaccount:*:web"',
    },
    {
      id: 'EVT-POLICY-007', name: 'the policy protects an agent (Knative Serving does not enforce EventPolicies)',
      build: (c) => {
        profile(c, OIDC);
        new EventPolicy(c, 'policy', { to: agent(c), from: [EventPolicyFrom.namespace('shop')] });
      },
      path: 'test/policy', field: 'spec.to[0].ref.kind', value: '"Service"',
    },
    {
      id: 'EVT-POLICY-008', name: 'nothing is wired to the target and no from is given',
      build: (c) => {
        profile(c, OIDC);
        new EventPolicy(c, 'policy', { to: new Broker(c, 'broker') });
      },
      path: 'test/policy', field: 'spec.from', value: '[]',
    },
    {
      id: 'EVT-TRIGGER-004', name: 'an EventPolicy filter uses `Type`',
      build: (c) => {
        profile(c, OIDC);
        new EventPolicy(c, 'policy', { to: new Broker(c, 'broker'), from: [EventPolicyFrom.namespace('shop')], filters: [EventFilter.prefix({ Type: 'dev.acme.' })] });
      },
      path: 'test/policy', field: 'spec.filters[0].prefix["Type"]', value: '"Type"',
    },
    // The CRD keeps the nested filters and the selector's matchLabels as written; the strict decoder reads them.
    { id: 'SCHEMA-004', name: 'a nested `any` filter has an unknown key', manifests: [policyManifest({ filters: [{ any: [{ exakt: { type: 'a' } }] }] })], settings: OIDC_SETTINGS, field: 'spec.filters[0].any[0].exakt', value: '{"type":"a"}' },
    {
      id: 'SCHEMA-002', name: 'a to selector\'s matchLabels value is a number',
      manifests: [policyManifest({ to: [{ selector: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', matchLabels: { tier: 1 } } }] })], settings: OIDC_SETTINGS,
      field: 'spec.to[0].selector.matchLabels.tier', value: '1',
    },
  ],
  passes: [
    { name: 'a null filters element (the round trip writes the empty filter)', manifests: [policyManifest({ filters: [{ exact: { type: 'a' } }, null] })], settings: OIDC_SETTINGS },
    {
      name: 'a policy derived from the wiring (a PingTrigger into the broker)',
      build: (c) => {
        profile(c, OIDC);
        const broker = new Broker(c, 'broker');
        new PingTrigger(c, 'nightly', { schedule: '0 2 * * *', sink: broker });
        new EventPolicy(c, 'policy', { to: broker });
      },
    },
    {
      name: 'a sub with a trailing `*`, a filter, Permissive transport encryption',
      build: (c) => {
        profile(c, { ...OIDC, transportEncryption: TransportEncryption.PERMISSIVE });
        new EventPolicy(c, 'policy', { to: new Broker(c, 'broker'), from: [EventPolicyFrom.subject('system:serviceaccount:shop:*')], filters: [EventFilter.prefix({ type: 'dev.acme.' })] });
      },
    },
    {
      name: 'a policy on an agent, acknowledged as documentation',
      build: (c) => {
        profile(c, OIDC);
        new EventPolicy(c, 'policy', { to: agent(c), from: [EventPolicyFrom.namespace('shop')] }).acknowledge('EVT-POLICY-007', 'kept as documentation; the NetworkPolicy enforces it');
      },
    },
  ],
};
