// The validation entry points: the catalogue, manifests without a construct
// tree, and the registry handed down to app validation.
import { _useDefaultRegistry } from './construct/app-validation';
import { Located, validateObjects, ValidationResult } from './engine/engine';
import { Rule } from './engine/rule';
import { REGISTRY } from './registry';
import { ClusterSettings, DEFAULT_SETTINGS } from './settings/settings';

_useDefaultRegistry(REGISTRY);

/** Every rule the library enforces, in catalogue order (rendered into docs/rules.md). */
export const RULE_CATALOGUE: readonly Rule[] = REGISTRY.rules;

/**
 * Validates manifests (e.g. parsed from YAML) with the library's registry,
 * without a construct tree. `where` names each object's origin.
 */
export function validateManifests(objects: readonly Located[], settings: ClusterSettings = DEFAULT_SETTINGS): ValidationResult {
  return validateObjects(objects, settings, REGISTRY);
}
