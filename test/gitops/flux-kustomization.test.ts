import { Chart, Duration, Testing } from 'cdk8s';
import {
  AGENT_HEALTH_CHECK_EXPRESSIONS, AgentJob, AgentValidationError, AgentWorker, FluxKustomization, GitRepository, ScaleTrigger,
} from '../../lib';
import { climbsAboveRoot } from '../../lib/gitops/flux-kustomization.validator';
import { agent } from '../serving/fixtures';
import { idsOf, manifestErrors, synthErrors } from '../support/rule-cases';
import { ks, kustomization, withSource, synthChart } from './fixtures';

const synth = (build: (chart: Chart) => void): any[] => synthChart(build, 'agents');

const kustomizations = (objects: any[]) => objects.filter((o) => o.kind === 'Kustomization');
const KAFKA = { bootstrapServers: ['kafka:9092'], consumerGroup: 'workers', topic: 'tasks' };

describe('FluxKustomization', () => {
  test('renders the folder of the source with Flux\'s defaults made explicit: every 10 minutes, pruned', () => {
    const [k] = kustomizations(synth((c) => ks(c)));
    expect(k).toEqual({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'ks', namespace: 'agents' },
      spec: { interval: '10m0s', path: './dist/agents', prune: true, sourceRef: { kind: 'GitRepository', name: 'platform' } },
    });
  });

  test('every prop reaches the manifest; references to other namespaces are written, the own one is left to Flux', () => {
    const [k] = kustomizations(synth((c) => {
      const infra = ks(c, { namespace: 'flux-system' }, 'infra');
      ks(c, {
        name: 'webhook-agent', interval: Duration.minutes(5), retryInterval: Duration.minutes(1), timeout: Duration.minutes(3), prune: false, wait: true,
        dependsOn: [infra, FluxKustomization.fromKustomizationName('databases')], targetNamespace: 'agents', labels: { team: 'a' },
      });
    }).filter((o) => o.metadata.name === 'webhook-agent'));
    expect(k.metadata).toEqual({ name: 'webhook-agent', namespace: 'agents', labels: { team: 'a' }, annotations: { 'agents.cdk8s.io/external-refs': 'Kustomization/agents/databases' } });
    expect(k.spec).toMatchObject({
      interval: '5m0s', retryInterval: '1m0s', timeout: '3m0s', prune: false, wait: true, targetNamespace: 'agents',
      dependsOn: [{ name: 'infra', namespace: 'flux-system' }, { name: 'databases' }],
    });
    // wait: every library kind's expression, since Flux checks every applied object.
    expect(k.spec.healthCheckExprs.map((e: any) => e.kind)).toEqual(['Service', 'ScaledObject', 'ScaledJob']);
  });

  test('an existing source is declared external, in its own namespace', () => {
    const [k] = kustomizations(synth((c) => ks(c, { sourceRef: GitRepository.fromGitRepositoryName('flux-system', { namespace: 'flux-system' }) })));
    expect(k.metadata.annotations).toEqual({ 'agents.cdk8s.io/external-refs': 'GitRepository/flux-system/flux-system' });
    expect(k.spec.sourceRef).toEqual({ kind: 'GitRepository', name: 'flux-system', namespace: 'flux-system' });
  });

  test('health checks: a Knative agent by its Service, a worker by its Deployment and ScaledObject, a job by its ScaledJob, each with the expressions of its kind', () => {
    const [k] = kustomizations(synth((c) => ks(c, {
      healthChecks: [
        agent(c, {}, 'triage'),
        new AgentWorker(c, 'worker', { image: 'ghcr.io/acme/worker:1.0', triggers: [ScaleTrigger.kafka(KAFKA)] }),
        new AgentJob(c, 'research', { image: 'ghcr.io/acme/research:1.0', triggers: [ScaleTrigger.kafka(KAFKA)] }),
      ],
    })));
    expect(k.spec.healthChecks).toEqual([
      { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'triage', namespace: 'agents' },
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'worker', namespace: 'agents' },
      { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', name: 'worker', namespace: 'agents' },
      { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', name: 'research', namespace: 'agents' },
    ]);
    expect(k.spec.healthCheckExprs).toEqual(AGENT_HEALTH_CHECK_EXPRESSIONS.map((e) => ({ ...e })));
    expect(k.spec.healthCheckExprs[0]).toEqual({
      apiVersion: 'serving.knative.dev/v1', kind: 'Service',
      current: "has(status.conditions) && status.conditions.exists(e, e.type == 'Ready' && e.status == 'True')",
      failed: "has(status.conditions) && status.conditions.exists(e, e.type == 'Ready' && e.status == 'False')",
    });
  });

  test('health checks follow targetNamespace (kustomize moves the objects there); only the kinds checked get expressions', () => {
    const [k] = kustomizations(synth((c) => ks(c, { targetNamespace: 'prod', healthChecks: [agent(c, {}, 'triage')] })));
    expect(k.spec.healthChecks).toEqual([{ apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'triage', namespace: 'prod' }]);
    expect(k.spec.healthCheckExprs.map((e: any) => e.kind)).toEqual(['Service']);
  });

  test('a custom expression replaces the library\'s for its kind, and adds one for another', () => {
    const custom = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', current: 'true' };
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', current: 'status.ready', inProgress: '!has(status.ready)' };
    const [k] = kustomizations(synth((c) => ks(c, { healthChecks: [agent(c, {}, 'triage')], customHealthChecks: [custom, widget] })));
    expect(k.spec.healthCheckExprs).toEqual([custom, widget]);
  });

  test('no health assessment: neither healthChecks nor expressions are written', () => {
    const [k] = kustomizations(synth((c) => ks(c, { customHealthChecks: [] })));
    expect(k.spec.healthChecks).toBeUndefined();
    expect(k.spec.healthCheckExprs).toBeUndefined();
  });

  test('the generated Kustomization is the `Resource` child', () => {
    const chart = new Chart(Testing.app(), 'test');
    const k = ks(chart);
    expect(k.node.tryFindChild('Resource')).toBe(k.resource);
  });

  test('findings name the prop and the manifest field', () => {
    const [line] = synthErrors((c) => ks(c, { path: '../apps' }));
    expect(line).toBe('error [FLUXKS-PATH-001] test/ks: path (spec.path) = "../apps": climbs above the root of the source: SecureJoin reads it inside the root, another folder. '
      + 'Fix: give `path` relative to the root of the source, e.g. `./dist/webhook-agent`');
  });

  test('a dependency that is missing is an error at synth, a warning that it must exist in `check`', () => {
    const manifests = [kustomization({ annotations: { 'agents.cdk8s.io/external-refs': 'GitRepository/flux-system/platform' } }, { dependsOn: [{ name: 'infrastructure' }] })];
    expect(idsOf(manifestErrors(manifests))).toEqual(['FLUXKS-DEP-001']);
    const open = manifestErrors(manifests, {}, true);
    expect(open).toEqual([expect.stringMatching(/^warning \[REF-001\] manifest#0: spec\.dependsOn\[0\]\.name = "infrastructure": Kustomization "infrastructure" in namespace "flux-system" is not among the checked objects/)]);
  });

  test('a cycle is named along its path', () => {
    const lines = manifestErrors(withSource(kustomization({ name: 'a' }, { dependsOn: [{ name: 'b' }] }), kustomization({ name: 'b' }, { dependsOn: [{ name: 'a' }] })));
    expect(lines).toEqual([
      expect.stringContaining('error [FLUXKS-DEP-002] manifest#0: spec.dependsOn[0].name = "b": a cycle: a → b → a.'),
      expect.stringContaining('error [FLUXKS-DEP-002] manifest#1: spec.dependsOn[0].name = "a": a cycle: b → a → b.'),
    ]);
  });
});

describe('FluxKustomization props from plain JavaScript', () => {
  const fromJs = (props: unknown) => synthErrors((c) => { new FluxKustomization(c, 'ks', props as any); });

  test('fails if sourceRef is missing (PROPS-001), never a TypeError', () => {
    expect(fromJs({ path: './dist' })).toEqual([expect.stringMatching(/^error \[PROPS-001\] test\/ks: sourceRef = \(unset\): expected an IFluxSource/)]);
  });

  test('fails if props have the wrong types, reported together', () => {
    const lines = fromJs({ sourceRef: 'platform', interval: '10m', prune: 'yes', dependsOn: ['infra'], healthChecks: [{}], customHealthChecks: [{ kind: 'Widget' }] });
    expect(idsOf(lines)).toEqual(['PROPS-001']);
    expect(lines.map((l) => l.split(' = ')[0])).toEqual([
      'error [PROPS-001] test/ks: sourceRef', 'error [PROPS-001] test/ks: interval', 'error [PROPS-001] test/ks: prune', 'error [PROPS-001] test/ks: dependsOn[0]',
      'error [PROPS-001] test/ks: healthChecks[0]', 'error [PROPS-001] test/ks: customHealthChecks[0].apiVersion', 'error [PROPS-001] test/ks: customHealthChecks[0].current',
    ]);
  });

  test('fails if a health check is an agent of no construct of the library', () => {
    expect(fromJs({ sourceRef: GitRepository.fromGitRepositoryName('flux-system'), healthChecks: [{ name: 'triage', podSelector: {} }] })).toEqual([
      expect.stringMatching(/^error \[PROPS-001\] test\/ks: healthChecks\[0\] = "triage": no Knative Service, Deployment, ScaledObject or ScaledJob of the library renders this agent/),
    ]);
  });

  test('fails if fromKustomizationName is given no name, under the prop that holds it', () => {
    expect(fromJs({ sourceRef: GitRepository.fromGitRepositoryName('flux-system'), dependsOn: [FluxKustomization.fromKustomizationName(undefined as any)] })).toEqual([
      expect.stringMatching(/^error \[PROPS-001\] test\/ks: dependsOn\[0\] = \(unset\): FluxKustomization\.fromKustomizationName\(name\)/),
    ]);
  });

  test('undefined and null props are findings, not crashes', () => {
    for (const props of [undefined, null]) {
      let caught: unknown;
      try {
        synth((c) => new FluxKustomization(c, 'ks', props as any));
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(AgentValidationError);
    }
  });
});

describe('climbsAboveRoot (SecureJoin clamps what climbs above the root)', () => {
  test.each(['./dist/agents', 'dist', '/dist', '', '.', 'a/../b', 'a/..', './a/./b/../../c'])('%s stays inside', (p) => expect(climbsAboveRoot(p)).toBe(false));
  test.each(['..', '../a', 'a/../..', './dist/../../x', '/../etc'])('%s climbs above', (p) => expect(climbsAboveRoot(p)).toBe(true));
});

describe('garbage is reported, never thrown', () => {
  test.each([null, 'x', [], { dependsOn: 'x' }, { dependsOn: [null, 5, { name: 5 }] }, { healthChecks: [null, 'x', { kind: 5 }] }, { healthCheckExprs: [null, { apiVersion: 5 }] },
    { sourceRef: null }, { sourceRef: { kind: 5, name: [] } }, { path: 5, targetNamespace: 5, interval: 5 }])('spec %j', (spec) => {
    const lines = manifestErrors([{ ...kustomization(), spec }]);
    expect(idsOf(lines)).not.toContain('ENGINE-001');
  });
});
