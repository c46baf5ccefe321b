import { AgentConstruct } from '../construct/construct';
import { IEventPolicyTarget, SinkDestination, SinkReference, SinkSender, SinkTarget } from './sink';

/**
 * Base of the eventing constructs that receive events (Broker, flows,
 * JobSink): addressed by a reference to themselves, and recording who sends
 * to them so an EventPolicy can be derived from the wiring. The bookkeeping
 * is the SinkTarget every sink holds.
 */
export abstract class EventSinkConstruct<P extends object = object> extends AgentConstruct<P> implements IEventPolicyTarget {
  private readonly sinkTarget = SinkTarget.ref(() => this.sinkRef);

  /** The object senders address. */
  protected abstract get sinkRef(): SinkReference;

  public toDestination(): SinkDestination {
    return this.sinkTarget.toDestination();
  }

  /** Records a sender (a trigger, a source, a flow); an EventPolicy for this sink lists them. */
  public bind(sender: SinkSender): void {
    this.sinkTarget.bind(sender);
  }

  /** Everything wired to send events here, in wiring order. */
  public get senders(): readonly SinkSender[] {
    return this.sinkTarget.senders;
  }
}
