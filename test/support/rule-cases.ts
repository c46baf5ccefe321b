/**
 * Rule cases shared by every domain. A domain keeps its cases in
 * `test/<domain>/<name>.cases.ts`, exporting `CASES: RuleCases`;
 * test/validation.test.ts finds every such file, runs its triggers and near
 * misses, and fails when a catalogue rule has no trigger anywhere.
 */
import { Chart, Testing } from 'cdk8s';
import { AgentValidationError, AppValidation, ClusterSettingsInput } from '../../lib';
import { Located } from '../../lib/engine/engine';
import { formatFinding } from '../../lib/engine/format';
import { resolveClusterSettings } from '../../lib/settings/settings';
import { validateManifests } from '../../lib/validation';

/**
 * Synthesizes a fresh app with one chart (id `test`, namespace `agents`);
 * returns the finding lines (`error [ID] path: prop (field) = value: ... Fix: ...`,
 * warnings too), [] when clean.
 */
export function synthErrors(build: (chart: Chart) => void): string[] {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: 'agents' });
  const printed: string[] = [];
  AppValidation.of(app).reporter = (line) => printed.push(line);
  build(chart);
  try {
    Testing.synth(chart);
    return printed.filter((l) => /^(error|warning) /.test(l));
  } catch (e) {
    if (!(e instanceof AgentValidationError)) throw e;
    return e.message.split('\n').slice(1).map((l) => l.trim()).filter((l) => /^(error|warning) /.test(l));
  }
}

/** Synthesizes a fresh app with one chart (id `test`, namespace `agents`), findings silenced; returns the objects. */
export function synthObjects(build: (chart: Chart) => void): any[] {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: 'agents' });
  AppValidation.of(app).reporter = () => undefined;
  build(chart);
  return Testing.synth(chart);
}

/** Validates hand-written manifests as the check command does; returns the finding lines. */
export function manifestErrors(objects: unknown[], settings: ClusterSettingsInput = {}, openWorld = false): string[] {
  const located: Located[] = objects.map((object, i) => ({ object, where: `manifest#${i}` }));
  return validateManifests(located, resolveClusterSettings(settings), { closed: !openWorld }).findings.map(formatFinding);
}

/** The rule id of a finding line. */
export function idOf(line: string): string {
  const m = /^(?:error|warning) \[([A-Z0-9-]+)\] /.exec(line);
  if (!m) throw new Error(`not a finding line: ${line}`);
  return m[1];
}

export const idsOf = (lines: string[]) => [...new Set(lines.map(idOf))].sort();

interface TriggerBase {
  /** Rule id expected in brackets. */
  readonly id: string;
  /** Completes "fails if ...". */
  readonly name: string;
  /** Manifest field (or prop) named in the finding. */
  readonly field: string;
  /** The bad value as rendered (JSON); a prefix is enough for objects. */
  readonly value: string;
  /** Other rule ids the same mistake legitimately raises too. @default - none: only `id` fires */
  readonly also?: string[];
}

/** A mistake made with constructs, caught at synth. */
export interface SynthTrigger extends TriggerBase {
  readonly build: (chart: Chart) => void;
  /** Construct path in the finding. @default 'test/agent' */
  readonly path?: string;
}

/** A mistake in hand-written YAML, caught by the check command's engine. */
export interface ManifestTrigger extends TriggerBase {
  readonly manifests: unknown[];
  /** Cluster settings to validate against. @default - upstream defaults */
  readonly settings?: ClusterSettingsInput;
  /** Where the finding is: `manifest#<index>`. @default 'manifest#0' */
  readonly path?: string;
  /** Validate as `check` does by default: other objects may exist in the cluster. @default false (closed, as synth) */
  readonly openWorld?: boolean;
}

export type Trigger = SynthTrigger | ManifestTrigger;

export type NearMiss = { readonly name: string; readonly build: (chart: Chart) => void }
  | { readonly name: string; readonly manifests: unknown[]; readonly settings?: ClusterSettingsInput; readonly openWorld?: boolean };

export interface RuleCases {
  readonly triggers: readonly Trigger[];
  /** Valid inputs right at the edge of a rule: they must produce no finding. */
  readonly passes: readonly NearMiss[];
}

/** Runs a trigger; returns the finding lines and the one expected. */
export function runTrigger(t: Trigger, severity: string): { lines: string[]; head: string; line?: string } {
  const lines = 'manifests' in t ? manifestErrors(t.manifests, t.settings, t.openWorld) : synthErrors(t.build);
  const head = `${severity} [${t.id}] ${t.path ?? ('manifests' in t ? 'manifest#0' : 'test/agent')}: `;
  const line = lines.find((l) => l.startsWith(head) && (l.includes(`: ${t.field} = ${t.value}`) || l.includes(`(${t.field}) = ${t.value}`)));
  return { lines, head, line };
}

export function runNearMiss(p: NearMiss): string[] {
  return 'manifests' in p ? manifestErrors(p.manifests, p.settings, p.openWorld) : synthErrors(p.build);
}
