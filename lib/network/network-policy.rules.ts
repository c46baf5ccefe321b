// The rules of a `networking.k8s.io/v1` NetworkPolicy manifest.
//
// Upstream references:
//   K8S = kubernetes/kubernetes pkg/apis/networking/validation/validation.go (commit 019c5dc)
//   LSV = k8s.io/apimachinery pkg/apis/meta/v1/validation/validation.go (ValidateLabelSelector)
import { defineRules } from '../engine/rule';

/** A `networking.k8s.io/v1` NetworkPolicy, as the API server validates it. */
export const NETWORK_POLICY_RULES = defineRules({
  NAME: {
    id: 'NET-POLICY-001',
    title: 'a NetworkPolicy name is a DNS-1123 subdomain (at most 253 characters)',
    why: 'The API server rejects the object.',
    fix: 'use lowercase letters, digits, `-` and `.` (the EgressPolicy `name` prop; its ingress policy appends `-ingress`)',
    yamlFix: 'set `metadata.name` to lowercase letters, digits, `-` and `.`, at most 253 characters',
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
  },
  PORT: {
    id: 'NET-PORT-001',
    title: 'a policy port is 1-65535 or a port name, with protocol TCP, UDP or SCTP',
    why: 'The API server rejects the object.',
    fix: 'use `EgressPort.tcp(443)` (or udp/sctp) with a port in [1, 65535]; a named port is at most 15 lowercase letters, digits and `-`, with a letter',
    yamlFix: 'write `{ protocol: TCP, port: 443 }` (or UDP/SCTP) with a port in [1, 65535]; a named port is at most 15 lowercase letters, digits and `-`, with a letter',
    upstream: 'K8S ValidateNetworkPolicyPort (IsValidPortNum, IsValidPortName)',
    effect: 'reject',
  },
  END_PORT: {
    id: 'NET-PORT-002',
    title: '`endPort` needs a numeric `port` and is in [port, 65535]',
    why: 'The API server rejects a range that ends before it starts, ends above 65535, or starts at a named port.',
    fix: 'use `EgressPort.tcp(8000, 8100)` with the first port not above the last',
    yamlFix: 'write `{ protocol: TCP, port: 8000, endPort: 8100 }` with `port` numeric and not above `endPort`',
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
    yamlFix: 'write `ipBlock.cidr` (and each `except` entry) as `address/prefix`, e.g. `203.0.113.7/32`',
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
