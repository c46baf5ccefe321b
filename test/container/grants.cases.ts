// Triggers and near misses of the grant rules (GRANT-*): prop checks of the
// agents' grant… methods.
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentCronJob } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { cronAgent, IMAGE } from '../batch/fixtures';

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'GRANT-001', name: 'an agent that may create Jobs mounts no token',
      build: (c) => cronAgent(c, { mountServiceAccountToken: false }).grantCreateJobs(), path: 'test/cleanup (CronJob/cleanup)', field: 'mountServiceAccountToken', value: 'false',
    },
    {
      id: 'GRANT-002', name: 'a cluster-wide grant where no namespace is known',
      build: (c) => {
        const chart = new Chart(c.node.scope!, 'no-namespace');
        new AgentCronJob(chart, 'cleanup', { image: IMAGE, schedule: '@daily' }).grantClusterWide(['get'], kplus.ApiResource.NAMESPACES);
      },
      path: 'no-namespace/cleanup', field: 'grantClusterWide()', value: '(unset)',
    },
  ],
  passes: [
    { name: 'an agent granted rights, its token mounted by default', build: (c) => cronAgent(c).grantCreateJobs() },
    { name: 'an agent that mounts no token and has no grant', build: (c) => cronAgent(c, { mountServiceAccountToken: false }) },
    { name: 'a namespaced grant where no namespace is known', build: (c) => new AgentCronJob(new Chart(c.node.scope!, 'no-namespace'), 'cleanup', { image: IMAGE, schedule: '@daily' }).grantCreateJobs() },
  ],
};
