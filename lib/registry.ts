// The validator registry: the one place a kind plugs in. Adding a kind means
// adding its validator (and its rules) here; nothing else changes.
import { DUPLICATE_NAMES } from './core/cross-object';
import { CONFIGMAP_RULES } from './core/configmaps';
import { ValidatorRegistry } from './core/engine';
import { SETTINGS_RULES } from './core/settings';
import { KUBERNETES_DEPLOYMENT_VALIDATOR } from './core/kubernetes-validators';
import { EGRESS_OVERLAP, KNATIVE_INGRESS } from './network/app-rules';
import { EGRESS_POLICY_RULES } from './network/rules';
import { CILIUM_CLUSTERWIDE_NETWORK_POLICY_VALIDATOR, CILIUM_NETWORK_POLICY_VALIDATOR, NETWORK_POLICY_VALIDATOR } from './network/validator';
import { SECRET_RULES } from './secrets/rules';
import { ENV_SOURCES, EXTERNAL_SECRET_VALIDATOR, SEALED_SECRET_VALIDATOR, SECRET_VALIDATOR } from './secrets/validator';
import { EVENTING_APP_VALIDATOR } from './eventing/app-rules';
import { EVENTING_VALIDATORS } from './eventing/validators';
import { APISERVER_RBAC, APISERVER_SOURCE_VALIDATOR } from './eventing/sources/apiserver-validator';
import { KAFKA_SOURCE_VALIDATORS } from './eventing/sources/kafka-validator';
import { PING_SOURCE_VALIDATORS } from './eventing/sources/ping-validator';
import { KNATIVE_SERVICE_VALIDATOR } from './serving/validator';
import { AUTH_RULES, WORKER_POD_RULES } from './workers/rules';
import {
  CLUSTER_TRIGGER_AUTHENTICATION_VALIDATOR, KEDA_CROSS_OBJECT, SCALED_JOB_VALIDATOR, SCALED_OBJECT_VALIDATOR, TRIGGER_AUTHENTICATION_VALIDATOR,
} from './workers/validators';

export const DEFAULT_REGISTRY = new ValidatorRegistry(
  [
    KNATIVE_SERVICE_VALIDATOR,
    KUBERNETES_DEPLOYMENT_VALIDATOR,
    EXTERNAL_SECRET_VALIDATOR,
    SEALED_SECRET_VALIDATOR,
    SECRET_VALIDATOR,
    NETWORK_POLICY_VALIDATOR,
    CILIUM_NETWORK_POLICY_VALIDATOR,
    CILIUM_CLUSTERWIDE_NETWORK_POLICY_VALIDATOR,
    SCALED_OBJECT_VALIDATOR,
    SCALED_JOB_VALIDATOR,
    TRIGGER_AUTHENTICATION_VALIDATOR,
    CLUSTER_TRIGGER_AUTHENTICATION_VALIDATOR,
    ...KAFKA_SOURCE_VALIDATORS,
    ...PING_SOURCE_VALIDATORS,
    APISERVER_SOURCE_VALIDATOR,
    ...EVENTING_VALIDATORS,
  ],
  [DUPLICATE_NAMES, ENV_SOURCES, EGRESS_OVERLAP, KNATIVE_INGRESS, KEDA_CROSS_OBJECT, EVENTING_APP_VALIDATOR, APISERVER_RBAC],
  [
    ...Object.values(SETTINGS_RULES), ...Object.values(CONFIGMAP_RULES), ...Object.values(SECRET_RULES), ...Object.values(EGRESS_POLICY_RULES),
    AUTH_RULES.KEY_MAP, ...Object.values(WORKER_POD_RULES),
  ],
);
