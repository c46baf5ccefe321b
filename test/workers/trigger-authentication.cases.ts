// Rule cases for TriggerAuthentication and ClusterTriggerAuthentication (KEDA-AUTH-*).
import { AgentSecrets, AgentTriggerAuthentication, IdentityOwner, KafkaSaslMechanism, PodIdentity, ScaleTrigger, TriggerAuth } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { KAFKA, secretRefs, triggerAuthentication, worker } from './fixtures';

const AUTH_PATH = 'test/auth';

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'KEDA-AUTH-007', name: 'a namespaced TriggerAuthentication reads its parameters from a file (YAML)',
      manifests: [triggerAuthentication({ filePath: '/mnt/auth/creds.json' })], field: 'spec.filePath', value: '"/mnt/auth/creds.json"',
    },
    {
      id: 'KEDA-AUTH-001', name: 'an azure-workload identity with an empty identityId',
      build: (c) => new AgentTriggerAuthentication(c, 'auth', { podIdentity: PodIdentity.azureWorkload({ identityId: '' }) }), path: AUTH_PATH,
      field: 'spec.podIdentity.identityId', value: '""',
    },
    {
      id: 'KEDA-AUTH-001', name: 'an authority host without tenant (YAML)',
      manifests: [triggerAuthentication({ podIdentity: { provider: 'azure-workload', identityAuthorityHost: 'https://login.microsoftonline.com/' } })],
      field: 'spec.podIdentity.identityTenantId', value: '(unset)',
    },
    {
      id: 'KEDA-AUTH-001', name: 'an empty tenant on a ClusterTriggerAuthentication (YAML)',
      manifests: [triggerAuthentication({ podIdentity: { provider: 'azure-workload', identityTenantId: '' } }, 'azure', 'ClusterTriggerAuthentication')],
      field: 'spec.podIdentity.identityTenantId', value: '""',
    },
    {
      id: 'KEDA-AUTH-002', name: 'an aws roleArn owned by the workload',
      build: (c) => new AgentTriggerAuthentication(c, 'auth', { podIdentity: PodIdentity.aws({ roleArn: 'arn:aws:iam::1:role/keda', identityOwner: IdentityOwner.WORKLOAD }) }), path: AUTH_PATH,
      field: 'spec.podIdentity.roleArn', value: '"arn:aws:iam::1:role/keda"',
    },
    {
      id: 'KEDA-AUTH-002', name: 'an aws externalId without roleArn',
      build: (c) => new AgentTriggerAuthentication(c, 'auth', { podIdentity: PodIdentity.aws({ externalId: 'x-1' }) }), path: AUTH_PATH,
      field: 'spec.podIdentity.externalID', value: '"x-1"',
    },
    {
      id: 'KEDA-AUTH-003', name: 'an oauth2 tokenUrl that is not an absolute http(s) URL (YAML)',
      manifests: [triggerAuthentication({ oauth2: { type: 'clientCredentials', clientId: 'keda', tokenUrl: 'idp.example.com/token' } })],
      field: 'spec.oauth2.tokenUrl', value: '"idp.example.com/token"',
    },
    {
      id: 'KEDA-AUTH-003', name: 'an oauth2 block with an empty clientId (YAML)',
      manifests: [triggerAuthentication({ oauth2: { type: 'clientCredentials', clientId: '', tokenUrl: 'https://idp.example.com/token' } })],
      field: 'spec.oauth2.clientId', value: '""',
    },
    {
      id: 'KEDA-AUTH-004', name: 'the secrets name a Secret that is not a DNS-1123 subdomain',
      build: (c) => new AgentTriggerAuthentication(c, 'auth', { secrets: [{ secrets: AgentSecrets.fromSecretName(c, 's', 'Kafka_Creds', { KAFKA_PASSWORD: 'password' }), parameters: { password: 'KAFKA_PASSWORD' } }] }),
      path: AUTH_PATH, field: 'spec.secretTargetRef[0].name', value: '"Kafka_Creds"',
    },
    {
      id: 'KEDA-AUTH-004', name: 'a Secret key with a space (YAML)',
      manifests: [triggerAuthentication({ secretTargetRef: [{ parameter: 'password', name: 'kafka', key: 'kafka password' }] })],
      field: 'spec.secretTargetRef[0].key', value: '"kafka password"',
    },
    {
      id: 'KEDA-AUTH-005', name: 'two secrets define the same parameter',
      build: (c) => new AgentTriggerAuthentication(c, 'auth', {
        secrets: [
          { secrets: AgentSecrets.fromSecretName(c, 'a', 'a', { P: 'p' }), parameters: { password: 'P' } },
          { secrets: AgentSecrets.fromSecretName(c, 'b', 'b', { P: 'p' }), parameters: { password: 'P' } },
        ],
      }), path: AUTH_PATH, field: 'spec.secretTargetRef[1].parameter', value: '"password"',
    },
    {
      id: 'KEDA-AUTH-005', name: 'a parameter from env and from a Secret (YAML)',
      manifests: [triggerAuthentication({ env: [{ parameter: 'host', name: 'RABBIT_HOST' }], secretTargetRef: secretRefs(['host'], 'rabbit') })],
      field: 'spec.secretTargetRef[0].parameter', value: '"host"',
    },
    {
      id: 'KEDA-AUTH-006', name: 'a trigger parameter names a variable the key map lacks',
      build: (c) => worker(c, { triggers: [ScaleTrigger.kafka({ ...KAFKA, sasl: KafkaSaslMechanism.SCRAM_SHA512,
        auth: TriggerAuth.fromSecrets(AgentSecrets.fromSecretName(c, 's', 'kafka', { KAFKA_USERNAME: 'username', KAFKA_PASSWORD: 'password' }), { username: 'KAFKA_USERNAME', password: 'KAFKA_PASS' }) })] }),
      path: 'test/worker/kafka-auth', field: 'secrets[0].parameters.password', value: '"KAFKA_PASS"',
    },
  ],
  passes: [
    { name: 'an oauth2 block whose type is null (the API server applies the CRD default, clientCredentials; found by the oracle)', manifests: [triggerAuthentication({ oauth2: { type: null, clientId: 'keda', tokenUrl: 'https://idp.example.com/token' } })] },
    { name: 'a ClusterTriggerAuthentication reads its parameters from a file (YAML)', manifests: [triggerAuthentication({ filePath: '/mnt/auth/creds.json' }, 'file', 'ClusterTriggerAuthentication')] },
    { name: 'an aws identity with roleArn and externalId owned by KEDA', build: (c) => new AgentTriggerAuthentication(c, 'auth', { podIdentity: PodIdentity.aws({ roleArn: 'arn:aws:iam::1:role/keda', externalId: 'x-1' }) }) },
    { name: 'an azure-workload identity with tenant and authority host', build: (c) => new AgentTriggerAuthentication(c, 'auth', { podIdentity: PodIdentity.azureWorkload({ identityId: 'id', tenantId: 't', authorityHost: 'https://login.microsoftonline.com/' }) }) },
    { name: 'a gcp identity', build: (c) => new AgentTriggerAuthentication(c, 'auth', { podIdentity: PodIdentity.gcp() }) },
    { name: 'a complete oauth2 block (YAML)', manifests: [triggerAuthentication({ oauth2: { type: 'clientCredentials', clientId: 'keda', tokenUrl: 'https://idp.example.com/token' } })] },
    { name: 'an oauth2 block beside a gcp identity is not checked by the webhook (YAML)', manifests: [triggerAuthentication({ podIdentity: { provider: 'gcp' }, oauth2: { type: 'clientCredentials', clientId: '', tokenUrl: 'x' } })] },
    { name: 'a whole Secret (no key map): the variable is the key', build: (c) => new AgentTriggerAuthentication(c, 'auth', { secrets: [{ secrets: AgentSecrets.fromSecretName(c, 's', 'kafka'), parameters: { password: 'password' } }] }) },
    { name: 'a Secret name with dots', build: (c) => new AgentTriggerAuthentication(c, 'auth', { secrets: [{ secrets: AgentSecrets.fromSecretName(c, 's', 'kafka.creds-v1', { P: 'p' }), parameters: { password: 'P' } }] }) },
  ],
};
