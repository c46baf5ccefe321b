import { idsOf, manifestErrors } from '../support/rule-cases';
import { PinnedVector } from './configuration.vectors';
import { revision } from './revision.cases';
import { SETS } from './revision.vectors';
import { measure, runVector } from './upstream-vectors';

describe('Revision', () => {
  test('its spec and annotations are checked at its own paths, as a template\'s', () => {
    const lines = manifestErrors([revision({ annotations: { 'autoscaling.knative.dev/target': '0' } }, { timeoutSeconds: 601 })]);
    expect(idsOf(lines)).toEqual(['KSVC-SCALE-003', 'KSVC-SPEC-001']);
    expect(lines.join('\n')).toContain('metadata.annotations["autoscaling.knative.dev/target"]');
    expect(lines.join('\n')).toContain('spec.timeoutSeconds');
  });

  test('garbage is reported, never thrown', () => {
    for (const spec of [null, 'x', [], { containers: null }, { containers: [null, 5] }]) {
      const lines = manifestErrors([{ ...revision(), spec }]);
      expect(lines.every((l) => /^(error|warning) \[[A-Z0-9-]+\] /.test(l))).toBe(true);
      expect(idsOf(lines)).not.toContain('ENGINE-001');
    }
  });
});

// knative/serving knative-v1.22.1 revision_validation_test.go, its rows of a Revision object.
describe.each(SETS.map((s) => [s.kind, s] as const))('the upstream webhook test table: %s', (_, set) => {
  test.each(set.vectors.map((v) => [v.test.replace(/^\S+ /, ''), v as PinnedVector] as const))('%s', (__, v) => {
    const run = runVector(v);
    expect(run.ids).toEqual(v.ids);
    expect(run.outcome).toBe('agrees');
  });

  test('agreement', () => {
    // eslint-disable-next-line no-console
    console.log(measure(set));
  });
});
