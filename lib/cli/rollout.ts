// `cdk8s-agents rollout next <service> --source <file>`: the next traffic step
// of a Rollout.canary as a change to the source, after checking that the last
// synthesized manifests are that source's and that the step is valid.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { arr, isObject, JsonObject, str, valueAt } from '../engine/json';
import { DEFAULT_ROLLOUT_STEPS } from '../serving/rollout';
import { CheckIO, EXIT } from './check';
import { formatInputError, loadManifests } from './manifests';

export const ROLLOUT_USAGE = `Usage: cdk8s-agents rollout next <service> --source <file> [options]

Moves a Rollout.canary of an AgentKnativeService to its next step (seed
003's 10 -> 50 -> 100) as a change to the source: the \`percent\` of the
Rollout.canary({ ... }) call whose \`to\` is the Service's candidate revision.
Before it does, it checks the manifests last synthesized (dist/): they must
be the source's (the same percent), the candidate must be the template's
revision, and both revisions must be in the traffic split with their tags.
Then run the synth and commit the source and dist/ together.

<service> is the Service's name, or namespace/name.

Options:
  --source <file>   the app file with the Rollout.canary call (required)
  --dist <path>     the synthesized manifests (default: dist)
  --write           write the change to the source (default: only say it)
  -h, --help        show this help

Exit codes: 0 (the next step, said or written), 1 (nothing to do: the
rollout is at 100), 2 (a check failed, unreadable input or a bad option).
`;

const OPTIONS = {
  'source': { type: 'string' },
  'dist': { type: 'string' },
  'write': { type: 'boolean' },
  'help': { type: 'boolean', short: 'h' },
} as const;

/** A Rollout.canary call found in the source text. */
interface CanaryCall {
  readonly to: string;
  readonly percent: number;
  /** Offset and length of the percent literal. */
  readonly at: number;
  readonly length: number;
  readonly steps: number[];
  readonly line: number;
}

/** Runs `cdk8s-agents rollout` with the arguments after `rollout`; returns the exit code. */
export function runRollout(argv: string[], io: CheckIO): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (e) {
    return fail(io, e instanceof Error ? e.message : String(e), true);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(ROLLOUT_USAGE);
    return EXIT.OK;
  }
  const [command, service, ...extra] = positionals;
  if (command !== 'next') return fail(io, command === undefined ? 'no subcommand: use `rollout next <service> --source <file>`' : `unknown subcommand "${command}" (only "next")`, true);
  if (service === undefined || extra.length > 0) return fail(io, 'name one Service: `rollout next <service> --source <file>`', true);
  if (values.source === undefined) return fail(io, '--source <file> is required: the app file with the Rollout.canary call', true);
  const cwd = io.cwd ?? process.cwd();
  const [namespace, name] = service.includes('/') ? service.split('/', 2) : [undefined, service];

  // The Service as last synthesized.
  const loaded = loadManifests([values.dist ?? 'dist'], cwd);
  if (loaded.errors.length > 0) {
    for (const e of loaded.errors) io.stderr(`${formatInputError(e)}\n`);
    return EXIT.INPUT;
  }
  const matches = loaded.objects.map((l) => l.object).filter((o): o is JsonObject => isObject(o) && o.apiVersion === 'serving.knative.dev/v1' && o.kind === 'Service'
    && valueAt(o, 'metadata', 'name') === name && (namespace === undefined || valueAt(o, 'metadata', 'namespace') === namespace));
  if (matches.length === 0) return fail(io, `no Knative Service "${service}" in ${values.dist ?? 'dist'}: synthesize first, or name it namespace/name`);
  if (matches.length > 1) return fail(io, `${matches.length} Knative Services named "${name}" in ${values.dist ?? 'dist'}: name it namespace/name`);
  const ksvc = matches[0];
  const candidate = str(valueAt(ksvc, 'spec', 'template', 'metadata', 'name'));
  if (candidate === undefined) return fail(io, `Service "${service}" has no revision name in its template: it has no Rollout (Rollout.canary names the template's revision after its \`to\`)`);

  // The call in the source.
  const file = path.resolve(cwd, values.source);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf-8');
  } catch (e) {
    return fail(io, `cannot read ${values.source}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const calls = findCanaryCalls(text);
  const mine = calls.filter((c) => c.to === candidate);
  if (mine.length !== 1) {
    return fail(io, mine.length === 0
      ? `no Rollout.canary({ to: '${candidate}', percent: <number>, ... }) in ${values.source} (${calls.length} Rollout.canary call(s) with a literal \`to\` and \`percent\` found): the candidate of "${service}" is ${candidate}`
      : `${mine.length} Rollout.canary calls with to: '${candidate}' in ${values.source}: keep one`);
  }
  const call = mine[0];

  // The manifests must be this source's, and the step valid.
  const traffic = arr(valueAt(ksvc, 'spec', 'traffic')).filter(isObject);
  const target = traffic.find((t) => t.revisionName === candidate);
  const stable = traffic.find((t) => t.revisionName !== candidate && typeof t.revisionName === 'string');
  const problems: string[] = [];
  if (!target) problems.push(`the traffic split of "${service}" does not name the candidate ${candidate}`);
  else if (target.percent !== call.percent) problems.push(`${values.dist ?? 'dist'} gives ${candidate} ${String(target.percent)}% but the source says ${call.percent}%: synthesize and commit first`);
  if (!stable) problems.push(`the traffic split of "${service}" names no serving revision beside ${candidate}`);
  for (const t of [target, stable]) if (t && typeof t.tag !== 'string') problems.push(`revision ${String(t.revisionName)} has no tag: a rollout keeps both tags at every step`);
  if (!call.steps.includes(call.percent)) problems.push(`percent ${call.percent} is not one of the steps ${JSON.stringify(call.steps)}`);
  if (problems.length > 0) {
    for (const p of problems) io.stderr(`cdk8s-agents rollout: ${p}\n`);
    return EXIT.INPUT;
  }
  const next = call.steps[call.steps.indexOf(call.percent) + 1];
  const where = `${path.relative(cwd, file) || file}:${call.line}`;
  if (next === undefined) {
    io.stdout(`${service}: the rollout is complete (${candidate} has 100%). Next rollout: make \`from: '${candidate}'\` and give the template a new \`to\` (${where}).\n`);
    return EXIT.FINDINGS;
  }
  const stableName = String(stable!.revisionName);
  io.stdout([
    `${service}: next step ${call.percent}% → ${next}%`,
    `- candidate \`${candidate}\` (tag \`${String(target!.tag)}\`): ${call.percent}% → ${next}%`,
    `- serving \`${stableName}\` (tag \`${String(stable!.tag)}\`): ${100 - call.percent}% → ${100 - next}%${next === 100 ? ' (kept at 0% with its tag, for a rollback)' : ''}`,
    `- source: ${where} percent: ${call.percent} → ${next}${values.write ? ' (written)' : ' (run with --write to write it)'}`,
    `Then synthesize and commit the source with dist/; \`cdk8s-agents diff\` shows the traffic moved.`,
  ].join('\n') + '\n');
  if (values.write) fs.writeFileSync(file, text.slice(0, call.at) + String(next) + text.slice(call.at + call.length));
  return EXIT.OK;
}

/** The Rollout.canary calls whose `to` and `percent` are literals (others cannot be moved by a tool). */
export function findCanaryCalls(text: string): CanaryCall[] {
  const out: CanaryCall[] = [];
  const re = /Rollout\s*\.\s*canary\s*\(/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    let depth = 1;
    let end = start;
    while (end < text.length && depth > 0) {
      const c = text[end];
      if (c === '(' || c === '{' || c === '[') depth++;
      else if (c === ')' || c === '}' || c === ']') depth--;
      end++;
    }
    const body = text.slice(start, end - 1);
    const to = /\bto\s*:\s*(['"`])([^'"`]+)\1/.exec(body);
    const percent = /\bpercent\s*:\s*(\d+)\b/.exec(body);
    if (!to || !percent) continue;
    const steps = /\bsteps\s*:\s*\[([^\]]*)\]/.exec(body);
    const at = start + percent.index + percent[0].length - percent[1].length;
    out.push({
      to: to[2],
      percent: Number(percent[1]),
      at,
      length: percent[1].length,
      steps: steps ? steps[1].split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number) : [...DEFAULT_ROLLOUT_STEPS],
      line: text.slice(0, at).split('\n').length,
    });
  }
  return out;
}

function fail(io: CheckIO, message: string, usage = false): number {
  io.stderr(`cdk8s-agents rollout: ${message}\n${usage ? `\n${ROLLOUT_USAGE}` : ''}`);
  return EXIT.INPUT;
}
