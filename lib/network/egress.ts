import { checkArgs, PropShape, T, withArgFindings } from '../construct/props';
import { IAgentWorkload } from '../construct/workload';
import type { ISink } from '../eventing/sink';

/** The engine that enforces an EgressPolicy, which decides the kind rendered. */
export enum PolicyEngine {
  /** `networking.k8s.io/v1` NetworkPolicy: any CNI that enforces NetworkPolicy; cannot name hosts. */
  KUBERNETES = 'kubernetes',
  /** `cilium.io/v2` CiliumNetworkPolicy: needed for `Egress.fqdn()`. */
  CILIUM = 'cilium',
}

/** The transport protocol of a port. */
export enum PortProtocol {
  TCP = 'TCP',
  UDP = 'UDP',
  SCTP = 'SCTP',
}

/**
 * A destination port (or range) an egress rule allows.
 *
 * ```ts
 * EgressPort.tcp(443);
 * EgressPort.tcp(8000, 8100); // 8000-8100
 * EgressPort.udp(53);
 * ```
 */
export class EgressPort {
  /** A TCP port, or the range `port`..`endPort`. */
  public static tcp(port: number, endPort?: number): EgressPort {
    return withArgFindings(new EgressPort(PortProtocol.TCP, port, endPort), checkArgs('EgressPort.tcp', { port, endPort }, PORT_ARGS, ['port']));
  }

  /** A UDP port, or the range `port`..`endPort`. */
  public static udp(port: number, endPort?: number): EgressPort {
    return withArgFindings(new EgressPort(PortProtocol.UDP, port, endPort), checkArgs('EgressPort.udp', { port, endPort }, PORT_ARGS, ['port']));
  }

  /** An SCTP port, or the range `port`..`endPort`. */
  public static sctp(port: number, endPort?: number): EgressPort {
    return withArgFindings(new EgressPort(PortProtocol.SCTP, port, endPort), checkArgs('EgressPort.sctp', { port, endPort }, PORT_ARGS, ['port']));
  }

  private constructor(
    /** Transport protocol. */
    public readonly protocol: PortProtocol,
    /** Port number, 1-65535. */
    public readonly port: number,
    /** Last port of a range, at least `port`. @default - a single port */
    public readonly endPort?: number,
  ) {}

  /** `443/TCP`, `8000-8100/TCP`. */
  public toString(): string {
    return `${String(this.port)}${this.endPort !== undefined ? `-${String(this.endPort)}` : ''}/${this.protocol}`;
  }
}

// Ranges are manifest rules (NET-PORT-*), so synth and check report them alike.
const PORT_ARGS: PropShape = { port: T.number(), endPort: T.number() };

/** Options of an egress rule. */
export interface EgressOptions {
  /** Destination ports; an empty list is every port. @default - every port (`Egress.fqdn`: `[EgressPort.tcp(443)]`) */
  readonly ports?: EgressPort[];
}

/** Options of `Egress.cidr()`. */
export interface CidrEgressOptions extends EgressOptions {
  /** Blocks inside `cidr` that stay denied. @default - none */
  readonly except?: string[];
}

/** @internal What an Egress reaches. */
export type EgressTarget =
  | { readonly kind: 'fqdn'; readonly host: string }
  | { readonly kind: 'cidr'; readonly cidr: string; readonly except?: readonly string[] }
  | { readonly kind: 'namespace'; readonly namespace: string }
  | { readonly kind: 'kubernetesApi' }
  | { readonly kind: 'publicInternet' }
  | { readonly kind: 'eventSink'; readonly sink: ISink }
  | { readonly kind: 'agent'; readonly workload: IAgentWorkload };

const PORTS = T.array(T.instanceOf(EgressPort, 'EgressPort', 'use `EgressPort.tcp(443)`, `.udp(53)` or `.sctp(port)`'));
const OPTIONS = T.object<EgressOptions>({ ports: PORTS }, 'an EgressOptions object');
// Only the types: empty or malformed hosts, CIDRs and namespaces are the manifest rules' (NET-*).
const CIDR_OPTIONS = T.object<CidrEgressOptions>({ ports: PORTS, except: T.array(T.string()) }, 'a CidrEgressOptions object');

/**
 * One destination an agent may reach. Everything not allowed is denied once
 * an EgressPolicy selects the agent (DNS is allowed unless `dns: false`).
 *
 * ```ts
 * Egress.fqdn('api.anthropic.com');                     // 443/TCP, needs PolicyEngine.CILIUM
 * Egress.fqdn('*.atlassian.net', { ports: [EgressPort.tcp(443)] });
 * Egress.cidr('10.20.0.0/16', { ports: [EgressPort.tcp(5432)] });
 * Egress.namespace('observability', { ports: [EgressPort.tcp(4317)] });
 * Egress.kubernetesApi();
 * Egress.agent(otherAgent);
 * Egress.publicInternet();                              // any public address, 443/TCP
 * Egress.eventSink(broker);                             // the Broker's ingress
 * ```
 */
export class Egress {
  /**
   * A host name, or a Cilium wildcard pattern (`*.example.com` one level,
   * `**.example.com` any depth). No scheme, path or port: ports go in
   * `options.ports`. Needs `PolicyEngine.CILIUM`.
   */
  public static fqdn(host: string, options: EgressOptions = {}): Egress {
    return withArgFindings(new Egress({ kind: 'fqdn', host }, options?.ports ?? [EgressPort.tcp(443)]),
      checkArgs('Egress.fqdn', { host, options }, { host: T.string(), options: OPTIONS }, ['host']));
  }

  /** An IP block (`203.0.113.0/24`, `2001:db8::/32`), optionally with holes. */
  public static cidr(cidr: string, options: CidrEgressOptions = {}): Egress {
    return withArgFindings(new Egress({ kind: 'cidr', cidr, except: options?.except }, options?.ports),
      checkArgs('Egress.cidr', { cidr, options }, { cidr: T.string(), options: CIDR_OPTIONS }, ['cidr']));
  }

  /** Every pod of a namespace. */
  public static namespace(namespace: string, options: EgressOptions = {}): Egress {
    return withArgFindings(new Egress({ kind: 'namespace', namespace }, options?.ports),
      checkArgs('Egress.namespace', { namespace, options }, { namespace: T.string(), options: OPTIONS }, ['namespace']));
  }

  /**
   * The Kubernetes API server. With `PolicyEngine.CILIUM` the `kube-apiserver`
   * entity; with `PolicyEngine.KUBERNETES` the ClusterProfile's
   * `network.apiServerCidrs` on `network.apiServerPort`.
   */
  public static kubernetesApi(): Egress {
    return new Egress({ kind: 'kubernetesApi' }, undefined);
  }

  /**
   * Any public address, and nothing private: `0.0.0.0/0` and `::/0` except
   * the private, carrier-grade NAT, loopback and link-local ranges (so the
   * cloud metadata endpoint 169.254.169.254), unique-local IPv6 and
   * IPv4-mapped IPv6. The agent-sandbox default for agents that browse or
   * call arbitrary APIs; the cluster's own pods and services (private ranges)
   * stay denied unless allowed by another destination.
   */
  public static publicInternet(options: EgressOptions = {}): Egress {
    return withArgFindings(new Egress({ kind: 'publicInternet' }, options?.ports ?? [EgressPort.tcp(443)]),
      checkArgs('Egress.publicInternet', { options }, { options: OPTIONS }, []));
  }

  /**
   * The receiver of an eventing sink the agent posts events to: a Broker's
   * ingress (`broker-ingress`, or `kafka-broker-receiver` for a Kafka
   * Broker), the Knative networking layer for an agent, the eventing data
   * plane (namespace of the ClusterProfile's eventing settings) for a
   * Sequence, Parallel, JobSink or a Broker of unknown class, on ports 8080
   * (HTTP) and 8443 (HTTPS). An EgressPolicy adds it by itself for an agent
   * that `publishTo`s a sink; a `Sink.uri()` has no known receiver: allow
   * its host with `fqdn()` or `cidr()`.
   */
  public static eventSink(sink: ISink): Egress {
    return withArgFindings(new Egress({ kind: 'eventSink', sink }, undefined), checkArgs('Egress.eventSink', { sink }, {
      sink: T.duck('an ISink', ['toDestination', 'bind'], 'pass a Broker, an agent, a Sequence, a Parallel or a JobSink'),
    }, ['sink']));
  }

  /**
   * Another agent. A Knative-served agent is reached through the networking
   * layer's gateways and the activator (from the ClusterProfile), a plain
   * workload directly by its pod labels.
   */
  public static agent(workload: IAgentWorkload, options: EgressOptions = {}): Egress {
    return withArgFindings(new Egress({ kind: 'agent', workload }, options?.ports), checkArgs('Egress.agent', { workload, options }, {
      workload: T.duck('an IAgentWorkload', ['name', 'podSelector'], 'pass an AgentKnativeService (or another IAgentWorkload)'), options: OPTIONS,
    }, ['workload']));
  }

  private constructor(
    /** @internal */ public readonly _target: EgressTarget,
    /** @internal */ public readonly _ports: readonly EgressPort[] | undefined,
  ) {}

  /** What is allowed, for messages: `fqdn api.anthropic.com 443/TCP`. */
  public toString(): string {
    const t = this._target;
    const what = t.kind === 'fqdn' ? `fqdn ${String(t.host)}` : t.kind === 'cidr' ? `cidr ${String(t.cidr)}` : t.kind === 'namespace' ? `namespace ${String(t.namespace)}`
      : t.kind === 'agent' ? `agent ${String(t.workload?.name)}` : t.kind === 'eventSink' ? `eventSink ${sinkLabel(t.sink)}` : t.kind;
    return Array.isArray(this._ports) && this._ports.length > 0 ? `${what} ${this._ports.map(String).join(',')}` : what;
  }

  /** @internal Identity for de-duplication: same destination, same ports. */
  public get _key(): string {
    const t = this._target;
    const target = t.kind === 'agent' ? { kind: t.kind, name: t.workload?.name, namespace: t.workload?.namespace }
      : t.kind === 'eventSink' ? { kind: t.kind, sink: sinkLabel(t.sink) } : t;
    return JSON.stringify([target, Array.isArray(this._ports) ? this._ports.map(String) : undefined]);
  }
}

/** `Broker/agents/events`, or the URL, for messages and de-duplication. */
function sinkLabel(sink: ISink): string {
  const d = typeof sink?.toDestination === 'function' ? sink.toDestination() : undefined;
  const r = d?.ref;
  return r ? `${String(r.kind)}/${r.namespace ? `${String(r.namespace)}/` : ''}${String(r.name)}` : String(d?.uri);
}
