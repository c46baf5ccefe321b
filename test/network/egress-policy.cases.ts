// Triggers and near misses of the EgressPolicy props (NET-EGRESS-*).
import { Egress, EgressPort, IngressController, IngressFrom, IngressLockdown, PolicyEngine } from '../../lib';
import { agent, cilium, EGRESS, policy, profile, worker } from './fixtures';
import { RuleCases } from '../support/rule-cases';

export const CASES: RuleCases = {
  triggers: [
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
    {
      id: 'NET-EGRESS-008', name: 'ingressFrom is given with `ingress: IngressLockdown.NONE`',
      build: (c) => policy(c, { ingress: IngressLockdown.NONE, ingressFrom: [IngressFrom.ingressController(IngressController.TRAEFIK)] }), path: EGRESS, field: 'ingress', value: '"none"',
    },
    {
      id: 'NET-EGRESS-009', name: 'Cilium\'s Ingress is admitted by a NetworkPolicy lockdown (the default ingressEngine)',
      build: (c) => policy(c, { ingressFrom: [IngressFrom.ciliumIngress()] }), path: `${EGRESS} (NetworkPolicy/egress)`, field: 'ingressFrom[0]', value: '"Cilium entity ingress"',
    },
  ],
  passes: [
    { name: 'Cilium\'s Ingress admitted by a CiliumNetworkPolicy lockdown', build: (c) => policy(c, { ingressEngine: PolicyEngine.CILIUM, ingressFrom: [IngressFrom.ciliumIngress()] }) },
    { name: 'Cilium\'s Ingress on a plain workload\'s port, both policies Cilium\'s', build: (c) => policy(c, { agents: [worker(c)], engine: PolicyEngine.CILIUM, ingressEngine: PolicyEngine.CILIUM, ingressFrom: [IngressFrom.ciliumIngress({ ports: [EgressPort.tcp(8080)] })] }) },
    { name: 'ingressFrom without `ingress` (the KNATIVE lockdown is the default)', build: (c) => policy(c, { ingressFrom: [IngressFrom.namespace('github-ai-agents'), IngressFrom.monitoring()] }) },
    { name: 'ingressFrom on a plain workload with KNATIVE_AND_EVENTING', build: (c) => policy(c, { agents: [worker(c)], ingress: IngressLockdown.KNATIVE_AND_EVENTING, ingressFrom: [IngressFrom.pods({ app: 'web' })] }) },
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
  ],
};
