// The agent container every workload of the library runs: the props, their
// boundary shapes, and the rendering of the container with its volumes and
// service account. AgentKnativeService, AgentWorker and AgentJob share it;
// what differs by platform (Knative's readiness probe, its timeouts) stays
// with the construct.
import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-28';
import { CORE_RULES } from '../engine/core-rules';
import { errorMessage } from '../engine/engine';
import { fromProp } from '../construct/construct';
import { describe, PropType, ShapeOf, T } from '../construct/props';
import { FindingList, Rule } from '../engine/rule';
import { IAgentSecrets, SECRET_RULES, secretKeyOf } from '../secrets/agent-secrets';
import { cdk8sPlus, FS_GROUP_CHANGE_POLICIES, IMAGE_PULL_POLICIES, isProbe, probeOptionsOf, renderProbeJson, renderTolerationJson, renderVolumeJson, SECCOMP_PROFILE_TYPES } from './cdk8s-plus-adapter';

// Probe inspection lives in the cdk8s-plus adapter; re-exported for the constructs that check probe ports.
export { cdk8sPlus, isProbe, probeHasPort, probeUsesPort } from './cdk8s-plus-adapter';

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
  /**
   * Group that owns the pod's volumes (pod `securityContext.fsGroup`), so a
   * non-root agent can write a shared workspace. On Knative it needs
   * `kubernetes.podspec-securitycontext`.
   * @default - none: volumes keep their owner
   */
  readonly fsGroup?: number;
  /**
   * When the kubelet changes volume ownership to `fsGroup`. Plain pods only:
   * Knative refuses the field even with the flag on.
   * @default - Kubernetes' default, `Always`
   */
  readonly fsGroupChangePolicy?: kplus.FsGroupChangePolicy;
}

/**
 * GPUs (or any device-plugin resource) for the agent container, rendered as a
 * limit: Kubernetes copies it to the request, since extended resources
 * cannot be overcommitted.
 */
export interface AgentGpu {
  /** Number of devices, a whole number of at least 1. */
  readonly count: number;
  /** The device plugin's resource name, e.g. `amd.com/gpu`, `gpu.intel.com/i915`. @default 'nvidia.com/gpu' */
  readonly resource?: string;
}

/**
 * A container that runs to completion before the agent starts, e.g. to fill
 * a model cache volume. It gets the agent container's hardening (security
 * context, writable /tmp) and default resources.
 */
export interface AgentInitContainer {
  /** Container name, a DNS-1123 label distinct from the agent container's. */
  readonly name: string;
  /** Container image (prefer a digest). */
  readonly image: string;
  /** @default - the image's ENTRYPOINT */
  readonly command?: string[];
  /** @default - the image's CMD */
  readonly args?: string[];
  /** Environment variables (`EnvValue.fromSecretValue` for a token). @default - none */
  readonly env?: Record<string, string | kplus.EnvValue>;
  /** Volumes it mounts; a volume the agent mounts too is declared once. @default - none (besides /tmp) */
  readonly volumes?: AgentVolumeMount[];
  /** @default - the agent container's default resources */
  readonly resources?: kplus.ContainerResources;
}

/** One value of an IAgentSecrets, read into an env var of another name (`secretKeyRef`). */
export interface SecretEnvSource {
  /** The secrets that hold the value. */
  readonly secrets: IAgentSecrets;
  /** The variable of `secrets` to read (a key of its key map; for a Secret referenced without keys, the Secret key). */
  readonly variable: string;
}

/** The agent container and its pod-level companions (service account, pull secrets, volumes). */
export interface AgentContainerProps {
  /** Container image, e.g. `ghcr.io/acme/jira-triage:1.4.2` (prefer a digest). */
  readonly image: string;
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
  /**
   * Single secret values under env var names of your choice, e.g.
   * `{ JIRA_TOKEN: { secrets: jira, variable: 'JIRA_API_TOKEN' } }` (`secretKeyRef`).
   * @default - none
   */
  readonly secretEnv?: Record<string, SecretEnvSource>;
  /** ConfigMaps whose keys all become env vars (`envFrom`, before the secrets). @default - none */
  readonly configMaps?: kplus.IConfigMap[];
  /** @default - requests 100m CPU / 256Mi memory, limits 1 CPU / 1Gi memory; each of cpu/memory replaced as a whole when given */
  readonly resources?: kplus.ContainerResources;
  /** @default - none */
  readonly readinessProbe?: kplus.Probe;
  /** @default - none */
  readonly livenessProbe?: kplus.Probe;
  /** @default - none */
  readonly startupProbe?: kplus.Probe;
  /** @default kplus.ImagePullPolicy.IF_NOT_PRESENT (Kubernetes default for tagged images) */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;
  /** @default - the namespace's `default` service account; with a `grant…` call, one generated for the grants */
  readonly serviceAccount?: kplus.IServiceAccount;
  /** Mount the service account token. Agents rarely call the Kubernetes API. @default - false; true once a `grant…` call gives the agent API rights */
  readonly mountServiceAccountToken?: boolean;
  /** @default - none */
  readonly imagePullSecrets?: kplus.ISecret[];
  /** @default - none (besides the /tmp emptyDir) */
  readonly volumes?: AgentVolumeMount[];
  /** @default - restricted profile, read-only root filesystem, writable /tmp */
  readonly security?: AgentSecurityOptions;
  /** Containers run in order before the agent container (`initContainers`); on Knative they need `kubernetes.podspec-init-containers`. @default - none */
  readonly initContainers?: AgentInitContainer[];
  /** GPUs for the agent container (a `nvidia.com/gpu` limit by default). @default - none */
  readonly gpu?: AgentGpu;
  /** Node labels the pods must run on (`nodeSelector`); on Knative they need `kubernetes.podspec-nodeselector`. @default - any node */
  readonly nodeSelector?: Record<string, string>;
  /**
   * Node taints the pods tolerate, e.g. `NodeTaintQuery.exists('nvidia.com/gpu', { effect: TaintEffect.NO_SCHEDULE })`;
   * on Knative they need `kubernetes.podspec-tolerations`.
   * @default - none
   */
  readonly tolerations?: kplus.NodeTaintQuery[];
  /**
   * RuntimeClass of the pods: a sandboxed runtime such as gVisor (`gvisor`)
   * or Kata Containers (`kata`), the way agent-sandbox and kagent isolate
   * agents that run tools or generated code. The RuntimeClass must exist in
   * the cluster; on Knative it needs `kubernetes.podspec-runtimeclassname`.
   * @default - the cluster's default runtime
   */
  readonly runtimeClassName?: string;
  /** PriorityClass of the pods; on Knative it needs `kubernetes.podspec-priorityclassname`. @default - the cluster's global default PriorityClass, else priority 0 */
  readonly priorityClassName?: string;
}

/** Resources as rendering reads them: a cdk8s-plus Cpu is read by its `amount`, so the default needs no cdk8s-plus. */
interface RenderedResources {
  readonly cpu?: { readonly request?: Pick<kplus.Cpu, 'amount'>; readonly limit?: Pick<kplus.Cpu, 'amount'> };
  readonly memory?: kplus.MemoryResources;
  readonly ephemeralStorage?: kplus.EphemeralStorageResources;
}

const DEFAULT_RESOURCES: RenderedResources = {
  cpu: { request: { amount: '100m' }, limit: { amount: '1' } }, // Cpu.millis(100), Cpu.units(1)
  memory: { request: Size.mebibytes(256), limit: Size.gibibytes(1) },
};

// cpu takes a Cpu, memory and ephemeral storage a Size: the other one cannot be rendered as that quantity.
const cpu = T.instanceOfLoaded(() => cdk8sPlus().Cpu, 'kplus.Cpu', 'use `Cpu.millis(n)` or `Cpu.units(n)` for cpu');
const requestLimit = (q: PropType) => T.object<kplus.CpuResources | kplus.MemoryResources>({ request: q, limit: q }, 'a { request, limit } object');
const SECRETS_TYPE = T.duck('an IAgentSecrets', ['secretName'], 'use `new AgentSecrets(...)`, `AgentSecrets.sealed(...)` or `AgentSecrets.fromSecretName(...)`');
const probe = T.instanceOfLoaded(() => cdk8sPlus().Probe, 'cdk8s-plus Probe', 'use `Probe.fromHttpGet(path)`, `Probe.fromTcpSocket()` or `Probe.fromCommand(cmd)`');

const VOLUME_MOUNT = T.object<AgentVolumeMount>({
  volume: T.instanceOfLoaded(() => cdk8sPlus().Volume, 'cdk8s-plus Volume', 'use `Volume.fromConfigMap`, `fromSecret` or `fromEmptyDir`'),
  path: T.string({ nonEmpty: true }), readOnly: T.boolean(), subPath: T.string(),
}, 'an AgentVolumeMount', ['volume', 'path']);

const ENV = T.record(T.oneOf('a string or a cdk8s-plus EnvValue', [T.string(), T.instanceOfLoaded(() => cdk8sPlus().EnvValue, 'EnvValue', '')], 'pass a string (or `EnvValue.fromValue(...)`)'));
const RESOURCES = T.object<kplus.ContainerResources>({ cpu: requestLimit(cpu), memory: requestLimit(T.size()), ephemeralStorage: requestLimit(T.size()) }, 'a cdk8s-plus ContainerResources');

const INIT_CONTAINER = T.object<AgentInitContainer>({
  name: T.string({ nonEmpty: true }), image: T.string({ nonEmpty: true }), command: T.array(T.string()), args: T.array(T.string()),
  env: ENV, volumes: T.array(VOLUME_MOUNT), resources: RESOURCES,
}, 'an AgentInitContainer', ['name', 'image']);

/** The runtime shape of the scheduling and pod-level props, which every pod template takes as they are. */
export const POD_SHAPE = {
  initContainers: T.array(INIT_CONTAINER),
  gpu: T.object<AgentGpu>({ count: T.number({ integer: true, min: 1 }), resource: T.string({ nonEmpty: true }) }, 'an AgentGpu ({ count, resource? })', ['count']),
  nodeSelector: T.record(T.string()),
  tolerations: T.array(T.instanceOfLoaded(() => cdk8sPlus().NodeTaintQuery, 'cdk8s-plus NodeTaintQuery', 'use `NodeTaintQuery.exists(key, { effect })`, `NodeTaintQuery.is(key, value)` or `NodeTaintQuery.any()`')),
  runtimeClassName: T.string({ nonEmpty: true }),
  priorityClassName: T.string({ nonEmpty: true }),
} satisfies ShapeOf<Pick<AgentContainerProps, 'initContainers' | 'gpu' | 'nodeSelector' | 'tolerations' | 'runtimeClassName' | 'priorityClassName'>>;

/** The runtime shape of AgentContainerProps, checked at the boundary. */
export const CONTAINER_SHAPE = {
  ...POD_SHAPE,
  image: T.string({ nonEmpty: true }),
  containerName: T.string(),
  command: T.array(T.string()),
  args: T.array(T.string()),
  env: ENV,
  secrets: T.array(SECRETS_TYPE),
  secretEnv: T.record(T.object<SecretEnvSource>({ secrets: SECRETS_TYPE, variable: T.string({ nonEmpty: true }) }, 'a { secrets, variable } object', ['secrets', 'variable'])),
  configMaps: T.array(T.duck('a cdk8s-plus IConfigMap', ['name'], 'use `new kplus.ConfigMap(...)` or `kplus.ConfigMap.fromConfigMapName(scope, id, name)`')),
  resources: RESOURCES,
  readinessProbe: probe,
  livenessProbe: probe,
  startupProbe: probe,
  imagePullPolicy: T.enumOf(IMAGE_PULL_POLICIES, 'ImagePullPolicy'),
  serviceAccount: T.duck('a cdk8s-plus IServiceAccount', ['name'], 'use `new kplus.ServiceAccount(...)` or `ServiceAccount.fromServiceAccountName(...)`'),
  mountServiceAccountToken: T.boolean(),
  imagePullSecrets: T.array(T.duck('a cdk8s-plus ISecret', ['name'], 'use `kplus.Secret.fromSecretName(...)`')),
  volumes: T.array(VOLUME_MOUNT),
  security: T.object<AgentSecurityOptions>({
    runAsNonRoot: T.boolean(), runAsUser: T.number(), runAsGroup: T.number(), readOnlyRootFilesystem: T.boolean(), allowPrivilegeEscalation: T.boolean(),
    dropAllCapabilities: T.boolean(), seccompProfile: T.enumOf(SECCOMP_PROFILE_TYPES, 'SeccompProfileType'), localhostProfile: T.string(),
    writableTmp: T.boolean(), tmpSizeLimit: T.size(), fsGroup: T.number(), fsGroupChangePolicy: T.enumOf(FS_GROUP_CHANGE_POLICIES, 'FsGroupChangePolicy'),
  }, 'an AgentSecurityOptions object'),
} satisfies ShapeOf<AgentContainerProps>;

/** Reports a finding about a prop on the owning construct. */
export type PropReporter = (rule: Rule, prop: string, value: unknown, problem?: string, fix?: string) => void;

/** Renders a probe of the container; `kind` is the container field. */
export type ProbeRenderer = (probe: kplus.Probe, kind: 'readinessProbe' | 'livenessProbe' | 'startupProbe') => any;

export interface AgentContainerOptions {
  /** The port the container listens on: declared, and the probes' port when they name none. @default - no port */
  readonly port?: number;
  /** The port's name (`http1`, `h2c` for Knative), marked with its prop by the caller (`fromProp`). @default - unnamed */
  readonly portName?: string;
  /** Reported when a volume collides with the built-in writable /tmp. @default - PROPS-001: for a construct that offers no volumes */
  readonly builtinTmpRule?: Rule;
  /**
   * Put `runAsNonRoot` and the seccomp profile in the pod's securityContext
   * (the container keeps the rest). Plain pods only: Knative rejects a
   * pod-level securityContext unless `kubernetes.podspec-securitycontext` is on.
   * @default false - on the container
   */
  readonly podSecurityContext?: boolean;
  /**
   * Render `automountServiceAccountToken: true` when the token is mounted, so
   * the pod overrides a service account that disables it. Plain pods only:
   * Knative accepts only `false`.
   * @default false - left unset (the service account decides)
   */
  readonly explicitTokenMount?: boolean;
  /** Where prop findings go: the owning construct. */
  readonly report: PropReporter;
  /** The container props the owner offers: fields written by others are named by no prop. @default - all of them */
  readonly offeredProps?: readonly string[];
}

/** The pod-spec fields the agent container brings. */
export interface RenderedAgentPod {
  /** @default - the namespace's default service account */
  readonly serviceAccountName?: string;
  /** @default - mounted */
  readonly automountServiceAccountToken?: boolean;
  /** With `podSecurityContext`: runAsNonRoot and the seccomp profile; `fsGroup` and its policy when set. @default - none */
  readonly securityContext?: any;
  /** @default - none */
  readonly imagePullSecrets?: { name: string }[];
  readonly containers: any[];
  /** @default - none */
  readonly initContainers?: any[];
  /** @default - none */
  readonly volumes?: any[];
  /** @default - any node */
  readonly nodeSelector?: Record<string, string>;
  /** @default - none */
  readonly tolerations?: any[];
  /** @default - the cluster's default runtime */
  readonly runtimeClassName?: string;
  /** @default - the cluster's default priority */
  readonly priorityClassName?: string;
}

/**
 * The agent container of one workload: collects env, secrets and volumes
 * (from props and `add*` calls) and renders them with secure defaults.
 */
export class AgentContainer {
  /** Name of the container. */
  public readonly name: string;
  private readonly env: { name: string; value?: string; valueFrom?: any; prop: string }[] = [];
  private readonly secrets: IAgentSecrets[] = [];
  private readonly configMaps: kplus.IConfigMap[] = [];
  private readonly volumeMounts: AgentVolumeMount[] = [];
  /** Set by `grantApiAccess`: the pod calls the Kubernetes API. */
  private apiAccess?: { readonly serviceAccount?: string };
  /** Per init container (by index), the mounts that passed the checks. */
  private readonly initMounts: AgentVolumeMount[][] = [];

  /** Checks the probe durations; add the props' env, secrets and volumes with `addFromProps`. */
  public constructor(private readonly props: Partial<AgentContainerProps>, private readonly options: AgentContainerOptions) {
    this.name = props.containerName ?? 'agent';
    this.checkProbeDurations();
  }

  /** Adds the env vars, secrets and volumes of the props. */
  public addFromProps(): void {
    for (const [k, val] of Object.entries(this.props.env ?? {})) this.addEnv(k, val);
    for (const [name, source] of Object.entries(this.props.secretEnv ?? {})) this.addSecretEnv(name, source.secrets, source.variable);
    for (const c of this.props.configMaps ?? []) this.addConfigMap(c);
    for (const s of this.props.secrets ?? []) this.addSecrets(s);
    for (const m of this.props.volumes ?? []) this.addVolume(m);
    (this.props.initContainers ?? []).forEach((c, i) => {
      this.initMounts[i] = (c.volumes ?? []).filter((m, j) => this.acceptMount(m, `initContainers[${i}].volumes[${j}]`));
    });
  }

  /** Adds a plain environment variable (a value from a cdk8s-plus EnvValue also works). */
  public addEnv(name: string, value: string | kplus.EnvValue): void {
    // Only the type: an empty or malformed name is the manifest rules' (KSVC-CTR-005, ...).
    if (typeof name !== 'string') this.options.report(CORE_RULES.PROP_TYPE, 'addEnv(name)', name, `expected a string, got ${describe(name)}`);
    else if (typeof value === 'string') this.env.push({ name, value, prop: `env.${name}` });
    else if (typeof value === 'object' && value !== null && value instanceof cdk8sPlus().EnvValue) this.env.push({ name, value: value.value, valueFrom: value.valueFrom, prop: `env.${name}` });
    else this.options.report(CORE_RULES.PROP_TYPE, `env.${name}`, value, 'expected a string or a cdk8s-plus EnvValue');
  }

  /** Reads one variable of a set of secrets into env var `name` (`secretKeyRef`). */
  public addSecretEnv(name: string, secrets: IAgentSecrets, variable: string): void {
    if (typeof name !== 'string') {
      this.options.report(CORE_RULES.PROP_TYPE, 'addSecretEnv(name)', name, `expected a string, got ${describe(name)}`);
      return;
    }
    const prop = `secretEnv.${name}`;
    if (typeof variable !== 'string') {
      this.options.report(CORE_RULES.PROP_TYPE, `${prop}.variable`, variable, `expected a string, got ${describe(variable)}`);
      return;
    }
    if (typeof secrets?.secretName !== 'string') {
      this.options.report(CORE_RULES.PROP_TYPE, `${prop}.secrets`, secrets, 'expected an IAgentSecrets');
      return;
    }
    const key = secretKeyOf(secrets, variable);
    if (key === undefined) {
      const known = Object.keys(secrets.keys ?? {});
      this.options.report(SECRET_RULES.UNKNOWN_VARIABLE, `${prop}.variable`, variable, `Secret "${secrets.secretName}" provides ${known.length > 0 ? known.join(', ') : 'no variable'}`);
      return;
    }
    this.env.push({ name, valueFrom: { secretKeyRef: { name: secrets.secretName, key } }, prop });
  }

  /** Exposes every key of a ConfigMap as an environment variable (`envFrom`). Adding the same one twice has no effect. */
  public addConfigMap(configMap: kplus.IConfigMap): void {
    if (typeof configMap?.name !== 'string') this.options.report(CORE_RULES.PROP_TYPE, `configMaps[${this.configMaps.length}]`, configMap, 'expected a cdk8s-plus IConfigMap');
    else if (!this.configMaps.includes(configMap)) this.configMaps.push(configMap);
  }

  /** Exposes a set of secrets as environment variables. Adding the same one twice has no effect. */
  public addSecrets(...secrets: IAgentSecrets[]): void {
    secrets.forEach((s, i) => {
      if (typeof s?.secretName !== 'string') {
        this.options.report(CORE_RULES.PROP_TYPE, `secrets[${i}]`, s, 'expected an IAgentSecrets', 'use `AgentSecrets.fromSecretName(scope, id, name, keys?)`');
      } else if (s.keys !== undefined && Object.keys(s.keys).length === 0) {
        this.options.report(SECRET_RULES.EMPTY_KEYS, `secrets[${this.secrets.length}]`, s.secretName, `the key map of Secret "${s.secretName}" is empty`);
      } else if (!this.secrets.includes(s)) {
        this.secrets.push(s);
      }
    });
  }

  /** Mounts a volume into the container. */
  public addVolume(mount: AgentVolumeMount): void {
    if (this.acceptMount(mount, `volumes[${this.volumeMounts.length}]`)) this.volumeMounts.push(mount);
  }

  /** Whether a mount is well-formed and clear of the built-in writable /tmp; reports it under `prop` when not. */
  private acceptMount(mount: AgentVolumeMount, prop: string): boolean {
    const bad = new FindingList();
    if (!VOLUME_MOUNT.check(mount, prop, bad)) {
      for (const f of bad.items) this.options.report(f.rule, f.prop!, f.value, f.problem, f.fix);
      return false;
    }
    const writableTmp = this.props.security?.writableTmp ?? true;
    const name = mount?.volume?.name;
    if (writableTmp && (name === 'tmp' || (typeof mount?.path === 'string' && mount.path.replace(/\/+$/, '') === '/tmp'))) {
      this.options.report(this.options.builtinTmpRule ?? CORE_RULES.PROP_TYPE, prop, { name, path: mount.path },
        name === 'tmp' ? 'the volume name "tmp" is taken by the built-in writable /tmp' : 'the built-in writable /tmp is already mounted there');
      return false;
    }
    return true;
  }

  /**
   * The pod calls the Kubernetes API with rights granted to its service
   * account: the token is mounted unless `mountServiceAccountToken` says
   * otherwise, and the pod runs as `serviceAccount` (generated for the
   * grants) unless the `serviceAccount` prop names one.
   */
  public grantApiAccess(serviceAccount?: string): void {
    this.apiAccess = { serviceAccount };
  }

  /** The container, its volumes and service account, as pod-spec fields marked with their props. Probes render with `renderProbe`. */
  public renderPod(renderProbe: ProbeRenderer = (p) => this.renderProbe(p)): RenderedAgentPod {
    const p = this.props;
    const sec = p.security ?? {};
    const volumes: any[] = [];
    const tmp: VolumeMountJson[] = [];
    if (sec.writableTmp ?? true) {
      volumes.push(this.mark('security.writableTmp', { name: 'tmp', emptyDir: { sizeLimit: quantity(sec.tmpSizeLimit ?? Size.gibibytes(1)) } }));
      tmp.push({ name: 'tmp', mountPath: '/tmp' });
    }
    // One volume may be mounted at several paths and by several containers; it is declared once.
    const declared = new Map<kplus.Volume, any>();
    const writers = new Set<kplus.Volume>();
    const mountsOf = (list: readonly AgentVolumeMount[], prop: string): VolumeMountJson[] => list.map((m) => {
      let vol = declared.get(m.volume);
      if (!vol) {
        vol = renderVolumeJson(m.volume);
        declared.set(m.volume, vol);
        volumes.push(this.mark(prop, vol));
      }
      // Knative forces configMap/secret mounts read-only and rejects a writable mount of a read-only claim.
      const readOnly = m.readOnly ?? (vol.configMap || vol.secret || vol.persistentVolumeClaim?.readOnly ? true : undefined);
      if (readOnly !== true) writers.add(m.volume);
      return { name: vol.name, mountPath: m.path, readOnly, subPath: m.subPath };
    });
    const mounts = [...tmp, ...mountsOf(this.volumeMounts, 'volumes')];
    const initContainers = (p.initContainers ?? []).map((c, i) => this.mark(`initContainers[${i}]`, this.renderInitContainer(c, [...tmp, ...mountsOf(this.initMounts[i] ?? [], 'initContainers')])));
    // A claim that no container writes is declared read-only: Knative then needs no `persistent-volume-write`.
    for (const [volume, json] of declared) {
      if (json.persistentVolumeClaim && !writers.has(volume)) json.persistentVolumeClaim.readOnly = true;
    }
    const token = p.mountServiceAccountToken ?? this.apiAccess !== undefined;
    return {
      serviceAccountName: p.serviceAccount || !this.apiAccess?.serviceAccount ? this.mark('serviceAccount', p.serviceAccount?.name) : this.apiAccess.serviceAccount,
      automountServiceAccountToken: this.mark('mountServiceAccountToken', token && !this.options.explicitTokenMount ? undefined : token),
      securityContext: this.renderPodSecurityContext(),
      imagePullSecrets: this.mark('imagePullSecrets', p.imagePullSecrets?.map((s) => ({ name: s.name }))),
      initContainers: this.mark('initContainers', initContainers.length > 0 ? initContainers : undefined),
      containers: [this.renderContainer(mounts, renderProbe)],
      volumes: volumes.length > 0 ? volumes : undefined,
      nodeSelector: this.mark('nodeSelector', p.nodeSelector),
      tolerations: this.mark('tolerations', p.tolerations && p.tolerations.map((t, i) => this.renderToleration(t, i))),
      runtimeClassName: this.mark('runtimeClassName', p.runtimeClassName),
      priorityClassName: this.mark('priorityClassName', p.priorityClassName),
    };
  }

  /**
   * Renders a cdk8s-plus Probe as plain Kubernetes JSON: the port (the probe's,
   * else the container's) as a number. Never throws: a probe cdk8s cannot
   * render was reported at construction.
   */
  public renderProbe(probe: kplus.Probe): any {
    let kube: any;
    try {
      kube = renderProbeJson(probe, this.options.port);
    } catch (e) {
      // Reported by checkProbeDurations at construction; never abort the synth here.
      return { exec: { command: [`unrenderable probe: ${errorMessage(e)}`] } };
    }
    for (const h of ['httpGet', 'tcpSocket']) {
      if (kube[h]?.port?.value !== undefined) kube[h].port = kube[h].port.value;
    }
    return kube;
  }

  private renderContainer(mounts: VolumeMountJson[], renderProbe: ProbeRenderer): any {
    const p = this.props;
    const env: any[] = this.env.map(({ name, value, valueFrom, prop }) => this.mark(prop, { name, value, valueFrom }));
    const envFrom: any[] = this.configMaps.map((c) => this.mark('configMaps', { configMapRef: { name: c.name } }));
    for (const s of this.secrets) {
      if (s.wholeSecret) {
        envFrom.push(this.mark('secrets', { secretRef: { name: s.secretName } }));
      } else {
        for (const [name, key] of Object.entries(s.keys ?? {})) env.push(this.mark('secrets', { name, valueFrom: { secretKeyRef: { name: s.secretName, key } } }));
      }
    }
    const resources = renderResources(p.resources);
    // A limit only: Kubernetes copies it to the request (extended resources are never overcommitted).
    const limits: Record<string, string> = { ...resources.limits };
    if (p.gpu) limits[p.gpu.resource ?? 'nvidia.com/gpu'] = this.mark('gpu', String(p.gpu.count));

    return {
      name: this.mark('containerName', this.name),
      image: this.mark('image', p.image),
      imagePullPolicy: this.mark('imagePullPolicy', p.imagePullPolicy),
      command: this.mark('command', p.command),
      args: this.mark('args', p.args),
      ports: this.options.port === undefined ? undefined : [{ containerPort: this.mark('port', this.options.port), name: this.options.portName }],
      env: env.length > 0 ? env : undefined,
      envFrom: envFrom.length > 0 ? envFrom : undefined,
      resources: this.mark('resources', { requests: nonEmpty(resources.requests), limits: nonEmpty(limits) }),
      readinessProbe: this.mark('readinessProbe', p.readinessProbe && renderProbe(p.readinessProbe, 'readinessProbe')),
      livenessProbe: this.mark('livenessProbe', p.livenessProbe && renderProbe(p.livenessProbe, 'livenessProbe')),
      startupProbe: this.mark('startupProbe', p.startupProbe && renderProbe(p.startupProbe, 'startupProbe')),
      securityContext: this.mark('security', this.containerSecurityContext()),
      volumeMounts: this.mark('volumes', mounts.length > 0 ? mounts : undefined),
    };
  }

  /** An init container, hardened as the agent container; its fields are the `initContainers[i]` prop's. */
  private renderInitContainer(c: AgentInitContainer, mounts: VolumeMountJson[]): any {
    const env = Object.entries(c.env ?? {}).map(([name, v]) => (typeof v === 'string' ? { name, value: v } : { name, value: v.value, valueFrom: v.valueFrom }));
    const resources = renderResources(c.resources);
    return {
      name: c.name,
      image: c.image,
      imagePullPolicy: this.props.imagePullPolicy,
      command: c.command,
      args: c.args,
      env: env.length > 0 ? env : undefined,
      resources: { requests: nonEmpty(resources.requests), limits: nonEmpty(resources.limits) },
      securityContext: this.containerSecurityContext(),
      volumeMounts: mounts.length > 0 ? mounts : undefined,
    };
  }

  /** The restricted-profile container securityContext (the seccomp profile moves to the pod with `podSecurityContext`). */
  private containerSecurityContext(): any {
    const sec = this.props.security ?? {};
    return {
      runAsNonRoot: sec.runAsNonRoot ?? true,
      runAsUser: sec.runAsUser,
      runAsGroup: sec.runAsGroup,
      readOnlyRootFilesystem: sec.readOnlyRootFilesystem ?? true,
      allowPrivilegeEscalation: sec.allowPrivilegeEscalation ?? false,
      capabilities: (sec.dropAllCapabilities ?? true) ? { drop: ['ALL'] } : undefined,
      seccompProfile: this.options.podSecurityContext ? undefined : this.seccompProfile(),
    };
  }

  /** The pod securityContext: the restricted-profile part with `podSecurityContext`, and `fsGroup` whenever it is set. */
  private renderPodSecurityContext(): any {
    const sec = this.props.security ?? {};
    const restricted = this.options.podSecurityContext ? { runAsNonRoot: sec.runAsNonRoot ?? true, seccompProfile: this.seccompProfile() } : {};
    const fsGroup = { fsGroup: this.mark('security.fsGroup', sec.fsGroup), fsGroupChangePolicy: this.mark('security.fsGroupChangePolicy', sec.fsGroupChangePolicy) };
    if (!this.options.podSecurityContext && sec.fsGroup === undefined && sec.fsGroupChangePolicy === undefined) return undefined;
    return this.mark('security', { ...restricted, ...fsGroup });
  }

  /** A toleration as Kubernetes JSON; one cdk8s cannot render (fractional `evictAfter`) is reported, never thrown. */
  private renderToleration(query: kplus.NodeTaintQuery, i: number): any {
    try {
      return renderTolerationJson(query);
    } catch (e) {
      this.options.report(CORE_RULES.RENDER, `tolerations[${i}]`, query, errorMessage(e), 'give `evictAfter` in whole seconds, e.g. `Duration.seconds(300)`');
      return undefined;
    }
  }

  private seccompProfile(): { type: string; localhostProfile?: string } {
    const sec = this.props.security ?? {};
    return { type: sec.seccompProfile ?? SECCOMP_PROFILE_TYPES.RUNTIME_DEFAULT, localhostProfile: sec.localhostProfile };
  }

  /** Marks a rendered value as written by `prop` (`env.X` is the prop `env`), unless the owner does not offer it. */
  private mark<T>(prop: string, value: T): T {
    const offered = this.options.offeredProps;
    return !offered || offered.includes(prop.split(/[.[]/)[0]) ? fromProp(prop, value) : value;
  }

  /** Probe durations render as integer seconds: a fraction is reported rather than thrown by Duration.toSeconds() at render. */
  private checkProbeDurations(): void {
    for (const kind of ['readinessProbe', 'livenessProbe', 'startupProbe'] as const) {
      const probe = this.props[kind];
      const options = isProbe(probe) ? probeOptionsOf(probe) : {};
      for (const key of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds'] as const) {
        const d: Duration | undefined = options[key];
        const ms = d && typeof d.toMilliseconds === 'function' ? d.toMilliseconds() : undefined;
        if (ms !== undefined && ms % 1000 !== 0) {
          this.options.report(CORE_RULES.RENDER, `${kind}.${key}`, `${ms}ms`, 'probes take whole seconds; cdk8s cannot render this Duration', `use Duration.seconds(${Math.max(1, Math.round(ms / 1000))})`);
        }
      }
    }
  }
}

interface VolumeMountJson { name: string; mountPath: string; readOnly?: boolean; subPath?: string }

/** Requests and limits of a container: the defaults, each of cpu/memory replaced as a whole when given. */
function renderResources(given: kplus.ContainerResources | undefined): { requests: Record<string, string>; limits: Record<string, string> } {
  const res: RenderedResources = { ...DEFAULT_RESOURCES, ...(given ?? {}) };
  const size = (s: Size | undefined) => s && quantity(s);
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
  return { requests, limits };
}

/** A Size as a Kubernetes quantity: whole Gi, else whole Mi, else Ki. */
export function quantity(size: Size): string {
  const mib = size.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  if (Number.isInteger(mib / 1024)) return `${mib / 1024}Gi`;
  if (Number.isInteger(mib)) return `${mib}Mi`;
  return `${size.toKibibytes({ rounding: SizeRoundingBehavior.FLOOR })}Ki`;
}

/** The object, or undefined when it has no keys (so the field is left out). */
export function nonEmpty<T extends object>(o: T | undefined): T | undefined {
  return o && Object.keys(o).length > 0 ? o : undefined;
}
