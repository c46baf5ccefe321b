// Storage: the kinds this domain validates.
import type { RegistryPart } from '../settings/validation';
import { PVC_VALIDATOR } from './agent-workspace.validator';

export const STORAGE: RegistryPart = {
  validators: [PVC_VALIDATOR],
};
