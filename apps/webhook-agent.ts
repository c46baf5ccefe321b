// Scenario 1: a Jira-triage agent behind a public webhook, its API keys
// synced from the cluster's Vault store by External Secrets, its egress
// limited to DNS, the model API and the Jira host (Cilium, for host names).
import { App, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentKnativeService, AgentSecrets, ClusterProfile, Egress, EgressPolicy, IngressLockdown, PolicyEngine, SecretStore, Visibility } from '../lib';

export function build(app: App): void {
  // The cluster runs Kourier as the Knative networking layer.
  ClusterProfile.fromRepositoryConfig(app, 'cluster'); // cdk8s-agents.yaml: Kourier's config-network, KSVC-SCALE-021 acknowledged
  const chart = new Chart(app, 'webhook-agent', { namespace: 'agents' });

  const secrets = new AgentSecrets(chart, 'jira-triage-secrets', {
    store: SecretStore.cluster('vault'),
    keys: {
      ANTHROPIC_API_KEY: { key: 'agents/jira-triage', property: 'anthropic-api-key' },
      JIRA_API_TOKEN: { key: 'agents/jira-triage', property: 'jira-api-token' },
    },
    refreshInterval: Duration.minutes(15),
  });
  const serviceAccount = new kplus.ServiceAccount(chart, 'service-account', {
    metadata: { name: 'jira-triage' },
    automountToken: false,
  });

  const agent = new AgentKnativeService(chart, 'jira-triage', {
    image: 'ghcr.io/acme/jira-triage:1.4.2',
    visibility: Visibility.PUBLIC,
    env: { JIRA_BASE_URL: 'https://acme.atlassian.net', MODEL: 'claude-sonnet-4-5' },
    secrets: [secrets],
    serviceAccount,
    containerConcurrency: 1,
    timeout: Duration.seconds(90),
    scaling: { minScale: 0, maxScale: 10, target: 5 },
    resources: {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.units(1) },
      memory: { request: Size.mebibytes(256), limit: Size.gibibytes(1) },
    },
    readinessProbe: kplus.Probe.fromHttpGet('/health'),
  });
  // Target 5 with one request per pod is acknowledged in cdk8s-agents.yaml (KSVC-SCALE-021), for synth and check alike.

  new EgressPolicy(chart, 'jira-triage-egress', {
    agents: [agent],
    engine: PolicyEngine.CILIUM,
    allow: [Egress.fqdn('api.anthropic.com'), Egress.fqdn('acme.atlassian.net')],
    ingress: IngressLockdown.KNATIVE,
  });
}
