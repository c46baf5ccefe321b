// AgentWorkspace: the claim it renders, its mounts in agents' pods, and the
// props it refuses.
import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentJob, AgentWorkspace, FeatureState, ScaleTrigger } from '../../lib';
import { profile } from '../settings/fixtures';
import { agent } from '../serving/fixtures';
import { idsOf, synthErrors, synthObjects } from '../support/rule-cases';
import { job, KAFKA, worker } from '../workers/fixtures';

const synth = synthObjects;

const podOf = (objects: any[], kind: string): any => {
  const o = objects.find((x) => x.kind === kind);
  return kind === 'ScaledJob' ? o.spec.jobTargetRef.template.spec : o.spec.template.spec;
};

describe('AgentWorkspace', () => {
  test('renders a ReadWriteMany claim of the given size (snapshot)', () => {
    const objects = synth((c) => new AgentWorkspace(c, 'workspace', { size: Size.gibibytes(50) }));
    expect(objects).toMatchSnapshot();
    expect(objects).toEqual([{
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'workspace', namespace: 'agents' },
      spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '50Gi' } } },
    }]);
  });

  test('name, namespace, access mode, storage class, labels and annotations as given', () => {
    const [pvc] = synth((c) => new AgentWorkspace(c, 'ws', {
      name: 'ai-agents-workspace', namespace: 'ai-agents', size: Size.mebibytes(512), accessMode: kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE,
      storageClassName: 'longhorn', labels: { app: 'ai-agents' }, annotations: { 'backup.example.com/enabled': 'true' },
    }));
    expect(pvc.metadata).toEqual({ name: 'ai-agents-workspace', namespace: 'ai-agents', labels: { app: 'ai-agents' }, annotations: { 'backup.example.com/enabled': 'true' } });
    expect(pvc.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '512Mi' } }, storageClassName: 'longhorn' });
  });

  test('a mount is read-only by default; every mount of one workspace shares one pod volume, declared read-only when no container writes it', () => {
    let ws: AgentWorkspace | undefined;
    const objects = synth((c) => {
      ws = new AgentWorkspace(c, 'workspace', { size: Size.gibibytes(50) });
      job(c, { volumes: [ws.mount('/uploads', { subPath: 'uploads' }), ws.mount('/jobs', { subPath: 'jobs' })] });
    });
    const pod = podOf(objects, 'ScaledJob');
    expect(ws!.claimName).toBe('workspace');
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }, { name: 'pvc-workspace', persistentVolumeClaim: { claimName: 'workspace', readOnly: true } }]);
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'pvc-workspace', mountPath: '/uploads', readOnly: true, subPath: 'uploads' },
      { name: 'pvc-workspace', mountPath: '/jobs', readOnly: true, subPath: 'jobs' },
    ]);
  });

  test('the model cache of seed 002: an existing claim filled by an init container (read-write), read by the agent (read-only)', () => {
    const objects = synth((c) => {
      const models = AgentWorkspace.fromClaimName(c, 'models', 'models-cache');
      expect(models.claimName).toBe('models-cache');
      job(c, {
        security: { runAsUser: 1001, runAsGroup: 1001, fsGroup: 1001 },
        initContainers: [{ name: 'model-download', image: 'curlimages/curl:8.10.1', command: ['sh', '-c', 'test -f /models/m.gguf || curl -fsSLo /models/m.gguf "$URL"'], env: { URL: 'https://example.com/m.gguf' }, volumes: [models.mount('/models', { readOnly: false })] }],
        volumes: [models.mount('/models')],
      });
    });
    const pod = podOf(objects, 'ScaledJob');
    expect(objects.filter((o) => o.kind === 'PersistentVolumeClaim')).toEqual([]);
    expect(pod.securityContext).toEqual({ fsGroup: 1001 });
    expect(pod.volumes[1]).toEqual({ name: 'pvc-models-cache', persistentVolumeClaim: { claimName: 'models-cache', readOnly: false } });
    expect(pod.initContainers).toEqual([{
      name: 'model-download', image: 'curlimages/curl:8.10.1', command: ['sh', '-c', 'test -f /models/m.gguf || curl -fsSLo /models/m.gguf "$URL"'],
      env: [{ name: 'URL', value: 'https://example.com/m.gguf' }],
      resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      securityContext: { runAsNonRoot: true, runAsUser: 1001, runAsGroup: 1001, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'pvc-models-cache', mountPath: '/models', readOnly: false }],
    }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }, { name: 'pvc-models-cache', mountPath: '/models', readOnly: true }]);
  });

  test('a workspace written by a worker and read by a job, each pod declaring the claim as it uses it', () => {
    const objects = synth((c) => {
      const ws = new AgentWorkspace(c, 'workspace', { size: Size.gibibytes(50) });
      worker(c, { volumes: [ws.mount('/workspace', { readOnly: false })] });
      job(c, { volumes: [ws.mount('/workspace')] });
    });
    expect(podOf(objects, 'Deployment').volumes[1].persistentVolumeClaim).toEqual({ claimName: 'workspace', readOnly: false });
    expect(podOf(objects, 'ScaledJob').volumes[1].persistentVolumeClaim).toEqual({ claimName: 'workspace', readOnly: true });
  });

  test('a Knative agent reading a workspace needs only kubernetes.podspec-persistent-volume-claim', () => {
    expect(synthErrors((c) => {
      profile(c, { features: { podspecPersistentVolumeClaim: FeatureState.ENABLED } });
      agent(c, { volumes: [new AgentWorkspace(c, 'workspace', { size: Size.gibibytes(1) }).mount('/workspace')] });
    })).toEqual([]);
  });

  test('fails if the props are not what the types say (plain JavaScript), all at once', () => {
    const lines = synthErrors((c) => new AgentWorkspace(c, 'workspace', { size: '50Gi', accessMode: 'RWX', storageClassName: 5, nmae: 'x' } as any));
    expect(idsOf(lines)).toEqual(['PROPS-001', 'PROPS-002']);
    expect(lines.join('\n')).toMatch(/size.*cdk8s Size/);
    expect(lines.join('\n')).toMatch(/accessMode.*PersistentVolumeAccessMode/);
    expect(lines.join('\n')).toMatch(/storageClassName/);
    expect(lines.join('\n')).toMatch(/nmae/);
  });

  test('fails if the size is missing', () => {
    expect(synthErrors((c) => new AgentWorkspace(c, 'workspace', {} as any)).join('\n')).toMatch(/size = \(unset\)/);
  });

  test('a bad mount path or option is reported on the agent that mounts it', () => {
    const lines = synthErrors((c) => {
      const ws = new AgentWorkspace(c, 'workspace', { size: Size.gibibytes(1) });
      new AgentJob(c, 'agent', { image: 'ghcr.io/acme/x:1', triggers: [ScaleTrigger.kafka(KAFKA)], volumes: [ws.mount(5 as any, { readOnly: 'no' as any })] });
    });
    expect(lines.join('\n')).toMatch(/volumes\[0\]\.path/);
    expect(lines.join('\n')).toMatch(/volumes\[0\]\.readOnly/);
  });

  test('fromClaimName refuses a claim name that is not a string, naming the call', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => AgentWorkspace.fromClaimName(chart, 'models', 42 as any)).toThrow(/AgentWorkspace\.fromClaimName\(scope, id, claimName\): claimName must be a non-empty string, got number 42/);
    expect(() => AgentWorkspace.fromClaimName({} as any, 'models', 'x')).toThrow(/AgentWorkspace\.fromClaimName/);
  });
});
