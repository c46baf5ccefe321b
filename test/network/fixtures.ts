// Builders shared by the network cases and tests: agents, workloads and
// EgressPolicies with constructs, and hand-written NetworkPolicy and Cilium manifests.
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AgentKnativeService, ClusterProfile, ClusterProfileProps, Egress, EgressPolicy, EgressPolicyProps, IAgentWorkload, PolicyEngine,
} from '../../lib';

export const IMAGE = 'ghcr.io/acme/agent:1.4.2';
export const EGRESS = 'test/egress';

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

export function profile(chart: Chart, props: ClusterProfileProps): void {
  new ClusterProfile(chart.node.root as Construct, 'cluster', props);
}

export const cilium = (chart: Chart, allow: Egress[], props: Partial<EgressPolicyProps> = {}) => policy(chart, { engine: PolicyEngine.CILIUM, allow, ...props });

// --- hand-written manifests

export const meta = (name: string, namespace = 'agents') => ({ name, namespace });
export const np = (spec: object, name = 'allow', namespace = 'agents') => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(name, namespace), spec: { podSelector: {}, ...spec },
});
export const cnp = (spec: object, name = 'allow', namespace = 'agents') => ({
  apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: meta(name, namespace), spec: { endpointSelector: {}, ...spec },
});
/** A CiliumClusterwideNetworkPolicy (not namespaced). */
export const ccnp = (spec: object, name = 'allow') => ({
  apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name }, spec: { endpointSelector: {}, ...spec },
});
export const DNS_PROXY = {
  toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }],
  toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }], rules: { dns: [{ matchPattern: '*' }] } }],
};
export const egressTo = (to: object[], ports?: object[]) => np({ policyTypes: ['Egress'], egress: [{ to, ports }] });
export const fqdn = (selector: object) => cnp({ egress: [DNS_PROXY, { toFQDNs: [selector] }] });
export const ksvc = (name: string, namespace = 'agents') => ({
  apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name, namespace },
  spec: { template: { spec: { containers: [{ image: IMAGE }] } } },
});
export const deployment = (name: string, labels: Record<string, string>) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'agents' },
  spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'w', image: IMAGE, resources: { requests: { cpu: '100m' }, limits: { cpu: '1' } } }] } } },
});
export const ingressFrom = (from: object[], ports?: object[], podSelector: object = { matchLabels: { 'serving.knative.dev/service': 'triage' } }) =>
  np({ podSelector, policyTypes: ['Ingress'], ingress: [{ from, ports }] }, 'triage-ingress');
export const SERVING = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'knative-serving' } } };
