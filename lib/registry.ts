// The validator registry: the one place a kind plugs in. Adding a kind means
// adding its validator (and its rules) here; nothing else changes.
import { DUPLICATE_NAMES } from './core/cross-object';
import { CONFIGMAP_RULES } from './core/configmaps';
import { ValidatorRegistry } from './core/engine';
import { SETTINGS_RULES } from './core/settings';
import { KUBERNETES_DEPLOYMENT_VALIDATOR } from './core/kubernetes-validators';
import { SECRET_RULES } from './secrets/agent-secrets';
import { KNATIVE_SERVICE_VALIDATOR } from './serving/validator';
import { AUTH_RULES, WORKER_POD_RULES } from './workers/rules';
import {
  CLUSTER_TRIGGER_AUTHENTICATION_VALIDATOR, KEDA_CROSS_OBJECT, SCALED_JOB_VALIDATOR, SCALED_OBJECT_VALIDATOR, TRIGGER_AUTHENTICATION_VALIDATOR,
} from './workers/validators';

export const DEFAULT_REGISTRY = new ValidatorRegistry(
  [
    KNATIVE_SERVICE_VALIDATOR,
    KUBERNETES_DEPLOYMENT_VALIDATOR,
    SCALED_OBJECT_VALIDATOR,
    SCALED_JOB_VALIDATOR,
    TRIGGER_AUTHENTICATION_VALIDATOR,
    CLUSTER_TRIGGER_AUTHENTICATION_VALIDATOR,
  ],
  [DUPLICATE_NAMES, KEDA_CROSS_OBJECT],
  [...Object.values(SETTINGS_RULES), ...Object.values(CONFIGMAP_RULES), ...Object.values(SECRET_RULES), AUTH_RULES.KEY_MAP, ...Object.values(WORKER_POD_RULES)],
);
