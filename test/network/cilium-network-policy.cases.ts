// Triggers and near misses of the Cilium policy rules (NET-CILIUM-*), from EgressPolicy
// synth and hand-written CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy manifests.
import { Egress, EgressPort } from '../../lib';
import { cilium, cnp, DNS_PROXY, EGRESS, fqdn } from './fixtures';
import { RuleCases } from '../support/rule-cases';

export const CASES: RuleCases = {
  triggers: [
    { id: 'NET-CILIUM-001', name: 'a Cilium policy has no egress or ingress section', manifests: [cnp({})], field: 'spec', value: '[]' },
    {
      id: 'NET-CILIUM-001', name: 'a namespaced Cilium policy selects nodes',
      manifests: [{ ...cnp({ egress: [{ toEntities: ['cluster'] }] }), spec: { nodeSelector: {}, egress: [{ toEntities: ['cluster'] }] } }], field: 'spec.nodeSelector', value: '{}',
    },
    {
      id: 'NET-CILIUM-001', name: 'a rule of specs has both selectors',
      manifests: [{ ...cnp({}), spec: undefined, specs: [{ endpointSelector: {}, nodeSelector: {}, egress: [{ toEntities: ['cluster'] }] }] }], field: 'specs[0]', value: '["endpointSelector","nodeSelector"]',
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
      manifests: [cnp({ egress: [{ toEntities: ['cluster'], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: {} }] }] })], field: 'spec.egress[0].toPorts[0].rules', value: '{}',
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
    { id: 'NET-CILIUM-009', name: 'a Cilium port is 70000', manifests: [cnp({ egress: [{ toEntities: ['cluster'], toPorts: [{ ports: [{ port: '70000' }] }] }] })], field: 'spec.egress[0].toPorts[0].ports[0].port', value: '"70000"' },
    {
      id: 'NET-CILIUM-009', name: 'EgressPort.tcp(443, 70000) with Cilium',
      build: (c) => cilium(c, [Egress.cidr('10.0.0.0/8', { ports: [EgressPort.tcp(443, 70000)] })]), path: EGRESS, field: 'spec.egress[1].toPorts[0].ports[0].endPort', value: '70000',
    },
    {
      id: 'NET-CILIUM-009', name: '41 ports in one toPorts entry',
      manifests: [cnp({ egress: [{ toEntities: ['cluster'], toPorts: [{ ports: Array.from({ length: 41 }, (_, i) => ({ port: String(8000 + i) })) }] }] })], field: 'spec.egress[0].toPorts[0].ports', value: '41',
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
  ],
  passes: [
    { name: 'the DNS proxy rule in another policy of the namespace', manifests: [cnp({ egress: [{ toFQDNs: [{ matchPattern: '*.example.com' }] }] }), cnp({ egress: [DNS_PROXY] }, 'dns')] },
    {
      name: 'the DNS proxy rule in a cluster-wide policy, with specs',
      manifests: [
        { ...cnp({}), spec: undefined, specs: [{ endpointSelector: {}, egress: [{ toFQDNs: [{ matchName: 'example.com.' }] }] }] },
        { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'dns' }, spec: { endpointSelector: {}, egress: [DNS_PROXY] } },
      ],
    },
    { name: 'a cluster-wide policy selecting nodes', manifests: [{ apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'host' }, spec: { nodeSelector: {}, ingress: [{ fromEntities: ['cluster'] }] } }] },
    { name: 'a Cilium port name, port 0 without L7 rules and an endPort', manifests: [cnp({ egress: [{ toEntities: ['cluster'], toPorts: [{ ports: [{ port: 'https' }, { port: '0', protocol: 'ANY' }, { port: '8000', endPort: 8100 }] }] }] })] },
  ],
};
