// The scalers part of the differential harness (`npm run oracle -- --scalers`):
// KEDA's own metadata parsers (test/oracle/scalers, kedacore/keda v2.20.2
// pkg/scalers) and the library's scaler checks (KEDA-TRIGGER-*) judge the same
// triggers. Agreement, per trigger: KEDA's parse fails ⇔ the library reports an
// error on that trigger.
//
// Manifests: the ScaledObjects and ScaledJobs of the scenario apps and of
// test/**/*.cases.ts (with the TriggerAuthentications and Secrets of the same
// case or app), a trigger of every scaler type built from its typed parameters
// (scalers.generated.ts), and fast-check mutations of the metadata of all of
// them: values at and around each typed parser's boundaries (bools, ints,
// floats, durations, lists, maps, enums), required parameters removed, unknown
// keys added, parameters moved to `<name>FromEnv` or to a TriggerAuthentication.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { Finding } from '../lib/engine/rule';
import { validateManifests } from '../lib/validation';
import { SCALER_PARAMS, ScalerParam } from '../lib/workers/scalers.generated';
import { appSeeds, caseSeeds, printUnexplained, releaseSettings, signature } from './oracle';
import { SCALER_DIVERGENCES, ScalerDivergence } from './oracle-divergences';

const ROOT = path.join(__dirname, '..');
const SCALERS_DIR = path.join(ROOT, 'test', 'oracle', 'scalers');
const KEDA = 'github.com/kedacore/keda/v2';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

// ---------------------------------------------------------------- the oracle

/**
 * Builds the scalers oracle; undefined when Go is absent. Go refuses an
 * overlay inside its module cache, so KEDA's module is linked (hard links,
 * else copied) to a stable folder outside it, the build's go.mod replaces the
 * module with that folder, and overlay.json adds
 * overlay/zz_oracle_export.go.in to its pkg/scalers. The folder stays, so Go's
 * build cache serves the next build.
 */
export function buildScalersOracle(): string | undefined {
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0) return undefined;
  const work = path.join(os.tmpdir(), 'cdk8s-agents-oracle', 'scalers');
  fs.mkdirSync(work, { recursive: true });
  const moduleDir = execFileSync('go', ['mod', 'download', '-json', KEDA], { cwd: SCALERS_DIR, encoding: 'utf8' });
  const { Dir: dir, Version: version } = JSON.parse(moduleDir) as { Dir: string; Version: string };
  const copy = path.join(work, `keda@${version}`);
  if (!fs.existsSync(path.join(copy, 'go.mod'))) {
    fs.rmSync(copy, { recursive: true, force: true });
    if (spawnSync('cp', ['-al', dir, copy], { stdio: 'ignore' }).status !== 0) {
      fs.rmSync(copy, { recursive: true, force: true });
      fs.cpSync(dir, copy, { recursive: true });
    }
  }
  const gomod = fs.readFileSync(path.join(SCALERS_DIR, 'go.mod'), 'utf8');
  fs.writeFileSync(path.join(work, 'go.mod'), `${gomod}\nreplace ${KEDA} => ${copy}\n`);
  fs.copyFileSync(path.join(SCALERS_DIR, 'go.sum'), path.join(work, 'go.sum'));
  const overlay = { Replace: { [path.join(copy, 'pkg', 'scalers', 'zz_oracle_export.go')]: path.join(SCALERS_DIR, 'overlay', 'zz_oracle_export.go.in') } };
  fs.writeFileSync(path.join(work, 'overlay.json'), JSON.stringify(overlay));
  const bin = path.join(work, 'scalers-oracle');
  execFileSync('go', ['build', `-modfile=${path.join(work, 'go.mod')}`, `-overlay=${path.join(work, 'overlay.json')}`, '-o', bin, '.'], { cwd: SCALERS_DIR, stdio: ['ignore', 'inherit', 'inherit'] });
  return bin;
}

export interface ScalerVerdict {
  file: string; doc: number; apiVersion: string; kind: string; name: string; trigger?: number; type?: string;
  verdict: 'accepted' | 'rejected' | 'unsupported'; errors: string[]; reason?: string; assumed?: string[];
}

/** Judges groups of objects (a ScaledObject or ScaledJob with its TriggerAuthentications and Secrets), one oracle call per group list: a group is one input file. */
export function runScalersOracle(bin: string, groups: readonly (readonly Obj[])[]): ScalerVerdict[][] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oracle-scalers-'));
  try {
    const files = groups.map((g, i) => {
      const file = path.join(dir, `${i}.json`);
      fs.writeFileSync(file, g.map((o) => JSON.stringify(o)).join('\n'));
      return file;
    });
    const out: ScalerVerdict[][] = groups.map(() => []);
    // Files on the command line, in chunks (argument length).
    for (let i = 0; i < files.length; i += 500) {
      const lines = execFileSync(bin, files.slice(i, i + 500), { maxBuffer: 1 << 30, encoding: 'utf8' }).split('\n').filter((l) => l !== '');
      for (const l of lines) {
        const v = JSON.parse(l) as ScalerVerdict;
        out[Number(path.basename(v.file, '.json'))].push(v);
      }
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- the library

/**
 * Whether a library error is comparable with KEDA's parse: a `runtime` rule
 * (what KEDA refuses at reconcile) not marked stricter. The webhook's rules
 * (`reject`) are test/oracle's to compare; an `ignored` key or an `exposed`
 * credential is an error KEDA never reports, counted apart.
 */
export function comparable(f: Finding): boolean {
  return f.rule.effect === 'runtime' && f.rule.stricter === undefined;
}

/** The library's errors on each trigger of the group's first object: comparable ones, and the others (apart). */
export function libraryTriggerErrors(group: readonly Obj[], triggers: number): { compared: string[]; apart: string[] }[] {
  const settings = releaseSettings('1.22');
  const result = validateManifests(group.map((object, i) => ({ object, where: `group#${i}` })), settings, { closed: false });
  const errors = Array.from({ length: triggers }, () => ({ compared: [] as string[], apart: [] as string[] }));
  for (const f of result.findings as readonly Finding[]) {
    if (f.where !== 'group#0' || f.severity !== 'error' || !f.rule.id.startsWith('KEDA-TRIGGER-')) continue;
    const m = /^spec\.triggers\[(\d+)\]/.exec(f.field);
    if (m && Number(m[1]) < triggers) errors[Number(m[1])][comparable(f) ? 'compared' : 'apart'].push(`[${f.rule.id}] ${f.field}: ${f.problem}`);
  }
  return errors;
}

// ---------------------------------------------------------------- manifests

interface Group { origin: string; objects: Obj[] }

const NAMESPACE = 'agents';

/** A valid value of a parameter's Go type (the first allowed one for an enum). */
export function validValue(p: ScalerParam): string {
  if (p.en) return p.en[0];
  switch (p.t) {
    case 'bool': return 'true';
    case 'int': case 'int32': case 'uint32': return '10';
    case 'float': return '1.5';
    case 'duration': return '30s';
    case 'strings': return 'a,b';
    case 'ints': return '1,2';
    case 'map': return 'k=v';
    case 'query': return 'a=1';
    default: return /url|address|endpoint|host|server|uri/i.test(p.n[0]) ? 'http://example.com:8080' : 'x';
  }
}

/** Values at and around the boundaries of a parameter's parser (typed_config.go setValue). */
export function boundaryValues(p: ScalerParam): string[] {
  const common = ['', ' ', 'x', '0', '-1', 'true'];
  const exclusive = p.ex && p.ex.length > 1 ? [p.ex.slice(0, 2).join(',')] : [];
  const enumValues = p.en ? [...p.en, ...p.en.map((v) => v.toUpperCase()), `${p.en[0]} `, p.en.join(','), ...exclusive] : [];
  switch (p.t) {
    case 'bool': return [...common, 'false', '1', 't', 'F', 'TRUE', 'True', 'tRuE', 'yes', 'no', ' true', '2'];
    case 'int': return [...common, ...enumValues, '1', '10', '1.5', '1e3', '+1', '01', '-0', '9223372036854775807', '9223372036854775808', '-9223372036854775808', ' 10', '0x10', '1_000'];
    case 'int32': case 'uint32': return [...common, ...enumValues, '1', '10', '1.5', '2147483647', '2147483648', '-2147483648', '-2147483649', '4294967295', '4294967296', '+1'];
    case 'float': return [...common, ...enumValues, '0.5', '.5', '1.', '1e3', '1E-2', '+1', 'NaN', 'Inf', '-0', '1e400', '10'];
    case 'duration': return [...common, '0s', '-1s', '30s', '1m30s', '1.5h', '1d', '30', '-30', '1000', '1h ', '9223372036854775807', '9223372036854775808', '1e3', '+5s', '5S', '.5s', '1µs'];
    case 'strings': return [...common, ...enumValues, 'a', 'a,b', ' a , b ', ',', 'a,,b'];
    case 'ints': return [...common, '1', '1,2', '1-3', '3-1', 'a', '1-', '-1', '1,x', '1 - 3', '1,2-5,7', '1.5'];
    case 'map': return [...common, 'k=v', 'k=v,k2=v2', 'k', 'k=v=w', '=v', 'k=', 'k=v,'];
    case 'query': return [...common, 'a=1', 'a=1&b=2', 'a;b', '%zz', 'a=%20', 'a&&b'];
    default: return [...common, ...enumValues, 'http://example.com', 'https://example.com:8443/x', 'example.com:6379', 'not a url', '10', 'a,b', 'k=v'];
  }
}

const secretName = (type: string) => `${type}-auth`.slice(0, 63);

const AWS_KEYS = { awsAccessKeyID: 'AKIAEXAMPLE', awsSecretAccessKey: 'secret' };
const AZURE_APP = { activeDirectoryClientId: 'client', activeDirectoryClientPassword: 'secret' };
const GCP = { GoogleApplicationCredentials: '{"type":"service_account"}' };
const USER = { username: 'user', password: 'secret' };

/**
 * Values that make each scaler's base trigger parse (test data, found with
 * the oracle): the required parameters alone do not satisfy the checks a
 * scaler's code makes across parameters ("either X or Y"), and a typed
 * placeholder is not a value of the parameter's own format.
 */
const BASE_VALUES: Readonly<Record<string, { metadata?: Record<string, string>; auth?: Record<string, string> }>> = {
  'activemq': { metadata: { managementEndpoint: 'activemq.mq:8161', destinationName: 'jobs', brokerName: 'localhost' }, auth: USER },
  'arangodb': { metadata: { queryValue: '10' } },
  'artemis-queue': { metadata: { managementEndpoint: 'artemis.mq:8161', queueName: 'jobs', brokerName: 'broker', brokerAddress: 'jobs' }, auth: USER },
  'aws-cloudwatch': { metadata: { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensionName: 'QueueName', dimensionValue: 'jobs', awsRegion: 'eu-west-1' }, auth: AWS_KEYS },
  'aws-dynamodb': { metadata: { expressionAttributeNames: '{"#k":"status"}', expressionAttributeValues: '{":v":{"S":"open"}}', keyConditionExpression: '#k = :v', targetValue: '10', awsRegion: 'eu-west-1' }, auth: AWS_KEYS },
  'aws-dynamodb-streams': { metadata: { awsRegion: 'eu-west-1' }, auth: AWS_KEYS },
  'aws-kinesis-stream': { metadata: { awsRegion: 'eu-west-1' }, auth: AWS_KEYS },
  'aws-sqs-queue': { metadata: { queueURL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs', awsRegion: 'eu-west-1' }, auth: AWS_KEYS },
  'azure-app-insights': { metadata: { metricAggregationTimespan: '00:05', metricAggregationType: 'avg', targetValue: '10' }, auth: AZURE_APP },
  'azure-blob': { auth: { connection: 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net' } },
  'azure-data-explorer': { metadata: { tenantId: 'tenant', clientId: 'client' }, auth: { clientSecret: 'secret' } },
  'azure-eventhub': { metadata: { blobContainer: 'checkpoints' }, auth: { connection: 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=dg==;EntityPath=events', storageConnection: 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net' } },
  'azure-log-analytics': { metadata: { tenantId: 'tenant', clientId: 'client' }, auth: { clientSecret: 'secret' } },
  'azure-monitor': { metadata: { metricAggregationType: 'Average', resourceURI: 'Microsoft.ContainerService/managedClusters/aks' }, auth: AZURE_APP },
  'azure-pipelines': { metadata: { poolID: '1' }, auth: { personalAccessToken: 'pat' } },
  'azure-queue': { auth: { connection: 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net' } },
  'azure-servicebus': { metadata: { queueName: 'jobs' }, auth: { connection: 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=dg==' } },
  'cassandra': { metadata: { clusterIPAddress: 'cassandra.db', port: '9042' }, auth: { password: 'secret' } },
  'couchdb': { metadata: { host: 'couchdb.db', port: '5984', dbName: 'jobs', query: '{"selector":{}}', queryValue: '10', username: 'user' }, auth: { password: 'secret' } },
  'cron': { metadata: { start: '0 8 * * *', end: '0 18 * * *', timezone: 'Europe/Berlin' } },
  'datadog': { metadata: { query: 'sum:jobs.pending{service:worker}', queryValue: '10' }, auth: { apiKey: 'api', appKey: 'app' } },
  'dynatrace': { metadata: { metricSelector: 'builtin:service.requestCount.total' }, auth: { token: 'token' } },
  'elastic-forecast': { metadata: { addresses: 'http://es.db:9200', username: 'user' }, auth: { password: 'secret' } },
  'elasticsearch': { metadata: { addresses: 'http://es.db:9200', username: 'user', searchTemplateName: 'jobs' }, auth: { password: 'secret' } },
  'gcp-cloudtasks': { auth: GCP },
  'gcp-pubsub': { metadata: { subscriptionName: 'jobs' }, auth: GCP },
  'gcp-stackdriver': { auth: GCP },
  'gcp-storage': { auth: GCP },
  'github-runner': { auth: { personalAccessToken: 'pat' } },
  'influxdb': { metadata: { organizationName: 'org', thresholdValue: '10' }, auth: { authToken: 'token' } },
  'kubernetes-workload': { metadata: { value: '1' } },
  'metrics-api': { metadata: { targetValue: '10' } },
  'mongodb': { metadata: { host: 'mongo.db', port: '27017', username: 'user' }, auth: { password: 'secret' } },
  'mssql': { metadata: { host: 'sql.db', port: '1433', username: 'user', database: 'jobs' }, auth: { password: 'secret' } },
  'nats-jetstream': { metadata: { account: '$G', natsServerMonitoringEndpoint: 'nats.mq:8222' } },
  'opensearch': { metadata: { username: 'user', searchTemplateName: 'jobs' }, auth: { password: 'secret' } },
  'openstack-metric': { metadata: { aggregationMethod: 'mean' }, auth: { authURL: 'http://keystone:5000/v3', userID: 'user', password: 'secret' } },
  'openstack-swift': { auth: { authURL: 'http://keystone:5000/v3', userID: 'user', password: 'secret', projectID: 'project' } },
  'postgresql': { metadata: { host: 'pg.db', port: '5432', userName: 'user', dbName: 'jobs', sslmode: 'disable', targetQueryValue: '10' }, auth: { password: 'secret' } },
  'predictkube': { metadata: { predictHorizon: '2h', queryStep: '2m', historyTimeWindow: '7d', threshold: '10' }, auth: { apiKey: 'key' } },
  'redis': { metadata: { address: 'redis.db:6379' } },
  'redis-cluster': { metadata: { addresses: 'redis.db:6379' } },
  'redis-sentinel': { metadata: { addresses: 'redis.db:26379', sentinelMaster: 'mymaster' } },
  'redis-streams': { metadata: { address: 'redis.db:6379', consumerGroup: 'workers' } },
  'redis-cluster-streams': { metadata: { addresses: 'redis.db:6379', consumerGroup: 'workers' } },
  'redis-sentinel-streams': { metadata: { addresses: 'redis.db:26379', sentinelMaster: 'mymaster', consumerGroup: 'workers' } },
  'solace-direct-messaging': { metadata: { aggregatedClientTxMsgRateTarget: '10' }, auth: USER },
  'solace-event-queue': { metadata: { messageCountTarget: '10' }, auth: USER },
  'sumologic': { metadata: { query: '_sourceCategory=jobs | count', resultField: '_count' }, auth: { accessID: 'id', accessKey: 'key' } },
};

/**
 * A trigger of a type with its required parameters written where the scaler
 * reads them (metadata first, else a TriggerAuthentication backed by a Secret
 * of the inputs), each with a valid value of its type.
 */
export function baseGroup(type: string, kind: 'ScaledObject' | 'ScaledJob' = 'ScaledObject'): Group {
  const params = SCALER_PARAMS[type] ?? [];
  const metadata: Record<string, string> = {};
  const auth: Record<string, string> = {};
  for (const p of params) {
    if (p.opt || p.popt || p.def !== undefined || p.dep !== undefined) continue;
    if (p.from.includes('m')) metadata[p.n[0]] = validValue(p);
    else if (p.from.includes('a')) auth[p.n[0]] = validValue(p);
  }
  const base = BASE_VALUES[type] ?? {};
  for (const [k, v] of Object.entries(base.auth ?? {})) {
    auth[k] = v;
    delete metadata[k];
  }
  Object.assign(metadata, base.metadata ?? {});
  const trigger: Obj = { type, metadata };
  if (type === 'cpu' || type === 'memory') {
    trigger.metricType = 'Utilization';
    metadata.value = '50';
  }
  return { origin: `${type} (required parameters)`, objects: withAuth(scalable(kind, [trigger]), 0, auth) };
}

function scalable(kind: 'ScaledObject' | 'ScaledJob', triggers: Obj[]): Obj {
  const spec: Obj = kind === 'ScaledObject'
    ? { scaleTargetRef: { name: 'worker' }, triggers }
    : { jobTargetRef: { template: { spec: { containers: [{ name: 'job', image: 'ghcr.io/acme/job:1.0.0' }], restartPolicy: 'Never' } } }, triggers };
  return { apiVersion: 'keda.sh/v1alpha1', kind, metadata: { name: 'worker', namespace: NAMESPACE }, spec };
}

/**
 * Gives trigger `i` of the group's first object a TriggerAuthentication (named
 * after it) whose parameters come from a Secret of the inputs; an empty `auth`
 * leaves the group as it is.
 */
function withAuth(first: Obj, i: number, auth: Record<string, string>, rest: Obj[] = []): Obj[] {
  if (Object.keys(auth).length === 0) return [first, ...rest];
  const trigger = ((first.spec as Obj).triggers as Obj[])[i];
  const name = secretName(`${String(trigger.type)}-${i}`);
  trigger.authenticationRef = { name };
  const others = rest.filter((o) => !(o.kind === 'TriggerAuthentication' && (o.metadata as Obj).name === name) && !(o.kind === 'Secret' && (o.metadata as Obj).name === name));
  return [
    first, ...others,
    { apiVersion: 'keda.sh/v1alpha1', kind: 'TriggerAuthentication', metadata: { name, namespace: NAMESPACE }, spec: { secretTargetRef: Object.keys(auth).map((k) => ({ parameter: k, name, key: k })) } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: NAMESPACE }, stringData: auth },
  ];
}

/** The seeds: ScaledObjects/ScaledJobs of the apps and cases with the objects of the same app or case, and a trigger of every scaler type. */
export function scalerSeeds(): Group[] {
  const { seeds } = caseSeeds();
  const byOrigin = new Map<string, Obj[]>();
  for (const s of [...appSeeds(), ...seeds]) byOrigin.set(s.origin, [...(byOrigin.get(s.origin) ?? []), s.object]);
  const groups: Group[] = [];
  for (const [origin, objects] of byOrigin) {
    const others = objects.filter((o) => ['TriggerAuthentication', 'ClusterTriggerAuthentication', 'Secret', 'ConfigMap'].includes(String(o.kind)));
    for (const o of objects) {
      if (o.apiVersion !== 'keda.sh/v1alpha1' || (o.kind !== 'ScaledObject' && o.kind !== 'ScaledJob')) continue;
      const triggers = (o.spec as Obj | undefined)?.triggers;
      if (!Array.isArray(triggers) || triggers.length === 0 || !triggers.every(isObj)) continue;
      // One object per group: the verdicts are the first object's.
      groups.push({ origin, objects: [o, ...others] });
    }
  }
  for (const type of Object.keys(SCALER_PARAMS).sort()) {
    groups.push(baseGroup(type));
    groups.push({ ...baseGroup(type, 'ScaledJob'), origin: `${type} (required parameters, ScaledJob)` });
  }
  return groups;
}

interface Mutant { objects: Obj[]; how: string }

const triggersOf = (o: Obj) => (o.spec as Obj).triggers as Obj[];

/** One mutation of one trigger's metadata (or its metric type, or where a parameter is read from). */
function mutation(g: Mutant): fc.Arbitrary<Mutant> {
  const first = g.objects[0];
  const n = triggersOf(first).length;
  return fc.integer({ min: 0, max: n - 1 }).chain((i) => {
    const trigger = triggersOf(first)[i];
    const type = String(trigger.type);
    const params = SCALER_PARAMS[type] ?? [];
    const metadata = isObj(trigger.metadata) ? trigger.metadata : {};
    const keys = Object.keys(metadata);
    const edit = (how: string, f: (t: Obj, objects: Obj[]) => Obj[] | void): Mutant => {
      const objects = clone(g.objects);
      const t = triggersOf(objects[0])[i];
      if (!isObj(t.metadata)) t.metadata = {};
      const replaced = f(t, objects);
      return { objects: replaced ?? objects, how: `${g.how}; [${i}] ${how}` };
    };
    const ops: fc.Arbitrary<Mutant>[] = [];
    if (params.length > 0) {
      // A parameter (written or not) set to a boundary value of its type.
      ops.push(fc.constantFrom(...params).chain((p) => fc.constantFrom(...p.n).chain((name) => fc.constantFrom(...boundaryValues(p))
        .map((v) => edit(`${name} = ${JSON.stringify(v)}`, (t) => { (t.metadata as Obj)[name] = v; })))));
      // A parameter read from env or a TriggerAuthentication moved there.
      const movable = params.filter((p) => p.from.includes('e') || p.from.includes('a'));
      if (movable.length > 0) {
        ops.push(fc.constantFrom(...movable).chain((p) => fc.constant(typeof metadata[p.n[0]] === 'string' && metadata[p.n[0]] !== '' ? String(metadata[p.n[0]]) : validValue(p)).chain((v) => fc.constantFrom(...(p.from.includes('e') ? ['e'] : []), ...(p.from.includes('a') ? ['a'] : [])).map((where) => edit(
          where === 'e' ? `${p.n[0]}FromEnv (env value unknown)` : `${p.n[0]} = ${JSON.stringify(v)} from a TriggerAuthentication`,
          (t, objects) => {
            delete (t.metadata as Obj)[p.n[0]];
            if (where === 'e') {
              (t.metadata as Obj)[`${p.n[0]}FromEnv`] = 'SOME_VAR';
              return undefined;
            }
            const existing = objects.find((o) => o.kind === 'Secret' && (o.metadata as Obj).name === secretName(`${type}-${i}`));
            const auth = { ...((existing?.stringData as Record<string, string>) ?? {}), [p.n[0]]: v };
            return withAuth(objects[0], i, auth, objects.slice(1));
          })))));
      }
    }
    if (keys.length > 0) {
      ops.push(fc.constantFrom(...keys).map((k) => edit(`remove ${k}`, (t) => { delete (t.metadata as Obj)[k]; })));
      ops.push(fc.constantFrom(...keys).chain((k) => fc.constantFrom(`${k}x`, k.toLowerCase(), `${k.slice(0, -1)}`).map((u) => edit(`add ${u}`, (t) => { (t.metadata as Obj)[u] = String((t.metadata as Obj)[k]); }))));
      ops.push(fc.constantFrom(...keys).chain((k) => fc.constantFrom('', ' ', 'x', '0', '-1', '1.5', 'true', '30s').map((v) => edit(`${k} = ${JSON.stringify(v)}`, (t) => { (t.metadata as Obj)[k] = v; }))));
    }
    ops.push(fc.constantFrom(undefined, 'Value', 'AverageValue', 'Utilization').map((m) => edit(`metricType = ${String(m)}`, (t) => {
      if (m === undefined) delete t.metricType;
      else t.metricType = m;
    })));
    ops.push(fc.constant(edit('authenticationRef to a TriggerAuthentication without parameters', (t, objects) => {
      t.authenticationRef = { name: 'empty-auth' };
      return [...objects, { apiVersion: 'keda.sh/v1alpha1', kind: 'TriggerAuthentication', metadata: { name: 'empty-auth', namespace: NAMESPACE }, spec: { podIdentity: { provider: 'none' } } }];
    })));
    return fc.oneof(...ops);
  });
}

/** Mutants of a group: one to three mutations. */
export function scalerMutantArb(group: Group): fc.Arbitrary<Mutant> {
  return fc.integer({ min: 1, max: 3 }).chain((k) => {
    let arb: fc.Arbitrary<Mutant> = fc.constant({ objects: group.objects, how: group.origin });
    for (let j = 0; j < k; j++) arb = arb.chain(mutation);
    return arb;
  });
}

// ---------------------------------------------------------------- comparison

export interface ScalerDisagreement { type: string; kind: string; how: string; library: string[]; oracle: string[]; side: 'library-only' | 'oracle-only' }

/** The known divergence that explains a disagreement, if any. */
export function explainScaler(d: ScalerDisagreement, known: readonly ScalerDivergence[] = SCALER_DIVERGENCES): ScalerDivergence | undefined {
  return known.find((k) => (k.type === undefined || k.type === d.type) && (k.kind === undefined || k.kind === d.kind) && k.side === d.side
    && (d.side === 'library-only' ? d.library.some((l) => k.match.test(l)) : d.oracle.some((o) => k.match.test(o))));
}

/** Whether KEDA's error is about a value the oracle could only guess (an env var or a Secret not among the inputs). */
function onAssumed(v: ScalerVerdict): boolean {
  const names = (v.assumed ?? []).map((a) => a.split(':')[0]);
  return names.length > 0 && v.errors.some((e) => names.some((n) => e.toLowerCase().includes(n.toLowerCase())) || e.includes('oracle-placeholder'));
}

/**
 * The parameters trigger `i` reads from a Secret through its TriggerAuthentication:
 * the library checks that they are given, never their values (a Secret's
 * values are not in the manifests it checks, or are sealed).
 */
function secretParams(group: readonly Obj[], i: number): string[] {
  const ref = triggersOf(group[0])[i]?.authenticationRef;
  if (!isObj(ref)) return [];
  const ta = group.find((o) => o.kind === 'TriggerAuthentication' && isObj(o.metadata) && o.metadata.name === ref.name);
  const refs = isObj(ta?.spec) && Array.isArray(ta.spec.secretTargetRef) ? ta.spec.secretTargetRef.filter(isObj) : [];
  return refs.map((r) => String(r.parameter));
}

/**
 * The parameters trigger `i` reads from a Secret whose value is blank: KEDA's configParamValue
 * trims a value and treats a blank one as absent (keda v2.20.2 pkg/scalers/scalersconfig/typed_config.go#L515-519);
 * the library, which reads no Secret values, counts the parameter as given.
 */
function blankSecretParams(group: readonly Obj[], i: number): string[] {
  const ref = triggersOf(group[0])[i]?.authenticationRef;
  if (!isObj(ref)) return [];
  const ta = group.find((o) => o.kind === 'TriggerAuthentication' && isObj(o.metadata) && o.metadata.name === ref.name);
  const refs = isObj(ta?.spec) && Array.isArray(ta.spec.secretTargetRef) ? ta.spec.secretTargetRef.filter(isObj) : [];
  return refs.filter((r) => {
    const secret = group.find((o) => o.kind === 'Secret' && isObj(o.metadata) && o.metadata.name === r.name);
    const key = String(r.key);
    const plain = isObj(secret?.stringData) ? secret.stringData[key] : undefined;
    const encoded = isObj(secret?.data) ? secret.data[key] : undefined;
    const value = typeof plain === 'string' ? plain : typeof encoded === 'string' ? Buffer.from(encoded, 'base64').toString('utf8') : undefined;
    return value !== undefined && value.trim() === '';
  }).map((r) => String(r.parameter));
}

/**
 * Whether KEDA's refusal depends on a value that came from a Secret: a
 * parameter it names, or one that selects what else the scaler needs (the
 * oracle read the value from the Secret of the inputs; the library reads no
 * Secret values).
 */
function onSecretValue(v: ScalerVerdict, params: readonly string[], type: string): boolean {
  if (params.some((p) => SELECTORS.has(p) || SCALER_PARAMS[type]?.some((x) => x.en !== undefined && x.n.includes(p)))) return true;
  // A parameter named in the error, also in the plural ("number of hosts should be equal to the number of ports").
  return params.length > 0 && v.errors.some((e) => params.some((p) => new RegExp(`\\b${p.replace(/[^A-Za-z0-9]/g, '')}s?\\b`, 'i').test(e)));
}

/**
 * Parameters whose value selects what else a scaler needs (an auth mode, a protocol, mongodb's `scheme`:
 * mongodb+srv needs no port, keda v2.20.2 pkg/scalers/mongo_scaler.go#L62-64): from a Secret, the library cannot tell what it selects.
 */
const SELECTORS: ReadonlySet<string> = new Set(['authModes', 'authMode', 'protocol', 'sasl', 'saslTokenProvider', 'tls', 'mode', 'scheme']);

interface Row { type: string; triggers: number; judged: number; agree: number; known: number; assumed: number; secret: number; apart: number; unexplained: number; unsupported: number }

export interface ScalerOptions { seed: number; budget: number; perKind: number; show: number; fail: boolean; types?: string[] }

export function scalersMain(opts: ScalerOptions): void {
  const started = Date.now();
  const bin = buildScalersOracle();
  if (!bin) {
    console.log('oracle --scalers: skipped (`go` is not on PATH; the oracle is KEDA\'s Go code)');
    return;
  }
  console.log(`oracle --scalers: built in ${((Date.now() - started) / 1000).toFixed(1)}s (${KEDA} from test/oracle/scalers/go.mod)`);
  const runnable = new Set(execFileSync(bin, ['--types'], { encoding: 'utf8' }).split('\n').filter((l) => l !== ''));
  let seeds = scalerSeeds();
  if (opts.types) seeds = seeds.filter((g) => triggersOf(g.objects[0]).some((t) => opts.types!.includes(String(t.type))));
  console.log(`oracle --scalers: ${seeds.length} seed groups; seed ${opts.seed}, budget ${opts.budget}s`);
  const rows = new Map<string, Row>();
  const row = (type: string) => {
    let r = rows.get(type);
    if (!r) rows.set(type, (r = { type, triggers: 0, judged: 0, agree: 0, known: 0, assumed: 0, secret: 0, apart: 0, unexplained: 0, unsupported: 0 }));
    return r;
  };
  const unexplained: ScalerDisagreement[] = [];
  const knownHits = new Map<ScalerDivergence, number>();
  const unsupportedWhy = new Map<string, number>();
  const deadline = started + opts.budget * 1000;
  const perSeed = Math.max(1, Math.floor(opts.perKind / Math.max(1, seeds.length)));

  const judge = (batch: Mutant[]) => {
    const verdicts = runScalersOracle(bin, batch.map((m) => m.objects));
    batch.forEach((m, gi) => {
      const lib = libraryTriggerErrors(m.objects, triggersOf(m.objects[0]).length);
      for (const v of verdicts[gi]) {
        if (v.trigger === undefined || v.type === undefined) continue;
        const r = row(v.type);
        r.triggers++;
        if (v.verdict === 'unsupported') {
          r.unsupported++;
          const why = `${runnable.has(v.type) ? v.type : 'not runnable'}: ${signature(v.reason ?? '')}`;
          unsupportedWhy.set(why, (unsupportedWhy.get(why) ?? 0) + 1);
          continue;
        }
        r.judged++;
        const { compared: l, apart } = lib[v.trigger];
        if (apart.length > 0) r.apart++;
        if ((v.verdict === 'rejected') === (l.length > 0)) {
          r.agree++;
          continue;
        }
        if (v.verdict === 'rejected' && onAssumed(v)) {
          r.assumed++;
          continue;
        }
        if (v.verdict === 'rejected' && l.length === 0 && onSecretValue(v, secretParams(m.objects, v.trigger), v.type)) {
          r.secret++;
          continue;
        }
        // KEDA accepts because a Secret's value is blank, which the library cannot see.
        if (v.verdict === 'accepted' && blankSecretParams(m.objects, v.trigger).length > 0) {
          r.secret++;
          continue;
        }
        const d: ScalerDisagreement = { type: v.type, kind: v.kind, how: m.how, library: l, oracle: v.errors, side: l.length > 0 ? 'library-only' : 'oracle-only' };
        const k = explainScaler(d);
        if (k) {
          r.known++;
          knownHits.set(k, (knownHits.get(k) ?? 0) + 1);
        } else {
          r.unexplained++;
          unexplained.push(d);
        }
      }
    });
  };

  // The seeds as written, then mutants of each seed in turn until the budget or the count is spent.
  judge(seeds.map((g) => ({ objects: g.objects, how: `${g.origin} (as written)` })));
  const arbs = seeds.map(scalerMutantArb);
  for (let round = 0; (round === 0 || Date.now() < deadline) && round < perSeed; round += 20) {
    const batch: Mutant[] = [];
    arbs.forEach((arb, si) => batch.push(...fc.sample(arb, { seed: opts.seed * 7919 + si * 104729 + round, numRuns: Math.min(20, perSeed - round) })));
    judge(batch);
  }

  const all = [...rows.values()].sort((a, b) => a.type.localeCompare(b.type));
  console.log('');
  console.log('| trigger type | triggers | judged | agree | known divergences | KEDA error on a guessed value | on a Secret value | unexplained | library errors apart | not judged |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of all) console.log(`| ${r.type} | ${r.triggers} | ${r.judged} | ${r.agree} | ${r.known} | ${r.assumed} | ${r.secret} | ${r.unexplained} | ${r.apart} | ${r.unsupported} |`);
  const total = (f: (r: Row) => number) => all.reduce((a, r) => a + f(r), 0);
  console.log(`| all | ${total((r) => r.triggers)} | ${total((r) => r.judged)} | ${total((r) => r.agree)} | ${total((r) => r.known)} | ${total((r) => r.assumed)} | ${total((r) => r.secret)} | ${total((r) => r.unexplained)} | ${total((r) => r.apart)} | ${total((r) => r.unsupported)} |`);
  const notRunnable = Object.keys(SCALER_PARAMS).filter((t) => !runnable.has(t));
  if (notRunnable.length > 0) console.log(`\ntrigger types whose parsing the oracle cannot run: ${notRunnable.join(', ')}`);
  if (unsupportedWhy.size > 0) {
    console.log('\ntriggers not judged:');
    for (const [why, n] of [...unsupportedWhy].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${n}× ${why}`);
  }
  if (knownHits.size > 0) {
    console.log('\nknown divergences seen:');
    for (const [k, n] of knownHits) console.log(`  ${n}× ${k.type ?? '*'} ${k.side} ${k.match}: ${k.reason}`);
  }
  printUnexplained(unexplained, (d) => d.type, opts.show);
  console.log(`\noracle --scalers: ${total((r) => r.judged)} triggers judged by both in ${((Date.now() - started) / 1000).toFixed(0)}s; ${unexplained.length} unexplained disagreements`);
  if (opts.fail && unexplained.length > 0) process.exitCode = 1;
}

