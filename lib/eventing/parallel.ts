import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as flows from '../../imports/flows.knative.dev';
import { PropShape, T } from '../construct/props';
import { DELIVERY_SHAPE, DeliveryOptions, deliveryPropOf, renderDelivery, SINK_SHAPE } from './delivery';
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
      metadata: { name: this.name, namespace: p.namespace, annotations: externalRefsAnnotation(referenced) },
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
