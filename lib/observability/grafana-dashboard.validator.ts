// Checks of a ConfigMap labelled for the Grafana sidecar (`grafana_dashboard`):
// every key a `.json` file holding a JSON object. Other ConfigMaps are not
// read. Pure: manifest in, findings out.
import { objOrEmpty as obj } from '../engine/json';
import { defineValidator } from '../engine/validator';
import type { ManifestValidator } from '../settings/validation';
import { GRAFANA_DASHBOARD_RULES as R } from './grafana-dashboard.rules';

/** The label the Grafana chart's dashboard sidecar watches (kube-prometheus-stack's default). */
export const GRAFANA_DASHBOARD_LABEL = 'grafana_dashboard';

function jsonObjectProblem(text: string): string | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? undefined : 'the JSON is not an object';
  } catch (e) {
    return `not JSON: ${(e as Error).message}`;
  }
}

export const GRAFANA_DASHBOARD_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  rules: R,
  validate: (o, _ctx, out) => {
    const cm = obj(o);
    if (obj(obj(cm.metadata).labels)[GRAFANA_DASHBOARD_LABEL] === undefined) return;
    for (const [key, value] of Object.entries(obj(cm.data))) {
      if (!key.endsWith('.json')) out.add(R.JSON_FILE, `data[${JSON.stringify(key)}]`, key, 'Grafana reads only files ending in .json');
      else if (typeof value === 'string' && jsonObjectProblem(value)) out.add(R.JSON_FILE, `data[${JSON.stringify(key)}]`, value.length > 40 ? `${value.slice(0, 40)}…` : value, jsonObjectProblem(value));
    }
  },
});
