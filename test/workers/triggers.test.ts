import { Cron, Duration } from 'cdk8s';
import {
  KafkaOffsetResetPolicy, KafkaSaslMechanism, KafkaSaslTokenProvider, PrometheusAuthMode, RabbitMQMode, RabbitMQOperation, RabbitMQProtocol, RedisMode,
  ScaleMetricType, ScaleTrigger, TemporalQueueType, TriggerAuth,
} from '../../lib';
import { manifestErrors } from '../support/rule-cases';
import { KAFKA, scaledJob, scaledObject, trigger, triggerAuthentication, verdict } from './fixtures';

const render = (t: ScaleTrigger) => t._render();

describe('ScaleTrigger factories render the scaler metadata', () => {
  test('kafka: lag threshold, activation, offset reset, SASL and TLS', () => {
    expect(render(ScaleTrigger.kafka({
      ...KAFKA, bootstrapServers: ['a:9092', 'b:9092'], lagThreshold: 100, activationLagThreshold: 5, offsetResetPolicy: KafkaOffsetResetPolicy.EARLIEST,
      sasl: KafkaSaslMechanism.SCRAM_SHA512, tls: true, partitionLimitation: [0, 1, 2], allowIdleConsumers: false, name: 'lag', metricType: ScaleMetricType.VALUE,
    }))).toEqual({
      type: 'kafka', name: 'lag', metricType: 'Value',
      metadata: {
        bootstrapServers: 'a:9092,b:9092', consumerGroup: 'workers', topic: 'tasks', lagThreshold: '100', activationLagThreshold: '5', offsetResetPolicy: 'earliest',
        sasl: 'scram_sha512', tls: 'enable', partitionLimitation: '0,1,2', allowIdleConsumers: 'false',
      },
    });
  });

  test('kafka: AWS MSK IAM', () => {
    expect(render(ScaleTrigger.kafka({ ...KAFKA, sasl: KafkaSaslMechanism.OAUTHBEARER, saslTokenProvider: KafkaSaslTokenProvider.AWS_MSK_IAM, tls: true, awsRegion: 'eu-west-1' })).metadata)
      .toMatchObject({ sasl: 'oauthbearer', saslTokenProvider: 'aws_msk_iam', tls: 'enable', awsRegion: 'eu-west-1' });
  });

  test('prometheus: threshold, auth modes and key=value maps', () => {
    expect(render(ScaleTrigger.prometheus({
      serverAddress: 'http://prom:9090', query: 'sum(x)', threshold: 2.5, activationThreshold: 1, authModes: [PrometheusAuthMode.BEARER, PrometheusAuthMode.TLS],
      queryParameters: { dedup: 'true', partial: 'false' }, ignoreNullValues: false,
    })).metadata).toEqual({
      serverAddress: 'http://prom:9090', query: 'sum(x)', threshold: '2.5', activationThreshold: '1', authModes: 'bearer,tls', queryParameters: 'dedup=true,partial=false', ignoreNullValues: 'false',
    });
  });

  test('cron: cdk8s Cron or text, time zone Etc/UTC by default', () => {
    expect(render(ScaleTrigger.cron({ start: Cron.schedule({ minute: '0', hour: '8', weekDay: '1-5' }), end: '0 18 * * 1-5', desiredReplicas: 3 })).metadata)
      .toEqual({ start: '0 8 * * 1-5', end: '0 18 * * 1-5', timezone: 'Etc/UTC', desiredReplicas: '3' });
  });

  test('rabbitmq: mode, value, protocol, timeout in milliseconds', () => {
    expect(render(ScaleTrigger.rabbitmq({
      queueName: 'q', host: 'https://rmq:15671/', protocol: RabbitMQProtocol.HTTP, mode: RabbitMQMode.MESSAGE_RATE, value: 50, operation: RabbitMQOperation.MAX,
      timeout: Duration.seconds(2), useRegex: true,
    })).metadata).toEqual({ queueName: 'q', host: 'https://rmq:15671/', protocol: 'http', mode: 'MessageRate', value: '50', operation: 'max', timeout: '2000ms', useRegex: 'true' });
  });

  test('aws-sqs-queue: the operator identity as identityOwner', () => {
    expect(render(ScaleTrigger.awsSqsQueue({ queueURL: 'https://sqs.eu-west-1.amazonaws.com/1/q', awsRegion: 'eu-west-1', queueLength: 10, useOperatorIdentity: true })))
      .toEqual({ type: 'aws-sqs-queue', metadata: { queueURL: 'https://sqs.eu-west-1.amazonaws.com/1/q', awsRegion: 'eu-west-1', queueLength: '10', identityOwner: 'operator' } });
    expect(render(ScaleTrigger.awsSqsQueue({ queueURL: 'q', awsRegion: 'eu-west-1', useOperatorIdentity: false })).metadata).toEqual({ queueURL: 'q', awsRegion: 'eu-west-1' });
  });

  test('redis lists: the mode is the trigger type; one address or several', () => {
    expect(render(ScaleTrigger.redisList({ listName: 'l', addresses: ['redis:6379'], listLength: 10 }))).toEqual({ type: 'redis', metadata: { listName: 'l', address: 'redis:6379', listLength: '10' } });
    expect(render(ScaleTrigger.redisList({ listName: 'l', addresses: ['a:6379', 'b:6379'], mode: RedisMode.CLUSTER, enableTLS: true })))
      .toEqual({ type: 'redis-cluster', metadata: { listName: 'l', addresses: 'a:6379,b:6379', enableTLS: 'true' } });
  });

  test('temporal: task-queue backlog, queue types, connect timeout in seconds', () => {
    expect(render(ScaleTrigger.temporal({
      endpoint: 'temporal:7233', taskQueue: 'research', namespace: 'agents', targetQueueSize: 2, queueTypes: [TemporalQueueType.WORKFLOW, TemporalQueueType.ACTIVITY],
      minConnectTimeout: Duration.seconds(10),
    })).metadata).toEqual({ endpoint: 'temporal:7233', taskQueue: 'research', namespace: 'agents', targetQueueSize: '2', queueTypes: 'workflow,activity', minConnectTimeout: '10' });
  });

  test('cpu and memory set their metric type', () => {
    expect(render(ScaleTrigger.cpu({ utilization: 70 }))).toEqual({ type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } });
    expect(render(ScaleTrigger.memory({ averageValue: '512Mi', containerName: 'agent' }))).toEqual({ type: 'memory', metricType: 'AverageValue', metadata: { value: '512Mi', containerName: 'agent' } });
  });

  test('custom takes the metadata as written', () => {
    expect(render(ScaleTrigger.custom('azure-servicebus', { queueName: 'q' }, { name: 'sb', useCachedMetrics: true })))
      .toEqual({ type: 'azure-servicebus', name: 'sb', useCachedMetrics: true, metadata: { queueName: 'q' } });
  });

  test('an authentication reference renders the kind only for a ClusterTriggerAuthentication', () => {
    const t = ScaleTrigger.kafka({ ...KAFKA, auth: TriggerAuth.fromTriggerAuthenticationName('a') });
    expect(t._render({ name: 'a', kind: 'TriggerAuthentication' }).authenticationRef).toEqual({ name: 'a' });
    expect(t._render({ name: 'c', kind: 'ClusterTriggerAuthentication' }).authenticationRef).toEqual({ name: 'c', kind: 'ClusterTriggerAuthentication' });
  });

  test('optionOf maps a metadata key back to the option that wrote it', () => {
    const t = ScaleTrigger.awsSqsQueue({ queueURL: 'q', awsRegion: 'r', useOperatorIdentity: true });
    expect(t.optionOf('identityOwner')).toBe('useOperatorIdentity');
    expect(t.optionOf('queueLength')).toBeUndefined();
  });

  test('a factory never throws on plain-JavaScript garbage (the workload reports it)', () => {
    expect(() => ScaleTrigger.kafka(undefined as any)).not.toThrow();
    expect(() => ScaleTrigger.rabbitmq({ queueName: 'q', timeout: 5 as any })).not.toThrow();
    expect(render(ScaleTrigger.rabbitmq({ queueName: 'q', timeout: 5 as any })).metadata).toEqual({ queueName: 'q' });
  });
});

describe('triggers and the TriggerAuthentication they reference (hand-written manifests)', () => {
  test('the parameters of a referenced TriggerAuthentication satisfy required ones, from any source', () => {
    const ta = triggerAuthentication({ env: [{ parameter: 'host', name: 'RABBIT_HOST' }] }, 'rmq');
    expect(manifestErrors([scaledObject({ triggers: [trigger('rabbitmq', { queueName: 'q' }, { authenticationRef: { name: 'rmq' } })] }), ta])).toEqual([]);
    expect(manifestErrors([scaledObject({ triggers: [trigger('rabbitmq', { queueName: 'q' })] })]).map(verdict)).toEqual(['error [KEDA-TRIGGER-002] manifest#0']);
  });

  test('an aws pod identity with a role gives the scaler awsRoleArn', () => {
    const ta = triggerAuthentication({ podIdentity: { provider: 'aws', roleArn: 'arn:aws:iam::1:role/r' } }, 'aws');
    expect(manifestErrors([scaledJob({ triggers: [trigger('aws-sqs-queue', { queueURL: 'q', awsRegion: 'eu-west-1' }, { authenticationRef: { name: 'aws' } })] }), ta])).toEqual([]);
  });
});
