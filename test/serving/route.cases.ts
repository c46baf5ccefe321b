// Triggers and near misses of the Route rules (KROUTE-*), and of the
// metadata and traffic rules a Route shares with a Service (KSVC-META-*,
// KSVC-TRAFFIC-*, KCFG-META-001), on hand-written YAML.
import { ApiObject, ApiObjectProps } from 'cdk8s';
import { RuleCases } from '../support/rule-cases';
import { configuration, ownedBy } from './configuration.cases';
import { agent } from './fixtures';

type Fields = Record<string, unknown>;

/** A hand-written Route `triage` in namespace `agents` with these traffic targets. */
export function route(traffic: unknown, metadata: Fields = {}): Fields {
  return { apiVersion: 'serving.knative.dev/v1', kind: 'Route', metadata: { name: 'triage', namespace: 'agents', ...metadata }, spec: { traffic } };
}

/** 100 % to the latest ready revision of the Configuration `triage` (in the same manifests). */
const LATEST = [{ configurationName: 'triage', percent: 100 }];
/** A Route to the Configuration `triage`, which is checked with it. */
const withConfig = (traffic: unknown, metadata: Fields = {}) => [route(traffic, metadata), configuration()];

export const CASES: RuleCases = {
  triggers: [
    // --- KROUTE-TRAFFIC-001: exactly one of revisionName and configurationName
    {
      id: 'KROUTE-TRAFFIC-001', name: 'a Route target names a revision and a configuration',
      manifests: withConfig([{ revisionName: 'triage-00001', configurationName: 'triage', percent: 100 }]),
      field: 'spec.traffic[0]', value: '{"revisionName":"triage-00001","configurationName":"triage"}',
    },
    {
      id: 'KROUTE-TRAFFIC-001', name: 'a Route target names neither (a Route has no default configuration)',
      manifests: [route([{ tag: 'current', percent: 100 }])], field: 'spec.traffic[0]', value: '{"tag":"current"}',
    },

    // --- KROUTE-REF-001: the named Configuration exists
    {
      id: 'KROUTE-REF-001', name: 'the Configuration a Route names is not in the app (closed world)',
      manifests: [route([{ configurationName: 'triage', percent: 100 }])], field: 'spec.traffic[0].configurationName', value: '"triage"',
    },
    {
      id: 'KROUTE-REF-001', name: 'the Configuration of that name is in another namespace',
      manifests: [route([{ configurationName: 'triage', percent: 100 }]), configuration({ namespace: 'tools' })], field: 'spec.traffic[0].configurationName', value: '"triage"',
    },
    {
      id: 'REF-001', name: 'the Configuration a Route names is not among the checked files (open world)',
      manifests: [route([{ configurationName: 'triage', percent: 100 }])], openWorld: true, field: 'spec.traffic[0].configurationName', value: '"triage"',
    },

    // --- the traffic list, as a Service's
    {
      id: 'KSVC-TRAFFIC-001', name: 'a Route percent is negative',
      manifests: withConfig([{ configurationName: 'triage', percent: -5 }, { revisionName: 'triage-00001', percent: 100 }, { revisionName: 'triage-00002', percent: 5 }]),
      field: 'spec.traffic[0].percent', value: '-5',
    },
    {
      id: 'KSVC-TRAFFIC-002', name: 'a Route has no traffic targets (none is defaulted, unlike a Service\'s)',
      manifests: [route([])], field: 'spec.traffic', value: '[]',
    },
    {
      id: 'KSVC-TRAFFIC-002', name: 'a Route has no spec', manifests: [{ ...route(undefined), spec: {} }], field: 'spec.traffic', value: '[]',
    },
    {
      id: 'KSVC-TRAFFIC-002', name: 'a Route target without percent counts 0',
      manifests: withConfig([{ configurationName: 'triage' }, { revisionName: 'triage-00001', percent: 90 }]), field: 'spec.traffic', value: '[0,90]',
    },
    {
      id: 'KSVC-TRAFFIC-003', name: 'a Route tag has an `@`',
      manifests: withConfig([{ configurationName: 'triage', percent: 100, tag: 'foo@' }]), field: 'spec.traffic[0].tag', value: '"foo@"',
    },
    {
      id: 'KSVC-TRAFFIC-004', name: 'two Route targets share a tag',
      manifests: withConfig([{ revisionName: 'triage-00001', percent: 50, tag: 'foo' }, { configurationName: 'triage', percent: 50, tag: 'foo' }]),
      field: 'spec.traffic[1].tag', value: '"foo"',
    },
    {
      id: 'KSVC-TRAFFIC-005', name: 'a Route target to a configuration says latestRevision false',
      manifests: withConfig([{ configurationName: 'triage', latestRevision: false, percent: 100 }]), field: 'spec.traffic[0]', value: '{"latestRevision":false}',
    },
    {
      id: 'KSVC-TRAFFIC-005', name: 'a Route target pins a revision and says latestRevision true',
      manifests: [route([{ revisionName: 'triage-00001', latestRevision: true, percent: 100 }])], field: 'spec.traffic[0]', value: '{"revisionName":"triage-00001","latestRevision":true}',
    },
    {
      id: 'KSVC-TRAFFIC-006', name: 'a Route configurationName has a space',
      manifests: [route([{ configurationName: 'b ar', percent: 100 }])], field: 'spec.traffic[0].configurationName', value: '"b ar"',
    },
    {
      id: 'KSVC-TRAFFIC-006', name: 'a Route revisionName has a space',
      manifests: [route([{ revisionName: 'b ar', percent: 100 }])], field: 'spec.traffic[0].revisionName', value: '"b ar"',
    },
    {
      id: 'KSVC-TRAFFIC-007', name: 'the tag hostname `<tag>-<route>` of a Route is 64 characters',
      manifests: withConfig([{ configurationName: 'triage', percent: 100, tag: 'canary-for-the-new-model-of-the-platform-team-at-acme-cor' }]),
      field: 'spec.traffic[0].tag', value: '"canary-for-the-new-model-of-the-platform-team-at-acme-cor"',
    },
    {
      id: 'KSVC-TRAFFIC-008', name: 'a Route target sets url in spec',
      manifests: withConfig([{ configurationName: 'triage', percent: 100, tag: 'current', url: 'http://current-triage.agents.example.com' }]),
      field: 'spec.traffic[0].url', value: '"http://current-triage.agents.example.com"',
    },

    // --- metadata, as a Service's
    { id: 'KSVC-NAME-001', name: 'a Route name has dots', manifests: withConfig(LATEST, { name: 'do.not.use.dots' }), field: 'metadata.name', value: '"do.not.use.dots"' },
    {
      id: 'KSVC-META-002', name: 'a Route rollout duration is prose',
      manifests: withConfig(LATEST, { annotations: { 'serving.knative.dev/rollout-duration': 'three hours and seventeen seconds' } }),
      field: 'metadata.annotations["serving.knative.dev/rollout-duration"]', value: '"three hours and seventeen seconds"',
    },
    {
      id: 'KSVC-NAME-004', name: 'a Route namespace has an uppercase letter (the near miss: an empty one is none)',
      manifests: [route(LATEST, { namespace: 'Agents' }), configuration({ namespace: 'Agents' })], field: 'metadata.namespace', value: '"Agents"',
    },
    {
      id: 'KSVC-META-003', name: 'a Route visibility label is `my-visibility`',
      manifests: withConfig(LATEST, { labels: { 'networking.knative.dev/visibility': 'my-visibility' } }),
      field: 'metadata.labels["networking.knative.dev/visibility"]', value: '"my-visibility"',
    },
    {
      id: 'KSVC-META-006', name: 'a Route of its own carries the lastModifier annotation',
      manifests: withConfig(LATEST, { annotations: { 'serving.knative.dev/lastModifier': 'bob' } }), field: 'metadata.annotations["serving.knative.dev/lastModifier"]', value: '"bob"',
    },
    {
      id: 'KCFG-META-001', name: 'a Route carries the service label without an owner',
      manifests: withConfig(LATEST, { labels: { 'serving.knative.dev/service': 'absent-svc' } }), field: 'metadata.labels["serving.knative.dev/service"]', value: '"absent-svc"',
    },
  ],
  passes: [
    { name: 'a Route to the latest revision of a Configuration in the app', manifests: withConfig(LATEST) },
    { name: 'a Route to the Configuration of a Knative Service in the app (synth)', build: (c) => { agent(c, {}, 'triage'); new ApiObject(c, 'route', route(LATEST, { namespace: undefined }) as unknown as ApiObjectProps); } },
    {
      name: 'a split with tags: a pinned revision of any name (a Route of its own may route to any Revision) and a configuration',
      manifests: withConfig([{ tag: 'prod', revisionName: 'foo', percent: 90 }, { tag: 'experiment', configurationName: 'triage', latestRevision: true, percent: 10 }]),
    },
    { name: 'a pinned revision with latestRevision false, and a target without percent', manifests: withConfig([{ revisionName: 'triage-00001', latestRevision: false, percent: 100 }, { configurationName: 'triage' }]) },
    { name: 'percents of 0 and 100', manifests: withConfig([{ revisionName: 'triage-00001', percent: 0 }, { configurationName: 'triage', percent: 100 }]) },
    { name: 'an empty tag, url and revisionName are unset', manifests: withConfig([{ configurationName: 'triage', percent: 100, tag: '', url: '', revisionName: '' }]) },
    { name: 'the named Configuration declared external', manifests: [route(LATEST, { annotations: { 'agents.cdk8s.io/external-refs': 'Configuration/triage' } })] },
    { name: 'the named Configuration provided by the platform (open world, no REF-001 needed when declared)', manifests: [route(LATEST, { annotations: { 'agents.cdk8s.io/external-refs': 'Configuration/agents/triage' } })], openWorld: true },
    { name: 'a Route without namespace to a Configuration of any namespace', manifests: [route(LATEST, { namespace: undefined }), configuration({ namespace: 'tools' })] },
    { name: 'a rollout duration in whole seconds', manifests: withConfig(LATEST, { annotations: { 'serving.knative.dev/rollout-duration': '123s' } }) },
    { name: 'the cluster-local visibility label', manifests: withConfig(LATEST, { labels: { 'networking.knative.dev/visibility': 'cluster-local' } }) },
    {
      name: 'a Service-owned Route with its service label and creator annotations',
      manifests: withConfig(LATEST, { labels: { 'serving.knative.dev/service': 'triage' }, annotations: { 'serving.knative.dev/creator': 'alice' }, ownerReferences: [ownedBy('triage')] }),
    },
    { name: 'a tag hostname of exactly 63 characters', manifests: withConfig([{ configurationName: 'triage', percent: 100, tag: 'canary-for-the-new-model-of-the-platform-team-at-acme-co' }]) },
    {
      name: 'an empty namespace is none: the request\'s namespace is used (the oracle found it)',
      manifests: [route(LATEST, { namespace: '' }), configuration({ namespace: null })],
    },
    {
      name: 'a null label or annotation value is "" once decoded, a valid value (the oracle found it)',
      manifests: withConfig(LATEST, { labels: { team: null }, annotations: { 'example.com/note': null } }),
    },
  ],
};
