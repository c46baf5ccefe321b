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
  /** `reject`: the API server or a webhook refuses it. `ignored`: accepted, then silently has no (or the wrong) effect. `runtime`: accepted, then fails when reconciled. `exposed`: works, but exposes what should stay closed (a value in git, open egress). */
  readonly effect: RuleEffect;
  /** `error` fails synth; `warning` is printed (and fails only in strict mode). @default 'error' */
  readonly severity?: Severity;
  /**
   * Why the library reports, as a `reject`, what the upstream admission chain
   * accepts (a deliberate divergence, listed in docs/rules.md and known to the
   * oracle harness). Rules whose effect is `ignored`, `runtime` or `exposed`
   * are beyond admission by definition and need no entry.
   * @default - the rule decides exactly as upstream does
   */
  readonly stricter?: string;
}

export type RuleEffect = 'reject' | 'ignored' | 'runtime' | 'exposed';
export type Severity = 'error' | 'warning';

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
