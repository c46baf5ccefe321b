import { ApiObject, Duration, Lazy, Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import * as sinks from '../../imports/sinks.knative.dev';
import { CORE_RULES } from '../engine/core-rules';
import { fromProp } from '../construct/construct';
import { ShapeOf, T } from '../construct/props';
import { IAgentSecrets } from '../secrets/agent-secrets';
import { SinkReference } from './sink';
import { EventSinkConstruct } from './sink-construct';

export interface JobSinkProps {
  /** Container image of the task, e.g. `ghcr.io/acme/report-writer:1.2.0`. It finds the event at `$K_EVENT_PATH/event` (JSON). */
  readonly image: string;
  /** JobSink name, at most 63 characters (it labels every Job). @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /** @default - the image's ENTRYPOINT */
  readonly command?: string[];
  /** @default - the image's CMD */
  readonly args?: string[];
  /** Plain environment variables (never secrets: use `secrets`). @default - none */
  readonly env?: Record<string, string>;
  /** Secrets exposed as env vars (`envFrom`, or `secretKeyRef` when keys are mapped). @default - none */
  readonly secrets?: IAgentSecrets[];
  /** @default - requests 100m CPU / 256Mi memory, limits 1 CPU / 1Gi memory */
  readonly resources?: kplus.ContainerResources;
  /** Retries of a failed task (new pods) before the Job fails. @default 3 */
  readonly backoffLimit?: number;
  /** Longest run of one task (`activeDeadlineSeconds`). @default - no limit */
  readonly activeDeadline?: Duration;
  /** How long a finished Job (and its event Secret) is kept. @default Duration.hours(24) */
  readonly ttlAfterFinished?: Duration;
  /** @default - the namespace's `default` service account */
  readonly serviceAccount?: kplus.IServiceAccount;
  /** Mount the service account token. @default false */
  readonly mountServiceAccountToken?: boolean;
  /** Labels on the JobSink and on each Job's pods. @default - none */
  readonly labels?: Record<string, string>;
}

const DEFAULT_RESOURCES = {
  cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.units(1) },
  memory: { request: Size.mebibytes(256), limit: Size.gibibytes(1) },
};

const cpuOrSize = T.oneOf('a kplus.Cpu or a cdk8s Size', [T.instanceOf(kplus.Cpu, 'kplus.Cpu', ''), T.size()], 'use `Cpu.millis(n)` for cpu, `Size.mebibytes(n)` for memory');
const requestLimit = T.object<kplus.CpuResources | kplus.MemoryResources>({ request: cpuOrSize, limit: cpuOrSize }, 'a { request, limit } object');

const JOB_SINK_SHAPE = {
  image: T.string({ nonEmpty: true }),
  name: T.string({ nonEmpty: true }),
  namespace: T.string({ nonEmpty: true }),
  command: T.array(T.string()),
  args: T.array(T.string()),
  env: T.record(T.string()),
  secrets: T.array(T.duck('an IAgentSecrets', ['secretName'], 'use `AgentSecrets.fromSecretName(scope, id, name, keys?)`')),
  resources: T.object<kplus.ContainerResources>({ cpu: requestLimit, memory: requestLimit, ephemeralStorage: requestLimit }, 'a cdk8s-plus ContainerResources'),
  // Ranges are manifest rules (EVT-JOBSINK-005).
  backoffLimit: T.number({ integer: true }),
  activeDeadline: T.duration(),
  ttlAfterFinished: T.duration(),
  serviceAccount: T.duck('a cdk8s-plus IServiceAccount', ['name'], 'use `new kplus.ServiceAccount(...)` or `ServiceAccount.fromServiceAccountName(...)`'),
  mountServiceAccountToken: T.boolean(),
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
  public readonly jobSinkName: string;
  public readonly namespace?: string;
  /** The generated JobSink (id `Resource`). */
  public readonly resource: ApiObject;

  public constructor(scope: Construct, id: string, props: JobSinkProps) {
    super(scope, id, props, JOB_SINK_SHAPE, ['image']);
    const p = this.props;
    this.jobSinkName = this.resourceName;
    this.namespace = this.resourceNamespace;
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
    return { apiVersion: sinks.JobSink.GVK.apiVersion, kind: sinks.JobSink.GVK.kind, name: this.jobSinkName, namespace: this.namespace };
  }

  private renderJob(): Record<string, unknown> {
    const p = this.props;
    const seconds = (d?: Duration) => (d ? Math.round(d.toMilliseconds() / 1000) : undefined);
    const env: Record<string, unknown>[] = Object.entries(p.env ?? {}).map(([name, value]) => ({ name, value }));
    const envFrom: Record<string, unknown>[] = [];
    for (const s of p.secrets ?? []) {
      if (s.wholeSecret) envFrom.push({ secretRef: { name: s.secretName } });
      else for (const [name, key] of Object.entries(s.keys ?? {})) env.push({ name, valueFrom: { secretKeyRef: { name: s.secretName, key } } });
    }
    const res = { ...DEFAULT_RESOURCES, ...(p.resources ?? {}) };
    const requests: Record<string, string> = {};
    const limits: Record<string, string> = {};
    const put = (key: string, v: { request?: kplus.Cpu | Size; limit?: kplus.Cpu | Size } | undefined) => {
      if (v?.request) requests[key] = quantity(v.request);
      if (v?.limit) limits[key] = quantity(v.limit);
    };
    put('cpu', res.cpu);
    put('memory', res.memory);
    put('ephemeral-storage', res.ephemeralStorage);
    return {
      metadata: p.labels ? { labels: p.labels } : undefined,
      spec: {
        backoffLimit: fromProp('backoffLimit', p.backoffLimit ?? 3),
        activeDeadlineSeconds: fromProp('activeDeadline', seconds(p.activeDeadline)),
        ttlSecondsAfterFinished: fromProp('ttlAfterFinished', seconds(p.ttlAfterFinished ?? Duration.hours(24))),
        template: {
          metadata: p.labels ? { labels: p.labels } : undefined,
          spec: {
            restartPolicy: 'Never',
            serviceAccountName: fromProp('serviceAccount', p.serviceAccount?.name),
            automountServiceAccountToken: p.mountServiceAccountToken ?? false,
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              name: 'task',
              image: fromProp('image', p.image),
              command: fromProp('command', p.command),
              args: fromProp('args', p.args),
              env: fromProp('env', env.length > 0 ? env : undefined),
              envFrom: fromProp('secrets', envFrom.length > 0 ? envFrom : undefined),
              resources: fromProp('resources', { requests, limits }),
              securityContext: {
                runAsNonRoot: true,
                readOnlyRootFilesystem: true,
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            }],
            volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }],
          },
        },
      },
    };
  }
}

function quantity(q: kplus.Cpu | Size): string {
  if (q instanceof kplus.Cpu) return q.amount;
  const mib = q.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  if (Number.isInteger(mib / 1024)) return `${mib / 1024}Gi`;
  if (Number.isInteger(mib)) return `${mib}Mi`;
  return `${q.toKibibytes({ rounding: SizeRoundingBehavior.FLOOR })}Ki`;
}
