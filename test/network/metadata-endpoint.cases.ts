// Triggers and near misses of NET-METADATA-001 (egress reaching 169.254.169.254),
// from EgressPolicy synth and hand-written NetworkPolicy and Cilium manifests.
import { Egress, EgressPort, PolicyEngine } from '../../lib';
import { cilium, cnp, EGRESS, egressTo, np, policy } from './fixtures';
import { RuleCases } from '../support/rule-cases';

const ID = 'NET-METADATA-001';

export const CASES: RuleCases = {
  triggers: [
    {
      id: ID, name: 'Egress.cidr(0.0.0.0/0) without exceptions',
      build: (c) => policy(c, { allow: [Egress.cidr('0.0.0.0/0')] }), path: EGRESS, field: 'spec.egress[1].to[0].ipBlock', value: '{"ipBlock":{"cidr":"0.0.0.0/0"}}',
    },
    {
      id: ID, name: 'a Cilium toCIDRSet 0.0.0.0/0 excepts only the private ranges',
      build: (c) => cilium(c, [Egress.cidr('0.0.0.0/0', { except: ['10.0.0.0/8'], ports: [EgressPort.tcp(80)] })]), path: EGRESS, field: 'spec.egress[1].toCIDRSet[0]', value: '{"cidr":"0.0.0.0/0"',
    },
    { id: ID, name: 'a NetworkPolicy egress rule has no `to` (every destination)', manifests: [np({ policyTypes: ['Egress'], egress: [{}] })], field: 'spec.egress[0]', value: '{}' },
    { id: ID, name: 'an ipBlock 169.254.0.0/16 on a port range through 80', manifests: [egressTo([{ ipBlock: { cidr: '169.254.0.0/16' } }], [{ port: 1, endPort: 1024 }])], field: 'spec.egress[0].to[0].ipBlock', value: '{"ipBlock":{"cidr":"169.254.0.0/16"}}' },
    { id: ID, name: 'a Cilium rule allows the world entity', manifests: [cnp({ egress: [{ toEntities: ['world'] }] })], field: 'spec.egress[0].toEntities', value: '["world"]' },
    { id: ID, name: 'a Cilium toCIDR names the endpoint itself', manifests: [cnp({ egress: [{ toCIDR: ['169.254.169.254/32'] }] })], field: 'spec.egress[0].toCIDR[0]', value: '"169.254.169.254/32"' },
    { id: ID, name: 'a Cilium rule has ports and no destination', manifests: [cnp({ egress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }] })], field: 'spec.egress[0].toPorts', value: '[{"ports"' },
  ],
  passes: [
    { name: 'Egress.publicInternet() (NetworkPolicy)', build: (c) => policy(c, { allow: [Egress.publicInternet({ ports: [EgressPort.tcp(80), EgressPort.tcp(443)] })] }) },
    { name: 'Egress.publicInternet() (Cilium)', build: (c) => policy(c, { engine: PolicyEngine.CILIUM, allow: [Egress.publicInternet()] }) },
    { name: '0.0.0.0/0 on port 443 only', manifests: [egressTo([{ ipBlock: { cidr: '0.0.0.0/0' } }], [{ port: 443 }])] },
    { name: '0.0.0.0/0 except 169.254.169.254/32', manifests: [egressTo([{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }])] },
    { name: 'an ingress-only policy with an allow-all egress list it does not enforce', manifests: [np({ policyTypes: ['Ingress'], ingress: [{}] })] },
    { name: 'a Cilium deny-all `{}` rule', manifests: [cnp({ egress: [{}] })] },
    { name: 'a Cilium world rule on port 443 only', manifests: [cnp({ egress: [{ toEntities: ['world'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }] })] },
    { name: 'a Cilium world rule with the endpoint denied', manifests: [cnp({ egress: [{ toEntities: ['world'] }], egressDeny: [{ toCIDR: ['169.254.169.254/32'] }] })] },
    { name: 'a UDP-only rule to everywhere', manifests: [egressTo([{ ipBlock: { cidr: '0.0.0.0/0' } }], [{ protocol: 'UDP', port: 80 }])] },
  ],
};
