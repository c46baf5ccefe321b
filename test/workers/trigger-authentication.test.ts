import { Chart, Testing } from 'cdk8s';
import { AgentSecrets, AgentTriggerAuthentication, IdentityOwner, KafkaSaslMechanism, PodIdentity, ScaleTrigger, TriggerAuth } from '../../lib';
import { FindingList } from '../../lib/engine/rule';
import { validateTriggerAuthentication } from '../../lib/workers/trigger-authentication.validator';
import { synthErrors } from '../support/rule-cases';
import { GARBAGE, KAFKA, worker } from './fixtures';

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'agents' });
}

describe('AgentTriggerAuthentication', () => {
  test('snapshot: parameters from the secrets\' key map and a pod identity', () => {
    const c = chart();
    const kafka = AgentSecrets.fromSecretName(c, 'kafka', 'kafka-credentials', { KAFKA_USERNAME: 'username', KAFKA_PASSWORD: 'password' });
    const ca = AgentSecrets.fromSecretName(c, 'ca', 'kafka-ca');
    new AgentTriggerAuthentication(c, 'kafka-auth', {
      secrets: [{ secrets: kafka, parameters: { username: 'KAFKA_USERNAME', password: 'KAFKA_PASSWORD' } }, { secrets: ca, parameters: { ca: 'ca.crt' } }],
      podIdentity: PodIdentity.aws({ roleArn: 'arn:aws:iam::123456789012:role/keda-msk' }),
      labels: { team: 'agents' },
    });
    expect(Testing.synth(c)).toMatchSnapshot();
  });

  test('references each parameter by the Secret key its variable maps to', () => {
    const c = chart();
    const s = AgentSecrets.fromSecretName(c, 's', 'creds', { KAFKA_PASSWORD: 'kafka-password' });
    new AgentTriggerAuthentication(c, 'auth', { secrets: [{ secrets: s, parameters: { password: 'KAFKA_PASSWORD' } }] });
    expect(Testing.synth(c)[0].spec.secretTargetRef).toEqual([{ parameter: 'password', name: 'creds', key: 'kafka-password' }]);
  });

  test('a Secret without a key map: the variable is the key', () => {
    const c = chart();
    new AgentTriggerAuthentication(c, 'auth', { secrets: [{ secrets: AgentSecrets.fromSecretName(c, 's', 'creds'), parameters: { password: 'password' } }] });
    expect(Testing.synth(c)[0].spec.secretTargetRef).toEqual([{ parameter: 'password', name: 'creds', key: 'password' }]);
  });

  test('fails if a parameter names a variable the key map lacks, listing the variables it has', () => {
    expect(synthErrors((c) => new AgentTriggerAuthentication(c, 'auth', {
      secrets: [{ secrets: AgentSecrets.fromSecretName(c, 's', 'creds', { A: 'a', B: 'b' }), parameters: { password: 'C' } }],
    }))).toEqual([expect.stringContaining('error [KEDA-AUTH-006] test/auth: secrets[0].parameters.password = "C": Secret "creds" maps no variable "C" (it maps A, B). Fix: use one of A, B')]);
  });

  test('pod identities render their provider fields', () => {
    expect(PodIdentity.gcp()._render()).toEqual({ provider: 'gcp' });
    expect(PodIdentity.aws({ identityOwner: IdentityOwner.WORKLOAD })._render()).toMatchObject({ provider: 'aws', identityOwner: 'workload' });
    expect(PodIdentity.azureWorkload({ identityId: 'id', tenantId: 't', authorityHost: 'h' })._render())
      .toMatchObject({ provider: 'azure-workload', identityId: 'id', identityTenantId: 't', identityAuthorityHost: 'h' });
  });

  test('fails on props of the wrong type', () => {
    expect(synthErrors((c) => new AgentTriggerAuthentication(c, 'auth', { podIdentity: 'aws' as any })))
      .toEqual([expect.stringContaining('error [PROPS-001] test/auth: podIdentity = "aws": expected a PodIdentity')]);
  });
});

describe('TriggerAuth', () => {
  test('fromAuthentication shares one TriggerAuthentication between workloads', () => {
    const c = chart();
    const s = AgentSecrets.fromSecretName(c, 's', 'kafka-credentials', { U: 'username', P: 'password' });
    const auth = new AgentTriggerAuthentication(c, 'kafka-auth', { secrets: [{ secrets: s, parameters: { username: 'U', password: 'P' } }] });
    const trigger = (topic: string) => ScaleTrigger.kafka({ ...KAFKA, topic, sasl: KafkaSaslMechanism.SCRAM_SHA256, auth: TriggerAuth.fromAuthentication(auth) });
    worker(c, { triggers: [trigger('a')] });
    worker(c, { triggers: [trigger('b')] }, 'other');
    const objects = Testing.synth(c);
    expect(objects.filter((o) => o.kind === 'TriggerAuthentication').map((o) => o.metadata.name)).toEqual(['kafka-auth']);
    expect(objects.filter((o) => o.kind === 'ScaledObject').map((o) => o.spec.triggers[0].authenticationRef)).toEqual([{ name: 'kafka-auth' }, { name: 'kafka-auth' }]);
  });

  test('fromPodIdentity generates a TriggerAuthentication with only the identity', () => {
    const c = chart();
    worker(c, { triggers: [ScaleTrigger.awsSqsQueue({ queueURL: 'tasks', awsRegion: 'eu-west-1', auth: TriggerAuth.fromPodIdentity(PodIdentity.aws()) })] });
    expect(Testing.synth(c).find((o) => o.kind === 'TriggerAuthentication')).toEqual({
      apiVersion: 'keda.sh/v1alpha1', kind: 'TriggerAuthentication', metadata: { name: 'worker-aws-sqs-queue-auth', namespace: 'agents' }, spec: { podIdentity: { provider: 'aws' } },
    });
  });
});

describe('the TriggerAuthentication validator never throws on what a YAML file may hold', () => {
  test.each(GARBAGE.map((g) => [JSON.stringify(g) ?? String(g), g]))('%s', (_, g) => {
    expect(() => validateTriggerAuthentication(g, new FindingList())).not.toThrow();
  });
});
