import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as serving from '../../imports/serving.knative.dev';
import { AgentConstruct, fromProp } from '../construct/construct';
import { ShapeOf, T } from '../construct/props';
import { CORE_RULES } from '../engine/core-rules';
import { ISink, SinkReference } from '../eventing/sink';
import { AgentKnativeService } from './agent-knative-service';

/** TLS of a DomainMapping: an existing Secret of the mapping's namespace holding `tls.crt` and `tls.key`. */
export interface DomainMappingTls {
  /** Name of the Secret. */
  readonly secretName: string;
}

export interface DomainMappingProps {
  /**
   * The domain to serve, e.g. `triage.example.com`: a DNS-1123 subdomain of
   * at least two labels, outside the cluster domain. It is the mapping's
   * `metadata.name`.
   * @default - the construct id
   */
  readonly name?: string;
  /** @default - the namespace of `ref`, else the Chart's */
  readonly namespace?: string;
  /**
   * What the domain serves: an AgentKnativeService, or an existing Knative
   * Service, Knative Route or Kubernetes Service (`Sink.knativeService(name)`,
   * `Sink.ref({ apiVersion, kind, name })`), in the mapping's namespace.
   */
  readonly ref: ISink;
  /** Terminate TLS with an existing Secret. @default - none: the cluster's external-domain TLS (config-network `external-domain-tls`) decides */
  readonly tls?: DomainMappingTls;
  /** Labels on the DomainMapping. @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations on the DomainMapping, e.g. `networking.knative.dev/http-protocol: redirected`. @default - none */
  readonly annotations?: Record<string, string>;
}

const stringMap = T.record(T.string());

/** The runtime shape of DomainMappingProps, checked at the boundary. */
const DOMAIN_MAPPING_SHAPE = {
  name: T.string(),
  namespace: T.namespace(),
  ref: T.duck('an ISink', ['toDestination'], 'pass an AgentKnativeService, `Sink.knativeService(name)` or `Sink.ref({ apiVersion, kind, name })`'),
  tls: T.object<DomainMappingTls>({ secretName: T.string() }, 'a DomainMappingTls ({ secretName })'),
  labels: stringMap,
  annotations: stringMap,
} satisfies ShapeOf<DomainMappingProps>;

/**
 * A custom domain for an agent (`serving.knative.dev/v1beta1` DomainMapping):
 * requests to the domain reach the Knative Service (or Route) it refers to.
 * The mapping is named after the domain and lives in its target's namespace.
 *
 * ```ts
 * const agent = new AgentKnativeService(chart, 'jira-triage', { image: 'ghcr.io/acme/jira-triage:1.4.2', visibility: Visibility.PUBLIC });
 * new DomainMapping(chart, 'triage-domain', { name: 'triage.example.com', ref: agent, tls: { secretName: 'triage-example-com-tls' } });
 * ```
 */
export class DomainMapping extends AgentConstruct<DomainMappingProps> {
  /** The domain, which is the DomainMapping's name. */
  public readonly name: string;
  /** Namespace, when known at synth time (the prop, else the target's or the Chart's). */
  public readonly namespace?: string;
  /** The generated `serving.knative.dev/v1beta1` DomainMapping (id `Resource`). */
  public readonly resource: ApiObject;

  private readonly target?: SinkReference;

  public constructor(scope: Construct, id: string, props: DomainMappingProps) {
    super(scope, id, props, DOMAIN_MAPPING_SHAPE, ['ref']);
    const p = this.props;
    this.name = this.resourceName;
    this.target = this.targetOf(p.ref);
    // The mapping lives beside its target; the Chart's namespace applies when they agree.
    const chartNamespace = Chart.of(this).namespace;
    const namespace = p.namespace ?? (this.target?.namespace !== chartNamespace ? this.target?.namespace : undefined);
    this.namespace = namespace ?? chartNamespace;
    // The agent's `publicUrl` is this domain; the mapping's own TLS makes it https whatever the cluster's external-domain-tls.
    if (p.ref instanceof AgentKnativeService && this.target) p.ref._mapDomain(this.name, p.tls !== undefined);
    this.resource = this.createResource({
      apiVersion: serving.DomainMapping.GVK.apiVersion,
      kind: serving.DomainMapping.GVK.kind,
      metadata: { ...this.metadata(), namespace: fromProp(p.namespace === undefined ? 'ref' : 'namespace', namespace) },
      spec: {
        ref: fromProp('ref', this.target && { apiVersion: this.target.apiVersion, kind: this.target.kind, name: this.target.name, namespace: this.target.namespace }),
        tls: fromProp('tls.secretName', p.tls && { secretName: p.tls.secretName }),
      },
    });
  }

  /** The object `ref` addresses; a URL or a path cannot be mapped and is reported on the prop. */
  private targetOf(ref: ISink | undefined): SinkReference | undefined {
    if (typeof ref?.toDestination !== 'function') return undefined;
    const destination = ref.toDestination();
    if (!destination.ref) {
      this.reportProp(CORE_RULES.PROP_TYPE, 'ref', destination.uri, 'a URL is not an object a DomainMapping can map to', 'pass an AgentKnativeService, `Sink.knativeService(name)` or `Sink.ref({ apiVersion, kind, name })`');
      return undefined;
    }
    if (destination.uri !== undefined) {
      this.reportProp(CORE_RULES.PROP_TYPE, 'ref', destination.uri, 'a DomainMapping maps the whole address: the path would be dropped', 'refer to the object without a path');
    }
    return destination.ref;
  }
}
