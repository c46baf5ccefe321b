// The architecture, as a test: dependencies point down. Every lib file belongs
// to a layer; it may import its own layer and the layers below, never above.
// The registry is handed down from the top; nothing below knows it.
import * as fs from 'fs';
import * as path from 'path';

const LIB = path.join(__dirname, '..', 'lib');

/** Bottom first. A folder (or top-level file) of lib/ per entry; entries of one row share a layer. */
const LAYERS: readonly (readonly string[])[] = [
  ['engine'], // pure validation: objects, findings, rules as data, the engine, schema checks
  ['k8s'], // Kubernetes and upstream grammar: names, quantities, CIDRs, selectors, cron, time zones
  ['settings'], // cluster settings as data, the ConfigMap reader, validator types bound to the settings
  ['pod'], // pod-spec checks (Knative and Kubernetes dialects), plain Kubernetes kinds
  ['construct'], // the construct base, props at the boundary, app validation (given its registry)
  ['secrets'], // what every agent container reads its secrets from
  ['container'], // the one agent container every pod template runs
  ['serving', 'network', 'eventing', 'workers', 'deployments', 'batch', 'rbac', 'storage', 'platform', 'gitops', 'observability'], // the domains
  ['registry.ts', 'validation.ts', 'app.ts', 'yaml-writer.ts', 'topology.ts', 'environments.ts', 'cli', 'index.ts'], // the top: knows every domain
];

/** Layers with no construct library: usable by `check` and tools without an app. */
const PURE = new Set(['engine', 'k8s', 'settings', 'pod']);

function layerOf(rel: string): number {
  const top = rel.split(path.sep)[0];
  const i = LAYERS.findIndex((row) => row.includes(top));
  if (i < 0) throw new Error(`lib/${rel} is in no layer: add its folder to LAYERS`);
  return i;
}

function libFiles(dir = LIB): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? libFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8');
  return [...src.matchAll(/^(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

function resolveLib(file: string, spec: string): string | undefined {
  const target = path.resolve(path.dirname(file), spec);
  for (const candidate of [`${target}.ts`, path.join(target, 'index.ts')]) {
    if (candidate.startsWith(LIB + path.sep) && fs.existsSync(candidate)) return path.relative(LIB, candidate);
  }
  return undefined;
}

const FILES = libFiles().map((f) => path.relative(LIB, f)).sort();

describe('layering of lib/', () => {
  test('every file is in a layer', () => {
    expect(FILES.filter((f) => { try { layerOf(f); return false; } catch { return true; } })).toEqual([]);
  });

  test.each(FILES)('%s imports nothing from a layer above its own', (rel) => {
    const own = layerOf(rel);
    const above = importsOf(path.join(LIB, rel))
      .map((spec) => ({ spec, target: spec.startsWith('.') ? resolveLib(path.join(LIB, rel), spec) : undefined }))
      .filter(({ target }) => target !== undefined && layerOf(target) > own)
      .map(({ spec, target }) => `${spec} (lib/${target}, layer ${LAYERS[layerOf(target!)].join('|')})`);
    expect(above).toEqual([]);
  });

  test.each(FILES.filter((f) => PURE.has(f.split(path.sep)[0])))('%s is pure: no cdk8s, constructs or cdk8s-plus', (rel) => {
    const libraries = importsOf(path.join(LIB, rel)).filter((spec) => /^(cdk8s|constructs|cdk8s-plus-28)(\/|$)/.test(spec));
    expect(libraries).toEqual([]);
  });

  test('only the top imports the registry', () => {
    const importers = FILES.filter((rel) => importsOf(path.join(LIB, rel)).some((spec) => spec.startsWith('.') && resolveLib(path.join(LIB, rel), spec) === 'registry.ts'));
    expect(importers.every((rel) => layerOf(rel) === LAYERS.length - 1)).toBe(true);
    expect(importers).toContain('validation.ts');
  });

  test('the check fails on an upward import (the test can fail)', () => {
    expect(layerOf(path.join('engine', 'engine.ts'))).toBeLessThan(layerOf(path.join('construct', 'construct.ts')));
    expect(() => layerOf('nowhere/x.ts')).toThrow(/in no layer/);
  });
});
