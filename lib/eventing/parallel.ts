import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as flows from '../../imports/flows.knative.dev';
import { fromProp } from '../construct/construct';
import { ShapeOf, T } from '../construct/props';
import { DELIVERY_SHAPE, DeliveryOptions, EventRoute, renderDelivery, SINK_SHAPE } from './delivery';
import { CHANNEL_SHAPE, ChannelTemplate, FlowBase } from './flow';
import { externalRefsAnnotation, ISink } from './sink';

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
  /**
   * Channels in front of and between the branches.
   * @default - the cluster's default channel (the eventing webhook fills `channelTemplate` from the `default-ch-webhook` ConfigMap)
   */
  readonly channel?: ChannelTemplate;
  /** @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
}

const PARALLEL_SHAPE = {
  branches: T.array(T.object<ParallelBranch>({ subscriber: SINK_SHAPE, filter: SINK_SHAPE, reply: SINK_SHAPE, delivery: DELIVERY_SHAPE }, 'a ParallelBranch')),
  reply: SINK_SHAPE,
  channel: CHANNEL_SHAPE,
  name: T.string({ nonEmpty: true }),
  namespace: T.string({ nonEmpty: true }),
} satisfies ShapeOf<AgentParallelProps>;

/**
 * A Knative Parallel (`flows.knative.dev/v1`): fans each event out to every
 * branch; the branches' replies go to `reply` (an aggregator).
 *
 * ```ts
 * new AgentParallel(chart, 'fan-out', { branches: [{ subscriber: web }, { subscriber: db }], reply: aggregator });
 * ```
 */
export class AgentParallel extends FlowBase<AgentParallelProps> {
  /** The generated Parallel (id `Resource`). */
  public readonly resource: ApiObject;

  public constructor(scope: Construct, id: string, props: AgentParallelProps) {
    super(scope, id, props, PARALLEL_SHAPE, ['branches'], flows.Parallel.GVK);
    const p = this.props;
    const sender = this.asSender;
    const dest = (s: ISink | undefined) => {
      s?.bind(sender);
      return s?.toDestination();
    };
    const given = p.branches ?? [];
    const branches = given.map((b, i) => fromProp(`branches[${i}]`, {
      filter: fromProp(`branches[${i}].filter`, dest(b.filter)),
      subscriber: fromProp(`branches[${i}].subscriber`, dest(b.subscriber)),
      reply: fromProp(`branches[${i}].reply`, dest(b.reply)),
      delivery: renderDelivery(b.delivery, sender, `branches[${i}].delivery`),
    }));
    const reply = dest(p.reply);
    // Unset, the cluster's default channel applies (pinning InMemoryChannel would override it).
    const channel = p.channel?._toJson();
    const referenced = [...given.flatMap((b) => [b.filter, b.subscriber, b.reply, b.delivery?.deadLetterSink]), p.reply];

    this.resource = this.createResource({
      apiVersion: flows.Parallel.GVK.apiVersion,
      kind: flows.Parallel.GVK.kind,
      metadata: this.metadata({ annotations: externalRefsAnnotation(referenced) }),
      spec: Lazy.any({ produce: () => ({ channelTemplate: fromProp('channel', channel), branches: fromProp('branches', branches), reply: fromProp('reply', reply) }) }),
    });
  }

  /**
   * @internal Each branch's filter (no dead-letter sink: the filter
   * Subscription gets no delivery), its subscriber and its reply (the
   * branch's, else the Parallel's) with the branch's `delivery` dead-letter
   * sink: knative/eventing v0.49.2
   * pkg/reconciler/parallel/resources/subscription.go#L53-83 (filter),
   * #L101-116 (subscriber, `Delivery: Branches[i].Delivery`, reply); the
   * channel dispatcher dead-letters a refused subscriber and a refused reply
   * alike (pkg/kncloudevents/event_dispatcher.go#L282-303, #L345-364).
   */
  public _routes(): readonly EventRoute[] {
    const p = this.props;
    const namespace = this.namespace;
    return (p.branches ?? []).flatMap((b) => {
      const deadLetterSink = b?.delivery?.deadLetterSink;
      const reply = b?.reply ?? p.reply;
      return [
        ...(b?.filter ? [{ to: b.filter, namespace }] : []),
        { to: b?.subscriber, deadLetterSink, namespace },
        ...(reply ? [{ to: reply, deadLetterSink, namespace }] : []),
      ];
    });
  }
}
