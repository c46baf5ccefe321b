// Rule cases of what the API server checks in a Deployment besides its pod
// template (DEPLOY-*): the selector, and that it selects the template.
import { AgentDeployment } from '../../lib';
import { RuleCases } from '../support/rule-cases';

/** A Deployment the API server accepts, with `spec` fields replaced. */
function deployment(spec: Record<string, unknown> = {}): unknown {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'worker', namespace: 'agents' },
    spec: {
      selector: { matchLabels: { app: 'worker' } },
      template: {
        metadata: { labels: { app: 'worker', tier: 'agents' } },
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{ name: 'worker', image: 'ghcr.io/acme/worker:2.1.0', resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '1Gi' } } }],
        },
      },
      ...spec,
    },
  };
}

/** The Deployment with its template's labels replaced. */
function withTemplateLabels(d: unknown, labels: Record<string, unknown>): unknown {
  const copy = JSON.parse(JSON.stringify(d));
  copy.spec.template.metadata.labels = labels;
  return copy;
}

export const CASES: RuleCases = {
  triggers: [
    { id: 'DEPLOY-001', name: 'a Deployment has no selector', manifests: [deployment({ selector: undefined })], field: 'spec.selector', value: '(unset)' },
    { id: 'DEPLOY-001', name: 'a Deployment has an empty selector', manifests: [deployment({ selector: {} })], field: 'spec.selector', value: '{}' },
    {
      id: 'DEPLOY-001', name: 'the selector has an invalid operator',
      manifests: [deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['worker'] }] } })],
      field: 'spec.selector.matchExpressions[0].operator', value: '"Equals"',
    },
    {
      id: 'DEPLOY-002', name: 'the selector asks for a label the template does not have',
      manifests: [deployment({ selector: { matchLabels: { app: 'worker', track: 'stable' } } })],
      field: 'spec.template.metadata.labels', value: '{"app":"worker","tier":"agents"}',
    },
    {
      id: 'DEPLOY-001', name: 'a null selector expression (the API server decodes the zero requirement: key ""), not SCHEMA-002',
      manifests: [deployment({ selector: { matchExpressions: [null] } })], field: 'spec.selector.matchExpressions[0].key', value: '""',
    },
    { id: 'SCHEMA-002', name: 'a selector value is a number (the decoding fails; not DEPLOY-001 or DEPLOY-002 too)', manifests: [deployment({ selector: { matchLabels: { app: 5 } } })], field: 'spec.selector.matchLabels.app', value: '5' },
    {
      id: 'DEPLOY-002', name: 'a selector value written as null ("") and the template\'s label "worker"',
      manifests: [deployment({ selector: { matchLabels: { app: null } } })], field: 'spec.template.metadata.labels', value: '{"app":"worker"',
    },
    { id: 'DEPLOY-003', name: 'a Deployment has negative replicas', manifests: [deployment({ replicas: -1 })], field: 'spec.replicas', value: '-1' },
    {
      id: 'DEPLOY-003', name: 'an always-on agent has negative replicas',
      build: (c) => new AgentDeployment(c, 'api', { image: 'ghcr.io/acme/api:1.0.0', replicas: -1 }), path: 'test/api (Deployment/api)', field: 'spec.replicas', value: '-1',
    },
  ],
  passes: [
    {
      name: 'a selector value and the template\'s label both written as null (both decode as "")',
      manifests: [withTemplateLabels(deployment({ selector: { matchLabels: { app: null } } }), { app: null, tier: 'agents' })],
    },
    { name: 'a Deployment scaled to zero replicas', manifests: [deployment({ replicas: 0 })] },
    { name: 'a Deployment whose selector selects a subset of its template labels', manifests: [deployment()] },
    {
      name: 'a selector by expressions that selects the template',
      manifests: [deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['worker', 'helper'] }, { key: 'canary', operator: 'DoesNotExist' }] } })],
    },
  ],
};
