// Triggers and near misses of the ExternalSecret rules (SECRET-ES-*).
import { AgentSecrets, CreationPolicy, DeletionPolicy, KeyRewrite, SecretSource, SecretStore, TemplateMergePolicy } from '../../lib';
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
    {
      id: 'SECRET-ES-009', name: 'a hand-written find has neither name nor tags',
      manifests: [externalSecret({ secretStoreRef: storeRef, dataFrom: [{ find: { path: 'prod' } }] })], field: 'spec.dataFrom[0].find', value: '{"path"',
    },
    {
      id: 'SECRET-ES-010', name: 'a find regexp with a lookbehind (JavaScript accepts it, Go does not)',
      build: (c) => new AgentSecrets(c, 's', { store: vault, dataFrom: [SecretSource.find({ nameRegexp: '(?<=prod/)agents' })] }),
      field: 'spec.dataFrom[0].find.name.regexp', value: '"(?<=prod/)agents"', path: 'test/s',
    },
    {
      id: 'SECRET-ES-010', name: 'a rewrite regexp with a backreference',
      build: (c) => new AgentSecrets(c, 's', { store: vault, dataFrom: [SecretSource.extract('prod/api', { rewrite: [KeyRewrite.regexp('(a)\\1', 'b')] })] }),
      field: 'spec.dataFrom[0].rewrite[0].regexp.source', value: '"(a)\\\\1"', path: 'test/s',
    },
    {
      id: 'SECRET-ES-011', name: 'a rewrite entry with two operations',
      manifests: [externalSecret({ secretStoreRef: storeRef, dataFrom: [{ extract: { key: 'a' }, rewrite: [{ regexp: { source: 'a', target: 'b' }, transform: { template: '{{ .value }}' } }] }] })],
      field: 'spec.dataFrom[0].rewrite[0]', value: '{"regexp"',
    },
    {
      id: 'SECRET-ES-012', name: 'a template writes a bootstrap token',
      build: (c) => new AgentSecrets(c, 's', { store: vault, keys: { TOKEN: 'k' }, template: { type: 'bootstrap.kubernetes.io/token', data: { TOKEN: '{{ .TOKEN }}' } } }),
      field: 'spec.target.template.type', value: '"bootstrap.kubernetes.io/token"', path: 'test/s',
    },
    {
      id: 'SECRET-ES-012', name: 'a service-account token template names its ServiceAccount',
      build: (c) => new AgentSecrets(c, 's', { store: vault, keys: { TOKEN: 'k' }, template: { type: 'kubernetes.io/service-account-token', annotations: { 'kubernetes.io/service-account.name': 'admin' } } }),
      field: 'spec.target.template.metadata.annotations["kubernetes.io/service-account.name"]', value: '"kubernetes.io/service-account.name"', path: 'test/s',
    },
    {
      id: 'SECRET-ES-013', name: 'a templateFrom targets a field of the Secret',
      manifests: [externalSecret({ secretStoreRef: storeRef, data: [datum('A')], target: { template: { templateFrom: [{ target: 'type', literal: 'kubernetes.io/tls' }] } } })],
      field: 'spec.target.template.templateFrom[0].target', value: '"type"',
    },
  ],
  passes: [
    { name: 'deletionPolicy Delete when ESO owns the Secret', build: (c) => new AgentSecrets(c, 's', { store: vault, keys: { A: 'a' }, deletionPolicy: DeletionPolicy.DELETE }) },
    { name: 'deletionPolicy Merge with creationPolicy Merge', build: (c) => new AgentSecrets(c, 's', { store: vault, keys: { A: 'a' }, creationPolicy: CreationPolicy.MERGE, deletionPolicy: DeletionPolicy.MERGE }) },
    { name: 'a refresh interval of 0s (fetch once)', build: (c) => new AgentSecrets(c, 's', { store: vault, keys: { A: 'a' }, refreshInterval: { toMilliseconds: () => 0 } as any }) },
    { name: 'duplicate secretKeys when deletionPolicy is Delete (not checked upstream)', manifests: [externalSecret({ secretStoreRef: storeRef, target: { deletionPolicy: 'Delete' }, data: [datum('A'), datum('A')] })] },
    { name: 'a data entry with its own store and no secretStoreRef', manifests: [externalSecret({ data: [{ ...datum('A'), sourceRef: { storeRef: { name: 'vault', kind: 'ClusterSecretStore' } } }] })] },
    { name: 'a find by tags only', build: (c) => new AgentSecrets(c, 's', { store: vault, dataFrom: [SecretSource.find({ tags: { app: 'agents' } })] }) },
    { name: 'a find regexp in Go-only syntax with a rewrite', build: (c) => new AgentSecrets(c, 's', { store: vault, dataFrom: [SecretSource.find({ nameRegexp: '(?i)^prod/agents/', rewrite: [KeyRewrite.regexp('^prod/agents/', ''), KeyRewrite.transform('{{ .value | upper }}')] })] }) },
    { name: 'a merging template of a dockerconfigjson Secret', build: (c) => new AgentSecrets(c, 's', { store: vault, keys: { TOKEN: 'k' }, template: { type: 'kubernetes.io/dockerconfigjson', mergePolicy: TemplateMergePolicy.MERGE, data: { DOCKER_CONFIG: '{"auths":{"ghcr.io":{"auth":"{{ .TOKEN | b64enc }}"}}}' } } }) },
    { name: 'a service-account token template without the ServiceAccount annotation', manifests: [externalSecret({ secretStoreRef: storeRef, data: [datum('A')], target: { template: { type: 'kubernetes.io/service-account-token' } } })] },
    { name: 'templateFrom targets in any case', manifests: [externalSecret({ secretStoreRef: storeRef, data: [datum('A')], target: { template: { templateFrom: [{ target: 'data', literal: 'x' }, { target: 'Annotations', literal: 'y' }] } } })] },
    { name: 'dataFrom with a generator only', manifests: [externalSecret({ dataFrom: [{ sourceRef: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name: 'pw' } } }] })] },
  ],
};
