// The agents the observability constructs cover: how a prop takes one, how
// the Chart's are found when none are given, and the KEDA object of a worker.
import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { T } from '../construct/props';
import { IAgentWorkload } from '../construct/workload';
import { Broker } from '../eventing/broker';
import { ISink } from '../eventing/sink';
import { ApiServerTrigger } from '../eventing/sources/apiserver-source';
import { KafkaTrigger } from '../eventing/sources/kafka-source';
import { PingTrigger } from '../eventing/sources/ping-source';
import { Trigger } from '../eventing/trigger';
import { AgentJob } from '../workers/scaled-job';
import { AgentWorker } from '../workers/scaled-object';

/** The runtime shape of a prop that takes an agent. */
export const AGENT_PROP = T.duck('an IAgentWorkload', ['name', 'podSelector'], 'pass an AgentKnativeService, AgentWorker or AgentJob');

/** Whether a construct is an agent workload (duck typed, as EgressPolicy takes them). */
function isWorkload(c: IConstruct): c is IConstruct & IAgentWorkload {
  const w = c as Partial<IAgentWorkload>;
  return typeof w.name === 'string' && typeof w.podSelector === 'object' && w.podSelector !== null && typeof w.servedByKnative === 'boolean';
}

/** Every agent of the scope's Chart, in construct-tree order. */
export function agentsOfChart(scope: IConstruct): IAgentWorkload[] {
  return Chart.of(scope).node.findAll().filter(isWorkload);
}

/** A worker's KEDA object and the `type` label KEDA's metrics give it; none for other agents. */
export function kedaObjectOf(agent: IAgentWorkload): { readonly type: 'scaledobject' | 'scaledjob'; readonly object: ApiObject } | undefined {
  if (agent instanceof AgentWorker) return { type: 'scaledobject', object: agent.scaledObject };
  if (agent instanceof AgentJob) return { type: 'scaledjob', object: agent.scaledJob };
  return undefined;
}

/** A Knative Service a sink addresses: its namespace and name; none for any other sink. */
export interface KnativeServiceRef {
  readonly name: string;
  /** @default - unknown at synth time (the sink's and the Trigger's namespace are both unset) */
  readonly namespace?: string;
}

/** The Knative Service (`serving.knative.dev/v1` Service) a sink addresses, if it is one. */
export function knativeServiceOf(sink: ISink | undefined, defaultNamespace?: string): KnativeServiceRef | undefined {
  const ref = sink?.toDestination().ref;
  if (!ref || ref.kind !== 'Service' || !ref.apiVersion.startsWith('serving.knative.dev/')) return undefined;
  return { name: ref.name, namespace: ref.namespace ?? defaultNamespace };
}

/**
 * The Knative Service dead-letter sinks of what delivers to the agent: a
 * Trigger's own, else its Broker's (the broker filter's order, knative/eventing
 * knative-v1.22.2 pkg/broker/filter/filter_handler.go#L395-407), and a
 * KafkaTrigger's (eventing-kafka-broker knative-v1.22.3
 * RecordDispatcherImpl.java#L267-284 sends there what the sink finally
 * refused); each once, in construct-tree order. Sequences, Parallels and
 * Subscriptions are not followed.
 */
export function deadLetterServicesOf(scope: IConstruct, agent: IAgentWorkload): KnativeServiceRef[] {
  const out: KnativeServiceRef[] = [];
  for (const c of Chart.of(scope).node.findAll()) {
    let dls: ISink | undefined;
    let namespace: string | undefined;
    if (c instanceof Trigger && c.subscriber === (agent as unknown)) {
      dls = c.deadLetterSink ?? (c.broker instanceof Broker ? c.broker.deadLetterSink : undefined);
      namespace = c.namespace;
    } else if (c instanceof KafkaTrigger && c.sink === (agent as unknown)) {
      dls = c.deadLetterSink;
      namespace = c.namespace;
    } else continue;
    const svc = knativeServiceOf(dls, namespace);
    if (svc && !out.some((o) => o.name === svc.name && o.namespace === svc.namespace)) out.push(svc);
  }
  return out;
}

/** The Chart's ApiServerSources and PingSources that send to the agent (the sources whose adapters label their requests with `kn.source.name`). */
export function sourcesOf(scope: IConstruct, agent: IAgentWorkload): (ApiServerTrigger | PingTrigger)[] {
  return Chart.of(scope).node.findAll().filter((c): c is ApiServerTrigger | PingTrigger =>
    (c instanceof ApiServerTrigger || c instanceof PingTrigger) && c.sink === (agent as unknown));
}

/** The Chart's KafkaSources (`KafkaTrigger`) that send to the agent (the kafka-source-dispatcher labels their dispatches with `kn.kafkasource.name`). */
export function kafkaSourcesOf(scope: IConstruct, agent: IAgentWorkload): KafkaTrigger[] {
  return Chart.of(scope).node.findAll().filter((c): c is KafkaTrigger => c instanceof KafkaTrigger && c.sink === (agent as unknown));
}
