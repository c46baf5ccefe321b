// Rules over the whole app (or the whole set of files of a check): what
// references what, on rendered manifests only, so synth and check agree.
import { Located } from '../engine/engine';
import type { CrossObjectValidator } from '../settings/validation';
import { RawFinding } from '../engine/rule';
import { filterAdmitsType } from './filters';
import { parseIsoPeriod } from './delivery';
import { EVENTING_APP_RULES as A } from './app-rules.rules';
import { reportMissingReference } from '../k8s/external-refs';
import { groupKind, ObjectIndex } from '../k8s/object-index';
import { arr, JsonObject, obj, valueAt } from '../engine/json';
import { podTemplateOf } from '../k8s/pod-templates';

/** Addressable kinds this library renders: a reference to one must resolve in the app. */
const KNOWN_SINK_KINDS = new Set(['serving.knative.dev/Service', 'eventing.knative.dev/Broker', 'flows.knative.dev/Sequence', 'flows.knative.dev/Parallel', 'sinks.knative.dev/JobSink']);
const FLOW_KINDS = new Set(['eventing.knative.dev/Broker', 'flows.knative.dev/Sequence', 'flows.knative.dev/Parallel']);

interface Obj {
  readonly at: Located;
  readonly o: JsonObject;
  readonly gk: string;
  readonly ns: string;
  readonly name: string;
}

/** A destination an object points at, with the manifest field and its role. */
interface Edge {
  readonly from: Obj;
  readonly field: string;
  readonly dest: JsonObject;
  /** Events pass unchanged to it (trigger subscriber, flow step/branch/reply), for loops; `publish`: a workload posts to it (K_SINK). */
  readonly role: 'forward' | 'reply' | 'dead-letter' | 'publish';
  /** The delivery spec that governs sending along a forward edge, and its field. */
  readonly delivery?: { readonly field: string; readonly value: JsonObject };
}

function objectsOf(objects: readonly Located[]): Obj[] {
  const out: Obj[] = [];
  for (const at of objects) {
    const o = obj(at.object);
    const meta = obj(o?.metadata);
    if (!o || typeof o.kind !== 'string' || typeof o.apiVersion !== 'string' || typeof meta?.name !== 'string') continue;
    out.push({ at, o, gk: groupKind(o.apiVersion, o.kind), ns: typeof meta.namespace === 'string' ? meta.namespace : '', name: meta.name });
  }
  return out;
}

/** Every destination of an object, by kind. */
function edgesOf(x: Obj): Edge[] {
  const spec = obj(x.o.spec) ?? {};
  const edges: Edge[] = [];
  const add = (field: string, dest: unknown, role: Edge['role'], deliveryField?: string, delivery?: unknown) => {
    const d = obj(dest);
    const dv = obj(delivery);
    if (d) edges.push({ from: x, field, dest: d, role, delivery: dv && deliveryField ? { field: deliveryField, value: dv } : undefined });
  };
  const dls = (base: string, delivery: unknown) => add(`${base}.deadLetterSink`, obj(delivery)?.deadLetterSink, 'dead-letter');
  switch (x.gk) {
    case 'eventing.knative.dev/Trigger':
      add('spec.subscriber', spec.subscriber, 'forward', 'spec.delivery', spec.delivery);
      dls('spec.delivery', spec.delivery);
      break;
    case 'eventing.knative.dev/Broker':
    case 'messaging.knative.dev/Channel':
    case 'messaging.knative.dev/InMemoryChannel':
      dls('spec.delivery', spec.delivery);
      break;
    case 'flows.knative.dev/Sequence':
      arr(spec.steps).forEach((s, i) => {
        add(`spec.steps[${i}]`, s, 'forward', `spec.steps[${i}].delivery`, obj(s)?.delivery);
        dls(`spec.steps[${i}].delivery`, obj(s)?.delivery);
      });
      add('spec.reply', spec.reply, 'reply');
      break;
    case 'flows.knative.dev/Parallel':
      arr(spec.branches).forEach((b, i) => {
        add(`spec.branches[${i}].filter`, obj(b)?.filter, 'forward');
        add(`spec.branches[${i}].subscriber`, obj(b)?.subscriber, 'forward', `spec.branches[${i}].delivery`, obj(b)?.delivery);
        add(`spec.branches[${i}].reply`, obj(b)?.reply, 'reply');
        dls(`spec.branches[${i}].delivery`, obj(b)?.delivery);
      });
      add('spec.reply', spec.reply, 'reply');
      break;
    case 'messaging.knative.dev/Subscription':
      add('spec.subscriber', spec.subscriber, 'forward', 'spec.delivery', spec.delivery);
      add('spec.reply', spec.reply, 'reply');
      dls('spec.delivery', spec.delivery);
      break;
    default:
      // Every source (sources.knative.dev/*) has spec.sink; KafkaSource also a delivery.
      if (x.gk.startsWith('sources.knative.dev/')) {
        add('spec.sink', spec.sink, 'forward', 'spec.delivery', spec.delivery);
        dls('spec.delivery', spec.delivery);
      }
  }
  // A workload that posts to a Broker by its ingress URL in K_SINK (the env var a SinkBinding writes) is a sender too.
  const pod = podTemplateOf(x.o);
  arr(pod?.spec.containers).forEach((c, i) => arr(obj(c)?.env).forEach((e, j) => {
    const env = obj(e);
    const m = env?.name === 'K_SINK' && typeof env.value === 'string' ? BROKER_INGRESS_URL.exec(env.value) : null;
    if (m) add(`${pod!.field}.containers[${i}].env[${j}].value`, { ref: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', namespace: m[1], name: m[2] } }, 'publish');
  }));
  return edges;
}

/** A Broker's ingress URL, `http://broker-ingress.knative-eventing.svc.cluster.local/<namespace>/<name>` (`kafka-broker-ingress` for the Kafka broker). */
const BROKER_INGRESS_URL = /^https?:\/\/(?:kafka-)?broker-ingress\.[a-z0-9-]+(?:\.svc(?:\.[a-z0-9.-]+)?)?(?::\d+)?\/([a-z0-9-]+)\/([a-z0-9.-]+)\/?$/;

/** The eventing objects by identity, over the shared object index. */
class Index {
  private readonly byAt = new Map<Located, Obj>();
  private readonly index: ObjectIndex;

  public constructor(objects: readonly Obj[], all: readonly Located[]) {
    for (const x of objects) this.byAt.set(x.at, x);
    this.index = ObjectIndex.of(all);
  }

  /** The object of that group/kind and name; a manifest without namespace matches any. */
  public find(gk: string, ns: string, name: string): Obj | undefined {
    const at = this.index.find(gk, name, ns);
    return at && this.byAt.get(at);
  }
}

function refTarget(e: Edge): { gk: string; kind: string; ns: string; name: string } | undefined {
  const ref = obj(e.dest.ref);
  // A ref without apiVersion (group-only, or incomplete) is already an error of the object's own checks.
  if (!ref || typeof ref.kind !== 'string' || typeof ref.name !== 'string' || typeof ref.apiVersion !== 'string') return undefined;
  return { gk: groupKind(ref.apiVersion, ref.kind), kind: ref.kind, ns: typeof ref.namespace === 'string' && ref.namespace !== '' ? ref.namespace : e.from.ns, name: ref.name };
}

function brokerOf(t: Obj): { name: string; ns: string; field: string } | undefined {
  const spec = obj(t.o.spec) ?? {};
  if (typeof spec.broker === 'string' && spec.broker !== '') return { name: spec.broker, ns: t.ns, field: 'spec.broker' };
  const ref = obj(spec.brokerRef);
  if (ref && typeof ref.name === 'string') return { name: ref.name, ns: typeof ref.namespace === 'string' && ref.namespace ? ref.namespace : t.ns, field: 'spec.brokerRef.name' };
  return undefined;
}

const label = (x: Obj) => `${x.o.kind}/${x.name}`;

/** EVT-APP-001 to EVT-APP-004, EVT-APP-006, EVT-APP-007 and EVT-FLOW-006. */
export const EVENTING_APP_VALIDATOR: CrossObjectValidator = {
  name: 'eventing wiring',
  rules: Object.values(A),
  validate(ctx, report) {
    const objects = objectsOf(ctx.objects);
    const index = new Index(objects, ctx.objects);
    const emit = (x: Obj, raw: RawFinding) => report(x.at, raw);
    const edges = objects.flatMap(edgesOf);

    // A trigger's broker exists or is declared external.
    const triggers = objects.filter((x) => x.gk === 'eventing.knative.dev/Trigger');
    for (const t of triggers) {
      const b = brokerOf(t);
      if (b && !index.find('eventing.knative.dev/Broker', b.ns, b.name)) {
        reportMissingReference(ctx.world, t.o, {
          rule: A.MISSING_BROKER, field: b.field, ref: { kind: 'Broker', name: b.name, namespace: b.ns || undefined },
          problem: `no Broker "${b.name}"${b.ns ? ` in namespace "${b.ns}"` : ''} in the app, and none declared external`,
        }, (raw) => emit(t, raw));
      }
    }

    // Every sink reference resolves; pipeline steps are cluster-local.
    for (const e of edges) {
      const target = refTarget(e);
      // A K_SINK URL names the Broker without asking it to exist here: only a sender.
      if (!target || !KNOWN_SINK_KINDS.has(target.gk) || e.role === 'publish') continue;
      const found = index.find(target.gk, target.ns, target.name);
      if (!found) {
        reportMissingReference(ctx.world, e.from.o, {
          rule: A.MISSING_SINK, field: `${e.field}.ref.name`, ref: { kind: target.kind, name: target.name, namespace: target.ns || undefined },
          problem: `no ${target.kind} "${target.name}"${target.ns ? ` in namespace "${target.ns}"` : ''} in the app, and none declared external`,
        }, (raw) => emit(e.from, raw));
      } else if (target.gk === 'serving.knative.dev/Service' && e.role === 'forward' && (e.from.gk === 'flows.knative.dev/Sequence' || e.from.gk === 'flows.knative.dev/Parallel')) {
        const visibility = obj(valueAt(found.o, 'metadata', 'labels'))?.['networking.knative.dev/visibility'];
        if (visibility !== 'cluster-local') emit(e.from, { rule: A.PUBLIC_STEP, field: `${e.field}.ref.name`, value: target.name, problem: `the Service "${target.name}" is public` });
      }
      if (found && target.gk === 'serving.knative.dev/Service' && e.role === 'forward') checkDeliveryTimeout(e, found, ctx.settings.serving.revisionTimeoutSeconds, emit);
    }

    checkLoops(objects, edges, index, triggers, emit);
    checkFilters(edges, index, triggers, emit);
  },
};

/**
 * A delivery timeout must agree with the request timeout of the Knative
 * Service it calls: shorter, and the sender retries work the agent is still
 * doing; longer, and Knative ends the attempt first.
 */
function checkDeliveryTimeout(e: Edge, service: Obj, revisionTimeoutSeconds: number, emit: (x: Obj, raw: RawFinding) => void): void {
  const raw = e.delivery?.value.timeout;
  const period = parseIsoPeriod(raw);
  // A malformed or zero period is the delivery rules' (EVT-DELIVERY-*); a non-number timeout the schema's.
  if (!period || period.zero || period.negative) return;
  const given = valueAt(service.o, 'spec', 'template', 'spec', 'timeoutSeconds');
  if (given !== undefined && (typeof given !== 'number' || !Number.isInteger(given) || given < 0)) return;
  // Knative defaults an unset or 0 timeoutSeconds to revision-timeout-seconds.
  const agent = (given as number | undefined) || revisionTimeoutSeconds;
  const field = `${e.delivery!.field}.timeout`;
  const what = `the Service "${service.name}" may take ${agent}s to answer (${given ? 'its timeoutSeconds' : 'timeoutSeconds unset: the cluster default revision-timeout-seconds'})`;
  if (period.seconds < agent) emit(e.from, { rule: A.DELIVERY_TIMEOUT_SHORT, field, value: raw, problem: `${what}; the sender gives up after ${period.seconds}s` });
  else if (period.seconds > agent) emit(e.from, { rule: A.DELIVERY_TIMEOUT_LONG, field, value: raw, problem: `${what}, and Knative ends the request then, before this timeout of ${period.seconds}s` });
}

/**
 * Cycles among flows and brokers along edges that carry every event: flow
 * steps, branches and replies; unfiltered triggers; a trigger into its own
 * broker (the event comes back unchanged, so its filter passes again).
 * Agents are not nodes: whether they reply is not known.
 */
function checkLoops(objects: readonly Obj[], edges: readonly Edge[], index: Index, triggers: readonly Obj[], emit: (x: Obj, raw: RawFinding) => void): void {
  const next = new Map<Obj, { to: Obj; via: Obj; field: string }[]>();
  const link = (from: Obj, to: Obj, via: Obj, field: string) => next.set(from, [...(next.get(from) ?? []), { to, via, field }]);
  for (const e of edges) {
    if (e.role === 'dead-letter' || !FLOW_KINDS.has(e.from.gk)) continue;
    const t = refTarget(e);
    const to = t && FLOW_KINDS.has(t.gk) ? index.find(t.gk, t.ns, t.name) : undefined;
    if (to) link(e.from, to, e.from, `${e.field}.ref`);
  }
  for (const trig of triggers) {
    const b = brokerOf(trig);
    const broker = b && index.find('eventing.knative.dev/Broker', b.ns, b.name);
    const target = refTarget({ from: trig, field: 'spec.subscriber', dest: obj(valueAt(trig.o, 'spec', 'subscriber')) ?? {}, role: 'forward' });
    const to = target && FLOW_KINDS.has(target.gk) ? index.find(target.gk, target.ns, target.name) : undefined;
    if (!broker || !to) continue;
    const spec = obj(trig.o.spec) ?? {};
    const filtered = Object.keys(obj(valueAt(spec.filter, 'attributes')) ?? {}).length > 0 || arr(spec.filters).length > 0;
    if (!filtered || to === broker) link(broker, to, trig, 'spec.subscriber.ref');
  }
  const reported = new Set<string>();
  const walk = (start: Obj, node: Obj, path: { to: Obj; via: Obj; field: string }[], seen: Set<Obj>) => {
    for (const step of next.get(node) ?? []) {
      const trail = [...path, step];
      if (step.to === start) {
        const cycle = [start, ...trail.map((s) => s.to)];
        const key = [...new Set(cycle.map(label))].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          emit(trail[0].via, { rule: A.LOOP, field: trail[0].field, value: step.to === start && trail.length === 1 ? label(start) : cycle.map(label).join(' → '),
            problem: trail.length === 1 ? `${label(start)} sends its events back into itself` : `events cycle ${cycle.map(label).join(' → ')}` });
        }
      } else if (!seen.has(step.to)) {
        walk(start, step.to, trail, new Set([...seen, step.to]));
      }
    }
  };
  for (const x of objects) if (FLOW_KINDS.has(x.gk)) walk(x, x, [], new Set([x]));
}

/** Event types a source declares, by kind (undefined: unknown). */
function declaredTypes(x: Obj): string[] | undefined {
  switch (x.gk) {
    case 'sources.knative.dev/PingSource':
      return ['dev.knative.sources.ping'];
    case 'sources.knative.dev/ApiServerSource': {
      const resource = valueAt(x.o, 'spec', 'mode') === 'Resource';
      return ['add', 'update', 'delete'].map((v) => `dev.knative.apiserver.${resource ? 'resource' : 'ref'}.${v}`);
    }
    case 'sources.knative.dev/KafkaSource':
      return ['dev.knative.kafka.event'];
    default:
      return undefined;
  }
}

/** A trigger filter that no event type its broker's senders declare can pass. */
function checkFilters(edges: readonly Edge[], index: Index, triggers: readonly Obj[], emit: (x: Obj, raw: RawFinding) => void): void {
  const sendersOf = new Map<Obj, Obj[]>();
  for (const e of edges) {
    const t = refTarget(e);
    const broker = t?.gk === 'eventing.knative.dev/Broker' ? index.find(t.gk, t.ns, t.name) : undefined;
    if (broker) sendersOf.set(broker, [...(sendersOf.get(broker) ?? []), e.from]);
  }
  for (const trig of triggers) {
    const b = brokerOf(trig);
    const broker = b && index.find('eventing.knative.dev/Broker', b.ns, b.name);
    const senders = broker ? sendersOf.get(broker) ?? [] : [];
    const typeLists = senders.map(declaredTypes);
    if (senders.length === 0 || typeLists.some((t) => t === undefined)) continue;
    const types = [...new Set(typeLists.flat() as string[])].sort();
    const spec = obj(trig.o.spec) ?? {};
    if (types.every((type) => filterAdmitsType(spec, type) === false)) {
      const useFilters = arr(spec.filters).length > 0;
      emit(trig, {
        rule: A.FILTER_NEVER_MATCHES,
        field: useFilters ? 'spec.filters' : 'spec.filter.attributes["type"]',
        value: useFilters ? spec.filters : valueAt(spec.filter, 'attributes', 'type'),
        problem: `the senders of Broker "${b!.name}" (${senders.map(label).join(', ')}) declare only ${types.join(', ')}`,
      });
    }
  }
}

/** A Kafka consumer: its group, topics and bootstrap servers (an empty topic list: every topic of the group). */
interface KafkaConsumer {
  readonly at: Located;
  readonly group: string;
  readonly topics: readonly string[];
  readonly servers: readonly string[];
  readonly field: string;
  readonly what: string;
  readonly source: boolean;
}

const commaList = (v: unknown): string[] => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : []);
const stringList = (v: unknown): string[] => arr(v).filter((s): s is string => typeof s === 'string');

/** KafkaSources with an explicit consumer group, and the kafka triggers of KEDA ScaledObjects and ScaledJobs. */
function kafkaConsumers(objects: readonly Located[]): KafkaConsumer[] {
  const out: KafkaConsumer[] = [];
  for (const at of objects) {
    const o = obj(at.object);
    if (!o) continue;
    const name = valueAt(o, 'metadata', 'name');
    if (o.apiVersion === 'sources.knative.dev/v1beta1' && o.kind === 'KafkaSource') {
      const group = valueAt(o, 'spec', 'consumerGroup');
      if (typeof group === 'string' && group !== '') {
        out.push({ at, group, topics: stringList(valueAt(o, 'spec', 'topics')), servers: stringList(valueAt(o, 'spec', 'bootstrapServers')), field: 'spec.consumerGroup', what: `the KafkaSource "${String(name)}"`, source: true });
      }
    } else if (o.apiVersion === 'keda.sh/v1alpha1' && (o.kind === 'ScaledObject' || o.kind === 'ScaledJob')) {
      arr(valueAt(o, 'spec', 'triggers')).forEach((t, i) => {
        const m = obj(valueAt(t, 'metadata'));
        if (valueAt(t, 'type') !== 'kafka' || !m || typeof m.consumerGroup !== 'string' || m.consumerGroup === '') return;
        out.push({ at, group: m.consumerGroup, topics: commaList(m.topic), servers: commaList(m.bootstrapServers), field: `spec.triggers[${i}].metadata.consumerGroup`, what: `the workers of the ${o.kind} "${String(name)}"`, source: false });
      });
    }
  }
  return out;
}

const overlaps = (a: readonly string[], b: readonly string[]) => a.length === 0 || b.length === 0 || a.some((x) => b.includes(x));

/** EVT-APP-005: two consumers in one Kafka consumer group on a common topic of one Kafka cluster. */
export const KAFKA_CONSUMER_GROUPS: CrossObjectValidator = {
  name: 'Kafka consumer groups',
  rules: [A.SHARED_CONSUMER_GROUP],
  validate(ctx, report) {
    const byGroup = new Map<string, KafkaConsumer[]>();
    for (const c of kafkaConsumers(ctx.objects)) {
      const earlier = byGroup.get(c.group) ?? [];
      // Two KEDA objects may scale the same workers (or say nothing of how they consume): a KafkaSource is one side.
      const clash = earlier.find((e) => e.at !== c.at && (e.source || c.source) && overlaps(e.topics, c.topics) && (c.servers.length === 0 || e.servers.length === 0 || c.servers.some((s) => e.servers.includes(s))));
      if (clash) {
        report(c.at, { rule: A.SHARED_CONSUMER_GROUP, field: c.field, value: c.group, problem: `${clash.what} (${clash.at.where}) consumes in the same group${c.topics.length && clash.topics.length ? ` on topic "${c.topics.find((t) => clash.topics.includes(t))}"` : ''}: each gets part of the messages` });
      }
      byGroup.set(c.group, [...earlier, c]);
    }
  },
};
