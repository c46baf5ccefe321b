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
import { cdk8sPlus, IMAGE_PULL_POLICIES, isProbe, probeOptionsOf, renderProbeJson, renderVolumeJson, SECCOMP_PROFILE_TYPES } from './cdk8s-plus-adapter';

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

/** The runtime shape of AgentContainerProps, checked at the boundary. */
export const CONTAINER_SHAPE = {
  image: T.string({ nonEmpty: true }),
  containerName: T.string(),
  command: T.array(T.string()),
  args: T.array(T.string()),
  env: T.record(T.oneOf('a string or a cdk8s-plus EnvValue', [T.string(), T.instanceOfLoaded(() => cdk8sPlus().EnvValue, 'EnvValue', '')], 'pass a string (or `EnvValue.fromValue(...)`)')),
  secrets: T.array(SECRETS_TYPE),
  secretEnv: T.record(T.object<SecretEnvSource>({ secrets: SECRETS_TYPE, variable: T.string({ nonEmpty: true }) }, 'a { secrets, variable } object', ['secrets', 'variable'])),
  configMaps: T.array(T.duck('a cdk8s-plus IConfigMap', ['name'], 'use `new kplus.ConfigMap(...)` or `kplus.ConfigMap.fromConfigMapName(scope, id, name)`')),
  resources: T.object<kplus.ContainerResources>({ cpu: requestLimit(cpu), memory: requestLimit(T.size()), ephemeralStorage: requestLimit(T.size()) }, 'a cdk8s-plus ContainerResources'),
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
    writableTmp: T.boolean(), tmpSizeLimit: T.size(),
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
  /** With `podSecurityContext`: runAsNonRoot and the seccomp profile. @default - none */
  readonly securityContext?: any;
  /** @default - none */
  readonly imagePullSecrets?: { name: string }[];
  readonly containers: any[];
  /** @default - none */
  readonly volumes?: any[];
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
    const bad = new FindingList();
    if (!VOLUME_MOUNT.check(mount, `volumes[${this.volumeMounts.length}]`, bad)) {
      for (const f of bad.items) this.options.report(f.rule, f.prop!, f.value, f.problem, f.fix);
      return;
    }
    const writableTmp = this.props.security?.writableTmp ?? true;
    const name = mount?.volume?.name;
    if (writableTmp && (name === 'tmp' || (typeof mount?.path === 'string' && mount.path.replace(/\/+$/, '') === '/tmp'))) {
      this.options.report(this.options.builtinTmpRule ?? CORE_RULES.PROP_TYPE, `volumes[${this.volumeMounts.length}]`, { name, path: mount.path },
        name === 'tmp' ? 'the volume name "tmp" is taken by the built-in writable /tmp' : 'the built-in writable /tmp is already mounted there');
    } else {
      this.volumeMounts.push(mount);
    }
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
    const volumes: any[] = [];
    const mounts: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[] = [];
    const sec = p.security ?? {};
    if (sec.writableTmp ?? true) {
      volumes.push(this.mark('security.writableTmp', { name: 'tmp', emptyDir: { sizeLimit: quantity(sec.tmpSizeLimit ?? Size.gibibytes(1)) } }));
      mounts.push({ name: 'tmp', mountPath: '/tmp' });
    }
    const rendered = new Set<kplus.Volume>();
    for (const m of this.volumeMounts) {
      const vol = renderVolumeJson(m.volume);
      // One volume may be mounted at several paths; it is declared once.
      if (!rendered.has(m.volume)) volumes.push(this.mark('volumes', vol));
      rendered.add(m.volume);
      // Knative forces configMap/secret mounts read-only and rejects a writable mount of a read-only claim.
      const readOnly = m.readOnly ?? (vol.configMap || vol.secret || vol.persistentVolumeClaim?.readOnly ? true : undefined);
      mounts.push({ name: vol.name, mountPath: m.path, readOnly, subPath: m.subPath });
    }
    const token = p.mountServiceAccountToken ?? this.apiAccess !== undefined;
    return {
      serviceAccountName: p.serviceAccount || !this.apiAccess?.serviceAccount ? this.mark('serviceAccount', p.serviceAccount?.name) : this.apiAccess.serviceAccount,
      automountServiceAccountToken: this.mark('mountServiceAccountToken', token && !this.options.explicitTokenMount ? undefined : token),
      securityContext: this.options.podSecurityContext ? this.mark('security', { runAsNonRoot: sec.runAsNonRoot ?? true, seccompProfile: this.seccompProfile() }) : undefined,
      imagePullSecrets: this.mark('imagePullSecrets', p.imagePullSecrets?.map((s) => ({ name: s.name }))),
      containers: [this.renderContainer(mounts, renderProbe)],
      volumes: volumes.length > 0 ? volumes : undefined,
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

  private renderContainer(mounts: any[], renderProbe: ProbeRenderer): any {
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
    const res: RenderedResources = { ...DEFAULT_RESOURCES, ...(p.resources ?? {}) };
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

    const sec = p.security ?? {};
    return {
      name: this.mark('containerName', this.name),
      image: this.mark('image', p.image),
      imagePullPolicy: this.mark('imagePullPolicy', p.imagePullPolicy),
      command: this.mark('command', p.command),
      args: this.mark('args', p.args),
      ports: this.options.port === undefined ? undefined : [{ containerPort: this.mark('port', this.options.port), name: this.options.portName }],
      env: env.length > 0 ? env : undefined,
      envFrom: envFrom.length > 0 ? envFrom : undefined,
      resources: this.mark('resources', { requests: nonEmpty(requests), limits: nonEmpty(limits) }),
      readinessProbe: this.mark('readinessProbe', p.readinessProbe && renderProbe(p.readinessProbe, 'readinessProbe')),
      livenessProbe: this.mark('livenessProbe', p.livenessProbe && renderProbe(p.livenessProbe, 'livenessProbe')),
      startupProbe: this.mark('startupProbe', p.startupProbe && renderProbe(p.startupProbe, 'startupProbe')),
      securityContext: this.mark('security', {
        runAsNonRoot: sec.runAsNonRoot ?? true,
        runAsUser: sec.runAsUser,
        runAsGroup: sec.runAsGroup,
        readOnlyRootFilesystem: sec.readOnlyRootFilesystem ?? true,
        allowPrivilegeEscalation: sec.allowPrivilegeEscalation ?? false,
        capabilities: (sec.dropAllCapabilities ?? true) ? { drop: ['ALL'] } : undefined,
        seccompProfile: this.options.podSecurityContext ? undefined : this.seccompProfile(),
      }),
      volumeMounts: this.mark('volumes', mounts.length > 0 ? mounts : undefined),
    };
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
