// What every agent that runs as a plain Kubernetes pod template shares
// (AgentWorker, AgentJob, AgentDeployment, AgentCronJob): the agent container
// and the pod labels other constructs select; the pod template and the
// whole-second durations come from AgentContainerConstruct.
import { Construct } from 'constructs';
import { AgentContainer, AgentContainerOptions, AgentContainerProps, CONTAINER_SHAPE } from './agent-container';
import { AgentContainerConstruct, AgentPodTemplateProps, POD_TEMPLATE_SHAPE } from './container-construct';
import { ShapeOf, T } from '../construct/props';
import { IAgentWorkload } from '../construct/workload';

/** Label every pod of a plain-pod agent carries, with the workload's name. */
export const NAME_LABEL = 'app.kubernetes.io/name';
/** Says which kind of workload the pods belong to (`worker`, `job`, `always-on`), so two workloads of one name never share pods. */
export const COMPONENT_LABEL = 'app.kubernetes.io/component';
/** Marks pods of this library. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/** Props of every agent that runs as a plain Kubernetes pod template. */
export interface PodWorkloadProps extends AgentContainerProps, AgentPodTemplateProps {
  /** Name of the workload's objects. @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /** Labels on the workload objects. @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations on the workload objects. @default - none */
  readonly annotations?: Record<string, string>;
}

const stringMap = T.record(T.string());

/** The runtime shape of PodWorkloadProps. */
export const POD_WORKLOAD_SHAPE = {
  ...CONTAINER_SHAPE,
  ...POD_TEMPLATE_SHAPE,
  name: T.string({ nonEmpty: true }),
  namespace: T.namespace(),
  labels: stringMap,
  annotations: stringMap,
} satisfies ShapeOf<PodWorkloadProps>;

/** Which workload the pods belong to (the component label's value). */
export type PodComponent = 'worker' | 'job' | 'always-on' | 'cronjob';

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
}
