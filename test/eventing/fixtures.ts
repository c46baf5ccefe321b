// Shared builders of the eventing tests: agents, and valid manifests that a
// case changes one field of.
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AgentKnativeService, AgentKnativeServiceProps, ClusterProfile, ClusterProfileProps, FeatureState, TransportEncryption } from '../../lib';
import { FindingList } from '../../lib/engine/rule';
import { resolveClusterSettings } from '../../lib/settings/settings';

export const IMAGE = 'ghcr.io/acme/agent:1.4.2';

export function agent(chart: Chart, id = 'agent', props: Partial<AgentKnativeServiceProps> = {}): AgentKnativeService {
  return new AgentKnativeService(chart, id, { image: IMAGE, ...props });
}

export function profile(chart: Chart, props: ClusterProfileProps = {}): ClusterProfile {
  return new ClusterProfile(chart.node.root as Construct, 'cluster', props);
}

/** The flags an EventPolicy needs. */
export const OIDC: ClusterProfileProps = { eventingFeatures: { authenticationOidc: FeatureState.ENABLED }, transportEncryption: TransportEncryption.STRICT };
export const OIDC_SETTINGS = { eventing: { features: { authenticationOidc: FeatureState.ENABLED }, transportEncryption: TransportEncryption.STRICT } };

const meta = (name: string) => ({ name, namespace: 'agents' });

export function brokerManifest(spec: Record<string, unknown> = {}, annotations: Record<string, string> = { 'eventing.knative.dev/broker.class': 'MTChannelBasedBroker' }, name = 'events') {
  return { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', metadata: { ...meta(name), annotations }, spec };
}

export function triggerManifest(spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) {
  return {
    apiVersion: 'eventing.knative.dev/v1', kind: 'Trigger', metadata: { ...meta('on-order'), ...metadata },
    spec: { broker: 'events', subscriber: { uri: 'http://fulfillment.agents.svc.cluster.local' }, ...spec },
  };
}

export function sequenceManifest(spec: Record<string, unknown> = {}, name = 'pipeline') {
  return {
    apiVersion: 'flows.knative.dev/v1', kind: 'Sequence', metadata: meta(name),
    spec: { channelTemplate: { apiVersion: 'messaging.knative.dev/v1', kind: 'InMemoryChannel' }, steps: [{ uri: 'http://search.agents.svc.cluster.local' }], ...spec },
  };
}

export function parallelManifest(spec: Record<string, unknown> = {}, name = 'fan-out') {
  return {
    apiVersion: 'flows.knative.dev/v1', kind: 'Parallel', metadata: meta(name),
    spec: { channelTemplate: { apiVersion: 'messaging.knative.dev/v1', kind: 'InMemoryChannel' }, branches: [{ subscriber: { uri: 'http://search.agents.svc.cluster.local' } }], ...spec },
  };
}

export function jobSinkManifest(podSpec: Record<string, unknown> = {}, jobSpec: Record<string, unknown> = {}, name = 'report-writer') {
  return {
    apiVersion: 'sinks.knative.dev/v1alpha1', kind: 'JobSink', metadata: meta(name),
    spec: { job: { spec: { ...jobSpec, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'task', image: IMAGE }], ...podSpec } } } } },
  };
}

export function policyManifest(spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'eventing.knative.dev/v1alpha1', kind: 'EventPolicy', metadata: meta('events-senders'),
    spec: { to: [{ ref: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name: 'events' } }], from: [{ sub: 'system:serviceaccount:shop:web' }], ...spec },
  };
}

export function serviceRef(name: string) {
  return { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name } };
}

/** A valid self-signed CA certificate (P-256). */
export const CERT_PEM = `-----BEGIN CERTIFICATE-----
MIIBeDCCAR+gAwIBAgIUYE+FpR4GpQjo5Fh3Va7u6O/MN/8wCgYIKoZIzj0EAwIw
EjEQMA4GA1UEAwwHdGVzdC1jYTAeFw0yNjExMjQxNzAzMjBaFw0zNjExMjExNzAz
MjBaMBIxEDAOBgNVBAMMB3Rlc3QtY2EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNC
AAQBtoQz5B7APUswL3n4TdE8R0TVyDOU1DUzY/ui2q0yvl0bfGHwqefwNV86ZLzg
nXmclXSwAIaA/nus6Zt5Bldro1MwUTAdBgNVHQ4EFgQUrECm9JRVBipxlz4oF6wA
AEex9+cwHwYDVR0jBBgwFoAUrECm9JRVBipxlz4oF6wAAEex9+cwDwYDVR0TAQH/
BAUwAwEB/zAKBggqhkjOPQQDAgNHADBEAiBvlsFst2A1zLqPut3VYDjbJRFmIXwX
z6hnextgQKYClAIgRFreFabQ49eqE/COZISA3c5/SyoqeOKLbVhRDD3Q7cc=
-----END CERTIFICATE-----`;

/** Runs one validator on a manifest; returns `<rule id> <field>` per finding. */
export function runValidator(fn: (m: any, s: any, out: FindingList) => void, m: unknown, s: unknown = resolveClusterSettings()): string[] {
  const out = new FindingList();
  fn(m, s, out);
  return out.items.map((f) => `${f.rule.id} ${f.field}`);
}

/** Manifests no validator may throw on. */
export const GARBAGE: unknown[] = [null, {}, { spec: 'x' }, { metadata: 3, spec: { steps: 'x', branches: [null], from: [null], to: [3], job: [] } }];
