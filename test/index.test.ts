// The public API, as a test over what ships: lib/ is compiled with
// tsconfig.build.json (stripInternal) into declaration files in memory, which
// must type-check for a strict consumer, and every type the exported
// declarations name in their public members must be exported too, so a user
// can write down the type of every prop, parameter and return value.
import * as path from 'path';
import * as ts from 'typescript';

const REPO = path.resolve(__dirname, '..');
const OUT = path.join(REPO, 'build-api-test');
const INDEX = path.join(OUT, 'lib', 'index.d.ts');

/** The declaration files tsconfig.build.json emits, by absolute path. */
function emitDeclarations(): Map<string, string> {
  const config = ts.readConfigFile(path.join(REPO, 'tsconfig.build.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, REPO);
  const program = ts.createProgram(parsed.fileNames, { ...parsed.options, outDir: OUT, emitDeclarationOnly: true, noEmit: false });
  const files = new Map<string, string>();
  const result = program.emit(undefined, (file, text) => files.set(path.resolve(file), text));
  const errors = result.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (errors.length > 0) throw new Error(`declaration emit failed:\n${errors.join('\n')}`);
  return files;
}

/** A strict consumer's program over the emitted declarations (node_modules from the repository). */
function consumerProgram(files: Map<string, string>): ts.Program {
  const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: false, esModuleInterop: true, types: ['node'], target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  const dirs = new Set([...files.keys()].flatMap((f) => f.split(path.sep).map((_, i, parts) => parts.slice(0, i).join(path.sep))));
  host.directoryExists = (d) => dirs.has(path.resolve(d)) || (directoryExists?.call(host, d) ?? false);
  host.fileExists = (f) => files.has(path.resolve(f)) || fileExists.call(host, f);
  host.readFile = (f) => files.get(path.resolve(f)) ?? readFile.call(host, f);
  host.getSourceFile = (f, lang, onError) => {
    const text = files.get(path.resolve(f));
    return text !== undefined ? ts.createSourceFile(f, text, lang, true) : getSourceFile.call(host, f, lang, onError);
  };
  return ts.createProgram([INDEX], options, host);
}

const FILES = emitDeclarations();
const PROGRAM = consumerProgram(FILES);
const CHECKER = PROGRAM.getTypeChecker();
const OURS = (sf: ts.SourceFile) => FILES.has(path.resolve(sf.fileName));

const resolve = (s: ts.Symbol): ts.Symbol => (s.flags & ts.SymbolFlags.Alias ? CHECKER.getAliasedSymbol(s) : s);
const INDEX_EXPORTS = CHECKER.getExportsOfModule(CHECKER.getSymbolAtLocation(PROGRAM.getSourceFile(INDEX)!)!);
/** Exported names: top level, and the members of exported namespaces (`validation.*`) as `ns.name`. */
const EXPORTED = new Map<ts.Symbol, string>();
for (const s of INDEX_EXPORTS) {
  const target = resolve(s);
  EXPORTED.set(target, s.name);
  if (target.flags & ts.SymbolFlags.ValueModule) {
    for (const m of CHECKER.getExportsOfModule(target)) EXPORTED.set(resolve(m), `${s.name}.${m.name}`);
  }
}

const isPublic = (m: ts.Node) => !(ts.getCombinedModifierFlags(m as ts.Declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected))
  && !((m as ts.NamedDeclaration).name && ts.isPrivateIdentifier((m as ts.NamedDeclaration).name!));

/**
 * The names of declarations in our files that `node` mentions as types and
 * that are not exported. `typeof x` (a type written from a value) is not a
 * name a user needs, so it is not followed.
 */
function unexportedTypes(node: ts.Node, out: Set<string>): void {
  const visit = (n: ts.Node): void => {
    if (ts.isTypeQueryNode(n)) return;
    const name = ts.isTypeReferenceNode(n) ? n.typeName : ts.isExpressionWithTypeArguments(n) ? n.expression : undefined;
    if (name) {
      const symbol = CHECKER.getSymbolAtLocation(name);
      const target = symbol && resolve(symbol);
      const decl = target?.declarations?.[0];
      if (target && decl && OURS(decl.getSourceFile()) && !(target.flags & ts.SymbolFlags.TypeParameter) && !EXPORTED.has(target)) {
        out.add(`${target.name} (${path.relative(OUT, decl.getSourceFile().fileName)})`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
}

/** What an exported declaration shows a user: public members, their types, and (for classes) what unexported bases contribute. */
function surfaceOf(decl: ts.Declaration, seen = new Set<ts.Node>(), inherited = false): ts.Node[] {
  if (seen.has(decl)) return [];
  seen.add(decl);
  if (ts.isClassDeclaration(decl)) {
    const nodes: ts.Node[] = [...decl.members.filter(isPublic), ...(decl.typeParameters ?? [])];
    for (const clause of decl.heritageClauses ?? []) {
      // What an unexported base implements is its own business: its members are walked instead.
      if (inherited && clause.token === ts.SyntaxKind.ImplementsKeyword) continue;
      for (const t of clause.types) {
        const base = CHECKER.getSymbolAtLocation(t.expression);
        const target = base && resolve(base);
        const baseDecl = target?.declarations?.[0];
        // An unexported base class (AgentConstruct, ...) is not a name users write, but its public members are theirs.
        if (clause.token === ts.SyntaxKind.ExtendsKeyword && target && baseDecl && !EXPORTED.has(target) && OURS(baseDecl.getSourceFile())) {
          nodes.push(...(t.typeArguments ?? []), ...surfaceOf(baseDecl, seen, true));
        } else {
          nodes.push(t);
        }
      }
    }
    return nodes;
  }
  return [decl];
}

function violations(): string[] {
  const found: string[] = [];
  for (const [symbol, exportName] of EXPORTED) {
    for (const decl of symbol.declarations ?? []) {
      if (!OURS(decl.getSourceFile()) || ts.isSourceFile(decl) || ts.isModuleDeclaration(decl)) continue;
      const out = new Set<string>();
      for (const n of surfaceOf(decl)) unexportedTypes(n, out);
      for (const t of out) found.push(`${exportName} names ${t}`);
    }
  }
  return [...new Set(found)].sort();
}

describe('the public API (lib/index.ts) as shipped', () => {
  test('the declaration files type-check for a strict consumer', () => {
    const diagnostics = PROGRAM.getSourceFiles().filter(OURS).flatMap((sf) => [...PROGRAM.getSyntacticDiagnostics(sf), ...PROGRAM.getSemanticDiagnostics(sf)]);
    expect(diagnostics.map((d) => `${d.file ? path.relative(OUT, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`)).toEqual([]);
  });

  test('every type named by a public member of an export is exported', () => {
    expect(violations()).toEqual([]);
  });

  test('members marked @internal do not ship', () => {
    const leaked = [...FILES].filter(([f]) => f.endsWith('.d.ts')).flatMap(([f, text]) => (text.includes('@internal') ? [path.relative(OUT, f)] : []));
    expect(leaked).toEqual([]);
  });

  test('engine internals are not exported', () => {
    const names = new Set(EXPORTED.values());
    const internals = ['FindingList', 'RawFinding', 'ValidatorRegistry', 'DEFAULT_REGISTRY', 'validateObjects', 'objectLabel', 'KubeObject', 'ManifestValidator',
      'CrossObjectValidator', 'ValidationContext', 'checkPodSpec', 'PodDialect', 'SinkSenders', 'SinkTarget', 'FEATURE_FLAGS', 'featureAllows',
      'EVENTING_FEATURE_FLAGS', 'eventingFeatureAllows', 'isoDuration', 'externalRefKey', 'externalRefsAnnotation', 'EXTERNAL_REFS_ANNOTATION', 'AgentConstruct'];
    expect(internals.filter((n) => names.has(n) || names.has(`validation.${n}`))).toEqual([]);
  });

  test('the engine entry points are the validation namespace; the cdk8s plugin stays top level (cdk8s.yaml loads it by class name)', () => {
    const names = new Set(EXPORTED.values());
    for (const n of ['validateManifests', 'RULE_CATALOGUE', 'resolveClusterSettings', 'settingsFromConfigMaps', 'mergeSettingsInputs', 'DEFAULT_SETTINGS',
      'formatFinding', 'formatAcknowledged', 'Located', 'ValidationResult']) {
      expect(names.has(`validation.${n}`)).toBe(true);
      expect(names.has(n)).toBe(false);
    }
    expect(names.has('AgentsValidation')).toBe(true);
  });

  test('the GitOps (Flux) constructs and their value types are exported', () => {
    const names = new Set(EXPORTED.values());
    for (const n of ['FluxKustomization', 'FluxKustomizationProps', 'IFluxKustomization', 'FluxHealthCheckExpression', 'AGENT_HEALTH_CHECK_EXPRESSIONS',
      'GitRepository', 'GitRepositoryProps', 'IFluxSource', 'GitRef', 'GitProvider']) {
      expect(names.has(n)).toBe(true);
    }
  });

  test('the check can fail: an unexported type in a public member is named', () => {
    const probe = new Set<string>();
    const agent = [...EXPORTED].find(([, n]) => n === 'AgentKnativeService')![0];
    EXPORTED.delete(resolve(CHECKER.getExportsOfModule(CHECKER.getSymbolAtLocation(PROGRAM.getSourceFile(INDEX)!)!).find((s) => s.name === 'Visibility')!));
    try {
      for (const n of surfaceOf(agent.declarations![0])) unexportedTypes(n, probe);
    } finally {
      const visibility = INDEX_EXPORTS.find((s) => s.name === 'Visibility')!;
      EXPORTED.set(resolve(visibility), 'Visibility');
    }
    expect([...probe].some((t) => t.startsWith('Visibility '))).toBe(true);
  });
});
