import { AgentDashboard } from '../../lib';
import { synthErrors } from '../support/rule-cases';
import { ksvc, metricsOn, worker } from './fixtures';
import { ofKind, synth } from './support';

const dashboardOf = (objects: any[]) => {
  const [cm] = ofKind(objects, 'ConfigMap');
  return { cm, json: JSON.parse(Object.values(cm.data)[0] as string) };
};

describe('AgentDashboard', () => {
  test('a ConfigMap for the Grafana sidecar, a row per agent of the chart', () => {
    const { cm, json } = dashboardOf(synth((c) => { metricsOn(c); ksvc(c); worker(c); new AgentDashboard(c, 'agents'); }));
    expect(cm.metadata).toEqual({ name: 'agents', namespace: 'agents', labels: { grafana_dashboard: '1' } });
    expect(Object.keys(cm.data)).toEqual(['agents.json']);
    expect(json).toMatchSnapshot();
    expect(json.panels.map((p: any) => `${p.type}:${p.title}`)).toEqual([
      'row:triage (agents)', 'timeseries:Request rate', 'timeseries:p95 latency', 'timeseries:Pods', 'timeseries:Queue depth',
      'row:worker (agents)', 'timeseries:KEDA metric value', 'timeseries:KEDA scaler errors',
    ]);
    expect(json.panels.map((p: any) => p.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  test('panels query the Knative 1.21+ names and KEDA\'s, with the data source as a variable', () => {
    const { json } = dashboardOf(synth((c) => { new AgentDashboard(c, 'agents', { agents: [ksvc(c), worker(c)] }); }));
    const exprs = json.panels.flatMap((p: any) => (p.targets ?? []).map((t: any) => t.expr));
    expect(exprs).toEqual(expect.arrayContaining([
      'sum by (http_response_status_code) (rate(kn_serving_invocation_duration_seconds_count{k8s_namespace_name="agents",kn_service_name="triage"}[$__rate_interval]))',
      'sum(kn_serving_queue_depth{k8s_namespace_name="agents",kn_service_name="triage"})',
      'max by (triggerIndex, scaler) (keda_scaler_metrics_value{exported_namespace="agents",scaledObject="worker",type="scaledobject"})',
    ]));
    expect(json.templating.list[0]).toMatchObject({ name: 'datasource', type: 'datasource', query: 'prometheus' });
  });

  test('title, uid and labels are props; a name that is no uid is made one', () => {
    const { cm, json } = dashboardOf(synth((c) => { new AgentDashboard(c, 'd', { agents: [], name: 'agents.dashboard', title: 'Agents', labels: { team: 'a' } }); }));
    expect(cm.metadata.labels).toEqual({ team: 'a', grafana_dashboard: '1' });
    expect([json.title, json.uid]).toEqual(['Agents', 'agents-dashboard']);
  });

  test('deterministic: the same agents give the same bytes', () => {
    const build = () => Object.values(dashboardOf(synth((c) => { ksvc(c); worker(c); new AgentDashboard(c, 'agents'); })).cm.data)[0];
    expect(build()).toBe(build());
  });

  test('fails if the uid is not one Grafana takes', () => {
    expect(synthErrors((c) => { new AgentDashboard(c, 'agent', { agents: [], uid: 'a b' }); })).toEqual([expect.stringMatching(/^error \[PROPS-001\] test\/agent: uid = "a b"/)]);
  });
});
