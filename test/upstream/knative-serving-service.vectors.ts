// knative/serving knative-v1.22.1: the Service webhook's own test tables
// (service, revision and autoscaling-annotation validation), as Services.
// Not ported: update-only tests (TestImmutableServiceFields,
// TestServiceSubresourceUpdate, TestServiceAnnotationUpdate,
// TestImmutableFields: they need the old object), and the Revision-object
// tests of its own labels and owner references (TestRevisionValidation's
// labels, TestRevisionLabelAnnotationValidation: the library validates
// Services, whose revisions Knative creates).
import { annotated, ksvc, SERVING_TAG } from './serving-fixtures';
import { subtest, UpstreamVector, VectorSet } from './vector';

const SVC = 'pkg/apis/serving/v1/service_validation_test.go';
const REV = 'pkg/apis/serving/v1/revision_validation_test.go';
const ANN = 'pkg/apis/autoscaling/annotation_validation_test.go';
const hello = (image = 'helloworld:foo', extra: Record<string, unknown> = {}) => ({ containers: [{ image }], ...extra });

const service: UpstreamVector[] = [
  { test: `${SVC} TestServiceValidation/"valid run latest"`, manifest: ksvc(), upstream: 'accepted' },
  { test: `${SVC} TestServiceValidation/"valid visibility label"`, manifest: ksvc({ metadata: { labels: { 'networking.knative.dev/visibility': 'cluster-local' } } }), upstream: 'accepted' },
  { test: `${SVC} TestServiceValidation/"valid non knative label"`, manifest: ksvc({ metadata: { labels: { 'serving.name': 'some-name' } } }), upstream: 'accepted' },
  {
    test: `${SVC} TestServiceValidation/"valid release"`,
    manifest: ksvc({ traffic: [
      { tag: 'current', latestRevision: false, revisionName: 'valid-00001', percent: 98 },
      { tag: 'candidate', latestRevision: false, revisionName: 'valid-00002', percent: 2 },
      { tag: 'latest', latestRevision: true },
    ] }),
    upstream: 'accepted',
  },
  { test: `${SVC} TestServiceValidation/"invalid configurationName"`, manifest: ksvc({ traffic: [{ configurationName: 'valid', latestRevision: true, percent: 100 }] }), upstream: 'rejected' },
  { test: `${SVC} TestServiceValidation/"invalid latestRevision"`, manifest: ksvc({ traffic: [{ revisionName: 'valid', latestRevision: true, percent: 100 }] }), upstream: 'rejected' },
  { test: `${SVC} TestServiceValidation/"invalid container concurrency"`, manifest: ksvc({ spec: { containers: [{ image: 'busybox' }], containerConcurrency: -10 } }), upstream: 'rejected' },
  {
    test: `${SVC} TestServiceValidation/"invalid rollout duration"`,
    manifest: ksvc({ name: 'rollout-duration-annotation', metadata: { annotations: { 'serving.knative.dev/rollout-duration': 'CLXXXIIIs' } }, spec: hello('hellworld') }),
    upstream: 'rejected',
  },
  {
    test: `${SVC} TestServiceValidation/"invalid autoscaling.knative.dev annotation"`,
    manifest: ksvc({ name: 'autoscaling-annotation', metadata: { annotations: { 'autoscaling.knative.dev/foo': 'bar' } }, spec: hello('helloworld:foo', { timeoutSeconds: 600 }) }),
    upstream: 'rejected',
  },
  {
    test: `${SVC} TestServiceValidation/"allow unknown uses of knative.dev/serving prefix for labels"`,
    manifest: ksvc({ name: 'byo-name', metadata: { labels: { 'serving.knative.dev/testlabel': 'value' } }, spec: hello('helloworld:foo', { timeoutSeconds: 600 }) }),
    upstream: 'accepted',
  },
  {
    test: `${SVC} TestServiceValidation/"allow unknown uses of serving.knative.dev prefix for annotations"`,
    manifest: ksvc({ name: 'serving-annotation', metadata: { annotations: { 'serving.knative.dev/foo': 'bar' } }, spec: hello('helloworld:foo', { timeoutSeconds: 600 }) }),
    upstream: 'accepted',
  },
  {
    test: `${SVC} TestServiceValidation/"invalid name"`,
    manifest: { ...ksvc({ spec: hello('helloworld:foo', { timeoutSeconds: 600 }) }), metadata: { name: '', namespace: 'default' } },
    upstream: 'rejected',
  },
];

const revision: UpstreamVector[] = [
  { test: `${REV} TestRevisionValidation/"valid"`, manifest: ksvc(), upstream: 'accepted' },
  { test: `${REV} TestRevisionValidation/"invalid container concurrency"`, manifest: ksvc({ spec: { containers: [{ image: 'busybox' }], containerConcurrency: -10 } }), upstream: 'rejected' },
  // TestContainerConcurrencyValidation: serving.ValidateContainerConcurrency on the template's value.
  ...([['single', 1, 'accepted'], ['unlimited', 0, 'accepted'], ['ten', 10, 'accepted'], ['invalid container concurrency (too small)', -1, 'rejected'], ['invalid container concurrency (too large)', 1001, 'rejected']] as const)
    .map(([name, cc, verdict]): UpstreamVector => ({ test: `${REV} TestContainerConcurrencyValidation/"${name}"`, manifest: ksvc({ spec: { containers: [{ image: 'busybox' }], containerConcurrency: cc } }), upstream: verdict })),
  { test: `${REV} TestRevisionSpecValidation/"valid"`, manifest: ksvc({ spec: hello('helloworld') }), upstream: 'accepted' },
  {
    test: `${REV} TestRevisionSpecValidation/"with volume (ok)"`,
    manifest: ksvc({ spec: { containers: [{ image: 'helloworld', volumeMounts: [{ mountPath: '/mount/path', name: 'the-name', readOnly: true }] }], volumes: [{ name: 'the-name', secret: { secretName: 'foo' } }] } }),
    upstream: 'accepted',
  },
  {
    test: `${REV} TestRevisionSpecValidation/"with multi containers (ok)"`,
    manifest: ksvc({ spec: { containers: [{ name: 'container-a', image: 'busybox', ports: [{ containerPort: 8881 }] }, { name: 'container-b', image: 'helloworld' }] } }),
    upstream: 'accepted',
  },
  {
    test: `${REV} TestRevisionSpecValidation/"with volume name collision"`,
    manifest: ksvc({ spec: {
      containers: [{ image: 'helloworld', volumeMounts: [{ mountPath: '/mount/path', name: 'the-name', readOnly: true }] }],
      volumes: [{ name: 'the-name', secret: { secretName: 'foo' } }, { name: 'the-name', configMap: {} }],
    } }),
    upstream: 'rejected',
  },
  { test: `${REV} TestRevisionSpecValidation/"bad pod spec"`, manifest: ksvc({ spec: { containers: [{ name: 'steve', image: 'helloworld', lifecycle: {} }] } }), upstream: 'rejected' },
  { test: `${REV} TestRevisionSpecValidation/"missing container"`, manifest: ksvc({ spec: { containers: [] } }), upstream: 'rejected' },
  {
    test: `${REV} TestRevisionSpecValidation/"too many containers"`,
    manifest: ksvc({ spec: { containers: [{ image: 'busybox' }, { image: 'helloworld', ports: [{}] }] } }),
    settings: { serving: { features: { multiContainer: 'Disabled' as never } } },
    upstream: 'rejected',
  },
  { test: `${REV} TestRevisionSpecValidation/"exceed max timeout"`, manifest: ksvc({ spec: hello('helloworld', { timeoutSeconds: 6000 }) }), upstream: 'rejected' },
  {
    test: `${REV} TestRevisionSpecValidation/"exceed custom max timeout"`,
    manifest: ksvc({ spec: hello('helloworld', { timeoutSeconds: 100, responseStartTimeoutSeconds: 0, idleTimeoutSeconds: 0 }) }),
    settings: { serving: { revisionTimeoutSeconds: 25, maxRevisionTimeoutSeconds: 50 } },
    upstream: 'rejected',
  },
  { test: `${REV} TestRevisionSpecValidation/"negative timeout"`, manifest: ksvc({ spec: hello('helloworld', { timeoutSeconds: -30 }) }), upstream: 'rejected' },
  // TestRevisionTemplateSpecValidation: the parent (the Service) is named "parent".
  { test: `${REV} TestRevisionTemplateSpecValidation/"valid"`, manifest: ksvc({ name: 'parent', spec: hello('helloworld') }), upstream: 'accepted' },
  { test: `${REV} TestRevisionTemplateSpecValidation/"empty spec"`, manifest: ksvc({ name: 'parent', spec: {} }), upstream: 'rejected' },
  { test: `${REV} TestRevisionTemplateSpecValidation/"nested spec error"`, manifest: ksvc({ name: 'parent', spec: { containers: [{ name: 'kevin', image: 'helloworld', lifecycle: {} }] } }), upstream: 'rejected' },
  { test: `${REV} TestRevisionTemplateSpecValidation/"has revision template name"`, manifest: ksvc({ name: 'parent', templateMetadata: { name: 'parent-foo' }, spec: hello('helloworld') }), upstream: 'accepted' },
  { test: `${REV} TestRevisionTemplateSpecValidation/"valid name for revision template"`, manifest: ksvc({ name: 'parent', templateMetadata: { name: '' }, spec: hello('helloworld') }), upstream: 'accepted' },
  { test: `${REV} TestRevisionTemplateSpecValidation/"invalid name for revision template"`, manifest: ksvc({ name: 'parent', templateMetadata: { name: 'parent-@foo-bar' }, spec: hello('helloworld') }), upstream: 'rejected' },
  { test: `${REV} TestRevisionTemplateSpecValidation/"invalid generate name for revision template"`, manifest: ksvc({ name: 'parent', templateMetadata: { generateName: 'parent-@foo-bar' }, spec: hello('helloworld') }), upstream: 'rejected' },
  {
    test: `${REV} TestRevisionTemplateSpecValidation/"invalid metadata.annotations for scale"`,
    manifest: ksvc({ name: 'parent', templateMetadata: { annotations: { 'autoscaling.knative.dev/min-scale': '5', 'autoscaling.knative.dev/max-scale': 'covid-19' } }, spec: hello('helloworld') }),
    upstream: 'rejected',
  },
  {
    test: `${REV} TestRevisionTemplateSpecValidation/"Queue sidecar resource percentage annotation more than 100"`,
    manifest: ksvc({ name: 'parent', templateMetadata: { annotations: { 'queue.sidecar.serving.knative.dev/resource-percentage': '200' } }, spec: hello('helloworld') }),
    upstream: 'rejected',
  },
  {
    test: `${REV} TestRevisionTemplateSpecValidation/"Invalid queue sidecar resource percentage annotation"`,
    manifest: ksvc({ name: 'parent', templateMetadata: { annotations: { 'queue.sidecar.serving.knative.dev/resource-percentage': '50mx' } }, spec: hello('helloworld') }),
    upstream: 'rejected',
  },
  {
    test: `${REV} TestRevisionTemplateSpecValidation/"Invalid queue sidecar resource annotations"`,
    manifest: ksvc({ name: 'parent', templateMetadata: { annotations: {
      'queue.sidecar.serving.knative.dev/cpu-resource-limit': '100mx',
      'queue.sidecar.serving.knative.dev/cpu-resource-request': '50mx',
      'queue.sidecar.serving.knative.dev/memory-resource-limit': '1Gi',
      'queue.sidecar.serving.knative.dev/memory-resource-request': '100Mi',
      'queue.sidecar.serving.knative.dev/ephemeral-storage-resource-limit': '5Gi',
      'queue.sidecar.serving.knative.dev/ephemeral-storage-resource-request': '2Gi',
    } }, spec: hello('helloworld') }),
    upstream: 'rejected',
  },
  {
    test: `${REV} TestRevisionTemplateSpecValidation/"Invalid initial scale when cluster doesn't allow zero"`,
    manifest: ksvc({ name: 'parent', templateMetadata: { annotations: { 'autoscaling.knative.dev/initial-scale': '0' } }, spec: hello('helloworld') }),
    settings: { serving: { allowZeroInitialScale: false } },
    upstream: 'rejected',
  },
  {
    test: `${REV} TestRevisionTemplateSpecValidation/"Valid initial scale when cluster allows zero"`,
    manifest: ksvc({ name: 'parent', templateMetadata: { annotations: { 'autoscaling.knative.dev/initial-scale': '0' } }, spec: hello('helloworld') }),
    settings: { serving: { allowZeroInitialScale: true } },
    upstream: 'accepted',
  },
  ...([['Valid progress-deadline', '1m3s', 'accepted'], ['progress-deadline too precise', '1m3s34ms', 'rejected'], ['invalid progress-deadline duration', 'not-a-duration', 'rejected'], ['negative progress-deadline', '-1m3s', 'rejected']] as const)
    .map(([name, value, verdict]): UpstreamVector => ({
      test: `${REV} TestRevisionTemplateSpecValidation/"${name}"`,
      manifest: ksvc({ name: 'parent', templateMetadata: { annotations: { 'serving.knative.dev/progress-deadline': value } }, spec: hello('helloworld') }),
      settings: { serving: { allowZeroInitialScale: true } },
      upstream: verdict,
    })),
  ...([
    ['invalid networking.knative.dev/visibility annotation', 'networking.knative.dev/visibility', 'cluster-local', 'rejected'],
    ['invalid unknown networking.knative.dev annotation', 'networking.knative.dev/foo', 'bar', 'rejected'],
    ['valid networking.knative.dev/ingress.class annotation', 'networking.knative.dev/ingress.class', 'istio.ingress.networking.knative.dev', 'accepted'],
  ] as const).map(([name, key, value, verdict]): UpstreamVector => ({
    test: `${REV} TestRevisionTemplateSpecValidation/"${name}"`,
    manifest: ksvc({ name: 'parent', templateMetadata: { annotations: { [key]: value } }, spec: hello('helloworld') }),
    upstream: verdict,
  })),
  // TestValidateQueueSidecarAnnotation: the deprecation is a warning (accepted).
  ...([
    ['too small', { 'queue.sidecar.serving.knative.dev/resource-percentage': '0.01982' }, 'rejected'],
    ['too big for Queue sidecar resource percentage annotation', { 'queue.sidecar.serving.knative.dev/resource-percentage': '100.0001' }, 'rejected'],
    ['Invalid queue sidecar resource percentage annotation', { 'queue.sidecar.serving.knative.dev/resource-percentage': '' }, 'rejected'],
    ['empty annotation', {}, 'accepted'],
    ['different annotation other than QueueSidecarResourcePercentageAnnotation', { 'serving.knative.dev/creator': 'umph' }, 'accepted'],
    ['valid value for Queue sidecar resource percentage annotation', { 'queue.sidecar.serving.knative.dev/resource-percentage': '0.1' }, 'accepted'],
    ['valid value for Queue sidecar resource percentage annotation#01', { 'queue.sidecar.serving.knative.dev/resource-percentage': '100' }, 'accepted'],
  ] as const).map(([name, annotations, verdict]): UpstreamVector => ({
    test: `${REV} ${subtest('TestValidateQueueSidecarAnnotation', name)}`, manifest: annotated(annotations), upstream: verdict,
  })),
  { test: `${REV} TestValidateTimeoutSecond/"exceed max timeout"`, manifest: ksvc({ spec: hello('helloworld', { timeoutSeconds: 6000 }) }), upstream: 'rejected' },
  { test: `${REV} TestValidateTimeoutSecond/"valid timeout value"`, manifest: ksvc({ spec: hello('helloworld', { timeoutSeconds: 100 }) }), upstream: 'accepted' },
  // TestValidateRevisionName: the parent is the Service; its template names the revision.
  { test: `${REV} TestValidateRevisionName/"invalid revision generateName - dots"`, manifest: ksvc({ templateMetadata: { generateName: 'foo.bar' } }), upstream: 'rejected' },
  { test: `${REV} TestValidateRevisionName/"invalid revision name - dots"`, manifest: ksvc({ templateMetadata: { name: 'foo.bar' } }), upstream: 'rejected' },
  { test: `${REV} TestValidateRevisionName/"invalid name (not prefixed)"`, manifest: ksvc({ name: 'bar', templateMetadata: { name: 'foo' } }), upstream: 'rejected' },
  {
    test: `${REV} TestValidateRevisionName/"invalid name (with generateName)"`,
    manifest: { ...ksvc({ templateMetadata: { name: 'foo-bar-foo' } }), metadata: { generateName: 'foo-bar-', namespace: 'default' } },
    upstream: 'rejected',
  },
  { test: `${REV} TestValidateRevisionName/"valid name"`, manifest: ksvc({ name: 'valid', templateMetadata: { name: 'valid-name' } }), upstream: 'accepted' },
];

const A = 'autoscaling.knative.dev/';
const annotations: [string, Record<string, string>, 'accepted' | 'rejected', Record<string, unknown>?][] = [
  ['nil annotations', {}, 'accepted'],
  ['empty annotations', {}, 'accepted'],
  ['invalid class', { [`${A}class`]: 'unsupported.knative.dev' }, 'rejected'],
  ['non-knative.dev domain class', { [`${A}class`]: 'some.other.domain' }, 'accepted'],
  ['minScale is 0', { [`${A}min-scale`]: '0' }, 'accepted'],
  ['maxScale is 0', { [`${A}max-scale`]: '0' }, 'accepted'],
  ['minScale is -1', { [`${A}min-scale`]: '-1' }, 'rejected'],
  ['maxScale is huuuuuuuge', { [`${A}max-scale`]: '2147483648' }, 'rejected'],
  ['maxScale is -1', { [`${A}max-scale`]: '-1' }, 'rejected'],
  ['minScale is foo', { [`${A}min-scale`]: 'foo' }, 'rejected'],
  ['maxScale is bar', { [`${A}max-scale`]: 'bar' }, 'rejected'],
  ['max/minScale is bar', { [`${A}max-scale`]: 'bar', [`${A}min-scale`]: 'bar' }, 'rejected'],
  ['minScale is 5', { [`${A}min-scale`]: '5' }, 'accepted'],
  ['maxScale is 2', { [`${A}max-scale`]: '2' }, 'accepted'],
  ['minScale is 2, maxScale is 5', { [`${A}min-scale`]: '2', [`${A}max-scale`]: '5' }, 'accepted'],
  ['minScale is 5, maxScale is 2', { [`${A}min-scale`]: '5', [`${A}max-scale`]: '2' }, 'rejected'],
  ['minScale is 0, maxScale is 0', { [`${A}min-scale`]: '0', [`${A}max-scale`]: '0' }, 'accepted'],
  ['maxScale is greater than MaxScaleLimit when in create', { [`${A}max-scale`]: '11' }, 'rejected', { maxScaleLimit: 10 }],
  ['maxScale is greater than MaxScaleLimit when in create and default MaxScale is set', { [`${A}max-scale`]: '20' }, 'rejected', { maxScaleLimit: 10 }],
  ['maxScale is explicitly set to 0 when MaxScaleLimit and default MaxScale are set', { [`${A}max-scale`]: '0' }, 'rejected', { maxScaleLimit: 10 }],
  ['maxScale is not set when both MaxScaleLimit and default MaxScale are set', {}, 'accepted', { maxScaleLimit: 10 }],
  ['maxScale is less than MaxScaleLimit', { [`${A}max-scale`]: '9' }, 'accepted', { maxScaleLimit: 10 }],
  ['min-scale, activation-scale, max-scale all set appropriately', { [`${A}min-scale`]: '1', [`${A}activation-scale`]: '2', [`${A}max-scale`]: '3' }, 'accepted'],
  ['min-scale is greater than activation-scale', { [`${A}min-scale`]: '3', [`${A}activation-scale`]: '2' }, 'rejected'],
  ['max-scale is less than activation-scale', { [`${A}max-scale`]: '1', [`${A}activation-scale`]: '2' }, 'rejected'],
  ['valid algorithm on KPA', { [`${A}metric-aggregation-algorithm`]: 'linear', [`${A}class`]: 'kpa.autoscaling.knative.dev' }, 'accepted'],
  ['empty algorithm', { [`${A}metric-aggregation-algorithm`]: '', [`${A}class`]: 'kpa.autoscaling.knative.dev' }, 'accepted'],
  ['random algorithm on KPA', { [`${A}metric-aggregation-algorithm`]: 'random-selection', [`${A}class`]: 'kpa.autoscaling.knative.dev' }, 'rejected'],
  ['random algorithm on non KPA', { [`${A}metric-aggregation-algorithm`]: 'random-selection', [`${A}class`]: 'of-keys' }, 'accepted'],
  ['panic window percentage bad', { [`${A}panic-window-percentage`]: '-1' }, 'rejected'],
  ['panic window percentage bad2', { [`${A}panic-window-percentage`]: '202' }, 'rejected'],
  ['panic window percentage bad3', { [`${A}panic-window-percentage`]: 'fifty' }, 'rejected'],
  ['panic window percentage good', { [`${A}panic-threshold-percentage`]: '210' }, 'accepted'],
  ['panic threshold percentage bad2', { [`${A}panic-threshold-percentage`]: '109' }, 'rejected'],
  ['panic threshold percentage bad2.5', { [`${A}panic-threshold-percentage`]: '10009' }, 'rejected'],
  ['panic threshold percentage bad3', { [`${A}panic-threshold-percentage`]: 'fifty' }, 'rejected'],
  ['target negative', { [`${A}target`]: '-11' }, 'rejected'],
  ['target 0', { [`${A}target`]: '0' }, 'rejected'],
  ['invalid target', { [`${A}target`]: '100}' }, 'rejected'],
  ['target okay', { [`${A}target`]: '11' }, 'accepted'],
  ['TBC negative', { [`${A}target-burst-capacity`]: '-11' }, 'rejected'],
  ['TBC 0', { [`${A}target-burst-capacity`]: '0' }, 'accepted'],
  ['TBC 19880709', { [`${A}target-burst-capacity`]: '19870709' }, 'accepted'],
  ['TBC -1', { [`${A}target-burst-capacity`]: '-1' }, 'accepted'],
  ['TBC invalid', { [`${A}target-burst-capacity`]: 'qarashen' }, 'rejected'],
  ['TU too small', { [`${A}target-utilization-percentage`]: '0' }, 'rejected'],
  ['TU too big', { [`${A}target-utilization-percentage`]: '101' }, 'rejected'],
  ['TU invalid', { [`${A}target-utilization-percentage`]: 'dghyak' }, 'rejected'],
  ['window invalid', { [`${A}window`]: 'jerry-was-a-racecar-driver' }, 'rejected'],
  ['window too short', { [`${A}window`]: '1s' }, 'rejected'],
  ['window too long', { [`${A}window`]: '365h' }, 'rejected'],
  ['window too precise', { [`${A}window`]: '1m9s82ms' }, 'rejected'],
  ['annotation /window is valid for class KPA', { [`${A}window`]: '7s', [`${A}class`]: 'kpa.autoscaling.knative.dev' }, 'accepted'],
  ['annotation /window is valid for other than HPA and KPA class', { [`${A}window`]: '7s', [`${A}class`]: 'test' }, 'accepted'],
  ['value too long and valid class for /window annotation', { [`${A}window`]: '365h', [`${A}class`]: 'kpa.autoscaling.knative.dev' }, 'rejected'],
  ['invalid format and valid class for /window annotation', { [`${A}window`]: 'jerry-was-a-racecar-driver', [`${A}class`]: 'kpa.autoscaling.knative.dev' }, 'rejected'],
  ['valid 0 last pod scaledown timeout', { [`${A}scale-to-zero-pod-retention-period`]: '0' }, 'accepted'],
  ['valid positive last pod scaledown timeout', { [`${A}scale-to-zero-pod-retention-period`]: '21m31s' }, 'accepted'],
  ['invalid positive last pod scaledown timeout', { [`${A}scale-to-zero-pod-retention-period`]: '311m' }, 'rejected'],
  ['invalid negative last pod scaledown timeout', { [`${A}scale-to-zero-pod-retention-period`]: '-42s' }, 'rejected'],
  ['invalid last pod scaledown timeout', { [`${A}scale-to-zero-pod-retention-period`]: 'twenty-two-minutes-and-five-seconds' }, 'rejected'],
  ['valid 0 scale down delay', { [`${A}scale-down-delay`]: '0' }, 'accepted'],
  ['valid positive scale down delay', { [`${A}scale-down-delay`]: '21m31s' }, 'accepted'],
  ['invalid positive scale down delay', { [`${A}scale-down-delay`]: '311m' }, 'rejected'],
  ['invalid positive scale down delay - too precise', { [`${A}scale-down-delay`]: '42.5s' }, 'rejected'],
  ['invalid negative scale down delay', { [`${A}scale-down-delay`]: '-42s' }, 'rejected'],
  ['invalid scale down delay', { [`${A}scale-down-delay`]: 'twenty-two-minutes-and-five-seconds' }, 'rejected'],
  ['all together now fail', { [`${A}panic-threshold-percentage`]: 'fifty', [`${A}panic-window-percentage`]: '-11', [`${A}min-scale`]: '-4', [`${A}max-scale`]: 'never' }, 'rejected'],
  ['all together now, succeed', { [`${A}panic-threshold-percentage`]: '125', [`${A}panic-window-percentage`]: '75', [`${A}min-scale`]: '5', [`${A}max-scale`]: '8', [`${A}window`]: '1984s' }, 'accepted'],
  ['invalid metric for default class(KPA)', { [`${A}metric`]: 'cpu' }, 'rejected'],
  ['invalid metric for HPA class', { [`${A}metric`]: '', [`${A}class`]: 'hpa.autoscaling.knative.dev' }, 'rejected'],
  ['valid class KPA with metric RPS', { [`${A}metric`]: 'rps' }, 'accepted'],
  ['valid class KPA with metric Concurrency', { [`${A}metric`]: 'concurrency' }, 'accepted'],
  ['valid class HPA with metric CPU', { [`${A}class`]: 'hpa.autoscaling.knative.dev', [`${A}metric`]: 'cpu' }, 'accepted'],
  ['other than HPA and KPA class', { [`${A}class`]: 'other', [`${A}metric`]: 'rps' }, 'accepted'],
  ["initial scale is zero but cluster doesn't allow", { [`${A}initial-scale`]: '0' }, 'rejected'],
  ['valid global class HPA with metric CPU', { [`${A}metric`]: 'cpu' }, 'accepted', { podAutoscalerClass: 'hpa.autoscaling.knative.dev' }],
  ['initial scale is zero and cluster allows', { [`${A}initial-scale`]: '0' }, 'accepted', { allowZeroInitialScale: true }],
  ['initial scale is greater than 0', { [`${A}initial-scale`]: '2' }, 'accepted'],
  ['initial scale is less than 0', { [`${A}initial-scale`]: '-1' }, 'rejected'],
  ['initial scale non-parseable', { [`${A}initial-scale`]: 'invalid' }, 'rejected'],
];

const annotationVectors: UpstreamVector[] = annotations.map(([name, ann, verdict, serving]) => ({
  test: `${ANN} TestValidateAnnotations/"${name}"`,
  manifest: annotated(ann),
  upstream: verdict,
  settings: serving ? { serving } : undefined,
  note: name.includes('default MaxScale') ? 'config-autoscaler max-scale (the default) does not change the verdict: validateMaxScaleWithinLimit reads only max-scale-limit' : undefined,
}));

export const SETS: VectorSet[] = [
  { project: SERVING_TAG, kind: 'Service', vectors: [...service, ...revision, ...annotationVectors] },
];
