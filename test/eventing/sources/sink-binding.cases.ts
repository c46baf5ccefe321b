// Rule cases of SinkBinding (EVT-BINDING-*), from agent.publishTo and hand-written YAML.
import { AgentCronJob, AgentJob, Broker, ScaleTrigger, SinkBinding } from '../../../lib';
import { RuleCases } from '../../support/rule-cases';
import { agent, brokerManifest, IMAGE } from '../fixtures';

const binding = (spec: Record<string, unknown> = {}, namespace: string | undefined = 'agents', name = 'triage-publishes') => ({
  apiVersion: 'sources.knative.dev/v1', kind: 'SinkBinding', metadata: { name, ...(namespace ? { namespace } : {}) },
  spec: { subject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'triage' }, sink: { ref: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name: 'events' } }, ...spec },
});
const deployment = (name = 'triage') => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'agents' },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'agent', image: IMAGE, resources: { requests: { cpu: '100m' }, limits: { cpu: '1' } } }] } } },
});
const world = [deployment(), brokerManifest()];
const jobsOf = (app: string) => ({ subject: { apiVersion: 'batch/v1', kind: 'Job', selector: { matchLabels: { app } } } });
/** A CronJob whose Jobs carry `app: <jobs>` (its job template's labels) and whose pods carry `app: <pods>`. */
const cronJob = (jobs: string, pods = jobs, namespace = 'agents') => ({
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: jobs, namespace },
  spec: { schedule: '0 3 * * *', jobTemplate: { metadata: { labels: { app: jobs } }, spec: { template: { metadata: { labels: { app: pods } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: IMAGE, resources: { requests: { cpu: '100m' }, limits: { cpu: '1' } } }] } } } } },
});
const deploymentsOf = (selector: object) => ({ subject: { apiVersion: 'apps/v1', kind: 'Deployment', selector } });

export const CASES: RuleCases = {
  triggers: [
    { id: 'EVT-BINDING-001', name: 'the subject has no kind', manifests: [binding({ subject: { apiVersion: 'apps/v1', name: 'triage' } }), ...world], field: 'spec.subject', value: '{"apiVersion":"apps/v1"' },
    {
      id: 'EVT-BINDING-001', name: 'the subject has both a name and a selector',
      manifests: [binding({ subject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'triage', selector: { matchLabels: { app: 'triage' } } } }), ...world], field: 'spec.subject', value: '["name","selector"]',
    },
    { id: 'EVT-BINDING-001', name: 'the subject has neither a name nor a selector', manifests: [binding({ subject: { apiVersion: 'apps/v1', kind: 'Deployment' } }), ...world], field: 'spec.subject', value: '{"apiVersion"' },
    { id: 'EVT-BINDING-002', name: 'the subject name has an uppercase letter', manifests: [binding({ subject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'Triage' } }), brokerManifest()], field: 'spec.subject.name', value: '"Triage"', also: ['EVT-BINDING-005'] },
    { id: 'EVT-BINDING-002', name: 'the subject apiVersion has an empty group', manifests: [binding({ subject: { apiVersion: '/v1', kind: 'Deployment', name: 'triage' } }), brokerManifest()], field: 'spec.subject.apiVersion', value: '"/v1"', also: ['EVT-BINDING-005'] },
    { id: 'EVT-BINDING-002', name: 'the subject apiVersion has a version part over 63 characters', manifests: [binding({ subject: { apiVersion: `apps/${'v'.repeat(64)}`, kind: 'Deployment', name: 'triage' } }), brokerManifest()], field: 'spec.subject.apiVersion', value: JSON.stringify(`apps/${'v'.repeat(64)}`), also: ['EVT-BINDING-005'] },
    { id: 'EVT-BINDING-002', name: 'the subject kind is not a C identifier', manifests: [binding({ subject: { apiVersion: 'apps/v1', kind: 'Deploy-ment', name: 'triage' } }), brokerManifest()], field: 'spec.subject.kind', value: '"Deploy-ment"', also: ['EVT-BINDING-005'] },
    {
      id: 'EVT-BINDING-002', name: 'the subject selector uses the operator Equals',
      manifests: [binding({ subject: { apiVersion: 'batch/v1', kind: 'Job', selector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['a'] }] } } }), ...world], field: 'spec.subject.selector.matchExpressions[0].operator', value: '"Equals"',
    },
    {
      id: 'EVT-BINDING-002', name: 'a null selector expression (the round trip writes an empty one: "" is not an operator), not SCHEMA-002',
      manifests: [binding({ subject: { apiVersion: 'batch/v1', kind: 'Job', selector: { matchExpressions: [null] } } }), brokerManifest()],
      field: 'spec.subject.selector.matchExpressions[0].key', value: '""',
    },
    { id: 'EVT-BINDING-002', name: 'a selector key with a space, its value null (the key is kept: the webhook decodes null as "")', manifests: [binding({ subject: { apiVersion: 'batch/v1', kind: 'Job', selector: { matchLabels: { 'a b': null } } } }), brokerManifest()], field: 'spec.subject.selector.matchLabels key', value: '"a b"' },
    { id: 'SCHEMA-002', name: 'a selector value is a number (the decoder refuses it; not EVT-BINDING-002 too)', manifests: [binding({ subject: { apiVersion: 'batch/v1', kind: 'Job', selector: { matchLabels: { app: 5 } } } }), brokerManifest()], field: 'spec.subject.selector.matchLabels.app', value: '5' },
    {
      id: 'EVT-BINDING-003', name: 'the subject is in another namespace',
      manifests: [binding({ subject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'triage', namespace: 'other' } }), ...world], field: 'spec.subject.namespace', value: '"other"', also: ['EVT-BINDING-005'],
    },
    {
      id: 'EVT-BINDING-003', name: 'publishTo with a namespace other than the agent\'s',
      build: (c) => agent(c, 'triage').publishTo(new Broker(c, 'events'), { namespace: 'other' }), path: 'test/triage/PublishesTo', field: 'spec.subject.namespace', value: '"agents"',
    },
    {
      id: 'EVT-BINDING-004', name: 'the subject is a CronJob',
      manifests: [binding({ subject: { apiVersion: 'batch/v1', kind: 'CronJob', name: 'cleanup' } }), brokerManifest(), { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cleanup', namespace: 'agents' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: IMAGE }] } } } } } }],
      field: 'spec.subject.kind', value: '"CronJob"',
    },
    { id: 'EVT-BINDING-005', name: 'the subject Deployment is not in the app', manifests: [binding(), brokerManifest()], field: 'spec.subject.name', value: '"triage"' },
    {
      id: 'EVT-BINDING-006', name: 'an agent publishes to two sinks',
      build: (c) => {
        const a = agent(c, 'triage');
        a.publishTo(new Broker(c, 'events'));
        a.publishTo(new Broker(c, 'audit'));
      },
      path: 'test/triage/PublishesTo2', field: 'spec.subject.name', value: '"triage"',
    },
    { id: 'EVT-BINDING-006', name: 'two hand-written SinkBindings bind one Deployment', manifests: [binding(), binding({}, 'agents', 'second'), ...world], path: 'manifest#1', field: 'spec.subject.name', value: '"triage"' },
    {
      id: 'EVT-BINDING-006', name: 'two hand-written SinkBindings bind the Jobs of one selector',
      manifests: [binding(jobsOf('cleanup')), binding(jobsOf('cleanup'), 'agents', 'second'), brokerManifest(), cronJob('cleanup')], path: 'manifest#1', field: 'spec.subject.selector', value: '{"matchLabels":{"app":"cleanup"}}',
    },
    {
      id: 'EVT-BINDING-007', name: 'a selector of Jobs matches the pod template of a CronJob, not its job template (the Jobs\' own labels)',
      manifests: [binding(jobsOf('cleanup')), brokerManifest(), cronJob('nightly', 'cleanup')], field: 'spec.subject.selector', value: '{"matchLabels":{"app":"cleanup"}}',
    },
    {
      id: 'EVT-BINDING-007', name: 'a selector of Deployments matches a Deployment\'s pod template, not the Deployment\'s own labels',
      manifests: [binding(deploymentsOf({ matchLabels: { app: 'triage' } })), ...world], field: 'spec.subject.selector', value: '{"matchLabels":{"app":"triage"}}',
    },
    {
      id: 'EVT-BINDING-007', name: 'a selector of Jobs by expression matches only a CronJob of another namespace',
      manifests: [binding(jobsOf('x')), brokerManifest(), { ...binding({ subject: { apiVersion: 'batch/v1', kind: 'Job', selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['cleanup'] }] } } }, 'agents', 'by-expression') }, cronJob('x'), cronJob('cleanup', 'cleanup', 'tools')],
      path: 'manifest#2', field: 'spec.subject.selector', value: '{"matchExpressions":[{"key":"app","operator":"In","values":["cleanup"]}]}',
    },
    {
      id: 'EVT-BINDING-004', name: 'the subject is a ScaledJob (bind its Jobs by scaledjob.keda.sh/name)',
      manifests: [binding({ subject: { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', name: 'research' } }), brokerManifest()], field: 'spec.subject.kind', value: '"ScaledJob"', also: ['EVT-BINDING-005'],
    },
    { id: 'EVT-SOURCE-001', name: 'a SinkBinding extension name has a dash', manifests: [binding({ ceOverrides: { extensions: { 'agent-id': 'x' } } }), ...world], field: 'spec.ceOverrides.extensions["agent-id"]', value: '"agent-id"' },
  ],
  passes: [
    { name: 'agent.publishTo(broker) with event types and extensions', build: (c) => agent(c, 'triage').publishTo(new Broker(c, 'events'), { eventTypes: ['dev.acme.ticket.triaged'], extensions: { team: 'support' } }) },
    { name: 'a SinkBinding construct for an agent, in the agent\'s namespace', build: (c) => new SinkBinding(c, 'binding', { subject: agent(c, 'triage', { namespace: 'tools' }), sink: new Broker(c, 'events', { namespace: 'tools' }) }) },
    { name: 'a hand-written SinkBinding of a Deployment in the app', manifests: [binding(), ...world] },
    { name: 'a SinkBinding without namespace (the webhook defaults the subject\'s)', manifests: [binding({}, undefined), ...world] },
    { name: 'Jobs bound by selector (a CronJob\'s jobs, by its job template\'s labels): nothing to find by name', manifests: [binding({ subject: { apiVersion: 'batch/v1', kind: 'Job', selector: { matchLabels: { app: 'cleanup' } } } }), brokerManifest(), cronJob('cleanup', 'pods')] },
    { name: 'two SinkBindings of the Jobs of two selectors', manifests: [binding(jobsOf('cleanup')), binding(jobsOf('refresh'), 'agents', 'second'), brokerManifest(), cronJob('cleanup'), cronJob('refresh')] },
    { name: 'one selector in two namespaces', manifests: [binding(jobsOf('cleanup')), binding(jobsOf('cleanup'), 'tools', 'second'), brokerManifest(), { ...brokerManifest(), metadata: { name: 'events', namespace: 'tools' } }, cronJob('cleanup'), cronJob('cleanup', 'cleanup', 'tools')] },
    { name: 'a selector of Deployments by expression matching a Deployment\'s own labels', manifests: [binding(deploymentsOf({ matchExpressions: [{ key: 'team', operator: 'Exists' }] })), brokerManifest(), { ...deployment(), metadata: { name: 'triage', namespace: 'agents', labels: { team: 'support' } } }] },
    { name: 'a selector of Jobs matching a hand-written Job\'s own labels', manifests: [binding(jobsOf('once')), brokerManifest(), { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once', namespace: 'agents', labels: { app: 'once' } }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: IMAGE, resources: { requests: { cpu: '100m' }, limits: { cpu: '1' } } }] } } } }] },
    { name: 'AgentCronJob.publishTo: its Jobs by its job template\'s labels', build: (c) => new AgentCronJob(c, 'research', { image: IMAGE, schedule: '0 3 * * *' }).publishTo(new Broker(c, 'events')) },
    {
      name: 'AgentJob.publishTo: a ScaledJob\'s Jobs by scaledjob.keda.sh/name',
      build: (c) => new AgentJob(c, 'research', { image: IMAGE, triggers: [ScaleTrigger.kafka({ bootstrapServers: ['kafka.data:9092'], consumerGroup: 'research', topic: 'requests', lagThreshold: 1 })] }).publishTo(new Broker(c, 'events')),
    },
    {
      name: 'a selector value written as null (the webhook decodes it as "", a valid label value) matching a Job labelled ""',
      manifests: [binding({ subject: { apiVersion: 'batch/v1', kind: 'Job', selector: { matchLabels: { app: 'once', tier: null } } } }), brokerManifest(), { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once', namespace: 'agents', labels: { app: 'once', tier: '' } }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: IMAGE, resources: { requests: { cpu: '100m' }, limits: { cpu: '1' } } }] } } } }],
    },
    { name: 'two SinkBindings of two Deployments', manifests: [binding(), binding({ subject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'other' } }, 'agents', 'other'), ...world, deployment('other')] },
  ],
};
