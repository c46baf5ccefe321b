// Triggers and near misses of the shared pod-spec rules (POD-*) that an agent's
// props can produce; the others are triggered in podspec.test.ts.
import * as kplus from 'cdk8s-plus-28';
import { AgentSecrets } from '../../lib';
import { CTR, agent } from '../serving/fixtures';
import { RuleCases } from '../support/rule-cases';
import { DEPLOYMENT_PATH, job, JOB_PATH, worker } from '../workers/fixtures';

const POD = 'spec.template.spec';
/** A hand-written Deployment whose pod spec gets `pod` and whose container gets `container`. */
function deployment(pod: Record<string, unknown> = {}, container: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'executor', namespace: 'agents' },
    spec: {
      selector: { matchLabels: { app: 'executor' } },
      template: { metadata: { labels: { app: 'executor' } }, spec: { containers: [{ name: 'executor', image: 'ghcr.io/acme/executor:1.0.0', ...container }], ...pod } },
    },
  };
}
const gpus = (requests: Record<string, unknown>, limits: Record<string, unknown>) => deployment({}, { resources: { requests, limits } });

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'POD-ENV-001', name: 'the Secret name has uppercase letters',
      build: (c) => agent(c, { secrets: [AgentSecrets.fromSecretName(c, 'creds', 'Jira_Token')] }),
      field: `${CTR}.envFrom[0].secretRef.name`, value: '"Jira_Token"',
    },
    {
      id: 'POD-ENV-001', name: 'an env var is mapped to an empty key',
      build: (c) => agent(c, { secrets: [AgentSecrets.fromSecretName(c, 'creds', 'jira-creds', { JIRA_TOKEN: '' })] }),
      field: `${CTR}.env[0].valueFrom.secretKeyRef.key`, value: '""',
    },
    {
      id: 'POD-ENV-001', name: 'a secret key has a space',
      build: (c) => agent(c, { secrets: [AgentSecrets.fromSecretName(c, 'creds', 'jira-creds', { JIRA_TOKEN: 'jira token' })] }),
      field: `${CTR}.env[0].valueFrom.secretKeyRef.key`, value: '"jira token"',
    },
    { id: 'POD-SEC-001', name: 'runAsUser 0 with the default runAsNonRoot', build: (c) => agent(c, { security: { runAsUser: 0 } }), field: `${CTR}.securityContext.runAsUser`, value: '0' },
    {
      id: 'POD-SEC-002', name: 'a Localhost seccomp profile without its path',
      build: (c) => agent(c, { security: { seccompProfile: kplus.SeccompProfileType.LOCALHOST } }),
      field: `${CTR}.securityContext.seccompProfile.localhostProfile`, value: '(unset)',
    },
    // --- extended resources (GPUs) are never overcommitted
    {
      id: 'POD-RES-002', name: 'a GPU request differs from its limit',
      manifests: [gpus({ 'nvidia.com/gpu': '1' }, { 'nvidia.com/gpu': '2' })], field: `${POD}.containers[0].resources.requests["nvidia.com/gpu"]`, value: '"1"',
    },
    {
      id: 'POD-RES-002', name: 'a GPU is requested without a limit',
      manifests: [gpus({ 'nvidia.com/gpu': 1 }, {})], field: `${POD}.containers[0].resources.limits["nvidia.com/gpu"]`, value: '(unset)',
    },
    {
      id: 'POD-RES-002', name: 'half a GPU is asked for',
      manifests: [gpus({}, { 'amd.com/gpu': '0.5' })], field: `${POD}.containers[0].resources.limits["amd.com/gpu"]`, value: '"0.5"',
    },
    {
      id: 'POD-RES-002', name: 'hugepages are requested below their limit',
      manifests: [gpus({ 'hugepages-2Mi': '64Mi', memory: '1Gi' }, { 'hugepages-2Mi': '128Mi', memory: '1Gi' })], field: `${POD}.containers[0].resources.requests["hugepages-2Mi"]`, value: '"64Mi"',
    },
    {
      id: 'POD-RES-002', name: 'a job\'s GPU request is overridden below the limit the gpu prop set',
      build: (c) => job(c, { gpu: { count: 2 } }).addOverride('spec.jobTargetRef.template.spec.containers.0.resources.requests', { 'nvidia.com/gpu': '1' }),
      path: JOB_PATH, field: 'spec.jobTargetRef.template.spec.containers[0].resources.requests["nvidia.com/gpu"]', value: '"1"',
    },

    // --- scheduling fields
    {
      id: 'POD-SCHED-001', name: 'a nodeSelector key has a space',
      build: (c) => worker(c, { nodeSelector: { 'gpu type': 'a100' } }), path: DEPLOYMENT_PATH, field: `${POD}.nodeSelector`, value: '"gpu type"',
    },
    {
      id: 'POD-SCHED-001', name: 'a nodeSelector value is longer than 63 characters',
      build: (c) => worker(c, { nodeSelector: { pool: 'g'.repeat(64) } }), path: DEPLOYMENT_PATH, field: `${POD}.nodeSelector["pool"]`, value: `"${'g'.repeat(64)}"`,
    },
    {
      id: 'POD-SCHED-001', name: 'a toleration without a key has operator Equal',
      build: (c) => worker(c, { tolerations: [kplus.NodeTaintQuery.is('', 'gpu')] }), path: DEPLOYMENT_PATH, field: `${POD}.tolerations[0].operator`, value: '"Equal"',
    },
    {
      id: 'POD-SCHED-001', name: 'the runtime class name has uppercase letters',
      build: (c) => job(c, { runtimeClassName: 'gVisor' }), path: JOB_PATH, field: 'spec.jobTargetRef.template.spec.runtimeClassName', value: '"gVisor"',
    },
    {
      id: 'POD-SCHED-001', name: 'the priority class name has an underscore',
      build: (c) => worker(c, { priorityClassName: 'agents_high' }), path: DEPLOYMENT_PATH, field: `${POD}.priorityClassName`, value: '"agents_high"',
    },
    {
      id: 'POD-SCHED-001', name: 'a hand-written toleration has tolerationSeconds without effect NoExecute',
      manifests: [deployment({ tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 60 }] })],
      field: `${POD}.tolerations[0].effect`, value: '"NoSchedule"',
    },
    {
      id: 'POD-SCHED-001', name: 'a hand-written toleration has a value with operator Exists',
      manifests: [deployment({ tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', value: 'present' }] })], field: `${POD}.tolerations[0].value`, value: '"present"',
    },
    {
      id: 'POD-SCHED-001', name: 'a hand-written toleration has an unknown operator and effect',
      manifests: [deployment({ tolerations: [{ key: 'nvidia.com/gpu', operator: 'In', effect: 'NoRun' }] })], field: `${POD}.tolerations[0].operator`, value: '"In"',
    },
  ],
  passes: [
    { name: 'GPUs as a limit only (the gpu prop)', build: (c) => job(c, { gpu: { count: 2 } }) },
    { name: 'a hand-written GPU request equal to its limit, one a string and one a number', manifests: [gpus({ 'nvidia.com/gpu': '2' }, { 'nvidia.com/gpu': 2 })] },
    { name: 'hugepages equal to their limit, and cpu below its limit', manifests: [gpus({ 'hugepages-2Mi': '128Mi', cpu: '100m' }, { 'hugepages-2Mi': '128Mi', cpu: '1' })] },
    { name: 'a kubernetes.io-prefixed resource may be overcommitted', manifests: [gpus({ 'example.kubernetes.io/widget': '1' }, { 'example.kubernetes.io/widget': '2' })] },
    {
      name: 'a worker on GPU nodes in gVisor with a priority class and a toleration that matches every taint',
      build: (c) => worker(c, {
        nodeSelector: { 'nvidia.com/gpu.present': 'true', 'cloud.google.com/gke-nodepool': 'gpu-pool' }, runtimeClassName: 'gvisor', priorityClassName: 'agents-high',
        tolerations: [kplus.NodeTaintQuery.any(), kplus.NodeTaintQuery.is('dedicated', 'agents', { effect: kplus.TaintEffect.NO_SCHEDULE })],
      }),
    },
    {
      name: 'a hand-written toleration with tolerationSeconds and effect NoExecute, and an empty operator with a key',
      manifests: [deployment({ tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, { key: 'dedicated', value: 'agents' }] })],
    },
    { name: 'a Secret name with dots', build: (c) => agent(c, { secrets: [AgentSecrets.fromSecretName(c, 'creds', 'jira.creds-v1', { JIRA_TOKEN: 'token' })] }) },
  ],
};
