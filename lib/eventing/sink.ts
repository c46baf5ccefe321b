import { IConstruct } from 'constructs';
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
 * reference in its `agents.cdk8s.io/external-refs` annotation, so the
 * app-wide check does not ask for the object in the app.
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

  /** Records a sender; binding the same sender again has no effect. */
  public add(sender: SinkSender): void {
    if (!sender || !sender.construct || !sender.ref) return;
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

/** Options of a sink addressed by reference. */
export interface SinkTargetOptions {
  /** Path appended to the object's address (`uri` relative to the ref). @default - none */
  readonly path?: string;
  /** The object lives outside the app (see `ISink.external`). @default false */
  readonly external?: boolean;
}

/**
 * What every sink does, held by each one (composition, so a sink can extend
 * any base): the destination senders render, and the senders bound to it,
 * for EventPolicies. AgentKnativeService, JobSink, Broker, the flows and
 * `Sink.*` all address and record through one.
 */
export class SinkTarget implements IEventPolicyTarget {
  /**
   * A sink addressed by a reference to an object. `ref` is called whenever a
   * sender renders, so a construct can create its target before its name is set.
   */
  public static ref(ref: () => SinkReference, options: SinkTargetOptions = {}): SinkTarget {
    return new SinkTarget(ref, options);
  }

  /** A plain URL: no EventPolicy can name it, so binding records nothing. */
  public static uri(url: string): ISink {
    return { toDestination: () => ({ uri: url }), bind: () => undefined };
  }

  public readonly external?: boolean;
  private readonly recorded = new SinkSenders();

  private constructor(private readonly ref: () => SinkReference, private readonly options: SinkTargetOptions) {
    this.external = options.external;
  }

  /** A copy of the reference (with the path as a relative `uri` when there is one). */
  public toDestination(): SinkDestination {
    const ref = { ...this.ref() };
    return this.options.path === undefined ? { ref } : { ref, uri: this.options.path };
  }

  /** Records a sender; binding the same sender again has no effect. */
  public bind(sender: SinkSender): void {
    this.recorded.add(sender);
  }

  /** Every sender bound so far, in binding order. */
  public get senders(): readonly SinkSender[] {
    return this.recorded.all;
  }
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

/** Options of an existing object referenced as a sink. */
export interface SinkReferenceOptions {
  /** Namespace of the object. @default - the namespace of the resource that points at it */
  readonly namespace?: string;
  /** Path appended to the object's address (`uri` relative to the ref). @default - none */
  readonly path?: string;
}

/** Sinks that are not constructs of this library. */
export class Sink {
  /** An absolute URL outside the app, e.g. a service in another cluster. Binding it does nothing. */
  public static uri(url: string): ISink {
    return SinkTarget.uri(url);
  }

  /**
   * An existing Knative Service (an agent deployed by another app) by name.
   * It can be the `to` of an EventPolicy: its senders are recorded.
   */
  public static knativeService(name: string, options: SinkReferenceOptions = {}): IEventPolicyTarget {
    const ref: SinkReference = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name, namespace: options.namespace };
    return SinkTarget.ref(() => ref, { path: options.path, external: true });
  }

  /** Any existing addressable object by reference (a KafkaSink, a Channel, ...). */
  public static ref(ref: SinkReference, options: Omit<SinkReferenceOptions, 'namespace'> = {}): IEventPolicyTarget {
    const copy: SinkReference = { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, namespace: ref.namespace };
    return SinkTarget.ref(() => copy, { path: options.path, external: true });
  }

  private constructor() {}
}
