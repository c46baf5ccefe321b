import { Chart } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { cdk8sPlus } from '../container/agent-container';
import { AgentConstruct } from '../construct/construct';
import { registerDestination } from '../construct/observability-links';
import { ShapeOf, T } from '../construct/props';
import { IAgentWorkload } from '../construct/workload';
import { CORE_RULES } from '../engine/core-rules';
import { Egress, EgressPort } from '../network/egress';

/** The OTLP transport the SDKs use (`OTEL_EXPORTER_OTLP_PROTOCOL`). */
export enum OtlpProtocol {
  /** OTLP over HTTP, protobuf body (the SDKs' default; collector port 4318). */
  HTTP_PROTOBUF = 'http/protobuf',
  /** OTLP over gRPC (collector port 4317). */
  GRPC = 'grpc',
}

/** An agent whose container takes environment variables: AgentKnativeService, AgentWorker, AgentJob. */
export interface ITelemetryTarget extends IAgentWorkload {
  /** Adds an environment variable to the agent container. */
  addEnv(name: string, value: string | kplus.EnvValue): unknown;
}

export interface AgentTelemetryProps {
  /** The agents whose OpenTelemetry SDK is configured. */
  readonly agents: ITelemetryTarget[];
  /** The collector's OTLP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`), an http:// or https:// URL, e.g. `http://otel-collector.observability:4318`. */
  readonly endpoint: string;
  /** @default OtlpProtocol.HTTP_PROTOBUF */
  readonly protocol?: OtlpProtocol;
  /** More resource attributes (`OTEL_RESOURCE_ATTRIBUTES`), e.g. `{ 'deployment.environment.name': 'prod' }`. @default - none */
  readonly resourceAttributes?: Record<string, string>;
  /**
   * Read the namespace, the pod name and (Knative) the revision from the
   * downward API (`fieldRef`). A Knative Service needs config-features
   * `kubernetes.podspec-fieldref` for it (KSVC-POD-001 reports it otherwise). Without
   * it the namespace is written at synth when known, and a Knative agent reads
   * its revision from `K_REVISION`, which Knative sets after the agent's own
   * variables (so `$(K_REVISION)` cannot be expanded in them).
   * @default false
   */
  readonly downwardApi?: boolean;
  /**
   * Where the collector is, for the EgressPolicies of the agents: each allows
   * it. @default - `Egress.namespace(ns, { ports: [port] })` when the endpoint's
   * host is `<service>.<ns>` or `<service>.<ns>.svc[...]`; otherwise none
   */
  readonly collector?: Egress;
}

const SHAPE = {
  agents: T.array(T.duck('an agent with addEnv', ['name', 'podSelector', 'addEnv'], 'pass an AgentKnativeService, AgentWorker or AgentJob')),
  endpoint: T.string({ nonEmpty: true }),
  protocol: T.enumOf(OtlpProtocol, 'OtlpProtocol'),
  resourceAttributes: T.record(T.string()),
  downwardApi: T.boolean(),
  collector: T.instanceOf(Egress, 'Egress', 'use Egress.namespace(ns, { ports: [EgressPort.tcp(4318)] }) or Egress.cidr(...)'),
} satisfies ShapeOf<AgentTelemetryProps>;

/** OTEL_RESOURCE_ATTRIBUTES values are percent-decoded (W3C Baggage octets): encode what would split them. */
const encodeValue = (v: string) => v.replace(/[%,=;\s"\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/**
 * OpenTelemetry wiring of agents (opt-in): the standard SDK variables
 * `OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_PROTOCOL`,
 * `OTEL_SERVICE_NAME` (the agent's name) and `OTEL_RESOURCE_ATTRIBUTES`
 * (namespace, Knative service and revision, yours), and the collector allowed
 * by every EgressPolicy that locks an agent down. Renders no object.
 *
 * ```ts
 * new AgentTelemetry(chart, 'otel', { agents: [agent], endpoint: 'http://otel-collector.observability:4318' });
 * ```
 */
export class AgentTelemetry extends AgentConstruct<AgentTelemetryProps> {
  /** The collector the agents' EgressPolicies allow, when known. */
  public readonly collector?: Egress;

  public constructor(scope: Construct, id: string, props: AgentTelemetryProps) {
    super(scope, id, props, SHAPE, ['agents', 'endpoint']);
    const p = this.props;
    if (!this.propsValid) return;
    const url = parseUrl(p.endpoint!);
    if (!url) {
      this.reportProp(CORE_RULES.PROP_TYPE, 'endpoint', p.endpoint, 'not an http:// or https:// URL: the SDKs refuse the endpoint and export nothing', "give the collector's URL, e.g. 'http://otel-collector.observability:4318'");
      return;
    }
    const protocol = p.protocol ?? OtlpProtocol.HTTP_PROTOBUF;
    this.collector = p.collector ?? collectorOf(url);
    for (const agent of p.agents ?? []) this.instrument(agent, protocol);
  }

  private instrument(agent: ITelemetryTarget, protocol: OtlpProtocol): void {
    const p = this.props;
    const downward = p.downwardApi ?? false;
    const namespace = agent.namespace ?? Chart.of(this).namespace;
    agent.addEnv('OTEL_EXPORTER_OTLP_ENDPOINT', p.endpoint!);
    agent.addEnv('OTEL_EXPORTER_OTLP_PROTOCOL', protocol);
    agent.addEnv('OTEL_SERVICE_NAME', agent.name);
    const attributes: [string, string][] = [];
    const plus = downward ? cdk8sPlus() : undefined;
    if (plus) {
      // Defined before OTEL_RESOURCE_ATTRIBUTES, which refers to them: Kubernetes expands only earlier variables.
      agent.addEnv('OTEL_K8S_NAMESPACE', plus.EnvValue.fromFieldRef(plus.EnvFieldPaths.POD_NAMESPACE));
      agent.addEnv('OTEL_K8S_POD_NAME', plus.EnvValue.fromFieldRef(plus.EnvFieldPaths.POD_NAME));
      attributes.push(['k8s.namespace.name', '$(OTEL_K8S_NAMESPACE)'], ['k8s.pod.name', '$(OTEL_K8S_POD_NAME)']);
    } else if (namespace) {
      attributes.push(['k8s.namespace.name', encodeValue(namespace)]);
    }
    if (agent.servedByKnative) {
      attributes.push(['kn.service.name', encodeValue(agent.name)]);
      if (plus) {
        agent.addEnv('OTEL_KN_REVISION', plus.EnvValue.fromFieldRef(plus.EnvFieldPaths.POD_LABEL, { key: 'serving.knative.dev/revision' }));
        attributes.push(['kn.revision.name', '$(OTEL_KN_REVISION)']);
      }
    }
    for (const [k, v] of Object.entries(p.resourceAttributes ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) attributes.push([encodeValue(k), encodeValue(v)]);
    if (attributes.length > 0) agent.addEnv('OTEL_RESOURCE_ATTRIBUTES', attributes.map(([k, v]) => `${k}=${v}`).join(','));
    if (this.collector) registerDestination(agent, this.collector, `AgentTelemetry(${this.node.path}).collector`);
  }
}

function parseUrl(endpoint: string): URL | undefined {
  try {
    const url = new URL(endpoint);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The collector's namespace and port from a cluster-local URL (`<service>.<ns>[.svc[.<domain>]]`). */
function collectorOf(url: URL): Egress | undefined {
  const parts = url.hostname.split('.');
  if (parts.length < 2 || (parts.length > 2 && parts[2] !== 'svc')) return undefined;
  // A URL without a port is dialled on its scheme's port, as the SDKs do.
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return Egress.namespace(parts[1], { ports: [EgressPort.tcp(port)] });
}
