// Whether a policy's egress reaches the cloud metadata endpoint
// (NET-METADATA-001): NetworkPolicy and Cilium rules alike. Pure.
import { cidrContains, METADATA_ENDPOINT, parseCidr } from '../k8s/cidr';
import { FindingList } from '../engine/rule';
import { arr as list, JsonObject, objOrEmpty as obj } from '../engine/json';
import { METADATA_ENDPOINT_RULES as M } from './metadata-endpoint.rules';

const METADATA_PORT = 80;
const present = (v: unknown) => v !== undefined && v !== null;

/** Whether a CIDR with these exceptions contains the metadata endpoint. */
function blockReaches(cidr: unknown, except: unknown): boolean {
  const outer = parseCidr(cidr);
  if (!outer || !cidrContains(outer, METADATA_ENDPOINT)) return false;
  return !list(except).some((e) => {
    const inner = parseCidr(e);
    return inner !== undefined && cidrContains(inner, METADATA_ENDPOINT);
  });
}

/** Whether a port entry admits TCP 80: no number (a name) cannot be judged, so it admits. */
function portAdmits80(value: unknown, protocols: readonly unknown[]): boolean {
  const p = obj(value);
  if (!protocols.includes(p.protocol ?? 'TCP')) return false;
  const port = typeof p.port === 'string' && /^\d+$/.test(p.port) ? Number(p.port) : p.port;
  if (typeof port !== 'number' || port === 0) return true;
  return typeof p.endPort === 'number' && p.endPort > port ? port <= METADATA_PORT && METADATA_PORT <= p.endPort : port === METADATA_PORT;
}

/** NET-METADATA-001 over a NetworkPolicy's egress rules (when it restricts egress). */
export function checkNetworkPolicyMetadata(spec: JsonObject, out: FindingList): void {
  const types = spec.policyTypes;
  if (Array.isArray(types) && !types.includes('Egress')) return;
  list(spec.egress).forEach((raw, i) => {
    const r = obj(raw);
    const ports = list(r.ports);
    if (ports.length > 0 && !ports.some((p) => portAdmits80(p, ['TCP']))) return;
    const to = list(r.to);
    if (to.length === 0) return out.add(M.METADATA, `spec.egress[${i}]`, raw ?? {}, 'the rule has no `to`: every destination, 169.254.169.254 included, on port 80');
    to.forEach((peer, j) => {
      const block = obj(obj(peer).ipBlock);
      if (present(obj(peer).ipBlock) && blockReaches(block.cidr, block.except)) {
        out.add(M.METADATA, `spec.egress[${i}].to[${j}].ipBlock`, peer, `${String(block.cidr)} contains 169.254.169.254 and no exception removes it`);
      }
    });
  });
}

const L3 = ['toFQDNs', 'toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toServices', 'toGroups', 'toNodes', 'toRequires'];
const WORLD = new Set(['world', 'world-ipv4', 'all']);

/** NET-METADATA-001 over one Cilium rule's `egress` (an `egressDeny` of the endpoint silences it). */
export function checkCiliumMetadata(rule: JsonObject, base: string, out: FindingList): void {
  const denied = list(rule.egressDeny).some((raw) => {
    const r = obj(raw);
    return list(r.toCIDR).some((c) => blockReaches(c, [])) || list(r.toCIDRSet).some((s) => blockReaches(obj(s).cidr, obj(s).except));
  });
  if (denied) return;
  list(rule.egress).forEach((raw, i) => {
    const r = obj(raw);
    const at = `${base}.egress[${i}]`;
    const toPorts = list(r.toPorts);
    const ports = toPorts.flatMap((p) => list(obj(p).ports));
    if (toPorts.length > 0 && ports.length > 0 && !ports.some((p) => portAdmits80(p, ['TCP', 'ANY']))) return;
    const l3 = L3.filter((k) => present(r[k]));
    // `{}` selects for egress and allows nothing; toPorts alone allows those ports everywhere.
    if (l3.length === 0) {
      if (toPorts.length > 0) out.add(M.METADATA, `${at}.toPorts`, r.toPorts, 'a rule with ports but no destination allows every destination, 169.254.169.254 included');
      return;
    }
    const entities = list(r.toEntities).filter((e) => typeof e === 'string' && WORLD.has(e));
    if (entities.length > 0) out.add(M.METADATA, `${at}.toEntities`, entities, `${entities.join(', ')} includes 169.254.169.254`);
    list(r.toCIDR).forEach((c, j) => {
      if (blockReaches(c, [])) out.add(M.METADATA, `${at}.toCIDR[${j}]`, c, `${String(c)} contains 169.254.169.254`);
    });
    list(r.toCIDRSet).forEach((s, j) => {
      const set = obj(s);
      if (blockReaches(set.cidr, set.except)) out.add(M.METADATA, `${at}.toCIDRSet[${j}]`, s, `${String(set.cidr)} contains 169.254.169.254 and no exception removes it`);
    });
  });
}
