import { Duration } from 'cdk8s';
import { checkArgs, T, withArgFindings } from '../construct/props';

export interface WebhookInvocationOptions {
  /** Longest time to answer, first byte to last. @default Duration.seconds(30) */
  readonly timeout?: Duration;
}

export interface StreamInvocationOptions {
  /** Longest silence between two chunks of the stream (`idleTimeoutSeconds`). @default Duration.minutes(1) */
  readonly idle?: Duration;
  /** Longest wait for the first byte (`responseStartTimeoutSeconds`); a cold start counts. @default Duration.minutes(1) */
  readonly responseStart?: Duration;
  /** Longest stream (`timeoutSeconds`). @default - the cluster's `max-revision-timeout-seconds` (600 s upstream) */
  readonly maxDuration?: Duration;
}

/** @internal What an Invocation sets on the revision. */
export interface InvocationTimeouts {
  /** `timeoutSeconds`. @default - the cluster's `max-revision-timeout-seconds` */
  readonly timeout?: Duration;
  /** `responseStartTimeoutSeconds`. @default - not rendered */
  readonly responseStart?: Duration;
  /** `idleTimeoutSeconds`. @default - not rendered */
  readonly idle?: Duration;
}

const DURATION = T.duration();

/**
 * How an agent is called, which decides every request timeout that must agree:
 * Knative's `timeoutSeconds`, `responseStartTimeoutSeconds` and
 * `idleTimeoutSeconds` on the revision (checked against the cluster's
 * `max-revision-timeout-seconds`), and, app-wide, the `delivery.timeout` of the
 * triggers and sources that call the agent (EVT-APP-006, EVT-APP-007).
 *
 * ```ts
 * Invocation.webhook({ timeout: Duration.seconds(20) });   // one answer within 20 s
 * Invocation.stream({ idle: Duration.seconds(30) });       // SSE / chunked: up to the cluster maximum, 30 s of silence at most
 * Invocation.longTask();                                   // minutes or hours: not a Knative request (KSVC-SPEC-006)
 * ```
 */
export class Invocation {
  /** A request answered in one response: webhook receivers, API calls, event deliveries. */
  public static webhook(options: WebhookInvocationOptions = {}): Invocation {
    const timeout = options?.timeout ?? Duration.seconds(30);
    // The whole answer is the first byte: no separate idle limit (0 turns a cluster default off).
    return withArgFindings(new Invocation('webhook', { timeout, responseStart: timeout, idle: Duration.seconds(0) }),
      checkArgs('Invocation.webhook', { options }, { options: T.object<WebhookInvocationOptions>({ timeout: DURATION }, 'a WebhookInvocationOptions object') }));
  }

  /** A streamed response (SSE, chunked LLM tokens, MCP streamable HTTP): bounded by silence, not by length. */
  public static stream(options: StreamInvocationOptions = {}): Invocation {
    return withArgFindings(new Invocation('stream', {
      timeout: options?.maxDuration,
      responseStart: options?.responseStart ?? Duration.minutes(1),
      idle: options?.idle ?? Duration.minutes(1),
    }), checkArgs('Invocation.stream', { options }, {
      options: T.object<StreamInvocationOptions>({ idle: DURATION, responseStart: DURATION, maxDuration: DURATION }, 'a StreamInvocationOptions object'),
    }));
  }

  /**
   * Work that runs for longer than a request may (minutes to hours). Knative
   * ends every request at `max-revision-timeout-seconds` and a scale-down or
   * rollout ends it sooner, so an AgentKnativeService refuses it
   * (KSVC-SPEC-006): run the work as an AgentJob, or receive the event with
   * a JobSink that starts a Job per event.
   */
  public static longTask(): Invocation {
    return new Invocation('longTask', {});
  }

  private constructor(
    /** The kind of call: `webhook`, `stream` or `longTask`. */
    public readonly kind: 'webhook' | 'stream' | 'longTask',
    /** @internal */ public readonly _timeouts: InvocationTimeouts,
  ) {}

  /** For messages: `Invocation.stream()`. */
  public toString(): string {
    return `Invocation.${this.kind}()`;
  }
}
