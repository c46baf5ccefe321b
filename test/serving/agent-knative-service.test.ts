import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AgentKnativeService, AgentKnativeServiceProps, AgentSecrets, AppValidation, ClusterProfile, FeatureState, HttpProtocol, ScalingClass, ScalingMetric, Visibility,
} from '../../lib';
import { featureAllows } from '../../lib/settings/settings';
import { RULE_CATALOGUE } from '../../lib/validation';
import { Construct } from 'constructs';
import { profile } from '../settings/fixtures';
import { idOf, idsOf, synthErrors } from '../support/rule-cases';
import { AGENT, agent, configMapVolume, CTR, TPL } from './fixtures';

const IMAGE = 'ghcr.io/acme/agent:1.0.0';

function setup(props: Partial<AgentKnativeServiceProps> = {}, id = 'agent') {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: 'agents' });
  const agent = new AgentKnativeService(chart, id, { image: IMAGE, ...props });
  return { app, chart, agent };
}

function synthService(props: Partial<AgentKnativeServiceProps> = {}): any {
  const { chart } = setup(props);
  const objects = Testing.synth(chart);
  return objects.find((o) => o.kind === 'Service' && o.apiVersion === 'serving.knative.dev/v1');
}

const container = (svc: any) => svc.spec.template.spec.containers[0];
const templateAnnotations = (svc: any) => svc.spec.template.metadata?.annotations ?? {};

describe('AgentKnativeService defaults', () => {
  // GIVEN only an image
  const svc = synthService();

  test('snapshot of the defaults', () => {
    expect(svc).toMatchSnapshot();
  });

  test('name is the construct id, namespace the chart namespace, no hash suffix', () => {
    expect(svc.metadata.name).toBe('agent');
    expect(svc.metadata.namespace).toBe('agents');
  });

  test('is cluster-local unless made public', () => {
    expect(svc.metadata.labels['networking.knative.dev/visibility']).toBe('cluster-local');
  });

  test('serves on port 8080 without a port name', () => {
    expect(container(svc).ports).toEqual([{ containerPort: 8080 }]);
  });

  test('meets the restricted Pod Security profile at container level', () => {
    expect(container(svc).securityContext).toEqual({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
      readOnlyRootFilesystem: true,
    });
    // Knative rejects a pod-level securityContext on a stock cluster.
    expect(svc.spec.template.spec.securityContext).toBeUndefined();
  });

  test('mounts a size-limited writable /tmp', () => {
    expect(svc.spec.template.spec.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }]);
    expect(container(svc).volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  });

  test('does not mount the service account token', () => {
    expect(svc.spec.template.spec.automountServiceAccountToken).toBe(false);
  });

  test('has documented default resources', () => {
    expect(container(svc).resources).toEqual({
      requests: { cpu: '100m', memory: '256Mi' },
      limits: { cpu: '1', memory: '1Gi' },
    });
  });

  test('leaves autoscaling, timeouts and traffic to the cluster defaults', () => {
    expect(svc.spec.template.metadata).toBeUndefined();
    expect(svc.spec.template.spec.timeoutSeconds).toBeUndefined();
    expect(svc.spec.template.spec.containerConcurrency).toBeUndefined();
    expect(svc.spec.traffic).toBeUndefined();
  });
});

describe('AgentKnativeService props', () => {
  test('a fully configured service (snapshot)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    const secrets = AgentSecrets.fromSecretName(chart, 'secrets', 'agent-secrets');
    const cm = kplus.ConfigMap.fromConfigMapName(chart, 'cm', 'agent-config');
    new AgentKnativeService(chart, 'full', {
      image: IMAGE,
      name: 'full-agent',
      port: 9000,
      protocol: HttpProtocol.H2C,
      containerName: 'worker',
      command: ['/app/agent'],
      args: ['--serve'],
      env: { LOG_LEVEL: 'info' },
      secrets: [secrets],
      containerConcurrency: 2,
      timeout: Duration.seconds(120),
      responseStartTimeout: Duration.seconds(30),
      idleTimeout: Duration.seconds(60),
      visibility: Visibility.PUBLIC,
      revisionName: 'full-agent-v3',
      rolloutDuration: Duration.seconds(120),
      labels: { team: 'support' },
      annotations: { 'example.com/owner': 'support' },
      revisionLabels: { app: 'full-agent' },
      volumes: [{ volume: kplus.Volume.fromConfigMap(chart, 'cfg', cm, { name: 'config' }), path: '/etc/agent' }],
      readinessProbe: kplus.Probe.fromHttpGet('/ready'),
      livenessProbe: kplus.Probe.fromHttpGet('/live', { periodSeconds: Duration.seconds(10) }),
      startupProbe: kplus.Probe.fromTcpSocket({ periodSeconds: Duration.seconds(2), failureThreshold: 30 }),
      imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,
      imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'pull', 'ghcr-pull')],
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'full-agent'),
      scaling: {
        class: ScalingClass.KPA,
        metric: ScalingMetric.RPS,
        target: 20,
        targetUtilizationPercentage: 80,
        minScale: 1,
        maxScale: 8,
        initialScale: 2,
        activationScale: 2,
        scaleDownDelay: Duration.minutes(5),
        window: Duration.seconds(90),
        scaleToZeroRetention: Duration.minutes(1),
        panicWindowPercentage: 20,
        panicThresholdPercentage: 300,
        targetBurstCapacity: -1,
      },
    });
    const [svc] = Testing.synth(chart);
    expect(svc).toMatchSnapshot();

    expect(svc.metadata.name).toBe('full-agent');
    expect(svc.metadata.labels).toEqual({ team: 'support' });
    expect(svc.metadata.annotations).toEqual({ 'example.com/owner': 'support', 'serving.knative.dev/rollout-duration': '120s' });
    expect(svc.spec.template.metadata.name).toBe('full-agent-v3');
    expect(svc.spec.template.metadata.labels).toEqual({ app: 'full-agent' });
    const spec = svc.spec.template.spec;
    expect(spec).toMatchObject({ containerConcurrency: 2, timeoutSeconds: 120, responseStartTimeoutSeconds: 30, idleTimeoutSeconds: 60 });
    expect(spec.serviceAccountName).toBe('full-agent');
    expect(spec.imagePullSecrets).toEqual([{ name: 'ghcr-pull' }]);
    const c = spec.containers[0];
    expect(c).toMatchObject({ name: 'worker', command: ['/app/agent'], args: ['--serve'], imagePullPolicy: 'Always' });
    expect(c.ports).toEqual([{ containerPort: 9000, name: 'h2c' }]);
    expect(spec.volumes).toContainEqual({ name: 'config', configMap: { name: 'agent-config' } });
    expect(c.volumeMounts).toContainEqual({ name: 'config', mountPath: '/etc/agent', readOnly: true });
  });

  test('every scaling prop becomes its string annotation on the revision template', () => {
    const svc = synthService({
      scaling: {
        metric: ScalingMetric.CONCURRENCY, target: 5, targetUtilizationPercentage: 70, minScale: 0, maxScale: 10,
        initialScale: 1, activationScale: 3, scaleDownDelay: Duration.seconds(30), window: Duration.hours(1),
        scaleToZeroRetention: Duration.seconds(45), panicWindowPercentage: 10, panicThresholdPercentage: 200, targetBurstCapacity: 0,
      },
    });
    expect(templateAnnotations(svc)).toEqual({
      'autoscaling.knative.dev/metric': 'concurrency',
      'autoscaling.knative.dev/target': '5',
      'autoscaling.knative.dev/target-utilization-percentage': '70',
      'autoscaling.knative.dev/min-scale': '0',
      'autoscaling.knative.dev/max-scale': '10',
      'autoscaling.knative.dev/initial-scale': '1',
      'autoscaling.knative.dev/activation-scale': '3',
      'autoscaling.knative.dev/scale-down-delay': '30s',
      'autoscaling.knative.dev/window': '1h0m0s',
      'autoscaling.knative.dev/scale-to-zero-pod-retention-period': '45s',
      'autoscaling.knative.dev/panic-window-percentage': '10',
      'autoscaling.knative.dev/panic-threshold-percentage': '200',
      'autoscaling.knative.dev/target-burst-capacity': '0',
    });
    // Autoscaling annotations never go on the Service itself (the webhook rejects them there).
    expect(svc.metadata.annotations).toBeUndefined();
  });

  test('the HPA class with a CPU metric', () => {
    const svc = synthService({ scaling: { class: ScalingClass.HPA, metric: ScalingMetric.CPU, target: 75, minScale: 1, maxScale: 4 } });
    expect(svc).toMatchSnapshot();
    expect(templateAnnotations(svc)).toMatchObject({
      'autoscaling.knative.dev/class': 'hpa.autoscaling.knative.dev',
      'autoscaling.knative.dev/metric': 'cpu',
    });
  });

  test('revisionAnnotations merge with the rendered scaling annotations', () => {
    const svc = synthService({ scaling: { maxScale: 3 }, revisionAnnotations: { 'example.com/x': 'y' } });
    expect(templateAnnotations(svc)).toEqual({ 'autoscaling.knative.dev/max-scale': '3', 'example.com/x': 'y' });
  });

  test('fails if a raw revision annotation overrides a typed scaling prop: the typed value would never be read (KSVC-SCALE-022)', () => {
    expect(() => synthService({ scaling: { maxScale: 3 }, revisionAnnotations: { 'autoscaling.knative.dev/max-scale': '4' } }))
      .toThrow(/error \[KSVC-SCALE-022\] .*overrides the typed scaling value "3"/);
  });

  test('traffic targets render in order with tags', () => {
    const svc = synthService({
      name: 'agent',
      revisionName: 'agent-b',
      traffic: [{ revisionName: 'agent-a', percent: 90 }, { revisionName: 'agent-b', percent: 10, tag: 'canary' }],
    });
    expect(svc).toMatchSnapshot();
    expect(svc.spec.traffic).toEqual([
      { revisionName: 'agent-a', percent: 90 },
      { revisionName: 'agent-b', percent: 10, tag: 'canary' },
    ]);
  });

  test('latestRevision traffic', () => {
    const svc = synthService({ traffic: [{ latestRevision: true, percent: 100, tag: 'latest' }] });
    expect(svc.spec.traffic).toEqual([{ latestRevision: true, percent: 100, tag: 'latest' }]);
  });

  test('resources: cpu and memory are replaced as a whole when given; ephemeral storage is optional', () => {
    const svc = synthService({
      resources: { memory: { request: Size.mebibytes(512), limit: Size.mebibytes(1536) }, ephemeralStorage: { limit: Size.gibibytes(2) } },
    });
    expect(container(svc).resources).toEqual({
      requests: { cpu: '100m', memory: '512Mi' },
      limits: { cpu: '1', memory: '1536Mi', 'ephemeral-storage': '2Gi' },
    });
  });
});

describe('environment and secrets', () => {
  test('a Secret without key mapping becomes envFrom; a mapped one secretKeyRef env vars', () => {
    const { chart, agent } = setup({ env: { A: '1' } });
    const whole = AgentSecrets.fromSecretName(chart, 'whole', 'all-keys');
    const mapped = AgentSecrets.fromSecretName(chart, 'mapped', 'model-keys', { ANTHROPIC_API_KEY: 'anthropic', JIRA: 'jira-token' });
    agent.addSecrets(whole, mapped);
    agent.addEnv('B', '2');
    const c = container(Testing.synth(chart)[0]);
    expect(c.envFrom).toEqual([{ secretRef: { name: 'all-keys' } }]);
    expect(c.env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
      { name: 'ANTHROPIC_API_KEY', valueFrom: { secretKeyRef: { name: 'model-keys', key: 'anthropic' } } },
      { name: 'JIRA', valueFrom: { secretKeyRef: { name: 'model-keys', key: 'jira-token' } } },
    ]);
  });

  test('adding the same secrets twice renders them once', () => {
    const { chart, agent } = setup();
    const s = AgentSecrets.fromSecretName(chart, 's', 'creds');
    agent.addSecrets(s).addSecrets(s);
    expect(container(Testing.synth(chart)[0]).envFrom).toEqual([{ secretRef: { name: 'creds' } }]);
  });

  test('no secret value ever reaches the manifest', () => {
    const { chart } = setup({ secrets: [] });
    const s = AgentSecrets.fromSecretName(chart, 's', 'creds', { TOKEN: 'token' });
    new AgentKnativeService(chart, 'other', { image: IMAGE, secrets: [s] });
    const yaml = JSON.stringify(Testing.synth(chart));
    expect(yaml).toContain('secretKeyRef');
    expect(Testing.synth(chart).some((o) => o.kind === 'Secret')).toBe(false);
  });

  test('cdk8s-plus EnvValue works as an env value', () => {
    const { chart, agent } = setup();
    agent.addEnv('FROM_CM', kplus.EnvValue.fromConfigMap(kplus.ConfigMap.fromConfigMapName(chart, 'cm', 'settings'), 'level'));
    expect(container(Testing.synth(chart)[0]).env).toEqual([
      { name: 'FROM_CM', valueFrom: { configMapKeyRef: { name: 'settings', key: 'level' } } },
    ]);
  });
});

describe('probes', () => {
  test('readiness /health renders Knative style: no port, no failureThreshold (aggressive probing)', () => {
    const svc = synthService({ readinessProbe: kplus.Probe.fromHttpGet('/health') });
    expect(container(svc).readinessProbe).toEqual({ httpGet: { path: '/health', scheme: 'HTTP' } });
  });

  test('readiness with periodSeconds keeps failureThreshold and timeout', () => {
    const svc = synthService({ readinessProbe: kplus.Probe.fromHttpGet('/health', { periodSeconds: Duration.seconds(5), timeoutSeconds: Duration.seconds(2) }) });
    expect(container(svc).readinessProbe).toEqual({ httpGet: { path: '/health', scheme: 'HTTP' }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 });
  });

  test('an explicit probe port equal to the serving port is kept as an integer', () => {
    const svc = synthService({ port: 9000, livenessProbe: kplus.Probe.fromTcpSocket({ port: 9000 }) });
    expect(container(svc).livenessProbe).toEqual({ tcpSocket: { port: 9000 }, failureThreshold: 3 });
  });

  test('a command probe', () => {
    const svc = synthService({ startupProbe: kplus.Probe.fromCommand(['cat', '/tmp/ready']) });
    expect(container(svc).startupProbe).toEqual({ exec: { command: ['cat', '/tmp/ready'] }, failureThreshold: 3 });
  });

  test('liveness and startup probes, run by the kubelet, name the serving port', () => {
    const svc = synthService({ port: 9000, livenessProbe: kplus.Probe.fromHttpGet('/live'), startupProbe: kplus.Probe.fromTcpSocket() });
    expect(container(svc).livenessProbe.httpGet).toEqual({ path: '/live', port: 9000, scheme: 'HTTP' });
    expect(container(svc).startupProbe.tcpSocket).toEqual({ port: 9000 });
  });
});

describe('secure defaults and their opt-outs', () => {
  test('Visibility.PUBLIC drops the cluster-local label', () => {
    expect(synthService({ visibility: Visibility.PUBLIC }).metadata.labels).toBeUndefined();
  });

  test('each hardening default can be turned off on its own', () => {
    const svc = synthService({
      security: {
        runAsNonRoot: false, readOnlyRootFilesystem: false, allowPrivilegeEscalation: true, dropAllCapabilities: false,
        seccompProfile: kplus.SeccompProfileType.UNCONFINED, runAsUser: 1000, runAsGroup: 1000, writableTmp: false,
      },
    });
    expect(container(svc).securityContext).toEqual({
      runAsNonRoot: false, readOnlyRootFilesystem: false, allowPrivilegeEscalation: true,
      seccompProfile: { type: 'Unconfined' }, runAsUser: 1000, runAsGroup: 1000,
    });
    expect(svc.spec.template.spec.volumes).toBeUndefined();
    expect(container(svc).volumeMounts).toBeUndefined();
  });

  test('the /tmp size limit is configurable', () => {
    const svc = synthService({ security: { tmpSizeLimit: Size.mebibytes(300) } });
    expect(svc.spec.template.spec.volumes[0].emptyDir).toEqual({ sizeLimit: '300Mi' });
  });

  test('mountServiceAccountToken leaves the Kubernetes default in place', () => {
    expect(synthService({ mountServiceAccountToken: true }).spec.template.spec.automountServiceAccountToken).toBeUndefined();
  });
});

describe('escape hatch', () => {
  test('addOverride reaches the YAML, creating intermediate objects', () => {
    const app = Testing.app();
    new ClusterProfile(app, 'cluster', { features: { podspecNodeSelector: FeatureState.ENABLED } });
    const chart = new Chart(app, 'test');
    const agent = new AgentKnativeService(chart, 'agent', { image: IMAGE });
    agent.addOverride('spec.template.spec.nodeSelector', { 'example.com/gpu': 'true' });
    agent.addOverride(['spec', 'template', 'metadata', 'annotations', 'example.com/owner'], 'team-a');
    const [svc] = Testing.synth(chart);
    expect(svc.spec.template.spec.nodeSelector).toEqual({ 'example.com/gpu': 'true' });
    expect(svc.spec.template.metadata.annotations).toEqual({ 'example.com/owner': 'team-a' });
  });

  test('an override to undefined removes a field', () => {
    const { chart, agent } = setup();
    agent.addOverride('spec.template.spec.automountServiceAccountToken', undefined);
    expect(Testing.synth(chart)[0].spec.template.spec.automountServiceAccountToken).toBeUndefined();
  });

  test('overrides are validated like everything else', () => {
    const { chart, agent } = setup();
    agent.addOverride('spec.template.spec.nodeSelector', { gpu: 'true' });
    expect(() => Testing.synth(chart)).toThrow(/\[KSVC-POD-001\].*spec\.template\.spec\.nodeSelector.*kubernetes\.podspec-nodeselector.*config-features/);
  });

  test('an empty path segment is a clear error', () => {
    const { agent } = setup();
    agent.addOverride('spec..template', 1);
    expect(() => Testing.synth(Chart.of(agent))).toThrow(/error \[PROPS-001\] test\/agent: addOverride\(path\) = "spec..template": the path has an empty segment/);
  });
});

describe('identity and wiring', () => {
  test('url is the cluster-local address', () => {
    expect(setup({}, 'jira-triage').agent.url).toBe('http://jira-triage.agents.svc.cluster.local');
  });

  test('url follows the ClusterProfile cluster domain', () => {
    const app = Testing.app();
    new ClusterProfile(app, 'cluster', { clusterDomain: 'corp.internal' });
    const agent = new AgentKnativeService(new Chart(app, 'c', { namespace: 'ns' }), 'a', { image: IMAGE });
    expect(agent.url).toBe('http://a.ns.svc.corp.internal');
  });

  test('is a sink addressed by reference', () => {
    expect(setup({ name: 'triage' }).agent.toDestination()).toEqual({
      ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'triage', namespace: 'agents' },
    });
  });

  test('the generated Service is the `Resource` child', () => {
    const { agent } = setup();
    expect(agent.node.findChild('Resource')).toBe(agent.resource);
  });
});

describe('errors', () => {
  test('fails if image is missing, naming the construct', () => {
    const chart = new Chart(Testing.app(), 'test');
    new AgentKnativeService(chart, 'agent', {} as any);
    expect(() => Testing.synth(chart)).toThrow(/error \[PROPS-001\] test\/agent: image = \(unset\): expected a non-empty string, got undefined/);
  });

  test('fails if a timeout is not whole seconds, without a stack trace from the library', () => {
    const { chart } = setup({ timeout: Duration.millis(1500) });
    expect(() => Testing.synth(chart)).toThrow(/error \[KSVC-SPEC-001\] test\/agent: timeout = "1500ms": Knative takes whole seconds\. Fix: use Duration\.seconds\(2\)/);
  });

  test('all errors of one app are reported at once, across constructs', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const chart = new Chart(app, 'test');
    new AgentKnativeService(chart, 'Bad_Name', { image: IMAGE });
    new AgentKnativeService(chart, 'ok', { image: IMAGE, port: 9090, scaling: { minScale: 3, maxScale: 1 } });
    let message = '';
    try { app.synth(); } catch (e) { message = (e as Error).message; }
    expect(message).toContain('[KSVC-NAME-001] test/Bad_Name');
    expect(message).toContain('[KSVC-CTR-002] test/ok');
    expect(message).toContain('[KSVC-SCALE-006] test/ok');
  });
});

describe('ClusterProfile', () => {
  test('without a declaration, the app validates against the upstream 1.22 defaults', () => {
    const app = Testing.app();
    const settings = AppValidation.of(new Chart(app, 'c')).settings;
    expect(settings.serving.maxRevisionTimeoutSeconds).toBe(600);
    expect(settings.serving.revisionTimeoutSeconds).toBe(300);
    expect(settings.serving.containerConcurrencyMaxLimit).toBe(1000);
    expect(settings.serving.maxScaleLimit).toBe(0);
    expect(settings.serving.allowZeroInitialScale).toBe(false);
    expect(settings.serving.podAutoscalerClass).toBe(ScalingClass.KPA);
    expect(settings.serving.features.podspecVolumesEmptyDir).toBe(FeatureState.ENABLED);
    expect(settings.serving.features.podspecSecurityContext).toBe(FeatureState.DISABLED);
    expect(app.node.findAll().some((c) => c instanceof ClusterProfile)).toBe(false);
  });

  test('the declared profile is what every construct of its app validates against', () => {
    const app = Testing.app();
    const declared = new ClusterProfile(app, 'cluster', { maxScaleLimit: 20 });
    const agent = new AgentKnativeService(new Chart(app, 'c'), 'a', { image: IMAGE });
    expect(AppValidation.of(agent).settings).toBe(declared.settings);
    expect(declared.settings.serving.maxScaleLimit).toBe(20);
  });

  test('Allowed opens the not-disabled gates only (Q-4)', () => {
    const profile = new ClusterProfile(Testing.app(), 'cluster', {
      features: { podspecTolerations: FeatureState.ALLOWED, podspecPersistentVolumeClaim: FeatureState.ALLOWED },
    });
    expect(profile.feature('podspecTolerations')).toBe(FeatureState.ALLOWED);
    expect(featureAllows(profile.settings, 'podspecTolerations')).toBe(true);
    expect(featureAllows(profile.settings, 'podspecPersistentVolumeClaim')).toBe(false);
  });

  test('a higher max timeout lets a longer timeout through', () => {
    const app = Testing.app();
    new ClusterProfile(app, 'cluster', { maxRevisionTimeout: Duration.minutes(30) });
    const chart = new Chart(app, 'c');
    new AgentKnativeService(chart, 'a', { image: IMAGE, timeout: Duration.minutes(20) });
    expect(Testing.synth(chart)[0].spec.template.spec.timeoutSeconds).toBe(1200);
  });
});

// End to end through synth: the message format, aggregation, and a richly configured service.

describe('error messages', () => {
  it('have the shape `error [ID] path: prop (field) = value: problem. Fix: ...`, the path printed once', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    agent(chart, { scaling: { minScale: 5, maxScale: 2 } });
    expect(() => Testing.synth(chart)).toThrow(
      'Validation failed: 1 error\n'
      + '  error [KSVC-SCALE-006] test/agent: scaling.maxScale (spec.template.metadata.annotations["autoscaling.knative.dev/max-scale"]) = "2": '
      + 'max-scale 2 is less than min-scale 5. Fix: raise `scaling.maxScale` to at least `scaling.minScale`, or lower `minScale`',
    );
  });

  it('use the rule title as problem and the rule fix when nothing more specific is known', () => {
    const [line] = synthErrors((c) => agent(c, { annotations: { 'serving.knative.dev/creator': 'alice' } }));
    const rule = RULE_CATALOGUE.find((r) => r.id === 'KSVC-META-006')!;
    expect(line).toBe(`error [KSVC-META-006] test/agent: annotations (metadata.annotations["serving.knative.dev/creator"]) = "alice": ${rule.title}. Fix: ${rule.fix}`);
  });

  it('name the flag to enable for a gated field, and the override that set it', () => {
    const [line] = synthErrors((c) => agent(c).addOverride(`${TPL}.nodeSelector`, { gpu: 'true' }));
    expect(line).toMatch(/^error \[KSVC-POD-001\] test\/agent: addOverride\("spec\.template\.spec\.nodeSelector"\) \(spec\.template\.spec\.nodeSelector\) = \{"gpu":"true"\}: needs config-features "kubernetes\.podspec-nodeselector" \(declared Disabled\)\. Fix: .*namespace knative-serving.*features\.podspecNodeSelector/);
  });

  it('suggest the right key for a misspelled autoscaling annotation', () => {
    const [line] = synthErrors((c) => agent(c, { revisionAnnotations: { 'autoscaling.knative.dev/minscale': '1' } }));
    expect(line).toContain('did you mean "autoscaling.knative.dev/min-scale"?');
  });

  it('use the path of the construct that made the mistake', () => {
    const errors = synthErrors((c) => {
      const group = new Construct(c, 'team-a');
      new AgentKnativeService(group, 'triage', { image: IMAGE, port: 8012 });
    });
    expect(errors).toEqual([expect.stringMatching(/^error \[KSVC-CTR-002\] test\/team-a\/triage: port \(spec\.template\.spec\.containers\[0\]\.ports\[0\]\.containerPort\) = 8012: /)]);
  });
});

describe('review mends', () => {
  it('attribute a finding to the override that wrote the field, whatever bracket style the field is reported in', () => {
    const errors = synthErrors((c) => agent(c).addOverride(['metadata', 'labels', 'replicas'], 'a b'));
    expect(errors).toEqual(expect.arrayContaining([expect.stringContaining('error [KSVC-META-004] test/agent: addOverride("metadata.labels.replicas") (metadata.labels["replicas"]) = "a b"')]));
  });
});

describe('escape-hatch robustness', () => {
  // YAML null means "unset" to Kubernetes; validation must not crash on it (it used to throw a TypeError).
  it.each(['readinessProbe', 'livenessProbe', 'startupProbe', 'securityContext'])('a null container %s is treated as unset', (key) => {
    const errors = synthErrors((c) => agent(c, { port: 8012, readinessProbe: kplus.Probe.fromHttpGet('/health') }).addOverride(`${TPL}.containers.0.${key}`, null));
    expect(errors).toEqual([expect.stringContaining(`error [KSVC-CTR-002] ${AGENT}: port (${CTR}.ports[0].containerPort) = 8012`)]);
  });
});

describe('known library bugs (outside the validation files)', () => {
  // agent-knative-service.ts renders one `volumes[]` entry per mount, so one kplus Volume mounted at two
  // paths (valid Kubernetes) must declare the volume once.
  it('mounting one volume at two paths is valid', () => {
    expect(synthErrors((c) => {
      const vol = configMapVolume(c);
      agent(c, { volumes: [{ path: '/etc/agent', volume: vol }, { path: '/etc/agent-extra', volume: vol, subPath: 'extra' }] });
    })).toEqual([]);
  });
});

describe('aggregation', () => {
  it('reports several mistakes of one service in one synth', () => {
    const errors = synthErrors((c) => {
      agent(c, { scaling: { minScale: 5, maxScale: 2 }, timeout: Duration.seconds(700) }).addOverride(`${TPL}.nodeSelector`, { gpu: 'true' });
    });
    expect(idsOf(errors)).toEqual(['KSVC-POD-001', 'KSVC-SCALE-006', 'KSVC-SPEC-001']);
    expect(errors).toHaveLength(3);
  });

  it('reports the mistakes of every construct of the app at once', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    new ClusterProfile(app, 'cluster', { containerConcurrencyMaxLimit: 0 });
    new AgentKnativeService(chart, 'a', { image: IMAGE, env: { PORT: '1' } });
    new AgentKnativeService(chart, 'b', { image: IMAGE, traffic: [{ percent: 90 }] });
    new AgentKnativeService(chart, 'c', { image: IMAGE, secrets: [AgentSecrets.fromSecretName(chart, 'creds', 'Bad_Secret')] });
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('error [PROFILE-002] cluster: containerConcurrencyMaxLimit = 0');
    expect(message).toContain('error [KSVC-CTR-004] test/a: env.PORT (spec.template.spec.containers[0].env[0].name) = "PORT"');
    expect(message).toContain('error [KSVC-TRAFFIC-002] test/b: traffic (spec.traffic) = [90]');
    expect(message).toContain('error [POD-ENV-001] test/c: secrets (spec.template.spec.containers[0].envFrom[0].secretRef.name) = "Bad_Secret"');
  });

  it('reports one line per bad value of the same rule', () => {
    const errors = synthErrors((c) => agent(c, { env: { PORT: '1', K_SERVICE: 'x', K_REVISION: 'y' } }));
    expect(errors.map(idOf)).toEqual(['KSVC-CTR-004', 'KSVC-CTR-004', 'KSVC-CTR-004']);
  });
});

describe('a richly configured service', () => {
  it('produces no errors', () => {
    const errors = synthErrors((chart) => {
      profile(chart, {
        maxScaleLimit: 20,
        allowZeroInitialScale: true,
        maxRevisionTimeout: Duration.seconds(900),
        features: { podspecFieldRef: FeatureState.ENABLED, podspecNodeSelector: FeatureState.ALLOWED },
      });
      const jira = AgentSecrets.fromSecretName(chart, 'jira', 'jira-creds', { JIRA_TOKEN: 'token', JIRA_USER: 'user' });
      const openai = AgentSecrets.fromSecretName(chart, 'openai', 'openai-api');
      const svc = new AgentKnativeService(chart, 'agent', {
        image: `ghcr.io/acme/jira-triage:1.4.2@sha256:${'0123456789abcdef'.repeat(4)}`,
        port: 8080,
        protocol: HttpProtocol.HTTP1,
        containerName: 'triage',
        command: ['python', '-m', 'agent'],
        args: ['--serve'],
        env: { LOG_LEVEL: 'info', POD_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME) },
        secrets: [jira, openai],
        resources: { cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.units(2) }, memory: { request: Size.mebibytes(512), limit: Size.gibibytes(2) } },
        readinessProbe: kplus.Probe.fromHttpGet('/health', { periodSeconds: Duration.seconds(5), timeoutSeconds: Duration.seconds(2) }),
        livenessProbe: kplus.Probe.fromHttpGet('/live', { periodSeconds: Duration.seconds(10), failureThreshold: 3 }),
        startupProbe: kplus.Probe.fromTcpSocket({ initialDelaySeconds: Duration.seconds(2), periodSeconds: Duration.seconds(2), failureThreshold: 30 }),
        timeout: Duration.seconds(900),
        responseStartTimeout: Duration.seconds(120),
        idleTimeout: Duration.seconds(60),
        containerConcurrency: 10,
        scaling: {
          class: ScalingClass.KPA,
          metric: ScalingMetric.CONCURRENCY,
          target: 5,
          targetUtilizationPercentage: 70,
          minScale: 1,
          maxScale: 20,
          initialScale: 0,
          activationScale: 2,
          scaleDownDelay: Duration.seconds(30),
          window: Duration.minutes(1),
          scaleToZeroRetention: Duration.minutes(5),
          panicWindowPercentage: 10,
          panicThresholdPercentage: 200,
          targetBurstCapacity: 211,
        },
        visibility: Visibility.PUBLIC,
        revisionName: 'agent-v2',
        traffic: [
          { revisionName: 'agent-v1', percent: 90 },
          { latestRevision: true, percent: 10, tag: 'canary' },
        ],
        rolloutDuration: Duration.minutes(2),
        serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'jira-triage'),
        mountServiceAccountToken: false,
        imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'pull', 'ghcr-pull')],
        volumes: [
          { path: '/etc/agent', volume: configMapVolume(chart) },
          { path: '/etc/tls', volume: kplus.Volume.fromSecret(chart, 'tls-vol', kplus.Secret.fromSecretName(chart, 'tls', 'agent-tls')) },
          { path: '/var/cache/agent', volume: kplus.Volume.fromEmptyDir(chart, 'cache-vol', 'cache', { medium: kplus.EmptyDirMedium.MEMORY, sizeLimit: Size.mebibytes(256) }) },
        ],
        security: { runAsUser: 1000, runAsGroup: 1000, tmpSizeLimit: Size.mebibytes(512) },
        labels: { 'app.kubernetes.io/part-of': 'agents', team: 'platform' },
        annotations: { 'example.com/owner': 'platform-team' },
        revisionLabels: { 'app.kubernetes.io/version': '1.4.2' },
        revisionAnnotations: { 'example.com/commit': 'abc123', 'autoscaling.knative.dev/metric-aggregation-algorithm': 'linear' },
      });
      svc.addEnv('REGION', 'eu-west-1');
      svc.addOverride(`${TPL}.nodeSelector`, { 'kubernetes.io/arch': 'amd64' });
    });
    expect(errors).toEqual([]);
  });
});
