// A kind's validator, built from its rule table(s) so the catalogue list is
// never retyped beside the table.
import { KubeObject, ManifestValidator, SettingsLike, ValidationContext } from './engine';
import { FindingList, Rule } from './rule';

/**
 * Builds a ManifestValidator whose `rules` are the rules of the given tables,
 * in table order, each once (a shared table may repeat a rule by id).
 */
export function defineValidator<S extends SettingsLike = SettingsLike>(spec: {
  apiVersion: string;
  kind: string;
  rules: Record<string, Rule> | readonly Record<string, Rule>[];
  validate(object: KubeObject, ctx: ValidationContext<S>, out: FindingList): void;
}): ManifestValidator<S> {
  const tables: readonly Record<string, Rule>[] = Array.isArray(spec.rules) ? spec.rules : [spec.rules as Record<string, Rule>];
  const seen = new Set<string>();
  const rules = tables.flatMap((t) => Object.values(t)).filter((r) => !seen.has(r.id) && seen.add(r.id));
  return { apiVersion: spec.apiVersion, kind: spec.kind, rules, validate: spec.validate };
}
