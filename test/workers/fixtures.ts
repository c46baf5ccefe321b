// Builders shared by the worker tests and rule cases: constructs with valid
// defaults, and hand-written KEDA manifests the check command would read.
import { Chart } from 'cdk8s';
import { AgentJob, AgentJobProps, AgentWorker, AgentWorkerProps, KafkaScaleTriggerOptions, ScaleTrigger } from '../../lib';

export const IMAGE = 'ghcr.io/acme/worker:1.0.0';
export const KAFKA: KafkaScaleTriggerOptions = { bootstrapServers: ['kafka.data:9092'], consumerGroup: 'workers', topic: 'tasks' };

/** Construct paths of the worker's objects (a construct with several objects names each). */
export const SO_PATH = 'test/worker (ScaledObject/worker)';
export const DEPLOYMENT_PATH = 'test/worker (Deployment/worker)';
export const JOB_PATH = 'test/job';

export function worker(chart: Chart, props: Partial<AgentWorkerProps> = {}, id = 'worker'): AgentWorker {
  return new AgentWorker(chart, id, { image: IMAGE, triggers: [ScaleTrigger.kafka(KAFKA)], ...props });
}

export function job(chart: Chart, props: Partial<AgentJobProps> = {}, id = 'job'): AgentJob {
  return new AgentJob(chart, id, { image: IMAGE, triggers: [ScaleTrigger.kafka({ ...KAFKA, lagThreshold: 1 })], ...props });
}

const KEDA = 'keda.sh/v1alpha1';

export function kafkaTrigger(metadata: Record<string, string> = {}, more: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'kafka', metadata: { bootstrapServers: 'kafka.data:9092', consumerGroup: 'workers', topic: 'tasks', ...metadata }, ...more };
}

/** A trigger of `type` with exactly this metadata. */
export function trigger(type: string, metadata: Record<string, string>, more: Record<string, unknown> = {}): Record<string, unknown> {
  return { type, metadata, ...more };
}

export function scaledObject(spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: KEDA, kind: 'ScaledObject',
    metadata: { name: 'worker', namespace: 'agents', ...metadata },
    spec: { scaleTargetRef: { name: 'worker' }, triggers: [kafkaTrigger()], ...spec },
  };
}

export function scaledJob(spec: Record<string, unknown> = {}, template: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: KEDA, kind: 'ScaledJob',
    metadata: { name: 'job', namespace: 'agents', ...metadata },
    spec: {
      jobTargetRef: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'agent', image: IMAGE }], ...template } } },
      triggers: [kafkaTrigger()],
      ...spec,
    },
  };
}

export function triggerAuthentication(spec: Record<string, unknown>, name = 'auth', kind = 'TriggerAuthentication'): Record<string, unknown> {
  return { apiVersion: KEDA, kind, metadata: kind === 'TriggerAuthentication' ? { name, namespace: 'agents' } : { name }, spec };
}

export function secretRefs(parameters: string[], secret = 'kafka-credentials'): Record<string, unknown>[] {
  return parameters.map((parameter) => ({ parameter, name: secret, key: parameter }));
}

export function deployment(podSpec: Record<string, unknown> = {}, spec: Record<string, unknown> = {}, name = 'worker'): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, namespace: 'agents' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'agent', image: IMAGE, resources: { requests: { cpu: '100m', memory: '256Mi' } } }], ...podSpec } },
      ...spec,
    },
  };
}

export function hpa(target = 'worker', annotations: Record<string, string> = {}, name = 'worker-hpa'): Record<string, unknown> {
  return {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
    metadata: { name, namespace: 'agents', annotations },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target }, minReplicas: 1, maxReplicas: 5 },
  };
}

/** What a YAML file may hold where a KEDA object is expected: no validator may throw on it. */
export const GARBAGE: unknown[] = [undefined, null, 'x', 42, [], {}, { spec: null }, { spec: { triggers: 'x' } }, { spec: { triggers: [null, 1, 'kafka', { type: 5, metadata: [] }] } },
  { spec: { advanced: { scalingModifiers: { formula: 1, target: {} } }, fallback: 'x', minReplicaCount: 'a' } },
  { spec: { jobTargetRef: { template: { spec: { containers: 'x' } } }, scalingStrategy: 'custom' } },
  { spec: { podIdentity: 'aws', oauth2: [], secretTargetRef: [null, { name: 1 }] } }];

/** `error [ID] where` of a finding line. */
export const verdict = (line: string) => /^\S+ \[[A-Z0-9-]+\] [^:\s]+/.exec(line)?.[0];
