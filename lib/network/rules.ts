// The rule catalogue of network policies: EgressPolicy props, NetworkPolicy
// and CiliumNetworkPolicy manifests, and rules over the whole app.
//
// Upstream references:
//   K8S = kubernetes/kubernetes pkg/apis/networking/validation/validation.go (commit 019c5dc)
//   LSV = k8s.io/apimachinery pkg/apis/meta/v1/validation/validation.go (ValidateLabelSelector)
//   CNP = crd:cilium/ciliumnetworkpolicies.yaml (../shared/crds, cilium commit 02904c9)
//   CRV = cilium/cilium pkg/policy/api/rule_validation.go (commit 02904c9)
//   CMP = cilium/cilium pkg/fqdn/matchpattern/matchpattern.go
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
});

/** A `networking.k8s.io/v1` NetworkPolicy, as the API server validates it. */
export const NETWORK_POLICY_RULES = defineRules({
  NAME: {
    id: 'NET-POLICY-001',
    title: 'a NetworkPolicy name is a DNS-1123 subdomain (at most 253 characters)',
    why: 'The API server rejects the object.',
    fix: 'use lowercase letters, digits, `-` and `.` (the EgressPolicy `name` prop; its ingress policy appends `-ingress`)',
    upstream: 'K8S ValidateNetworkPolicyName (NameIsDNSSubdomain)',
    effect: 'reject',
  },
  POLICY_TYPES: {
    id: 'NET-POLICY-002',
    title: '`policyTypes` holds at most `Ingress` and `Egress`',
    why: 'The API server rejects any other value, and more than two entries.',
    fix: 'write `policyTypes: [Egress]`, `[Ingress]` or `[Ingress, Egress]` (capitalized)',
    upstream: 'K8S ValidateNetworkPolicySpec (policyTypes)',
    effect: 'reject',
  },
  SELECTOR: {
    id: 'NET-POLICY-003',
    title: 'pod and namespace selectors are valid label selectors',
    why: 'The API server rejects label keys and values of the wrong syntax, an unknown operator, `In`/`NotIn` without values and `Exists`/`DoesNotExist` with values.',
    fix: 'use qualified label keys, label values of at most 63 characters, and operators In, NotIn, Exists, DoesNotExist',
    upstream: 'LSV ValidateLabelSelector, ValidateLabelSelectorRequirement; called from K8S ValidateNetworkPolicySpec and ValidateNetworkPolicyPeer',
    effect: 'reject',
  },
  UNUSED_RULES: {
    id: 'NET-POLICY-004',
    title: 'egress (ingress) rules are ignored when `policyTypes` omits Egress (Ingress)',
    why: 'With `policyTypes` set, the policy only affects the directions it lists: rules of another direction are accepted and never enforced.',
    fix: 'add the direction to `policyTypes`, or remove the rules',
    upstream: 'networking.k8s.io/v1 NetworkPolicySpec.policyTypes ("If this field is not specified, it will default based on the existence of ingress or egress rules")',
    effect: 'ignored',
    severity: 'warning',
  },
  PORT: {
    id: 'NET-PORT-001',
    title: 'a policy port is 1-65535 or a port name, with protocol TCP, UDP or SCTP',
    why: 'The API server rejects the object.',
    fix: 'use `EgressPort.tcp(443)` (or udp/sctp) with a port in [1, 65535]; a named port is at most 15 lowercase letters, digits and `-`, with a letter',
    upstream: 'K8S ValidateNetworkPolicyPort (IsValidPortNum, IsValidPortName)',
    effect: 'reject',
  },
  END_PORT: {
    id: 'NET-PORT-002',
    title: '`endPort` needs a numeric `port` and is in [port, 65535]',
    why: 'The API server rejects a range that ends before it starts, ends above 65535, or starts at a named port.',
    fix: 'use `EgressPort.tcp(8000, 8100)` with the first port not above the last',
    upstream: 'K8S ValidateNetworkPolicyPort (endPort)',
    effect: 'reject',
  },
  PEER: {
    id: 'NET-PEER-001',
    title: 'a policy peer names a pod selector, a namespace selector (or both), or an ipBlock alone',
    why: 'The API server rejects an empty peer and an ipBlock combined with a selector.',
    fix: 'split the peer: one entry with the ipBlock, another with the selectors',
    upstream: 'K8S ValidateNetworkPolicyPeer',
    effect: 'reject',
  },
  CIDR: {
    id: 'NET-PEER-002',
    title: '`ipBlock.cidr` and `ipBlock.except` entries are CIDRs',
    why: 'The API server rejects an address without a prefix length, a prefix length out of range and IPv4 octets with leading zeros.',
    fix: 'write `address/prefix`, e.g. `Egress.cidr(\'203.0.113.7/32\')`',
    upstream: 'K8S ValidateIPBlock (IsValidCIDRForLegacyField)',
    effect: 'reject',
  },
  EXCEPT: {
    id: 'NET-PEER-003',
    title: 'each `ipBlock.except` entry is a strict subset of `cidr`',
    why: 'The API server rejects an exception outside the block, of the other address family, or as large as the block.',
    fix: 'list only smaller blocks inside `cidr` in `except`',
    upstream: 'K8S ValidateIPBlock ("must be a strict subset of `cidr`")',
    effect: 'reject',
  },
});

/** A `cilium.io/v2` CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy: CRD schema rules the compact schema does not check, and the agent's own. */
export const CILIUM_RULES = defineRules({
  RULE_SHAPE: {
    id: 'NET-CILIUM-001',
    title: 'a Cilium policy rule has one of endpointSelector or nodeSelector, and some ingress or egress section',
    why: 'The CRD schema rejects a rule with neither or both selectors, or without any of ingress, ingressDeny, egress, egressDeny; the agent refuses nodeSelector in a namespaced CiliumNetworkPolicy (status Valid=False).',
    fix: 'give `endpointSelector` (namespaced policies) and at least one of `egress`/`ingress` (`egress: [{}]` denies all egress)',
    upstream: 'CNP#L55-81 (anyOf, oneOf); CRV Rule.Sanitize; cilium pkg/k8s/apis/cilium.io/v2/cnp_types.go Validate (nodeSelector)',
    effect: 'reject',
  },
  FQDN_SELECTOR: {
    id: 'NET-CILIUM-002',
    title: 'an FQDN selector has exactly one of matchName or matchPattern',
    why: 'The CRD schema (oneOf) rejects an entry with neither or both.',
    fix: 'use `matchName` for one host, `matchPattern` for a wildcard',
    upstream: 'CNP#L418-476 (toFQDNs), CNP#L739-786 (rules.dns)',
    effect: 'reject',
  },
  FQDN_SYNTAX: {
    id: 'NET-CILIUM-003',
    title: 'an FQDN is a bare DNS name (matchName) or wildcard pattern (matchPattern)',
    why: 'The CRD schema rejects anything but letters, digits, `-`, `_` and dots between labels (and `*` in matchPattern), at most 255 characters; a scheme, path, port or empty label is refused.',
    fix: 'give the host alone, `api.anthropic.com` (ports go in `ports`); wildcards `*.example.com` (one level) or `**.example.com` (any depth) need matchPattern (`Egress.fqdn` picks it)',
    upstream: 'CNP#L444-457, #L754-767 (patterns, maxLength); CMP prevalidate',
    effect: 'reject',
  },
  FQDN_DOUBLE_STAR: {
    id: 'NET-CILIUM-004',
    title: '`**` is a multi-level wildcard only as the leading `**.` prefix',
    why: 'Elsewhere Cilium collapses `**` to `*`, which matches within one label: `api.**.example.com` does not match `api.a.b.example.com`.',
    fix: 'write `**.example.com` for any depth, or spell out each level with `*`',
    upstream: 'CMP escapeRegexpCharacters; CNP#L451-476 (matchPattern doc, example 4)',
    effect: 'ignored',
    severity: 'warning',
  },
  DNS_PROXY: {
    id: 'NET-CILIUM-005',
    title: 'a policy with `toFQDNs` also sends DNS through Cilium\'s DNS proxy',
    why: 'Cilium learns which IPs a name has from the DNS answers its proxy sees; without an egress rule with `toPorts[].rules.dns` for the same pods, `toFQDNs` rules never match and the hosts stay denied.',
    fix: 'keep `dns: true` on the EgressPolicy, or add an egress rule to kube-dns port 53 with `rules: { dns: [{ matchPattern: "*" }] }`',
    upstream: 'CNP#L418-432 (toFQDNs: "An explicit rule to allow for DNS traffic is needed"); other-crd-rules.md §5',
    effect: 'ignored',
    severity: 'warning',
  },
  L3_MIX: {
    id: 'NET-CILIUM-006',
    title: 'one egress rule uses one kind of destination (toFQDNs, toEndpoints, toCIDR, toCIDRSet, toEntities, ...)',
    why: 'The agent refuses a rule that combines them ("combining ToFQDNs and ToEndpoints is not supported yet"): the whole policy is not applied (status Valid=False).',
    fix: 'put each kind of destination in its own egress rule',
    upstream: 'CRV EgressCommonRule.sanitize, IngressCommonRule.sanitize (l3Members)',
    effect: 'runtime',
  },
  L7_RULES: {
    id: 'NET-CILIUM-007',
    title: '`toPorts[].rules` has exactly one of http or dns',
    why: 'The CRD schema (oneOf) rejects rules with both, or with neither.',
    fix: 'split HTTP and DNS rules into two toPorts entries, or remove the empty `rules`',
    upstream: 'CNP#L724-738; CRV L7Rules.sanitize',
    effect: 'reject',
  },
  DNS_RULES: {
    id: 'NET-CILIUM-008',
    title: 'DNS rules are egress only, on explicit ports (53), without port ranges or port 0',
    why: 'The agent refuses the policy (status Valid=False): DNS rules on ingress, DNS rules without ports, with an endPort range or with port 0.',
    fix: 'write `toPorts: [{ ports: [{ port: "53", protocol: UDP }, { port: "53", protocol: TCP }], rules: { dns: [...] } }]` in an egress rule',
    upstream: 'CRV PortRule.sanitize ("DNS rules are not allowed on ingress", "L7 rules can not be used when a port is 0"), L7Rules.sanitize ("port 53 must be specified"), PortProtocol.sanitize ("DNS rules do not support port ranges")',
    effect: 'runtime',
  },
  PORTS: {
    id: 'NET-CILIUM-009',
    title: 'Cilium ports are 0-65535 (as a string) or a port name, at most 40 per entry',
    why: 'The CRD schema rejects a port outside the pattern, an endPort outside 0-65535 and more than 40 ports in one `toPorts` entry.',
    fix: 'write `port: "443"` (a string) and split long port lists',
    upstream: 'CNP#L684-723; CRV PortRule.sanitize (maxPorts 40)',
    effect: 'reject',
  },
  CIDR: {
    id: 'NET-CILIUM-010',
    title: 'Cilium CIDRs are valid and `except` entries lie inside their `cidr`',
    why: 'The CRD schema rejects a malformed CIDR and a CIDR set entry without exactly one of cidr, cidrGroupRef, cidrGroupSelector; the agent refuses an exception outside its block.',
    fix: 'write `address/prefix` and list only blocks inside `cidr` in `except`',
    upstream: 'CNP#L184-323 (toCIDR, toCIDRSet); CRV CIDRRule.sanitize',
    effect: 'reject',
  },
});

/** Rules over every object of the app or the checked files. */
export const NETWORK_APP_RULES = defineRules({
  OVERLAP: {
    id: 'NET-APP-001',
    title: 'an agent is selected by at most one egress policy',
    why: 'Network policies add up: a second policy selecting the same pods silently widens what the first allows.',
    fix: 'put every destination of the agent in one EgressPolicy (`policy.allow(...)`), or acknowledge the warning on the second policy with the reason',
    upstream: 'Kubernetes NetworkPolicy semantics ("policies are additive"); Cilium policy semantics (rules are OR-ed)',
    effect: 'ignored',
    severity: 'warning',
  },
  KNATIVE_INGRESS: {
    id: 'NET-INGRESS-001',
    title: 'an ingress policy on a Knative Service\'s pods admits the activator and the autoscaler',
    why: 'Requests reach a Knative revision through the activator (always from zero) on port 8012/8013, and the autoscaler scrapes port 9090; blocking them leaves the agent unreachable or never scaled. A NetworkPolicy without `policyTypes` always restricts ingress too, even when it only lists egress rules.',
    fix: 'use `ingress: IngressLockdown.KNATIVE` on the EgressPolicy, or admit pods `app: activator` and `app: autoscaler` of the serving namespace on ports 8012, 8013 and 9090; an egress-only policy says `policyTypes: [Egress]`',
    upstream: 'knative serving pkg/networking/constants.go (BackendHTTPPort 8012, BackendHTTP2Port 8013, AutoscalingQueueMetricsPort 9090); knative.dev/docs serving/istio-authorization',
    effect: 'runtime',
    severity: 'warning',
  },
});
