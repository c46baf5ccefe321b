import { Construct } from 'constructs';
import * as sources from '../../../imports/sources.knative.dev';
import { fromProp } from '../../construct/construct';
import { T } from '../../construct/props';
import { isObject as isJsonObject } from '../../engine/json';
import { CORE_RULES } from '../../engine/core-rules';
import { IAgentWorkload } from '../../construct/workload';
import { ISink } from '../sink';
import { EventSource, EventSourceOptions, SourceShapeOf } from './source';

export interface SinkBindingProps extends EventSourceOptions {
  /**
   * The agent that sends the events: every container of its pods gets the
   * sink's address as `K_SINK` (and the extensions as `K_CE_OVERRIDES`).
   * An AgentKnativeService, AgentWorker, AgentDeployment (bound by name),
   * AgentJob or AgentCronJob (their Jobs, bound by labels as they are
   * created): an IAgentWorkload with a `workloadRef`.
   */
  readonly subject: IAgentWorkload;
  /** CloudEvent types the agent sends, declared to the sink (Trigger filters are checked against them, EVT-APP-004). @default - unknown: no filter is checked against this sender */
  readonly eventTypes?: string[];
}

const BINDING_SHAPE = {
  subject: T.duck('an IAgentWorkload', ['name', 'podSelector'], 'pass an agent of this library (AgentKnativeService, AgentWorker, AgentJob, AgentCronJob, AgentDeployment)'),
  eventTypes: T.array(T.string({ nonEmpty: true })),
} satisfies SourceShapeOf<SinkBindingProps>;

/** Options of `agent.publishTo(sink)`: a SinkBinding's props without the agent and the sink. */
export type PublishOptions = Omit<SinkBindingProps, 'subject' | 'sink'>;

// The bindings of each subject, so an EgressPolicy finds its agents' sinks without walking the whole tree (one walk per policy was quadratic in a fleet).
const BINDINGS = new WeakMap<object, SinkBinding[]>();

/** The SinkBindings made for a workload (`publishTo` or `new SinkBinding`), in creation order. */
export function bindingsOf(subject: IAgentWorkload): readonly SinkBinding[] {
  return BINDINGS.get(subject) ?? [];
}

/**
 * Gives an agent the address of the sink it publishes to: a `SinkBinding`
 * (`sources.knative.dev/v1`), whose webhook writes `K_SINK` (the Broker's
 * ingress URL, resolved in the cluster, so the broker class and namespace
 * need not be known here) into the agent's containers. The binding is the
 * sender the sink sees: an EventPolicy on the sink allows it (its OIDC
 * identity) and an EgressPolicy of the agent allows the sink's receiver.
 * Usually made by `agent.publishTo(sink)`.
 *
 * ```ts
 * const broker = new Broker(chart, 'events');
 * triage.publishTo(broker, { eventTypes: ['dev.acme.ticket.triaged'] });
 * ```
 *
 * The namespace's SinkBinding webhook must include the agent: by default
 * (`SINK_BINDING_SELECTION_MODE=exclusion`) every object not labelled
 * `bindings.knative.dev/exclude: "true"`.
 */
export class SinkBinding extends EventSource<SinkBindingProps> {
  /** The agent whose containers get `K_SINK`. */
  public readonly subject: IAgentWorkload;
  /** Where its events go. */
  public readonly sink: ISink;

  public constructor(scope: Construct, id: string, props: SinkBindingProps) {
    // The binding lives beside its subject (EVT-BINDING-003): the subject's namespace is the default.
    const isObject = props !== null && typeof props === 'object' && !Array.isArray(props);
    super(scope, id, isObject ? { ...props, namespace: props.namespace ?? props.subject?.namespace } : props, BINDING_SHAPE, ['subject'], {
      apiVersion: sources.SinkBinding.GVK.apiVersion,
      kind: sources.SinkBinding.GVK.kind,
      eventTypes: isObject && Array.isArray(props.eventTypes) ? props.eventTypes : undefined,
    });
    this.subject = this.props.subject as IAgentWorkload;
    this.sink = this.props.sink as ISink;
    if (this.subject !== null && typeof this.subject === 'object') {
      const list = BINDINGS.get(this.subject);
      if (list) list.push(this);
      else BINDINGS.set(this.subject, [this]);
    }
    const ref = this.subject?.workloadRef;
    if (this.propsValid && !(typeof ref?.apiVersion === 'string' && typeof ref.kind === 'string' && (typeof ref.name === 'string' || isJsonObject(ref.selector)))) {
      this.reportProp(CORE_RULES.PROP_TYPE, 'subject', this.subject.name, 'the workload names no object that owns its pods (`workloadRef`)', 'pass an agent of this library, or a workload with a `workloadRef` (a name or a selector)');
    }
    this.createSource();
  }

  protected renderSpec(): Record<string, unknown> {
    const s = this.props.subject;
    const ref = s?.workloadRef;
    // By name, or (Jobs a controller creates under generated names) by the labels the webhook matches as each is created (knative.dev/pkg v0.0.0-20260531000007-52dbd5ece63f webhook/psbinding/psbinding.go#L186-L193, #L270-L290).
    const subject = ref && (typeof ref.name === 'string' ? { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, namespace: s.namespace }
      : { apiVersion: ref.apiVersion, kind: ref.kind, selector: { matchLabels: { ...ref.selector } }, namespace: s.namespace });
    return { subject: fromProp('subject', subject) };
  }
}

/**
 * What `agent.publishTo(sink)` does for every agent kind: a SinkBinding child
 * `PublishesTo` named `<agent>-publishes`. A second call makes a second
 * binding (`PublishesTo2`, `<agent>-publishes-2`), which EVT-BINDING-006 reports.
 */
export function publishTo(agent: IAgentWorkload & Construct, sink: ISink, options: PublishOptions = {}): SinkBinding {
  const n = agent.node.children.filter((c) => c instanceof SinkBinding && c.subject === agent).length + 1;
  const suffix = n === 1 ? '' : `-${n}`;
  const id = n === 1 ? 'PublishesTo' : `PublishesTo${n}`;
  // Options that are no object (plain JS) are handed over as the props, whose check names them.
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return new SinkBinding(agent, id, options as unknown as SinkBindingProps);
  return new SinkBinding(agent, id, { name: `${agent.name}-publishes${suffix}`, ...options, subject: agent, sink });
}
