import { ApiObject, Chart, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as flows from '../../imports/flows.knative.dev';
import { checkArgs, PropShape, T, withArgFindings } from '../construct/props';
import { DELIVERY_SHAPE, DeliveryOptions, deliveryPropOf, isoDuration, renderDelivery, SINK_SHAPE } from './delivery';
import { externalRefsAnnotation, ISink, SinkDestination, SinkReference, SinkSender } from './sink';
import { EventSinkConstruct } from './sink-construct';

/** Options of a KafkaChannel used as a flow's channel. */
export interface KafkaChannelOptions {
  /** @default 1 (the Kafka webhook's default) */
  readonly numPartitions?: number;
  /** @default 1 (the Kafka webhook's default) */
  readonly replicationFactor?: number;
  /** How long the topic keeps events, rendered ISO-8601. @default Duration.days(7) (the Kafka webhook's default) */
  readonly retention?: Duration;
}

/** The channel implementation between the steps of a Sequence or the branches of a Parallel (`spec.channelTemplate`). */
export class ChannelTemplate {
  /** In-memory channels (`messaging.knative.dev/v1` InMemoryChannel): the upstream default; events are lost if the dispatcher restarts. */
  public static inMemory(): ChannelTemplate {
    return new ChannelTemplate({ apiVersion: 'messaging.knative.dev/v1', kind: 'InMemoryChannel' });
  }

  /** Kafka channels (`messaging.knative.dev/v1beta1` KafkaChannel): durable, needs eventing-kafka-broker's channel. */
  public static kafka(options: KafkaChannelOptions = {}): ChannelTemplate {
    const findings = checkArgs('ChannelTemplate.kafka', { options }, { options: T.object({
      numPartitions: T.number({ integer: true, min: 1 }), replicationFactor: T.number({ integer: true, min: 1 }), retention: T.duration(),
    }, 'a KafkaChannelOptions object') });
    const spec: Record<string, unknown> = {
      numPartitions: options?.numPartitions,
      replicationFactor: options?.replicationFactor,
      retentionDuration: findings.length === 0 && options?.retention ? isoDuration(options.retention) : undefined,
    };
    for (const k of Object.keys(spec)) if (spec[k] === undefined) delete spec[k];
    return withArgFindings(new ChannelTemplate({ apiVersion: 'messaging.knative.dev/v1beta1', kind: 'KafkaChannel', spec: Object.keys(spec).length > 0 ? spec : undefined }), findings);
  }

  private constructor(private readonly json: Record<string, unknown>) {}

  /** @internal */
  public _toJson(): Record<string, unknown> {
    return JSON.parse(JSON.stringify(this.json));
  }
}

/** Options of one Sequence step. */
export interface SequenceStepOptions {
  /** Delivery to this step. @default - the Sequence's `delivery` */
  readonly delivery?: DeliveryOptions;
}

/**
 * A Sequence step with its own delivery options; anywhere else it is the
 * sink it wraps.
 *
 * ```ts
 * new AgentSequence(chart, 'pipeline', { steps: [search, SequenceStep.of(extract, { delivery: { retry: 5 } })] });
 * ```
 */
export class SequenceStep implements ISink {
  public static of(sink: ISink, options: SequenceStepOptions = {}): SequenceStep {
    return withArgFindings(new SequenceStep(sink, options), checkArgs('SequenceStep.of', { sink, options }, {
      sink: SINK_SHAPE, options: T.object({ delivery: DELIVERY_SHAPE }, 'a SequenceStepOptions object'),
    }, ['sink']));
  }

  private constructor(public readonly sink: ISink, public readonly options: SequenceStepOptions) {}

  public get external(): boolean | undefined {
    return this.sink?.external;
  }

  /** The wrapped sink's destination (none when `SequenceStep.of` was given no sink: the receiving construct reports it). */
  public toDestination(): SinkDestination {
    return typeof this.sink?.toDestination === 'function' ? this.sink.toDestination() : {};
  }

  public bind(sender: SinkSender): void {
    if (typeof this.sink?.bind === 'function') this.sink.bind(sender);
  }
}

const CHANNEL_SHAPE = T.instanceOf(ChannelTemplate, 'ChannelTemplate', 'use `ChannelTemplate.inMemory()` or `ChannelTemplate.kafka({...})`');

export interface AgentSequenceProps {
  /** The steps, in order: each step's reply is the next step's input. Wrap one in `SequenceStep.of(sink, { delivery })` for its own delivery. */
  readonly steps: ISink[];
  /** Where the last step's reply goes. @default - nowhere: the last reply is dropped */
  readonly reply?: ISink;
  /** Delivery to every step (`spec.steps[*].delivery`). @default - the channel's defaults */
  readonly delivery?: DeliveryOptions;
  /** Channels between the steps. @default ChannelTemplate.inMemory() */
  readonly channel?: ChannelTemplate;
  /** @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
}

const SEQUENCE_SHAPE: PropShape = {
  steps: T.array(SINK_SHAPE),
  reply: SINK_SHAPE,
  delivery: DELIVERY_SHAPE,
  channel: CHANNEL_SHAPE,
  name: T.string({ nonEmpty: true }),
  namespace: T.string({ nonEmpty: true }),
};

/** A flow is a sink (of its senders) and a sender (to its steps, branches and replies). */
abstract class FlowBase extends EventSinkConstruct {
  public readonly flowName: string;
  public readonly namespace?: string;

  protected constructor(scope: Construct, id: string, props: { readonly name?: string; readonly namespace?: string }, shape: PropShape, required: string[],
    private readonly gvk: { apiVersion: string; kind: string }) {
    super(scope, id, props, shape, required);
    this.flowName = (this.propsValid ? props.name : undefined) ?? id;
    this.namespace = (this.propsValid ? props.namespace : undefined) ?? Chart.of(this).namespace;
  }

  protected get sinkRef(): SinkReference {
    return { ...this.gvk, name: this.flowName, namespace: this.namespace };
  }

  /** This flow as the sender of its steps, branches and replies. */
  protected get asSender(): SinkSender {
    return { construct: this, ref: this.sinkRef };
  }
}

/**
 * A Knative Sequence (`flows.knative.dev/v1`): a multi-step agent pipeline.
 * Each step receives the previous step's reply; the last reply goes to
 * `reply`. Steps are best left cluster-local (the AgentKnativeService
 * default): a public step warns (EVT-FLOW-006).
 *
 * ```ts
 * new AgentSequence(chart, 'research', { steps: [search, extract, synthesize], reply: handler });
 * ```
 */
export class AgentSequence extends FlowBase {
  /** The generated Sequence (id `Resource`). */
  public readonly resource: ApiObject;
  private readonly props: AgentSequenceProps;

  public constructor(scope: Construct, id: string, props: AgentSequenceProps) {
    super(scope, id, props, SEQUENCE_SHAPE, ['steps'], flows.Sequence.GVK);
    this.props = this.propsValid ? props : ({ steps: [] } as AgentSequenceProps);
    const p = this.props;
    const sender = this.asSender;
    const steps = p.steps.map((s) => {
      s.bind(sender);
      const delivery = s instanceof SequenceStep ? s.options.delivery ?? p.delivery : p.delivery;
      return { ...s.toDestination(), delivery: renderDelivery(delivery, sender) };
    });
    p.reply?.bind(sender);
    const reply = p.reply?.toDestination();
    const deadLetters = [p.delivery?.deadLetterSink, ...p.steps.map((s) => (s instanceof SequenceStep ? s.options.delivery?.deadLetterSink : undefined))];
    const channel = (p.channel ?? ChannelTemplate.inMemory())._toJson();

    this.resource = this.createResource({
      apiVersion: flows.Sequence.GVK.apiVersion,
      kind: flows.Sequence.GVK.kind,
      metadata: { name: this.flowName, namespace: p.namespace, annotations: externalRefsAnnotation([...p.steps, p.reply, ...deadLetters]) },
      spec: Lazy.any({ produce: () => ({ channelTemplate: channel, steps, reply }) }),
    });
  }

  protected propForField(field: string): string | undefined {
    if (field === 'metadata.name') return 'name';
    if (field === 'metadata.namespace') return 'namespace';
    if (field.startsWith('spec.channelTemplate')) return 'channel';
    if (field.startsWith('spec.reply')) return 'reply';
    const step = /^spec\.steps\[(\d+)\](.*)$/.exec(field);
    if (step) {
      const s = this.props.steps[Number(step[1])];
      const own = s instanceof SequenceStep && s.options.delivery !== undefined;
      if (step[2].startsWith('.delivery')) return own ? deliveryPropOf(field, `spec.steps[${step[1]}].delivery`, `steps[${step[1]}].delivery`) : deliveryPropOf(field, `spec.steps[${step[1]}].delivery`);
      return `steps[${step[1]}]`;
    }
    if (field.startsWith('spec.steps')) return 'steps';
    return undefined;
  }
}

/** One branch of an AgentParallel. */
export interface ParallelBranch {
  /** The agent (or other sink) that handles the branch's events. */
  readonly subscriber: ISink;
  /** A sink that decides whether the branch gets an event (it replies with the event to pass it, or nothing). @default - every event */
  readonly filter?: ISink;
  /** Where this branch's replies go. @default - the Parallel's `reply` */
  readonly reply?: ISink;
  /** Delivery to the subscriber. @default - the channel's defaults */
  readonly delivery?: DeliveryOptions;
}

export interface AgentParallelProps {
  /** The branches: every event goes to each branch (that its filter passes). */
  readonly branches: ParallelBranch[];
  /** Where the branches' replies go. @default - nowhere: replies are dropped */
  readonly reply?: ISink;
  /** Channels in front of and between the branches. @default ChannelTemplate.inMemory() */
  readonly channel?: ChannelTemplate;
  /** @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
}

const PARALLEL_SHAPE: PropShape = {
  branches: T.array(T.object({ subscriber: SINK_SHAPE, filter: SINK_SHAPE, reply: SINK_SHAPE, delivery: DELIVERY_SHAPE }, 'a ParallelBranch')),
  reply: SINK_SHAPE,
  channel: CHANNEL_SHAPE,
  name: T.string({ nonEmpty: true }),
  namespace: T.string({ nonEmpty: true }),
};

/**
 * A Knative Parallel (`flows.knative.dev/v1`): fans each event out to every
 * branch; the branches' replies go to `reply` (an aggregator).
 *
 * ```ts
 * new AgentParallel(chart, 'fan-out', { branches: [{ subscriber: web }, { subscriber: db }], reply: aggregator });
 * ```
 */
export class AgentParallel extends FlowBase {
  /** The generated Parallel (id `Resource`). */
  public readonly resource: ApiObject;
  private readonly props: AgentParallelProps;

  public constructor(scope: Construct, id: string, props: AgentParallelProps) {
    super(scope, id, props, PARALLEL_SHAPE, ['branches'], flows.Parallel.GVK);
    this.props = this.propsValid ? props : ({ branches: [] } as AgentParallelProps);
    const p = this.props;
    const sender = this.asSender;
    const dest = (s: ISink | undefined) => {
      s?.bind(sender);
      return s?.toDestination();
    };
    const branches = p.branches.map((b) => ({
      filter: dest(b.filter),
      subscriber: dest(b.subscriber),
      reply: dest(b.reply),
      delivery: renderDelivery(b.delivery, sender),
    }));
    const reply = dest(p.reply);
    const channel = (p.channel ?? ChannelTemplate.inMemory())._toJson();
    const referenced = [...p.branches.flatMap((b) => [b.filter, b.subscriber, b.reply, b.delivery?.deadLetterSink]), p.reply];

    this.resource = this.createResource({
      apiVersion: flows.Parallel.GVK.apiVersion,
      kind: flows.Parallel.GVK.kind,
      metadata: { name: this.flowName, namespace: p.namespace, annotations: externalRefsAnnotation(referenced) },
      spec: Lazy.any({ produce: () => ({ channelTemplate: channel, branches, reply }) }),
    });
  }

  protected propForField(field: string): string | undefined {
    if (field === 'metadata.name') return 'name';
    if (field === 'metadata.namespace') return 'namespace';
    if (field.startsWith('spec.channelTemplate')) return 'channel';
    if (field.startsWith('spec.reply')) return 'reply';
    const b = /^spec\.branches\[(\d+)\]\.?([A-Za-z]*)/.exec(field);
    if (b) return b[2] === 'delivery' ? deliveryPropOf(field, `spec.branches[${b[1]}].delivery`, `branches[${b[1]}].delivery`) : `branches[${b[1]}]${b[2] ? `.${b[2]}` : ''}`;
    if (field.startsWith('spec.branches')) return 'branches';
    return undefined;
  }
}
