// The validation entry points: the catalogue, manifests without a construct
// tree, and the registry handed down to app validation. lib/index.ts exports
// this module as the `validation` namespace.
import { _useDefaultRegistry } from './construct/app-validation';
import { Located, toFinding, validateObjects, ValidationResult } from './engine/engine';
import { Finding, FindingList, Rule } from './engine/rule';
import { REGISTRY } from './registry';
import { settingsFromConfigMaps as readConfigMaps } from './settings/configmaps';
import { ClusterSettings, ClusterSettingsInput, DEFAULT_SETTINGS } from './settings/settings';

_useDefaultRegistry(REGISTRY);

export type { Located, ValidationResult } from './engine/engine';
export { formatFinding, formatAcknowledged } from './engine/format';
export { resolveClusterSettings, DEFAULT_SETTINGS } from './settings/settings';
export { mergeSettingsInputs } from './settings/configmaps';
export type { PluginValidationContext, PluginViolation, PluginViolatingResource } from './cli/plugin';

/** Every rule the library enforces, in catalogue order (rendered into docs/rules.md). */
export const RULE_CATALOGUE: readonly Rule[] = REGISTRY.rules;

/**
 * Validates manifests (e.g. parsed from YAML) with the library's registry,
 * without a construct tree. `where` names each object's origin.
 */
export function validateManifests(objects: readonly Located[], settings: ClusterSettings = DEFAULT_SETTINGS): ValidationResult {
  return validateObjects(objects, settings, REGISTRY);
}

/** Settings read from Knative's ConfigMaps, and the values in them Knative would refuse. */
export interface ConfigMapSettings {
  /** The settings the ConfigMaps declare; give it to `resolveClusterSettings` (after `mergeSettingsInputs`, to layer). */
  readonly input: ClusterSettingsInput;
  /** Values Knative's config webhook would refuse or ignore, located at `where`. */
  readonly findings: readonly Finding[];
}

/**
 * Reads cluster settings from ConfigMap objects (config-features,
 * config-defaults, ...; other objects are ignored), e.g. the output of
 * `kubectl get cm -n knative-serving -o yaml` parsed from YAML.
 *
 * @param where names the objects' origin in findings @default 'ConfigMaps'
 */
export function settingsFromConfigMaps(objects: readonly unknown[], where: string = 'ConfigMaps'): ConfigMapSettings {
  const out = new FindingList();
  const input = readConfigMaps(objects, out);
  return { input, findings: out.items.map((raw) => toFinding(raw, where, 'cluster settings')) };
}
