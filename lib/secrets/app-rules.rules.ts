import { defineRules } from '../engine/rule';

/** Rules over every object of the app: the env vars Secrets and ConfigMaps feed into containers. */
export const SECRET_ENV_RULES = defineRules({
  ENV_CONFLICT: {
    id: 'SECRET-ENV-001',
    title: 'two sources define the same environment variable for one container',
    why: 'Kubernetes does not reject it: `env` silently wins over `envFrom`, and a later `envFrom` source over an earlier one, so the agent gets one of the values without any error.',
    fix: 'rename one of the variables (a key map, or an `envFrom` prefix), or drop one source',
    yamlFix: 'rename one of the variables (an `env` name, or an `envFrom` prefix), or drop one source',
    upstream: 'Kubernetes kubelet makeEnvironmentVariables (envFrom in order, then env overrides)',
    effect: 'ignored',
  },
  ENV_FROM_KEY: {
    id: 'SECRET-ENV-002',
    title: 'a key exposed through `envFrom` is not a valid environment variable name',
    why: 'The kubelet skips such keys and only records an event ("InvalidEnvironmentVariableNames"): the container starts without the value.',
    fix: 'rename the key, or map it to a valid name with a `secretKeyRef`/`configMapKeyRef` env var',
    upstream: 'Kubernetes kubelet makeEnvironmentVariables (invalid envFrom keys skipped)',
    effect: 'ignored',
    severity: 'warning',
  },
});
