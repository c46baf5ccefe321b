// The validation entry points: the catalogue, manifests without a construct
// tree, and the registry handed down to app validation. lib/index.ts exports
// this module as the `validation` namespace.
import { _useDefaultRegistry } from './construct/app-validation';
import { Located, ObjectRef, toFinding, validateObjects, ValidationResult, worldOf } from './engine/engine';
import { Finding, FindingList, Rule } from './engine/rule';
import { REGISTRY } from './registry';
import { settingsFromConfigMaps as readConfigMaps } from './settings/configmaps';
import { ClusterSettings, ClusterSettingsInput, DEFAULT_SETTINGS } from './settings/settings';

_useDefaultRegistry(REGISTRY);

export type { Located, ObjectRef, ValidationResult } from './engine/engine';
export { formatFinding, formatAcknowledged } from './engine/format';
export { resolveClusterSettings, DEFAULT_SETTINGS } from './settings/settings';
export { mergeSettingsInputs } from './settings/configmaps';
export type { PluginValidationContext, PluginViolation, PluginViolatingResource } from './cli/plugin';

/** Every rule the library enforces, in catalogue order (rendered into docs/rules.md). */
export const RULE_CATALOGUE: readonly Rule[] = REGISTRY.rules;

/** What exists besides the manifests being validated. */
export interface ValidateManifestsOptions {
  /**
   * The manifests are the whole app: a reference to an object that is not
   * among them is an error (EVT-APP-001, KEDA-APP-004, ...). When false, it is
   * REF-001, a warning that the object must exist in the cluster.
   * @default true (as synth validates an app)
   */
  readonly closed?: boolean;
  /** Objects the platform provides: references to them are not reported. @default - none */
  readonly provided?: readonly ObjectRef[];
}

/**
 * Validates manifests (e.g. parsed from YAML) with the library's registry,
 * without a construct tree. `where` names each object's origin.
 *
 * ```ts
 * // some files of a repository: other objects may live elsewhere
 * validation.validateManifests(objects, settings, { closed: false, provided: [{ kind: 'Broker', namespace: 'agents', name: 'default' }] });
 * ```
 */
export function validateManifests(objects: readonly Located[], settings: ClusterSettings = DEFAULT_SETTINGS, options: ValidateManifestsOptions = {}): ValidationResult {
  return validateObjects(objects, settings, REGISTRY, worldOf(options.closed ?? true, options.provided));
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
