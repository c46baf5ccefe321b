// knative/eventing knative-v1.22.2: the Sequence, Parallel and EventPolicy
// webhooks' own test tables. (JobSink's table, pkg/apis/sinks/v1alpha1/
// job_sink_validation_test.go TestValidation, is empty at this tag.)
// Sequence and Parallel objects of the tests set no name or namespace: they get
// `flow` in `default`, as the webhook would receive them.
import { FeatureState } from '../../lib';
import { UpstreamVector, VectorSet } from './vector';

const SEQ = 'pkg/apis/flows/v1/sequence_validation_test.go';
const PAR = 'pkg/apis/flows/v1/parallel_validation_test.go';
const EP = 'pkg/apis/eventing/v1alpha1/eventpolicy_validation_test.go';
type Obj = Record<string, unknown>;

const flow = (kind: 'Sequence' | 'Parallel', spec: Obj): Obj => ({ apiVersion: 'flows.knative.dev/v1', kind, metadata: { name: 'flow', namespace: 'default' }, spec });
const dest = { ref: { name: 'testName', kind: 'testKind', namespace: 'testNamespace', apiVersion: 'testAPIVersion' } };
const badDest = { ref: { name: 'testName', kind: 'testKind', namespace: 'testNamespace' } };
const delivery = { backoffPolicy: 'exponential' };
const badDelivery = { backoffDelay: 'invalid delay' };
const channelTemplate = { apiVersion: 'testAPIVersion', kind: 'testChannel' };
const steps = [{ ...dest, delivery }];
const noTemplate = 'Validate alone rejects a missing channelTemplate; the defaulting webhook first sets the cluster default channel (config-default-channel)';

const seq = (name: string, fn: string, spec: Obj, upstream: 'accepted' | 'rejected', extra: Partial<UpstreamVector> = {}): UpstreamVector => ({ test: `${SEQ} ${fn}/"${name}"`, manifest: flow('Sequence', spec), upstream, ...extra });
const sequences: UpstreamVector[] = [
  seq('valid', 'TestSequenceValidate', { steps, channelTemplate, reply: dest }, 'accepted'),
  seq('invalid', 'TestSequenceValidate', { channelTemplate, reply: dest }, 'rejected'),
  seq('valid', 'TestSequenceSpecValidate', { steps, channelTemplate, reply: dest }, 'accepted'),
  seq('no steps', 'TestSequenceSpecValidate', { channelTemplate, reply: dest }, 'rejected'),
  seq('invalid steps', 'TestSequenceSpecValidate', { steps: [{ ...dest, delivery: badDelivery }], channelTemplate, reply: dest }, 'rejected'),
  seq('no channelTemplate', 'TestSequenceSpecValidate', { steps, reply: dest }, 'rejected', { chain: 'accepted', note: noTemplate }),
  seq('no channelTemplate apiVersion', 'TestSequenceSpecValidate', { steps, channelTemplate: { kind: 'testChannel' }, reply: dest }, 'rejected'),
  seq('no channelTemplate kind', 'TestSequenceSpecValidate', { steps, channelTemplate: { apiVersion: 'testAPIVersion' }, reply: dest }, 'rejected'),
  seq('invalid channelTemplate & invalid reply', 'TestSequenceSpecValidate', { steps, channelTemplate: { kind: 'testChannel' }, reply: badDest }, 'rejected'),
  seq('invalid reply', 'TestSequenceSpecValidate', { steps, channelTemplate, reply: badDest }, 'rejected'),
  seq('no channelTemplate & invalid reply', 'TestSequenceSpecValidate', { steps, reply: badDest }, 'rejected'),
  // TestSequenceStepValidate: the step inside a valid Sequence.
  seq('valid', 'TestSequenceStepValidate', { steps: [{ ...dest, delivery }], channelTemplate }, 'accepted'),
  seq('invalid destination', 'TestSequenceStepValidate', { steps: [{ ...badDest, delivery }], channelTemplate }, 'rejected'),
  seq('invalid delivery', 'TestSequenceStepValidate', { steps: [{ ...dest, delivery: badDelivery }], channelTemplate }, 'rejected'),
  seq('invalid destination & invalid delivery', 'TestSequenceStepValidate', { steps: [{ ...badDest, delivery: badDelivery }], channelTemplate }, 'rejected'),
];

const branch = { filter: dest, subscriber: dest, reply: dest, delivery };
const par = (name: string, fn: string, spec: Obj, upstream: 'accepted' | 'rejected', extra: Partial<UpstreamVector> = {}): UpstreamVector => ({ test: `${PAR} ${fn}/"${name}"`, manifest: flow('Parallel', spec), upstream, ...extra });
const parallels: UpstreamVector[] = [
  par('valid', 'TestParallelValidate', { branches: [branch], channelTemplate, reply: dest }, 'accepted'),
  par('invalid', 'TestParallelValidate', { channelTemplate, reply: dest }, 'rejected'),
  par('valid', 'TestParallelSpecValidate', { branches: [branch], channelTemplate, reply: dest }, 'accepted'),
  par('without branches', 'TestParallelSpecValidate', { channelTemplate, reply: dest }, 'rejected'),
  par('branches with invalid filter', 'TestParallelSpecValidate', { branches: [{ ...branch, filter: badDest }], channelTemplate, reply: dest }, 'rejected'),
  par('branches with invalid subscriber', 'TestParallelSpecValidate', { branches: [{ ...branch, subscriber: badDest }], channelTemplate, reply: dest }, 'rejected'),
  par('branches with invalid reply', 'TestParallelSpecValidate', { branches: [{ ...branch, reply: badDest }], channelTemplate, reply: dest }, 'rejected'),
  par('without channelTemplate', 'TestParallelSpecValidate', { branches: [branch], reply: dest }, 'rejected', { chain: 'accepted', note: noTemplate }),
  par('channelTemplate without apiVersion', 'TestParallelSpecValidate', { branches: [branch], channelTemplate: { kind: 'testChannel' }, reply: dest }, 'rejected'),
  par('channelTemplate without kind', 'TestParallelSpecValidate', { branches: [branch], channelTemplate: { apiVersion: 'testAPIVersion' }, reply: dest }, 'rejected'),
  par('invalid reply', 'TestParallelSpecValidate', { branches: [branch], channelTemplate, reply: badDest }, 'rejected'),
];

const policy = (spec: Obj): Obj => ({ apiVersion: 'eventing.knative.dev/v1alpha1', kind: 'EventPolicy', metadata: { name: 'policy', namespace: 'default' }, spec });
const oidc = (state: FeatureState) => ({ eventing: { features: { authenticationOidc: state } } });
const OFF = 'TestEventPolicySpecValidationWithOIDCAuthenticationFeatureFlagDisabled';
const ON = 'TestEventPolicySpecValidationWithOIDCAuthenticationFeatureFlagEnabled';
const ref = { apiVersion: 'a', kind: 'b', name: 'c' };
const policies: UpstreamVector[] = [
  { test: `${EP} ${OFF}/"valid, from.sub exactly '*'"`, manifest: policy({ from: [{ sub: '*' }] }), settings: oidc(FeatureState.DISABLED), upstream: 'rejected' },
  { test: `${EP} ${OFF}/"invalid, missing from.ref and from.sub"`, manifest: policy({ from: [{}] }), settings: oidc(FeatureState.DISABLED), upstream: 'rejected' },
  ...([
    ['valid, empty', {}, 'accepted'],
    ['invalid, missing from.ref and from.sub', { from: [{}] }, 'rejected'],
    ['invalid, from.ref missing name', { from: [{ ref: { apiVersion: 'a', kind: 'b' } }] }, 'rejected'],
    ['invalid, from.ref missing kind', { from: [{ ref: { apiVersion: 'a', name: 'b' } }] }, 'rejected'],
    ['invalid, from.ref missing apiVersion', { from: [{ ref: { kind: 'a', name: 'b' } }] }, 'rejected'],
    ['invalid, both from.ref and from.sub set for the same list element', { from: [{ ref, sub: 'abc' }] }, 'rejected'],
    ['invalid, missing to.ref and to.selector', { to: [{}] }, 'rejected'],
    ['invalid, both to.ref and to.selector set for the same list element', { to: [{ ref, selector: {} }] }, 'rejected'],
    ['invalid, to.ref missing name', { to: [{ ref: { apiVersion: 'a', kind: 'b' } }] }, 'rejected'],
    ['invalid, to.ref missing kind', { to: [{ ref: { apiVersion: 'a', name: 'b' } }] }, 'rejected'],
    ['invalid, to.ref missing apiVersion', { to: [{ ref: { kind: 'a', name: 'b' } }] }, 'rejected'],
    ["invalid, from.sub '*' set as infix", { from: [{ sub: 'a*c' }] }, 'rejected'],
    ["invalid, from.sub '*' set as prefix", { from: [{ sub: '*a' }] }, 'rejected'],
    ["valid, from.sub '*' set as suffix", { from: [{ sub: 'a*' }] }, 'accepted'],
    ["valid, from.sub exactly '*'", { from: [{ sub: '*' }] }, 'accepted'],
    ["valid, from.sub exactly '*', valid filters", { from: [{ sub: '*' }], filters: [{ prefix: { type: 'example' } }] }, 'accepted'],
    ["invalid, from.sub exactly '*', invalid cesql filter", { from: [{ sub: '*' }], filters: [{ cesql: 'type LIKE id' }] }, 'rejected'],
  ] as const).map(([name, spec, verdict]): UpstreamVector => ({ test: `${EP} ${ON}/"${name}"`, manifest: policy(spec), settings: oidc(FeatureState.ENABLED), upstream: verdict })),
];

export const SETS: VectorSet[] = [
  { project: 'knative/eventing@knative-v1.22.2', kind: 'Sequence', vectors: sequences },
  { project: 'knative/eventing@knative-v1.22.2', kind: 'Parallel', vectors: parallels },
  { project: 'knative/eventing@knative-v1.22.2', kind: 'EventPolicy', vectors: policies },
];
