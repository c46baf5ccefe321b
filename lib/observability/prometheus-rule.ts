import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { AgentConstruct, fromProp } from '../construct/construct';
import { ShapeOf, T } from '../construct/props';
import { IAgentWorkload } from '../construct/workload';
import { objOrEmpty as obj, arr } from '../engine/json';
import { prometheusDuration } from '../k8s/prometheus-duration';
import { SCALER_PARAMS } from '../workers/scalers.generated';
import { AGENT_PROP, agentsOfChart, deadLetterBrokersOf, deadLetterServicesOf, kafkaSourcesOf, kedaObjectOf, sourcesOf } from './agents';
import { CONTROL_PLANE, EVENTING, EVENTING_LABELS, KAFKA_SOURCE, KAFKA_SOURCE_LABELS, KEDA, KNATIVE_LABELS, matchers, QUEUE_PROXY } from './metric-names';

export interface AgentAlertsProps {
  /** The agents alerted on: Knative agents and KEDA workers. @default - every agent of the Chart, found at synth */
  readonly agents?: IAgentWorkload[];
  /** Name of the PrometheusRule. @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /** Labels on the PrometheusRule, e.g. the one your Prometheus' `ruleSelector` selects (`release: kube-prometheus-stack`). @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations on the PrometheusRule. @default - none */
  readonly annotations?: Record<string, string>;
  /** How long a condition holds before its alert fires. @default Duration.minutes(5) */
  readonly for?: Duration;
  /** The window of rates and increases. @default Duration.minutes(5) */
  readonly window?: Duration;
  /** `severity` label of every alert. @default 'warning' */
  readonly severity?: string;
  /** Ratio of 5xx responses to all (0..1) above which `AgentErrorRate` fires. @default 0.05 */
  readonly errorRatio?: number;
  /** p95 request duration above which `AgentLatencyP95` fires. @default Duration.seconds(2) */
  readonly latencyP95?: Duration;
  /** Requests waiting in the activator for a pod (a scale from zero) above which `AgentColdStartStorm` fires. @default 10 */
  readonly coldStartQueuedRequests?: number;
  /** How long the autoscaler may want more pods than are ready before `AgentSlowScaleUp` fires. @default Duration.minutes(2) */
  readonly scaleUpDelay?: Duration;
  /**
   * The label KEDA's own `namespace` label ends up under in Prometheus: with a
   * ServiceMonitor's default `honorLabels: false` the scrape target's namespace
   * (KEDA's) wins and the agent's is kept as `exported_namespace`.
   * @default 'exported_namespace'
   */
  readonly kedaNamespaceLabel?: string;
  /**
   * `AgentDeadLetters` for an agent whose events have a dead-letter sink,
   * over every delivery the library renders to it: a Trigger's subscriber
   * (the Trigger's `delivery.deadLetterSink`, else its Broker's), a
   * KafkaTrigger's sink, an AgentSequence step (its `SequenceStep.of`
   * delivery, else the Sequence's `delivery`) and the Sequence's reply (the
   * last step's), an AgentParallel branch's subscriber and reply (the
   * branch's `delivery`; a branch filter is delivered without one).
   * For a Knative Service dead-letter sink it counts the requests reaching
   * that Service (its queue-proxy metrics, so monitor it with an
   * `AgentMonitor`); for a Broker of the app (channel-based class, or the
   * cluster default) that the app sends nothing but dead letters to, the
   * events its ingress received (eventing's
   * `kn_eventing_dispatch_duration_seconds` of the broker ingress, labelled
   * `kn_broker_name`). No alert for a URI (`Sink.uri`) or a Channel
   * dead-letter sink (nothing counts its requests), a Broker that also gets
   * other events from the app (its ingress count is not dead letters), a
   * Kafka-class Broker (eventing-kafka-broker's receiver, not eventing's
   * ingress) or an imported one (its other senders are unknown). Knative
   * Eventing 1.22 counts no dead letters itself: the broker filter and the
   * channel dispatcher record a dead-letter delivery under the subscriber's
   * attributes, with the dead-letter sink's response. A sink shared by
   * several deliveries counts them all.
   * @default true
   */
  readonly deadLetters?: boolean;
  /** Events delivered to an agent's dead-letter sinks within `window` above which `AgentDeadLetters` fires. @default 0 */
  readonly deadLetterEvents?: number;
  /**
   * `AgentSourceDeliveryFailures` for an agent an ApiServerSource or
   * PingSource (`ApiServerTrigger`, `PingTrigger`) sends to: the source
   * adapters' requests to it that got no 2xx (eventing's
   * `http_client_request_duration_seconds`, labelled `kn_source_name`).
   * `AgentKafkaSourceDeliveryFailures` for an agent a KafkaSource
   * (`KafkaTrigger`) sends to: the events the kafka-source-dispatcher finally
   * failed to deliver with a non-2xx response (`kn_eventing_dispatch_latency_ms`,
   * labelled `kn_kafkasource_name`); a failure without a response carries no
   * KafkaSource label and is not counted.
   * @default true
   */
  readonly sourceFailures?: boolean;
  /** Failed source deliveries to an agent within `window` above which `AgentSourceDeliveryFailures` and `AgentKafkaSourceDeliveryFailures` fire. @default 0 */
  readonly sourceFailedDeliveries?: number;
  /**
   * `AgentKafkaSourceLag` for an agent a KafkaSource (`KafkaTrigger`) sends
   * to: the largest lag of the dispatcher's Kafka consumers of the source's
   * consumer group (Kafka's `records-lag-max`,
   * `kafka_consumer_fetch_manager_records_lag_max`, whose `client_id` is
   * `consumer-<consumer group>-<n>`).
   * @default true
   */
  readonly sourceLag?: boolean;
  /** Records a KafkaSource's consumers may lag behind (the maximum over their partitions) before `AgentKafkaSourceLag` fires. @default 1000 */
  readonly kafkaSourceLag?: number;
}

const SHAPE = {
  agents: T.array(AGENT_PROP),
  name: T.string({ nonEmpty: true }),
  namespace: T.namespace(),
  labels: T.record(T.string()),
  annotations: T.record(T.string()),
  for: T.duration(),
  window: T.duration(),
  severity: T.string({ nonEmpty: true }),
  errorRatio: T.number({ min: 0, max: 1 }),
  latencyP95: T.duration(),
  coldStartQueuedRequests: T.number({ min: 0 }),
  scaleUpDelay: T.duration(),
  kedaNamespaceLabel: T.string({ nonEmpty: true }),
  deadLetters: T.boolean(),
  deadLetterEvents: T.number({ min: 0 }),
  sourceFailures: T.boolean(),
  sourceFailedDeliveries: T.number({ min: 0 }),
  sourceLag: T.boolean(),
  kafkaSourceLag: T.number({ min: 0 }),
} satisfies ShapeOf<AgentAlertsProps>;

/** The metadata key of each queue scaler that holds its per-replica target (the HPA's AverageValue). */
const TARGET_KEYS: Readonly<Record<string, string>> = {
  'kafka': 'lagThreshold',
  'apache-kafka': 'lagThreshold',
  'prometheus': 'threshold',
  'rabbitmq': 'value',
  'aws-sqs-queue': 'queueLength',
  'redis': 'listLength',
  'redis-cluster': 'listLength',
  'redis-sentinel': 'listLength',
  'temporal': 'targetQueueSize',
};

/** A trigger's target per replica: its metadata value, else KEDA's default; none for scalers without a queue. */
function targetOf(trigger: Record<string, unknown>): number | undefined {
  const type = String(trigger.type);
  const key = TARGET_KEYS[type];
  if (!key) return undefined;
  const given = obj(trigger.metadata)[key];
  const text = given ?? SCALER_PARAMS[type]?.find((p) => p.n.includes(key))?.def;
  const n = Number(text);
  return text !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}

const seconds = (d: Duration) => d.toMilliseconds() / 1000;
const regexEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

/**
 * Default alerts for an app's agents, as a prometheus-operator
 * `monitoring.coreos.com/v1` PrometheusRule with one group per agent. Every
 * threshold is a prop.
 *
 * For a Knative agent (queue-proxy metrics, AgentMonitor): `AgentErrorRate`
 * (5xx ratio), `AgentLatencyP95`; from Knative's control plane
 * (config-observability `metrics-protocol: prometheus`, OBS-ALERT-001):
 * `AgentColdStartStorm` (requests queued in the activator) and
 * `AgentSlowScaleUp` (more pods requested than ready). For a KEDA worker:
 * `AgentBacklog` per queue trigger (the metric above what `maxReplicas` pods
 * absorb at its target) and `AgentScalerErrors`. For any agent events are
 * sent to: `AgentDeadLetters` (events reaching the Knative Service or
 * dead-letter-only Broker dead-letter sinks of its Triggers, KafkaTriggers,
 * Sequence steps and Parallel branches), `AgentSourceDeliveryFailures` (its
 * ApiServerSources' and PingSources' non-2xx deliveries),
 * `AgentKafkaSourceDeliveryFailures` and `AgentKafkaSourceLag` (its
 * KafkaSources' failed dispatches and consumer lag, eventing-kafka-broker's
 * data plane); the eventing ones need config-observability
 * `metrics-protocol: prometheus` in knative-eventing (OBS-ALERT-002).
 *
 * ```ts
 * new AgentAlerts(chart, 'alerts', { errorRatio: 0.02, latencyP95: Duration.seconds(5), labels: { release: 'kube-prometheus-stack' } });
 * ```
 */
export class AgentAlerts extends AgentConstruct<AgentAlertsProps> {
  /** Name of the PrometheusRule. */
  public readonly name: string;
  /** The generated PrometheusRule (id `Resource`). */
  public readonly resource: ApiObject;

  public constructor(scope: Construct, id: string, props: AgentAlertsProps = {}) {
    super(scope, id, props, SHAPE);
    this.name = this.resourceName;
    this.resource = this.createResource({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: this.metadata({}, this.name),
      spec: Lazy.any({ produce: () => ({ groups: this.agents().map((a) => this.group(a)) }) }),
    });
  }

  private agents(): IAgentWorkload[] {
    return this.props.agents ?? agentsOfChart(this);
  }

  private group(agent: IAgentWorkload): unknown {
    const rules = [...(agent.servedByKnative ? this.knativeRules(agent) : this.workerRules(agent)), ...this.eventRules(agent)];
    return { name: agent.namespace ? `${agent.namespace}.${agent.name}` : agent.name, rules };
  }

  private rule(alert: string, agent: IAgentWorkload, expr: string, forProp: string, forValue: Duration, summary: string): AlertRule {
    return {
      alert,
      expr,
      for: fromProp(forProp, prometheusDuration(forValue)),
      labels: { severity: fromProp('severity', this.props.severity ?? 'warning'), agent: agent.name },
      annotations: { summary },
    };
  }

  private knativeRules(agent: IAgentWorkload): AlertRule[] {
    const p = this.props;
    const ns = agent.namespace;
    const window = prometheusDuration(p.window ?? Duration.minutes(5));
    const hold = p.for ?? Duration.minutes(5);
    const service = matchers({ [KNATIVE_LABELS.namespace]: ns, [KNATIVE_LABELS.service]: agent.name });
    const errors = matchers({ [KNATIVE_LABELS.namespace]: ns, [KNATIVE_LABELS.service]: agent.name, http_response_status_code: '5..' }, ['http_response_status_code']);
    // The activator labels its series by revision only: a revision's name starts with its Service's.
    const revisions = matchers({ [KNATIVE_LABELS.namespace]: ns, [KNATIVE_LABELS.revision]: `${regexEscape(agent.name)}-.+` }, [KNATIVE_LABELS.revision]);
    const count = `${QUEUE_PROXY.duration}_count`;
    const ratio = p.errorRatio ?? 0.05;
    const p95 = seconds(p.latencyP95 ?? Duration.seconds(2));
    const queued = p.coldStartQueuedRequests ?? 10;
    return [
      this.rule('AgentErrorRate', agent, fromProp('errorRatio', `sum(rate(${count}${errors}[${window}])) / sum(rate(${count}${service}[${window}])) > ${ratio}`), 'for', hold,
        `More than ${ratio * 100}% of the requests to ${agent.name} fail with 5xx`),
      this.rule('AgentLatencyP95', agent, fromProp('latencyP95', `histogram_quantile(0.95, sum by (le) (rate(${QUEUE_PROXY.duration}_bucket${service}[${window}]))) > ${p95}`), 'for', hold,
        `The p95 request duration of ${agent.name} is above ${p95}s`),
      this.rule('AgentColdStartStorm', agent, fromProp('coldStartQueuedRequests', `sum(${CONTROL_PLANE.activatorQueued}${revisions}) > ${queued}`), 'for', hold,
        `More than ${queued} requests to ${agent.name} wait in the activator for a pod`),
      this.rule('AgentSlowScaleUp', agent, `sum(${CONTROL_PLANE.podsRequested}${service}) - sum(${CONTROL_PLANE.podsReady}${service}) > 0`, 'scaleUpDelay', p.scaleUpDelay ?? Duration.minutes(2),
        `${agent.name} has had fewer ready pods than the autoscaler asked for`),
    ];
  }

  /** Alerts on the events sent to the agent: dead letters of every delivery to it, failed deliveries and lag of its sources. */
  private eventRules(agent: IAgentWorkload): AlertRule[] {
    const p = this.props;
    const hold = p.for ?? Duration.minutes(5);
    const window = prometheusDuration(p.window ?? Duration.minutes(5));
    const names = (list: readonly string[]) => list.map(regexEscape).join('|');
    const failed = p.sourceFailedDeliveries ?? 0;
    // One expression per namespace, so each selector stays a plain equality on the namespace.
    const perNamespace = <S extends { readonly name: string; readonly namespace?: string }>(items: readonly S[], rule: (ns: string | undefined, inNs: string[]) => AlertRule) =>
      [...new Set(items.map((i) => i.namespace))].map((ns) => rule(ns, items.filter((i) => i.namespace === ns).map((i) => i.name)));
    const rules: AlertRule[] = [];
    rules.push(...perNamespace(p.deadLetters === false ? [] : deadLetterServicesOf(this, agent), (ns, inNs) => {
      const selector = matchers({ [KNATIVE_LABELS.namespace]: ns, [KNATIVE_LABELS.service]: names(inNs) }, [KNATIVE_LABELS.service]);
      return this.rule('AgentDeadLetters', agent, fromProp('deadLetterEvents', `sum(increase(${QUEUE_PROXY.duration}_count${selector}[${window}])) > ${p.deadLetterEvents ?? 0}`), 'for', hold,
        `Events for ${agent.name} reach its dead-letter sink ${inNs.join(', ')}`);
    }));
    rules.push(...perNamespace(p.deadLetters === false ? [] : deadLetterBrokersOf(this, agent), (ns, inNs) => {
      const L = EVENTING_LABELS;
      // The broker filter's series of the same name are its Triggers' deliveries (`trigger:<name>.<namespace>`): left out.
      const selector = matchers({ [L.brokerNamespace]: ns, [L.brokerName]: names(inNs), [L.destination]: 'trigger:.*' }, [L.brokerName], [L.destination]);
      return this.rule('AgentDeadLetters', agent, fromProp('deadLetterEvents', `sum(increase(${EVENTING.dispatchDuration}_count${selector}[${window}])) > ${p.deadLetterEvents ?? 0}`), 'for', hold,
        `Events for ${agent.name} reach its dead-letter Broker ${inNs.join(', ')}`);
    }));
    rules.push(...perNamespace(p.sourceFailures === false ? [] : sourcesOf(this, agent), (ns, inNs) => {
      const selector = matchers({ [EVENTING_LABELS.sourceNamespace]: ns, [EVENTING_LABELS.sourceName]: names(inNs), [EVENTING_LABELS.statusCode]: '2..' }, [EVENTING_LABELS.sourceName], [EVENTING_LABELS.statusCode]);
      // A request that got no response has no status code: `!~"2.."` matches it too (an absent label is "").
      return this.rule('AgentSourceDeliveryFailures', agent,
        fromProp('sourceFailedDeliveries', `sum(increase(${EVENTING.sourceRequestDuration}_count${selector}[${window}])) > ${failed}`), 'for', hold,
        `The event sources ${inNs.join(', ')} fail to deliver to ${agent.name}`);
    }));
    const kafka = kafkaSourcesOf(this, agent);
    rules.push(...perNamespace(p.sourceFailures === false ? [] : kafka, (ns, inNs) => {
      const L = KAFKA_SOURCE_LABELS;
      const selector = matchers({ [L.sourceNamespace]: ns, [L.sourceName]: names(inNs), [L.statusCode]: '2..' }, [L.sourceName], [L.statusCode]);
      return this.rule('AgentKafkaSourceDeliveryFailures', agent,
        fromProp('sourceFailedDeliveries', `sum(increase(${KAFKA_SOURCE.dispatchLatency}_count${selector}[${window}])) > ${failed}`), 'for', hold,
        `The KafkaSources ${inNs.join(', ')} fail to deliver events to ${agent.name}`);
    }));
    if (p.sourceLag !== false && kafka.length > 0) {
      const lag = p.kafkaSourceLag ?? 1000;
      const groups = [...new Set(kafka.map((k) => k.consumerGroup))];
      const selector = matchers({ [KAFKA_SOURCE_LABELS.clientId]: `consumer-(${names(groups)})-[0-9]+` }, [KAFKA_SOURCE_LABELS.clientId]);
      rules.push(this.rule('AgentKafkaSourceLag', agent, fromProp('kafkaSourceLag', `max(${KAFKA_SOURCE.recordsLagMax}${selector}) > ${lag}`), 'for', hold,
        `The KafkaSources ${kafka.map((k) => k.name).join(', ')} of ${agent.name} lag more than ${lag} records behind (consumer groups ${groups.join(', ')})`));
    }
    return rules;
  }

  private workerRules(agent: IAgentWorkload): AlertRule[] {
    const p = this.props;
    const keda = kedaObjectOf(agent);
    if (!keda) return [];
    const hold = p.for ?? Duration.minutes(5);
    const window = prometheusDuration(p.window ?? Duration.minutes(5));
    const nsLabel = p.kedaNamespaceLabel ?? 'exported_namespace';
    const spec = obj(obj(keda.object.toJson()).spec);
    const maxReplicas = typeof spec.maxReplicaCount === 'number' ? spec.maxReplicaCount : 100;
    const selector = (extra: Record<string, string> = {}) => matchers({ [nsLabel]: agent.namespace, scaledObject: agent.name, type: keda.type, ...extra });
    const rules: AlertRule[] = [];
    arr(spec.triggers).forEach((t, i) => {
      const target = targetOf(obj(t));
      if (target === undefined) return;
      const capacity = target * maxReplicas;
      rules.push(this.rule('AgentBacklog', agent, `max(${KEDA.value}${selector({ triggerIndex: String(i) })}) > ${capacity}`, 'for', hold,
        `The ${String(obj(t).type)} backlog of ${agent.name} (trigger ${i}) exceeds what ${maxReplicas} replicas absorb at ${target} each`));
    });
    rules.push(this.rule('AgentScalerErrors', agent, `sum(increase(${KEDA.errors}${selector()}[${window}])) > 0`, 'for', hold,
      `KEDA cannot read the triggers of ${agent.name}`));
    return rules;
  }
}
