import { idsOf, manifestErrors } from '../support/rule-cases';
import { configuration } from './configuration.cases';
import { PinnedVector } from './configuration.vectors';
import { route } from './route.cases';
import { SETS } from './route.vectors';
import { measure, runVector } from './upstream-vectors';

describe('Route', () => {
  test('the upstream messages are kept in the findings', () => {
    expect(manifestErrors([route([{ percent: 100 }])])[0]).toContain('expected exactly one of revisionName and configurationName, got neither');
    expect(manifestErrors([route([{ revisionName: 'a', percent: 90 }])])[0]).toContain('the percents sum to 90, want 100');
    expect(manifestErrors([route([{ configurationName: 'triage', latestRevision: false, percent: 100 }]), configuration()])[0])
      .toContain('may not set revisionName "" when latestRevision is false');
  });

  test('a Configuration is found by name in the Route\'s namespace; a Knative Service stands for the Configuration of its name', () => {
    const service = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'triage', namespace: 'agents' }, spec: { template: { spec: { containers: [{ image: 'ghcr.io/acme/agent:1.0.0' }] } } } };
    const traffic = [{ configurationName: 'triage', percent: 100 }];
    expect(idsOf(manifestErrors([route(traffic), service]))).toEqual([]);
    expect(idsOf(manifestErrors([route(traffic), { ...service, metadata: { name: 'triage', namespace: 'web' } }]))).toEqual(['KROUTE-REF-001']);
    expect(idsOf(manifestErrors([route(traffic)], {}, true))).toEqual(['REF-001']);
  });

  test('garbage is reported, never thrown', () => {
    const garbage: unknown[] = [null, 'x', [], { traffic: null }, { traffic: 'x' }, { traffic: [null, 5, 'x', []] }, { traffic: [{ percent: '50', tag: 5, revisionName: {}, configurationName: [] }] }];
    for (const spec of garbage) {
      const lines = manifestErrors([{ ...route([]), spec }]);
      expect(lines.every((l) => /^(error|warning) \[[A-Z0-9-]+\] /.test(l))).toBe(true);
      expect(idsOf(lines)).not.toContain('ENGINE-001');
    }
  });
});

// knative/serving knative-v1.22.1 route_validation_test.go, as Routes (and,
// for a default configuration name, Services).
describe.each(SETS.map((s) => [s.kind, s] as const))('the upstream webhook test table: %s', (_, set) => {
  test.each(set.vectors.map((v) => [v.test.replace(/^\S+ /, ''), v as PinnedVector] as const))('%s', (__, v) => {
    const run = runVector(v);
    expect(run.ids).toEqual(v.ids);
    expect(['agrees', 'refused-beyond-admission']).toContain(run.outcome);
  });

  test('agreement', () => {
    // eslint-disable-next-line no-console
    console.log(measure(set));
  });
});
