// Triggers and near misses of the shared pod-spec rules (POD-*) that an agent's
// props can produce; the others are triggered in podspec.test.ts.
import * as kplus from 'cdk8s-plus-28';
import { AgentSecrets } from '../../lib';
import { CTR, agent } from '../serving/fixtures';
import { RuleCases } from '../support/rule-cases';

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'POD-ENV-001', name: 'the Secret name has uppercase letters',
      build: (c) => agent(c, { secrets: [AgentSecrets.fromSecretName(c, 'creds', 'Jira_Token')] }),
      field: `${CTR}.envFrom[0].secretRef.name`, value: '"Jira_Token"',
    },
    {
      id: 'POD-ENV-001', name: 'an env var is mapped to an empty key',
      build: (c) => agent(c, { secrets: [AgentSecrets.fromSecretName(c, 'creds', 'jira-creds', { JIRA_TOKEN: '' })] }),
      field: `${CTR}.env[0].valueFrom.secretKeyRef.key`, value: '""',
    },
    {
      id: 'POD-ENV-001', name: 'a secret key has a space',
      build: (c) => agent(c, { secrets: [AgentSecrets.fromSecretName(c, 'creds', 'jira-creds', { JIRA_TOKEN: 'jira token' })] }),
      field: `${CTR}.env[0].valueFrom.secretKeyRef.key`, value: '"jira token"',
    },
    { id: 'POD-SEC-001', name: 'runAsUser 0 with the default runAsNonRoot', build: (c) => agent(c, { security: { runAsUser: 0 } }), field: `${CTR}.securityContext.runAsUser`, value: '0' },
    {
      id: 'POD-SEC-002', name: 'a Localhost seccomp profile without its path',
      build: (c) => agent(c, { security: { seccompProfile: kplus.SeccompProfileType.LOCALHOST } }),
      field: `${CTR}.securityContext.seccompProfile.localhostProfile`, value: '(unset)',
    },
  ],
  passes: [
    { name: 'a Secret name with dots', build: (c) => agent(c, { secrets: [AgentSecrets.fromSecretName(c, 'creds', 'jira.creds-v1', { JIRA_TOKEN: 'token' })] }) },
  ],
};
