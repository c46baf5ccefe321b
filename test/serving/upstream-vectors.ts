// Vectors ported from knative/serving's own webhook unit tests, and how the
// Configuration and Route tests run them. The shapes are those of the
// upstream-vector harness (test/upstream/vector.ts on the vectors branch), so
// the *.vectors.ts files of this folder can join its table as they are.
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
  /** Other objects of the check; only findings on `manifest` count. @default - none */
  readonly others?: readonly Record<string, unknown>[];
  /** @default - upstream defaults */
  readonly settings?: ClusterSettingsInput;
  /** What upstream's test expects of Validate. */
  readonly upstream: Verdict;
  /** Why the translation is as it is, when not obvious. @default - none */
  readonly note?: string;
}

export interface VectorSet {
  /** e.g. `knative/serving@knative-v1.22.1` */
  readonly project: string;
  readonly kind: string;
  readonly vectors: readonly UpstreamVector[];
}

export const SERVING_TAG = 'knative/serving@knative-v1.22.1';

/**
 * `agrees`; `missed` (upstream rejects, no error); `refused` (upstream
 * accepts, an error); `refused-beyond-admission` (upstream accepts, and every
 * error is of a rule that says it judges beyond admission: `stricter`, or an
 * effect other than `reject`).
 */
export type Outcome = 'agrees' | 'missed' | 'refused' | 'refused-beyond-admission';

export interface VectorRun {
  readonly outcome: Outcome;
  /** Rule ids of every finding on the vector's object (errors and warnings), sorted. */
  readonly ids: string[];
  readonly errors: readonly Finding[];
}

const beyondAdmission = (f: Finding) => f.rule.stricter !== undefined || f.rule.effect !== 'reject';

/** Checks a vector as `check` does by default: in an open world (the webhook sees one object; others may exist). */
export function runVector(v: UpstreamVector): VectorRun {
  const where = 'vector';
  const located = [{ object: v.manifest, where }, ...(v.others ?? []).map((object, i) => ({ object, where: `other#${i}` }))];
  const findings = validateManifests(located, resolveClusterSettings(v.settings ?? {}), { closed: false }).findings.filter((f) => f.where === where);
  const errors = findings.filter((f) => f.severity === 'error');
  let outcome: Outcome;
  if (v.upstream === 'rejected') outcome = errors.length > 0 ? 'agrees' : 'missed';
  else outcome = errors.length === 0 ? 'agrees' : errors.every(beyondAdmission) ? 'refused-beyond-admission' : 'refused';
  return { outcome, ids: [...new Set(findings.map((f) => f.rule.id))].sort(), errors };
}

/** `caught/rejected` and `passed/accepted` of a set, for the report line. */
export function measure(set: VectorSet): string {
  const runs = set.vectors.map((v) => ({ v, r: runVector(v) }));
  const rej = runs.filter((x) => x.v.upstream === 'rejected');
  const acc = runs.filter((x) => x.v.upstream === 'accepted');
  const caught = rej.filter((x) => x.r.outcome === 'agrees').length;
  const passed = acc.filter((x) => x.r.outcome === 'agrees').length;
  const beyond = acc.filter((x) => x.r.outcome === 'refused-beyond-admission').length;
  return `${set.kind}: ${runs.length} vectors, recall ${caught}/${rej.length}, specificity ${passed}/${acc.length}${beyond ? `, refused beyond admission ${beyond}` : ''}`;
}
