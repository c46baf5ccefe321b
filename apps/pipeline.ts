// Scenario 2: a multi-step research pipeline. Each step is a cluster-local
// agent (the default): only the Sequence's channels call them. The last
// step's report goes to a result handler.
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentKnativeService, AgentSequence, BackoffPolicy, ClusterProfile } from '../lib';

export function build(app: App): void {
  ClusterProfile.fromRepositoryConfig(app, 'cluster'); // cdk8s-agents.yaml
  const chart = new Chart(app, 'pipeline', { namespace: 'research' });

  const step = (name: string, timeout: Duration) => new AgentKnativeService(chart, name, {
    image: `ghcr.io/acme/${name}:1.0.0`,
    timeout,
    scaling: { maxScale: 5 },
    readinessProbe: kplus.Probe.fromHttpGet('/health'),
  });

  new AgentSequence(chart, 'research-pipeline', {
    steps: [
      step('web-search', Duration.seconds(60)),
      step('extract-info', Duration.seconds(120)),
      step('synthesize', Duration.seconds(300)),
      step('format-report', Duration.seconds(60)),
    ],
    reply: step('result-handler', Duration.seconds(30)),
    // Each step may call a model for minutes: allow it, then retry twice before giving up.
    delivery: { retry: 2, backoffPolicy: BackoffPolicy.EXPONENTIAL, backoffDelay: Duration.seconds(1), timeout: Duration.minutes(5) },
  });
}
