// Builds a manifest validator from its rule table(s): the `rules` list the
// catalogue reads is computed once from the tables, never retyped beside the
// checks.
import type { KubeObject, ManifestValidator, SettingsLike, ValidationContext } from './engine';
import type { SchemaOptions } from './schema-check';
import type { FindingList, Rule } from './rule';

/** What a kind's validator is made of. */
export interface ValidatorSpec<S extends SettingsLike = SettingsLike> {
  readonly apiVersion: string;
  readonly kind: string;
  /** The rule table (or tables, e.g. the kind's own and a shared one) whose every rule it may report, in table order. */
  readonly rules: Readonly<Record<string, Rule>> | readonly Readonly<Record<string, Rule>>[];
  /**
   * What the kind's admission chain does beyond its schema (null list elements the defaulting round trip reads as the zero value).
   * @default - the schema as it is
   */
  readonly schema?: SchemaOptions;
  /** Pure: reads the object and the context, writes findings into `out`. */
  validate(object: KubeObject, ctx: ValidationContext<S>, out: FindingList): void;
}

/**
 * A validator for one apiVersion + kind whose `rules` are every rule of its
 * tables (each once, in order). A kind served under several apiVersions maps
 * over them: `VERSIONS.map((apiVersion) => defineValidator({ apiVersion, ... }))`.
 */
export function defineValidator<S extends SettingsLike = SettingsLike>(spec: ValidatorSpec<S>): ManifestValidator<S> {
  const tables: readonly Readonly<Record<string, Rule>>[] = Array.isArray(spec.rules) ? spec.rules : [spec.rules as Readonly<Record<string, Rule>>];
  const seen = new Set<string>();
  const rules = tables.flatMap((t) => Object.values(t)).filter((r) => !seen.has(r.id) && seen.add(r.id));
  const validate = spec.validate;
  return {
    apiVersion: spec.apiVersion,
    kind: spec.kind,
    rules,
    ...(spec.schema === undefined ? {} : { schema: spec.schema }),
    validate: (object, ctx, out) => validate.call(spec, object, ctx, out),
  };
}
