// Scenario 8: queue workers on KEDA. A ticket worker consumes `support-tickets`
// as a Deployment that a ScaledObject scales on the consumer group's lag
// (lagThreshold 100, 0..30 replicas); long research requests run as one Job
// per message from a ScaledJob. Both authenticate to Kafka with SASL/SCRAM
// through one TriggerAuthentication built from the Secret's keys.
import { App, Chart, Duration } from 'cdk8s';
import {
  AgentJob, AgentSecrets, AgentTriggerAuthentication, AgentWorker, ClusterProfile, JobRestartPolicy, KafkaSaslMechanism, ScaleTrigger, TriggerAuth,
} from '../lib';

const BOOTSTRAP = ['kafka-bootstrap.kafka:9093'];

export function build(app: App): void {
  ClusterProfile.fromRepositoryConfig(app, 'cluster'); // cdk8s-agents.yaml
  const chart = new Chart(app, 'queue-worker', { namespace: 'agents' });

  const kafka = AgentSecrets.fromSecretName(chart, 'kafka-credentials', 'kafka-credentials', {
    KAFKA_USERNAME: 'username',
    KAFKA_PASSWORD: 'password',
  });
  const model = AgentSecrets.fromSecretName(chart, 'model-api', 'model-api', { ANTHROPIC_API_KEY: 'anthropic-api-key' });
  const kafkaAuth = new AgentTriggerAuthentication(chart, 'kafka-scaler-auth', {
    secrets: [{ secrets: kafka, parameters: { username: 'KAFKA_USERNAME', password: 'KAFKA_PASSWORD' } }],
  });
  const lag = (consumerGroup: string, topic: string, lagThreshold: number) => ScaleTrigger.kafka({
    bootstrapServers: BOOTSTRAP,
    consumerGroup,
    topic,
    lagThreshold,
    sasl: KafkaSaslMechanism.SCRAM_SHA512,
    tls: true,
    auth: TriggerAuth.fromAuthentication(kafkaAuth),
  });

  new AgentWorker(chart, 'ticket-worker', {
    image: 'ghcr.io/acme/ticket-worker:2.0.1',
    env: { KAFKA_BOOTSTRAP_SERVERS: BOOTSTRAP.join(','), KAFKA_TOPIC: 'support-tickets', KAFKA_CONSUMER_GROUP: 'ticket-worker' },
    secrets: [kafka, model],
    minReplicas: 0,
    maxReplicas: 30,
    cooldownPeriod: Duration.minutes(5),
    terminationGracePeriod: Duration.seconds(60),
    triggers: [lag('ticket-worker', 'support-tickets', 100)],
  });

  new AgentJob(chart, 'research-job', {
    image: 'ghcr.io/acme/research-agent:0.9.0',
    env: { KAFKA_BOOTSTRAP_SERVERS: BOOTSTRAP.join(','), KAFKA_TOPIC: 'research-requests', KAFKA_CONSUMER_GROUP: 'research-job' },
    secrets: [kafka, model],
    // One Job per waiting message, at most 20 at once.
    maxReplicas: 20,
    restartPolicy: JobRestartPolicy.NEVER,
    backoffLimit: 2,
    activeDeadline: Duration.hours(1),
    ttlAfterFinished: Duration.hours(1),
    successfulJobsHistoryLimit: 10,
    failedJobsHistoryLimit: 10,
    triggers: [lag('research-job', 'research-requests', 1)],
  });
}
