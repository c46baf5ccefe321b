// Pod-spec checks shared by every kind that carries a pod template: the
// Knative dialect (the webhook's subset, reserved names and feature gates)
// and the plain Kubernetes dialect (Deployments, Jobs).
import { isConfigMapKey, isDns1123Label, isDns1123Subdomain, isEnvVarName, isLabelValue, isQualifiedName } from '../k8s/names';
import { PodRules, SHARED_POD_RULES as S } from './pod-rules';
import { FindingList, Rule } from '../engine/rule';
import { ClusterSettings, FEATURE_FLAGS, FeatureFlagInfo, FeatureName, featureAllows, knativeAtLeast, rulesRelease } from '../settings/settings';
import { parseQuantity } from '../k8s/values';
import { arr, fieldsOf, isObject, JsonObject, obj, objOrEmpty, valueAt } from '../engine/json';
import { prunedStringMap } from '../engine/decoded-meta';

/** The Knative-only rules and knowledge, supplied by the serving domain. */
export interface KnativePodRules {
  readonly PORT: Rule;
  readonly PORT_NAME: Rule;
  readonly RESERVED_ENV: Rule;
  /** An env entry without a name: the Knative webhook refuses it (Pod validation would too, later). */
  readonly ENV_NAME_MISSING: Rule;
  readonly READINESS_PROBE: Rule;
  readonly LIVENESS_HANDLER: Rule;
  readonly PROBE_PORT: Rule;
  readonly FEATURE_FLAG: Rule;
  readonly CONTAINERS: Rule;
  readonly AUTOMOUNT_TOKEN: Rule;
  readonly SERVICE_ACCOUNT_NAME: Rule;
  readonly POD_SECURITY_CONTEXT: Rule;
  readonly VOLUME_SOURCE: Rule;
  readonly EMPTYDIR: Rule;
  readonly PVC_MOUNT_READ_ONLY: Rule;
  readonly FORCED_READ_ONLY: Rule;
  readonly CONTAINER_VALUES: Rule;
  readonly VOLUME_VALUES: Rule;
  /** A container name that is no DNS-1123 label: the webhook leaves it to Pod validation, so the Revision's pods are refused. */
  readonly CONTAINER_NAME_SYNTAX: Rule;
}

export interface PodDialect {
  readonly name: 'knative' | 'kubernetes';
  readonly rules: PodRules;
  /** Present for the Knative dialect only. @default - plain Kubernetes */
  readonly knative?: KnativePodRules;
  /** Validates `image` as a registry reference. @default - only required */
  readonly imageProblem?: (image: string) => string | undefined;
}

type Out = FindingList;

/**
 * The one way a field gated by a Knative `config-features` flag is reported:
 * when the settings do not open the gate, name the flag, its declared state,
 * and the ConfigMap and profile prop that enable it.
 */
export function requireFlag(flag: FeatureName, settings: ClusterSettings, out: Out, rule: Rule, field: string, value: unknown, subject?: string): void {
  if (featureAllows(settings, flag)) return;
  const key = FEATURE_FLAGS[flag].key;
  const since = (FEATURE_FLAGS[flag] as FeatureFlagInfo).since;
  if (since !== undefined && !knativeAtLeast(settings, since)) {
    // The release has no such flag: no setting lets the field through.
    out.add(rule, field, value, `${subject ? `${subject}: ` : ''}needs Knative ${since} or later (config-features "${key}"); the cluster runs ${rulesRelease(settings.knativeVersion)}`,
      `remove the field, or upgrade Knative to ${since} and declare knativeVersion '${since}' in the ClusterProfile`,
      `remove the field, or upgrade Knative to ${since} and set \`cluster.releases.knative\` in cdk8s-agents.yaml`);
    return;
  }
  out.add(rule, field, value, `${subject ? `${subject}: ` : ''}needs config-features "${key}" (declared ${settings.serving.features[flag]})`,
    `remove the field, or set "${key}: Enabled" in ConfigMap config-features (namespace ${settings.serving.namespace}) and declare features.${flag} in the ClusterProfile`,
    `remove the field, or set "${key}: Enabled" in ConfigMap config-features (namespace ${settings.serving.namespace}; check reads it from \`cluster.configMapFiles\` in cdk8s-agents.yaml)`);
}

const INT32_MAX = 2147483647;
const isIdInRange = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= INT32_MAX;

/** PodSpec fields that need a config-features flag, and which one (Knative). */
const GATED_POD_FIELDS: Record<string, FeatureName> = {
  affinity: 'podspecAffinity',
  topologySpreadConstraints: 'podspecTopologySpreadConstraints',
  hostAliases: 'podspecHostAliases',
  nodeSelector: 'podspecNodeSelector',
  runtimeClassName: 'podspecRuntimeClassName',
  tolerations: 'podspecTolerations',
  securityContext: 'podspecSecurityContext',
  shareProcessNamespace: 'podspecShareProcessNamespace',
  priorityClassName: 'podspecPriorityClassName',
  schedulerName: 'podspecSchedulerName',
  initContainers: 'podspecInitContainers',
  dnsPolicy: 'podspecDnsPolicy',
  dnsConfig: 'podspecDnsConfig',
  hostIPC: 'podspecHostIpc',
  hostPID: 'podspecHostPid',
  hostNetwork: 'podspecHostNetwork',
};
/**
 * Gated fields whose Go type is a map, a slice or a string with `omitempty` (k8s.io/api v0.35.5 core/v1/types.go#L4126,
 * #L4174, #L4180, #L4255, #L4259, #L4267, #L4275, #L4330): empty, the defaulting round trip (knative.dev/pkg
 * defaulting.go#L332, roundTripPatch #L466-475) drops them before the webhook's field mask sees them, so they are
 * not set. A pointer field (affinity, dnsConfig, runtimeClassName...) is set even when empty.
 */
const EMPTY_IS_UNSET = new Set(['nodeSelector', 'tolerations', 'hostAliases', 'topologySpreadConstraints', 'initContainers', 'priorityClassName', 'schedulerName', 'dnsPolicy']);
const isEmpty = (v: unknown) => v === '' || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);
/** Boolean fields that only count as "set" when true (FM#L280-288). */
const TRUE_ONLY = new Set(['hostIPC', 'hostPID', 'hostNetwork']);
const RESERVED_PORTS = new Set([8008, 8012, 8013, 8022, 9090, 9091]);
const RESERVED_ENV_USER = new Set(['PORT', 'K_SERVICE', 'K_CONFIGURATION', 'K_REVISION']);

/** Checks a PodSpec at `base` (e.g. `spec.template.spec`). */
export function checkPodSpec(podSpec: unknown, base: string, dialect: PodDialect, settings: ClusterSettings, out: Out): void {
  if (podSpec === null || typeof podSpec !== 'object') return;
  const spec = objOrEmpty(podSpec); // an array is checked as a spec without fields
  const K = dialect.knative;
  const R = dialect.rules;
  if (K) {
    for (const [fieldName, flag] of Object.entries(GATED_POD_FIELDS)) {
      // Knative's CRDs declare nodeSelector a string map: the API server drops a null value before the webhook (prunedStringMap).
      const value = fieldName === 'nodeSelector' ? prunedStringMap(spec[fieldName]) : spec[fieldName];
      const isSet = TRUE_ONLY.has(fieldName) ? value === true : value !== undefined && value !== null && !(EMPTY_IS_UNSET.has(fieldName) && isEmpty(value));
      if (isSet) requireFlag(flag, settings, out, K.FEATURE_FLAG, `${base}.${fieldName}`, value);
    }
    if (spec.automountServiceAccountToken === true) out.add(K.AUTOMOUNT_TOKEN, `${base}.automountServiceAccountToken`, true);
    if (spec.serviceAccountName !== undefined && !isDns1123Subdomain(String(spec.serviceAccountName))) {
      out.add(K.SERVICE_ACCOUNT_NAME, `${base}.serviceAccountName`, spec.serviceAccountName);
    }
    if (spec.securityContext !== undefined && spec.securityContext !== null) checkKnativePodSecurityContext(spec.securityContext, `${base}.securityContext`, K, out);
  } else {
    const sc = objOrEmpty(spec.securityContext);
    for (const key of ['runAsUser', 'runAsGroup', 'fsGroup']) {
      if (sc[key] !== undefined && !isIdInRange(sc[key])) {
        out.add(R.SECURITY_CONTEXT, `${base}.securityContext.${key}`, sc[key], 'expected 0 <= id <= 2147483647');
      }
    }
  }
  checkSeccomp(valueAt(spec.securityContext, 'seccompProfile'), `${base}.securityContext.seccompProfile`, out);
  checkScheduling(spec, base, out);

  const containers = arr(spec.containers);
  const init = arr(spec.initContainers);
  if (K) {
    if (containers.length === 0) out.add(K.CONTAINERS, `${base}.containers`, spec.containers, 'no container');
    if (containers.length > 1) requireFlag('multiContainer', settings, out, K.CONTAINERS, `${base}.containers`, `${containers.length} containers`, 'several containers');
    const ports = containers.flatMap((c) => arr(obj(c)?.ports));
    if (ports.length > 1) out.add(K.CONTAINERS, `${base}.containers[*].ports`, ports.map((p) => obj(p)?.containerPort), 'only a single port is allowed across all containers');
    if (containers.length > 1 && ports.length === 0) out.add(K.CONTAINERS, `${base}.containers[*].ports`, undefined, 'with several containers, the serving one needs a port');
  }

  const names = new Set<string>();
  const all = [...containers.map((c, i) => ({ c: objOrEmpty(c), path: `${base}.containers[${i}]`, isInit: false })),
    ...init.map((c, i) => ({ c: objOrEmpty(c), path: `${base}.initContainers[${i}]`, isInit: true }))];
  for (const { c, path, isInit } of all) {
    // Knative's defaulting names a container without a name (null decodes to ""): user-container, init-container-0, ...
    const named = K ? c.name !== undefined && c.name !== null && c.name !== '' : c.name !== undefined;
    if (named) {
      const n = String(c.name);
      if (K && n === 'queue-proxy') out.add(R.CONTAINER_NAME, `${path}.name`, n, '"queue-proxy" is reserved by Knative');
      // The webhook does not check the syntax (KV#L598-609): Pod validation refuses it when the Revision's Deployment is created.
      else if (!isDns1123Label(n)) out.add(K ? K.CONTAINER_NAME_SYNTAX : R.CONTAINER_NAME, `${path}.name`, n, 'not a DNS-1123 label');
      if (names.has(n)) out.add(R.CONTAINER_NAME, `${path}.name`, n, 'duplicate container name');
      names.add(n);
    } else if (!K) {
      out.add(R.CONTAINER_NAME, `${path}.name`, undefined, 'every container needs a name');
    }
    const isUser = !isInit && (containers.length === 1 || arr(c.ports).length > 0);
    checkContainer(c, path, isUser, isInit, dialect, settings, obj(spec.securityContext), out);
  }
  checkVolumes(spec, base, all, dialect, settings, out);
}

function checkKnativePodSecurityContext(value: unknown, path: string, K: KnativePodRules, out: Out): void {
  const allowed = ['runAsUser', 'runAsGroup', 'runAsNonRoot', 'fsGroup', 'supplementalGroups', 'seccompProfile'];
  const sc = fieldsOf(value);
  for (const key of Object.keys(sc)) {
    if (!allowed.includes(key)) out.add(K.POD_SECURITY_CONTEXT, `${path}.${key}`, sc[key], 'not supported in a Knative pod securityContext');
  }
  for (const key of ['runAsUser', 'runAsGroup', 'fsGroup']) {
    if (sc[key] !== undefined && !isIdInRange(sc[key])) out.add(K.POD_SECURITY_CONTEXT, `${path}.${key}`, sc[key], 'expected 0 <= id <= 2147483647');
  }
  arr(sc.supplementalGroups).forEach((g, i) => {
    if (!isIdInRange(g)) out.add(K.POD_SECURITY_CONTEXT, `${path}.supplementalGroups[${i}]`, g, 'expected 0 <= id <= 2147483647');
  });
}

function checkSeccomp(value: unknown, path: string, out: Out): void {
  const profile = obj(value);
  if (!profile) return;
  if (profile.type === 'Localhost' && !profile.localhostProfile) {
    out.add(S.SECCOMP_PROFILE, `${path}.localhostProfile`, profile.localhostProfile, 'required when the seccomp type is Localhost');
  } else if (profile.type !== 'Localhost' && profile.localhostProfile !== undefined) {
    out.add(S.SECCOMP_PROFILE, `${path}.localhostProfile`, profile.localhostProfile, `only allowed when the seccomp type is Localhost (it is ${profile.type})`);
  }
}

function checkContainer(c: JsonObject, path: string, isUser: boolean, isInit: boolean, dialect: PodDialect, settings: ClusterSettings, podSc: JsonObject | undefined, out: Out): void {
  const K = dialect.knative;
  const R = dialect.rules;
  const image = c.image;
  const imageProblem = image === undefined || image === null || image === '' ? 'the image is empty' : dialect.imageProblem?.(String(image));
  if (imageProblem) out.add(R.IMAGE, `${path}.image`, image, imageProblem);

  const ports = arr(c.ports);
  if (K) {
    ports.forEach((raw, i) => {
      const p = obj(raw);
      const given = p?.containerPort;
      const port = given === undefined || given === null ? 0 : given; // absent: Go's zero value
      // The serving container's port 0 means the default, 8080 (deploy.go getUserPort); the webhook accepts 0-65535.
      if (typeof port !== 'number' || !Number.isInteger(port) || port < (isUser ? 0 : 1) || port > 65535) out.add(K.PORT, `${path}.ports[${i}].containerPort`, port, isUser ? 'expected 0 <= port <= 65535 (0: the default, 8080)' : 'expected 1 <= port <= 65535');
      else if ((isUser || isInit) && RESERVED_PORTS.has(port)) out.add(K.PORT, `${path}.ports[${i}].containerPort`, port, `${port} is reserved by Knative`);
      const name = p?.name;
      if (name !== undefined && name !== '' && name !== 'http1' && name !== 'h2c') out.add(K.PORT_NAME, `${path}.ports[${i}].name`, name);
      if (p?.protocol !== undefined && p.protocol !== '' && p.protocol !== 'TCP') out.add(K.PORT_NAME, `${path}.ports[${i}].protocol`, p.protocol, 'only TCP is supported');
    });
  }

  const seen = new Set<string>();
  arr(c.env).forEach((raw, i) => {
    const e = obj(raw);
    const name = e?.name;
    if (K && (name === undefined || name === null || name === '')) out.add(K.ENV_NAME_MISSING, `${path}.env[${i}].name`, name ?? null);
    else if (typeof name !== 'string' || !isEnvVarName(name)) out.add(R.ENV_NAME, `${path}.env[${i}].name`, name);
    else if (K && isUser && RESERVED_ENV_USER.has(name)) out.add(K.RESERVED_ENV, `${path}.env[${i}].name`, name);
    else if (K && !isUser && name !== 'PORT' && RESERVED_ENV_USER.has(name)) out.add(K.RESERVED_ENV, `${path}.env[${i}].name`, name);
    if (typeof name === 'string') {
      if (seen.has(name)) out.add(R.ENV_DUPLICATE, `${path}.env[${i}].name`, name);
      seen.add(name);
    }
    const from = objOrEmpty(e?.valueFrom);
    for (const ref of ['secretKeyRef', 'configMapKeyRef']) {
      if (!from[ref] || typeof from[ref] !== 'object') continue;
      const r = objOrEmpty(from[ref]); // an array reads as a ref without fields
      if (typeof r.name !== 'string' || !isDns1123Subdomain(r.name)) out.add(S.ENV_REFERENCE, `${path}.env[${i}].valueFrom.${ref}.name`, r.name, 'not a DNS-1123 subdomain');
      if (typeof r.key !== 'string' || !isConfigMapKey(r.key)) out.add(S.ENV_REFERENCE, `${path}.env[${i}].valueFrom.${ref}.key`, r.key, 'keys use letters, digits, `-`, `_` and `.`');
    }
    if (K) {
      for (const key of ['fieldRef', 'resourceFieldRef']) {
        // null is a nil pointer: not set (the field mask sees nothing).
        if (from[key] !== undefined && from[key] !== null) requireFlag('podspecFieldRef', settings, out, K.FEATURE_FLAG, `${path}.env[${i}].valueFrom.${key}`, from[key]);
      }
    }
  });
  arr(c.envFrom).forEach((e, i) => {
    for (const ref of ['secretRef', 'configMapRef']) {
      const value = obj(e)?.[ref];
      if (!value || typeof value !== 'object') continue;
      const name = objOrEmpty(value).name; // an array reads as a ref without a name
      if (typeof name !== 'string' || !isDns1123Subdomain(name)) {
        out.add(S.ENV_REFERENCE, `${path}.envFrom[${i}].${ref}.name`, name, 'not a DNS-1123 subdomain');
      }
    }
  });

  if (K) checkKnativeContainerValues(c, path, isInit, K, out);
  checkResources(c.resources, `${path}.resources`, R, out);

  const servingPort = obj(ports[0])?.containerPort;
  for (const key of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
    const probe = c[key];
    if (probe === undefined || probe === null) continue;
    if (K && isInit) {
      out.add(K.CONTAINERS, `${path}.${key}`, probe, 'probes are not allowed on init containers (rejected by the webhook)');
      continue;
    }
    // A sidecar's startup probe is gated from 1.23 on (validateSidecarContainer, k8s_validation.go#L559-562 at knative-v1.23.0); 1.22 lets it through.
    if (K && !isUser && (key !== 'startupProbe' || knativeAtLeast(settings, '1.23'))) requireFlag('multiContainerProbing', settings, out, K.FEATURE_FLAG, `${path}.${key}`, probe, 'a probe on a sidecar');
    // A sidecar's liveness and readiness probes are checked as the serving container's, but must name
    // their own port; its startup probe is not checked (KV validateSidecarContainer, validateProbe).
    // From 1.23 on, the webhook validates startup probes too (k8s_validation.go#L569, #L612 at knative-v1.23.0).
    const startupChecked = K !== undefined && knativeAtLeast(settings, '1.23');
    if (K && !isUser && key === 'startupProbe' && !startupChecked) continue;
    if (K && key === 'readinessProbe') checkKnativeReadinessProbe(probe, `${path}.${key}`, K, out);
    // Knative's webhook checks the handler of the liveness probe (and the startup probe from 1.23); the rest Kubernetes checks later.
    else checkProbe(probe, key, `${path}.${key}`, R, out, K && (key === 'livenessProbe' || (key === 'startupProbe' && startupChecked)) ? K.LIVENESS_HANDLER : R.PROBE_THRESHOLD);
    if (K && isUser) checkProbePort(probe, `${path}.${key}`, servingPort, obj(ports[0])?.name || 'http', K, out);
    else if (K) checkSidecarProbePort(probe, `${path}.${key}`, K, out);
  }

  const sc = obj(c.securityContext);
  if (sc) {
    if (K && sc.privileged === true) out.add(R.SECURITY_CONTEXT, `${path}.securityContext.privileged`, true, 'privileged containers are not allowed');
    const add = valueAt(sc.capabilities, 'add');
    if (K && Array.isArray(add) && add.length > 0) requireFlag('containerspecAddCapabilities', settings, out, R.SECURITY_CONTEXT, `${path}.securityContext.capabilities.add`, add);
    for (const key of ['runAsUser', 'runAsGroup']) {
      if (sc[key] !== undefined && !isIdInRange(sc[key])) out.add(R.SECURITY_CONTEXT, `${path}.securityContext.${key}`, sc[key], 'expected 0 <= id <= 2147483647');
    }
    checkSeccomp(sc.seccompProfile, `${path}.securityContext.seccompProfile`, out);
  }
  // Container settings win over the pod's (Kubernetes merges them per field).
  const nonRoot = sc?.runAsNonRoot ?? podSc?.runAsNonRoot;
  const user = sc?.runAsUser ?? podSc?.runAsUser;
  if (nonRoot === true && user === 0) {
    out.add(S.RUN_AS_ROOT, `${path}.securityContext.runAsUser`, 0, 'the kubelet will not start a container that must run as non-root with UID 0');
  }
}

function checkProbePort(probe: unknown, path: string, servingPort: unknown, servingPortName: unknown, K: KnativePodRules, out: Out): void {
  for (const h of ['httpGet', 'tcpSocket']) {
    const port = valueAt(probe, h, 'port');
    // Only a named port is checked: it passes when it names the serving port (its name, or `http` when unnamed), as
    // upstream (serving v0.49.1 pkg/apis/serving/k8s_validation.go#L871-889). A number is accepted: the reconciler probes
    // the serving port whatever it says (pkg/reconciler/revision/resources/queue.go#L455-470, deploy.go#L141-155).
    if (typeof port === 'string' && port !== '' && port !== servingPortName) {
      out.add(K.PROBE_PORT, `${path}.${h}.port`, port, `the serving port is named "${String(servingPortName)}" (${String(servingPort ?? 8080)})`);
    }
  }
}

/** What Knative's validate (KV validateEnvFrom, the container mask, terminationMessagePolicy) refuses beyond the schema. */
function checkKnativeContainerValues(c: JsonObject, path: string, isInit: boolean, K: KnativePodRules, out: Out): void {
  arr(c.envFrom).forEach((raw, i) => {
    const e = objOrEmpty(raw);
    const refs = ['configMapRef', 'secretRef'].filter((r) => e[r] !== undefined && e[r] !== null);
    if (refs.length !== 1) out.add(K.CONTAINER_VALUES, `${path}.envFrom[${i}]`, refs, refs.length === 0 ? 'neither configMapRef nor secretRef' : 'both configMapRef and secretRef');
  });
  const policy = c.terminationMessagePolicy;
  if (policy !== undefined && policy !== '' && policy !== 'File' && policy !== 'FallbackToLogsOnError') {
    out.add(K.CONTAINER_VALUES, `${path}.terminationMessagePolicy`, policy, 'expected File or FallbackToLogsOnError');
  }
  if (!isInit) return;
  for (const key of ['lifecycle', 'stdin', 'stdinOnce', 'tty', 'volumeDevices']) {
    if (c[key] !== undefined && c[key] !== null && c[key] !== false) out.add(K.CONTAINER_VALUES, `${path}.${key}`, c[key], 'not allowed in an init container');
  }
}

function checkSidecarProbePort(probe: unknown, path: string, K: KnativePodRules, out: Out): void {
  for (const h of ['httpGet', 'tcpSocket']) {
    const handler = valueAt(probe, h);
    if (handler === undefined || handler === null) continue;
    const port = valueAt(handler, 'port');
    if (port === undefined || port === 0 || port === '') out.add(K.PROBE_PORT, `${path}.${h}.port`, port, 'a sidecar\'s probe must specify its port');
  }
}

function handlerCount(probe: JsonObject): string[] {
  return ['httpGet', 'tcpSocket', 'exec', 'grpc'].filter((h) => probe[h] !== undefined && probe[h] !== null);
}

/** `v < n` exactly as JavaScript compares them (`Number` converts as `<` does): a numeric string counts. */
const below = (v: unknown, n: number): boolean => Number(v) < n;

/** The probe-handler fix for a YAML author (the construct one names the Probe factories). */
const PROBE_HANDLER_YAML_FIX = 'give the probe exactly one handler: `httpGet`, `tcpSocket`, `exec` or `grpc`';

function checkKnativeReadinessProbe(value: unknown, path: string, K: KnativePodRules, out: Out): void {
  const probe = objOrEmpty(value);
  const handlers = handlerCount(probe);
  // None is fine: the defaulting webhook gives the user container's readiness probe a tcpSocket handler (revision_defaults.go#L160-169).
  if (handlers.length > 1) {
    out.add(K.READINESS_PROBE, path, handlers, 'expected exactly one handler', 'use one Probe.fromHttpGet / fromTcpSocket / fromCommand', PROBE_HANDLER_YAML_FIX);
  }
  const period = probe.periodSeconds ?? 0;
  if (below(period, 0) || below(probe.initialDelaySeconds ?? 0, 0)) out.add(K.READINESS_PROBE, path, value, 'periodSeconds and initialDelaySeconds must be ≥ 0');
  if (probe.successThreshold !== undefined && below(probe.successThreshold, 1)) out.add(K.READINESS_PROBE, `${path}.successThreshold`, probe.successThreshold, 'must be ≥ 1');
  for (const key of ['timeoutSeconds', 'failureThreshold']) {
    if (period === 0 && probe[key]) out.add(K.READINESS_PROBE, `${path}.${key}`, probe[key], `${key} is disallowed when periodSeconds is zero (aggressive probing)`);
    else if (period !== 0 && probe[key] !== undefined && below(probe[key], 1)) out.add(K.READINESS_PROBE, `${path}.${key}`, probe[key], `${key} must be ≥ 1 when periodSeconds is set`);
  }
}

function checkProbe(value: unknown, kind: string, path: string, R: PodRules, out: Out, handlerRule: Rule): void {
  const probe = objOrEmpty(value);
  const handlers = handlerCount(probe);
  if (handlers.length !== 1) {
    out.add(handlerRule, path, handlers, handlers.length === 0 ? 'the probe has no handler' : 'expected exactly one handler', 'use one Probe.fromHttpGet / fromTcpSocket / fromCommand', PROBE_HANDLER_YAML_FIX);
  }
  if (kind !== 'readinessProbe' && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    out.add(R.PROBE_THRESHOLD, `${path}.successThreshold`, probe.successThreshold, 'must be 1');
  }
  for (const key of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold']) {
    const v = probe[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) out.add(R.PROBE_THRESHOLD, `${path}.${key}`, v, 'must be a whole number ≥ 0');
  }
}

function checkResources(res: unknown, path: string, R: PodRules, out: Out): void {
  if (!res || typeof res !== 'object') return;
  // Every key of whatever `requests` holds, as read so far (a string's characters included).
  const requests = fieldsOf(objOrEmpty(res).requests);
  const limits = fieldsOf(objOrEmpty(res).limits);
  for (const key of Object.keys(requests)) {
    const req = parseQuantity(requests[key]);
    const lim = parseQuantity(limits[key]);
    if (overcommitAllowed(key)) {
      if (req !== undefined && lim !== undefined && req > lim) out.add(R.RESOURCES, `${path}.requests.${key}`, requests[key], `the request exceeds the limit ${limits[key]}`);
    } else if (limits[key] === undefined) {
      out.add(S.NO_OVERCOMMIT, `${path}.limits["${key}"]`, undefined, `Limit must be set for non overcommitable resources (the request is ${requests[key]})`);
    } else if (req !== undefined && lim !== undefined && req !== lim) {
      out.add(S.NO_OVERCOMMIT, `${path}.requests["${key}"]`, requests[key], `must be equal to ${key} limit of ${limits[key]}`);
    }
  }
  for (const [kind, list] of [['requests', requests], ['limits', limits]] as const) {
    for (const key of Object.keys(list)) {
      const q = parseQuantity(list[key]);
      if (isExtendedResource(key) && q !== undefined && !Number.isInteger(q)) out.add(S.NO_OVERCOMMIT, `${path}.${kind}["${key}"]`, list[key], 'must be an integer');
    }
  }
}

/** A resource in the `kubernetes.io` namespace: unprefixed, or `kubernetes.io/`-prefixed (helper.IsNativeResource). */
const isNativeResource = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
/** A device-plugin resource such as `nvidia.com/gpu` (helper.IsExtendedResourceName). */
const isExtendedResource = (name: string) => !isNativeResource(name) && !name.startsWith('requests.') && isQualifiedName(`requests.${name}`);
/** Only native resources other than hugepages may request less than their limit (helper.IsOvercommitAllowed). */
const overcommitAllowed = (name: string) => isNativeResource(name) && !name.startsWith('hugepages-');

const TOLERATION_OPERATORS = ['', 'Equal', 'Exists'];
const TAINT_EFFECTS = ['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** What the API server checks of the scheduling fields (ValidatePodSpec): label maps, tolerations, class names. */
function checkScheduling(spec: JsonObject, base: string, out: Out): void {
  for (const [key, value] of Object.entries(objOrEmpty(spec.nodeSelector))) {
    if (!isQualifiedName(key)) out.add(S.SCHEDULING, `${base}.nodeSelector`, key, 'the key is not a qualified name (a label key such as `nvidia.com/gpu.present`)');
    else if (typeof value === 'string' && !isLabelValue(value)) out.add(S.SCHEDULING, `${base}.nodeSelector["${key}"]`, value, 'not a label value (at most 63 letters, digits, `-`, `_`, `.`, alphanumeric at both ends)');
  }
  arr(spec.tolerations).forEach((raw, i) => {
    const at = `${base}.tolerations[${i}]`;
    const t = objOrEmpty(raw);
    const key = typeof t.key === 'string' ? t.key : '';
    const operator = t.operator ?? '';
    if (key !== '' && !isQualifiedName(key)) out.add(S.SCHEDULING, `${at}.key`, t.key, 'not a qualified name');
    if (key === '' && operator !== 'Exists') out.add(S.SCHEDULING, `${at}.operator`, t.operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"');
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') out.add(S.SCHEDULING, `${at}.effect`, t.effect, 'effect must be \'NoExecute\' when `tolerationSeconds` is set');
    if (!TOLERATION_OPERATORS.includes(operator as string)) out.add(S.SCHEDULING, `${at}.operator`, operator, 'expected Equal or Exists');
    else if (operator === 'Exists' && t.value !== undefined && t.value !== null && t.value !== '') out.add(S.SCHEDULING, `${at}.value`, t.value, 'value must be empty when `operator` is \'Exists\'');
    else if (operator !== 'Exists' && typeof t.value === 'string' && !isLabelValue(t.value)) out.add(S.SCHEDULING, `${at}.value`, t.value, 'not a label value');
    if (t.effect !== undefined && t.effect !== null && !TAINT_EFFECTS.includes(t.effect as string)) out.add(S.SCHEDULING, `${at}.effect`, t.effect, 'expected NoSchedule, PreferNoSchedule or NoExecute');
  });
  for (const field of ['runtimeClassName', 'priorityClassName']) {
    const name = spec[field];
    if (typeof name === 'string' && name !== '' && !isDns1123Subdomain(name)) out.add(S.SCHEDULING, `${base}.${field}`, name, 'not a DNS-1123 subdomain');
  }
}

const KNATIVE_GATED_SOURCES: Record<string, FeatureName> = {
  emptyDir: 'podspecVolumesEmptyDir',
  persistentVolumeClaim: 'podspecPersistentVolumeClaim',
  hostPath: 'podspecVolumesHostPath',
  csi: 'podspecVolumesCsi',
  image: 'podspecVolumesImage',
  ephemeral: 'podspecVolumesEphemeral',
};
const KNATIVE_SOURCES = ['configMap', 'secret', 'projected', ...Object.keys(KNATIVE_GATED_SOURCES)];
/** Sources whose mounts Knative forces read-only (D-RO). */
const FORCED_READ_ONLY_SOURCES = ['configMap', 'secret', 'projected', 'hostPath', 'csi', 'image'];

function checkVolumes(spec: JsonObject, base: string, containers: { c: JsonObject; path: string; isInit: boolean }[], dialect: PodDialect, settings: ClusterSettings, out: Out): void {
  const K = dialect.knative;
  const R = dialect.rules;
  const byName = new Map<string, JsonObject>();
  arr(spec.volumes).forEach((raw, i) => {
    const path = `${base}.volumes[${i}]`;
    const vol = obj(raw);
    const name = vol?.name;
    if (typeof name === 'string' && byName.has(name)) out.add(R.VOLUME_NAME, `${path}.name`, name, 'duplicate volume name');
    else if (typeof name !== 'string' || !isDns1123Label(name)) out.add(R.VOLUME_NAME, `${path}.name`, name);
    // Registered even when invalid (as upstream), so that its mount is not also reported as naming no volume.
    if (vol && typeof name === 'string' && !byName.has(name)) byName.set(name, vol);
    if (!K) return;
    // `ephemeral` counts in 1.22 too, so that its finding says which release has it (the 1.22 schema check reports it pruned).
    // A null source is none: the API server drops nulls the CRD does not allow before the webhook sees the volume.
    const sources = KNATIVE_SOURCES.filter((s) => vol?.[s] !== undefined && vol?.[s] !== null);
    if (sources.length !== 1) {
      out.add(K.VOLUME_SOURCE, path, sources, sources.length === 0 ? 'no supported source (configMap, secret, projected, emptyDir)' : 'expected exactly one source');
    }
    for (const src of sources) {
      const flag = KNATIVE_GATED_SOURCES[src];
      if (flag) requireFlag(flag, settings, out, K.VOLUME_SOURCE, `${path}.${src}`, vol?.[src]);
    }
    const claim = vol?.persistentVolumeClaim;
    if (claim && obj(claim)?.readOnly !== true) {
      requireFlag('podspecPersistentVolumeWrite', settings, out, K.VOLUME_SOURCE, `${path}.persistentVolumeClaim.readOnly`, obj(claim)?.readOnly, 'a writable claim');
    }
    const medium = valueAt(vol, 'emptyDir', 'medium');
    if (medium !== undefined && medium !== '' && medium !== 'Memory') out.add(K.EMPTYDIR, `${path}.emptyDir.medium`, medium);
    checkKnativeVolumeValues(objOrEmpty(vol), path, K, out);
  });

  const mounted = new Set<unknown>();
  for (const { c, path, isInit } of containers) {
    const paths = new Set<string>();
    arr(c.volumeMounts).forEach((raw, i) => {
      const mpath = `${path}.volumeMounts[${i}]`;
      const vm = obj(raw);
      const name = vm?.name;
      mounted.add(name);
      const vol = typeof name === 'string' ? byName.get(name) : undefined;
      if (!vol) out.add(R.VOLUME_MOUNT_MATCH, `${mpath}.name`, name, 'no volume of that name');
      const mp = typeof vm?.mountPath === 'string' ? cleanPath(vm.mountPath) : '';
      if (!mp.startsWith('/')) out.add(R.MOUNT_PATH, `${mpath}.mountPath`, vm?.mountPath, 'must be an absolute path');
      else if (K && ['/', '/dev', '/dev/log'].includes(mp)) out.add(R.MOUNT_PATH, `${mpath}.mountPath`, vm?.mountPath, 'reserved path');
      else if (paths.has(mp)) out.add(R.MOUNT_PATH, `${mpath}.mountPath`, vm?.mountPath, 'must be unique within the container');
      paths.add(mp);
      if (!K) return;
      if (vm?.mountPropagation !== undefined) requireFlag('podspecVolumesMountPropagation', settings, out, K.FEATURE_FLAG, `${mpath}.mountPropagation`, vm.mountPropagation);
      if (vm?.mountPropagation !== undefined && vm.mountPropagation !== 'None' && vm.mountPropagation !== 'HostToContainer') {
        out.add(K.VOLUME_VALUES, `${mpath}.mountPropagation`, vm.mountPropagation, 'expected None or HostToContainer');
      }
      if (valueAt(vol, 'persistentVolumeClaim', 'readOnly') === true && vm?.readOnly !== true) {
        out.add(K.PVC_MOUNT_READ_ONLY, `${mpath}.readOnly`, vm?.readOnly, `volume "${name}" is a read-only claim but the mount is not read-only`);
      }
      if (vol && vm?.readOnly === false && FORCED_READ_ONLY_SOURCES.some((s) => vol[s] !== undefined)) {
        if (isInit) out.add(K.VOLUME_SOURCE, `${mpath}.readOnly`, false, 'an init container must mount this kind of volume read-only (rejected by the webhook)');
        else out.add(K.FORCED_READ_ONLY, `${mpath}.readOnly`, false, `Knative mounts volume "${name}" read-only anyway`);
      }
    });
  }
  if (!K) return;
  for (const name of byName.keys()) {
    if (!mounted.has(name)) out.add(R.VOLUME_MOUNT_MATCH, `${base}.volumes`, name, `volume "${name}" is not mounted by any container`);
  }
}

/** KV validateVolume's checks of a source's values (emptyDir sizeLimit, projected sources). */
function checkKnativeVolumeValues(vol: JsonObject, path: string, K: KnativePodRules, out: Out): void {
  const size = valueAt(vol, 'emptyDir', 'sizeLimit');
  const bytes = size === undefined || size === null ? undefined : parseQuantity(size);
  if (bytes !== undefined && bytes < 0) out.add(K.VOLUME_VALUES, `${path}.emptyDir.sizeLimit`, size, 'must not be negative');
  arr(valueAt(vol, 'projected', 'sources')).forEach((raw, i) => {
    const at = `${path}.projected.sources[${i}]`;
    const src = objOrEmpty(raw);
    const kinds = ['secret', 'configMap', 'serviceAccountToken', 'downwardAPI'].filter((k) => src[k] !== undefined && src[k] !== null);
    if (kinds.length !== 1) out.add(K.VOLUME_VALUES, at, kinds, kinds.length === 0 ? 'no source' : 'expected exactly one source');
    for (const k of ['secret', 'configMap']) {
      if (src[k] !== undefined && src[k] !== null && !objOrEmpty(src[k]).name) out.add(K.VOLUME_VALUES, `${at}.${k}.name`, objOrEmpty(src[k]).name, 'the name is required');
    }
    arr(valueAt(src, 'downwardAPI', 'items')).forEach((item, j) => {
      const refs = ['fieldRef', 'resourceFieldRef'].filter((r) => objOrEmpty(item)[r] !== undefined && objOrEmpty(item)[r] !== null);
      if (refs.length !== 1) out.add(K.VOLUME_VALUES, `${at}.downwardAPI.items[${j}]`, refs, refs.length === 0 ? 'neither fieldRef nor resourceFieldRef' : 'both fieldRef and resourceFieldRef');
    });
  });
}

function cleanPath(p: string): string {
  if (p === '') return '';
  const abs = p.startsWith('/');
  const segs: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segs.pop();
    else segs.push(seg);
  }
  return (abs ? '/' : '') + segs.join('/') || (abs ? '/' : '.');
}
