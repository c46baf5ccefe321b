// The metadata every check reads: as the API server decodes it into ObjectMeta.
import { goStringMap, withDecodedMeta } from '../../lib/engine/decoded-meta';
import { goDecodedFields } from '../../lib/engine/json';
import { validateObjects } from '../../lib/engine/engine';
import { REGISTRY } from '../../lib/registry';
import { DEFAULT_SETTINGS } from '../../lib/settings/settings';

const configMap = (metadata: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata });

describe('withDecodedMeta', () => {
  test('an empty or null namespace is none (the request\'s is used)', () => {
    expect(withDecodedMeta(configMap({ name: 'a', namespace: '' }))).toEqual(configMap({ name: 'a' }));
    expect(withDecodedMeta(configMap({ name: 'a', namespace: null }))).toEqual(configMap({ name: 'a' }));
  });

  test('a null label or annotation value is "" (the key stays)', () => {
    expect(withDecodedMeta(configMap({ name: 'a', labels: { x: null, y: 'b' }, annotations: { z: null } })))
      .toEqual(configMap({ name: 'a', labels: { x: '', y: 'b' }, annotations: { z: '' } }));
  });

  test('a null ownerReferences item is the zero OwnerReference (every field "", which META-003 refuses)', () => {
    const owner = { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: 'u' };
    expect(withDecodedMeta(configMap({ name: 'a', ownerReferences: [owner, null] }))).toEqual(configMap({ name: 'a', ownerReferences: [owner, {}] }));
    const written = configMap({ name: 'a', ownerReferences: [owner] });
    expect(withDecodedMeta(written)).toBe(written);
  });

  test('near miss: a written namespace and string values are kept, and the very object is returned', () => {
    const o = configMap({ name: 'a', namespace: 'agents', labels: { x: '' }, annotations: { y: 'b' } });
    expect(withDecodedMeta(o)).toBe(o);
  });

  test('never mutates what it is given; leaves non-objects and wrong types to the schema check', () => {
    const o = configMap({ name: 'a', namespace: '', labels: { x: null } });
    const copy = JSON.parse(JSON.stringify(o));
    withDecodedMeta(o);
    expect(o).toEqual(copy);
    expect(withDecodedMeta('text')).toBe('text');
    expect(withDecodedMeta(null)).toBe(null);
    expect(goStringMap(['a', null])).toEqual(['a', null]);
    expect(goStringMap({ n: 1 })).toEqual({ n: 1 });
  });
});

describe('validateObjects reads the decoded metadata', () => {
  const route = (namespace: unknown) => ({
    apiVersion: 'serving.knative.dev/v1', kind: 'Route',
    metadata: { name: 'r', namespace }, spec: { traffic: [{ revisionName: 'r-00001', percent: 100 }] },
  });
  const ids = (namespace: unknown) => validateObjects([{ object: route(namespace), where: 'r.yaml#0' }], DEFAULT_SETTINGS, REGISTRY, { closed: false })
    .findings.filter((f) => f.severity === 'error').map((f) => f.rule.id);

  test('fails if the namespace is not a DNS-1123 label', () => {
    expect(ids('Agents')).toEqual(['KSVC-NAME-004']);
  });

  test('an empty namespace is no namespace, for every check (KSVC-NAME-004 stays silent)', () => {
    expect(ids('')).toEqual([]);
  });

  test('the finding names the object without its empty namespace', () => {
    const r = validateObjects([{ object: { ...route(''), spec: {} }, where: 'r.yaml#0' }], DEFAULT_SETTINGS, REGISTRY);
    expect(r.findings.map((f) => f.object)).toContain('Route/r');
  });
});

describe('goDecodedFields: a kept node as the webhook decodes it into a Go struct', () => {
  const fields = ['retry', 'timeout'];
  test('a key in another case is its field; of two keys for one field the one that sorts last wins (the API server writes keys sorted); unknown keys are dropped', () => {
    expect(goDecodedFields({ Retry: 2, TIMEOUT: 'PT1S', other: 1 }, fields)).toEqual({ retry: 2, timeout: 'PT1S' });
    expect(goDecodedFields({ retry: 1, Retry: 2 }, fields)).toEqual({ retry: 1 });
    expect(goDecodedFields({ Retry: 2, retry: 1 }, fields)).toEqual({ retry: 1 });
    expect(goDecodedFields({ RETRY: 2, Retry: 3 }, fields)).toEqual({ retry: 3 });
  });
  test('near miss: exact keys are read as written', () => {
    expect(goDecodedFields({ retry: 3 }, fields)).toEqual({ retry: 3 });
  });
});
