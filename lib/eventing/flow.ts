// What AgentSequence and AgentParallel share: the channel between their
// steps or branches, and the flow base (a sink and a sender at once).
import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { checkArgs, ShapeOf, T, withArgFindings } from '../construct/props';
import { isoDuration } from './delivery';
import { SinkReference, SinkSender } from './sink';
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
    // Only the types: ranges are the manifest rules' (EVT-FLOW-005).
    const findings = checkArgs('ChannelTemplate.kafka', { options }, {
      options: T.object({ numPartitions: T.number(), replicationFactor: T.number(), retention: T.duration() }, 'a KafkaChannelOptions object'),
    });
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

export const CHANNEL_SHAPE = T.instanceOf(ChannelTemplate, 'ChannelTemplate', 'use `ChannelTemplate.inMemory()` or `ChannelTemplate.kafka({...})`');

/** A flow is a sink (of its senders) and a sender (to its steps, branches and replies). */
export abstract class FlowBase<P extends { readonly name?: string; readonly namespace?: string }> extends EventSinkConstruct<P> {
  public readonly name: string;
  public readonly namespace?: string;

  protected constructor(scope: Construct, id: string, props: P, shape: ShapeOf<P>, required: readonly (keyof P & string)[],
    private readonly gvk: { apiVersion: string; kind: string }) {
    super(scope, id, props, shape, required);
    this.name = this.resourceName;
    this.namespace = this.resourceNamespace;
  }

  protected get sinkRef(): SinkReference {
    return { ...this.gvk, name: this.name, namespace: this.namespace };
  }

  /** This flow as the sender of its steps, branches and replies. */
  protected get asSender(): SinkSender {
    return { construct: this, ref: this.sinkRef };
  }
}
