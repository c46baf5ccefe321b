import { Chart, Duration } from 'cdk8s';
import { AgentAlerts, AgentKnativeService, AgentParallel, AgentSequence, Broker, BrokerClass, KafkaTrigger, MetricsProtocol, PingTrigger, SequenceStep, Sink } from '../../lib';
import { manifestErrors, synthErrors } from '../support/rule-cases';
import { job, kafkaSource, ksvc, metricsOn, prometheusRule, worker } from './fixtures';
import { ofKind, synth } from './support';

const rulesOf = (objects: any[]) => ofKind(objects, 'PrometheusRule')[0].spec.groups;

describe('AgentAlerts', () => {
  test('default alerts of every agent of the chart, a group each', () => {
    const groups = rulesOf(synth((c) => { metricsOn(c); ksvc(c); worker(c); job(c); new AgentAlerts(c, 'alerts'); }));
    expect(groups).toMatchSnapshot();
    expect(groups.map((g: any) => [g.name, g.rules.map((r: any) => r.alert)])).toEqual([
      ['agents.triage', ['AgentErrorRate', 'AgentLatencyP95', 'AgentColdStartStorm', 'AgentSlowScaleUp']],
      ['agents.worker', ['AgentBacklog', 'AgentScalerErrors']],
      ['agents.job', ['AgentBacklog', 'AgentScalerErrors']],
    ]);
  });

  test('Knative alerts read the Knative 1.21+ metric names with the labels the PodMonitor writes', () => {
    const [triage] = rulesOf(synth((c) => { metricsOn(c); new AgentAlerts(c, 'alerts', { agents: [ksvc(c)] }); }));
    const expr = Object.fromEntries(triage.rules.map((r: any) => [r.alert, r.expr]));
    expect(expr.AgentErrorRate).toBe('sum(rate(kn_serving_invocation_duration_seconds_count{k8s_namespace_name="agents",kn_service_name="triage",http_response_status_code=~"5.."}[5m]))'
      + ' / sum(rate(kn_serving_invocation_duration_seconds_count{k8s_namespace_name="agents",kn_service_name="triage"}[5m])) > 0.05');
    expect(expr.AgentLatencyP95).toContain('histogram_quantile(0.95, sum by (le) (rate(kn_serving_invocation_duration_seconds_bucket{');
    expect(expr.AgentColdStartStorm).toBe('sum(kn_revision_request_queued{k8s_namespace_name="agents",kn_revision_name=~"triage-.+"}) > 10');
    expect(expr.AgentSlowScaleUp).toContain('kn_revision_pods_requested{');
  });

  test('every threshold is a prop', () => {
    const [triage] = rulesOf(synth((c) => {
      metricsOn(c);
      new AgentAlerts(c, 'alerts', { agents: [ksvc(c)], errorRatio: 0.01, latencyP95: Duration.millis(500), coldStartQueuedRequests: 3, scaleUpDelay: Duration.seconds(90), for: Duration.minutes(10), window: Duration.minutes(2), severity: 'page' });
    }));
    expect(triage.rules.map((r: any) => [r.alert, r.expr.match(/> ([\d.]+)$/)[1], r.for, r.labels.severity])).toEqual([
      ['AgentErrorRate', '0.01', '10m', 'page'], ['AgentLatencyP95', '0.5', '10m', 'page'], ['AgentColdStartStorm', '3', '10m', 'page'], ['AgentSlowScaleUp', '0', '1m30s', 'page'],
    ]);
    expect(triage.rules[0].expr).toContain('[2m]');
  });

  test('the KEDA backlog alert is set at what maxReplicas absorb at each trigger\'s target (KEDA\'s default when unset)', () => {
    const groups = rulesOf(synth((c) => new AgentAlerts(c, 'alerts', { agents: [worker(c), job(c)], kedaNamespaceLabel: 'namespace' })));
    expect(groups[0].rules[0].expr).toBe('max(keda_scaler_metrics_value{namespace="agents",scaledObject="worker",type="scaledobject",triggerIndex="0"}) > 3000');
    expect(groups[1].rules[0].expr).toBe('max(keda_scaler_metrics_value{namespace="agents",scaledObject="job",type="scaledjob",triggerIndex="0"}) > 100');
    expect(groups[0].rules[1].expr).toBe('sum(increase(keda_scaler_detail_errors_total{namespace="agents",scaledObject="worker",type="scaledobject"}[5m])) > 0');
  });

  test('warns on the scale alerts while config-observability exports no control-plane metrics (OBS-ALERT-001)', () => {
    const lines = synthErrors((c) => { new AgentAlerts(c, 'alerts', { agents: [ksvc(c)] }); });
    expect(lines).toEqual([
      expect.stringMatching(/^warning \[OBS-ALERT-001\] test\/alerts: coldStartQueuedRequests \(spec\.groups\[0\]\.rules\[2\]\.expr\) = "kn_revision_request_queued": metrics-protocol is "none"/),
      expect.stringMatching(/^warning \[OBS-ALERT-001\] test\/alerts: spec\.groups\[0\]\.rules\[3\]\.expr = "kn_revision_pods_requested"/),
    ]);
  });

  test('deterministic: the same app gives the same rules', () => {
    const build = () => JSON.stringify(synth((c) => { metricsOn(c); ksvc(c); worker(c); new AgentAlerts(c, 'alerts'); }));
    expect(build()).toBe(build());
  });

  test('hand-written: Prometheus\' rule validation is reported per rule, all at once', () => {
    const lines = manifestErrors([prometheusRule([
      { name: 'a', rules: [{ record: 'x', alert: 'X', expr: '' }, { record: 'y{a="b"}', expr: 'up', annotations: { summary: 's' } }] },
      { name: 'a', interval: '1d1h', rules: [{ alert: 'Z', expr: 'up == 0', for: '90 s' }] },
    ])]);
    expect(lines.map((l) => l.replace(/: .*$/, ''))).toEqual([
      'error [PROMRULE-RULE-001] manifest#0', 'error [PROMRULE-RULE-001] manifest#0', 'error [PROMRULE-RULE-002] manifest#0', 'error [PROMRULE-RULE-002] manifest#0',
      'error [PROMRULE-GROUP-001] manifest#0', 'error [PROMRULE-DUR-001] manifest#0',
    ]);
  });

  describe('event-driven agents', () => {
    /** `triage` subscribed through two Triggers (one with its own dead-letter sink `dlq`, one falling back to the Broker's `broker-dlq`) and fed by a PingSource. */
    function eventApp(c: Chart): AgentKnativeService {
      const agent = ksvc(c);
      const dlq = new AgentKnativeService(c, 'dlq', { image: 'ghcr.io/acme/dlq:1.0.0' });
      const brokerDlq = new AgentKnativeService(c, 'broker-dlq', { image: 'ghcr.io/acme/dlq:1.0.0' });
      const broker = new Broker(c, 'events', { delivery: { deadLetterSink: brokerDlq } });
      broker.addTrigger('orders', { subscriber: agent, filter: { type: 'dev.acme.order' }, delivery: { deadLetterSink: dlq } });
      broker.addTrigger('refunds', { subscriber: agent, filter: { type: 'dev.acme.refund' } });
      new PingTrigger(c, 'nightly', { schedule: '0 2 * * *', sink: agent });
      return agent;
    }
    const rulesByAlert = (groups: any[]) => Object.fromEntries(groups[0].rules.map((r: any) => [r.alert, r]));

    test('AgentDeadLetters counts the requests reaching the Knative Service dead-letter sinks of the agent\'s Triggers (the Trigger\'s, else the Broker\'s)', () => {
      const rules = rulesByAlert(rulesOf(synth((c) => { metricsOn(c); new AgentAlerts(c, 'alerts', { agents: [eventApp(c)] }); })));
      expect(rules.AgentDeadLetters.expr).toBe('sum(increase(kn_serving_invocation_duration_seconds_count{k8s_namespace_name="agents",kn_service_name=~"dlq|broker-dlq"}[5m])) > 0');
      expect(rules.AgentDeadLetters.labels).toEqual({ severity: 'warning', agent: 'triage' });
    });

    test('AgentSourceDeliveryFailures reads the source adapters\' http.client.request.duration with eventing\'s kn.source.* labels and every non-2xx code', () => {
      const rules = rulesByAlert(rulesOf(synth((c) => { metricsOn(c); new AgentAlerts(c, 'alerts', { agents: [eventApp(c)] }); })));
      expect(rules.AgentSourceDeliveryFailures.expr).toBe('sum(increase(http_client_request_duration_seconds_count{kn_source_namespace="agents",kn_source_name=~"nightly",http_response_status_code!~"2.."}[5m])) > 0');
    });

    test('the thresholds, the window and the hold are props', () => {
      const rules = rulesByAlert(rulesOf(synth((c) => {
        metricsOn(c);
        new AgentAlerts(c, 'alerts', { agents: [eventApp(c)], deadLetterEvents: 5, sourceFailedDeliveries: 2, window: Duration.minutes(15), for: Duration.minutes(1) });
      })));
      expect(rules.AgentDeadLetters.expr).toMatch(/\[15m\]\)\) > 5$/);
      expect(rules.AgentSourceDeliveryFailures.expr).toMatch(/\[15m\]\)\) > 2$/);
      expect([rules.AgentDeadLetters.for, rules.AgentSourceDeliveryFailures.for]).toEqual(['1m', '1m']);
    });

    test('disabled when asked; none for an agent without Triggers, dead-letter sinks or sources', () => {
      const [triage] = rulesOf(synth((c) => { metricsOn(c); new AgentAlerts(c, 'alerts', { agents: [eventApp(c)], deadLetters: false, sourceFailures: false }); }));
      expect(triage.rules.map((r: any) => r.alert)).toEqual(['AgentErrorRate', 'AgentLatencyP95', 'AgentColdStartStorm', 'AgentSlowScaleUp']);
      const groups = rulesOf(synth((c) => { metricsOn(c); eventApp(c); new AgentAlerts(c, 'alerts'); }));
      expect(groups.map((g: any) => [g.name, g.rules.filter((r: any) => /DeadLetters|Source/.test(r.alert)).map((r: any) => r.alert)])).toEqual([
        ['agents.triage', ['AgentDeadLetters', 'AgentSourceDeliveryFailures']], ['agents.dlq', []], ['agents.broker-dlq', []],
      ]);
    });

    const dlsService = (c: Chart, id = 'dlq') => new AgentKnativeService(c, id, { image: 'ghcr.io/acme/dlq:1.0.0' });
    const deadLetterExprs = (groups: any[]) => groups[0].rules.filter((r: any) => r.alert === 'AgentDeadLetters').map((r: any) => r.expr);
    const serviceDeadLetters = (names: string) => `sum(increase(kn_serving_invocation_duration_seconds_count{k8s_namespace_name="agents",kn_service_name=~"${names}"}[5m])) > 0`;

    test('a Sequence step\'s own dead-letter sink (SequenceStep.of), else the Sequence\'s, and the reply with the last step\'s', () => {
      const groups = rulesOf(synth((c) => {
        metricsOn(c);
        const [search, extract, handler] = [ksvc(c, 'search'), ksvc(c, 'extract'), ksvc(c, 'handler')];
        new AgentSequence(c, 'pipeline', {
          steps: [search, SequenceStep.of(extract, { delivery: { retry: 2, deadLetterSink: dlsService(c, 'step-dlq') } })],
          reply: handler,
          delivery: { deadLetterSink: dlsService(c, 'flow-dlq') },
        });
        new AgentAlerts(c, 'alerts', { agents: [search, extract, handler] });
      }));
      expect(groups.map((g: any) => [g.name, deadLetterExprs([g])])).toEqual([
        ['agents.search', [serviceDeadLetters('flow-dlq')]],
        ['agents.extract', [serviceDeadLetters('step-dlq')]],
        ['agents.handler', [serviceDeadLetters('step-dlq')]],
      ]);
    });

    test('near miss: a SequenceStep.of delivery without a dead-letter sink replaces the Sequence\'s, so that step gets no alert', () => {
      const groups = rulesOf(synth((c) => {
        metricsOn(c);
        const [search, extract] = [ksvc(c, 'search'), ksvc(c, 'extract')];
        new AgentSequence(c, 'pipeline', { steps: [search, SequenceStep.of(extract, { delivery: { retry: 2 } })], delivery: { deadLetterSink: dlsService(c, 'flow-dlq') } });
        new AgentAlerts(c, 'alerts', { agents: [search, extract] });
      }));
      expect(groups.map((g: any) => deadLetterExprs([g]))).toEqual([[serviceDeadLetters('flow-dlq')], []]);
    });

    test('a Parallel branch\'s dead-letter sink covers its subscriber and its reply; the branch filter gets none', () => {
      const groups = rulesOf(synth((c) => {
        metricsOn(c);
        const [web, db, gate, aggregator] = [ksvc(c, 'web'), ksvc(c, 'db'), ksvc(c, 'gate'), ksvc(c, 'aggregator')];
        new AgentParallel(c, 'fan-out', {
          branches: [{ subscriber: web, filter: gate, delivery: { deadLetterSink: dlsService(c, 'web-dlq') } }, { subscriber: db }],
          reply: aggregator,
        });
        new AgentAlerts(c, 'alerts', { agents: [web, db, gate, aggregator] });
      }));
      expect(groups.map((g: any) => [g.name, deadLetterExprs([g])])).toEqual([
        ['agents.web', [serviceDeadLetters('web-dlq')]],
        ['agents.db', []],
        ['agents.gate', []],
        ['agents.aggregator', [serviceDeadLetters('web-dlq')]],
      ]);
    });

    test('a URI dead-letter sink gets no alert (nothing tells its requests apart)', () => {
      const groups = rulesOf(synth((c) => {
        metricsOn(c);
        const agent = ksvc(c);
        new Broker(c, 'events').addTrigger('orders', { subscriber: agent, delivery: { deadLetterSink: Sink.uri('https://dlq.example.com/events') } });
        new AgentParallel(c, 'fan-out', { branches: [{ subscriber: agent, delivery: { deadLetterSink: Sink.uri('https://dlq.example.com/events') } }] });
        new AgentAlerts(c, 'alerts', { agents: [agent] });
      }));
      expect(deadLetterExprs(groups)).toEqual([]);
    });

    test('a Broker the app sends only dead letters to: the events its ingress received (kn_eventing_dispatch_duration_seconds without the filter\'s trigger: series)', () => {
      const groups = rulesOf(synth((c) => {
        metricsOn(c);
        const agent = ksvc(c);
        const dead = new Broker(c, 'dead');
        new Broker(c, 'events').addTrigger('orders', { subscriber: agent, delivery: { deadLetterSink: dead } });
        new AgentSequence(c, 'pipeline', { steps: [agent], delivery: { deadLetterSink: dead } });
        // A Trigger on the dead-letter Broker takes its events: that does not send it any.
        dead.addTrigger('inspect', { subscriber: dlsService(c, 'inspector') });
        new AgentAlerts(c, 'alerts', { agents: [agent] });
      }));
      expect(deadLetterExprs(groups)).toEqual([
        'sum(increase(kn_eventing_dispatch_duration_seconds_count{kn_broker_namespace="agents",kn_broker_name=~"dead",messaging_destination_name!~"trigger:.*"}[5m])) > 0',
      ]);
      expect(groups[0].rules.find((r: any) => r.alert === 'AgentDeadLetters').annotations.summary).toBe('Events for triage reach its dead-letter Broker dead');
      // A valid expression, and an eventing metric: OBS-ALERT-002 applies to it.
      const lines = synthErrors((c) => {
        metricsOn(c, { eventingMetricsProtocol: MetricsProtocol.NONE });
        const agent = ksvc(c);
        new Broker(c, 'events').addTrigger('orders', { subscriber: agent, delivery: { deadLetterSink: new Broker(c, 'dead') } });
        new AgentAlerts(c, 'alerts', { agents: [agent], sourceFailures: false });
      });
      expect(lines).toEqual([expect.stringMatching(/^warning \[OBS-ALERT-002\] test\/alerts: deadLetterEvents \(spec\.groups\[0\]\.rules\[4\]\.expr\) = "kn_eventing_dispatch_duration_seconds_count"/)]);
    });

    test('near misses: a dead-letter Broker that also gets other events, a Kafka-class one and an imported one get no alert', () => {
      const alertsFor = (build: (c: Chart, agent: AgentKnativeService) => void) => deadLetterExprs(rulesOf(synth((c) => {
        metricsOn(c);
        const agent = ksvc(c);
        build(c, agent);
        new AgentAlerts(c, 'alerts', { agents: [agent] });
      })));
      expect(alertsFor((c, agent) => {
        const dead = new Broker(c, 'dead');
        new Broker(c, 'events').addTrigger('orders', { subscriber: agent, delivery: { deadLetterSink: dead } });
        new PingTrigger(c, 'nightly', { schedule: '0 2 * * *', sink: dead });
      })).toEqual([]);
      expect(alertsFor((c, agent) => {
        const dead = new Broker(c, 'dead');
        new AgentSequence(c, 'pipeline', { steps: [agent], delivery: { deadLetterSink: dead } });
        new AgentSequence(c, 'archive', { steps: [dlsService(c, 'archiver')], reply: dead });
      })).toEqual([]);
      expect(alertsFor((c, agent) => {
        new Broker(c, 'events').addTrigger('orders', { subscriber: agent, delivery: { deadLetterSink: new Broker(c, 'dead', { brokerClass: BrokerClass.KAFKA }) } });
      })).toEqual([]);
      expect(alertsFor((c, agent) => {
        new Broker(c, 'events').addTrigger('orders', { subscriber: agent, delivery: { deadLetterSink: Broker.fromBrokerName(c, 'dead', 'dead') } });
      })).toEqual([]);
    });

    test('fails if a threshold is negative or a switch is not a boolean: the error names the construct, the prop and the value', () => {
      const lines = synthErrors((c) => { new AgentAlerts(c, 'alerts', { agents: [ksvc(c)], deadLetterEvents: -1, sourceFailures: 'no' as any }); });
      expect(lines.join('\n')).toMatch(/test\/alerts: deadLetterEvents.*-1/);
      expect(lines.join('\n')).toMatch(/test\/alerts: sourceFailures.*"no"/);
    });

    test('every rendered expression passes PROMRULE-EXPR', () => {
      const lines = synthErrors((c) => { metricsOn(c); new AgentAlerts(c, 'alerts', { agents: [eventApp(c)] }); });
      expect(lines.filter((l) => /PROMRULE/.test(l))).toEqual([]);
    });

    test('warns on the event alerts while knative-eventing\'s config-observability exports no metrics (OBS-ALERT-002); serving\'s setting does not count', () => {
      const lines = synthErrors((c) => { metricsOn(c, { eventingMetricsProtocol: MetricsProtocol.GRPC }); new AgentAlerts(c, 'alerts', { agents: [eventApp(c)] }); });
      expect(lines).toEqual([
        expect.stringMatching(/^warning \[OBS-ALERT-002\] test\/alerts: sourceFailedDeliveries \(spec\.groups\[0\]\.rules\[5\]\.expr\) = "kn_source_namespace": metrics-protocol is "grpc" in ConfigMap knative-eventing\/config-observability/),
      ]);
    });
  });

  describe('KafkaSources (eventing-kafka-broker\'s kafka-source-dispatcher)', () => {
    /** `triage` fed by the KafkaSource `tickets` whose dead-letter sink is the Knative Service `dlq`. */
    function kafkaApp(c: Chart): AgentKnativeService {
      const agent = ksvc(c);
      kafkaSource(c, agent, new AgentKnativeService(c, 'dlq', { image: 'ghcr.io/acme/dlq:1.0.0' }));
      return agent;
    }
    const rulesByAlert = (groups: any[]) => Object.fromEntries(groups[0].rules.map((r: any) => [r.alert, r]));

    test('AgentKafkaSourceDeliveryFailures reads the dispatcher\'s kn_eventing_dispatch_latency_ms with the kn.kafkasource.* labels and every non-2xx code', () => {
      const rules = rulesByAlert(rulesOf(synth((c) => { metricsOn(c); new AgentAlerts(c, 'alerts', { agents: [kafkaApp(c)] }); })));
      expect(rules.AgentKafkaSourceDeliveryFailures.expr).toBe(
        'sum(increase(kn_eventing_dispatch_latency_ms_count{kn_kafkasource_namespace="agents",kn_kafkasource_name=~"tickets",http_response_status_code!~"2.."}[5m])) > 0');
    });

    test('AgentKafkaSourceLag reads Kafka\'s records-lag-max of the consumers of the source\'s group (client.id consumer-<group>-<n>)', () => {
      const rules = rulesByAlert(rulesOf(synth((c) => { metricsOn(c); new AgentAlerts(c, 'alerts', { agents: [kafkaApp(c)] }); })));
      expect(rules.AgentKafkaSourceLag.expr).toBe('max(kafka_consumer_fetch_manager_records_lag_max{client_id=~"consumer-(agents-tickets)-[0-9]+"}) > 1000');
    });

    test('AgentDeadLetters follows a KafkaTrigger\'s Knative Service dead-letter sink', () => {
      const rules = rulesByAlert(rulesOf(synth((c) => { metricsOn(c); new AgentAlerts(c, 'alerts', { agents: [kafkaApp(c)] }); })));
      expect(rules.AgentDeadLetters.expr).toBe('sum(increase(kn_serving_invocation_duration_seconds_count{k8s_namespace_name="agents",kn_service_name=~"dlq"}[5m])) > 0');
    });

    test('the lag threshold is a prop; a consumer group with regexp characters is escaped; the switches turn them off', () => {
      const groups = rulesOf(synth((c) => {
        metricsOn(c);
        const agent = ksvc(c);
        new KafkaTrigger(c, 'orders', { bootstrapServers: ['kafka.kafka:9092'], topics: ['orders'], sink: agent, consumerGroup: 'orders.v2' });
        new AgentAlerts(c, 'alerts', { agents: [agent], kafkaSourceLag: 50, sourceFailedDeliveries: 4 });
      }));
      const rules = rulesByAlert(groups);
      expect(rules.AgentKafkaSourceLag.expr).toBe('max(kafka_consumer_fetch_manager_records_lag_max{client_id=~"consumer-(orders\\\\.v2)-[0-9]+"}) > 50');
      expect(rules.AgentKafkaSourceDeliveryFailures.expr).toMatch(/ > 4$/);
      const [off] = rulesOf(synth((c) => { metricsOn(c); new AgentAlerts(c, 'alerts', { agents: [kafkaApp(c)], sourceLag: false, sourceFailures: false, deadLetters: false }); }));
      expect(off.rules.map((r: any) => r.alert)).toEqual(['AgentErrorRate', 'AgentLatencyP95', 'AgentColdStartStorm', 'AgentSlowScaleUp']);
    });

    test('fails if the lag threshold is negative: the error names the construct, the prop and the value', () => {
      const lines = synthErrors((c) => { new AgentAlerts(c, 'alerts', { agents: [ksvc(c)], kafkaSourceLag: -5 }); });
      expect(lines.join('\n')).toMatch(/test\/alerts: kafkaSourceLag.*-5/);
    });

    test('every rendered expression passes PROMRULE-EXPR, and no warning with the eventing metrics on', () => {
      expect(synthErrors((c) => { metricsOn(c); new AgentAlerts(c, 'alerts', { agents: [kafkaApp(c)] }); })).toEqual([]);
    });

    test('OBS-ALERT-002 warns on the KafkaSource alerts while knative-eventing exports no metrics', () => {
      const lines = synthErrors((c) => { metricsOn(c, { eventingMetricsProtocol: MetricsProtocol.NONE }); new AgentAlerts(c, 'alerts', { agents: [kafkaApp(c)] }); });
      expect(lines).toEqual([
        expect.stringMatching(/^warning \[OBS-ALERT-002\] test\/alerts: sourceFailedDeliveries \(spec\.groups\[0\]\.rules\[5\]\.expr\) = "kn_eventing_dispatch_latency_ms_count"/),
        // The lag alert by its Kafka client metric, which is the KafkaSource's by the consumer group in its client_id.
        expect.stringMatching(/^warning \[OBS-ALERT-002\] test\/alerts: kafkaSourceLag \(spec\.groups\[0\]\.rules\[6\]\.expr\) = "kafka_consumer_fetch_manager_records_lag_max"/),
      ]);
    });
  });
});
