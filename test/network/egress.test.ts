import { Egress, EgressPort, PortProtocol } from '../../lib';

describe('EgressPort', () => {
  test('tcp, udp and sctp give the protocol, the port and an optional range end', () => {
    expect([EgressPort.tcp(443), EgressPort.udp(53), EgressPort.sctp(9899, 9900)].map((p) => [p.protocol, p.port, p.endPort])).toEqual([
      [PortProtocol.TCP, 443, undefined], [PortProtocol.UDP, 53, undefined], [PortProtocol.SCTP, 9899, 9900],
    ]);
  });

  test('prints as port/protocol, a range as first-last/protocol', () => {
    expect([String(EgressPort.tcp(443)), String(EgressPort.tcp(8000, 8100))]).toEqual(['443/TCP', '8000-8100/TCP']);
  });
});

describe('Egress', () => {
  test('Egress.fqdn defaults to HTTPS (443/TCP); the other destinations to every port', () => {
    expect(String(Egress.fqdn('api.anthropic.com'))).toBe('fqdn api.anthropic.com 443/TCP');
    expect(String(Egress.cidr('10.0.0.0/8'))).toBe('cidr 10.0.0.0/8');
    expect(String(Egress.namespace('data'))).toBe('namespace data');
    expect(String(Egress.kubernetesApi())).toBe('kubernetesApi');
    expect(String(Egress.agent({ name: 'search', podSelector: {}, servedByKnative: true }))).toBe('agent search');
  });

  test('explicit ports replace the default; an empty list is every port', () => {
    expect(String(Egress.fqdn('smtp.example.com', { ports: [EgressPort.tcp(587)] }))).toBe('fqdn smtp.example.com 587/TCP');
    expect(String(Egress.fqdn('example.com', { ports: [] }))).toBe('fqdn example.com');
  });

  test('two equal destinations have one key (allow() de-duplicates by it)', () => {
    expect(Egress.cidr('10.0.0.0/8', { ports: [EgressPort.tcp(5432)] })._key).toBe(Egress.cidr('10.0.0.0/8', { ports: [EgressPort.tcp(5432)] })._key);
    expect(Egress.cidr('10.0.0.0/8')._key).not.toBe(Egress.cidr('10.0.0.0/8', { ports: [EgressPort.tcp(5432)] })._key);
    const w = { name: 'w', namespace: 'agents', podSelector: { app: 'w' }, servedByKnative: false };
    expect(Egress.agent(w)._key).toBe(Egress.agent({ ...w })._key);
  });

  test('factories never throw on wrong types from JavaScript (EgressPolicy reports them)', () => {
    expect(() => [Egress.fqdn(undefined as any, null as any), Egress.cidr(3 as any, undefined), Egress.agent(null as any), String(Egress.agent(null as any))]).not.toThrow();
  });
});
