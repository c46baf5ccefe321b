// What every agent that runs as a plain Kubernetes pod template shares
// (AgentWorker, AgentJob, AgentDeployment): the agent container, the pod
// labels other constructs select, the pod template and the whole-second
// durations Kubernetes takes.
import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { AgentContainer, AgentContainerOptions, AgentContainerProps, CONTAINER_SHAPE } from './agent-container';
import { AgentContainerConstruct } from './container-construct';
import { CORE_RULES } from '../engine/core-rules';
import { fromProp } from '../construct/construct';
import { ShapeOf, T } from '../construct/props';
import { IAgentWorkload } from '../construct/workload';

/** Label every pod of a plain-pod agent carries, with the workload's name. */
export const NAME_LABEL = 'app.kubernetes.io/name';
/** Says which kind of workload the pods belong to (`worker`, `job`, `always-on`), so two workloads of one name never share pods. */
export const COMPONENT_LABEL = 'app.kubernetes.io/component';
/** Marks pods of this library. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/** Props of every agent that runs as a plain Kubernetes pod template. */
export interface PodWorkloadProps extends AgentContainerProps {
  /** Name of the workload's objects. @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /** Time the pod gets to finish its current work when stopped. @default Duration.seconds(30) (Kubernetes' default) */
  readonly terminationGracePeriod?: Duration;
  /** Labels on the workload objects. @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations on the workload objects. @default - none */
  readonly annotations?: Record<string, string>;
  /** Extra labels on the pods. @default - none */
  readonly podLabels?: Record<string, string>;
  /** Annotations on the pods. @default - none */
  readonly podAnnotations?: Record<string, string>;
}

const stringMap = T.record(T.string());

/** The runtime shape of PodWorkloadProps. */
export const POD_WORKLOAD_SHAPE = {
  ...CONTAINER_SHAPE,
  name: T.string({ nonEmpty: true }),
  namespace: T.namespace(),
  terminationGracePeriod: T.duration(),
  labels: stringMap,
  annotations: stringMap,
  podLabels: stringMap,
  podAnnotations: stringMap,
} satisfies ShapeOf<PodWorkloadProps>;

/** Which workload the pods belong to (the component label's value). */
export type PodComponent = 'worker' | 'job' | 'always-on';

/**
 * Base of the agents that run as a plain pod template: one agent container
 * with the secure defaults of AgentKnativeService and the labels that select
 * its pods.
 */
export abstract class PodWorkload<P extends PodWorkloadProps> extends AgentContainerConstruct<P> implements IAgentWorkload {
  public readonly name: string;
  public readonly namespace?: string;
  public readonly podSelector: Readonly<Record<string, string>>;
  public readonly servedByKnative = false;
  /** Name of the agent container. */
  public readonly containerName: string;

  protected readonly container: AgentContainer;

  protected constructor(scope: Construct, id: string, props: P, shape: ShapeOf<P>, required: readonly (keyof P & string)[], component: PodComponent,
    options: (props: Partial<P>) => Omit<AgentContainerOptions, 'report'>) {
    super(scope, id, props, shape, required);
    this.name = this.resourceName;
    this.namespace = this.resourceNamespace;
    this.podSelector = { [NAME_LABEL]: this.name, [COMPONENT_LABEL]: component, [MANAGED_BY_LABEL]: 'cdk8s-agents' };
    this.container = new AgentContainer(this.props, { ...options(this.props), report: (...args) => this.reportProp(...args) });
    this.containerName = this.container.name;
  }

  /** The pod template: labels, annotations and the hardened pod spec. */
  protected renderPodTemplate(extra: Record<string, unknown> = {}): Record<string, unknown> {
    const p = this.props;
    return {
      metadata: { labels: fromProp('podLabels', { ...(p.podLabels ?? {}), ...this.podSelector }), annotations: fromProp('podAnnotations', p.podAnnotations) },
      spec: {
        ...this.container.renderPod(),
        terminationGracePeriodSeconds: fromProp('terminationGracePeriod', p.terminationGracePeriod && this.seconds(p.terminationGracePeriod)),
        ...extra,
      },
    };
  }

  /** Whole seconds of a Duration (a fraction is reported by `checkSeconds`). */
  protected seconds(d: Duration): number {
    return Math.round(d.toMilliseconds() / 1000);
  }

  /** Durations Kubernetes (and KEDA) take in whole seconds must be whole. */
  protected checkSeconds(durations: [Duration | undefined, string][]): void {
    for (const [d, prop] of durations) {
      const ms = d?.toMilliseconds();
      if (ms !== undefined && ms % 1000 !== 0) this.reportProp(CORE_RULES.RENDER, prop, `${ms}ms`, 'whole seconds only', `use Duration.seconds(${Math.max(1, Math.round(ms / 1000))})`);
    }
  }
}
