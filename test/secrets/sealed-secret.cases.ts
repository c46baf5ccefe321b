// Triggers and near misses of the SealedSecret rules (SECRET-SEAL-*).
import { Chart } from 'cdk8s';
import { AgentSecrets, SealingScope } from '../../lib';
import { CIPHER, sealed } from './fixtures';
import { RuleCases } from '../support/rule-cases';

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'SECRET-SEAL-001', name: 'a SealedSecret has no encrypted value',
      build: (c) => AgentSecrets.sealed(c, 's', { encryptedData: {} }), field: 'spec.encryptedData', value: '{}', path: 'test/s',
    },
    {
      id: 'SECRET-SEAL-002', name: 'a plaintext value is passed as encryptedData (never echoed)',
      build: (c) => AgentSecrets.sealed(c, 's', { encryptedData: { ANTHROPIC_API_KEY: 'sk-ant-api03-plaintext!' } }),
      field: 'spec.encryptedData["ANTHROPIC_API_KEY"]', value: '"(23 characters, not shown)"', path: 'test/s',
    },
    {
      id: 'SECRET-SEAL-002', name: 'an encrypted value is base64 but far too short for ciphertext',
      manifests: [sealed({ name: 's', namespace: 'agents' }, { A: 'c2VjcmV0' })], field: 'spec.encryptedData["A"]', value: '"(8 characters, not shown)"',
    },
    {
      id: 'SECRET-SEAL-003', name: 'a strict SealedSecret has no namespace',
      build: (c) => AgentSecrets.sealed(new Chart(c.node.root as any, 'plain'), 's', { encryptedData: { A: CIPHER } }),
      field: 'metadata.namespace', value: '(unset)', path: 'plain/s',
    },
  ],
  passes: [
    { name: 'a cluster-wide SealedSecret without namespace', manifests: [sealed({ name: 's', annotations: { 'sealedsecrets.bitnami.com/cluster-wide': 'true' } })] },
    { name: 'a namespace-wide SealedSecret (construct) in a chart without namespace', build: (c) => AgentSecrets.sealed(new Chart(c.node.root as any, 'plain'), 's', { encryptedData: { A: CIPHER }, scope: SealingScope.NAMESPACE_WIDE }) },
  ],
};
