/**
 * A vector ported from an upstream webhook's own unit-test table: the object
 * the test validates, as the webhook would receive it, the cluster settings
 * the test's context sets, and the verdict upstream's test expects.
 */
import type { ClusterSettingsInput } from '../../lib';

export type Verdict = 'accepted' | 'rejected';

export interface UpstreamVector {
  /** `<file> <TestFunction>/"<case name>"`, the file at the tag of its source. */
  readonly test: string;
  /** The object as the webhook would receive it. */
  readonly manifest: Record<string, unknown>;
  /** Objects the test creates in the cluster first (a Deployment, an HPA, another ScaledObject); validated too, but only findings on `manifest` count. @default - none */
  readonly others?: readonly Record<string, unknown>[];
  /** Cluster settings the test's context sets (feature flags, config). @default - upstream defaults */
  readonly settings?: ClusterSettingsInput;
  /** What upstream's test expects of Validate. */
  readonly upstream: Verdict;
  /**
   * The verdict needs a stage of the admission chain the engine does not model yet
   * (the lead is building it): `defaulting` (SetDefaults runs before Validate) or
   * `strict decoding` (the webhook decodes into Go structs and refuses unknown fields).
   * Such a vector may disagree; it is counted apart.
   * @default - the engine models all the vector needs
   */
  readonly needs?: 'defaulting' | 'strict decoding';
  /** Why the translation is as it is, when not obvious. @default - none */
  readonly note?: string;
}

/** One upstream source: a project at a tag and the vectors of one kind. */
export interface VectorSet {
  /** e.g. `knative/serving@knative-v1.22.1` */
  readonly project: string;
  readonly kind: string;
  readonly vectors: readonly UpstreamVector[];
}

/** `Fn/"name"`, or `Fn/"name"#01` for a name written `name#01` (Go's suffix for a repeated subtest name). */
export function subtest(fn: string, name: string): string {
  const m = /^(.*)(#\d\d)$/.exec(name);
  return m ? `${fn}/"${m[1]}"${m[2]}` : `${fn}/"${name}"`;
}
