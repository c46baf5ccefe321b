// What KEDA 2.20's scalers read from a trigger. The parameters of every scaler
// (names, aliases, where each is read from and in which order, Go type,
// default, allowed values, optional or required) come from KEDA's own
// generated schema (scalers.generated.ts, `npx tsx scripts/gen-keda-scalers.ts`);
// values are parsed as TypedConfig parses them (typed-config.ts). What stays
// written by hand here is what the schema cannot say, each with its reason.
// KEDA parses all this only at reconcile (the webhook never does), so a
// mistake otherwise surfaces as a ScaledObject that never becomes ready.
import { FindingList } from '../engine/rule';
import { closest } from '../engine/text';
import { goUrlProblem } from '../k8s/go-url';
import { selectorStringProblem } from '../k8s/label-selectors';
import { parseQuantity } from '../k8s/values';
import { isGoTimeZone, timeZoneHint } from '../k8s/timezones';
import { SCALER_PARAMS, ScalerParam } from './scalers.generated';
import { TRIGGER_RULES as R } from './triggers.rules';
import { goParseBool, goParseDuration, jsonFloat, jsonInt, typedDuration, typedValueProblem } from './typed-config';

/**
 * Every trigger type KEDA 2.20 builds a scaler for (pkg/scaling/scalers_builder.go#L124-284):
 * the schema's, plus `external-mock`, a test scaler whose metadata is not typed.
 */
export const KNOWN_TRIGGER_TYPES: readonly string[] = [...Object.keys(SCALER_PARAMS), 'external-mock'].sort();

/** Resource-metric triggers: no external metric, no fallback, no scale to zero on their own. */
export const RESOURCE_TRIGGER_TYPES: readonly string[] = ['cpu', 'memory'];

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

/** Where TypedConfig finds a parameter: the first source, in the field's order, that has it. */
interface Lookup {
  readonly presence: Presence;
  /** The source that certainly provides it (`m` metadata, `e` env, `a` TriggerAuthentication). */
  readonly from?: string;
  /** The name it is found under. */
  readonly name?: string;
}

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
    /** The trigger feeds a ScaledObject's scalingModifiers formula (KEDA builds it as a metric source, pkg/scaling/scale_handler.go#L485-488). */
    public readonly metricSource: boolean = false,
  ) {}

  /** The metadata value (trimmed), when written and non-empty (TypedConfig skips empty values). */
  public value(name: string): string | undefined {
    const v = this.metadata[name];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  }

  /** configParamValue (typed_config.go): each source in order, each name in order. */
  public lookup(param: ScalerParam): Lookup {
    let unknown = false;
    for (const source of param.from) {
      for (const n of param.n) {
        if (source === 'm' && this.value(n) !== undefined) return unknown ? { presence: 'yes' } : { presence: 'yes', from: 'm', name: n };
        if (source === 'e' && this.value(`${n}FromEnv`) !== undefined) return unknown ? { presence: 'yes' } : { presence: 'yes', from: 'e', name: n };
        if (source === 'a') {
          if (this.auth.parameters === undefined) unknown = true;
          else if (this.auth.parameters.has(n)) return unknown ? { presence: 'yes' } : { presence: 'yes', from: 'a', name: n };
        }
      }
    }
    return { presence: unknown ? 'unknown' : 'no' };
  }

  /** Whether the scaler will find the parameter anywhere it looks. */
  public present(name: string): Presence {
    return this.lookup(this.spec.params.find((x) => x.n.includes(name)) ?? { n: [name], from: 'm', t: 'string' }).presence;
  }

  /** The value of a parameter read from metadata or a TriggerAuthentication: undefined when absent, `unknown` when only the TriggerAuthentication may have it. */
  public setting(name: string): string | 'unknown' | undefined {
    return this.value(name) ?? (this.present(name) === 'no' ? undefined : 'unknown');
  }

  /** A boolean metadata flag as Go's strconv.ParseBool reads it (false when absent or invalid). */
  public flag(name: string): boolean {
    const v = this.value(name);
    return v !== undefined && goParseBool(v) === true;
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

/** A scaler: the generated parameters, and what only its code says. */
export interface ScalerSpec {
  readonly type: string;
  /** TypedConfig's fields (generated), then the parameters read outside it (hand-written). */
  readonly params: readonly ScalerParam[];
  readonly hand: Hand;
}

/** What the schema cannot say about a scaler, written from its code. */
interface Hand {
  /**
   * Parameters the scaler reads outside TypedConfig (shared AWS, GCP and Azure helpers,
   * backwards-compatibility code): the schema only lists TypedConfig's fields.
   */
  readonly extra?: readonly ScalerParam[];
  /**
   * The parameter that becomes the HPA metric target (> 0) and its activation threshold
   * (≥ 0): the schema says a parameter is a number, not which one is the target.
   */
  readonly targets?: readonly string[];
  readonly activations?: readonly string[];
  /**
   * Targets and activation thresholds the scaler's own code bounds (`>0` or `>=0`), whether
   * or not the trigger feeds scalingModifiers. Elsewhere the library's bound on a metric
   * source stands aside: KEDA's HPA then scales on the formula's target, not the trigger's.
   */
  readonly refuses?: Readonly<Record<string, '>0' | '>=0'>>;
  /**
   * Targets the scaler refuses when unset or 0, unless the trigger is a metric source of
   * scalingModifiers (`!config.AsMetricSource && X == 0`: code, not tags).
   */
  readonly nonZero?: readonly string[];
  /** The scaler's Validate() and parse code across parameters: code, not tags. */
  readonly checks?: readonly ((t: TriggerView) => void)[];
  /** Every metadata key is passed on (the external scalers hand the whole map to their server). */
  readonly openMetadata?: boolean;
  /** Key prefixes the scaler reads by ranging over the metadata (a family of keys, not a field). */
  readonly keyPrefixes?: readonly string[];
}

/** A parameter read outside TypedConfig; optional, its presence checked by the scaler's own code. */
function x(name: string, from: string): ScalerParam {
  return { n: [name], from, t: 'string', opt: 1 };
}

/**
 * Credentials that work written in metadata but put a secret in Git: the schema says where
 * a parameter may be read from, not that it is a secret.
 */
const CREDENTIAL_NAMES: ReadonlySet<string> = new Set([
  'password', 'sentinelPassword', 'apiKey', 'authToken', 'activeDirectoryClientPassword', 'clientSecret', 'connection', 'credentials', 'queryKey',
]);

/** Without pod identity, the AWS SDK credentials the trigger carries (pkg/scalers/aws/aws_common.go#L82-147). */
function checkAwsCredentials(t: TriggerView): void {
  if (t.auth.podIdentity === undefined || t.auth.podIdentity === 'aws') return;
  // GetAwsAuthorization switches on the raw metadata value (not trimmed).
  const owner = typeof t.metadata.identityOwner === 'string' ? t.metadata.identityOwner : '';
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

/** Without pod identity gcp, the credentials gcp.GetGCPAuthorization reads (pkg/scalers/gcp/gcp_common.go#L59-77). */
function checkGcpCredentials(t: TriggerView): void {
  if (t.auth.podIdentity === undefined || t.auth.podIdentity === 'gcp') return;
  // GetGCPAuthorization tests the raw metadata (`!= ""`, not trimmed).
  const raw = (k: string) => typeof t.metadata[k] === 'string' && t.metadata[k] !== '';
  if (t.present('GoogleApplicationCredentials') !== 'no' || raw('credentialsFromEnv') || raw('credentialsFromEnvFile')) return;
  t.report(R.CREDENTIALS, undefined, undefined, 'no GCP credentials: without pod identity gcp the scaler needs "GoogleApplicationCredentials" (a TriggerAuthentication parameter), "credentialsFromEnv" or "credentialsFromEnvFile" ("google application credentials not found")',
    'use `TriggerAuth.fromPodIdentity(PodIdentity.gcp())`, or `TriggerAuth.fromSecrets(secrets, { GoogleApplicationCredentials: ... })`',
    'set `spec.podIdentity: { provider: gcp }` in the TriggerAuthentication, or add `GoogleApplicationCredentials` to its `spec.secretTargetRef`');
}

/** gcp_pubsub_scaler.go Validate (#L114-121): a subscription or a topic, not both. */
function checkPubSubResource(t: TriggerView): void {
  const sub = t.present('subscriptionName');
  const topic = t.present('topicName');
  if (sub === 'yes' && topic === 'yes') t.report(R.OPTIONS, 'topicName', t.value('topicName'), 'exactly one of subscription or topic name must be given, not both', 'keep `subscriptionName` or `topicName`');
  else if (sub === 'no' && topic === 'no') t.report(R.REQUIRED, 'subscriptionName', undefined, 'exactly one of subscription or topic name must be given', 'set `subscriptionName` (or `topicName`)');
}

/** Read by awsutils.GetAwsAuthorization (pkg/scalers/aws/aws_common.go#L82-147) from the raw maps. */
const AWS_CREDENTIAL_PARAMS = [
  x('identityOwner', 'm'), x('awsAccessKeyID', 'mea'), x('awsAccessKeyId', 'a'), x('awsSecretAccessKey', 'ea'), x('awsSessionToken', 'a'), x('awsRoleArn', 'a'),
];
/** Read by gcp.GetGCPAuthorization (pkg/scalers/gcp/gcp_common.go#L59-77). */
const GCP_CREDENTIAL_PARAMS = [x('GoogleApplicationCredentials', 'a'), x('credentials', 'e'), x('credentialsFromEnvFile', 'm')];
/** Read by azure.ParseEnvironmentProperty (pkg/scalers/azure/azure_cloud_environment.go#L38-60). */
const AZURE_CLOUD_PARAMS = [x('cloud', 'm'), x('endpointSuffix', 'm'), x('storageEndpointSuffix', 'm'), x('activeDirectoryEndpoint', 'm')];

/** authentication.Config's Validate() (pkg/scalers/authentication/authentication_types.go#L113-138): the credentials each mode needs. */
const AUTH_MODE_CREDENTIALS: Record<string, string[][]> = {
  bearer: [['bearerToken', 'token']],
  basic: [['username']],
  tls: [['cert'], ['key']],
  oauth: [['oauthTokenURI'], ['clientID']],
  custom: [['customAuthHeader'], ['customAuthValue']],
  apiKey: [['apiKey']],
};

/** The authModes of the scalers embedding authentication.Config (its enum and exclusive set are generated). */
function checkAuthModes(t: TriggerView): void {
  const raw = t.value('authModes') ?? t.value('authMode');
  if (raw === undefined) return;
  const modes = raw.split(',').map((m) => m.trim());
  // prometheus_scaler.go: a pod identity and an auth mode exclude each other.
  if (t.type === 'prometheus' && t.auth.podIdentity !== undefined && t.auth.podIdentity !== 'none') {
    t.report(R.OPTIONS, 'authModes', raw, `pod identity (${t.auth.podIdentity}) cannot be enabled with other auth types`, 'drop `authModes`, or the pod identity of the TriggerAuthentication');
  }
  for (const mode of modes) {
    for (const alternatives of AUTH_MODE_CREDENTIALS[mode] ?? []) {
      if (alternatives.every((n) => t.present(n) === 'no')) t.requireCredentials([alternatives[0]], `authModes ${mode}`);
    }
  }
}

/** A `1,2,5-7` list of partitions, as kafka_scaler.go parsePartitionLimitation reads it (a string field the scaler parses itself). */
const PARTITIONS = /^\s*\d+\s*(-\s*\d+\s*)?(,\s*\d+\s*(-\s*\d+\s*)?)*$/;

/** sarama.ParseKafkaVersion (IBM/sarama v1.49.0 utils.go#L311-341): `0.a.b.c` before Kafka 1.0, `a.b.c` after, each number a uint64. */
export function isKafkaVersion(s: string): boolean {
  if (s.length < 5 || !(s.startsWith('0') ? /^0\.\d+\.\d+\.\d+$/ : /^\d+\.\d+\.\d+$/).test(s)) return false;
  return s.split('.').every((n) => BigInt(n) <= 2n ** 64n - 1n);
}

/** kafka_scaler.go parseKafkaMetadata and parseKafkaAuthParams (#L115-297), the version (#L376-383). */
function checkKafka(t: TriggerView): void {
  const version = t.value('version');
  if (version !== undefined && !isKafkaVersion(version)) {
    t.report(R.VALUE, 'version', version, `error parsing kafka version: invalid version \`${version}\``, 'write the brokers\' Kafka version as three numbers, e.g. "3.6.0" (four before 1.0: "0.11.0.2")');
  }
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
}

/** apache_kafka_scaler.go Validate (#L90-124) and parseApacheKafkaAuthParams (#L159-171): partitions with lag need a topic; TLS client cert and key together; what each SASL type needs. */
function checkApacheKafka(t: TriggerView): void {
  if (t.flag('allowIdleConsumers') && t.flag('limitToPartitionsWithLag')) {
    t.report(R.OPTIONS, 'limitToPartitionsWithLag', t.value('limitToPartitionsWithLag'), 'allowIdleConsumers and limitToPartitionsWithLag cannot be set simultaneously');
  }
  if (t.flag('limitToPartitionsWithLag') && t.present('topic') === 'no') t.report(R.OPTIONS, 'limitToPartitionsWithLag', t.value('limitToPartitionsWithLag'), 'topic must be specified when using limitToPartitionsWithLag', 'set `topic`');
  const tls = t.setting('tls');
  if (tls === 'enable') {
    const cert = t.present('cert');
    const key = t.present('key');
    if ((cert === 'yes' && key === 'no') || (cert === 'no' && key === 'yes')) t.requireCredentials(['cert', 'key'], 'a TLS client certificate');
  }
  // parseApacheKafkaAuthParams (#L160-171): `sasl` and `tls` in one place only; MSK IAM through GetAwsAuthorization.
  for (const name of ['sasl', 'tls']) {
    if (typeof t.metadata[name] === 'string' && t.metadata[name] !== '' && t.auth.parameters?.has(name)) {
      t.report(R.OPTIONS, name, t.metadata[name], `unable to set \`${name}\` in both ScaledObject and TriggerAuthentication together`, `keep \`${name}\` in the metadata or in the TriggerAuthentication`);
    }
  }
  const sasl = t.setting('sasl');
  if (sasl === 'plaintext') t.requireCredentials(['username', 'password'], 'sasl plaintext');
  if (sasl === 'aws_msk_iam') {
    if (t.value('awsRegion') === undefined) t.report(R.OPTIONS, 'awsRegion', undefined, 'awsRegion must be set when using AWS MSK IAM');
    if (tls !== 'enable' && tls !== 'unknown') t.report(R.OPTIONS, 'tls', t.value('tls'), 'TLS must be enabled when using AWS MSK IAM', 'set `tls: enable`');
    checkAwsCredentials(t);
  }
}

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

/** cron_scaler.go parseCronMetadata (#L30-57): schedules, zone and replicas, parsed by its own code. */
function checkCron(t: TriggerView): void {
  const start = t.value('start');
  const end = t.value('end');
  for (const [name, expr] of [['start', start], ['end', end]] as const) {
    const problem = expr === undefined ? undefined : cronProblem(expr);
    if (problem) t.report(R.CRON, name, expr, `error parsing ${name} schedule: ${problem}`);
  }
  if (start !== undefined && start === end) t.report(R.CRON, 'end', end, 'start and end can not have exactly same time input');
  if (jsonInt(t.value('desiredReplicas') ?? '') === 0) t.report(R.CRON, 'desiredReplicas', t.value('desiredReplicas'), 'no desiredReplicas specified (0)');
  const zone = t.value('timezone');
  if (zone !== undefined && !isTimeZone(zone)) t.report(R.CRON, 'timezone', zone, `unknown time zone ("unable to load timezone")${timeZoneHint(zone)}`, 'use an IANA zone such as "Europe/Berlin" or "Etc/UTC"');
}

const RABBITMQ_HTTP_ONLY_MODES = ['MessageRate', 'DeliverGetRate', 'PublishedToDeliveredRatio', 'ExpectedQueueConsumptionTime'];

/** The protocol a rabbitmq trigger ends up with: `amqp`, `http`, or undefined when it depends on a TriggerAuthentication value. */
function rabbitProtocol(t: TriggerView): 'amqp' | 'http' | undefined {
  const protocol = t.setting('protocol') ?? 'auto';
  if (protocol === 'amqp' || protocol === 'http') return protocol;
  if (protocol !== 'auto') {
    // Validate (rabbitmq_scaler.go#L136-140): a string field, its values checked by code, not by an enum tag.
    if (protocol !== 'unknown') t.report(R.VALUE, 'protocol', protocol, `the protocol has to be either amqp, http, or auto but is "${protocol}"`, closest(protocol, ['amqp', 'http', 'auto']) ? `use "${closest(protocol, ['amqp', 'http', 'auto'])}"` : 'use amqp, http or auto');
    return undefined;
  }
  const host = t.value('host');
  if (host === undefined) return undefined;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(host)?.[1]?.toLowerCase() ?? '';
  if (scheme === 'amqp' || scheme === 'amqps') return 'amqp';
  if (scheme === 'http' || scheme === 'https') return 'http';
  t.report(R.OPTIONS, 'host', host, `unknown host URL scheme "${scheme}": with protocol auto the host must start with amqp://, amqps://, http:// or https://`);
  return undefined;
}

/** rabbitmq_scaler.go parseRabbitMQMetadata and Validate (#L136-287), the protocol (#L137-140). */
function checkRabbitMQ(t: TriggerView): void {
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
  const queueLength = jsonFloat(t.value('queueLength') ?? '') ?? 0;
  const value = jsonFloat(t.value('value') ?? '') ?? 0;
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
}

/** aws_sqs_queue_scaler.go (#L88-128): the queue name taken from the URL path. */
function checkSqsQueueURL(t: TriggerView): void {
  const url = t.value('queueURL');
  // Go's url.ParseRequestURI accepts absolute URLs and absolute paths; anything else is taken as a queue name.
  if (url !== undefined && (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url) || url.startsWith('/'))) {
    const path = url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:(\/\/[^/]*)?/, '').split(/[?#]/)[0];
    const parts = path.split('/');
    if (parts.length !== 3 || parts[2] === '') {
      t.report(R.VALUE, 'queueURL', url, 'cannot get queueName from queueURL: the path must be /<account id>/<queue name>', 'use the queue URL as SQS shows it, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/tickets');
    }
  }
}

/** redis_scaler.go (#L76-119, #L279-294) and redis_streams_scaler.go Validate (#L64-73): the connection info's own checks. */
function checkRedis(t: TriggerView): void {
  const hosts = t.value('host') ?? t.value('hosts');
  const ports = t.value('port') ?? t.value('ports');
  if (hosts !== undefined && ports !== undefined && hosts.split(',').length !== ports.split(',').length) {
    t.report(R.OPTIONS, t.value('ports') !== undefined ? 'ports' : 'port', ports, `${hosts.split(',').length} hosts but ${ports.split(',').length} ports: they must pair up`);
  }
  // validateRedisAddress (redis_scaler.go#L279-293) reads the first address of the list: "," gives an empty one.
  const addresses = t.value('address') ?? t.value('addresses');
  if (addresses !== undefined && addresses.split(',')[0].trim() === '') {
    t.report(R.VALUE, t.value('address') !== undefined ? 'address' : 'addresses', addresses, 'the first address is empty ("no addresses or hosts given")', 'write host:port addresses separated by commas, e.g. "redis-0.data:6379,redis-1.data:6379"');
  }
  const address = t.present('address');
  const pair = [t.present('host'), t.present('port')];
  if (address === 'no' && pair.includes('no')) {
    t.report(R.REQUIRED, 'address', undefined, 'no address: set "address" (or "addresses"), or "host" and "port"', 'set `address` (e.g. "redis.data:6379"), or provide it as a TriggerAuthentication parameter');
  }
  const enableTLS = t.value('enableTLS');
  if (enableTLS !== undefined && t.present('tls') === 'yes') {
    t.report(R.OPTIONS, 'enableTLS', enableTLS, 'unable to set `tls` in both ScaledObject and TriggerAuthentication together');
  } else if (enableTLS !== undefined && goParseBool(enableTLS) === undefined) {
    // A string field SetEnableTLS parses itself (redis_scaler.go#L83-89): the schema says string, not bool.
    t.report(R.VALUE, 'enableTLS', enableTLS, '"enableTLS" must be a boolean as Go\'s strconv.ParseBool reads it ("EnableTLS parsing error")', 'write "true" or "false"');
  }
}

/** temporal_scaler.go Validate (#L67-91). */
function checkTemporal(t: TriggerView): void {
  // getQueueTypes (#L336-355) maps each item by a switch and drops the rest silently: no enum tag, so not in the schema.
  const types = t.value('queueTypes');
  const unknown = types?.split(',').map((s) => s.trim()).filter((s) => !['workflow', 'activity', 'nexus'].includes(s)) ?? [];
  if (unknown.length > 0) {
    const guess = closest(unknown[0], ['workflow', 'activity', 'nexus']);
    t.report(R.VALUE, 'queueTypes', types, `queue types must be workflow, activity or nexus; KEDA silently drops "${unknown.join('", "')}"`, guess ? `use "${guess}"` : undefined);
  }
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
}

/**
 * What the Azure storage and bus scalers need, by pod identity: a connection string
 * without one, an account or namespace with azure-workload (parse code, not tags:
 * azure_servicebus_scaler.go#L156-175, azure_queue_scaler.go#L101-116,
 * azure_blob_scaler.go#L140-158, azure_eventhub_scaler.go#L144-193). Each inner
 * list is one need, met by any of its names.
 */
const AZURE_IDENTITY_NEEDS: Readonly<Record<string, { none: string[][]; workload: string[][]; onlyWorkload?: boolean }>> = {
  'azure-servicebus': { none: [['connection']], workload: [['namespace']] },
  'azure-queue': { none: [['connection']], workload: [['accountName']], onlyWorkload: true },
  'azure-blob': { none: [['connection']], workload: [['accountName']], onlyWorkload: true },
  'azure-eventhub': { none: [['storageConnection'], ['connection']], workload: [['storageConnection', 'storageAccountName'], ['eventHubNamespace'], ['eventHubName']] },
  // Azure AD application credentials (azure_app_insights_scaler.go#L169-183, azure_monitor_scaler.go#L119-133,
  // azure_log_analytics_scaler.go#L66-80, azure_data_explorer_scaler.go#L126-150).
  'azure-app-insights': { none: [['activeDirectoryClientId'], ['activeDirectoryClientPassword']], workload: [], onlyWorkload: true },
  'azure-monitor': { none: [['activeDirectoryClientId'], ['activeDirectoryClientPassword']], workload: [], onlyWorkload: true },
  'azure-log-analytics': { none: [['tenantId'], ['clientId'], ['clientSecret']], workload: [] },
  'azure-data-explorer': { none: [['tenantId'], ['clientId'], ['clientSecret']], workload: [], onlyWorkload: true },
};

/** Azure parameters reported as credentials (KEDA-TRIGGER-007): connection strings and Azure AD application identities. */
const AZURE_CREDENTIALS: ReadonlySet<string> = new Set(['connection', 'storageConnection', 'activeDirectoryClientId', 'clientId', 'tenantId']);

function checkAzureIdentity(t: TriggerView): void {
  const needs = AZURE_IDENTITY_NEEDS[t.type];
  const identity = t.auth.podIdentity;
  if (!needs || identity === undefined) return;
  if (identity !== 'none' && identity !== 'azure-workload') {
    if (needs.onlyWorkload) t.report(R.CREDENTIALS, undefined, identity, `pod identity ${identity} is not supported: use none (credentials in parameters) or azure-workload`);
    return;
  }
  for (const need of identity === 'none' ? needs.none : needs.workload) {
    if (!need.every((n) => t.present(n) === 'no')) continue;
    if (AZURE_CREDENTIALS.has(need[0]) || CREDENTIAL_NAMES.has(need[0])) t.requireCredentials([need[0]], identity === 'none' ? 'without pod identity, the scaler' : 'azure-workload identity');
    else t.report(R.REQUIRED, need[0], undefined, `${identity === 'none' ? 'without pod identity' : 'with azure-workload identity'} the scaler needs "${need.join('" or "')}"`);
  }
}

/** azure_servicebus_scaler.go Validate (#L75-121): a queue, or a topic with its subscription. */
function checkServiceBusEntity(t: TriggerView): void {
  const queue = t.value('queueName');
  const topic = t.value('topicName');
  if (queue !== undefined && t.value('subscriptionName') !== undefined) t.report(R.OPTIONS, 'subscriptionName', t.value('subscriptionName'), 'subscription name provided with queue name', 'drop `subscriptionName` (a queue has none), or use `topicName` instead of `queueName`');
  else if (queue !== undefined && topic !== undefined) t.report(R.OPTIONS, 'topicName', topic, 'both topic and queue name metadata provided', 'keep `queueName`, or `topicName` with `subscriptionName`');
  else if (topic !== undefined && t.value('subscriptionName') === undefined) t.report(R.REQUIRED, 'subscriptionName', undefined, 'no subscription name provided with topic name');
  else if (queue === undefined && topic === undefined) t.report(R.REQUIRED, 'queueName', undefined, 'no service bus entity type set: set "queueName", or "topicName" and "subscriptionName"');
}

/** Whether each parameter is given; undefined when one of them may come from a TriggerAuthentication the check cannot see. */
function given(t: TriggerView, names: readonly string[]): Record<string, boolean> | undefined {
  const out: Record<string, boolean> = {};
  for (const n of names) {
    const p = t.present(n);
    if (p === 'unknown') return undefined;
    out[n] = p === 'yes';
  }
  return out;
}

/** Reports the parameters of `names` that are certainly missing (credentials as such). */
function requireAll(t: TriggerView, names: readonly string[], why: string): void {
  const missing = names.filter((n) => t.present(n) === 'no');
  const secrets = missing.filter((n) => CREDENTIAL_NAMES.has(n));
  if (secrets.length > 0) t.requireCredentials(secrets, why);
  for (const n of missing.filter((m) => !CREDENTIAL_NAMES.has(m))) t.report(R.REQUIRED, n, undefined, `no ${n} given: ${why} needs ${names.map((m) => `"${m}"`).join(', ')}`);
}

/**
 * The database scalers' Validate(): without a connection string, its parts
 * (mongo_scaler.go#L57-71, couchdb_scaler.go#L39-58, postgresql_scaler.go#L61-85, mssql_scaler.go#L50-53).
 */
function connectionParts(connection: string, parts: readonly string[] | ((t: TriggerView) => readonly string[])): (t: TriggerView) => void {
  return (t) => {
    if (t.present(connection) !== 'no') return;
    requireAll(t, typeof parts === 'function' ? parts(t) : parts, `without "${connection}" the scaler`);
  };
}

/** A query or a search template, not both (elasticsearch_scaler.go#L63-68, opensearch_scaler.go#L61-66). */
function checkSearch(t: TriggerView): void {
  const g = given(t, ['searchTemplateName', 'query']);
  if (!g) return;
  if (!g.searchTemplateName && !g.query) t.report(R.REQUIRED, 'query', undefined, 'either searchTemplateName or query must be provided');
  if (g.searchTemplateName && g.query) t.report(R.OPTIONS, 'query', t.value('query'), 'cannot provide both searchTemplateName and query', 'keep `searchTemplateName` or `query`');
}

/** elasticsearch_scaler.go Validate (#L50-71) and elastic_forecast_scaler.go Validate (#L77-103): cloud config or addresses with basic auth. */
function checkElastic(t: TriggerView): void {
  const g = given(t, ['cloudID', 'apiKey', 'addresses', 'username', 'password']);
  if (g) {
    const cloud = g.cloudID || g.apiKey;
    const forecast = t.type === 'elastic-forecast';
    const endpoint = forecast ? g.addresses : g.addresses || g.username || g.password;
    if (cloud && endpoint) t.report(R.OPTIONS, 'addresses', t.value('addresses'), 'cannot provide both cloud config (cloudID/apiKey) and endpoint addresses');
    else if (!cloud && !endpoint && !(forecast && (g.username || g.password))) t.report(R.REQUIRED, 'addresses', undefined, 'must provide either cloud config (cloudID + apiKey) or endpoint addresses');
    if (g.cloudID !== g.apiKey) t.report(R.REQUIRED, g.cloudID ? 'apiKey' : 'cloudID', undefined, 'cloudID and apiKey must both be provided together');
    if (forecast && !g.addresses && (g.username || g.password)) t.report(R.OPTIONS, 'username', t.value('username'), 'username and password provided but no addresses specified');
    if (g.addresses) requireAll(t, ['username', 'password'], 'with addresses, basic auth');
  }
  if (t.type === 'elasticsearch') checkSearch(t);
}

/** opensearch_scaler.go Validate (#L54-69): client certificates with TLS, basic auth without. */
function checkOpensearch(t: TriggerView): void {
  // enableTLS is read from the metadata first, then a TriggerAuthentication (whose value is not known here).
  const written = t.value('enableTLS');
  const tls = written !== undefined ? goParseBool(written) : t.present('enableTLS') === 'no' ? false : undefined;
  if (tls === true) requireAll(t, ['clientCert', 'clientKey'], 'enableTLS');
  if (tls === false) requireAll(t, ['username', 'password'], 'basic auth (enableTLS false)');
  checkSearch(t);
}

/** url.go's escape(s, encodePath) of unescape(s, encodePath): the path Go stores, escaped again (for URL.RawPath). */
function goEscapedPath(p: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(p.slice(i + 1, i + 3))) {
      bytes.push(parseInt(p.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(p[i]));
  }
  return bytes.map((b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

/**
 * The MBean properties the activemq and artemis scalers read from their REST API template (activemq_scaler.go#L49-73
 * uses URL.Path, artemis_scaler.go#L135-162 URL.RawPath, set only when the path is not written as Go would escape it):
 * after ParseRequestURI, the text between the path's first and second `:` up to a `/`, with `,` for `&` (artemis also
 * drops `""`), read by url.ParseQuery. Returns the first value of each key, or why it does not parse. KEDA indexes
 * the split and the keys without a check: a path without `:`, or a missing key, panics the parse.
 */
function mbeanProperties(raw: string, rawPath: boolean): Map<string, string> | string {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(raw)?.[0] ?? '';
  let path = raw.slice(scheme.length).split('?')[0];
  if (scheme !== '' && path.startsWith('//')) path = path.slice(2).includes('/') ? path.slice(2 + path.slice(2).indexOf('/')) : '';
  else if (scheme !== '' && !path.startsWith('/')) path = ''; // opaque: no path
  if (rawPath) path = goEscapedPath(path) === path ? '' : path;
  else path = Buffer.from(path.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  if (!path.includes(':')) return `the template's ${rawPath ? 'raw ' : ''}path has no ":" before the MBean properties`;
  let query = path.split(':')[1].split('/')[0].replace(/,/g, '&');
  if (rawPath) query = query.replace(/""/g, '');
  const props = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part.includes(';')) return 'invalid semicolon separator in query';
    const [key, value = ''] = part.split(/=(.*)/s);
    if (/%(?![0-9A-Fa-f]{2})/.test(part)) return `invalid URL escape in "${part}"`;
    const unescape = (x: string) => decodeURIComponent(x.replace(/\+/g, ' '));
    try {
      if (key !== '' && !props.has(unescape(key))) props.set(unescape(key), unescape(value));
    } catch {
      // invalid UTF-8 after unescaping: Go keeps the bytes
    }
  }
  return props;
}

/** The REST API template of the activemq (`restAPITemplate`) and artemis-queue (`restApiTemplate`) scalers, with the MBean properties each reads. */
function checkRestTemplate(name: string, rawPath: boolean, needs: readonly [string, string][], example: string): (t: TriggerView) => void {
  return (t) => {
    requestUri(name, example)(t);
    const raw = t.value(name);
    if (raw === undefined || goUrlProblem(raw, true) !== undefined) return;
    const props = mbeanProperties(raw, rawPath);
    const fix = `write the template as KEDA documents it, e.g. "${example}"`;
    if (typeof props === 'string') return t.report(R.VALUE, name, raw, `unable to parse the ${name}: ${props}`, fix);
    const missing = needs.find(([key]) => !props.get(key));
    if (missing) t.report(R.VALUE, name, raw, `${missing[1]}: the ${name}'s MBean properties have no ${missing[0]}`, fix);
  };
}

/** Without a restAPITemplate, the parts it would give (activemq_scaler.go#L49-89, artemis_scaler.go#L61-91). */
function unlessTemplate(template: string, parts: readonly string[]): (t: TriggerView) => void {
  return (t) => {
    if (t.value(template) === undefined) requireAll(t, parts, `without "${template}" the scaler`);
  };
}

/** aws-sdk-go-v2 service/cloudwatch v1.57.0 types StandardUnit.Values() (enums.go#L294-324). */
const CLOUDWATCH_UNITS = ['Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes', 'Bits', 'Kilobits', 'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count',
  'Bytes/Second', 'Kilobytes/Second', 'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second', 'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None'];

/**
 * aws_cloudwatch_scaler.go Validate (#L57-93): without an expression, the metric it names and its unit;
 * the stat period (checkMetricStatPeriod #L166-183) and a collection time that is a multiple of it.
 */
function checkCloudwatch(t: TriggerView): void {
  if (t.value('expression') === undefined) {
    requireAll(t, ['namespace', 'metricName', 'dimensionName', 'dimensionValue'], 'without "expression" the scaler');
    const names = t.value('dimensionName');
    const values = t.value('dimensionValue');
    if (names !== undefined && values !== undefined && names.split(';').length !== values.split(';').length) {
      t.report(R.OPTIONS, 'dimensionValue', values, 'dimensionName and dimensionValue are not matching in size');
    }
    const unit = t.value('metricUnit');
    if (unit !== undefined && !CLOUDWATCH_UNITS.includes(unit)) {
      const guess = closest(unit, CLOUDWATCH_UNITS);
      t.report(R.VALUE, 'metricUnit', unit, `metricUnit '${unit}' is not a CloudWatch standard unit`, guess ? `use "${guess}"` : `use one of ${CLOUDWATCH_UNITS.join(', ')}`);
    }
  }
  const period = jsonInt(t.value('metricStatPeriod') ?? '300');
  if (period === undefined) return;
  if (period < 1 || (period <= 60 && ![1, 5, 10, 30, 60].includes(period)) || (period > 60 && period % 60 !== 0)) {
    t.report(R.VALUE, 'metricStatPeriod', t.value('metricStatPeriod'), `metricStatPeriod ${period} is not a CloudWatch period: 1, 5, 10, 30, 60 or a multiple of 60`, 'use e.g. "60" or "300"');
    return;
  }
  const collection = jsonInt(t.value('metricCollectionTime') ?? '300');
  if (collection !== undefined && (collection < 0 || collection % period !== 0)) {
    t.report(R.VALUE, 'metricCollectionTime', t.value('metricCollectionTime'), `metricCollectionTime must be greater than 0 and a multiple of metricStatPeriod (${period}), ${collection} is given`);
  }
}

/** dynatrace_scaler.go Validate (#L52-66): a metric selector or a DQL query, not both; `from` only with the selector. */
function checkDynatrace(t: TriggerView): void {
  const selector = t.value('metricSelector');
  const query = t.value('query');
  if (selector === undefined && query === undefined) t.report(R.REQUIRED, 'metricSelector', undefined, 'either \'metricSelector\' or \'query\' must be provided');
  else if (selector !== undefined && query !== undefined) t.report(R.OPTIONS, 'query', query, '\'metricSelector\' and \'query\' are mutually exclusive; only one can be provided');
  else if (query !== undefined && t.value('from') !== undefined) t.report(R.OPTIONS, 'from', t.value('from'), '\'from\' can\'t be used with query, set time range in the DQL query itself');
}

/** influxdb_scaler.go Validate (#L50-72): what each influxVersion needs (2, the default: an organization). */
function checkInflux(t: TriggerView): void {
  const version = t.value('influxVersion') ?? '2';
  if (version === '2') requireAll(t, ['organizationName'], 'influxVersion 2');
  if (version === '3') {
    requireAll(t, ['database', 'metricKey'], 'influxVersion 3');
    const queryType = (t.value('queryType') ?? 'InfluxQL').toLowerCase();
    if (queryType !== 'influxql' && queryType !== 'flightsql') t.report(R.VALUE, 'queryType', t.value('queryType'), 'query type must be \'influxql\' or \'flightsql\' with influxVersion 3');
  }
}

/**
 * A target the scaler's Validate() wants > 0 unless the trigger feeds scalingModifiers
 * (`X <= 0 && !asMetricSource`: kubernetes_workload_scaler.go#L46-52, kubernetes_resource_scaler.go#L81-84);
 * `unset` is the value it takes when absent (its default), undefined when the parameter is required.
 */
function positiveUnlessMetricSource(name: string, unset?: number): (t: TriggerView) => void {
  return (t) => {
    const raw = t.value(name);
    const n = raw === undefined ? unset : jsonFloat(raw);
    if (!t.metricSource && n !== undefined && n <= 0) t.report(R.THRESHOLD, name, raw, `${name} must be a float greater than 0`, `set \`${name}\`, e.g. "1"`);
  };
}

/** kubernetes_workload_scaler.go parseKubernetesWorkloadMetadata (#L74-90): the pod selector, parsed by labels.Parse. */
function checkPodSelector(t: TriggerView): void {
  const selector = t.value('podSelector');
  const problem = selector === undefined ? undefined : selectorStringProblem(selector);
  if (problem) t.report(R.VALUE, 'podSelector', selector, `error parsing pod selector: ${problem}`, 'write a label selector such as "app=backend" or "app in (api,worker),!canary"');
}

/** kubernetes_resource_scaler.go Validate (#L81-95): a valueLocation with the json and yaml formats, none with number. */
function checkResourceFormat(t: TriggerView): void {
  const format = t.value('format') ?? 'number';
  const location = t.value('valueLocation');
  if (format === 'number' && location !== undefined) t.report(R.OPTIONS, 'valueLocation', location, 'valueLocation is only supported with json or yaml format', 'drop `valueLocation`, or set `format: json` (or yaml)');
  if ((format === 'json' || format === 'yaml') && location === undefined) t.report(R.REQUIRED, 'valueLocation', undefined, `valueLocation is required for ${format} format`);
}

/** Exactly the given parameters are alternatives, one of which must be found (nats_jetstream_scaler.go#L145-147 account or accountID). */
function oneOf(names: readonly string[], problem: string): (t: TriggerView) => void {
  return (t) => {
    const g = given(t, names);
    if (g && names.every((n) => !g[n])) t.report(R.REQUIRED, names[0], undefined, `${problem}: set "${names.join('" or "')}"`);
  };
}

/** A URL the scaler reads with Go's url.ParseRequestURI (an absolute URL or path): ibmmq_scaler.go#L68-72, splunk_scaler.go#L81-84, solarwinds_scaler.go#L63-66, activemq_scaler.go#L50-55, artemis_scaler.go#L135-139. */
function requestUri(name: string, example: string): (t: TriggerView) => void {
  return (t) => {
    const raw = t.value(name);
    const problem = raw === undefined ? undefined : goUrlProblem(raw, true);
    if (problem) t.report(R.VALUE, name, raw, `"${name}" is not a URL Go's url.ParseRequestURI reads (${problem})`, `write an absolute URL such as "${example}"`);
  };
}

/** A time.Duration field the scaler's Validate() wants > 0 (TypedConfig refuses negative ones): elastic_forecast_scaler.go#L96-98. */
function positiveDuration(name: string): (t: TriggerView) => void {
  return (t) => {
    const raw = t.value(name);
    const ns = raw === undefined ? undefined : typedDuration(raw);
    if (ns !== undefined && ns <= 0n) t.report(R.VALUE, name, raw, `${name} must be positive${/^\+?\d*[1-9]\d*$/.test(raw!) ? ' (as milliseconds it overflows Go\'s time.Duration)' : ''}`, 'write a duration such as "10m"');
  };
}

/** A duration the scaler parses with xhit/go-str2duration (Go's units plus `d` and `w`): predictkube_scaler.go#L109-122. */
function str2duration(name: string): (t: TriggerView) => void {
  return (t) => {
    const raw = t.value(name);
    if (raw !== undefined && goParseDuration(raw, true) === undefined) t.report(R.VALUE, name, raw, `${name} parsing error: time: invalid duration "${raw}"`, 'write a duration such as "2h", "30m" or "7d"');
  };
}

/**
 * go-playground/validator v10.30.2 isURL (baked_in.go#L1530-1556), which predictkube_scaler.go Validate
 * (#L103-107) applies to prometheusAddress: Go's url.Parse of the lower-cased value, a scheme, and a host,
 * fragment or opaque part (a file URL: a path other than `/`).
 */
export function isValidatorUrl(raw: string): boolean {
  const s = raw.toLowerCase();
  if (s === '' || goUrlProblem(s) !== undefined) return false;
  const m = /^([a-z][a-z0-9+.-]*):([^?#]*)(?:\?[^#]*)?(#.*)?$/.exec(s);
  if (!m) return false;
  const [, scheme, rest, fragment] = m;
  const hasFragment = fragment !== undefined && fragment.length > 1;
  if (!rest.startsWith('/')) return rest !== '' || hasFragment;
  const authority = /^\/\/([^/]*)(.*)$/.exec(rest);
  const host = authority ? authority[1].replace(/^.*@/, '') : '';
  const path = authority ? authority[2] : rest;
  if (scheme === 'file') return path !== '' && path !== '/';
  return host !== '' || hasFragment;
}

function checkPredictKubeAddress(t: TriggerView): void {
  const address = t.value('prometheusAddress');
  if (address !== undefined && !isValidatorUrl(address)) t.report(R.VALUE, 'prometheusAddress', address, 'invalid prometheusAddress: not a URL with a scheme and a host', 'write e.g. "http://prometheus.monitoring:9090"');
}

/** cassandra_scaler.go Validate (#L50-70): the port of `clusterIPAddress` (`host:port`, strconv.Atoi), else a non-zero `port`. */
function checkCassandraPort(t: TriggerView): void {
  const address = t.value('clusterIPAddress');
  if (address === undefined) return;
  const parts = address.split(':');
  if (parts.length === 2 && /^[+-]?\d+$/.test(parts[1]) && BigInt(parts[1]) < 2n ** 63n && BigInt(parts[1]) >= -(2n ** 63n)) return;
  const port = t.value('port');
  if (port === undefined || jsonInt(port) === 0) t.report(R.REQUIRED, 'port', port, 'no port given: set `port`, or write clusterIPAddress as host:port', 'set `port`, e.g. "9042"');
}

/** sumologic_scaler.go Validate (#L52-84) and parseMultiMetricsQueries (#L135-150): what each queryType needs. */
function checkSumologic(t: TriggerView): void {
  const rows = Object.keys(t.metadata).filter((k) => k.startsWith('query.'));
  for (const key of rows) {
    if (key === 'query.') t.report(R.VALUE, key, t.metadata[key], 'malformed metadata, unable to parse rowID from key "query."', 'name the row, e.g. "query.A"');
    else if (t.metadata[key] === '') t.report(R.VALUE, key, '', `malformed metadata, invalid value for key: ${key}`);
  }
  const query = t.value('query');
  const type = t.value('queryType');
  if (type === 'logs') {
    if (query === undefined) t.report(R.REQUIRED, 'query', undefined, 'missing required metadata: query');
    else if (rows.length > 0) t.report(R.OPTIONS, rows[0], t.metadata[rows[0]], 'query.<RowId> is not supported for logs queryType', 'use `query` only');
    else if (t.value('resultField') === undefined) t.report(R.REQUIRED, 'resultField', undefined, 'missing required metadata: resultField (required for logs queryType)');
  } else if (type === 'metrics') {
    const id = t.value('resultQueryRowID');
    const quantization = t.value('quantization');
    if (query === undefined && rows.length === 0) t.report(R.REQUIRED, 'query', undefined, 'either query or query.<RowId> must be defined for metrics queryType');
    else if (query !== undefined && rows.length > 0) t.report(R.OPTIONS, 'query', query, 'only one of query or query.<RowId> must be defined for metrics queryType', 'keep `query` or the `query.<RowId>` keys');
    else if (rows.length > 0 && id === undefined) t.report(R.REQUIRED, 'resultQueryRowID', undefined, 'missing required metadata: resultQueryRowID for multi-metrics query');
    else if (rows.length > 0 && !rows.includes(`query.${id}`)) t.report(R.VALUE, 'resultQueryRowID', id, `resultQueryRowID '${id}' not found in queries`, `use one of ${rows.map((r) => `"${r.slice(6)}"`).join(', ')}`);
    else if (quantization === undefined || typedDuration(quantization) === 0n) {
      t.report(R.REQUIRED, 'quantization', quantization, 'missing required metadata: quantization for metrics queryType', 'set `quantization`, e.g. "1m"');
    }
  }
}

/** The names azure.AzureClouds (azure/azure_cloud_environment.go#L10-14) and AppInsightsResourceURLInCloud (azure/azure_app_insights.go#L24-28) know, upper-cased. */
const AZURE_CLOUDS = ['AZUREPUBLICCLOUD', 'AZUREUSGOVERNMENTCLOUD', 'AZURECHINACLOUD'];

/**
 * The `cloud` of the Azure Monitor, Log Analytics and App Insights scalers: a known cloud
 * (case-insensitive), or Private with its endpoints (azure_monitor_scaler.go#L137-156,
 * azure_log_analytics_scaler.go#L86-100, azure_app_insights_scaler.go#L126-144 with ParseActiveDirectoryEndpoint).
 */
function azureCloud(...privateNeeds: string[]): (t: TriggerView) => void {
  return (t) => {
    const cloud = t.value('cloud');
    if (cloud === undefined) return;
    if (cloud.toLowerCase() === 'private') {
      for (const n of privateNeeds) if (t.value(n) === undefined) t.report(R.REQUIRED, n, undefined, `${n} must be provided for Private cloud type`);
    } else if (!AZURE_CLOUDS.includes(cloud.toUpperCase())) {
      t.report(R.VALUE, 'cloud', cloud, `there is no cloud environment matching the name ${cloud}`, 'use AzurePublicCloud, AzureUSGovernmentCloud, AzureChinaCloud or Private');
    }
  };
}

/** azquery v1.2.0 PossibleAggregationTypeValues (constants.go#L21-30). */
const AZURE_AGGREGATIONS = ['Average', 'Count', 'Maximum', 'Minimum', 'None', 'Total'];

/** azure_monitor_scaler.go Validate (#L66-103): the resource URI's three parts, the aggregation type and interval. */
function checkAzureMonitor(t: TriggerView): void {
  const uri = t.value('resourceURI');
  if (uri !== undefined && uri.split('/').length !== 3) {
    t.report(R.VALUE, 'resourceURI', uri, 'resourceURI not in the correct format. Should be namespace/resource_type/resource_name', 'write it as <namespace>/<resource type>/<name>, e.g. "Microsoft.ContainerService/managedClusters/aks"');
  }
  const aggregation = t.value('metricAggregationType');
  if (aggregation !== undefined && !AZURE_AGGREGATIONS.includes(aggregation)) {
    const guess = closest(aggregation, AZURE_AGGREGATIONS);
    t.report(R.VALUE, 'metricAggregationType', aggregation, `invalid metricAggregationType given: one of ${AZURE_AGGREGATIONS.join(', ')}`, guess ? `use "${guess}"` : undefined);
  }
  const interval = t.value('metricAggregationInterval');
  if (interval !== undefined && interval.split(':').length !== 3) t.report(R.VALUE, 'metricAggregationInterval', interval, 'metricAggregationInterval not in the correct format. Should be hh:mm:ss', 'write it as hh:mm:ss, e.g. "0:5:0"');
}

/** azure_app_insights_scaler.go Validate (#L57-63): the aggregation timespan as hh:mm. */
function checkAppInsightsTimespan(t: TriggerView): void {
  const timespan = t.value('metricAggregationTimespan');
  if (timespan !== undefined && timespan.split(':').length !== 2) t.report(R.VALUE, 'metricAggregationTimespan', timespan, 'metricAggregationTimespan not in the correct format. Should be hh:mm', 'write it as hh:mm, e.g. "0:5"');
}

/** The regular expression solace_dm_scaler.go matches (unanchored) against each base URL (#L36, #L96-109). */
const SOLACE_URL = /https?:\/\/[-_.A-Za-z0-9]{2,255}(:[0-9]{2,6})?/;

/** The targets of a solace scaler: at least one ≥ 1 (solace_scaler.go#L112-116, solace_dm_scaler.go#L119-122). */
function anyTarget(names: readonly string[]): (t: TriggerView) => void {
  return (t) => {
    if (names.some((n) => (jsonInt(t.value(n) ?? '') ?? 0) >= 1)) return;
    if (names.some((n) => t.value(n) !== undefined && jsonInt(t.value(n)!) === undefined)) return; // reported as a bad value
    t.report(R.THRESHOLD, names[0], t.value(names[0]), `no target value found in the scaler configuration: set one of "${names.join('", "')}" to 1 or more`);
  };
}

/** solace_dm_scaler.go Validate (#L96-117): the base URLs, the client name pattern, the queued messages factor. */
function checkSolaceDM(t: TriggerView): void {
  const urls = t.value('solaceSempBaseURL');
  urls?.split(',').map((u) => u.trim()).forEach((u, i) => {
    if (u === '' || !SOLACE_URL.test(u)) t.report(R.VALUE, 'solaceSempBaseURL', urls, `${u === '' ? 'empty' : 'invalid'} host url value found in the scaler configuration. Url[${i}]: '${u}'`, 'write http(s)://host[:port] URLs separated by commas');
  });
  const pattern = t.value('clientNamePattern');
  if (pattern?.includes('*')) t.report(R.VALUE, 'clientNamePattern', pattern, 'client-name-pattern should not contain \'*\'');
  const factor = jsonInt(t.value('queuedMessagesFactor') ?? '3');
  if (factor !== undefined && (factor < 1 || factor > 100)) t.report(R.VALUE, 'queuedMessagesFactor', t.value('queuedMessagesFactor'), 'queued messages factor should be >0 and <=100');
}

/** json.Unmarshal into a Go map: a JSON object (or null, which leaves the map nil). */
function jsonObject(raw: string): Record<string, unknown> | null | undefined {
  try {
    const v: unknown = JSON.parse(raw);
    return v === null || (typeof v === 'object' && !Array.isArray(v)) ? (v as Record<string, unknown> | null) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * aws_dynamodb_scaler.go attributeValueFromInterface (#L245-296): a `{ "<type>": value }` object. KEDA reads one
 * entry, in Go's random map order, and a value of the wrong JSON type panics the type assertion: any bad entry may fail.
 */
function dynamoValueProblem(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'unsupported data type for attribute value';
  for (const [type, val] of Object.entries(v)) {
    const want: Record<string, (x: unknown) => boolean> = {
      S: (x) => typeof x === 'string', N: (x) => typeof x === 'string', B: (x) => typeof x === 'string', BOOL: (x) => typeof x === 'boolean', NULL: () => true,
      L: (x) => Array.isArray(x) && x.every((e) => dynamoValueProblem(e) === undefined),
      M: (x) => typeof x === 'object' && x !== null && !Array.isArray(x) && Object.values(x).every((e) => dynamoValueProblem(e) === undefined),
    };
    if (!(type in want)) return `unsupported data type for attribute value: ${type}`;
    if (!want[type](val)) return `a "${type}" attribute value of the wrong type`;
  }
  return undefined;
}

/** aws_dynamodb_scaler.go parseAwsDynamoDBMetadata (#L90-120): the attribute names and values as JSON, a targetValue (-1 when unset) unless a metric source. */
function checkDynamo(t: TriggerView): void {
  const names = t.value('expressionAttributeNames');
  if (names !== undefined) {
    const m = jsonObject(names);
    if (!m || Object.keys(m).length === 0 || Object.values(m).some((v) => typeof v !== 'string')) {
      t.report(R.VALUE, 'expressionAttributeNames', names, 'error parsing expressionAttributeNames: a non-empty JSON object of strings is expected', 'write e.g. \'{"#k": "status"}\'');
    }
  }
  const values = t.value('expressionAttributeValues');
  if (values !== undefined) {
    const m = jsonObject(values);
    const problem = m === undefined ? 'not a JSON object' : Object.values(m ?? {}).map(dynamoValueProblem).find((p) => p !== undefined);
    if (problem) t.report(R.VALUE, 'expressionAttributeValues', values, `error parsing expressionAttributeValues: ${problem}`, 'write DynamoDB attribute values, e.g. \'{":v": {"S": "pending"}}\'');
  }
  const target = t.value('targetValue');
  if (!t.metricSource && (target === undefined || jsonInt(target) === -1)) t.report(R.THRESHOLD, 'targetValue', target, 'no targetValue given: the target must be set, unless the trigger feeds scalingModifiers', 'set `targetValue`, e.g. "10"');
}

/**
 * datadog_scaler.go: Validate (#L544-573), then validateAPIMetadata (#L151-210) or, through
 * the Cluster Agent, validateClusterAgentMetadata (#L212-245).
 */
function checkDatadog(t: TriggerView): void {
  const query = t.value('query');
  if (query !== undefined && !/.*\{.*\}.*/.test(query)) t.report(R.VALUE, 'query', query, 'malformed Datadog query: missing query scope (a filter between braces, e.g. "{service:worker}")');
  const proxy = goParseBool(t.value('useClusterAgentProxy') ?? 'false') === true;
  if (proxy) requireAll(t, ['datadogMetricsService', 'datadogMetricName', 'datadogNamespace', 'datadogMetricNamespace'], 'the Cluster Agent proxy');
  else {
    requireAll(t, ['appKey', 'apiKey'], 'the Datadog API');
    if (query === undefined) t.report(R.REQUIRED, 'query', undefined, 'missing Query: the Datadog API needs "query"');
  }
  const target = t.value('targetValue') ?? t.value('queryValue');
  if (!t.metricSource && (target === undefined || jsonFloat(target) === -1)) t.report(R.REQUIRED, 'queryValue', target, 'no targetValue or queryValue given', 'set `queryValue`, e.g. "10"');
  const type = t.value('type');
  if (type !== undefined && !['average', 'global'].includes(type.toLowerCase())) t.report(R.VALUE, 'type', type, 'type has to be global or average (or leave it out and set the trigger\'s metricType)');
}

/** github_runner_scaler.go Validate (#L406-439): a token, or a GitHub App (its id, installation and key together). */
function checkGitHubRunner(t: TriggerView): void {
  const g = given(t, ['appKey', 'personalAccessToken']);
  if (g && !g.appKey && !g.personalAccessToken) t.requireCredentials(['personalAccessToken'], 'the GitHub API (a token, or a GitHub App\'s "appKey")');
  const app = ['applicationID', 'installationID'].some((n) => t.present(n) === 'yes' && (t.value(n) === undefined || jsonInt(t.value(n)!) !== 0)) || t.present('appKey') === 'yes';
  if (!app) return;
  requireAll(t, ['applicationID', 'installationID', 'appKey'], 'a GitHub App');
  // validateGitHubApp (#L428-439) tests the parsed ids: a written 0 ("-0" too) is none.
  for (const n of ['applicationID', 'installationID']) {
    const v = t.value(n);
    if (v !== undefined && jsonInt(v) === 0) t.report(R.REQUIRED, n, v, `no ${n} given (0): a GitHub App needs its id`, `set \`${n}\` to the GitHub App's ${n === 'applicationID' ? 'id' : 'installation id'}`);
  }
}

/** openstack_metrics_scaler.go parseOpenstackMetricAuthenticationMetadata (#L128-152): keystone credentials, read only from a TriggerAuthentication. */
function checkOpenstackMetricAuth(t: TriggerView): void {
  requireAll(t, ['authURL'], 'keystone authentication');
  const g = given(t, ['userID', 'appCredentialSecret']);
  if (!g) return;
  if (g.userID) requireAll(t, ['password'], 'a keystone user');
  else if (!g.appCredentialSecret) t.requireCredentials(['userID', 'password'], 'keystone authentication (or "appCredentialSecret")');
}

/** azure_pipelines_scaler.go (#L194-250): a token or a pod identity, a pool by name or id, jobsToFetch alone. */
function checkAzurePipelines(t: TriggerView): void {
  // parseAzurePipelinesMetadata (#L215-220) tests the raw metadata: jobsToFetch excludes fetchUnfinishedJobsOnly and parent, whatever their values.
  const raw = (k: string) => typeof t.metadata[k] === 'string' && t.metadata[k] !== '';
  for (const other of ['fetchUnfinishedJobsOnly', 'parent']) {
    if (raw('jobsToFetch') && raw(other)) t.report(R.OPTIONS, other, t.metadata[other], `cannot specify both jobsToFetch and ${other} at the same time`, `drop \`jobsToFetch\` or \`${other}\``);
  }
  if (t.auth.podIdentity === 'none') requireAll(t, ['personalAccessToken'], 'without pod identity, the Azure DevOps API');
  const g = given(t, ['poolName', 'poolID']);
  if (g && !g.poolName && (!g.poolID || jsonInt(t.value('poolID') ?? '') === 0)) t.report(R.REQUIRED, 'poolID', t.value('poolID'), 'no poolName or poolID given', 'set `poolName` (or `poolID`) of the agent pool');
}

/** gcp/gcp_stackdriver_client.go alignerFromString (#L153-196) and reducerFromString (#L198-230), lower-cased. */
const STACKDRIVER_ALIGNERS = ['', 'none', 'delta', 'rate', 'interpolate', 'next_older', 'min', 'max', 'mean', 'count', 'sum', 'stddev', 'count_true', 'count_false', 'fraction_true',
  'percentile_99', 'percentile_95', 'percentile_50', 'percentile_05', 'percent_change'];
const STACKDRIVER_REDUCERS = ['', 'none', 'mean', 'min', 'max', 'sum', 'stddev', 'count', 'count_true', 'count_false', 'fraction_true', 'percentile_99', 'percentile_95', 'percentile_50', 'percentile_05'];

/** gcp_stackdriver_scaler.go Validate (#L44-50) and parseAggregation (#L106-112): a period of 60 s or more, whose aligner and reducer the client knows. */
function checkStackdriverAggregation(t: TriggerView): void {
  const period = jsonInt(t.value('alignmentPeriodSeconds') ?? '0');
  if (period === undefined || period === 0) return;
  if (period < 60) return t.report(R.VALUE, 'alignmentPeriodSeconds', t.value('alignmentPeriodSeconds'), 'alignmentPeriodSeconds must be at least 60', 'use "60" or more');
  for (const [name, known] of [['alignmentAligner', STACKDRIVER_ALIGNERS], ['alignmentReducer', STACKDRIVER_REDUCERS]] as const) {
    const v = t.value(name);
    if (v !== undefined && !known.includes(v.toLowerCase())) {
      const guess = closest(v.toLowerCase(), known.filter((k) => k !== ''));
      t.report(R.VALUE, name, v, `unknown ${name === 'alignmentAligner' ? 'aligner' : 'reducer'}: ${v}`, guess ? `use "${guess}"` : undefined);
    }
  }
}

/** A number the scaler's Validate() bounds (rabbitmq pageSize ≥ 1, temporal minConnectTimeout ≥ 0): code, not tags. */
function atLeast(name: string, min: number): (t: TriggerView) => void {
  return (t) => {
    const raw = t.value(name);
    const n = raw === undefined ? undefined : jsonInt(raw);
    if (n !== undefined && n < min) t.report(R.VALUE, name, raw, `"${name}" must be ≥ ${min}`);
  };
}

/** The MSK IAM path of kafka reaches GetAwsAuthorization only with sasl oauthbearer + aws_msk_iam; that call is in checkKafka. */
const AWS_TYPES = ['aws-cloudwatch', 'aws-dynamodb', 'aws-dynamodb-streams', 'aws-kinesis-stream', 'aws-sqs-queue'];
const GCP_TYPES = ['gcp-cloudtasks', 'gcp-pubsub', 'gcp-stackdriver', 'gcp-storage'];
const AZURE_TYPES = ['azure-app-insights', 'azure-blob', 'azure-data-explorer', 'azure-eventhub', 'azure-log-analytics', 'azure-monitor', 'azure-queue', 'azure-servicebus'];
const REDIS_LIST_TYPES = ['redis', 'redis-cluster', 'redis-sentinel'];
const REDIS_STREAM_TYPES = ['redis-streams', 'redis-cluster-streams', 'redis-sentinel-streams'];

/** What only the scalers' code says, by trigger type (merged with the families above). */
const HAND: Readonly<Record<string, Hand>> = {
  // kafka_scaler.go Validate (#L115-121) and temporal_scaler.go Validate (#L67-73) bound their targets whatever feeds them.
  'kafka': { extra: AWS_CREDENTIAL_PARAMS, targets: ['lagThreshold'], activations: ['activationLagThreshold'], refuses: { lagThreshold: '>0', activationLagThreshold: '>=0' }, checks: [checkKafka] },
  'gcp-stackdriver': { checks: [checkStackdriverAggregation] },
  // etcd_scaler.go Validate (#L59-83): the progress notify interval > 0; username and password together.
  'etcd': { checks: [atLeast('watchProgressNotifyInterval', 1), (t) => given(t, ['username', 'password']) && t.present('username') !== t.present('password') && t.requireCredentials(['username', 'password'], 'etcd authentication')] },
  // azure_eventhub_scaler.go Validate (#L63-68).
  'azure-eventhub': { targets: ['unprocessedEventThreshold'], refuses: { unprocessedEventThreshold: '>0' } },
  // nsq_scaler.go Validate (#L73-87).
  'nsq': { targets: ['depthThreshold'], activations: ['activationDepthThreshold'], refuses: { depthThreshold: '>0', activationDepthThreshold: '>=0' } },
  'apache-kafka': { extra: AWS_CREDENTIAL_PARAMS, targets: ['lagThreshold'], activations: ['activationLagThreshold'], refuses: { lagThreshold: '>0', activationLagThreshold: '>=0' }, checks: [checkApacheKafka] },
  'prometheus': {
    // The AWS SigV4, GCP and Azure Managed Prometheus transports read their own parameters (prometheus_scaler.go#L115-140).
    extra: [...AWS_CREDENTIAL_PARAMS, ...GCP_CREDENTIAL_PARAMS, x('cloud', 'm'), x('azureManagedPrometheusResourceURL', 'm')],
    targets: ['threshold'],
  },
  'cron': { checks: [checkCron] },
  'activemq': {
    checks: [unlessTemplate('restAPITemplate', ['managementEndpoint', 'destinationName', 'brokerName']), checkRestTemplate('restAPITemplate', false, [['destinationName', 'no destinationName is given'], ['brokerName', 'no brokerName given']],
      'http://activemq.data:8161/api/jolokia/read/org.apache.activemq:type=Broker,brokerName=b,destinationType=Queue,destinationName=q/QueueSize')],
  },
  'artemis-queue': {
    checks: [unlessTemplate('restApiTemplate', ['managementEndpoint', 'queueName', 'brokerName', 'brokerAddress']), checkRestTemplate('restApiTemplate', true, [['address', 'no brokerAddress given'], ['queue', 'no queueName is given'], ['broker', 'no brokerName given']],
      'http://artemis.data:8161/console/jolokia/read/org.apache.activemq.artemis:broker="b",component=addresses,address="a",subcomponent=queues,routing-type="anycast",queue="q"/MessageCount')],
  },
  'aws-cloudwatch': { checks: [checkCloudwatch] },
  'dynatrace': { checks: [checkDynatrace] },
  'influxdb': { nonZero: ['thresholdValue'], checks: [checkInflux] },
  'kubernetes-workload': { checks: [positiveUnlessMetricSource('value', 0), checkPodSelector] },
  'kubernetes-resource': { checks: [positiveUnlessMetricSource('targetValue'), checkResourceFormat] },
  'cassandra': { checks: [checkCassandraPort] },
  'nats-jetstream': { checks: [oneOf(['account', 'accountID'], 'no account name or id given')] },
  // graphite_scaler.go Validate (#L41-47).
  'graphite': { checks: [(t) => t.value('authMode') === 'basic' && t.requireCredentials(['username'], 'authMode basic')] },
  'gcp-storage': { targets: ['targetObjectCount'], activations: ['activationTargetObjectCount'], refuses: { targetObjectCount: '>0', activationTargetObjectCount: '>=0' }, checks: [atLeast('maxBucketItemsToScan', 1)] },
  'predictkube': { nonZero: ['threshold'], checks: [checkPredictKubeAddress, str2duration('predictHorizon'), str2duration('queryStep'), str2duration('historyTimeWindow')] },
  'ibmmq': { checks: [requestUri('host', 'https://ibmmq.data:9443/ibmmq/rest/v2/admin/action/qmgr/QM1/mqsc')] },
  'splunk': { checks: [requestUri('host', 'https://splunk.data:8089')] },
  'solarwinds': { checks: [requestUri('host', 'https://api.na-01.cloud.solarwinds.com')] },
  'solace-event-queue': { checks: [anyTarget(['messageCountTarget', 'messageSpoolUsageTarget', 'messageReceiveRateTarget'])] },
  'solace-direct-messaging': { checks: [checkSolaceDM, anyTarget(['aggregatedClientTxByteRateTarget', 'aggregatedClientAverageTxByteRateTarget', 'aggregatedClientTxMsgRateTarget', 'aggregatedClientAverageTxMsgRateTarget'])] },
  'sumologic': { keyPrefixes: ['query.'], checks: [checkSumologic] },
  'aws-dynamodb': { checks: [checkDynamo] },
  // `if !config.AsMetricSource && X == 0` in each parser: arangodb_scaler.go#L135, azure_app_insights_scaler.go#L122, azure_monitor_scaler.go#L224,
  // couchdb_scaler.go#L118, influxdb_scaler.go#L134, metrics_api_scaler.go#L134, mssql_scaler.go#L106, postgresql_scaler.go#L127, predictkube_scaler.go#L386, solr_scaler.go#L84.
  'arangodb': { nonZero: ['queryValue'] },
  'azure-app-insights': { nonZero: ['targetValue'], checks: [checkAppInsightsTimespan, azureCloud('appInsightsResourceURL', 'activeDirectoryEndpoint')] },
  'azure-monitor': { nonZero: ['targetValue'], checks: [checkAzureMonitor, azureCloud('azureResourceManagerEndpoint')] },
  'azure-log-analytics': { checks: [azureCloud('logAnalyticsResourceURL')] },
  'metrics-api': { nonZero: ['targetValue'] },
  'solr': { nonZero: ['targetQueryValue'] },
  'mongodb': { checks: [connectionParts('connectionString', (t) => (t.setting('scheme') === 'mongodb+srv' ? ['host', 'username', 'password'] : t.setting('scheme') === 'unknown' ? ['host', 'username', 'password'] : ['host', 'port', 'username', 'password']))] },
  'couchdb': { nonZero: ['queryValue'], checks: [connectionParts('connectionString', ['host', 'port', 'username', 'password', 'dbName'])] },
  'postgresql': { nonZero: ['targetQueryValue'], checks: [connectionParts('connection', ['host', 'port', 'userName', 'dbName', 'sslmode'])] },
  'mssql': { nonZero: ['targetValue'], checks: [(t) => t.present('host') === 'no' && connectionParts('connectionString', ['host'])(t)] },
  'elasticsearch': { checks: [checkElastic] },
  // elastic_forecast_scaler.go Validate (#L96-101): lookAhead and targetValue > 0, whatever feeds them.
  'elastic-forecast': { targets: ['targetValue'], refuses: { targetValue: '>0' }, checks: [checkElastic, positiveDuration('lookAhead')] },
  'opensearch': { checks: [checkOpensearch] },
  'rabbitmq': { targets: ['queueLength', 'value'], activations: ['activationValue'], checks: [checkRabbitMQ, atLeast('pageSize', 1)] },
  'aws-sqs-queue': { targets: ['queueLength'], activations: ['activationQueueLength'], checks: [checkSqsQueueURL] },
  'temporal': { targets: ['targetQueueSize'], activations: ['activationTargetQueueSize'], refuses: { targetQueueSize: '>=0', activationTargetQueueSize: '>=0' }, checks: [checkTemporal, atLeast('minConnectTimeout', 0)] },
  // pulsar_scaler.go handleBackwardsCompatibility (#L114-140) copies these from metadata to the auth parameters.
  'pulsar': { extra: [x('oauthTokenURI', 'm'), x('scope', 'm'), x('clientID', 'm'), x('EndpointParams', 'm')] },
  // datadog_scaler.go (#L169, #L233) still reads the old `type` metadata.
  'datadog': { extra: [x('type', 'm')], checks: [checkDatadog, atLeast('age', 0), atLeast('timeWindowOffset', 0), atLeast('lastAvailablePointOffset', 0)] },
  // openstack_metrics_scaler.go parseOpenstackMetricAuthenticationMetadata (#L128-152).
  'openstack-metric': { extra: [x('authURL', 'a'), x('userID', 'a'), x('password', 'a'), x('appCredentialSecret', 'a')], checks: [checkOpenstackMetricAuth] },
  'github-runner': { checks: [checkGitHubRunner] },
  'azure-pipelines': { checks: [checkAzurePipelines] },
  // external_scaler.go (#L123-135) passes the whole metadata map to the external scaler's server.
  'external': { openMetadata: true },
  'external-push': { openMetadata: true },
};

function handOf(type: string): Hand {
  const own = HAND[type] ?? {};
  const extra = [...(own.extra ?? [])];
  const checks = [...(own.checks ?? [])];
  let { targets, activations } = own;
  if (AWS_TYPES.includes(type)) {
    extra.push(...AWS_CREDENTIAL_PARAMS);
    checks.push(checkAwsCredentials);
  }
  if (GCP_TYPES.includes(type)) {
    extra.push(...GCP_CREDENTIAL_PARAMS);
    checks.push(checkGcpCredentials);
  }
  if (type === 'gcp-pubsub') checks.push(checkPubSubResource);
  if (AZURE_TYPES.includes(type)) extra.push(...AZURE_CLOUD_PARAMS);
  if (type in AZURE_IDENTITY_NEEDS) checks.push(checkAzureIdentity);
  if (type === 'azure-servicebus') checks.push(checkServiceBusEntity);
  if (REDIS_LIST_TYPES.includes(type)) {
    targets = ['listLength'];
    activations = ['activationListLength'];
    checks.push(checkRedis);
  }
  // The streams scalers validate the same connection info (redis_streams_scaler.go#L64-73).
  if (REDIS_STREAM_TYPES.includes(type)) checks.push(checkRedis);
  return { ...own, extra, checks, targets, activations };
}

const SPECS = new Map<string, ScalerSpec>();

/** The scaler of a trigger type, or undefined when KEDA's schema has none (external-mock, unknown types). */
export function scalerSpec(type: string): ScalerSpec | undefined {
  const generated = SCALER_PARAMS[type];
  if (!generated) return undefined;
  let spec = SPECS.get(type);
  if (!spec) {
    const hand = handOf(type);
    const known = new Set(generated.flatMap((p) => p.n));
    spec = { type, params: [...generated, ...(hand.extra ?? []).filter((p) => !known.has(p.n[0]))], hand };
    SPECS.set(type, spec);
  }
  return spec;
}

/** The metadata keys a scaler reads, for messages. */
export function metadataKeys(spec: ScalerSpec): string[] {
  const keys = new Set<string>();
  for (const param of spec.params) {
    for (const n of param.n) {
      if (param.from.includes('m')) keys.add(n);
      if (param.from.includes('e')) keys.add(`${n}FromEnv`);
    }
  }
  return [...keys];
}

/** How to write a value of each Go type so TypedConfig parses it. */
const VALUE_FIX: Partial<Record<ScalerParam['t'], string>> = {
  int: 'write a whole number such as "10" (no decimals, exponent or "+")',
  int32: 'write a whole number such as "10"',
  uint32: 'write a whole number ≥ 0 such as "10"',
  float: 'write a number such as "10" or "0.5" (JSON syntax: "0.5", not ".5" or "+1")',
  bool: 'write "true" or "false"',
  duration: 'write a Go duration such as "30s" or "1m30s", or whole milliseconds such as "30000"',
  ints: 'write whole numbers separated by commas, with ranges such as "1-3" where the scaler takes them',
  map: 'write key=value pairs separated by commas, e.g. "X-Scope-OrgID=team,X-Other=1"',
  query: 'write a URL query such as "a=1&b=2"',
};

/** Required by TypedConfig: not optional (itself or through its nested struct), no default, not removed. */
function isRequired(p: ScalerParam): boolean {
  return !p.opt && !p.popt && p.def === undefined && p.dep === undefined;
}

function whereRead(p: ScalerParam, name: string): string {
  return [...p.from].map((c) => (c === 'm' ? 'the metadata' : c === 'e' ? `"${name}FromEnv"` : 'a TriggerAuthentication parameter')).join(', ');
}

/**
 * Checks a trigger's metadata against its scaler: keys the scaler does not read,
 * required parameters, removed ones, values as TypedConfig parses them, targets,
 * credentials in plain metadata, and the scaler's own cross-parameter checks.
 */
export function checkScalerMetadata(view: TriggerView, spec: ScalerSpec, out: FindingList): void {
  const known = metadataKeys(spec);
  if (!spec.hand.openMetadata) {
    for (const [key, raw] of Object.entries(view.metadata)) {
      if (known.includes(key) || spec.hand.keyPrefixes?.some((prefix) => key.startsWith(prefix) && key.length > prefix.length)) continue;
      const authOnly = spec.params.find((x) => x.n.includes(key));
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
  }
  for (const param of spec.params) {
    const found = view.lookup(param);
    const name = found.name ?? param.n[0];
    if (param.dep !== undefined && found.presence === 'yes') {
      const key = found.from === 'e' ? `${name}FromEnv` : name;
      const instead = / - (.*)$/.exec(param.dep)?.[1];
      out.add(R.REMOVED, view.field(found.from === 'a' ? undefined : key), found.from === 'a' ? name : view.value(key), `${view.type} scaler: ${param.dep}`,
        `remove "${key}"${instead ? ` (${instead.charAt(0).toLowerCase()}${instead.slice(1)})` : ''}`);
      continue;
    }
    if (param.ann !== undefined && found.presence === 'yes' && found.from !== 'a') {
      const key = found.from === 'e' ? `${name}FromEnv` : name;
      out.add(R.DEPRECATED, view.field(key), view.value(key), `${view.type} scaler: ${param.ann}`);
    }
    if (isRequired(param) && found.presence === 'no') {
      out.add(R.REQUIRED, view.field(name), undefined, `${view.type} scaler: missing required parameter "${param.n.join('" or "')}" (read from ${whereRead(param, name)})`);
      continue;
    }
    if (found.from !== 'm') continue;
    const raw = view.value(name)!;
    if (CREDENTIAL_NAMES.has(name)) out.add(R.PLAINTEXT_SECRET, view.field(name), '***', `${view.type} scaler: "${name}" is a credential written in plain metadata`);
    const problem = typedValueProblem(param, raw);
    if (problem) {
      const guess = param.en ? closest(raw.split(param.sep ?? ',').map((s) => s.trim()).find((s) => !param.en!.includes(s)) ?? raw, param.en) : undefined;
      out.add(R.VALUE, view.field(name), raw, `${view.type} scaler: "${name}" ${problem}`, guess ? `use "${guess}"` : VALUE_FIX[param.t]);
      continue;
    }
    const n = param.t === 'int' || param.t === 'float' ? jsonFloat(raw) : undefined;
    if (n === undefined) continue;
    // A metric source of scalingModifiers: KEDA's HPA scales on the formula's target and activation, so only the scaler's own bounds apply.
    const refused = spec.hand.refuses?.[name];
    if (view.metricSource && !(refused === '>0' ? n <= 0 : refused === '>=0' ? n < 0 : false)) continue;
    if (spec.hand.targets?.includes(name) && n <= 0) {
      out.add(R.THRESHOLD, view.field(name), raw, `${view.type} scaler: the target "${name}" must be > 0`, `use a positive ${name}, e.g. "10"`);
    } else if (spec.hand.activations?.includes(name) && n < 0) {
      out.add(R.THRESHOLD, view.field(name), raw, `${view.type} scaler: the activation threshold "${name}" must be ≥ 0`);
    }
  }
  for (const name of view.metricSource ? [] : spec.hand.nonZero ?? []) {
    const raw = view.value(name);
    const param = spec.params.find((p) => p.n.includes(name));
    if (raw === undefined && param !== undefined && isRequired(param)) continue; // reported as missing above
    if (raw === undefined ? view.present(name) === 'no' : jsonFloat(raw) === 0) {
      out.add(R.THRESHOLD, view.field(name), raw, `${view.type} scaler: no ${name} given (${raw === undefined ? 'unset' : '0'}): the target must be set and non-zero, unless the trigger feeds scalingModifiers`, `set \`${name}\`, e.g. "10"`);
    }
  }
  if (spec.params.some((p) => p.n.includes('authModes'))) checkAuthModes(view);
  for (const check of spec.hand.checks ?? []) check(view);
}

/** strconv.ParseInt(value, 10, 32), as parseUtilization reads a Utilization value. */
function isInt32(s: string): boolean {
  return /^[+-]?\d+$/.test(s) && Math.abs(Number(s)) <= 2 ** 31 && Number(s) !== 2 ** 31;
}

/** A cpu/memory trigger's value and metric type (pkg/scalers/cpu_memory_scaler.go#L51-79): read from `metricType`, outside the metadata. */
export function checkResourceTrigger(view: TriggerView, metricType: unknown, out: FindingList): void {
  if (metricType !== 'Utilization' && metricType !== 'AverageValue') {
    out.add(R.METRIC_TYPE, `${view.base}.metricType`, metricType, `${view.type} triggers need metricType Utilization or AverageValue ("unknown metric type")`);
    return;
  }
  const value = view.value('value');
  if (value === undefined) return;
  if (metricType === 'Utilization' && !isInt32(value)) {
    out.add(R.VALUE, view.field('value'), value, `${view.type} scaler: a Utilization value is a whole percentage`);
  } else if (metricType === 'AverageValue' && parseQuantity(value) === undefined) {
    out.add(R.VALUE, view.field('value'), value, `${view.type} scaler: an AverageValue is a quantity such as "500m" or "512Mi"`);
  }
}
