// Manifest checks of `cilium.io/v2` Cilium policies (namespaced and cluster-wide):
// the compact CRD schema checks types and fields; these are the patterns,
// oneOf/anyOf and the agent's own refusals.
import { cidrContains, cidrProblem, parseCidr } from '../k8s/cidr';
import { KubeObject } from '../engine/engine';
import type { ManifestValidator, ValidationContext } from '../settings/validation';
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import { CILIUM_RULES as C } from './cilium-network-policy.rules';
import { isPortNumber } from './network-policy.validator';
import { checkCiliumMetadata } from './metadata-endpoint';
import { METADATA_ENDPOINT_RULES } from './metadata-endpoint.rules';
import { arr as list, JsonObject, objOrEmpty as obj } from '../engine/json';

const present = (v: unknown) => v !== undefined && v !== null;

/** Why a matchName / matchPattern is refused, or undefined. */
export function fqdnProblem(value: string, pattern: boolean): string | undefined {
  if (value.length === 0) return 'empty';
  if (value.includes('://')) return 'has a scheme: give the host name alone';
  if (value.includes('/')) return 'has a path: give the host name alone';
  if (value.includes(':')) return 'has a port: give the host name alone, ports in `ports`';
  if (/\s/.test(value)) return 'contains white space';
  if (value.length > 255) return `${value.length} characters, at most 255`;
  if (!pattern && value.includes('*')) return 'a wildcard needs matchPattern';
  const bad = /[^-a-zA-Z0-9_.*]/.exec(value);
  if (bad) return `"${bad[0]}" is not allowed (letters, digits, \`-\`, \`_\`, \`.\`${pattern ? ' and `*`' : ''})`;
  if (value.startsWith('.') || value.includes('..')) return 'has an empty label (a leading dot or two dots in a row)';
  return undefined;
}

/** `**` other than as the leading `**.` prefix, which Cilium reads as `*`. */
export function misplacedDoubleStar(pattern: string): boolean {
  return [...pattern.matchAll(/\*{2,}/g)].some((m) => !(m.index === 0 && pattern[m[0].length] === '.'));
}

const EGRESS_L3 = ['toFQDNs', 'toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toServices', 'toGroups', 'toNodes'];
const INGRESS_L3 = ['fromEndpoints', 'fromCIDR', 'fromCIDRSet', 'fromEntities', 'fromNodes', 'fromGroups'];
const CILIUM_PORT_NAME = /^([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*$/;

function checkFqdnSelector(selector: unknown, at: string, out: FindingList): void {
  const s = obj(selector);
  const keys = ['matchName', 'matchPattern'].filter((k) => present(s[k]));
  if (keys.length !== 1) return out.add(C.FQDN_SELECTOR, at, selector, keys.length === 0 ? 'neither matchName nor matchPattern' : 'both matchName and matchPattern');
  const value = s[keys[0]];
  if (typeof value !== 'string') return; // a type error, reported by the schema check
  const problem = fqdnProblem(value, keys[0] === 'matchPattern');
  if (problem) out.add(C.FQDN_SYNTAX, `${at}.${keys[0]}`, value, problem);
  else if (keys[0] === 'matchPattern' && misplacedDoubleStar(value)) out.add(C.FQDN_DOUBLE_STAR, `${at}.matchPattern`, value, '`**` here matches within one label, like `*`');
}

function checkCiliumCidr(value: unknown, at: string, out: FindingList): void {
  const problem = cidrProblem(value);
  if (problem && typeof value === 'string') out.add(C.CIDR, at, value, problem);
}

function checkToPorts(toPorts: unknown, at: string, ingress: boolean, out: FindingList): void {
  list(toPorts).forEach((raw, j) => {
    const entry = obj(raw);
    const base = `${at}[${j}]`;
    const ports = list(entry.ports);
    if (ports.length > 40) out.add(C.PORTS, `${base}.ports`, ports.length, `${ports.length} ports, at most 40 per entry`);
    ports.forEach((raw, k) => {
      const p = obj(raw);
      const pat = `${base}.ports[${k}]`;
      if (typeof p.port === 'string' && !(/^\d{1,5}$/.test(p.port) && Number(p.port) <= 65535) && !CILIUM_PORT_NAME.test(p.port)) {
        out.add(C.PORTS, `${pat}.port`, p.port, 'not a port number 0-65535 or a port name');
      }
      if (typeof p.endPort === 'number' && !isPortNumber(p.endPort, 0)) out.add(C.PORTS, `${pat}.endPort`, p.endPort, 'endPort is in [0, 65535]');
    });
    if (!present(entry.rules)) return;
    const rules = obj(entry.rules);
    const kinds = ['http', 'dns'].filter((k) => present(rules[k]));
    if (kinds.length !== 1) out.add(C.L7_RULES, `${base}.rules`, entry.rules, kinds.length === 0 ? 'neither http nor dns' : 'both http and dns');
    const dns = list(rules.dns);
    dns.forEach((d, k) => checkFqdnSelector(d, `${base}.rules.dns[${k}]`, out));
    if (dns.length === 0) return;
    const problem = ingress ? 'DNS rules are not allowed on ingress'
      : ports.length === 0 ? 'DNS rules need their port (53) listed'
        : ports.some((p) => String(obj(p).port) === '0') ? 'DNS rules cannot use port 0'
          : ports.some((p) => { const end = obj(p).endPort; return typeof end === 'number' && end > Number(obj(p).port); }) ? 'DNS rules do not support port ranges' : undefined;
    if (problem) out.add(C.DNS_RULES, `${base}.rules.dns`, dns, problem);
  });
}

function checkCiliumRule(rule: JsonObject, base: string, kind: string, out: FindingList): void {
  const selectors = ['endpointSelector', 'nodeSelector'].filter((k) => present(rule[k]));
  if (selectors.length !== 1) out.add(C.RULE_SHAPE, base, selectors, selectors.length === 0 ? 'neither endpointSelector nor nodeSelector' : 'both endpointSelector and nodeSelector');
  else if (selectors[0] === 'nodeSelector' && kind === 'CiliumNetworkPolicy') out.add(C.RULE_SHAPE, `${base}.nodeSelector`, rule.nodeSelector, 'a namespaced CiliumNetworkPolicy may not select nodes (use a CiliumClusterwideNetworkPolicy)');
  const sections = ['ingress', 'ingressDeny', 'egress', 'egressDeny'];
  if (!sections.some((s) => list(rule[s]).length > 0)) out.add(C.RULE_SHAPE, base, sections.filter((s) => present(rule[s])), 'no ingress, ingressDeny, egress or egressDeny rule');
  for (const section of sections) {
    const ingress = section.startsWith('ingress');
    list(rule[section]).forEach((raw, i) => {
      const r = obj(raw);
      const at = `${base}.${section}[${i}]`;
      const used = (ingress ? INGRESS_L3 : EGRESS_L3).filter((k) => list(r[k]).length > 0);
      if (used.length > 1) out.add(C.L3_MIX, at, used, `combines ${used.join(' and ')}`);
      list(r.toFQDNs).forEach((s, j) => checkFqdnSelector(s, `${at}.toFQDNs[${j}]`, out));
      for (const key of ['toCIDR', 'fromCIDR']) list(r[key]).forEach((c, j) => checkCiliumCidr(c, `${at}.${key}[${j}]`, out));
      for (const key of ['toCIDRSet', 'fromCIDRSet']) {
        list(r[key]).forEach((value, j) => {
          const c = obj(value);
          const ref = `${at}.${key}[${j}]`;
          const given = ['cidr', 'cidrGroupRef', 'cidrGroupSelector'].filter((k) => present(c[k]));
          if (given.length !== 1) return out.add(C.CIDR, ref, value, given.length === 0 ? 'none of cidr, cidrGroupRef, cidrGroupSelector' : `both ${given.join(' and ')}`);
          if (given[0] !== 'cidr') return;
          checkCiliumCidr(c.cidr, `${ref}.cidr`, out);
          const outer = parseCidr(c.cidr);
          list(c.except).forEach((e, k) => {
            checkCiliumCidr(e, `${ref}.except[${k}]`, out);
            const inner = parseCidr(e);
            if (outer && inner && !cidrContains(outer, inner)) out.add(C.CIDR, `${ref}.except[${k}]`, e, `not inside ${c.cidr}`);
          });
        });
      }
      checkToPorts(r.toPorts, `${at}.toPorts`, ingress, out);
    });
  }
}

/**
 * The rules of a Cilium policy with their field paths: `spec`, then
 * `specs[i]`. A rule that is no object reads as one without fields.
 */
export function ciliumRules(m: unknown): { rule: JsonObject; base: string }[] {
  const policy = obj(m);
  return [...(present(policy.spec) ? [{ rule: obj(policy.spec), base: 'spec' }] : []), ...list(policy.specs).map((rule, i) => ({ rule: obj(rule), base: `specs[${i}]` }))];
}

/** Whether a Cilium rule sends DNS lookups through the proxy (a toPorts entry with DNS rules). */
function hasDnsProxyRule(rule: JsonObject): boolean {
  return list(rule.egress).some((r) => list(obj(r).toPorts).some((p) => list(obj(obj(p).rules).dns).length > 0));
}

/** The Cilium policies of a validation by namespace (cluster-wide ones under ''), built once per validation. */
const CILIUM_BY_NAMESPACE = new WeakMap<readonly unknown[], Map<string, unknown[]>>();

function ciliumPoliciesOf(objects: ValidationContext['objects']): Map<string, unknown[]> {
  let index = CILIUM_BY_NAMESPACE.get(objects);
  if (!index) {
    index = new Map();
    for (const at of objects) {
      const o = obj(at.object);
      if (o.apiVersion !== 'cilium.io/v2') continue;
      const key = o.kind === 'CiliumClusterwideNetworkPolicy' ? '' : o.kind === 'CiliumNetworkPolicy' ? `ns:${String(obj(o.metadata).namespace)}` : undefined;
      if (key === undefined) continue;
      const list = index.get(key);
      if (list) list.push(at.object);
      else index.set(key, [at.object]);
    }
    CILIUM_BY_NAMESPACE.set(objects, index);
  }
  return index;
}

/** toFQDNs without a DNS proxy rule for the same endpoints, here or in another Cilium policy of the namespace (or cluster-wide). */
function checkDnsProxy(m: KubeObject, ctx: ValidationContext, out: FindingList): void {
  // Only a policy that lacks its own DNS proxy rule looks at the others (looked up once per validation).
  let others: unknown[] | undefined;
  const othersOf = () => {
    const index = ciliumPoliciesOf(ctx.objects);
    return (others ??= [...(index.get('') ?? []), ...(index.get(`ns:${String(obj(m.metadata).namespace)}`) ?? [])].filter((o) => o !== m));
  };
  for (const { rule, base } of ciliumRules(m)) {
    const egress = list(rule.egress);
    const fqdnRule = egress.findIndex((r) => list(obj(r).toFQDNs).length > 0);
    if (fqdnRule < 0 || ciliumRules(m).some((r) => hasDnsProxyRule(r.rule))) continue;
    const selector = JSON.stringify(rule.endpointSelector ?? {});
    const elsewhere = othersOf().some((o) => ciliumRules(o).some((r) => hasDnsProxyRule(r.rule)
      && (JSON.stringify(r.rule.endpointSelector ?? {}) === selector || Object.keys(obj(r.rule.endpointSelector)).length === 0)));
    if (!elsewhere) out.add(C.DNS_PROXY, `${base}.egress[${fqdnRule}].toFQDNs`, obj(egress[fqdnRule]).toFQDNs, 'no egress rule sends these pods\' DNS lookups through the DNS proxy (toPorts[].rules.dns): the names are never learnt');
  }
}

/** Checks a Cilium policy: the CRD rules the compact schema cannot express, and the agent's refusals. */
export function validateCiliumPolicy(m: KubeObject, ctx: ValidationContext, out: FindingList): void {
  const rules = ciliumRules(m);
  if (rules.length === 0) out.add(C.RULE_SHAPE, 'spec', undefined, 'neither spec nor specs');
  for (const { rule, base } of rules) {
    checkCiliumRule(rule, base, m.kind, out);
    checkCiliumMetadata(rule, base, out);
  }
  checkDnsProxy(m, ctx, out);
}

export const CILIUM_NETWORK_POLICY_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'cilium.io/v2',
  kind: 'CiliumNetworkPolicy',
  rules: [C, METADATA_ENDPOINT_RULES],
  validate: validateCiliumPolicy,
});

/** The cluster-wide twin: the same rules (a nodeSelector is allowed here). */
export const CILIUM_CLUSTERWIDE_NETWORK_POLICY_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'cilium.io/v2',
  kind: 'CiliumClusterwideNetworkPolicy',
  rules: [C, METADATA_ENDPOINT_RULES],
  validate: validateCiliumPolicy,
});
