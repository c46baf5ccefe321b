// Scenario 3: fan-out. Every question goes to three research agents at once;
// their answers go to an aggregator. All agents are cluster-local.
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentKnativeService, AgentParallel, ClusterProfile } from '../lib';

export function build(app: App): void {
  ClusterProfile.fromRepositoryConfig(app, 'cluster'); // cdk8s-agents.yaml
  const chart = new Chart(app, 'fan-out', { namespace: 'research' });

  const agent = (name: string) => new AgentKnativeService(chart, name, {
    image: `ghcr.io/acme/${name}:1.0.0`,
    timeout: Duration.seconds(120),
    scaling: { maxScale: 10 },
    readinessProbe: kplus.Probe.fromHttpGet('/health'),
  });

  new AgentParallel(chart, 'research-fan-out', {
    branches: [
      { subscriber: agent('search-web') },
      { subscriber: agent('query-database'), delivery: { retry: 3 } },
      { subscriber: agent('call-api'), delivery: { retry: 3 } },
    ],
    reply: agent('aggregator'),
  });
}
