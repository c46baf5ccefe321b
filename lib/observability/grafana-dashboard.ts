import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { AgentConstruct } from '../construct/construct';
import { ShapeOf, T } from '../construct/props';
import { CORE_RULES } from '../engine/core-rules';
import { IAgentWorkload } from '../construct/workload';
import { GRAFANA_DASHBOARD_LABEL } from './grafana-dashboard.validator';
import { CONTROL_PLANE, KEDA, KNATIVE_LABELS, matchers, QUEUE_PROXY } from './metric-names';
import { AGENT_PROP, agentsOfChart, kedaObjectOf } from './agents';

export interface AgentDashboardProps {
  /** The agents shown, a row each. @default - every agent of the Chart, found at synth */
  readonly agents?: IAgentWorkload[];
  /** Name of the ConfigMap; the dashboard is its key `<name>.json`. @default - the construct id */
  readonly name?: string;
  /** Namespace of the ConfigMap (the sidecar must watch it). @default - the Chart's namespace */
  readonly namespace?: string;
  /** Title of the dashboard. @default - the name */
  readonly title?: string;
  /** Grafana uid of the dashboard (at most 40 characters: letters, digits, `-`, `_`). @default - the name, other characters as `-`, cut to 40 characters */
  readonly uid?: string;
  /** Labels on the ConfigMap, over `grafana_dashboard: "1"` (the sidecar's label). @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations on the ConfigMap, e.g. the sidecar's folder annotation. @default - none */
  readonly annotations?: Record<string, string>;
  /** The label KEDA's `namespace` ends up under in Prometheus (see AgentAlerts). @default 'exported_namespace' */
  readonly kedaNamespaceLabel?: string;
}

const SHAPE = {
  agents: T.array(AGENT_PROP),
  name: T.string({ nonEmpty: true }),
  namespace: T.namespace(),
  title: T.string({ nonEmpty: true }),
  uid: T.string({ nonEmpty: true }),
  labels: T.record(T.string()),
  annotations: T.record(T.string()),
  kedaNamespaceLabel: T.string({ nonEmpty: true }),
} satisfies ShapeOf<AgentDashboardProps>;

const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };
const WIDTH = 6;
const HEIGHT = 8;

interface Target { readonly expr: string; readonly legendFormat: string }

/**
 * A Grafana dashboard of an app's agents, as a ConfigMap the Grafana sidecar
 * loads (label `grafana_dashboard: "1"`): a row per agent with, for a Knative
 * agent, request rate, p95 latency, pods (requested and ready) and queue
 * depth; for a KEDA worker, the value of each trigger's metric. The JSON is
 * deterministic: same agents, same bytes.
 *
 * ```ts
 * new AgentDashboard(chart, 'agents-dashboard', { title: 'Agents' });
 * ```
 */
export class AgentDashboard extends AgentConstruct<AgentDashboardProps> {
  /** Name of the ConfigMap. */
  public readonly name: string;
  /** The generated ConfigMap (id `Resource`). */
  public readonly resource: ApiObject;

  public constructor(scope: Construct, id: string, props: AgentDashboardProps = {}) {
    super(scope, id, props, SHAPE);
    this.name = this.resourceName;
    const uid = this.props.uid;
    if (uid !== undefined && !/^[A-Za-z0-9_-]{1,40}$/.test(uid)) {
      this.reportProp(CORE_RULES.PROP_TYPE, 'uid', uid, 'a Grafana uid has at most 40 letters, digits, `-` or `_`', 'give a shorter uid of those characters, or leave it to the name');
    }
    this.resource = this.createResource({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: this.metadata({ labels: { [GRAFANA_DASHBOARD_LABEL]: '1' } }),
      data: Lazy.any({ produce: () => ({ [`${this.name}.json`]: `${JSON.stringify(this.dashboard(), null, 2)}\n` }) }),
    });
  }

  /** The dashboard's JSON model. */
  private dashboard(): unknown {
    const p = this.props;
    const panels: unknown[] = [];
    let y = 0;
    for (const agent of p.agents ?? agentsOfChart(this)) {
      const charts = agent.servedByKnative ? this.knativePanels(agent) : this.workerPanels(agent);
      panels.push({ type: 'row', title: agent.namespace ? `${agent.name} (${agent.namespace})` : agent.name, collapsed: false, gridPos: { x: 0, y, w: 24, h: 1 }, panels: [] });
      y += 1;
      charts.forEach((c, i) => panels.push({ ...c, gridPos: { x: (i % 4) * WIDTH, y: y + Math.floor(i / 4) * HEIGHT, w: WIDTH, h: HEIGHT } }));
      y += Math.ceil(charts.length / 4) * HEIGHT;
    }
    panels.forEach((panel, i) => Object.assign(panel as object, { id: i + 1 }));
    return {
      title: p.title ?? this.name,
      uid: p.uid ?? this.name.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40),
      tags: ['cdk8s-agents'],
      editable: true,
      schemaVersion: 39,
      time: { from: 'now-6h', to: 'now' },
      refresh: '30s',
      templating: { list: [{ name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Data source' }] },
      panels,
    };
  }

  private panel(title: string, unit: string, targets: Target[]): Record<string, unknown> {
    return {
      type: 'timeseries',
      title,
      datasource: DATASOURCE,
      fieldConfig: { defaults: { unit }, overrides: [] },
      targets: targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), datasource: DATASOURCE, expr: t.expr, legendFormat: t.legendFormat })),
    };
  }

  private knativePanels(agent: IAgentWorkload): Record<string, unknown>[] {
    const s = matchers({ [KNATIVE_LABELS.namespace]: agent.namespace, [KNATIVE_LABELS.service]: agent.name });
    const window = '$__rate_interval';
    return [
      this.panel('Request rate', 'reqps', [{ expr: `sum by (http_response_status_code) (rate(${QUEUE_PROXY.duration}_count${s}[${window}]))`, legendFormat: '{{http_response_status_code}}' }]),
      this.panel('p95 latency', 's', [{ expr: `histogram_quantile(0.95, sum by (le) (rate(${QUEUE_PROXY.duration}_bucket${s}[${window}])))`, legendFormat: 'p95' }]),
      this.panel('Pods', 'short', [
        { expr: `sum(${CONTROL_PLANE.podsRequested}${s})`, legendFormat: 'requested' },
        { expr: `sum(${CONTROL_PLANE.podsReady}${s})`, legendFormat: 'ready' },
      ]),
      this.panel('Queue depth', 'short', [{ expr: `sum(${QUEUE_PROXY.queueDepth}${s})`, legendFormat: 'queued' }]),
    ];
  }

  private workerPanels(agent: IAgentWorkload): Record<string, unknown>[] {
    const type = kedaObjectOf(agent)?.type;
    if (!type) return [];
    const s = matchers({ [this.props.kedaNamespaceLabel ?? 'exported_namespace']: agent.namespace, scaledObject: agent.name, type });
    return [
      this.panel('KEDA metric value', 'short', [{ expr: `max by (triggerIndex, scaler) (${KEDA.value}${s})`, legendFormat: '{{scaler}} (trigger {{triggerIndex}})' }]),
      this.panel('KEDA scaler errors', 'short', [{ expr: `sum(increase(${KEDA.errors}${s}[$__rate_interval]))`, legendFormat: 'errors' }]),
    ];
  }
}
