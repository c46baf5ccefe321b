// Storage: the kinds this domain validates, and the rules across claims and the pods that mount them.
import type { RegistryPart } from '../settings/validation';
import { PVC_VALIDATOR } from './agent-workspace.validator';
import { STORAGE_CROSS_OBJECT } from './app-rules';

export const STORAGE: RegistryPart = {
  validators: [PVC_VALIDATOR],
  crossObject: [STORAGE_CROSS_OBJECT],
};
