// Triggers and near misses of the env var rules over the whole app (SECRET-ENV-*).
import * as kplus from 'cdk8s-plus-28';
import { AgentKnativeService, AgentSecrets, ClusterSecretStore, NamespacedSecretStore, SecretStore, SecretStoreProvider, VaultAuth } from '../../lib';
import { IMAGE, CIPHER, vault, externalSecret, storeRef, datum, serviceWithEnvFrom, configMap, agent, sealed } from './fixtures';
import { RuleCases } from '../support/rule-cases';
import { k8sAuthVault, store } from './secret-store.cases';

const vaultProvider = () => SecretStoreProvider.vault({ server: 'https://vault.vault.svc:8200', path: 'secret', auth: VaultAuth.kubernetes({ role: 'agents' }) });

/** A Secret the repository applies itself (as SOPS-encrypted files are). */
const plainSecret = (name: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'agents' }, data: { A: 'YQ==' } });

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'SECRET-APP-003', name: 'an ExternalSecret names as ClusterSecretStore a namespaced SecretStore of the app',
      build: (c) => {
        new NamespacedSecretStore(c, 'vault', { provider: vaultProvider() });
        new AgentSecrets(c, 's', { store: SecretStore.cluster('vault'), keys: { A: 'a' } });
      },
      field: 'spec.secretStoreRef.kind', value: '"vault"', path: 'test/s',
    },
    {
      id: 'SECRET-APP-003', name: 'AgentSecrets use a NamespacedSecretStore of another namespace',
      build: (c) => {
        const vault = new NamespacedSecretStore(c, 'vault', { provider: vaultProvider(), namespace: 'platform' });
        new AgentSecrets(c, 's', { store: vault, keys: { A: 'a' } });
      },
      field: 'spec.secretStoreRef.kind', value: '"vault"', path: 'test/s',
    },
    {
      id: 'SECRET-APP-003', name: 'a hand-written ExternalSecret names as SecretStore a ClusterSecretStore',
      manifests: [store('ClusterSecretStore', { vault: k8sAuthVault() }), externalSecret({ secretStoreRef: { kind: 'SecretStore', name: 'vault' }, data: [datum('A')] })],
      path: 'manifest#1', field: 'spec.secretStoreRef.kind', value: '"vault"',
    },
    {
      id: 'SECRET-APP-004', name: 'the ClusterSecretStore\'s conditions leave out the ExternalSecret\'s namespace',
      build: (c) => {
        const vault = new ClusterSecretStore(c, 'vault', { provider: vaultProvider(), conditions: [{ namespaces: ['platform'], namespaceRegexes: ['^team-'] }] });
        new AgentSecrets(c, 's', { store: vault, keys: { A: 'a' } });
      },
      field: 'spec.secretStoreRef.name', value: '"vault"', path: 'test/s',
    },
    {
      id: 'SECRET-APP-002', name: 'an agent reads AgentSecrets created in another namespace',
      build: (c) => agent(c, [new AgentSecrets(c, 's', { store: vault, keys: { API_KEY: 'k' }, namespace: 'platform' })]),
      field: 'spec.template.spec.containers[0].envFrom[0].secretRef.name', value: '"s"',
    },
    {
      id: 'SECRET-APP-002', name: 'a hand-written Service reads a ConfigMap that exists in another namespace only',
      manifests: [{ ...configMap('cfg', { LOG_LEVEL: 'info' }), metadata: { name: 'cfg', namespace: 'platform' } }, serviceWithEnvFrom([{ configMapRef: { name: 'cfg' } }])],
      path: 'manifest#1', field: 'spec.template.spec.containers[0].envFrom[0].configMapRef.name', value: '"cfg"',
    },
    {
      id: 'SECRET-APP-001', name: 'two ExternalSecrets write one target Secret',
      manifests: [externalSecret({ secretStoreRef: storeRef, target: { name: 'keys' }, data: [datum('A')] }), externalSecret({ secretStoreRef: storeRef, target: { name: 'keys' }, data: [datum('B')] }, { name: 'es-2', namespace: 'agents' })],
      path: 'manifest#1', field: 'spec.target.name', value: '"keys"',
    },
    {
      id: 'SECRET-APP-001', name: 'a Secret applied from the repository and an ExternalSecret that owns it',
      manifests: [plainSecret('es'), externalSecret({ secretStoreRef: storeRef, data: [datum('A')] })], also: ['SECRET-004'],
      path: 'manifest#1', field: 'spec.target.name', value: '"es"',
    },
    {
      id: 'SECRET-APP-001', name: 'a SealedSecret unsealed into the Secret an ExternalSecret writes',
      manifests: [externalSecret({ secretStoreRef: storeRef, target: { name: 'keys' }, data: [datum('A')] }), sealed({ name: 'keys', namespace: 'agents' })],
      path: 'manifest#1', field: 'spec.template.metadata.name', value: '"keys"',
    },
    {
      id: 'SECRET-ENV-001', name: 'an env var is also a key of the agent\'s AgentSecrets (env silently wins)',
      build: (c) => agent(c, [new AgentSecrets(c, 's', { store: vault, keys: { LOG_LEVEL: 'x' } })], { LOG_LEVEL: 'info' }),
      field: 'spec.template.spec.containers[0].env[0].name', value: '"LOG_LEVEL"',
    },
    {
      id: 'SECRET-ENV-001', name: 'two AgentSecrets of one agent define the same variable',
      build: (c) => agent(c, [
        new AgentSecrets(c, 'a', { store: vault, keys: { ANTHROPIC_API_KEY: 'team-a/anthropic' } }),
        AgentSecrets.sealed(c, 'b', { encryptedData: { ANTHROPIC_API_KEY: CIPHER } }) as AgentSecrets,
      ]),
      field: 'spec.template.spec.containers[0].envFrom[1]', value: '"ANTHROPIC_API_KEY"',
    },
    {
      id: 'SECRET-ENV-001', name: 'a hand-written ConfigMap and Secret both feed LOG_LEVEL',
      manifests: [
        serviceWithEnvFrom([{ configMapRef: { name: 'cfg' } }, { secretRef: { name: 'creds' } }]),
        configMap('cfg', { LOG_LEVEL: 'info' }),
        externalSecret({ secretStoreRef: storeRef, target: { name: 'creds' }, data: [datum('LOG_LEVEL')] }),
      ],
      field: 'spec.template.spec.containers[0].envFrom[1]', value: '"LOG_LEVEL"',
    },
    {
      id: 'SECRET-ENV-001', name: 'a ConfigMap of the app and an AgentSecrets both define a variable',
      build: (c) => new AgentKnativeService(c, 'agent', {
        image: IMAGE,
        configMaps: [new kplus.ConfigMap(c, 'cfg', { metadata: { name: 'cfg' }, data: { ANTHROPIC_API_KEY: 'not-here' } })],
        secrets: [new AgentSecrets(c, 's', { store: vault, keys: { ANTHROPIC_API_KEY: 'k' } })],
      }),
      field: 'spec.template.spec.containers[0].envFrom[1]', value: '"ANTHROPIC_API_KEY"',
    },
    {
      id: 'SECRET-ENV-002', name: 'a ConfigMap key read with envFrom is no variable name',
      manifests: [serviceWithEnvFrom([{ configMapRef: { name: 'cfg' } }]), configMap('cfg', { 'log level': 'info' })],
      field: 'spec.template.spec.containers[0].envFrom[0]', value: '"log level"',
    },
  ],
  passes: [
    {
      name: 'AgentSecrets use the app\'s ClusterSecretStore from an admitted namespace',
      build: (c) => new AgentSecrets(c, 's', { store: new ClusterSecretStore(c, 'vault', { provider: vaultProvider(), conditions: [{ namespaceRegexes: ['^agen'] }] }), keys: { A: 'a' } }),
    },
    {
      name: 'AgentSecrets use a NamespacedSecretStore of their namespace',
      build: (c) => new AgentSecrets(c, 's', { store: new NamespacedSecretStore(c, 'vault', { provider: vaultProvider() }), keys: { A: 'a' } }),
    },
    { name: 'a store absent from the objects (the platform\'s)', manifests: [externalSecret({ secretStoreRef: { kind: 'SecretStore', name: 'vault' }, data: [datum('A')] })] },
    {
      name: 'conditions by label cannot be judged from the manifests',
      manifests: [store('ClusterSecretStore', { vault: k8sAuthVault() }, { conditions: [{ namespaceSelector: { matchLabels: { eso: 'yes' } } }] }), externalSecret({ secretStoreRef: storeRef, data: [datum('A')] })],
    },
    { name: 'the agent and its AgentSecrets in one namespace', build: (c) => agent(c, [new AgentSecrets(c, 's', { store: vault, keys: { API_KEY: 'k' } })]) },
    { name: 'a Secret found nowhere among the objects (the platform\'s, or another folder\'s)', manifests: [serviceWithEnvFrom([{ secretRef: { name: 'platform-keys' } }])] },
    {
      name: 'an optional ConfigMap key of another namespace',
      manifests: [{ ...configMap('opt', { A: 'a' }), metadata: { name: 'opt', namespace: 'platform' } }, serviceWithEnvFrom([], [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'opt', key: 'A', optional: true } } }])],
    },
    {
      name: 'an ExternalSecret that merges keys into a Secret another owner creates (creationPolicy Merge)',
      manifests: [externalSecret({ secretStoreRef: storeRef, target: { name: 'keys' }, data: [datum('A')] }), externalSecret({ secretStoreRef: storeRef, target: { name: 'keys', creationPolicy: 'Merge' }, data: [datum('B')] }, { name: 'es-2', namespace: 'agents' })],
    },
    {
      name: 'two ExternalSecrets with one target name in two namespaces',
      manifests: [externalSecret({ secretStoreRef: storeRef, target: { name: 'keys' }, data: [datum('A')] }), externalSecret({ secretStoreRef: storeRef, target: { name: 'keys' }, data: [datum('A')] }, { name: 'es', namespace: 'other' })],
    },
    { name: 'an env var next to a Secret whose keys are unknown', build: (c) => agent(c, [AgentSecrets.fromSecretName(c, 's', 'creds')], { LOG_LEVEL: 'info' }) },
    { name: 'envFrom prefixes that keep two sources apart', manifests: [serviceWithEnvFrom([{ configMapRef: { name: 'cfg' }, prefix: 'A_' }, { configMapRef: { name: 'cfg' }, prefix: 'B_' }]), configMap('cfg', { LOG_LEVEL: 'info' })] },
    {
      name: 'a ConfigMap of the same name in another namespace (its keys are not the pod\'s)',
      manifests: [serviceWithEnvFrom([{ configMapRef: { name: 'cfg' } }], [{ name: 'LOG_LEVEL', value: 'x' }]), configMap('cfg', { MODE: 'fast' }), { ...configMap('cfg', { LOG_LEVEL: 'info' }), metadata: { name: 'cfg', namespace: 'other' } }],
    },
  ],
};
