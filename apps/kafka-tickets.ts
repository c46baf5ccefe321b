// Scenario 4: event-driven. Support tickets arrive on the Kafka topic
// `support-tickets`; a KafkaSource authenticated with SASL/SCRAM-SHA-512 over
// TLS (credentials from a Secret, never in dist/) delivers each one to the
// ticket agent, retries with exponential backoff, and sends what still fails
// to a dead-letter agent.
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentKnativeService, AgentSecrets, BackoffPolicy, ClusterProfile, KafkaAuth, KafkaOffset, KafkaTrigger } from '../lib';

export function build(app: App): void {
  ClusterProfile.fromRepositoryConfig(app, 'cluster'); // cdk8s-agents.yaml
  const chart = new Chart(app, 'kafka-tickets', { namespace: 'agents' });

  const modelKey = AgentSecrets.fromSecretName(chart, 'model-api', 'model-api', { ANTHROPIC_API_KEY: 'anthropic-api-key' });
  // The Kafka user Secret (e.g. from Strimzi's KafkaUser, plus the mechanism name).
  const kafkaCredentials = AgentSecrets.fromSecretName(chart, 'kafka-credentials', 'ticket-agent-kafka', {
    KAFKA_USER: 'user',
    KAFKA_PASSWORD: 'password',
    KAFKA_SASL_MECHANISM: 'sasl.mechanism',
    KAFKA_CA_CERT: 'ca.crt',
  });

  const agent = new AgentKnativeService(chart, 'ticket-agent', {
    image: 'ghcr.io/acme/ticket-agent:1.2.0',
    secrets: [modelKey],
    containerConcurrency: 4,
    timeout: Duration.seconds(120),
    scaling: { minScale: 0, maxScale: 20 },
    readinessProbe: kplus.Probe.fromHttpGet('/health'),
  });
  const deadLetters = new AgentKnativeService(chart, 'ticket-dead-letters', {
    image: 'ghcr.io/acme/ticket-dead-letters:1.0.0',
    scaling: { minScale: 0, maxScale: 2 },
  });

  new KafkaTrigger(chart, 'support-tickets', {
    bootstrapServers: ['support-kafka-bootstrap.kafka.svc:9093'],
    topics: ['support-tickets'],
    initialOffset: KafkaOffset.EARLIEST,
    auth: KafkaAuth.scramSha512({ secrets: kafkaCredentials, tls: { caCert: 'KAFKA_CA_CERT' } }),
    sink: agent,
    delivery: {
      retry: 5,
      backoffPolicy: BackoffPolicy.EXPONENTIAL,
      backoffDelay: Duration.seconds(1),
      timeout: Duration.seconds(120),
      deadLetterSink: deadLetters,
    },
  });
}
