// The CI report formats of `cdk8s-agents check`: SARIF 2.1.0 (GitHub code
// scanning, GitLab SAST viewers) and JUnit XML (GitLab and GitHub test reports).
// Both are built from the check outcome alone; nothing is read again.
import { formatFinding } from '../engine/format';
import { Finding, Rule } from '../engine/rule';
import { CheckOutcome, FindingPosition, formatInputError } from './manifests';

type Outcome = Pick<CheckOutcome, 'findings' | 'positions' | 'inputErrors' | 'origins'>;

/** The finding as printed, without its `severity [RULE] ` prefix (SARIF and JUnit carry those apart). */
function message(f: Finding): string {
  return formatFinding(f).slice(`${f.severity} [${f.rule.id}] `.length);
}

/** A relative URI reference for a `/`-separated path (each segment percent-encoded: spaces, `#`, `%`). */
function fileUri(file: string): string {
  return file.split('/').map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/');
}

/** The rules of the findings, in order of first finding (SARIF `ruleIndex` points into it). */
function rulesOf(findings: readonly Finding[]): Rule[] {
  const seen = new Map<string, Rule>();
  for (const f of findings) if (!seen.has(f.rule.id)) seen.set(f.rule.id, f.rule);
  return [...seen.values()];
}

/**
 * A SARIF 2.1.0 log with one run. Each finding is a result at its file, line
 * and column; a finding about no file (`--knative-version`) has a logical
 * location only. Unreadable input is a tool execution notification, and
 * makes the invocation unsuccessful.
 */
export function toSarif(o: Outcome): object {
  const rules = rulesOf(o.findings);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const location = (at: FindingPosition | undefined, line?: number, col?: number) => ({
    physicalLocation: {
      artifactLocation: { uri: fileUri(at!.file) },
      region: { startLine: line ?? at!.line, startColumn: col ?? at!.column },
    },
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk8s-agents',
          rules: rules.map((r) => ({
            id: r.id,
            shortDescription: { text: r.title },
            fullDescription: { text: r.why },
            help: { text: `${r.why} Fix: ${r.fix}` },
            defaultConfiguration: { level: r.severity ?? 'error' },
            properties: { effect: r.effect },
          })),
        },
      },
      invocations: [{
        executionSuccessful: o.inputErrors.length === 0,
        toolExecutionNotifications: o.inputErrors.map((e) => ({
          level: 'error',
          message: { text: formatInputError(e) },
          ...(e.file.startsWith('--') ? {} : { locations: [location({ file: e.file, line: e.line ?? 1, column: e.col ?? 1 })] }),
        })),
      }],
      results: o.findings.map((f) => {
        const at = o.positions.get(f);
        return {
          ruleId: f.rule.id,
          ruleIndex: index.get(f.rule.id),
          level: f.severity,
          message: { text: message(f) },
          locations: [{
            ...(at ? location(at) : {}),
            logicalLocations: [{ fullyQualifiedName: at ? f.object : f.where, kind: 'object' }],
          }],
        };
      }),
    }],
  };
}

/** XML text and attribute values: escaped, characters XML 1.0 cannot hold dropped. */
function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface TestCase {
  readonly name: string;
  readonly file: string;
  readonly line?: number;
  /** `failure` fails the report, `skipped` shows a warning that does not, `error` is unreadable input. */
  readonly outcome: 'passed' | 'failure' | 'skipped' | 'error';
  readonly type?: string;
  readonly message?: string;
  readonly text?: string;
}

/**
 * A JUnit XML report: one testsuite per file; one testcase per finding
 * (named `RULE-ID Kind/namespace/name field`, with the file and line GitHub
 * annotators read) and one passing testcase per object without findings.
 * Errors are failures; warnings are failures under `strict`, skipped
 * testcases otherwise (visible, not failing). Unreadable input is an error testcase.
 */
export function toJUnit(o: Outcome, strict: boolean): string {
  const suites = new Map<string, TestCase[]>();
  const suite = (file: string) => {
    let cases = suites.get(file);
    if (!cases) suites.set(file, (cases = []));
    return cases;
  };
  for (const e of o.inputErrors) {
    suite(e.file).push({ name: `read ${e.file}`, file: e.file, line: e.line, outcome: 'error', type: 'input', message: e.message, text: formatInputError(e) });
  }
  const byWhere = new Map<string, Finding[]>();
  for (const f of o.findings) {
    const list = byWhere.get(f.where);
    if (list) list.push(f);
    else byWhere.set(f.where, [f]);
  }
  const failing = (f: Finding) => f.severity === 'error' || strict;
  const add = (f: Finding) => {
    const at = o.positions.get(f);
    const file = at?.file ?? f.where;
    suite(file).push({
      name: [f.rule.id, f.object, f.field || f.prop].filter(Boolean).join(' '),
      file,
      line: at?.line,
      outcome: failing(f) ? 'failure' : 'skipped',
      type: f.rule.id,
      message: `${f.severity}: ${f.problem}`,
      text: `${at ? `${at.file}:${at.line}:${at.column}: ` : ''}${formatFinding(f)}`,
    });
  };
  // File order: each object's findings (errors first, as printed) or a passing testcase.
  for (const [where, origin] of o.origins) {
    const found = byWhere.get(where);
    if (found) {
      for (const f of [...found].sort((a, b) => Number(a.severity !== 'error') - Number(b.severity !== 'error'))) add(f);
      byWhere.delete(where);
    } else {
      // `Service/agents/triage (#2)`: the object, then its document (`#1.items[0]` in a List).
      const space = where.indexOf(' ');
      suite(origin.file).push({ name: `${where.slice(space + 1)} (${where.slice(origin.file.length, space)})`, file: origin.file, outcome: 'passed' });
    }
  }
  for (const rest of byWhere.values()) rest.forEach(add); // findings about no object (`--knative-version`)

  const count = (cases: TestCase[], what: TestCase['outcome']) => cases.filter((c) => c.outcome === what).length;
  const totals = (cases: TestCase[]) =>
    `tests="${cases.length}" failures="${count(cases, 'failure')}" errors="${count(cases, 'error')}" skipped="${count(cases, 'skipped')}"`;
  const all = [...suites.values()].flat();
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="cdk8s-agents check" ${totals(all)}>`];
  for (const [file, cases] of suites) {
    lines.push(`  <testsuite name="${xml(file)}" ${totals(cases)}>`);
    for (const c of cases) {
      const attrs = `name="${xml(c.name)}" classname="${xml(c.file)}" file="${xml(c.file)}"${c.line !== undefined ? ` line="${c.line}"` : ''}`;
      if (c.outcome === 'passed') {
        lines.push(`    <testcase ${attrs}/>`);
        continue;
      }
      const tag = c.outcome;
      const type = c.type ? ` type="${xml(c.type)}"` : '';
      lines.push(`    <testcase ${attrs}>`);
      lines.push(`      <${tag} message="${xml(c.message ?? '')}"${type}>${xml(c.text ?? '')}</${tag}>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
