import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as sinks from '../../imports/sinks.knative.dev';
import { AgentContainer, AgentContainerProps, CONTAINER_SHAPE } from '../container/agent-container';
import { CORE_RULES } from '../engine/core-rules';
import { fromProp } from '../construct/construct';
import { ShapeOf, T } from '../construct/props';
import { SinkReference } from './sink';
import { EventSinkConstruct } from './sink-construct';

/** The task runs the agent container: its props (command, env, secrets, resources, ...) are the agent container's. */
export interface JobSinkProps extends Pick<AgentContainerProps, 'command' | 'args' | 'env' | 'secrets' | 'resources' | 'serviceAccount' | 'mountServiceAccountToken'> {
  /** Container image of the task, e.g. `ghcr.io/acme/report-writer:1.2.0`. It finds the event at `$K_EVENT_PATH/event` (JSON). */
  readonly image: string;
  /** JobSink name, at most 63 characters (it labels every Job). @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /** Retries of a failed task (new pods) before the Job fails. @default 3 */
  readonly backoffLimit?: number;
  /** Longest run of one task (`activeDeadlineSeconds`). @default - no limit */
  readonly activeDeadline?: Duration;
  /** How long a finished Job (and its event Secret) is kept. @default Duration.hours(24) */
  readonly ttlAfterFinished?: Duration;
  /** Labels on the JobSink and on each Job's pods. @default - none */
  readonly labels?: Record<string, string>;
}

const JOB_SINK_SHAPE = {
  image: CONTAINER_SHAPE.image,
  name: T.string({ nonEmpty: true }),
  namespace: T.string({ nonEmpty: true }),
  command: CONTAINER_SHAPE.command,
  args: CONTAINER_SHAPE.args,
  env: CONTAINER_SHAPE.env,
  secrets: CONTAINER_SHAPE.secrets,
  resources: CONTAINER_SHAPE.resources,
  // Ranges are manifest rules (EVT-JOBSINK-005).
  backoffLimit: T.number({ integer: true }),
  activeDeadline: T.duration(),
  ttlAfterFinished: T.duration(),
  serviceAccount: CONTAINER_SHAPE.serviceAccount,
  mountServiceAccountToken: CONTAINER_SHAPE.mountServiceAccountToken,
  labels: T.record(T.string()),
} satisfies ShapeOf<JobSinkProps>;

/**
 * A Knative JobSink (`sinks.knative.dev/v1alpha1`): each event starts a
 * Kubernetes Job, for agent tasks that run longer than a request may. The
 * event is mounted at `$K_EVENT_PATH/event`. Hardened like an agent:
 * non-root, read-only root filesystem with a writable `/tmp`, no
 * capabilities, no service account token.
 *
 * ```ts
 * const reports = new JobSink(chart, 'report-writer', { image: 'ghcr.io/acme/report-writer:1.2.0', activeDeadline: Duration.hours(2) });
 * broker.addTrigger('report-requested', { subscriber: reports, filter: { type: 'dev.acme.report.requested' } });
 * ```
 */
export class JobSink extends EventSinkConstruct<JobSinkProps> {
  public readonly name: string;
  public readonly namespace?: string;
  /** The generated JobSink (id `Resource`). */
  public readonly resource: ApiObject;

  /** The task: the agent container, with the pod-level hardening and explicit token mount a plain Job allows. */
  private readonly container: AgentContainer;

  public constructor(scope: Construct, id: string, props: JobSinkProps) {
    super(scope, id, props, JOB_SINK_SHAPE, ['image']);
    const p = this.props;
    this.name = this.resourceName;
    this.namespace = this.resourceNamespace;
    // The container names its own props; only those a JobSink offers are named.
    this.container = new AgentContainer({ ...p, containerName: 'task' }, {
      podSecurityContext: true, explicitTokenMount: true, report: (...args) => this.reportProp(...args), offeredProps: Object.keys(JOB_SINK_SHAPE),
    });
    this.container.addFromProps();
    for (const [prop, d] of [['activeDeadline', p.activeDeadline], ['ttlAfterFinished', p.ttlAfterFinished]] as const) {
      const ms = d?.toMilliseconds();
      if (ms !== undefined && ms % 1000 !== 0) this.reportProp(CORE_RULES.RENDER, prop, `${ms}ms`, 'Jobs take whole seconds', `use Duration.seconds(${Math.max(1, Math.round(ms / 1000))})`);
    }
    this.resource = this.createResource({
      apiVersion: sinks.JobSink.GVK.apiVersion,
      kind: sinks.JobSink.GVK.kind,
      metadata: this.metadata(),
      spec: Lazy.any({ produce: () => ({ job: this.renderJob() }) }),
    });
  }

  protected get sinkRef(): SinkReference {
    return { apiVersion: sinks.JobSink.GVK.apiVersion, kind: sinks.JobSink.GVK.kind, name: this.name, namespace: this.namespace };
  }

  private renderJob(): Record<string, unknown> {
    const p = this.props;
    const seconds = (d?: Duration) => (d ? Math.round(d.toMilliseconds() / 1000) : undefined);
    return {
      metadata: p.labels ? { labels: p.labels } : undefined,
      spec: {
        backoffLimit: fromProp('backoffLimit', p.backoffLimit ?? 3),
        activeDeadlineSeconds: fromProp('activeDeadline', seconds(p.activeDeadline)),
        ttlSecondsAfterFinished: fromProp('ttlAfterFinished', seconds(p.ttlAfterFinished ?? Duration.hours(24))),
        template: {
          metadata: p.labels ? { labels: p.labels } : undefined,
          spec: { restartPolicy: 'Never', ...this.container.renderPod() },
        },
      },
    };
  }
}
