// Triggers and near misses of the SecretStore and ClusterSecretStore rules (SECRET-STORE-*).
import { Duration } from 'cdk8s';
import { ClusterSecretStore, NamespacedSecretStore, SecretStoreProvider, VaultAuth, VaultKvVersion } from '../../lib';
import { RuleCases } from '../support/rule-cases';

export const VAULT_SERVER = 'https://vault.vault.svc:8200';
export const k8sAuthVault = (extra: Record<string, unknown> = {}) => ({ server: VAULT_SERVER, path: 'secret', version: 'v2', auth: { kubernetes: { mountPath: 'kubernetes', role: 'agents' } }, ...extra });
/** A hand-written store: `kind` SecretStore (namespace `agents`) or ClusterSecretStore (restricted to `agents`). */
export const store = (kind: 'SecretStore' | 'ClusterSecretStore', provider: Record<string, unknown>, spec: Record<string, unknown> = {}, name = 'vault') => ({
  apiVersion: 'external-secrets.io/v1', kind,
  metadata: kind === 'SecretStore' ? { name, namespace: 'agents' } : { name },
  spec: { provider, ...(kind === 'ClusterSecretStore' ? { conditions: [{ namespaces: ['agents'] }] } : {}), ...spec },
});
const vaultProvider = (options: Record<string, unknown> = {}) => SecretStoreProvider.vault({ server: VAULT_SERVER, path: 'secret', auth: VaultAuth.kubernetes({ role: 'agents' }), ...options });
const ref = (name: string, namespace?: string) => ({ name, key: 'token', namespace });

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'SECRET-STORE-001', name: 'a store configures two providers',
      manifests: [store('SecretStore', { vault: k8sAuthVault(), fake: { data: [] } })], field: 'spec.provider', value: '"vault, fake"',
    },
    {
      id: 'SECRET-STORE-001', name: 'a store configures no provider',
      manifests: [store('SecretStore', {})], field: 'spec.provider', value: '{}',
    },
    {
      id: 'SECRET-STORE-001', name: 'an override adds a second provider',
      build: (c) => new NamespacedSecretStore(c, 'vault', { provider: vaultProvider() }).addOverride('spec.provider.aws', { service: 'SecretsManager', region: 'eu-west-1' }),
      field: 'spec.provider', value: '"vault, aws"', path: 'test/vault',
    },
    {
      id: 'SECRET-STORE-002', name: 'a negative refresh interval',
      build: (c) => new NamespacedSecretStore(c, 'vault', { provider: vaultProvider(), refreshInterval: { toMilliseconds: () => -60000 } as any }),
      field: 'spec.refreshInterval', value: '"-1m', path: 'test/vault',
    },
    {
      id: 'SECRET-STORE-002', name: 'a hand-written refresh interval in words',
      manifests: [store('SecretStore', { vault: k8sAuthVault() }, { refreshInterval: 'hourly' })], field: 'spec.refreshInterval', value: '"hourly"',
    },
    {
      id: 'SECRET-STORE-002', name: 'a negative number of seconds',
      manifests: [store('SecretStore', { vault: k8sAuthVault() }, { refreshInterval: -5 })], field: 'spec.refreshInterval', value: '-5',
    },
    {
      id: 'SECRET-STORE-003', name: 'a namespace regex with a lookahead (JavaScript accepts it, Go does not)',
      build: (c) => new ClusterSecretStore(c, 'vault', { provider: vaultProvider(), conditions: [{ namespaceRegexes: ['^team-(?!admin)'] }] }),
      field: 'spec.conditions[0].namespaceRegexes[0]', value: '"^team-(?!admin)"', path: 'test/vault',
    },
    {
      id: 'SECRET-STORE-004', name: 'conditions on a namespaced SecretStore',
      manifests: [store('SecretStore', { vault: k8sAuthVault() }, { conditions: [{ namespaces: ['agents'] }] })], field: 'spec.conditions', value: '[{"namespaces"',
    },
    {
      id: 'SECRET-STORE-005', name: 'a SecretStore reads its Vault token from another namespace',
      build: (c) => new NamespacedSecretStore(c, 'vault', { provider: vaultProvider({ auth: VaultAuth.token(ref('vault-token', 'platform')) }) }),
      field: 'spec.provider.vault.auth.tokenSecretRef.namespace', value: '"platform"', path: 'test/vault',
    },
    {
      id: 'SECRET-STORE-005', name: 'a SecretStore uses AWS keys of another namespace',
      build: (c) => new NamespacedSecretStore(c, 'aws', { provider: SecretStoreProvider.awsSecretsManager({ region: 'eu-west-1', accessKeys: { accessKeyId: ref('aws', 'platform'), secretAccessKey: ref('aws') } }) }),
      field: 'spec.provider.aws.auth.secretRef.accessKeyIDSecretRef.namespace', value: '"platform"', path: 'test/aws',
    },
    {
      id: 'SECRET-STORE-006', name: 'a Kubernetes-provider ClusterSecretStore with a bearer token without namespace',
      build: (c) => new ClusterSecretStore(c, 'cluster-secrets', { provider: SecretStoreProvider.kubernetes({ remoteNamespace: 'vault-mirror', token: ref('reader-token') }), conditions: [{ namespaces: ['agents'] }] }),
      field: 'spec.provider.kubernetes.auth.token.bearerToken', value: '{"key"', path: 'test/cluster-secrets',
    },
    {
      id: 'SECRET-STORE-006', name: 'a Kubernetes-provider SecretStore whose CA provider names a namespace',
      manifests: [store('SecretStore', { kubernetes: { remoteNamespace: 'src', server: { caProvider: { type: 'ConfigMap', name: 'kube-root-ca.crt', key: 'ca.crt', namespace: 'agents' } }, auth: { serviceAccount: { name: 'reader' } } } })],
      field: 'spec.provider.kubernetes.server.caProvider.namespace', value: '"agents"',
    },
    {
      id: 'SECRET-STORE-007', name: 'the Vault server is a bare host',
      build: (c) => new NamespacedSecretStore(c, 'vault', { provider: vaultProvider({ server: 'vault.vault.svc:8200' }) }),
      field: 'spec.provider.vault.server', value: '"vault.vault.svc:8200"', path: 'test/vault',
    },
    {
      id: 'SECRET-STORE-008', name: 'the Vault server is plain http',
      build: (c) => new NamespacedSecretStore(c, 'vault', { provider: vaultProvider({ server: 'http://vault.vault.svc:8200' }) }),
      field: 'spec.provider.vault.server', value: '"http://vault.vault.svc:8200"', path: 'test/vault',
    },
    {
      id: 'SECRET-STORE-009', name: 'an empty Vault auth block',
      manifests: [store('SecretStore', { vault: k8sAuthVault({ auth: {} }) })], field: 'spec.provider.vault.auth', value: '{}',
    },
    {
      id: 'SECRET-STORE-010', name: 'two Vault auth methods',
      manifests: [store('SecretStore', { vault: k8sAuthVault({ auth: { kubernetes: { mountPath: 'kubernetes', role: 'agents' }, tokenSecretRef: { name: 't', key: 'token' } } }) })],
      field: 'spec.provider.vault.auth', value: '"tokenSecretRef, kubernetes"',
    },
    {
      id: 'SECRET-STORE-011', name: 'an AppRole without a role id',
      manifests: [store('SecretStore', { vault: k8sAuthVault({ auth: { appRole: { path: 'approle', secretRef: { name: 'approle', key: 'secret-id' } } } }) })],
      field: 'spec.provider.vault.auth.appRole', value: '{"path"',
    },
    {
      id: 'SECRET-STORE-012', name: 'a Vault client certificate without its key',
      manifests: [store('SecretStore', { vault: k8sAuthVault({ tls: { certSecretRef: { name: 'vault-client', key: 'tls.crt' } } }) })],
      field: 'spec.provider.vault.tls', value: '{"certSecretRef"',
    },
    {
      id: 'SECRET-STORE-013', name: 'check-and-set on KV v1',
      build: (c) => new NamespacedSecretStore(c, 'vault', { provider: vaultProvider({ version: VaultKvVersion.V1 }) }).addOverride('spec.provider.vault.checkAndSet', { required: true }),
      field: 'spec.provider.vault.checkAndSet.required', value: 'true', path: 'test/vault',
    },
    {
      id: 'SECRET-STORE-014', name: 'an Azure custom cloud without the Azure SDK',
      manifests: [store('SecretStore', { azurekv: { vaultUrl: 'https://kv.example', authType: 'ManagedIdentity', customCloudConfig: { activeDirectoryEndpoint: 'https://login.example' } } })],
      field: 'spec.provider.azurekv.useAzureSDK', value: 'null',
    },
    {
      id: 'SECRET-STORE-014', name: 'Azure Stack without a custom cloud',
      manifests: [store('SecretStore', { azurekv: { vaultUrl: 'https://kv.example', authType: 'ManagedIdentity', environmentType: 'AzureStackCloud' } })],
      field: 'spec.provider.azurekv.environmentType', value: '"AzureStackCloud"',
    },
    {
      id: 'SECRET-STORE-015', name: 'a GCP service-account key without a project',
      build: (c) => new NamespacedSecretStore(c, 'gcp', { provider: SecretStoreProvider.gcpSecretManager({ serviceAccountKey: ref('gcp-key') }) }),
      field: 'spec.provider.gcpsm.projectID', value: 'null', path: 'test/gcp',
    },
    {
      id: 'SECRET-STORE-016', name: 'a ClusterSecretStore without conditions',
      build: (c) => new ClusterSecretStore(c, 'vault', { provider: vaultProvider() }),
      field: 'spec.conditions', value: 'null', path: 'test/vault',
    },
  ],
  passes: [
    { name: 'a Vault SecretStore with Kubernetes auth over https', build: (c) => new NamespacedSecretStore(c, 'vault', { provider: vaultProvider(), refreshInterval: Duration.minutes(5) }) },
    { name: 'a refresh interval in seconds (legacy int)', manifests: [store('SecretStore', { vault: k8sAuthVault() }, { refreshInterval: 300 })] },
    { name: 'a ClusterSecretStore restricted by an RE2 regex (Go-only syntax)', build: (c) => new ClusterSecretStore(c, 'vault', { provider: vaultProvider(), conditions: [{ namespaceRegexes: ['(?i)^team-'] }] }) },
    { name: 'a SecretStore token in its own namespace', build: (c) => new NamespacedSecretStore(c, 'vault', { provider: vaultProvider({ auth: VaultAuth.token(ref('vault-token', 'agents')) }) }) },
    { name: 'a ClusterSecretStore whose Vault token has no namespace (referent: the ExternalSecret\'s)', build: (c) => new ClusterSecretStore(c, 'vault', { provider: vaultProvider({ auth: VaultAuth.token(ref('vault-token')) }), conditions: [{ namespaces: ['agents'] }] }) },
    { name: 'a Kubernetes-provider ClusterSecretStore with a namespaced token', build: (c) => new ClusterSecretStore(c, 'k', { provider: SecretStoreProvider.kubernetes({ remoteNamespace: 'src', token: ref('reader', 'platform') }), conditions: [{ namespaces: ['agents'] }] }) },
    { name: 'Vault AppRole with a role id', build: (c) => new NamespacedSecretStore(c, 'vault', { provider: vaultProvider({ auth: VaultAuth.appRole({ roleId: 'r-1', secretId: ref('approle') }) }) }) },
    { name: 'Vault client TLS with both halves', manifests: [store('SecretStore', { vault: k8sAuthVault({ tls: { certSecretRef: { name: 'c', key: 'tls.crt' }, keySecretRef: { name: 'c', key: 'tls.key' } } }) })] },
    { name: 'check-and-set on KV v2', build: (c) => new NamespacedSecretStore(c, 'vault', { provider: vaultProvider() }).addOverride('spec.provider.vault.checkAndSet', { required: true }) },
    { name: 'Azure custom cloud with the SDK', manifests: [store('SecretStore', { azurekv: { vaultUrl: 'https://kv.example', authType: 'ManagedIdentity', useAzureSDK: true, environmentType: 'AzureStackCloud', customCloudConfig: { activeDirectoryEndpoint: 'https://login.example' } } })] },
    { name: 'a GCP key with its project', build: (c) => new NamespacedSecretStore(c, 'gcp', { provider: SecretStoreProvider.gcpSecretManager({ projectId: 'acme-prod', serviceAccountKey: ref('gcp-key') }) }) },
    { name: 'GCP Workload Identity without a project (from the metadata server)', build: (c) => new NamespacedSecretStore(c, 'gcp', { provider: SecretStoreProvider.gcpSecretManager({ workloadIdentity: { serviceAccount: 'eso' } }) }) },
    { name: 'Azure Key Vault with Workload Identity', build: (c) => new NamespacedSecretStore(c, 'kv', { provider: SecretStoreProvider.azureKeyVault({ vaultUrl: 'https://agents.vault.azure.net', tenantId: 't', serviceAccount: 'eso' }) }) },
    { name: 'AWS Parameter Store through a service account', build: (c) => new NamespacedSecretStore(c, 'ssm', { provider: SecretStoreProvider.awsParameterStore({ region: 'eu-west-1', serviceAccount: 'eso' }) }) },
    { name: 'a raw provider', build: (c) => new NamespacedSecretStore(c, 'fake', { provider: SecretStoreProvider.raw('fake', { data: [{ key: 'k', value: 'v' }] }) }) },
  ],
};
