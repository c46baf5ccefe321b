import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as flows from '../../imports/flows.knative.dev';
import { fromProp } from '../construct/construct';
import { checkArgs, ShapeOf, T, withArgFindings } from '../construct/props';
import { DELIVERY_SHAPE, DeliveryOptions, EventRoute, renderDelivery, SINK_SHAPE } from './delivery';
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
      sink: SINK_SHAPE, options: T.object<SequenceStepOptions>({ delivery: DELIVERY_SHAPE }, 'a SequenceStepOptions object'),
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
  /**
   * Channels between the steps.
   * @default - the cluster's default channel (the eventing webhook fills `channelTemplate` from the `default-ch-webhook` ConfigMap)
   */
  readonly channel?: ChannelTemplate;
  /** @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
}

const SEQUENCE_SHAPE = {
  steps: T.array(SINK_SHAPE),
  reply: SINK_SHAPE,
  delivery: DELIVERY_SHAPE,
  channel: CHANNEL_SHAPE,
  name: T.string({ nonEmpty: true }),
  namespace: T.string({ nonEmpty: true }),
} satisfies ShapeOf<AgentSequenceProps>;

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
export class AgentSequence extends FlowBase<AgentSequenceProps> {
  /** The generated Sequence (id `Resource`). */
  public readonly resource: ApiObject;

  public constructor(scope: Construct, id: string, props: AgentSequenceProps) {
    super(scope, id, props, SEQUENCE_SHAPE, ['steps'], flows.Sequence.GVK);
    const p = this.props;
    const sender = this.asSender;
    const given = p.steps ?? [];
    const steps = given.map((s, i) => {
      s.bind(sender);
      const own = s instanceof SequenceStep && s.options.delivery !== undefined;
      const delivery = own ? s.options.delivery : p.delivery;
      return fromProp(`steps[${i}]`, { ...s.toDestination(), delivery: renderDelivery(delivery, sender, own ? `steps[${i}].delivery` : 'delivery') });
    });
    p.reply?.bind(sender);
    const reply = p.reply?.toDestination();
    const deadLetters = [p.delivery?.deadLetterSink, ...given.map((s) => (s instanceof SequenceStep ? s.options.delivery?.deadLetterSink : undefined))];
    // Unset, the cluster's default channel applies (pinning InMemoryChannel would override it).
    const channel = p.channel?._toJson();

    this.resource = this.createResource({
      apiVersion: flows.Sequence.GVK.apiVersion,
      kind: flows.Sequence.GVK.kind,
      metadata: this.metadata({ annotations: externalRefsAnnotation([...given, p.reply, ...deadLetters]) }),
      spec: Lazy.any({ produce: () => ({ channelTemplate: fromProp('channel', channel), steps: fromProp('steps', steps), reply: fromProp('reply', reply) }) }),
    });
  }

  /**
   * @internal Each step with its delivery's dead-letter sink (its own
   * `SequenceStep.of` delivery, else the Sequence's), and the reply with the
   * last step's. The Sequence reconciler makes step i a Subscription to
   * channel i with `spec.steps[i].delivery` and, for the last step, the
   * Sequence's reply (knative/eventing v0.49.2
   * pkg/reconciler/sequence/resources/subscription.go#L48-81); the channel
   * dispatcher dead-letters a refused subscriber and a refused reply alike
   * (pkg/kncloudevents/event_dispatcher.go#L282-303, #L345-364).
   */
  public _routes(): readonly EventRoute[] {
    const p = this.props;
    const dlsOf = (s: ISink) => (s instanceof SequenceStep && s.options.delivery !== undefined ? s.options.delivery : p.delivery)?.deadLetterSink;
    const steps = (p.steps ?? []).map((s) => ({ to: s instanceof SequenceStep ? s.sink : s, deadLetterSink: dlsOf(s), namespace: this.namespace }));
    const last = p.steps?.[p.steps.length - 1];
    return p.reply ? [...steps, { to: p.reply, deadLetterSink: last && dlsOf(last), namespace: this.namespace }] : steps;
  }
}
