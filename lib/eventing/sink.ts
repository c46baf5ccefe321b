/**
 * A Knative destination (duck type `Destination`): an object reference, a
 * URI, or both (the URI then resolves relative to the object).
 */
export interface SinkDestination {
  /** The addressable object. @default - none: `uri` is absolute */
  readonly ref?: {
    readonly apiVersion: string;
    readonly kind: string;
    readonly name: string;
    /** @default - the namespace of the resource that points at it */
    readonly namespace?: string;
  };
  /** Absolute URL, or a path relative to `ref`. @default - the address of `ref` */
  readonly uri?: string;
}

/**
 * Anything that can receive CloudEvents: an AgentKnativeService, a Broker,
 * a Sequence, a Parallel, or a plain URL (`Sink.uri`).
 */
export interface ISink {
  /** The destination eventing resources use to address this sink. */
  toDestination(): SinkDestination;
}

/** Sinks that are not constructs of this library. */
export class Sink {
  /** An absolute URL outside the app, e.g. a service in another cluster. */
  public static uri(url: string): ISink {
    return { toDestination: () => ({ uri: url }) };
  }

  private constructor() {}
}
