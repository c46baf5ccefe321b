// What AgentWorker and AgentJob share: the agent container in a plain
// Kubernetes pod template, the KEDA triggers with their TriggerAuthentications,
// and the pod labels other constructs select.
import { ApiObjectMetadata, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { isProbe, probeHasPort, probeUsesPort } from '../container/agent-container';
import { PodWorkload, PodWorkloadProps, POD_WORKLOAD_SHAPE } from '../container/pod-workload';
import { fromProp } from '../construct/construct';
import { argFindingsOf, ShapeOf, T } from '../construct/props';
import { FindingList } from '../engine/rule';
import { WORKER_POD_RULES } from './keda-workload.rules';
import { AgentTriggerAuthentication, TriggerAuth } from './trigger-authentication';
import { ScaleTrigger, triggerShape } from './triggers';
import { externalRefsAnnotationOf } from '../k8s/external-refs';
import { WorkloadRef } from '../construct/workload';
import { ISink } from '../eventing/sink';
import { PublishOptions, publishTo, SinkBinding } from '../eventing/sources/sink-binding';

// The pod labels moved to the base every plain-pod agent shares.
export { COMPONENT_LABEL, MANAGED_BY_LABEL, NAME_LABEL } from '../container/pod-workload';

/** Props AgentWorker and AgentJob share. */
export interface KedaWorkloadProps extends PodWorkloadProps {
  /** Name of the workload (Deployment and ScaledObject, or ScaledJob). @default - the construct id */
  readonly name?: string;
  /** What the workload scales on; at least one. */
  readonly triggers: ScaleTrigger[];
  /** Port the agent listens on (metrics, probes). @default - none: a queue consumer serves nothing */
  readonly port?: number;
  /** How often KEDA checks the triggers. @default Duration.seconds(30) (KEDA's default) */
  readonly pollingInterval?: Duration;
}

/** The runtime shape of KedaWorkloadProps. */
export const WORKLOAD_SHAPE = {
  ...POD_WORKLOAD_SHAPE,
  triggers: T.array(T.instanceOf(ScaleTrigger, 'ScaleTrigger', 'use `ScaleTrigger.kafka(...)`, `.prometheus(...)`, `.cron(...)`, ... or `ScaleTrigger.custom(type, metadata)`')),
  port: T.number({ integer: true, min: 1, max: 65535 }),
  pollingInterval: T.duration(),
} satisfies ShapeOf<KedaWorkloadProps>;

/**
 * Base of the KEDA-scaled workloads: one agent container with the secure
 * defaults of AgentKnativeService, triggers with their authentication, and
 * the labels that select its pods.
 */
export abstract class KedaWorkload<P extends KedaWorkloadProps> extends PodWorkload<P> {
  /** Port the agent listens on (metrics, probes), when it has one: the port an AgentMonitor scrapes. */
  public readonly port?: number;
  /** What owns the pod template, for a SinkBinding: the worker's Deployment, or the Jobs of the ScaledJob. */
  public abstract readonly workloadRef: WorkloadRef;
  /** Per trigger, the authentication it references. */
  private readonly authRefs: ({ name: string; kind: string } | undefined)[] = [];
  private readonly externalAuths: { kind: string; name: string }[] = [];

  protected constructor(scope: Construct, id: string, props: P, shape: ShapeOf<P>, component: 'worker' | 'job') {
    super(scope, id, props, shape, ['image', 'triggers'], component, (p) => ({ port: p.port, builtinTmpRule: WORKER_POD_RULES.BUILTIN_TMP }));
    this.port = this.props.port;
    this.checkProbePorts();
    this.container.addFromProps();
    this.resolveTriggers();
  }

  /**
   * Publishes the agent's events to `sink` (a Broker, usually): a
   * SinkBinding (child `PublishesTo`, named `<name>-publishes`) gives its
   * containers the sink's address as `K_SINK`. One sink per agent. An
   * AgentJob's Jobs are bound by their label `scaledjob.keda.sh/name` as
   * KEDA creates them; an EgressPolicy of the agent allows the sink.
   */
  public publishTo(sink: ISink, options: PublishOptions = {}): SinkBinding {
    return publishTo(this, sink, options);
  }

  /** The triggers as ScaledObject/ScaledJob entries, each field marked with the trigger option that wrote it. */
  protected renderTriggers(): Record<string, unknown>[] {
    return fromProp('triggers', (this.props.triggers ?? []).map((t, i) => {
      const prop = `triggers[${i}]`;
      const entry = t._render(this.authRefs[i]);
      const metadata = Object.entries(entry.metadata as Record<string, string>).map(([key, value]) => {
        const option = t.optionOf(key);
        return [key, option ? fromProp(`${prop}.${option}`, value) : value];
      });
      return fromProp(prop, {
        ...entry,
        metadata: Object.fromEntries(metadata),
        ...Object.fromEntries(['name', 'metricType', 'useCachedMetrics'].map((k) => [k, fromProp(`${prop}.${k}`, entry[k])])),
        authenticationRef: fromProp(`${prop}.auth`, entry.authenticationRef),
      });
    }));
  }

  /** Metadata of the KEDA object: the external TriggerAuthentications it references are declared in an annotation. */
  protected kedaMetadata(): ApiObjectMetadata {
    return this.metadata({ annotations: externalRefsAnnotationOf(this.externalAuths) });
  }

  /** A worker serves no port by default: an HTTP or TCP probe must name one. */
  private checkProbePorts(): void {
    if (this.props.port !== undefined) return;
    for (const kind of ['readinessProbe', 'livenessProbe', 'startupProbe'] as const) {
      const probe = this.props[kind];
      if (isProbe(probe) && probeUsesPort(probe) && !probeHasPort(probe)) {
        this.reportProp(WORKER_POD_RULES.PROBE_PORT, kind, 'no port', 'the probe names no port and the worker has no `port`');
      }
    }
  }

  /** Checks each trigger's options and creates or references its TriggerAuthentication. */
  private resolveTriggers(): void {
    const triggers = this.props.triggers ?? [];
    const generated = new Map<object, { name: string; kind: string }>();
    const used = new Map<string, number>();
    triggers.forEach((trigger, i) => {
      const scratch = new FindingList();
      if (!triggerShape(trigger).check(trigger._options, `triggers[${i}]`, scratch)) {
        for (const f of scratch.items) this.reportProp(f.rule, f.prop ?? `triggers[${i}]`, f.value, f.problem, f.fix);
      }
      const auth = trigger._options.auth as TriggerAuth | undefined;
      // An auth made from bad arguments was reported under `triggers[i].auth`: nothing to generate or reference.
      if (!(auth instanceof TriggerAuth) || argFindingsOf(auth).length > 0) {
        this.authRefs.push(undefined);
        return;
      }
      if (auth._reference) {
        this.authRefs.push({ name: auth._reference.name, kind: auth._reference.kind });
        if (auth._external) this.externalAuths.push({ kind: auth._reference.kind, name: auth._reference.name });
        return;
      }
      let ref = generated.get(auth);
      if (!ref) {
        const base = `${trigger.type}-auth`;
        const n = (used.get(base) ?? 0) + 1;
        used.set(base, n);
        const id = n === 1 ? base : `${base}-${n}`;
        const ta = new AgentTriggerAuthentication(this, id, { ...auth._generate, name: `${this.name}-${id}`, namespace: this.props.namespace });
        ref = { name: ta.name, kind: ta.kind };
        generated.set(auth, ref);
      }
      this.authRefs.push(ref);
    });
  }
}
