// The rules of EgressPolicy props: what no manifest can show.
import { defineRules } from '../engine/rule';

/** Props of EgressPolicy that no manifest can show. */
export const EGRESS_POLICY_RULES = defineRules({
  NO_AGENTS: {
    id: 'NET-EGRESS-001',
    title: 'an EgressPolicy selects at least one agent',
    why: 'The policy\'s pod selector is built from its agents; without one it would lock nothing down (or, as an empty selector, every pod of the namespace).',
    fix: 'pass `agents: [agent]`, or call `policy.addAgent(agent)`',
    upstream: 'library contract: EgressPolicy selects IAgentWorkload pods',
    effect: 'ignored',
  },
  NAMESPACES: {
    id: 'NET-EGRESS-002',
    title: 'the agents of one EgressPolicy are in one namespace',
    why: 'A NetworkPolicy (and a CiliumNetworkPolicy) selects pods of its own namespace only: agents in another namespace would keep unrestricted egress.',
    fix: 'create one EgressPolicy per namespace (the `allow` list can be shared)',
    upstream: 'networking.k8s.io/v1 NetworkPolicySpec.podSelector ("selects pods in the same namespace"); CNP endpointSelector is namespaced',
    effect: 'ignored',
  },
  FQDN_NEEDS_CILIUM: {
    id: 'NET-EGRESS-003',
    title: '`Egress.fqdn()` needs `engine: PolicyEngine.CILIUM`',
    why: 'A NetworkPolicy can allow IP blocks and pods, never host names: the host would stay denied. Pinning its current IPs breaks when they change (model APIs sit behind CDNs).',
    fix: 'set `engine: PolicyEngine.CILIUM` (a CiliumNetworkPolicy with `toFQDNs` and the DNS proxy rule that lets Cilium learn the names), or use `Egress.cidr()` with ranges the provider publishes',
    upstream: 'networking.k8s.io/v1 NetworkPolicyPeer has podSelector, namespaceSelector and ipBlock only; CNP toFQDNs (crd:cilium/ciliumnetworkpolicies.yaml#L418-476)',
    effect: 'runtime',
  },
  API_SERVER_CIDRS: {
    id: 'NET-EGRESS-004',
    title: '`Egress.kubernetesApi()` with a NetworkPolicy needs the API server CIDRs of the ClusterProfile',
    why: 'A NetworkPolicy reaches the API server by the IPs of its endpoints, which differ per cluster; without them the agent\'s API calls would be dropped.',
    fix: 'declare them: `new ClusterProfile(app, \'cluster\', { network: { apiServerCidrs: [\'10.0.0.10/32\'], apiServerPort: 6443 } })` (`kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes`), or use `engine: PolicyEngine.CILIUM` (`toEntities: [kube-apiserver]`)',
    upstream: 'Kubernetes NetworkPolicy docs: policies apply after the Service translation, so the `kubernetes` Service IP does not match',
    effect: 'runtime',
  },
  NAMESPACE_NAME: {
    id: 'NET-EGRESS-005',
    title: '`Egress.namespace()` names a namespace (a DNS-1123 label)',
    why: 'The rule selects the namespace by its `kubernetes.io/metadata.name` label; a name no namespace can have selects nothing, so nothing is allowed.',
    fix: 'give the namespace name as `kubectl get ns` shows it (lowercase letters, digits, `-`)',
    upstream: 'kube-apiserver sets kubernetes.io/metadata.name to the namespace name (NamespaceDefaultLabelName, 1.21+)',
    effect: 'ignored',
  },
  SELECTORS: {
    id: 'NET-EGRESS-006',
    title: 'the agents of one EgressPolicy can share one label selector',
    why: 'Agents whose pod labels have the same keys are selected together (`key In [a, b]`); when more than one key differs, any one selector would also select other pods and deny their egress.',
    fix: 'create one EgressPolicy per agent (the `allow` list can be shared)',
    upstream: 'networking.k8s.io/v1 NetworkPolicySpec.podSelector is one LabelSelector',
    effect: 'ignored',
  },
  KNATIVE_AGENT_PORTS: {
    id: 'NET-EGRESS-007',
    title: '`Egress.agent()` to a Knative agent takes no ports',
    why: 'Requests to a Knative agent go to the networking layer\'s gateways and the activator, on their own ports (Kourier 8081/8444, the activator 8012/8013), never to the agent\'s port: a port given here would block them.',
    fix: 'leave out `ports` for a Knative agent (the rule already allows only its gateways and activator)',
    upstream: 'Knative Serving request path: cluster-local Service (ExternalName) → ingress gateway → activator or queue-proxy',
    effect: 'runtime',
  },
  INGRESS_WITHOUT_LOCKDOWN: {
    id: 'NET-EGRESS-008',
    title: '`ingressFrom` needs an ingress lockdown',
    why: 'With `ingress: IngressLockdown.NONE` no ingress policy is rendered, so the sources listed in `ingressFrom` restrict nothing: every pod may still connect.',
    fix: 'leave `ingress` unset (IngressLockdown.KNATIVE is then the default) or set IngressLockdown.KNATIVE / KNATIVE_AND_EVENTING',
    upstream: 'library contract: the ingress allow-list is rendered into the `<name>-ingress` NetworkPolicy',
    effect: 'ignored',
  },
  ENTITY_NEEDS_CILIUM: {
    id: 'NET-EGRESS-009',
    title: '`IngressFrom.ciliumIngress()` needs `ingressEngine: PolicyEngine.CILIUM`',
    why: 'Cilium\'s Ingress and Gateway API forward requests from its Envoy as the reserved `ingress` identity. A NetworkPolicy has no way to name it: its peers are pods, namespaces and IP blocks, and Cilium does not match IP blocks against in-cluster identities, so the lockdown would drop every request the controller forwards.',
    fix: 'set `ingressEngine: PolicyEngine.CILIUM` (the lockdown becomes a CiliumNetworkPolicy with `fromEntities: [ingress]`), or admit the controller another way if it is not Cilium\'s',
    upstream: 'cilium Documentation/network/servicemesh/ingress-reference.rst ("Cilium\'s ingress config and CiliumNetworkPolicy": the `ingress` identity), Documentation/security/policy/layer3.rst ("Entities based"; "IP/CIDR based": CIDR selectors do not match in-cluster entities); networking.k8s.io/v1 NetworkPolicyPeer (podSelector, namespaceSelector, ipBlock only)',
    effect: 'runtime',
  },
});
