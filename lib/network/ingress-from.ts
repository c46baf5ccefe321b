import { checkArgs, PropShape, T, withArgFindings } from '../construct/props';
import { IAgentWorkload } from '../construct/workload';
import { CidrEgressOptions, EgressOptions, EgressPort } from './egress';

/** An ingress controller whose pods may reach an agent, with where a stock install runs them. */
export enum IngressController {
  /** Traefik (`app.kubernetes.io/name: traefik`); k3s runs it in `kube-system`. */
  TRAEFIK = 'traefik',
  /** ingress-nginx (`app.kubernetes.io/name: ingress-nginx`), in `ingress-nginx`. */
  INGRESS_NGINX = 'ingress-nginx',
}

const CONTROLLER_NAMESPACE: Record<IngressController, string> = {
  [IngressController.TRAEFIK]: 'kube-system',
  [IngressController.INGRESS_NGINX]: 'ingress-nginx',
};

/** Options of a peer in another namespace. */
export interface NamespacedIngressOptions extends EgressOptions {
  /** Namespace of the peer pods. @default - the agents' namespace (`IngressFrom.ingressController`: the controller's usual namespace) */
  readonly namespace?: string;
}

/** @internal Who an IngressFrom admits: NetworkPolicy peers, as rendered. */
export type IngressSource =
  | { readonly kind: 'namespace'; readonly namespace: string }
  | { readonly kind: 'pods'; readonly labels: Readonly<Record<string, string>>; readonly namespace?: string }
  | { readonly kind: 'agent'; readonly workload: IAgentWorkload }
  | { readonly kind: 'cidr'; readonly cidr: string; readonly except?: readonly string[] }
  | { readonly kind: 'entity'; readonly entity: 'ingress' };

const PORTS = T.array(T.instanceOf(EgressPort, 'EgressPort', 'use `EgressPort.tcp(8080)`'));
const OPTIONS = T.object<NamespacedIngressOptions>({ ports: PORTS, namespace: T.string({ nonEmpty: true }) }, 'an options object ({ namespace?, ports? })');
const PLAIN_OPTIONS = T.object<EgressOptions>({ ports: PORTS }, 'an options object ({ ports? })');
const ARGS: PropShape = {
  namespace: T.string({ nonEmpty: true }),
  labels: T.record(T.string()),
  cidr: T.string(),
  controller: T.enumOf(IngressController, 'IngressController'),
  workload: T.duck('an IAgentWorkload', ['name', 'podSelector'], 'pass an AgentKnativeService (or another IAgentWorkload)'),
};

/**
 * One source an agent accepts connections from, once an EgressPolicy locks
 * its ingress down (`ingressFrom`); everything else is denied. Ports are the
 * agent's own (an empty list: every port). Requests to a Knative agent
 * arrive from the networking layer and the activator (which the lockdown
 * always admits), so on a Knative agent these admit direct connections only:
 * metrics scrapes, and pods that call the pod itself.
 *
 * ```ts
 * IngressFrom.ingressController(IngressController.TRAEFIK);
 * IngressFrom.namespace('github-ai-agents');
 * IngressFrom.pods({ 'app.kubernetes.io/name': 'app' });
 * IngressFrom.agent(otherAgent, { ports: [EgressPort.tcp(8080)] });
 * IngressFrom.monitoring();                       // namespace `monitoring`
 * IngressFrom.cidr('10.0.0.0/8');
 * IngressFrom.ciliumIngress();                    // Cilium's Ingress / Gateway API (needs ingressEngine CILIUM)
 * ```
 */
export class IngressFrom {
  /** Every pod of a namespace. */
  public static namespace(namespace: string, options: EgressOptions = {}): IngressFrom {
    return withArgFindings(new IngressFrom({ kind: 'namespace', namespace }, options?.ports),
      checkArgs('IngressFrom.namespace', { namespace, options }, { namespace: ARGS.namespace, options: PLAIN_OPTIONS }, ['namespace']));
  }

  /** Pods with these labels, in the agents' namespace or `options.namespace`. */
  public static pods(labels: Record<string, string>, options: NamespacedIngressOptions = {}): IngressFrom {
    return withArgFindings(new IngressFrom({ kind: 'pods', labels: { ...(labels ?? {}) }, namespace: options?.namespace }, options?.ports),
      checkArgs('IngressFrom.pods', { labels, options }, { labels: ARGS.labels, options: OPTIONS }, ['labels']));
  }

  /** The pods of another agent (a plain workload; a Knative agent's pods when they call directly). */
  public static agent(workload: IAgentWorkload, options: EgressOptions = {}): IngressFrom {
    return withArgFindings(new IngressFrom({ kind: 'agent', workload }, options?.ports),
      checkArgs('IngressFrom.agent', { workload, options }, { workload: ARGS.workload, options: PLAIN_OPTIONS }, ['workload']));
  }

  /**
   * The pods of an ingress controller, by their `app.kubernetes.io/name`
   * label, in `options.namespace`.
   * @param options namespace: @default 'kube-system' for Traefik (k3s), 'ingress-nginx' for ingress-nginx
   */
  public static ingressController(controller: IngressController, options: NamespacedIngressOptions = {}): IngressFrom {
    const namespace = options?.namespace ?? CONTROLLER_NAMESPACE[controller] ?? '';
    return withArgFindings(new IngressFrom({ kind: 'pods', labels: { 'app.kubernetes.io/name': String(controller) }, namespace }, options?.ports),
      checkArgs('IngressFrom.ingressController', { controller, options }, { controller: ARGS.controller, options: OPTIONS }, ['controller']));
  }

  /** Every pod of the monitoring namespace (Prometheus scraping the agent's metrics). */
  public static monitoring(namespace = 'monitoring', options: EgressOptions = {}): IngressFrom {
    return withArgFindings(new IngressFrom({ kind: 'namespace', namespace }, options?.ports),
      checkArgs('IngressFrom.monitoring', { namespace, options }, { namespace: ARGS.namespace, options: PLAIN_OPTIONS }));
  }

  /** An IP block (a node range, an external load balancer), optionally with holes. */
  public static cidr(cidr: string, options: CidrEgressOptions = {}): IngressFrom {
    return withArgFindings(new IngressFrom({ kind: 'cidr', cidr, except: options?.except }, options?.ports),
      checkArgs('IngressFrom.cidr', { cidr, options }, { cidr: ARGS.cidr, options: T.object<CidrEgressOptions>({ ports: PORTS, except: T.array(T.string()) }, 'a CidrEgressOptions object') }, ['cidr']));
  }

  /**
   * Cilium's own Ingress and Gateway API controller: its per-node Envoy
   * forwards requests to the backends as Cilium's reserved `ingress`
   * identity, not from a pod, so neither `ingressController()` nor a
   * namespace admits them. Rendered as `fromEntities: [ingress]` (a rule of
   * its own: Cilium refuses rules that mix kinds of peer), so it needs
   * `ingressEngine: PolicyEngine.CILIUM`; a NetworkPolicy cannot name an
   * entity, and its ipBlock does not match in-cluster identities, so with the
   * default engine it is NET-EGRESS-009. Sources: Cilium
   * Documentation/network/servicemesh/ingress-reference.rst ("Traffic that
   * arrives at Envoy for Ingress or Gateway API is assigned the special
   * `ingress` identity"), security/policy/layer3.rst ("Entities based";
   * "IP/CIDR based": "CIDR-based selectors do not match in-cluster entities").
   *
   * @param options ports: the agent's ports the controller may reach. @default - every port
   */
  public static ciliumIngress(options: EgressOptions = {}): IngressFrom {
    return withArgFindings(new IngressFrom({ kind: 'entity', entity: 'ingress' }, options?.ports),
      checkArgs('IngressFrom.ciliumIngress', { options }, { options: PLAIN_OPTIONS }));
  }

  private constructor(
    /** @internal */ public readonly _source: IngressSource,
    /** @internal */ public readonly _ports: readonly EgressPort[] | undefined,
  ) {}

  /** Who is admitted, for messages: `namespace monitoring`, `pods app.kubernetes.io/name=traefik in kube-system 8080/TCP`. */
  public toString(): string {
    const s = this._source;
    const what = s.kind === 'namespace' ? `namespace ${String(s.namespace)}` : s.kind === 'cidr' ? `cidr ${String(s.cidr)}`
      : s.kind === 'entity' ? `Cilium entity ${s.entity}`
      : s.kind === 'agent' ? `agent ${String(s.workload?.name)}`
        : `pods ${Object.entries(s.labels ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(',')}${s.namespace ? ` in ${String(s.namespace)}` : ''}`;
    return Array.isArray(this._ports) && this._ports.length > 0 ? `${what} ${this._ports.map(String).join(',')}` : what;
  }
}
