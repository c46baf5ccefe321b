// Triggers and near misses of the Ingress rules (INGRESS-*), through synth
// (AgentIngress) and hand-written YAML.
import { Chart } from 'cdk8s';
import { AgentIngress, AgentIngressProps, IngressBackend, IngressRoute, IngressTls } from '../../lib';
import { api } from '../deployments/fixtures';
import { RuleCases } from '../support/rule-cases';

const PATH = 'test/ingress';

/** An AgentIngress of `ai-agents.example.com` to the always-on agent `api`. */
function ingress(chart: Chart, props: Partial<AgentIngressProps> = {}): AgentIngress {
  return new AgentIngress(chart, 'ingress', {
    host: 'ai-agents.example.com', tls: IngressTls.secret('ai-agents-tls'), routes: [IngressRoute.prefix('/api', api(chart))], ...props,
  });
}

/** A hand-written Ingress of `ai-agents.example.com`, TLS included, with `spec` fields replaced. */
export function manifest(spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
    metadata: { name: 'ai-agents', namespace: 'agents', ...metadata },
    spec: {
      ingressClassName: 'traefik',
      tls: [{ hosts: ['ai-agents.example.com'], secretName: 'ai-agents-tls' }],
      rules: [{ host: 'ai-agents.example.com', http: { paths: [path()] } }],
      ...spec,
    },
  };
}

/** One path entry to the Service `api`. */
function path(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'http' } } }, ...fields };
}

const rules = (...paths: Record<string, unknown>[]) => ({ rules: [{ host: 'ai-agents.example.com', http: { paths } }] });
const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'agents' }, spec: { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 3001 }] } };
const MIDDLEWARES = 'traefik.ingress.kubernetes.io/router.middlewares';

export const CASES: RuleCases = {
  triggers: [
    // --- spec
    { id: 'INGRESS-SPEC-001', name: 'a hand-written Ingress has neither rules nor a defaultBackend', manifests: [manifest({ rules: [], tls: undefined })], field: 'spec.rules', value: '[]' },
    { id: 'INGRESS-SPEC-001', name: 'a hand-written rule has http without paths', manifests: [manifest(rules())], field: 'spec.rules[0].http.paths', value: '[]' },

    // --- paths
    { id: 'INGRESS-PATH-001', name: 'a route path is relative', build: (c) => ingress(c, { routes: [IngressRoute.prefix('api', api(c))] }), path: PATH, field: 'spec.rules[0].http.paths[0].path', value: '"api"' },
    { id: 'INGRESS-PATH-001', name: 'a route path contains //', build: (c) => ingress(c, { routes: [IngressRoute.exact('/api//jobs', api(c))] }), path: PATH, field: 'spec.rules[0].http.paths[0].path', value: '"/api//jobs"' },
    { id: 'INGRESS-PATH-001', name: 'a hand-written path has no pathType', manifests: [manifest(rules(path({ pathType: undefined })))], field: 'spec.rules[0].http.paths[0].pathType', value: '(unset)' },
    { id: 'INGRESS-PATH-001', name: 'a hand-written Prefix path ends with /..', manifests: [manifest(rules(path({ path: '/api/..' })))], field: 'spec.rules[0].http.paths[0].path', value: '"/api/.."' },
    { id: 'INGRESS-PATH-001', name: 'a hand-written path has an unknown pathType', manifests: [manifest(rules(path({ pathType: 'Regex' })))], field: 'spec.rules[0].http.paths[0].pathType', value: '"Regex"' },

    // --- backends
    {
      id: 'INGRESS-BACKEND-001', name: 'an existing Service named with an uppercase letter',
      build: (c) => ingress(c, { routes: [IngressRoute.prefix('/hooks', IngressBackend.service('Webhook', 80))] }), path: PATH, field: 'spec.rules[0].http.paths[0].backend.service.name', value: '"Webhook"',
    },
    {
      id: 'INGRESS-BACKEND-001', name: 'an existing Service\'s port name is 16 characters',
      build: (c) => ingress(c, { routes: [IngressRoute.prefix('/hooks', IngressBackend.serviceNamedPort('webhook', 'http-webhook-api'))] }), path: PATH,
      field: 'spec.rules[0].http.paths[0].backend.service.port.name', value: '"http-webhook-api"',
    },
    {
      id: 'INGRESS-BACKEND-001', name: 'a hand-written backend sets both port name and number',
      manifests: [manifest(rules(path({ backend: { service: { name: 'api', port: { name: 'http', number: 80 } } } })))], field: 'spec.rules[0].http.paths[0].backend.service.port', value: '{"name":"http","number":80}',
    },
    {
      id: 'INGRESS-BACKEND-001', name: 'a hand-written backend has neither service nor resource',
      manifests: [manifest(rules(path({ backend: {} })))], field: 'spec.rules[0].http.paths[0].backend', value: '{}',
    },
    {
      id: 'INGRESS-BACKEND-002', name: 'an existing Service in the app has no such port number',
      build: (c) => {
        api(c);
        ingress(c, { routes: [IngressRoute.prefix('/api', IngressBackend.service('api', 3001))] });
      },
      path: PATH, field: 'spec.rules[0].http.paths[0].backend.service.port.number', value: '3001',
    },
    {
      id: 'INGRESS-BACKEND-002', name: 'a hand-written backend names a port its Service does not declare',
      manifests: [manifest(rules(path({ backend: { service: { name: 'api', port: { name: 'web' } } } }))), service], field: 'spec.rules[0].http.paths[0].backend.service.port.name', value: '"web"',
    },

    // --- hosts and TLS
    { id: 'INGRESS-HOST-001', name: 'the host has an underscore', build: (c) => ingress(c, { host: 'ai_agents.example.com' }), path: PATH, field: 'spec.rules[0].host', value: '"ai_agents.example.com"' },
    {
      id: 'INGRESS-HOST-001', name: 'a hand-written rule host is an IP address',
      manifests: [manifest({ rules: [{ host: '10.0.0.1', http: { paths: [path()] } }], tls: [{ hosts: ['10.0.0.1'], secretName: 'ai-agents-tls' }] })], field: 'spec.rules[0].host', value: '"10.0.0.1"',
    },
    {
      id: 'INGRESS-HOST-001', name: 'a hand-written TLS secretName is not a Secret name',
      manifests: [manifest({ tls: [{ hosts: ['ai-agents.example.com'], secretName: 'AI_Agents' }] })], field: 'spec.tls[0].secretName', value: '"AI_Agents"',
    },
    { id: 'INGRESS-TLS-001', name: 'the agent opts out of TLS', build: (c) => ingress(c, { tls: IngressTls.none() }), path: PATH, field: 'spec.rules[0].host', value: '"ai-agents.example.com"' },
    { id: 'INGRESS-TLS-001', name: 'a hand-written Ingress has no tls', manifests: [manifest({ tls: undefined })], field: 'spec.rules[0].host', value: '"ai-agents.example.com"' },
    {
      id: 'INGRESS-TLS-001', name: 'a hand-written TLS entry lists another host',
      manifests: [manifest({ tls: [{ hosts: ['app.example.com'], secretName: 'ai-agents-tls' }] })], field: 'spec.rules[0].host', value: '"ai-agents.example.com"',
    },

    // --- class
    { id: 'INGRESS-CLASS-001', name: 'the class name has uppercase letters', build: (c) => ingress(c, { className: 'Traefik' }), path: PATH, field: 'spec.ingressClassName', value: '"Traefik"' },
    {
      id: 'INGRESS-CLASS-001', name: 'a hand-written class annotation disagrees with ingressClassName',
      manifests: [manifest({}, { annotations: { 'kubernetes.io/ingress.class': 'nginx' } })], field: 'metadata.annotations["kubernetes.io/ingress.class"]', value: '"nginx"',
    },

    // --- Traefik middlewares
    {
      id: 'INGRESS-AUTH-001', name: 'a raw middleware annotation names no provider',
      build: (c) => ingress(c, { annotations: { [MIDDLEWARES]: 'authelia' } }), path: PATH, field: `metadata.annotations["${MIDDLEWARES}"]`, value: '"authelia"',
    },
    {
      id: 'INGRESS-AUTH-001', name: 'a hand-written CRD middleware entry lacks its namespace',
      manifests: [manifest({}, { annotations: { [MIDDLEWARES]: 'compress@file,authelia@kubernetescrd' } })], field: `metadata.annotations["${MIDDLEWARES}"]`, value: '"compress@file,authelia@kubernetescrd"',
    },
  ],
  passes: [
    { name: 'an AgentIngress with a Secret, to an always-on agent', build: (c) => ingress(c) },
    { name: 'a Prefix path of / and an Exact path', build: (c) => ingress(c, { routes: [IngressRoute.prefix('/', api(c)), IngressRoute.exact('/health', api(c))] }) },
    { name: 'an existing Service outside the app, by port number', build: (c) => ingress(c, { routes: [IngressRoute.prefix('/api/webhooks', IngressBackend.service('webhook-github', 80))] }) },
    { name: 'a hand-written Ingress whose backend Service declares the port', manifests: [manifest(), service] },
    { name: 'a hand-written backend by port number the Service declares', manifests: [manifest(rules(path({ backend: { service: { name: 'api', port: { number: 80 } } } }))), service] },
    { name: 'a hand-written ImplementationSpecific path without a path', manifests: [manifest(rules(path({ pathType: 'ImplementationSpecific', path: undefined })))] },
    { name: 'a wildcard TLS host covers the rule host', manifests: [manifest({ tls: [{ hosts: ['*.example.com'], secretName: 'wildcard-tls' }] })] },
    { name: 'a TLS entry without hosts (the controller\'s wildcard)', manifests: [manifest({ tls: [{ secretName: 'ai-agents-tls' }] })] },
    { name: 'the class annotation agrees with ingressClassName', manifests: [manifest({}, { annotations: { 'kubernetes.io/ingress.class': 'traefik' } })] },
    { name: 'a hand-written Traefik middleware list of a CRD and a file middleware', manifests: [manifest({}, { annotations: { [MIDDLEWARES]: 'authelia-authelia@kubernetescrd, compress@file' } })] },
    { name: 'a defaultBackend without rules, over TLS', manifests: [manifest({ rules: undefined, defaultBackend: { service: { name: 'api', port: { name: 'http' } } } })] },
  ],
};
