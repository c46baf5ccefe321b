// Triggers and near misses of the AgentSecrets props and of the agents that read them
// (SECRET-002, SECRET-003, SECRET-005).
import { AgentKnativeService, AgentSecrets } from '../../lib';
import { agent, CIPHER, IMAGE, vault } from './fixtures';
import { RuleCases } from '../support/rule-cases';

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'SECRET-003', name: 'a key of AgentSecrets is not an env var name',
      build: (c) => new AgentSecrets(c, 's', { store: vault, keys: { '1PASSWORD_TOKEN': 'op/token' } }),
      field: 'keys.1PASSWORD_TOKEN', value: '"1PASSWORD_TOKEN"', path: 'test/s',
    },
    {
      id: 'SECRET-003', name: 'a sealed key is not an env var name (and the agent would silently skip it)',
      build: (c) => agent(c, [AgentSecrets.sealed(c, 's', { encryptedData: { 'api key': CIPHER } }) as AgentSecrets]),
      field: 'encryptedData.api key', value: '"api key"', path: 'test/s', also: ['SECRET-ENV-002'],
    },
    {
      id: 'SECRET-005', name: 'a single value names a variable the secrets do not provide',
      build: (c) => new AgentKnativeService(c, 'agent', {
        image: IMAGE, secretEnv: { JIRA_TOKEN: { secrets: new AgentSecrets(c, 's', { store: vault, keys: { JIRA_API_TOKEN: 'jira' } }), variable: 'JIRA_TOKEN' } },
      }),
      field: 'secretEnv.JIRA_TOKEN.variable', value: '"JIRA_TOKEN"',
    },
    {
      id: 'SECRET-002', name: 'the key map is empty (would silently drop the secret)',
      build: (c) => agent(c, [AgentSecrets.fromSecretName(c, 'creds', 'jira-creds', {})]),
      field: 'secrets[0]', value: '"jira-creds"',
    },
  ],
  passes: [
    { name: 'AgentSecrets keys with dots and dashes', build: (c) => agent(c, [new AgentSecrets(c, 's', { store: vault, keys: { 'app.log-level': 'x', _TOKEN: 'y' } })]) },
    { name: 'a single value under another name next to the whole secrets', build: (c) => {
      const s = new AgentSecrets(c, 's', { store: vault, keys: { JIRA_API_TOKEN: 'jira' } });
      new AgentKnativeService(c, 'agent', { image: IMAGE, secrets: [s], secretEnv: { JIRA_TOKEN: { secrets: s, variable: 'JIRA_API_TOKEN' } } });
    } },
  ],
};
