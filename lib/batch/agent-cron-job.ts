// An agent that runs on a schedule: a Kubernetes CronJob whose job template
// holds the agent container, hardened as every agent is.
import { ApiObject, Cron, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { fromProp } from '../construct/construct';
import { ShapeOf, T } from '../construct/props';
import { cdk8sPlus } from '../container/agent-container';
import { PodWorkload, PodWorkloadProps, POD_WORKLOAD_SHAPE } from '../container/pod-workload';
import { WORKER_POD_RULES } from '../workers/keda-workload.rules';
import { JobRestartPolicy } from '../workers/scaled-job';
import { WorkloadRef } from '../construct/workload';
import { ISink } from '../eventing/sink';
import { PublishOptions, publishTo, SinkBinding } from '../eventing/sources/sink-binding';

/** What the CronJob controller does when a run is due while the previous one still runs. */
export enum ConcurrencyPolicy {
  /** Skip the new run (AgentCronJob's default: an agent run must not overlap itself, e.g. two cleanups of one workspace). */
  FORBID = 'Forbid',
  /** Start the new run beside the old one (Kubernetes' default). */
  ALLOW = 'Allow',
  /** Stop the old run and start the new one. */
  REPLACE = 'Replace',
}

export interface AgentCronJobProps extends PodWorkloadProps {
  /** Name of the CronJob (at most 52 characters: each Job is named `<name>-<timestamp>`). @default - the construct id */
  readonly name?: string;
  /**
   * When to run: a cdk8s `Cron` (`Cron.daily()`, `Cron.schedule({ minute: '0', hour: '3' })`)
   * or a 5-field cron string (`0 3 * * *`, `@hourly`). No `TZ=` prefix: use `timeZone`.
   */
  readonly schedule: Cron | string;
  /** IANA time zone the schedule is read in, e.g. `Europe/Paris`. @default - the CronJob controller's (UTC on most clusters) */
  readonly timeZone?: string;
  /**
   * What happens when a run is due while the last one still runs. With
   * FORBID a run that hangs holds back every later one: set `activeDeadline`.
   * @default ConcurrencyPolicy.FORBID
   */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /** How late a missed run may still start (after a controller outage); later, it is skipped. @default - no limit */
  readonly startingDeadline?: Duration;
  /** Finished Jobs kept. @default 3 (Kubernetes' default) */
  readonly successfulJobsHistoryLimit?: number;
  /** Failed Jobs kept. @default 1 (Kubernetes' default) */
  readonly failedJobsHistoryLimit?: number;
  /** Longest a run may take; then its pods are stopped and the Job fails. @default - no deadline */
  readonly activeDeadline?: Duration;
  /** Retries of a failed run before its Job is marked failed. @default 6 (Kubernetes' default) */
  readonly backoffLimit?: number;
  /** Delete a finished Job after this time. @default - kept until the history limits prune it */
  readonly ttlAfterFinished?: Duration;
  /** Create no new runs (runs already started go on). @default false */
  readonly suspend?: boolean;
  /** @default JobRestartPolicy.NEVER */
  readonly restartPolicy?: JobRestartPolicy;
  /** Port the agent listens on (metrics, probes). @default - none */
  readonly port?: number;
}

const count = T.number({ integer: true });

const CRON_JOB_SHAPE = {
  ...POD_WORKLOAD_SHAPE,
  schedule: T.oneOf('a cdk8s Cron or a cron string', [T.duck('a cdk8s Cron', ['expressionString'], ''), T.string({ nonEmpty: true })],
    'use `Cron.daily()`, `Cron.schedule({ minute: \'0\', hour: \'3\' })` or a string such as `0 3 * * *`'),
  timeZone: T.string(),
  concurrencyPolicy: T.enumOf(ConcurrencyPolicy, 'ConcurrencyPolicy'),
  startingDeadline: T.duration(),
  successfulJobsHistoryLimit: count,
  failedJobsHistoryLimit: count,
  activeDeadline: T.duration(),
  backoffLimit: count,
  ttlAfterFinished: T.duration(),
  suspend: T.boolean(),
  restartPolicy: T.enumOf(JobRestartPolicy, 'JobRestartPolicy'),
  port: T.number({ integer: true, min: 1, max: 65535 }),
} satisfies ShapeOf<AgentCronJobProps>;

/**
 * An agent that runs on a schedule (a cleanup, a token refresh, a nightly
 * report): a `batch/v1` CronJob whose pods run the agent container with the
 * secrets, volumes and hardening of every agent. Runs never overlap by
 * default (`ConcurrencyPolicy.FORBID`). The schedule, time zone and name
 * are checked as the API server checks them (CRONJOB-*).
 *
 * ```ts
 * new AgentCronJob(chart, 'cleanup', {
 *   image: 'ghcr.io/acme/ai-agents:1.4.2',
 *   args: ['cleanup', '--older-than', '24h'],
 *   schedule: Cron.schedule({ minute: '0', hour: '3' }),
 *   timeZone: 'Europe/Paris',
 *   activeDeadline: Duration.minutes(30),
 * });
 * ```
 */
export class AgentCronJob extends PodWorkload<AgentCronJobProps> {
  /** The schedule as rendered. */
  public readonly schedule: string;
  /** The generated `batch/v1` CronJob (id `Resource`; `addOverride` reaches it). */
  public readonly cronJob: ApiObject;
  /** The Jobs the CronJob creates, by the labels of its job template (a SinkBinding subject). */
  public readonly workloadRef: WorkloadRef;

  public constructor(scope: Construct, id: string, props: AgentCronJobProps) {
    // A plain pod may ask for the token itself, so a grant works whatever the ServiceAccount says.
    super(scope, id, props, CRON_JOB_SHAPE, ['image', 'schedule'], 'cronjob', (p) => ({ port: p.port, builtinTmpRule: WORKER_POD_RULES.BUILTIN_TMP, explicitTokenMount: true }));
    const p = this.props;
    const s = p.schedule;
    this.schedule = typeof s === 'string' ? s : s?.expressionString ?? '';
    this.container.addFromProps();
    this.checkSeconds([[p.startingDeadline, 'startingDeadline'], [p.activeDeadline, 'activeDeadline'], [p.ttlAfterFinished, 'ttlAfterFinished'],
      [p.terminationGracePeriod, 'terminationGracePeriod']]);
    this.workloadRef = { apiVersion: 'batch/v1', kind: 'Job', selector: { ...this.podSelector } };
    this.cronJob = this.createResource({
      ...cdk8sPlus().k8s.KubeCronJob.GVK,
      metadata: this.metadata(),
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
  }

  /**
   * Publishes the agent's events to `sink` (a Broker, usually): a
   * SinkBinding (child `PublishesTo`, named `<name>-publishes`) gives the
   * containers of every run the sink's address as `K_SINK`. The CronJob has
   * no pod template at `spec.template`, so its Jobs are bound by the labels
   * of the job template as they are created. One sink per agent; an
   * EgressPolicy of the agent allows the sink.
   */
  public publishTo(sink: ISink, options: PublishOptions = {}): SinkBinding {
    return publishTo(this, sink, options);
  }

  private renderSpec(): Record<string, unknown> {
    const p = this.props;
    const seconds = (d?: Duration) => d && this.seconds(d);
    return {
      schedule: fromProp('schedule', this.schedule || undefined),
      timeZone: fromProp('timeZone', p.timeZone),
      concurrencyPolicy: fromProp('concurrencyPolicy', p.concurrencyPolicy ?? ConcurrencyPolicy.FORBID),
      startingDeadlineSeconds: fromProp('startingDeadline', seconds(p.startingDeadline)),
      successfulJobsHistoryLimit: fromProp('successfulJobsHistoryLimit', p.successfulJobsHistoryLimit),
      failedJobsHistoryLimit: fromProp('failedJobsHistoryLimit', p.failedJobsHistoryLimit),
      suspend: fromProp('suspend', p.suspend),
      jobTemplate: {
        metadata: { labels: { ...this.podSelector } },
        spec: {
          backoffLimit: fromProp('backoffLimit', p.backoffLimit),
          activeDeadlineSeconds: fromProp('activeDeadline', seconds(p.activeDeadline)),
          ttlSecondsAfterFinished: fromProp('ttlAfterFinished', seconds(p.ttlAfterFinished)),
          template: this.renderPodTemplate(this.podSelector, { restartPolicy: fromProp('restartPolicy', p.restartPolicy ?? JobRestartPolicy.NEVER) }),
        },
      },
    };
  }
}
