// The `cdk8s-agents` command: dispatches to its subcommands. bin/cdk8s-agents.js
// runs the compiled form; `tsx lib/cli/main.ts ...` runs it from source.
import * as fs from 'fs';
import * as path from 'path';
import { CheckIO, EXIT, runCheck } from './check';
import { runDiff } from './diff';
import { runRollout } from './rollout';
import { runTopology } from './topology';

export const USAGE = `Usage: cdk8s-agents <command> [options]

Commands:
  check [options] <files or dirs|->    validate Kubernetes and Knative manifests
                                       (cdk8s-agents check --help for options)
  diff [options] <before> <after>      what a change to rendered manifests does,
                                       for a pull request (Markdown or JSON)
  rollout next <service> --source <f>  the next step of a Rollout.canary, as a
                                       change to the source
  topology [options] <files or dirs|-> the manifests as a Mermaid flowchart

Options:
  --version    print the version of cdk8s-agents
  -h, --help   show this help
`;

/** Runs the command line after the node binary and script (`process.argv.slice(2)`); returns the exit code. */
export function main(argv: string[], io: CheckIO): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return runCheck(rest, io);
    case 'diff':
      return runDiff(rest, io);
    case 'rollout':
      return runRollout(rest, io);
    case 'topology':
      return runTopology(rest, io);
    case '--version':
    case '-v':
      io.stdout(`${packageVersion()}\n`);
      return EXIT.OK;
    case '--help':
    case '-h':
    case 'help':
      io.stdout(USAGE);
      return EXIT.OK;
    default:
      io.stderr(`${command === undefined ? 'cdk8s-agents: no command given' : `cdk8s-agents: unknown command "${command}"`}\n\n${USAGE}`);
      return EXIT.INPUT;
  }
}

/** The version in the package.json of cdk8s-agents (found upwards from this file: source or build/). */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(file, 'utf-8'));
        if (pkg.name === 'cdk8s-agents' && typeof pkg.version === 'string') return pkg.version;
      } catch {
        // not ours; keep looking
      }
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

/** The process entry: runs `main` on the process arguments and sets `process.exitCode`. */
export function run(): void {
  try {
    process.exitCode = main(process.argv.slice(2), {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      cwd: process.cwd(),
      // Read only when `-` is named: otherwise a terminal's stdin would block.
      stdin: () => fs.readFileSync(0, 'utf8'),
    });
  } catch (e) {
    // A bug, not bad input: say so in one line, without a stack trace unless asked.
    process.stderr.write(`cdk8s-agents: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.CDK8S_AGENTS_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    process.exitCode = 70;
  }
}

if (require.main === module) run();
