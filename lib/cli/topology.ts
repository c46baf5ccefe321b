// `cdk8s-agents topology <files or dirs>`: the Mermaid picture synth writes
// (topology.md), drawn from any manifests, hand-written ones included.
import { parseArgs } from 'util';
import { topologyMarkdown, topologyOf } from '../topology';
import { CheckIO, EXIT } from './check';
import { formatInputError, loadManifests } from './manifests';

export const TOPOLOGY_USAGE = `Usage: cdk8s-agents topology [options] <files or dirs|->

Draws the manifests as a Mermaid flowchart (what synth writes to
topology.md): event sources, brokers, triggers with their filters,
sequences, parallels, agents, replies, dead-letter sinks, KEDA scalers and
egress targets. A folder with a kustomization.yaml is read as kustomize
builds it.

Options:
  --title <text>   the heading (default: the first path's name)
  --mermaid        print only the flowchart, without the Markdown around it
  -h, --help       show this help
`;

const OPTIONS = {
  'title': { type: 'string' },
  'mermaid': { type: 'boolean' },
  'help': { type: 'boolean', short: 'h' },
} as const;

/** Runs `cdk8s-agents topology` with the arguments after `topology`; returns the exit code. */
export function runTopology(argv: string[], io: CheckIO): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (e) {
    io.stderr(`cdk8s-agents topology: ${e instanceof Error ? e.message : String(e)}\n\n${TOPOLOGY_USAGE}`);
    return EXIT.INPUT;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(TOPOLOGY_USAGE);
    return EXIT.OK;
  }
  if (positionals.length === 0) {
    io.stderr(`cdk8s-agents topology: no files or directories to draw\n\n${TOPOLOGY_USAGE}`);
    return EXIT.INPUT;
  }
  const loaded = loadManifests(positionals, io.cwd ?? process.cwd(), { stdin: io.stdin });
  for (const e of loaded.errors) io.stderr(`${formatInputError(e)}\n`);
  if (loaded.errors.length > 0) return EXIT.INPUT;
  const objects = loaded.objects.map((l) => l.object);
  const title = values.title ?? (positionals[0] === '-' ? 'stdin' : positionals[0].replace(/\/+$/, '').split('/').pop() || positionals[0]);
  io.stdout(values.mermaid ? topologyOf(objects) || 'flowchart LR\n' : topologyMarkdown(title, objects) ?? `# ${title}: topology\n\nNothing to draw: no agents, sources, brokers or flows.\n`);
  return EXIT.OK;
}
