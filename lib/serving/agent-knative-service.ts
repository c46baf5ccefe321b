import { Chart, Duration, Lazy, Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import * as serving from '../../imports/serving.knative.dev';
import { AppValidation } from '../core/app-validation';
import { AgentConstruct } from '../core/construct';
import { CORE_RULES } from '../core/core-rules';
import { errorMessage } from '../core/engine';
import { PropShape, T } from '../core/props';
import { IAgentWorkload } from '../core/workload';
import { IEventPolicyTarget, SinkDestination, SinkSender, SinkSenders } from '../eventing/sink';
import { IAgentSecrets, SECRET_RULES } from '../secrets/agent-secrets';
import { SERVING_RULES as R } from './rules';
import { renderScalingAnnotations, SCALING_ANNOTATIONS, ScalingClass, ScalingMetric, ScalingOptions } from './scaling';

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
  /** Path of the profile on the node, for `SeccompProfileType.LOCALHOST` only. @default - none */
  readonly localhostProfile?: string;
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
  readonly secrets?: IAgentSecrets[];
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

const cpuOrSize = T.oneOf('a kplus.Cpu or a cdk8s Size', [T.instanceOf(kplus.Cpu, 'kplus.Cpu', ''), T.size()], 'use `Cpu.millis(n)` for cpu, `Size.mebibytes(n)` for memory and ephemeral storage');
const requestLimit = T.object({ request: cpuOrSize, limit: cpuOrSize }, 'a { request, limit } object');
const probe = T.instanceOf(kplus.Probe, 'cdk8s-plus Probe', 'use `Probe.fromHttpGet(path)`, `Probe.fromTcpSocket()` or `Probe.fromCommand(cmd)`');
const stringMap = T.record(T.string());

/** The runtime shape of AgentKnativeServiceProps, checked at the boundary. */
const SERVICE_SHAPE: PropShape = {
  image: T.string({ nonEmpty: true }),
  name: T.string(),
  namespace: T.string(),
  port: T.number(),
  protocol: T.enumOf(HttpProtocol, 'HttpProtocol'),
  containerName: T.string(),
  command: T.array(T.string()),
  args: T.array(T.string()),
  env: T.record(T.oneOf('a string or a cdk8s-plus EnvValue', [T.string(), T.instanceOf(kplus.EnvValue, 'EnvValue', '')], 'pass a string (or `EnvValue.fromValue(...)`)')),
  secrets: T.array(T.duck('an IAgentSecrets', ['secretName'], 'use `AgentSecrets.fromSecretName(scope, id, name, keys?)`')),
  resources: T.object({ cpu: requestLimit, memory: requestLimit, ephemeralStorage: requestLimit }, 'a cdk8s-plus ContainerResources'),
  readinessProbe: probe,
  livenessProbe: probe,
  startupProbe: probe,
  imagePullPolicy: T.enumOf(kplus.ImagePullPolicy as any, 'ImagePullPolicy'),
  timeout: T.duration(),
  responseStartTimeout: T.duration(),
  idleTimeout: T.duration(),
  containerConcurrency: T.number(),
  scaling: T.object({
    minScale: T.number(), maxScale: T.number(), initialScale: T.number(), activationScale: T.number(), target: T.number(),
    targetUtilizationPercentage: T.number(), metric: T.instanceOf(ScalingMetric, 'ScalingMetric', 'use ScalingMetric.CONCURRENCY, RPS, CPU, MEMORY or ScalingMetric.custom(name)'),
    class: T.enumOf(ScalingClass, 'ScalingClass'), scaleDownDelay: T.duration(), window: T.duration(), scaleToZeroRetention: T.duration(),
    panicWindowPercentage: T.number(), panicThresholdPercentage: T.number(), targetBurstCapacity: T.number(),
  }, 'a ScalingOptions object'),
  visibility: T.enumOf(Visibility, 'Visibility'),
  revisionName: T.string(),
  traffic: T.array(T.object({ revisionName: T.string(), latestRevision: T.boolean(), percent: T.number(), tag: T.string() }, 'a TrafficTarget')),
  rolloutDuration: T.duration(),
  serviceAccount: T.duck('a cdk8s-plus IServiceAccount', ['name'], 'use `new kplus.ServiceAccount(...)` or `ServiceAccount.fromServiceAccountName(...)`'),
  mountServiceAccountToken: T.boolean(),
  imagePullSecrets: T.array(T.duck('a cdk8s-plus ISecret', ['name'], 'use `kplus.Secret.fromSecretName(...)`')),
  volumes: T.array(T.object({
    volume: T.instanceOf(kplus.Volume, 'cdk8s-plus Volume', 'use `Volume.fromConfigMap`, `fromSecret` or `fromEmptyDir`'),
    path: T.string({ nonEmpty: true }), readOnly: T.boolean(), subPath: T.string(),
  }, 'an AgentVolumeMount')),
  security: T.object({
    runAsNonRoot: T.boolean(), runAsUser: T.number(), runAsGroup: T.number(), readOnlyRootFilesystem: T.boolean(), allowPrivilegeEscalation: T.boolean(),
    dropAllCapabilities: T.boolean(), seccompProfile: T.enumOf(kplus.SeccompProfileType as any, 'SeccompProfileType'), localhostProfile: T.string(),
    writableTmp: T.boolean(), tmpSizeLimit: T.size(),
  }, 'an AgentSecurityOptions object'),
  labels: stringMap,
  annotations: stringMap,
  revisionLabels: stringMap,
  revisionAnnotations: stringMap,
};

/** Manifest field → the prop that writes it (first match wins). */
const FIELD_PROPS: [RegExp, string][] = [
  [/^metadata\.name$/, 'name'],
  [/^metadata\.namespace$/, 'namespace'],
  [/^metadata\.labels\["networking\.knative\.dev\/visibility"\]/, 'visibility'],
  [/^metadata\.labels/, 'labels'],
  [/^metadata\.annotations\["serving\.knative\.dev\/rollout-?[dD]uration"\]/, 'rolloutDuration'],
  [/^metadata\.annotations/, 'annotations'],
  [/^spec\.template\.metadata\.name$/, 'revisionName'],
  [/^spec\.template\.metadata\.labels/, 'revisionLabels'],
  [/^spec\.template\.metadata\.annotations/, 'revisionAnnotations'],
  [/^spec\.template\.spec\.containerConcurrency/, 'containerConcurrency'],
  [/^spec\.template\.spec\.timeoutSeconds/, 'timeout'],
  [/^spec\.template\.spec\.responseStartTimeoutSeconds/, 'responseStartTimeout'],
  [/^spec\.template\.spec\.idleTimeoutSeconds/, 'idleTimeout'],
  [/^spec\.template\.spec\.serviceAccountName/, 'serviceAccount'],
  [/^spec\.template\.spec\.automountServiceAccountToken/, 'mountServiceAccountToken'],
  [/^spec\.template\.spec\.imagePullSecrets/, 'imagePullSecrets'],
  [/^spec\.template\.spec\.containers\[0\]\.image/, 'image'],
  [/^spec\.template\.spec\.containers\[0\]\.ports\[0\]\.containerPort/, 'port'],
  [/^spec\.template\.spec\.containers\[0\]\.ports\[0\]\.name/, 'protocol'],
  [/^spec\.template\.spec\.containers\[0\]\.name/, 'containerName'],
  [/^spec\.template\.spec\.containers\[0\]\.command/, 'command'],
  [/^spec\.template\.spec\.containers\[0\]\.args/, 'args'],
  [/^spec\.template\.spec\.containers\[0\]\.envFrom/, 'secrets'],
  [/^spec\.template\.spec\.containers\[0\]\.resources/, 'resources'],
  [/^spec\.template\.spec\.containers\[0\]\.readinessProbe/, 'readinessProbe'],
  [/^spec\.template\.spec\.containers\[0\]\.livenessProbe/, 'livenessProbe'],
  [/^spec\.template\.spec\.containers\[0\]\.startupProbe/, 'startupProbe'],
  [/^spec\.template\.spec\.containers\[0\]\.securityContext/, 'security'],
  [/^spec\.template\.spec\.containers\[0\]\.volumeMounts/, 'volumes'],
  [/^spec\.traffic/, 'traffic'],
];

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
export class AgentKnativeService extends AgentConstruct implements IEventPolicyTarget, IAgentWorkload {
  /** The Service name (also the host name prefix). */
  public readonly name: string;
  /** Namespace, when known at synth time (the prop, else the Chart's). */
  public readonly namespace?: string;
  /** Serving port. */
  public readonly port: number;
  /** Who can reach the agent. */
  public readonly visibility: Visibility;
  /** Name of the agent container. */
  public readonly containerName: string;
  /** The generated `serving.knative.dev/v1` Service (id `Resource`). */
  public readonly resource: ApiObject;
  /** Knative labels every pod of the Service with its name. */
  public readonly podSelector: Readonly<Record<string, string>>;
  public readonly servedByKnative = true;

  private readonly props: AgentKnativeServiceProps;
  private readonly env: { name: string; value?: string; valueFrom?: any }[] = [];
  private readonly secrets: IAgentSecrets[] = [];
  private readonly volumeMounts: AgentVolumeMount[] = [];
  private readonly recordedSenders = new SinkSenders();

  public constructor(scope: Construct, id: string, props: AgentKnativeServiceProps) {
    super(scope, id, props, SERVICE_SHAPE, ['image']);
    // Invalid props were reported; render from the valid subset so that nothing below throws.
    this.props = this.propsValid ? props : {} as AgentKnativeServiceProps;
    const p = this.props;
    this.name = p.name ?? id;
    this.port = p.port ?? DEFAULT_PORT;
    this.namespace = p.namespace ?? Chart.of(this).namespace;
    this.visibility = p.visibility ?? Visibility.CLUSTER_LOCAL;
    this.containerName = p.containerName ?? 'agent';
    this.podSelector = { 'serving.knative.dev/service': this.name };
    this.checkDurations();
    for (const [k, val] of Object.entries(p.env ?? {})) this.addEnv(k, val);
    for (const s of p.secrets ?? []) this.addSecrets(s);
    for (const m of p.volumes ?? []) this.addVolume(m);
    this.checkRawScalingAnnotations();

    const labels: Record<string, string> = { ...(p.labels ?? {}) };
    if (this.visibility === Visibility.CLUSTER_LOCAL) labels['networking.knative.dev/visibility'] = 'cluster-local';
    const annotations: Record<string, string> = { ...(p.annotations ?? {}) };
    if (p.rolloutDuration) annotations['serving.knative.dev/rollout-duration'] = `${this.seconds(p.rolloutDuration)}s`;

    this.resource = this.createResource({
      apiVersion: serving.Service.GVK.apiVersion,
      kind: serving.Service.GVK.kind,
      metadata: { name: this.name, namespace: p.namespace, labels, annotations },
      // Rendered as plain JSON (no L1 conversion pass): cdk8s resolves and sorts it like any manifest.
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
  }

  /** Cluster-local URL, `http://<name>.<namespace>.svc.<cluster domain>` (namespace `default` when none is set). */
  public get url(): string {
    const domain = AppValidation.of(this)._read(this, 'clusterDomain', (s) => s.serving.clusterDomain);
    return `http://${this.name}.${this.namespace ?? 'default'}.svc.${domain}`;
  }

  /** Adds a plain environment variable (a value from a cdk8s-plus EnvValue also works). */
  public addEnv(name: string, value: string | kplus.EnvValue): this {
    if (typeof value === 'string') this.env.push({ name, value });
    else if (value instanceof kplus.EnvValue) this.env.push({ name, value: value.value, valueFrom: value.valueFrom });
    else this.reportProp(CORE_RULES.PROP_TYPE, `env.${name}`, value, 'expected a string or a cdk8s-plus EnvValue');
    return this;
  }

  /** Exposes a set of secrets as environment variables. Adding the same one twice has no effect. */
  public addSecrets(...secrets: IAgentSecrets[]): this {
    secrets.forEach((s, i) => {
      if (typeof s?.secretName !== 'string') {
        this.reportProp(CORE_RULES.PROP_TYPE, `secrets[${i}]`, s, 'expected an IAgentSecrets', 'use `AgentSecrets.fromSecretName(scope, id, name, keys?)`');
      } else if (s.keys !== undefined && Object.keys(s.keys).length === 0) {
        this.reportProp(SECRET_RULES.EMPTY_KEYS, `secrets[${this.secrets.length}]`, s.secretName, `the key map of Secret "${s.secretName}" is empty`);
      } else if (!this.secrets.includes(s)) {
        this.secrets.push(s);
      }
    });
    return this;
  }

  /** Mounts a volume into the agent container. */
  public addVolume(mount: AgentVolumeMount): this {
    const writableTmp = this.props.security?.writableTmp ?? true;
    const name = mount?.volume?.name;
    if (writableTmp && (name === 'tmp' || (typeof mount?.path === 'string' && mount.path.replace(/\/+$/, '') === '/tmp'))) {
      this.reportProp(R.BUILTIN_TMP, `volumes[${this.volumeMounts.length}]`, { name, path: mount.path },
        name === 'tmp' ? 'the volume name "tmp" is taken by the built-in writable /tmp' : 'the built-in writable /tmp is already mounted there');
    } else {
      this.volumeMounts.push(mount);
    }
    return this;
  }

  /** A reference to this Service, for eventing sinks. */
  public toDestination(): SinkDestination {
    return { ref: { apiVersion: serving.Service.GVK.apiVersion, kind: serving.Service.GVK.kind, name: this.name, namespace: this.namespace } };
  }

  /** Records a sender wired to this agent (trigger, source, sequence, ...); an EventPolicy for the agent lists them. */
  public bind(sender: SinkSender): void {
    this.recordedSenders.add(sender);
  }

  /** Everything wired to send events to this agent, in wiring order. */
  public get senders(): readonly SinkSender[] {
    return this.recordedSenders.all;
  }

  protected propForField(field: string): string | undefined {
    const scaling = /^spec\.template\.metadata\.annotations\["(autoscaling\.knative\.dev\/[^"]+)"\]/.exec(field);
    if (scaling) {
      const prop = (Object.keys(SCALING_ANNOTATIONS) as (keyof ScalingOptions)[]).find((k) => SCALING_ANNOTATIONS[k] === scaling[1]);
      const raw = this.props.revisionAnnotations?.[scaling[1]] !== undefined;
      return prop && this.props.scaling?.[prop] !== undefined && !raw ? `scaling.${prop}` : 'revisionAnnotations';
    }
    const env = /^spec\.template\.spec\.containers\[0\]\.env\[(\d+)\]/.exec(field);
    if (env) {
      const i = Number(env[1]);
      return i < this.env.length ? `env.${this.env[i].name}` : 'secrets';
    }
    const vol = /^spec\.template\.spec\.volumes\[(\d+)\]/.exec(field);
    if (vol) return Number(vol[1]) === 0 && (this.props.security?.writableTmp ?? true) ? 'security.writableTmp' : 'volumes';
    return FIELD_PROPS.find(([re]) => re.test(field))?.[1];
  }

  /** A raw revision annotation for a key a typed `scaling` prop renders wins silently: say so. */
  private checkRawScalingAnnotations(): void {
    const typed = renderScalingAnnotations(this.props.scaling ?? {});
    for (const [key, value] of Object.entries(this.props.revisionAnnotations ?? {})) {
      if (typed[key] !== undefined) {
        this.reportProp(R.RAW_ANNOTATION_OVERRIDES_PROP, `revisionAnnotations["${key}"]`, value, `overrides the typed scaling value "${typed[key]}"`);
      }
    }
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
      const vol = kplus.k8s.toJson_Volume(m.volume._toKube()) as any;
      // One volume may be mounted at several paths; it is declared once.
      if (!rendered.has(m.volume)) volumes.push(vol);
      rendered.add(m.volume);
      // Knative forces configMap/secret mounts read-only and rejects a writable mount of a read-only claim.
      const readOnly = m.readOnly ?? (vol.configMap || vol.secret || vol.persistentVolumeClaim?.readOnly ? true : undefined);
      mounts.push({ name: vol.name, mountPath: m.path, readOnly, subPath: m.subPath });
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
      if (s.wholeSecret) {
        envFrom.push({ secretRef: { name: s.secretName } });
      } else {
        for (const [name, key] of Object.entries(s.keys ?? {})) env.push({ name, valueFrom: { secretKeyRef: { name: s.secretName, key } } });
      }
    }
    const res = { ...DEFAULT_RESOURCES, ...(p.resources ?? {}) };
    const size = (s: Size | undefined) => s && this.quantity(s);
    const quantities: [string, string | undefined, string | undefined][] = [
      ['cpu', res.cpu?.request?.amount, res.cpu?.limit?.amount],
      ['memory', size(res.memory?.request), size(res.memory?.limit)],
      ['ephemeral-storage', size(res.ephemeralStorage?.request), size(res.ephemeralStorage?.limit)],
    ];
    const requests: Record<string, string> = {};
    const limits: Record<string, string> = {};
    for (const [key, request, limit] of quantities) {
      if (request) requests[key] = request;
      if (limit) limits[key] = limit;
    }

    const sec = p.security ?? {};
    return {
      name: this.containerName,
      image: p.image,
      imagePullPolicy: p.imagePullPolicy,
      command: p.command,
      args: p.args,
      ports: [{ containerPort: this.port, name: p.protocol }],
      env: env.length > 0 ? env : undefined,
      envFrom: envFrom.length > 0 ? envFrom : undefined,
      resources: { requests: nonEmpty(requests), limits: nonEmpty(limits) } as serving.ServiceSpecTemplateSpecContainersResources,
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
        seccompProfile: { type: (sec.seccompProfile ?? kplus.SeccompProfileType.RUNTIME_DEFAULT) as any, localhostProfile: sec.localhostProfile },
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
    let kube: any;
    try {
      kube = probe._toKube({ portNumber: this.port } as kplus.Container);
    } catch (e) {
      // Reported by checkProbeDurations at construction; never abort the synth here.
      return { exec: { command: [`unrenderable probe: ${errorMessage(e)}`] } };
    }
    const explicitPort = internals.httpGetOptions?.port ?? internals.tcpSocketOptions?.port;
    // Readiness goes through the queue-proxy, which knows the serving port; the
    // kubelet runs liveness/startup probes itself, so they keep the explicit port.
    for (const h of ['httpGet', 'tcpSocket']) {
      if (kube[h] && readiness && explicitPort === undefined) delete kube[h].port;
      else if (kube[h]?.port?.value !== undefined) kube[h].port = kube[h].port.value;
    }
    if (readiness && internals.probeOptions?.failureThreshold === undefined && kube.periodSeconds === undefined) delete kube.failureThreshold;
    return kube;
  }

  /** Durations rendered as integer seconds must be whole: reported rather than thrown by Duration.toSeconds() at render. */
  private checkDurations(): void {
    const p = this.props;
    for (const kind of ['readinessProbe', 'livenessProbe', 'startupProbe'] as const) {
      const options = (p[kind] as unknown as { probeOptions?: Record<string, unknown> } | undefined)?.probeOptions ?? {};
      for (const key of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds']) {
        const d = options[key] as Duration | undefined;
        const ms = d && typeof d.toMilliseconds === 'function' ? d.toMilliseconds() : undefined;
        if (ms !== undefined && ms % 1000 !== 0) {
          this.reportProp(CORE_RULES.RENDER, `${kind}.${key}`, `${ms}ms`, 'probes take whole seconds; cdk8s cannot render this Duration', `use Duration.seconds(${Math.max(1, Math.round(ms / 1000))})`);
        }
      }
    }
    const whole: [Duration | undefined, string, typeof R.TIMEOUT][] = [
      [p.timeout, 'timeout', R.TIMEOUT],
      [p.responseStartTimeout, 'responseStartTimeout', R.SUB_TIMEOUTS],
      [p.idleTimeout, 'idleTimeout', R.SUB_TIMEOUTS],
      [p.rolloutDuration, 'rolloutDuration', R.ROLLOUT_DURATION],
    ];
    for (const [d, prop, rule] of whole) {
      const s = d && d.toMilliseconds() / 1000;
      if (s !== undefined && !Number.isInteger(s)) {
        this.reportProp(rule, prop, `${d!.toMilliseconds()}ms`, 'Knative takes whole seconds', `use Duration.seconds(${Math.round(s)})`);
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
