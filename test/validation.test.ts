/**
 * The rule catalogue (RULE_CATALOGUE, lib/validation.ts) as tests. Every
 * `test/<folder>/<name>.cases.ts` exports its triggers and near misses
 * (`CASES: RuleCases`); this file runs them all, each trigger through a real
 * synth (props → rendered manifest after overrides → validation → the
 * aggregated error) or through the check command's engine over hand-written
 * manifests, and each near miss must pass.
 *
 * The coverage tests at the bottom fail when a rule is added to the catalogue
 * without a trigger in some cases file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RULE_CATALOGUE } from '../lib/validation';
import { agent } from './serving/fixtures';
import { idsOf, NearMiss, RuleCases, runNearMiss, runTrigger, synthErrors, Trigger } from './support/rule-cases';

// Every test/**/*.cases.ts, each exporting CASES.
const CASE_FILES: [string, RuleCases][] = findCaseFiles(__dirname).map((f) => [path.relative(__dirname, f), require(f).CASES as RuleCases]);
const ALL_TRIGGERS: [string, Trigger][] = CASE_FILES.flatMap(([file, cases]) => cases.triggers.map((t) => [file, t] as [string, Trigger]));

function findCaseFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' || e.name === 'support' ? [] : findCaseFiles(full);
    return e.name.endsWith('.cases.ts') ? [full] : [];
  }).sort();
}

describe('each rule fires', () => {
  it.each(ALL_TRIGGERS.map(([file, t]) => [`${t.id}: fails if ${t.name} (${file})`, t] as const))('%s', (_, t) => {
    const rule = RULE_CATALOGUE.find((r) => r.id === t.id);
    const { lines: errors, head, line } = runTrigger(t, rule?.severity ?? 'error');
    expect(line ?? errors).toEqual(expect.stringContaining(head));
    // No collateral errors: only the expected rule(s) fire.
    expect(idsOf(errors)).toEqual([...new Set([t.id, ...(t.also ?? [])])].sort());
    // Every line carries a fix.
    for (const line of errors) expect(line).toMatch(/: .+\. Fix: .+/);
  });
});

describe('near-misses pass', () => {
  const all: [string, NearMiss][] = CASE_FILES.flatMap(([file, c]) => c.passes.map((p) => [file, p] as [string, NearMiss]));
  it.each(all.map(([file, p]) => [`${p.name} (${file})`, p] as const))('passes with %s', (_, p) => {
    expect(runNearMiss(p)).toEqual([]);
  });
});

describe('review mends', () => {
  it('know every rule of the catalogue when checking an acknowledgement (settings and secret rules too)', () => {
    const [line] = synthErrors((c) => agent(c).acknowledge('SECRET-002', 'no'));
    expect(line).toContain('error [ACK-001] test/agent: acknowledge("SECRET-002") = "no": SECRET-002 is an error, which cannot be acknowledged');
  });
});

describe('coverage', () => {
  const catalogueIds = RULE_CATALOGUE.map((r) => r.id);

  it('catalogue ids are unique', () => {
    expect(new Set(catalogueIds).size).toBe(catalogueIds.length);
  });

  // Rules that no construct prop can produce are triggered through validateObjects
  // (hand-written manifests): the named test file must hold the trigger.
  const COVERED_ELSEWHERE: Record<string, string> = {
    'ENGINE-001': 'engine/engine.test.ts',
    'ENGINE-003': 'engine/engine.test.ts',
    ...Object.fromEntries(['POD-CTR-001', 'POD-CTR-002', 'POD-ENV-002', 'POD-ENV-003', 'POD-RES-001', 'POD-PROBE-001', 'POD-SEC-003',
      'POD-VOL-001', 'POD-VOL-002', 'POD-VOL-003'].map((id) => [id, 'pod/podspec.test.ts'])),
    // A setter marker of the app's kustomization.yaml, checked by AgentApp.synth.
    'FLUXIMG-008': 'gitops/image-automation.test.ts',
  };

  it('every rule in RULE_CATALOGUE has at least one trigger', () => {
    const covered = new Set(ALL_TRIGGERS.flatMap(([, t]) => [t.id, ...(t.also ?? [])]));
    expect(catalogueIds.filter((id) => !covered.has(id) && !COVERED_ELSEWHERE[id])).toEqual([]);
  });

  it.each(Object.entries(COVERED_ELSEWHERE))('%s is triggered in test/%s', (id, file) => {
    // The id in an assertion of that file (the files assert exact id lists).
    expect(fs.readFileSync(path.join(__dirname, file), 'utf8')).toMatch(new RegExp(`['\`]${id}[ '\`]`));
  });

  it('every trigger names a rule of the catalogue', () => {
    const known = new Set(catalogueIds);
    const ids = ALL_TRIGGERS.flatMap(([, t]) => [t.id, ...(t.also ?? [])]);
    expect(ids.filter((id) => !known.has(id))).toEqual([]);
  });
});
