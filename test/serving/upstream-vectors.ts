// How the Configuration, Route and Revision tests run the vectors ported from
// knative/serving's own webhook unit tests (this folder's *.vectors.ts, in the
// shapes of test/upstream/vector.ts; test/upstream's table counts them too).
import { chainVerdict, runVector, VectorSet } from '../upstream/vector';

export { runVector } from '../upstream/vector';
export type { Outcome, UpstreamVector, VectorRun, VectorSet, Verdict } from '../upstream/vector';

export const SERVING_TAG = 'knative/serving@knative-v1.22.1';

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
