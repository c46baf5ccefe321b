import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as flows from '../../imports/flows.knative.dev';
import { checkArgs, PropShape, T, withArgFindings } from '../construct/props';
import { DELIVERY_SHAPE, DeliveryOptions, deliveryPropOf, renderDelivery, SINK_SHAPE } from './delivery';
import { CHANNEL_SHAPE, ChannelTemplate, FlowBase } from './flow';
import { externalRefsAnnotation, ISink, SinkDestination, SinkSender } from './sink';

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
      metadata: { name: this.name, namespace: p.namespace, annotations: externalRefsAnnotation([...p.steps, p.reply, ...deadLetters]) },
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
