// Triggers and near misses of the network rules over the whole app (NET-APP-*, NET-INGRESS-*).
import { ApiObject } from 'cdk8s';
import { Egress, EgressPolicy } from '../../lib';
import { agent, ccnp, cnp, deployment, DNS_PROXY, egressTo, ingressFrom, ksvc, np, policy, SERVING } from './fixtures';
import { IngressFrom, IngressLockdown, PolicyEngine } from '../../lib';

/** A CiliumNetworkPolicy with these ingress rules on the pods of the Knative Service `triage`. */
const ciliumIngress = (ingress: object[], extra: object = {}) => cnp({ endpointSelector: { matchLabels: { 'serving.knative.dev/service': 'triage' } }, ingress, ...extra }, 'triage-ingress');
const CILIUM_SERVING = { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'knative-serving' } };
/** A CiliumClusterwideNetworkPolicy with these ingress rules on every Knative Service's pods, of any namespace. */
const clusterwideIngress = (ingress: object[], extra: object = {}) => ccnp({ endpointSelector: { matchExpressions: [{ key: 'k8s:serving.knative.dev/service', operator: 'Exists' }] }, ingress, ...extra }, 'knative-ingress');
const KNATIVE_COMPONENTS = [{ matchLabels: { 'k8s:app': 'activator' } }, { matchLabels: { 'k8s:app': 'autoscaler' } }];
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
      id: 'NET-INGRESS-001', name: 'a CiliumNetworkPolicy on a Knative Service admits only its own namespace (no namespace label)',
      manifests: [ksvc('triage'), ciliumIngress([{ fromEndpoints: [{ matchLabels: { 'k8s:app': 'activator' } }] }])], path: 'manifest#1', field: 'spec.ingress', value: '"Service/agents/triage"',
    },
    {
      id: 'NET-INGRESS-001', name: 'a CiliumNetworkPolicy denies all ingress (`ingress: [{}]`)',
      manifests: [ksvc('triage'), ciliumIngress([{}])], path: 'manifest#1', field: 'spec.ingress', value: '"Service/agents/triage"',
    },
    {
      id: 'NET-INGRESS-001', name: 'a CiliumNetworkPolicy admits the activator and autoscaler on 8080 only, and the world by CIDR',
      manifests: [ksvc('triage'), ciliumIngress([{ fromEndpoints: [CILIUM_SERVING], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }, { fromCIDRSet: [{ cidr: '0.0.0.0/0' }] }])],
      path: 'manifest#1', field: 'spec.ingress', value: '"Service/agents/triage"',
    },
    {
      id: 'NET-INGRESS-001', name: 'a CiliumClusterwideNetworkPolicy selects a Knative Service of any namespace and admits only the `ingress` entity (Cilium\'s Envoy)',
      manifests: [ksvc('triage'), clusterwideIngress([{ fromEntities: ['ingress'] }])], path: 'manifest#1', field: 'spec.ingress', value: '"Service/agents/triage"',
    },
    {
      id: 'NET-INGRESS-001', name: 'a CiliumClusterwideNetworkPolicy\'s second rule (specs[1]) selects the pods by their namespace and admits pods `app: db` only',
      manifests: [ksvc('triage'), { ...ccnp({}, 'agents-ingress'), spec: undefined, specs: [
        { endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'other' } }, ingress: [{}] },
        { endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'agents' } }, ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:app': 'db' } }] }] },
      ] }],
      path: 'manifest#1', field: 'specs[1].ingress', value: '"Service/agents/triage"',
    },
    {
      id: 'NET-INGRESS-001', name: 'an ingress policy admits the serving namespace on 8080 only',
      manifests: [ksvc('triage'), ingressFrom([SERVING], [{ port: 8080 }])], path: 'manifest#1', field: 'spec.ingress', value: '"Service/agents/triage"',
    },
  ],
  passes: [
    {
      name: 'an EgressPolicy and a CiliumClusterwideNetworkPolicy (the cluster\'s DNS-egress baseline for every pod) on one agent: cluster-wide policies are not counted',
      build: (c) => {
        policy(c, { agents: [agent(c)], allow: [Egress.namespace('data')] });
        new ApiObject(c, 'baseline', ccnp({ egress: [DNS_PROXY] }, 'dns-egress'));
      },
    },
    {
      name: 'a NetworkPolicy and a CiliumClusterwideNetworkPolicy selecting the Deployment\'s pods by their labels and namespace',
      manifests: [
        deployment('worker', { app: 'worker' }),
        egressTo([{ ipBlock: { cidr: '10.0.0.0/8' } }]),
        ccnp({ endpointSelector: { matchLabels: { 'k8s:app': 'worker', 'k8s:io.kubernetes.pod.namespace': 'agents' } }, egress: [{ toEntities: ['cluster'] }] }, 'worker-cluster'),
      ],
    },
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
    {
      name: 'an EgressPolicy whose ingress lockdown is a CiliumNetworkPolicy (ingressEngine CILIUM), with sources',
      build: (c) => { policy(c, { agents: [agent(c, 'a')], allow: [], ingressEngine: PolicyEngine.CILIUM, ingress: IngressLockdown.KNATIVE, ingressFrom: [IngressFrom.cidr('10.0.0.0/8')] }, 'a-egress'); },
    },
    {
      name: 'a CiliumNetworkPolicy admitting the serving namespace on 8012 and 9090',
      manifests: [ksvc('triage'), ciliumIngress([{ fromEndpoints: [CILIUM_SERVING], toPorts: [{ ports: [{ port: '8012', protocol: 'TCP' }, { port: '9090', protocol: 'TCP' }] }] }])],
    },
    { name: 'a CiliumNetworkPolicy admitting the cluster entity', manifests: [ksvc('triage'), ciliumIngress([{ fromEntities: ['cluster'] }])] },
    { name: 'a CiliumNetworkPolicy with ports and no peer (every source on them, a range)', manifests: [ksvc('triage'), ciliumIngress([{ toPorts: [{ ports: [{ port: '8000', endPort: 9100, protocol: 'TCP' }] }] }])] },
    { name: 'a CiliumNetworkPolicy whose ingress rules do not turn default deny on', manifests: [ksvc('triage'), ciliumIngress([{}], { enableDefaultDeny: { ingress: false } })] },
    { name: 'an egress-only CiliumNetworkPolicy on the Knative pods', manifests: [ksvc('triage'), cnp({ endpointSelector: { matchLabels: { 'serving.knative.dev/service': 'triage' } }, egress: [{}] }, 'triage-egress')] },
    { name: 'a CiliumNetworkPolicy in the serving namespace\'s own selector (same namespace as the activator)', manifests: [ksvc('triage', 'knative-serving'), { ...ciliumIngress([{ fromEndpoints: [{ matchLabels: { 'k8s:app': 'activator' } }, { matchLabels: { app: 'autoscaler' } }] }]), metadata: { name: 'triage-ingress', namespace: 'knative-serving' } }] },
    {
      name: 'a CiliumClusterwideNetworkPolicy admitting the activator and autoscaler without a namespace label (every namespace, unlike a CiliumNetworkPolicy)',
      manifests: [ksvc('triage'), clusterwideIngress([{ fromEndpoints: KNATIVE_COMPONENTS }])],
    },
    {
      name: 'a CiliumClusterwideNetworkPolicy denying ingress to another namespace\'s pods',
      manifests: [ksvc('triage'), ccnp({ endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'other' } }, ingress: [{}] }, 'other-deny')],
    },
    {
      name: 'a cluster-wide default deny, and a CiliumNetworkPolicy that admits the serving namespace without turning default deny on',
      manifests: [ksvc('triage'), ccnp({ ingress: [{}] }, 'default-deny'), ciliumIngress([{ fromEndpoints: [CILIUM_SERVING] }], { enableDefaultDeny: { ingress: false } })],
    },
    { name: 'a CiliumClusterwideNetworkPolicy admitting the `all` entity and the Cilium Ingress', manifests: [ksvc('triage'), clusterwideIngress([{ fromEntities: ['ingress'] }, { fromEntities: ['all'] }])] },
  ],
};
