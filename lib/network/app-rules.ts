// Rules over every object of the app (or the checked files): which pods each
// network policy selects, found from the workloads' pod templates.
import { Located, objectLabel } from '../engine/engine';
import type { CrossObjectValidator } from '../settings/validation';
import { podTemplateOf } from '../k8s/pod-templates';
import { ciliumRules } from './cilium-network-policy.validator';
import { NETWORK_APP_RULES as R } from './app-rules.rules';
import { selects } from '../k8s/label-selectors';
import { objOrEmpty as obj } from '../engine/json';
import { arr as list } from '../engine/json';

/** The pods a workload object creates: their namespace and labels. */
interface PodTemplate {
  readonly at: Located;
  readonly namespace: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly knative: boolean;
}

/** `metadata.namespace` as written (anything, or undefined). */
const namespaceOf = (o: unknown): unknown => obj(obj(o).metadata).namespace;

/** Every pod template of the objects (lib/core/pod-templates.ts knows where each kind keeps it). */
export function podTemplates(objects: readonly Located[]): PodTemplate[] {
  const out: PodTemplate[] = [];
  for (const at of objects) {
    const pod = podTemplateOf(at.object);
    if (!pod) continue;
    const ns = namespaceOf(at.object);
    out.push({ at, namespace: typeof ns === 'string' ? ns : undefined, labels: pod.labels, knative: pod.knative });
  }
  return out;
}

/** A policy that allows some egress, and the selector (with its field) that picks its pods. */
interface EgressSelector {
  readonly at: Located;
  readonly field: string;
  selects(pod: PodTemplate): boolean;
}

/** Cilium selector keys may carry a source (`k8s:app`); the pod's namespace is the label `io.kubernetes.pod.namespace`. */
const ciliumKey = (k: string) => k.replace(/^(k8s|any):/, '');
const ciliumLabels = (pod: PodTemplate) => ({ ...pod.labels, ...(pod.namespace ? { 'io.kubernetes.pod.namespace': pod.namespace } : {}) });

/** A NetworkPolicy affects egress when policyTypes lists Egress, or (unset) when it has egress rules. */
function egressSelectors(objects: readonly Located[]): EgressSelector[] {
  const out: EgressSelector[] = [];
  for (const at of objects) {
    const o = obj(at.object);
    const ns = namespaceOf(o);
    if (o.apiVersion === 'networking.k8s.io/v1' && o.kind === 'NetworkPolicy') {
      const spec = obj(o.spec);
      const egress = Array.isArray(spec.policyTypes) ? list(spec.policyTypes).includes('Egress') : list(spec.egress).length > 0;
      // A policy that allows nothing (default deny) widens nothing.
      if (egress && list(spec.egress).length > 0) out.push({ at, field: 'spec.podSelector', selects: (pod) => pod.namespace === ns && selects(spec.podSelector, pod.labels) });
    } else if (o.apiVersion === 'cilium.io/v2' && o.kind === 'CiliumNetworkPolicy') {
      for (const { rule, base } of ciliumRules(o)) {
        if (!list(rule.egress).some((r) => Object.keys(obj(r)).length > 0)) continue;
        out.push({ at, field: `${base}.endpointSelector`, selects: (pod) => pod.namespace === ns && rule.endpointSelector !== undefined && selects(rule.endpointSelector, ciliumLabels(pod), ciliumKey) });
      }
    }
  }
  return out;
}

/**
 * The items that may apply to pods of `namespace`, in their original order:
 * a namespaced policy selects only its own namespace's pods; an object
 * without a namespace (hand-written YAML) may land in any.
 */
function byNamespace<T>(items: readonly T[], nsOf: (item: T) => unknown): (namespace: string | undefined) => T[] {
  const groups = new Map<string | undefined, T[]>();
  for (const item of items) {
    const ns = nsOf(item);
    const key = typeof ns === 'string' ? ns : undefined;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const order = new Map(items.map((item, i) => [item, i]));
  return (namespace) => {
    if (namespace === undefined) return [...items];
    const found = [...(groups.get(namespace) ?? []), ...(groups.get(undefined) ?? [])];
    return found.sort((a, b) => order.get(a)! - order.get(b)!);
  };
}

/** NET-APP-001: a second egress policy selecting an agent's pods widens the first. */
export const EGRESS_OVERLAP: CrossObjectValidator = {
  name: 'egress policies selecting one workload',
  rules: [R.OVERLAP],
  validate(ctx, report) {
    const policies = egressSelectors(ctx.objects);
    if (policies.length < 2) return;
    // Cluster-wide Cilium policies carry no namespace and are candidates for every pod.
    const candidates = byNamespace(policies, (p) => namespaceOf(p.at.object));
    for (const pod of podTemplates(ctx.objects)) {
      const selecting = candidates(pod.namespace).filter((p) => p.selects(pod));
      const first = selecting[0];
      for (const p of selecting.slice(1).filter((x) => x.at !== first.at)) {
        report(p.at, {
          rule: R.OVERLAP,
          field: p.field,
          value: objectLabel(pod.at.object),
          problem: `selects the pods of ${objectLabel(pod.at.object)}, which ${objectLabel(first.at.object)} (${first.at.where}) already selects: their allowed destinations add up`,
        });
      }
    }
  },
};

const KNATIVE_COMPONENTS = [
  { name: 'activator', ports: [8012, 8013], labels: { app: 'activator', 'app.kubernetes.io/component': 'activator', 'app.kubernetes.io/name': 'knative-serving' } },
  { name: 'autoscaler', ports: [9090], labels: { app: 'autoscaler', 'app.kubernetes.io/component': 'autoscaler', 'app.kubernetes.io/name': 'knative-serving' } },
];

/**
 * Whether an ingress rule's peer may be a pod with `labels` in namespace `ns`.
 * Namespace labels other than `kubernetes.io/metadata.name`, and IP blocks,
 * cannot be judged from manifests: they count as admitting.
 */
function peerAdmits(value: unknown, policyNs: unknown, ns: string, labels: Record<string, string>): boolean {
  const peer = obj(value);
  if (peer.ipBlock) return true;
  if (peer.namespaceSelector) {
    const s = obj(peer.namespaceSelector);
    const keys = [...Object.keys(obj(s.matchLabels)), ...list(s.matchExpressions).map((e) => obj(e).key)];
    if (keys.some((k) => k !== 'kubernetes.io/metadata.name')) return true;
    if (!selects(s, { 'kubernetes.io/metadata.name': ns })) return false;
  } else if (policyNs !== ns) {
    return false;
  }
  return selects(peer.podSelector, labels);
}

function portAdmits(ports: unknown, port: number): boolean {
  const given = list(ports);
  return given.length === 0 || given.some((value) => {
    const p = obj(value);
    return (p.protocol ?? 'TCP') === 'TCP'
      && (typeof p.port !== 'number' || (typeof p.endPort === 'number' ? p.port <= port && port <= p.endPort : p.port === port));
  });
}

/**
 * A Cilium ingress rule's admission of a pod with `labels` in `ns` on `port`
 * (the policy in `policyNs`). A rule with no peer but ports admits every
 * source on them; an empty rule admits nothing. An endpoint selector without
 * the namespace label selects the policy's namespace; the `all` and
 * `cluster` entities admit every pod; CIDRs never select pods (Cilium docs
 * layer3.rst "Entities based", "IP/CIDR based"; kubernetes.rst "Namespaces";
 * pkg/k8s/apis/cilium.io/utils/utils.go getEndpointSelector: the policy's
 * namespace is added to a selector without one).
 */
function ciliumRuleAdmits(value: unknown, policyNs: unknown, ns: string, labels: Record<string, string>, port: number): boolean {
  const r = obj(value);
  const endpoints = list(r.fromEndpoints);
  const entities = list(r.fromEntities);
  const peers = ['fromEndpoints', 'fromEntities', 'fromCIDR', 'fromCIDRSet', 'fromNodes', 'fromGroups'].some((k) => list(r[k]).length > 0);
  const toPorts = list(r.toPorts);
  if (!peers && toPorts.length === 0) return false;
  const full = { ...labels, 'io.kubernetes.pod.namespace': ns };
  const peerOk = !peers || entities.some((e) => e === 'all' || e === 'cluster') || endpoints.some((raw) => {
    const s = obj(raw);
    const keys = [...Object.keys(obj(s.matchLabels)), ...list(s.matchExpressions).map((e) => String(obj(e).key))].map(ciliumKey);
    if (!keys.includes('io.kubernetes.pod.namespace') && policyNs !== ns) return false;
    return selects(s, full, ciliumKey);
  });
  const portOk = toPorts.length === 0 || toPorts.some((tp) => {
    const ports = list(obj(tp).ports);
    return ports.length === 0 || ports.some((raw) => {
      const p = obj(raw);
      const from = Number(p.port);
      return ['TCP', 'ANY', undefined].includes(p.protocol as string | undefined)
        // A port name cannot be judged from the policy: it counts as admitting (as portAdmits does).
        && (p.port === undefined || Number.isNaN(from) || from === 0 || (typeof p.endPort === 'number' ? from <= port && port <= p.endPort : from === port));
    });
  });
  return peerOk && portOk;
}

/** NET-INGRESS-001: ingress policies on a Knative Service's pods must admit the activator and the autoscaler. */
export const KNATIVE_INGRESS: CrossObjectValidator = {
  name: 'ingress policies on Knative Service pods',
  rules: [R.KNATIVE_INGRESS],
  validate(ctx, report) {
    const servingNs = ctx.settings.serving.namespace;
    const policies = ctx.objects.filter((at) => {
      const o = obj(at.object);
      // A CiliumNetworkPolicy restricts ingress when it has ingress rules (and does not turn default deny off).
      if (o.apiVersion === 'cilium.io/v2' && o.kind === 'CiliumNetworkPolicy') return list(obj(o.spec).ingress).length > 0 && obj(obj(o.spec).enableDefaultDeny).ingress !== false;
      if (o.apiVersion !== 'networking.k8s.io/v1' || o.kind !== 'NetworkPolicy') return false;
      const types = obj(o.spec).policyTypes;
      return !Array.isArray(types) || list(types).includes('Ingress');
    });
    if (policies.length === 0) return;
    const cilium = (at: Located) => obj(at.object).kind === 'CiliumNetworkPolicy';
    const candidates = byNamespace(policies, (at) => namespaceOf(at.object));
    for (const pod of podTemplates(ctx.objects).filter((p) => p.knative)) {
      const selecting = candidates(pod.namespace).filter((at) => namespaceOf(at.object) === pod.namespace && (cilium(at)
        ? obj(at.object).spec !== undefined && obj(obj(at.object).spec).endpointSelector !== undefined && selects(obj(obj(at.object).spec).endpointSelector, ciliumLabels(pod), ciliumKey)
        : selects(obj(obj(at.object).spec).podSelector, pod.labels)));
      if (selecting.length === 0) continue;
      const blocked = KNATIVE_COMPONENTS.filter((c) => !selecting.some((at) => list(obj(obj(at.object).spec).ingress).some((raw) => {
        if (cilium(at)) return c.ports.some((port) => ciliumRuleAdmits(raw, namespaceOf(at.object), servingNs, c.labels, port));
        const r = obj(raw);
        return (list(r.from).length === 0 || list(r.from).some((peer) => peerAdmits(peer, namespaceOf(at.object), servingNs, c.labels)))
          && c.ports.some((port) => portAdmits(r.ports, port));
      })));
      if (blocked.length === 0) continue;
      const names = selecting.map((at) => objectLabel(at.object)).join(', ');
      report(selecting[0], {
        rule: R.KNATIVE_INGRESS,
        field: 'spec.ingress',
        value: objectLabel(pod.at.object),
        problem: `the ingress policies of ${objectLabel(pod.at.object)} (${names}) admit no ${blocked.map((c) => `${c.name} (${servingNs}, ports ${c.ports.join('/')})`).join(' and no ')}`,
      });
    }
  },
};
