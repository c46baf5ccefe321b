import { Chart, Duration, Testing } from 'cdk8s';
import {
  AgentSecrets, AzureAuthType, CaProviderType, ClusterSecretStore, NamespacedSecretStore, SecretStore, SecretStoreProvider, VaultAuth, VaultKvVersion,
} from '../../lib';
import { synthErrors } from '../support/rule-cases';

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'agents' });
}

const SERVER = 'https://vault.vault.svc:8200';
const vault = (auth = VaultAuth.kubernetes({ role: 'agents' })) => SecretStoreProvider.vault({ server: SERVER, path: 'secret', auth });
/** The provider block a store renders. */
const providerOf = (provider: SecretStoreProvider) => {
  const c = chart();
  new NamespacedSecretStore(c, 'store', { provider });
  return Testing.synth(c)[0].spec.provider;
};

describe('NamespacedSecretStore', () => {
  // GIVEN a Vault store with Kubernetes auth
  const c = chart();
  const store = new NamespacedSecretStore(c, 'vault', { provider: vault() });
  const [ss] = Testing.synth(c);

  test('snapshot of the defaults', () => {
    expect(ss).toMatchSnapshot();
  });

  test('renders an external-secrets.io/v1 SecretStore in the Chart namespace', () => {
    expect(ss.apiVersion).toBe('external-secrets.io/v1');
    expect(ss.kind).toBe('SecretStore');
    expect(ss.metadata).toEqual({ name: 'vault', namespace: 'agents' });
    expect(store.kind).toBe('SecretStore');
    expect(store.namespace).toBe('agents');
  });

  test('Vault defaults: KV v2, Kubernetes auth at the `kubernetes` mount, the controller\'s own token', () => {
    expect(ss.spec).toEqual({
      provider: { vault: { server: SERVER, path: 'secret', version: 'v2', auth: { kubernetes: { role: 'agents', mountPath: 'kubernetes' } } } },
    });
  });

  test('an AgentSecrets reads through it by passing the construct', () => {
    const c2 = chart();
    const s = new NamespacedSecretStore(c2, 'vault', { provider: vault() });
    new AgentSecrets(c2, 'api', { store: s, keys: { JWT_SECRET: 'ai-agents/api' } });
    const es = Testing.synth(c2).find((o) => o.kind === 'ExternalSecret');
    expect(es.spec.secretStoreRef).toEqual({ kind: 'SecretStore', name: 'vault' });
  });

  test('refresh interval and controller', () => {
    const c2 = chart();
    new NamespacedSecretStore(c2, 'vault', { provider: vault(), refreshInterval: Duration.minutes(5), controller: 'eso-internal', namespace: 'platform', labels: { team: 'a' } });
    const [o] = Testing.synth(c2);
    expect(o.spec.refreshInterval).toBe('5m0s');
    expect(o.spec.controller).toBe('eso-internal');
    expect(o.metadata).toEqual({ name: 'vault', namespace: 'platform', labels: { team: 'a' } });
  });
});

describe('ClusterSecretStore', () => {
  test('is cluster-scoped, with the conditions rendered', () => {
    const c = chart();
    const store = new ClusterSecretStore(c, 'vault', {
      provider: vault(),
      conditions: [{ namespaces: ['agents'], namespaceRegexes: ['^team-'], namespaceLabels: { 'eso.acme.dev/allowed': 'true' } }],
    });
    const [o] = Testing.synth(c);
    expect(o).toMatchSnapshot();
    expect(o.kind).toBe('ClusterSecretStore');
    expect(o.metadata.namespace).toBeUndefined();
    expect(o.spec.conditions).toEqual([{ namespaces: ['agents'], namespaceRegexes: ['^team-'], namespaceSelector: { matchLabels: { 'eso.acme.dev/allowed': 'true' } } }]);
    expect(store.kind).toBe('ClusterSecretStore');
    expect(store.namespace).toBeUndefined();
  });

  test('warns without conditions (every namespace), and the warning can be acknowledged', () => {
    expect(synthErrors((c) => new ClusterSecretStore(c, 'vault', { provider: vault() }))).toEqual([
      expect.stringMatching(/^warning \[SECRET-STORE-016\] test\/vault: conditions \(spec\.conditions\)/),
    ]);
    expect(synthErrors((c) => new ClusterSecretStore(c, 'vault', { provider: vault() }).acknowledge('SECRET-STORE-016', 'a platform store: every team namespace reads its own path'))).toEqual([]);
  });
});

describe('SecretStoreProvider', () => {
  test('Vault auth methods', () => {
    expect(providerOf(vault(VaultAuth.token({ name: 'vault-token', key: 'token' }))).vault.auth).toEqual({ tokenSecretRef: { name: 'vault-token', key: 'token' } });
    expect(providerOf(vault(VaultAuth.appRole({ roleId: 'r-1', secretId: { name: 'approle', key: 'secret-id' } }))).vault.auth)
      .toEqual({ appRole: { path: 'approle', roleId: 'r-1', secretRef: { name: 'approle', key: 'secret-id' } } });
    expect(providerOf(vault(VaultAuth.kubernetes({ role: 'r', mountPath: 'k8s-prod', serviceAccount: 'eso-reader' }))).vault.auth)
      .toEqual({ kubernetes: { role: 'r', mountPath: 'k8s-prod', serviceAccountRef: { name: 'eso-reader' } } });
  });

  test('Vault options: KV v1, namespace, private CA', () => {
    const p = providerOf(SecretStoreProvider.vault({
      server: SERVER, path: 'kv', version: VaultKvVersion.V1, namespace: 'team-a', auth: VaultAuth.kubernetes({ role: 'r' }),
      caProvider: { type: CaProviderType.CONFIG_MAP, name: 'vault-ca', key: 'ca.crt' },
    }));
    expect(p.vault).toMatchObject({ version: 'v1', namespace: 'team-a', caProvider: { type: 'ConfigMap', name: 'vault-ca', key: 'ca.crt' } });
  });

  test('AWS Secrets Manager and Parameter Store', () => {
    expect(providerOf(SecretStoreProvider.awsSecretsManager({ region: 'eu-west-1' }))).toEqual({ aws: { service: 'SecretsManager', region: 'eu-west-1' } });
    expect(providerOf(SecretStoreProvider.awsParameterStore({ region: 'eu-west-1', role: 'arn:aws:iam::1:role/r', serviceAccount: 'eso' })))
      .toEqual({ aws: { service: 'ParameterStore', region: 'eu-west-1', role: 'arn:aws:iam::1:role/r', auth: { jwt: { serviceAccountRef: { name: 'eso' } } } } });
    expect(providerOf(SecretStoreProvider.awsSecretsManager({ region: 'eu-west-1', accessKeys: { accessKeyId: { name: 'aws', key: 'id' }, secretAccessKey: { name: 'aws', key: 'secret' } } })).aws.auth)
      .toEqual({ secretRef: { accessKeyIDSecretRef: { name: 'aws', key: 'id' }, secretAccessKeySecretRef: { name: 'aws', key: 'secret' } } });
  });

  test('GCP Secret Manager with Workload Identity', () => {
    expect(providerOf(SecretStoreProvider.gcpSecretManager({ projectId: 'acme', workloadIdentity: { serviceAccount: 'eso', clusterLocation: 'europe-west1', clusterName: 'prod' } })))
      .toEqual({ gcpsm: { projectID: 'acme', auth: { workloadIdentity: { serviceAccountRef: { name: 'eso' }, clusterLocation: 'europe-west1', clusterName: 'prod' } } } });
  });

  test('Azure Key Vault: Workload Identity by default; managed identity; service principal', () => {
    expect(providerOf(SecretStoreProvider.azureKeyVault({ vaultUrl: 'https://kv.vault.azure.net', serviceAccount: 'eso' })))
      .toEqual({ azurekv: { vaultUrl: 'https://kv.vault.azure.net', authType: 'WorkloadIdentity', serviceAccountRef: { name: 'eso' } } });
    expect(providerOf(SecretStoreProvider.azureKeyVault({ vaultUrl: 'https://kv.vault.azure.net', authType: AzureAuthType.MANAGED_IDENTITY, identityId: 'id-1' })).azurekv)
      .toEqual({ vaultUrl: 'https://kv.vault.azure.net', authType: 'ManagedIdentity', identityId: 'id-1' });
    expect(providerOf(SecretStoreProvider.azureKeyVault({
      vaultUrl: 'https://kv.vault.azure.net', tenantId: 't', authType: AzureAuthType.SERVICE_PRINCIPAL, clientId: { name: 'sp', key: 'id' }, clientSecret: { name: 'sp', key: 'secret' },
    })).azurekv.authSecretRef).toEqual({ clientId: { name: 'sp', key: 'id' }, clientSecret: { name: 'sp', key: 'secret' } });
  });

  test('Kubernetes provider with a service account and the cluster CA', () => {
    expect(providerOf(SecretStoreProvider.kubernetes({
      remoteNamespace: 'platform-secrets', serviceAccount: 'eso-reader', caProvider: { type: CaProviderType.CONFIG_MAP, name: 'kube-root-ca.crt', key: 'ca.crt' },
    }))).toEqual({ kubernetes: { remoteNamespace: 'platform-secrets', server: { caProvider: { type: 'ConfigMap', name: 'kube-root-ca.crt', key: 'ca.crt' } }, auth: { serviceAccount: { name: 'eso-reader' } } } });
  });

  test('raw: any other provider, copied', () => {
    const config = { project: 'p', config: 'prd', auth: { secretRef: { dopplerToken: { name: 'doppler', key: 'token' } } } };
    const p = SecretStoreProvider.raw('doppler', config);
    config.project = 'changed';
    expect(providerOf(p)).toEqual({ doppler: { project: 'p', config: 'prd', auth: { secretRef: { dopplerToken: { name: 'doppler', key: 'token' } } } } });
  });
});

describe('fails if', () => {
  test('the provider is no SecretStoreProvider', () => {
    expect(synthErrors((c) => new NamespacedSecretStore(c, 'vault', { provider: { vault: {} } as any }))).toEqual([
      expect.stringMatching(/^error \[PROPS-001\] test\/vault: provider = .*expected a SecretStoreProvider/),
    ]);
  });

  test('a factory gets bad options: named with the factory and the option', () => {
    const lines = synthErrors((c) => new NamespacedSecretStore(c, 'vault', { provider: SecretStoreProvider.vault({ server: 42, auth: 'token' } as any) }));
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/PROPS-001\] test\/vault: provider = .*SecretStoreProvider\.vault\(options\.server\)/),
      expect.stringMatching(/PROPS-001\] test\/vault: provider = .*SecretStoreProvider\.vault\(options\.auth\)/),
    ]));
  });

  test('a Kubernetes provider has no credential, or two', () => {
    expect(synthErrors((c) => new NamespacedSecretStore(c, 'k', { provider: SecretStoreProvider.kubernetes({ remoteNamespace: 'src' }) }))[0])
      .toMatch(/PROPS-001.*give one of serviceAccount, token/);
    expect(synthErrors((c) => new NamespacedSecretStore(c, 'k', { provider: SecretStoreProvider.kubernetes({ remoteNamespace: 'src', serviceAccount: 'a', token: { name: 't', key: 'k' } }) }))[0])
      .toMatch(/PROPS-001.*not several/);
  });

  test('an Azure service principal lacks its client secret', () => {
    expect(synthErrors((c) => new NamespacedSecretStore(c, 'kv', { provider: SecretStoreProvider.azureKeyVault({ vaultUrl: 'https://kv', authType: AzureAuthType.SERVICE_PRINCIPAL, clientId: { name: 'sp', key: 'id' } }) }))[0])
      .toMatch(/PROPS-001.*ServicePrincipal auth needs clientId and clientSecret/);
  });

  test('a reference has a made-up kind', () => {
    expect(synthErrors((c) => new AgentSecrets(c, 's', { store: { kind: 'Vault', name: 'vault' } as any, keys: { A: 'a' } }))).toEqual(expect.arrayContaining([
      expect.stringMatching(/PROPS-001\] test\/s: store\.kind = "Vault": a store is a ClusterSecretStore or a SecretStore/),
    ]));
  });

  test('the reference value class still works as before', () => {
    expect(SecretStore.cluster('vault')).toMatchObject({ kind: 'ClusterSecretStore', name: 'vault' });
  });
});
