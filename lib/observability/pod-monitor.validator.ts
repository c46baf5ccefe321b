// Checks of a prometheus-operator PodMonitor, built from its rule table: the
// CRD's duration pattern (the compact schema checks types only), endpoints
// without a port, and a queue-proxy scrape the cluster settings say finds
// nothing. Pure: manifest in, findings out.
import { arr, objOrEmpty as obj } from '../engine/json';
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import { isPrometheusDuration } from '../k8s/prometheus-duration';
import { MetricsProtocol } from '../settings/settings';
import type { ManifestValidator } from '../settings/validation';
import { QUEUE_PROXY_METRICS } from './metric-names';
import { POD_MONITOR_RULES as R } from './pod-monitor.rules';

/** Whether an endpoint scrapes the queue-proxy's request metrics. */
function scrapesQueueProxy(e: Record<string, unknown>): boolean {
  return e.port === QUEUE_PROXY_METRICS.portName || (e.port === undefined && (e.portNumber === QUEUE_PROXY_METRICS.port || e.targetPort === QUEUE_PROXY_METRICS.port || e.targetPort === QUEUE_PROXY_METRICS.portName));
}

export const POD_MONITOR_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'PodMonitor',
  rules: R,
  validate: (o, ctx, out: FindingList) => {
    const endpoints = arr(obj(obj(o).spec).podMetricsEndpoints);
    endpoints.forEach((raw, i) => {
      const e = obj(raw);
      const at = `spec.podMetricsEndpoints[${i}]`;
      for (const key of ['interval', 'scrapeTimeout']) {
        if (typeof e[key] === 'string' && !isPrometheusDuration(e[key])) out.add(R.INTERVAL, `${at}.${key}`, e[key], 'not a Prometheus duration such as 30s, 1m or 1m30s');
      }
      if (e.port === undefined && e.portNumber === undefined && e.targetPort === undefined) {
        out.add(R.WORKER_PORT, `${at}.port`, undefined, 'the endpoint names no port: pods that declare no matching port give no target');
      }
      const protocol = ctx.settings.serving.requestMetricsProtocol;
      if (scrapesQueueProxy(e) && protocol !== MetricsProtocol.PROMETHEUS) {
        out.add(R.QUEUE_PROXY_OFF, `${at}.port`, e.port ?? e.portNumber ?? e.targetPort, `request-metrics-protocol is "${protocol}" (settings from ${ctx.settings.source}): the queue-proxy serves no /metrics`);
      }
    });
  },
});
