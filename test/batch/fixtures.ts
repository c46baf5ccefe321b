// Builders shared by the batch tests and rule cases: an AgentCronJob with
// valid defaults, and hand-written Job and CronJob manifests.
import { Chart } from 'cdk8s';
import { AgentCronJob, AgentCronJobProps } from '../../lib';

export const IMAGE = 'ghcr.io/labrats-work/ai-agents:1.4.2';
export const CRON_PATH = 'test/cleanup';

export function cronAgent(chart: Chart, props: Partial<AgentCronJobProps> = {}, id = 'cleanup'): AgentCronJob {
  return new AgentCronJob(chart, id, { image: IMAGE, schedule: '0 3 * * *', ...props });
}

/** A hardened pod template for a Job; `spec` replaces fields of the pod spec. */
export function jobPod(spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    spec: {
      restartPolicy: 'Never',
      containers: [{ name: 'agent', image: IMAGE, securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false } }],
      ...spec,
    },
  };
}

/** A hand-written CronJob; `spec` replaces fields of its spec, `jobSpec` of its job template's spec. */
export function cronJob(spec: Record<string, unknown> = {}, jobSpec: Record<string, unknown> = {}, name = 'cleanup'): Record<string, unknown> {
  return {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name, namespace: 'agents' },
    spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: jobPod(), ...jobSpec } }, ...spec },
  };
}

/** A hand-written Job; `spec` replaces fields of its spec. */
export function job(spec: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'executor', namespace: 'agents' }, spec: { template: jobPod(), ...spec } };
}
