// The agent container shared by AgentKnativeService and the KEDA workers.
import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentContainer, AgentContainerProps, probeHasPort, probeUsesPort, quantity } from '../../lib/container/agent-container';
import { _withoutMarks } from '../../lib/construct/construct';
import { CORE_RULES } from '../../lib/engine/core-rules';
import { Rule } from '../../lib/engine/rule';
import { AgentJob, AgentKnativeService, AgentWorker, AgentWorkspace, ClusterProfile, FeatureState, ScaleTrigger } from '../../lib';
import { idsOf, synthErrors } from '../support/rule-cases';

const TMP_RULE = { id: 'TEST-TMP-001' } as Rule;

function container(props: Partial<AgentContainerProps> = {}, port?: number) {
  const reports: [string, string, unknown][] = [];
  const c = new AgentContainer({ image: 'x:1', ...props }, { port, builtinTmpRule: TMP_RULE, report: (rule, prop, value) => reports.push([rule.id, prop, value]) });
  c.addFromProps();
  return { c, reports };
}

describe('AgentContainer', () => {
  test('renders the restricted container with default resources and a writable /tmp', () => {
    const pod = _withoutMarks(container().c.renderPod()).value;
    expect(pod).toEqual({
      automountServiceAccountToken: false,
      serviceAccountName: undefined,
      imagePullSecrets: undefined,
      containers: [expect.objectContaining({ name: 'agent', image: 'x:1', ports: undefined, volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] })],
      volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }],
    });
  });

  test('declares the port when given; plain probes keep their (numeric) port', () => {
    const { c } = container({ readinessProbe: kplus.Probe.fromHttpGet('/ready'), livenessProbe: kplus.Probe.fromTcpSocket({ port: 9 }) }, 8000);
    const ctr = _withoutMarks(c.renderPod()).value.containers[0];
    expect(ctr.ports).toEqual([{ containerPort: 8000 }]);
    expect(ctr.readinessProbe.httpGet.port).toBe(8000);
    expect(ctr.livenessProbe.tcpSocket.port).toBe(9);
  });

  test('a custom probe renderer sees every probe with its kind', () => {
    const seen: string[] = [];
    container({ startupProbe: kplus.Probe.fromCommand(['true']) }).c.renderPod((_, kind) => { seen.push(kind); return {}; });
    expect(seen).toEqual(['startupProbe']);
  });

  test('reports a probe duration that is not whole seconds, and the built-in /tmp collision, to its owner', () => {
    const { reports } = container({
      livenessProbe: kplus.Probe.fromCommand(['true'], { periodSeconds: { toMilliseconds: () => 1500 } as any }),
      volumes: [{ path: '/tmp', volume: kplus.Volume.fromEmptyDir(new Chart(Testing.app(), 'c'), 'v', 'scratch') }],
    });
    expect(reports).toEqual([[CORE_RULES.RENDER.id, 'livenessProbe.periodSeconds', '1500ms'], ['TEST-TMP-001', 'volumes[0]', { name: 'scratch', path: '/tmp' }]]);
  });

  test('marks each pod-spec field with the prop that wrote it', () => {
    const { c } = container({ env: { A: 'a' }, secrets: [{ secretName: 's', keys: { B: 'b' }, wholeSecret: false }], volumes: [{ path: '/data', volume: kplus.Volume.fromEmptyDir(new Chart(Testing.app(), 'c'), 'v', 'data') }] });
    const pod = _withoutMarks(c.renderPod());
    expect(['containers[0].env[0].value', 'containers[0].env[1].valueFrom', 'volumes[0]', 'volumes[1]', 'containers[0].image', 'serviceAccountName', 'hostNetwork'].map((f) => pod.propOf(f)))
      .toEqual(['env.A', 'secrets', 'security.writableTmp', 'volumes', 'image', 'serviceAccount', undefined]);
  });

  test('in a plain pod (JobSink): runAsNonRoot and the seccomp profile on the pod, a mounted token said explicitly', () => {
    const reports: unknown[] = [];
    const c = new AgentContainer({ image: 'x:1', mountServiceAccountToken: true, security: { runAsUser: 1001 } },
      { podSecurityContext: true, explicitTokenMount: true, report: (...a) => reports.push(a) });
    const rendered = _withoutMarks(c.renderPod());
    const pod = rendered.value;
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault', localhostProfile: undefined } });
    expect(pod.containers[0].securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 1001, runAsGroup: undefined, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: undefined,
    });
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(rendered.propOf('securityContext.runAsNonRoot')).toBe('security');
    expect(reports).toEqual([]);
  });

  test('by default (Knative): no pod securityContext, and a mounted token leaves the field unset', () => {
    const pod = _withoutMarks(container({ mountServiceAccountToken: true }).c.renderPod()).value;
    expect(pod.securityContext).toBeUndefined();
    expect(pod.automountServiceAccountToken).toBeUndefined();
    expect(pod.containers[0].securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault', localhostProfile: undefined });
    expect(_withoutMarks(container().c.renderPod()).propOf('securityContext.runAsNonRoot')).toBeUndefined();
  });

  test('quantity renders whole Gi, else Mi, else Ki', () => {
    expect([quantity(Size.gibibytes(2)), quantity(Size.mebibytes(1536)), quantity(Size.kibibytes(1536))]).toEqual(['2Gi', '1536Mi', '1536Ki']);
  });

  test('probeUsesPort and probeHasPort tell HTTP/TCP probes and explicit ports apart', () => {
    expect([probeUsesPort(kplus.Probe.fromCommand(['x'])), probeUsesPort(kplus.Probe.fromHttpGet('/'))]).toEqual([false, true]);
    expect([probeHasPort(kplus.Probe.fromHttpGet('/')), probeHasPort(kplus.Probe.fromTcpSocket({ port: 1 }))]).toEqual([false, true]);
  });
});

describe('resources at the boundary', () => {
  test('fails if cpu is not a Cpu, or memory not a Size (PROPS-001); before, such a value was dropped or failed the render (ENGINE-002)', () => {
    expect(synthErrors((c) => new AgentKnativeService(c, 'agent', { image: 'ghcr.io/acme/agent:1', resources: { memory: { request: kplus.Cpu.millis(100) as any } } }))).toEqual([
      expect.stringMatching(/^error \[PROPS-001\] test\/agent: resources\.memory\.request = .*expected a cdk8s Size/),
    ]);
    expect(synthErrors((c) => new AgentKnativeService(c, 'agent', { image: 'ghcr.io/acme/agent:1', resources: { cpu: { limit: Size.gibibytes(1) as any } } }))).toEqual([
      expect.stringMatching(/^error \[PROPS-001\] test\/agent: resources\.cpu\.limit = .*expected a kplus\.Cpu/),
    ]);
  });
});

describe('pod-level props: scheduling, GPUs, fsGroup, init containers', () => {
  const chart = () => new Chart(Testing.app(), 'c');

  test('render on the pod, each field marked with its prop', () => {
    const rendered = _withoutMarks(container({
      nodeSelector: { 'nvidia.com/gpu.present': 'true' },
      tolerations: [kplus.NodeTaintQuery.exists('nvidia.com/gpu', { effect: kplus.TaintEffect.NO_SCHEDULE }), kplus.NodeTaintQuery.is('dedicated', 'agents', { effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.minutes(5) })],
      runtimeClassName: 'gvisor', priorityClassName: 'agents-high', gpu: { count: 2 }, security: { fsGroup: 1001 },
    }).c.renderPod());
    const pod = rendered.value;
    expect(pod.nodeSelector).toEqual({ 'nvidia.com/gpu.present': 'true' });
    expect(pod.tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'dedicated', operator: 'Equal', value: 'agents', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect([pod.runtimeClassName, pod.priorityClassName]).toEqual(['gvisor', 'agents-high']);
    expect(pod.containers[0].resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': '2' } });
    expect(pod.securityContext).toEqual({ fsGroup: 1001, fsGroupChangePolicy: undefined });
    expect(['nodeSelector', 'tolerations[1]', 'runtimeClassName', 'priorityClassName', 'containers[0].resources.limits["nvidia.com/gpu"]', 'containers[0].resources.limits.cpu', 'securityContext.fsGroup']
      .map((f) => rendered.propOf(f))).toEqual(['nodeSelector', 'tolerations', 'runtimeClassName', 'priorityClassName', 'gpu', 'resources', 'security.fsGroup']);
  });

  test('a GPU resource other than NVIDIA\'s', () => {
    const pod = _withoutMarks(container({ gpu: { count: 1, resource: 'gpu.intel.com/i915' } }).c.renderPod()).value;
    expect(pod.containers[0].resources.limits['gpu.intel.com/i915']).toBe('1');
    expect(pod.containers[0].resources.limits['nvidia.com/gpu']).toBeUndefined();
  });

  test('in a plain pod, fsGroup and its change policy join runAsNonRoot and the seccomp profile', () => {
    const c = new AgentContainer({ image: 'x:1', security: { fsGroup: 1001, fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH } }, { podSecurityContext: true, report: () => undefined });
    expect(_withoutMarks(c.renderPod()).value.securityContext).toEqual({
      runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault', localhostProfile: undefined }, fsGroup: 1001, fsGroupChangePolicy: 'OnRootMismatch',
    });
  });

  test('an init container is hardened as the agent container and shares /tmp; a volume both mount is declared once', () => {
    const scratch = kplus.Volume.fromEmptyDir(chart(), 'v', 'scratch', { sizeLimit: Size.gibibytes(2) });
    const pod = _withoutMarks(container({
      imagePullPolicy: kplus.ImagePullPolicy.ALWAYS, security: { readOnlyRootFilesystem: false },
      initContainers: [{ name: 'fill', image: 'busybox:1.36', args: ['sh', '-c', 'echo > /scratch/x'], resources: { cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(200) } }, volumes: [{ volume: scratch, path: '/scratch' }] }],
      volumes: [{ volume: scratch, path: '/data', readOnly: true }],
    }).c.renderPod()).value;
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }, { name: 'scratch', emptyDir: { sizeLimit: '2048Mi' } }]);
    const [init] = pod.initContainers!;
    expect(init.imagePullPolicy).toBe('Always');
    expect(init.securityContext).toEqual(pod.containers[0].securityContext);
    expect(init.securityContext.readOnlyRootFilesystem).toBe(false);
    expect(init.resources).toEqual({ requests: { cpu: '50m', memory: '256Mi' }, limits: { cpu: '200m', memory: '1Gi' } });
    expect(init.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }, { name: 'scratch', mountPath: '/scratch', readOnly: undefined, subPath: undefined }]);
    expect(pod.containers[0].volumeMounts[1]).toEqual({ name: 'scratch', mountPath: '/data', readOnly: true, subPath: undefined });
  });

  test('an init container\'s mount on the built-in /tmp is reported under its prop, and the others still render', () => {
    const { c, reports } = container({ initContainers: [{ name: 'fill', image: 'busybox:1.36', volumes: [{ volume: kplus.Volume.fromEmptyDir(chart(), 'v', 'x'), path: '/tmp/' }] }] });
    expect(reports).toEqual([['TEST-TMP-001', 'initContainers[0].volumes[0]', { name: 'x', path: '/tmp/' }]]);
    expect(_withoutMarks(c.renderPod()).value.initContainers![0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  });

  test('a toleration cdk8s cannot render (evictAfter of fractional seconds) is reported, not thrown', () => {
    const { c, reports } = container({ tolerations: [kplus.NodeTaintQuery.exists('k', { effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.millis(1500) })] });
    c.renderPod();
    expect(reports).toEqual([[CORE_RULES.RENDER.id, 'tolerations[0]', expect.anything()]]);
  });

  test('fails if the pod-level props are not what the types say (plain JavaScript), all at once', () => {
    const lines = synthErrors((c) => new AgentKnativeService(c, 'agent', {
      image: 'ghcr.io/acme/agent:1', gpu: { count: 0.5, vendor: 'nvidia.com' }, nodeSelector: { gpu: true }, tolerations: [{ key: 'gpu', operator: 'Exists' }],
      runtimeClassName: '', priorityClassName: 7, initContainers: [{ name: 'fill' }], security: { fsGroup: '1001', fsGroupChangePolicy: 'sometimes' },
    } as any));
    const text = lines.join('\n');
    for (const prop of ['gpu.count', 'gpu.vendor', 'nodeSelector.gpu', 'tolerations[0]', 'runtimeClassName', 'priorityClassName', 'initContainers[0].image', 'security.fsGroup', 'security.fsGroupChangePolicy']) {
      expect(text).toContain(`test/agent: ${prop} = `);
    }
    expect(idsOf(lines)).toEqual(['PROPS-001', 'PROPS-002']);
  });
});

describe('pod-level props on each agent kind', () => {
  test('a Knative agent, a worker and a job render them alike (snapshot)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    const ENABLED = FeatureState.ENABLED;
    new ClusterProfile(app, 'cluster', {
      features: {
        podspecNodeSelector: ENABLED, podspecTolerations: ENABLED, podspecRuntimeClassName: ENABLED, podspecPriorityClassName: ENABLED,
        podspecSecurityContext: ENABLED, podspecInitContainers: ENABLED, podspecPersistentVolumeClaim: ENABLED, podspecPersistentVolumeWrite: ENABLED,
      },
    });
    const models = AgentWorkspace.fromClaimName(chart, 'models', 'models-cache');
    const pod = {
      image: 'ghcr.io/acme/executor:1.0.0', gpu: { count: 1 }, nodeSelector: { 'nvidia.com/gpu.present': 'true' }, runtimeClassName: 'gvisor', priorityClassName: 'agents-high',
      tolerations: [kplus.NodeTaintQuery.exists('nvidia.com/gpu', { effect: kplus.TaintEffect.NO_SCHEDULE })], security: { runAsUser: 1001, runAsGroup: 1001, fsGroup: 1001 },
      initContainers: [{ name: 'model-download', image: 'curlimages/curl:8.10.1', command: ['sh', '-c', 'true'], volumes: [models.mount('/models', { readOnly: false })] }],
      volumes: [models.mount('/models')],
    };
    new AgentKnativeService(chart, 'agent', pod);
    new AgentWorker(chart, 'worker', { ...pod, triggers: [ScaleTrigger.cron({ timezone: 'UTC', start: '0 8 * * *', end: '0 18 * * *', desiredReplicas: 1 })] });
    new AgentJob(chart, 'job', { ...pod, triggers: [ScaleTrigger.cron({ timezone: 'UTC', start: '0 8 * * *', end: '0 18 * * *', desiredReplicas: 1 })] });
    const objects = Testing.synth(chart);
    expect(objects).toMatchSnapshot();
    const specs = [objects.find((o) => o.kind === 'Service').spec.template.spec, objects.find((o) => o.kind === 'Deployment').spec.template.spec, objects.find((o) => o.kind === 'ScaledJob').spec.jobTargetRef.template.spec];
    for (const spec of specs) {
      expect([spec.nodeSelector, spec.runtimeClassName, spec.priorityClassName, spec.securityContext.fsGroup, spec.initContainers[0].name]).toEqual([{ 'nvidia.com/gpu.present': 'true' }, 'gvisor', 'agents-high', 1001, 'model-download']);
      expect(spec.containers[0].resources.limits['nvidia.com/gpu']).toBe('1');
    }
  });
});
