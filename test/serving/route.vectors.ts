// knative/serving knative-v1.22.1: the Route webhook's own test tables
// (route_validation_test.go), as Routes in namespace `default`; the rows of
// TestTrafficTargetValidation validated within a default configuration name
// (`WithDefaultConfigurationName`: a Service's traffic) as Services.
//
// TestTrafficTargetValidation validates one target: here it is the first of
// a Route (or a Service) whose other targets bring the sum to 100, so only
// the target's own verdict counts. Its rows without a context are validated
// in spec, as every object is. Not ported: the rows validated within status
// (controllers write status; nothing in git does), and TestRouteAnnotationUpdate's
// update rows (they need the stored object); its two rollout-duration rows are
// creates and are here.
import { owner, PinnedVector } from './configuration.vectors';
import { SERVING_TAG, VectorSet } from './upstream-vectors';

type Obj = Record<string, unknown>;

const RTV = 'pkg/apis/serving/v1/route_validation_test.go';

/** A Route named `name` with these traffic targets. */
export function kroute(traffic: unknown, opts: { name?: string; metadata?: Obj } = {}): Obj {
  return { apiVersion: 'serving.knative.dev/v1', kind: 'Route', metadata: { name: opts.name ?? 'valid', namespace: 'default', ...(opts.metadata ?? {}) }, spec: { traffic } };
}

/** A Service `valid` (run latest) with these traffic targets: its Route has a default configuration. */
function kservice(traffic: unknown): Obj {
  return { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'valid', namespace: 'default' }, spec: { template: { spec: { containers: [{ image: 'busybox' }] } }, traffic } };
}

/** `target` first, then a target pinning a revision with the rest of 100 % (when `target` has a percent in 0..100). */
function alone(target: Obj): Obj[] {
  const p = typeof target.percent === 'number' ? target.percent : 0;
  return p >= 0 && p < 100 ? [target, { revisionName: 'valid-filler', percent: 100 - p }] : [target];
}

const TT = `${RTV} TestTrafficTargetValidation`;
const inRoute = (name: string, target: Obj, upstream: 'accepted' | 'rejected', ids: string[], note?: string): PinnedVector =>
  ({ test: `${TT}/"${name}"`, manifest: kroute(alone(target)), upstream, ids, note });
const inService = (name: string, target: Obj, upstream: 'accepted' | 'rejected', ids: string[], note?: string): PinnedVector =>
  ({ test: `${TT}/"${name}"`, manifest: kservice(alone(target)), upstream, ids, note });

const NOT_IN_SPEC = 'upstream validates the target without a context; an object\'s traffic is always validated in spec (RTV#L95-97)';

const trafficTarget: PinnedVector[] = [
  inRoute('valid with revisionName', { revisionName: 'bar', percent: 12 }, 'accepted', []),
  inRoute('valid with revisionName and name (spec)', { tag: 'foo', revisionName: 'bar', percent: 12 }, 'accepted', []),
  inRoute('invalid with bad revisionName', { revisionName: 'b ar', percent: 12 }, 'rejected', ['KSVC-TRAFFIC-006']),
  inRoute('valid with revisionName and latestRevision', { revisionName: 'bar', latestRevision: false, percent: 12 }, 'accepted', []),
  inRoute('invalid with revisionName and latestRevision (spec)', { revisionName: 'bar', latestRevision: true, percent: 12 }, 'rejected', ['KSVC-TRAFFIC-005']),
  // A Configuration the checked files do not hold must exist (REF-001, a warning): the webhook sees one object.
  inRoute('valid with configurationName', { configurationName: 'bar', percent: 37 }, 'accepted', ['REF-001']),
  inRoute('valid with configurationName and name (spec)', { tag: 'foo', configurationName: 'bar', percent: 37 }, 'accepted', ['REF-001']),
  inRoute('invalid with bad configurationName', { configurationName: 'b ar', percent: 37 }, 'rejected', ['KSVC-TRAFFIC-006']),
  inRoute('valid with configurationName and latestRevision', { configurationName: 'blah', latestRevision: true, percent: 37 }, 'accepted', ['REF-001']),
  inRoute('invalid with configurationName and latestRevision', { configurationName: 'blah', latestRevision: false, percent: 37 }, 'rejected', ['KSVC-TRAFFIC-005', 'REF-001']),
  inService('invalid with configurationName and default configurationName', { configurationName: 'blah', percent: 37 }, 'rejected', ['KSVC-TRAFFIC-008']),
  inService('valid with only default configurationName', { percent: 37 }, 'accepted', []),
  inService('valid with default configurationName and latestRevision', { latestRevision: true, percent: 37 }, 'accepted', []),
  inService('invalid with default configurationName and latestRevision', { latestRevision: false, percent: 37 }, 'rejected', ['KSVC-TRAFFIC-005']),
  inService('valid with revisionName and default configurationName', { revisionName: 'bar', percent: 12 }, 'accepted', ['KSVC-TRAFFIC-009'],
    'the webhook accepts it; a Service\'s Route serves only its own revisions, named `valid-…`: "bar" fails at run time (RevisionNotOwned), KSVC-TRAFFIC-009, effect runtime'),
  inRoute('valid with no percent', { configurationName: 'booga' }, 'accepted', ['REF-001'], NOT_IN_SPEC),
  inRoute('valid with nil percent', { configurationName: 'booga', percent: null }, 'accepted', ['REF-001'], `${NOT_IN_SPEC}; a null percent is unset`),
  inRoute('valid with zero percent', { configurationName: 'booga', percent: 0 }, 'accepted', ['REF-001'], NOT_IN_SPEC),
  inRoute('valid with no name', { configurationName: 'booga', percent: 100 }, 'accepted', ['REF-001'], NOT_IN_SPEC),
  inRoute('invalid with both', { revisionName: 'foo', configurationName: 'bar' }, 'rejected', ['KROUTE-TRAFFIC-001'], NOT_IN_SPEC),
  inRoute('invalid with neither', { percent: 100 }, 'rejected', ['KROUTE-TRAFFIC-001'], NOT_IN_SPEC),
  {
    test: `${TT}/"invalid percent too low"`, manifest: kroute([{ revisionName: 'foo', percent: -5 }, { revisionName: 'valid-filler', percent: 100 }, { revisionName: 'valid-filler-2', percent: 5 }]),
    upstream: 'rejected', ids: ['KSVC-TRAFFIC-001'], note: `${NOT_IN_SPEC}; two other targets bring the sum to 100`,
  },
  // No target in 0..100 brings 101 back to 100: the sum is off too.
  inRoute('invalid percent too high', { revisionName: 'foo', percent: 101 }, 'rejected', ['KSVC-TRAFFIC-001', 'KSVC-TRAFFIC-002'], NOT_IN_SPEC),
  inRoute('disallowed url set', { configurationName: 'foo', percent: 100, url: 'should.not.be.set' }, 'rejected', ['KSVC-TRAFFIC-008', 'REF-001']),
];

const DOTS = 'do.not.use.dots';
const route: PinnedVector[] = [
  { test: `${RTV} TestRouteValidation/"valid"`, manifest: kroute([{ tag: 'bar', revisionName: 'foo', percent: 100 }]), upstream: 'accepted', ids: [], note: 'its status is the controller\'s, not ported' },
  {
    test: `${RTV} TestRouteValidation/"valid split"`, manifest: kroute([{ tag: 'prod', revisionName: 'foo', percent: 90 }, { tag: 'experiment', configurationName: 'bar', percent: 10 }]),
    upstream: 'accepted', ids: ['REF-001'],
  },
  { test: `${RTV} TestRouteValidation/"valid split without tags"`, manifest: kroute([{ revisionName: 'foo', percent: 90 }, { revisionName: 'bar', percent: 10 }]), upstream: 'accepted', ids: [] },
  { test: `${RTV} TestRouteValidation/"invalid traffic entry (missing oneof)"`, manifest: kroute([{ tag: 'foo', percent: 100 }]), upstream: 'rejected', ids: ['KROUTE-TRAFFIC-001'] },
  {
    test: `${RTV} TestRouteValidation/"invalid traffic entry (multiple names)"`, manifest: kroute([{ tag: 'foo', revisionName: 'bar', percent: 50 }, { tag: 'foo', revisionName: 'bar', percent: 50 }]),
    upstream: 'rejected', ids: ['KSVC-TRAFFIC-004'],
  },
  { test: `${RTV} TestRouteValidation/"invalid name - dots"`, manifest: kroute([{ revisionName: 'foo', percent: 100 }], { name: DOTS }), upstream: 'rejected', ids: ['KSVC-NAME-001'] },
  {
    test: `${RTV} TestRouteValidation/"invalid name - dots and spec percent is not 100"`, manifest: kroute([{ revisionName: 'foo', percent: 90 }], { name: DOTS }),
    upstream: 'rejected', ids: ['KSVC-NAME-001', 'KSVC-TRAFFIC-002'],
  },
  { test: `${RTV} TestRouteValidation/"invalid name - too long"`, manifest: kroute([{ revisionName: 'foo', percent: 100 }], { name: 'a'.repeat(64) }), upstream: 'rejected', ids: ['KSVC-NAME-001'] },
  { test: `${RTV} TestRouteValidation/"invalid tag name"`, manifest: kroute([{ tag: 'foo@', revisionName: 'bar', percent: 100 }]), upstream: 'rejected', ids: ['KSVC-TRAFFIC-003'] },
];

/** TestRouteLabelValidation's validRouteSpec. */
const labelled = (metadata: Obj): Obj => kroute([{ tag: 'bar', revisionName: 'foo', percent: 100 }], { name: 'byo-name', metadata });
const SERVICE_LABEL = { 'serving.knative.dev/service': 'test-svc' };
const RLV = `${RTV} TestRouteLabelValidation`;

const labels: PinnedVector[] = [
  {
    test: `${RLV}/"visibility label specified"`, manifest: labelled({ labels: { 'networking.knative.dev/visibility': 'my-visibility' } }), upstream: 'accepted', ids: ['KSVC-META-003'],
    note: 'the webhook accepts any value; the Route reads only `cluster-local`, so it stays public (KSVC-META-003, effect ignored)',
  },
  { test: `${RLV}/"valid knative service name"`, manifest: labelled({ labels: SERVICE_LABEL, ownerReferences: [owner('Service', 'test-svc')] }), upstream: 'accepted', ids: [] },
  { test: `${RLV}/"invalid knative service name"`, manifest: labelled({ labels: { 'serving.knative.dev/service': 'absent-svc' } }), upstream: 'rejected', ids: ['KCFG-META-001'] },
  { test: `${RLV}/"Mismatch knative service label and owner ref"`, manifest: labelled({ labels: SERVICE_LABEL, ownerReferences: [owner('BrandNewService', 'brand-new-svc')] }), upstream: 'rejected', ids: ['KCFG-META-001'] },
  { test: `${RLV}/"invalid knative service name without correct owner ref"`, manifest: labelled({ labels: SERVICE_LABEL, ownerReferences: [owner('Service', 'absent-svc')] }), upstream: 'rejected', ids: ['KCFG-META-001'] },
  {
    test: `${RLV}/"invalid knative service name with multiple owner ref"`, manifest: labelled({ labels: SERVICE_LABEL, ownerReferences: [owner('NewSerice', 'test-new-svc'), owner('Service', 'test-svc')] }),
    upstream: 'accepted', ids: [], note: 'named "invalid" upstream, but it wants no error: one of the owners is the Service',
  },
  { test: `${RLV}/"allow unknown uses of knative.dev/serving prefix"`, manifest: labelled({ labels: { 'serving.knative.dev/testlabel': 'value' } }), upstream: 'accepted', ids: [] },
];

/** getRouteSpec: 100 % to the latest revision of a Configuration. */
const latestOf = (config: string) => [{ latestRevision: true, percent: 100, configurationName: config }];
const annotations: PinnedVector[] = [
  {
    test: `${RTV} TestRouteAnnotationUpdate/"rollout duration validation"`, manifest: kroute(latestOf('new'), { metadata: { annotations: { 'serving.knative.dev/rollout-duration': '123s' } } }),
    upstream: 'accepted', ids: ['REF-001'],
  },
  {
    test: `${RTV} TestRouteAnnotationUpdate/"rollout duration validation, fail"`,
    manifest: kroute(latestOf('new'), { metadata: { annotations: { 'serving.knative.dev/rollout-duration': 'three hours and seventeen seconds' } } }),
    upstream: 'rejected', ids: ['KSVC-META-002', 'REF-001'],
  },
];

export const SETS: VectorSet[] = [
  { project: SERVING_TAG, kind: 'Route (traffic targets)', vectors: trafficTarget },
  { project: SERVING_TAG, kind: 'Route', vectors: [...route, ...labels, ...annotations] },
];
