// Triggers and near misses of the plain Secret rule (SECRET-004).
import { AgentSecrets } from '../../lib';
import { RuleCases } from '../support/rule-cases';

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'SECRET-004', name: 'plaintext values are rendered (unsafePlaintext)',
      build: (c) => AgentSecrets.unsafePlaintext(c, 's', { values: { OPENAI_API_KEY: 'sk-test' } }),
      field: 'stringData', value: '["OPENAI_API_KEY"]', path: 'test/s',
    },
    {
      id: 'SECRET-004', name: 'a hand-written Secret carries data',
      manifests: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'agents' }, data: { token: 'c2VjcmV0' } }],
      field: 'data', value: '["token"]',
    },
  ],
  passes: [
    { name: 'a hand-written Secret without values (filled in by a controller)', manifests: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'agents' }, type: 'kubernetes.io/tls' }] },
  ],
};
