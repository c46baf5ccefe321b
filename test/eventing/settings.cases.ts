// Rule cases of the eventing section of the cluster settings.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ClusterProfile } from '../../lib';
import { RuleCases } from '../support/rule-cases';

function eventingFeaturesFile(data: Record<string, string>): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-evt-')), 'config-features.yaml');
  const lines = Object.entries(data).map(([k, v]) => `  ${k}: "${v}"`);
  fs.writeFileSync(file, ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: config-features', '  namespace: knative-eventing', 'data:', ...lines, ''].join('\n'));
  return file;
}

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'PROFILE-006', name: 'the eventing config-features sets a flag to "on"',
      build: (c) => new ClusterProfile(c.node.root, 'cluster', { configMapFiles: [eventingFeaturesFile({ 'delivery-timeout': 'on' })] }),
      path: 'cluster', field: 'config-features/delivery-timeout', value: '"on"',
    },
    {
      id: 'PROFILE-006', name: 'the eventing transport-encryption is "Enabled" (it takes Permissive or Strict)',
      build: (c) => new ClusterProfile(c.node.root, 'cluster', { configMapFiles: [eventingFeaturesFile({ 'transport-encryption': 'Enabled' })] }),
      path: 'cluster', field: 'config-features/transport-encryption', value: '"Enabled"',
    },
  ],
  passes: [
    {
      name: 'eventing flags in lowercase, transport-encryption strict',
      build: (c) => new ClusterProfile(c.node.root, 'cluster', {
        configMapFiles: [eventingFeaturesFile({ 'authentication-oidc': 'enabled', 'transport-encryption': 'strict', 'default-authorization-mode': 'deny-all' })],
      }),
    },
  ],
};
