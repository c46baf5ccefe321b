// Triggers and near misses of the ExternalSecret rules (SECRET-ES-*).
import { AgentSecrets, CreationPolicy, DeletionPolicy, SecretStore } from '../../lib';
import { vault, externalSecret, storeRef, datum } from './fixtures';
import { RuleCases } from '../support/rule-cases';

export const CASES: RuleCases = {
  triggers: [
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
  ],
  passes: [
    { name: 'deletionPolicy Delete when ESO owns the Secret', build: (c) => new AgentSecrets(c, 's', { store: vault, keys: { A: 'a' }, deletionPolicy: DeletionPolicy.DELETE }) },
    { name: 'deletionPolicy Merge with creationPolicy Merge', build: (c) => new AgentSecrets(c, 's', { store: vault, keys: { A: 'a' }, creationPolicy: CreationPolicy.MERGE, deletionPolicy: DeletionPolicy.MERGE }) },
    { name: 'a refresh interval of 0s (fetch once)', build: (c) => new AgentSecrets(c, 's', { store: vault, keys: { A: 'a' }, refreshInterval: { toMilliseconds: () => 0 } as any }) },
    { name: 'duplicate secretKeys when deletionPolicy is Delete (not checked upstream)', manifests: [externalSecret({ secretStoreRef: storeRef, target: { deletionPolicy: 'Delete' }, data: [datum('A'), datum('A')] })] },
    { name: 'a data entry with its own store and no secretStoreRef', manifests: [externalSecret({ data: [{ ...datum('A'), sourceRef: { storeRef: { name: 'vault', kind: 'ClusterSecretStore' } } }] })] },
    { name: 'dataFrom with a generator only', manifests: [externalSecret({ dataFrom: [{ sourceRef: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name: 'pw' } } }] })] },
  ],
};
