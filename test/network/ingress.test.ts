// AgentIngress and its value classes (lib/network/ingress.ts): TLS by
// default, auth by annotations (Traefik ForwardAuth or any controller's),
// and seed 002's API + App behind Traefik with Authelia on protected paths.
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AgentDeployment, AgentIngress, AgentSecrets, AppValidation, Egress, EgressPolicy, IngressAuth, IngressBackend, IngressRoute, IngressTls,
} from '../../lib';
import { api } from '../deployments/fixtures';
import { idsOf, synthErrors } from '../support/rule-cases';

function chart(namespace = 'agents'): Chart {
  const app = Testing.app();
  AppValidation.of(app).reporter = () => undefined;
  return new Chart(app, 'test', { namespace });
}

const ingresses = (c: Chart) => Testing.synth(c).filter((o) => o.kind === 'Ingress');
const MIDDLEWARES = 'traefik.ingress.kubernetes.io/router.middlewares';

describe('AgentIngress', () => {
  test('defaults: one rule for the host, TLS for it from the Secret, Prefix and Exact paths to the agent\'s named Service port', () => {
    const c = chart();
    const a = api(c);
    const ing = new AgentIngress(c, 'ai-agents', { host: 'ai-agents.example.com', tls: IngressTls.secret('ai-agents-tls'), routes: [IngressRoute.prefix('/api', a), IngressRoute.exact('/health', a)] });
    const [out] = ingresses(c);
    expect(out).toMatchSnapshot();
    expect(out.spec.tls).toEqual([{ hosts: ['ai-agents.example.com'], secretName: 'ai-agents-tls' }]);
    expect(out.spec.rules[0].http.paths.map((p: any) => [p.path, p.pathType, p.backend.service])).toEqual([
      ['/api', 'Prefix', { name: 'api', port: { name: 'http' } }], ['/health', 'Exact', { name: 'api', port: { name: 'http' } }],
    ]);
    expect(out.spec.ingressClassName).toBeUndefined();
    expect(ing.url).toBe('https://ai-agents.example.com');
  });

  test('cert-manager: the issuer annotation, and a Secret named after the host unless given', () => {
    const c = chart();
    new AgentIngress(c, 'a', { host: 'ai-agents.example.com', tls: IngressTls.certManager({ clusterIssuer: 'letsencrypt-prod' }), routes: [IngressRoute.prefix('/', api(c))] });
    new AgentIngress(c, 'b', { host: 'app.example.com', tls: IngressTls.certManager({ issuer: 'internal-ca', secretName: 'app-cert' }), routes: [IngressRoute.prefix('/', api(c))] });
    const [a, b] = ingresses(c);
    expect(a.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' });
    expect(a.spec.tls).toEqual([{ hosts: ['ai-agents.example.com'], secretName: 'ai-agents-example-com-tls' }]);
    expect(b.metadata.annotations).toEqual({ 'cert-manager.io/issuer': 'internal-ca' });
    expect(b.spec.tls[0].secretName).toBe('app-cert');
  });

  test('Traefik ForwardAuth: the middleware annotation, in the Ingress\'s namespace unless another is named', () => {
    const c = chart();
    new AgentIngress(c, 'a', { host: 'a.example.com', tls: IngressTls.secret('a-tls'), auth: IngressAuth.traefikForwardAuth('authelia', 'authelia'), routes: [IngressRoute.prefix('/', api(c))] });
    new AgentIngress(c, 'b', { host: 'b.example.com', tls: IngressTls.secret('b-tls'), auth: IngressAuth.traefikForwardAuth('forward-auth'), routes: [IngressRoute.prefix('/', api(c))] });
    const [a, b] = ingresses(c);
    expect(a.metadata.annotations).toEqual({ [MIDDLEWARES]: 'authelia-authelia@kubernetescrd' });
    expect(b.metadata.annotations).toEqual({ [MIDDLEWARES]: 'agents-forward-auth@kubernetescrd' });
  });

  test('other controllers: ingressClassName, their auth annotations, and raw annotations, under the ones tls and auth render', () => {
    const c = chart();
    new AgentIngress(c, 'a', {
      host: 'a.example.com', className: 'nginx', tls: IngressTls.certManager({ clusterIssuer: 'le' }),
      auth: IngressAuth.annotations({ 'nginx.ingress.kubernetes.io/auth-url': 'https://auth.example.com/api/verify' }),
      annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '20m', 'cert-manager.io/cluster-issuer': 'le-staging' },
      routes: [IngressRoute.prefix('/', api(c))],
    });
    const [a] = ingresses(c);
    expect(a.spec.ingressClassName).toBe('nginx');
    expect(a.metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': 'le', 'nginx.ingress.kubernetes.io/auth-url': 'https://auth.example.com/api/verify', 'nginx.ingress.kubernetes.io/proxy-body-size': '20m',
    });
  });

  test('an existing Service by port number or name (seed 002\'s per-source webhook pods)', () => {
    const c = chart();
    new AgentIngress(c, 'hooks', {
      host: 'hooks.example.com', tls: IngressTls.secret('hooks-tls'),
      routes: [IngressRoute.prefix('/api/webhooks/github', IngressBackend.service('webhook-github', 80)), IngressRoute.prefix('/api/webhooks/jira', IngressBackend.serviceNamedPort('webhook-jira', 'http'))],
    });
    expect(ingresses(c)[0].spec.rules[0].http.paths.map((p: any) => p.backend.service)).toEqual([{ name: 'webhook-github', port: { number: 80 } }, { name: 'webhook-jira', port: { name: 'http' } }]);
  });

  test('follows its agents into their namespace', () => {
    const c = chart();
    const a = api(c, { namespace: 'ai-agents' });
    const ing = new AgentIngress(c, 'i', { host: 'a.example.com', tls: IngressTls.secret('a-tls'), routes: [IngressRoute.prefix('/', a)] });
    expect(ing.namespace).toBe('ai-agents');
    expect(ingresses(c)[0].metadata.namespace).toBe('ai-agents');
  });

  test('TLS opt-out: IngressTls.none() renders no tls, http url, and INGRESS-TLS-001 until acknowledged', () => {
    const build = (ack: boolean) => synthErrors((c) => {
      const ing = new AgentIngress(c, 'i', { host: 'a.example.com', tls: IngressTls.none(), routes: [IngressRoute.prefix('/', api(c))] });
      expect(ing.url).toBe('http://a.example.com');
      if (ack) ing.acknowledge('INGRESS-TLS-001', 'TLS ends at the cloud load balancer in front of Traefik');
    });
    expect(build(false)).toEqual([expect.stringContaining('warning [INGRESS-TLS-001] test/i: host (spec.rules[0].host) = "a.example.com"')]);
    expect(build(true)).toEqual([]);
  });

  test('fails if a route goes to another namespace than the Ingress\'s', () => {
    const errors = synthErrors((c) => new AgentIngress(c, 'i', { namespace: 'web', host: 'a.example.com', tls: IngressTls.secret('a-tls'), routes: [IngressRoute.prefix('/', api(c))] }));
    expect(errors).toEqual([expect.stringContaining('[PROPS-001] test/i: routes[0] = "api (agents)": the Service is in namespace "agents"')]);
  });

  test('fails if tls or routes are missing or wrong from plain JavaScript, and on bad factory arguments: each named, nothing thrown', () => {
    expect(idsOf(synthErrors((c) => new AgentIngress(c, 'i', { host: 'a.example.com', routes: [] } as any)))).toEqual(['PROPS-001']);
    const errors = synthErrors((c) => new AgentIngress(c, 'i', {
      host: 'a.example.com', tls: IngressTls.certManager({ secretName: 'x' }), auth: IngressAuth.traefikForwardAuth('', 'Not A Namespace'),
      routes: [IngressRoute.prefix('/', { serviceName: 'x' } as any), IngressRoute.prefix(42 as any, api(c))],
    }));
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringContaining('tls = (unset): IngressTls.certManager(options): expected exactly one of `clusterIssuer` and `issuer`'),
      expect.stringContaining('auth = "": IngressAuth.traefikForwardAuth(name)'),
      expect.stringContaining('auth = "Not A Namespace": IngressAuth.traefikForwardAuth(namespace)'),
      expect.stringContaining('routes[0] = {"serviceName":"x"}: IngressRoute.prefix(backend)'),
      expect.stringContaining('routes[1] = 42: IngressRoute.prefix(path)'),
    ]));
  });
});

// Seed 002 (../shared/seeds/002-ai-agents-platform-deployment.txt): the API and
// the App, always on, behind Traefik; the public paths open, everything else
// behind Authelia's ForwardAuth; hardened pods (uid/gid 1001); the App may
// only reach the API.
describe('seed 002: API + App behind Traefik with Authelia on the protected paths', () => {
  function platform(c: Chart): { api: AgentDeployment; app: AgentDeployment } {
    const hardened = { security: { runAsUser: 1001, runAsGroup: 1001 }, readinessProbe: kplus.Probe.fromHttpGet('/ready'), livenessProbe: kplus.Probe.fromHttpGet('/health') };
    const secrets = AgentSecrets.fromSecretName(c, 'secrets', 'ai-agents-secrets', { OIDC_CLIENT_SECRET: 'OIDC_CLIENT_SECRET', JWT_SECRET: 'JWT_SECRET', SUBMIT_API_KEYS: 'SUBMIT_API_KEYS' });
    const apiAgent = new AgentDeployment(c, 'api', { image: 'ghcr.io/labrats-work/ai-agents:1.8.0', port: 3001, replicas: 2, secrets: [secrets], env: { PORT: '3001' }, ...hardened });
    const appAgent = new AgentDeployment(c, 'app', { image: 'ghcr.io/labrats-work/ai-agents/app:1.8.0', port: 3000, autoscaling: { minReplicas: 2, maxReplicas: 4 }, ...hardened });
    const common = { host: 'ai-agents.example.com', className: 'traefik', tls: IngressTls.certManager({ clusterIssuer: 'letsencrypt-prod' }) };
    new AgentIngress(c, 'ai-agents-public', {
      ...common,
      routes: [
        IngressRoute.prefix('/api/jobs/submit', apiAgent), IngressRoute.prefix('/api/events/ingest', apiAgent), IngressRoute.prefix('/api/webhooks', apiAgent),
        IngressRoute.exact('/health', apiAgent), IngressRoute.exact('/ready', apiAgent), IngressRoute.exact('/metrics', apiAgent),
      ],
    });
    new AgentIngress(c, 'ai-agents-protected', {
      ...common,
      auth: IngressAuth.traefikForwardAuth('authelia', 'authelia'),
      routes: [IngressRoute.prefix('/api', apiAgent), IngressRoute.prefix('/', appAgent)],
    });
    new EgressPolicy(c, 'app-egress', { agents: [appAgent], allow: [Egress.agent(apiAgent)] });
    return { api: apiAgent, app: appAgent };
  }

  test('synthesizes clean, valid against the schemas', () => {
    expect(synthErrors((c) => platform(c))).toEqual([]);
  });

  test('two Ingresses on one host: the public one without middleware, the protected one with Authelia\'s', () => {
    const c = chart('ai-agents');
    platform(c);
    const [pub, prot] = ingresses(c);
    expect(pub.metadata).toEqual({ name: 'ai-agents-public', namespace: 'ai-agents', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' } });
    expect(prot.metadata.annotations[MIDDLEWARES]).toBe('authelia-authelia@kubernetescrd');
    expect(pub.spec.rules[0].http.paths.map((p: any) => p.path)).toEqual(['/api/jobs/submit', '/api/events/ingest', '/api/webhooks', '/health', '/ready', '/metrics']);
    expect(prot.spec.rules[0].http.paths.map((p: any) => `${p.path} -> ${p.backend.service.name}`)).toEqual(['/api -> api', '/ -> app']);
    // Both serve the host over TLS from one certificate.
    expect(pub.spec.tls).toEqual(prot.spec.tls);
  });

  test('every pod runs as uid/gid 1001, non-root, with every capability dropped', () => {
    const c = chart('ai-agents');
    platform(c);
    for (const d of Testing.synth(c).filter((o) => o.kind === 'Deployment')) {
      expect(d.spec.template.spec.containers[0].securityContext).toMatchObject({ runAsUser: 1001, runAsGroup: 1001, runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    }
  });
});
