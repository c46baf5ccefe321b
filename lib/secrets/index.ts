// Secrets: ExternalSecret, SealedSecret, Secret, and who reads them.
import type { RegistryPart } from '../settings/validation';
import { SECRET_RULES } from './rules';
import { ENV_SOURCES, EXTERNAL_SECRET_VALIDATOR, SEALED_SECRET_VALIDATOR, SECRET_VALIDATOR } from './validator';

export const SECRETS: RegistryPart = {
  validators: [EXTERNAL_SECRET_VALIDATOR, SEALED_SECRET_VALIDATOR, SECRET_VALIDATOR],
  crossObject: [ENV_SOURCES],
  otherRules: Object.values(SECRET_RULES),
};
