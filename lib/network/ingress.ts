import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AgentConstruct, fromProp } from '../construct/construct';
import { checkArgs, reportArgFindings, ShapeOf, T, withArgFindings } from '../construct/props';
import { CORE_RULES } from '../engine/core-rules';
import { FindingList } from '../engine/rule';
import { TRAEFIK_MIDDLEWARES_ANNOTATION } from './ingress.validator';

/** A port of a Service, by name or by number. */
export interface IngressServicePort {
  /** The port's name. @default - none: `number` */
  readonly name?: string;
  /** The port's number. @default - none: `name` */
  readonly number?: number;
}

/**
 * A Service an Ingress can route to: an AgentDeployment, or an existing
 * Service (`IngressBackend.service(...)`).
 */
export interface IIngressBackend {
  /** Name of the Service. */
  readonly serviceName: string;
  /** The Service port to route to. */
  readonly servicePort: IngressServicePort;
  /** Namespace of the Service; an Ingress routes only within its own. @default - the Ingress's */
  readonly namespace?: string;
}

/** Services that are not constructs of this library, as Ingress backends. */
export class IngressBackend {
  /** An existing Service and one of its port numbers, e.g. a per-source webhook receiver deployed by an operator. */
  public static service(name: string, port: number): IIngressBackend {
    return withArgFindings({ serviceName: name, servicePort: { number: port } }, checkArgs('IngressBackend.service', { name, port }, { name: T.string(), port: T.number() }, ['name', 'port']));
  }

  /** An existing Service and one of its port names. */
  public static serviceNamedPort(name: string, portName: string): IIngressBackend {
    return withArgFindings({ serviceName: name, servicePort: { name: portName } }, checkArgs('IngressBackend.serviceNamedPort', { name, portName }, { name: T.string(), portName: T.string() }, ['name', 'portName']));
  }

  private constructor() {}
}

/** How an Ingress path matches (`pathType`). */
export enum IngressPathType {
  /** The path and every path below it, by whole segments (`/api` matches `/api` and `/api/jobs`, not `/apis`). */
  PREFIX = 'Prefix',
  /** Exactly the path. */
  EXACT = 'Exact',
}

/**
 * One path of an Ingress and the Service it goes to. Paths are matched by
 * whole segments; the most specific path wins, across the Ingresses of one
 * host (which is how seed 002's public `/api/jobs/submit` escapes the
 * protected `/api`).
 *
 * ```ts
 * IngressRoute.prefix('/api', api);
 * IngressRoute.exact('/health', api);
 * ```
 */
export class IngressRoute {
  /** The path and everything below it. */
  public static prefix(path: string, backend: IIngressBackend): IngressRoute {
    return withArgFindings(new IngressRoute(path, IngressPathType.PREFIX, backend), checkArgs('IngressRoute.prefix', { path, backend }, ROUTE_ARGS, ['path', 'backend']));
  }

  /** Exactly the path. */
  public static exact(path: string, backend: IIngressBackend): IngressRoute {
    return withArgFindings(new IngressRoute(path, IngressPathType.EXACT, backend), checkArgs('IngressRoute.exact', { path, backend }, ROUTE_ARGS, ['path', 'backend']));
  }

  private constructor(
    /** The path, starting with `/`. */
    public readonly path: string,
    /** How it matches. */
    public readonly pathType: IngressPathType,
    /** Where it goes. */
    public readonly backend: IIngressBackend,
  ) {}
}

const BACKEND = T.duck('an IIngressBackend', ['serviceName', 'servicePort'], 'pass an AgentDeployment, or `IngressBackend.service(name, port)`');
const ROUTE_ARGS = { path: T.string(), backend: BACKEND };

/**
 * The certificate an Ingress serves. An Ingress needs one: `IngressTls.none()`
 * is the explicit opt-out, reported by INGRESS-TLS-001 until acknowledged.
 *
 * ```ts
 * IngressTls.secret('ai-agents-tls');                                   // a Secret managed elsewhere
 * IngressTls.certManager({ clusterIssuer: 'letsencrypt-prod' });         // cert-manager issues it
 * ```
 */
export class IngressTls {
  /** An existing Secret of the Ingress's namespace holding `tls.crt` and `tls.key`. */
  public static secret(secretName: string): IngressTls {
    return withArgFindings(new IngressTls(secretName, {}), checkArgs('IngressTls.secret', { secretName }, { secretName: T.string() }, ['secretName']));
  }

  /**
   * A certificate cert-manager issues into `secretName` (its ingress-shim reads
   * the `cert-manager.io/cluster-issuer` or `cert-manager.io/issuer` annotation).
   * Two Ingresses of one host can share the Secret.
   */
  public static certManager(options: CertManagerTlsOptions): IngressTls {
    const findings = checkArgs('IngressTls.certManager', { options }, {
      options: T.object<CertManagerTlsOptions>({ clusterIssuer: T.string(), issuer: T.string(), secretName: T.string() }, 'a CertManagerTlsOptions object'),
    }, ['options']);
    const o = findings.length === 0 ? options : {};
    if (findings.length === 0 && (o.clusterIssuer === undefined) === (o.issuer === undefined)) {
      findings.push(...checkArgs('IngressTls.certManager', { options: undefined }, { options: T.object({}, 'exactly one of `clusterIssuer` and `issuer`') }, ['options']));
    }
    const annotations: Record<string, string> = {};
    if (o.clusterIssuer !== undefined) annotations['cert-manager.io/cluster-issuer'] = o.clusterIssuer;
    if (o.issuer !== undefined) annotations['cert-manager.io/issuer'] = o.issuer;
    return withArgFindings(new IngressTls(o.secretName, annotations), findings);
  }

  /** No TLS: the hosts are served over plain HTTP. INGRESS-TLS-001 reports it; acknowledge it with the reason (TLS ends at a load balancer before the controller). */
  public static none(): IngressTls {
    return new IngressTls(undefined, {}, true);
  }

  private constructor(
    /** @internal The Secret; undefined with cert-manager means `<host>-tls`. */
    public readonly _secretName: string | undefined,
    /** @internal Annotations the TLS needs on the Ingress. */
    public readonly _annotations: Readonly<Record<string, string>>,
    /** @internal */
    public readonly _none = false,
  ) {}
}

/** Options of `IngressTls.certManager`: exactly one issuer. */
export interface CertManagerTlsOptions {
  /** A ClusterIssuer. @default - none: `issuer` */
  readonly clusterIssuer?: string;
  /** An Issuer of the Ingress's namespace. @default - none: `clusterIssuer` */
  readonly issuer?: string;
  /** The Secret cert-manager writes. @default - `<host with dots as dashes>-tls` */
  readonly secretName?: string;
}

/**
 * What guards the routes of an Ingress, as the controller reads it from the
 * Ingress's annotations.
 *
 * ```ts
 * IngressAuth.traefikForwardAuth('authelia', 'authelia'); // seed 002: Authelia's ForwardAuth Middleware
 * IngressAuth.annotations({ 'nginx.ingress.kubernetes.io/auth-url': 'https://auth.example.com/api/verify' });
 * ```
 */
export class IngressAuth {
  /**
   * A Traefik Middleware (kind `Middleware`, e.g. an Authelia ForwardAuth) on
   * every route: `traefik.ingress.kubernetes.io/router.middlewares:
   * <namespace>-<name>@kubernetescrd`. A Middleware of another namespace than
   * the Ingress's needs `allowCrossNamespace: true` on Traefik's Kubernetes
   * CRD provider; without it Traefik drops the routes (404), it never serves
   * them unguarded.
   *
   * @param namespace @default - the Ingress's namespace
   */
  public static traefikForwardAuth(name: string, namespace?: string): IngressAuth {
    const findings = checkArgs('IngressAuth.traefikForwardAuth', { name, namespace }, { name: T.string({ nonEmpty: true }), namespace: T.namespace() }, ['name']);
    return withArgFindings(new IngressAuth((ingressNamespace) => ({ [TRAEFIK_MIDDLEWARES_ANNOTATION]: `${namespace ?? ingressNamespace ?? 'default'}-${name}@kubernetescrd` })), findings);
  }

  /** Any controller's auth annotations (ingress-nginx `auth-url`, HAProxy, ...), written as given. */
  public static annotations(annotations: Record<string, string>): IngressAuth {
    const findings = checkArgs('IngressAuth.annotations', { annotations }, { annotations: T.record(T.string(), { nonEmpty: true }) }, ['annotations']);
    const copy = findings.length === 0 ? { ...annotations } : {};
    return withArgFindings(new IngressAuth(() => copy), findings);
  }

  private constructor(
    /** @internal The annotations, given the Ingress's namespace. */
    public readonly _annotations: (namespace: string | undefined) => Record<string, string>,
  ) {}
}

export interface AgentIngressProps {
  /** Name of the Ingress. @default - the construct id */
  readonly name?: string;
  /** @default - the namespace of the routes' Services, else the Chart's */
  readonly namespace?: string;
  /** The host served, e.g. `ai-agents.example.com`. */
  readonly host: string;
  /** The certificate: `IngressTls.secret(...)`, `IngressTls.certManager(...)`, or the explicit opt-out `IngressTls.none()`. */
  readonly tls: IngressTls;
  /** The paths and the Services they go to; at least one. */
  readonly routes: IngressRoute[];
  /** What guards every route of this Ingress. Put the routes that must stay open in another AgentIngress of the same host. @default - none: the routes are public */
  readonly auth?: IngressAuth;
  /** `spec.ingressClassName`, e.g. `traefik` or `nginx`. @default - the cluster's default IngressClass */
  readonly className?: string;
  /** Labels on the Ingress. @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations on the Ingress, for any controller (e.g. `traefik.ingress.kubernetes.io/router.entrypoints: websecure`); those `tls` and `auth` render win, so a raw annotation never replaces the auth middleware. @default - none */
  readonly annotations?: Record<string, string>;
}

const SHAPE = {
  name: T.string({ nonEmpty: true }),
  namespace: T.namespace(),
  host: T.string({ nonEmpty: true }),
  tls: T.instanceOf(IngressTls, 'IngressTls', 'use `IngressTls.secret(name)`, `IngressTls.certManager({ clusterIssuer })` or `IngressTls.none()`'),
  routes: T.array(T.instanceOf(IngressRoute, 'IngressRoute', 'use `IngressRoute.prefix(path, agent)` or `IngressRoute.exact(path, agent)`'), { nonEmpty: true }),
  auth: T.instanceOf(IngressAuth, 'IngressAuth', 'use `IngressAuth.traefikForwardAuth(name, namespace)` or `IngressAuth.annotations({...})`'),
  className: T.string({ nonEmpty: true }),
  labels: T.record(T.string()),
  annotations: T.record(T.string()),
} satisfies ShapeOf<AgentIngressProps>;

/**
 * Exposes always-on agents on a host (`networking.k8s.io/v1` Ingress), over
 * TLS by default. Seed 002's split is two of them on one host: the public
 * paths without auth, the rest behind Authelia's ForwardAuth.
 *
 * ```ts
 * const common = { host: 'ai-agents.example.com', className: 'traefik', tls: IngressTls.certManager({ clusterIssuer: 'letsencrypt-prod' }) };
 * new AgentIngress(chart, 'ai-agents-public', { ...common, routes: [IngressRoute.prefix('/api/jobs/submit', api), IngressRoute.exact('/health', api)] });
 * new AgentIngress(chart, 'ai-agents-protected', {
 *   ...common,
 *   auth: IngressAuth.traefikForwardAuth('authelia', 'authelia'),
 *   routes: [IngressRoute.prefix('/api', api), IngressRoute.prefix('/', app)],
 * });
 * ```
 */
export class AgentIngress extends AgentConstruct<AgentIngressProps> {
  /** Name of the Ingress. */
  public readonly name: string;
  /** Namespace, when known at synth time. */
  public readonly namespace?: string;
  /** The host served. */
  public readonly host: string;
  /** `https://<host>` (`http://` with `IngressTls.none()`). */
  public readonly url: string;
  /** The generated Ingress (id `Resource`). */
  public readonly resource: ApiObject;

  public constructor(scope: Construct, id: string, props: AgentIngressProps) {
    super(scope, id, props, SHAPE, ['host', 'tls', 'routes']);
    const p = this.props;
    this.name = this.resourceName;
    this.host = p.host ?? '';
    const routes = this.checkRoutes(p.routes ?? []);
    const backendNamespace = routes.map((r) => r.backend.namespace).find((n) => n !== undefined);
    this.namespace = p.namespace ?? backendNamespace ?? Chart.of(this).namespace;
    this.checkNamespaces(routes);
    const tls = p.tls;
    const none = !tls || tls._none;
    this.url = `${none ? 'http' : 'https'}://${this.host}`;
    const tlsFindings = new FindingList();
    if (tls && !reportArgFindings(tls, 'tls', tlsFindings)) for (const f of tlsFindings.items) this.reportProp(f.rule, f.prop!, f.value, f.problem, f.fix);
    const authFindings = new FindingList();
    if (p.auth && !reportArgFindings(p.auth, 'auth', authFindings)) for (const f of authFindings.items) this.reportProp(f.rule, f.prop!, f.value, f.problem, f.fix);
    const secretName = tls?._secretName ?? `${this.host.replace(/\./g, '-')}-tls`;
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(tls?._annotations ?? {})) annotations[k] = fromProp('tls', v);
    for (const [k, v] of Object.entries(p.auth?._annotations(this.namespace) ?? {})) annotations[k] = fromProp('auth', v);
    this.resource = this.createResource({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { ...this.metadata({ annotations: Object.keys(annotations).length > 0 ? annotations : undefined }), namespace: fromProp(p.namespace === undefined ? 'routes' : 'namespace', p.namespace ?? backendNamespace) },
      spec: {
        ingressClassName: fromProp('className', p.className),
        tls: fromProp('tls', none ? undefined : [{ hosts: [fromProp('host', this.host)], secretName }]),
        rules: [{
          host: fromProp('host', this.host),
          http: {
            paths: routes.map((r, i) => fromProp(`routes[${i}]`, {
              path: r.path,
              pathType: r.pathType,
              backend: { service: { name: r.backend.serviceName, port: { name: r.backend.servicePort?.name, number: r.backend.servicePort?.number } } },
            })),
          },
        }],
      },
    });
  }

  /** The routes whose values carry no findings; the others are reported under `routes[i]`. */
  private checkRoutes(routes: IngressRoute[]): IngressRoute[] {
    return routes.filter((r, i) => {
      const out = new FindingList();
      if (reportArgFindings(r, `routes[${i}]`, out)) return true;
      for (const f of out.items) this.reportProp(f.rule, f.prop!, f.value, f.problem, f.fix);
      return false;
    });
  }

  /** An Ingress routes only to Services of its own namespace. */
  private checkNamespaces(routes: IngressRoute[]): void {
    routes.forEach((r, i) => {
      const ns = r.backend.namespace;
      if (ns !== undefined && this.namespace !== undefined && ns !== this.namespace) {
        this.reportProp(CORE_RULES.PROP_TYPE, `routes[${i}]`, `${r.backend.serviceName} (${ns})`, `the Service is in namespace "${ns}"; an Ingress in "${this.namespace}" routes only to Services of its own namespace`,
          'create the AgentIngress in the namespace of its Services (leave `namespace` unset), one per namespace');
      }
    });
  }
}
