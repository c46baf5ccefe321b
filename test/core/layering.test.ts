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
