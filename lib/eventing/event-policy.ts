import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as eventing from '../../imports/eventing.knative.dev';
import { AgentConstruct, fromProp } from '../construct/construct';
import { checkArgs, ShapeOf, T, withArgFindings } from '../construct/props';
import { RawFinding } from '../engine/rule';
import { EventFilter } from './filters';
import { IEventPolicyTarget } from './sink';

/** One allowed sender of an EventPolicy (`spec.from[]`). */
export class EventPolicyFrom {
  /** An eventing object (source, Trigger, Sequence, ...): its OIDC identities are allowed. */
  public static ref(ref: { readonly apiVersion: string; readonly kind: string; readonly name: string; readonly namespace?: string }): EventPolicyFrom {
    return new EventPolicyFrom({ ref: { apiVersion: ref?.apiVersion, kind: ref?.kind, name: ref?.name, namespace: ref?.namespace } }, checkArgs('EventPolicyFrom.ref', { ref }, {
      ref: T.object({ apiVersion: NAME, kind: NAME, name: NAME, namespace: NAME }, 'an object reference', ['apiVersion', 'kind', 'name']),
    }, ['ref']));
  }

  /** A Kubernetes service account (e.g. an app that posts events to a Broker). */
  public static serviceAccount(name: string, namespace: string): EventPolicyFrom {
    return new EventPolicyFrom({ sub: `system:serviceaccount:${String(namespace)}:${String(name)}` },
      checkArgs('EventPolicyFrom.serviceAccount', { name, namespace }, { name: NAME, namespace: NAME }, ['name', 'namespace']));
  }

  /** Every service account of a namespace. */
  public static namespace(namespace: string): EventPolicyFrom {
    return new EventPolicyFrom({ sub: `system:serviceaccount:${String(namespace)}:*` }, checkArgs('EventPolicyFrom.namespace', { namespace }, { namespace: NAME }, ['namespace']));
  }

  /** An OIDC subject as is; `*` is allowed only as the last character. */
  public static subject(sub: string): EventPolicyFrom {
    return new EventPolicyFrom({ sub }, checkArgs('EventPolicyFrom.subject', { sub }, { sub: NAME }, ['sub']));
  }

  private constructor(private readonly json: Record<string, unknown>, argFindings: RawFinding[]) {
    withArgFindings(this, argFindings);
  }

  /** @internal */
  public _toJson(): Record<string, unknown> {
    return JSON.parse(JSON.stringify(this.json));
  }
}

// Only the types: empty names and subjects are the manifest rules' (EVT-POLICY-*).
const NAME = T.string();

export interface EventPolicyProps {
  /** The sink the policy protects: a Broker, AgentSequence, AgentParallel or JobSink (an agent Service is accepted but not enforced by Knative, EVT-POLICY-007). */
  readonly to: IEventPolicyTarget;
  /** Senders allowed besides those wired to `to`. @default - none */
  readonly from?: EventPolicyFrom[];
  /** Allow every sender wired to `to` in the app (triggers, sources, flows), as `from` references. @default true */
  readonly wiredSenders?: boolean;
  /** Only events that pass these filters are allowed. @default - every event of an allowed sender */
  readonly filters?: EventFilter[];
  /** @default - the construct id */
  readonly name?: string;
  /** @default - the namespace of `to`, else the Chart's */
  readonly namespace?: string;
}

const POLICY_SHAPE = {
  to: T.duck('an IEventPolicyTarget', ['toDestination', 'senders'], 'pass a Broker, AgentSequence, AgentParallel, JobSink (or an agent)'),
  from: T.array(T.instanceOf(EventPolicyFrom, 'EventPolicyFrom', 'use `EventPolicyFrom.ref(...)`, `.serviceAccount(name, namespace)`, `.namespace(ns)` or `.subject(sub)`')),
  wiredSenders: T.boolean(),
  filters: T.array(T.instanceOf(EventFilter, 'EventFilter', 'use `EventFilter.exact({...})` or `EventFilter.cesql(expression)`')),
  name: T.string({ nonEmpty: true }),
  namespace: T.string({ nonEmpty: true }),
} satisfies ShapeOf<EventPolicyProps>;

/**
 * Who may send to a sink (`eventing.knative.dev/v1alpha1` EventPolicy). By
 * default it allows exactly the senders wired to the sink in the app, so the
 * policy follows the wiring. Needs the eventing flags `authentication-oidc`
 * (Enabled) and `transport-encryption` (Permissive or Strict), declared in
 * the ClusterProfile.
 *
 * ```ts
 * new EventPolicy(chart, 'events-senders', { to: broker, from: [EventPolicyFrom.serviceAccount('web', 'shop')] });
 * ```
 */
export class EventPolicy extends AgentConstruct<EventPolicyProps> {
  public readonly name: string;
  /** The generated EventPolicy (id `Resource`). */
  public readonly resource: ApiObject;

  public constructor(scope: Construct, id: string, props: EventPolicyProps) {
    super(scope, id, props, POLICY_SHAPE, ['to']);
    const p = this.props;
    this.name = this.resourceName;
    const to = p.to?.toDestination().ref;
    // The policy lives beside its target; the Chart's namespace applies when they agree.
    const namespace = p.namespace ?? (to?.namespace !== Chart.of(this).namespace ? to?.namespace : undefined);
    this.resource = this.createResource({
      apiVersion: eventing.EventPolicy.GVK.apiVersion,
      kind: eventing.EventPolicy.GVK.kind,
      metadata: { ...this.metadata(), namespace: fromProp(p.namespace === undefined ? 'to' : 'namespace', namespace) },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
  }

  private renderSpec(): Record<string, unknown> {
    const p = this.props;
    const ref = p.to?.toDestination().ref;
    // Senders are read at synth: everything wired by then is allowed.
    const seen = new Set<string>();
    const from: Record<string, unknown>[] = [];
    const add = (entry: Record<string, unknown>) => {
      const key = JSON.stringify(entry);
      if (!seen.has(key)) {
        seen.add(key);
        from.push(entry);
      }
    };
    if (p.wiredSenders ?? true) {
      for (const s of p.to?.senders ?? []) add({ ref: { apiVersion: s.ref.apiVersion, kind: s.ref.kind, name: s.ref.name, namespace: s.ref.namespace } });
    }
    for (const f of p.from ?? []) add(f._toJson());
    return {
      to: fromProp('to', ref ? [{ ref: { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name } }] : undefined),
      from: fromProp('from', from),
      filters: fromProp('filters', p.filters?.map((f) => f._toJson())),
    };
  }
}
