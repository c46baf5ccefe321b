// The settings' part of the registry: the rules about the settings themselves
// and the ConfigMaps they are read from.
import { CONFIGMAP_RULES } from './configmaps';
import { checkSettings, rulesRelease, SETTINGS_RULES } from './settings';
import type { RegistryPart } from './validation';

export const SETTINGS: RegistryPart = {
  otherRules: [...Object.values(SETTINGS_RULES), ...Object.values(CONFIGMAP_RULES)],
  checkSettings,
  // Knative Serving's CRDs at the release whose rules check the cluster (a newer one: the newest).
  schemaReleases: (s) => ({ 'knative-serving': rulesRelease(s.knativeVersion) }),
};
