import { Cron, Duration } from 'cdk8s';
import { CORE_RULES } from '../engine/core-rules';
import { checkArgs, PropShape, PropType, ShapeOf, T, withArgFindings } from '../construct/props';
import { TriggerAuth } from './trigger-authentication';

/** How the trigger's metric is compared with its target. */
export enum ScaleMetricType {
  /** Target per replica: the metric is divided by the replica count (KEDA's default). */
  AVERAGE_VALUE = 'AverageValue',
  /** Target for the whole workload. */
  VALUE = 'Value',
}

/** Options every trigger takes. */
export interface ScaleTriggerOptions {
  /** Trigger name, for `scalingModifiers` formulas and the status. @default - unnamed */
  readonly name?: string;
  /** @default ScaleMetricType.AVERAGE_VALUE */
  readonly metricType?: ScaleMetricType;
  /** Answer the HPA from KEDA's cache between polls (not for cpu, memory, cron). @default false */
  readonly useCachedMetrics?: boolean;
  /** Credentials, through a TriggerAuthentication. @default - none */
  readonly auth?: TriggerAuth;
}

/** Where a new consumer group starts reading. */
export enum KafkaOffsetResetPolicy {
  LATEST = 'latest',
  EARLIEST = 'earliest',
}

/** SASL mechanism of the Kafka scaler (credentials from `auth`: `username`, `password`, ...). */
export enum KafkaSaslMechanism {
  PLAINTEXT = 'plaintext',
  SCRAM_SHA256 = 'scram_sha256',
  SCRAM_SHA512 = 'scram_sha512',
  OAUTHBEARER = 'oauthbearer',
  GSSAPI = 'gssapi',
}

/** Token provider for SASL OAUTHBEARER. */
export enum KafkaSaslTokenProvider {
  /** A token from `oauthTokenEndpointUri` with `username`/`password` (default). */
  BEARER = 'bearer',
  /** AWS MSK IAM (needs `tls`, `awsRegion` and AWS credentials or pod identity). */
  AWS_MSK_IAM = 'aws_msk_iam',
}

export interface KafkaScaleTriggerOptions extends ScaleTriggerOptions {
  /** Brokers, `host:port`. */
  readonly bootstrapServers: string[];
  /** The consumer group whose lag is measured (the worker's group). */
  readonly consumerGroup: string;
  /** The topic. */
  readonly topic: string;
  /** Target lag per replica. @default 10 */
  readonly lagThreshold?: number;
  /** Lag above which the workload wakes from zero. @default 0 */
  readonly activationLagThreshold?: number;
  /** @default KafkaOffsetResetPolicy.LATEST */
  readonly offsetResetPolicy?: KafkaOffsetResetPolicy;
  /** Allow more replicas than partitions. @default false */
  readonly allowIdleConsumers?: boolean;
  /** Ignore partitions whose offset does not move. @default false */
  readonly excludePersistentLag?: boolean;
  /** Scale to zero when the group has no valid offset. @default false */
  readonly scaleToZeroOnInvalidOffset?: boolean;
  /** Count only partitions with lag for the replica limit (needs a topic, not with allowIdleConsumers). @default false */
  readonly limitToPartitionsWithLag?: boolean;
  /** Only scale to replica counts that spread partitions evenly. @default false */
  readonly ensureEvenDistributionOfPartitions?: boolean;
  /** Only these partitions count. @default - all partitions */
  readonly partitionLimitation?: number[];
  /** Kafka protocol version, e.g. `2.8.0`. @default - KEDA's default (1.0.0) */
  readonly version?: string;
  /** @default - no SASL */
  readonly sasl?: KafkaSaslMechanism;
  /** @default KafkaSaslTokenProvider.BEARER */
  readonly saslTokenProvider?: KafkaSaslTokenProvider;
  /** Connect with TLS (`ca`, `cert`, `key` from `auth`). @default false */
  readonly tls?: boolean;
  /** Region, for AWS MSK IAM. @default - none */
  readonly awsRegion?: string;
}

/** Authentication modes of the Prometheus scaler (credentials from `auth`). */
export enum PrometheusAuthMode {
  /** `bearerToken`. */
  BEARER = 'bearer',
  /** `username`, `password`. */
  BASIC = 'basic',
  /** `cert`, `key`, `ca`. */
  TLS = 'tls',
  /** `customAuthHeader`, `customAuthValue`. */
  CUSTOM = 'custom',
  /** `oauthTokenURI`, `clientID`, `clientSecret`, `scopes`. */
  OAUTH = 'oauth',
  /** `apiKey`. */
  API_KEY = 'apiKey',
}

export interface PrometheusScaleTriggerOptions extends ScaleTriggerOptions {
  /** E.g. `http://prometheus.monitoring:9090`. */
  readonly serverAddress: string;
  /** PromQL returning one value. */
  readonly query: string;
  /** Target value per replica. */
  readonly threshold: number;
  /** Value above which the workload wakes from zero. @default 0 */
  readonly activationThreshold?: number;
  /** Tenant namespace (Thanos, Cortex). @default - none */
  readonly namespace?: string;
  /** Treat an empty result as 0 instead of an error. @default true */
  readonly ignoreNullValues?: boolean;
  /** @default - no authentication */
  readonly authModes?: PrometheusAuthMode[];
  /** Extra query parameters. @default - none */
  readonly queryParameters?: Record<string, string>;
  /** Extra request headers (not credentials: use `auth`). @default - none */
  readonly customHeaders?: Record<string, string>;
  /** Region, for Amazon Managed Prometheus with pod identity. @default - none */
  readonly awsRegion?: string;
}

export interface CronScaleTriggerOptions extends ScaleTriggerOptions {
  /** When the window opens (5 fields). */
  readonly start: Cron | string;
  /** When it closes (5 fields, different from `start`). */
  readonly end: Cron | string;
  /** IANA time zone. @default 'Etc/UTC' */
  readonly timezone?: string;
  /** Replicas inside the window. */
  readonly desiredReplicas: number;
}

/** What the RabbitMQ scaler measures. */
export enum RabbitMQMode {
  QUEUE_LENGTH = 'QueueLength',
  /** Publish rate (HTTP protocol only). */
  MESSAGE_RATE = 'MessageRate',
  /** Delivery rate (HTTP only). */
  DELIVER_GET_RATE = 'DeliverGetRate',
  /** HTTP only. */
  PUBLISHED_TO_DELIVERED_RATIO = 'PublishedToDeliveredRatio',
  /** HTTP only. */
  EXPECTED_QUEUE_CONSUMPTION_TIME = 'ExpectedQueueConsumptionTime',
}

/** How the RabbitMQ scaler connects. */
export enum RabbitMQProtocol {
  /** From the host's scheme. */
  AUTO = 'auto',
  AMQP = 'amqp',
  /** The management API. */
  HTTP = 'http',
}

/** How several matched queues combine (with `useRegex`). */
export enum RabbitMQOperation {
  SUM = 'sum',
  AVG = 'avg',
  MAX = 'max',
}

export interface RabbitMQScaleTriggerOptions extends ScaleTriggerOptions {
  readonly queueName: string;
  /** `amqp://host:5672/vhost` or `https://host:15671` without credentials (a host with credentials goes in `auth` as `host`). @default - from `auth` */
  readonly host?: string;
  /** @default RabbitMQProtocol.AUTO */
  readonly protocol?: RabbitMQProtocol;
  /** @default RabbitMQMode.QUEUE_LENGTH */
  readonly mode?: RabbitMQMode;
  /** Target per replica for the mode. @default 20 (with the default mode) */
  readonly value?: number;
  /** Value above which the workload wakes from zero. @default 0 */
  readonly activationValue?: number;
  /** @default - the vhost of the host URL */
  readonly vhostName?: string;
  /** `queueName` is a regex (HTTP only). @default false */
  readonly useRegex?: boolean;
  /** Count only ready messages (HTTP only). @default false */
  readonly excludeUnacknowledged?: boolean;
  /** @default RabbitMQOperation.SUM */
  readonly operation?: RabbitMQOperation;
  /** HTTP timeout (HTTP only). @default - KEDA's global HTTP timeout */
  readonly timeout?: Duration;
}

export interface AwsSqsQueueScaleTriggerOptions extends ScaleTriggerOptions {
  /** `https://sqs.<region>.amazonaws.com/<account>/<queue>`. */
  readonly queueURL: string;
  readonly awsRegion: string;
  /** Target messages per replica. @default 5 */
  readonly queueLength?: number;
  /** Messages above which the workload wakes from zero. @default 0 */
  readonly activationQueueLength?: number;
  /** Count in-flight messages. @default true */
  readonly scaleOnInFlight?: boolean;
  /** Count delayed messages. @default false */
  readonly scaleOnDelayed?: boolean;
  /** @default - the AWS endpoint of the region */
  readonly awsEndpoint?: string;
  /** Use the KEDA operator's own AWS identity (`identityOwner: operator`). @default false */
  readonly useOperatorIdentity?: boolean;
}

/** The Redis deployment the list lives in. */
export enum RedisMode {
  STANDALONE = 'redis',
  CLUSTER = 'redis-cluster',
  SENTINEL = 'redis-sentinel',
}

export interface RedisListScaleTriggerOptions extends ScaleTriggerOptions {
  readonly listName: string;
  /** `host:port` of the server (or of the cluster nodes / sentinels). @default - from `auth` (`address`) */
  readonly addresses?: string[];
  /** @default RedisMode.STANDALONE */
  readonly mode?: RedisMode;
  /** Target list length per replica. @default 5 */
  readonly listLength?: number;
  /** Length above which the workload wakes from zero. @default 0 */
  readonly activationListLength?: number;
  /** @default 0 */
  readonly databaseIndex?: number;
  /** @default false */
  readonly enableTLS?: boolean;
  /** Master set name (sentinel). @default - none */
  readonly sentinelMaster?: string;
}

/** Temporal task-queue types whose backlog counts. */
export enum TemporalQueueType {
  WORKFLOW = 'workflow',
  ACTIVITY = 'activity',
  NEXUS = 'nexus',
}

export interface TemporalScaleTriggerOptions extends ScaleTriggerOptions {
  /** Frontend address, `host:port`. */
  readonly endpoint: string;
  readonly taskQueue: string;
  /** @default 'default' */
  readonly namespace?: string;
  /** Target backlog per replica. @default 5 */
  readonly targetQueueSize?: number;
  /** Backlog above which the workload wakes from zero. @default 0 */
  readonly activationTargetQueueSize?: number;
  /** @default - all types */
  readonly queueTypes?: TemporalQueueType[];
  /** Worker deployment versioning: name (with `workerDeploymentBuildId`). @default - unversioned */
  readonly workerDeploymentName?: string;
  /** @default - unversioned */
  readonly workerDeploymentBuildId?: string;
  /** @default - the endpoint's host */
  readonly tlsServerName?: string;
  /** @default Duration.seconds(5) */
  readonly minConnectTimeout?: Duration;
}

/** A cpu or memory target: exactly one of the two. */
export interface ResourceScaleTriggerOptions {
  /** Target average utilization, percent of the request. @default - none: give `averageValue` */
  readonly utilization?: number;
  /** Target average usage, a quantity such as `500m` or `512Mi`. @default - none: give `utilization` */
  readonly averageValue?: string;
  /** Measure only this container. @default - all containers of the pod */
  readonly containerName?: string;
  /** @default - unnamed */
  readonly name?: string;
}

const common = {
  name: T.string({ nonEmpty: true }),
  metricType: T.enumOf(ScaleMetricType, 'ScaleMetricType'),
  useCachedMetrics: T.boolean(),
  auth: T.instanceOf(TriggerAuth, 'TriggerAuth', 'use `TriggerAuth.fromSecrets(...)`, `TriggerAuth.fromAuthentication(...)` or `TriggerAuth.fromClusterTriggerAuthenticationName(...)`'),
} satisfies ShapeOf<ScaleTriggerOptions>;
const n = () => T.number();
const b = () => T.boolean();
const s = () => T.string();
const strings = () => T.array(T.string({ nonEmpty: true }));
const cronType = T.oneOf('a cdk8s Cron or a cron string', [T.instanceOf(Cron, 'Cron', ''), T.string({ nonEmpty: true })], 'use `Cron.schedule({ hour: \'8\', minute: \'0\' })` or "0 8 * * *"');

/** A rendered trigger and how its fields map back to options. */
interface TriggerDefinition {
  readonly type: string;
  /** Option name → metadata key it renders (or undefined when not rendered). */
  readonly keys: Record<string, string>;
  readonly shape: PropShape;
  readonly required: readonly string[];
  /** Options of which exactly one must be given. */
  readonly exactlyOne?: readonly string[];
  readonly metricType?: string;
}

/**
 * A KEDA trigger: what the workload scales on. Typed factories render the
 * scaler's metadata; `ScaleTrigger.custom` takes any KEDA scaler.
 *
 * ```ts
 * ScaleTrigger.kafka({ bootstrapServers: ['kafka.data:9092'], consumerGroup: 'tickets', topic: 'support-tickets', lagThreshold: 100 });
 * ```
 */
export class ScaleTrigger {
  /** Kafka consumer-group lag (`kafka` scaler). */
  public static kafka(options: KafkaScaleTriggerOptions): ScaleTrigger {
    return new ScaleTrigger(options, {
      type: 'kafka',
      keys: {
        bootstrapServers: 'bootstrapServers', consumerGroup: 'consumerGroup', topic: 'topic', lagThreshold: 'lagThreshold',
        activationLagThreshold: 'activationLagThreshold', offsetResetPolicy: 'offsetResetPolicy', allowIdleConsumers: 'allowIdleConsumers',
        excludePersistentLag: 'excludePersistentLag', scaleToZeroOnInvalidOffset: 'scaleToZeroOnInvalidOffset',
        limitToPartitionsWithLag: 'limitToPartitionsWithLag', ensureEvenDistributionOfPartitions: 'ensureEvenDistributionOfPartitions',
        partitionLimitation: 'partitionLimitation', version: 'version', sasl: 'sasl', saslTokenProvider: 'saslTokenProvider', tls: 'tls', awsRegion: 'awsRegion',
      },
      shape: {
        ...common, bootstrapServers: strings(), consumerGroup: T.string({ nonEmpty: true }), topic: T.string({ nonEmpty: true }), lagThreshold: n(),
        activationLagThreshold: n(), offsetResetPolicy: T.enumOf(KafkaOffsetResetPolicy, 'KafkaOffsetResetPolicy'), allowIdleConsumers: b(),
        excludePersistentLag: b(), scaleToZeroOnInvalidOffset: b(), limitToPartitionsWithLag: b(), ensureEvenDistributionOfPartitions: b(),
        partitionLimitation: T.array(T.number({ integer: true, min: 0 })), version: s(), sasl: T.enumOf(KafkaSaslMechanism, 'KafkaSaslMechanism'),
        saslTokenProvider: T.enumOf(KafkaSaslTokenProvider, 'KafkaSaslTokenProvider'), tls: b(), awsRegion: s(),
      } satisfies ShapeOf<KafkaScaleTriggerOptions>,
      required: ['bootstrapServers', 'consumerGroup', 'topic'],
    }, { tls: (v) => (v ? 'enable' : 'disable') });
  }

  /** A Prometheus query (`prometheus` scaler). */
  public static prometheus(options: PrometheusScaleTriggerOptions): ScaleTrigger {
    return new ScaleTrigger(options, {
      type: 'prometheus',
      keys: {
        serverAddress: 'serverAddress', query: 'query', threshold: 'threshold', activationThreshold: 'activationThreshold', namespace: 'namespace',
        ignoreNullValues: 'ignoreNullValues', authModes: 'authModes', queryParameters: 'queryParameters', customHeaders: 'customHeaders', awsRegion: 'awsRegion',
      },
      shape: {
        ...common, serverAddress: T.string({ nonEmpty: true }), query: T.string({ nonEmpty: true }), threshold: n(), activationThreshold: n(), namespace: s(),
        ignoreNullValues: b(), authModes: T.array(T.enumOf(PrometheusAuthMode, 'PrometheusAuthMode')), queryParameters: T.record(s()),
        customHeaders: T.record(s()), awsRegion: s(),
      } satisfies ShapeOf<PrometheusScaleTriggerOptions>,
      required: ['serverAddress', 'query', 'threshold'],
    }, { queryParameters: keyValues, customHeaders: keyValues });
  }

  /** A fixed replica count inside a time window (`cron` scaler). */
  public static cron(options: CronScaleTriggerOptions): ScaleTrigger {
    return new ScaleTrigger({ timezone: 'Etc/UTC', ...options }, {
      type: 'cron',
      keys: { start: 'start', end: 'end', timezone: 'timezone', desiredReplicas: 'desiredReplicas' },
      shape: { ...common, start: cronType, end: cronType, timezone: T.string({ nonEmpty: true }), desiredReplicas: n() } satisfies ShapeOf<CronScaleTriggerOptions>,
      required: ['start', 'end', 'desiredReplicas'],
    }, { start: cronText, end: cronText });
  }

  /** RabbitMQ queue length or rates (`rabbitmq` scaler). */
  public static rabbitmq(options: RabbitMQScaleTriggerOptions): ScaleTrigger {
    return new ScaleTrigger(options, {
      type: 'rabbitmq',
      keys: {
        queueName: 'queueName', host: 'host', protocol: 'protocol', mode: 'mode', value: 'value', activationValue: 'activationValue', vhostName: 'vhostName',
        useRegex: 'useRegex', excludeUnacknowledged: 'excludeUnacknowledged', operation: 'operation', timeout: 'timeout',
      },
      shape: {
        ...common, queueName: T.string({ nonEmpty: true }), host: s(), protocol: T.enumOf(RabbitMQProtocol, 'RabbitMQProtocol'),
        mode: T.enumOf(RabbitMQMode, 'RabbitMQMode'), value: n(), activationValue: n(), vhostName: s(), useRegex: b(), excludeUnacknowledged: b(),
        operation: T.enumOf(RabbitMQOperation, 'RabbitMQOperation'), timeout: T.duration(),
      } satisfies ShapeOf<RabbitMQScaleTriggerOptions>,
      required: ['queueName'],
    }, { timeout: (d) => `${(d as Duration).toMilliseconds()}ms` });
  }

  /** AWS SQS queue depth (`aws-sqs-queue` scaler). */
  public static awsSqsQueue(options: AwsSqsQueueScaleTriggerOptions): ScaleTrigger {
    return new ScaleTrigger(options, {
      type: 'aws-sqs-queue',
      keys: {
        queueURL: 'queueURL', awsRegion: 'awsRegion', queueLength: 'queueLength', activationQueueLength: 'activationQueueLength',
        scaleOnInFlight: 'scaleOnInFlight', scaleOnDelayed: 'scaleOnDelayed', awsEndpoint: 'awsEndpoint', useOperatorIdentity: 'identityOwner',
      },
      shape: {
        ...common, queueURL: T.string({ nonEmpty: true }), awsRegion: T.string({ nonEmpty: true }), queueLength: n(), activationQueueLength: n(),
        scaleOnInFlight: b(), scaleOnDelayed: b(), awsEndpoint: s(), useOperatorIdentity: b(),
      } satisfies ShapeOf<AwsSqsQueueScaleTriggerOptions>,
      required: ['queueURL', 'awsRegion'],
    }, { useOperatorIdentity: (v) => (v ? 'operator' : undefined) });
  }

  /** Length of a Redis list (`redis`, `redis-cluster`, `redis-sentinel` scalers). */
  public static redisList(options: RedisListScaleTriggerOptions): ScaleTrigger {
    const mode = Object.values(RedisMode).includes(options?.mode as RedisMode) ? options.mode! : RedisMode.STANDALONE;
    const many = Array.isArray(options?.addresses) && options.addresses.length > 1;
    return new ScaleTrigger(options, {
      type: mode,
      keys: {
        listName: 'listName', addresses: many ? 'addresses' : 'address', listLength: 'listLength', activationListLength: 'activationListLength',
        databaseIndex: 'databaseIndex', enableTLS: 'enableTLS', sentinelMaster: 'sentinelMaster',
      },
      shape: {
        ...common, listName: T.string({ nonEmpty: true }), addresses: strings(), mode: T.enumOf(RedisMode, 'RedisMode'), listLength: n(),
        activationListLength: n(), databaseIndex: n(), enableTLS: b(), sentinelMaster: s(),
      } satisfies ShapeOf<RedisListScaleTriggerOptions>,
      required: ['listName'],
    });
  }

  /** Backlog of a Temporal task queue (`temporal` scaler). */
  public static temporal(options: TemporalScaleTriggerOptions): ScaleTrigger {
    return new ScaleTrigger(options, {
      type: 'temporal',
      keys: {
        endpoint: 'endpoint', taskQueue: 'taskQueue', namespace: 'namespace', targetQueueSize: 'targetQueueSize',
        activationTargetQueueSize: 'activationTargetQueueSize', queueTypes: 'queueTypes', workerDeploymentName: 'workerDeploymentName',
        workerDeploymentBuildId: 'workerDeploymentBuildId', tlsServerName: 'tlsServerName', minConnectTimeout: 'minConnectTimeout',
      },
      shape: {
        ...common, endpoint: T.string({ nonEmpty: true }), taskQueue: T.string({ nonEmpty: true }), namespace: s(), targetQueueSize: n(),
        activationTargetQueueSize: n(), queueTypes: T.array(T.enumOf(TemporalQueueType, 'TemporalQueueType')), workerDeploymentName: s(),
        workerDeploymentBuildId: s(), tlsServerName: s(), minConnectTimeout: T.duration(),
      } satisfies ShapeOf<TemporalScaleTriggerOptions>,
      required: ['endpoint', 'taskQueue'],
    }, { minConnectTimeout: (d) => String(Math.round((d as Duration).toMilliseconds() / 1000)) });
  }

  /** CPU use of the pods (`cpu` scaler; never scales to zero on its own). */
  public static cpu(options: ResourceScaleTriggerOptions): ScaleTrigger {
    return ScaleTrigger.resource('cpu', options);
  }

  /** Memory use of the pods (`memory` scaler; never scales to zero on its own). */
  public static memory(options: ResourceScaleTriggerOptions): ScaleTrigger {
    return ScaleTrigger.resource('memory', options);
  }

  /**
   * Any KEDA scaler, with its metadata as written in the KEDA docs. Known
   * scalers are still checked (required parameters, values, unknown keys).
   */
  public static custom(type: string, metadata: Record<string, string>, options: ScaleTriggerOptions = {}): ScaleTrigger {
    // `type` and `metadata` join the options, which the workload checks; `options` itself must be an object to join them.
    const findings = checkArgs('ScaleTrigger.custom', { options }, { options: T.plainObject('a ScaleTriggerOptions object') });
    return withArgFindings(new ScaleTrigger({ ...options, type, metadata }, {
      type: typeof type === 'string' ? type : '',
      keys: {},
      shape: { ...common, type: T.string({ nonEmpty: true }), metadata: T.record(T.string()) } satisfies ShapeOf<ScaleTriggerOptions & { type: string; metadata: Record<string, string> }>,
      required: ['type', 'metadata'],
    }, {}, metadata), findings);
  }

  private static resource(type: string, options: ResourceScaleTriggerOptions): ScaleTrigger {
    const utilization = options?.utilization !== undefined;
    return new ScaleTrigger(options, {
      type,
      keys: { utilization: 'value', averageValue: 'value', containerName: 'containerName' },
      shape: { name: common.name, utilization: T.number({ integer: true, min: 1 }), averageValue: T.string({ nonEmpty: true }), containerName: s() } satisfies ShapeOf<ResourceScaleTriggerOptions>,
      required: [],
      exactlyOne: ['utilization', 'averageValue'],
      metricType: utilization ? 'Utilization' : 'AverageValue',
    });
  }

  /** The KEDA trigger type, e.g. `kafka`. */
  public readonly type: string;
  /** @internal */
  public readonly _options: Record<string, unknown>;
  /** @internal */
  public readonly _definition: TriggerDefinition;
  private readonly metadata: Record<string, string> = {};

  private constructor(options: object, definition: TriggerDefinition, render: Record<string, (v: unknown) => string | undefined> = {}, raw?: Record<string, string>) {
    // The workload checks the keys (`triggerShape`); options that are no object would lose them all.
    const factory = `ScaleTrigger.${FACTORY_OF[definition.type] ?? definition.type}`;
    withArgFindings(this, checkArgs(factory, { options }, { options: T.plainObject(`${definition.type} trigger options`) }));
    this._options = { ...(options ?? {}) } as Record<string, unknown>;
    this._definition = definition;
    this.type = definition.type;
    if (raw && typeof raw === 'object') {
      for (const [k, v] of Object.entries(raw)) this.metadata[k] = String(v);
    }
    for (const [option, key] of Object.entries(definition.keys)) {
      const value = this._options[option];
      if (value === undefined || value === null) continue;
      const text = render[option] ? safe(() => render[option](value)) : Array.isArray(value) ? value.map(String).join(',') : String(value);
      if (text !== undefined) this.metadata[key] = text;
    }
  }

  /** The option that rendered a metadata key (`lagThreshold`), for messages. */
  public optionOf(metadataKey: string): string | undefined {
    return Object.entries(this._definition.keys).find(([option, key]) => key === metadataKey && this._options[option] !== undefined)?.[0];
  }

  /** @internal The trigger as a ScaledObject/ScaledJob entry, given its authentication reference. */
  public _render(authenticationRef?: { name: string; kind: string }): Record<string, unknown> {
    const o = this._options;
    return {
      type: this.type,
      name: typeof o.name === 'string' ? o.name : undefined,
      metadata: { ...this.metadata },
      metricType: this._definition.metricType ?? (typeof o.metricType === 'string' ? o.metricType : undefined),
      useCachedMetrics: o.useCachedMetrics === true ? true : undefined,
      authenticationRef: authenticationRef && { name: authenticationRef.name, kind: authenticationRef.kind === 'TriggerAuthentication' ? undefined : authenticationRef.kind },
    };
  }
}

/** The factory behind a trigger type, where they differ. */
const FACTORY_OF: Record<string, string> = { 'aws-sqs-queue': 'awsSqsQueue', 'redis': 'redisList', 'redis-cluster': 'redisList', 'redis-sentinel': 'redisList' };

/** A `k=v,k2=v2` map, as KEDA reads map parameters. */
function keyValues(v: unknown): string | undefined {
  return v && typeof v === 'object' ? Object.entries(v).map(([k, x]) => `${k}=${String(x)}`).join(',') : undefined;
}

function cronText(v: unknown): string | undefined {
  return v instanceof Cron ? v.expressionString : typeof v === 'string' ? v : undefined;
}

/** Renders without throwing: a wrong type was reported by the shape check. */
function safe(f: () => string | undefined): string | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** The shape check of a trigger's options, reported under `prop` (e.g. `triggers[0]`). */
export function triggerShape(trigger: ScaleTrigger): PropType {
  const { shape, required, exactlyOne } = trigger._definition;
  const object = T.object(shape, `${trigger.type} trigger options`);
  return {
    expected: object.expected,
    check(value, prop, out) {
      let ok = object.check(value, prop, out);
      for (const key of required) {
        if ((value as any)?.[key] === undefined) {
          out.addProp(CORE_RULES.PROP_TYPE, `${prop}.${key}`, undefined, `expected ${shape[key].expected}, got undefined`);
          ok = false;
        }
      }
      if (exactlyOne && exactlyOne.filter((key) => (value as any)?.[key] !== undefined).length !== 1) {
        out.addProp(CORE_RULES.PROP_TYPE, prop, exactlyOne.filter((key) => (value as any)?.[key] !== undefined), `give exactly one of ${exactlyOne.join(', ')}`);
        ok = false;
      }
      return ok;
    },
  };
}
