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

/** The cluster-wide Cilium policy kind: not namespaced, so its selectors are not bound to a namespace. */
const isClusterwide = (o: unknown) => obj(o).kind === 'CiliumClusterwideNetworkPolicy';

/**
 * Whether a rule of a Cilium policy selects a workload's pods by its
 * `endpointSelector` (a `nodeSelector` selects nodes, never pods). A
 * CiliumNetworkPolicy's selector applies in the policy's namespace only,
 * whatever namespace label it names; a CiliumClusterwideNetworkPolicy's in
 * every namespace, unless it matches `k8s:io.kubernetes.pod.namespace`
 * (cilium pkg/k8s/apis/cilium.io/utils/utils.go@25972d8 ParseToCiliumRule:
 * the policy's namespace is added to the endpointSelector only when it has
 * one; Documentation/security/policy/kubernetes.rst "Clusterwide Policies").
 */
function ciliumRuleSelects(policy: unknown, rule: Readonly<Record<string, unknown>>, pod: PodTemplate): boolean {
  if (rule.endpointSelector === undefined || rule.endpointSelector === null) return false;
  if (!isClusterwide(policy) && pod.namespace !== namespaceOf(policy)) return false;
  return selects(rule.endpointSelector, ciliumLabels(pod), ciliumKey);
}

/**
 * The egress policies NET-APP-001 counts: a NetworkPolicy affects egress when
 * policyTypes lists Egress, or (unset) when it has egress rules; a
 * CiliumNetworkPolicy per rule with egress. A CiliumClusterwideNetworkPolicy
 * is left out on purpose: the cluster's baseline, not the app's.
 */
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
        out.push({ at, field: `${base}.endpointSelector`, selects: (pod) => ciliumRuleSelects(o, rule, pod) });
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
    // A policy without a namespace (hand-written YAML) is a candidate for every pod. CiliumClusterwideNetworkPolicies
    // are not among them (egressSelectors): a cluster-wide baseline would warn on every agent (NET-APP-001's `why`).
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
 * The Cilium entities that contain the pods of the cluster (Documentation/
 * security/policy/layer3.rst "Entities based", at cilium 90ba5de: `cluster` is
 * every Cilium-managed endpoint of the local cluster, `all` every known
 * cluster and the world). The others (`world`, `host`, `remote-node`,
 * `kube-apiserver`, `ingress`: Cilium's own Envoy, `init`, `health`,
 * `unmanaged`, `none`) never name a pod such as the activator.
 */
const ENTITIES_WITH_PODS: ReadonlySet<unknown> = new Set(['all', 'cluster']);

/** Where a Cilium policy lives: a CiliumNetworkPolicy's namespace, or cluster-wide. */
interface CiliumScope {
  readonly namespace: unknown;
  readonly clusterwide: boolean;
}

/**
 * A Cilium ingress rule's admission of a pod with `labels` in `ns` on `port`.
 * A rule with no peer but ports admits every source on them; an empty rule
 * admits nothing. An endpoint selector without the namespace label selects
 * the policy's namespace in a CiliumNetworkPolicy, and every namespace in a
 * CiliumClusterwideNetworkPolicy (utils.go@25972d8#L69-99 getEndpointSelector:
 * `k8s:io.kubernetes.pod.namespace` is added as the policy's namespace, or as
 * `Exists` when the policy has none); `ENTITIES_WITH_PODS` admit every pod;
 * CIDRs never select pods (layer3.rst "IP/CIDR based": "CIDR-based selectors
 * do not match in-cluster entities").
 */
function ciliumRuleAdmits(value: unknown, scope: CiliumScope, ns: string, labels: Record<string, string>, port: number): boolean {
  const r = obj(value);
  const endpoints = list(r.fromEndpoints);
  const entities = list(r.fromEntities);
  const peers = ['fromEndpoints', 'fromEntities', 'fromCIDR', 'fromCIDRSet', 'fromNodes', 'fromGroups'].some((k) => list(r[k]).length > 0);
  const toPorts = list(r.toPorts);
  if (!peers && toPorts.length === 0) return false;
  const full = { ...labels, 'io.kubernetes.pod.namespace': ns };
  const peerOk = !peers || entities.some((e) => ENTITIES_WITH_PODS.has(e)) || endpoints.some((raw) => {
    const s = obj(raw);
    const keys = [...Object.keys(obj(s.matchLabels)), ...list(s.matchExpressions).map((e) => String(obj(e).key))].map(ciliumKey);
    if (!keys.includes('io.kubernetes.pod.namespace') && !scope.clusterwide && scope.namespace !== ns) return false;
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

/** A policy (or one rule of a Cilium policy) that restricts ingress to the pods it selects, and what it admits. */
interface IngressSelector {
  readonly at: Located;
  readonly field: string;
  /** Whether it puts the pods it selects in default deny for ingress (a Cilium rule may opt out and only add allows). */
  readonly restricts: boolean;
  selects(pod: PodTemplate): boolean;
  admits(component: (typeof KNATIVE_COMPONENTS)[number], servingNs: string): boolean;
}

/**
 * The policies about ingress: a NetworkPolicy whose policyTypes list Ingress
 * (or, unset, always); each rule of a CiliumNetworkPolicy or
 * CiliumClusterwideNetworkPolicy (`spec` and `specs[i]`) with ingress rules,
 * which restricts unless it turns default deny off (layer3.rst "Ingress/Egress
 * Default Deny"; the CRD's `enableDefaultDeny`), and admits what it lists either way.
 */
function ingressSelectors(objects: readonly Located[]): IngressSelector[] {
  const out: IngressSelector[] = [];
  for (const at of objects) {
    const o = obj(at.object);
    const ns = namespaceOf(o);
    if (o.apiVersion === 'networking.k8s.io/v1' && o.kind === 'NetworkPolicy') {
      const spec = obj(o.spec);
      if (Array.isArray(spec.policyTypes) && !list(spec.policyTypes).includes('Ingress')) continue;
      out.push({
        at,
        field: 'spec.ingress',
        restricts: true,
        selects: (pod) => ns === pod.namespace && selects(spec.podSelector, pod.labels),
        admits: (c, servingNs) => list(spec.ingress).some((raw) => {
          const r = obj(raw);
          return (list(r.from).length === 0 || list(r.from).some((peer) => peerAdmits(peer, ns, servingNs, c.labels)))
            && c.ports.some((port) => portAdmits(r.ports, port));
        }),
      });
    } else if (o.apiVersion === 'cilium.io/v2' && (o.kind === 'CiliumNetworkPolicy' || isClusterwide(o))) {
      const scope: CiliumScope = { namespace: ns, clusterwide: isClusterwide(o) };
      for (const { rule, base } of ciliumRules(o)) {
        if (list(rule.ingress).length === 0) continue;
        out.push({
          at,
          field: `${base}.ingress`,
          restricts: obj(rule.enableDefaultDeny).ingress !== false,
          selects: (pod) => ciliumRuleSelects(o, rule, pod),
          admits: (c, servingNs) => list(rule.ingress).some((raw) => c.ports.some((port) => ciliumRuleAdmits(raw, scope, servingNs, c.labels, port))),
        });
      }
    }
  }
  return out;
}

/** NET-INGRESS-001: ingress policies on a Knative Service's pods must admit the activator and the autoscaler. */
export const KNATIVE_INGRESS: CrossObjectValidator = {
  name: 'ingress policies on Knative Service pods',
  rules: [R.KNATIVE_INGRESS],
  validate(ctx, report) {
    const servingNs = ctx.settings.serving.namespace;
    const policies = ingressSelectors(ctx.objects);
    if (!policies.some((p) => p.restricts)) return;
    // A cluster-wide policy has no namespace: a candidate for every pod.
    const candidates = byNamespace(policies, (p) => namespaceOf(p.at.object));
    for (const pod of podTemplates(ctx.objects).filter((p) => p.knative)) {
      const selecting = candidates(pod.namespace).filter((p) => p.selects(pod));
      const restricting = selecting.find((p) => p.restricts);
      if (!restricting) continue;
      const blocked = KNATIVE_COMPONENTS.filter((c) => !selecting.some((p) => p.admits(c, servingNs)));
      if (blocked.length === 0) continue;
      const names = [...new Set(selecting.map((p) => objectLabel(p.at.object)))].join(', ');
      report(restricting.at, {
        rule: R.KNATIVE_INGRESS,
        field: restricting.field,
        value: objectLabel(pod.at.object),
        problem: `the ingress policies of ${objectLabel(pod.at.object)} (${names}) admit no ${blocked.map((c) => `${c.name} (${servingNs}, ports ${c.ports.join('/')})`).join(' and no ')}`,
      });
    }
  },
};
