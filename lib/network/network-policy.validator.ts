// Manifest checks of a `networking.k8s.io/v1` NetworkPolicy: a core kind (no
// CRD schema), so the fields are checked here as the API server's validation
// does.
import { cidrContains, cidrProblem, parseCidr } from '../k8s/cidr';
import type { ManifestValidator } from '../settings/validation';
import { isDns1123Subdomain } from '../k8s/names';
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import { NETWORK_POLICY_RULES as N } from './network-policy.rules';
import { checkNetworkPolicyMetadata } from './metadata-endpoint';
import { METADATA_ENDPOINT_RULES } from './metadata-endpoint.rules';
import { checkLabelSelector } from '../k8s/label-selectors';
import { JsonObject, objOrEmpty as obj, arr as list } from '../engine/json';

const present = (v: unknown) => v !== undefined && v !== null;

const PROTOCOLS: readonly unknown[] = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES: readonly unknown[] = ['Ingress', 'Egress'];

/** An IANA service name, as IsValidPortName checks it. */
function portNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 15) return 'a port name has 1-15 characters';
  if (!/^[a-z0-9-]+$/.test(name)) return 'a port name has lowercase letters, digits and `-` only';
  if (!/[a-z]/.test(name)) return 'a port name needs a letter (a number must not be quoted)';
  if (name.startsWith('-') || name.endsWith('-') || name.includes('--')) return 'a port name may not start or end with `-`, or hold `--`';
  return undefined;
}

/** A whole port number in [min, 65535] (Cilium allows 0). */
export const isPortNumber = (n: unknown, min = 1): n is number => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= 65535;

function checkPolicyPort(p: JsonObject, at: string, out: FindingList): void {
  if (present(p.protocol) && !PROTOCOLS.includes(p.protocol)) out.add(N.PORT, `${at}.protocol`, p.protocol, `not one of ${PROTOCOLS.join(', ')}`);
  if (typeof p.port === 'number') {
    if (!isPortNumber(p.port)) out.add(N.PORT, `${at}.port`, p.port, 'a port number is a whole number in [1, 65535]');
  } else if (typeof p.port === 'string') {
    const problem = portNameProblem(p.port);
    if (problem) out.add(N.PORT, `${at}.port`, p.port, problem);
  }
  if (!present(p.endPort)) return;
  if (!present(p.port)) out.add(N.END_PORT, `${at}.endPort`, p.endPort, 'endPort may not be given without `port`');
  else if (typeof p.port !== 'number') out.add(N.END_PORT, `${at}.endPort`, p.endPort, 'endPort may not be given when `port` is a name');
  else if (!isPortNumber(p.endPort)) out.add(N.END_PORT, `${at}.endPort`, p.endPort, 'endPort is a whole number in [1, 65535]');
  else if (p.endPort < p.port) out.add(N.END_PORT, `${at}.endPort`, p.endPort, `endPort must not be below port (${p.port})`);
}

function checkPeer(value: unknown, at: string, out: FindingList): void {
  const peer = obj(value);
  const kinds = ['podSelector', 'namespaceSelector', 'ipBlock'].filter((k) => present(peer[k]));
  if (kinds.length === 0) out.add(N.PEER, at, value, 'the peer names nothing (an empty `to`/`from` list means everywhere; an empty peer is refused)');
  else if (kinds.length > 1 && kinds.includes('ipBlock')) out.add(N.PEER, at, kinds, 'an ipBlock may not be combined with a selector in one peer');
  for (const k of ['podSelector', 'namespaceSelector']) if (present(peer[k])) checkLabelSelector(peer[k], `${at}.${k}`, N.SELECTOR, out);
  if (!present(peer.ipBlock)) return;
  const block = obj(peer.ipBlock);
  if (block.cidr === undefined || block.cidr === '') {
    out.add(N.CIDR, `${at}.ipBlock.cidr`, block.cidr, 'required');
    return;
  }
  const problem = cidrProblem(block.cidr);
  if (problem) out.add(N.CIDR, `${at}.ipBlock.cidr`, block.cidr, problem);
  const outer = parseCidr(block.cidr);
  list(block.except).forEach((e, i) => {
    const field = `${at}.ipBlock.except[${i}]`;
    const exceptProblem = cidrProblem(e);
    if (exceptProblem) return out.add(N.CIDR, field, e, exceptProblem);
    const inner = parseCidr(e)!;
    if (outer && (!cidrContains(outer, inner) || inner.prefix <= outer.prefix)) out.add(N.EXCEPT, field, e, `not a strict subset of ${block.cidr}`);
  });
}

/** Checks a NetworkPolicy as the API server would (K8S ValidateNetworkPolicy). */
export function validateNetworkPolicy(m: unknown, out: FindingList): void {
  const name = obj(obj(m).metadata).name;
  if (typeof name === 'string' && !isDns1123Subdomain(name)) out.add(N.NAME, 'metadata.name', name, name.length > 253 ? `${name.length} characters, at most 253` : undefined);
  const spec = obj(obj(m).spec);
  checkLabelSelector(spec.podSelector, 'spec.podSelector', N.SELECTOR, out);
  for (const [direction, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    list(spec[direction]).forEach((r, i) => {
      list(obj(r).ports).forEach((p, j) => checkPolicyPort(obj(p), `spec.${direction}[${i}].ports[${j}]`, out));
      list(obj(r)[peers]).forEach((p, j) => checkPeer(p, `spec.${direction}[${i}].${peers}[${j}]`, out));
    });
  }
  checkNetworkPolicyMetadata(spec, out);
  if (!Array.isArray(spec.policyTypes)) return;
  const types = list(spec.policyTypes);
  if (types.length > 2) return out.add(N.POLICY_TYPES, 'spec.policyTypes', types, 'at most two policyTypes');
  types.forEach((t, i) => {
    if (!POLICY_TYPES.includes(t)) out.add(N.POLICY_TYPES, `spec.policyTypes[${i}]`, t, 'not Ingress or Egress');
  });
  for (const [direction, type] of [['egress', 'Egress'], ['ingress', 'Ingress']]) {
    if (list(spec[direction]).length > 0 && !types.includes(type)) {
      out.add(N.UNUSED_RULES, `spec.${direction}`, types, `policyTypes omits ${type}: these ${direction} rules are never enforced`, `add ${type} to policyTypes, or remove spec.${direction}`);
    }
  }
}

export const NETWORK_POLICY_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  rules: [N, METADATA_ENDPOINT_RULES],
  // The API server decodes a null selector expression into the zero LabelSelectorRequirement, which NET-* judges (key "": not a label key).
  schema: { zeroNullItems: ['spec.podSelector', ...['ingress[].from', 'egress[].to'].flatMap((p) => [`spec.${p}[].podSelector`, `spec.${p}[].namespaceSelector`])].map((s) => `${s}.matchExpressions[]`) },
  validate: (o, _ctx, out) => validateNetworkPolicy(o, out),
});

