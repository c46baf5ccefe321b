import * as path from 'path';
import { App, Chart, Testing, Yaml } from 'cdk8s';
import { AgentSequence, Broker, EventFilter, EventPolicy, EventPolicyFrom, JobSink, PingTrigger, Sink } from '../../lib';
import { FindingList } from '../../lib/engine/rule';
import { settingsFromConfigMaps } from '../../lib/settings/configmaps';
import { resolveClusterSettings } from '../../lib/settings/settings';
import { validateManifests } from '../../lib/validation';
import { validateEventPolicy } from '../../lib/eventing/event-policy.validator';
import { synthErrors } from '../support/rule-cases';
import { agent, GARBAGE, IMAGE, OIDC, OIDC_SETTINGS, policyManifest, profile, runValidator } from './fixtures';

function setup(): { app: App; chart: Chart } {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: 'agents' });
  profile(chart, OIDC);
  return { app, chart };
}
const policyOf = (chart: Chart) => Testing.synth(chart).find((o) => o.kind === 'EventPolicy');

describe('EventPolicy', () => {
  test('snapshot: a policy derived from the wiring plus a service account', () => {
    const { chart } = setup();
    const broker = new Broker(chart, 'events');
    new PingTrigger(chart, 'nightly', { schedule: '0 2 * * *', sink: broker });
    new AgentSequence(chart, 'pipeline', { steps: [agent(chart)], reply: broker });
    new EventPolicy(chart, 'events-senders', { to: broker, from: [EventPolicyFrom.serviceAccount('web', 'shop')] });
    expect(policyOf(chart)).toMatchSnapshot();
  });

  test('GIVEN senders wired after the policy WHEN synthesized THEN they are allowed too (read at synth)', () => {
    const { chart } = setup();
    const broker = new Broker(chart, 'events');
    new EventPolicy(chart, 'p', { to: broker });
    new PingTrigger(chart, 'nightly', { schedule: '0 2 * * *', sink: broker });
    expect(policyOf(chart).spec.from).toEqual([{ ref: { apiVersion: 'sources.knative.dev/v1', kind: 'PingSource', name: 'nightly', namespace: 'agents' } }]);
  });

  test('wiredSenders: false lists only `from`; duplicates collapse', () => {
    const { chart } = setup();
    const sink = new JobSink(chart, 'jobs', { image: IMAGE });
    new Broker(chart, 'events').addTrigger('t', { subscriber: sink });
    new EventPolicy(chart, 'p', { to: sink, wiredSenders: false, from: [EventPolicyFrom.namespace('shop'), EventPolicyFrom.namespace('shop'), EventPolicyFrom.subject('system:serviceaccount:ops:cron')] });
    expect(policyOf(chart).spec).toEqual({
      to: [{ ref: { apiVersion: 'sinks.knative.dev/v1alpha1', kind: 'JobSink', name: 'jobs' } }],
      from: [{ sub: 'system:serviceaccount:shop:*' }, { sub: 'system:serviceaccount:ops:cron' }],
    });
  });

  test('filters render in the subscriptions-API form; a ref sender keeps its namespace', () => {
    const { chart } = setup();
    new EventPolicy(chart, 'p', {
      to: new Broker(chart, 'events'),
      from: [EventPolicyFrom.ref({ apiVersion: 'sources.knative.dev/v1', kind: 'ApiServerSource', name: 'pods', namespace: 'ops' })],
      filters: [EventFilter.prefix({ type: 'dev.knative.apiserver.' })],
    });
    expect(policyOf(chart).spec).toEqual({
      to: [{ ref: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name: 'events' } }],
      from: [{ ref: { apiVersion: 'sources.knative.dev/v1', kind: 'ApiServerSource', name: 'pods', namespace: 'ops' } }],
      filters: [{ prefix: { type: 'dev.knative.apiserver.' } }],
    });
  });

  test('lives in the namespace of its target', () => {
    const { chart } = setup();
    new EventPolicy(chart, 'p', { to: Sink.knativeService('x', { namespace: 'other' }), from: [EventPolicyFrom.namespace('shop')] }).acknowledge('EVT-POLICY-007', 'doc');
    expect(policyOf(chart).metadata).toEqual({ name: 'p', namespace: 'other' });
  });

  test('fails on a default cluster, naming both flags and the ConfigMap', () => {
    const lines = synthErrors((c) => new EventPolicy(c, 'p', { to: new Broker(c, 'events'), from: [EventPolicyFrom.namespace('shop')] }));
    expect(lines).toEqual([
      'error [EVT-POLICY-001] test/p: kind = "EventPolicy": the cluster has authentication-oidc: "Disabled" in ConfigMap knative-eventing/config-features. Fix: set `authentication-oidc: "Enabled"` in the config-features ConfigMap of knative-eventing and declare it (ClusterProfile `eventingFeatures.authenticationOidc`), or remove the EventPolicy',
      expect.stringMatching(/^error \[EVT-POLICY-002\] test\/p: kind = "EventPolicy": the cluster has transport-encryption: "Disabled" in ConfigMap knative-eventing\/config-features\./),
    ]);
  });

  test('fails if `to` is not a sink that records senders (PROPS-001)', () => {
    expect(synthErrors((c) => new EventPolicy(c, 'p', { to: Sink.uri('http://x') as any }))).toEqual([expect.stringMatching(/^error \[PROPS-001\] test\/p: to = /)]);
  });
});

describe('EventPolicy validator (hand-written manifests, as `cdk8s-agents check` sees them)', () => {
  test('OIDC and transport encryption are checked against the settings', () => {
    expect(runValidator(validateEventPolicy, policyManifest())).toEqual(['EVT-POLICY-001 kind', 'EVT-POLICY-002 kind']);
    expect(runValidator(validateEventPolicy, policyManifest(), resolveClusterSettings(OIDC_SETTINGS))).toEqual([]);
  });

  test('never throws on garbage', () => {
    for (const m of GARBAGE) expect(() => runValidator(validateEventPolicy, m)).not.toThrow();
  });
});

describe('checking the committed dist/ of scenario 5 as hand-written YAML', () => {
  const objects: unknown[] = Yaml.load(path.join(__dirname, '..', '..', 'dist', 'event-routing', 'event-routing.k8s.yaml'));
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
