import { CONFIGMAP_RULES } from './core/configmaps';
import { Finding, Rule } from './core/rule';
import { ClusterSettings, DEFAULT_SETTINGS, SETTINGS_RULES } from './core/settings';
import { Located, validateObjects, ValidationResult } from './core/engine';
import { DEFAULT_REGISTRY } from './registry';
import { SECRET_RULES } from './secrets/agent-secrets';

/** Every rule the library enforces, in catalogue order (rendered into docs/rules.md). */
export const RULE_CATALOGUE: readonly Rule[] = dedupe([
  ...DEFAULT_REGISTRY.rules,
  ...Object.values(SETTINGS_RULES),
  ...Object.values(CONFIGMAP_RULES),
  ...Object.values(SECRET_RULES),
]);

function dedupe(rules: Rule[]): Rule[] {
  const seen = new Set<string>();
  return rules.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

/**
 * Validates manifests (e.g. parsed from YAML) with the library's registry,
 * without a construct tree. `where` names each object's origin.
 */
export function validateManifests(objects: readonly Located[], settings: ClusterSettings = DEFAULT_SETTINGS): ValidationResult {
  return validateObjects(objects, settings, DEFAULT_REGISTRY);
}

export type { Finding };
