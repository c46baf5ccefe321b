// Scenario 5: event routing. A Broker receives the shop's events; one Trigger
// sends user.created to the notification agent, another order.placed to the
// fulfillment agent. Only the shop's service account may post to the Broker
// (EventPolicy), which needs OIDC and transport encryption on the cluster.
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AgentKnativeService, BackoffPolicy, Broker, ClusterProfile, EventPolicy, EventPolicyFrom,
} from '../lib';

export function build(app: App): void {
  // OIDC authentication and strict transport encryption: platform/knative-eventing-config-features.yaml, named by cdk8s-agents.yaml.
  ClusterProfile.fromRepositoryConfig(app, 'cluster');
  const chart = new Chart(app, 'event-routing', { namespace: 'shop-agents' });

  const agent = (name: string) => new AgentKnativeService(chart, name, {
    image: `ghcr.io/acme/${name}:2.1.0`,
    timeout: Duration.seconds(60),
    scaling: { maxScale: 10 },
    readinessProbe: kplus.Probe.fromHttpGet('/health'),
  });

  const notifications = agent('notification-agent');
  const fulfillment = agent('fulfillment-agent');
  const deadLetters = agent('dead-letter-handler');

  const broker = new Broker(chart, 'shop-events', {
    delivery: { retry: 5, backoffPolicy: BackoffPolicy.EXPONENTIAL, backoffDelay: Duration.millis(500), deadLetterSink: deadLetters },
  });
  broker.addTrigger('user-created', { subscriber: notifications, filter: { type: 'dev.acme.user.created' } });
  broker.addTrigger('order-placed', { subscriber: fulfillment, filter: { type: 'dev.acme.order.placed' } });

  new EventPolicy(chart, 'shop-events-senders', { to: broker, from: [EventPolicyFrom.serviceAccount('web-shop', 'shop')] });
}
