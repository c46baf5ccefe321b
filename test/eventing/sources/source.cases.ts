// Rule cases shared by every event source (EVT-SOURCE-*).
import { PingTrigger } from '../../../lib';
import { RuleCases } from '../../support/rule-cases';
import { agent, apiServerSource, kafkaSource, pingSource } from './fixtures';

export const CASES: RuleCases = {
  triggers: [
    { id: 'EVT-SOURCE-001', name: 'an extension name has a dash', build: (c) => new PingTrigger(c, 'nightly', { schedule: '0 2 * * *', sink: agent(c), extensions: { 'agent-id': 'a1' } }), path: 'test/nightly', field: 'spec.ceOverrides.extensions["agent-id"]', value: '"agent-id"' },
    { id: 'EVT-SOURCE-001', name: 'an extension name is empty', manifests: [kafkaSource({ ceOverrides: { extensions: { '': 'x' } } })], field: 'spec.ceOverrides.extensions[""]', value: '""' },
    { id: 'EVT-SOURCE-002', name: 'an extension is named `type`', build: (c) => new PingTrigger(c, 'nightly', { schedule: '0 2 * * *', sink: agent(c), extensions: { type: 'nightly' } }), path: 'test/nightly', field: 'spec.ceOverrides.extensions["type"]', value: '"type"' },
    { id: 'EVT-SOURCE-002', name: 'an extension is named `Source` (any case)', manifests: [apiServerSource({ ceOverrides: { extensions: { Source: 'x' } } })], field: 'spec.ceOverrides.extensions["Source"]', value: '"Source"' },
    { id: 'EVT-SOURCE-003', name: 'an extension name has an uppercase letter', build: (c) => new PingTrigger(c, 'nightly', { schedule: '0 2 * * *', sink: agent(c), extensions: { agentId: 'a1' } }), path: 'test/nightly', field: 'spec.ceOverrides.extensions["agentId"]', value: '"agentId"' },
    { id: 'EVT-SOURCE-004', name: 'the source name has an uppercase letter', build: (c) => new PingTrigger(c, 'Nightly', { schedule: '0 2 * * *', sink: agent(c) }), path: 'test/Nightly', field: 'metadata.name', value: '"Nightly"' },
    { id: 'META-001', name: 'a source named "" without generateName (no name: not EVT-SOURCE-004 too)', manifests: [pingSource({}, { name: '' })], field: 'metadata.name', value: '""' },
    { id: 'EVT-SOURCE-004', name: 'the source namespace has an underscore', manifests: [pingSource({}, { namespace: 'agents_prod' })], field: 'metadata.namespace', value: '"agents_prod"' },
  ],
  passes: [
    { name: 'a source named "" with a generateName (the API server generates the name; found by the oracle)', manifests: [pingSource({}, { name: '', generateName: 'tick-' })] },
    { name: 'an empty namespace (kubectl sends its context\'s)', manifests: [pingSource({}, { namespace: '' })] },
    { name: 'lowercase alphanumeric extensions and a dotted name', build: (c) => new PingTrigger(c, 'nightly', { name: 'nightly.report', schedule: '0 2 * * *', sink: agent(c), extensions: { team: 'support', agentid: 'a1', v2: 'x' } }) },
  ],
};
