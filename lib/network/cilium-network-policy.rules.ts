// The rules of `cilium.io/v2` CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy manifests.
//
// Upstream references:
//   CNP = crd:cilium/ciliumnetworkpolicies.yaml (../shared/crds, cilium commit 02904c9)
//   CRV = cilium/cilium pkg/policy/api/rule_validation.go (commit 02904c9)
//   CMP = cilium/cilium pkg/fqdn/matchpattern/matchpattern.go
import { defineRules } from '../engine/rule';

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
    yamlFix: 'write the host alone in `matchName`, `api.anthropic.com` (ports go in `toPorts`); wildcards `*.example.com` (one level) or `**.example.com` (any depth) go in `matchPattern`',
    upstream: 'CNP#L444-457, #L754-767 (patterns, maxLength); CMP prevalidate',
    effect: 'reject',
  },
  FQDN_DOUBLE_STAR: {
    id: 'NET-CILIUM-004',
    title: '`**` is a multi-level wildcard only as the leading `**.` prefix',
    why: 'Elsewhere Cilium collapses `**` to `*`, which matches within one label: `api.**.example.com` does not match `api.a.b.example.com`.',
    fix: 'write `**.example.com` for any depth, or spell out each level with `*`',
    upstream: 'CMP escapeRegexpCharacters; CNP#L451-476 (matchPattern doc, example 4)',
    effect: 'altered',
    severity: 'warning',
  },
  DNS_PROXY: {
    id: 'NET-CILIUM-005',
    title: 'a policy with `toFQDNs` also sends DNS through Cilium\'s DNS proxy',
    why: 'Cilium learns which IPs a name has from the DNS answers its proxy sees; without an egress rule with `toPorts[].rules.dns` for the same pods, `toFQDNs` rules never match and the hosts stay denied.',
    fix: 'keep `dns: true` on the EgressPolicy, or add an egress rule to kube-dns port 53 with `rules: { dns: [{ matchPattern: "*" }] }`',
    yamlFix: 'add an egress rule to kube-dns on port 53 (UDP and TCP) with `toPorts: [{ ports: [...], rules: { dns: [{ matchPattern: "*" }] } }]`',
    upstream: 'CNP#L418-432 (toFQDNs: "An explicit rule to allow for DNS traffic is needed"); other-crd-rules.md §5',
    effect: 'ignored',
    severity: 'warning',
    openWorld: `another CiliumNetworkPolicy (or a clusterwide one) applied from elsewhere may send the pods' DNS through the proxy`,
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
