// Triggers and near misses of the NetworkPolicy rules (NET-POLICY-*, NET-PORT-*, NET-PEER-*),
// from EgressPolicy synth and hand-written manifests.
import { Egress, EgressPort } from '../../lib';
import { EGRESS, egressTo, np, policy } from './fixtures';
import { RuleCases } from '../support/rule-cases';

export const CASES: RuleCases = {
  triggers: [
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
      id: 'NET-POLICY-003', name: 'a null expression in a peer\'s pod selector (the API server decodes the zero requirement: key ""), not SCHEMA-002',
      manifests: [egressTo([{ podSelector: { matchExpressions: [null] } }])], field: 'spec.egress[0].to[0].podSelector.matchExpressions[0].key', value: '""',
    },
    { id: 'SCHEMA-002', name: 'a pod selector label value is a number (the decoding fails; not NET-POLICY-003 too)', manifests: [np({ podSelector: { matchLabels: { app: 5 } } })], field: 'spec.podSelector.matchLabels.app', value: '5' },
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
    { id: 'NET-PORT-002', name: 'a range starts at a named port', manifests: [egressTo([{ namespaceSelector: {} }], [{ port: 'https', endPort: 8443 }])], field: 'spec.egress[0].ports[0].endPort', value: '8443' },
    { id: 'NET-PORT-002', name: 'endPort without port', manifests: [egressTo([{ namespaceSelector: {} }], [{ endPort: 8443 }])], field: 'spec.egress[0].ports[0].endPort', value: '8443' },
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
  ],
  passes: [
    { name: 'a NetworkPolicy with a named port, a port range and a strict exception', manifests: [egressTo([{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/9'] } }], [{ port: 'https' }, { port: 8000, endPort: 8000 }])] },
    { name: 'egress rules with policyTypes left to default', manifests: [np({ egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } }] }] })] },
    { name: 'a pod selector label value written as null (the API server decodes it as "", a valid label value)', manifests: [np({ podSelector: { matchLabels: { app: null } } })] },
    { name: 'an IPv6 block with an IPv6 exception', manifests: [egressTo([{ ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] } }])] },
  ],
};
