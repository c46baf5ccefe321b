/**
 * One entry of the rule catalogue: a way a manifest would be rejected by the
 * cluster (or silently ignored by it) that the library catches before apply.
 */
export interface Rule {
  /** Stable id, e.g. `KSVC-SCALE-006`. Never reused for another meaning. */
  readonly id: string;
  /** What is checked, one line. */
  readonly title: string;
  /** What the cluster would do with such a manifest. */
  readonly why: string;
  /** How to fix it, in terms of construct props (and the manifest field). */
  readonly fix: string;
  /** How to fix it in the manifest (fields, annotations, labels, values), for YAML authors: used when the finding has no construct context (`check`, plain ApiObjects, Include'd YAML). @default - the `fix` (it already speaks manifest) */
  readonly yamlFix?: string;
  /** Upstream source (file and line at the pinned tag), or the behaviour it guards. */
  readonly upstream: string;
  /**
   * What becomes of what was written. What was written will not happen:
   * `reject` (the API server or a webhook refuses it), `runtime` (accepted,
   * then it cannot run: never ready, never delivered), `ignored` (accepted,
   * then silently never read). It happens, but not as written: `altered` (the
   * cluster does something other than what is written: caps, clamps,
   * truncates, one of two definitions wins), `exposed` (works, but exposes
   * what should stay closed: a value in git, open egress), `deprecated`
   * (works today, will stop in a later release).
   */
  readonly effect: RuleEffect;
  /**
   * `error` fails synth; `warning` is printed (and fails only in strict mode).
   * One definition (SEVERITY_DEFINITION, checked by a test over the catalogue):
   * an error when what was written will not happen (`reject`, `runtime`,
   * `ignored`), a warning when it happens other than written (`altered`,
   * `exposed`, `deprecated`) or when the verdict hangs on what the checked
   * manifests cannot show (`openWorld`).
   * @default 'error'
   */
  readonly severity?: Severity;
  /**
   * What the verdict depends on that the checked manifests may not show (an
   * object applied from elsewhere, a custom controller, a cluster setting the
   * config does not state). Such a rule says what is likely, so it is a
   * warning even when its effect would make it an error.
   * @default - the manifests decide the verdict
   */
  readonly openWorld?: string;
  /**
   * Why the library reports, as a `reject`, what the upstream admission chain
   * accepts (a deliberate divergence, listed in docs/rules.md and known to the
   * oracle harness). Rules whose effect is not `reject` are beyond admission
   * by definition and need no entry.
   * @default - the rule decides exactly as upstream does
   */
  readonly stricter?: string;
}

export type RuleEffect = 'reject' | 'runtime' | 'ignored' | 'altered' | 'exposed' | 'deprecated';
export type Severity = 'error' | 'warning';

/** The one definition of severity, quoted by the README and docs/rules.md (a test keeps them equal). */
export const SEVERITY_DEFINITION =
  'A finding is an **error** when what was written will not happen: the cluster rejects it (`reject`), cannot run it (`runtime`), ' +
  'or silently never reads it (`ignored`: a misspelt key, a cluster-level setting written on a revision). ' +
  'It is a **warning** when the cluster accepts it and does something other than what is written (`altered`: Knative caps `target` at ' +
  '`containerConcurrency`), when it works but exposes what should stay closed (`exposed`) or will stop working in a later release ' +
  '(`deprecated`), and when the verdict hangs on what the checked manifests cannot show (an **open-world** rule: an object applied from ' +
  'elsewhere, a custom controller, a cluster setting the config does not state).';

/** The effects where what was written will not happen: errors, unless the verdict is open-world. */
export const INTENT_LOST: ReadonlySet<RuleEffect> = new Set(['reject', 'runtime', 'ignored']);

/** The severity the definition gives a rule (its `severity` must agree: tested over the catalogue). */
export function definedSeverity(rule: Pick<Rule, 'effect' | 'openWorld'>): Severity {
  return INTENT_LOST.has(rule.effect) && rule.openWorld === undefined ? 'error' : 'warning';
}

export function severityOf(rule: Rule): Severity {
  return rule.severity ?? 'error';
}

/** One breach of a rule, located in a manifest (and, when known, in the props that produced it). */
export interface Finding {
  readonly rule: Rule;
  readonly severity: Severity;
  /** Construct path (synth) or `file#document` (check). */
  readonly where: string;
  /** `Kind/namespace/name` of the object (`Kind/name` without namespace). */
  readonly object: string;
  /** The manifest field (dotted path) that holds the bad value. */
  readonly field: string;
  /** The construct prop the user wrote, when the object came from a construct of this library. @default - none */
  readonly prop?: string;
  /** The bad value as rendered. */
  readonly value: unknown;
  /** What is wrong with the value. */
  readonly problem: string;
  /** How to fix this case. */
  readonly fix: string;
}

/** A finding a construct's acknowledgement silenced; listed, never dropped. */
export interface AcknowledgedFinding {
  readonly finding: Finding;
  readonly reason: string;
}

/**
 * What a check reports. Validators call `add` with the manifest field; the
 * engine fills in where, object, prop and severity.
 */
export interface FindingSink {
  add(rule: Rule, field: string, value: unknown, problem?: string, fix?: string, yamlFix?: string): void;
}

/** A raw report, before the engine locates it. */
export interface RawFinding {
  readonly rule: Rule;
  readonly field: string;
  readonly value: unknown;
  /** @default - the rule's title */
  readonly problem?: string;
  /** @default - the rule's fix */
  readonly fix?: string;
  /** The specific fix in manifest terms, when `fix` speaks construct props. @default - `fix` when given, else the rule's yamlFix */
  readonly yamlFix?: string;
  /** Set by prop checks, which know the prop but not the manifest field. @default - derived from the field by the construct */
  readonly prop?: string;
}

/** Collects raw findings; checks stay small functions writing into one. */
export class FindingList implements FindingSink {
  public readonly items: RawFinding[] = [];

  /** `yamlFix`: the specific fix in manifest terms, when `fix` names construct props. */
  public add(rule: Rule, field: string, value: unknown, problem?: string, fix?: string, yamlFix?: string): void {
    this.items.push(yamlFix === undefined ? { rule, field, value, problem, fix } : { rule, field, value, problem, fix, yamlFix });
  }

  /** A finding about a construct prop (the manifest field is not known yet, or there is none). */
  public addProp(rule: Rule, prop: string, value: unknown, problem?: string, fix?: string): void {
    this.items.push({ rule, field: '', prop, value, problem, fix });
  }
}

/** Identity for catalogues: keeps literal rule tables typed as `Rule` while preserving their keys. */
export function defineRules<T extends Record<string, Rule>>(rules: T): { readonly [K in keyof T]: Rule } {
  return rules;
}
