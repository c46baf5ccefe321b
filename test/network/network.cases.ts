// Triggers and near misses of the network rules: EgressPolicy props,
// NetworkPolicy and Cilium policy manifests, and the rules over the app.
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AgentKnativeService, ClusterProfile, ClusterProfileProps, Egress, EgressPolicy, EgressPolicyProps, EgressPort, IAgentWorkload, IngressLockdown, PolicyEngine,
} from '../../lib';
import { RuleCases } from '../support/rule-cases';

const IMAGE = 'ghcr.io/acme/agent:1.4.2';
const EGRESS = 'test/egress';

export function agent(chart: Chart, id = 'agent', namespace?: string): AgentKnativeService {
  return new AgentKnativeService(chart, id, { image: IMAGE, namespace });
}

/** A plain workload (a KEDA worker's Deployment) selected by its labels, with its Deployment. */
export function worker(chart: Chart, name = 'worker'): IAgentWorkload {
  const labels = { 'app.kubernetes.io/name': name };
  new ApiObject(chart, `${name}-deployment`, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'agents' },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'worker', image: IMAGE }] } } },
  });
  return { name, namespace: 'agents', podSelector: labels, servedByKnative: false };
}

export function policy(chart: Chart, props: Partial<EgressPolicyProps> = {}, id = 'egress'): EgressPolicy {
  return new EgressPolicy(chart, id, { agents: props.agents ?? [agent(chart)], allow: [], ...props });
}

function profile(chart: Chart, props: ClusterProfileProps): void {
  new ClusterProfile(chart.node.root as Construct, 'cluster', props);
}

const cilium = (chart: Chart, allow: Egress[], props: Partial<EgressPolicyProps> = {}) => policy(chart, { engine: PolicyEngine.CILIUM, allow, ...props });

// --- hand-written manifests

const meta = (name: string, namespace = 'agents') => ({ name, namespace });
export const np = (spec: object, name = 'allow', namespace = 'agents') => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(name, namespace), spec: { podSelector: {}, ...spec },
});
export const cnp = (spec: object, name = 'allow', namespace = 'agents') => ({
  apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: meta(name, namespace), spec: { endpointSelector: {}, ...spec },
});
export const DNS_PROXY = {
  toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }],
  toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }], rules: { dns: [{ matchPattern: '*' }] } }],
};
const egressTo = (to: object[], ports?: object[]) => np({ policyTypes: ['Egress'], egress: [{ to, ports }] });
const fqdn = (selector: object) => cnp({ egress: [DNS_PROXY, { toFQDNs: [selector] }] });
const ksvc = (name: string, namespace = 'agents') => ({
  apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name, namespace },
  spec: { template: { spec: { containers: [{ image: IMAGE }] } } },
});
const deployment = (name: string, labels: Record<string, string>) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'agents' },
  spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'w', image: IMAGE, resources: { requests: { cpu: '100m' }, limits: { cpu: '1' } } }] } } },
});
const ingressFrom = (from: object[], ports?: object[], podSelector: object = { matchLabels: { 'serving.knative.dev/service': 'triage' } }) =>
  np({ podSelector, policyTypes: ['Ingress'], ingress: [{ from, ports }] }, 'triage-ingress');
const SERVING = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'knative-serving' } } };

export const CASES: RuleCases = {
  triggers: [
    // --- EgressPolicy props
    { id: 'NET-EGRESS-001', name: 'an EgressPolicy has no agent', build: (c) => policy(c, { agents: [] }), path: EGRESS, field: 'agents', value: '[]' },
    {
      id: 'NET-EGRESS-002', name: 'the agents of one EgressPolicy are in two namespaces',
      build: (c) => policy(c, { agents: [agent(c, 'a'), agent(c, 'b', 'tools')] }), path: EGRESS, field: 'agents', value: '["a (agents)","b (tools)"]',
    },
    {
      id: 'NET-EGRESS-003', name: 'Egress.fqdn() with the plain NetworkPolicy engine',
      build: (c) => policy(c, { allow: [Egress.fqdn('api.anthropic.com')] }), path: EGRESS, field: 'allow[0]', value: '"api.anthropic.com"',
    },
    {
      id: 'NET-EGRESS-004', name: 'Egress.kubernetesApi() with a NetworkPolicy and no API server CIDRs declared',
      build: (c) => policy(c, { allow: [Egress.cidr('10.0.0.0/8'), Egress.kubernetesApi()] }), path: EGRESS, field: 'allow[1]', value: '"kubernetesApi"',
    },
    {
      id: 'NET-EGRESS-005', name: 'Egress.namespace() names no possible namespace',
      build: (c) => policy(c, { allow: [Egress.namespace('Observability')] }), path: EGRESS, field: 'allow[0]', value: '"Observability"',
    },
    {
      id: 'NET-EGRESS-006', name: 'two workloads whose labels differ in two keys share a policy',
      build: (c) => policy(c, {
        agents: [
          { name: 'a', namespace: 'agents', podSelector: { app: 'a', tier: 'x' }, servedByKnative: false },
          { name: 'b', namespace: 'agents', podSelector: { app: 'b', tier: 'y' }, servedByKnative: false },
        ],
      }),
      path: EGRESS, field: 'agents', value: '[{"app":"a","tier":"x"},{"app":"b","tier":"y"}]',
    },
    {
      id: 'NET-EGRESS-007', name: 'Egress.agent() to a Knative agent gives its port',
      build: (c) => policy(c, { allow: [Egress.agent(agent(c, 'search'), { ports: [EgressPort.tcp(8080)] })] }), path: EGRESS, field: 'allow[0]', value: '"agent search 8080/TCP"',
    },

    // --- NetworkPolicy
    { id: 'NET-POLICY-001', name: 'a NetworkPolicy name has an underscore', manifests: [np({}, 'allow_dns')], field: 'metadata.name', value: '"allow_dns"' },
    { id: 'NET-POLICY-001', name: 'the EgressPolicy name is 254 characters', build: (c) => policy(c, { name: 'a'.repeat(254) }), path: EGRESS, field: 'metadata.name', value: `"${'a'.repeat(100)}` },
    { id: 'NET-POLICY-002', name: 'a policy type is lowercase', manifests: [np({ policyTypes: ['egress'] })], field: 'spec.policyTypes[0]', value: '"egress"' },
    { id: 'NET-POLICY-002', name: 'three policy types', manifests: [np({ policyTypes: ['Ingress', 'Egress', 'Ingress'] })], field: 'spec.policyTypes', value: '["Ingress","Egress","Ingress"]' },
    { id: 'NET-POLICY-003', name: 'a pod selector label value has a space', manifests: [np({ podSelector: { matchLabels: { app: 'jira triage' } } })], field: 'spec.podSelector.matchLabels["app"]', value: '"jira triage"' },
    {
      id: 'NET-POLICY-003', name: 'an In expression has no values',
      manifests: [np({ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } })], field: 'spec.podSelector.matchExpressions[0].values', value: '[]',
    },
    {
      id: 'NET-POLICY-003', name: 'an expression uses the operator Equals',
      manifests: [np({ podSelector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['a'] }] } })], field: 'spec.podSelector.matchExpressions[0].operator', value: '"Equals"',
    },
    {
      id: 'NET-POLICY-003', name: 'a peer namespace selector key is not a qualified name',
      manifests: [egressTo([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata name': 'x' } } }])], field: 'spec.egress[0].to[0].namespaceSelector.matchLabels key', value: '"kubernetes.io/metadata name"',
    },
    {
      id: 'NET-POLICY-004', name: 'egress rules under policyTypes [Ingress]',
      manifests: [np({ policyTypes: ['Ingress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] })], field: 'spec.egress', value: '["Ingress"]',
    },
    { id: 'NET-PORT-001', name: 'a port is 70000', manifests: [egressTo([], [{ port: 70000 }])], field: 'spec.egress[0].ports[0].port', value: '70000' },
    { id: 'NET-PORT-001', name: 'a port number is quoted', manifests: [egressTo([], [{ port: '443' }])], field: 'spec.egress[0].ports[0].port', value: '"443"' },
    { id: 'NET-PORT-001', name: 'the protocol is ICMP', manifests: [egressTo([], [{ protocol: 'ICMP' }])], field: 'spec.egress[0].ports[0].protocol', value: '"ICMP"' },
    {
      id: 'NET-PORT-001', name: 'EgressPort.tcp(0)',
      build: (c) => policy(c, { allow: [Egress.cidr('10.0.0.0/8', { ports: [EgressPort.tcp(0)] })] }), path: EGRESS, field: 'spec.egress[1].ports[0].port', value: '0',
    },
    {
      id: 'NET-PORT-002', name: 'a port range ends before it starts',
      build: (c) => policy(c, { allow: [Egress.namespace('data', { ports: [EgressPort.tcp(8100, 8000)] })] }), path: EGRESS, field: 'spec.egress[1].ports[0].endPort', value: '8000',
    },
    { id: 'NET-PORT-002', name: 'a range starts at a named port', manifests: [egressTo([], [{ port: 'https', endPort: 8443 }])], field: 'spec.egress[0].ports[0].endPort', value: '8443' },
    { id: 'NET-PORT-002', name: 'endPort without port', manifests: [egressTo([], [{ endPort: 8443 }])], field: 'spec.egress[0].ports[0].endPort', value: '8443' },
    { id: 'NET-PEER-001', name: 'a peer is empty', manifests: [egressTo([{}])], field: 'spec.egress[0].to[0]', value: '{}' },
    {
      id: 'NET-PEER-001', name: 'an ipBlock is combined with a pod selector',
      manifests: [egressTo([{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }])], field: 'spec.egress[0].to[0]', value: '["podSelector","ipBlock"]',
    },
    {
      id: 'NET-PEER-002', name: 'Egress.cidr() is an address without prefix length',
      build: (c) => policy(c, { allow: [Egress.cidr('203.0.113.7')] }), path: EGRESS, field: 'spec.egress[1].to[0].ipBlock.cidr', value: '"203.0.113.7"',
    },
    { id: 'NET-PEER-002', name: 'an ipBlock octet has a leading zero', manifests: [egressTo([{ ipBlock: { cidr: '010.0.0.0/8' } }])], field: 'spec.egress[0].to[0].ipBlock.cidr', value: '"010.0.0.0/8"' },
    { id: 'NET-PEER-002', name: 'an ipBlock has no cidr', manifests: [egressTo([{ ipBlock: {} }])], field: 'spec.egress[0].to[0].ipBlock.cidr', value: '(unset)' },
    {
      id: 'NET-PEER-003', name: 'an exception lies outside the block',
      build: (c) => policy(c, { allow: [Egress.cidr('10.0.0.0/8', { except: ['192.168.0.0/16'] })] }), path: EGRESS, field: 'spec.egress[1].to[0].ipBlock.except[0]', value: '"192.168.0.0/16"',
    },
    {
      id: 'NET-PEER-003', name: 'an exception is the block itself',
      manifests: [egressTo([{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] } }])], field: 'spec.egress[0].to[0].ipBlock.except[0]', value: '"10.0.0.0/8"',
    },

    // --- Cilium
    { id: 'NET-CILIUM-001', name: 'a Cilium policy has no egress or ingress section', manifests: [cnp({})], field: 'spec', value: '[]' },
    {
      id: 'NET-CILIUM-001', name: 'a namespaced Cilium policy selects nodes',
      manifests: [{ ...cnp({ egress: [{ toEntities: ['world'] }] }), spec: { nodeSelector: {}, egress: [{ toEntities: ['world'] }] } }], field: 'spec.nodeSelector', value: '{}',
    },
    {
      id: 'NET-CILIUM-001', name: 'a rule of specs has both selectors',
      manifests: [{ ...cnp({}), spec: undefined, specs: [{ endpointSelector: {}, nodeSelector: {}, egress: [{ toEntities: ['world'] }] }] }], field: 'specs[0]', value: '["endpointSelector","nodeSelector"]',
    },
    { id: 'NET-CILIUM-002', name: 'an FQDN selector is empty', manifests: [fqdn({})], field: 'spec.egress[1].toFQDNs[0]', value: '{}' },
    { id: 'NET-CILIUM-002', name: 'an FQDN selector has both matchName and matchPattern', manifests: [fqdn({ matchName: 'a.example.com', matchPattern: '*.example.com' })], field: 'spec.egress[1].toFQDNs[0]', value: '{"matchName":"a.example.com"' },
    {
      id: 'NET-CILIUM-003', name: 'Egress.fqdn() has a scheme',
      build: (c) => cilium(c, [Egress.fqdn('https://api.anthropic.com')]), path: EGRESS, field: 'spec.egress[1].toFQDNs[0].matchName', value: '"https://api.anthropic.com"',
    },
    {
      id: 'NET-CILIUM-003', name: 'Egress.fqdn() has a port',
      build: (c) => cilium(c, [Egress.fqdn('api.anthropic.com:443')]), path: EGRESS, field: 'spec.egress[1].toFQDNs[0].matchName', value: '"api.anthropic.com:443"',
    },
    {
      id: 'NET-CILIUM-003', name: 'Egress.fqdn() has a path',
      build: (c) => cilium(c, [Egress.fqdn('api.anthropic.com/v1')]), path: EGRESS, field: 'spec.egress[1].toFQDNs[0].matchName', value: '"api.anthropic.com/v1"',
    },
    { id: 'NET-CILIUM-003', name: 'a matchName has a wildcard', manifests: [fqdn({ matchName: '*.example.com' })], field: 'spec.egress[1].toFQDNs[0].matchName', value: '"*.example.com"' },
    { id: 'NET-CILIUM-003', name: 'a matchPattern has an empty label', manifests: [fqdn({ matchPattern: '*..example.com' })], field: 'spec.egress[1].toFQDNs[0].matchPattern', value: '"*..example.com"' },
    { id: 'NET-CILIUM-003', name: 'a DNS rule matchPattern has a regex character', manifests: [cnp({ egress: [{ ...DNS_PROXY, toPorts: [{ ...DNS_PROXY.toPorts[0], rules: { dns: [{ matchPattern: '[a-z]+.example.com' }] } }] }] })], field: 'spec.egress[0].toPorts[0].rules.dns[0].matchPattern', value: '"[a-z]+.example.com"' },
    {
      id: 'NET-CILIUM-004', name: '`**` in the middle of a pattern',
      build: (c) => cilium(c, [Egress.fqdn('api.**.example.com')]), path: EGRESS, field: 'spec.egress[1].toFQDNs[0].matchPattern', value: '"api.**.example.com"',
    },
    {
      id: 'NET-CILIUM-005', name: 'an FQDN rule with dns: false (no DNS proxy rule)',
      build: (c) => cilium(c, [Egress.fqdn('api.anthropic.com')], { dns: false }), path: EGRESS, field: 'spec.egress[0].toFQDNs', value: '[{"matchName":"api.anthropic.com"}]',
    },
    {
      id: 'NET-CILIUM-005', name: 'a hand-written FQDN policy allows DNS without the proxy rule',
      manifests: [cnp({ egress: [{ toEndpoints: DNS_PROXY.toEndpoints, toPorts: [{ ports: DNS_PROXY.toPorts[0].ports }] }, { toFQDNs: [{ matchName: 'api.anthropic.com' }] }] })],
      field: 'spec.egress[1].toFQDNs', value: '[{"matchName":"api.anthropic.com"}]',
    },
    {
      id: 'NET-CILIUM-006', name: 'one egress rule combines toFQDNs and toEndpoints',
      manifests: [cnp({ egress: [DNS_PROXY, { toFQDNs: [{ matchName: 'a.example.com' }], toEndpoints: [{}] }] })], field: 'spec.egress[1]', value: '["toFQDNs","toEndpoints"]',
    },
    {
      id: 'NET-CILIUM-007', name: 'toPorts rules are empty',
      manifests: [cnp({ egress: [{ toEntities: ['world'], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: {} }] }] })], field: 'spec.egress[0].toPorts[0].rules', value: '{}',
    },
    {
      id: 'NET-CILIUM-007', name: 'toPorts rules have both http and dns',
      manifests: [cnp({ egress: [{ ...DNS_PROXY, toPorts: [{ ...DNS_PROXY.toPorts[0], rules: { http: [{}], dns: [{ matchPattern: '*' }] } }] }] })], field: 'spec.egress[0].toPorts[0].rules', value: '{"http":[{}],',
    },
    {
      id: 'NET-CILIUM-008', name: 'DNS rules on ingress',
      manifests: [cnp({ ingress: [{ fromEntities: ['cluster'], toPorts: DNS_PROXY.toPorts }] })], field: 'spec.ingress[0].toPorts[0].rules.dns', value: '[{"matchPattern":"*"}]',
    },
    {
      id: 'NET-CILIUM-008', name: 'DNS rules without ports',
      manifests: [cnp({ egress: [{ toEndpoints: DNS_PROXY.toEndpoints, toPorts: [{ rules: { dns: [{ matchPattern: '*' }] } }] }] })], field: 'spec.egress[0].toPorts[0].rules.dns', value: '[{"matchPattern":"*"}]',
    },
    {
      id: 'NET-CILIUM-008', name: 'DNS rules on a port range',
      manifests: [cnp({ egress: [{ toEndpoints: DNS_PROXY.toEndpoints, toPorts: [{ ports: [{ port: '53', endPort: 54, protocol: 'UDP' }], rules: { dns: [{ matchPattern: '*' }] } }] }] })],
      field: 'spec.egress[0].toPorts[0].rules.dns', value: '[{"matchPattern":"*"}]',
    },
    { id: 'NET-CILIUM-009', name: 'a Cilium port is 70000', manifests: [cnp({ egress: [{ toEntities: ['world'], toPorts: [{ ports: [{ port: '70000' }] }] }] })], field: 'spec.egress[0].toPorts[0].ports[0].port', value: '"70000"' },
    {
      id: 'NET-CILIUM-009', name: 'EgressPort.tcp(443, 70000) with Cilium',
      build: (c) => cilium(c, [Egress.cidr('10.0.0.0/8', { ports: [EgressPort.tcp(443, 70000)] })]), path: EGRESS, field: 'spec.egress[1].toPorts[0].ports[0].endPort', value: '70000',
    },
    {
      id: 'NET-CILIUM-009', name: '41 ports in one toPorts entry',
      manifests: [cnp({ egress: [{ toEntities: ['world'], toPorts: [{ ports: Array.from({ length: 41 }, (_, i) => ({ port: String(8000 + i) })) }] }] })], field: 'spec.egress[0].toPorts[0].ports', value: '41',
    },
    { id: 'NET-CILIUM-010', name: 'a toCIDR entry has no prefix length', manifests: [cnp({ egress: [{ toCIDR: ['203.0.113.7'] }] })], field: 'spec.egress[0].toCIDR[0]', value: '"203.0.113.7"' },
    {
      id: 'NET-CILIUM-010', name: 'Egress.cidr() with Cilium and an exception outside the block',
      build: (c) => cilium(c, [Egress.cidr('10.0.0.0/8', { except: ['192.168.0.0/16'] })]), path: EGRESS, field: 'spec.egress[1].toCIDRSet[0].except[0]', value: '"192.168.0.0/16"',
    },
    {
      id: 'NET-CILIUM-010', name: 'a CIDR set entry has both cidr and cidrGroupRef',
      manifests: [cnp({ egress: [{ toCIDRSet: [{ cidr: '10.0.0.0/8', cidrGroupRef: 'office' }] }] })], field: 'spec.egress[0].toCIDRSet[0]', value: '{"cidr":"10.0.0.0/8"',
    },

    // --- the app
    {
      id: 'NET-APP-001', name: 'two EgressPolicies select one agent',
      build: (c) => {
        const a = agent(c);
        new EgressPolicy(c, 'first', { agents: [a], allow: [Egress.namespace('data')] });
        new EgressPolicy(c, 'second', { agents: [a], allow: [Egress.cidr('0.0.0.0/0')] });
      },
      path: 'test/second', field: 'spec.podSelector', value: '"Service/agents/agent"',
    },
    {
      id: 'NET-APP-001', name: 'a NetworkPolicy and a CiliumNetworkPolicy select one Deployment\'s pods',
      manifests: [
        deployment('worker', { app: 'worker' }),
        egressTo([{ ipBlock: { cidr: '10.0.0.0/8' } }]),
        { ...cnp({ egress: [{ toEntities: ['world'] }] }, 'worker-world'), spec: { endpointSelector: { matchLabels: { 'k8s:app': 'worker' } }, egress: [{ toEntities: ['world'] }] } },
      ],
      path: 'manifest#2', field: 'spec.endpointSelector', value: '"Deployment/agents/worker"',
    },
    {
      id: 'NET-INGRESS-001', name: 'an ingress policy on a Knative Service admits only its own namespace',
      manifests: [ksvc('triage'), ingressFrom([{ podSelector: {} }])], path: 'manifest#1', field: 'spec.ingress', value: '"Service/agents/triage"',
    },
    {
      id: 'NET-INGRESS-001', name: 'an ingress policy admits the serving namespace on 8080 only',
      manifests: [ksvc('triage'), ingressFrom([SERVING], [{ port: 8080 }])], path: 'manifest#1', field: 'spec.ingress', value: '"Service/agents/triage"',
    },
  ],
  passes: [
    { name: 'a NetworkPolicy for one agent, with DNS only', build: (c) => policy(c) },
    {
      name: 'a NetworkPolicy with every destination a plain engine can express',
      build: (c) => {
        profile(c, { network: { apiServerCidrs: ['10.0.0.1/32'], apiServerPort: 6443 } });
        const other = agent(c, 'other');
        policy(c, {
          allow: [
            Egress.cidr('10.0.0.0/8', { except: ['10.1.0.0/16'], ports: [EgressPort.tcp(5432), EgressPort.tcp(8000, 8100)] }),
            Egress.namespace('observability', { ports: [EgressPort.tcp(4317), EgressPort.udp(8125)] }),
            Egress.kubernetesApi(),
            Egress.agent(other),
            Egress.agent(worker(c)),
          ],
        });
      },
    },
    {
      name: 'a CiliumNetworkPolicy with hosts, wildcards and the API server (no CIDRs needed)',
      build: (c) => cilium(c, [
        Egress.fqdn('api.anthropic.com'), Egress.fqdn('*.atlassian.net'), Egress.fqdn('**.githubusercontent.com'), Egress.fqdn('_ldap._tcp.example.com'),
        Egress.kubernetesApi(), Egress.cidr('10.0.0.0/8', { ports: [EgressPort.tcp(0, 65535)] }), Egress.namespace('data'), Egress.agent(worker(c)),
      ]),
    },
    { name: 'Egress.agent() to a plain workload with its port', build: (c) => policy(c, { allow: [Egress.agent(worker(c), { ports: [EgressPort.tcp(8080)] })] }) },
    { name: 'a CiliumNetworkPolicy that allows nothing (egress: [{}])', build: (c) => cilium(c, [], { dns: false }) },
    { name: 'two Knative agents and a worker in one policy, with the ingress lockdown', build: (c) => policy(c, { agents: [agent(c, 'a'), agent(c, 'b'), worker(c)], ingress: IngressLockdown.KNATIVE_AND_EVENTING }) },
    {
      name: 'two policies on different agents, and a deny-all policy over the namespace',
      build: (c) => {
        policy(c, { agents: [agent(c, 'a')], allow: [Egress.namespace('data')] }, 'a-egress');
        policy(c, { agents: [agent(c, 'b')], allow: [Egress.namespace('data')] }, 'b-egress');
        new ApiObject(c, 'deny', np({ policyTypes: ['Egress'] }, 'deny-all-egress'));
      },
    },
    { name: 'a NetworkPolicy with a named port, a port range and a strict exception', manifests: [egressTo([{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/9'] } }], [{ port: 'https' }, { port: 8000, endPort: 8000 }])] },
    { name: 'egress rules with policyTypes left to default', manifests: [np({ egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } }] }] })] },
    { name: 'an IPv6 block with an IPv6 exception', manifests: [egressTo([{ ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] } }])] },
    { name: 'the DNS proxy rule in another policy of the namespace', manifests: [cnp({ egress: [{ toFQDNs: [{ matchPattern: '*.example.com' }] }] }), cnp({ egress: [DNS_PROXY] }, 'dns')] },
    {
      name: 'the DNS proxy rule in a cluster-wide policy, with specs',
      manifests: [
        { ...cnp({}), spec: undefined, specs: [{ endpointSelector: {}, egress: [{ toFQDNs: [{ matchName: 'example.com.' }] }] }] },
        { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'dns' }, spec: { endpointSelector: {}, egress: [DNS_PROXY] } },
      ],
    },
    { name: 'a cluster-wide policy selecting nodes', manifests: [{ apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'host' }, spec: { nodeSelector: {}, ingress: [{ fromEntities: ['cluster'] }] } }] },
    { name: 'a Cilium port name, port 0 without L7 rules and an endPort', manifests: [cnp({ egress: [{ toEntities: ['world'], toPorts: [{ ports: [{ port: 'https' }, { port: '0', protocol: 'ANY' }, { port: '8000', endPort: 8100 }] }] }] })] },
    {
      name: 'a NetworkPolicy and an ingress-only policy on one Deployment',
      manifests: [deployment('worker', { app: 'worker' }), egressTo([{ ipBlock: { cidr: '10.0.0.0/8' } }]), np({ podSelector: { matchLabels: { app: 'worker' } }, policyTypes: ['Ingress'] }, 'worker-ingress')],
    },
    {
      name: 'an ingress policy admitting the serving namespace without port limits',
      manifests: [ksvc('triage'), ingressFrom([SERVING])],
    },
    {
      name: 'an ingress policy admitting labelled system namespaces (not judged from manifests)',
      manifests: [ksvc('triage'), ingressFrom([{ namespaceSelector: { matchLabels: { 'knative.dev/system': 'true' } } }], [{ port: 8012 }, { port: 9090 }])],
    },
    { name: 'an ingress policy on other pods of the namespace', manifests: [ksvc('triage'), ingressFrom([], undefined, { matchLabels: { app: 'db' } })] },
  ],
};
