// knative/eventing knative-v1.22.2 (PingSource v1 and v1beta2, ApiServerSource) and
// knative-extensions/eventing-kafka-broker knative-v1.22.3 (KafkaSource v1 and v1beta1):
// the source webhooks' own test tables. Objects the tests leave unnamed get
// `source` in `default`. Go names a repeated subtest name with `#01`.
import { FeatureState } from '../../lib';
import { subtest, UpstreamVector, VectorSet } from './vector';

type Obj = Record<string, unknown>;
type Verdict = 'accepted' | 'rejected';
const source = (apiVersion: string, kind: string, spec: Obj): Obj => ({ apiVersion, kind, metadata: { name: 'source', namespace: 'default' }, spec });
const sink = { ref: { apiVersion: 'v1', kind: 'broker', name: 'default' } };

// --- PingSource: the v1beta2 table is the v1 table without "every 5 seconds" (names end in a space there).
const bigString = `"${'a'.repeat(4998)}"`;
const b64 = (s: string) => Buffer.from(s).toString('base64');
const PING_DATA_MAX = 'config-ping-defaults data-max-size: 4096 (ClusterSettings do not model config-ping-defaults)';
const pingCases: [string, Obj, Verdict, string?][] = [
  ['valid spec', { schedule: '*/2 * * * *', sink }, 'accepted'],
  ['valid spec with schedule every 5 seconds', { schedule: '0/5 * * * * *', sink }, 'accepted'],
  ['valid spec with schedule including seconds', { schedule: '10 0/5 * * * ?', sink }, 'accepted'],
  ['valid spec with timezone', { schedule: '*/2 * * * *', timezone: 'Europe/Paris', sink }, 'accepted'],
  ['valid spec with invalid timezone', { schedule: '*/2 * * * *', timezone: 'Knative/Land', sink }, 'rejected'],
  ['empty sink', { schedule: '*/2 * * * *' }, 'rejected'],
  ['invalid schedule', { schedule: '2', sink }, 'rejected'],
  ['valid spec with data', { schedule: '*/2 * * * *', contentType: 'application/json', data: '{"msg": "Hello World"}', sink }, 'accepted'],
  ['valid spec with dataBase64', { schedule: '*/2 * * * *', contentType: 'text/plain', dataBase64: 'SGVsbG8gV29ybGQu', sink }, 'accepted'],
  ['invalid spec with data and dataBase64 both set', { schedule: '*/2 * * * *', contentType: 'text/plain', data: 'Hello world', dataBase64: 'SGVsbG8gV29ybGQu', sink }, 'rejected'],
  ['invalid spec: dataBase64 is invalid base64 string', { schedule: '*/2 * * * *', contentType: 'text/plain', dataBase64: '$$$ invalid base64 string $$$', sink }, 'rejected'],
  ['invalid spec: contentType=application/json, data is invalid JSON format', { schedule: '*/2 * * * *', contentType: 'application/json', data: 'Invalid JSON', sink }, 'rejected'],
  ['invalid spec: contentType=application/json, decoded dataBase64 is invalid JSON format', { schedule: '*/2 * * * *', contentType: 'application/json', dataBase64: b64('Invalid JSON'), sink }, 'rejected'],
  ['invalid DataBase64 is to big', { schedule: '*/2 * * * *', contentType: 'text/plain', dataBase64: b64(bigString), sink }, 'rejected', PING_DATA_MAX],
  ['invalid Data is to big', { schedule: '*/2 * * * *', contentType: 'text/plain', data: bigString, sink }, 'rejected', PING_DATA_MAX],
  ['big data ok', { schedule: '*/2 * * * *', contentType: 'text/plain', data: bigString, sink }, 'accepted', 'config-ping-defaults data-max-size: -1 (the default)'],
  ['big data still ok', { schedule: '*/2 * * * *', contentType: 'text/plain', data: bigString, sink }, 'accepted'],
  ['unsupported @every descriptor', { schedule: '@every 2h', sink }, 'rejected'],
  ['unsupported @every descriptor with TZ', { schedule: '@every 2h', timezone: 'Europe/Paris', sink }, 'rejected'],
  ['invalid spec ceOverrides validation', { schedule: '*/2 * * * *', timezone: 'Europe/Paris', ceOverrides: { extensions: { Invalid_type: 'any value' } }, sink }, 'rejected'],
];
const SPACED = new Set(['invalid DataBase64 is to big', 'invalid Data is to big', 'big data ok', 'big data still ok']);
const pings: UpstreamVector[] = [];
for (const [name, spec, verdict, note] of pingCases) {
  pings.push({ test: `pkg/apis/sources/v1/ping_validation_test.go TestPingSourceValidation/"${name}"`, manifest: source('sources.knative.dev/v1', 'PingSource', spec), upstream: verdict, note });
  if (name === 'valid spec with schedule every 5 seconds') continue;
  const v1beta2Name = SPACED.has(name) ? `${name} ` : name;
  pings.push({ test: `pkg/apis/sources/v1beta2/ping_validation_test.go TestPingSourceValidation/"${v1beta2Name}"`, manifest: source('sources.knative.dev/v1beta2', 'PingSource', spec), upstream: verdict, note });
}

// --- ApiServerSource
const APISERVER = 'pkg/apis/sources/v1/apiserver_validation_test.go';
const resources = [{ apiVersion: 'v1', kind: 'Foo' }];
const apiServer = (spec: Obj) => source('sources.knative.dev/v1', 'ApiServerSource', spec);
const apiServerCases: [string, Obj, Verdict][] = [
  ['valid spec', { mode: 'Resource', resources, sink }, 'accepted'],
  ['empty sink', { mode: 'Resource', resources }, 'rejected'],
  ['invalid mode', { mode: 'Test', resources, sink }, 'rejected'],
  ['invalid apiVersion', { mode: 'Resource', resources: [{ apiVersion: 'v1/v2/v3', kind: 'Foo' }], sink }, 'rejected'],
  ['missing kind', { mode: 'Resource', resources: [{ apiVersion: 'v1' }], sink }, 'rejected'],
  ['owner - invalid apiVersion', { mode: 'Resource', resources: [{ apiVersion: 'v1', kind: 'Bar' }], sink, owner: { apiVersion: 'v1/v2/v3', kind: 'Foo' } }, 'rejected'],
  ['missing kind#01', { mode: 'Resource', resources: [{ apiVersion: 'v1', kind: 'Bar' }], sink, owner: { apiVersion: 'v1' } }, 'rejected'],
  ['empty resources', { mode: 'Resource', resources: [], sink }, 'rejected'],
  ['nil resources', { mode: 'Resource', sink }, 'rejected'],
  ['invalid spec ceOverrides validation', { mode: 'Resource', resources, ceOverrides: { extensions: { Invalid_type: 'any value' } }, sink }, 'rejected'],
];
const apiServers: UpstreamVector[] = apiServerCases.map(([name, spec, verdict]) => ({ test: `${APISERVER} ${subtest('TestAPIServerValidation', name)}`, manifest: apiServer(spec), upstream: verdict }));
apiServers.push({ test: `${APISERVER} TestAPIServerValidationCallsSpecValidation`, manifest: apiServer({ mode: 'Resource', sink }), upstream: 'rejected' });
const filters = (state: FeatureState) => ({ eventing: { features: { newApiServerSourceFilters: state } } });
const filterCases: [string, FeatureState, unknown[], Verdict][] = [
  ['an error is raised if the feature is disabled but filters are specified', FeatureState.DISABLED, [{ prefix: { invALID: 'abc' } }], 'rejected'],
  ['filters are validated when the feature is enabled', FeatureState.ENABLED, [{ prefix: { invALID: 'abc' } }], 'rejected'],
  ['validation works for valid filters', FeatureState.ENABLED, [{ exact: { myattr: 'myval' } }], 'accepted'],
  ['validation works for empty filters', FeatureState.ENABLED, [], 'accepted'],
  ['validation does not work for empty filters', FeatureState.DISABLED, [], 'accepted'],
];
for (const [name, state, f, verdict] of filterCases) {
  apiServers.push({ test: `${APISERVER} TestAPIServerFiltersValidation/"${name}"`, manifest: apiServer({ filters: f, mode: 'Resource', resources, sink }), settings: filters(state), upstream: verdict });
}

// --- KafkaSource: the test runs SetDefaults before Validate; every case sets consumerGroup.
const kafkaSink = { ref: { kind: 'Service', namespace: 'test-service-name', name: 'test-service', apiVersion: 'v1' } };
const kafkaCases: [string, Obj, Verdict][] = [
  ['no bootstrap servers', { topics: ['test-topic'], consumerGroup: 'ks-group', sink: kafkaSink }, 'rejected'],
  ['no topics', { bootstrapServers: ['kafka:9092'], consumerGroup: 'ks-group', sink: kafkaSink }, 'rejected'],
  ['invalid ordering', { topics: ['test-topic'], bootstrapServers: ['kafka:9092'], ordering: 'badOrder', consumerGroup: 'ks-group', sink: kafkaSink }, 'rejected'],
  ['valid ordering', { topics: ['test-topic'], bootstrapServers: ['kafka:9092'], ordering: 'ordered', consumerGroup: 'ks-group', sink: kafkaSink }, 'accepted'],
  ['invalid initialOffset', { topics: ['test-topic'], bootstrapServers: ['kafka:9092'], initialOffset: 'badbOffset', consumerGroup: 'ks-group', sink: kafkaSink }, 'rejected'],
];
const kafkas: UpstreamVector[] = [];
for (const version of ['v1', 'v1beta1']) {
  for (const [name, spec, verdict] of kafkaCases) {
    kafkas.push({ test: `control-plane/pkg/apis/sources/${version}/kafka_validation_test.go TestKafka_Validate/"${name}"`, manifest: source(`sources.knative.dev/${version}`, 'KafkaSource', spec), upstream: verdict });
  }
}

export const SETS: VectorSet[] = [
  { project: 'knative/eventing@knative-v1.22.2', kind: 'PingSource', vectors: pings },
  { project: 'knative/eventing@knative-v1.22.2', kind: 'ApiServerSource', vectors: apiServers },
  { project: 'knative-extensions/eventing-kafka-broker@knative-v1.22.3', kind: 'KafkaSource', vectors: kafkas },
];
