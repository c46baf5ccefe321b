// Triggers and near misses of the observability rules (OBS-*, PROMRULE-*),
// through synth (AgentMonitor, AgentAlerts, AgentDashboard) and hand-written YAML.
import { Duration } from 'cdk8s';
import { AgentAlerts, AgentDashboard, AgentMonitor, MetricsProtocol, PingTrigger } from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { dashboardConfigMap, job, kafkaSource, ksvc, METRICS_ON, metricsOn, podMonitor, prometheusRule, worker } from './fixtures';

const alert = (fields: Record<string, unknown>) => prometheusRule([{ name: 'agents', rules: [{ alert: 'AgentDown', expr: 'up == 0', ...fields }] }]);
/** A hand-written KafkaSource of consumer group `orders`, and an alert on the lag of the consumers of `group`. */
const KAFKA_SOURCE = {
  apiVersion: 'sources.knative.dev/v1', kind: 'KafkaSource', metadata: { name: 'orders', namespace: 'agents' },
  spec: { bootstrapServers: ['kafka.kafka:9092'], topics: ['orders'], consumerGroup: 'orders', sink: { uri: 'http://triage.agents.svc.cluster.local' } },
};
const lagAlert = (clientId: string) => alert({ expr: `max(kafka_consumer_fetch_manager_records_lag_max{client_id=~"${clientId}"}) > 1000` });

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'OBS-MON-001', name: 'the queue-proxy is monitored while config-observability exports no request metrics (the default)',
      build: (c) => { new AgentMonitor(c, 'agent', { agent: ksvc(c) }); }, field: 'spec.podMetricsEndpoints[0].port', value: '"http-usermetric"',
    },
    { id: 'OBS-MON-001', name: 'a hand-written PodMonitor scrapes port 9091 while request-metrics-protocol is grpc', manifests: [podMonitor({ port: undefined, portNumber: 9091 })], settings: { serving: { requestMetricsProtocol: 'grpc' } }, field: 'spec.podMetricsEndpoints[0].port', value: '9091' },
    {
      id: 'OBS-MON-002', name: 'a worker without a port is monitored',
      build: (c) => { metricsOn(c); new AgentMonitor(c, 'agent', { agent: worker(c, 'none') }); }, field: 'spec.podMetricsEndpoints[0].port', value: '(unset)',
    },
    { id: 'OBS-MON-002', name: 'a hand-written endpoint names no port', manifests: [podMonitor({ port: undefined })], settings: METRICS_ON, field: 'spec.podMetricsEndpoints[0].port', value: '(unset)' },
    {
      id: 'OBS-MON-003', name: 'the interval is overridden with a fraction',
      build: (c) => { metricsOn(c); new AgentMonitor(c, 'agent', { agent: ksvc(c) }).addOverride('spec.podMetricsEndpoints.0.interval', '1.5m'); }, field: 'spec.podMetricsEndpoints[0].interval', value: '"1.5m"',
    },
    { id: 'OBS-MON-003', name: 'a hand-written scrapeTimeout has a space', manifests: [podMonitor({ scrapeTimeout: '10 s' })], settings: METRICS_ON, field: 'spec.podMetricsEndpoints[0].scrapeTimeout', value: '"10 s"' },
    {
      id: 'PROMRULE-DUR-001', name: 'the for of an alert is overridden with hours as a fraction',
      build: (c) => { new AgentAlerts(c, 'agent', { agents: [worker(c)] }).addOverride('spec.groups.0.rules.0.for', '1.5h'); }, field: 'spec.groups[0].rules[0].for', value: '"1.5h"',
    },
    { id: 'PROMRULE-DUR-001', name: 'a hand-written group interval has units smallest first', manifests: [prometheusRule([{ name: 'a', interval: '30s1m', rules: [{ alert: 'A', expr: 'up == 0' }] }])], field: 'spec.groups[0].interval', value: '"30s1m"' },
    { id: 'PROMRULE-DUR-001', name: 'a hand-written keep_firing_for is empty', manifests: [alert({ keep_firing_for: '' })], field: 'spec.groups[0].rules[0].keep_firing_for', value: '""' },
    {
      id: 'PROMRULE-GROUP-001', name: 'two hand-written groups share a name',
      manifests: [prometheusRule([{ name: 'agents', rules: [{ alert: 'A', expr: 'up == 0' }] }, { name: 'agents', rules: [{ alert: 'B', expr: 'up == 0' }] }])], field: 'spec.groups[1].name', value: '"agents"',
    },
    { id: 'PROMRULE-GROUP-001', name: 'a hand-written group has an empty name', manifests: [prometheusRule([{ name: '', rules: [{ alert: 'A', expr: 'up == 0' }] }])], field: 'spec.groups[0].name', value: '""' },
    { id: 'PROMRULE-RULE-001', name: 'a hand-written rule is both a recording and an alerting rule', manifests: [alert({ record: 'job:up:sum' })], field: 'spec.groups[0].rules[0].alert', value: '"AgentDown"' },
    { id: 'PROMRULE-RULE-001', name: 'a hand-written rule is neither', manifests: [prometheusRule([{ name: 'a', rules: [{ expr: 'up == 0' }] }])], field: 'spec.groups[0].rules[0].alert', value: '(unset)' },
    { id: 'PROMRULE-RULE-001', name: 'a hand-written alert has a blank expr', manifests: [alert({ expr: '  ' })], field: 'spec.groups[0].rules[0].expr', value: '"  "' },
    {
      id: 'PROMRULE-RULE-002', name: 'a hand-written recording rule has a for',
      manifests: [prometheusRule([{ name: 'a', rules: [{ record: 'job:up:sum', expr: 'sum by (job) (up)', for: '5m' }] }])], field: 'spec.groups[0].rules[0].for', value: '"5m"',
    },
    {
      id: 'PROMRULE-RULE-002', name: 'a hand-written recording rule name holds a selector',
      manifests: [prometheusRule([{ name: 'a', rules: [{ record: 'up{job="a"}', expr: 'up' }] }])], field: 'spec.groups[0].rules[0].record', value: '"up{job=\\"a\\"}"',
    },
    { id: 'PROMRULE-EXPR-001', name: 'a hand-written alert misses a closing parenthesis', manifests: [alert({ expr: 'rate(http_requests_total{code=~"5.."}[5m] > 1' })], field: 'spec.groups[0].rules[0].expr', value: '"rate(http_requests_total{code=~\\"5..\\"}[5m] > 1"' },
    { id: 'PROMRULE-EXPR-001', name: 'a hand-written alert takes the rate of an instant vector', manifests: [alert({ expr: 'rate(http_requests_total) > 1' })], field: 'spec.groups[0].rules[0].expr', value: '"rate(http_requests_total) > 1"' },
    { id: 'PROMRULE-EXPR-001', name: 'a hand-written recording rule selects with matchers that all match the empty string', manifests: [prometheusRule([{ name: 'a', rules: [{ record: 'all', expr: 'sum({job=~".*"})' }] }])], field: 'spec.groups[0].rules[0].expr', value: '"sum({job=~\\".*\\"})"' },
    {
      id: 'PROMRULE-EXPR-001', name: 'an AgentAlerts expression is overridden with a bad regexp',
      build: (c) => { new AgentAlerts(c, 'agent', { agents: [worker(c)] }).addOverride('spec.groups.0.rules.0.expr', 'up{job=~"(a"} == 0'); }, field: 'spec.groups[0].rules[0].expr', value: '"up{job=~\\"(a\\"} == 0"',
    },
    { id: 'PROMRULE-EXPR-002', name: 'a hand-written alert uses the experimental limitk', manifests: [alert({ expr: 'limitk(2, up) == 0' })], field: 'spec.groups[0].rules[0].expr', value: '"limitk(2, up) == 0"' },
    { id: 'PROMRULE-EXPR-002', name: 'a hand-written alert offsets by a duration expression', manifests: [alert({ expr: 'up offset (5m + 1m) == 0' })], field: 'spec.groups[0].rules[0].expr', value: '"up offset (5m + 1m) == 0"' },
    { id: 'PROMRULE-LABEL-001', name: 'a hand-written alert sets __name__', manifests: [alert({ labels: { __name__: 'x' } })], field: 'spec.groups[0].rules[0].labels.__name__', value: '"__name__"' },
    {
      id: 'OBS-ALERT-001', name: 'the cold-start alert of a Knative agent while config-observability exports no control-plane metrics (the default)',
      build: (c) => { new AgentAlerts(c, 'agent', { agents: [ksvc(c)] }); }, field: 'spec.groups[0].rules[2].expr', value: '"kn_revision_request_queued"',
    },
    {
      id: 'OBS-ALERT-001', name: 'a hand-written alert on the pods the autoscaler requested, metrics-protocol grpc',
      manifests: [alert({ expr: 'kn_revision_pods_requested > kn_revision_pods_count' })], settings: { serving: { metricsProtocol: 'grpc' } }, field: 'spec.groups[0].rules[0].expr', value: '"kn_revision_pods_requested"',
    },
    {
      id: 'OBS-ALERT-002', name: 'the delivery-failure alert of a PingSource\'s agent while knative-eventing\'s config-observability exports no metrics (the default)',
      build: (c) => { metricsOn(c, { eventingMetricsProtocol: MetricsProtocol.NONE }); new PingTrigger(c, 'nightly', { schedule: '0 2 * * *', sink: ksvc(c) }); new AgentAlerts(c, 'agent'); },
      field: 'spec.groups[0].rules[4].expr', value: '"kn_source_namespace"',
    },
    {
      id: 'OBS-ALERT-002', name: 'a hand-written alert on the broker filter\'s dispatches, eventing metrics-protocol grpc (serving\'s prometheus does not count)',
      manifests: [alert({ expr: 'sum(rate(kn_eventing_dispatch_duration_seconds_count{http_response_status_code=~"5.."}[5m])) > 0' })],
      settings: { serving: { metricsProtocol: 'prometheus' }, eventing: { metricsProtocol: 'grpc' } }, field: 'spec.groups[0].rules[0].expr', value: '"kn_eventing_dispatch_duration_seconds_count"',
    },
    {
      id: 'OBS-ALERT-002', name: 'the KafkaSource lag alert alone (the delivery-failure alert off) while knative-eventing\'s config-observability exports no metrics',
      build: (c) => { metricsOn(c, { eventingMetricsProtocol: MetricsProtocol.NONE }); kafkaSource(c, ksvc(c)); new AgentAlerts(c, 'agent', { sourceFailures: false }); },
      field: 'spec.groups[0].rules[4].expr', value: '"kafka_consumer_fetch_manager_records_lag_max"',
    },
    {
      id: 'OBS-ALERT-002', name: 'a hand-written lag alert on the Kafka consumers of a KafkaSource among the files (client_id consumer-<group>-<n>), eventing metrics-protocol none',
      manifests: [KAFKA_SOURCE, lagAlert('consumer-orders-[0-9]+')], path: 'manifest#1', field: 'spec.groups[0].rules[0].expr', value: '"kafka_consumer_fetch_manager_records_lag_max"',
    },
    { id: 'OBS-DASH-001', name: 'a hand-written dashboard key is not a .json file', manifests: [dashboardConfigMap({ 'agents.yaml': '{}' })], field: 'data["agents.yaml"]', value: '"agents.yaml"' },
    { id: 'OBS-DASH-001', name: 'a hand-written dashboard is a JSON array', manifests: [dashboardConfigMap({ 'agents.json': '[]' })], field: 'data["agents.json"]', value: '"[]"' },
    {
      id: 'OBS-DASH-001', name: 'the dashboard of AgentDashboard is overridden with YAML',
      build: (c) => { new AgentDashboard(c, 'agent', { agents: [] }).addOverride(['data', 'agent.json'], 'title: x'); }, field: 'data["agent.json"]', value: '"title: x"',
    },
  ],
  passes: [
    { name: 'a monitored Knative agent and worker, alerts and a dashboard, with the metrics protocols set to prometheus', build: (c) => {
      metricsOn(c); const a = ksvc(c); const w = worker(c); job(c);
      new AgentMonitor(c, 'a-metrics', { agent: a }); new AgentMonitor(c, 'w-metrics', { agent: w, interval: Duration.minutes(1) });
      new AgentAlerts(c, 'alerts'); new AgentDashboard(c, 'dashboard');
    } },
    { name: 'alerts of workers only need no Knative metrics', build: (c) => { new AgentAlerts(c, 'alerts', { agents: [worker(c), job(c)] }); } },
    { name: 'a hand-written PodMonitor of the queue-proxy with request-metrics-protocol prometheus', manifests: [podMonitor()], settings: METRICS_ON },
    { name: 'a hand-written worker PodMonitor on a port number, durations of every unit', manifests: [podMonitor({ port: undefined, portNumber: 9000, interval: '1m30s', scrapeTimeout: '500ms' })] },
    {
      name: 'a hand-written recording rule with for 0s, groups of distinct names, an alert with keep_firing_for',
      manifests: [prometheusRule([
        { name: 'a', interval: '1m', rules: [{ record: 'job:up:sum', expr: 'sum by (job) (up)', for: '0s' }] },
        { name: 'b', query_offset: '30s', rules: [{ alert: 'A', expr: 'up == 0', for: '1h30m', keep_firing_for: '5m', labels: { severity: 'page' }, annotations: { summary: 'down' } }] },
      ])],
    },
    { name: 'a hand-written lag alert on the Kafka consumers of another group than the KafkaSource\'s (any Micrometer Kafka client\'s), eventing metrics-protocol none', manifests: [KAFKA_SOURCE, lagAlert('consumer-billing-[0-9]+')] },
    { name: 'a hand-written lag alert of a KafkaSource\'s consumers with knative-eventing\'s metrics-protocol prometheus', manifests: [KAFKA_SOURCE, lagAlert('consumer-orders-[0-9]+')], settings: METRICS_ON },
    { name: 'a hand-written lag alert on Kafka consumers with no KafkaSource among the files (open world: any Kafka client\'s)', manifests: [lagAlert('consumer-orders-[0-9]+')] },
    { name: 'a hand-written alert on Knative scale metrics with metrics-protocol prometheus', manifests: [alert({ expr: 'kn_revision_pods_requested > kn_revision_pods_count' })], settings: METRICS_ON },
    {
      name: 'hand-written rules with PromQL Prometheus parses: subqueries, @ and offset, set operators with matching, raw-string regexps, escapes, `0.` numbers, colons in grouping labels',
      manifests: [prometheusRule([{ name: 'a', rules: [
        { record: 'job:latency:p95', expr: 'histogram_quantile(0.95, sum by (le, job) (rate(http_request_duration_seconds_bucket[5m])))' },
        { alert: 'B', expr: 'max_over_time(rate(x[5m])[30m:1m]) > on(job) group_left(team) up offset 5m and x' },
        { alert: 'C', expr: 'x{path=~`/api/.+`, code!~"2..", msg="a\\tb\\u00e9"} @ start() > 0.' },
        { alert: 'D', expr: 'sum by (a:b) ({job=~".+"}) > bool 1' },
      ] }])],
    },
    {
      name: 'the event alerts of a KafkaSource\'s and a PingSource\'s agent with knative-eventing\'s metrics-protocol prometheus',
      build: (c) => { metricsOn(c); const a = ksvc(c); kafkaSource(c, a); new PingTrigger(c, 'nightly', { schedule: '0 2 * * *', sink: a }); new AgentAlerts(c, 'alerts'); },
    },
    {
      name: 'a hand-written alert on an app\'s own otelhttp client metric and Kafka consumer lag (no eventing labels) while eventing exports nothing',
      manifests: [alert({ expr: 'sum(rate(http_client_request_duration_seconds_count{service="shop"}[5m])) > 1 or max(kafka_consumer_fetch_manager_records_lag_max) > 10' })], settings: METRICS_ON,
    },
    { name: 'a ConfigMap without the sidecar label may hold anything', manifests: [dashboardConfigMap({ 'agents.yaml': 'a: 1' }, { app: 'x' })] },
    { name: 'a hand-written dashboard ConfigMap with a JSON object', manifests: [dashboardConfigMap({ 'agents.json': '{"title":"Agents","panels":[]}' })] },
  ],
};
