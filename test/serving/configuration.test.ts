import { dns1035PrefixProblem } from '../../lib/serving/agent-knative-service.validator';
import { RULE_CATALOGUE } from '../../lib/validation';
import { idsOf, manifestErrors } from '../support/rule-cases';
import { configuration } from './configuration.cases';
import { PinnedVector, SETS } from './configuration.vectors';
import { measure, runVector } from './upstream-vectors';

describe('Configuration', () => {
  test('is checked by the Service\'s rules for what upstream checks with the Service\'s functions, and by its own', () => {
    const ids = RULE_CATALOGUE.map((r) => r.id);
    expect(ids).toContain('KCFG-META-001');
    expect(idsOf(manifestErrors([configuration({}, { metadata: { annotations: { 'autoscaling.knative.dev/min-scale': '-1' } } })]))).toEqual(['KSVC-SCALE-005']);
  });

  test('the upstream messages are kept in the findings', () => {
    expect(manifestErrors([configuration({ name: undefined })])[0]).toContain('name or generateName is required');
    expect(manifestErrors([configuration({}, { metadata: { generateName: 'foo.bar' } })])[0]).toContain('not a DNS 1035 label prefix');
    expect(manifestErrors([configuration({ labels: { 'serving.knative.dev/service': 'x' } })])[0]).toContain('missing field(s): metadata.labels.serving.knative.dev/service');
  });

  test('garbage is reported, never thrown', () => {
    const garbage: unknown[] = [null, 'x', [], { template: null }, { template: 'x' }, { template: { metadata: 5, spec: [] } }, { template: { metadata: { name: 5, generateName: [] } } }];
    for (const spec of garbage) {
      const lines = manifestErrors([{ ...configuration(), spec }]);
      expect(lines.every((l) => /^(error|warning) \[[A-Z0-9-]+\] /.test(l))).toBe(true);
      expect(idsOf(lines)).not.toContain('ENGINE-001');
    }
    const meta = { name: 5, generateName: {}, labels: 'x', ownerReferences: 'y', annotations: [] };
    expect(idsOf(manifestErrors([{ apiVersion: 'serving.knative.dev/v1', kind: 'Configuration', metadata: meta }]))).not.toContain('ENGINE-001');
  });
});

describe('dns1035PrefixProblem (apimachinery NameIsDNS1035Label with prefix)', () => {
  test.each(['a', 'a-', 'triage-', 'valid-generatename', `${'a'.repeat(63)}-`, 'a.-'])('%s is a prefix', (p) => {
    // `a.-` is one too: apimachinery masks the last two characters of a trailing-dash prefix.
    expect(dns1035PrefixProblem(p)).toBeUndefined();
  });
  test.each(['foo.bar', 'Triage-', '1a-', '-', 'a_b-', `${'a'.repeat(64)}-`, 'a'.repeat(64)])('%s is not', (p) => {
    expect(dns1035PrefixProblem(p)).toBeDefined();
  });
});

// knative/serving knative-v1.22.1 configuration_validation_test.go and the
// revision-name rows of revision_validation_test.go, as Configurations.
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
