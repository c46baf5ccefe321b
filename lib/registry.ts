// The validator registry: the one place a kind plugs in. Adding a kind means
// adding its validator (and its rules) here; nothing else changes.
import { DUPLICATE_NAMES } from './core/cross-object';
import { CONFIGMAP_RULES } from './core/configmaps';
import { ValidatorRegistry } from './core/engine';
import { SETTINGS_RULES } from './core/settings';
import { KUBERNETES_DEPLOYMENT_VALIDATOR } from './core/kubernetes-validators';
import { SECRET_RULES } from './secrets/rules';
import { ENV_SOURCES, EXTERNAL_SECRET_VALIDATOR, SEALED_SECRET_VALIDATOR, SECRET_VALIDATOR } from './secrets/validator';
import { KNATIVE_SERVICE_VALIDATOR } from './serving/validator';

export const DEFAULT_REGISTRY = new ValidatorRegistry(
  [
    KNATIVE_SERVICE_VALIDATOR,
    KUBERNETES_DEPLOYMENT_VALIDATOR,
    EXTERNAL_SECRET_VALIDATOR,
    SEALED_SECRET_VALIDATOR,
    SECRET_VALIDATOR,
  ],
  [DUPLICATE_NAMES, ENV_SOURCES],
  [...Object.values(SETTINGS_RULES), ...Object.values(CONFIGMAP_RULES), ...Object.values(SECRET_RULES)],
);
