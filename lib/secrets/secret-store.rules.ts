// The rules of an `external-secrets.io/v1` SecretStore and ClusterSecretStore:
// what the ESO webhook refuses (validateStore, then the provider's
// ValidateStore) and what its providers cannot use.
import { defineRules } from '../engine/rule';

const ESO = 'external-secrets v2.9.0';
const SV = `${ESO} apis/externalsecrets/v1/secretstore_validator.go`;
const ST = `${ESO} apis/externalsecrets/v1/secretstore_types.go`;
const PS = `${ESO} apis/externalsecrets/v1/provider_schema.go`;
const EU = `${ESO} runtime/esutils/utils.go`;
const KC = `${ESO} runtime/esutils/k8s_connection_validate.go`;
const VV = `${ESO} providers/v1/vault/validate.go`;
const VA = `${ESO} providers/v1/vault/auth.go`;

/** Rules of a SecretStore or ClusterSecretStore. */
export const SECRET_STORE_RULES = defineRules({
  ONE_PROVIDER: {
    id: 'SECRET-STORE-001',
    title: 'a store configures exactly one provider',
    why: 'The CRD allows exactly one key under `spec.provider` (minProperties/maxProperties 1) and the webhook refuses any other count: "secret stores must only have exactly one backend specified".',
    fix: 'give one provider: `SecretStoreProvider.vault(...)`, `.awsSecretsManager(...)`, `.kubernetes(...)`, ...',
    yamlFix: 'keep exactly one key under `spec.provider` (`vault`, `aws`, `gcpsm`, `azurekv`, `kubernetes`, ...); use one store per backend',
    upstream: `${PS}#L102-125 (getProviderName); ${ST}#L108-111 (MinProperties=1, MaxProperties=1)`,
    effect: 'reject',
  },
  REFRESH: {
    id: 'SECRET-STORE-002',
    title: 'a store `refreshInterval` is a non-negative number of seconds or Go duration',
    why: 'The field is int-or-string: the webhook refuses a negative number, and a string `time.ParseDuration` refuses or that is negative.',
    fix: 'use `refreshInterval: Duration.minutes(5)` (rendered `5m0s`)',
    yamlFix: 'set `spec.refreshInterval` to seconds (`300`) or a Go duration (`"5m"`)',
    upstream: `${SV}#L78-83; ${ST}#L64-87 (GetRefreshInterval)`,
    effect: 'reject',
  },
  CONDITION_REGEX: {
    id: 'SECRET-STORE-003',
    title: 'a ClusterSecretStore condition `namespaceRegexes` entry compiles as a Go regular expression',
    why: 'The webhook compiles each with Go\'s `regexp.Compile` (RE2) and refuses the store when one fails: lookarounds and backreferences, which JavaScript accepts, are refused.',
    fix: 'write RE2: no lookahead `(?=`, lookbehind `(?<=` or backreference `\\1`; list names in `namespaces` instead',
    yamlFix: 'write RE2 in `spec.conditions[].namespaceRegexes`: no lookahead `(?=`, lookbehind `(?<=` or backreference `\\1`; list names in `namespaces` instead',
    upstream: `${SV}#L106-117 (validateConditions)`,
    effect: 'reject',
  },
  CONDITIONS_NAMESPACED: {
    id: 'SECRET-STORE-004',
    title: '`conditions` are read on a ClusterSecretStore only',
    why: 'A namespaced SecretStore serves its own namespace; the controller never reads its `conditions`, so the restriction written there does not apply.',
    fix: 'drop `conditions`, or make the store a `ClusterSecretStore`',
    yamlFix: 'remove `spec.conditions` from the SecretStore, or make it a ClusterSecretStore',
    upstream: `${ST}#L49-51 ("Relevant only to ClusterSecretStore")`,
    effect: 'ignored',
  },
  FOREIGN_NAMESPACE: {
    id: 'SECRET-STORE-005',
    title: 'a namespaced SecretStore reads credentials of its own namespace only',
    why: 'A SecretStore is usable by anyone who can create ExternalSecrets in its namespace: the webhook refuses a Secret or ServiceAccount selector whose `namespace` names another namespace ("namespace not allowed with namespaced SecretStore").',
    fix: 'drop the `namespace` of the reference (the store\'s own is used), or make the store a ClusterSecretStore',
    yamlFix: 'remove the `namespace` of the selector, or make the store a ClusterSecretStore',
    upstream: `${EU}#L450-471, #L476-497 (ValidateSecretSelector, ValidateReferentSecretSelector, ...); ${VV}#L70-169`,
    effect: 'reject',
  },
  CLUSTER_SELECTOR_NAMESPACE: {
    id: 'SECRET-STORE-006',
    title: 'a Kubernetes-provider ClusterSecretStore names the namespace of its token, client certificate and CA provider',
    why: 'A ClusterSecretStore has no namespace to default to: the webhook refuses `auth.token.bearerToken` or `auth.cert.clientCert` without `namespace` ("cluster scope requires namespace"), and `server.caProvider` without `namespace`; on a SecretStore it refuses a `server.caProvider.namespace`.',
    fix: 'give the `namespace` of the Secret on a ClusterSecretStore; leave it out on a SecretStore',
    yamlFix: 'on a ClusterSecretStore set `namespace` on `auth.token.bearerToken`, `auth.cert.clientCert` and `server.caProvider`; on a SecretStore remove `server.caProvider.namespace`',
    upstream: `${KC}#L69-116 (ValidateKubernetesConnection); ${EU}#L450-459 (ValidateSecretSelector)`,
    effect: 'reject',
  },
  VAULT_SERVER: {
    id: 'SECRET-STORE-007',
    title: 'the Vault `server` is an absolute http(s) URL',
    why: 'ESO hands `server` to the Vault client as its address; anything but `https://host[:port]` (or `http://`) fails every request, so the store never becomes Ready.',
    fix: 'give the full address, e.g. `server: \'https://vault.vault.svc:8200\'`',
    yamlFix: 'set `spec.provider.vault.server` to the full address, e.g. `https://vault.vault.svc:8200`',
    upstream: `${ESO} providers/v1/vault/client.go#L56-58 (cfg.Address = store.Server)`,
    effect: 'runtime',
  },
  VAULT_PLAINTEXT: {
    id: 'SECRET-STORE-008',
    title: 'the Vault `server` is reached over TLS',
    why: 'Over `http://` the Vault token and every secret value cross the network in clear text.',
    fix: 'serve Vault over TLS (`https://`, with `caBundle` or `caProvider` for a private CA), or acknowledge the rule with the reason (a sidecar or mesh encrypts the hop)',
    yamlFix: 'use an `https://` address in `spec.provider.vault.server` (with `caBundle` or `caProvider` for a private CA)',
    upstream: 'library behaviour: secure default (Vault API over TLS)',
    effect: 'exposed',
    severity: 'warning',
  },
  VAULT_AUTH_NONE: {
    id: 'SECRET-STORE-009',
    title: 'a Vault `auth` block names an auth method',
    why: 'With `auth` present and no method in it the Vault client fails "cannot initialize Vault client: no valid auth method specified": the store never becomes Ready.',
    fix: 'give `auth: VaultAuth.kubernetes({ role })`, `VaultAuth.token(...)` or `VaultAuth.appRole(...)`',
    yamlFix: 'set one method under `spec.provider.vault.auth` (`kubernetes`, `tokenSecretRef`, `appRole`, ...), or remove the empty `auth`',
    upstream: `${VA}#L48-133 (setAuth: errAuthFormat)`,
    effect: 'runtime',
  },
  VAULT_AUTH_MANY: {
    id: 'SECRET-STORE-010',
    title: 'a Vault `auth` block names one auth method',
    why: 'ESO tries the methods in a fixed order (tokenSecretRef, appRole, kubernetes, ldap, userPass, jwt, cert, iam, gcp) and uses the first one present: the others are silently unused.',
    fix: 'keep one auth method',
    yamlFix: 'keep one method under `spec.provider.vault.auth`',
    upstream: `${VA}#L79-130 (setAuth: the first method that yields a token wins)`,
    effect: 'altered',
    severity: 'warning',
  },
  VAULT_APPROLE: {
    id: 'SECRET-STORE-011',
    title: 'Vault AppRole auth gives `roleId` or `roleRef`',
    why: 'The webhook refuses an AppRole without a role id from either field.',
    fix: 'give `VaultAuth.appRole({ roleId, secret })`',
    yamlFix: 'set `spec.provider.vault.auth.appRole.roleId`, or `roleRef` (a Secret key holding it)',
    upstream: `${VV}#L77-86`,
    effect: 'reject',
  },
  VAULT_CLIENT_TLS: {
    id: 'SECRET-STORE-012',
    title: 'Vault client TLS gives both the certificate and the key',
    why: 'The webhook refuses `tls.certSecretRef` without `tls.keySecretRef` and the reverse: "both ClientTLS.ClientCert and ClientTLS.SecretRef should be provided".',
    fix: 'give both Secret references, or neither',
    yamlFix: 'set both `spec.provider.vault.tls.certSecretRef` and `keySecretRef`, or neither',
    upstream: `${VV}#L160-169`,
    effect: 'reject',
  },
  VAULT_CAS_V1: {
    id: 'SECRET-STORE-013',
    title: 'Vault check-and-set needs the KV v2 engine',
    why: 'The webhook refuses `checkAndSet.required: true` with `version: v1`: "checkAndSet is not supported with Vault KV version v1".',
    fix: 'use `version: VaultKvVersion.V2` (the default), or drop check-and-set',
    yamlFix: 'set `spec.provider.vault.version: v2`, or remove `checkAndSet.required`',
    upstream: `${VV}#L171-176`,
    effect: 'reject',
  },
  AZURE_CLOUD: {
    id: 'SECRET-STORE-014',
    title: 'an Azure custom cloud needs the Azure SDK and an Active Directory endpoint',
    why: 'The webhook refuses `customCloudConfig` without `useAzureSDK: true` or without `activeDirectoryEndpoint`, and `environmentType: AzureStackCloud` without `customCloudConfig`.',
    fix: 'write the custom cloud with `SecretStoreProvider.raw(\'azurekv\', ...)`: `useAzureSDK: true` and `customCloudConfig.activeDirectoryEndpoint`, or use a public cloud environment',
    yamlFix: 'set `spec.provider.azurekv.useAzureSDK: true` and `customCloudConfig.activeDirectoryEndpoint`, or an `environmentType` other than AzureStackCloud',
    upstream: `${ESO} providers/v1/azure/keyvault/keyvault.go#L339-350`,
    effect: 'reject',
  },
  GCP_PROJECT: {
    id: 'SECRET-STORE-015',
    title: 'a GCP store with a service-account key names its project',
    why: 'With static credentials (`auth.secretRef`) ESO does not ask the metadata server for the project: without `projectID` every client fails "unable to find ProjectID in storeSpec".',
    fix: 'give `projectId`',
    yamlFix: 'set `spec.provider.gcpsm.projectID`',
    upstream: `${ESO} providers/v1/gcp/secretmanager/provider.go#L161-182 (clusterProjectID); workload_identity.go#L59`,
    effect: 'runtime',
  },
  CLUSTER_UNRESTRICTED: {
    id: 'SECRET-STORE-016',
    title: 'a ClusterSecretStore without `conditions` serves every namespace',
    why: 'Anyone who may create an ExternalSecret in any namespace can read, through the store, every secret its identity can read: the store\'s credentials become the whole cluster\'s.',
    fix: 'restrict the store with `conditions: [{ namespaces: [...] }]` (or `namespaceLabels`), use a namespaced SecretStore, or acknowledge the rule with the reason',
    yamlFix: 'set `spec.conditions` (`namespaces`, `namespaceSelector` or `namespaceRegexes`), or use a namespaced SecretStore',
    upstream: `${ESO} pkg/controllers/secretstore/client_manager.go#L227-234 (shouldProcessSecret: no conditions, every namespace)`,
    effect: 'exposed',
    severity: 'warning',
  },
});
