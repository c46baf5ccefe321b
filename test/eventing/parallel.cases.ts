// Rule cases of AgentParallel (EVT-FLOW-*).
import { AgentParallel, Visibility } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { agent, parallelManifest } from './fixtures';

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'EVT-FLOW-002', name: 'a Parallel channel template has no kind',
      manifests: [parallelManifest({ channelTemplate: { apiVersion: 'messaging.knative.dev/v1' } })], field: 'spec.channelTemplate.kind', value: 'null',
    },
    { id: 'EVT-FLOW-003', name: 'a Parallel has no branches', build: (c) => new AgentParallel(c, 'fan-out', { branches: [] }), path: 'test/fan-out', field: 'spec.branches', value: '[]' },
    {
      id: 'SCHEMA-004', name: 'a Parallel branch has `subscribers` (kept by the CRD, refused by the strict decoder)',
      manifests: [parallelManifest({ branches: [{ subscriber: { uri: 'http://a.agents.svc' }, subscribers: [] }] })], field: 'spec.branches[0].subscribers', value: '[]',
    },
    {
      id: 'EVT-FLOW-006', name: 'a public agent is a Parallel branch',
      build: (c) => new AgentParallel(c, 'fan-out', { branches: [{ subscriber: agent(c, 'search', { visibility: Visibility.PUBLIC }) }] }),
      path: 'test/fan-out', field: 'spec.branches[0].subscriber.ref.name', value: '"search"',
    },
    {
      id: 'EVT-DEST-001', name: 'a Parallel branch has no subscriber',
      manifests: [parallelManifest({ branches: [{ filter: { uri: 'http://f.agents.svc' } }] })], field: 'spec.branches[0].subscriber', value: 'null',
    },
  ],
  passes: [
    {
      name: 'a Parallel with filters, branch replies and delivery',
      build: (c) => new AgentParallel(c, 'fan-out', {
        branches: [{ subscriber: agent(c, 'a'), filter: agent(c, 'only-web'), reply: agent(c, 'r'), delivery: { retry: 1 } }, { subscriber: agent(c, 'b') }],
        reply: agent(c, 'aggregator'),
      }),
    },
  ],
};
