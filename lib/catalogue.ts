import { ClusterSettings, DEFAULT_SETTINGS } from './core/settings';
import { Located, validateObjects, ValidationResult } from './core/engine';
import { Rule } from './core/rule';
import { DEFAULT_REGISTRY } from './registry';

/** Every rule the library enforces, in catalogue order (rendered into docs/rules.md). */
export const RULE_CATALOGUE: readonly Rule[] = DEFAULT_REGISTRY.rules;

/**
 * Validates manifests (e.g. parsed from YAML) with the library's registry,
 * without a construct tree. `where` names each object's origin.
 */
export function validateManifests(objects: readonly Located[], settings: ClusterSettings = DEFAULT_SETTINGS): ValidationResult {
  return validateObjects(objects, settings, DEFAULT_REGISTRY);
}
