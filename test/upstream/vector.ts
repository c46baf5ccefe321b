/**
 * A vector ported from an upstream webhook's own unit-test table: the object
 * the test validates, as the webhook would receive it, the cluster settings
 * the test's context sets, and the verdict upstream's test expects.
 */
import type { ClusterSettingsInput } from '../../lib';
import { Finding } from '../../lib/engine/rule';
import { resolveClusterSettings } from '../../lib/settings/settings';
import { validateManifests } from '../../lib/validation';

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
   * The admission chain's verdict, when it differs from Validate's alone: the
   * defaulting webhook runs SetDefaults before Validate (a Broker's class from
   * config-br-defaults, a flow's channelTemplate from config-default-channel),
   * so an object Validate refuses in a unit test may be accepted by the cluster.
   * The library is judged against this verdict.
   * @default - the same as `upstream`
   */
  readonly chain?: Verdict;
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

/** The verdict the cluster gives: the admission chain's (defaulting, then validation). */
export function chainVerdict(v: UpstreamVector): Verdict {
  return v.chain ?? v.upstream;
}

/** `Fn/"name"`, or `Fn/"name"#01` for a name written `name#01` (Go's suffix for a repeated subtest name). */
export function subtest(fn: string, name: string): string {
  const m = /^(.*)(#\d\d)$/.exec(name);
  return m ? `${fn}/"${m[1]}"${m[2]}` : `${fn}/"${name}"`;
}

/**
 * `agrees`; `missed` (the chain rejects, no error); `refused` (the chain
 * accepts, an error); `refused-beyond-admission` (the chain accepts, and every
 * error is of a rule that says it judges beyond admission: `stricter`, or an
 * effect other than `reject`).
 */
export type Outcome = 'agrees' | 'missed' | 'refused' | 'refused-beyond-admission';

export interface VectorRun {
  readonly outcome: Outcome;
  /** Rule ids of every finding on the vector's object (errors and warnings), sorted. */
  readonly ids: string[];
  readonly errors: Finding[];
}

/** A rule that says it refuses beyond what admission refuses. */
export const isBeyondAdmission = (f: Finding): boolean => f.rule.stricter !== undefined || f.rule.effect !== 'reject';

/**
 * Checks a vector as `check` does by default, in an open world (the webhook sees
 * one object; others may exist), against Knative 1.22, the release every source
 * is from. The objects the test creates first come first, as in the cluster.
 */
export function runVector(vector: UpstreamVector): VectorRun {
  const where = 'vector';
  const located = [...(vector.others ?? []).map((object, i) => ({ object, where: `other#${i}` })), { object: vector.manifest, where }];
  const findings = validateManifests(located, resolveClusterSettings({ knativeVersion: '1.22', ...vector.settings }), { closed: false }).findings.filter((f) => f.where === where);
  const errors = findings.filter((f) => f.severity === 'error');
  let outcome: Outcome;
  if (chainVerdict(vector) === 'rejected') outcome = errors.length > 0 ? 'agrees' : 'missed';
  else outcome = errors.length === 0 ? 'agrees' : errors.every(isBeyondAdmission) ? 'refused-beyond-admission' : 'refused';
  return { outcome, ids: [...new Set(findings.map((f) => f.rule.id))].sort(), errors };
}
