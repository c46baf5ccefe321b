// Builders shared by the secrets cases: AgentSecrets stores and hand-written
// ExternalSecret, SealedSecret, ConfigMap and Knative Service manifests.
import { Chart } from 'cdk8s';
import { AgentKnativeService, AgentSecrets, SecretStore } from '../../lib';

export const IMAGE = 'ghcr.io/acme/agent:1.0.0';
export const CIPHER = `Ag${'B'.repeat(96)}==`;
export const vault = SecretStore.cluster('vault');

export const externalSecret = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'es', namespace: 'agents' }) => ({
  apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata, spec,
});
export const storeRef = { kind: 'ClusterSecretStore', name: 'vault' };
export const datum = (secretKey: string, key = 'k') => ({ secretKey, remoteRef: { key } });
export const sealed = (metadata: Record<string, unknown>, encryptedData: Record<string, string> = { A: CIPHER }) => ({
  apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata, spec: { encryptedData },
});
/** A hand-written Knative Service reading `cfg` (and more) with envFrom. */
export const serviceWithEnvFrom = (envFrom: unknown[], env?: unknown[]) => ({
  apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'agent', namespace: 'agents' },
  spec: { template: { spec: { containers: [{ image: IMAGE, envFrom, env }] } } },
});
export const configMap = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'agents' }, data });

export const agent = (c: Chart, secrets: AgentSecrets[] | ReturnType<typeof AgentSecrets.fromSecretName>[], env?: Record<string, string>) =>
  new AgentKnativeService(c, 'agent', { image: IMAGE, secrets, env });
