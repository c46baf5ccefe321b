// knative/serving knative-v1.22.1: the Configuration webhook's own test tables
// (configuration_validation_test.go), and the revision-name rows of the
// revision tests (revision_validation_test.go: validateRevisionName and the
// RevisionTemplateSpec rows about names), as Configurations in namespace
// `default`. `ids` pins the rule ids the library reports on each.
//
// Not ported: update-only tests (TestImmutableConfigurationFields,
// TestConfigurationAnnotationUpdate: they need the stored object), and the
// status-subresource rows of TestConfigurationSubresourceUpdate (controllers
// write status; nothing in git does). Upstream's ownerReferences carry no
// uid; the API server requires one, so each has one here.
import { SERVING_TAG, UpstreamVector, VectorSet } from './upstream-vectors';

type Obj = Record<string, unknown>;

/** A vector and the rule ids the library reports on it (sorted). */
export interface PinnedVector extends UpstreamVector {
  readonly ids: readonly string[];
}

const CFG = 'pkg/apis/serving/v1/configuration_validation_test.go';
const REV = 'pkg/apis/serving/v1/revision_validation_test.go';
const UID = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';

/** A Configuration named `name` whose template has `templateMetadata` and a container of `image` (plus RevisionSpec fields). */
export function kcfg(opts: { name?: string; metadata?: Obj; templateMetadata?: Obj; image?: string; spec?: Obj } = {}): Obj {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Configuration',
    metadata: { name: opts.name ?? 'valid', namespace: 'default', ...(opts.metadata ?? {}) },
    spec: { template: { ...(opts.templateMetadata ? { metadata: opts.templateMetadata } : {}), spec: { containers: [{ image: opts.image ?? 'busybox' }], ...(opts.spec ?? {}) } } },
  };
}

/** An ownerReference as upstream's tests write it, with the uid the API server requires. */
export const owner = (kind: string, name: string): Obj => ({ apiVersion: 'serving.knative.dev/v1alpha1', kind, name, uid: UID });

const SERVICE_LABEL = { 'serving.knative.dev/service': 'test-svc' };
/** TestConfigurationLabelValidation's validConfigSpec: a BYO revision name `byo-name-foo`. */
const byo = (metadata: Obj): Obj => kcfg({ name: 'byo-name', metadata, templateMetadata: { name: 'byo-name-foo' }, image: 'hellworld' });

const configuration: PinnedVector[] = [
  { test: `${CFG} TestConfigurationValidation/"valid"`, manifest: kcfg(), upstream: 'accepted', ids: [] },
  { test: `${CFG} TestConfigurationValidation/"invalid container concurrency"`, manifest: kcfg({ spec: { containerConcurrency: -10 } }), upstream: 'rejected', ids: ['KSVC-SPEC-002'] },
  { test: `${CFG} TestConfigurationValidation/"valid BYO name"`, manifest: kcfg({ name: 'byo-name', templateMetadata: { name: 'byo-name-foo' }, image: 'hellworld' }), upstream: 'accepted', ids: [] },
  { test: `${CFG} TestConfigurationValidation/"invalid name"`, manifest: kcfg({ name: '', image: 'hellworld' }), upstream: 'rejected', ids: ['KSVC-NAME-001'] },
  {
    test: `${CFG} TestConfigurationValidation/"valid BYO name (with generateName)"`,
    manifest: { ...kcfg({ templateMetadata: { name: 'byo-name-foo' }, image: 'hellworld' }), metadata: { generateName: 'byo-name-', namespace: 'default' } },
    upstream: 'rejected', ids: ['KSVC-NAME-003'],
    note: 'named "valid" upstream, but its want is ErrDisallowedFields("spec.template.metadata.name")',
  },
  { test: `${CFG} TestConfigurationValidation/"invalid BYO name (not prefixed)"`, manifest: kcfg({ name: 'byo-name', templateMetadata: { name: 'foo' }, image: 'hellworld' }), upstream: 'rejected', ids: ['KSVC-NAME-003'] },
  { test: `${CFG} TestConfigurationValidation/"invalid name for configuration spec"`, manifest: kcfg({ name: 'byo-name', templateMetadata: { name: 'foo.bar' }, image: 'hellworld' }), upstream: 'rejected', ids: ['KSVC-NAME-002'] },
  {
    test: `${CFG} TestConfigurationValidation/"invalid generate name for configuration spec"`,
    manifest: kcfg({ name: 'byo-name', templateMetadata: { generateName: 'foo.bar' }, image: 'hellworld' }), upstream: 'rejected', ids: ['KSVC-NAME-005'],
  },
  {
    test: `${CFG} TestConfigurationValidation/"valid generate name for configuration spec"`,
    manifest: kcfg({ name: 'byo-name', templateMetadata: { generateName: 'valid-generatename' }, image: 'hellworld' }), upstream: 'accepted', ids: [],
  },
  {
    test: `${CFG} TestConfigurationValidation/"invalid autoscaling.knative.dev annotation"`,
    manifest: kcfg({ name: 'autoscaling-annotation', metadata: { annotations: { 'autoscaling.knative.dev/foo': 'bar' } }, image: 'hellworld' }), upstream: 'rejected', ids: ['KSVC-META-001'],
  },

  { test: `${CFG} TestConfigurationLabelValidation/"valid route name"`, manifest: byo({ labels: { 'serving.knative.dev/route': 'test-route' } }), upstream: 'accepted', ids: [] },
  { test: `${CFG} TestConfigurationLabelValidation/"valid knative service name"`, manifest: byo({ labels: SERVICE_LABEL, ownerReferences: [owner('Service', 'test-svc')] }), upstream: 'accepted', ids: [] },
  {
    test: `${CFG} TestConfigurationLabelValidation/"invalid knative service name without matching owner references"`,
    manifest: byo({ labels: SERVICE_LABEL, ownerReferences: [owner('Service', 'absent-svc')] }), upstream: 'rejected', ids: ['KCFG-META-001'],
  },
  {
    test: `${CFG} TestConfigurationLabelValidation/"invalid knative service name with multiple owner ref"`,
    manifest: byo({ labels: SERVICE_LABEL, ownerReferences: [owner('NewSerice', 'test-new-svc'), owner('Service', 'test-svc')] }), upstream: 'accepted', ids: [],
    note: 'named "invalid" upstream, but it wants no error: one of the owners is the Service',
  },
  { test: `${CFG} TestConfigurationLabelValidation/"invalid knative service name"`, manifest: byo({ labels: { 'serving.knative.dev/service': 'absent-svc' } }), upstream: 'rejected', ids: ['KCFG-META-001'] },
  {
    test: `${CFG} TestConfigurationLabelValidation/"Mismatch knative service label and owner ref"`,
    manifest: byo({ labels: SERVICE_LABEL, ownerReferences: [owner('BrandNewService', 'brand-new-svc')] }), upstream: 'rejected', ids: ['KCFG-META-001'],
  },
  {
    test: `${CFG} TestConfigurationLabelValidation/"allow unknown uses of knative.dev/serving prefix"`,
    manifest: byo({ labels: { 'serving.knative.dev/testlabel': 'value' } }), upstream: 'accepted', ids: [],
  },

  {
    test: `${CFG} TestConfigurationSubresourceUpdate/"non-status sub resource update with valid revision template"`,
    manifest: kcfg({ spec: { timeoutSeconds: 599 } }), upstream: 'accepted', ids: [],
    note: 'a non-status subresource update validates as a create does',
  },
  {
    test: `${CFG} TestConfigurationSubresourceUpdate/"non-status sub resource update with invalid revision template"`,
    manifest: kcfg({ spec: { timeoutSeconds: 601 } }), upstream: 'rejected', ids: ['KSVC-SPEC-001'],
    note: 'a non-status subresource update validates as a create does',
  },
];

// Upstream validates a RevisionTemplateSpec within a parent named "parent"
// (TestRevisionTemplateSpecValidation) or within the row's objectMeta
// (TestValidateRevisionName); here the parent is a Configuration of that name.
// The same rows as Services are in the upstream-vector harness (test/upstream
// on the vectors branch), hence the `[as a Configuration]` of these names.
const revision: PinnedVector[] = [
  { test: `${REV} TestRevisionTemplateSpecValidation/"valid" [as a Configuration]`, manifest: kcfg({ name: 'parent', image: 'helloworld' }), upstream: 'accepted', ids: [] },
  { test: `${REV} TestRevisionTemplateSpecValidation/"has revision template name" [as a Configuration]`, manifest: kcfg({ name: 'parent', templateMetadata: { name: 'parent-foo' }, image: 'helloworld' }), upstream: 'accepted', ids: [] },
  {
    test: `${REV} TestRevisionTemplateSpecValidation/"valid name for revision template" [as a Configuration]`,
    manifest: kcfg({ name: 'parent', templateMetadata: { name: '' }, image: 'helloworld' }), upstream: 'accepted', ids: [],
    note: 'an empty name is no name',
  },
  {
    test: `${REV} TestRevisionTemplateSpecValidation/"invalid name for revision template" [as a Configuration]`,
    manifest: kcfg({ name: 'parent', templateMetadata: { name: 'parent-@foo-bar' }, image: 'helloworld' }), upstream: 'rejected', ids: ['KSVC-NAME-002'],
  },
  {
    test: `${REV} TestRevisionTemplateSpecValidation/"invalid generate name for revision template" [as a Configuration]`,
    manifest: kcfg({ name: 'parent', templateMetadata: { generateName: 'parent-@foo-bar' }, image: 'helloworld' }), upstream: 'rejected', ids: ['KSVC-NAME-005'],
  },
  {
    test: `${REV} TestValidateRevisionName/"invalid revision generateName - dots" [as a Configuration]`,
    manifest: kcfg({ name: 'parent', templateMetadata: { generateName: 'foo.bar' } }), upstream: 'rejected', ids: ['KSVC-NAME-005'],
    note: 'upstream\'s parent has no name; a Configuration needs one (the generateName check returns first)',
  },
  {
    test: `${REV} TestValidateRevisionName/"invalid revision name - dots" [as a Configuration]`,
    manifest: kcfg({ name: 'foo', templateMetadata: { name: 'foo.bar' } }), upstream: 'rejected', ids: ['KSVC-NAME-002'],
    note: 'upstream\'s parent has no name; a Configuration needs one (the DNS-1035 check returns first)',
  },
  { test: `${REV} TestValidateRevisionName/"invalid name (not prefixed)" [as a Configuration]`, manifest: kcfg({ name: 'bar', templateMetadata: { name: 'foo' } }), upstream: 'rejected', ids: ['KSVC-NAME-003'] },
  {
    test: `${REV} TestValidateRevisionName/"invalid name (with generateName)" [as a Configuration]`,
    manifest: { ...kcfg({ templateMetadata: { name: 'foo-bar-foo' } }), metadata: { generateName: 'foo-bar-', namespace: 'default' } }, upstream: 'rejected', ids: ['KSVC-NAME-003'],
  },
  { test: `${REV} TestValidateRevisionName/"valid name" [as a Configuration]`, manifest: kcfg({ name: 'valid', templateMetadata: { name: 'valid-name' } }), upstream: 'accepted', ids: [] },
];

export const SETS: VectorSet[] = [
  { project: SERVING_TAG, kind: 'Configuration', vectors: configuration },
  { project: SERVING_TAG, kind: 'Configuration (revision template names)', vectors: revision },
];
