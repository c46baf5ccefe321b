// The Cilium policy checks on hand-written manifests.
import { fqdnProblem, misplacedDoubleStar } from '../../lib/network/cilium-network-policy.validator';
import { idsOf, manifestErrors } from '../support/rule-cases';
import { cnp, DNS_PROXY } from './fixtures';

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
