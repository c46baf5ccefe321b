// The rules of a ConfigMap that carries Grafana dashboards for the Grafana
// sidecar (label `grafana_dashboard`): what Grafana's file provisioning skips.
//
// Upstream references:
//   GF = grafana/grafana pkg/services/provisioning/dashboards/file_reader.go (validateWalkablePath, readDashboardFromFile)
//   KS = kiwigrid/k8s-sidecar (writes each data key of a labelled ConfigMap as a file of that name)
import { defineRules } from '../engine/rule';

/** A Grafana dashboard ConfigMap. */
export const GRAFANA_DASHBOARD_RULES = defineRules({
  JSON_FILE: {
    id: 'OBS-DASH-001',
    title: 'each key of a Grafana dashboard ConfigMap ends in `.json` and holds a JSON object',
    why: 'The sidecar writes every key as a file of that name into Grafana\'s dashboard folder; Grafana\'s file provisioning reads only files ending in `.json` and skips, with an error in its log, one that is not a JSON object: the dashboard never appears.',
    fix: 'let AgentDashboard render the dashboard, or name the key `<dashboard>.json` and give it the dashboard\'s JSON model',
    yamlFix: 'name each `data` key `<dashboard>.json` and give it the dashboard\'s JSON model (an object with `title` and `panels`)',
    upstream: 'GF validateWalkablePath (".json" suffix), readDashboardFromFile (simplejson parse); KS (one file per data key)',
    effect: 'ignored',
  },
});
