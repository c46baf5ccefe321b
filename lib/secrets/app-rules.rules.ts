import { defineRules } from '../engine/rule';

/** Rules over every object of the app: the env vars Secrets and ConfigMaps feed into containers, the stores ExternalSecrets read. */
export const SECRET_ENV_RULES = defineRules({
  ENV_CONFLICT: {
    id: 'SECRET-ENV-001',
    title: 'two sources define the same environment variable for one container',
    why: 'Kubernetes does not reject it: `env` silently wins over `envFrom`, and a later `envFrom` source over an earlier one, so the agent gets one of the values without any error.',
    fix: 'rename one of the variables (a key map, or an `envFrom` prefix), or drop one source',
    yamlFix: 'rename one of the variables (an `env` name, or an `envFrom` prefix), or drop one source',
    upstream: 'Kubernetes kubelet makeEnvironmentVariables (envFrom in order, then env overrides)',
    effect: 'ignored',
  },
  TWO_OWNERS: {
    id: 'SECRET-APP-001',
    title: 'one Secret is written by one owner: an ExternalSecret, a SealedSecret or the Secret itself',
    why: 'Two ExternalSecrets with one target fight: the second is refused by External Secrets or overwrites the first on every refresh; an ExternalSecret (creationPolicy Owner or Orphan) or a SealedSecret over a Secret the repository also applies is rewritten by the controller and reverted by every apply. Either way the agent reads whichever value was written last.',
    fix: 'keep one owner per Secret: give the others another target name, or use `creationPolicy: Merge` to add keys to a Secret another owner creates',
    upstream: 'external-secrets: ExternalSecret reconcile (target ownership, creationPolicy Owner/Orphan/Merge/None); sealed-secrets controller (owns the Secret it unseals); GitOps apply reverts foreign writes',
    effect: 'runtime',
  },
  OTHER_NAMESPACE: {
    id: 'SECRET-APP-002',
    title: 'a pod reads Secrets and ConfigMaps of its own namespace only',
    why: 'A secretKeyRef, secretRef, configMapRef or volume names an object in the pod\'s namespace (there is no namespace field). When the only Secret or ConfigMap of that name is in another namespace, the pod never starts (CreateContainerConfigError) or never mounts its volume.',
    fix: 'create the Secret in the agent\'s namespace (AgentSecrets in the same Chart namespace, or its `namespace` prop), or move the agent',
    yamlFix: 'create the Secret or ConfigMap in the pod\'s namespace (an ExternalSecret or SealedSecret there), or move the workload',
    upstream: 'Kubernetes core/v1 SecretKeySelector, SecretEnvSource, SecretVolumeSource (no namespace: the pod\'s own); kubelet CreateContainerConfigError',
    effect: 'runtime',
  },
  ENV_FROM_KEY: {
    id: 'SECRET-ENV-002',
    title: 'a key exposed through `envFrom` is not a valid environment variable name',
    why: 'The kubelet skips such keys and only records an event ("InvalidEnvironmentVariableNames"): the container starts without the value.',
    fix: 'rename the key, or map it to a valid name with a `secretKeyRef`/`configMapKeyRef` env var',
    upstream: 'Kubernetes kubelet makeEnvironmentVariables (invalid envFrom keys skipped)',
    effect: 'ignored',
  },
  STORE_KIND: {
    id: 'SECRET-APP-003',
    title: 'the store an ExternalSecret names exists with that kind, in its namespace',
    why: 'ESO looks a `SecretStore` up in the ExternalSecret\'s namespace and a `ClusterSecretStore` cluster-wide. When the store of that name is of the other kind, or a SecretStore of another namespace, the lookup fails: the ExternalSecret never syncs.',
    fix: 'pass the store construct itself as `store` (its kind follows), and keep a NamespacedSecretStore in the namespace of the secrets',
    yamlFix: 'set `secretStoreRef.kind` to the kind of the store, or create the SecretStore in the ExternalSecret\'s namespace',
    upstream: `external-secrets v2.9.0 pkg/controllers/secretstore/client_manager.go#L188-209 (getStore)`,
    effect: 'runtime',
  },
  STORE_CONDITIONS: {
    id: 'SECRET-APP-004',
    title: 'a ClusterSecretStore\'s `conditions` admit the namespace of the ExternalSecrets that use it',
    why: 'ESO refuses to serve an ExternalSecret from a namespace no condition matches: it never syncs.',
    fix: 'add the namespace to the store\'s `conditions`, or use a store that serves it',
    yamlFix: 'add the namespace to `spec.conditions[].namespaces` (or a matching regex or label) of the ClusterSecretStore',
    upstream: `external-secrets v2.9.0 pkg/controllers/secretstore/client_manager.go#L227-279 (shouldProcessSecret)`,
    effect: 'runtime',
  },
});
