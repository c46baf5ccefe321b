// The engine's layering: settings and the pure engine import no construct
// module, so the check command and other tools can use them without an app.
import * as fs from 'fs';
import * as path from 'path';

const CORE = path.join(__dirname, '..', '..', 'lib', 'core');

function importsOf(file: string): string[] {
  const src = fs.readFileSync(path.join(CORE, file), 'utf8');
  return [...src.matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

describe('lib/core layering', () => {
  // construct.ts and app-validation.ts wire the engine into cdk8s; everything else is plain data and functions.
  const pure = fs.readdirSync(CORE).filter((f) => f.endsWith('.ts') && !['construct.ts', 'app-validation.ts'].includes(f));

  test('there are pure engine modules to check', () => {
    expect(pure).toEqual(expect.arrayContaining(['settings.ts', 'engine.ts', 'podspec.ts', 'configmaps.ts', 'rule.ts']));
  });

  test.each(pure)('%s imports only lib/core modules and generated imports, no construct library', (file) => {
    const outside = importsOf(file).filter((i) => !i.startsWith('./') && !i.startsWith('../../imports/'));
    expect(outside).toEqual([]);
  });

  test('settings import nothing but the rule types and the CIDR grammar', () => {
    expect(importsOf('settings.ts')).toEqual(['./cidr', './rule']);
    expect(importsOf('cidr.ts')).toEqual([]);
  });
});

describe('the registry and its validators', () => {
  const LIB = path.join(__dirname, '..', '..', 'lib');

  /** Every lib module the file reaches through relative imports. */
  function closure(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const src = fs.readFileSync(file, 'utf8');
    for (const m of src.matchAll(/^(?:import|export)\s[^'"]*['"](\.[^'"]+)['"]/gm)) {
      const target = path.resolve(path.dirname(file), m[1]);
      for (const candidate of [`${target}.ts`, path.join(target, 'index.ts')]) {
        if (candidate.startsWith(LIB) && fs.existsSync(candidate)) closure(candidate, seen);
      }
    }
    return seen;
  }

  // The construct base imports the app validation, which imports the registry:
  // a validator that reached a construct module would close that cycle, and the
  // class would be undefined when its subclass is declared (depending on import order).
  test('no validator reaches a construct module (no import cycle through the registry)', () => {
    const reached = [...closure(path.join(LIB, 'registry.ts'))].map((f) => path.relative(LIB, f));
    expect(reached).toEqual(expect.arrayContaining(['serving/validator.ts', 'secrets/validator.ts']));
    expect(reached.filter((f) => f === 'core/construct.ts' || f === 'core/app-validation.ts')).toEqual([]);
  });
});
