// The YAML writer against cdk8s's Yaml.stringify: byte-identical on anything,
// and fast only where it is exact (Yaml.stringify is not called for plain manifests).
import { Yaml } from 'cdk8s';
import fc from 'fast-check';
import { stringifyManifests } from '../lib/yaml-writer';

const SEED = 20261202;

/** Strings YAML treats specially, beside random ones. */
const tricky = fc.constantFrom(
  '', ' ', 'yes', 'No', 'ON', 'off', 'y', 'N', 'null', 'Null', '~', 'true', 'False', '0', '-0', '007', '0o17', '0x1F', '1e3', '1_000', '1:20', '.inf', '-.Inf',
  '.nan', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '---', '...', '- x', '-', '?', ':', 'a: b', 'a:b', 'a #b', 'a#b', '#x', '%x', '@x', '`x', '!x', '&x', '*x',
  '|', '>', "'x", '"x', "x'", 'x ', ' x', 'x\ny', 'x\n', '\n', '\t', 'é', '日本', '\u2028', '\u0000', 'x'.repeat(1100), '<<', '=', '{a}', '[a]', ',', 'a,b',
  'ghcr.io/acme/agent:1.0.0', 'http://x.y:80/p', 'a:', 'a::', 'a: ', 'a:#', 'serving.knative.dev/v1', 'autoscaling.knative.dev/max-scale', '10.20.0.0/16', 'PT30S', '*/5 * * * *',
);
const str = fc.oneof(tricky, fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_./:-]{0,20}$/));
const num = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 0.5, 1e21, 1e-7, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity));

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    str, num, fc.boolean(), fc.constant(null), fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(str, tie('value'), { maxKeys: 5 }),
  ),
}));
const manifest = fc.oneof(fc.dictionary(str, value, { minKeys: 1, maxKeys: 6 }), value);

describe('stringifyManifests', () => {
  test('writes what Yaml.stringify writes, for any JSON-like documents', () => {
    fc.assert(fc.property(fc.array(manifest, { maxLength: 3 }), (docs) => {
      expect(stringifyManifests(docs)).toBe(Yaml.stringify(...docs));
    }), { seed: SEED, numRuns: process.env.YAML_WRITER_RUNS ? Number(process.env.YAML_WRITER_RUNS) : 3000 });
  });

  test('agrees on every short word of the plain alphabet (where YAML 1.1 hides booleans, nulls and floats like `e5`)', () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:-';
    const small = 'aeEfFlnNoOsStTuUyY019_.:-'; // the letters of YAML's reserved words, digits and punctuation
    const words = [...alphabet].flatMap((a) => [a, ...[...alphabet].map((b) => a + b)]);
    for (const a of small) for (const b of small) for (const c of small) words.push(a + b + c);
    words.push('yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'false', 'False', 'off', 'Off', 'null', 'Null', 'NULL', 'e-5', 'E10', 'nULL', 'tRUE');
    const docs = words.map((w) => ({ [w]: w, nested: { [w]: [w, { [w]: w }] } }));
    const expected = Yaml.stringify(...docs).split('---\n');
    const actual = stringifyManifests(docs).split('---\n');
    expect(actual.filter((doc, i) => doc !== expected[i])).toEqual([]);
  });

  test('writes shared references and non-plain objects as Yaml.stringify does (anchors, toJSON)', () => {
    const shared = { a: 1 };
    const docs = [{ x: shared, y: shared }, { when: new Date(0) }, { list: [shared, shared] }, { m: new Map([['a', 1]]) }];
    expect(stringifyManifests(docs)).toBe(Yaml.stringify(...docs));
    expect(stringifyManifests(docs)).toContain('&a1');
  });

  test('does not ask Yaml.stringify about a plain manifest', () => {
    const spy = jest.spyOn(Yaml, 'stringify');
    try {
      const doc = {
        apiVersion: 'serving.knative.dev/v1',
        kind: 'Service',
        metadata: { name: 'triage', namespace: 'agents', labels: { 'app.kubernetes.io/name': 'triage' }, annotations: {} },
        spec: { template: { spec: { containerConcurrency: 1, containers: [{ name: 'agent', image: 'ghcr.io/acme/triage', ports: [{ containerPort: 8080 }], args: [] }] } } },
      };
      const out = stringifyManifests([doc, doc]);
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
      expect(out).toBe(Yaml.stringify(doc, doc));
    } finally {
      spy.mockRestore();
    }
  });

  test('asks Yaml.stringify once per distinct scalar that needs quoting', () => {
    const spy = jest.spyOn(Yaml, 'stringify');
    try {
      stringifyManifests([{ a: 'quoted: once-7f3a', b: 'quoted: once-7f3a' }, { c: 'quoted: once-7f3a' }]);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});
