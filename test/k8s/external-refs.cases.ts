// Rule cases of references to objects outside the checked files (REF-001):
// in an open world (`check`, the default) a missing object must exist; in a
// closed one (synth, `check --closed`) the rule of the reference applies.
import { RuleCases } from '../support/rule-cases';
import { brokerManifest, serviceRef, triggerManifest } from '../eventing/fixtures';

const scaledObject = (auth: Record<string, unknown>, annotations: Record<string, string> = {}) => ({
  apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'worker', namespace: 'agents', annotations },
  spec: { scaleTargetRef: { name: 'worker' }, minReplicaCount: 1, triggers: [{ type: 'cpu', metricType: 'Utilization', metadata: { value: '60' }, authenticationRef: auth }] },
});
const deployment = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'worker', namespace: 'agents' },
  spec: {
    selector: { matchLabels: { app: 'worker' } },
    template: { metadata: { labels: { app: 'worker' } }, spec: { containers: [{ name: 'w', image: 'ghcr.io/acme/w:1.0.0', resources: { requests: { cpu: '100m' } } }] } },
  },
};

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'REF-001', name: 'a Trigger names a broker that is not among the checked files (open world)', openWorld: true,
      manifests: [triggerManifest()], field: 'spec.broker', value: '"events"',
    },
    {
      id: 'REF-001', name: 'a Trigger subscriber is a Service of another folder (open world)', openWorld: true,
      manifests: [brokerManifest(), triggerManifest({ subscriber: serviceRef('fulfillment') })], path: 'manifest#1', field: 'spec.subscriber.ref.name', value: '"fulfillment"',
    },
    {
      id: 'REF-001', name: 'a ScaledObject names a TriggerAuthentication of another folder (open world)', openWorld: true,
      manifests: [deployment, scaledObject({ name: 'kafka-auth' })], path: 'manifest#1', field: 'spec.triggers[0].authenticationRef.name', value: '"kafka-auth"',
    },
    {
      id: 'REF-001', name: 'a Service reads a ConfigMap the files hold only in another namespace (open world: it may exist in its own)', openWorld: true,
      manifests: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'platform' }, data: { A: 'a' } },
        { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'agent', namespace: 'agents' }, spec: { template: { spec: { containers: [{ image: 'ghcr.io/acme/a:1.0.0', envFrom: [{ configMapRef: { name: 'cfg' } }] }] } } } },
      ],
      path: 'manifest#1', field: 'spec.template.spec.containers[0].envFrom[0].configMapRef.name', value: '"cfg"',
    },
  ],
  passes: [
    { name: 'the Trigger\'s broker is among the files (open world)', openWorld: true, manifests: [brokerManifest(), triggerManifest()] },
    {
      name: 'the broker is declared external on the Trigger (open world)', openWorld: true,
      manifests: [triggerManifest({}, { annotations: { 'agents.cdk8s.io/external-refs': 'Broker/events' } })],
    },
    {
      name: 'the TriggerAuthentication is declared external (open world)', openWorld: true,
      manifests: [deployment, scaledObject({ name: 'kafka-auth' }, { 'agents.cdk8s.io/external-refs': 'TriggerAuthentication/kafka-auth' })],
    },
  ],
};
