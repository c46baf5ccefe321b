import { cidrContains, cidrProblem, parseCidr } from '../../lib/k8s/cidr';

describe('cidrProblem: CIDR notation as Go parses it', () => {
  test.each(['10.0.0.0/8', '0.0.0.0/0', '203.0.113.7/32', '10.0.0.1/24', 'fd00::/64', '::/0', '2001:db8::1/128', '::ffff:10.0.0.1/128', '1:2:3:4:5:6:7:8/128'])('%s is a CIDR', (c) => {
    expect(cidrProblem(c)).toBeUndefined();
  });

  test.each([
    ['10.0.0.1', 'an address without a prefix length (write e.g. /32 or /128)'],
    ['010.0.0.0/8', 'an IPv4 octet has a leading zero (ambiguous: octal or decimal)'],
    ['10.0.0.0/33', 'the prefix length must be 0-32'],
    ['fd00::/129', 'the prefix length must be 0-128'],
    ['10.0.0.0/', 'the prefix length must be 0-32'],
    ['256.0.0.0/8', '"256.0.0.0" is not an IP address'],
    ['1::2::3/64', '"1::2::3" is not an IP address'],
    ['1:2:3:4:5:6:7:8:9/64', '"1:2:3:4:5:6:7:8:9" is not an IP address'],
    ['api.example.com/32', '"api.example.com" is not an IP address'],
    ['10.0.0.0/8/9', 'the prefix length must be 0-32'],
    ['', 'not an address/prefix pair such as 10.0.0.0/8'],
  ])('%s: %s', (c, problem) => {
    expect(cidrProblem(c)).toBe(problem);
  });

  test('a non-string is not a CIDR', () => {
    expect([cidrProblem(10), cidrProblem(undefined)]).toEqual(['not a string', 'not a string']);
  });
});

describe('cidrContains', () => {
  const c = (s: string) => parseCidr(s)!;
  test.each([
    ['10.0.0.0/8', '10.1.0.0/16', true], ['10.0.0.0/8', '10.0.0.0/8', true], ['10.0.0.0/8', '11.0.0.0/16', false], ['10.0.0.0/16', '10.0.0.0/8', false],
    ['0.0.0.0/0', '203.0.113.0/24', true], ['2001:db8::/32', '2001:db8:ffff::/48', true], ['2001:db8::/32', '2001:db9::/48', false], ['10.0.0.0/8', '::/0', false],
    ['::ffff:0:0/96', '::ffff:10.0.0.0/104', true],
  ])('%s contains %s: %s', (outer, inner, want) => {
    expect(cidrContains(c(outer), c(inner))).toBe(want);
  });
});
