// knative/serving knative-v1.22.1: the DomainMapping webhook's own test table.
// Not ported: TestDomainMappingAnnotationUpdate (an update: it needs the old object).
import { SERVING_TAG } from './serving-fixtures';
import { UpstreamVector, VectorSet } from './vector';

const FILE = 'pkg/apis/serving/v1beta1/domainmapping_validation_test.go';
type Obj = Record<string, unknown>;
const mapping = (metadata: Obj, ref: Obj): Obj => ({ apiVersion: 'serving.knative.dev/v1beta1', kind: 'DomainMapping', metadata, spec: { ref } });
const svc = { apiVersion: 'serving.knative.dev/v1', kind: 'Service' };

const vectors: UpstreamVector[] = [
  { test: `${FILE} TestDomainMappingValidation/"invalid name"`, manifest: mapping({ name: 'invalid', namespace: 'ns' }, { name: 'some-name.example.com', ...svc, namespace: 'ns' }), upstream: 'rejected' },
  { test: `${FILE} TestDomainMappingValidation/"uses GenerateName rather than Name"`, manifest: mapping({ generateName: 'cant-use-this', namespace: 'ns' }, { name: 'some-name.example.com', ...svc, namespace: 'ns' }), upstream: 'rejected' },
  { test: `${FILE} TestDomainMappingValidation/"ref in wrong namespace"`, manifest: mapping({ name: 'wrong-ref-ns.example.com', namespace: 'good-namespace' }, { name: 'some-name', namespace: 'bad-namespace', ...svc }), upstream: 'rejected' },
  { test: `${FILE} TestDomainMappingValidation/"ref missing Kind"`, manifest: mapping({ name: 'wrong-kind.example.com', namespace: 'ns' }, { name: 'some-name', namespace: 'ns', apiVersion: 'serving.knative.dev/v1' }), upstream: 'rejected' },
  { test: `${FILE} TestDomainMappingValidation/"ref missing ApiVersion"`, manifest: mapping({ name: 'wrong-version.example.com', namespace: 'ns' }, { name: 'some-name', namespace: 'ns', kind: 'Service' }), upstream: 'rejected' },
  { test: `${FILE} TestDomainMappingValidation/"cluster local domain name"`, manifest: mapping({ name: 'notallowed.svc.cluster.local', namespace: 'ns' }, { name: 'some-name', namespace: 'ns', ...svc }), upstream: 'rejected' },
];

export const SETS: VectorSet[] = [{ project: SERVING_TAG, kind: 'DomainMapping', vectors }];
