import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as eventing from '../../imports/eventing.knative.dev';
import { AgentConstruct, fromProp } from '../construct/construct';
import { ShapeOf, T } from '../construct/props';
import type { IBroker } from './broker';
import { DELIVERY_SHAPE, DeliveryOptions, EventRoute, renderDelivery, SINK_SHAPE } from './delivery';
import { EventFilter } from './filters';
import { externalRefsAnnotation, ISink, SinkSender } from './sink';

/** Options of a Trigger created with `broker.addTrigger`. */
export interface TriggerOptions {
  /** Where matching events go. */
  readonly subscriber: ISink;
  /** Exact-match attribute filter (`spec.filter.attributes`), e.g. `{ type: 'dev.acme.user.created' }`. @default - every event */
  readonly filter?: Record<string, string>;
  /** Subscriptions-API filters (exact, prefix, suffix, all, any, not, CESQL); when set they win over `filter`. @default - none */
  readonly filters?: EventFilter[];
  /** Delivery to the subscriber. @default - the Broker's delivery */
  readonly delivery?: DeliveryOptions;
  /** Trigger name. @default - the construct id */
  readonly name?: string;
}

/** Props of a Trigger. */
export interface TriggerProps extends TriggerOptions {
  /** The Broker whose events are filtered. */
  readonly broker: IBroker;
}

const TRIGGER_SHAPE = {
  broker: T.duck('an IBroker', ['name', 'addTrigger'], 'create the Trigger with `broker.addTrigger(id, {...})`'),
  subscriber: SINK_SHAPE,
  filter: T.record(T.string()),
  filters: T.array(T.instanceOf(EventFilter, 'EventFilter', 'use `EventFilter.exact({...})`, `.prefix`, `.suffix`, `.all`, `.any`, `.not` or `.cesql(expression)`')),
  delivery: DELIVERY_SHAPE,
  name: T.string({ nonEmpty: true }),
} satisfies ShapeOf<TriggerProps>;

/**
 * A Knative Trigger (`eventing.knative.dev/v1`): delivers the Broker's events
 * that pass its filter to a subscriber. Create it with `broker.addTrigger`.
 */
export class Trigger extends AgentConstruct<TriggerProps> {
  public readonly name: string;
  public readonly namespace?: string;
  /** The generated Trigger (id `Resource`). */
  public readonly resource: ApiObject;
  /** This Trigger as the sender its subscriber and dead-letter sink are bound to. */
  public readonly sender: SinkSender;
  /** The Broker whose events are filtered; undefined when the props were invalid. */
  public readonly broker?: IBroker;
  /** Where matching events go; undefined when the props were invalid. */
  public readonly subscriber?: ISink;
  /** Where events go once the subscriber's retries are spent (`delivery.deadLetterSink`); undefined when none (the Broker's then applies). */
  public readonly deadLetterSink?: ISink;

  public constructor(scope: Construct, id: string, props: TriggerProps) {
    super(scope, id, props, TRIGGER_SHAPE, ['broker', 'subscriber']);
    const p = this.props;
    this.name = this.resourceName;
    this.namespace = p.broker?.namespace ?? Chart.of(this).namespace;
    this.broker = p.broker;
    this.subscriber = p.subscriber;
    this.deadLetterSink = p.delivery?.deadLetterSink;
    const type = p.filter?.type;
    this.sender = {
      construct: this,
      ref: { apiVersion: eventing.Trigger.GVK.apiVersion, kind: eventing.Trigger.GVK.kind, name: this.name, namespace: this.namespace },
      eventTypes: type && !p.filters ? [type] : undefined,
    };
    p.subscriber?.bind(this.sender);
    const delivery = renderDelivery(p.delivery, this.sender);
    const subscriber = p.subscriber?.toDestination();
    const filters = p.filters?.map((f) => f._toJson());

    this.resource = this.createResource({
      apiVersion: eventing.Trigger.GVK.apiVersion,
      kind: eventing.Trigger.GVK.kind,
      metadata: {
        ...this.metadata({ annotations: externalRefsAnnotation([p.broker, p.subscriber, p.delivery?.deadLetterSink]) }),
        namespace: fromProp('broker', p.broker?.namespace),
      },
      spec: Lazy.any({
        produce: () => ({
          broker: fromProp('broker', p.broker?.name),
          filter: fromProp('filter', p.filter ? { attributes: { ...p.filter } } : undefined),
          filters: fromProp('filters', filters),
          subscriber: fromProp('subscriber', subscriber),
          delivery,
        }),
      }),
    });
  }

  /**
   * @internal The subscriber, with the Trigger's dead-letter sink, else its
   * Broker's (the broker filter's order, knative/eventing knative-v1.22.2
   * pkg/broker/filter/filter_handler.go#L395-407).
   */
  public _routes(): readonly EventRoute[] {
    const broker = this.broker as { readonly deadLetterSink?: ISink } | undefined;
    return [{ to: this.subscriber, deadLetterSink: this.deadLetterSink ?? broker?.deadLetterSink, namespace: this.namespace }];
  }
}
