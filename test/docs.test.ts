/**
 * Documentation checks:
 *
 * 1. `docs/rules.md` is the current rendering of RULE_CATALOGUE, and rule ids
 *    are unique and well formed.
 * 2. Every optional property of an exported interface in `lib/` documents its
 *    default with a JSDoc `@default` tag (required properties need none).
 * 3. Every ```ts snippet of README.md type-checks against `lib/`; snippets that
 *    call `app.synth()` are also run (output to a temp dir) and must synthesize.
 *
 * README snippet conventions:
 * - A snippet with no `import` line gets a preamble: the usual imports from
 *   cdk8s, cdk8s-plus-28 and this library, plus `const app = new App();` and
 *   `const chart = new Chart(app, 'example');`.
 * - `from 'cdk8s-agents'` is rewritten to the repository's `lib/`.
 * - Info-string flags after `ts`: `nocheck` skips the snippet entirely (for
 *   pseudo-code), `norun` type-checks it but never runs it.
 * - `DOCS_TEST_README=path/to/file.md` checks another file instead of README.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { definedSeverity, SEVERITY_DEFINITION, severityOf } from '../lib/engine/rule';
import { RULE_CATALOGUE } from '../lib/validation';
import { renderRulesMarkdown, RULES_MD_PATH } from '../scripts/render-rules';

const REPO = path.resolve(__dirname, '..');
const LIB = path.join(REPO, 'lib');
const rel = (p: string): string => path.relative(REPO, p).split(path.sep).join('/');

// ---------------------------------------------------------------------------
// 1. docs/rules.md
// ---------------------------------------------------------------------------

describe('docs/rules.md', () => {
  const ID_PATTERN = /^[A-Z]+(-[A-Z]+)?-\d{3}$/;

  test('is up to date with RULE_CATALOGUE', () => {
    const expected = renderRulesMarkdown();
    const actual = fs.existsSync(RULES_MD_PATH) ? fs.readFileSync(RULES_MD_PATH, 'utf8') : undefined;
    if (actual === expected) return;
    if (actual === undefined) throw new Error(`${rel(RULES_MD_PATH)} does not exist: run \`npm run docs\``);
    const a = actual.split('\n');
    const e = expected.split('\n');
    let i = 0;
    while (i < Math.max(a.length, e.length) && a[i] === e[i]) i++;
    throw new Error(
      `${rel(RULES_MD_PATH)} is stale: run \`npm run docs\`.\n` +
        `First difference at line ${i + 1}:\n  file:     ${a[i] ?? '(end of file)'}\n  rendered: ${e[i] ?? '(end of file)'}`,
    );
  });

  test('every rule\'s severity is the one the definition gives it (effect, open-world note), and the README and docs quote that definition', () => {
    const off = RULE_CATALOGUE.filter((r) => severityOf(r) !== definedSeverity(r)).map((r) => `${r.id}: ${r.effect} ${severityOf(r)}${r.openWorld ? ' (open world)' : ''}`);
    expect(off).toEqual([]);
    expect(renderRulesMarkdown()).toContain(SEVERITY_DEFINITION);
    expect(fs.readFileSync(README, 'utf8')).toContain(SEVERITY_DEFINITION);
  });

  test('a rule is stricter than upstream only as a reject rule, and is then listed with its reason', () => {
    expect(RULE_CATALOGUE.filter((r) => r.stricter !== undefined && r.effect !== 'reject').map((r) => r.id)).toEqual([]);
    const md = renderRulesMarkdown([{ id: 'X-001', title: 't', why: 'w', fix: 'f', upstream: 'U', effect: 'reject', stricter: 'because' }]);
    expect(md).toContain('| X-001 | t | because |');
    expect(md).toContain('stricter than upstream: because');
  });

  test('rendering is deterministic', () => {
    expect(renderRulesMarkdown()).toBe(renderRulesMarkdown());
  });

  test('groups come from the ids, and cells escape `|` and line breaks', () => {
    const md = renderRulesMarkdown([
      { id: 'NEW-GROUP-001', title: 'a | b', why: 'line one\n  line two', fix: 'use `x || y`', upstream: 'U', effect: 'ignored' },
    ]);
    expect(md).toContain('## NEW-GROUP\n');
    expect(md).toContain('| NEW-GROUP-001 | error | a \\| b | ignored | line one line two | use `x \\|\\| y` | U |');
  });

  test('rule ids are unique and well formed', () => {
    const ids = RULE_CATALOGUE.map((r) => r.id);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates).toEqual([]);
    expect(ids.filter((id) => !ID_PATTERN.test(id))).toEqual([]);
  });

  test('every rule has every field, and a known effect', () => {
    const incomplete = RULE_CATALOGUE.filter(
      (r) => !r.title?.trim() || !r.why?.trim() || !r.fix?.trim() || !r.upstream?.trim() || !['reject', 'runtime', 'ignored', 'altered', 'exposed', 'deprecated'].includes(r.effect),
    ).map((r) => r.id);
    expect(incomplete).toEqual([]);
  });

  test('each rule id appears exactly once in the document', () => {
    const text = fs.existsSync(RULES_MD_PATH) ? fs.readFileSync(RULES_MD_PATH, 'utf8') : '';
    const wrong: string[] = [];
    for (const { id } of RULE_CATALOGUE) {
      const re = new RegExp(`(?<![A-Za-z0-9-])${id.replace(/[-]/g, '\\-')}(?![A-Za-z0-9-])`, 'g');
      const n = (text.match(re) ?? []).length;
      if (n !== 1) wrong.push(`${id}: ${n} times`);
    }
    expect(wrong).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// 2. @default on optional props of exported interfaces
// ---------------------------------------------------------------------------

interface PropReport {
  /** `file:Interface.prop` (nested type literals: `Interface.prop.sub`). */
  readonly where: string;
  readonly optional: boolean;
  readonly hasDefault: boolean;
}

function isExported(node: ts.Node): boolean {
  return (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Export) !== 0;
}

function hasDefaultTag(node: ts.Node, sf: ts.SourceFile): boolean {
  // JSDoc blocks attached to the node; an inline `/** text @default 8080 */` counts.
  const attached = ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .some((doc) => doc.getText(sf).includes('@default'));
  // The parser attaches no JSDoc to members of inline object types: read the `/** */` comments before the node.
  const trivia = sf.text.slice(node.getFullStart(), node.getStart(sf));
  const leading = (trivia.match(/\/\*\*[\s\S]*?\*\//g) ?? []).some((c) => c.includes('@default'));
  return attached || leading;
}

/** Every property signature of every exported interface in one source text. */
function scanInterfaceProps(fileName: string, text: string): PropReport[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: PropReport[] = [];

  const visitMembers = (members: ts.NodeArray<ts.TypeElement>, owner: string): void => {
    for (const m of members) {
      if (!ts.isPropertySignature(m)) continue;
      const name = `${owner}.${m.name.getText(sf)}`;
      out.push({ where: `${fileName}:${name}`, optional: m.questionToken !== undefined, hasDefault: hasDefaultTag(m, sf) });
      // Inline object types (`ref?: { name: string; namespace?: string }`) are part of the interface too.
      const findLiterals = (n: ts.Node): void => {
        if (ts.isTypeLiteralNode(n)) visitMembers(n.members, name);
        else ts.forEachChild(n, findLiterals);
      };
      if (m.type) findLiterals(m.type);
    }
  };

  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && isExported(node)) visitMembers(node.members, node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function listTsFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listTsFiles(p));
    else if (entry.isFile() && entry.name.endsWith('.ts')) files.push(p);
  }
  return files.sort();
}

describe('@default on optional props', () => {
  const props = listTsFiles(LIB).flatMap((f) => scanInterfaceProps(rel(f), fs.readFileSync(f, 'utf8')));

  test('every optional prop of an exported interface in lib/ has a @default', () => {
    const missing = props.filter((p) => p.optional && !p.hasDefault).map((p) => p.where);
    if (missing.length > 0) {
      throw new Error(
        `${missing.length} optional prop(s) without a JSDoc @default (write e.g. \`/** ... @default 8080 */\` or \`@default - none\`):\n  ` +
          missing.join('\n  '),
      );
    }
  });

  test('required props of exported interfaces need no @default, and the scan sees both kinds', () => {
    const required = props.filter((p) => !p.optional);
    expect(required.length).toBeGreaterThan(0);
    expect(props.filter((p) => p.optional).length).toBeGreaterThan(0);
    expect(required.map((p) => p.where)).toContain('lib/container/agent-container.ts:AgentContainerProps.image');
  });

  test('the scanner: optional without @default is reported, inline @default counts, other cases are exempt', () => {
    const src = `
      export interface Props {
        /** Required: no default needed. */
        readonly image: string;
        /** Port. @default 8080 */
        readonly port?: number;
        /**
         * Multi-line.
         * @default - none
         */
        readonly env?: Record<string, string>;
        /** No default here. */
        readonly name?: string;
        readonly bare?: boolean;
        readonly ref?: { readonly name: string; /** @default - default ns */ readonly namespace?: string; readonly kind?: string };
        method?(): void;
      }
      interface Internal { readonly x?: number }
      export class C { public readonly y?: number; }
    `;
    const got = scanInterfaceProps('x.ts', src);
    expect(got.filter((p) => p.optional && !p.hasDefault).map((p) => p.where)).toEqual([
      'x.ts:Props.name',
      'x.ts:Props.bare',
      'x.ts:Props.ref',
      'x.ts:Props.ref.kind',
    ]);
    expect(got.filter((p) => !p.optional).map((p) => p.where)).toEqual(['x.ts:Props.image', 'x.ts:Props.ref.name']);
  });
});

// ---------------------------------------------------------------------------
// 3. README snippets compile (and the ones that call app.synth() run)
// ---------------------------------------------------------------------------

interface Snippet {
  /** 1-based README line of the first code line. */
  readonly line: number;
  readonly code: string;
  readonly flags: readonly string[];
}

/** Fenced blocks whose info string starts with `ts`. */
function extractTsSnippets(markdown: string): Snippet[] {
  const lines = markdown.split(/\r?\n/);
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    const [lang, ...flags] = open[2].trim().split(/\s+/);
    const body: string[] = [];
    let j = i + 1;
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    while (j < lines.length && !close.test(lines[j])) body.push(lines[j++]);
    if (lang === 'ts') snippets.push({ line: i + 2, code: body.join('\n'), flags });
    i = j; // skip past the closing fence (or to the end)
  }
  return snippets;
}

/** Every runtime export of the library: a snippet without imports gets those it names. */
const LIB_EXPORTS = Object.keys(require('../lib')).sort();

const PREAMBLE = (libPath: string, code: string): string =>
  [
    "import { App, Chart, Cron, Duration, Size } from 'cdk8s';",
    "import * as kplus from 'cdk8s-plus-28';",
    `import { ${LIB_EXPORTS.filter((name) => new RegExp(`\\b${name}\\b`).test(code)).join(', ')} } from '${libPath}';`,
    'const app = new App();',
    "const chart = new Chart(app, 'example');",
    '',
  ].join('\n');

/** The file written for a snippet, and how many lines were added before the README text. */
function snippetSource(code: string, libPath: string): { text: string; offset: number } {
  const rewritten = code.replace(/(\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])cdk8s-agents\2/gm, `$1'${libPath}'`);
  const preamble = /^\s*import\s/m.test(code) ? '' : PREAMBLE(libPath, code);
  const offset = preamble === '' ? 0 : preamble.split('\n').length - 1;
  // `export {}` keeps every snippet a module, so top-level names do not clash across snippets.
  return { text: `${preamble}${rewritten}\n\nexport {};\n`, offset };
}

const README = process.env.DOCS_TEST_README ? path.resolve(REPO, process.env.DOCS_TEST_README) : path.join(REPO, 'README.md');
const readmeExists = fs.existsSync(README);
if (!readmeExists) {
  console.log(`docs.test: ${rel(README)} does not exist yet; the README snippet checks are skipped`);
}

describe('snippet extraction', () => {
  test('finds ts blocks with their line, flags and preamble', () => {
    const md = ['# t', '```ts', 'const a = 1;', '```', '```sh', 'npm i', '```', '````ts norun', "import { X } from 'cdk8s-agents';", '````'].join('\n');
    const s = extractTsSnippets(md);
    expect(s).toEqual([
      { line: 3, code: 'const a = 1;', flags: [] },
      { line: 9, code: "import { X } from 'cdk8s-agents';", flags: ['norun'] },
    ]);
    expect(snippetSource(s[1].code, '../../lib')).toEqual({ text: "import { X } from '../../lib';\n\nexport {};\n", offset: 0 });
    const withPreamble = snippetSource(s[0].code, '../../lib');
    expect(withPreamble.text.split('\n')[withPreamble.offset]).toBe('const a = 1;');
  });
});

(readmeExists ? describe : describe.skip)(`${path.basename(README)} snippets`, () => {
  const snippets = readmeExists ? extractTsSnippets(fs.readFileSync(README, 'utf8')).filter((s) => !s.flags.includes('nocheck')) : [];
  let dir = '';
  let files: { file: string; snippet: Snippet; offset: number }[] = [];
  let typeChecked = false;

  beforeAll(() => {
    fs.mkdirSync(path.join(REPO, '.tmp'), { recursive: true });
    dir = fs.mkdtempSync(path.join(REPO, '.tmp', 'readme-snippets-'));
    const libPath = path.relative(dir, LIB).split(path.sep).join('/');
    files = snippets.map((snippet, i) => {
      const file = path.join(dir, `snippet-${i + 1}.ts`);
      const { text, offset } = snippetSource(snippet.code, libPath);
      fs.writeFileSync(file, text);
      return { file, snippet, offset };
    });
  });

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('has at least one ts snippet', () => {
    expect(snippets.length).toBeGreaterThan(0);
  });

  test('every ts snippet type-checks', () => {
    const configPath = path.join(REPO, 'tsconfig.json');
    const config = ts.readConfigFile(configPath, ts.sys.readFile);
    if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, REPO, undefined, configPath);
    const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false };
    const program = ts.createProgram(
      files.map((f) => f.file),
      options,
    );

    const where = (d: ts.Diagnostic): string => {
      const f = d.file && files.find((x) => path.resolve(x.file) === path.resolve(d.file!.fileName));
      if (!d.file || d.start === undefined) return '(global)';
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      if (!f) return `${rel(d.file.fileName)}:${line + 1}:${character + 1}`;
      const n = files.indexOf(f) + 1;
      if (line < f.offset) return `snippet ${n} (preamble line ${line + 1})`;
      return `${rel(README)}:${f.snippet.line + line - f.offset}:${character + 1} (snippet ${n})`;
    };
    const diagnostics = [
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...files.flatMap((f) => {
        const sf = program.getSourceFile(f.file)!;
        return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
      }),
    ];
    if (diagnostics.length > 0) {
      throw new Error(
        `README snippets do not type-check:\n` +
          diagnostics.map((d) => `  ${where(d)}: TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n    ')}`).join('\n'),
      );
    }
    typeChecked = true;
  }, 60_000);

  test('snippets that call app.synth() synthesize', () => {
    const runnable = files.filter((f) => /\bapp\.synth\(\s*\)/.test(f.snippet.code) && !f.snippet.flags.includes('norun'));
    if (runnable.length === 0) return;
    if (!typeChecked) throw new Error('not run: the snippets do not type-check (see the previous test)');
    const previous = process.env.CDK8S_OUTDIR;
    const cwd = process.cwd();
    const failures: string[] = [];
    try {
      for (const f of runnable) {
        const n = files.indexOf(f) + 1;
        // Keep dist/ untouched: App() reads CDK8S_OUTDIR when it is constructed, and
        // an explicit relative `outdir` resolves inside the temp dir.
        const out = path.join(dir, `out-${n}`);
        fs.mkdirSync(out, { recursive: true });
        process.env.CDK8S_OUTDIR = out;
        process.chdir(out);
        try {
          require(f.file);
        } catch (e: any) {
          failures.push(`snippet ${n} (${rel(README)}:${f.snippet.line}): ${e?.message ?? e}`);
        }
      }
    } finally {
      process.chdir(cwd);
      if (previous === undefined) delete process.env.CDK8S_OUTDIR;
      else process.env.CDK8S_OUTDIR = previous;
    }
    if (failures.length > 0) throw new Error(`README snippets fail to synthesize:\n${failures.join('\n')}`);
  }, 60_000);
});
