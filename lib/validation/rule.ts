/**
 * One entry of the rule catalogue: a way a manifest would be rejected by the
 * cluster (or silently ignored by it) that the library catches at synth time.
 */
export interface Rule {
  /** Stable id, e.g. `KSVC-SCALE-006`. Never reused for another meaning. */
  readonly id: string;
  /** What is checked, one line. */
  readonly title: string;
  /** What the cluster would do with such a manifest. */
  readonly why: string;
  /** How to fix it, in terms of construct props. */
  readonly fix: string;
  /** Upstream source (file and line at the pinned tag), or the behaviour it guards. */
  readonly upstream: string;
  /** `reject`: the API server or a webhook refuses it. `ignored`: accepted, then silently has no (or the wrong) effect. `runtime`: accepted, then fails when reconciled. */
  readonly effect: RuleEffect;
}

export type RuleEffect = 'reject' | 'ignored' | 'runtime';

/** One concrete breach of a rule found in a construct's props or output. */
export interface Violation {
  readonly rule: Rule;
  /** The manifest field (dotted path) or prop that holds the bad value. */
  readonly field: string;
  /** The bad value as rendered. */
  readonly value: unknown;
  /** What is wrong with the value. @default - the rule's title */
  readonly problem?: string;
  /** A fix specific to this case. @default - the rule's generic fix */
  readonly fix?: string;
}

/**
 * Formats a violation as `[ID] path: field = value: problem. Fix: ...`.
 * The id comes first so that CI logs can be grepped for it.
 */
export function formatViolation(constructPath: string, v: Violation): string {
  const problem = v.problem ?? v.rule.title;
  return `[${v.rule.id}] ${constructPath}: ${v.field} = ${formatValue(v.value)}: ${problem}. Fix: ${v.fix ?? v.rule.fix}`;
}

function formatValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  const s = JSON.stringify(value);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/** Collects violations during a check; checks stay small pure functions. */
export class ViolationList {
  private readonly items: Violation[];

  public constructor(initial: readonly Violation[] = []) {
    this.items = [...initial];
  }

  public add(rule: Rule, field: string, value: unknown, problem?: string, fix?: string): void {
    this.items.push({ rule, field, value, problem, fix });
  }

  public get all(): readonly Violation[] {
    return this.items;
  }

  public format(constructPath: string): string[] {
    return this.items.map((v) => formatViolation(constructPath, v));
  }
}
