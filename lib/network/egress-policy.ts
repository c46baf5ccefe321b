import { ApiObject, ApiObjectMetadata, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import type * as cilium from '../../imports/cilium.io';
import { AppValidation } from '../construct/app-validation';
import { AgentConstruct, fromProp } from '../construct/construct';
import { CORE_RULES } from '../engine/core-rules';
import { isDns1123Label } from '../k8s/names';
import { reportArgFindings, ShapeOf, T } from '../construct/props';
import { FindingList, RawFinding } from '../engine/rule';
import { ClusterSettings } from '../settings/settings';
import { destinationsOf, scrapePortsOf } from '../construct/observability-links';
import { IAgentWorkload } from '../construct/workload';
import { Egress, EgressPort, PolicyEngine } from './egress';
import { EGRESS_POLICY_RULES as R } from './egress-policy.rules';
import { grantsOf } from './egress-grants';
import { IngressFrom } from './ingress-from';
import { LabelSelector } from '../k8s/label-selectors';
import { NON_PUBLIC_CIDRS } from '../k8s/cidr';
import { BrokerClass } from '../eventing/broker';
import type { ISink } from '../eventing/sink';
import { bindingsOf } from '../eventing/sources/sink-binding';

/** The generated `cilium.io` module is large: loaded with the first Cilium policy, not with the library. */
const ciliumImports = (): typeof cilium => require('../../imports/cilium.io');

/** Which ingress to the agents' pods an EgressPolicy also locks down. */
export enum IngressLockdown {
  /** Ingress is left as it is. */
  NONE = 'none',
  /**
   * Only what Knative needs reaches the agents' pods: the activator and the
   * networking layer's gateways (ports 8012/8013) and the autoscaler (9090).
   * A workload Knative does not serve accepts no ingress. Either way, the
   * ports an AgentMonitor scrapes admit Prometheus of the monitoring namespace.
   */
  KNATIVE = 'knative',
  /** As KNATIVE, and Knative Eventing's dispatchers (brokers, channels, sources) too, for agents that receive events. */
  KNATIVE_AND_EVENTING = 'knative-and-eventing',
}

export interface EgressPolicyProps {
  /** The agents whose egress is locked down; all in one namespace. More with `addAgent`. */
  readonly agents: IAgentWorkload[];
  /** Where they may connect; everything else is denied. More with `allow`. */
  readonly allow: Egress[];
  /** Allow DNS to the cluster DNS (UDP and TCP 53), from the ClusterProfile's `network.dnsNamespace` and `dnsLabels`. @default true */
  readonly dns?: boolean;
  /** The policy kind rendered; `Egress.fqdn()` needs `PolicyEngine.CILIUM`. @default PolicyEngine.KUBERNETES */
  readonly engine?: PolicyEngine;
  /** Name of the policy (the ingress lockdown appends `-ingress`). @default - the construct id */
  readonly name?: string;
  /** Also lock ingress to the agents' pods down to what Knative needs (a policy `<name>-ingress`). @default - IngressLockdown.KNATIVE when `ingressFrom` is given, else IngressLockdown.NONE */
  readonly ingress?: IngressLockdown;
  /**
   * Who else may connect to the agents' pods once ingress is locked down
   * (the ingress controller, client namespaces, monitoring), rendered into
   * the `<name>-ingress` policy. More with `allowIngress`.
   * @default - none: only what the lockdown admits
   */
  readonly ingressFrom?: IngressFrom[];
  /**
   * The policy kind of the ingress lockdown, as `engine` is the egress
   * policy's: a `networking.k8s.io/v1` NetworkPolicy (which Cilium enforces
   * too), or with `PolicyEngine.CILIUM` a `cilium.io/v2` CiliumNetworkPolicy
   * whose `ingress` rules admit the same peers (`fromEndpoints` with the
   * namespace as `k8s:io.kubernetes.pod.namespace`, `fromCIDRSet`, `toPorts`).
   * @default PolicyEngine.KUBERNETES
   */
  readonly ingressEngine?: PolicyEngine;
}

const WORKLOAD = T.duck('an IAgentWorkload', ['name', 'podSelector'], 'pass an AgentKnativeService (or another IAgentWorkload)');

const SHAPE = {
  agents: T.array(WORKLOAD),
  allow: T.array(T.instanceOf(Egress, 'Egress', 'use Egress.fqdn(), cidr(), namespace(), kubernetesApi() or agent()')),
  dns: T.boolean(),
  engine: T.enumOf(PolicyEngine, 'PolicyEngine'),
  ingressEngine: T.enumOf(PolicyEngine, 'PolicyEngine'),
  name: T.string({ nonEmpty: true }),
  ingress: T.enumOf(IngressLockdown, 'IngressLockdown'),
  ingressFrom: T.array(T.instanceOf(IngressFrom, 'IngressFrom', 'use IngressFrom.namespace(), pods(), agent(), ingressController(), monitoring(), cidr() or ciliumIngress()')),
} satisfies ShapeOf<EgressPolicyProps>;

const NS_LABEL = 'kubernetes.io/metadata.name';
const CILIUM_NS_LABEL = 'k8s:io.kubernetes.pod.namespace';
const KNATIVE_PORTS = [8012, 8013];
const AUTOSCALER_METRICS_PORT = 9090;

/** The policies for the agents whose pod selectors have one set of label keys. */
interface SelectorGroup {
  readonly keys: string;
  readonly egress: ApiObject;
  readonly ingress?: ApiObject;
}

const nsSelector = (ns: string) => ({ matchLabels: { [NS_LABEL]: ns } });
const k8sKeys = (labels: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(labels).map(([k, v]) => [`k8s:${k}`, v]));
const keysOf = (w: IAgentWorkload) => JSON.stringify(Object.keys(w.podSelector).sort());

/**
 * Locks the egress of agents down to DNS and what `allow` lists: a
 * `networking.k8s.io/v1` NetworkPolicy (or, with `PolicyEngine.CILIUM`, a
 * `cilium.io/v2` CiliumNetworkPolicy that can also allow host names).
 *
 * ```ts
 * const agent = new AgentKnativeService(chart, 'jira-triage', { image: 'ghcr.io/acme/jira-triage:1.4.2' });
 * new EgressPolicy(chart, 'jira-triage-egress', {
 *   agents: [agent],
 *   engine: PolicyEngine.CILIUM,
 *   allow: [Egress.fqdn('api.anthropic.com'), Egress.fqdn('acme.atlassian.net')],
 * });
 * ```
 *
 * The policy is the child `Resource`, named `name`. Agents whose pod labels
 * have other keys (a Knative Service and a Deployment) get their own policy,
 * `<name>-<first such agent>`; the ingress lockdown is `<name>-ingress`.
 */
export class EgressPolicy extends AgentConstruct<EgressPolicyProps> {
  /** Name of the generated policy. */
  public readonly name: string;
  /** The kind rendered. */
  public readonly engine: PolicyEngine;
  /** The kind the ingress lockdown is rendered as. */
  public readonly ingressEngine: PolicyEngine;
  /** The generated NetworkPolicy or CiliumNetworkPolicy (id `Resource`). */
  public readonly resource: ApiObject;

  private readonly dns: boolean;
  private readonly lockdown: IngressLockdown;
  private readonly agents: IAgentWorkload[] = [];
  private readonly destinations: Egress[] = [];
  /** The prop each destination came from (`allow[i]`, counting every one given, duplicates and rejected ones too). */
  private readonly destinationProps: string[] = [];
  private allowed = 0;
  private readonly sources: IngressFrom[] = [];
  private readonly sourceProps: string[] = [];
  private ingressGiven = 0;
  private readonly groups: SelectorGroup[] = [];
  private readonly firstIngress?: ApiObject;

  public constructor(scope: Construct, id: string, props: EgressPolicyProps) {
    super(scope, id, props, SHAPE, ['agents', 'allow']);
    const p = this.props;
    this.name = this.resourceName;
    this.engine = p.engine ?? PolicyEngine.KUBERNETES;
    this.ingressEngine = p.ingressEngine ?? PolicyEngine.KUBERNETES;
    this.dns = p.dns ?? true;
    this.lockdown = p.ingress ?? ((p.ingressFrom ?? []).length > 0 ? IngressLockdown.KNATIVE : IngressLockdown.NONE);
    const kind = this.engine === PolicyEngine.CILIUM ? ciliumImports().CiliumNetworkPolicy.GVK : { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' };
    this.resource = this.createResource({
      apiVersion: kind.apiVersion,
      kind: kind.kind,
      metadata: this.policyMetadata(this.name),
      spec: Lazy.any({ produce: () => this.renderEgress(0) }),
    });
    if (this.lockdown !== IngressLockdown.NONE) this.firstIngress = this.ingressObject('Ingress', `${this.name}-ingress`, 0);
    for (const a of p.agents ?? []) this.addAgent(a);
    this.allow(...(p.allow ?? []));
    this.allowIngress(...(p.ingressFrom ?? []));
  }

  /** Namespace of the policy: its agents', else the Chart's. */
  public get namespace(): string | undefined {
    return this.agents[0]?.namespace ?? Chart.of(this).namespace;
  }

  /** Locks down one more agent (same namespace). Adding one twice has no effect. */
  public addAgent(agent: IAgentWorkload): this {
    if (typeof agent?.name !== 'string' || agent.podSelector === null || typeof agent.podSelector !== 'object') {
      this.reportProp(CORE_RULES.PROP_TYPE, `agents[${this.agents.length}]`, agent, 'expected an IAgentWorkload', 'pass an AgentKnativeService (or another IAgentWorkload)');
      return this;
    }
    if (this.agents.some((a) => a === agent || (a.name === agent.name && a.namespace === agent.namespace && keysOf(a) === keysOf(agent)))) return this;
    this.agents.push(agent);
    const keys = keysOf(agent);
    if (this.groups.some((g) => g.keys === keys)) return this;
    const index = this.groups.length;
    if (index === 0) {
      this.groups.push({ keys, egress: this.resource, ingress: this.firstIngress });
    } else {
      // Another set of label keys cannot share the selector: its own objects, named after the first such agent.
      const name = `${this.name}-${agent.name}`;
      const egress = this.createObject(agent.name, {
        apiVersion: this.resource.apiVersion,
        kind: this.resource.kind,
        metadata: this.policyMetadata(name),
        spec: Lazy.any({ produce: () => this.renderEgress(index) }),
      });
      const ingress = this.lockdown !== IngressLockdown.NONE ? this.ingressObject(`${agent.name}-ingress`, `${name}-ingress`, index) : undefined;
      this.groups.push({ keys, egress, ingress });
    }
    return this;
  }

  /** Allows more destinations. Allowing one twice has no effect. */
  public allow(...destinations: Egress[]): this {
    destinations.forEach((e) => {
      const prop = `allow[${this.allowed++}]`;
      const problem = destinationProblem(e);
      const carried = new FindingList();
      if (problem) {
        this.reportProp(CORE_RULES.PROP_TYPE, prop, e instanceof Egress ? String(e) : e, problem.problem, problem.fix);
      } else if (!reportArgFindings(e, prop, carried)) {
        for (const f of carried.items) this.reportProp(f.rule, prop, f.value, f.problem, f.fix);
      } else if (!this.destinations.some((d) => d === e || d._key === e._key)) {
        this.destinations.push(e);
        this.destinationProps.push(prop);
      }
    });
    return this;
  }

  /** Admits more sources to the agents' pods (needs an ingress lockdown). Admitting one twice has no effect. */
  public allowIngress(...sources: IngressFrom[]): this {
    sources.forEach((src) => {
      const prop = `ingressFrom[${this.ingressGiven++}]`;
      const carried = new FindingList();
      if (!(src instanceof IngressFrom)) {
        this.reportProp(CORE_RULES.PROP_TYPE, prop, src, 'expected an IngressFrom', 'use IngressFrom.namespace(), pods(), agent(), ingressController(), monitoring(), cidr() or ciliumIngress()');
      } else if (!reportArgFindings(src, prop, carried)) {
        for (const f of carried.items) this.reportProp(f.rule, prop, f.value, f.problem, f.fix);
      } else if (!this.sources.some((x) => x === src || String(x) === String(src))) {
        this.sources.push(src);
        this.sourceProps.push(prop);
      }
    });
    return this;
  }

  /** @internal Prop findings, with those only known once every agent and destination is added. */
  public get _propFindings(): readonly RawFinding[] {
    const out = new FindingList();
    // Invalid props were reported by the boundary check; what was dropped would only raise follow-on findings.
    if (!this.propsValid) return super._propFindings;
    if (this.agents.length === 0) out.addProp(R.NO_AGENTS, 'agents', []);
    const namespaces = [...new Set(this.agents.map((a) => a.namespace ?? Chart.of(this).namespace))];
    if (namespaces.length > 1) {
      out.addProp(R.NAMESPACES, 'agents', this.agents.map((a) => `${a.name} (${a.namespace ?? '(applied namespace)'})`),
        `the agents are in ${namespaces.map((n) => n ?? 'the namespace the manifests are applied to').join(', ')}`);
    }
    for (const g of this.groups) {
      const { varying } = groupSelector(this.agentsOf(g));
      if (varying > 1) out.addProp(R.SELECTORS, 'agents', this.agentsOf(g).map((a) => a.podSelector), `${varying} pod labels differ between these agents`);
    }
    if (this.lockdown === IngressLockdown.NONE && this.sources.length > 0) out.addProp(R.INGRESS_WITHOUT_LOCKDOWN, 'ingress', this.lockdown, `${this.sources.length} ingressFrom source(s) given`);
    if (this.lockdown !== IngressLockdown.NONE && this.ingressEngine !== PolicyEngine.CILIUM) {
      this.sources.forEach((src, i) => {
        if (src._source.kind === 'entity') out.addProp(R.ENTITY_NEEDS_CILIUM, this.sourceProps[i], String(src), `the lockdown is a NetworkPolicy (ingressEngine ${this.ingressEngine}), which cannot admit the Cilium \`${src._source.entity}\` identity`);
      });
    }
    const s = settingsOf(this);
    this.allDestinations().forEach(({ egress: d, prop }) => {
      const t = d._target;
      if (t.kind === 'fqdn' && this.engine !== PolicyEngine.CILIUM) out.addProp(R.FQDN_NEEDS_CILIUM, prop, t.host);
      if (t.kind === 'kubernetesApi' && this.engine !== PolicyEngine.CILIUM && s.network.apiServerCidrs.length === 0) {
        out.addProp(R.API_SERVER_CIDRS, prop, String(d), `no API server CIDRs are declared (ClusterProfile \`network.apiServerCidrs\`; settings from ${s.source})`);
      }
      if (t.kind === 'namespace' && !isDns1123Label(t.namespace)) out.addProp(R.NAMESPACE_NAME, prop, t.namespace);
      if (t.kind === 'agent' && t.workload.servedByKnative && (d._ports ?? []).length > 0) out.addProp(R.KNATIVE_AGENT_PORTS, prop, String(d));
    });
    return [...super._propFindings, ...out.items];
  }

  /**
   * What `allow` lists, then the telemetry collectors of its agents
   * (AgentTelemetry), what was granted to the agents (`McpServer.grantUse`,
   * `TemporalWorker.calls`, ...) and the sinks they publish to (their
   * SinkBindings), each once: read at synth, so what is created after the
   * policy still reaches it. The policy is one allow-list: a grant to one of
   * its agents is allowed to all of them.
   */
  private allDestinations(): { egress: Egress; prop: string }[] {
    const all = this.destinations.map((egress, i) => ({ egress, prop: this.destinationProps[i] }));
    const add = (egress: Egress, prop: string) => {
      if (!all.some((d) => d.egress._key === egress._key)) all.push({ egress, prop });
    };
    for (const agent of this.agents) {
      for (const { destination, prop } of destinationsOf(agent)) {
        if (destination instanceof Egress && !destinationProblem(destination)) add(destination, prop);
      }
      for (const g of grantsOf(agent)) add(g.egress, `agents (${agent.name}: ${g.by})`);
    }
    for (const agent of this.agents) {
      for (const b of bindingsOf(agent)) if (b.sink !== undefined) add(Egress.eventSink(b.sink), 'agents');
    }
    return all;
  }

  /** A policy's metadata: named after the `name` prop, in the agents' namespace. */
  private policyMetadata(name: string): ApiObjectMetadata {
    return { ...this.metadata({}, name), namespace: fromProp('agents', Lazy.any({ produce: () => this.namespace }) as unknown as string) };
  }

  private agentsOf(group: SelectorGroup): IAgentWorkload[] {
    return this.agents.filter((a) => keysOf(a) === group.keys);
  }

  private ingressObject(id: string, name: string, index: number): ApiObject {
    const cilium = this.ingressEngine === PolicyEngine.CILIUM;
    const kind = cilium ? ciliumImports().CiliumNetworkPolicy.GVK : { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' };
    return this.createObject(id, {
      apiVersion: kind.apiVersion,
      kind: kind.kind,
      metadata: this.policyMetadata(name),
      spec: Lazy.any({ produce: () => (cilium ? this.renderCiliumIngress(index) : this.renderIngress(index)) }),
    });
  }

  private selectorOf(index: number): LabelSelector {
    const group = this.groups[index];
    return group ? groupSelector(this.agentsOf(group)).selector : {};
  }

  private renderEgress(index: number): unknown {
    const s = settingsOf(this);
    const selector = this.selectorOf(index);
    if (this.engine === PolicyEngine.CILIUM) {
      const rules = this.ciliumRules(s);
      // An empty rule selects the pods for egress and allows nothing: deny all.
      return { endpointSelector: fromProp('agents', selector), egress: rules.length > 0 ? rules : [{}] };
    }
    return { podSelector: fromProp('agents', selector), policyTypes: ['Egress'], egress: this.kubernetesRules(s) };
  }

  /**
   * What the ingress lockdown of a group admits, whatever the policy kind:
   * for Knative-served agents the activator, the networking layer (and the
   * eventing data plane) on 8012/8013 and the autoscaler on 9090; Prometheus
   * on the scraped ports; then every `ingressFrom` source.
   */
  private ingressRules(index: number): IngressRuleSpec[] {
    const group = this.groups[index];
    const agents = group ? this.agentsOf(group) : [];
    const { serving, network, eventing } = settingsOf(this);
    const rules: IngressRuleSpec[] = [];
    if (agents.some((a) => a.servedByKnative)) {
      rules.push({
        prop: 'ingress',
        peers: [
          { kind: 'pods', namespace: serving.namespace, labels: { app: 'activator' } },
          ...network.ingressNamespaces.map((ns): IngressPeer => ({ kind: 'pods', namespace: ns })),
          ...(this.lockdown === IngressLockdown.KNATIVE_AND_EVENTING ? [{ kind: 'pods', namespace: eventing.namespace } as const] : []),
        ],
        ports: KNATIVE_PORTS.map((port) => EgressPort.tcp(port)),
      });
      rules.push({ prop: 'ingress', peers: [{ kind: 'pods', namespace: serving.namespace, labels: { app: 'autoscaler' } }], ports: [EgressPort.tcp(AUTOSCALER_METRICS_PORT)] });
    }
    // Prometheus in the monitoring namespace to the ports an AgentMonitor scrapes on these agents, if any.
    const scraped = [...new Set(agents.flatMap((a) => scrapePortsOf(a)))];
    if (scraped.length > 0) {
      const labels = Object.keys(network.monitoringLabels).length > 0 ? { ...network.monitoringLabels } : undefined;
      rules.push({ peers: [{ kind: 'pods', namespace: network.monitoringNamespace, labels }], ports: scraped.map((port) => ({ protocol: 'TCP', port })) });
    }
    this.sources.forEach((src, i) => rules.push({ prop: this.sourceProps[i], peers: [ingressPeer(src)], ports: src._ports ?? [], source: true }));
    return rules;
  }

  private renderIngress(index: number): unknown {
    const spec = { podSelector: fromProp('agents', this.selectorOf(index)), policyTypes: ['Ingress'] };
    const rules = this.ingressRules(index).flatMap((r) => {
      // A Cilium entity is no NetworkPolicy peer (NET-EGRESS-009): left out, never rendered as `from: []` (every source).
      const peers = r.peers.filter((p): p is KubernetesIngressPeer => p.kind !== 'entity');
      if (peers.length === 0) return [];
      const rule = { from: peers.map((p) => kubernetesPeer(p, r.source)), ports: r.ports.length > 0 ? r.ports.map((p) => ({ protocol: p.protocol, port: p.port, endPort: p.endPort })) : undefined };
      return [r.prop ? fromProp(r.prop, rule) : rule];
    });
    return rules.length > 0 ? { ...spec, ingress: rules } : spec;
  }

  /**
   * The lockdown as a CiliumNetworkPolicy: one ingress rule per admitted
   * group of peers, pods as `fromEndpoints` (a selector without the
   * namespace label selects the policy's namespace only, as a NetworkPolicy
   * peer without namespaceSelector does), IP blocks as `fromCIDRSet` (a
   * rule of their own: NET-CILIUM-006), entities (`IngressFrom.ciliumIngress()`)
   * as `fromEntities` (likewise), ports as `toPorts`. Nothing
   * admitted: `ingress: [{}]`, which selects the pods for ingress and
   * allows nothing. Traffic from the pods' own node (kubelet probes) is
   * allowed by Cilium whatever the policy (`allow-localhost`).
   */
  private renderCiliumIngress(index: number): unknown {
    const rules = this.ingressRules(index).flatMap((r) => {
      const toPorts = r.ports.length > 0 ? [{ ports: r.ports.map(ciliumPort) }] : undefined;
      const endpoints = r.peers.filter((p) => p.kind === 'pods').map((p) => ciliumEndpoint(p.labels ?? {}, p.namespace));
      const cidrs = r.peers.flatMap((p) => (p.kind === 'cidr' ? [{ cidr: p.cidr, except: p.except && p.except.length > 0 ? [...p.except] : undefined }] : []));
      const entities = r.peers.flatMap((p) => (p.kind === 'entity' ? [p.entity] : []));
      const out = [
        ...(endpoints.length > 0 ? [{ fromEndpoints: endpoints, toPorts }] : []),
        ...(cidrs.length > 0 ? [{ fromCIDRSet: cidrs, toPorts }] : []),
        ...(entities.length > 0 ? [{ fromEntities: entities, toPorts }] : []),
      ];
      return r.prop ? out.map((rule) => fromProp(r.prop!, rule)) : out;
    });
    return { endpointSelector: fromProp('agents', this.selectorOf(index)), ingress: rules.length > 0 ? rules : [{}] };
  }

  private kubernetesRules(s: ClusterSettings): unknown[] {
    const rules: unknown[] = [];
    const add = (prop: string, to: unknown[], ports?: readonly EgressPort[]) => {
      rules.push(fromProp(prop, { to, ports: ports && ports.length > 0 ? ports.map((p) => ({ protocol: p.protocol, port: p.port, endPort: p.endPort })) : undefined }));
    };
    if (this.dns) add('dns', [{ namespaceSelector: nsSelector(s.network.dnsNamespace), podSelector: { matchLabels: { ...s.network.dnsLabels } } }], [EgressPort.udp(53), EgressPort.tcp(53)]);
    this.allDestinations().forEach(({ egress: d, prop }) => {
      const t = d._target;
      switch (t.kind) {
        case 'cidr': return add(prop, [{ ipBlock: { cidr: t.cidr, except: t.except && t.except.length > 0 ? [...t.except] : undefined } }], d._ports);
        case 'namespace': return add(prop, [{ namespaceSelector: nsSelector(t.namespace) }], d._ports);
        case 'publicInternet': return add(prop, PUBLIC_BLOCKS.map((b) => ({ ipBlock: { cidr: b.cidr, except: [...b.except] } })), d._ports);
        case 'kubernetesApi':
          if (s.network.apiServerCidrs.length > 0) add(prop, s.network.apiServerCidrs.map((cidr) => ({ ipBlock: { cidr } })), [EgressPort.tcp(s.network.apiServerPort)]);
          return undefined;
        case 'agent': {
          const w = t.workload;
          if (w.servedByKnative) return add(prop, knativePeers(s), d._ports);
          return add(prop, [{ podSelector: { matchLabels: { ...w.podSelector } }, namespaceSelector: w.namespace ? nsSelector(w.namespace) : undefined }], d._ports);
        }
        case 'eventSink': {
          const r = sinkReceiver(t.sink, s, this.namespace);
          if (r === 'knative') return add(prop, knativePeers(s));
          if (r) add(prop, [{ namespaceSelector: nsSelector(r.namespace), podSelector: r.labels ? { matchLabels: { ...r.labels } } : undefined }], RECEIVER_PORTS);
          return undefined;
        }
        default: return undefined; // fqdn: NET-EGRESS-003
      }
    });
    return rules;
  }

  private ciliumRules(s: ClusterSettings): unknown[] {
    const rules: unknown[] = [];
    const toPorts = (ports?: readonly EgressPort[]) => (ports && ports.length > 0 ? [{ ports: ports.map(ciliumPort) }] : undefined);
    const add = (prop: string, rule: Record<string, unknown>) => {
      rules.push(fromProp(prop, rule));
    };
    const usesFqdn = this.allDestinations().some(({ egress }) => egress._target.kind === 'fqdn');
    if (this.dns) {
      add('dns', {
        toEndpoints: [{ matchLabels: { [CILIUM_NS_LABEL]: s.network.dnsNamespace, ...k8sKeys(s.network.dnsLabels) } }],
        // Lookups go through Cilium's DNS proxy only when toFQDNs needs it to learn the names.
        toPorts: [{ ports: [EgressPort.udp(53), EgressPort.tcp(53)].map(ciliumPort), rules: usesFqdn ? { dns: [{ matchPattern: '*' }] } : undefined }],
      });
    }
    this.allDestinations().forEach(({ egress: d, prop }) => {
      const t = d._target;
      switch (t.kind) {
        case 'fqdn': return add(prop, { toFQDNs: [t.host.includes('*') ? { matchPattern: t.host } : { matchName: t.host }], toPorts: toPorts(d._ports) });
        case 'cidr': return add(prop, { toCIDRSet: [{ cidr: t.cidr, except: t.except && t.except.length > 0 ? [...t.except] : undefined }], toPorts: toPorts(d._ports) });
        case 'namespace': return add(prop, { toEndpoints: [{ matchLabels: { [CILIUM_NS_LABEL]: t.namespace } }], toPorts: toPorts(d._ports) });
        case 'publicInternet': return add(prop, { toCIDRSet: PUBLIC_BLOCKS.map((b) => ({ cidr: b.cidr, except: [...b.except] })), toPorts: toPorts(d._ports) });
        case 'kubernetesApi': return add(prop, { toEntities: ['kube-apiserver'] });
        case 'agent': {
          const w = t.workload;
          const endpoints = w.servedByKnative
            ? ciliumKnativePeers(s)
            : [{ matchLabels: { ...(w.namespace ? { [CILIUM_NS_LABEL]: w.namespace } : {}), ...k8sKeys(w.podSelector) } }];
          return add(prop, { toEndpoints: endpoints, toPorts: toPorts(d._ports) });
        }
        case 'eventSink': {
          const r = sinkReceiver(t.sink, s, this.namespace);
          if (r === 'knative') return add(prop, { toEndpoints: ciliumKnativePeers(s) });
          if (r) add(prop, { toEndpoints: [{ matchLabels: { [CILIUM_NS_LABEL]: r.namespace, ...k8sKeys(r.labels ?? {}) } }], toPorts: toPorts(RECEIVER_PORTS) });
          return undefined;
        }
        default: return undefined;
      }
    });
    return rules;
  }
}

/** `Egress.publicInternet()`: every address of each family but the non-public ones. */
const PUBLIC_BLOCKS = [
  { cidr: '0.0.0.0/0', except: NON_PUBLIC_CIDRS.ipv4 },
  { cidr: '::/0', except: NON_PUBLIC_CIDRS.ipv6 },
];

function settingsOf(scope: Construct): ClusterSettings {
  return AppValidation.of(scope).settings;
}

/** A Knative-served agent is reached through the gateways of the networking layer and the activator. */
function knativePeers(s: ClusterSettings): unknown[] {
  return [
    ...s.network.ingressNamespaces.map((ns) => ({ namespaceSelector: nsSelector(ns) })),
    { namespaceSelector: nsSelector(s.serving.namespace), podSelector: { matchLabels: { app: 'activator' } } },
  ];
}

/**
 * A peer the ingress lockdown admits: pods (with these labels, every pod
 * without; in `namespace`, the policy's own without) or an IP block, whatever
 * the policy kind; a Cilium entity in a CiliumNetworkPolicy only.
 */
type IngressPeer =
  | { readonly kind: 'pods'; readonly namespace?: string; readonly labels?: Readonly<Record<string, string>> }
  | { readonly kind: 'cidr'; readonly cidr: string; readonly except?: readonly string[] }
  | { readonly kind: 'entity'; readonly entity: string };

/** The peers a NetworkPolicy can express. */
type KubernetesIngressPeer = Exclude<IngressPeer, { readonly kind: 'entity' }>;

/** A port of an ingress rule: a number, or (a scraped port) a container port's name. */
interface IngressPort {
  readonly protocol: string;
  readonly port: number | string;
  readonly endPort?: number;
}

/** One ingress rule: its peers on its ports (every port when none), and the prop it comes from. */
interface IngressRuleSpec {
  readonly prop?: string;
  readonly peers: readonly IngressPeer[];
  readonly ports: readonly IngressPort[];
  /** An `ingressFrom` source: its NetworkPolicy peer lists podSelector first, as it always has (byte-stable output). */
  readonly source?: boolean;
}

/** Who an `ingressFrom` source admits. */
function ingressPeer(src: IngressFrom): IngressPeer {
  const t = src._source;
  switch (t.kind) {
    case 'namespace': return { kind: 'pods', namespace: t.namespace };
    case 'cidr': return { kind: 'cidr', cidr: t.cidr, except: t.except };
    case 'entity': return { kind: 'entity', entity: t.entity };
    case 'agent': return { kind: 'pods', namespace: t.workload.namespace, labels: t.workload.podSelector };
    default: return { kind: 'pods', namespace: t.namespace, labels: t.labels };
  }
}

/** A NetworkPolicy `from` peer: namespaceSelector and podSelector together select the pods of both. */
function kubernetesPeer(p: KubernetesIngressPeer, podFirst = false): unknown {
  if (p.kind === 'cidr') return { ipBlock: { cidr: p.cidr, except: p.except && p.except.length > 0 ? [...p.except] : undefined } };
  const namespaceSelector = p.namespace ? nsSelector(p.namespace) : undefined;
  const podSelector = p.labels ? { matchLabels: { ...p.labels } } : undefined;
  return podFirst ? { podSelector, namespaceSelector } : { namespaceSelector, podSelector };
}

/** A Cilium endpoint selector: the pod labels with the `k8s:` source, the namespace as its label (none: the policy's namespace). */
function ciliumEndpoint(labels: Readonly<Record<string, string>>, namespace?: string): unknown {
  return { matchLabels: { ...(namespace ? { [CILIUM_NS_LABEL]: namespace } : {}), ...k8sKeys(labels) } };
}

function ciliumKnativePeers(s: ClusterSettings): unknown[] {
  return [...s.network.ingressNamespaces.map((ns) => ciliumEndpoint({}, ns)), ciliumEndpoint({ app: 'activator' }, s.serving.namespace)];
}

/** The receivers of eventing sinks listen on 8080 (HTTP) and 8443 (HTTPS, transport encryption). */
const RECEIVER_PORTS = [EgressPort.tcp(8080), EgressPort.tcp(8443)];
const EVENTING_GROUPS = new Set(['eventing.knative.dev', 'flows.knative.dev', 'messaging.knative.dev', 'sinks.knative.dev']);

/**
 * The pods that receive what is posted to a sink: a Knative Service through
 * the networking layer; a Broker's ingress by class (config/brokers/mt-channel-broker
 * broker-ingress, eventing-kafka-broker data-plane/config/broker/500-receiver.yaml);
 * any other eventing object's data plane in the eventing namespace. A URL: unknown.
 */
function sinkReceiver(sink: ISink, s: ClusterSettings, policyNamespace: string | undefined): 'knative' | { namespace: string; labels?: Record<string, string> } | undefined {
  const ref = sink.toDestination().ref;
  if (!ref || typeof ref.apiVersion !== 'string') return undefined;
  const group = ref.apiVersion.split('/')[0];
  if (group === 'serving.knative.dev') return 'knative';
  if (!EVENTING_GROUPS.has(group)) return undefined;
  if (ref.kind === 'Broker') {
    const brokerClass = (sink as { brokerClass?: unknown }).brokerClass;
    if (brokerClass === BrokerClass.MT_CHANNEL_BASED) return { namespace: s.eventing.namespace, labels: { 'eventing.knative.dev/brokerRole': 'ingress' } };
    if (brokerClass === BrokerClass.KAFKA) return { namespace: s.eventing.namespace, labels: { app: 'kafka-broker-receiver' } };
    if (brokerClass === BrokerClass.KAFKA_NAMESPACED) {
      const ns = ref.namespace ?? policyNamespace;
      if (ns) return { namespace: ns, labels: { app: 'kafka-broker-receiver' } };
    }
  }
  return { namespace: s.eventing.namespace };
}

function ciliumPort(p: IngressPort): unknown {
  return { port: String(p.port), endPort: p.endPort, protocol: p.protocol };
}

/**
 * One selector for agents whose pod labels share their keys: the equal labels
 * as matchLabels, the one that differs as `In`. `varying` > 1 cannot be
 * expressed without selecting other pods (NET-EGRESS-006).
 */
function groupSelector(agents: readonly IAgentWorkload[]): { selector: LabelSelector; varying: number } {
  if (agents.length === 0) return { selector: {}, varying: 0 };
  const matchLabels: Record<string, string> = {};
  const matchExpressions: { key: string; operator: string; values: string[] }[] = [];
  for (const key of Object.keys(agents[0].podSelector).sort()) {
    const values = [...new Set(agents.map((a) => a.podSelector[key]))].sort();
    if (values.length === 1) matchLabels[key] = values[0];
    else matchExpressions.push({ key, operator: 'In', values });
  }
  return {
    selector: { matchLabels: Object.keys(matchLabels).length > 0 ? matchLabels : undefined, matchExpressions: matchExpressions.length > 0 ? matchExpressions : undefined },
    varying: matchExpressions.length,
  };
}

/** What makes a destination unusable (a plain-JS caller's wrong types), for PROPS-001. */
function destinationProblem(e: unknown): { problem: string; fix: string } | undefined {
  if (!(e instanceof Egress)) return { problem: 'expected an Egress', fix: 'use Egress.fqdn(), cidr(), namespace(), kubernetesApi() or agent()' };
  const t = e._target;
  const ports = e._ports ?? [];
  if (!Array.isArray(ports) || ports.some((p) => !(p instanceof EgressPort))) return { problem: 'ports must be EgressPort values', fix: 'use `ports: [EgressPort.tcp(443)]`' };
  if (ports.some((p) => typeof p.port !== 'number' || (p.endPort !== undefined && typeof p.endPort !== 'number'))) return { problem: 'a port is a number', fix: 'use `EgressPort.tcp(443)`, not a string' };
  switch (t.kind) {
    case 'fqdn': return typeof t.host === 'string' ? undefined : { problem: 'the host is not a string', fix: "use Egress.fqdn('api.example.com')" };
    case 'cidr':
      return typeof t.cidr === 'string' && (t.except === undefined || (Array.isArray(t.except) && t.except.every((x) => typeof x === 'string')))
        ? undefined : { problem: 'the CIDR and its exceptions are strings', fix: "use Egress.cidr('203.0.113.0/24', { except: ['203.0.113.128/25'] })" };
    case 'namespace': return typeof t.namespace === 'string' ? undefined : { problem: 'the namespace is not a string', fix: "use Egress.namespace('observability')" };
    case 'agent':
      return typeof t.workload?.name === 'string' && t.workload?.podSelector !== null && typeof t.workload?.podSelector === 'object'
        ? undefined : { problem: 'Egress.agent() needs an IAgentWorkload', fix: 'pass an AgentKnativeService (or another IAgentWorkload)' };
    default: return undefined;
  }
}
