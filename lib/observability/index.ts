// Observability: the kinds this domain validates.
import type { RegistryPart } from '../settings/validation';
import { GRAFANA_DASHBOARD_VALIDATOR } from './grafana-dashboard.validator';
import { POD_MONITOR_VALIDATOR } from './pod-monitor.validator';
import { PROMETHEUS_RULE_VALIDATOR } from './prometheus-rule.validator';

export const OBSERVABILITY: RegistryPart = {
  validators: [POD_MONITOR_VALIDATOR, PROMETHEUS_RULE_VALIDATOR, GRAFANA_DASHBOARD_VALIDATOR],
};
