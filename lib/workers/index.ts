// KEDA: ScaledObject, ScaledJob, (Cluster)TriggerAuthentication and the rules across them.
import type { RegistryPart } from '../settings/validation';
import { AUTH_RULES, WORKER_POD_RULES } from './rules';
import {
  CLUSTER_TRIGGER_AUTHENTICATION_VALIDATOR, KEDA_CROSS_OBJECT, SCALED_JOB_VALIDATOR, SCALED_OBJECT_VALIDATOR, TRIGGER_AUTHENTICATION_VALIDATOR,
} from './validators';

export const WORKERS: RegistryPart = {
  validators: [SCALED_OBJECT_VALIDATOR, SCALED_JOB_VALIDATOR, TRIGGER_AUTHENTICATION_VALIDATOR, CLUSTER_TRIGGER_AUTHENTICATION_VALIDATOR],
  crossObject: [KEDA_CROSS_OBJECT],
  otherRules: [AUTH_RULES.KEY_MAP, ...Object.values(WORKER_POD_RULES)],
};
