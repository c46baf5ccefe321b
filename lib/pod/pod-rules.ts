import { defineRules, Rule } from '../engine/rule';

/** The rules a pod-spec check reports; each dialect supplies its own table (ids and why differ by platform). */
export interface PodRules {
  readonly IMAGE: Rule;
  readonly ENV_NAME: Rule;
  readonly ENV_DUPLICATE: Rule;
  readonly RESOURCES: Rule;
  readonly PROBE_THRESHOLD: Rule;
  readonly SECURITY_CONTEXT: Rule;
  readonly CONTAINER_NAME: Rule;
  readonly VOLUME_NAME: Rule;
  readonly VOLUME_MOUNT_MATCH: Rule;
  readonly MOUNT_PATH: Rule;
}

/** Rules that mean the same on every platform: the kubelet or the API server enforces them on the Pod. */
export const SHARED_POD_RULES = defineRules({
  ENV_REFERENCE: {
    id: 'POD-ENV-001',
    title: 'a Secret or ConfigMap reference needs a valid object name and key',
    why: 'The API server rejects a Pod whose `secretKeyRef`/`configMapKeyRef` key is not a valid key (letters, digits, `-`, `_`, `.`) or whose name is not a DNS-1123 subdomain; for a Knative Service this surfaces only when the Revision fails to start.',
    fix: 'reference the Secret by its lowercase Kubernetes name and use keys such as `anthropic-api-key`',
    upstream: 'Kubernetes apimachinery ValidateSecretName, IsConfigMapKey (core/validation ValidateEnv)',
    effect: 'runtime',
  },
  RUN_AS_ROOT: {
    id: 'POD-SEC-001',
    title: '`runAsNonRoot: true` contradicts `runAsUser: 0`',
    why: 'The kubelet refuses to start a container that must not run as root but is told to run as UID 0 ("container\'s runAsUser breaks non-root policy"); the Pod never becomes ready.',
    fix: 'set `runAsUser` to a non-zero UID, or opt out with `runAsNonRoot: false` if the image really needs root',
    upstream: 'kubelet kuberuntime verifyRunAsNonRoot (pkg/kubelet/kuberuntime/security_context_others.go)',
    effect: 'runtime',
  },
  SECCOMP_PROFILE: {
    id: 'POD-SEC-002',
    title: 'a `Localhost` seccomp profile needs `localhostProfile`, and only `Localhost` may have one',
    why: 'The API server rejects the Pod ("must be set when seccomp type is Localhost" / "can only be set when seccomp type is Localhost").',
    fix: 'use `SeccompProfileType.RUNTIME_DEFAULT`, or give the profile path with `localhostProfile` for `Localhost`',
    yamlFix: 'set `seccompProfile.type: RuntimeDefault`, or `type: Localhost` with `localhostProfile`',
    upstream: 'Kubernetes core/validation validateSeccompProfileField',
    effect: 'runtime',
  },
  NO_OVERCOMMIT: {
    id: 'POD-RES-002',
    title: 'a GPU or other extended resource (and hugepages) needs a whole-number limit, and a request, if given, equal to it',
    why: 'Extended resources (`nvidia.com/gpu`, `amd.com/gpu`, any name with a domain outside `kubernetes.io`) cannot be overcommitted: the API server rejects a request without a limit ("Limit must be set for non overcommitable resources"), a request that differs from the limit ("must be equal to nvidia.com/gpu limit of 2") and a fractional quantity ("must be an integer"). For a Knative Service or a KEDA ScaledJob the object is accepted and its pods never get created.',
    fix: 'use `gpu: { count: n }`, which sets only the limit (Kubernetes copies it to the request)',
    yamlFix: 'set the device count under `resources.limits` only (the request defaults to it), or make the request equal to the limit',
    upstream: 'kubernetes pkg/apis/core/validation/validation.go validateResourceRequirements (helper.IsOvercommitAllowed, IsIntegerResourceName) at a7264f9',
    effect: 'runtime',
  },
  SCHEDULING: {
    id: 'POD-SCHED-001',
    title: 'nodeSelector, tolerations, runtimeClassName and priorityClassName must be valid',
    why: 'The API server rejects a pod whose nodeSelector is not a valid label map, whose toleration has no key but an operator other than `Exists`, a value with `Exists`, `tolerationSeconds` without effect `NoExecute`, an unknown operator or effect, or whose runtimeClassName or priorityClassName is not a DNS-1123 subdomain. The Knative webhook does not check them: the Revision is accepted and its pods are never created.',
    fix: 'use label keys such as `nvidia.com/gpu.present`, `NodeTaintQuery.exists(key, { effect })` or `NodeTaintQuery.is(key, value)`, and lowercase class names such as `gvisor`',
    yamlFix: 'use valid label keys and values in `nodeSelector`; give each toleration a key (or `operator: Exists` alone), no value with `Exists`, `tolerationSeconds` only with `effect: NoExecute`; lowercase class names such as `gvisor`',
    upstream: 'kubernetes pkg/apis/core/validation/validation.go ValidatePodSpec (ValidateLabels of nodeSelector, ValidateTolerations, ValidateRuntimeClassName, ValidatePriorityClassName) at a7264f9',
    effect: 'runtime',
  },
});

/** The plain Kubernetes dialect (Deployments, Jobs): what the API server checks on a pod template. */
export const KUBERNETES_POD_RULES = defineRules({
  IMAGE: {
    id: 'POD-CTR-001',
    title: 'every container needs an image',
    why: 'The API server rejects a pod template whose container has no image.',
    fix: 'set the container image',
    upstream: 'Kubernetes core/validation validateContainers (image required)',
    effect: 'reject',
  },
  CONTAINER_NAME: {
    id: 'POD-CTR-002',
    title: 'container names must be unique DNS-1123 labels',
    why: 'The API server rejects invalid or duplicate container names.',
    fix: 'give each container a distinct lowercase name',
    upstream: 'Kubernetes core/validation validateContainers',
    effect: 'reject',
  },
  ENV_NAME: {
    id: 'POD-ENV-002',
    title: 'environment variable names must use only letters, digits, `_`, `-` and `.`, not starting with a digit',
    why: 'The API server rejects the pod template.',
    fix: 'rename the variable, e.g. `JIRA_TOKEN`',
    upstream: 'Kubernetes core/validation ValidateEnv',
    effect: 'reject',
  },
  ENV_DUPLICATE: {
    id: 'POD-ENV-003',
    title: 'an environment variable is defined twice',
    why: 'Kubernetes keeps the last definition: the other is silently lost (kubectl only warns).',
    fix: 'define each variable once',
    upstream: 'Kubernetes core/validation (duplicate env warning)',
    effect: 'ignored',
  },
  RESOURCES: {
    id: 'POD-RES-001',
    title: 'resource requests must not exceed limits',
    why: 'The API server rejects the pod template.',
    fix: 'raise the limit or lower the request',
    upstream: 'Kubernetes core/validation ValidateResourceRequirements',
    effect: 'reject',
  },
  PROBE_THRESHOLD: {
    id: 'POD-PROBE-001',
    title: 'a probe needs exactly one handler and non-negative numbers; liveness and startup probes need successThreshold 1',
    why: 'The API server rejects the pod template.',
    fix: 'give the probe one handler (httpGet, tcpSocket, exec or grpc); omit successThreshold on liveness/startup probes',
    upstream: 'Kubernetes core/validation validateProbe',
    effect: 'reject',
  },
  SECURITY_CONTEXT: {
    id: 'POD-SEC-003',
    title: 'user and group ids in a security context must be 0-2147483647',
    why: 'The API server rejects the pod template.',
    fix: 'use an id in range',
    upstream: 'Kubernetes core/validation ValidateSecurityContext',
    effect: 'reject',
  },
  VOLUME_NAME: {
    id: 'POD-VOL-001',
    title: 'volume names must be unique DNS-1123 labels',
    why: 'The API server rejects invalid or duplicate volume names.',
    fix: 'give each volume a distinct lowercase name',
    upstream: 'Kubernetes core/validation ValidateVolumes',
    effect: 'reject',
  },
  VOLUME_MOUNT_MATCH: {
    id: 'POD-VOL-002',
    title: 'every volume mount must name a volume of the pod',
    why: 'The API server rejects a mount of a volume the pod does not declare.',
    fix: 'declare the volume, or fix the mount name',
    upstream: 'Kubernetes core/validation ValidateVolumeMounts',
    effect: 'reject',
  },
  MOUNT_PATH: {
    id: 'POD-VOL-003',
    title: 'mount paths must be absolute and unique per container',
    why: 'The API server rejects relative or duplicate mount paths.',
    fix: 'mount under an absolute application path such as `/etc/agent`',
    upstream: 'Kubernetes core/validation ValidateVolumeMounts',
    effect: 'reject',
  },
}) satisfies PodRules;
