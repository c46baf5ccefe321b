// Rule cases of the secrets domain (run by test/rules.test.ts).
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentKnativeService, AgentSecrets, CreationPolicy, DeletionPolicy, SealingScope, SecretStore } from '../../lib';
import { RuleCases } from '../support/rule-cases';

const IMAGE = 'ghcr.io/acme/agent:1.0.0';
const CIPHER = `Ag${'B'.repeat(96)}==`;
const vault = SecretStore.cluster('vault');

const externalSecret = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'es', namespace: 'agents' }) => ({
  apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata, spec,
});
const storeRef = { kind: 'ClusterSecretStore', name: 'vault' };
const datum = (secretKey: string, key = 'k') => ({ secretKey, remoteRef: { key } });
const sealed = (metadata: Record<string, unknown>, encryptedData: Record<string, string> = { A: CIPHER }) => ({
  apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata, spec: { encryptedData },
});
/** A hand-written Knative Service reading `cfg` (and more) with envFrom. */
const serviceWithEnvFrom = (envFrom: unknown[], env?: unknown[]) => ({
  apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'agent', namespace: 'agents' },
  spec: { template: { spec: { containers: [{ image: IMAGE, envFrom, env }] } } },
});
const configMap = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'agents' }, data });

const agent = (c: Chart, secrets: AgentSecrets[] | ReturnType<typeof AgentSecrets.fromSecretName>[], env?: Record<string, string>) =>
  new AgentKnativeService(c, 'agent', { image: IMAGE, secrets, env });

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'SECRET-003', name: 'a key of AgentSecrets is not an env var name',
      build: (c) => new AgentSecrets(c, 's', { store: vault, keys: { '1PASSWORD_TOKEN': 'op/token' } }),
      field: 'keys.1PASSWORD_TOKEN', value: '"1PASSWORD_TOKEN"', path: 'test/s',
    },
    {
      id: 'SECRET-003', name: 'a sealed key is not an env var name (and the agent would silently skip it)',
      build: (c) => agent(c, [AgentSecrets.fromSealedSecret(c, 's', { encryptedData: { 'api key': CIPHER } }) as AgentSecrets]),
      field: 'encryptedData.api key', value: '"api key"', path: 'test/s', also: ['SECRET-ENV-002'],
    },
    {
      id: 'SECRET-004', name: 'plaintext values are rendered (unsafePlaintext)',
      build: (c) => AgentSecrets.unsafePlaintext(c, 's', { values: { OPENAI_API_KEY: 'sk-test' } }),
      field: 'stringData', value: '["OPENAI_API_KEY"]', path: 'test/s',
    },
    {
      id: 'SECRET-004', name: 'a hand-written Secret carries data',
      manifests: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'agents' }, data: { token: 'c2VjcmV0' } }],
      field: 'data', value: '["token"]',
    },
    {
      id: 'SECRET-005', name: 'a single value names a variable the secrets do not provide',
      build: (c) => new AgentKnativeService(c, 'agent', {
        image: IMAGE, secretEnv: { JIRA_TOKEN: { secrets: new AgentSecrets(c, 's', { store: vault, keys: { JIRA_API_TOKEN: 'jira' } }), variable: 'JIRA_TOKEN' } },
      }),
      field: 'secretEnv.JIRA_TOKEN.variable', value: '"JIRA_TOKEN"',
    },
    {
      id: 'SECRET-ES-001', name: 'AgentSecrets maps no key (empty ExternalSecret)',
      build: (c) => new AgentSecrets(c, 's', { store: vault, keys: {} }), field: 'spec.data', value: '[]', path: 'test/s',
    },
    {
      id: 'SECRET-ES-002', name: 'deletionPolicy Delete on a merged Secret ESO does not own',
      build: (c) => new AgentSecrets(c, 's', { store: vault, keys: { A: 'a' }, creationPolicy: CreationPolicy.MERGE, deletionPolicy: DeletionPolicy.DELETE }),
      field: 'spec.target.deletionPolicy', value: '"Delete"', path: 'test/s',
    },
    {
      id: 'SECRET-ES-002', name: 'deletionPolicy Merge with creationPolicy None',
      build: (c) => new AgentSecrets(c, 's', { store: vault, keys: { A: 'a' }, creationPolicy: CreationPolicy.NONE, deletionPolicy: DeletionPolicy.MERGE }),
      field: 'spec.target.deletionPolicy', value: '"Merge"', path: 'test/s',
    },
    {
      id: 'SECRET-ES-003', name: 'two data entries write one key (default Retain)',
      manifests: [externalSecret({ secretStoreRef: storeRef, data: [datum('TOKEN', 'a'), datum('TOKEN', 'b')] })],
      field: 'spec.data[1].secretKey', value: '"TOKEN"',
    },
    {
      id: 'SECRET-ES-004', name: 'the refresh interval is negative',
      build: (c) => new AgentSecrets(c, 's', { store: vault, keys: { A: 'a' }, refreshInterval: { toMilliseconds: () => -5000 } as any }),
      field: 'spec.refreshInterval', value: '"-5s"', path: 'test/s',
    },
    {
      id: 'SECRET-ES-004', name: 'a hand-written refresh interval is not a Go duration',
      manifests: [externalSecret({ refreshInterval: '1 hour', secretStoreRef: storeRef, data: [datum('A')] })],
      field: 'spec.refreshInterval', value: '"1 hour"',
    },
    {
      id: 'SECRET-ES-005', name: 'a secretKey has a space',
      manifests: [externalSecret({ secretStoreRef: storeRef, data: [datum('api key')] })],
      field: 'spec.data[0].secretKey', value: '"api key"',
    },
    {
      id: 'SECRET-ES-006', name: 'the store name has uppercase letters',
      build: (c) => new AgentSecrets(c, 's', { store: SecretStore.cluster('Vault'), keys: { A: 'a' } }),
      field: 'spec.secretStoreRef.name', value: '"Vault"', path: 'test/s',
    },
    {
      id: 'SECRET-ES-006', name: 'the target name has an underscore',
      build: (c) => new AgentSecrets(c, 's', { store: vault, keys: { A: 'a' }, targetName: 'agent_env' }),
      field: 'spec.target.name', value: '"agent_env"', path: 'test/s',
    },
    {
      id: 'SECRET-ES-007', name: 'a hand-written ExternalSecret has data but no store',
      manifests: [externalSecret({ data: [datum('A')] })], field: 'spec.data[0]', value: '{"secretKey"',
    },
    {
      id: 'SECRET-ES-008', name: 'a dataFrom entry has no source',
      manifests: [externalSecret({ secretStoreRef: storeRef, dataFrom: [{}] })], field: 'spec.dataFrom[0]', value: '{}',
    },
    {
      id: 'SECRET-ES-008', name: 'a dataFrom entry has two sources',
      manifests: [externalSecret({ secretStoreRef: storeRef, dataFrom: [{ extract: { key: 'a' }, find: { name: { regexp: '.*' } } }] })],
      field: 'spec.dataFrom[0]', value: '{"extract"',
    },
    {
      id: 'SECRET-ES-008', name: 'a dataFrom sourceRef names neither a generator nor a store',
      manifests: [externalSecret({ secretStoreRef: storeRef, dataFrom: [{ sourceRef: {} }] })], field: 'spec.dataFrom[0].sourceRef', value: '{}',
    },
    {
      id: 'SECRET-SEAL-001', name: 'a SealedSecret has no encrypted value',
      build: (c) => AgentSecrets.fromSealedSecret(c, 's', { encryptedData: {} }), field: 'spec.encryptedData', value: '{}', path: 'test/s',
    },
    {
      id: 'SECRET-SEAL-002', name: 'a plaintext value is passed as encryptedData (never echoed)',
      build: (c) => AgentSecrets.fromSealedSecret(c, 's', { encryptedData: { ANTHROPIC_API_KEY: 'sk-ant-api03-plaintext!' } }),
      field: 'spec.encryptedData["ANTHROPIC_API_KEY"]', value: '"(23 characters, not shown)"', path: 'test/s',
    },
    {
      id: 'SECRET-SEAL-002', name: 'an encrypted value is base64 but far too short for ciphertext',
      manifests: [sealed({ name: 's', namespace: 'agents' }, { A: 'c2VjcmV0' })], field: 'spec.encryptedData["A"]', value: '"(8 characters, not shown)"',
    },
    {
      id: 'SECRET-SEAL-003', name: 'a strict SealedSecret has no namespace',
      build: (c) => AgentSecrets.fromSealedSecret(new Chart(c.node.root as any, 'plain'), 's', { encryptedData: { A: CIPHER } }),
      field: 'metadata.namespace', value: '(unset)', path: 'plain/s',
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
        AgentSecrets.fromSealedSecret(c, 'b', { encryptedData: { ANTHROPIC_API_KEY: CIPHER } }) as AgentSecrets,
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
    { name: 'AgentSecrets keys with dots and dashes', build: (c) => agent(c, [new AgentSecrets(c, 's', { store: vault, keys: { 'app.log-level': 'x', _TOKEN: 'y' } })]) },
    { name: 'deletionPolicy Delete when ESO owns the Secret', build: (c) => new AgentSecrets(c, 's', { store: vault, keys: { A: 'a' }, deletionPolicy: DeletionPolicy.DELETE }) },
    { name: 'deletionPolicy Merge with creationPolicy Merge', build: (c) => new AgentSecrets(c, 's', { store: vault, keys: { A: 'a' }, creationPolicy: CreationPolicy.MERGE, deletionPolicy: DeletionPolicy.MERGE }) },
    { name: 'a refresh interval of 0s (fetch once)', build: (c) => new AgentSecrets(c, 's', { store: vault, keys: { A: 'a' }, refreshInterval: { toMilliseconds: () => 0 } as any }) },
    { name: 'duplicate secretKeys when deletionPolicy is Delete (not checked upstream)', manifests: [externalSecret({ secretStoreRef: storeRef, target: { deletionPolicy: 'Delete' }, data: [datum('A'), datum('A')] })] },
    { name: 'a data entry with its own store and no secretStoreRef', manifests: [externalSecret({ data: [{ ...datum('A'), sourceRef: { storeRef: { name: 'vault', kind: 'ClusterSecretStore' } } }] })] },
    { name: 'dataFrom with a generator only', manifests: [externalSecret({ dataFrom: [{ sourceRef: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name: 'pw' } } }] })] },
    { name: 'a cluster-wide SealedSecret without namespace', manifests: [sealed({ name: 's', annotations: { 'sealedsecrets.bitnami.com/cluster-wide': 'true' } })] },
    { name: 'a namespace-wide SealedSecret (construct) in a chart without namespace', build: (c) => AgentSecrets.fromSealedSecret(new Chart(c.node.root as any, 'plain'), 's', { encryptedData: { A: CIPHER }, scope: SealingScope.NAMESPACE_WIDE }) },
    { name: 'a single value under another name next to the whole secrets', build: (c) => {
      const s = new AgentSecrets(c, 's', { store: vault, keys: { JIRA_API_TOKEN: 'jira' } });
      new AgentKnativeService(c, 'agent', { image: IMAGE, secrets: [s], secretEnv: { JIRA_TOKEN: { secrets: s, variable: 'JIRA_API_TOKEN' } } });
    } },
    { name: 'an env var next to a Secret whose keys are unknown', build: (c) => agent(c, [AgentSecrets.fromSecretName(c, 's', 'creds')], { LOG_LEVEL: 'info' }) },
    { name: 'envFrom prefixes that keep two sources apart', manifests: [serviceWithEnvFrom([{ configMapRef: { name: 'cfg' }, prefix: 'A_' }, { configMapRef: { name: 'cfg' }, prefix: 'B_' }]), configMap('cfg', { LOG_LEVEL: 'info' })] },
    { name: 'a ConfigMap of the same name in another namespace', manifests: [serviceWithEnvFrom([{ configMapRef: { name: 'cfg' } }], [{ name: 'LOG_LEVEL', value: 'x' }]), { ...configMap('cfg', { LOG_LEVEL: 'info' }), metadata: { name: 'cfg', namespace: 'other' } }] },
  ],
};
