// What KEDA 2.20's scalers read from a trigger, as data: every parameter a
// scaler parses (name, where it is read from, type, allowed values, required),
// and the checks its Validate() runs across parameters. KEDA parses this only
// at reconcile (the webhook never does), so a mistake otherwise surfaces as a
// ScaledObject that never becomes ready.
import { FindingList } from '../engine/rule';
import { closest } from '../engine/text';
import { parseFloatStrict, parseGoBool, parseGoDuration, parseIntStrict, parseQuantity } from '../k8s/values';
import { isGoTimeZone, timeZoneHint } from '../k8s/timezones';
import { TRIGGER_RULES as R } from './triggers.rules';

/** Every trigger type KEDA 2.20 builds a scaler for (pkg/scaling/scalers_builder.go#L124-284). */
export const KNOWN_TRIGGER_TYPES: readonly string[] = [
  'activemq', 'apache-kafka', 'arangodb', 'artemis-queue', 'aws-cloudwatch', 'aws-dynamodb', 'aws-dynamodb-streams',
  'aws-kinesis-stream', 'aws-sqs-queue', 'azure-app-insights', 'azure-blob', 'azure-data-explorer', 'azure-eventhub',
  'azure-log-analytics', 'azure-monitor', 'azure-pipelines', 'azure-queue', 'azure-servicebus', 'beanstalkd', 'cassandra',
  'couchdb', 'cpu', 'cron', 'datadog', 'dynatrace', 'elastic-forecast', 'elasticsearch', 'etcd', 'external', 'external-mock',
  'external-push', 'forgejo-runner', 'gcp-cloudtasks', 'gcp-pubsub', 'gcp-stackdriver', 'gcp-storage', 'github-runner',
  'graphite', 'huawei-cloudeye', 'ibmmq', 'influxdb', 'kafka', 'kubernetes-resource', 'kubernetes-workload', 'liiklus', 'loki',
  'memory', 'metrics-api', 'mongodb', 'mssql', 'mysql', 'nats-jetstream', 'new-relic', 'nsq', 'opensearch', 'openstack-metric',
  'openstack-swift', 'postgresql', 'predictkube', 'prometheus', 'pulsar', 'rabbitmq', 'redis', 'redis-cluster',
  'redis-cluster-streams', 'redis-sentinel', 'redis-sentinel-streams', 'redis-streams', 'selenium-grid',
  'solace-direct-messaging', 'solace-event-queue', 'solarwinds', 'solr', 'splunk', 'splunk-observability', 'sumologic', 'temporal',
];

/** Resource-metric triggers: no external metric, no fallback, no scale to zero on their own. */
export const RESOURCE_TRIGGER_TYPES: readonly string[] = ['cpu', 'memory'];

/** Where a scaler looks a parameter up: `m` trigger metadata, `e` `<name>FromEnv`, `a` a TriggerAuthentication parameter. */
type Sources = 'm' | 'e' | 'a' | 'me' | 'ma' | 'ae' | 'mae';

interface Param {
  /** The names KEDA accepts, the first being the documented one. */
  readonly names: readonly string[];
  readonly from: Sources;
  readonly required?: boolean;
  readonly kind?: 'int' | 'float' | 'bool' | 'duration';
  /** Allowed values (each item of a comma list when `list`). */
  readonly values?: readonly string[];
  readonly list?: boolean;
  /** `target`: the scaling target, > 0. `activation`: an activation threshold, ≥ 0. */
  readonly role?: 'target' | 'activation';
  /** Smallest valid value (checked by the scaler's Validate). */
  readonly min?: number;
  /** A credential: written in metadata it is a plaintext secret. */
  readonly secret?: boolean;
}

function p(names: string | string[], from: Sources, more: Omit<Param, 'names' | 'from'> = {}): Param {
  return { names: typeof names === 'string' ? [names] : names, from, ...more };
}

/** What is known about the TriggerAuthentication a trigger references. */
export interface AuthView {
  /** Parameter names it provides. @default - unknown (external, or sources that cannot be listed) */
  readonly parameters?: ReadonlySet<string>;
  /** Its pod identity provider (`none` when it has none). @default - unknown */
  readonly podIdentity?: string;
}

/** No authenticationRef: nothing comes from a TriggerAuthentication. */
export const NO_AUTH: AuthView = { parameters: new Set(), podIdentity: 'none' };

type Presence = 'yes' | 'no' | 'unknown';

/** One trigger as a scaler would see it, with the reporting helpers the checks use. */
export class TriggerView {
  public constructor(
    public readonly type: string,
    public readonly metadata: Readonly<Record<string, string>>,
    /** Manifest path of the trigger, e.g. `spec.triggers[0]`. */
    public readonly base: string,
    public readonly auth: AuthView,
    private readonly spec: ScalerSpec,
    private readonly out: FindingList,
  ) {}

  /** The metadata value (trimmed), when written and non-empty. */
  public value(name: string): string | undefined {
    const v = this.metadata[name];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  }

  /** Whether the scaler will find the parameter anywhere it looks. */
  public present(name: string): Presence {
    const param = this.spec.params.find((x) => x.names.includes(name));
    const names = param?.names ?? [name];
    const from = param?.from ?? 'm';
    let result: Presence = 'no';
    for (const n of names) {
      if (from.includes('m') && this.value(n) !== undefined) return 'yes';
      if (from.includes('e') && this.value(`${n}FromEnv`) !== undefined) return 'yes';
      if (from.includes('a')) {
        if (this.auth.parameters === undefined) result = 'unknown';
        else if (this.auth.parameters.has(n)) return 'yes';
      }
    }
    return result;
  }

  /** The value of a parameter read from metadata or a TriggerAuthentication: undefined when absent, `unknown` when only the TriggerAuthentication may have it. */
  public setting(name: string): string | 'unknown' | undefined {
    return this.value(name) ?? (this.present(name) === 'no' ? undefined : 'unknown');
  }

  /** A boolean metadata flag as Go's strconv.ParseBool reads it (false when absent or invalid). */
  public flag(name: string): boolean {
    const v = this.value(name);
    return v !== undefined && parseGoBool(v) === true;
  }

  public field(name?: string): string {
    return name === undefined ? `${this.base}.metadata` : `${this.base}.metadata.${name}`;
  }

  /** `yamlFix`: the fix in manifest terms, when `fix` names construct APIs. */
  public report(rule: typeof R.OPTIONS, name: string | undefined, value: unknown, problem: string, fix?: string, yamlFix?: string): void {
    this.out.add(rule, this.field(name), value, `${this.type} scaler: ${problem}`, fix, yamlFix);
  }

  /** Reports the auth-only parameters among `names` that are certainly missing. */
  public requireCredentials(names: readonly string[], why: string): void {
    const missing = names.filter((n) => this.present(n) === 'no');
    if (missing.length === 0) return;
    this.report(R.CREDENTIALS, undefined, missing, `${why} needs ${missing.map((n) => `"${n}"`).join(', ')}`,
      `add ${missing.map((n) => `"${n}"`).join(', ')} as TriggerAuthentication parameters (TriggerAuth.fromSecrets)`,
      `add ${missing.map((n) => `"${n}"`).join(', ')} as parameters of the TriggerAuthentication (\`spec.secretTargetRef: [{ parameter, name, key }]\`) the trigger's \`authenticationRef\` names`);
  }
}


/** A scaler: its trigger types, parameters and cross-parameter checks. */
export interface ScalerSpec {
  readonly types: readonly string[];
  readonly params: readonly Param[];
  /** Checks across parameters (the scaler's Validate()). @default - none */
  readonly check?: (t: TriggerView) => void;
}

/** Without pod identity, the AWS SDK credentials the trigger carries (pkg/scalers/aws/aws_common.go#L82-147). */
function checkAwsCredentials(t: TriggerView): void {
  if (t.auth.podIdentity === undefined || t.auth.podIdentity === 'aws') return;
  const owner = t.value('identityOwner') ?? '';
  if (owner !== '' && owner !== 'pod') return;
  const role = t.present('awsRoleArn');
  const keyId = t.auth.parameters === undefined ? 'unknown' : t.auth.parameters.has('awsAccessKeyID') || t.auth.parameters.has('awsAccessKeyId') ? 'yes' : 'no';
  if (role !== 'no' || keyId === 'unknown') return;
  if (keyId === 'yes') {
    if (t.auth.parameters?.has('awsSecretAccessKey') !== true) t.requireCredentials(['awsSecretAccessKey'], 'an AWS access key');
    return;
  }
  if (t.value('awsAccessKeyID') === undefined && t.value('awsAccessKeyIDFromEnv') === undefined) {
    t.report(R.CREDENTIALS, undefined, undefined, 'no AWS credentials: without pod identity the scaler needs "awsRoleArn" or "awsAccessKeyID" + "awsSecretAccessKey" ("awsAccessKeyID not found")',
      'use `TriggerAuth.fromPodIdentity(PodIdentity.aws(...))`, or `TriggerAuth.fromSecrets(secrets, { awsAccessKeyID: ..., awsSecretAccessKey: ... })`',
      'set `spec.podIdentity: { provider: aws }` in the TriggerAuthentication, or add `awsAccessKeyID` and `awsSecretAccessKey` to its `spec.secretTargetRef`');
  } else if (t.value('awsSecretAccessKeyFromEnv') === undefined) {
    t.report(R.CREDENTIALS, 'awsSecretAccessKeyFromEnv', undefined, 'an access key id needs "awsSecretAccessKeyFromEnv" ("awsSecretAccessKey not found")');
  }
}

const AWS_CREDENTIAL_PARAMS = [
  p('identityOwner', 'm'), p('awsAccessKeyID', 'mae'), p('awsAccessKeyId', 'a'), p('awsSecretAccessKey', 'ae'),
  p('awsSessionToken', 'a'), p('awsRoleArn', 'a'),
];
const TLS_PARAMS = [p('ca', 'a'), p('cert', 'a'), p('key', 'a'), p('keyPassword', 'a')];

/** A `1,2,5-7` list of partitions, as kafka_scaler.go parsePartitionLimitation reads it. */
const PARTITIONS = /^\s*\d+\s*(-\s*\d+\s*)?(,\s*\d+\s*(-\s*\d+\s*)?)*$/;

const KAFKA: ScalerSpec = {
  types: ['kafka'],
  params: [
    p('bootstrapServers', 'me', { required: true }), p('consumerGroup', 'me', { required: true }), p('topic', 'me'),
    p('partitionLimitation', 'm'),
    p('lagThreshold', 'm', { kind: 'int', role: 'target' }), p('activationLagThreshold', 'm', { kind: 'int', role: 'activation' }),
    p('offsetResetPolicy', 'm', { values: ['latest', 'earliest'] }),
    p('allowIdleConsumers', 'm', { kind: 'bool' }), p('excludePersistentLag', 'm', { kind: 'bool' }),
    p('scaleToZeroOnInvalidOffset', 'm', { kind: 'bool' }), p('limitToPartitionsWithLag', 'm', { kind: 'bool' }),
    p('ensureEvenDistributionOfPartitions', 'm', { kind: 'bool' }), p('version', 'm'),
    p('tls', 'ma', { values: ['enable', 'disable'] }), p('unsafeSsl', 'm', { kind: 'bool' }), ...TLS_PARAMS,
    p('sasl', 'ma', { values: ['none', 'plaintext', 'scram_sha256', 'scram_sha512', 'oauthbearer', 'gssapi'] }),
    p('username', 'a'), p('password', 'a'),
    p('saslTokenProvider', 'ma', { values: ['bearer', 'aws_msk_iam'] }), p('scopes', 'a'), p('oauthTokenEndpointUri', 'a'),
    p('oauthExtensions', 'a'), p('keytab', 'a'), p('realm', 'a'), p('kerberosConfig', 'a'), p('kerberosServiceName', 'a'),
    p('kerberosDisableFAST', 'a', { kind: 'bool' }), p('awsRegion', 'm'), ...AWS_CREDENTIAL_PARAMS,
  ],
  check(t) {
    const partitions = t.value('partitionLimitation');
    if (partitions !== undefined && !PARTITIONS.test(partitions)) {
      t.report(R.VALUE, 'partitionLimitation', partitions, 'expected partition numbers and ranges such as "1,2,5-7"');
    }
    const topic = t.present('topic');
    if (t.flag('allowIdleConsumers') && t.flag('limitToPartitionsWithLag')) {
      t.report(R.OPTIONS, 'limitToPartitionsWithLag', t.value('limitToPartitionsWithLag'), 'allowIdleConsumers and limitToPartitionsWithLag cannot be set simultaneously');
    }
    if (t.flag('limitToPartitionsWithLag') && t.flag('ensureEvenDistributionOfPartitions')) {
      t.report(R.OPTIONS, 'ensureEvenDistributionOfPartitions', t.value('ensureEvenDistributionOfPartitions'), 'limitToPartitionsWithLag and ensureEvenDistributionOfPartitions cannot be set simultaneously');
    }
    for (const option of ['limitToPartitionsWithLag', 'ensureEvenDistributionOfPartitions']) {
      if (t.flag(option) && topic === 'no') t.report(R.OPTIONS, option, t.value(option), `topic must be specified when using ${option}`, 'set `topic`');
    }
    const tls = t.setting('tls');
    if (tls === 'enable') {
      const cert = t.present('cert');
      const key = t.present('key');
      if (cert === 'yes' && key === 'no') t.requireCredentials(['key'], 'a client certificate');
      if (key === 'yes' && cert === 'no') t.requireCredentials(['cert'], 'a client key');
    }
    const sasl = t.value('sasl');
    if (sasl === 'plaintext' || sasl === 'scram_sha256' || sasl === 'scram_sha512') t.requireCredentials(['username', 'password'], `sasl ${sasl}`);
    if (sasl === 'oauthbearer') {
      const provider = t.setting('saslTokenProvider') ?? 'bearer';
      if (provider === 'bearer') t.requireCredentials(['username', 'password', 'oauthTokenEndpointUri'], 'sasl oauthbearer');
      if (provider === 'aws_msk_iam') {
        if (tls !== 'enable' && tls !== 'unknown') t.report(R.OPTIONS, 'tls', t.value('tls'), 'TLS is required for AWS MSK authentication', 'set `tls: true` (metadata `tls: enable`)', 'set `tls: enable` in the trigger metadata');
        if (t.value('awsRegion') === undefined) t.report(R.OPTIONS, 'awsRegion', undefined, 'AWS MSK IAM authentication needs "awsRegion" ("no awsRegion given")');
        checkAwsCredentials(t);
      }
    }
    if (sasl === 'gssapi') {
      t.requireCredentials(['username', 'realm', 'kerberosConfig'], 'sasl gssapi');
      const password = t.present('password');
      const keytab = t.present('keytab');
      if ((password === 'no' && keytab === 'no') || (password === 'yes' && keytab === 'yes')) {
        t.report(R.CREDENTIALS, undefined, ['password', 'keytab'], 'sasl gssapi needs exactly one of "password" or "keytab"');
      }
    }
  },
};

const AUTH_MODE_CREDENTIALS: Record<string, string[][]> = {
  bearer: [['bearerToken', 'token']],
  basic: [['username']],
  tls: [['cert'], ['key']],
  oauth: [['oauthTokenURI'], ['clientID']],
  custom: [['customAuthHeader'], ['customAuthValue']],
  apiKey: [['apiKey']],
};

const PROMETHEUS: ScalerSpec = {
  types: ['prometheus'],
  params: [
    p('serverAddress', 'm', { required: true }), p('query', 'm', { required: true }), p('queryParameters', 'm'),
    p('threshold', 'm', { required: true, kind: 'float', role: 'target' }), p('activationThreshold', 'm', { kind: 'float' }),
    p('namespace', 'm'), p('customHeaders', 'm'), p('ignoreNullValues', 'm', { kind: 'bool' }), p('unsafeSsl', 'm', { kind: 'bool' }),
    p('awsRegion', 'ma'), p('timeout', 'm', { kind: 'duration' }), p('identityOwner', 'm'),
    p(['authModes', 'authMode'], 'ma', { list: true, values: ['apiKey', 'basic', 'tls', 'bearer', 'custom', 'oauth'] }),
    p(['bearerToken', 'token'], 'a'), p('username', 'a'), p('password', 'a'), p('cert', 'a'), p('key', 'a'), p('ca', 'a'),
    p('oauthTokenURI', 'a'), p(['scopes', 'scope'], 'a'), p('clientID', 'a'), p('clientSecret', 'a'), p('endpointParams', 'a'),
    p('customAuthHeader', 'a'), p('customAuthValue', 'a'), p('apiKey', 'ma', { secret: true }),
    p('method', 'ma', { values: ['header', 'query'] }), p('keyParamName', 'ma'),
  ],
  check(t) {
    const raw = t.value('authModes') ?? t.value('authMode');
    if (raw === undefined) return;
    const modes = raw.split(',').map((m) => m.trim());
    const exclusive = modes.filter((m) => ['bearer', 'basic', 'oauth'].includes(m));
    if (exclusive.length > 1) t.report(R.OPTIONS, 'authModes', raw, `only one of bearer, basic and oauth can be used (got ${exclusive.join(', ')})`);
    if (t.auth.podIdentity !== undefined && t.auth.podIdentity !== 'none') {
      t.report(R.OPTIONS, 'authModes', raw, `pod identity (${t.auth.podIdentity}) cannot be enabled with other auth types`, 'drop `authModes`, or the pod identity of the TriggerAuthentication');
    }
    for (const mode of modes) {
      for (const alternatives of AUTH_MODE_CREDENTIALS[mode] ?? []) {
        if (alternatives.every((n) => t.present(n) === 'no')) t.requireCredentials([alternatives[0]], `authModes ${mode}`);
      }
    }
  },
};

const CRON_FIELDS: [string, number, number, string[]?][] = [
  ['minute', 0, 59], ['hour', 0, 23], ['day of month', 1, 31],
  ['month', 1, 12, ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']],
  ['day of week', 0, 6, ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']],
];

/** Why a 5-field cron expression (robfig/cron Minute|Hour|Dom|Month|Dow) does not parse, or undefined. */
export function cronProblem(expr: string): string | undefined {
  const zone = /^(?:TZ|CRON_TZ)=(\S+)\s/.exec(expr)?.[1];
  if (zone !== undefined && !isGoTimeZone(zone)) return `provided bad location ${zone}${timeZoneHint(zone)}`;
  const body = expr.replace(/^(TZ|CRON_TZ)=\S+\s+/, '').trim();
  if (body.startsWith('@')) return 'descriptors such as @daily are not accepted; write the 5 fields';
  const fields = body.split(/\s+/);
  if (fields.length !== 5) return `expected 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`;
  for (let i = 0; i < 5; i++) {
    const [what, lo, hi, names] = CRON_FIELDS[i];
    const num = (s: string) => {
      const named = names?.indexOf(s.toUpperCase()) ?? -1;
      if (named >= 0) return named + lo;
      return /^\d+$/.test(s) ? Number(s) : NaN;
    };
    for (const part of fields[i].split(',')) {
      const m = /^(\*|\?|[^-/]+)(?:-([^/]+))?(?:\/(\d+))?$/.exec(part);
      if (!m) return `${what} "${part}" does not parse`;
      if ((m[1] === '?' && i !== 2 && i !== 4) || (m[3] !== undefined && Number(m[3]) === 0)) return `${what} "${part}" does not parse`;
      if (m[1] === '*' || m[1] === '?') {
        if (m[2] !== undefined) return `${what} "${part}" does not parse`;
        continue;
      }
      const start = num(m[1]);
      const end = m[2] === undefined ? start : num(m[2]);
      if (Number.isNaN(start) || Number.isNaN(end) || start < lo || end > hi || start > end) return `${what} "${part}" is outside ${lo}-${hi}`;
    }
  }
  return undefined;
}

/** Whether the cron scaler takes the zone: set (it refuses an empty `timezone`), and loaded by Go's time.LoadLocation. */
export function isTimeZone(zone: string): boolean {
  return zone !== '' && isGoTimeZone(zone);
}

const CRON: ScalerSpec = {
  types: ['cron'],
  params: [
    p('start', 'm', { required: true }), p('end', 'm', { required: true }), p('timezone', 'm', { required: true }),
    p('desiredReplicas', 'm', { required: true, kind: 'int' }),
  ],
  check(t) {
    const start = t.value('start');
    const end = t.value('end');
    for (const [name, expr] of [['start', start], ['end', end]] as const) {
      const problem = expr === undefined ? undefined : cronProblem(expr);
      if (problem) t.report(R.CRON, name, expr, `error parsing ${name} schedule: ${problem}`);
    }
    if (start !== undefined && start === end) t.report(R.CRON, 'end', end, 'start and end can not have exactly same time input');
    if (parseIntStrict(t.value('desiredReplicas') ?? '') === 0) t.report(R.CRON, 'desiredReplicas', t.value('desiredReplicas'), 'no desiredReplicas specified (0)');
    const zone = t.value('timezone');
    if (zone !== undefined && !isTimeZone(zone)) t.report(R.CRON, 'timezone', zone, `unknown time zone ("unable to load timezone")${timeZoneHint(zone)}`, 'use an IANA zone such as "Europe/Berlin" or "Etc/UTC"');
  },
};

const RABBITMQ_HTTP_ONLY_MODES = ['MessageRate', 'DeliverGetRate', 'PublishedToDeliveredRatio', 'ExpectedQueueConsumptionTime'];

/** The protocol a rabbitmq trigger ends up with: `amqp`, `http`, or undefined when it depends on a TriggerAuthentication value. */
function rabbitProtocol(t: TriggerView): 'amqp' | 'http' | undefined {
  const protocol = t.setting('protocol') ?? 'auto';
  if (protocol === 'amqp' || protocol === 'http') return protocol;
  if (protocol !== 'auto') return undefined;
  const host = t.value('host');
  if (host === undefined) return undefined;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(host)?.[1]?.toLowerCase() ?? '';
  if (scheme === 'amqp' || scheme === 'amqps') return 'amqp';
  if (scheme === 'http' || scheme === 'https') return 'http';
  t.report(R.OPTIONS, 'host', host, `unknown host URL scheme "${scheme}": with protocol auto the host must start with amqp://, amqps://, http:// or https://`);
  return undefined;
}

const RABBITMQ: ScalerSpec = {
  types: ['rabbitmq'],
  params: [
    p('queueName', 'm', { required: true }), p('mode', 'm'), p('queueLength', 'm', { kind: 'float', role: 'target' }),
    p('value', 'm', { kind: 'float', role: 'target' }), p('activationValue', 'm', { kind: 'float', role: 'activation' }),
    p('host', 'mae', { required: true }), p('protocol', 'ma', { values: ['auto', 'amqp', 'http'] }), p('vhostName', 'ma'),
    p('useRegex', 'm', { kind: 'bool' }), p('excludeUnacknowledged', 'm', { kind: 'bool' }), p('pageSize', 'm', { kind: 'int', min: 1 }),
    p('operation', 'm', { values: ['sum', 'avg', 'max'] }), p('timeout', 'm', { kind: 'duration' }),
    p('username', 'ae'), p('password', 'ae'), ...TLS_PARAMS, p('tls', 'a', { values: ['enable', 'disable'] }), p('unsafeSsl', 'm', { kind: 'bool' }),
    p('workloadIdentityResource', 'a'), p('oauthTokenURI', 'a'), p(['scopes', 'scope'], 'a'), p('clientID', 'a'), p('clientSecret', 'a'),
    p('endpointParams', 'a'),
  ],
  check(t) {
    const protocol = rabbitProtocol(t);
    const host = t.value('host');
    if (host !== undefined && /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/@:]*:[^/@]+@/.test(host)) {
      t.report(R.PLAINTEXT_SECRET, 'host', host.replace(/:[^/@:]+@/, ':***@'), 'the host URL carries a password in plain metadata');
    }
    const user = t.present('username');
    const password = t.present('password');
    if ((user === 'yes' && password === 'no') || (user === 'no' && password === 'yes')) {
      t.requireCredentials(['username', 'password'], 'username/password authentication');
    }
    const cert = t.present('cert');
    const key = t.present('key');
    if ((cert === 'yes' && key === 'no') || (cert === 'no' && key === 'yes')) t.requireCredentials(['cert', 'key'], 'a client certificate');
    if (protocol === 'amqp' && t.present('workloadIdentityResource') === 'yes') t.report(R.OPTIONS, 'host', host, 'workload identity is not supported for the AMQP protocol');
    const oauth = ['oauthTokenURI', 'clientID', 'clientSecret'].map((n) => t.present(n));
    if (oauth.includes('yes')) {
      t.requireCredentials(['oauthTokenURI', 'clientID', 'clientSecret'], 'OAuth2');
      if (protocol === 'amqp') t.report(R.OPTIONS, 'protocol', t.value('protocol') ?? 'amqp', 'OAuth2 authentication is only supported with HTTP protocol, not AMQP');
      if ((user === 'yes' && password === 'yes') || t.present('workloadIdentityResource') === 'yes') {
        t.report(R.OPTIONS, undefined, 'OAuth2', 'OAuth2 authentication cannot be combined with username/password authentication or Azure Workload Identity');
      }
    }
    for (const option of ['useRegex', 'excludeUnacknowledged']) {
      if (t.flag(option) && protocol === 'amqp') t.report(R.OPTIONS, option, t.value(option), `configure ${option}=true only with HTTP protocol`);
    }
    const queueLength = parseFloatStrict(t.value('queueLength') ?? '') ?? 0;
    const value = parseFloatStrict(t.value('value') ?? '') ?? 0;
    const mode = t.value('mode');
    if (queueLength === 0 && mode === undefined && value === 0) return;
    if (queueLength !== 0 && (mode !== undefined || value !== 0)) {
      t.report(R.OPTIONS, 'queueLength', t.value('queueLength'), 'queueLength is deprecated and cannot be combined with mode and value', 'use `mode` and `value` only');
    } else if (queueLength === 0) {
      if (mode === undefined) t.report(R.OPTIONS, 'mode', undefined, 'mode must be specified with value');
      else if (value === 0) t.report(R.OPTIONS, 'value', t.value('value'), `value must be specified with mode ${mode}`);
      else if (!['QueueLength', ...RABBITMQ_HTTP_ONLY_MODES].includes(mode)) {
        const guess = closest(mode, ['QueueLength', ...RABBITMQ_HTTP_ONLY_MODES]);
        t.report(R.VALUE, 'mode', mode, `mode must be one of QueueLength, ${RABBITMQ_HTTP_ONLY_MODES.join(', ')}`, guess ? `use "${guess}"` : undefined);
      } else if (RABBITMQ_HTTP_ONLY_MODES.includes(mode) && protocol === 'amqp') {
        t.report(R.OPTIONS, 'mode', mode, `mode ${mode} needs the HTTP protocol (the management API)`, 'use an http(s):// host or `protocol: http`');
      }
    }
    if (protocol === 'amqp' && t.value('timeout') !== undefined) t.report(R.OPTIONS, 'timeout', t.value('timeout'), 'AMQP protocol doesn\'t support custom timeouts');
  },
};

const AWS_SQS: ScalerSpec = {
  types: ['aws-sqs-queue'],
  params: [
    p('queueLength', 'm', { kind: 'int', role: 'target' }), p('activationQueueLength', 'm', { kind: 'int', role: 'activation' }),
    p('queueURL', 'me', { required: true }), p('awsRegion', 'ma', { required: true }), p('awsEndpoint', 'm'),
    p('scaleOnInFlight', 'm', { kind: 'bool' }), p('scaleOnDelayed', 'm', { kind: 'bool' }), ...AWS_CREDENTIAL_PARAMS,
  ],
  check(t) {
    const url = t.value('queueURL');
    // Go's url.ParseRequestURI accepts absolute URLs and absolute paths; anything else is taken as a queue name.
    if (url !== undefined && (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url) || url.startsWith('/'))) {
      const path = url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:(\/\/[^/]*)?/, '').split(/[?#]/)[0];
      const parts = path.split('/');
      if (parts.length !== 3 || parts[2] === '') {
        t.report(R.VALUE, 'queueURL', url, 'cannot get queueName from queueURL: the path must be /<account id>/<queue name>', 'use the queue URL as SQS shows it, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/tickets');
      }
    }
    checkAwsCredentials(t);
  },
};

const REDIS: ScalerSpec = {
  types: ['redis', 'redis-cluster', 'redis-sentinel'],
  params: [
    p('listLength', 'm', { kind: 'int', role: 'target' }), p('activationListLength', 'm', { kind: 'int', role: 'activation' }),
    p('listName', 'm', { required: true }), p('databaseIndex', 'm', { kind: 'int' }), p('enableTLS', 'm', { kind: 'bool' }),
    p('tls', 'a', { values: ['enable', 'disable'] }),
    p(['address', 'addresses'], 'mae'), p('username', 'mae'), p('password', 'mae', { secret: true }),
    p('sentinelUsername', 'mae'), p('sentinelPassword', 'mae', { secret: true }), p('sentinelMaster', 'mae'),
    p(['host', 'hosts'], 'mae'), p(['port', 'ports'], 'mae'), p('unsafeSsl', 'm', { kind: 'bool' }),
    p(['Cert', 'cert'], 'a'), p('key', 'a'), p('keyPassword', 'a'), p('ca', 'a'),
  ],
  check(t) {
    const hosts = t.value('host') ?? t.value('hosts');
    const ports = t.value('port') ?? t.value('ports');
    if (hosts !== undefined && ports !== undefined && hosts.split(',').length !== ports.split(',').length) {
      t.report(R.OPTIONS, t.value('ports') !== undefined ? 'ports' : 'port', ports, `${hosts.split(',').length} hosts but ${ports.split(',').length} ports: they must pair up`);
    }
    const address = t.present('address');
    const pair = [t.present('host'), t.present('port')];
    if (address === 'no' && pair.includes('no')) {
      t.report(R.REQUIRED, 'address', undefined, 'no address: set "address" (or "addresses"), or "host" and "port"', 'set `address` (e.g. "redis.data:6379"), or provide it as a TriggerAuthentication parameter');
    }
    if (t.value('enableTLS') !== undefined && t.present('tls') === 'yes') {
      t.report(R.OPTIONS, 'enableTLS', t.value('enableTLS'), 'unable to set `tls` in both ScaledObject and TriggerAuthentication together');
    }
  },
};

const TEMPORAL: ScalerSpec = {
  types: ['temporal'],
  params: [
    p('endpoint', 'me', { required: true }), p('namespace', 'me'),
    p('activationTargetQueueSize', 'm', { kind: 'int', role: 'activation' }), p('targetQueueSize', 'm', { kind: 'int', role: 'target' }),
    p('taskQueue', 'me', { required: true }), p('queueTypes', 'm', { list: true, values: ['workflow', 'activity', 'nexus'] }),
    p('buildId', 'me'), p('workerDeploymentName', 'me'), p('workerDeploymentBuildId', 'me'),
    p('selectAllActive', 'm', { kind: 'bool' }), p('selectUnversioned', 'm', { kind: 'bool' }), p('apiKey', 'ae'),
    p('minConnectTimeout', 'm', { kind: 'int', min: 0 }), p('unsafeSsl', 'm', { kind: 'bool' }), ...TLS_PARAMS, p('tlsServerName', 'm'),
  ],
  check(t) {
    const cert = t.present('cert');
    const key = t.present('key');
    if ((cert === 'yes' && key === 'no') || (cert === 'no' && key === 'yes')) t.requireCredentials(['cert', 'key'], 'TLS client authentication');
    const name = t.present('workerDeploymentName');
    const build = t.present('workerDeploymentBuildId');
    if ((name === 'yes' && build === 'no') || (name === 'no' && build === 'yes')) {
      t.report(R.OPTIONS, name === 'yes' ? 'workerDeploymentName' : 'workerDeploymentBuildId', t.value('workerDeploymentName') ?? t.value('workerDeploymentBuildId'), 'workerDeploymentName and workerDeploymentBuildId must both be set');
    }
    if (name === 'yes' && (t.present('buildId') === 'yes' || t.flag('selectAllActive') || t.flag('selectUnversioned'))) {
      t.report(R.OPTIONS, 'workerDeploymentName', t.value('workerDeploymentName'), 'workerDeploymentName/workerDeploymentBuildId cannot be combined with buildId, selectAllActive, or selectUnversioned');
    }
  },
};

const RESOURCE: ScalerSpec = {
  types: RESOURCE_TRIGGER_TYPES,
  params: [p('type', 'm'), p('value', 'm', { required: true }), p('containerName', 'm')],
};

const SCALERS: readonly ScalerSpec[] = [KAFKA, PROMETHEUS, CRON, RABBITMQ, AWS_SQS, REDIS, TEMPORAL, RESOURCE];

export function scalerSpec(type: string): ScalerSpec | undefined {
  return SCALERS.find((s) => s.types.includes(type));
}

/** The metadata keys a scaler reads, for messages. */
export function metadataKeys(spec: ScalerSpec): string[] {
  const keys: string[] = [];
  for (const param of spec.params) {
    for (const n of param.names) {
      if (param.from.includes('m')) keys.push(n);
      if (param.from.includes('e')) keys.push(`${n}FromEnv`);
    }
  }
  return keys;
}

/**
 * Checks a trigger's metadata against its scaler: required parameters,
 * types, allowed values, targets, keys the scaler ignores, and the scaler's
 * cross-parameter rules.
 */
export function checkScalerMetadata(view: TriggerView, spec: ScalerSpec, out: FindingList): void {
  const known = metadataKeys(spec);
  for (const [key, raw] of Object.entries(view.metadata)) {
    if (known.includes(key)) continue;
    const authOnly = spec.params.find((x) => x.names.includes(key));
    if (authOnly) {
      out.add(R.UNKNOWN_KEY, view.field(key), raw, `${view.type} scaler: "${key}" is read only from a TriggerAuthentication${authOnly.from.includes('e') ? ` or "${key}FromEnv"` : ''}; in metadata it is ignored`,
        `move it to a TriggerAuthentication parameter "${key}" (TriggerAuth.fromSecrets)`,
        `move it to a parameter "${key}" of the TriggerAuthentication (\`spec.secretTargetRef: [{ parameter: ${key}, name, key }]\`)`);
    } else {
      const guess = closest(key, known);
      out.add(R.UNKNOWN_KEY, view.field(key), raw, `${view.type} scaler: "${key}" is not a parameter of this scaler; KEDA ignores it`,
        guess ? `did you mean "${guess}"?` : `remove it; the scaler reads ${known.join(', ')}`);
    }
  }
  for (const param of spec.params) {
    const name = param.names.find((n) => view.value(n) !== undefined) ?? param.names[0];
    if (param.required && view.present(name) === 'no') {
      const where = [param.from.includes('m') ? 'the metadata' : '', param.from.includes('e') ? `"${name}FromEnv"` : '', param.from.includes('a') ? 'a TriggerAuthentication parameter' : ''].filter(Boolean);
      out.add(R.REQUIRED, view.field(name), undefined, `${view.type} scaler: missing required parameter "${name}" (read from ${where.join(', ')})`);
    }
    const raw = param.from.includes('m') ? view.value(name) : undefined;
    if (raw === undefined) continue;
    if (param.secret) {
      out.add(R.PLAINTEXT_SECRET, view.field(name), '***', `${view.type} scaler: "${name}" is a credential written in plain metadata`);
    }
    checkValue(view, param, name, raw, out);
  }
  spec.check?.(view);
}

function checkValue(view: TriggerView, param: Param, name: string, raw: string, out: FindingList): void {
  const field = view.field(name);
  const problem = (text: string, fix?: string) => out.add(R.VALUE, field, raw, `${view.type} scaler: "${name}" ${text}`, fix);
  if (param.values) {
    const items = param.list ? raw.split(',').map((s) => s.trim()) : [raw];
    const bad = items.filter((i) => !param.values!.includes(i));
    if (bad.length > 0) {
      const guess = closest(bad[0], param.values);
      problem(`must be one of ${param.values.join(', ')} (got "${bad.join(', ')}")`, guess ? `use "${guess}"` : undefined);
    }
    return;
  }
  let n: number | undefined;
  if (param.kind === 'int') {
    n = parseIntStrict(raw);
    if (n === undefined) return problem('must be a whole number');
  } else if (param.kind === 'float') {
    n = parseFloatStrict(raw);
    if (n === undefined) return problem('must be a number');
  } else if (param.kind === 'bool') {
    if (parseGoBool(raw) === undefined) problem('must be true or false', 'write "true" or "false"');
    return;
  } else if (param.kind === 'duration') {
    const seconds = parseGoDuration(raw) ?? (parseIntStrict(raw) !== undefined ? parseIntStrict(raw)! / 1000 : undefined);
    if (seconds === undefined || seconds < 0) problem('must be a non-negative duration such as "30s", or a number of milliseconds');
    return;
  }
  if (n === undefined) return;
  if (param.role === 'target' && n <= 0) {
    out.add(R.THRESHOLD, field, raw, `${view.type} scaler: the target "${name}" must be > 0`, `use a positive ${name}, e.g. "10"`);
  } else if (param.role === 'activation' && n < 0) {
    out.add(R.THRESHOLD, field, raw, `${view.type} scaler: the activation threshold "${name}" must be ≥ 0`);
  } else if (param.min !== undefined && n < param.min) {
    problem(`must be ≥ ${param.min}`);
  }
}

/** A cpu/memory trigger's value and metric type (pkg/scalers/cpu_memory_scaler.go#L51-79). */
export function checkResourceTrigger(view: TriggerView, metricType: unknown, out: FindingList): void {
  if (view.value('type') !== undefined) {
    out.add(R.METRIC_TYPE, view.field('type'), view.value('type'), `${view.type} scaler: the "type" metadata was removed in KEDA 2.18`, 'set `metricType` on the trigger instead');
  }
  if (metricType !== 'Utilization' && metricType !== 'AverageValue') {
    out.add(R.METRIC_TYPE, `${view.base}.metricType`, metricType, `${view.type} triggers need metricType Utilization or AverageValue ("unknown metric type")`);
    return;
  }
  const value = view.value('value');
  if (value === undefined) return;
  if (metricType === 'Utilization' && parseIntStrict(value) === undefined) {
    out.add(R.VALUE, view.field('value'), value, `${view.type} scaler: a Utilization value is a whole percentage`);
  } else if (metricType === 'AverageValue' && parseQuantity(value) === undefined) {
    out.add(R.VALUE, view.field('value'), value, `${view.type} scaler: an AverageValue is a quantity such as "500m" or "512Mi"`);
  }
}
