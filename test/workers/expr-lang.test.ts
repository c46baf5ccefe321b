import * as fs from 'fs';
import * as path from 'path';
import { judgeKedaFormula, kedaCastToFloat, lexExpr, parseExpr } from '../../lib/workers/expr-lang';

// Recorded with KEDA v2.20.2's ValidateAndCompileScalingModifiers (expr-lang/expr v1.17.8) on
// hand-written and generated formulas, with the triggers `lag`, `office`, `queue_depth`, a cpu
// trigger `cpuload` and an unnamed one.
interface Vector { formula: string; accepted: boolean; error?: string }
const { source, vectors } = JSON.parse(fs.readFileSync(path.join(__dirname, 'keda-formula-vectors.json'), 'utf8')) as { source: string; vectors: Vector[] };
const NAMES = ['lag', 'office', 'queue_depth'];

describe(`judgeKedaFormula agrees with ${source}`, () => {
  const verdicts = vectors.map((v) => ({ v, got: judgeKedaFormula(v.formula, NAMES) }));
  it('never contradicts KEDA on a recorded formula (undecided aside)', () => {
    const wrong = verdicts.filter(({ v, got }) => got.verdict !== 'undecided' && (got.verdict === 'accepted') !== v.accepted)
      .map(({ v, got }) => ({ formula: v.formula, keda: v.error ?? 'accepted', got }));
    expect(wrong).toEqual([]);
  });
  it('decides nearly every recorded formula', () => {
    const undecided = verdicts.filter(({ got }) => got.verdict === 'undecided');
    expect(vectors.length).toBeGreaterThan(600);
    expect(undecided.length / vectors.length).toBeLessThan(0.05);
  });
  it('names an unknown name where KEDA does', () => {
    for (const { v, got } of verdicts) {
      const m = /unknown name (\S+) \(/.exec(v.error ?? '');
      if (m && got.verdict === 'rejected' && got.unknownName !== undefined) expect(got.unknownName).toBe(m[1]);
    }
    expect(judgeKedaFormula('float(lag + office)', [])).toMatchObject({ verdict: 'rejected', unknownName: 'lag', error: 'unknown name lag' });
  });
});

describe('the expr-lang reader', () => {
  it('casts the formula to float as KEDA does', () => {
    expect(kedaCastToFloat('lag')).toBe('float(lag)');
    expect(kedaCastToFloat('float(lag) + 1')).toBe('float(lag) + 1');
    expect(kedaCastToFloat('lag ?? 1')).toBe('let _kedaCompositeResult = (lag ?? 1); _kedaCompositeResult == nil ? nil : float(_kedaCompositeResult)');
  });
  it('lexes and parses operators by precedence', () => {
    expect(lexExpr('a not in b').map((t) => t.value)).toEqual(['a', 'not', 'in', 'b', '']);
    expect(parseExpr('1 + 2 * 3')).toMatchObject({ t: 'binary', op: '+', right: { t: 'binary', op: '*' } });
    expect(parseExpr('2 ** 3 ** 2')).toMatchObject({ t: 'binary', op: '**', right: { t: 'binary', op: '**' } });
    expect(parseExpr('1 < a < 3')).toMatchObject({ t: 'binary', op: '&&' });
    expect(() => parseExpr('a ?? b + 1')).toThrow('coalesce');
  });
  it('decides the formulas of the issue', () => {
    expect(judgeKedaFormula('float(lag + office)', ['lag', 'office'])).toEqual({ verdict: 'accepted' });
    expect(judgeKedaFormula('lag > 2 ? 1 : "x"', ['lag'])).toMatchObject({ verdict: 'rejected' }); // float("x") at the run with lag = -1
    expect(judgeKedaFormula('lag > 2', ['lag'])).toMatchObject({ verdict: 'rejected', error: 'invalid argument for float (type bool)' });
  });
});
