// KEDA: ScaledObject, ScaledJob, (Cluster)TriggerAuthentication and the rules across them.
import type { RegistryPart } from '../settings/validation';
import { KEDA_CROSS_OBJECT } from './app-rules';
import { WORKER_POD_RULES } from './keda-workload.rules';
import { SCALED_JOB_VALIDATOR } from './scaled-job.validator';
import { SCALED_OBJECT_VALIDATOR } from './scaled-object.validator';
import { TRIGGER_AUTHENTICATION_PROP_RULES } from './trigger-authentication.rules';
import { CLUSTER_TRIGGER_AUTHENTICATION_VALIDATOR, TRIGGER_AUTHENTICATION_VALIDATOR } from './trigger-authentication.validator';

export const WORKERS: RegistryPart = {
  validators: [SCALED_OBJECT_VALIDATOR, SCALED_JOB_VALIDATOR, TRIGGER_AUTHENTICATION_VALIDATOR, CLUSTER_TRIGGER_AUTHENTICATION_VALIDATOR],
  crossObject: [KEDA_CROSS_OBJECT],
  otherRules: [...Object.values(TRIGGER_AUTHENTICATION_PROP_RULES), ...Object.values(WORKER_POD_RULES)],
};
