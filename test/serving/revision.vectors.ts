// knative/serving knative-v1.22.1: the Revision webhook's tests of a Revision
// object (revision_validation_test.go: TestRevisionValidation,
// TestRevisionLabelAnnotationValidation), as Revisions in namespace `default`.
// The rows that validate a RevisionSpec or RevisionTemplateSpec alone are in
// the upstream-vector harness as Services (test/upstream on the vectors
// branch), and the template name rows in configuration.vectors.ts; the two
// TestRevisionValidation rows are there as Services too, hence the
// `[as a Revision]` of their names here. Upstream's ownerReferences carry no
// uid; the API server requires one, so each has one here.
import { owner, PinnedVector } from './configuration.vectors';
import { SERVING_TAG, VectorSet } from './upstream-vectors';

type Obj = Record<string, unknown>;

const REV = 'pkg/apis/serving/v1/revision_validation_test.go';

/** A Revision named `name` of a busybox container (plus RevisionSpec fields). */
export function krev(opts: { name?: string; metadata?: Obj; spec?: Obj } = {}): Obj {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Revision',
    metadata: { name: opts.name ?? 'valid', namespace: 'default', ...(opts.metadata ?? {}) },
    spec: { containers: [{ image: 'busybox' }], ...(opts.spec ?? {}) },
  };
}

const CONFIG_LABEL = 'serving.knative.dev/configuration';
const labelled = (metadata: Obj) => krev({ name: 'byo-name', metadata });
const RLV = `${REV} TestRevisionLabelAnnotationValidation`;

const revision: PinnedVector[] = [
  { test: `${REV} TestRevisionValidation/"valid" [as a Revision]`, manifest: krev(), upstream: 'accepted', ids: [] },
  { test: `${REV} TestRevisionValidation/"invalid container concurrency" [as a Revision]`, manifest: krev({ spec: { containerConcurrency: -10 } }), upstream: 'rejected', ids: ['KSVC-SPEC-002'] },
  { test: `${RLV}/"valid route name"`, manifest: labelled({ labels: { 'serving.knative.dev/route': 'test-route' } }), upstream: 'accepted', ids: [] },
  { test: `${RLV}/"valid knative service name"`, manifest: labelled({ labels: { 'serving.knative.dev/service': 'test-svc' } }), upstream: 'accepted', ids: [] },
  {
    test: `${RLV}/"valid knative service name" (the second, a configurationGeneration label)`,
    manifest: labelled({ labels: { 'serving.knative.dev/configurationGeneration': '1234' } }), upstream: 'accepted', ids: [],
  },
  { test: `${RLV}/"invalid knative configuration name"`, manifest: labelled({ labels: { [CONFIG_LABEL]: 'absent-cfg' } }), upstream: 'rejected', ids: ['KCFG-META-001'] },
  {
    test: `${RLV}/"valid knative configuration name"`, manifest: labelled({ labels: { [CONFIG_LABEL]: 'test-cfg' }, ownerReferences: [owner('Configuration', 'test-cfg')] }),
    upstream: 'accepted', ids: [],
  },
  {
    test: `${RLV}/"invalid knative configuration name without owner ref"`, manifest: labelled({ labels: { [CONFIG_LABEL]: 'test-svc' }, ownerReferences: [owner('Configuration', 'diff-cfg')] }),
    upstream: 'rejected', ids: ['KCFG-META-001'],
  },
  {
    test: `${RLV}/"invalid knative configuration name with multiple owner ref"`,
    manifest: labelled({ labels: { [CONFIG_LABEL]: 'test-cfg' }, ownerReferences: [owner('NewConfiguration', 'test-new-cfg'), owner('Configuration', 'test-cfg')] }),
    upstream: 'accepted', ids: [], note: 'named "invalid" upstream, but it wants no error: one of the owners is the Configuration',
  },
  {
    test: `${RLV}/"Mismatch knative configuration label and owner ref"`,
    manifest: labelled({ labels: { [CONFIG_LABEL]: 'test-cfg' }, ownerReferences: [owner('BrandNewService', 'brand-new-svc')] }), upstream: 'rejected', ids: ['KCFG-META-001'],
  },
  { test: `${RLV}/"allow unknown uses of knative.dev/serving prefix"`, manifest: labelled({ labels: { 'serving.knative.dev/testlabel': 'value' } }), upstream: 'accepted', ids: [] },
];

export const SETS: VectorSet[] = [{ project: SERVING_TAG, kind: 'Revision', vectors: revision }];
