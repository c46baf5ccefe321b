import { defineRules } from '../engine/rule';

/** Rules of AgentSecrets key maps and of the agent containers that read them (construct props: no manifest shows them). */
export const SECRET_RULES = defineRules({
  EMPTY_KEYS: {
    id: 'SECRET-002',
    title: 'a key map must map at least one environment variable',
    why: 'An empty key map exposes nothing: the agent would silently start without any of the Secret\'s values.',
    fix: 'map at least one env var (`{ ANTHROPIC_API_KEY: \'anthropic-api-key\' }`), or leave `keys` out to expose every key of the Secret',
    upstream: 'library behaviour: AgentSecrets keys',
    effect: 'ignored',
  },
  UNKNOWN_VARIABLE: {
    id: 'SECRET-005',
    title: 'a single secret value must be one of the variables the secrets provide',
    why: 'The env var would reference a key the Secret does not hold: the Pod fails to start (CreateContainerConfigError).',
    fix: 'name one of the variables of the AgentSecrets key map',
    upstream: 'Kubernetes kubelet (secretKeyRef to a missing key: CreateContainerConfigError)',
    effect: 'runtime',
  },
  ENV_VAR_KEY: {
    id: 'SECRET-003',
    title: 'the keys of AgentSecrets are environment variable names',
    why: 'Each key becomes an env var through `envFrom`; the kubelet skips keys that are not valid variable names ("InvalidEnvironmentVariableNames"), so the agent would start without the value.',
    fix: 'name the key like an env var: letters, digits, `_`, `-` and `.`, not starting with a digit (`ANTHROPIC_API_KEY`)',
    upstream: 'Kubernetes core/validation ValidateEnv; kubelet makeEnvironmentVariables (envFrom invalid keys skipped)',
    effect: 'ignored',
  },
});
