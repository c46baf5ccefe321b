import { groupKind, ObjectIndex } from '../../lib/k8s/object-index';

const at = (apiVersion: string, kind: string, name: string, namespace?: string) => ({ object: { apiVersion, kind, metadata: { name, namespace } }, where: `${kind}/${namespace}/${name}` });

describe('ObjectIndex', () => {
  const a = at('eventing.knative.dev/v1', 'Broker', 'events', 'team-a');
  const b = at('eventing.knative.dev/v1', 'Broker', 'events', 'team-b');
  const loose = at('eventing.knative.dev/v1', 'Broker', 'shared');
  const objects = [a, b, loose, { object: null, where: 'garbage' }, { object: { kind: 'X' }, where: 'no name' }];
  const index = ObjectIndex.of(objects);

  test('finds by group/kind, name and namespace', () => {
    expect(index.find('eventing.knative.dev/Broker', 'events', 'team-b')).toBe(b);
    expect(index.find('eventing.knative.dev/Broker', 'events', 'team-c')).toBeUndefined();
    expect(index.find('eventing.knative.dev/Trigger', 'events', 'team-a')).toBeUndefined();
  });

  test('an object without namespace matches any namespace, and an unset namespace matches the first of any', () => {
    expect(index.find('eventing.knative.dev/Broker', 'shared', 'team-z')).toBe(loose);
    expect(index.find('eventing.knative.dev/Broker', 'events', undefined)).toBe(a);
    expect(index.find('eventing.knative.dev/Broker', 'events', '')).toBe(a);
  });

  test('is built once per validation', () => {
    expect(ObjectIndex.of(objects)).toBe(index);
  });

  test('groupKind of the core group and a named group', () => {
    expect(groupKind('v1', 'Secret')).toBe('/Secret');
    expect(groupKind('apps/v1', 'Deployment')).toBe('apps/Deployment');
  });
});
