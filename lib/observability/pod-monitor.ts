import { ApiObject, Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { AgentConstruct, fromProp } from '../construct/construct';
import { ShapeOf, T } from '../construct/props';
import { registerScrape } from '../construct/observability-links';
import { IAgentWorkload } from '../construct/workload';
import { prometheusDuration } from '../k8s/prometheus-duration';
import { AGENT_PROP } from './agents';
import { KNATIVE_LABELS, QUEUE_PROXY_METRICS } from './metric-names';

export interface AgentMonitorProps {
  /** The agent whose metrics Prometheus scrapes: an AgentKnativeService (its queue-proxy's request metrics) or a worker (its own `/metrics`). */
  readonly agent: IAgentWorkload;
  /** Name of the PodMonitor. @default - the construct id */
  readonly name?: string;
  /** @default - the agent's namespace (a PodMonitor selects pods of its own namespace) */
  readonly namespace?: string;
  /** How often Prometheus scrapes. @default Duration.seconds(30) */
  readonly interval?: Duration;
  /** The port a worker serves its metrics on (ignored for a Knative agent: the queue-proxy's `http-usermetric`, 9091). @default - the worker's `port` */
  readonly port?: number;
  /** The path a worker serves its metrics on. @default '/metrics' */
  readonly path?: string;
  /** Labels on the PodMonitor, e.g. the one your Prometheus' `podMonitorSelector` selects (`release: kube-prometheus-stack`). @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations on the PodMonitor. @default - none */
  readonly annotations?: Record<string, string>;
}

const SHAPE = {
  agent: AGENT_PROP,
  name: T.string({ nonEmpty: true }),
  namespace: T.namespace(),
  interval: T.duration(),
  port: T.number({ integer: true, min: 1, max: 65535 }),
  path: T.string({ nonEmpty: true }),
  labels: T.record(T.string()),
  annotations: T.record(T.string()),
} satisfies ShapeOf<AgentMonitorProps>;

/** Prometheus' meta label of a pod label (dots and slashes become underscores). */
const podLabel = (key: string) => `__meta_kubernetes_pod_label_${key.replace(/[^a-zA-Z0-9_]/g, '_')}`;

/**
 * The labels Knative's control plane puts on its series, copied onto the
 * queue-proxy's from the revision pod, so one selector reads both.
 */
const KNATIVE_RELABELINGS = [
  { sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: KNATIVE_LABELS.namespace },
  { sourceLabels: [podLabel('serving.knative.dev/service')], targetLabel: KNATIVE_LABELS.service },
  { sourceLabels: [podLabel('serving.knative.dev/configuration')], targetLabel: KNATIVE_LABELS.configuration },
  { sourceLabels: [podLabel('serving.knative.dev/revision')], targetLabel: KNATIVE_LABELS.revision },
];

/**
 * Opt-in metrics of one agent: a prometheus-operator `monitoring.coreos.com/v1`
 * PodMonitor. For a Knative agent it scrapes the queue-proxy's request metrics
 * (`kn_serving_invocation_duration_seconds`, `kn_serving_queue_depth`; the
 * cluster needs config-observability `request-metrics-protocol: prometheus`,
 * OBS-MON-001), labelled with `kn_service_name`, `kn_revision_name` and
 * `k8s_namespace_name`; for a worker, its own metrics `port`. An
 * EgressPolicy's ingress lockdown admits the ClusterProfile's monitoring
 * namespace to the scraped port.
 *
 * ```ts
 * new AgentMonitor(chart, 'jira-triage-metrics', { agent, labels: { release: 'kube-prometheus-stack' } });
 * ```
 */
export class AgentMonitor extends AgentConstruct<AgentMonitorProps> {
  /** Name of the PodMonitor. */
  public readonly name: string;
  /** The generated PodMonitor (id `Resource`). */
  public readonly resource: ApiObject;

  public constructor(scope: Construct, id: string, props: AgentMonitorProps) {
    super(scope, id, props, SHAPE, ['agent']);
    const p = this.props;
    this.name = this.resourceName;
    const agent = p.agent;
    const knative = agent?.servedByKnative === true;
    const workerPort = p.port ?? (agent as { port?: unknown } | undefined)?.port;
    const port = typeof workerPort === 'number' ? workerPort : undefined;
    const scraped = knative ? QUEUE_PROXY_METRICS.port : port;
    if (agent && scraped !== undefined) registerScrape(agent, scraped);
    const endpoint = knative
      ? { port: fromProp('agent', QUEUE_PROXY_METRICS.portName), path: QUEUE_PROXY_METRICS.path, interval: fromProp('interval', this.interval()), relabelings: KNATIVE_RELABELINGS }
      : { port: fromProp('port', undefined), portNumber: fromProp('port', port), path: fromProp('path', p.path ?? '/metrics'), interval: fromProp('interval', this.interval()) };
    this.resource = this.createResource({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { ...this.metadata(), namespace: fromProp('namespace', p.namespace ?? agent?.namespace ?? Chart.of(this).namespace) },
      spec: {
        selector: fromProp('agent', { matchLabels: { ...(agent?.podSelector ?? {}) } }),
        podMetricsEndpoints: [endpoint],
      },
    });
  }

  private interval(): string {
    return prometheusDuration(this.props.interval ?? Duration.seconds(30));
  }
}
