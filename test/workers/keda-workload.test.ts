// What AgentWorker and AgentJob share (lib/workers/keda-workload.ts): the
// container props, pod labels and metadata, the IAgentWorkload face.
import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentSecrets, AgentWorker, IAgentWorkload, ScaleTrigger, SecretStore } from '../../lib';
import { synthErrors } from '../support/rule-cases';
import { job, worker } from './fixtures';

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'agents' });
}

const podOf = (o: any) => (o.kind === 'ScaledJob' ? o.spec.jobTargetRef.template : o.spec.template);

describe.each([
  ['AgentWorker', (c: Chart, p: any = {}) => worker(c, p), 'Deployment'],
  ['AgentJob', (c: Chart, p: any = {}) => job(c, p), 'ScaledJob'],
] as const)('%s', (_, make, kind) => {
  test('pod labels and annotations: the selector labels win over podLabels', () => {
    const c = chart();
    make(c, { podLabels: { team: 'agents', 'app.kubernetes.io/name': 'spoofed' }, podAnnotations: { 'prometheus.io/scrape': 'true' }, labels: { tier: 'agents' }, annotations: { owner: 'platform' } });
    const o = Testing.synth(c).find((x) => x.kind === kind);
    expect(podOf(o).metadata.labels).toMatchObject({ team: 'agents', 'app.kubernetes.io/name': kind === 'Deployment' ? 'worker' : 'job' });
    expect(podOf(o).metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true' });
    expect(o.metadata.labels).toEqual({ tier: 'agents' });
    expect(o.metadata.annotations).toEqual({ owner: 'platform' });
  });

  test('addEnv, addSecrets and addVolume reach the container', () => {
    const c = chart();
    const w = make(c);
    w.addEnv('MODE', 'batch').addSecrets(AgentSecrets.fromSecretName(c, 's', 'model-api')).addVolume({ path: '/etc/agent', volume: kplus.Volume.fromConfigMap(c, 'v', kplus.ConfigMap.fromConfigMapName(c, 'cm', 'agent-config')) });
    const ctr = podOf(Testing.synth(c).find((x) => x.kind === kind)).spec.containers[0];
    expect(ctr.env).toEqual([{ name: 'MODE', value: 'batch' }]);
    expect(ctr.envFrom).toEqual([{ secretRef: { name: 'model-api' } }]);
    expect(ctr.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }, { name: expect.any(String), mountPath: '/etc/agent', readOnly: true }]);
  });

  test('the security opt-outs of the shared container apply', () => {
    const c = chart();
    make(c, { security: { readOnlyRootFilesystem: false, writableTmp: false, runAsUser: 1000 }, mountServiceAccountToken: true, serviceAccount: kplus.ServiceAccount.fromServiceAccountName(c, 'sa', 'research') });
    const spec = podOf(Testing.synth(c).find((x) => x.kind === kind)).spec;
    expect(spec.volumes).toBeUndefined();
    expect(spec.automountServiceAccountToken).toBeUndefined();
    expect(spec.serviceAccountName).toBe('research');
    expect(spec.containers[0].securityContext).toMatchObject({ readOnlyRootFilesystem: false, runAsUser: 1000, runAsNonRoot: true });
  });

  test('is an IAgentWorkload that policies can select', () => {
    const w: IAgentWorkload = make(chart(), { name: 'research' });
    expect(w).toMatchObject({ name: 'research', namespace: 'agents', servedByKnative: false });
    expect(Object.keys(w.podSelector).sort()).toEqual(['app.kubernetes.io/component', 'app.kubernetes.io/managed-by', 'app.kubernetes.io/name']);
  });

  test('a pod-spec finding names the container prop', () => {
    const errors = synthErrors((c) => make(c, { env: { '1BAD': 'x' } }));
    expect(errors).toEqual([expect.stringMatching(/\[POD-ENV-002\] test\/(worker \(Deployment\/worker\)|job): env\.1BAD \(spec\.(template|jobTargetRef\.template)\.spec\.containers\[0\]\.env\[0\]\.name\) = "1BAD"/)]);
  });

  test('fails if terminationGracePeriod is not whole seconds, renders it otherwise', () => {
    expect(synthErrors((c) => make(c, { terminationGracePeriod: Duration.millis(500) }))).toEqual([expect.stringContaining('[ENGINE-002]')]);
    const c = chart();
    make(c, { terminationGracePeriod: Duration.minutes(1) });
    expect(podOf(Testing.synth(c).find((x) => x.kind === kind)).spec.terminationGracePeriodSeconds).toBe(60);
  });

  test('fails with PROPS-002 on an unknown prop, with a suggestion', () => {
    expect(synthErrors((c) => make(c, { maxReplica: 3, triggers: [ScaleTrigger.cron({ start: '0 8 * * *', end: '0 9 * * *', desiredReplicas: 1 })] })))
      .toEqual([expect.stringContaining('[PROPS-002]')]);
  });
});

describe('the shared container wiring on workers', () => {
  test('secretEnv, addSecretEnv and configMaps render like on an AgentKnativeService', () => {
    const c0 = chart();
    const secrets = new AgentSecrets(c0, 's', { store: SecretStore.cluster('vault'), keys: { TOKEN: 't' } });
    const w = new AgentWorker(c0, 'w', {
      image: 'ghcr.io/acme/worker:1.0.0',
      triggers: [ScaleTrigger.cron({ timezone: 'Europe/Paris', start: '0 8 * * *', end: '0 18 * * *', desiredReplicas: 1 })],
      configMaps: [kplus.ConfigMap.fromConfigMapName(c0, 'cfg', 'worker-config')],
      secretEnv: { API_TOKEN: { secrets, variable: 'TOKEN' } },
    });
    w.addSecretEnv('OTHER', secrets, 'TOKEN');
    const deployment = Testing.synth(c0).find((o: any) => o.kind === 'Deployment');
    const c = deployment.spec.template.spec.containers[0];
    expect(c.envFrom).toEqual([{ configMapRef: { name: 'worker-config' } }]);
    expect(c.env).toEqual([
      { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 'TOKEN' } } },
      { name: 'OTHER', valueFrom: { secretKeyRef: { name: 's', key: 'TOKEN' } } },
    ]);
  });
});
