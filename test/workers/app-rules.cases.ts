// Rule cases that span objects (KEDA-APP-*).
import { ApiObject, Chart } from 'cdk8s';
import { AgentSecrets, ScaleTrigger, TriggerAuth } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { DEPLOYMENT_PATH, deployment, hpa, job, JOB_PATH, KAFKA, kafkaTrigger, scaledJob, scaledObject, SO_PATH, trigger, worker } from './fixtures';

/** A hand-made object in the chart (not a construct of the library). */
function raw(chart: Chart, id: string, object: Record<string, any>): ApiObject {
  return new ApiObject(chart, id, { apiVersion: object.apiVersion, kind: object.kind, metadata: object.metadata, spec: object.spec });
}

const cpuWorker = { minReplicas: 1, triggers: [ScaleTrigger.cpu({ utilization: 70 })] };

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'KEDA-APP-001', name: 'a second ScaledObject targets the worker\'s Deployment',
      build: (c) => { worker(c); raw(c, 'other', scaledObject({}, { name: 'other' })); }, path: 'test/other', field: 'spec.scaleTargetRef.name', value: '"worker"',
    },
    {
      id: 'KEDA-APP-001', name: 'two ScaledObjects target one Deployment (YAML)',
      manifests: [scaledObject(), scaledObject({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'worker' } }, { name: 'other' })], path: 'manifest#1',
      field: 'spec.scaleTargetRef.name', value: '"worker"',
    },
    {
      id: 'KEDA-APP-002', name: 'two workers use the same hpaName',
      build: (c) => { worker(c, { hpaName: 'agents-hpa' }); worker(c, { hpaName: 'agents-hpa' }, 'other'); }, path: 'test/other (ScaledObject/other)',
      field: 'spec.advanced.horizontalPodAutoscalerConfig.name', value: '"agents-hpa"',
    },
    {
      id: 'KEDA-APP-002', name: 'an explicit HPA name equals another ScaledObject\'s derived one (YAML)',
      manifests: [scaledObject(), scaledObject({ scaleTargetRef: { name: 'b' }, advanced: { horizontalPodAutoscalerConfig: { name: 'keda-hpa-worker' } } }, { name: 'b' })], path: 'manifest#1',
      field: 'spec.advanced.horizontalPodAutoscalerConfig.name', value: '"keda-hpa-worker"',
    },
    {
      id: 'KEDA-APP-003', name: 'a separate HPA targets the worker',
      build: (c) => { worker(c); raw(c, 'hpa', hpa()); }, path: 'test/hpa', field: 'spec.scaleTargetRef.name', value: '"worker"',
    },
    { id: 'KEDA-APP-003', name: 'an HPA and a ScaledObject target one Deployment (YAML)', manifests: [hpa(), scaledObject()], field: 'spec.scaleTargetRef.name', value: '"worker"' },
    {
      id: 'KEDA-APP-003', name: 'an HPA transfer that does not name the HPA (YAML)',
      manifests: [hpa(), scaledObject({}, { annotations: { 'scaledobject.keda.sh/transfer-hpa-ownership': 'true' } })], path: 'manifest#1',
      field: 'spec.advanced.horizontalPodAutoscalerConfig.name', value: '(unset)',
    },
    {
      id: 'KEDA-APP-004', name: 'a trigger references a TriggerAuthentication the app does not have',
      build: (c) => worker(c, { triggers: [ScaleTrigger.kafka({ ...KAFKA, auth: TriggerAuth.fromAuthentication({ name: 'kafka-auth', kind: 'TriggerAuthentication' }) })] }),
      path: SO_PATH, field: 'spec.triggers[0].authenticationRef.name', value: '"kafka-auth"',
    },
    {
      id: 'KEDA-APP-004', name: 'a ScaledJob references a missing ClusterTriggerAuthentication (YAML)',
      manifests: [scaledJob({ triggers: [kafkaTrigger({}, { authenticationRef: { name: 'kafka', kind: 'ClusterTriggerAuthentication' } })] })],
      field: 'spec.triggers[0].authenticationRef.name', value: '"kafka"',
    },
    {
      id: 'KEDA-APP-005', name: 'a cpu trigger while the container has no cpu request',
      build: (c) => worker(c, { ...cpuWorker, resources: { cpu: {} } }), path: SO_PATH, field: 'spec.triggers[0].type', value: '"cpu"',
    },
    {
      id: 'KEDA-APP-005', name: 'a memory trigger on a Deployment without memory requests (YAML)',
      manifests: [
        deployment({ containers: [{ name: 'agent', image: 'ghcr.io/acme/worker:1.0.0', resources: { requests: { cpu: '100m' } } }] }),
        scaledObject({ minReplicaCount: 1, triggers: [trigger('memory', { value: '80' }, { metricType: 'Utilization' })] }),
      ], path: 'manifest#1',
      field: 'spec.triggers[0].type', value: '"memory"',
    },
    {
      id: 'KEDA-APP-006', name: 'the worker\'s Deployment sets replicas (override)',
      build: (c) => worker(c).addOverride('spec.replicas', 2), path: DEPLOYMENT_PATH, field: 'spec.replicas', value: '2',
    },
    { id: 'KEDA-APP-006', name: 'a KEDA target Deployment sets replicas (YAML)', manifests: [deployment({}, { replicas: 3 }), scaledObject()], field: 'spec.replicas', value: '3' },
    {
      id: 'KEDA-APP-007', name: 'consumerGroupFromEnv names a variable the worker does not define',
      build: (c) => worker(c, { env: { GROUP: 'g' }, triggers: [ScaleTrigger.custom('kafka', { bootstrapServers: 'k:9092', consumerGroupFromEnv: 'KAFKA_GROUP', topic: 't' })] }),
      path: SO_PATH, field: 'spec.triggers[0].metadata.consumerGroupFromEnv', value: '"KAFKA_GROUP"',
    },
    {
      id: 'KEDA-APP-007', name: 'a ScaledJob reads an endpoint from a variable its template lacks',
      build: (c) => job(c, { triggers: [ScaleTrigger.custom('temporal', { endpointFromEnv: 'TEMPORAL_ADDRESS', taskQueue: 'research' })] }),
      path: JOB_PATH, field: 'spec.triggers[0].metadata.endpointFromEnv', value: '"TEMPORAL_ADDRESS"',
    },
  ],
  passes: [
    { name: 'an HPA opted out of the ownership check (YAML)', manifests: [hpa('worker', { 'validations.keda.sh/hpa-ownership': 'false' }), scaledObject()] },
    {
      name: 'an HPA transferred to the ScaledObject by name (YAML)',
      manifests: [hpa(), scaledObject({ advanced: { horizontalPodAutoscalerConfig: { name: 'worker-hpa' } } }, { annotations: { 'scaledobject.keda.sh/transfer-hpa-ownership': 'true' } })],
    },
    { name: 'an HPA on another Deployment', build: (c) => { worker(c); raw(c, 'hpa', hpa('api')); } },
    { name: 'two workers with their own targets and HPAs', build: (c) => { worker(c); worker(c, {}, 'other'); } },
    { name: 'a worker and a job of the same name', build: (c) => { worker(c, { name: 'research' }); job(c, { name: 'research' }); } },
    { name: 'an external TriggerAuthentication declared by name', build: (c) => worker(c, { triggers: [ScaleTrigger.kafka({ ...KAFKA, auth: TriggerAuth.fromTriggerAuthenticationName('kafka-auth') })] }) },
    { name: 'an external ClusterTriggerAuthentication declared by name', build: (c) => job(c, { triggers: [ScaleTrigger.kafka({ ...KAFKA, auth: TriggerAuth.fromClusterTriggerAuthenticationName('kafka') })] }) },
    {
      name: 'an external TriggerAuthentication declared with the annotation (YAML)',
      manifests: [scaledObject({ triggers: [kafkaTrigger({}, { authenticationRef: { name: 'kafka-auth' } })] }, { annotations: { 'agents.cdk8s.io/external-refs': 'Broker/other, TriggerAuthentication/kafka-auth' } })],
    },
    { name: 'a cpu trigger with the default resources', build: (c) => worker(c, cpuWorker) },
    { name: 'a cpu trigger on one named container that has a request', build: (c) => worker(c, { minReplicas: 1, triggers: [ScaleTrigger.cpu({ utilization: 70, containerName: 'agent' })], resources: { memory: {} } }) },
    {
      name: 'a memory trigger covered by a LimitRange default (YAML)',
      manifests: [
        deployment({ containers: [{ name: 'agent', image: 'ghcr.io/acme/worker:1.0.0' }] }),
        { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: 'agents' }, spec: { limits: [{ type: 'Container', defaultRequest: { memory: '128Mi' } }] } },
        scaledObject({ minReplicaCount: 1, triggers: [trigger('memory', { value: '80' }, { metricType: 'Utilization' })] }),
      ],
    },
    { name: 'a Deployment without replicas scaled by KEDA (YAML)', manifests: [deployment(), scaledObject()] },
    { name: 'a FromEnv variable that comes from envFrom (not listable)', build: (c) => worker(c, { secrets: [AgentSecrets.fromSecretName(c, 's', 'kafka')], triggers: [ScaleTrigger.custom('kafka', { bootstrapServers: 'k:9092', consumerGroupFromEnv: 'KAFKA_GROUP', topic: 't' })] }) },
  ],
};
