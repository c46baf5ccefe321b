// `cdk8s-agents check`: validates YAML manifests with the library's rules,
// without a cluster and without a construct tree.
import { parseArgs } from 'util';
import { editDistance } from '../engine/text';
import { Finding } from '../engine/rule';
import { formatAcknowledged, formatFinding, summarize } from '../engine/format';
import { checkFiles, CheckOutcome, FindingPosition, formatInputError, InputError } from './manifests';
import { toJUnit, toSarif } from './report-formats';
import { formatSkipped, SkippedInput } from './sources';

export interface CheckIO {
  /** Receives whole lines, each ending in a newline. */
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** Paths are resolved (and shown) relative to it. @default process.cwd() */
  readonly cwd?: string;
  /** Reads all of standard input, for the path `-`. @default - `-` is an input error */
  readonly stdin?: () => string;
}

export const CHECK_USAGE = `Usage: cdk8s-agents check [options] <files or dirs...>
       kubectl kustomize overlays/prod | cdk8s-agents check [options] -

Validates Kubernetes and Knative manifests (multi-document YAML) with the
rules of cdk8s-agents: what the Knative webhook (of the release given, 1.23
by default) or the API server would reject, or silently ignore. No cluster
is needed. Directories are searched recursively for *.yaml and *.yml files;
"-" reads standard input.

A folder with a kustomization.yaml is read as kustomize builds it: its
resources, with its patches (patches, patchesStrategicMerge,
patchesJson6902), namespace, labels, annotations, images and replicas
applied; each kustomization not used by another one is checked on its own.
Generators, Helm charts, components, remote resources and name
prefixes/suffixes are not applied (noted on stderr). YAML that is not Kubernetes (no apiVersion and
kind: workflows, Helm values), .github/ and other hidden folders, and a Helm
chart's templates/ are skipped with a note; notes do not change the exit code.

Options:
  --settings <file>       a file with the cluster's Knative ConfigMaps
                          (config-features, config-defaults, config-autoscaler,
                          config-deployment, config-network); repeatable, later
                          files win. Default: upstream Knative defaults.
                          ConfigMaps among the checked files are not used.
  --knative-version <v>   the Knative release the cluster runs (default 1.23)
  --strict                warnings fail the check too (exit code 1)
  --config <file>         the repository config (cluster ConfigMap files, objects
                          the platform provides, acknowledgements). Default:
                          cdk8s-agents.yaml in the working directory, if any
  --closed                the checked files are the whole app: a reference to
                          an object that is not among them is an error. By
                          default it is a warning (REF-001) that the object
                          must exist in the cluster (another folder, or the
                          platform)
  --format <format>       output format (default text):
                            text   one line per finding, starting with
                                   file:line:col (the field's position, else
                                   the nearest enclosing field's, else the
                                   object's start)
                            json   { findings, summary, inputErrors }; each
                                   finding with file, line and column
                            sarif  SARIF 2.1.0 for code scanning (GitHub):
                                   a result per finding at its line and column
                            junit  JUnit XML for CI test reports: a testsuite
                                   per file, a testcase per finding (errors are
                                   failures; warnings are skipped testcases,
                                   failures with --strict) and a passing
                                   testcase per object without findings
  --exclude <glob>        do not read matching files or folders; repeatable.
                          Matched against the path relative to the working
                          directory ("envs/dev/**", "**/*.enc.yaml"); a glob
                          without "/" matches a name at any depth ("charts")
  -h, --help              show this help

Exit codes:
  0  no errors (warnings alone pass, unless --strict)
  1  findings that fail the check
  2  unreadable input (missing file, YAML syntax error, a kustomization
     listing a missing file or a patch that cannot be applied) or a bad
     option; unreadable input is printed on stderr, before the report
`;

/** Exit codes of the check command. */
export const EXIT = { OK: 0, FINDINGS: 1, INPUT: 2 } as const;

/** The options of check: parsed, and suggested for a misspelt one. */
const OPTIONS = {
  'settings': { type: 'string', multiple: true },
  'knative-version': { type: 'string' },
  'strict': { type: 'boolean' },
  'format': { type: 'string' },
  'help': { type: 'boolean', short: 'h' },
  'closed': { type: 'boolean' },
  'config': { type: 'string' },
  'exclude': { type: 'string', multiple: true },
} as const;

/**
 * Runs `cdk8s-agents check` with the arguments after `check`; returns the
 * exit code (never exits the process).
 */
export function runCheck(argv: string[], io: CheckIO): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (e) {
    return usageError(io, optionMessage(e));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(CHECK_USAGE);
    return EXIT.OK;
  }
  const format = values.format ?? 'text';
  if (!FORMATS.includes(format)) return usageError(io, `--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS[FORMATS.length - 1]}, not "${format}"`);
  if (positionals.length === 0) return usageError(io, 'no files or directories to check');

  const outcome = checkFiles({
    paths: positionals,
    settingsFiles: values.settings ?? [],
    knativeVersion: values['knative-version'],
    closed: values.closed ?? false,
    configFile: values.config,
    cwd: io.cwd ?? process.cwd(),
    exclude: values.exclude ?? [],
    stdin: io.stdin,
  });
  for (const e of outcome.inputErrors) io.stderr(`${formatInputError(e)}\n`);
  for (const s of outcome.skipped) io.stderr(`${formatSkipped(s)}\n`);

  const strict = values.strict ?? false;
  // Input errors are on stderr, before any report or summary.
  if (format === 'json') io.stdout(`${JSON.stringify(toJson(outcome), null, 2)}\n`);
  else if (format === 'sarif') io.stdout(`${JSON.stringify(toSarif(outcome), null, 2)}\n`);
  else if (format === 'junit') io.stdout(toJUnit(outcome, strict));
  else if (!outcome.aborted) {
    for (const f of outcome.findings) io.stdout(`${formatLocated(f, outcome.positions.get(f))}\n`);
    for (const a of outcome.acknowledged) io.stdout(`${formatAcknowledged(a)}\n`);
    io.stdout(`${summaryLine(outcome)}\n`);
  }
  return exitCode(outcome, strict);
}

const FORMATS = ['text', 'json', 'sarif', 'junit'];

/** A finding as the text format prints it: `file:line:col: ` (the form editors and CI log matchers link) and the finding. */
export function formatLocated(f: Finding, at: FindingPosition | undefined): string {
  return at ? `${at.file}:${at.line}:${at.column}: ${formatFinding(f)}` : formatFinding(f);
}


/** parseArgs' error, shorter; an unknown option gets the closest known one (at most 2 edits away). */
function optionMessage(e: unknown): string {
  // Not `instanceof Error`: errors of node's own modules come from another realm under jest's VM.
  const text = typeof e === 'object' && e !== null && typeof (e as Error).message === 'string' ? (e as Error).message : String(e);
  const unknown = /^Unknown option '([^']+)'/.exec(text);
  if (!unknown) return text;
  const given = unknown[1];
  let best: string | undefined;
  let distance = 3;
  for (const o of Object.keys(OPTIONS).map((k) => `--${k}`)) {
    const d = editDistance(given, o);
    if (d < distance) [best, distance] = [o, d];
  }
  return `unknown option ${given}${best ? `; did you mean ${best}?` : ''}`;
}

export function exitCode(o: Pick<CheckOutcome, 'inputErrors' | 'errors' | 'warnings'>, strict: boolean): number {
  if (o.inputErrors.length > 0) return EXIT.INPUT;
  if (o.errors > 0 || (strict && o.warnings > 0)) return EXIT.FINDINGS;
  return EXIT.OK;
}

function usageError(io: CheckIO, message: string): number {
  io.stderr(`cdk8s-agents check: ${message}\nRun "cdk8s-agents check --help" for usage.\n`);
  return EXIT.INPUT;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `2 errors, 1 warning (9 objects checked, 3 passed through)`, plus unreadable input. */
export function summaryLine(o: CheckOutcome): string {
  const counts = `${plural(o.checked, 'object')} checked, ${o.passedThrough} passed through`;
  const input = o.inputErrors.length ? `; ${plural(o.inputErrors.length, 'input error')}, see above` : '';
  const skipped = o.skipped?.length ? `; ${o.skipped.length} skipped, see above` : '';
  return `${summarize(o.errors, o.warnings)} (${counts}${input}${skipped})`;
}

/** The JSON report of `--format json`. */
export interface CheckReportJson {
  readonly findings: {
    readonly rule: string;
    readonly severity: string;
    readonly where: string;
    readonly object: string;
    readonly field: string;
    readonly prop: string | null;
    readonly value: unknown;
    readonly problem: string;
    readonly fix: string;
    /** The file as shown (relative to the working directory); null for findings about no file (`--knative-version`). */
    readonly file: string | null;
    /** 1-based line of the field (or its nearest enclosing field, or the object) in the file. */
    readonly line: number | null;
    /** 1-based column, in UTF-16 code units. */
    readonly column: number | null;
  }[];
  readonly summary: { readonly errors: number; readonly warnings: number; readonly checked: number; readonly passedThrough: number };
  /** Files or documents that could not be read (also printed on stderr). */
  readonly inputErrors: InputError[];
  /** Warnings the repository config acknowledges, with the reason. */
  readonly acknowledged: (CheckReportJson['findings'][number] & { readonly reason: string })[];
  /** Files, documents and folders not read on purpose, with the reason (also printed on stderr); they do not change the exit code. */
  readonly skipped: SkippedInput[];
}

export function findingJson(f: Finding, at?: FindingPosition): CheckReportJson['findings'][number] {
  return {
    rule: f.rule.id,
    severity: f.severity,
    where: f.where,
    object: f.object,
    field: f.field,
    prop: f.prop ?? null,
    value: f.value === undefined ? null : f.value,
    problem: f.problem,
    fix: f.fix,
    file: at?.file ?? null,
    line: at?.line ?? null,
    column: at?.column ?? null,
  };
}

function toJson(o: CheckOutcome): CheckReportJson {
  return {
    findings: o.findings.map((f) => findingJson(f, o.positions.get(f))),
    summary: { errors: o.errors, warnings: o.warnings, checked: o.checked, passedThrough: o.passedThrough },
    inputErrors: o.inputErrors,
    acknowledged: o.acknowledged.map((a) => ({ ...findingJson(a.finding), reason: a.reason })),
    skipped: o.skipped,
  };
}
