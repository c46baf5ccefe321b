// The fast YAML parse of check (js-yaml) against the yaml package it stands in
// for: the same values on every YAML file of the repository's fixtures and
// dist/, the same document numbering, and positions found by parsing only the
// document a finding is in.
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { parseFast, SourceText } from '../../lib/cli/manifests';

const ROOT = path.join(__dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

const bySlowParser = (text: string) => {
  const docs = parseAllDocuments(text, { merge: true, logLevel: 'error' });
  const list = Array.isArray(docs) ? docs : [];
  return list.some((d) => d.errors.length > 0) ? undefined : list.map((d) => d.toJS());
};

describe('the fast parse', () => {
  const files = [...yamlFiles(path.join(ROOT, 'test', 'fixtures')), ...yamlFiles(path.join(ROOT, 'dist')), path.join(ROOT, 'cdk8s-agents.yaml')];

  test('reads every valid YAML file of the fixtures and dist/ as the yaml package does', () => {
    const differ: string[] = [];
    let compared = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const slow = bySlowParser(text);
      if (slow === undefined) continue; // a syntax error: the yaml package reports it
      const fast = parseFast(text);
      compared++;
      // A comment-only file is no document to one and a null one to the other: both mean nothing to check.
      const meaningful = (docs: unknown[] | undefined) => JSON.stringify((docs ?? []).filter((d) => d !== null && d !== undefined));
      if (fast === undefined || meaningful(fast) !== meaningful(slow) || (fast.length !== slow.length && slow.length > 0)) differ.push(path.relative(ROOT, file));
    }
    expect(compared).toBeGreaterThan(50);
    expect(differ).toEqual([]);
  });

  test('refuses what the yaml package refuses (duplicate keys, broken flow collections): the slow parser then words the error', () => {
    expect(parseFast('a: 1\na: 2\n')).toBeUndefined();
    expect(parseFast('k: [1, 2\n')).toBeUndefined();
  });

  test('YAML 1.2 core values and `<<` merge keys, as the yaml package reads them; no timestamps', () => {
    expect(parseFast('a: yes\nb: 2001-12-14\nc: 0o17\nd: ~\nbase: &b {x: 1}\ne:\n  <<: *b\n  y: 2\n')).toEqual([
      { a: 'yes', b: '2001-12-14', c: 15, d: null, base: { x: 1 }, e: { x: 1, y: 2 } },
    ]);
  });
});

describe('positions from the one document a finding is in', () => {
  const text = '# a preamble comment\n---\na: 1\n---\n# a comment\nkind: X\nspec:\n  b: 2\n---\nc: 3\n';

  test('the node of document 2 is found in its own text, at its line in the file', () => {
    const source = new SourceText(text);
    const { node, offset } = source.nodeOf(2, { kind: 'X', spec: { b: 2 } });
    const spec = (node as any).get('spec', true);
    expect(source.position(offset + spec.items[0].key.range[0])).toEqual({ line: 8, column: 3 });
    // Only the document was parsed: the whole-file parse never ran.
    expect((source as any).nodes).toBeUndefined();
  });

  test('a document that does not read back as the object (a cut in doubt) falls back to the whole file, with the same answer', () => {
    const source = new SourceText(text);
    const { node, offset } = source.nodeOf(2, { kind: 'other' });
    expect(offset).toBe(0);
    expect(source.position((node as any).get('spec', true).items[0].key.range[0])).toEqual({ line: 8, column: 3 });
    expect((source as any).nodes).toHaveLength(3);
  });

  test('directives or `...` markers: the whole file is parsed', () => {
    const source = new SourceText('%YAML 1.2\n---\na: 1\n...\n---\nb: 2\n');
    expect(source.nodeOf(2, { b: 2 }).offset).toBe(0);
  });
});
