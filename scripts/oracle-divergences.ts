// Disagreements between the library and the oracle (test/oracle, the upstream
// webhooks' own code) that are deliberate, each with its reason. A `reject`
// rule that is stricter than upstream says so in its own `stricter` field (and
// the harness counts it apart); what is listed here are the differences in
// what either side can see.

export interface KnownDivergence {
  /** `apiVersion/kind` it applies to. @default - every kind */
  readonly kind?: string;
  /** `library-only`: the library reports an error the webhook accepts; `oracle-only`: the webhook rejects what the library passes. */
  readonly side: 'library-only' | 'oracle-only';
  /** Matched against the library's `[ID] field: problem` lines, or the oracle's error messages. */
  readonly match: RegExp;
  readonly reason: string;
}

export const KNOWN_DIVERGENCES: readonly KnownDivergence[] = [
];
