// How the Configuration, Route and Revision tests run the vectors ported from
// knative/serving's own webhook unit tests (this folder's *.vectors.ts, in the
// shapes of test/upstream/vector.ts; test/upstream's table counts them too).
import { chainVerdict, UpstreamVector, VectorSet } from '../upstream/vector';
import { Finding } from '../../lib/engine/rule';
import { resolveClusterSettings } from '../../lib/settings/settings';
import { validateManifests } from '../../lib/validation';

export type { UpstreamVector, VectorSet, Verdict } from '../upstream/vector';

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
  if (chainVerdict(v) === 'rejected') outcome = errors.length > 0 ? 'agrees' : 'missed';
  else outcome = errors.length === 0 ? 'agrees' : errors.every(beyondAdmission) ? 'refused-beyond-admission' : 'refused';
  return { outcome, ids: [...new Set(findings.map((f) => f.rule.id))].sort(), errors };
}

/** `caught/rejected` and `passed/accepted` of a set, for the report line. */
export function measure(set: VectorSet): string {
  const runs = set.vectors.map((v) => ({ v, r: runVector(v) }));
  const rej = runs.filter((x) => chainVerdict(x.v) === 'rejected');
  const acc = runs.filter((x) => chainVerdict(x.v) === 'accepted');
  const caught = rej.filter((x) => x.r.outcome === 'agrees').length;
  const passed = acc.filter((x) => x.r.outcome === 'agrees').length;
  const beyond = acc.filter((x) => x.r.outcome === 'refused-beyond-admission').length;
  return `${set.kind}: ${runs.length} vectors, recall ${caught}/${rej.length}, specificity ${passed}/${acc.length}${beyond ? `, refused beyond admission ${beyond}` : ''}`;
}
