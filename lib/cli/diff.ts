// `cdk8s-agents diff <before> <after>`: what a change to rendered manifests
// does, for a pull request (Markdown) or a script (JSON). Either side may be
// a git revision's copy of a folder (`origin/main:dist`).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { CheckIO, EXIT } from './check';
import { formatInputError, loadManifests } from './manifests';
import { planChanges, planToJson, planToMarkdown } from './plan';
import { ioMessage } from './sources';

export const DIFF_USAGE = `Usage: cdk8s-agents diff [options] <before> <after>

Says what a change to rendered manifests does, in a reviewer's words: agents
that get a new revision (and why: image, env, resources), traffic moved
between revisions, scale bounds, egress and ingress widened or narrowed,
secrets added or removed (names, never values), triggers, filters and
sources changed, objects deleted (Flux prune removes them) and added.

<before> and <after> are files or folders of manifests (a folder with a
kustomization.yaml is read as kustomize builds it), or a git revision's copy
of one written <revision>:<path>, e.g.

  cdk8s-agents diff origin/main:dist dist

Options:
  --format <format>   markdown (default: for a pull-request comment) or json
  --exit-code         exit 1 when something changed (like git diff)
  --exclude <glob>    do not read matching files or folders; repeatable
  -h, --help          show this help

Exit codes: 0 (no change, or changes without --exit-code), 1 (changes, with
--exit-code), 2 (unreadable input or a bad option).
`;

const OPTIONS = {
  'format': { type: 'string' },
  'exit-code': { type: 'boolean' },
  'exclude': { type: 'string', multiple: true },
  'help': { type: 'boolean', short: 'h' },
} as const;

/** Runs `cdk8s-agents diff` with the arguments after `diff`; returns the exit code. */
export function runDiff(argv: string[], io: CheckIO): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (e) {
    return usage(io, e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(DIFF_USAGE);
    return EXIT.OK;
  }
  const format = values.format ?? 'markdown';
  if (format !== 'markdown' && format !== 'json') return usage(io, `--format must be markdown or json, not "${format}"`);
  if (positionals.length !== 2) return usage(io, `two things to compare are needed (before and after), not ${positionals.length}`);
  const cwd = io.cwd ?? process.cwd();
  const scratch: string[] = [];
  try {
    const sides = [];
    for (const arg of positionals) {
      const side = resolveSide(arg, cwd, scratch);
      if ('error' in side) {
        io.stderr(`cdk8s-agents diff: ${side.error}\n`);
        return EXIT.INPUT;
      }
      const loaded = loadManifests([side.path], side.cwd, { exclude: values.exclude ?? [] });
      if (loaded.errors.length > 0) {
        for (const e of loaded.errors) io.stderr(`${formatInputError(e)}\n`);
        return EXIT.INPUT;
      }
      sides.push(loaded.objects.map((l) => l.object));
    }
    const plan = planChanges(sides[0], sides[1]);
    io.stdout(format === 'json' ? planToJson(plan) : planToMarkdown(plan));
    const changed = plan.changes.length > 0;
    return values['exit-code'] && changed ? EXIT.FINDINGS : EXIT.OK;
  } finally {
    for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A path to read, or a git revision's copy of it written out to a scratch folder. */
function resolveSide(arg: string, cwd: string, scratch: string[]): { path: string; cwd: string } | { error: string } {
  if (fs.existsSync(path.resolve(cwd, arg))) return { path: arg, cwd };
  const colon = arg.indexOf(':');
  if (colon <= 0) return { error: `"${arg}" does not exist (a git revision's copy is written <revision>:<path>, e.g. origin/main:dist)` };
  const rev = arg.slice(0, colon);
  const rel = arg.slice(colon + 1) || '.';
  const git = (args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf-8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  let names: string[];
  try {
    git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  } catch {
    return { error: `"${rev}" is not a git revision here (from "${arg}")` };
  }
  try {
    names = git(['ls-tree', '-r', '--name-only', rev, '--', rel]).split('\n').filter((n) => n !== '');
  } catch (e) {
    return { error: `cannot list ${rel} at ${rev}: ${ioMessage(e)}` };
  }
  if (names.length === 0) return { error: `${rel} does not exist at ${rev}` };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-diff-'));
  scratch.push(dir);
  for (const name of names) {
    const target = path.join(dir, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, execFileSync('git', ['show', `${rev}:./${name}`], { cwd, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] }));
  }
  return { path: rel, cwd: dir };
}

function usage(io: CheckIO, message: string): number {
  io.stderr(`cdk8s-agents diff: ${message}\n\n${DIFF_USAGE}`);
  return EXIT.INPUT;
}
