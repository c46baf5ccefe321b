// CIDR notation as Kubernetes and Cilium parse it (Go's net.ParseCIDR /
// netip.ParsePrefix): used by network policies and the cluster settings.
// Pure: no Node modules, so settings may use it.

/** A parsed CIDR: address family, address bytes (4 or 16) and prefix length. */
export interface Cidr {
  readonly family: 4 | 6;
  readonly bytes: readonly number[];
  readonly prefix: number;
}

/** Why a string is not a CIDR, or undefined when it is one (`10.0.0.0/8`, `fd00::/64`). */
export function cidrProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'not a string';
  const slash = value.indexOf('/');
  if (slash < 0) return ipBytes(value) ? 'an address without a prefix length (write e.g. /32 or /128)' : 'not an address/prefix pair such as 10.0.0.0/8';
  const address = value.slice(0, slash);
  const prefix = value.slice(slash + 1);
  const family = ipBytes(address)?.length === 4 ? 4 : ipBytes(address) ? 6 : 0;
  if (family === 0) {
    return /^\d+(\.\d+){3}$/.test(address) && address.split('.').some((o) => o.length > 1 && o.startsWith('0'))
      ? 'an IPv4 octet has a leading zero (ambiguous: octal or decimal)'
      : `"${address}" is not an IP address`;
  }
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128)) return `the prefix length must be 0-${family === 4 ? 32 : 128}`;
  return undefined;
}

/** Parses a CIDR; undefined when `cidrProblem` has something to say. */
export function parseCidr(value: unknown): Cidr | undefined {
  if (cidrProblem(value) !== undefined) return undefined;
  const [address, prefix] = (value as string).split('/');
  const bytes = ipBytes(address)!;
  return { family: bytes.length === 4 ? 4 : 6, bytes, prefix: Number(prefix) };
}

/** Whether `inner` lies inside `outer` (same family, first `outer.prefix` bits equal, at least as long a prefix). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  for (let bit = 0; bit < outer.prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((outer.bytes[bit >> 3] & mask) !== (inner.bytes[bit >> 3] & mask)) return false;
  }
  return true;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

/** The bytes of an IPv4 (4) or IPv6 (16) address, or undefined when it is neither. */
function ipBytes(address: string): number[] | undefined {
  if (!address.includes(':')) {
    const octets = address.split('.');
    return octets.length === 4 && octets.every((o) => OCTET.test(o)) ? octets.map(Number) : undefined;
  }
  let text = address;
  const tailV4 = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let v4: number[] | undefined;
  if (tailV4) {
    v4 = ipBytes(tailV4[1]);
    if (!v4) return undefined;
    text = `${text.slice(0, tailV4.index)}:0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): string[] | undefined => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  if (!left || !right || ![...left, ...right].every((g) => HEXTET.test(g))) return undefined;
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const words = [...left, ...new Array(halves.length === 2 ? missing : 0).fill('0'), ...right].map((g) => parseInt(g, 16));
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (v4) bytes.splice(12, 4, ...v4);
  return bytes;
}

/** Whether a string is an IP address as Go's ParseIPSloppy reads it (IPv4 octets may have leading zeros). */
export function isIpAddress(s: string): boolean {
  if (ipBytes(s)) return true;
  const octets = s.split('.');
  return octets.length === 4 && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}
/**
 * Address ranges that are not the public internet: RFC 1918 private ranges,
 * carrier-grade NAT (RFC 6598), loopback, link-local (where clouds serve
 * instance metadata, 169.254.169.254), "this network" 0.0.0.0/8; for IPv6
 * loopback, unique-local (fc00::/7), link-local (fe80::/10) and IPv4-mapped
 * addresses (which would reach the IPv4 ranges).
 */
export const NON_PUBLIC_CIDRS: { readonly ipv4: readonly string[]; readonly ipv6: readonly string[] } = {
  ipv4: ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16'],
  ipv6: ['::1/128', '::ffff:0:0/96', 'fc00::/7', 'fe80::/10'],
};

/** The cloud instance metadata endpoint (AWS, GCP, Azure, OpenStack), served on port 80 from the link-local range. */
export const METADATA_ENDPOINT = parseCidr('169.254.169.254/32')!;
