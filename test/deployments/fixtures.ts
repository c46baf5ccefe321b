// Builders shared by the always-on agent tests and rule cases: an
// AgentDeployment with valid defaults, and hand-written manifests.
import { Chart } from 'cdk8s';
import { AgentDeployment, AgentDeploymentProps } from '../../lib';

export const IMAGE = 'ghcr.io/labrats-work/ai-agents:1.8.0';
/** Construct path of the HPA of `api` (a construct with several objects names each). */
export const HPA_PATH = 'test/api (HorizontalPodAutoscaler/api)';

/** The always-on agent `id` of the chart: made with `props` on first use, the same one after. */
export function api(chart: Chart, props: Partial<AgentDeploymentProps> = {}, id = 'api'): AgentDeployment {
  const made = chart.node.tryFindChild(id);
  return made instanceof AgentDeployment ? made : new AgentDeployment(chart, id, { image: IMAGE, port: 3001, ...props });
}

/** A hand-written HPA of the Deployment `api`, with `spec` fields replaced. */
export function hpa(spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'api', namespace: 'agents' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      minReplicas: 2, maxReplicas: 6,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
      ...spec,
    },
  };
}

/** A hand-written Deployment `api` whose container requests `requests`. */
export function deployment(requests: Record<string, string> = { cpu: '250m', memory: '256Mi' }, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'agents' },
    spec: {
      selector: { matchLabels: { app: 'api' } },
      template: {
        metadata: { labels: { app: 'api' } },
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser: 1001, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{ name: 'api', image: IMAGE, resources: { requests } }],
        },
      },
      ...spec,
    },
  };
}

/** A resource metric of `name` with `target`. */
export const resourceMetric = (name: string, target: Record<string, unknown>) => ({ type: 'Resource', resource: { name, target } });
