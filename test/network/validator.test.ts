// The NetworkPolicy and Cilium policy checks on hand-written manifests.
import { fqdnProblem, misplacedDoubleStar } from '../../lib/network/validator';
import { idsOf, manifestErrors } from '../support/rule-cases';
import { cnp, DNS_PROXY, np } from './network.cases';

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

describe('Cilium policies', () => {
  test('the DNS-based policy of the Cilium docs passes', () => {
    expect(manifestErrors([{
      apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'fqdn' },
      spec: {
        endpointSelector: { matchLabels: { org: 'empire', class: 'mediabot' } },
        egress: [
          { toFQDNs: [{ matchName: 'api.github.com' }] },
          { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }] },
        ],
      },
    }])).toEqual([]);
  });

  test('a cluster-wide policy is checked with the same rules', () => {
    const lines = manifestErrors([{ apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'c' }, spec: { endpointSelector: {}, egress: [{ toCIDR: ['10.0.0.1'] }] } }]);
    expect(idsOf(lines)).toEqual(['NET-CILIUM-010']);
  });

  test('ingress sections: fromCIDR and mixed peers', () => {
    const lines = manifestErrors([cnp({ ingress: [{ fromCIDR: ['10.0.0.0/40'], fromEntities: ['world'] }] })]);
    expect(lines.map((l) => l.split(': ').slice(0, 2).join(': '))).toEqual([
      'error [NET-CILIUM-006] manifest#0: spec.ingress[0] = ["fromCIDR","fromEntities"]',
      'error [NET-CILIUM-010] manifest#0: spec.ingress[0].fromCIDR[0] = "10.0.0.0/40"',
    ]);
  });

  test('a DNS proxy rule for other pods of the namespace does not count', () => {
    const other = { ...cnp({ egress: [DNS_PROXY] }, 'dns'), spec: { endpointSelector: { matchLabels: { app: 'other' } }, egress: [DNS_PROXY] } };
    const fqdn = { ...cnp({}), spec: { endpointSelector: { matchLabels: { app: 'agent' } }, egress: [{ toFQDNs: [{ matchName: 'a.example.com' }] }] } };
    expect(idsOf(manifestErrors([fqdn, other]))).toEqual(['NET-CILIUM-005']);
    expect(idsOf(manifestErrors([fqdn, { ...other, metadata: { name: 'dns', namespace: 'elsewhere' }, spec: { ...other.spec, endpointSelector: {} } }]))).toEqual(['NET-CILIUM-005']);
  });

  test('garbage is reported, never thrown', () => {
    const lines = manifestErrors([{ ...cnp({}), spec: { endpointSelector: {}, egress: [null, { toPorts: [null, { ports: 'x', rules: 3 }], toFQDNs: [null] }] }, specs: 'x' }]);
    expect(lines.filter((l) => l.includes('ENGINE-001'))).toEqual([]);
  });
});

describe('fqdnProblem', () => {
  test.each([
    ['api.anthropic.com', false], ['api.anthropic.com.', false], ['_ldap._tcp.example.com', false], ['localhost', false],
    ['*.example.com', true], ['**.example.com', true], ['*', true], ['sub*.example.com', true], ['*example.com', true],
  ])('%s is accepted (pattern: %s)', (value, pattern) => {
    expect(fqdnProblem(value, pattern)).toBeUndefined();
  });

  test.each([
    ['https://api.anthropic.com', false, 'has a scheme: give the host name alone'],
    ['api.anthropic.com/v1', false, 'has a path: give the host name alone'],
    ['api.anthropic.com:443', false, 'has a port: give the host name alone, ports in `ports`'],
    ['api .example.com', false, 'contains white space'],
    ['*.example.com', false, 'a wildcard needs matchPattern'],
    ['.example.com', true, 'has an empty label (a leading dot or two dots in a row)'],
    ['a..example.com', false, 'has an empty label (a leading dot or two dots in a row)'],
    ['ex(a)mple.com', true, '"(" is not allowed (letters, digits, `-`, `_`, `.` and `*`)'],
    ['', false, 'empty'],
    [`${'a'.repeat(252)}.com`, false, '256 characters, at most 255'],
  ])('%s (pattern: %s): %s', (value, pattern, problem) => {
    expect(fqdnProblem(value, pattern as boolean)).toBe(problem);
  });
});

describe('misplacedDoubleStar', () => {
  test.each([['**.example.com', false], ['***.example.com', false], ['*.example.com', false], ['api.**.example.com', true], ['**example.com', true], ['**.a.**.com', true]])('%s: %s', (p, want) => {
    expect(misplacedDoubleStar(p)).toBe(want);
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
