// The settings' part of the registry: the rules about the settings themselves
// and the ConfigMaps they are read from.
import { CONFIGMAP_RULES } from './configmaps';
import { checkSettings, SETTINGS_RULES } from './settings';
import type { RegistryPart } from './validation';

export const SETTINGS: RegistryPart = {
  otherRules: [...Object.values(SETTINGS_RULES), ...Object.values(CONFIGMAP_RULES)],
  checkSettings,
};
