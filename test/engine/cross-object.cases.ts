// Triggers and near misses of the rules across the objects of an app (APP-*).
import { Construct } from 'constructs';
import { AgentKnativeService } from '../../lib';
import { IMAGE } from '../serving/fixtures';
import { RuleCases } from '../support/rule-cases';

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'APP-001', name: 'two wrappers each create an agent named `agent` in one namespace',
      build: (c) => { new AgentKnativeService(new Construct(c, 'team-a'), 'agent', { image: IMAGE }); new AgentKnativeService(new Construct(c, 'team-b'), 'agent', { image: IMAGE }); },
      path: 'test/team-b/agent', field: 'metadata.name', value: '"agent"',
    },
  ],
  passes: [
    {
      name: 'two wrappers each create an agent named `agent`, in two namespaces',
      build: (c) => { new AgentKnativeService(new Construct(c, 'team-a'), 'agent', { image: IMAGE }); new AgentKnativeService(new Construct(c, 'team-b'), 'agent', { image: IMAGE, namespace: 'tools' }); },
    },
  ],
};
