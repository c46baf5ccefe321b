// Scenario 6: a cluster watcher. An ApiServerSource sends every change of the
// Pods in the namespaces labelled `watch.acme.io/pods: "true"` to a triage
// agent. The source runs as its own ServiceAccount with the least RBAC it
// needs, generated: get/list/watch on pods, nothing else (a ClusterRole,
// since the watched namespaces are chosen by label).
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentKnativeService, AgentSecrets, ApiServerMode, ApiServerTrigger, ClusterProfile, WatchNamespaces } from '../lib';

export function build(app: App): void {
  ClusterProfile.fromRepositoryConfig(app, 'cluster'); // cdk8s-agents.yaml
  const chart = new Chart(app, 'cluster-watcher', { namespace: 'agents' });

  const agent = new AgentKnativeService(chart, 'pod-triage', {
    image: 'ghcr.io/acme/pod-triage:0.9.0',
    secrets: [AgentSecrets.fromSecretName(chart, 'model-api', 'model-api', { ANTHROPIC_API_KEY: 'anthropic-api-key' })],
    timeout: Duration.seconds(60),
    scaling: { minScale: 0, maxScale: 5 },
    readinessProbe: kplus.Probe.fromHttpGet('/health'),
  });

  new ApiServerTrigger(chart, 'pod-watcher', {
    resources: [{ apiVersion: 'v1', kind: 'Pod' }],
    // The agent triages from the Pod's status, so events carry the whole object.
    mode: ApiServerMode.RESOURCE,
    namespaces: WatchNamespaces.matching({ matchLabels: { 'watch.acme.io/pods': 'true' } }),
    sink: agent,
  });
}
