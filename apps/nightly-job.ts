// Scenario 9: a nightly job. A PingSource wakes the report agent at 02:00
// Paris time with a small JSON job description.
import { App, Chart, Cron, Duration } from 'cdk8s';
import { AgentKnativeService, AgentSecrets, ClusterProfile, PingTrigger } from '../lib';

export function build(app: App): void {
  ClusterProfile.fromRepositoryConfig(app, 'cluster'); // cdk8s-agents.yaml
  const chart = new Chart(app, 'nightly-job', { namespace: 'agents' });

  const agent = new AgentKnativeService(chart, 'nightly-report', {
    image: 'ghcr.io/acme/nightly-report:3.1.0',
    secrets: [AgentSecrets.fromSecretName(chart, 'model-api', 'model-api', { ANTHROPIC_API_KEY: 'anthropic-api-key' })],
    // One report at a time, with room for a long run.
    containerConcurrency: 1,
    timeout: Duration.minutes(10),
    scaling: { minScale: 0, maxScale: 1 },
  });

  new PingTrigger(chart, 'nightly', {
    schedule: Cron.schedule({ minute: '0', hour: '2' }),
    timezone: 'Europe/Paris',
    contentType: 'application/json',
    data: JSON.stringify({ job: 'daily-support-report', lookbackHours: 24 }),
    sink: agent,
  });
}
