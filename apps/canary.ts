// Scenario 7: a canary, seed 003's 10 -> 50 -> 100. The template is revision
// v2; 90 % of traffic stays on v1, 10 % goes to v2, each with its own URL
// under its tag (`stable`, `canary`). The next step is a commit:
// `cdk8s-agents rollout next agents/support-agent --source apps/canary.ts --write`.
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentKnativeService, ClusterProfile, Rollout } from '../lib';

export function build(app: App): void {
  ClusterProfile.fromRepositoryConfig(app, 'cluster'); // cdk8s-agents.yaml
  const chart = new Chart(app, 'canary', { namespace: 'agents' });

  new AgentKnativeService(chart, 'support-agent', {
    image: 'ghcr.io/acme/support-agent:2.0.0',
    rollout: Rollout.canary({ from: 'support-agent-v1', to: 'support-agent-v2', percent: 10 }),
    containerConcurrency: 4,
    timeout: Duration.seconds(120),
    scaling: { minScale: 1, maxScale: 5 },
    readinessProbe: kplus.Probe.fromHttpGet('/health'),
  });
}
