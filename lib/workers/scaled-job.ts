import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { kedaImports } from './keda-imports';
import { fromProp } from '../construct/construct';
import { ShapeOf, T } from '../construct/props';
import { KedaWorkload, KedaWorkloadProps, WORKLOAD_SHAPE } from './keda-workload';
import { WorkloadRef } from '../construct/workload';
import { SCALED_JOB_NAME_LABEL } from '../k8s/pod-templates';

/** When a Job's pod is restarted. A Job never uses `Always`. */
export enum JobRestartPolicy {
  /** A failed pod is replaced by a new one, up to `backoffLimit` (default). */
  NEVER = 'Never',
  /** The container restarts in place. */
  ON_FAILURE = 'OnFailure',
}

/** How KEDA turns the queue length into new Jobs. */
export enum JobScalingStrategy {
  /** New jobs = queue length - running jobs (KEDA's default). */
  DEFAULT = 'default',
  /** Like default, with `customScalingQueueLengthDeduction` and `customScalingRunningJobPercentage`. */
  CUSTOM = 'custom',
  /** For queues whose length excludes running messages: new jobs = queue length, capped by max - running. */
  ACCURATE = 'accurate',
  /** Fill up to `maxReplicas` as long as messages wait. */
  EAGER = 'eager',
}

/** How several triggers' job counts combine. */
export enum MultipleScalersCalculation {
  MAX = 'max',
  MIN = 'min',
  AVG = 'avg',
  SUM = 'sum',
}

/** What happens to running Jobs when the ScaledJob changes. */
export enum JobRolloutStrategy {
  /** Delete running Jobs and start new ones (KEDA's default). */
  IMMEDIATE = 'immediate',
  /** Let running Jobs finish; only new Jobs use the new template. */
  GRADUAL = 'gradual',
}

/** `spec.scalingStrategy` of the ScaledJob. */
export interface JobScalingOptions {
  /** @default JobScalingStrategy.DEFAULT */
  readonly strategy?: JobScalingStrategy;
  /** Subtracted from the queue length (custom strategy). @default 0 */
  readonly customScalingQueueLengthDeduction?: number;
  /** Share of running jobs counted as busy, 0-1 (custom strategy). @default 1 */
  readonly customScalingRunningJobPercentage?: number;
  /** Pod conditions that count a pending pod as started. @default - none */
  readonly pendingPodConditions?: string[];
  /** @default MultipleScalersCalculation.MAX */
  readonly multipleScalersCalculation?: MultipleScalersCalculation;
}

export interface AgentJobProps extends KedaWorkloadProps {
  /** Jobs kept running while idle. @default 0 */
  readonly minReplicas?: number;
  /** Most Jobs at once (the parallelism limit across messages). @default 100 (KEDA's default) */
  readonly maxReplicas?: number;
  /** @default JobRestartPolicy.NEVER */
  readonly restartPolicy?: JobRestartPolicy;
  /** Retries of a failed Job before it is marked failed. @default 6 (Kubernetes' default) */
  readonly backoffLimit?: number;
  /** Longest a Job may run. @default - no deadline */
  readonly activeDeadline?: Duration;
  /** Delete a finished Job after this time. @default - kept (KEDA prunes by history limits) */
  readonly ttlAfterFinished?: Duration;
  /** Pods per Job running at once. @default 1 */
  readonly parallelism?: number;
  /** Successful pods that complete a Job. @default 1 */
  readonly completions?: number;
  /** Finished Jobs kept. @default 100 (KEDA's default) */
  readonly successfulJobsHistoryLimit?: number;
  /** Failed Jobs kept. @default 100 (KEDA's default) */
  readonly failedJobsHistoryLimit?: number;
  /** @default - KEDA's default strategy */
  readonly scalingStrategy?: JobScalingOptions;
  /** @default JobRolloutStrategy.IMMEDIATE */
  readonly rolloutStrategy?: JobRolloutStrategy;
}

const JOB_SHAPE = {
  ...WORKLOAD_SHAPE,
  minReplicas: T.number(),
  maxReplicas: T.number(),
  restartPolicy: T.enumOf(JobRestartPolicy, 'JobRestartPolicy'),
  backoffLimit: T.number(),
  activeDeadline: T.duration(),
  ttlAfterFinished: T.duration(),
  parallelism: T.number(),
  completions: T.number(),
  successfulJobsHistoryLimit: T.number(),
  failedJobsHistoryLimit: T.number(),
  scalingStrategy: T.object<JobScalingOptions>({
    strategy: T.enumOf(JobScalingStrategy, 'JobScalingStrategy'), customScalingQueueLengthDeduction: T.number({ integer: true }),
    customScalingRunningJobPercentage: T.number(), pendingPodConditions: T.array(T.string()),
    multipleScalersCalculation: T.enumOf(MultipleScalersCalculation, 'MultipleScalersCalculation'),
  }, 'a JobScalingOptions object'),
  rolloutStrategy: T.enumOf(JobRolloutStrategy, 'JobRolloutStrategy'),
} satisfies ShapeOf<AgentJobProps>;

/**
 * An agent that runs as one Kubernetes Job per message (or batch): a KEDA
 * ScaledJob whose job template holds the agent container, hardened like
 * AgentKnativeService. Suits long research tasks that must not be cut off
 * by a scale-down.
 *
 * ```ts
 * new AgentJob(chart, 'research', {
 *   image: 'ghcr.io/acme/research-agent:0.9.0',
 *   maxReplicas: 20,
 *   activeDeadline: Duration.hours(1),
 *   triggers: [ScaleTrigger.kafka({ bootstrapServers: ['kafka.data:9092'], consumerGroup: 'research', topic: 'research-requests', lagThreshold: 1 })],
 * });
 * ```
 */
export class AgentJob extends KedaWorkload<AgentJobProps> {
  /** The generated `keda.sh/v1alpha1` ScaledJob (id `Resource`; `addOverride` reaches it). */
  public readonly scaledJob: ApiObject;
  /** The Jobs KEDA creates, by the label it gives each (a SinkBinding subject). */
  public readonly workloadRef: WorkloadRef;

  public constructor(scope: Construct, id: string, props: AgentJobProps) {
    super(scope, id, props, JOB_SHAPE, 'job');
    const p = this.props;
    this.checkSeconds([[p.pollingInterval, 'pollingInterval'], [p.terminationGracePeriod, 'terminationGracePeriod'],
      [p.activeDeadline, 'activeDeadline'], [p.ttlAfterFinished, 'ttlAfterFinished']]);
    this.workloadRef = { apiVersion: 'batch/v1', kind: 'Job', selector: { [SCALED_JOB_NAME_LABEL]: this.name } };
    const metadata = this.kedaMetadata();
    this.scaledJob = this.createResource({
      ...kedaImports().ScaledJob.GVK,
      metadata,
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
  }

  private renderSpec(): Record<string, unknown> {
    const p = this.props;
    const seconds = (d?: Duration) => d && this.seconds(d);
    const s = p.scalingStrategy;
    return {
      jobTargetRef: {
        parallelism: fromProp('parallelism', p.parallelism),
        completions: fromProp('completions', p.completions),
        backoffLimit: fromProp('backoffLimit', p.backoffLimit),
        activeDeadlineSeconds: fromProp('activeDeadline', seconds(p.activeDeadline)),
        ttlSecondsAfterFinished: fromProp('ttlAfterFinished', seconds(p.ttlAfterFinished)),
        template: this.renderPodTemplate(this.podSelector, { restartPolicy: fromProp('restartPolicy', p.restartPolicy ?? JobRestartPolicy.NEVER) }),
      },
      pollingInterval: fromProp('pollingInterval', seconds(p.pollingInterval)),
      minReplicaCount: fromProp('minReplicas', p.minReplicas ?? 0),
      maxReplicaCount: fromProp('maxReplicas', p.maxReplicas ?? 100),
      successfulJobsHistoryLimit: fromProp('successfulJobsHistoryLimit', p.successfulJobsHistoryLimit),
      failedJobsHistoryLimit: fromProp('failedJobsHistoryLimit', p.failedJobsHistoryLimit),
      scalingStrategy: fromProp('scalingStrategy', s && {
        strategy: s.strategy,
        customScalingQueueLengthDeduction: s.customScalingQueueLengthDeduction,
        customScalingRunningJobPercentage: s.customScalingRunningJobPercentage === undefined ? undefined : String(s.customScalingRunningJobPercentage),
        pendingPodConditions: s.pendingPodConditions,
        multipleScalersCalculation: s.multipleScalersCalculation,
      }),
      rollout: fromProp('rolloutStrategy', p.rolloutStrategy && { strategy: p.rolloutStrategy }),
      triggers: this.renderTriggers(),
    };
  }
}
