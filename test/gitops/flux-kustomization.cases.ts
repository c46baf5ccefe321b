// Triggers and near misses of the Flux Kustomization rules (FLUXKS-*), each
// through synth (the FluxKustomization construct) and through hand-written YAML.
import { Duration } from 'cdk8s';
import { AgentWorker, FluxKustomization, GitRepository, ScaleTrigger } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { agent } from '../serving/fixtures';
import { KS, ks, kustomization, withSource } from './fixtures';

const widget = (current: string, kind = 'Widget') => ({ apiVersion: 'example.com/v1', kind, current });
const ready = "status.conditions.exists(e, e.type == 'Ready' && e.status == 'True')";

export const CASES: RuleCases = {
  triggers: [
    // --- durations
    { id: 'FLUXKS-DUR-001', name: 'the interval is overridden to a day', build: (c) => ks(c).addOverride('spec.interval', '1d'), path: KS, field: 'spec.interval', value: '"1d"' },
    { id: 'FLUXKS-DUR-001', name: 'a hand-written timeout is in days', manifests: withSource(kustomization({}, { timeout: '1d' })), field: 'spec.timeout', value: '"1d"' },
    { id: 'FLUXKS-DUR-001', name: 'a hand-written retryInterval is negative', manifests: withSource(kustomization({}, { retryInterval: '-5m' })), field: 'spec.retryInterval', value: '"-5m"' },

    // --- path
    { id: 'FLUXKS-PATH-001', name: 'the path climbs above the source root', build: (c) => ks(c, { path: '../apps' }), path: KS, field: 'spec.path', value: '"../apps"' },
    { id: 'FLUXKS-PATH-001', name: 'a hand-written path climbs out after going in', manifests: withSource(kustomization({}, { path: './dist/../../shared' })), field: 'spec.path', value: '"./dist/../../shared"' },

    // --- targetNamespace
    { id: 'FLUXKS-NS-001', name: 'the target namespace is 64 characters', build: (c) => ks(c, { targetNamespace: 'a'.repeat(64) }), path: KS, field: 'spec.targetNamespace', value: `"${'a'.repeat(64)}"` },
    { id: 'FLUXKS-NS-001', name: 'a hand-written target namespace is empty', manifests: withSource(kustomization({}, { targetNamespace: '' })), field: 'spec.targetNamespace', value: '""' },
    { id: 'FLUXKS-NS-002', name: 'the target namespace has uppercase letters', build: (c) => ks(c, { targetNamespace: 'Agents' }), path: KS, field: 'spec.targetNamespace', value: '"Agents"' },
    { id: 'FLUXKS-NS-002', name: 'a hand-written target namespace ends with a dash', manifests: withSource(kustomization({}, { targetNamespace: 'agents-' })), field: 'spec.targetNamespace', value: '"agents-"' },

    // --- dependencies
    {
      id: 'FLUXKS-DEP-001', name: 'a dependency is neither in the app nor declared external',
      build: (c) => ks(c, { dependsOn: [{ name: 'infrastructure' }] }), path: KS, field: 'spec.dependsOn[0].name', value: '"infrastructure"',
    },
    {
      id: 'FLUXKS-DEP-001', name: 'a hand-written dependency is in another namespace than the one present',
      manifests: withSource(kustomization({}, { dependsOn: [{ name: 'infrastructure', namespace: 'platform' }] }), kustomization({ name: 'infrastructure' })),
      field: 'spec.dependsOn[0].name', value: '"infrastructure"',
    },
    {
      id: 'FLUXKS-DEP-002', name: 'two Kustomizations depend on each other',
      build: (c) => { const a = ks(c, { dependsOn: [{ name: 'b' }] }, 'a'); ks(c, { dependsOn: [a] }, 'b'); }, path: 'test/a', field: 'spec.dependsOn[0].name', value: '"b"',
    },
    { id: 'FLUXKS-DEP-002', name: 'a hand-written Kustomization depends on itself', manifests: withSource(kustomization({}, { dependsOn: [{ name: 'agents' }] })), field: 'spec.dependsOn[0].name', value: '"agents"' },
    {
      id: 'FLUXKS-DEP-002', name: 'three hand-written Kustomizations depend on each other in a ring',
      manifests: withSource(
        kustomization({ name: 'a' }, { dependsOn: [{ name: 'b' }] }), kustomization({ name: 'b' }, { dependsOn: [{ name: 'c' }] }), kustomization({ name: 'c' }, { dependsOn: [{ name: 'a' }] }),
      ),
      field: 'spec.dependsOn[0].name', value: '"b"',
    },

    // --- source
    {
      id: 'FLUXKS-SRC-001', name: 'the source is neither in the app nor declared external',
      build: (c) => ks(c, { sourceRef: { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', name: 'platform' } }), path: KS, field: 'spec.sourceRef.name', value: '"platform"',
    },
    { id: 'FLUXKS-SRC-001', name: 'a hand-written Kustomization reads an OCIRepository that is not there', manifests: withSource(kustomization({}, { sourceRef: { kind: 'OCIRepository', name: 'platform' } })), field: 'spec.sourceRef.name', value: '"platform"' },

    // --- health
    {
      id: 'FLUXKS-HEALTH-001', name: 'a custom health check has an empty current expression',
      build: (c) => ks(c, { wait: true, customHealthChecks: [widget('')] }), path: KS, field: 'spec.healthCheckExprs[3].current', value: '""',
    },
    { id: 'FLUXKS-HEALTH-001', name: 'a hand-written current expression is empty', manifests: withSource(kustomization({}, { wait: true, healthCheckExprs: [widget('')] })), field: 'spec.healthCheckExprs[0].current', value: '""' },
    {
      id: 'FLUXKS-HEALTH-002', name: 'two custom health checks name one kind',
      build: (c) => ks(c, { wait: true, customHealthChecks: [widget(ready), widget('true')] }), path: KS, field: 'spec.healthCheckExprs[4]', value: '"example.com/v1 Widget"',
    },
    {
      id: 'FLUXKS-HEALTH-002', name: 'two hand-written entries name one group without a kind',
      manifests: withSource(kustomization({}, { wait: true, healthCheckExprs: [{ apiVersion: 'example.com/v1', current: 'true' }, { apiVersion: 'example.com/v2', current: 'true' }] })),
      field: 'spec.healthCheckExprs[1]', value: '"example.com/v2"',
    },
    {
      id: 'FLUXKS-HEALTH-003', name: 'the expressions stay after wait is overridden off',
      build: (c) => ks(c, { wait: true }).addOverride('spec.wait', false), path: KS, field: 'spec.healthCheckExprs', value: '"3 expressions"',
    },
    { id: 'FLUXKS-HEALTH-003', name: 'a hand-written Kustomization has expressions and nothing to check', manifests: withSource(kustomization({}, { healthCheckExprs: [widget(ready)] })), field: 'spec.healthCheckExprs', value: '"1 expression"' },
    {
      id: 'FLUXKS-HEALTH-004', name: 'wait is set and the agents are listed too',
      build: (c) => ks(c, { wait: true, healthChecks: [agent(c, {}, 'triage')] }), path: KS, field: 'spec.healthChecks', value: '"1 object"',
    },
    {
      id: 'FLUXKS-HEALTH-004', name: 'a hand-written Kustomization waits and lists a Deployment',
      manifests: withSource(kustomization({}, { wait: true, healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'worker', namespace: 'agents' }] })), field: 'spec.healthChecks', value: '"1 object"',
    },
    {
      id: 'FLUXKS-HEALTH-005', name: 'the namespace of an agent\'s health check is overridden away',
      build: (c) => ks(c, { healthChecks: [agent(c, {}, 'triage')] }).addOverride('spec.healthChecks.0.namespace', undefined), path: KS,
      field: 'spec.healthChecks[0].namespace', value: '(unset)',
    },
    {
      id: 'FLUXKS-HEALTH-005', name: 'a hand-written health check on a Knative Service has no namespace',
      manifests: withSource(kustomization({}, { healthChecks: [{ apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'triage' }] })), field: 'spec.healthChecks[0].namespace', value: '(unset)',
    },
    {
      id: 'FLUXKS-HEALTH-006', name: 'a hand-written health check on a Knative Service has no apiVersion',
      manifests: withSource(kustomization({}, { healthChecks: [{ kind: 'Service', name: 'triage', namespace: 'agents' }] })), field: 'spec.healthChecks[0].apiVersion', value: '(unset)',
    },
    {
      id: 'FLUXKS-HEALTH-006', name: 'the apiVersion of an agent\'s health check is overridden empty',
      build: (c) => ks(c, { healthChecks: [agent(c, {}, 'triage')] }).addOverride('spec.healthChecks.0.apiVersion', ''), path: KS, field: 'spec.healthChecks[0].apiVersion', value: '""',
    },
  ],
  passes: [
    { name: 'a Kustomization of a GitRepository of the app, with the defaults', build: (c) => ks(c) },
    {
      name: 'the flux-system GitRepository and an infrastructure Kustomization declared external',
      build: (c) => ks(c, {
        sourceRef: GitRepository.fromGitRepositoryName('flux-system', { namespace: 'flux-system' }),
        dependsOn: [FluxKustomization.fromKustomizationName('infrastructure', { namespace: 'flux-system' })],
      }),
    },
    { name: 'durations of hours and minutes, and of milliseconds', build: (c) => ks(c, { interval: Duration.minutes(90), retryInterval: Duration.millis(500), timeout: Duration.hours(2) }) },
    { name: 'paths that stay inside the source (an absolute one is read from its root)', manifests: withSource(kustomization({ name: 'a' }, { path: '/dist/agents' }), kustomization({ name: 'b' }, { path: './a/../b' }), kustomization({ name: 'c' }, { path: 'dist/..' })) },
    { name: 'a target namespace of 63 characters', build: (c) => ks(c, { targetNamespace: 'a'.repeat(63) }) },
    {
      name: 'a chain of dependencies without a cycle, across namespaces',
      build: (c) => { const infra = ks(c, { namespace: 'flux-system' }, 'infra'); const apps = ks(c, { dependsOn: [infra] }, 'apps'); ks(c, { dependsOn: [apps, infra] }, 'tests'); },
    },
    { name: 'a hand-written dependency named without namespace, in the Kustomization\'s own', manifests: withSource(kustomization({}, { dependsOn: [{ name: 'infrastructure' }] }), kustomization({ name: 'infrastructure' })) },
    { name: 'a hand-written source in another namespace, named with it', manifests: [kustomization({ namespace: 'agents' }, { sourceRef: { kind: 'GitRepository', name: 'platform', namespace: 'flux-system' } }), ...withSource()] },
    {
      name: 'a hand-written dependency and source declared external',
      manifests: [kustomization({ annotations: { 'agents.cdk8s.io/external-refs': 'GitRepository/flux-system/platform,Kustomization/flux-system/infrastructure' } }, { dependsOn: [{ name: 'infrastructure' }] })],
    },
    {
      name: 'health checks on a Knative agent and a KEDA worker, with their expressions',
      build: (c) => ks(c, { healthChecks: [agent(c, {}, 'triage'), new AgentWorker(c, 'worker', { image: 'ghcr.io/acme/worker:1.0', triggers: [ScaleTrigger.cron({ timezone: 'UTC', start: '0 8 * * *', end: '0 18 * * *', desiredReplicas: 1 })] })] }),
    },
    { name: 'wait with the library\'s expressions and a custom one of another kind', build: (c) => ks(c, { wait: true, customHealthChecks: [widget(ready)] }) },
    { name: 'a custom expression replacing the library\'s for Knative Services', build: (c) => ks(c, { healthChecks: [agent(c, {}, 'triage')], customHealthChecks: [{ apiVersion: 'serving.knative.dev/v1', kind: 'Service', current: ready }] }) },
    {
      name: 'hand-written expressions for a group and for one of its kinds (two GroupKinds)',
      manifests: withSource(kustomization({}, { wait: true, healthCheckExprs: [{ apiVersion: 'example.com/v1', current: 'true' }, widget(ready)] })),
    },
    {
      name: 'hand-written health checks: a Deployment without apiVersion (apps/v1), a cluster-scoped kind without namespace',
      manifests: withSource(kustomization({}, { healthChecks: [{ kind: 'Deployment', name: 'worker', namespace: 'agents' }, { apiVersion: 'example.com/v1', kind: 'Widget', name: 'w' }] })),
    },
  ],
};
