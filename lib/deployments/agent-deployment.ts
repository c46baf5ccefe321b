import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { AppValidation } from '../construct/app-validation';
import { fromProp } from '../construct/construct';
import { ShapeOf, T } from '../construct/props';
import { PodWorkload, PodWorkloadProps, POD_WORKLOAD_SHAPE } from '../container/pod-workload';
import { ISink, SinkDestination, SinkSender, SinkTarget } from '../eventing/sink';
import { PublishOptions, publishTo, SinkBinding } from '../eventing/sources/sink-binding';
import { WorkloadRef } from '../construct/workload';
import { IIngressBackend, IngressServicePort } from '../network/ingress';

/** A plain HorizontalPodAutoscaler (`autoscaling/v2`) on CPU or memory utilization. */
export interface AgentAutoscaling {
  /** Replicas the HPA never goes below; at least 1. @default 1 */
  readonly minReplicas?: number;
  /** Replicas the HPA never goes above; at least `minReplicas`. */
  readonly maxReplicas: number;
  /** Average CPU use to keep, in percent of the CPU request. @default - 80 when `memoryUtilization` is unset (the HPA's own default), else none */
  readonly cpuUtilization?: number;
  /** Average memory use to keep, in percent of the memory request. @default - none */
  readonly memoryUtilization?: number;
}

export interface AgentDeploymentProps extends PodWorkloadProps {
  /** Port the agent listens on. @default 8080 */
  readonly port?: number;
  /** Port of the Service; 80 lets eventing sinks and other agents call `http://<name>.<namespace>.svc` without a port. @default 80 */
  readonly servicePort?: number;
  /** Replicas to run. @default 1 (left unset when `autoscaling` is set: the HPA owns the count) */
  readonly replicas?: number;
  /** Scale between `minReplicas` and `maxReplicas` on CPU or memory utilization (a HorizontalPodAutoscaler). @default - fixed `replicas` */
  readonly autoscaling?: AgentAutoscaling;
}

const DEFAULT_PORT = 8080;
const DEFAULT_SERVICE_PORT = 80;
/** The name of the container port and the Service port (an IANA service name, so an Ingress can refer to it). */
const PORT_NAME = 'http';

const SHAPE = {
  ...POD_WORKLOAD_SHAPE,
  port: T.number({ integer: true, min: 1, max: 65535 }),
  servicePort: T.number({ integer: true, min: 1, max: 65535 }),
  replicas: T.number(),
  autoscaling: T.object<AgentAutoscaling>({ minReplicas: T.number(), maxReplicas: T.number(), cpuUtilization: T.number(), memoryUtilization: T.number() },
    'an AgentAutoscaling ({ maxReplicas, minReplicas?, cpuUtilization?, memoryUtilization? })', ['maxReplicas']),
} satisfies ShapeOf<AgentDeploymentProps>;

/**
 * An always-on agent: a Deployment of the agent container (hardened like
 * AgentKnativeService) with a ClusterIP Service in front, for components
 * that must not scale to zero (an API, an operator loop). It runs a fixed
 * number of replicas, or scales on CPU or memory with a plain
 * HorizontalPodAutoscaler; it needs neither Knative nor KEDA.
 *
 * It is an IAgentWorkload (EgressPolicy selects its pods), an ISink (events
 * are POSTed to its Service) and an IIngressBackend (AgentIngress routes to
 * its Service).
 *
 * ```ts
 * const api = new AgentDeployment(chart, 'api', {
 *   image: 'ghcr.io/acme/ai-agents:1.8.0',
 *   port: 3001,
 *   replicas: 2,
 *   readinessProbe: kplus.Probe.fromHttpGet('/ready'),
 * });
 * ```
 */
export class AgentDeployment extends PodWorkload<AgentDeploymentProps> implements ISink, IIngressBackend {
  /** Port the agent listens on. */
  public readonly port: number;
  /** The Service's name: the Deployment's. */
  public readonly serviceName: string;
  /** The Service's port, by name. */
  public readonly servicePort: IngressServicePort;
  /** The generated `apps/v1` Deployment (id `Resource`; `addOverride` reaches it). */
  public readonly deployment: ApiObject;
  /** The generated `v1` Service (id `Service`). */
  public readonly service: ApiObject;
  /** The generated `autoscaling/v2` HorizontalPodAutoscaler (id `Autoscaler`), when `autoscaling` is set. */
  public readonly autoscaler?: ApiObject;
  /** The Deployment, which owns the pod template (a SinkBinding subject). */
  public readonly workloadRef: WorkloadRef;

  private readonly sinkTarget = SinkTarget.ref(() => ({ apiVersion: 'v1', kind: 'Service', name: this.serviceName, namespace: this.namespace }));

  public constructor(scope: Construct, id: string, props: AgentDeploymentProps) {
    super(scope, id, props, SHAPE, ['image'], 'always-on', (p) => ({ port: p.port ?? DEFAULT_PORT, portName: PORT_NAME }));
    const p = this.props;
    this.port = p.port ?? DEFAULT_PORT;
    this.serviceName = this.name;
    this.servicePort = { name: PORT_NAME };
    this.checkSeconds([[p.terminationGracePeriod, 'terminationGracePeriod']]);
    this.container.addFromProps();
    this.workloadRef = { apiVersion: 'apps/v1', kind: 'Deployment', name: this.name };
    this.deployment = this.createResource({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: this.metadata(),
      spec: Lazy.any({ produce: () => this.renderDeploymentSpec() }),
    });
    this.service = this.createObject('Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: this.metadata(),
      spec: {
        type: 'ClusterIP',
        selector: { ...this.podSelector },
        ports: [{ name: PORT_NAME, protocol: 'TCP', port: fromProp('servicePort', p.servicePort ?? DEFAULT_SERVICE_PORT), targetPort: PORT_NAME }],
      },
    });
    if (p.autoscaling) {
      this.autoscaler = this.createObject('Autoscaler', {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: this.metadata(),
        spec: fromProp('autoscaling', this.renderAutoscaler(p.autoscaling)),
      });
    }
  }

  /** Cluster-local URL of the Service, `http://<name>.<namespace>.svc.<cluster domain>` (with `:<port>` unless the Service port is 80). */
  public get url(): string {
    const domain = AppValidation.of(this)._read(this, 'clusterDomain', (s) => s.serving.clusterDomain);
    const port = this.props.servicePort ?? DEFAULT_SERVICE_PORT;
    return `http://${this.name}.${this.namespace ?? 'default'}.svc.${domain}${port === 80 ? '' : `:${port}`}`;
  }

  /** The Service, for eventing sinks (Knative resolves it to its cluster-local URL). */
  public toDestination(): SinkDestination {
    return this.sinkTarget.toDestination();
  }

  /** Records a sender wired to this agent (trigger, source, ...). */
  public bind(sender: SinkSender): void {
    this.sinkTarget.bind(sender);
  }

  /**
   * Publishes the agent's events to `sink` (a Broker, usually): a
   * SinkBinding (child `PublishesTo`, named `<name>-publishes`) gives the
   * Deployment's containers the sink's address as `K_SINK`. One sink per
   * agent; an EgressPolicy of the agent allows the sink.
   */
  public publishTo(sink: ISink, options: PublishOptions = {}): SinkBinding {
    return publishTo(this, sink, options);
  }

  private renderDeploymentSpec(): Record<string, unknown> {
    const p = this.props;
    return {
      // With an HPA the count is the HPA's: a GitOps re-apply of `replicas` would undo its scaling (HPA-TARGET-002).
      replicas: fromProp('replicas', p.replicas ?? (p.autoscaling ? undefined : 1)),
      selector: { matchLabels: { ...this.podSelector } },
      template: this.renderPodTemplate(this.podSelector),
    };
  }

  private renderAutoscaler(a: AgentAutoscaling): Record<string, unknown> {
    const cpu = a.cpuUtilization ?? (a.memoryUtilization === undefined ? 80 : undefined);
    const metric = (name: string, prop: string, utilization: number | undefined) => utilization === undefined ? []
      : [fromProp(`autoscaling.${prop}`, { type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization: utilization } } })];
    return {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.name },
      minReplicas: fromProp('autoscaling.minReplicas', a.minReplicas ?? 1),
      maxReplicas: fromProp('autoscaling.maxReplicas', a.maxReplicas),
      metrics: [...metric('cpu', 'cpuUtilization', cpu), ...metric('memory', 'memoryUtilization', a.memoryUtilization)],
    };
  }
}
