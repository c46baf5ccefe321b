// Scenario 2: a multi-step research pipeline. Each step is a cluster-local
// agent (the default): only the Sequence's channels call them. The last
// step's report goes to a result handler.
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentKnativeService, AgentSequence, BackoffPolicy, ClusterProfile, Invocation, SequenceStep } from '../lib';

export function build(app: App): void {
  ClusterProfile.fromRepositoryConfig(app, 'cluster'); // cdk8s-agents.yaml
  const chart = new Chart(app, 'pipeline', { namespace: 'research' });

  const agent = (name: string, timeout: Duration) => new AgentKnativeService(chart, name, {
    image: `ghcr.io/acme/${name}:1.0.0`,
    invocation: Invocation.webhook({ timeout }),
    scaling: { maxScale: 5 },
    readinessProbe: kplus.Probe.fromHttpGet('/health'),
  });
  // Each step may call a model for minutes: the channel waits as long as the step may take
  // to answer (its invocation; EVT-APP-006/007 check they agree), then retries twice.
  const step = (name: string, timeout: Duration) => SequenceStep.of(agent(name, timeout), {
    delivery: { retry: 2, backoffPolicy: BackoffPolicy.EXPONENTIAL, backoffDelay: Duration.seconds(1), timeout },
  });

  new AgentSequence(chart, 'research-pipeline', {
    steps: [
      step('web-search', Duration.seconds(60)),
      step('extract-info', Duration.seconds(120)),
      step('synthesize', Duration.seconds(300)),
      step('format-report', Duration.seconds(60)),
    ],
    reply: agent('result-handler', Duration.seconds(30)),
  });
}
