// Scenario 9: seed 002's ai-agents platform, whole. An Express API and a
// Next.js App always on behind Traefik (two Ingresses on one host: public
// paths, and the rest behind Authelia's ForwardAuth), an operator-only
// processor, a webhook receiver, executor Jobs that mount the shared
// workspace read-only and a model cache an init container fills, the cleanup
// and token-refresh CronJobs, the ExternalSecrets of a Vault SecretStore, a
// NetworkPolicy per component (ingress and egress as the seed lists them),
// least-privilege RBAC, pods hardened as the seed's security context (uid and
// gid 1001, fsGroup 1001, no privilege escalation, all capabilities dropped).
//
// Seed 002's API creates executor Jobs itself (grantCreateJobs); the executor
// template here is a KEDA ScaledJob on the API's queue-depth metric, the
// library's way of running those Jobs from the cluster's own definition.
import { App, Chart, Cron, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AgentCronJob, AgentDashboard, AgentDeployment, AgentIngress, AgentJob, AgentSecrets, AgentWorkspace, ClusterProfile, Egress, EgressPolicy,
  IngressAuth, IngressBackend, PolicyEngine, IngressController, IngressFrom, IngressRoute, IngressTls, NamespacedSecretStore, ScaleTrigger, SecretStoreProvider, VaultAuth,
} from '../lib';

const TAG = '1.4.2';
const IMAGE = `ghcr.io/labrats-work/ai-agents:${TAG}`;
const HOST = 'ai-agents.labrats.work';
/** Seed 002's security context: uid/gid 1001 and fsGroup 1001 (the rest is every agent's default). */
const SECURITY = { runAsUser: 1001, runAsGroup: 1001, fsGroup: 1001 };
const probe = (path: string) => kplus.Probe.fromHttpGet(path);
/** The custom resources of labrats.work/v1alpha1 the operator loops read and update. */
const crd = (resourceType: string) => kplus.ApiResource.custom({ apiGroup: 'labrats.work', resourceType });

export function build(app: App): void {
  // The seed's cluster runs no Knative; its policies need the API server's address (a k3s cluster's service IP).
  new ClusterProfile(app, 'cluster', { network: { apiServerCidrs: ['10.43.0.1/32'], apiServerPort: 443 } });
  const chart = new Chart(app, 'platform', { namespace: 'ai-agents' });

  // Secrets: Vault through External Secrets, read with the namespace's own Kubernetes auth.
  const store = new NamespacedSecretStore(chart, 'vault', {
    name: 'vault',
    provider: SecretStoreProvider.vault({ server: 'https://vault.vault.svc:8200', path: 'secret', auth: VaultAuth.kubernetes({ role: 'ai-agents' }) }),
  });
  const apiSecrets = new AgentSecrets(chart, 'api-secrets', {
    name: 'ai-agents-api',
    store,
    keys: {
      OIDC_CLIENT_SECRET: { key: 'ai-agents/api', property: 'oidc-client-secret' },
      JWT_SECRET: { key: 'ai-agents/api', property: 'jwt-secret' },
      SUBMIT_API_KEYS: { key: 'ai-agents/api', property: 'submit-api-keys' },
    },
  });
  const githubApp = new AgentSecrets(chart, 'github-app', {
    name: 'github-app-credentials',
    store,
    keys: { GITHUB_APP_ID: { key: 'ai-agents/github-app', property: 'app-id' }, GITHUB_APP_PRIVATE_KEY: { key: 'ai-agents/github-app', property: 'private-key' } },
  });

  // Storage: the shared workspace (RWX, Longhorn) and the model cache.
  const workspace = new AgentWorkspace(chart, 'workspace', { name: 'ai-agents-workspace', size: Size.gibibytes(50), storageClassName: 'longhorn' });
  const models = new AgentWorkspace(chart, 'models', { name: 'ai-agents-models-cache', size: Size.gibibytes(100), storageClassName: 'longhorn' });

  const common = { security: SECURITY, readinessProbe: probe('/ready'), livenessProbe: probe('/health') };
  const operatorEnv = {
    WORKER_CONCURRENCY: '5', UPLOADS_DIR: '/workspace/uploads', UPLOADS_PVC_NAME: 'ai-agents-workspace',
    EXECUTOR_IMAGE: `ghcr.io/labrats-work/ai-agents/executor-claude:${TAG}`, EXECUTOR_SERVICE_ACCOUNT: 'executor',
  };

  // The API (Express + operator): reads the CRDs, starts executor Jobs, writes the workspace.
  const api = new AgentDeployment(chart, 'api', {
    ...common,
    image: IMAGE,
    port: 3001,
    replicas: 2,
    env: { ...operatorEnv, PORT: '3001', LOG_LEVEL: 'info', APP_VERSION: TAG, WORKSPACE_DIR: '/workspace/jobs', ACCOUNTS_DIR: '/workspace/.accounts', OIDC_ISSUER: 'https://auth.labrats.work' },
    secrets: [apiSecrets, githubApp],
    volumes: [workspace.mount('/workspace', { readOnly: false })],
  });
  api.grantCreateJobs({ readPods: true });
  api.grant(['get', 'list', 'watch', 'update', 'patch'], crd('inferencerequests'), crd('webhooksources'));
  api.grantRead(crd('aimodels'), crd('aiagents'), crd('aiconfigs'), crd('aiinstructions'));

  // The App (Next.js): talks to the API only.
  const web = new AgentDeployment(chart, 'app', { ...common, image: `${IMAGE.replace('ai-agents:', 'ai-agents/app:')}`, port: 3000, replicas: 2, env: { PORT: '3000' } });

  // The processor: the operator loop alone, scaled apart from the API.
  const processor = new AgentDeployment(chart, 'processor', {
    ...common,
    image: `ghcr.io/labrats-work/ai-agents/processor:${TAG}`,
    port: 3001,
    env: { ...operatorEnv, PORT: '3001' },
    volumes: [workspace.mount('/workspace', { readOnly: false })],
  });
  processor.grantCreateJobs({ readPods: true });
  processor.grant(['get', 'list', 'watch', 'update', 'patch'], crd('inferencerequests'));
  processor.grantRead(crd('aimodels'), crd('aiagents'), crd('aiconfigs'), crd('aiinstructions'));

  // The webhook receiver of the manual chart (one WebhookSource).
  const webhook = new AgentDeployment(chart, 'webhook', {
    ...common,
    image: `ghcr.io/labrats-work/ai-agents/webhook:${TAG}`,
    port: 3001,
    env: { PORT: '3001', WEBHOOK_SOURCE_NAME: 'github' },
  });

  // Executor Jobs: the workspace uploads read-only, the model cache filled by an init container.
  const executor = new AgentJob(chart, 'executor', {
    image: `ghcr.io/labrats-work/ai-agents/executor-llama:${TAG}`,
    security: SECURITY,
    triggers: [ScaleTrigger.prometheus({
      serverAddress: 'http://prometheus-operated.monitoring.svc:9090',
      query: 'sum(ai_agents_inference_requests_queued{namespace="ai-agents"})',
      threshold: 1,
    })],
    maxReplicas: 4,
    activeDeadline: Duration.hours(2),
    resources: { memory: { request: Size.gibibytes(8), limit: Size.gibibytes(8) } },
    initContainers: [{
      name: 'model-download',
      image: 'curlimages/curl:8.10.1',
      command: ['sh', '-c', 'test -f /models/model.gguf || curl -fsSL -o /models/model.gguf "$MODEL_URL"'],
      env: { MODEL_URL: 'https://huggingface.co/labrats/llama/resolve/main/model.gguf' },
      volumes: [models.mount('/models', { readOnly: false })],
    }],
    volumes: [workspace.mount('/uploads', { subPath: 'uploads' }), models.mount('/models')],
    secrets: [githubApp],
  });
  executor.grant(['get', 'update', 'patch'], crd('inferencerequests'));

  // CronJobs: stale workspace directories, and the OAuth refresh of idle accounts.
  const cleanup = new AgentCronJob(chart, 'cronjob-cleanup', {
    image: IMAGE, args: ['cleanup', '--stale-after', '24h'], security: SECURITY,
    schedule: Cron.schedule({ minute: '0', hour: '3' }), timeZone: 'Europe/Berlin', activeDeadline: Duration.minutes(30),
    volumes: [workspace.mount('/workspace', { readOnly: false })],
  });
  const tokenRefresh = new AgentCronJob(chart, 'cronjob-token-refresh', {
    image: IMAGE, args: ['refresh-tokens'], security: SECURITY, schedule: '@hourly', activeDeadline: Duration.minutes(10), secrets: [apiSecrets],
  });

  // Ingresses: one host, public paths without middleware, the rest behind Authelia.
  const tls = IngressTls.certManager({ clusterIssuer: 'letsencrypt-prod', secretName: 'ai-agents-tls' });
  new AgentIngress(chart, 'public', {
    name: 'ai-agents-public', host: HOST, tls, className: 'traefik',
    routes: [
      IngressRoute.prefix('/api/jobs/submit', api), IngressRoute.prefix('/api/events/ingest', api),
      IngressRoute.prefix('/api/webhooks', IngressBackend.serviceNamedPort('webhook', 'http')),
      IngressRoute.exact('/health', api), IngressRoute.exact('/ready', api), IngressRoute.exact('/metrics', api),
    ],
  });
  new AgentIngress(chart, 'protected', {
    name: 'ai-agents-protected', host: HOST, tls, className: 'traefik',
    auth: IngressAuth.traefikForwardAuth('authelia', 'authelia'),
    routes: [IngressRoute.prefix('/api', api), IngressRoute.prefix('/', web)],
  });

  // Network policies, per component as the seed lists them.
  const traefik = IngressFrom.ingressController(IngressController.TRAEFIK);
  new EgressPolicy(chart, 'api-policy', {
    agents: [api, processor],
    allow: [Egress.kubernetesApi(), Egress.publicInternet()],
    ingressFrom: [traefik, IngressFrom.agent(web), IngressFrom.namespace('github-ai-agents'), IngressFrom.namespace('reader-ai-agents'), IngressFrom.monitoring()],
  });
  new EgressPolicy(chart, 'app-policy', { agents: [web], allow: [Egress.agent(api)], ingressFrom: [traefik] });
  new EgressPolicy(chart, 'webhook-policy', { agents: [webhook], allow: [Egress.agent(api)], ingressFrom: [traefik] });
  new EgressPolicy(chart, 'executor-policy', { agents: [executor], engine: PolicyEngine.CILIUM, allow: [Egress.kubernetesApi(), Egress.fqdn('api.anthropic.com'), Egress.fqdn('github.com'), Egress.fqdn('api.github.com')] });
  new EgressPolicy(chart, 'cronjob-policy', { agents: [cleanup, tokenRefresh], allow: [Egress.publicInternet()] });

  // Monitoring: a Grafana dashboard of the platform's workloads.
  new AgentDashboard(chart, 'dashboard', { name: 'ai-agents-dashboard' });
}
