/**
 * The upstream webhooks' own unit-test tables (test/upstream/*.vectors.ts),
 * run through the engine as `check` runs it (open world). A vector agrees
 * when the admission chain rejects it ⇔ the library reports an error on it
 * (the chain's verdict is Validate's unless SetDefaults, which runs first,
 * changes it: `chain`). Prints
 * recall (rejections caught) and specificity (acceptances passed) per
 * project and kind; every vector must agree unless it is listed in
 * DIVERGENCES with its reason, or is refused only by rules that say
 * they are beyond admission (`stricter`, or an effect other than `reject`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { DIVERGENCES } from './divergences';
import { chainVerdict, isBeyondAdmission, runVector, UpstreamVector, VectorRun, VectorSet } from './vector';

// This folder's vectors, and those ported with the Configuration, Route and Revision validators.
const VECTOR_DIRS = [__dirname, path.join(__dirname, '..', 'serving')];
const SETS: VectorSet[] = VECTOR_DIRS.flatMap((dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.vectors.ts')).sort()
  .flatMap((f) => (require(path.join(dir, f)).SETS as VectorSet[])));

interface Run extends VectorRun { set: VectorSet; vector: UpstreamVector }

const run = (set: VectorSet, vector: UpstreamVector): Run => ({ set, vector, ...runVector(vector) });

const RUNS: Run[] = SETS.flatMap((set) => set.vectors.map((v) => run(set, v)));
const describeErrors = (r: Run) => r.errors.map((f) => `${f.rule.id} ${f.field}: ${f.problem}`).join('; ') || '(no error)';

const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

function table(runs: Run[]): string {
  const groups = new Map<string, Run[]>();
  for (const r of runs) {
    const key = `${r.set.project} ${r.set.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const line = (key: string, rs: Run[]) => {
    const rej = rs.filter((r) => chainVerdict(r.vector) === 'rejected');
    const acc = rs.filter((r) => chainVerdict(r.vector) === 'accepted');
    const caught = rej.filter((r) => r.outcome === 'agrees').length;
    const passed = acc.filter((r) => r.outcome === 'agrees').length;
    const beyond = acc.filter((r) => r.outcome === 'refused-beyond-admission').length;
    const defaulted = rs.filter((r) => r.vector.chain !== undefined && r.vector.chain !== r.vector.upstream).length;
    const listed = rs.filter((r) => (r.outcome === 'missed' || r.outcome === 'refused') && DIVERGENCES[r.vector.test] !== undefined).length;
    const extra = [beyond ? `refused beyond admission ${beyond}` : '', defaulted ? `decided by defaulting ${defaulted}` : '', listed ? `listed ${listed}` : ''].filter(Boolean).join(', ');
    return `${key.padEnd(62)} ${String(rs.length).padStart(4)}  recall ${pct(caught, rej.length)} (${caught}/${rej.length})  specificity ${pct(passed, acc.length)} (${passed}/${acc.length})${extra ? `  ${extra}` : ''}`;
  };
  return [...[...groups].map(([k, rs]) => line(k, rs)), line('all', runs)].join('\n');
}

describe('upstream webhook test tables', () => {
  it('measures recall and specificity', () => {
    const disagreements = RUNS.filter((r) => r.outcome === 'missed' || r.outcome === 'refused');
    const beyond = RUNS.filter((r) => r.outcome === 'refused-beyond-admission');
    const caughtBeyond = RUNS.filter((r) => chainVerdict(r.vector) === 'rejected' && r.errors.length > 0 && r.errors.every(isBeyondAdmission));
    const show = (r: Run) => `  ${r.outcome} ${r.vector.test}${r.vector.chain !== undefined ? ` [chain ${r.vector.chain}]` : ''}${DIVERGENCES[r.vector.test] ? ' [listed]' : ''}: ${describeErrors(r)}`;
    // eslint-disable-next-line no-console
    console.log(`${table(RUNS)}\n\ndisagreements (${disagreements.length}):\n${disagreements.map(show).join('\n')}\n\nrefused by rules beyond admission (${beyond.length}):\n${beyond.map(show).join('\n')}\n\nrejections caught only by rules beyond admission (${caughtBeyond.length}):\n${caughtBeyond.map(show).join('\n')}`);
    expect(RUNS.length).toBeGreaterThan(0);
  });

  it('each test is cited once', () => {
    const seen = new Set<string>();
    const dupes = RUNS.map((r) => r.vector.test).filter((t) => seen.has(t) || !seen.add(t));
    expect(dupes).toEqual([]);
  });

  it('every listed divergence names a vector that still diverges', () => {
    const diverging = new Set(RUNS.filter((r) => r.outcome === 'missed' || r.outcome === 'refused').map((r) => r.vector.test));
    expect(Object.keys(DIVERGENCES).filter((t) => !diverging.has(t))).toEqual([]);
  });

  it.each(RUNS.map((r) => [r.vector.test, r] as const))('%s', (_, r) => {
    if (r.outcome === 'agrees' || r.outcome === 'refused-beyond-admission') return;
    if (DIVERGENCES[r.vector.test] !== undefined) return;
    throw new Error(`the admission chain ${chainVerdict(r.vector) === 'rejected' ? 'rejects' : 'accepts'} it; the library ${r.outcome === 'missed' ? 'reports no error' : `reports ${describeErrors(r)}`}`);
  });
});
