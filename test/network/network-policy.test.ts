// The NetworkPolicy checks on hand-written manifests.
import { idsOf, manifestErrors } from '../support/rule-cases';
import { np } from './fixtures';

describe('NetworkPolicy', () => {
  test('the samples of the Kubernetes docs pass', () => {
    expect(manifestErrors([
      np({ policyTypes: ['Egress'] }, 'default-deny-egress'),
      np({ policyTypes: ['Ingress', 'Egress'] }, 'default-deny-all'),
      np({
        podSelector: { matchLabels: { role: 'db' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{
          from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } }, { namespaceSelector: { matchLabels: { project: 'myproject' } } }, { podSelector: { matchLabels: { role: 'frontend' } } }],
          ports: [{ protocol: 'TCP', port: 6379 }],
        }],
        egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 32000, endPort: 32768 }] }],
      }, 'test-network-policy'),
    ])).toEqual([]);
  });

  test('ingress peers and ports are checked like egress ones', () => {
    const lines = manifestErrors([np({ policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, namespaceSelector: {} }], ports: [{ port: 0 }] }] })]);
    expect(lines.map((l) => l.split(': ').slice(0, 2).join(': '))).toEqual([
      'error [NET-PORT-001] manifest#0: spec.ingress[0].ports[0].port = 0',
      'error [NET-PEER-001] manifest#0: spec.ingress[0].from[0] = ["namespaceSelector","ipBlock"]',
    ]);
  });

  test('reports every mistake of one policy at once', () => {
    const lines = manifestErrors([np({
      podSelector: { matchLabels: { app: 'a b' } },
      policyTypes: ['Egress', 'egress'],
      egress: [{ to: [{}, { ipBlock: { cidr: '10.0.0.0/8', except: ['11.0.0.0/16', 'x'] } }], ports: [{ port: 99999, protocol: 'tcp', endPort: 1 }] }],
    }, 'Bad_Name')]);
    // Like the API server: a bad port and an endPort below it are two errors.
    expect(idsOf(lines)).toEqual(['NET-PEER-001', 'NET-PEER-002', 'NET-PEER-003', 'NET-POLICY-001', 'NET-POLICY-002', 'NET-POLICY-003', 'NET-PORT-001', 'NET-PORT-002']);
    expect(lines).toHaveLength(9);
  });

  test('garbage is reported, never thrown', () => {
    const lines = manifestErrors([np({ podSelector: 'all', egress: 'none', ingress: [null, { from: 3, ports: [null] }], policyTypes: 'Egress' })]);
    expect(lines.filter((l) => l.includes('ENGINE-001'))).toEqual([]);
  });
});

describe('NetworkPolicy fields', () => {
  test('fails if a field is not in the NetworkPolicy schema (SCHEMA-001): a misspelt policyTypes would be pruned', () => {
    const lines = manifestErrors([np({ policyType: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', excepts: [] }, podSelector: undefined }], port: [{ port: 443 }] }] })]);
    expect(lines.map((l) => l.split(': ').slice(0, 2).join(': '))).toEqual([
      'error [SCHEMA-001] manifest#0: spec.policyType = ["Egress"]',
      'error [SCHEMA-001] manifest#0: spec.egress[0].to[0].ipBlock.excepts = []',
      'error [SCHEMA-001] manifest#0: spec.egress[0].port = [{"port":443}]',
    ]);
    expect(lines[0]).toContain('"policyType" is not in the NetworkPolicy schema');
  });

  test('metadata and selector fields are not flagged', () => {
    expect(manifestErrors([{ ...np({ podSelector: { matchLabels: { a: 'b' }, matchExpressions: [{ key: 'c', operator: 'Exists' }] } }), metadata: { name: 'x', namespace: 'agents', labels: { a: 'b' }, annotations: { c: 'd' } } }])).toEqual([]);
  });
});
