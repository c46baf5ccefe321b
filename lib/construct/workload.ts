/**
 * An agent workload whose pods other constructs select: EgressPolicy
 * (NetworkPolicy podSelector), EventPolicy subjects, ... Implemented by
 * AgentKnativeService and the KEDA workers.
 */
export interface IAgentWorkload {
  /** Kubernetes name of the workload (Service, Deployment or ScaledJob). */
  readonly name: string;
  /** Namespace, when known at synth time. @default - the namespace the manifests are applied to */
  readonly namespace?: string;
  /** Labels that every pod of the workload carries, and no other pod. */
  readonly podSelector: Readonly<Record<string, string>>;
  /**
   * True when Knative serves the workload: its requests arrive through the
   * activator and the networking layer, which an ingress lockdown must allow.
   */
  readonly servedByKnative: boolean;
  /**
   * The objects whose pod template makes the pods (a Knative Service, a
   * Deployment by name; the Jobs a CronJob or ScaledJob creates by their
   * labels), for bindings that change that template (a SinkBinding).
   * @default - none: the workload cannot be a SinkBinding subject
   */
  readonly workloadRef?: WorkloadRef;
}

/**
 * The objects that own a pod template, by kind and either name or labels (a
 * SinkBinding `subject`): exactly one of `name` and `selector`.
 */
export interface WorkloadRef {
  readonly apiVersion: string;
  readonly kind: string;
  /** The object's name. @default - none: the objects of `selector` */
  readonly name?: string;
  /**
   * Labels every such object carries (a `matchLabels` selector), for objects
   * a controller creates under generated names (the Jobs of a CronJob or a
   * KEDA ScaledJob).
   * @default - none: the object `name`
   */
  readonly selector?: Readonly<Record<string, string>>;
}

/** An agent that can be given a tool: a workload whose container takes environment variables. */
export interface IToolUser extends IAgentWorkload {
  addEnv(name: string, value: string): unknown;
}

/** Something agents use as a tool (an McpServer): `grantUse` gives an agent its address and, under an EgressPolicy, the egress to it. */
export interface IAgentTool {
  grantUse(agent: IToolUser): unknown;
}

/** An agent other workloads call over HTTP: its URL inside the cluster (an AgentKnativeService, an McpServer). */
export interface ICallableAgent extends IAgentWorkload {
  readonly url: string;
}
