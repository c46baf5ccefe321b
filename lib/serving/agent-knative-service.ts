import { Chart, Duration, Lazy, Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import * as serving from '../../imports/serving.knative.dev';
import { ISink, SinkDestination } from '../eventing/sink';
import { ClusterProfile } from '../platform/cluster-profile';
import { AgentSecrets } from '../secrets/agent-secrets';
import { ViolationList } from '../validation/rule';
import { SERVING_RULES as R } from '../validation/serving-rules';
import { renderScalingAnnotations, ScalingOptions } from './scaling';
import { validateKnativeService } from './service-validation';

/** Who can reach the agent. */
export enum Visibility {
  /** Reachable through the cluster's ingress from outside (webhooks). */
  PUBLIC = 'public',
  /** Reachable only inside the cluster (`networking.knative.dev/visibility: cluster-local`). */
  CLUSTER_LOCAL = 'cluster-local',
}

/** The HTTP protocol the agent serves, as the Knative port name. */
export enum HttpProtocol {
  /** HTTP/1.1 (port name `http1`). */
  HTTP1 = 'http1',
  /** HTTP/2 without TLS, e.g. gRPC (port name `h2c`). */
  H2C = 'h2c',
}

/** One entry of the traffic split. */
export interface TrafficTarget {
  /** A revision of this Service, `<name>-<suffix>`. @default - none: the target follows the latest revision */
  readonly revisionName?: string;
  /** Follow the latest ready revision; exclusive with `revisionName`. @default - true when no revisionName is given */
  readonly latestRevision?: boolean;
  /** Share of requests, whole percent; all targets sum to 100. */
  readonly percent: number;
  /** Gives the target its own URL `<tag>-<name>…`. @default - no tag */
  readonly tag?: string;
}

/** A volume mounted into the agent container. */
export interface AgentVolumeMount {
  /** A cdk8s-plus volume: `Volume.fromConfigMap`, `fromSecret`, `fromEmptyDir` (PVC only when the ClusterProfile enables it). */
  readonly volume: kplus.Volume;
  /** Absolute mount path in the container. */
  readonly path: string;
  /** @default - true for configMap/secret (Knative forces it), false otherwise */
  readonly readOnly?: boolean;
  /** @default - the volume root */
  readonly subPath?: string;
}

/**
 * Container hardening. Every default meets the Pod Security "restricted"
 * profile at container level (Knative rejects a pod-level securityContext
 * unless `kubernetes.podspec-securitycontext` is enabled).
 */
export interface AgentSecurityOptions {
  /** @default true */
  readonly runAsNonRoot?: boolean;
  /** @default - the image's USER */
  readonly runAsUser?: number;
  /** @default - the image's group */
  readonly runAsGroup?: number;
  /** @default true */
  readonly readOnlyRootFilesystem?: boolean;
  /** @default false */
  readonly allowPrivilegeEscalation?: boolean;
  /** Drop every Linux capability. @default true */
  readonly dropAllCapabilities?: boolean;
  /** @default kplus.SeccompProfileType.RUNTIME_DEFAULT */
  readonly seccompProfile?: kplus.SeccompProfileType;
  /** Mount a writable emptyDir at `/tmp` (most runtimes need one when the root filesystem is read-only). @default true */
  readonly writableTmp?: boolean;
  /** Size limit of the `/tmp` emptyDir. @default Size.gibibytes(1) */
  readonly tmpSizeLimit?: Size;
}

export interface AgentKnativeServiceProps {
  /** Container image, e.g. `ghcr.io/acme/jira-triage:1.4.2` (prefer a digest). */
  readonly image: string;
  /** Service name: DNS-1035, at most 63 characters; also the host name. @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /** Port the agent listens on. @default 8080 */
  readonly port?: number;
  /** Protocol served on the port. @default - unnamed port, which Knative treats as HTTP1 */
  readonly protocol?: HttpProtocol;
  /** Name of the agent container. @default 'agent' */
  readonly containerName?: string;
  /** @default - the image's ENTRYPOINT */
  readonly command?: string[];
  /** @default - the image's CMD */
  readonly args?: string[];
  /** Plain environment variables (never secrets: use `secrets`). @default - none */
  readonly env?: Record<string, string | kplus.EnvValue>;
  /** Secrets exposed as env vars (`envFrom`, or `secretKeyRef` when keys are mapped). @default - none */
  readonly secrets?: AgentSecrets[];
  /** @default - requests 100m CPU / 256Mi memory, limits 1 CPU / 1Gi memory; each of cpu/memory replaced as a whole when given */
  readonly resources?: kplus.ContainerResources;
  /** @default - Knative's TCP probe on the serving port, with aggressive probing */
  readonly readinessProbe?: kplus.Probe;
  /** @default - none */
  readonly livenessProbe?: kplus.Probe;
  /** @default - none */
  readonly startupProbe?: kplus.Probe;
  /** @default kplus.ImagePullPolicy.IF_NOT_PRESENT (Kubernetes default for tagged images) */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;
  /** Maximum time to answer a request (`timeoutSeconds`). @default - cluster `revision-timeout-seconds` (300 s upstream) */
  readonly timeout?: Duration;
  /** Maximum time until the first response byte (`responseStartTimeoutSeconds`). @default - the request timeout */
  readonly responseStartTimeout?: Duration;
  /** Maximum time without bytes on an open request (`idleTimeoutSeconds`). @default - no idle timeout */
  readonly idleTimeout?: Duration;
  /** Hard limit of requests in flight per pod; 0 is unlimited. @default - cluster `container-concurrency` (0 upstream) */
  readonly containerConcurrency?: number;
  /** Per-revision autoscaling. @default - cluster defaults: scale to zero, no upper bound, concurrency 100 */
  readonly scaling?: ScalingOptions;
  /** @default Visibility.CLUSTER_LOCAL (only reachable inside the cluster) */
  readonly visibility?: Visibility;
  /** Name of the revision this template creates; must start with `<name>-`. @default - generated by Knative (`<name>-00001`, ...) */
  readonly revisionName?: string;
  /** Traffic split. @default - 100 % to the latest revision */
  readonly traffic?: TrafficTarget[];
  /** Time over which a new revision's traffic is ramped up (`serving.knative.dev/rollout-duration`). @default - immediate */
  readonly rolloutDuration?: Duration;
  /** @default - the namespace's `default` service account */
  readonly serviceAccount?: kplus.IServiceAccount;
  /** Mount the service account token. Agents rarely call the Kubernetes API. @default false */
  readonly mountServiceAccountToken?: boolean;
  /** @default - none */
  readonly imagePullSecrets?: kplus.ISecret[];
  /** @default - none (besides the /tmp emptyDir) */
  readonly volumes?: AgentVolumeMount[];
  /** @default - restricted profile, read-only root filesystem, writable /tmp */
  readonly security?: AgentSecurityOptions;
  /** Labels on the Service. @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations on the Service (not autoscaling: those go on the revision). @default - none */
  readonly annotations?: Record<string, string>;
  /** Labels on each revision's pods. @default - none */
  readonly revisionLabels?: Record<string, string>;
  /** Raw annotations on the revision template, merged over the ones `scaling` renders. Checked like the typed ones. @default - none */
  readonly revisionAnnotations?: Record<string, string>;
}

const DEFAULT_PORT = 8080;
const DEFAULT_RESOURCES: Required<Pick<kplus.ContainerResources, 'cpu' | 'memory'>> = {
  cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.units(1) },
  memory: { request: Size.mebibytes(256), limit: Size.gibibytes(1) },
};

/**
 * An AI agent served by Knative: one container behind a
 * `serving.knative.dev/v1` Service that scales to zero, hardened by default
 * and checked against the cluster's Knative rules at synth time.
 *
 * ```ts
 * const agent = new AgentKnativeService(chart, 'jira-triage', {
 *   image: 'ghcr.io/acme/jira-triage:1.4.2',
 *   scaling: { maxScale: 10, target: 5 },
 *   readinessProbe: kplus.Probe.fromHttpGet('/health'),
 * });
 * ```
 */
export class AgentKnativeService extends Construct implements ISink {
  /** The Service name (also the host name prefix). */
  public readonly name: string;
  /** Namespace, when known at synth time. */
  public readonly namespace?: string;
  /** Serving port. */
  public readonly port: number;
  /** The generated `serving.knative.dev/v1` Service (id `Resource`). */
  public readonly resource: serving.Service;

  private readonly props: AgentKnativeServiceProps;
  private readonly env: { name: string; value?: string; valueFrom?: any }[] = [];
  private readonly secrets: AgentSecrets[] = [];
  private readonly volumeMounts: AgentVolumeMount[] = [];
  private readonly overrides: { path: string[]; value: unknown }[] = [];
  private readonly propViolations = new ViolationList();

  public constructor(scope: Construct, id: string, props: AgentKnativeServiceProps) {
    super(scope, id);
    if (!props || typeof props.image !== 'string') {
      throw new Error(`${this.node.path}: AgentKnativeService needs \`image\` (a container image reference such as "ghcr.io/acme/agent:1.0")`);
    }
    this.props = props;
    this.name = props.name ?? id;
    this.port = props.port ?? DEFAULT_PORT;
    this.namespace = props.namespace ?? Chart.of(this).namespace;
    this.checkDurations();
    for (const [k, val] of Object.entries(props.env ?? {})) this.addEnv(k, val);
    for (const s of props.secrets ?? []) this.addSecrets(s);
    for (const m of props.volumes ?? []) this.addVolume(m);

    const labels: Record<string, string> = { ...(props.labels ?? {}) };
    if ((props.visibility ?? Visibility.CLUSTER_LOCAL) === Visibility.CLUSTER_LOCAL) labels['networking.knative.dev/visibility'] = 'cluster-local';
    const annotations: Record<string, string> = { ...(props.annotations ?? {}) };
    if (props.rolloutDuration) annotations['serving.knative.dev/rollout-duration'] = `${this.seconds(props.rolloutDuration)}s`;

    const overrides = this.overrides;
    // The L1 applies escape-hatch overrides last, so they reach the YAML and validation sees them.
    class ServiceResource extends serving.Service {
      public toJson(): any {
        const json = super.toJson();
        for (const o of overrides) applyOverride(json, o.path, o.value);
        return json;
      }
    }
    this.resource = new ServiceResource(this, 'Resource', {
      metadata: { name: this.name, namespace: props.namespace, labels, annotations },
      spec: Lazy.any({ produce: () => this.renderSpec() }) as any,
    });

    this.node.addValidation({
      validate: () => {
        // A fresh list per run: validation may run more than once.
        const v = new ViolationList(this.propViolations.all);
        validateKnativeService(this.resource.toJson(), ClusterProfile.of(this), v);
        return v.format(this.node.path);
      },
    });
  }

  /** Cluster-local URL, `http://<name>.<namespace>.svc.<cluster domain>` (namespace `default` when none is set). */
  public get url(): string {
    return `http://${this.name}.${this.namespace ?? 'default'}.svc.${ClusterProfile.of(this).clusterDomain}`;
  }

  /** Adds a plain environment variable (a value from a cdk8s-plus EnvValue also works). */
  public addEnv(name: string, value: string | kplus.EnvValue): this {
    if (typeof value === 'string') this.env.push({ name, value });
    else this.env.push({ name, value: value.value, valueFrom: value.valueFrom });
    return this;
  }

  /** Exposes a set of secrets as environment variables. Adding the same one twice has no effect. */
  public addSecrets(...secrets: AgentSecrets[]): this {
    for (const s of secrets) if (!this.secrets.includes(s)) this.secrets.push(s);
    return this;
  }

  /** Mounts a volume into the agent container. */
  public addVolume(mount: AgentVolumeMount): this {
    this.volumeMounts.push(mount);
    return this;
  }

  /**
   * Escape hatch: sets a raw field of the rendered Service, after everything
   * the props produce. `path` is dot-separated from the object root (or an
   * array of keys, for keys that contain dots); `undefined` removes the field.
   * The result is still validated.
   *
   * ```ts
   * agent.addOverride('spec.template.spec.nodeSelector', { gpu: 'true' });
   * agent.addOverride(['spec', 'template', 'metadata', 'annotations', 'example.com/owner'], 'team-a');
   * ```
   */
  public addOverride(path: string | string[], value: unknown): this {
    const segments = Array.isArray(path) ? [...path] : path.split('.');
    if (segments.length === 0 || segments.some((s) => s === '')) {
      throw new Error(`${this.node.path}: addOverride path "${String(path)}" has an empty segment; use an array of keys for keys that contain dots`);
    }
    this.overrides.push({ path: segments, value });
    return this;
  }

  /** A reference to this Service, for eventing sinks. */
  public toDestination(): SinkDestination {
    return { ref: { apiVersion: serving.Service.GVK.apiVersion, kind: serving.Service.GVK.kind, name: this.name, namespace: this.namespace } };
  }

  private renderSpec(): serving.ServiceSpec {
    const p = this.props;
    const annotations = { ...renderScalingAnnotations(p.scaling ?? {}), ...(p.revisionAnnotations ?? {}) };
    const volumes: serving.ServiceSpecTemplateSpecVolumes[] = [];
    const mounts: serving.ServiceSpecTemplateSpecContainersVolumeMounts[] = [];
    const sec = p.security ?? {};
    if (sec.writableTmp ?? true) {
      volumes.push({ name: 'tmp', emptyDir: { sizeLimit: this.quantity(sec.tmpSizeLimit ?? Size.gibibytes(1)) } });
      mounts.push({ name: 'tmp', mountPath: '/tmp' });
    }
    const rendered = new Set<kplus.Volume>();
    for (const m of this.volumeMounts) {
      const vol = m.volume._toKube() as any;
      // One volume may be mounted at several paths; it is declared once.
      if (!rendered.has(m.volume)) volumes.push(vol);
      rendered.add(m.volume);
      mounts.push({ name: vol.name, mountPath: m.path, readOnly: m.readOnly ?? (vol.configMap || vol.secret ? true : undefined), subPath: m.subPath });
    }
    return {
      template: {
        metadata: p.revisionName || nonEmpty(p.revisionLabels) || nonEmpty(annotations)
          ? { name: p.revisionName, labels: nonEmpty(p.revisionLabels), annotations: nonEmpty(annotations) }
          : undefined,
        spec: {
          containerConcurrency: p.containerConcurrency,
          timeoutSeconds: p.timeout && this.seconds(p.timeout),
          responseStartTimeoutSeconds: p.responseStartTimeout && this.seconds(p.responseStartTimeout),
          idleTimeoutSeconds: p.idleTimeout && this.seconds(p.idleTimeout),
          serviceAccountName: p.serviceAccount?.name,
          automountServiceAccountToken: p.mountServiceAccountToken ? undefined : false,
          imagePullSecrets: p.imagePullSecrets?.map((s) => ({ name: s.name })),
          containers: [this.renderContainer(mounts)],
          volumes: volumes.length > 0 ? volumes : undefined,
        },
      },
      traffic: p.traffic?.map((t) => ({ revisionName: t.revisionName, latestRevision: t.latestRevision, percent: t.percent, tag: t.tag })),
    };
  }

  private renderContainer(mounts: serving.ServiceSpecTemplateSpecContainersVolumeMounts[]): serving.ServiceSpecTemplateSpecContainers {
    const p = this.props;
    const env: serving.ServiceSpecTemplateSpecContainersEnv[] = this.env.map((e) => ({ ...e }));
    const envFrom: serving.ServiceSpecTemplateSpecContainersEnvFrom[] = [];
    for (const s of this.secrets) {
      const keys = s.keys;
      if (keys) {
        for (const [name, ref] of Object.entries(keys)) env.push({ name, valueFrom: { secretKeyRef: { name: s.secretName, key: ref.key } } });
      } else {
        envFrom.push({ secretRef: { name: s.secretName } });
      }
    }
    const res = { ...DEFAULT_RESOURCES, ...(p.resources ?? {}) };
    const size = (s: Size | undefined) => s && this.quantity(s);
    const quantities: [string, string | undefined, string | undefined][] = [
      ['cpu', res.cpu?.request?.amount, res.cpu?.limit?.amount],
      ['memory', size(res.memory?.request), size(res.memory?.limit)],
      ['ephemeral-storage', size(res.ephemeralStorage?.request), size(res.ephemeralStorage?.limit)],
    ];
    const requests: Record<string, serving.ServiceSpecTemplateSpecContainersResourcesRequests> = {};
    const limits: Record<string, serving.ServiceSpecTemplateSpecContainersResourcesLimits> = {};
    for (const [key, request, limit] of quantities) {
      if (request) requests[key] = serving.ServiceSpecTemplateSpecContainersResourcesRequests.fromString(request);
      if (limit) limits[key] = serving.ServiceSpecTemplateSpecContainersResourcesLimits.fromString(limit);
    }

    const sec = p.security ?? {};
    return {
      name: p.containerName ?? 'agent',
      image: p.image,
      imagePullPolicy: p.imagePullPolicy,
      command: p.command,
      args: p.args,
      ports: [{ containerPort: this.port, name: p.protocol }],
      env: env.length > 0 ? env : undefined,
      envFrom: envFrom.length > 0 ? envFrom : undefined,
      resources: { requests: nonEmpty(requests), limits: nonEmpty(limits) },
      readinessProbe: p.readinessProbe && this.renderProbe(p.readinessProbe, true),
      livenessProbe: p.livenessProbe && this.renderProbe(p.livenessProbe, false),
      startupProbe: p.startupProbe && this.renderProbe(p.startupProbe, false),
      securityContext: {
        runAsNonRoot: sec.runAsNonRoot ?? true,
        runAsUser: sec.runAsUser,
        runAsGroup: sec.runAsGroup,
        readOnlyRootFilesystem: sec.readOnlyRootFilesystem ?? true,
        allowPrivilegeEscalation: sec.allowPrivilegeEscalation ?? false,
        capabilities: (sec.dropAllCapabilities ?? true) ? { drop: ['ALL'] } : undefined,
        seccompProfile: { type: (sec.seccompProfile ?? kplus.SeccompProfileType.RUNTIME_DEFAULT) as any },
      },
      volumeMounts: mounts.length > 0 ? mounts : undefined,
    };
  }

  /**
   * Renders a cdk8s-plus Probe the way Knative expects: a readiness probe leaves
   * the serving port implied (Knative probes through the queue-proxy), and the `failureThreshold: 3`
   * cdk8s-plus always emits is dropped when the user did not set it, since
   * Knative rejects it on a readiness probe without `periodSeconds`.
   */
  private renderProbe(probe: kplus.Probe, readiness: boolean): any {
    const internals = probe as unknown as { probeOptions?: kplus.ProbeOptions; httpGetOptions?: { port?: number }; tcpSocketOptions?: { port?: number } };
    const kube: any = probe._toKube({ portNumber: this.port } as kplus.Container);
    const explicitPort = internals.httpGetOptions?.port ?? internals.tcpSocketOptions?.port;
    // Readiness goes through the queue-proxy, which knows the serving port; the
    // kubelet runs liveness/startup probes itself, so they keep the explicit port.
    // The port stays an IntOrString: the generated L1 serializes it through `.value`.
    for (const h of ['httpGet', 'tcpSocket']) {
      if (kube[h] && readiness && explicitPort === undefined) delete kube[h].port;
    }
    if (readiness && internals.probeOptions?.failureThreshold === undefined && kube.periodSeconds === undefined) delete kube.failureThreshold;
    return kube;
  }

  /** Durations rendered as integer seconds must be whole: recorded as violations rather than thrown by Duration.toSeconds(). */
  private checkDurations(): void {
    const p = this.props;
    const whole: [Duration | undefined, string, typeof R.TIMEOUT][] = [
      [p.timeout, 'timeout', R.TIMEOUT],
      [p.responseStartTimeout, 'responseStartTimeout', R.SUB_TIMEOUTS],
      [p.idleTimeout, 'idleTimeout', R.SUB_TIMEOUTS],
      [p.rolloutDuration, 'rolloutDuration', R.ROLLOUT_DURATION],
    ];
    for (const [d, prop, rule] of whole) {
      const s = d && d.toMilliseconds() / 1000;
      if (s !== undefined && !Number.isInteger(s)) {
        this.propViolations.add(rule, prop, `${d!.toMilliseconds()}ms`, 'Knative takes whole seconds', `use Duration.seconds(${Math.round(s)})`);
      }
    }
  }

  /** Whole seconds of a Duration, rounded (a fractional value already failed `checkDurations`). */
  private seconds(d: Duration): number {
    return Math.round(d.toMilliseconds() / 1000);
  }

  private quantity(size: Size): string {
    const mib = size.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
    if (Number.isInteger(mib / 1024)) return `${mib / 1024}Gi`;
    if (Number.isInteger(mib)) return `${mib}Mi`;
    return `${size.toKibibytes({ rounding: SizeRoundingBehavior.FLOOR })}Ki`;
  }
}

function nonEmpty<T extends object>(o: T | undefined): T | undefined {
  return o && Object.keys(o).length > 0 ? o : undefined;
}

function applyOverride(json: any, path: string[], value: unknown): void {
  let cur = json;
  for (const key of path.slice(0, -1)) {
    if (cur[key] === undefined || cur[key] === null || typeof cur[key] !== 'object') cur[key] = {};
    cur = cur[key];
  }
  const last = path[path.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}
