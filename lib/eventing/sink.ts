import { Construct, IConstruct } from 'constructs';
import { checkArgs, describe, T, withArgFindings } from '../construct/props';
import { externalRefsAnnotationOf } from '../k8s/external-refs';

/**
 * A Knative destination (duck type `Destination`): an object reference, a
 * URI, or both (the URI then resolves relative to the object).
 */
export interface SinkDestination {
  /** The addressable object. @default - none: `uri` is absolute */
  readonly ref?: SinkReference;
  /** Absolute URL, or a path relative to `ref`. @default - the address of `ref` */
  readonly uri?: string;
}

/** An object reference (duck type `KReference`). */
export interface SinkReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** @default - the namespace of the resource that points at it */
  readonly namespace?: string;
}

/** Who sends events to a sink. */
export interface SinkSender {
  /** The construct that sends (trigger, source, sequence, parallel, ...). */
  readonly construct: IConstruct;
  /** The object that delivers, as an EventPolicy `from` reference. */
  readonly ref: {
    readonly apiVersion: string;
    readonly kind: string;
    readonly name: string;
    /** @default - the namespace of the sink */
    readonly namespace?: string;
  };
  /** CloudEvent types the sender declares, for filter checks. @default - unknown */
  readonly eventTypes?: readonly string[];
}

/**
 * Anything that can receive CloudEvents: an AgentKnativeService, a Broker,
 * a Sequence, a Parallel, a JobSink, an existing object (`Sink.knativeService`,
 * `Broker.fromBrokerName`) or a plain URL (`Sink.uri`).
 *
 * A construct that sends to a sink calls `bind` once per sink in its
 * constructor (so that an EventPolicy rendered later sees every sender), and
 * renders `toDestination()`. When `external` is true, the sender lists the
 * reference in its `EXTERNAL_REFS_ANNOTATION` (see `externalRefsAnnotation`),
 * so the app-wide check does not ask for the object in the app.
 */
export interface ISink {
  /** The destination eventing resources use to address this sink. */
  toDestination(): SinkDestination;
  /** Called once per sender wired to this sink; the sink adds what delivery needs (EventPolicy entry, ...). Idempotent. */
  bind(sender: SinkSender): void;
  /** The sink is an object outside the app, referenced by name. @default false */
  readonly external?: boolean;
}

/** A sink that records who sends to it, so an EventPolicy can be derived from the wiring. */
export interface IEventPolicyTarget extends ISink {
  /** Every sender bound so far, in binding order, each once. */
  readonly senders: readonly SinkSender[];
}

/** The senders a sink has seen: each (construct, ref) once, in binding order. */
export class SinkSenders {
  private readonly list: SinkSender[] = [];

  /** Records a sender; binding the same sender again has no effect. A malformed sender is a programming mistake: a plain Error. */
  public add(sender: SinkSender): void {
    const ref = sender?.ref;
    if (!Construct.isConstruct(sender?.construct) || ![ref?.apiVersion, ref?.kind, ref?.name].every((x) => typeof x === 'string')) {
      throw new Error(`bind(sender): expected a SinkSender ({ construct, ref: { apiVersion, kind, name } }), got ${describe(sender)}`);
    }
    const key = senderKey(sender);
    if (!this.list.some((s) => senderKey(s) === key)) this.list.push(sender);
  }

  /** A copy of the senders, in binding order. */
  public get all(): readonly SinkSender[] {
    return [...this.list];
  }
}

function senderKey(s: SinkSender): string {
  return `${s.construct.node.path}|${s.ref.apiVersion}|${s.ref.kind}|${s.ref.namespace ?? ''}|${s.ref.name}`;
}

export { EXTERNAL_REFS_ANNOTATION, externalRefKey } from '../k8s/external-refs';

/**
 * The external-refs annotation for the sinks a construct sends to (entries
 * sorted, each once), or undefined when none is external. Spread it into the
 * object's `metadata.annotations`.
 */
export function externalRefsAnnotation(sinks: readonly (ISink | undefined)[]): Record<string, string> | undefined {
  return externalRefsAnnotationOf(sinks.flatMap((s) => {
    const ref = s?.external ? s.toDestination().ref : undefined;
    return ref ? [ref] : [];
  }));
}

const NAME = T.string({ nonEmpty: true });

/** Options of an existing object referenced as a sink. */
export interface SinkReferenceOptions {
  /** Namespace of the object. @default - the namespace of the resource that points at it */
  readonly namespace?: string;
  /** Path appended to the object's address (`uri` relative to the ref). @default - none */
  readonly path?: string;
}

/** An existing addressable object used as a sink: records its senders, renders a ref. */
class ExternalSink implements IEventPolicyTarget {
  public readonly external = true;
  private readonly recorded = new SinkSenders();

  public constructor(private readonly ref: SinkReference, private readonly path?: string) {}

  public toDestination(): SinkDestination {
    return { ref: { ...this.ref }, uri: this.path };
  }

  public bind(sender: SinkSender): void {
    this.recorded.add(sender);
  }

  public get senders(): readonly SinkSender[] {
    return this.recorded.all;
  }
}

/** Sinks that are not constructs of this library. */
export class Sink {
  /** An absolute URL outside the app, e.g. a service in another cluster. Binding it does nothing. */
  public static uri(url: string): ISink {
    return withArgFindings({ toDestination: () => ({ uri: url }), bind: () => undefined }, checkArgs('Sink.uri', { url }, { url: NAME }, ['url']));
  }

  /**
   * An existing Knative Service (an agent deployed by another app) by name.
   * It can be the `to` of an EventPolicy: its senders are recorded.
   */
  public static knativeService(name: string, options: SinkReferenceOptions = {}): IEventPolicyTarget {
    return withArgFindings(new ExternalSink({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', name, namespace: options?.namespace }, options?.path),
      checkArgs('Sink.knativeService', { name, options }, { name: NAME, options: T.object({ namespace: NAME, path: T.string() }, 'a SinkReferenceOptions object') }, ['name']));
  }

  /** Any existing addressable object by reference (a KafkaSink, a Channel, ...). */
  public static ref(ref: SinkReference, options: Omit<SinkReferenceOptions, 'namespace'> = {}): IEventPolicyTarget {
    return withArgFindings(new ExternalSink({ apiVersion: ref?.apiVersion, kind: ref?.kind, name: ref?.name, namespace: ref?.namespace }, options?.path), checkArgs('Sink.ref', { ref, options }, {
      ref: T.object({ apiVersion: NAME, kind: NAME, name: NAME, namespace: NAME }, 'a SinkReference', ['apiVersion', 'kind', 'name']),
      options: T.object({ path: T.string() }, 'an options object'),
    }, ['ref']));
  }

  private constructor() {}
}
