import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as eventing from '../../imports/eventing.knative.dev';
import { fromProp } from '../construct/construct';
import { CORE_RULES } from '../engine/core-rules';
import { checkArgs, checkProps, checkScope, ShapeOf, T, withArgFindings } from '../construct/props';
import { FindingList } from '../engine/rule';
import { IAgentSecrets } from '../secrets/agent-secrets';
import { BROKER_CLASS_ANNOTATION } from './broker.validator';
import { DELIVERY_SHAPE, DeliveryOptions, renderDelivery } from './delivery';
import { externalRefsAnnotation, IEventPolicyTarget, ISink, SinkReference } from './sink';
import { EventSinkConstruct } from './sink-construct';
import { Trigger, TriggerOptions } from './trigger';

/** The broker implementation (`eventing.knative.dev/broker.class`). */
export enum BrokerClass {
  /** The channel-based broker every Knative Eventing install ships (events through InMemoryChannel or the default channel). */
  MT_CHANNEL_BASED = 'MTChannelBasedBroker',
  /** The Apache Kafka broker (eventing-kafka-broker): one topic per Broker, config from a cluster-wide or shared ConfigMap. */
  KAFKA = 'Kafka',
  /** The Kafka broker with a data plane per namespace; its config must be in the Broker's namespace. */
  KAFKA_NAMESPACED = 'KafkaNamespaced',
}

/** The Kafka broker settings rendered into a ConfigMap beside the Broker. */
export interface KafkaBrokerConfigOptions {
  /** Kafka bootstrap servers, `host:port`. */
  readonly bootstrapServers: string[];
  /** Partitions of the Broker's topic (`default.topic.partitions`). @default 10 */
  readonly numPartitions?: number;
  /** Replication factor of the topic (`default.topic.replication.factor`). @default 3 */
  readonly replicationFactor?: number;
  /** Secret with the client auth (protocol, sasl.mechanism, user, password, ca.crt, ...), as `auth.secret.ref.name`. @default - no auth (PLAINTEXT) */
  readonly authSecret?: IAgentSecrets;
  /** Name of the ConfigMap. @default - `<broker name>-kafka-config` */
  readonly configMapName?: string;
}

/** Where a Broker's class-specific config comes from (`spec.config`). */
export class BrokerConfig {
  /** Renders a Kafka broker ConfigMap next to the Broker and points `spec.config` at it. */
  public static kafka(options: KafkaBrokerConfigOptions): BrokerConfig {
    // The options themselves are checked by the Broker (findings under `config.kafka.*`).
    return withArgFindings(new BrokerConfig(undefined, options),
      checkArgs('BrokerConfig.kafka', { options }, { options: T.plainObject('a KafkaBrokerConfigOptions object') }, ['options']));
  }

  /** An existing ConfigMap (a Kafka broker config, or a channel config for the channel-based class). */
  public static fromConfigMapName(name: string, namespace?: string): BrokerConfig {
    const n = T.string();
    return withArgFindings(new BrokerConfig({ name, namespace }), checkArgs('BrokerConfig.fromConfigMapName', { name, namespace }, { name: n, namespace: n }, ['name']));
  }

  private constructor(
    /** @internal */ public readonly _existing?: { name: string; namespace?: string },
    /** @internal */ public readonly _kafka?: KafkaBrokerConfigOptions,
  ) {}
}

export interface BrokerProps {
  /** Broker name (DNS-1123 subdomain; at most 63 characters so Triggers can label it). @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /**
   * The broker implementation (the `eventing.knative.dev/broker.class` annotation).
   * @default - BrokerClass.KAFKA when `config` is `BrokerConfig.kafka(...)`; otherwise no annotation, so the
   * defaulting webhook gives the cluster's default class (config-br-defaults `clusterDefault.brokerClass`,
   * MTChannelBasedBroker in a stock install)
   */
  readonly brokerClass?: BrokerClass;
  /** Class-specific config. @default - the cluster default of the class (config-br-defaults) */
  readonly config?: BrokerConfig;
  /** Delivery to every Trigger's subscriber, unless the Trigger sets its own. @default - the cluster default (10 retries, exponential from 0.2 s) */
  readonly delivery?: DeliveryOptions;
  /** @default - none */
  readonly labels?: Record<string, string>;
  /** @default - none (the class annotation is added) */
  readonly annotations?: Record<string, string>;
}

/** A Broker of the app or an existing one: a sink that Triggers can be added to. */
export interface IBroker extends IEventPolicyTarget {
  /** The Broker's name. */
  readonly name: string;
  /** Namespace, when known at synth time. @default - the namespace the manifests are applied to */
  readonly namespace?: string;
  /** Routes the Broker's events that pass `filter` to `subscriber`. */
  addTrigger(id: string, options: TriggerOptions): Trigger;
}

const BROKER_SHAPE = {
  name: T.string({ nonEmpty: true }),
  namespace: T.string({ nonEmpty: true }),
  brokerClass: T.enumOf(BrokerClass, 'BrokerClass'),
  config: T.instanceOf(BrokerConfig, 'BrokerConfig', 'use `BrokerConfig.kafka({...})` or `BrokerConfig.fromConfigMapName(name)`'),
  delivery: DELIVERY_SHAPE,
  labels: T.record(T.string()),
  annotations: T.record(T.string()),
} satisfies ShapeOf<BrokerProps>;

const KAFKA_CONFIG_SHAPE = {
  bootstrapServers: T.array(T.string({ nonEmpty: true })),
  numPartitions: T.number({ integer: true, min: 1 }),
  replicationFactor: T.number({ integer: true, min: 1, max: 32767 }),
  authSecret: T.duck('an IAgentSecrets', ['secretName'], 'use `AgentSecrets.fromSecretName(scope, id, name)`'),
  configMapName: T.string({ nonEmpty: true }),
} satisfies ShapeOf<KafkaBrokerConfigOptions>;

/** What `Broker.fromBrokerName` is given, checked like props. */
interface ImportedBrokerProps {
  readonly name: string;
  readonly namespace?: string;
  /** The options object given (its `namespace` is the prop above): checked for being one. @default - none */
  readonly options?: unknown;
}

const IMPORTED_BROKER_SHAPE = {
  name: T.string({ nonEmpty: true }), namespace: T.string({ nonEmpty: true }), options: T.plainObject('an options object ({ namespace })'),
} satisfies ShapeOf<ImportedBrokerProps>;

function brokerRef(name: string, namespace?: string): SinkReference {
  return { apiVersion: eventing.Broker.GVK.apiVersion, kind: eventing.Broker.GVK.kind, name, namespace };
}

/** What a Broker of the app and an existing one share: the reference, the senders, Triggers. */
abstract class BrokerBase<P extends object> extends EventSinkConstruct<P> implements IBroker {
  public abstract readonly name: string;
  public abstract readonly namespace?: string;

  protected get sinkRef(): SinkReference {
    return brokerRef(this.name, this.namespace);
  }

  public addTrigger(id: string, options: TriggerOptions): Trigger {
    return new Trigger(this, id, { ...options, broker: this });
  }
}

/**
 * A Knative Broker (`eventing.knative.dev/v1`): an event mesh that
 * Triggers subscribe to. Channel-based by default; Kafka-backed with
 * `config: BrokerConfig.kafka({...})`.
 *
 * ```ts
 * const broker = new Broker(chart, 'events');
 * broker.addTrigger('user-created', { subscriber: notifier, filter: { type: 'dev.acme.user.created' } });
 * ```
 */
export class Broker extends BrokerBase<BrokerProps> {
  /**
   * An existing Broker by name: Triggers can be added to it and it can be a
   * sink; nothing is rendered for it, and the objects that reference it
   * declare it external (annotation `agents.cdk8s.io/external-refs`).
   */
  public static fromBrokerName(scope: Construct, id: string, name: string, options: { readonly namespace?: string } = {}): IBroker {
    return new ImportedBroker(checkScope(scope, id, 'Broker.fromBrokerName'), id, name, options);
  }

  public readonly name: string;
  public readonly namespace?: string;
  /** The class written on the Broker; undefined when the cluster's default class applies. */
  public readonly brokerClass?: BrokerClass;
  /** The generated Broker (id `Resource`). */
  public readonly resource: ApiObject;
  /** The Kafka config ConfigMap, when `BrokerConfig.kafka` renders one (id `KafkaConfig`). */
  public readonly kafkaConfig?: ApiObject;
  /** Where the events of its Triggers without a dead-letter sink of their own go once the retries are spent (`delivery.deadLetterSink`); undefined when none. */
  public readonly deadLetterSink?: ISink;

  private readonly delivery?: Record<string, unknown>;

  public constructor(scope: Construct, id: string, props: BrokerProps = {}) {
    super(scope, id, props, BROKER_SHAPE);
    const p = this.props;
    this.name = this.resourceName;
    this.namespace = this.resourceNamespace;
    const kafka = p.config?._kafka;
    this.brokerClass = p.brokerClass ?? (kafka ? BrokerClass.KAFKA : undefined);
    this.deadLetterSink = p.delivery?.deadLetterSink;
    this.delivery = renderDelivery(p.delivery, { construct: this, ref: brokerRef(this.name, this.namespace) });

    let config: Record<string, unknown> | undefined;
    if (kafka && this.checkKafkaConfig(kafka)) {
      const cmName = kafka.configMapName ?? `${this.name}-kafka-config`;
      const data: Record<string, string> = {
        'bootstrap.servers': kafka.bootstrapServers.join(','),
        'default.topic.partitions': String(kafka.numPartitions ?? 10),
        'default.topic.replication.factor': String(kafka.replicationFactor ?? 3),
      };
      if (kafka.authSecret) data['auth.secret.ref.name'] = kafka.authSecret.secretName;
      this.kafkaConfig = this.createObject('KafkaConfig', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: fromProp('config', cmName), namespace: fromProp('namespace', p.namespace) }, data: fromProp('config', data) });
      config = { apiVersion: 'v1', kind: 'ConfigMap', name: cmName, namespace: this.namespace };
    } else if (p.config?._existing) {
      config = { apiVersion: 'v1', kind: 'ConfigMap', name: p.config._existing.name, namespace: p.config._existing.namespace };
    }

    // The class annotation goes under the `annotations` prop: a raw one wins. Without a class, the cluster's default applies.
    const classAnnotation: Record<string, string> = this.brokerClass === undefined ? {} : { [BROKER_CLASS_ANNOTATION]: fromProp('brokerClass', this.brokerClass) };
    const annotations = { ...classAnnotation, ...(p.annotations ?? {}), ...externalRefsAnnotation([p.delivery?.deadLetterSink]) };
    this.resource = this.createResource({
      apiVersion: eventing.Broker.GVK.apiVersion,
      kind: eventing.Broker.GVK.kind,
      metadata: { ...this.metadata(), annotations: fromProp('annotations', annotations) },
      spec: Lazy.any({ produce: () => ({ config: fromProp('config', config), delivery: this.delivery }) }),
    });
  }

  /** `BrokerConfig.kafka` options are not props of the Broker: checked here, reported as `config.kafka.*`. */
  private checkKafkaConfig(kafka: KafkaBrokerConfigOptions): boolean {
    const scratch = new FindingList();
    const ok = checkProps(kafka, KAFKA_CONFIG_SHAPE, scratch, ['bootstrapServers']);
    for (const f of scratch.items) this.reportProp(f.rule, `config.kafka.${f.prop}`, f.value, f.problem, f.fix);
    if (ok && kafka.bootstrapServers.length === 0) {
      this.reportProp(CORE_RULES.PROP_TYPE, 'config.kafka.bootstrapServers', [], 'at least one bootstrap server is needed', 'pass `bootstrapServers: ["my-cluster-kafka-bootstrap.kafka:9092"]`');
      return false;
    }
    return ok;
  }
}

/** An existing Broker: renders nothing, records senders, and its Triggers declare it external. */
class ImportedBroker extends BrokerBase<ImportedBrokerProps> {
  public readonly external = true;
  public readonly namespace?: string;

  public readonly name: string;

  public constructor(scope: Construct, id: string, name: string, options: { readonly namespace?: string }) {
    super(scope, id, { name, namespace: options?.namespace, options }, IMPORTED_BROKER_SHAPE, ['name']);
    // A name that failed the check was reported; its Triggers render with the id rather than a value YAML cannot hold.
    this.name = this.propsValid ? name : id;
    this.namespace = this.resourceNamespace;
  }
}
