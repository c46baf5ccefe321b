// Rule cases of the worker props no manifest shows (KEDA-POD-*), shared by
// AgentWorker and AgentJob.
import * as kplus from 'cdk8s-plus-28';
import { RuleCases } from '../support/rule-cases';
import { DEPLOYMENT_PATH, job, JOB_PATH, worker } from './fixtures';

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'KEDA-POD-001', name: 'a volume is named tmp',
      build: (c) => worker(c, { volumes: [{ path: '/scratch', volume: kplus.Volume.fromEmptyDir(c, 'v', 'tmp') }] }), path: DEPLOYMENT_PATH,
      field: 'volumes[0]', value: '{"name":"tmp","path":"/scratch"}',
    },
    {
      id: 'KEDA-POD-001', name: 'a volume is mounted at /tmp',
      build: (c) => job(c, { volumes: [{ path: '/tmp/', volume: kplus.Volume.fromEmptyDir(c, 'v', 'scratch') }] }), path: JOB_PATH,
      field: 'volumes[0]', value: '{"name":"scratch","path":"/tmp/"}',
    },
    { id: 'KEDA-POD-002', name: 'an HTTP readiness probe on a worker without port', build: (c) => worker(c, { readinessProbe: kplus.Probe.fromHttpGet('/health') }), path: DEPLOYMENT_PATH, field: 'readinessProbe', value: '"no port"' },
    { id: 'KEDA-POD-002', name: 'a TCP liveness probe on a job without port', build: (c) => job(c, { livenessProbe: kplus.Probe.fromTcpSocket() }), path: JOB_PATH, field: 'livenessProbe', value: '"no port"' },
  ],
  passes: [
    { name: 'a worker with port 8080 and an HTTP readiness probe', build: (c) => worker(c, { port: 8080, readinessProbe: kplus.Probe.fromHttpGet('/health') }) },
    { name: 'a worker without port and a probe with its own port', build: (c) => worker(c, { livenessProbe: kplus.Probe.fromHttpGet('/health', { port: 9090 }) }) },
    { name: 'a command probe on a job', build: (c) => job(c, { livenessProbe: kplus.Probe.fromCommand(['cat', '/tmp/alive']) }) },
    { name: 'no writable /tmp and an own /tmp volume', build: (c) => worker(c, { security: { writableTmp: false }, volumes: [{ path: '/tmp', volume: kplus.Volume.fromEmptyDir(c, 'v', 'tmp') }] }) },
  ],
};
