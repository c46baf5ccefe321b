// The validator registry: the one place a kind plugs in. Adding a kind means
// adding its validator (and its rules) here; nothing else changes.
import { DUPLICATE_NAMES } from './core/cross-object';
import { CONFIGMAP_RULES } from './core/configmaps';
import { ValidatorRegistry } from './core/engine';
import { SETTINGS_RULES } from './core/settings';
import { KUBERNETES_DEPLOYMENT_VALIDATOR } from './core/kubernetes-validators';
import { SECRET_RULES } from './secrets/agent-secrets';
import { EVENTING_APP_VALIDATOR } from './eventing/app-rules';
import { EVENTING_VALIDATORS } from './eventing/validators';
import { APISERVER_RBAC, APISERVER_SOURCE_VALIDATOR } from './eventing/sources/apiserver-validator';
import { KAFKA_SOURCE_VALIDATORS } from './eventing/sources/kafka-validator';
import { PING_SOURCE_VALIDATORS } from './eventing/sources/ping-validator';
import { KNATIVE_SERVICE_VALIDATOR } from './serving/validator';

export const DEFAULT_REGISTRY = new ValidatorRegistry(
  [
    KNATIVE_SERVICE_VALIDATOR,
    KUBERNETES_DEPLOYMENT_VALIDATOR,
    ...KAFKA_SOURCE_VALIDATORS,
    ...PING_SOURCE_VALIDATORS,
    APISERVER_SOURCE_VALIDATOR,
    ...EVENTING_VALIDATORS,
  ],
  [DUPLICATE_NAMES, EVENTING_APP_VALIDATOR, APISERVER_RBAC],
  [...Object.values(SETTINGS_RULES), ...Object.values(CONFIGMAP_RULES), ...Object.values(SECRET_RULES)],
);
