// Triggers and near misses of the HorizontalPodAutoscaler rules (HPA-*),
// through synth (AgentDeployment's `autoscaling`) and hand-written YAML.
import { Size } from 'cdk8s';
import { RuleCases } from '../support/rule-cases';
import { api, deployment, HPA_PATH, hpa, resourceMetric } from './fixtures';

const cpu = (target: Record<string, unknown>) => [resourceMetric('cpu', target)];

export const CASES: RuleCases = {
  triggers: [
    // --- replicas
    {
      id: 'HPA-REPLICAS-001', name: 'maxReplicas is below minReplicas',
      build: (c) => api(c, { autoscaling: { minReplicas: 4, maxReplicas: 2 } }), path: HPA_PATH, field: 'spec.maxReplicas', value: '2',
    },
    {
      id: 'HPA-REPLICAS-001', name: 'minReplicas is 0 (scale to zero needs an alpha gate)',
      build: (c) => api(c, { autoscaling: { minReplicas: 0, maxReplicas: 3 } }), path: HPA_PATH, field: 'spec.minReplicas', value: '0',
    },
    { id: 'HPA-REPLICAS-001', name: 'a hand-written HPA has maxReplicas 0', manifests: [hpa({ minReplicas: undefined, maxReplicas: 0 })], field: 'spec.maxReplicas', value: '0' },
    { id: 'HPA-REPLICAS-001', name: 'a hand-written HPA has minReplicas above maxReplicas', manifests: [hpa({ minReplicas: 8 })], field: 'spec.maxReplicas', value: '6' },

    // --- the target
    {
      id: 'HPA-TARGET-001', name: 'a hand-written scaleTargetRef has no kind',
      manifests: [hpa({ scaleTargetRef: { apiVersion: 'apps/v1', name: 'api' } })], field: 'spec.scaleTargetRef.kind', value: '(unset)',
    },
    {
      id: 'HPA-TARGET-001', name: 'a hand-written scaleTargetRef name has a slash',
      manifests: [hpa({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'agents/api' } })], field: 'spec.scaleTargetRef.name', value: '"agents/api"',
    },
    {
      id: 'HPA-TARGET-002', name: 'the agent sets both replicas and autoscaling',
      build: (c) => api(c, { replicas: 3, autoscaling: { maxReplicas: 6 } }), path: HPA_PATH, field: 'spec.scaleTargetRef', value: '"api"',
    },
    {
      id: 'HPA-TARGET-002', name: 'a hand-written Deployment scaled by an HPA sets replicas',
      manifests: [hpa(), deployment(undefined, { replicas: 2 })], field: 'spec.scaleTargetRef', value: '"api"',
    },

    // --- metrics
    {
      id: 'HPA-METRIC-001', name: 'cpuUtilization is 0',
      build: (c) => api(c, { autoscaling: { maxReplicas: 3, cpuUtilization: 0 } }), path: HPA_PATH, field: 'spec.metrics[0].resource.target.averageUtilization', value: '0',
    },
    {
      id: 'HPA-METRIC-001', name: 'a hand-written resource metric has no target value',
      manifests: [hpa({ metrics: cpu({ type: 'Utilization' }) })], field: 'spec.metrics[0].resource.target', value: '{"type":"Utilization"}',
    },
    {
      id: 'HPA-METRIC-001', name: 'a hand-written metric of type Pods fills `resource`',
      manifests: [hpa({ metrics: [{ type: 'Pods', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] })], field: 'spec.metrics[0].pods', value: '(unset)',
    },
    {
      id: 'HPA-METRIC-001', name: 'a hand-written resource metric sets both averageUtilization and averageValue',
      manifests: [hpa({ metrics: cpu({ type: 'AverageValue', averageUtilization: 50, averageValue: '500m' }) })], field: 'spec.metrics[0].resource.target.averageValue', value: '"500m"',
    },
    {
      id: 'HPA-METRIC-001', name: 'a hand-written metric has an unknown type',
      manifests: [hpa({ metrics: [{ type: 'Custom' }] })], field: 'spec.metrics[0].type', value: '"Custom"',
    },
    {
      id: 'HPA-METRIC-002', name: 'the agent requests no memory and scales on memory utilization',
      build: (c) => api(c, { autoscaling: { maxReplicas: 3, memoryUtilization: 75 }, resources: { memory: { limit: Size.gibibytes(1) } } }),
      path: HPA_PATH, field: 'spec.metrics[0].resource.name', value: '"memory"',
    },
    {
      id: 'HPA-METRIC-002', name: 'a hand-written HPA scales on cpu utilization of a Deployment that requests no cpu',
      manifests: [hpa(), deployment({ memory: '256Mi' })], field: 'spec.metrics[0].resource.name', value: '"cpu"',
    },
  ],
  passes: [
    { name: 'an agent with the default autoscaling (cpu 80 %, its default 100m request)', build: (c) => api(c, { autoscaling: { maxReplicas: 5 } }) },
    { name: 'an agent scaling on cpu and memory, minReplicas = maxReplicas', build: (c) => api(c, { autoscaling: { minReplicas: 2, maxReplicas: 2, cpuUtilization: 60, memoryUtilization: 75 } }) },
    { name: 'a hand-written HPA and its Deployment, which leaves replicas unset and requests cpu', manifests: [hpa(), deployment()] },
    { name: 'a hand-written HPA of a Deployment that is not among the objects (open world)', manifests: [hpa()], openWorld: true },
    { name: 'a hand-written HPA on an averageValue target needs no request', manifests: [hpa({ metrics: cpu({ type: 'AverageValue', averageValue: '500m' }) }), deployment({ memory: '256Mi' })] },
    { name: 'a hand-written HPA without metrics (the API server defaults cpu 80 %)', manifests: [hpa({ metrics: undefined }), deployment()] },
  ],
};
