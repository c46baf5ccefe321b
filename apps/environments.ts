// Scenario 8: one agent, two environments (seed 002's envs/dev and envs/prod).
// The definition is shared; the values differ: dev scales to zero and at most
// to 2 on the dev cluster, prod keeps a pod warm and scales to 20, each with
// its own host and secret store. Each environment is written to its own
// folder (dist/environments/dev, dist/environments/prod), validated against
// its own cluster, and applied by its own Flux Kustomization
// (dist/environments/clusters/<env>).
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentEnvironment, AgentEnvironmentContext, AgentEnvironmentsFlux, AgentKnativeService, AgentSecrets, DomainMapping, GitRepository, SecretStore, Visibility } from '../lib';

/** What differs between the environments. */
interface Values {
  readonly minScale: number;
  readonly maxScale: number;
  readonly host: string;
  readonly store: SecretStore;
}

export const environments: Record<string, AgentEnvironment<Values>> = {
  dev: {
    values: { minScale: 0, maxScale: 2, host: 'support.dev.acme.example', store: SecretStore.cluster('vault-dev') },
    cluster: { maxScaleLimit: 5 }, // the dev cluster caps every service at 5 pods
  },
  prod: {
    values: { minScale: 1, maxScale: 20, host: 'support.acme.example', store: SecretStore.cluster('vault') },
    repositoryConfig: 'cdk8s-agents.yaml', // the production cluster's settings
    // Flux's image automation moves prod's tag (ImagePolicy flux-system/support-agent); synth keeps what it committed.
    // The policy is the platform's: cdk8s-agents.yaml lists it under `provided`, so FLUXIMG-008 does not warn.
    imagePolicies: { 'ghcr.io/acme/support-agent': 'flux-system:support-agent' },
  },
};

export const flux: AgentEnvironmentsFlux = {
  sourceRef: GitRepository.fromGitRepositoryName('flux-system', { namespace: 'flux-system' }),
};

export function build(app: App, env: AgentEnvironmentContext<Values>): void {
  const chart = new Chart(app, 'support', { namespace: 'agents' });
  const secrets = new AgentSecrets(chart, 'support-secrets', {
    store: env.values.store,
    keys: { ANTHROPIC_API_KEY: { key: 'agents/support', property: 'anthropic-api-key' } },
  });
  const agent = new AgentKnativeService(chart, 'support-agent', {
    image: 'ghcr.io/acme/support-agent:2.3.0',
    visibility: Visibility.PUBLIC,
    env: { ENVIRONMENT: env.name },
    secrets: [secrets],
    containerConcurrency: 4,
    timeout: Duration.seconds(120),
    scaling: { minScale: env.values.minScale, maxScale: env.values.maxScale },
    readinessProbe: kplus.Probe.fromHttpGet('/health'),
  });
  new DomainMapping(chart, 'support-host', { name: env.values.host, ref: agent });
}
