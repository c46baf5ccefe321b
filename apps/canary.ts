// Scenario 7: a canary. The template is revision v2; 90 % of traffic stays on
// v1, 10 % goes to v2, which also gets its own URL under the `canary` tag.
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentKnativeService, ClusterProfile } from '../lib';

export function build(app: App): void {
  ClusterProfile.fromRepositoryConfig(app, 'cluster'); // cdk8s-agents.yaml
  const chart = new Chart(app, 'canary', { namespace: 'agents' });

  new AgentKnativeService(chart, 'support-agent', {
    image: 'ghcr.io/acme/support-agent:2.0.0',
    revisionName: 'support-agent-v2',
    traffic: [
      { revisionName: 'support-agent-v1', percent: 90, tag: 'stable' },
      { revisionName: 'support-agent-v2', percent: 10, tag: 'canary' },
    ],
    containerConcurrency: 4,
    timeout: Duration.seconds(120),
    scaling: { minScale: 1, maxScale: 5 },
    readinessProbe: kplus.Probe.fromHttpGet('/health'),
  });
}
