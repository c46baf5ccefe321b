import { Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AgentSecrets, AgentWorker, AgentWorkerProps, FallbackBehavior, KafkaSaslMechanism, ScaleMetricType, ScaleTrigger, ScalingPolicyType, ScalingSelectPolicy, TriggerAuth,
} from '../../lib';
import { CLOSED_WORLD } from '../../lib/engine/engine';
import { FindingList } from '../../lib/engine/rule';
import { DEFAULT_SETTINGS } from '../../lib/settings/settings';
import { validateScaledObject } from '../../lib/workers/scaled-object.validator';
import { synthErrors } from '../support/rule-cases';
import { GARBAGE, IMAGE, KAFKA } from './fixtures';

function setup(props: Partial<AgentWorkerProps> = {}, id = 'worker') {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: 'agents' });
  const worker = new AgentWorker(chart, id, { image: IMAGE, triggers: [ScaleTrigger.kafka(KAFKA)], ...props });
  return { app, chart, worker };
}

function synth(props: Partial<AgentWorkerProps> = {}) {
  const { chart } = setup(props);
  const objects = Testing.synth(chart);
  return {
    objects,
    deployment: objects.find((o) => o.kind === 'Deployment'),
    so: objects.find((o) => o.kind === 'ScaledObject'),
    auths: objects.filter((o) => o.kind === 'TriggerAuthentication'),
  };
}

describe('AgentWorker defaults', () => {
  // GIVEN only an image and a kafka trigger
  const { objects, deployment, so } = synth();

  test('snapshot of the defaults', () => {
    expect(objects).toMatchSnapshot();
  });

  test('renders a Deployment and a ScaledObject of the same explicit name', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/worker', 'ScaledObject/worker']);
    expect(so.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'worker' });
  });

  test('leaves replicas unset: KEDA owns the count', () => {
    expect(deployment.spec.replicas).toBeUndefined();
  });

  test('scales between 0 and 100 replicas (KEDA defaults, written out)', () => {
    expect(so.spec.minReplicaCount).toBe(0);
    expect(so.spec.maxReplicaCount).toBe(100);
    expect(so.spec.pollingInterval).toBeUndefined();
    expect(so.spec.cooldownPeriod).toBeUndefined();
  });

  test('selects its pods by name, component and library labels', () => {
    const labels = { 'app.kubernetes.io/name': 'worker', 'app.kubernetes.io/component': 'worker', 'app.kubernetes.io/managed-by': 'cdk8s-agents' };
    expect(deployment.spec.selector.matchLabels).toEqual(labels);
    expect(deployment.spec.template.metadata.labels).toEqual(labels);
  });

  test('has the hardened container of AgentKnativeService, without a port', () => {
    const pod = deployment.spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].ports).toBeUndefined();
    expect(pod.containers[0].securityContext).toEqual({
      runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' }, readOnlyRootFilesystem: true,
    });
    expect(pod.containers[0].resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } });
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }]);
  });

  test('is an IAgentWorkload served outside Knative', () => {
    const { worker } = setup();
    expect(worker.servedByKnative).toBe(false);
    expect(worker.namespace).toBe('agents');
    expect(worker.podSelector['app.kubernetes.io/name']).toBe('worker');
  });
});

describe('AgentWorker scaling', () => {
  test('renders replica bounds, idle replicas and timing in seconds', () => {
    const { so } = synth({ minReplicas: 1, maxReplicas: 30, idleReplicas: 0, pollingInterval: Duration.seconds(15), cooldownPeriod: Duration.minutes(5), initialCooldownPeriod: Duration.minutes(2) });
    expect(so.spec).toMatchObject({ minReplicaCount: 1, maxReplicaCount: 30, idleReplicaCount: 0, pollingInterval: 15, cooldownPeriod: 300, initialCooldownPeriod: 120 });
  });

  test('renders fallback, HPA behavior, HPA name and scaling modifiers under advanced', () => {
    const { so } = synth({
      triggers: [ScaleTrigger.kafka({ ...KAFKA, name: 'lag' })],
      fallback: { failureThreshold: 3, replicas: 5, behavior: FallbackBehavior.CURRENT_REPLICAS_IF_HIGHER },
      scaleDown: { stabilizationWindow: Duration.minutes(10), selectPolicy: ScalingSelectPolicy.MIN, policies: [{ type: ScalingPolicyType.PERCENT, value: 50, period: Duration.minutes(1) }] },
      hpaName: 'worker-hpa',
      restoreToOriginalReplicaCount: true,
      scalingModifiers: { formula: 'lag / 2', target: 10, activationTarget: 1, metricType: ScaleMetricType.VALUE },
    });
    expect(so.spec.fallback).toEqual({ failureThreshold: 3, replicas: 5, behavior: 'currentReplicasIfHigher' });
    expect(so.spec.advanced).toEqual({
      restoreToOriginalReplicaCount: true,
      horizontalPodAutoscalerConfig: {
        name: 'worker-hpa',
        behavior: { scaleDown: { stabilizationWindowSeconds: 600, selectPolicy: 'Min', policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] } },
      },
      scalingModifiers: { formula: 'lag / 2', target: '10', activationTarget: '1', metricType: 'Value' },
    });
  });

  test('fails if a duration is not whole seconds', () => {
    const errors = synthErrors((c) => new AgentWorker(c, 'worker', { image: IMAGE, triggers: [ScaleTrigger.kafka(KAFKA)], pollingInterval: Duration.millis(1500) }));
    expect(errors).toEqual([expect.stringContaining('error [ENGINE-002] test/worker (Deployment/worker): pollingInterval = "1500ms"')]);
  });
});

describe('AgentWorker triggers and authentication', () => {
  test('generates a TriggerAuthentication from secrets, named after the worker and trigger type', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    const secrets = AgentSecrets.fromSecretName(chart, 's', 'kafka-credentials', { KAFKA_USERNAME: 'username', KAFKA_PASSWORD: 'password' });
    const auth = TriggerAuth.fromSecrets(secrets, { username: 'KAFKA_USERNAME', password: 'KAFKA_PASSWORD' });
    new AgentWorker(chart, 'worker', {
      image: IMAGE,
      triggers: [
        ScaleTrigger.kafka({ ...KAFKA, sasl: KafkaSaslMechanism.SCRAM_SHA512, tls: true, auth }),
        ScaleTrigger.kafka({ ...KAFKA, topic: 'urgent', sasl: KafkaSaslMechanism.SCRAM_SHA512, tls: true, auth }),
      ],
    });
    const objects = Testing.synth(chart);
    const tas = objects.filter((o) => o.kind === 'TriggerAuthentication');
    // One TriggerAuth object, used twice: one TriggerAuthentication.
    expect(tas.map((o) => o.metadata.name)).toEqual(['worker-kafka-auth']);
    expect(tas[0].spec.secretTargetRef).toEqual([
      { parameter: 'username', name: 'kafka-credentials', key: 'username' },
      { parameter: 'password', name: 'kafka-credentials', key: 'password' },
    ]);
    const so = objects.find((o) => o.kind === 'ScaledObject');
    expect(so.spec.triggers.map((t: any) => t.authenticationRef)).toEqual([{ name: 'worker-kafka-auth' }, { name: 'worker-kafka-auth' }]);
    expect(so.spec.triggers[0].metadata).toMatchObject({ sasl: 'scram_sha512', tls: 'enable' });
  });

  test('two generated authentications of one trigger type get numbered names', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    const a = AgentSecrets.fromSecretName(chart, 'a', 'a');
    const b = AgentSecrets.fromSecretName(chart, 'b', 'b');
    new AgentWorker(chart, 'worker', {
      image: IMAGE,
      triggers: [
        ScaleTrigger.kafka({ ...KAFKA, sasl: KafkaSaslMechanism.PLAINTEXT, auth: TriggerAuth.fromSecrets(a, { username: 'username', password: 'password' }) }),
        ScaleTrigger.kafka({ ...KAFKA, topic: 'b', sasl: KafkaSaslMechanism.PLAINTEXT, auth: TriggerAuth.fromSecrets(b, { username: 'username', password: 'password' }) }),
      ],
    });
    expect(Testing.synth(chart).filter((o) => o.kind === 'TriggerAuthentication').map((o) => o.metadata.name)).toEqual(['worker-kafka-auth', 'worker-kafka-auth-2']);
  });

  test('declares external authentications in an annotation and references a ClusterTriggerAuthentication by kind', () => {
    const { so, auths } = synth({
      triggers: [
        ScaleTrigger.kafka({ ...KAFKA, auth: TriggerAuth.fromTriggerAuthenticationName('kafka-auth') }),
        ScaleTrigger.kafka({ ...KAFKA, topic: 'b', auth: TriggerAuth.fromClusterTriggerAuthenticationName('kafka-cluster') }),
      ],
    });
    expect(auths).toEqual([]);
    expect(so.metadata.annotations).toEqual({ 'agents.cdk8s.io/external-refs': 'ClusterTriggerAuthentication/kafka-cluster,TriggerAuthentication/kafka-auth' });
    expect(so.spec.triggers.map((t: any) => t.authenticationRef)).toEqual([{ name: 'kafka-auth' }, { name: 'kafka-cluster', kind: 'ClusterTriggerAuthentication' }]);
  });

  test('fails if a trigger option has the wrong type, naming the trigger option', () => {
    const errors = synthErrors((c) => new AgentWorker(c, 'worker', { image: IMAGE, triggers: [ScaleTrigger.kafka({ ...KAFKA, lagThreshold: '100' as any })] }));
    expect(errors).toEqual([expect.stringContaining('error [PROPS-001] test/worker (Deployment/worker): triggers[0].lagThreshold = "100": expected a number')]);
  });

  test('fails if a trigger misses a required option (plain JavaScript)', () => {
    const errors = synthErrors((c) => new AgentWorker(c, 'worker', { image: IMAGE, triggers: [ScaleTrigger.kafka({ bootstrapServers: ['k:9092'] } as any)] }));
    expect(errors).toEqual([
      expect.stringContaining('[PROPS-001] test/worker (Deployment/worker): triggers[0].consumerGroup = (unset)'),
      expect.stringContaining('[PROPS-001] test/worker (Deployment/worker): triggers[0].topic = (unset)'),
    ]);
  });

  test('fails if triggers is missing or not ScaleTriggers', () => {
    expect(synthErrors((c) => new AgentWorker(c, 'worker', { image: IMAGE } as any))).toEqual([expect.stringContaining('[PROPS-001] test/worker (Deployment/worker): triggers = (unset)')]);
    expect(synthErrors((c) => new AgentWorker(c, 'worker', { image: IMAGE, triggers: [{ type: 'kafka' }] as any }))).toEqual([
      expect.stringContaining('[PROPS-001] test/worker (Deployment/worker): triggers[0] = {"type":"kafka"}: expected a ScaleTrigger'),
    ]);
  });

  test('a finding in the trigger metadata names the option that wrote it', () => {
    const errors = synthErrors((c) => new AgentWorker(c, 'worker', { image: IMAGE, triggers: [ScaleTrigger.kafka({ ...KAFKA, lagThreshold: -5 })] }));
    expect(errors).toEqual([expect.stringContaining('test/worker (ScaledObject/worker): triggers[0].lagThreshold (spec.triggers[0].metadata.lagThreshold) = "-5"')]);
  });
});

describe('AgentWorker container props', () => {
  test('renders port, probes with their port, env, secrets and termination grace period', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'agents' });
    const secrets = AgentSecrets.fromSecretName(chart, 's', 'model-api', { ANTHROPIC_API_KEY: 'anthropic-api-key' });
    const worker = new AgentWorker(chart, 'worker', {
      image: IMAGE, port: 9090, triggers: [ScaleTrigger.kafka(KAFKA)], env: { MODE: 'batch' }, secrets: [secrets],
      readinessProbe: kplus.Probe.fromHttpGet('/ready'), livenessProbe: kplus.Probe.fromTcpSocket({ port: 9091 }), terminationGracePeriod: Duration.minutes(2),
    });
    worker.addEnv('EXTRA', 'x');
    const pod = Testing.synth(chart).find((o) => o.kind === 'Deployment').spec.template.spec;
    const c = pod.containers[0];
    expect(c.ports).toEqual([{ containerPort: 9090 }]);
    // Plain Kubernetes probes keep their port (no queue-proxy in front).
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/ready', port: 9090, scheme: 'HTTP' }, failureThreshold: 3 });
    expect(c.livenessProbe.tcpSocket).toEqual({ port: 9091 });
    expect(c.env).toEqual([
      { name: 'MODE', value: 'batch' },
      { name: 'EXTRA', value: 'x' },
      { name: 'ANTHROPIC_API_KEY', valueFrom: { secretKeyRef: { name: 'model-api', key: 'anthropic-api-key' } } },
    ]);
    expect(pod.terminationGracePeriodSeconds).toBe(120);
  });

  test('escape hatch: addOverride reaches the Deployment and is validated', () => {
    const { chart, worker } = setup();
    worker.addOverride('spec.template.spec.nodeSelector', { pool: 'agents' });
    expect(Testing.synth(chart).find((o) => o.kind === 'Deployment').spec.template.spec.nodeSelector).toEqual({ pool: 'agents' });
    expect(synthErrors((c) => new AgentWorker(c, 'worker', { image: IMAGE, triggers: [ScaleTrigger.kafka(KAFKA)] }).addOverride('spec.template.spec.containers.0.image', '')))
      .toEqual([expect.stringContaining('[POD-CTR-001] test/worker (Deployment/worker): addOverride("spec.template.spec.containers.0.image")')]);
  });

  test('the ScaledObject can be patched with addJsonPatch', () => {
    const { chart, worker } = setup();
    worker.scaledObject.addJsonPatch(JsonPatch.add('/metadata/labels', { team: 'agents' }));
    expect(Testing.synth(chart).find((o) => o.kind === 'ScaledObject').metadata.labels).toEqual({ team: 'agents' });
  });

  test('is deterministic', () => {
    expect(synth().objects).toEqual(synth().objects);
  });

  test('a setting KEDA never reads is an error: cooldownPeriod while the worker never goes idle', () => {
    const { chart } = setup({ minReplicas: 2, cooldownPeriod: Duration.seconds(60) });
    expect(() => Testing.synth(chart)).toThrow(/error \[KEDA-SO-009\] test\/worker \(ScaledObject\/worker\): cooldownPeriod \(spec.cooldownPeriod\) = 60/);
  });
});

describe('the ScaledObject validator never throws on what a YAML file may hold', () => {
  const ctx = { settings: DEFAULT_SETTINGS, objects: [], world: CLOSED_WORLD };
  test.each(GARBAGE.map((g) => [JSON.stringify(g) ?? String(g), g]))('%s', (_, g) => {
    expect(() => validateScaledObject(g, ctx, new FindingList())).not.toThrow();
  });
});
