// Knative Serving: the kinds this domain validates.
import type { RegistryPart } from '../settings/validation';
import { KNATIVE_SERVICE_VALIDATOR } from './agent-knative-service.validator';
import { DOMAIN_MAPPING_VALIDATOR } from './domain-mapping.validator';

export const SERVING: RegistryPart = {
  validators: [KNATIVE_SERVICE_VALIDATOR, DOMAIN_MAPPING_VALIDATOR],
};
