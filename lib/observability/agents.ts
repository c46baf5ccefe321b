// The agents the observability constructs cover: how a prop takes one, how
// the Chart's are found when none are given, and the KEDA object of a worker.
import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { T } from '../construct/props';
import { IAgentWorkload } from '../construct/workload';
import { Broker, BrokerClass } from '../eventing/broker';
import { routesEvents } from '../eventing/delivery';
import { ISink } from '../eventing/sink';
import { ApiServerTrigger } from '../eventing/sources/apiserver-source';
import { KafkaTrigger } from '../eventing/sources/kafka-source';
import { PingTrigger } from '../eventing/sources/ping-source';
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

/** A sink of a route to the agent, with the namespace its reference resolves in when it names none. */
interface DeadLetterSink {
  readonly sink: ISink;
  /** @default - unknown at synth time */
  readonly namespace?: string;
}

/**
 * The dead-letter sinks of every route the Chart renders to the agent, each
 * once, in construct-tree order: what a Trigger (its own, else its Broker's),
 * a KafkaTrigger, an AgentSequence step or reply, and an AgentParallel
 * branch's subscriber or reply dead-letter when the agent finally refuses an
 * event (each construct's `_routes()`, which cites how upstream applies its
 * delivery). A Parallel branch's filter has none.
 */
function deadLetterSinksOf(scope: IConstruct, agent: IAgentWorkload): DeadLetterSink[] {
  const out: DeadLetterSink[] = [];
  for (const c of Chart.of(scope).node.findAll()) {
    if (!routesEvents(c)) continue;
    for (const r of c._routes()) {
      if (r.to !== (agent as unknown) || !r.deadLetterSink || out.some((o) => o.sink === r.deadLetterSink && o.namespace === r.namespace)) continue;
      out.push({ sink: r.deadLetterSink, namespace: r.namespace });
    }
  }
  return out;
}

/** Each reference once, in order. */
function distinctRefs(refs: readonly (KnativeServiceRef | undefined)[]): KnativeServiceRef[] {
  const out: KnativeServiceRef[] = [];
  for (const r of refs) if (r && !out.some((o) => o.name === r.name && o.namespace === r.namespace)) out.push(r);
  return out;
}

/** The Knative Service dead-letter sinks of the routes to the agent (deadLetterSinksOf), each once. */
export function deadLetterServicesOf(scope: IConstruct, agent: IAgentWorkload): KnativeServiceRef[] {
  return distinctRefs(deadLetterSinksOf(scope, agent).map((d) => knativeServiceOf(d.sink, d.namespace)));
}

/**
 * Whether the app sends the Broker events only as a dead-letter sink: no
 * route of the Chart has it as its destination, and every construct bound to
 * it as a sender renders routes (so is known not to post to it otherwise) or
 * is a Broker (whose dead-letter sink it is). Senders outside the app are
 * not known.
 */
function onlyDeadLetters(scope: IConstruct, broker: Broker): boolean {
  const all = Chart.of(scope).node.findAll();
  if (all.some((c) => routesEvents(c) && c._routes().some((r) => r.to === broker))) return false;
  return broker.senders.length > 0 && broker.senders.every((s) => routesEvents(s.construct) || s.construct instanceof Broker);
}

/**
 * The dead-letter sinks of the routes to the agent (deadLetterSinksOf) that
 * are Brokers of the app of the channel-based class (explicitly, or no class:
 * the cluster default, MTChannelBasedBroker in a stock install) to which the
 * app sends nothing else (onlyDeadLetters): what their ingress receives is
 * dead letters. A Kafka-class Broker's ingress is eventing-kafka-broker's
 * receiver, not knative/eventing's pkg/broker/ingress: not covered.
 */
export function deadLetterBrokersOf(scope: IConstruct, agent: IAgentWorkload): KnativeServiceRef[] {
  return distinctRefs(deadLetterSinksOf(scope, agent).map(({ sink, namespace }) =>
    sink instanceof Broker && (sink.brokerClass === undefined || sink.brokerClass === BrokerClass.MT_CHANNEL_BASED) && onlyDeadLetters(scope, sink)
      ? { name: sink.name, namespace: sink.namespace ?? namespace }
      : undefined));
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
