// Secrets: ExternalSecret, SecretStore, ClusterSecretStore, SealedSecret, Secret, and who reads them.
import type { RegistryPart } from '../settings/validation';
import { SECRET_RULES } from './agent-secrets.rules';
import { ENV_SOURCES, SECRET_NAMESPACES, SECRET_OWNERS, STORE_REFERENCES } from './app-rules';
import { EXTERNAL_SECRET_VALIDATOR } from './external-secret.validator';
import { SEALED_SECRET_VALIDATOR } from './sealed-secret.validator';
import { SECRET_VALIDATOR } from './secret.validator';
import { SECRET_STORE_VALIDATORS } from './secret-store.validator';

export const SECRETS: RegistryPart = {
  validators: [EXTERNAL_SECRET_VALIDATOR, ...SECRET_STORE_VALIDATORS, SEALED_SECRET_VALIDATOR, SECRET_VALIDATOR],
  crossObject: [ENV_SOURCES, SECRET_OWNERS, SECRET_NAMESPACES, STORE_REFERENCES],
  otherRules: Object.values(SECRET_RULES),
};
