// The order in which manifests apply cleanly: what a kind needs exists before
// it (a Namespace before what lives in it, a ServiceAccount and its RBAC before
// the pods and sources that run as it, a Secret before the pods that read it,
// a default-deny policy before the pods it confines, a Broker before its
// Triggers). `kubectl apply -f` goes in file order; Flux applies CRDs and
// Namespaces first and the rest at once, so this order also keeps diffs
// readable: dependencies read before their dependents.
import { valueAt } from '../engine/json';

/** Ranks by group/kind (`core` for the core group); lower applies first. */
const RANKS: readonly (readonly string[])[] = [
  ['core/Namespace'],
  ['apiextensions.k8s.io/CustomResourceDefinition'],
  ['core/ResourceQuota', 'core/LimitRange', 'scheduling.k8s.io/PriorityClass', 'storage.k8s.io/StorageClass'],
  ['core/ServiceAccount'],
  ['rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/Role'],
  ['rbac.authorization.k8s.io/ClusterRoleBinding', 'rbac.authorization.k8s.io/RoleBinding'],
  // sources of secrets and configuration, then what they produce
  ['external-secrets.io/ClusterSecretStore', 'external-secrets.io/SecretStore'],
  ['external-secrets.io/ExternalSecret', 'external-secrets.io/ClusterExternalSecret', 'bitnami.com/SealedSecret', 'core/Secret', 'core/ConfigMap'],
  ['core/PersistentVolume', 'core/PersistentVolumeClaim'],
  // confinement before the pods it confines
  ['networking.k8s.io/NetworkPolicy', 'cilium.io/CiliumNetworkPolicy', 'cilium.io/CiliumClusterwideNetworkPolicy'],
  ['keda.sh/ClusterTriggerAuthentication', 'keda.sh/TriggerAuthentication'],
  // workloads and what addresses them
  [
    'core/Service', 'apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/Job', 'batch/CronJob',
    'serving.knative.dev/Service', 'serving.knative.dev/Configuration', 'serving.knative.dev/Route',
  ],
  // what scales or maps the workloads
  ['keda.sh/ScaledObject', 'keda.sh/ScaledJob', 'autoscaling/HorizontalPodAutoscaler', 'policy/PodDisruptionBudget', 'serving.knative.dev/DomainMapping'],
  // event sinks, then what routes to them, then what emits into them
  ['eventing.knative.dev/Broker', 'messaging.knative.dev/Channel', 'messaging.knative.dev/InMemoryChannel', 'messaging.knative.dev/KafkaChannel', 'sinks.knative.dev/JobSink', 'eventing.knative.dev/KafkaSink'],
  ['flows.knative.dev/Sequence', 'flows.knative.dev/Parallel'],
  ['eventing.knative.dev/Trigger', 'messaging.knative.dev/Subscription'],
  ['sources.knative.dev/*'],
  ['eventing.knative.dev/EventPolicy'],
  // GitOps objects last: they refer to everything above
  ['source.toolkit.fluxcd.io/*', 'kustomize.toolkit.fluxcd.io/*'],
  ['admissionregistration.k8s.io/MutatingWebhookConfiguration', 'admissionregistration.k8s.io/ValidatingWebhookConfiguration'],
];

const RANK_OF = new Map<string, number>(RANKS.flatMap((keys, rank) => keys.map((k) => [k, rank] as [string, number])));
/** Kinds the table does not know go with the workloads: after their configuration, before what refers to them. */
const UNKNOWN_RANK = RANKS.findIndex((keys) => keys.includes('apps/Deployment'));

/** The apply rank of a manifest (lower first); anything that is not a manifest ranks as an unknown kind. */
export function applyRank(manifest: unknown): number {
  const apiVersion = valueAt(manifest, 'apiVersion');
  const kind = valueAt(manifest, 'kind');
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return UNKNOWN_RANK;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? 'core' : apiVersion.slice(0, slash);
  return RANK_OF.get(`${group}/${kind}`) ?? RANK_OF.get(`${group}/*`) ?? UNKNOWN_RANK;
}

/**
 * The manifests in apply order: by rank, and within a rank in the order given
 * (a stable sort, so the dependency order a synth computed is kept). A new copy.
 */
export function inApplyOrder<T>(manifests: readonly T[]): T[] {
  return manifests
    .map((m, i) => ({ m, i, rank: applyRank(m) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((e) => e.m);
}
