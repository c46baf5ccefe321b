// Triggers and near misses of the Knative Service rules (KSVC-*), and of the
// schema rules on a rendered Service (SCHEMA-*), through synth.
import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentSecrets, FeatureState, HttpProtocol, Rollout, ScalingClass, ScalingMetric, Visibility } from '../../lib';
import { TPL, CTR, AS, agent, configMapVolume, pvcVolume } from './fixtures';
import { profile } from '../settings/fixtures';
import { RuleCases } from '../support/rule-cases';

/** A hand-written Service (`agent` in `agents`) with the given pod spec. */
function podService(podSpec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'agent', namespace: 'agents' }, spec: { template: { spec: podSpec } } };
}

/** A hand-written Service whose serving container (port 8080) has a sidecar with the given fields. */
function withSidecar(sidecar: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'agent', namespace: 'agents' },
    spec: { template: { spec: { containers: [
      { name: 'agent', image: 'ghcr.io/example/agent:1.0.0', ports: [{ containerPort: 8080 }] },
      { name: 'proxy', image: 'ghcr.io/example/proxy:1.0.0', ...sidecar },
    ] } } },
  };
}

/** A hand-written Knative Service whose container has the given liveness and startup probes. */
function ksvcWithLiveness(livenessProbe?: Record<string, unknown>, startupProbe?: Record<string, unknown>): Record<string, unknown> {
  const container = { image: 'ghcr.io/acme/triage:1.0.0', ports: [{ containerPort: 8080 }], livenessProbe, startupProbe };
  return { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'triage', namespace: 'agents' }, spec: { template: { spec: { containers: [JSON.parse(JSON.stringify(container))] } } } };
}

export const CASES: RuleCases = {
  triggers: [
    // --- names and metadata
    { id: 'KSVC-NAME-001', name: 'the Service name contains a dot', build: (c) => agent(c, { name: 'agent.v1' }), field: 'metadata.name', value: '"agent.v1"' },
    { id: 'KSVC-NAME-001', name: 'the Service name starts with a digit', build: (c) => agent(c, { name: '1agent' }), field: 'metadata.name', value: '"1agent"' },
    { id: 'KSVC-NAME-001', name: 'the Service name is 64 characters', build: (c) => agent(c, { name: 'a'.repeat(64) }), field: 'metadata.name', value: `"${'a'.repeat(64)}"` },
    { id: 'KSVC-NAME-002', name: 'the revision name has uppercase letters', build: (c) => agent(c, { revisionName: 'agent-V2' }), field: 'spec.template.metadata.name', value: '"agent-V2"' },
    { id: 'KSVC-NAME-003', name: 'the revision name lacks the `<service>-` prefix', build: (c) => agent(c, { revisionName: 'v2' }), field: 'spec.template.metadata.name', value: '"v2"' },
    { id: 'KSVC-NAME-003', name: 'the revision name is the service name without a dash', build: (c) => agent(c, { revisionName: 'agentv2' }), field: 'spec.template.metadata.name', value: '"agentv2"' },
    { id: 'KSVC-NAME-004', name: 'the namespace has an underscore', build: (c) => agent(c, { namespace: 'agents_prod' }), field: 'metadata.namespace', value: '"agents_prod"' },
    {
      id: 'KSVC-META-001', name: 'an autoscaling annotation is on the Service metadata',
      build: (c) => agent(c, { annotations: { 'autoscaling.knative.dev/min-scale': '1' } }),
      field: 'metadata.annotations["autoscaling.knative.dev/min-scale"]', value: '"1"',
    },
    {
      id: 'KSVC-META-002', name: 'the rollout duration has no unit (raw annotation)',
      build: (c) => agent(c, { annotations: { 'serving.knative.dev/rollout-duration': '120' } }),
      field: 'metadata.annotations["serving.knative.dev/rollout-duration"]', value: '"120"',
    },
    {
      id: 'KSVC-META-002', name: 'the rollout duration is negative (raw annotation)',
      build: (c) => agent(c, { annotations: { 'serving.knative.dev/rollout-duration': '-10s' } }),
      field: 'metadata.annotations["serving.knative.dev/rollout-duration"]', value: '"-10s"',
    },
    {
      id: 'KSVC-META-002', name: 'the legacy rolloutDuration alias is not whole seconds (the field names the alias)',
      build: (c) => agent(c, { annotations: { 'serving.knative.dev/rolloutDuration': '1.5s' } }),
      field: 'metadata.annotations["serving.knative.dev/rolloutDuration"]', value: '"1.5s"',
    },
    { id: 'KSVC-META-002', name: 'rolloutDuration is not whole seconds', build: (c) => agent(c, { rolloutDuration: Duration.millis(1500) }), field: 'rolloutDuration', value: '"1500ms"' },
    {
      id: 'KSVC-META-003', name: 'the visibility label is not `cluster-local`',
      build: (c) => agent(c, { visibility: Visibility.PUBLIC, labels: { 'networking.knative.dev/visibility': 'private' } }),
      field: 'metadata.labels["networking.knative.dev/visibility"]', value: '"private"',
    },
    {
      id: 'KSVC-META-003', name: 'the visibility label is overridden with `cluster_local`',
      build: (c) => agent(c).addOverride(['metadata', 'labels', 'networking.knative.dev/visibility'], 'cluster_local'),
      field: 'metadata.labels["networking.knative.dev/visibility"]', value: '"cluster_local"',
    },
    { id: 'KSVC-META-004', name: 'a Service label value has a space', build: (c) => agent(c, { labels: { team: 'a b' } }), field: 'metadata.labels["team"]', value: '"a b"' },
    { id: 'KSVC-META-004', name: 'a revision label key is not a qualified name', build: (c) => agent(c, { revisionLabels: { 'bad key': 'x' } }), field: 'spec.template.metadata.labels key', value: '"bad key"' },
    {
      id: 'SCHEMA-002', name: 'a Service label value is a number (override; one finding: not KSVC-META-004 too)',
      build: (c) => agent(c).addOverride(['metadata', 'labels', 'replicas'], 3),
      field: 'metadata.labels.replicas', value: '3',
    },
    { id: 'KSVC-META-005', name: 'an annotation key is not a qualified name', build: (c) => agent(c, { annotations: { 'owner team!': 'a' } }), field: 'metadata.annotations key', value: '"owner team!"' },
    {
      id: 'SCHEMA-002', name: 'an annotation value is not a string (override; one finding: not KSVC-META-005 too)',
      build: (c) => agent(c).addOverride(['metadata', 'annotations', 'example.com/replicas'], 3),
      field: 'metadata.annotations["example.com/replicas"]', value: '3',
    },
    {
      id: 'KSVC-META-006', name: 'the creator annotation is written',
      build: (c) => agent(c, { annotations: { 'serving.knative.dev/creator': 'alice' } }),
      field: 'metadata.annotations["serving.knative.dev/creator"]', value: '"alice"',
    },
    {
      id: 'KSVC-META-006', name: 'the lastModifier annotation is written',
      build: (c) => agent(c, { annotations: { 'serving.knative.dev/lastModifier': 'bob' } }),
      field: 'metadata.annotations["serving.knative.dev/lastModifier"]', value: '"bob"',
    },
    // --- autoscaling
    {
      id: 'KSVC-SCALE-001', name: 'the class is an unknown *.knative.dev autoscaler',
      build: (c) => agent(c, { revisionAnnotations: { 'autoscaling.knative.dev/class': 'foo.knative.dev' } }),
      field: AS('class'), value: '"foo.knative.dev"',
    },
    {
      id: 'KSVC-SCALE-024', name: 'the class is the short name `kpa`',
      build: (c) => agent(c, { revisionAnnotations: { 'autoscaling.knative.dev/class': 'kpa' } }),
      field: AS('class'), value: '"kpa"',
    },
    { id: 'KSVC-SCALE-002', name: 'KPA (cluster default) scales on cpu', build: (c) => agent(c, { scaling: { metric: ScalingMetric.CPU } }), field: AS('metric'), value: '"cpu"' },
    {
      id: 'KSVC-SCALE-026', name: 'HPA scales on concurrency (accepted: a Pods metric no adapter serves by default)',
      build: (c) => agent(c, { scaling: { class: ScalingClass.HPA, metric: ScalingMetric.CONCURRENCY, minScale: 1 } }),
      field: AS('metric'), value: '"concurrency"',
    },
    {
      id: 'KSVC-SCALE-002', name: 'HPA with an empty metric',
      build: (c) => agent(c, { scaling: { class: ScalingClass.HPA, minScale: 1 }, revisionAnnotations: { 'autoscaling.knative.dev/metric': '' } }),
      field: AS('metric'), value: '""',
    },
    { id: 'KSVC-SCALE-003', name: 'the target is 0', build: (c) => agent(c, { scaling: { target: 0 } }), field: AS('target'), value: '"0"' },
    { id: 'KSVC-SCALE-003', name: 'the target is not a number', build: (c) => agent(c, { revisionAnnotations: { 'autoscaling.knative.dev/target': 'ten' } }), field: AS('target'), value: '"ten"' },
    { id: 'KSVC-SCALE-004', name: 'the target utilization is a fraction', build: (c) => agent(c, { scaling: { targetUtilizationPercentage: 0.7 } }), field: AS('target-utilization-percentage'), value: '"0.7"' },
    { id: 'KSVC-SCALE-004', name: 'the target utilization is above 100', build: (c) => agent(c, { scaling: { targetUtilizationPercentage: 101 } }), field: AS('target-utilization-percentage'), value: '"101"' },
    { id: 'KSVC-SCALE-005', name: 'minScale is negative', build: (c) => agent(c, { scaling: { minScale: -1 } }), field: AS('min-scale'), value: '"-1"' },
    { id: 'KSVC-SCALE-005', name: 'maxScale is fractional', build: (c) => agent(c, { scaling: { maxScale: 1.5 } }), field: AS('max-scale'), value: '"1.5"' },
    {
      id: 'KSVC-SCALE-005', name: 'an explicit empty min-scale on the template (the near miss: a null one is dropped)',
      manifests: [{ ...podService({}), spec: { template: { metadata: { annotations: { 'autoscaling.knative.dev/min-scale': '' } }, spec: { containers: [{ image: 'ghcr.io/example/agent:1.0.0' }] } } } }],
      field: AS('min-scale'), value: '""',
    },
    { id: 'KSVC-SCALE-005', name: 'maxScale exceeds int32', build: (c) => agent(c, { scaling: { maxScale: 2147483648 } }), field: AS('max-scale'), value: '"2147483648"' },
    {
      id: 'KSVC-SCALE-005', name: 'the legacy minScale alias is negative',
      build: (c) => agent(c, { revisionAnnotations: { 'autoscaling.knative.dev/minScale': '-3' } }),
      field: AS('minScale'), value: '"-3"',
    },
    {
      id: 'KSVC-SCALE-006', name: 'the legacy maxScale alias is less than minScale (the field names the alias)',
      build: (c) => agent(c, { revisionAnnotations: { 'autoscaling.knative.dev/minScale': '5', 'autoscaling.knative.dev/maxScale': '2' } }),
      field: AS('maxScale'), value: '"2"',
    },
    { id: 'KSVC-SCALE-006', name: 'maxScale is less than minScale', build: (c) => agent(c, { scaling: { minScale: 5, maxScale: 2 } }), field: AS('max-scale'), value: '"2"' },
    {
      id: 'KSVC-SCALE-007', name: 'maxScale exceeds the cluster max-scale-limit',
      build: (c) => { profile(c, { maxScaleLimit: 10 }); agent(c, { scaling: { maxScale: 20 } }); },
      field: AS('max-scale'), value: '"20"',
    },
    {
      id: 'KSVC-SCALE-007', name: 'maxScale 0 (unlimited) with a cluster max-scale-limit',
      build: (c) => { profile(c, { maxScaleLimit: 10 }); agent(c, { scaling: { maxScale: 0 } }); },
      field: AS('max-scale'), value: '"0"',
    },
    { id: 'KSVC-SCALE-008', name: 'activationScale is 1', build: (c) => agent(c, { scaling: { activationScale: 1 } }), field: AS('activation-scale'), value: '"1"' },
    { id: 'KSVC-SCALE-008', name: 'activationScale is below minScale', build: (c) => agent(c, { scaling: { minScale: 3, activationScale: 2 } }), field: AS('activation-scale'), value: '"2"' },
    { id: 'KSVC-SCALE-008', name: 'activationScale is above maxScale', build: (c) => agent(c, { scaling: { maxScale: 2, activationScale: 3 } }), field: AS('activation-scale'), value: '"3"' },
    { id: 'KSVC-SCALE-009', name: 'initialScale is 0 on a stock cluster', build: (c) => agent(c, { scaling: { initialScale: 0 } }), field: AS('initial-scale'), value: '"0"' },
    { id: 'KSVC-SCALE-009', name: 'initialScale is negative', build: (c) => agent(c, { scaling: { initialScale: -1 } }), field: AS('initial-scale'), value: '"-1"' },
    { id: 'KSVC-SCALE-010', name: 'the window is shorter than 6s', build: (c) => agent(c, { scaling: { window: Duration.seconds(5) } }), field: AS('window'), value: '"5s"' },
    { id: 'KSVC-SCALE-010', name: 'the window is not whole seconds', build: (c) => agent(c, { scaling: { window: Duration.millis(6500) } }), field: AS('window'), value: '"6.5s"' },
    { id: 'KSVC-SCALE-010', name: 'the window has no unit', build: (c) => agent(c, { revisionAnnotations: { 'autoscaling.knative.dev/window': '60' } }), field: AS('window'), value: '"60"' },
    { id: 'KSVC-SCALE-011', name: 'scaleDownDelay is longer than 1h', build: (c) => agent(c, { scaling: { scaleDownDelay: Duration.hours(2) } }), field: AS('scale-down-delay'), value: '"2h0m0s"' },
    { id: 'KSVC-SCALE-011', name: 'scaleDownDelay is not whole seconds', build: (c) => agent(c, { scaling: { scaleDownDelay: Duration.millis(1500) } }), field: AS('scale-down-delay'), value: '"1.5s"' },
    { id: 'KSVC-SCALE-012', name: 'scaleToZeroRetention is longer than 1h', build: (c) => agent(c, { scaling: { scaleToZeroRetention: Duration.minutes(61) } }), field: AS('scale-to-zero-pod-retention-period'), value: '"1h1m0s"' },
    { id: 'KSVC-SCALE-013', name: 'the panic window percentage is above 100', build: (c) => agent(c, { scaling: { panicWindowPercentage: 150 } }), field: AS('panic-window-percentage'), value: '"150"' },
    { id: 'KSVC-SCALE-014', name: 'the panic threshold is below 110', build: (c) => agent(c, { scaling: { panicThresholdPercentage: 100 } }), field: AS('panic-threshold-percentage'), value: '"100"' },
    { id: 'KSVC-SCALE-015', name: 'the burst capacity is -2', build: (c) => agent(c, { scaling: { targetBurstCapacity: -2 } }), field: AS('target-burst-capacity'), value: '"-2"' },
    {
      id: 'KSVC-SCALE-016', name: 'the aggregation algorithm is unknown under an explicit KPA class',
      build: (c) => agent(c, { scaling: { class: ScalingClass.KPA }, revisionAnnotations: { 'autoscaling.knative.dev/metric-aggregation-algorithm': 'exponential' } }),
      field: AS('metric-aggregation-algorithm'), value: '"exponential"',
    },
    {
      id: 'KSVC-SCALE-025', name: 'the aggregation algorithm is unknown without an explicit class (accepted; the default KPA averages linearly)',
      build: (c) => agent(c, { revisionAnnotations: { 'autoscaling.knative.dev/metric-aggregation-algorithm': 'exponential' } }),
      field: AS('metric-aggregation-algorithm'), value: '"exponential"',
    },
    {
      id: 'KSVC-SCALE-019', name: 'an aggregation algorithm under the HPA class (the HPA never reads it)',
      build: (c) => agent(c, { scaling: { class: ScalingClass.HPA, metric: ScalingMetric.CPU }, revisionAnnotations: { 'autoscaling.knative.dev/metric-aggregation-algorithm': 'linear' } }),
      field: AS('metric-aggregation-algorithm'), value: '"linear"',
    },
    {
      id: 'KSVC-SCALE-017', name: 'scale-to-zero-grace-period is set on the revision',
      build: (c) => agent(c, { revisionAnnotations: { 'autoscaling.knative.dev/scale-to-zero-grace-period': '30s' } }),
      field: AS('scale-to-zero-grace-period'), value: '"30s"',
    },
    {
      id: 'KSVC-SCALE-018', name: 'an autoscaling annotation is misspelled',
      build: (c) => agent(c, { revisionAnnotations: { 'autoscaling.knative.dev/minscale': '1' } }),
      field: AS('minscale'), value: '"1"',
    },
    {
      id: 'KSVC-SCALE-019', name: 'a KPA-only setting is used with HPA',
      build: (c) => agent(c, { scaling: { class: ScalingClass.HPA, metric: ScalingMetric.CPU, minScale: 1, targetUtilizationPercentage: 70 } }),
      field: AS('target-utilization-percentage'), value: '"70"',
    },
    {
      id: 'KSVC-SCALE-019', name: 'scaleDownDelay is used with HPA',
      build: (c) => agent(c, { scaling: { class: ScalingClass.HPA, minScale: 1, scaleDownDelay: Duration.seconds(30) } }),
      field: AS('scale-down-delay'), value: '"30s"',
    },
    {
      id: 'KSVC-SCALE-020', name: 'HPA with minScale 0',
      build: (c) => agent(c, { scaling: { class: ScalingClass.HPA, metric: ScalingMetric.CPU, minScale: 0 } }),
      field: AS('min-scale'), value: '"0"',
    },
    {
      id: 'KSVC-SCALE-020', name: 'HPA as the cluster default class with minScale 0',
      build: (c) => { profile(c, { podAutoscalerClass: ScalingClass.HPA }); agent(c, { scaling: { minScale: 0 } }); },
      field: AS('min-scale'), value: '"0"',
    },
    // --- RevisionSpec scalars
    { id: 'KSVC-SPEC-001', name: 'the timeout exceeds 600s', build: (c) => agent(c, { timeout: Duration.seconds(601) }), field: `${TPL}.timeoutSeconds`, value: '601' },
    { id: 'KSVC-SPEC-001', name: 'the timeout is not whole seconds', build: (c) => agent(c, { timeout: Duration.millis(1500) }), field: 'timeout', value: '"1500ms"' },
    {
      id: 'KSVC-SPEC-001', name: 'the timeout exceeds a raised cluster maximum',
      build: (c) => { profile(c, { maxRevisionTimeout: Duration.seconds(900) }); agent(c, { timeout: Duration.seconds(901) }); },
      field: `${TPL}.timeoutSeconds`, value: '901',
    },
    { id: 'KSVC-SPEC-002', name: 'containerConcurrency exceeds 1000', build: (c) => agent(c, { containerConcurrency: 1001 }), field: `${TPL}.containerConcurrency`, value: '1001' },
    { id: 'KSVC-SPEC-002', name: 'containerConcurrency is negative', build: (c) => agent(c, { containerConcurrency: -1 }), field: `${TPL}.containerConcurrency`, value: '-1' },
    {
      id: 'KSVC-SPEC-002', name: 'containerConcurrency 0 when the cluster disallows zero',
      build: (c) => { profile(c, { allowContainerConcurrencyZero: false }); agent(c, { containerConcurrency: 0 }); },
      field: `${TPL}.containerConcurrency`, value: '0',
    },
    {
      id: 'KSVC-SPEC-003', name: 'the response-start timeout is longer than the request timeout',
      build: (c) => agent(c, { timeout: Duration.seconds(60), responseStartTimeout: Duration.seconds(120) }),
      field: `${TPL}.responseStartTimeoutSeconds`, value: '120',
    },
    {
      id: 'KSVC-SPEC-003', name: 'the idle timeout is longer than the cluster default request timeout',
      build: (c) => agent(c, { idleTimeout: Duration.seconds(301) }),
      field: `${TPL}.idleTimeoutSeconds`, value: '301',
    },
    { id: 'KSVC-SPEC-003', name: 'the idle timeout is not whole seconds', build: (c) => agent(c, { idleTimeout: Duration.millis(2500) }), field: 'idleTimeout', value: '"2500ms"' },
    // --- containers
    { id: 'KSVC-CTR-001', name: 'the image repository has uppercase letters', build: (c) => agent(c, { image: 'ghcr.io/MyOrg/agent:1.0' }), field: `${CTR}.image`, value: '"ghcr.io/MyOrg/agent:1.0"' },
    { id: 'KSVC-CTR-001', name: 'the image digest is truncated', build: (c) => agent(c, { image: 'ghcr.io/acme/agent@sha256:abc' }), field: `${CTR}.image`, value: '"ghcr.io/acme/agent@sha256:abc"' },
    { id: 'KSVC-CTR-001', name: 'the image registry has a space (url.Parse refuses the host)', manifests: [podService({ containers: [{ image: 'my registry.io/acme/agent:1.0' }] })], field: `${CTR}.image`, value: '"my registry.io/acme/agent:1.0"' },
    { id: 'KSVC-CTR-001', name: 'the image repository is one character', build: (c) => agent(c, { image: 'a' }), field: `${CTR}.image`, value: '"a"' },
    { id: 'KSVC-CTR-001', name: 'the image is empty (override)', build: (c) => agent(c).addOverride(`${TPL}.containers.0.image`, ''), field: `${CTR}.image`, value: '""' },
    { id: 'KSVC-CTR-002', name: 'the port is reserved by Knative (8012)', build: (c) => agent(c, { port: 8012 }), field: `${CTR}.ports[0].containerPort`, value: '8012' },
    { id: 'KSVC-CTR-002', name: 'the port is above 65535', build: (c) => agent(c, { port: 70000 }), field: `${CTR}.ports[0].containerPort`, value: '70000' },
    {
      id: 'KSVC-CTR-003', name: 'the port is named `http`',
      build: (c) => agent(c).addOverride(`${TPL}.containers.0.ports.0.name`, 'http'),
      field: `${CTR}.ports[0].name`, value: '"http"',
    },
    {
      id: 'KSVC-CTR-003', name: 'the port protocol is UDP',
      build: (c) => agent(c).addOverride(`${TPL}.containers.0.ports.0.protocol`, 'UDP'),
      field: `${CTR}.ports[0].protocol`, value: '"UDP"',
    },
    { id: 'KSVC-CTR-004', name: 'the env sets PORT', build: (c) => agent(c, { env: { PORT: '9000' } }), field: `${CTR}.env[0].name`, value: '"PORT"' },
    { id: 'KSVC-CTR-004', name: 'addEnv sets K_SERVICE', build: (c) => agent(c).addEnv('K_SERVICE', 'x'), field: `${CTR}.env[0].name`, value: '"K_SERVICE"' },
    { id: 'KSVC-CTR-005', name: 'an env var name starts with a digit', build: (c) => agent(c, { env: { '1_TOKEN': 'x' } }), field: `${CTR}.env[0].name`, value: '"1_TOKEN"' },
    { id: 'KSVC-CTR-017', name: 'an env var name is empty', build: (c) => agent(c).addEnv('', 'x'), field: `${CTR}.env[0].name`, value: '""' },
    { id: 'KSVC-CTR-017', name: 'a hand-written env var name is null (Go decodes it as "")', manifests: [podService({ containers: [{ image: 'ghcr.io/example/agent:1.0.0', env: [{ name: null, value: 'x' }] }] })], field: `${CTR}.env[0].name`, value: 'null' },
    { id: 'KSVC-CTR-017', name: 'a hand-written env var has no name', manifests: [podService({ containers: [{ image: 'ghcr.io/example/agent:1.0.0', env: [{ value: 'x' }] }] })], field: `${CTR}.env[0].name`, value: 'null' },
    { id: 'KSVC-CTR-006', name: 'env and addEnv define the same variable', build: (c) => agent(c, { env: { LOG_LEVEL: 'info' } }).addEnv('LOG_LEVEL', 'debug'), field: `${CTR}.env[1].name`, value: '"LOG_LEVEL"' },
    {
      id: 'KSVC-CTR-006', name: 'a plain env var and a mapped secret key share a name',
      build: (c) => agent(c, { env: { JIRA_TOKEN: 'x' }, secrets: [AgentSecrets.fromSecretName(c, 'jira', 'jira-creds', { JIRA_TOKEN: 'token' })] }),
      field: `${CTR}.env[1].name`, value: '"JIRA_TOKEN"',
    },
    {
      id: 'KSVC-CTR-007', name: 'the CPU request exceeds the limit',
      build: (c) => agent(c, { resources: { cpu: { request: kplus.Cpu.units(2), limit: kplus.Cpu.units(1) } } }),
      field: `${CTR}.resources.requests.cpu`, value: '"2"',
    },
    {
      id: 'KSVC-CTR-007', name: 'the memory request exceeds the limit',
      build: (c) => agent(c, { resources: { memory: { request: Size.gibibytes(2), limit: Size.mebibytes(512) } } }),
      field: `${CTR}.resources.requests.memory`, value: '"2Gi"',
    },
    {
      id: 'KSVC-CTR-008', name: 'the readiness probe sets timeoutSeconds without periodSeconds',
      build: (c) => agent(c, { readinessProbe: kplus.Probe.fromHttpGet('/health', { timeoutSeconds: Duration.seconds(2) }) }),
      field: `${CTR}.readinessProbe.timeoutSeconds`, value: '2',
    },
    {
      id: 'KSVC-CTR-008', name: 'the readiness probe sets failureThreshold without periodSeconds',
      build: (c) => agent(c, { readinessProbe: kplus.Probe.fromHttpGet('/health', { failureThreshold: 5 }) }),
      field: `${CTR}.readinessProbe.failureThreshold`, value: '5',
    },
    {
      id: 'KSVC-CTR-008', name: 'the readiness probe has two handlers (override)',
      build: (c) => agent(c, { readinessProbe: kplus.Probe.fromHttpGet('/health') }).addOverride(`${TPL}.containers.0.readinessProbe.tcpSocket`, {}),
      field: `${CTR}.readinessProbe`, value: '["httpGet","tcpSocket"]',
    },
    {
      id: 'KSVC-CTR-009', name: 'the liveness probe targets a port name that is not the serving port',
      build: (c) => agent(c, { livenessProbe: kplus.Probe.fromTcpSocket() }).addOverride(`${TPL}.containers.0.livenessProbe.tcpSocket.port`, 'metrics'),
      field: `${CTR}.livenessProbe.tcpSocket.port`, value: '"metrics"',
    },
    {
      id: 'KSVC-CTR-015', name: 'a hand-written liveness probe has no handler (the oracle found it)',
      manifests: [ksvcWithLiveness({ failureThreshold: 3 })], field: `${CTR}.livenessProbe`, value: '[]',
    },
    {
      id: 'KSVC-CTR-010', name: 'a hand-written startup probe has no handler (Knative 1.22 does not check it; Kubernetes does)',
      manifests: [ksvcWithLiveness(undefined, { failureThreshold: 3 })], settings: { knativeVersion: '1.22' }, field: `${CTR}.startupProbe`, value: '[]',
    },
    {
      id: 'KSVC-CTR-009', name: 'a sidecar\'s startup probe without a port on Knative 1.23 (validateSidecarContainer checks startup probes too)',
      manifests: [withSidecar({ startupProbe: { tcpSocket: {} }, livenessProbe: { tcpSocket: { port: 9000 } } })], settings: { serving: { features: { multiContainerProbing: FeatureState.ENABLED } } },
      field: 'spec.template.spec.containers[1].startupProbe.tcpSocket.port', value: '(unset)',
    },
    {
      id: 'KSVC-CTR-015', name: 'a hand-written startup probe has no handler (Knative 1.23 checks it; the oracle found it)',
      manifests: [ksvcWithLiveness(undefined, { failureThreshold: 3 })], field: `${CTR}.startupProbe`, value: '[]',
    },
    {
      id: 'KSVC-CTR-015', name: 'the liveness probe has two handlers (override)',
      build: (c) => agent(c, { livenessProbe: kplus.Probe.fromHttpGet('/live') }).addOverride(`${TPL}.containers.0.livenessProbe.exec`, { command: ['true'] }),
      field: `${CTR}.livenessProbe`, value: '["httpGet","exec"]',
    },
    {
      id: 'KSVC-CTR-010', name: 'the liveness probe has successThreshold 2',
      build: (c) => agent(c, { livenessProbe: kplus.Probe.fromHttpGet('/healthz', { successThreshold: 2 }) }),
      field: `${CTR}.livenessProbe.successThreshold`, value: '2',
    },
    {
      id: 'KSVC-CTR-010', name: 'the startup probe has a negative initial delay (override)',
      build: (c) => agent(c, { startupProbe: kplus.Probe.fromHttpGet('/ready') }).addOverride(`${TPL}.containers.0.startupProbe.initialDelaySeconds`, -5),
      field: `${CTR}.startupProbe.initialDelaySeconds`, value: '-5',
    },
    {
      id: 'KSVC-CTR-009', name: 'a sidecar\'s liveness probe names no port (YAML, multi-container-probing Enabled)',
      manifests: [withSidecar({ livenessProbe: { tcpSocket: {} } })], settings: { serving: { features: { multiContainerProbing: FeatureState.ENABLED } } },
      field: `${CTR.replace('[0]', '[1]')}.livenessProbe.tcpSocket.port`, value: '(unset)',
    },
    {
      id: 'KSVC-CTR-015', name: 'a sidecar\'s liveness probe has no handler (YAML, multi-container-probing Enabled)',
      manifests: [withSidecar({ livenessProbe: { periodSeconds: 5 } })], settings: { serving: { features: { multiContainerProbing: FeatureState.ENABLED } } },
      field: `${CTR.replace('[0]', '[1]')}.livenessProbe`, value: '[]',
    },
    {
      id: 'KSVC-CTR-014', name: 'an envFrom entry has neither configMapRef nor secretRef (YAML)',
      manifests: [podService({ containers: [{ image: 'ghcr.io/example/agent:1.0.0', envFrom: [{ prefix: 'APP_' }] }] })], field: `${CTR}.envFrom[0]`, value: '[]',
    },
    {
      id: 'KSVC-CTR-014', name: 'the terminationMessagePolicy is not a policy (YAML)',
      manifests: [podService({ containers: [{ image: 'ghcr.io/example/agent:1.0.0', terminationMessagePolicy: 'Always' }] })], field: `${CTR}.terminationMessagePolicy`, value: '"Always"',
    },
    {
      id: 'KSVC-CTR-014', name: 'an init container has a lifecycle hook (YAML, init containers Enabled)',
      manifests: [podService({ initContainers: [{ name: 'setup', image: 'ghcr.io/example/setup:1.0.0', lifecycle: { postStart: { exec: { command: ['true'] } } } }], containers: [{ image: 'ghcr.io/example/agent:1.0.0' }] })],
      settings: { serving: { features: { podspecInitContainers: FeatureState.ENABLED } } }, field: `${TPL}.initContainers[0].lifecycle`, value: '{',
    },
    {
      id: 'KSVC-CTR-011', name: 'the container is privileged (override)',
      build: (c) => agent(c).addOverride(`${TPL}.containers.0.securityContext.privileged`, true),
      field: `${CTR}.securityContext.privileged`, value: 'true',
    },
    {
      id: 'KSVC-CTR-011', name: 'capabilities are added on a stock cluster (override)',
      build: (c) => agent(c).addOverride(`${TPL}.containers.0.securityContext.capabilities.add`, ['NET_ADMIN']),
      field: `${CTR}.securityContext.capabilities.add`, value: '["NET_ADMIN"]',
    },
    {
      id: 'KSVC-CTR-011', name: 'capabilities are added with the flag only Allowed (catalogue Q-4: an `enabled` gate)',
      build: (c) => {
        profile(c, { features: { containerspecAddCapabilities: FeatureState.ALLOWED } });
        agent(c).addOverride(`${TPL}.containers.0.securityContext.capabilities.add`, ['NET_BIND_SERVICE']);
      },
      field: `${CTR}.securityContext.capabilities.add`, value: '["NET_BIND_SERVICE"]',
    },
    { id: 'KSVC-CTR-011', name: 'runAsUser is negative', build: (c) => agent(c, { security: { runAsUser: -1 } }), field: `${CTR}.securityContext.runAsUser`, value: '-1' },
    { id: 'KSVC-CTR-012', name: 'the container is named queue-proxy', build: (c) => agent(c, { containerName: 'queue-proxy' }), field: `${CTR}.name`, value: '"queue-proxy"' },
    { id: 'KSVC-CTR-016', name: 'the container name is not a DNS-1123 label', build: (c) => agent(c, { containerName: 'Agent_1' }), field: `${CTR}.name`, value: '"Agent_1"' },
    {
      id: 'KSVC-CTR-016', name: 'a hand-written container name ends with a dash (the webhook accepts it; the Deployment is refused; the oracle found it)',
      manifests: [podService({ containers: [{ name: 'agent-', image: 'ghcr.io/example/agent:1.0.0' }] })], field: `${CTR}.name`, value: '"agent-"',
    },
    {
      id: 'KSVC-CTR-012', name: 'a sidecar has the agent container name (override)',
      build: (c) => agent(c).addOverride(`${TPL}.containers.1`, { name: 'agent', image: 'ghcr.io/acme/proxy:1.0' }),
      field: `${TPL}.containers[1].name`, value: '"agent"',
    },
    {
      id: 'KSVC-CTR-013', name: 'the container has two ports (override)',
      build: (c) => agent(c).addOverride(`${TPL}.containers.0.ports`, [{ containerPort: 8080 }, { containerPort: 9000 }]),
      field: `${TPL}.containers[*].ports`, value: '[8080,9000]',
    },
    {
      id: 'KSVC-CTR-013', name: 'a sidecar is added while multi-container is disabled',
      build: (c) => {
        profile(c, { features: { multiContainer: FeatureState.DISABLED } });
        agent(c).addOverride(`${TPL}.containers.1`, { name: 'proxy', image: 'ghcr.io/acme/proxy:1.0' });
      },
      field: `${TPL}.containers`, value: '"2 containers"',
    },
    {
      id: 'KSVC-CTR-013', name: 'a sidecar with multi-container only Allowed (catalogue Q-4: an `enabled` gate)',
      build: (c) => {
        profile(c, { features: { multiContainer: FeatureState.ALLOWED } });
        agent(c).addOverride(`${TPL}.containers.1`, { name: 'proxy', image: 'ghcr.io/acme/proxy:1.0' });
      },
      field: `${TPL}.containers`, value: '"2 containers"',
    },
    {
      id: 'KSVC-CTR-013', name: 'the containers list is emptied (override)',
      build: (c) => agent(c).addOverride(`${TPL}.containers`, []),
      field: `${TPL}.containers`, value: '[]',
      also: ['KSVC-VOL-002'], // the /tmp volume is now mounted by no container
    },
    {
      id: 'SCHEMA-001', name: 'a PodSpec field outside the Knative schema (override)',
      build: (c) => agent(c).addOverride(`${TPL}.terminationGracePeriodSeconds`, 30),
      field: `${TPL}.terminationGracePeriodSeconds`, value: '30',
    },
    {
      id: 'SCHEMA-001', name: 'a container lifecycle hook (override)',
      build: (c) => agent(c).addOverride(`${TPL}.containers.0.lifecycle`, { preStop: { exec: { command: ['sleep', '5'] } } }),
      field: `${CTR}.lifecycle`, value: '{"preStop":',
    },
    {
      id: 'KSVC-META-007', name: 'the visibility is set as a revision annotation',
      build: (c) => agent(c, { revisionAnnotations: { 'networking.knative.dev/visibility': 'cluster-local' } }),
      field: 'spec.template.metadata.annotations["networking.knative.dev/visibility"]', value: '"cluster-local"',
    },
    // --- PodSpec
    {
      id: 'KSVC-POD-001', name: 'nodeSelector on a stock cluster (override)',
      build: (c) => agent(c).addOverride(`${TPL}.nodeSelector`, { gpu: 'true' }),
      field: `${TPL}.nodeSelector`, value: '{"gpu":"true"}',
    },
    {
      id: 'KSVC-POD-001', name: 'an empty affinity on a stock cluster (a pointer: the round trip keeps `{}`, the field mask refuses it)',
      manifests: [podService({ containers: [{ image: 'ghcr.io/acme/agent:1.0' }], affinity: {} })], field: `${TPL}.affinity`, value: '{}',
    },
    {
      id: 'KSVC-POD-001', name: 'an env var from a fieldRef on a stock cluster',
      build: (c) => agent(c).addEnv('POD_NAME', kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME)),
      field: `${CTR}.env[0].valueFrom.fieldRef`, value: '{"fieldPath":"metadata.name"}',
    },
    {
      id: 'KSVC-POD-001', name: 'init containers with the flag only Allowed (catalogue Q-4: an `enabled` gate)',
      build: (c) => {
        profile(c, { features: { podspecInitContainers: FeatureState.ALLOWED } });
        agent(c).addOverride(`${TPL}.initContainers`, [{ name: 'init', image: 'busybox:1.36' }]);
      },
      field: `${TPL}.initContainers`, value: '[{"name":"init"',
    },
    {
      id: 'KSVC-POD-001', name: 'a pod security context on a stock cluster (override)',
      build: (c) => agent(c).addOverride(`${TPL}.securityContext`, { runAsNonRoot: true }),
      field: `${TPL}.securityContext`, value: '{"runAsNonRoot":true}',
    },
    {
      id: 'KSVC-POD-002', name: 'automountServiceAccountToken is true (override)',
      build: (c) => agent(c).addOverride(`${TPL}.automountServiceAccountToken`, true),
      field: `${TPL}.automountServiceAccountToken`, value: 'true',
    },
    {
      id: 'KSVC-POD-003', name: 'the service account name has uppercase letters',
      build: (c) => agent(c, { serviceAccount: kplus.ServiceAccount.fromServiceAccountName(c, 'sa', 'Bad_Name') }),
      field: `${TPL}.serviceAccountName`, value: '"Bad_Name"',
    },
    {
      id: 'KSVC-POD-004', name: 'the pod security context sets sysctls',
      build: (c) => {
        profile(c, { features: { podspecSecurityContext: FeatureState.ENABLED } });
        agent(c).addOverride(`${TPL}.securityContext`, { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] });
      },
      field: `${TPL}.securityContext.sysctls`, value: '[{"name":"net.core.somaxconn"',
    },
    {
      id: 'KSVC-POD-004', name: 'the pod fsGroup is negative',
      build: (c) => {
        profile(c, { features: { podspecSecurityContext: FeatureState.ALLOWED } });
        agent(c).addOverride(`${TPL}.securityContext`, { fsGroup: -1 });
      },
      field: `${TPL}.securityContext.fsGroup`, value: '-1',
    },
    // --- volumes
    {
      id: 'KSVC-VOL-001', name: 'the volume name has uppercase letters',
      build: (c) => agent(c, { volumes: [{ path: '/etc/agent', volume: configMapVolume(c, 'agent-config', 'Config_Vol') }] }),
      field: `${TPL}.volumes[1].name`, value: '"Config_Vol"',
    },
    {
      id: 'KSVC-VOL-001', name: 'two volumes share a name',
      build: (c) => agent(c, { volumes: [{ path: '/etc/a', volume: configMapVolume(c, 'a', 'cfg') }, { path: '/etc/b', volume: configMapVolume(c, 'b', 'cfg') }] }),
      field: `${TPL}.volumes[2].name`, value: '"cfg"',
    },
    {
      id: 'KSVC-VOL-002', name: 'a volume is not mounted (override)',
      build: (c) => agent(c).addOverride(`${TPL}.volumes.1`, { name: 'extra', configMap: { name: 'extra' } }),
      field: `${TPL}.volumes`, value: '"extra"',
    },
    {
      id: 'KSVC-VOL-002', name: 'a mount names no volume (override)',
      build: (c) => agent(c).addOverride(`${TPL}.containers.0.volumeMounts.1`, { name: 'ghost', mountPath: '/ghost' }),
      field: `${CTR}.volumeMounts[1].name`, value: '"ghost"',
    },
    {
      id: 'KSVC-VOL-003', name: 'a PVC on a stock cluster',
      build: (c) => agent(c, { volumes: [{ path: '/data', volume: pvcVolume(c, true) }] }),
      field: `${TPL}.volumes[1].persistentVolumeClaim`, value: '{"claimName":"data","readOnly":true}',
    },
    {
      id: 'KSVC-VOL-003', name: 'a writable PVC without the write flag',
      build: (c) => {
        profile(c, { features: { podspecPersistentVolumeClaim: FeatureState.ENABLED } });
        agent(c, { volumes: [{ path: '/data', volume: pvcVolume(c) }] });
      },
      field: `${TPL}.volumes[1].persistentVolumeClaim.readOnly`, value: 'false',
    },
    {
      id: 'KSVC-VOL-003', name: 'PVC with the flag only Allowed (catalogue Q-4: an `enabled` gate)',
      build: (c) => {
        profile(c, { features: { podspecPersistentVolumeClaim: FeatureState.ALLOWED } });
        agent(c, { volumes: [{ path: '/data', volume: pvcVolume(c, true) }] });
      },
      field: `${TPL}.volumes[1].persistentVolumeClaim`, value: '{"claimName":"data","readOnly":true}',
    },
    {
      id: 'KSVC-VOL-003', name: 'the /tmp emptyDir with emptydir only Allowed (catalogue Q-4)',
      build: (c) => { profile(c, { features: { podspecVolumesEmptyDir: FeatureState.ALLOWED } }); agent(c); },
      field: `${TPL}.volumes[0].emptyDir`, value: '{"sizeLimit":"1Gi"}',
    },
    {
      id: 'KSVC-VOL-003', name: 'a downwardAPI volume (no supported source)',
      build: (c) => {
        const a = agent(c);
        a.addOverride(`${TPL}.volumes.1`, { name: 'podinfo', downwardAPI: { items: [] } });
        a.addOverride(`${TPL}.containers.0.volumeMounts.1`, { name: 'podinfo', mountPath: '/etc/podinfo', readOnly: true });
      },
      field: `${TPL}.volumes[1]`, value: '[]',
      also: ['SCHEMA-001'], // downwardAPI itself is pruned by the CRD
    },
    {
      id: 'KSVC-VOL-004', name: 'a volume is mounted at /dev',
      build: (c) => agent(c, { volumes: [{ path: '/dev', volume: configMapVolume(c) }] }),
      field: `${CTR}.volumeMounts[1].mountPath`, value: '"/dev"',
    },
    {
      id: 'KSVC-VOL-004', name: 'a mount path is relative',
      build: (c) => agent(c, { volumes: [{ path: 'etc/agent', volume: configMapVolume(c) }] }),
      field: `${CTR}.volumeMounts[1].mountPath`, value: '"etc/agent"',
    },
    {
      id: 'KSVC-VOL-004', name: 'two mounts share a path after cleaning',
      build: (c) => agent(c, { volumes: [{ path: '/etc/agent', volume: configMapVolume(c, 'a') }, { path: '/etc/agent/', volume: configMapVolume(c, 'b') }] }),
      field: `${CTR}.volumeMounts[2].mountPath`, value: '"/etc/agent/"',
    },
    {
      id: 'KSVC-VOL-009', name: 'a projected source holds both a secret and a configMap (YAML)',
      manifests: [podService({
        containers: [{ image: 'ghcr.io/example/agent:1.0.0', volumeMounts: [{ name: 'info', mountPath: '/etc/info', readOnly: true }] }],
        volumes: [{ name: 'info', projected: { sources: [{ secret: { name: 'a' }, configMap: { name: 'b' } }] } }],
      })],
      field: `${TPL}.volumes[0].projected.sources[0]`, value: '["secret","configMap"]',
    },
    {
      id: 'KSVC-VOL-009', name: 'an emptyDir has a negative sizeLimit (YAML)',
      manifests: [podService({
        containers: [{ image: 'ghcr.io/example/agent:1.0.0', volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] }],
        volumes: [{ name: 'scratch', emptyDir: { sizeLimit: '-1' } }],
      })],
      field: `${TPL}.volumes[0].emptyDir.sizeLimit`, value: '"-1"',
    },
    {
      id: 'KSVC-VOL-009', name: 'a downwardAPI item has neither fieldRef nor resourceFieldRef (YAML)',
      manifests: [podService({
        containers: [{ image: 'ghcr.io/example/agent:1.0.0', volumeMounts: [{ name: 'info', mountPath: '/etc/info', readOnly: true }] }],
        volumes: [{ name: 'info', projected: { sources: [{ downwardAPI: { items: [{ path: 'labels' }] } }] } }],
      })],
      field: `${TPL}.volumes[0].projected.sources[0].downwardAPI.items[0]`, value: '[]',
    },
    {
      id: 'KSVC-VOL-005', name: 'the emptyDir medium is HugePages (override)',
      build: (c) => agent(c).addOverride(`${TPL}.volumes.0.emptyDir.medium`, 'HugePages'),
      field: `${TPL}.volumes[0].emptyDir.medium`, value: '"HugePages"',
    },
    // --- traffic
    {
      id: 'SCHEMA-002', name: 'a traffic percent is fractional (the schema wants integers; one finding: not KSVC-TRAFFIC-001 too)',
      build: (c) => agent(c, { traffic: [{ revisionName: 'agent-v1', percent: 50.5 }, { percent: 49.5 }] }),
      field: 'spec.traffic[0].percent', value: '50.5',
    },
    {
      id: 'KSVC-TRAFFIC-001', name: 'a traffic percent is above 100',
      build: (c) => agent(c, { traffic: [{ percent: 120 }] }),
      field: 'spec.traffic[0].percent', value: '120',
      also: ['KSVC-TRAFFIC-002'],
    },
    {
      id: 'KSVC-TRAFFIC-002', name: 'the traffic percents sum to 90',
      build: (c) => agent(c, { traffic: [{ revisionName: 'agent-v1', percent: 50 }, { latestRevision: true, percent: 40 }] }),
      field: 'spec.traffic', value: '[50,40]',
    },
    {
      id: 'KSVC-TRAFFIC-003', name: 'a traffic tag has uppercase letters',
      build: (c) => agent(c, { traffic: [{ revisionName: 'agent-v1', percent: 100 }, { percent: 0, tag: 'Canary' }] }),
      field: 'spec.traffic[1].tag', value: '"Canary"',
    },
    {
      id: 'KSVC-TRAFFIC-003', name: 'a traffic tag contains a dot',
      build: (c) => agent(c, { traffic: [{ percent: 100, tag: 'v1.2' }] }),
      field: 'spec.traffic[0].tag', value: '"v1.2"',
    },
    {
      id: 'KSVC-TRAFFIC-004', name: 'two traffic targets share a tag',
      build: (c) => agent(c, { traffic: [{ revisionName: 'agent-v1', percent: 90, tag: 'canary' }, { percent: 10, tag: 'canary' }] }),
      field: 'spec.traffic[1].tag', value: '"canary"',
    },
    {
      id: 'KSVC-TRAFFIC-005', name: 'latestRevision true with a revisionName',
      build: (c) => agent(c, { traffic: [{ revisionName: 'agent-v1', latestRevision: true, percent: 100 }] }),
      field: 'spec.traffic[0]', value: '{"revisionName":"agent-v1","latestRevision":true}',
    },
    {
      id: 'KSVC-TRAFFIC-005', name: 'latestRevision false without a revisionName',
      build: (c) => agent(c, { traffic: [{ latestRevision: false, percent: 100 }] }),
      field: 'spec.traffic[0]', value: '{"latestRevision":false}',
    },
    {
      id: 'KSVC-TRAFFIC-009', name: 'a traffic revision belongs to another Service',
      build: (c) => agent(c, { traffic: [{ revisionName: 'other-v1', percent: 100 }] }),
      field: 'spec.traffic[0].revisionName', value: '"other-v1"',
    },
    {
      id: 'KSVC-TRAFFIC-006', name: 'a traffic revision name is not a valid name',
      build: (c) => agent(c, { traffic: [{ revisionName: '-bad-', percent: 100 }] }),
      field: 'spec.traffic[0].revisionName', value: '"-bad-"',
    },
    {
      id: 'KSVC-TRAFFIC-007', name: 'the tag hostname `<tag>-<service>` is 64 characters',
      build: (c) => agent(c, { name: 'jira-triage-agent-for-the-platform-team', traffic: [{ percent: 100, tag: 'canary-for-the-new-model' }] }),
      field: 'spec.traffic[0].tag', value: '"canary-for-the-new-model"',
    },
    {
      id: 'KSVC-TRAFFIC-008', name: 'a traffic target sets configurationName (override)',
      build: (c) => agent(c, { traffic: [{ percent: 100 }] }).addOverride('spec.traffic.0.configurationName', 'agent'),
      field: 'spec.traffic[0].configurationName', value: '"agent"',
    },
    {
      id: 'KSVC-TRAFFIC-008', name: 'a traffic target sets url (override)',
      build: (c) => agent(c, { traffic: [{ percent: 100 }] }).addOverride('spec.traffic.0.url', 'http://agent.example.com'),
      field: 'spec.traffic[0].url', value: '"http://agent.example.com"',
    },
    // --- added with the engine
    { id: 'SCHEMA-002', name: 'timeoutSeconds is a string (override)', build: (c) => agent(c).addOverride(`${TPL}.timeoutSeconds`, '300'), field: `${TPL}.timeoutSeconds`, value: '"300"' },
    {
      id: 'KSVC-META-008', name: 'the queue sidecar resource percentage is above 100',
      build: (c) => agent(c, { revisionAnnotations: { 'queue.sidecar.serving.knative.dev/resource-percentage': '150' } }),
      field: 'spec.template.metadata.annotations["queue.sidecar.serving.knative.dev/resource-percentage"]', value: '"150"', also: ['KSVC-META-009'],
    },
    {
      id: 'KSVC-META-009', name: 'the deprecated queue sidecar resource percentage is used',
      build: (c) => agent(c, { revisionAnnotations: { 'queue.sidecar.serving.knative.dev/resource-percentage': '20' } }),
      field: 'spec.template.metadata.annotations["queue.sidecar.serving.knative.dev/resource-percentage"]', value: '"20"',
    },
    {
      id: 'KSVC-META-010', name: 'a queue sidecar memory limit is not a quantity',
      build: (c) => agent(c, { revisionAnnotations: { 'queue.sidecar.serving.knative.dev/memory-resource-limit': '1GB' } }),
      field: 'spec.template.metadata.annotations["queue.sidecar.serving.knative.dev/memory-resource-limit"]', value: '"1GB"',
    },
    {
      id: 'KSVC-META-011', name: 'the progress deadline is not whole seconds',
      build: (c) => agent(c, { revisionAnnotations: { 'serving.knative.dev/progress-deadline': '10m30.5s' } }),
      field: 'spec.template.metadata.annotations["serving.knative.dev/progress-deadline"]', value: '"10m30.5s"',
    },
    {
      id: 'KSVC-SPEC-004', name: 'the startup probe may outlast the 600 s progress deadline',
      build: (c) => agent(c, { startupProbe: kplus.Probe.fromTcpSocket({ periodSeconds: Duration.seconds(10), failureThreshold: 61 }) }),
      field: `${CTR}.startupProbe`, value: '{"periodSeconds":10,"failureThreshold":61}',
    },
    { id: 'KSVC-SCALE-021', name: 'the concurrency target is above containerConcurrency', build: (c) => agent(c, { containerConcurrency: 1, scaling: { target: 5 } }), field: AS('target'), value: '"5"' },
    {
      id: 'KSVC-SCALE-022', name: 'a raw annotation overrides a typed scaling prop',
      build: (c) => agent(c, { scaling: { maxScale: 5 }, revisionAnnotations: { 'autoscaling.knative.dev/max-scale': '10' } }),
      field: 'revisionAnnotations["autoscaling.knative.dev/max-scale"]', value: '"10"',
    },
    {
      id: 'KSVC-SCALE-023', name: 'minScale 0 on a cluster that disables scale to zero',
      build: (c) => { profile(c, { enableScaleToZero: false }); agent(c, { scaling: { minScale: 0 } }); },
      field: AS('min-scale'), value: '"0"',
    },
    {
      id: 'KSVC-VOL-006', name: 'a read-only claim is mounted writable',
      build: (c) => { profile(c, { features: { podspecPersistentVolumeClaim: FeatureState.ENABLED } }); agent(c, { volumes: [{ path: '/data', volume: pvcVolume(c, true), readOnly: false }] }); },
      field: `${CTR}.volumeMounts[1].readOnly`, value: 'false',
    },
    {
      id: 'KSVC-VOL-007', name: 'a ConfigMap is mounted with readOnly: false',
      build: (c) => agent(c, { volumes: [{ path: '/etc/agent', volume: configMapVolume(c), readOnly: false }] }),
      field: `${CTR}.volumeMounts[1].readOnly`, value: 'false',
    },
    {
      id: 'KSVC-VOL-008', name: 'a user volume is named `tmp`',
      build: (c) => agent(c, { volumes: [{ path: '/scratch', volume: kplus.Volume.fromEmptyDir(c, 'scratch', 'tmp') }] }),
      field: 'volumes[0]', value: '{"name":"tmp","path":"/scratch"}',
    },
    {
      id: 'KSVC-VOL-008', name: 'a user volume is mounted at `/tmp`',
      build: (c) => agent(c, { volumes: [{ path: '/tmp/', volume: kplus.Volume.fromEmptyDir(c, 'scratch', 'scratch') }] }),
      field: 'volumes[0]', value: '{"name":"scratch","path":"/tmp/"}',
    },
    {
      id: 'KSVC-ROLLOUT-001', name: 'a rollout at a percent that is not one of its steps',
      build: (c) => agent(c, { rollout: Rollout.canary({ from: 'agent-v1', to: 'agent-v2', percent: 30 }) }),
      field: 'rollout', value: '30',
    },
    {
      id: 'KSVC-ROLLOUT-001', name: 'rollout steps that never reach 100',
      build: (c) => agent(c, { rollout: Rollout.canary({ from: 'agent-v1', to: 'agent-v2', percent: 10, steps: [10, 50] }) }),
      field: 'rollout', value: '10',
    },
    {
      id: 'KSVC-ROLLOUT-002', name: 'a traffic list beside a rollout',
      build: (c) => agent(c, { rollout: Rollout.canary({ from: 'agent-v1', to: 'agent-v2', percent: 10 }), traffic: [{ latestRevision: true, percent: 100 }] }),
      field: 'traffic', value: '[{"latestRevision":true,"percent":100}]',
    },
    {
      id: 'KSVC-ROLLOUT-002', name: 'a revisionName other than the rollout\'s candidate',
      build: (c) => agent(c, { rollout: Rollout.canary({ from: 'agent-v1', to: 'agent-v2', percent: 10 }), revisionName: 'agent-v3' }),
      field: 'revisionName', value: '"agent-v3"',
    },
  ],
  passes: [
    {
      name: 'an empty nodeSelector, tolerations, initContainers and priorityClassName on a stock cluster (omitempty: the round trip drops them; found by the oracle)',
      manifests: [podService({ containers: [{ image: 'ghcr.io/acme/agent:1.0' }], nodeSelector: {}, tolerations: [], initContainers: [], priorityClassName: '' })],
    },
    {
      name: 'a nodeSelector whose only value is null on a stock cluster (the CRD declares a string map: the API server drops the null, leaving it empty; found by the oracle)',
      manifests: [podService({ containers: [{ image: 'ghcr.io/acme/agent:1.0' }], nodeSelector: { 'nvidia.com/gpu.present': null } })],
    },
    { name: 'a rollout at its last step, with its own steps and the candidate as revisionName', build: (c) => agent(c, { revisionName: 'agent-v2', rollout: Rollout.canary({ from: 'agent-v1', to: 'agent-v2', percent: 100, steps: [5, 25, 100] }) }) },
    {
      name: 'a hand-written readiness probe without a handler (the defaulting webhook gives it tcpSocket; the oracle found it)',
      manifests: [{ ...ksvcWithLiveness(), spec: { template: { spec: { containers: [{ image: 'ghcr.io/acme/triage:1.0.0', ports: [{ containerPort: 8080 }], readinessProbe: { periodSeconds: 5 } }] } } } }],
    },
    // As upstream: a class outside knative.dev is a custom autoscaler's (knative/serving annotation_validation.go validateClass).
    { name: 'a custom autoscaler class outside knative.dev', build: (c) => agent(c, { revisionAnnotations: { 'autoscaling.knative.dev/class': 'custom.autoscaler.example.com' } }) },
    {
      name: 'aggregation algorithm weighted-exponential without an explicit class (the webhook does not default the class; the default KPA reads it)',
      build: (c) => agent(c, { revisionAnnotations: { 'autoscaling.knative.dev/metric-aggregation-algorithm': 'weighted-exponential' } }),
    },
    {
      name: 'an aggregation algorithm of its own for a custom autoscaler class (upstream validateAlgorithm skips it)',
      build: (c) => agent(c, { revisionAnnotations: { 'autoscaling.knative.dev/class': 'custom.autoscaler.example.com', 'autoscaling.knative.dev/metric-aggregation-algorithm': 'random-selection' } }),
    },
    { name: 'a default service', build: (c) => agent(c) },
    {
      name: 'a Secret volume with `projected: null` beside it has one source (the API server drops the null; the oracle found it)',
      manifests: [podService({
        containers: [{ image: 'ghcr.io/example/agent:1.0.0', volumeMounts: [{ name: 'keys', mountPath: '/keys', readOnly: true }] }],
        volumes: [{ name: 'keys', secret: { secretName: 'keys' }, projected: null }],
      })],
    },
    {
      name: 'a null min-scale on the template: the API server drops it before the webhook (an explicit "" is KSVC-SCALE-005; the oracle found it)',
      manifests: [{ ...podService({}), spec: { template: { metadata: { annotations: { 'autoscaling.knative.dev/min-scale': null } }, spec: { containers: [{ image: 'ghcr.io/example/agent:1.0.0' }] } } } }],
    },
    {
      name: 'null label and annotation values: "" on the Service (ObjectMeta decoding), dropped on its template (the oracle found it)',
      manifests: [{ ...podService({ containers: [{ image: 'ghcr.io/example/agent:1.0.0' }] }),
        metadata: { name: 'agent', namespace: 'agents', labels: { team: null }, annotations: { 'example.com/note': null } },
        spec: { template: { metadata: { labels: { tier: null }, annotations: { 'example.com/note': null } }, spec: { containers: [{ image: 'ghcr.io/example/agent:1.0.0' }] } } } }],
    },
    {
      name: 'two containers with an empty name and none (Knative\'s defaulting names them user-container-0 and -1)',
      manifests: [podService({ containers: [
        { name: '', image: 'ghcr.io/example/agent:1.0.0', ports: [{ containerPort: 8080 }] },
        { image: 'ghcr.io/example/proxy:1.0.0' },
      ] })],
    },
    {
      name: 'an envFrom Secret and a File termination message policy (YAML)',
      manifests: [podService({ containers: [{ image: 'ghcr.io/example/agent:1.0.0', envFrom: [{ secretRef: { name: 'agent-env' } }], terminationMessagePolicy: 'FallbackToLogsOnError' }] })],
    },
    {
      name: 'a projected volume of a Secret and the pod labels, an emptyDir of 1Gi (YAML)',
      manifests: [podService({
        containers: [{ image: 'ghcr.io/example/agent:1.0.0', volumeMounts: [{ name: 'info', mountPath: '/etc/info', readOnly: true }, { name: 'scratch', mountPath: '/scratch' }] }],
        volumes: [
          { name: 'info', projected: { sources: [{ secret: { name: 'agent-token' } }, { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }] } },
          { name: 'scratch', emptyDir: { sizeLimit: '1Gi' } },
        ],
      })],
    },
    {
      name: 'a sidecar\'s startup probe without a port on Knative 1.22 (which checks only its liveness and readiness probes)',
      manifests: [withSidecar({ startupProbe: { tcpSocket: {} }, livenessProbe: { tcpSocket: { port: 9000 } } })], settings: { knativeVersion: '1.22', serving: { features: { multiContainerProbing: FeatureState.ENABLED } } },
    },
    {
      name: 'a hand-written serving container port 0 (Knative reads it as the default, 8080)',
      manifests: [{
        apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'agent', namespace: 'agents' },
        spec: { template: { spec: { containers: [{ image: 'ghcr.io/example/agent:1.0.0', ports: [{ containerPort: 0 }] }] } } },
      }],
    },
    { name: 'a 63-character Service name', build: (c) => agent(c, { name: `a${'b'.repeat(62)}` }) },
    { name: 'a revision name `<service>-v2`', build: (c) => agent(c, { revisionName: 'agent-v2' }) },
    { name: 'rolloutDuration in whole seconds', build: (c) => agent(c, { rolloutDuration: Duration.minutes(2) }) },
    { name: 'an empty raw rollout-duration (skipped upstream)', build: (c) => agent(c, { annotations: { 'serving.knative.dev/rollout-duration': '' } }) },
    { name: 'a public service', build: (c) => agent(c, { visibility: Visibility.PUBLIC }) },
    { name: 'an annotation key with uppercase name part', build: (c) => agent(c, { annotations: { 'example.com/OwnerTeam': 'a' } }) },
    { name: 'an empty label value', build: (c) => agent(c, { labels: { 'example.com/flag': '' } }) },
    { name: 'max-scale == min-scale', build: (c) => agent(c, { scaling: { minScale: 3, maxScale: 3 } }) },
    { name: 'max-scale 0 (unlimited) with min-scale 5', build: (c) => agent(c, { scaling: { minScale: 5, maxScale: 0 } }) },
    { name: 'maxScale equal to the cluster max-scale-limit', build: (c) => { profile(c, { maxScaleLimit: 10 }); agent(c, { scaling: { maxScale: 10 } }); } },
    { name: 'no maxScale with a cluster max-scale-limit (not cross-checked upstream)', build: (c) => { profile(c, { maxScaleLimit: 10 }); agent(c, { scaling: { minScale: 20 } }); } },
    { name: 'activation-scale 2', build: (c) => agent(c, { scaling: { activationScale: 2 } }) },
    { name: 'activation-scale == max-scale == min-scale', build: (c) => agent(c, { scaling: { minScale: 2, maxScale: 2, activationScale: 2 } }) },
    { name: 'initialScale 0 when the cluster allows it', build: (c) => { profile(c, { allowZeroInitialScale: true }); agent(c, { scaling: { initialScale: 0 } }); } },
    { name: 'window at both ends (6s and 1h)', build: (c) => agent(c, { scaling: { window: Duration.seconds(6) }, revisionAnnotations: { 'example.com/w': '1h' } }) },
    { name: 'window of exactly 1h', build: (c) => agent(c, { scaling: { window: Duration.hours(1) } }) },
    { name: 'scaleDownDelay 0s and retention 1h', build: (c) => agent(c, { scaling: { scaleDownDelay: Duration.seconds(0), scaleToZeroRetention: Duration.hours(1) } }) },
    { name: 'a fractional retention (no whole-seconds rule upstream)', build: (c) => agent(c, { revisionAnnotations: { 'autoscaling.knative.dev/scale-to-zero-pod-retention-period': '1.5s' } }) },
    { name: 'targetBurstCapacity -1 (unlimited) and 0', build: (c) => agent(c, { scaling: { targetBurstCapacity: -1 } }) },
    { name: 'targetBurstCapacity 0', build: (c) => agent(c, { scaling: { targetBurstCapacity: 0 } }) },
    { name: 'panic percentages at their bounds', build: (c) => agent(c, { scaling: { panicWindowPercentage: 1, panicThresholdPercentage: 1000 } }) },
    { name: 'target 0.01 and utilization 100', build: (c) => agent(c, { scaling: { target: 0.01, targetUtilizationPercentage: 100 } }) },
    { name: 'KPA scaling on rps', build: (c) => agent(c, { scaling: { class: ScalingClass.KPA, metric: ScalingMetric.RPS } }) },
    { name: 'HPA without minScale (one pod, as expected)', build: (c) => agent(c, { scaling: { class: ScalingClass.HPA, metric: ScalingMetric.CPU } }) },
    { name: 'HPA on cpu with minScale 1', build: (c) => agent(c, { scaling: { class: ScalingClass.HPA, metric: ScalingMetric.CPU, minScale: 1, target: 80 } }) },
    { name: 'HPA on a custom metric with window', build: (c) => agent(c, { scaling: { class: ScalingClass.HPA, metric: ScalingMetric.custom('queue_depth'), minScale: 1, window: Duration.minutes(2) } }) },
    {
      name: 'aggregation algorithm weighted-exponential with an explicit KPA class',
      build: (c) => agent(c, { scaling: { class: ScalingClass.KPA }, revisionAnnotations: { 'autoscaling.knative.dev/metric-aggregation-algorithm': 'weighted-exponential' } }),
    },
    { name: 'a legacy camelCase alias within range', build: (c) => agent(c, { revisionAnnotations: { 'autoscaling.knative.dev/minScale': '1' } }) },
    { name: 'timeout exactly 600', build: (c) => agent(c, { timeout: Duration.seconds(600) }) },
    { name: 'timeout 900 when the cluster maximum is 900', build: (c) => { profile(c, { maxRevisionTimeout: Duration.seconds(900) }); agent(c, { timeout: Duration.seconds(900) }); } },
    { name: 'sub-timeouts equal to the request timeout', build: (c) => agent(c, { timeout: Duration.seconds(120), responseStartTimeout: Duration.seconds(120), idleTimeout: Duration.seconds(120) }) },
    { name: 'idle timeout up to the cluster default request timeout', build: (c) => agent(c, { idleTimeout: Duration.seconds(300) }) },
    { name: 'containerConcurrency 0 and 1000', build: (c) => agent(c, { containerConcurrency: 1000 }) },
    { name: 'containerConcurrency 0 (unlimited)', build: (c) => agent(c, { containerConcurrency: 0 }) },
    { name: 'an image by digest', build: (c) => agent(c, { image: `ghcr.io/acme/agent@sha256:${'a'.repeat(64)}` }) },
    { name: 'an image on a registry with a port', build: (c) => agent(c, { image: 'localhost:5000/agent:dev' }) },
    {
      name: 'images go-containerregistry\'s weak validation takes: `http://example.com` (registry "http:" with an empty port), `localhost/a` (all repository)',
      manifests: [podService({ containers: [{ image: 'http://example.com' }] }), { ...podService({ containers: [{ image: 'localhost/a' }] }), metadata: { name: 'other', namespace: 'agents' } }],
    },
    { name: 'a Docker Hub short name', build: (c) => agent(c, { image: 'nginx' }) },
    { name: 'port 9000 with protocol h2c', build: (c) => agent(c, { port: 9000, protocol: HttpProtocol.H2C }) },
    { name: 'an env var name with dots and dashes', build: (c) => agent(c, { env: { 'app.log-level': 'info' } }) },
    { name: 'requests equal to limits', build: (c) => agent(c, { resources: { cpu: { request: kplus.Cpu.units(1), limit: kplus.Cpu.units(1) } } }) },
    { name: 'a readiness probe without options (aggressive probing)', build: (c) => agent(c, { readinessProbe: kplus.Probe.fromHttpGet('/health') }) },
    { name: 'a readiness probe with period and timeout', build: (c) => agent(c, { readinessProbe: kplus.Probe.fromHttpGet('/health', { periodSeconds: Duration.seconds(5), timeoutSeconds: Duration.seconds(2) }) }) },
    { name: 'an env var whose valueFrom.fieldRef is null on a stock cluster (a nil pointer: not gated; found by the oracle)', manifests: [podService({ containers: [{ image: 'ghcr.io/acme/agent:1.0', env: [{ name: 'POD_NAME', valueFrom: { fieldRef: null } }] }] })] },
    { name: 'a readiness probe on another port number (accepted: the reconciler probes the serving port; found by the oracle)', build: (c) => agent(c, { readinessProbe: kplus.Probe.fromHttpGet('/health', { port: 9000 }) }) },
    { name: 'a readiness probe on the serving port given explicitly', build: (c) => agent(c, { readinessProbe: kplus.Probe.fromHttpGet('/health', { port: 8080 }) }) },
    {
      name: 'a probe port named like the serving port (`http` when unnamed)',
      build: (c) => agent(c, { readinessProbe: kplus.Probe.fromHttpGet('/health') }).addOverride(`${TPL}.containers.0.readinessProbe.httpGet.port`, 'http'),
    },
    {
      name: 'a probe port named like a named serving port (`h2c`)',
      build: (c) => agent(c, { protocol: HttpProtocol.H2C, livenessProbe: kplus.Probe.fromTcpSocket() }).addOverride(`${TPL}.containers.0.livenessProbe.tcpSocket.port`, 'h2c'),
    },
    { name: 'a liveness probe with failureThreshold', build: (c) => agent(c, { livenessProbe: kplus.Probe.fromCommand(['true'], { failureThreshold: 5 }) }) },
    { name: 'mountServiceAccountToken: true leaves the field unset', build: (c) => agent(c, { mountServiceAccountToken: true }) },
    { name: 'capabilities.add when the flag is Enabled', build: (c) => { profile(c, { features: { containerspecAddCapabilities: FeatureState.ENABLED } }); agent(c).addOverride(`${TPL}.containers.0.securityContext.capabilities.add`, ['NET_BIND_SERVICE']); } },
    { name: 'nodeSelector with the flag Enabled', build: (c) => { profile(c, { features: { podspecNodeSelector: FeatureState.ENABLED } }); agent(c).addOverride(`${TPL}.nodeSelector`, { gpu: 'true' }); } },
    { name: '`Allowed` opens a not-disabled gate (nodeSelector, catalogue Q-4)', build: (c) => { profile(c, { features: { podspecNodeSelector: FeatureState.ALLOWED } }); agent(c).addOverride(`${TPL}.nodeSelector`, { gpu: 'true' }); } },
    { name: '`Allowed` opens the fieldRef gate (not-disabled)', build: (c) => { profile(c, { features: { podspecFieldRef: FeatureState.ALLOWED } }); agent(c).addEnv('POD_NAME', kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME)); } },
    { name: 'hostNetwork false is not "set"', build: (c) => agent(c).addOverride(`${TPL}.hostNetwork`, false) },
    { name: 'init containers with the flag Enabled', build: (c) => { profile(c, { features: { podspecInitContainers: FeatureState.ENABLED } }); agent(c).addOverride(`${TPL}.initContainers`, [{ name: 'init', image: 'busybox:1.36' }]); } },
    { name: 'a pod security context with supported fields and the flag Enabled', build: (c) => { profile(c, { features: { podspecSecurityContext: FeatureState.ENABLED } }); agent(c).addOverride(`${TPL}.securityContext`, { fsGroup: 1000, runAsNonRoot: true }); } },
    { name: 'a read-only PVC with the PVC flag Enabled', build: (c) => { profile(c, { features: { podspecPersistentVolumeClaim: FeatureState.ENABLED } }); agent(c, { volumes: [{ path: '/data', volume: pvcVolume(c, true) }] }); } },
    {
      name: 'a writable PVC with both PVC flags Enabled',
      build: (c) => {
        profile(c, { features: { podspecPersistentVolumeClaim: FeatureState.ENABLED, podspecPersistentVolumeWrite: FeatureState.ENABLED } });
        agent(c, { volumes: [{ path: '/data', volume: pvcVolume(c) }] });
      },
    },
    { name: 'no writable /tmp and emptyDir disabled', build: (c) => { profile(c, { features: { podspecVolumesEmptyDir: FeatureState.DISABLED } }); agent(c, { security: { writableTmp: false } }); } },
    { name: 'an emptyDir in memory', build: (c) => agent(c).addOverride(`${TPL}.volumes.0.emptyDir.medium`, 'Memory') },
    { name: 'a sidecar with the default multi-container flag', build: (c) => agent(c).addOverride(`${TPL}.containers.1`, { name: 'proxy', image: 'ghcr.io/acme/proxy:1.0' }) },
    { name: 'traffic: latestRevision unset and no revisionName', build: (c) => agent(c, { traffic: [{ percent: 100 }] }) },
    { name: 'traffic: an empty list (defaults to 100% latest)', build: (c) => agent(c, { traffic: [] }) },
    { name: 'traffic: 0% tagged target next to 100%', build: (c) => agent(c, { traffic: [{ latestRevision: true, percent: 100 }, { revisionName: 'agent-v1', percent: 0, tag: 'previous' }] }) },
    { name: 'traffic: a tag hostname of exactly 63 characters', build: (c) => agent(c, { name: 'jira-triage-agent-for-the-platform-team', traffic: [{ percent: 100, tag: 'canary-for-the-new-mode' }] }) },
  ],
};
