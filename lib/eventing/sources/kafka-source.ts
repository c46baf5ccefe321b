import { Construct } from 'constructs';
import * as sources from '../../../imports/sources.knative.dev';
import { fromProp } from '../../construct/construct';
import { PropShape, ShapeOf, T } from '../../construct/props';
import { FindingList } from '../../engine/rule';
import { IAgentSecrets, secretKeyOf } from '../../secrets/agent-secrets';
import { DELIVERY_SHAPE, DeliveryOptions, EventRoute, renderDelivery } from '../delivery';
import { ISink } from '../sink';
import { KAFKA_RULES } from './kafka-source.rules';
import { EventSource, EventSourceOptions, SourceShapeOf } from './source';

/** Where a new consumer group starts reading (`spec.initialOffset`). */
export enum KafkaOffset {
  /** From the oldest message still in the topic. */
  EARLIEST = 'earliest',
  /** Only messages produced after the consumer group is created. */
  LATEST = 'latest',
}

/** Delivery order of the events of one partition (`spec.ordering`). */
export enum KafkaOrdering {
  /** One event at a time per partition, in offset order. */
  ORDERED = 'ordered',
  /** Events of a partition are delivered concurrently. */
  UNORDERED = 'unordered',
}

/** TLS towards the brokers, when SASL is used over TLS. */
export interface KafkaServerTlsOptions {
  /** Variable (of `secrets`) holding the PEM CA certificate of the brokers. @default - the system's root CAs */
  readonly caCert?: string;
  /** Secrets holding `caCert`. @default - the secrets of the SASL credentials */
  readonly secrets?: IAgentSecrets;
}

/** SASL credentials, each a variable of an AgentSecrets (its Secret key is what the source reads). */
export interface KafkaSaslOptions {
  /** The Secret holding the credentials. */
  readonly secrets: IAgentSecrets;
  /** Variable holding the user name. @default 'KAFKA_USER' */
  readonly user?: string;
  /** Variable holding the password. @default 'KAFKA_PASSWORD' */
  readonly password?: string;
  /**
   * Variable holding the mechanism name exactly as the factory says
   * (`SCRAM-SHA-512`, `SCRAM-SHA-256`, `PLAIN`): the KafkaSource reads the
   * mechanism from a Secret key, never from the manifest.
   * @default - 'KAFKA_SASL_MECHANISM' for SCRAM; none for PLAIN, which the source assumes without one
   */
  readonly mechanism?: string;
  /** Encrypt the connection (SASL_SSL). @default - no TLS (SASL_PLAINTEXT) */
  readonly tls?: KafkaServerTlsOptions;
}

/** Mutual TLS: a client certificate and key, each a variable of an AgentSecrets. */
export interface KafkaTlsOptions {
  /** The Secret holding the certificates. */
  readonly secrets: IAgentSecrets;
  /** Variable holding the PEM client certificate. @default 'KAFKA_TLS_CERT' */
  readonly cert?: string;
  /** Variable holding the PEM (PKCS #8) client key. @default 'KAFKA_TLS_KEY' */
  readonly key?: string;
  /** Variable holding the PEM CA certificate of the brokers. @default - the system's root CAs */
  readonly caCert?: string;
}

const SECRETS = T.duck('an IAgentSecrets', ['secretName'], 'use `AgentSecrets.fromSecretName(scope, id, name, keys?)` or `new AgentSecrets(...)`');
const TLS_SERVER_SHAPE = { caCert: T.string({ nonEmpty: true }), secrets: SECRETS } satisfies ShapeOf<KafkaServerTlsOptions>;
const SASL_SHAPE = {
  secrets: SECRETS, user: T.string({ nonEmpty: true }), password: T.string({ nonEmpty: true }), mechanism: T.string({ nonEmpty: true }),
  tls: T.object(TLS_SERVER_SHAPE, 'a KafkaServerTlsOptions object'),
} satisfies ShapeOf<KafkaSaslOptions>;
const TLS_SHAPE = { secrets: SECRETS, cert: T.string({ nonEmpty: true }), key: T.string({ nonEmpty: true }), caCert: T.string({ nonEmpty: true }) } satisfies ShapeOf<KafkaTlsOptions>;

/**
 * How a KafkaTrigger authenticates to the brokers: SASL (PLAIN, SCRAM) with
 * or without TLS, or mutual TLS. Credentials always come from a Secret
 * (`IAgentSecrets`): the manifest holds only `secretKeyRef`s.
 *
 * ```ts
 * const creds = AgentSecrets.fromSecretName(chart, 'kafka-creds', 'kafka-credentials', {
 *   KAFKA_USER: 'user', KAFKA_PASSWORD: 'password', KAFKA_SASL_MECHANISM: 'sasl.mechanism',
 * });
 * KafkaAuth.scramSha512({ secrets: creds, tls: {} });
 * ```
 */
export class KafkaAuth {
  /** SASL/PLAIN with a user and password. */
  public static plain(options: KafkaSaslOptions): KafkaAuth {
    return new KafkaAuth('PLAIN', options);
  }

  /** SASL/SCRAM-SHA-256; the Secret must hold `SCRAM-SHA-256` under `mechanism`. */
  public static scramSha256(options: KafkaSaslOptions): KafkaAuth {
    return new KafkaAuth('SCRAM-SHA-256', options);
  }

  /** SASL/SCRAM-SHA-512; the Secret must hold `SCRAM-SHA-512` under `mechanism`. */
  public static scramSha512(options: KafkaSaslOptions): KafkaAuth {
    return new KafkaAuth('SCRAM-SHA-512', options);
  }

  /** Mutual TLS with a client certificate and key (TLS alone needs both: the source always authenticates the client). */
  public static tls(options: KafkaTlsOptions): KafkaAuth {
    return new KafkaAuth(undefined, options);
  }

  private constructor(
    /** The SASL mechanism, or undefined for mutual TLS. */
    public readonly mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512' | undefined,
    private readonly options: KafkaSaslOptions | KafkaTlsOptions,
  ) {}

  /**
   * @internal The `spec.net` block; problems with the options are added to
   * `out` as prop findings under `auth`. Undefined when the options are unusable.
   */
  public _render(out: FindingList): Record<string, unknown> | undefined {
    const scratch = new FindingList();
    const shape: PropShape = this.mechanism ? SASL_SHAPE : TLS_SHAPE;
    if (!T.object(shape, this.mechanism ? 'a KafkaSaslOptions object' : 'a KafkaTlsOptions object').check(this.options, 'auth', scratch) || this.options.secrets === undefined) {
      if (this.options?.secrets === undefined) scratch.addProp(KAFKA_RULES.SECRET_VARIABLE, 'auth.secrets', undefined, 'no AgentSecrets given', 'pass `secrets: AgentSecrets.fromSecretName(...)`');
      out.items.push(...scratch.items);
      return undefined;
    }
    let ok = true;
    const ref = (secrets: IAgentSecrets, variable: string, prop: string) => {
      const key = secretKeyOf(secrets, variable);
      if (key !== undefined) return { secretKeyRef: { name: secrets.secretName, key } };
      ok = false;
      const has = Object.keys(secrets.keys ?? {});
      out.addProp(KAFKA_RULES.SECRET_VARIABLE, `auth.${prop}`, variable, `AgentSecrets "${secrets.secretName}" maps ${has.length ? has.join(', ') : 'no variable'}, not ${variable}`,
        `add ${variable} to the key map of "${secrets.secretName}", or pass one of ${has.join(', ')} as \`${prop}\``);
      return undefined;
    };
    let net: Record<string, unknown>;
    if (this.mechanism) {
      const o = this.options as KafkaSaslOptions;
      const mechanism = o.mechanism ?? (this.mechanism === 'PLAIN' ? undefined : 'KAFKA_SASL_MECHANISM');
      net = {
        sasl: {
          enable: true,
          user: ref(o.secrets, o.user ?? 'KAFKA_USER', 'user'),
          password: ref(o.secrets, o.password ?? 'KAFKA_PASSWORD', 'password'),
          type: mechanism === undefined ? undefined : ref(o.secrets, mechanism, 'mechanism'),
        },
        tls: o.tls ? { enable: true, caCert: o.tls.caCert === undefined ? undefined : ref(o.tls.secrets ?? o.secrets, o.tls.caCert, 'tls.caCert') } : undefined,
      };
    } else {
      const o = this.options as KafkaTlsOptions;
      net = {
        tls: {
          enable: true,
          cert: ref(o.secrets, o.cert ?? 'KAFKA_TLS_CERT', 'cert'),
          key: ref(o.secrets, o.key ?? 'KAFKA_TLS_KEY', 'key'),
          caCert: o.caCert === undefined ? undefined : ref(o.secrets, o.caCert, 'caCert'),
        },
      };
    }
    return ok ? net : undefined;
  }
}

export interface KafkaTriggerProps extends EventSourceOptions {
  /** Brokers to connect to, `host:port` each. */
  readonly bootstrapServers: string[];
  /** Topics to consume. */
  readonly topics: string[];
  /**
   * Kafka consumer group id. Always rendered: left out of the manifest, the
   * Kafka webhook would generate a random one and reject the next full update.
   * @default - `<namespace>-<name>` (just `<name>` when the namespace is not known)
   */
  readonly consumerGroup?: string;
  /** Where a new consumer group starts. @default KafkaOffset.LATEST */
  readonly initialOffset?: KafkaOffset;
  /** Ordered or concurrent delivery within a partition. @default KafkaOrdering.ORDERED */
  readonly ordering?: KafkaOrdering;
  /** Consumers in the group (more than the partitions is useless). @default - 1 (not rendered, so KEDA autoscaling of the source can own it) */
  readonly consumers?: number;
  /** Authentication to the brokers. @default - none (PLAINTEXT) */
  readonly auth?: KafkaAuth;
  /**
   * Retries, backoff, dead-letter sink. Given, it replaces the controller's
   * default entirely: give `retry` too when you give a `deadLetterSink`.
   * @default - the KafkaSource controller's: 10 retries with exponential backoff from 0.3 s, a 600 s timeout per request, no dead-letter sink (events still failing are dropped) (eventing-kafka-broker knative-v1.22.3 control-plane/pkg/reconciler/source/source.go#L135-152)
   */
  readonly delivery?: DeliveryOptions;
}

const KAFKA_SHAPE = {
  bootstrapServers: T.array(T.string()),
  topics: T.array(T.string()),
  consumerGroup: T.string({ nonEmpty: true }),
  initialOffset: T.enumOf(KafkaOffset, 'KafkaOffset'),
  ordering: T.enumOf(KafkaOrdering, 'KafkaOrdering'),
  consumers: T.number({ integer: true }),
  auth: T.instanceOf(KafkaAuth, 'KafkaAuth', 'use `KafkaAuth.scramSha512({ secrets, ... })`, `KafkaAuth.plain(...)` or `KafkaAuth.tls(...)`'),
  delivery: DELIVERY_SHAPE,
} satisfies SourceShapeOf<KafkaTriggerProps>;

/**
 * Events from Kafka topics into a sink: a `KafkaSource`.
 *
 * Emitted as `sources.knative.dev/v1beta1`, the storage version, which
 * every supported release serves (`v1` is served only since eventing-kafka
 * 1.16). Events have the type `dev.knative.kafka.event`. The consumer group
 * is always set (see `consumerGroup`).
 *
 * ```ts
 * new KafkaTrigger(chart, 'tickets', {
 *   bootstrapServers: ['my-cluster-kafka-bootstrap.kafka:9092'],
 *   topics: ['support-tickets'],
 *   sink: agent,
 * });
 * ```
 */
export class KafkaTrigger extends EventSource<KafkaTriggerProps> {
  /** The Kafka consumer group id. */
  public readonly consumerGroup: string;
  /** Where events go that the sink finally refused (`delivery.deadLetterSink`); none when unset. */
  public readonly deadLetterSink?: ISink;
  private readonly net?: Record<string, unknown>;
  private readonly delivery?: Record<string, unknown>;

  public constructor(scope: Construct, id: string, props: KafkaTriggerProps) {
    super(scope, id, props, KAFKA_SHAPE, ['bootstrapServers', 'topics'], {
      apiVersion: sources.KafkaSource.GVK.apiVersion,
      kind: sources.KafkaSource.GVK.kind,
      eventTypes: ['dev.knative.kafka.event'],
    });
    this.consumerGroup = this.props.consumerGroup ?? (this.namespace ? `${this.namespace}-${this.name}` : this.name);
    if (this.props.auth) {
      const problems = new FindingList();
      this.net = this.props.auth._render(problems);
      for (const f of problems.items) this.reportProp(f.rule, f.prop ?? 'auth', f.value, f.problem, f.fix);
    }
    this.deadLetterSink = this.props.delivery?.deadLetterSink;
    this.delivery = renderDelivery(this.props.delivery, this.sender);
    if (this.props.delivery?.deadLetterSink) this.trackSink(this.props.delivery.deadLetterSink);
    this.createSource();
  }

  /**
   * @internal The sink with `delivery.deadLetterSink`: eventing-kafka-broker
   * knative-v1.22.3 RecordDispatcherImpl.java#L267-284 sends there what the
   * sink finally refused.
   */
  public _routes(): readonly EventRoute[] {
    return [{ to: this.sink, deadLetterSink: this.deadLetterSink, namespace: this.namespace }];
  }

  protected renderSpec(): Record<string, unknown> {
    const p = this.props;
    return {
      bootstrapServers: fromProp('bootstrapServers', p.bootstrapServers ? [...p.bootstrapServers] : undefined),
      topics: fromProp('topics', p.topics ? [...p.topics] : undefined),
      consumerGroup: fromProp('consumerGroup', this.consumerGroup),
      initialOffset: fromProp('initialOffset', p.initialOffset ?? KafkaOffset.LATEST),
      ordering: fromProp('ordering', p.ordering ?? KafkaOrdering.ORDERED),
      consumers: fromProp('consumers', p.consumers),
      net: fromProp('auth', this.net),
      delivery: this.delivery,
    };
  }
}
