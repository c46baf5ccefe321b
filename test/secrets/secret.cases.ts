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
    {
      name: 'a SOPS-encrypted Secret (top-level sops metadata, ENC[...] values)',
      manifests: [{
        apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'agents' }, type: 'Opaque',
        stringData: { JWT_SECRET: 'ENC[AES256_GCM,data:q2Zr5Xw=,iv:4xkB1dQ=,tag:Y1n0Zg==,type:str]' },
        sops: { age: [{ recipient: 'age1qlf6e0wsfqxkq3ramsq05v7kh9pmq5v0tdx3a5ru3h7lh0gkx6lqxrxnvm', enc: '-----BEGIN AGE ENCRYPTED FILE-----' }], lastmodified: '2026-11-30T09:12:44Z', mac: 'ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]', encrypted_regex: '^(data|stringData)$', version: '3.9.1' },
      }],
    },
    {
      name: 'ENC[...] values without the sops map (stripped by a tool, still ciphertext)',
      manifests: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'agents' }, data: { token: 'ENC[AES256_GCM,data:q2Zr5Xw=,iv:4xkB1dQ=,tag:Y1n0Zg==,type:str]' } }],
    },
  ],
};
