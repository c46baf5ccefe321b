// Triggers and near misses of the network rules over the whole app (NET-APP-*, NET-INGRESS-*).
import { ApiObject } from 'cdk8s';
import { Egress, EgressPolicy } from '../../lib';
import { agent, cnp, deployment, egressTo, ingressFrom, ksvc, np, policy, SERVING } from './fixtures';
import { RuleCases } from '../support/rule-cases';

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'NET-APP-001', name: 'two EgressPolicies select one agent',
      build: (c) => {
        const a = agent(c);
        new EgressPolicy(c, 'first', { agents: [a], allow: [Egress.namespace('data')] });
        new EgressPolicy(c, 'second', { agents: [a], allow: [Egress.publicInternet()] });
      },
      path: 'test/second', field: 'spec.podSelector', value: '"Service/agents/agent"',
    },
    {
      id: 'NET-APP-001', name: 'a NetworkPolicy and a CiliumNetworkPolicy select one Deployment\'s pods',
      manifests: [
        deployment('worker', { app: 'worker' }),
        egressTo([{ ipBlock: { cidr: '10.0.0.0/8' } }]),
        { ...cnp({ egress: [{ toEntities: ['cluster'] }] }, 'worker-world'), spec: { endpointSelector: { matchLabels: { 'k8s:app': 'worker' } }, egress: [{ toEntities: ['cluster'] }] } },
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
    {
      name: 'two policies on different agents, and a deny-all policy over the namespace',
      build: (c) => {
        policy(c, { agents: [agent(c, 'a')], allow: [Egress.namespace('data')] }, 'a-egress');
        policy(c, { agents: [agent(c, 'b')], allow: [Egress.namespace('data')] }, 'b-egress');
        new ApiObject(c, 'deny', np({ policyTypes: ['Egress'] }, 'deny-all-egress'));
      },
    },
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
