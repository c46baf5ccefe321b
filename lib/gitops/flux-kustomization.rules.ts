// The rules of a Flux `kustomize.toolkit.fluxcd.io/v1` Kustomization: what its
// CRD schema refuses, and what kustomize-controller cannot do as written.
//
// Upstream references:
//   KT  = fluxcd/kustomize-controller v1.9.4 api/v1/kustomization_types.go
//   KC  = fluxcd/kustomize-controller v1.9.4 internal/controller/kustomization_controller.go
//   INV = fluxcd/kustomize-controller v1.9.4 internal/inventory/inventory.go
//   CEL = fluxcd/pkg runtime/v0.110.1 runtime/cel/ (status_reader.go, status_evaluator.go)
import { defineRules } from '../engine/rule';

/** A Flux `kustomize.toolkit.fluxcd.io/v1` Kustomization. */
export const FLUX_KUSTOMIZATION_RULES = defineRules({
  DURATION: {
    id: 'FLUXKS-DUR-001',
    title: '`spec.interval`, `spec.retryInterval` and `spec.timeout` are durations of the form `1h30m`, `5m`, `30s` or `500ms`',
    why: 'The CRD schema refuses any other text (pattern `^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$`): no sign, no days, no `us` or `ns`, no bare number.',
    fix: 'pass a cdk8s Duration as `interval`, `retryInterval` or `timeout` (the construct writes it in this form) rather than overriding the field',
    yamlFix: 'write the duration with the units h, m, s or ms, e.g. `10m` or `1h30m`',
    upstream: 'KT#L63-75, KT#L162-167 (kubebuilder Pattern)',
    effect: 'reject',
  },
  PATH_OUTSIDE: {
    id: 'FLUXKS-PATH-001',
    title: '`spec.path` stays inside the source: no `..` that climbs above its root',
    why: 'The controller joins the path to the source\'s root with SecureJoin, which clamps a path that climbs above the root back into it: `../apps` is read as `./apps` of the same source, another folder than written (or "kustomization path not found").',
    fix: 'give `path` relative to the root of the source, e.g. `./dist/webhook-agent`',
    yamlFix: 'write `spec.path` relative to the root of the source, e.g. `./dist/webhook-agent`, without `..` above it',
    upstream: 'KC#L370-381 (securejoin.SecureJoin, os.Stat)',
    effect: 'runtime',
  },
  TARGET_NAMESPACE_LENGTH: {
    id: 'FLUXKS-NS-001',
    title: '`spec.targetNamespace` has 1 to 63 characters',
    why: 'The CRD schema refuses an empty value or more than 63 characters (MinLength 1, MaxLength 63).',
    fix: 'pass a namespace name of at most 63 characters as `targetNamespace`, or leave it unset to keep the namespaces of the manifests',
    yamlFix: 'set `spec.targetNamespace` to a namespace name of 1 to 63 characters, or remove it',
    upstream: 'KT#L154-160 (kubebuilder MinLength 1, MaxLength 63)',
    effect: 'reject',
  },
  TARGET_NAMESPACE_NAME: {
    id: 'FLUXKS-NS-002',
    title: '`spec.targetNamespace` is a namespace name: a DNS-1123 label',
    why: 'The CRD checks only the length; kustomize then moves every namespaced object into a namespace that cannot exist, and each one fails to apply (the API server refuses the namespace name): nothing of the Kustomization is applied.',
    fix: 'pass a namespace name (lowercase letters, digits and `-`) as `targetNamespace`',
    yamlFix: 'set `spec.targetNamespace` to a namespace name (lowercase letters, digits and `-`)',
    upstream: 'KT#L154-160 (no pattern); apimachinery ValidateNamespaceName (IsDNS1123Label)',
    effect: 'runtime',
  },
  DEPENDENCY_MISSING: {
    id: 'FLUXKS-DEP-001',
    title: 'every Kustomization of `spec.dependsOn` exists (in the namespace given, else the Kustomization\'s own)',
    why: 'The controller looks each dependency up before it applies anything; a missing one ("dependency \'<ns>/<name>\' not found") keeps the Kustomization waiting forever, and nothing of it is applied.',
    fix: 'depend on a FluxKustomization of the app, or declare one managed elsewhere with `FluxKustomization.fromKustomizationName(name, { namespace })`',
    yamlFix: 'name an existing Kustomization in `spec.dependsOn` (with its `namespace` when it is in another), or declare it external: annotation agents.cdk8s.io/external-refs: "Kustomization/<namespace>/<name>"',
    upstream: 'KC#L245-262, KC#L568-582 (checkDependencies, APIReader.Get)',
    effect: 'runtime',
  },
  DEPENDENCY_CYCLE: {
    id: 'FLUXKS-DEP-002',
    title: 'the Kustomizations of `spec.dependsOn` do not depend on this one, directly or through others',
    why: 'A Kustomization is applied only once each of its dependencies is Ready at the current revision; in a cycle each waits for the other, and none is ever applied ("dependencies do not meet ready condition", retried forever).',
    fix: 'remove one of the dependencies that close the cycle',
    yamlFix: 'remove one of the `spec.dependsOn` entries that close the cycle',
    upstream: 'KC#L555-600 (checkDependencies: Ready and the last applied revision of every dependency)',
    effect: 'runtime',
  },
  SOURCE_MISSING: {
    id: 'FLUXKS-SRC-001',
    title: 'the source of `spec.sourceRef` exists (in the namespace given, else the Kustomization\'s own)',
    why: 'Without its source the controller has no artifact to build ("Source \'GitRepository/<ns>/<name>\' not found") and requeues forever: nothing is applied.',
    fix: 'pass a GitRepository of the app as `sourceRef`, or declare one managed elsewhere with `GitRepository.fromGitRepositoryName(name, { namespace })`',
    yamlFix: 'name an existing source in `spec.sourceRef` (with its `namespace` when it is in another), or declare it external: annotation agents.cdk8s.io/external-refs: "GitRepository/<namespace>/<name>"',
    upstream: 'KC#L211-224 (getSource: "Source \'%s\' not found", requeued at the retry interval)',
    effect: 'runtime',
  },
  HEALTH_EXPR_CURRENT: {
    id: 'FLUXKS-HEALTH-001',
    title: 'each entry of `spec.healthCheckExprs` has a `current` expression',
    why: 'The controller builds the health checks before anything else; an empty `current` is a terminal error ("expression Current not specified"): the Kustomization is stalled and nothing is applied.',
    fix: 'give each custom health check a `current` expression, e.g. "has(status.conditions) && status.conditions.exists(e, e.type == \'Ready\' && e.status == \'True\')"',
    yamlFix: 'set `current` in each entry of `spec.healthCheckExprs`, e.g. "has(status.conditions) && status.conditions.exists(e, e.type == \'Ready\' && e.status == \'True\')"',
    upstream: 'KC#L189-198 (cel.NewStatusReader, TerminalError); CEL status_evaluator.go#L44-46',
    effect: 'runtime',
  },
  HEALTH_EXPR_DUPLICATE: {
    id: 'FLUXKS-HEALTH-002',
    title: 'at most one entry of `spec.healthCheckExprs` per group and kind',
    why: 'A second entry for the same group and kind (or for the same group without a kind) is a terminal error ("duplicate custom health check for GroupKind"): the Kustomization is stalled and nothing is applied.',
    fix: 'keep one custom health check per kind (the library writes those of Knative Services and KEDA objects; `customHealthChecks` replaces them kind by kind)',
    yamlFix: 'merge the entries of `spec.healthCheckExprs` that name the same apiVersion group and kind',
    upstream: 'CEL status_reader.go#L43-58',
    effect: 'runtime',
  },
  HEALTH_EXPR_UNUSED: {
    id: 'FLUXKS-HEALTH-003',
    title: '`spec.healthCheckExprs` are read only with `spec.wait: true` or `spec.healthChecks`',
    why: 'The controller assesses health only when `wait` is true or `healthChecks` lists objects; otherwise the expressions are silently never evaluated, and the Kustomization is Ready as soon as its objects are applied.',
    fix: 'set `wait: true` or list the agents in `healthChecks`, or drop the custom health checks',
    yamlFix: 'set `spec.wait: true` or list objects in `spec.healthChecks`, or remove `spec.healthCheckExprs`',
    upstream: 'KT#L197-201 ("evaluated only when Wait or HealthChecks are specified"); KC#L1018-1021',
    effect: 'ignored',
  },
  HEALTH_CHECKS_WITH_WAIT: {
    id: 'FLUXKS-HEALTH-004',
    title: '`spec.healthChecks` is ignored when `spec.wait` is true',
    why: 'With `wait` the controller checks every object it applied and ignores the list; an object listed there that this Kustomization does not apply (one of another Kustomization) is not waited for.',
    fix: 'choose one: `wait: true` (every object of the Kustomization) or `healthChecks` (the listed agents)',
    yamlFix: 'remove `spec.healthChecks`, or set `spec.wait: false` to check only the listed objects',
    upstream: 'KT#L175-178 ("When enabled, the HealthChecks are ignored"); KC#L1025-1030',
    effect: 'altered',
    severity: 'warning',
  },
  HEALTH_CHECK_NAMESPACE: {
    id: 'FLUXKS-HEALTH-005',
    title: 'a health check on a namespaced kind names its namespace',
    why: 'The controller does not default the namespace of a health check (not even to `targetNamespace`): a namespaced object is looked up without one, is never found, and the health check fails at `timeout`.',
    fix: 'give the agents a namespace (the Chart\'s or their own), or set `targetNamespace`',
    yamlFix: 'set `namespace` in the entry of `spec.healthChecks`',
    upstream: 'INV#L166-191 (ReferenceToObjMetadataSet: the namespace only when given)',
    effect: 'runtime',
  },
  HEALTH_CHECK_API_VERSION: {
    id: 'FLUXKS-HEALTH-006',
    title: 'a health check gives the `apiVersion` of its kind (unset means `apps/v1`)',
    why: 'The controller reads a health check without `apiVersion` as `apps/v1` (for Kustomization v1beta1 manifests); any kind that is not in `apps/v1` is then unknown and the health check fails.',
    fix: 'list the agents in `healthChecks`: the library writes each apiVersion',
    yamlFix: 'set `apiVersion` in the entry of `spec.healthChecks`, e.g. `serving.knative.dev/v1` for a Knative Service',
    upstream: 'INV#L170-173',
    effect: 'runtime',
  },
});
