// The construct base of the event sources: binds the sink and renders the
// SourceSpec part (sink, ceOverrides); its rules and checks are in source.rules.ts and source.validator.ts.
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { AgentConstruct, fromProp } from '../../construct/construct';
import { ShapeOf, T } from '../../construct/props';
import { EventRoute, SINK_SHAPE } from '../delivery';
import { externalRefsAnnotation, ISink, SinkSender } from '../sink';

/** Props every source construct takes. */
export interface EventSourceOptions {
  /** Where the events go. */
  readonly sink: ISink;
  /** Name of the source object. @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /**
   * CloudEvent extension attributes added to every event
   * (`spec.ceOverrides.extensions`), e.g. `{ team: 'support' }`: lowercase
   * letters and digits, not a CloudEvents attribute name.
   * @default - none
   */
  readonly extensions?: Record<string, string>;
}

/** Shape of the shared props, spread into each source's shape. */
export const SOURCE_SHAPE = {
  sink: SINK_SHAPE,
  name: T.string(),
  namespace: T.string(),
  extensions: T.record(T.string()),
} satisfies ShapeOf<EventSourceOptions>;

/** The shape of a source's own props, spread over SOURCE_SHAPE. */
export type SourceShapeOf<P extends EventSourceOptions> = ShapeOf<Omit<P, keyof EventSourceOptions>>;

/** What a source kind tells the base class. */
export interface SourceKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** CloudEvent types the source emits, declared to the sink. @default - unknown (a SinkBinding's agent sends what it sends) */
  readonly eventTypes?: readonly string[];
}

/**
 * Base of KafkaTrigger, PingTrigger and ApiServerTrigger: resolves name and
 * namespace, binds the sink once (so an EventPolicy sees the sender), and
 * creates the source object with the sink, the extensions and the
 * external-refs annotation rendered; subclasses render the rest of `spec`.
 */
export abstract class EventSource<P extends EventSourceOptions> extends AgentConstruct<P> {
  /** Name of the source object. */
  public readonly name: string;
  /** Namespace, when known at synth time (the prop, else the Chart's). */
  public readonly namespace?: string;
  /** CloudEvent types this source emits; undefined when unknown. */
  public readonly eventTypes?: readonly string[];
  /** Where the events go; undefined when the props were invalid. */
  public readonly sink?: ISink;
  /** The generated source object (id `Resource`). */
  protected resource!: ApiObject;
  private readonly sinks: ISink[] = [];

  protected constructor(scope: Construct, id: string, props: P, shape: SourceShapeOf<P>, required: readonly (keyof P & string)[], private readonly sourceKind: SourceKind) {
    super(scope, id, props, { ...SOURCE_SHAPE, ...shape } as ShapeOf<P>, ['sink', ...required]);
    this.name = this.resourceName;
    this.namespace = this.resourceNamespace;
    this.eventTypes = sourceKind.eventTypes && [...sourceKind.eventTypes];
    this.sink = this.props.sink;
    if (this.props.sink) this.bindSink(this.props.sink);
  }

  /** Who this source is, as a sender to its sinks. */
  protected get sender(): SinkSender {
    const { apiVersion, kind } = this.sourceKind;
    return { construct: this, ref: { apiVersion, kind, name: this.name, namespace: this.namespace }, eventTypes: this.eventTypes };
  }

  /** Binds a sink this source sends to, and records it for the external-refs annotation. */
  protected bindSink(sink: ISink): void {
    sink.bind(this.sender);
    this.trackSink(sink);
  }

  /** @internal The sink (a KafkaSource adds its dead-letter sink). */
  public _routes(): readonly EventRoute[] {
    return [{ to: this.sink, namespace: this.namespace }];
  }

  /** Records a sink bound elsewhere (a dead-letter sink bound by `renderDelivery`) for the external-refs annotation. */
  protected trackSink(sink: ISink): void {
    if (!this.sinks.includes(sink)) this.sinks.push(sink);
  }

  /** Creates the source object; call once, at the end of the subclass constructor. */
  protected createSource(): ApiObject {
    this.resource = this.createResource({
      apiVersion: this.sourceKind.apiVersion,
      kind: this.sourceKind.kind,
      metadata: this.metadata({ annotations: externalRefsAnnotation(this.sinks) }),
      spec: Lazy.any({ produce: () => this.renderFullSpec() }),
    });
    return this.resource;
  }

  /** The kind-specific part of `spec`, without sink and ceOverrides, each key marked with its prop. */
  protected abstract renderSpec(): Record<string, unknown>;

  private renderFullSpec(): Record<string, unknown> {
    const extensions = this.props.extensions;
    return {
      ...this.renderSpec(),
      sink: fromProp('sink', this.props.sink?.toDestination()),
      ceOverrides: fromProp('extensions', extensions && Object.keys(extensions).length > 0 ? { extensions: { ...extensions } } : undefined),
    };
  }
}
