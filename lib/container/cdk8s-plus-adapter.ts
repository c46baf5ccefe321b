// Every read of cdk8s-plus internals, in one file. cdk8s-plus 2.x offers no
// public way to render a Probe or a Volume outside its own Container and Pod,
// nor to read a probe's options back: these functions use members it marks
// private or internal. test/container/cdk8s-plus-adapter.test.ts fails when
// an upgrade renames or reshapes any of them.
//
// cdk8s-plus is loaded when first needed, not with the library: it is a third
// of the library's memory once loaded, and an app that passes no cdk8s-plus
// object (probes, volumes, Cpu, EnvValue) never needs it.
import type * as kplus from 'cdk8s-plus-28';

/** The cdk8s-plus module, loaded on first use (a user who passed one of its objects has loaded it already). */
export function cdk8sPlus(): typeof kplus {
  return require('cdk8s-plus-28');
}

/** cdk8s-plus's ImagePullPolicy values, without loading it (the test compares them with the enum). */
export const IMAGE_PULL_POLICIES = {
  ALWAYS: 'Always', NEVER: 'Never', IF_NOT_PRESENT: 'IfNotPresent',
} as const satisfies Record<keyof typeof kplus.ImagePullPolicy, `${kplus.ImagePullPolicy}`>;

/** cdk8s-plus's SeccompProfileType values, without loading it (the test compares them with the enum). */
export const SECCOMP_PROFILE_TYPES = {
  RUNTIME_DEFAULT: 'RuntimeDefault', UNCONFINED: 'Unconfined', LOCALHOST: 'Localhost',
} as const satisfies Record<keyof typeof kplus.SeccompProfileType, `${kplus.SeccompProfileType}`>;

/** cdk8s-plus's FsGroupChangePolicy values, without loading it (the test compares them with the enum). */
export const FS_GROUP_CHANGE_POLICIES = {
  ON_ROOT_MISMATCH: 'OnRootMismatch', ALWAYS: 'Always',
} as const satisfies Record<keyof typeof kplus.FsGroupChangePolicy, `${kplus.FsGroupChangePolicy}`>;

/** cdk8s-plus's PersistentVolumeAccessMode values, without loading it (the test compares them with the enum). */
export const ACCESS_MODES = {
  READ_WRITE_ONCE: 'ReadWriteOnce', READ_ONLY_MANY: 'ReadOnlyMany', READ_WRITE_MANY: 'ReadWriteMany', READ_WRITE_ONCE_POD: 'ReadWriteOncePod',
} as const satisfies Record<keyof typeof kplus.PersistentVolumeAccessMode, `${kplus.PersistentVolumeAccessMode}`>;

/** Whether `value` is a cdk8s-plus Probe (loads cdk8s-plus only for an object). */
export function isProbe(value: unknown): value is kplus.Probe {
  return typeof value === 'object' && value !== null && value instanceof cdk8sPlus().Probe;
}

/** The private fields of a cdk8s-plus Probe that the library reads. */
interface ProbeInternals {
  readonly probeOptions?: kplus.ProbeOptions;
  readonly httpGetOptions?: { readonly port?: number };
  readonly tcpSocketOptions?: { readonly port?: number };
}

const internals = (probe: kplus.Probe) => probe as unknown as ProbeInternals;

/**
 * A probe as Kubernetes JSON, for a container listening on `port` (the port
 * of an HTTP or TCP probe that names none). `Probe._toKube` (internal);
 * throws what cdk8s-plus throws (e.g. a Duration of fractional seconds).
 */
export function renderProbeJson(probe: kplus.Probe, port?: number): any {
  return probe._toKube({ portNumber: port } as kplus.Container);
}

/** The options a probe was created with (thresholds, delays): `Probe.probeOptions` (private). */
export function probeOptionsOf(probe: kplus.Probe): kplus.ProbeOptions {
  return internals(probe).probeOptions ?? {};
}

/** Whether a probe names its own port (else it uses the container's): `httpGetOptions` / `tcpSocketOptions` (private). */
export function probeHasPort(probe: kplus.Probe): boolean {
  const p = internals(probe);
  return p.httpGetOptions?.port !== undefined || p.tcpSocketOptions?.port !== undefined;
}

/** Whether a probe connects to a port (HTTP GET or TCP), as opposed to running a command: `httpGetOptions` / `tcpSocketOptions` (private). */
export function probeUsesPort(probe: kplus.Probe): boolean {
  const p = internals(probe);
  return p.httpGetOptions !== undefined || p.tcpSocketOptions !== undefined;
}

/** A volume as Kubernetes JSON (`name` and its source): `Volume._toKube` (internal). */
export function renderVolumeJson(volume: kplus.Volume): any {
  return cdk8sPlus().k8s.toJson_Volume(volume._toKube());
}

/**
 * A toleration as Kubernetes JSON: `NodeTaintQuery._toKube` (internal).
 * Throws what cdk8s-plus throws (an `evictAfter` of fractional seconds).
 */
export function renderTolerationJson(query: kplus.NodeTaintQuery): any {
  return cdk8sPlus().k8s.toJson_Toleration(query._toKube());
}
