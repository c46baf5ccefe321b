// Property tests: for arbitrary props, synth either succeeds with schema-valid
// output (checked by the Testing.synth wrapper) or fails with rule messages only,
// never with an exception from inside the library.
import { Chart, Duration, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { AgentKnativeService, AgentKnativeServiceProps, AgentValidationError, AppValidation, ScalingClass, ScalingMetric, ScalingOptions, Visibility } from '../../lib';

const RUNS = { numRuns: 150, seed: 20261123 };

/** Synthesizes one service: its manifest, or the error lines of a failed synth. */
function attempt(props: AgentKnativeServiceProps, name = 'agent'): { svc?: any; errors: string[] } {
  const app = Testing.app();
  AppValidation.of(app).reporter = () => undefined; // warnings do not fail synth; not asserted here
  const chart = new Chart(app, 'prop', { namespace: 'agents' });
  new AgentKnativeService(chart, name, props);
  try {
    return { svc: Testing.synth(chart)[0], errors: [] };
  } catch (e) {
    if (!(e instanceof AgentValidationError)) throw e;
    return { errors: e.message.split('\n').slice(1).map((l) => l.trim()).filter((l) => l.startsWith('error ')) };
  }
}

const smallInt = fc.integer({ min: -5, max: 2000 });
const anyNumber = fc.oneof(smallInt, fc.double({ min: -10, max: 2000, noNaN: true }));
const seconds = fc.integer({ min: -10, max: 7200 }).map((s) => Duration.millis(Math.abs(s) * (s % 7 === 0 ? 1500 : 1000)));

const scalingArb: fc.Arbitrary<ScalingOptions> = fc.record({
  minScale: smallInt, maxScale: smallInt, initialScale: smallInt, activationScale: smallInt,
  target: anyNumber, targetUtilizationPercentage: anyNumber,
  metric: fc.constantFrom(ScalingMetric.CONCURRENCY, ScalingMetric.RPS, ScalingMetric.CPU, ScalingMetric.MEMORY),
  class: fc.constantFrom(ScalingClass.KPA, ScalingClass.HPA),
  scaleDownDelay: seconds, window: seconds, scaleToZeroRetention: seconds,
  panicWindowPercentage: anyNumber, panicThresholdPercentage: anyNumber, targetBurstCapacity: anyNumber,
}, { requiredKeys: [] });

const propsArb: fc.Arbitrary<AgentKnativeServiceProps> = fc.record({
  image: fc.oneof(fc.constant('ghcr.io/acme/agent:1.0'), fc.string({ maxLength: 30 })),
  port: fc.integer({ min: -1, max: 70000 }),
  containerConcurrency: smallInt,
  timeout: seconds,
  responseStartTimeout: seconds,
  scaling: scalingArb,
  visibility: fc.constantFrom(Visibility.PUBLIC, Visibility.CLUSTER_LOCAL),
  env: fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 10 }), { maxKeys: 4 }),
  traffic: fc.array(fc.record({ revisionName: fc.constantFrom(undefined, 'agent-v1', 'other-v1', 'Bad Name'), percent: smallInt,
    tag: fc.constantFrom(undefined, 'canary', 'Canary', 'x'.repeat(70)) }), { maxLength: 3 }),
}, { requiredKeys: ['image'] });

test('arbitrary props: either schema-valid output or rule messages, never an internal exception', () => {
  fc.assert(fc.property(propsArb, fc.stringMatching(/^[a-zA-Z0-9.-]{1,70}$/), (props, name) => {
    const { svc, errors } = attempt(props, name);
    if (svc) expect(errors).toEqual([]);
    for (const line of errors) expect(line).toMatch(/^error \[(KSVC|PROFILE|SECRET|PROPS|POD|SCHEMA|ENGINE|APP)-([A-Z]+-)?\d{3}\] prop\/\S+: .+ = .+: .+\. Fix: .+/);
  }), RUNS);
});

test('KSVC-SCALE-006 fires exactly when max-scale is set, non-zero and below min-scale', () => {
  fc.assert(fc.property(fc.nat(50), fc.nat(50), (minScale, maxScale) => {
    const { errors } = attempt({ image: 'ghcr.io/acme/agent:1.0', scaling: { minScale, maxScale } });
    expect(errors.some((l) => l.includes('[KSVC-SCALE-006]'))).toBe(maxScale !== 0 && maxScale < minScale);
  }), RUNS);
});

test('traffic is accepted exactly when the whole percents sum to 100', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 4 }), (percents) => {
    const traffic = percents.map((percent, i) => (i === 0 ? { latestRevision: true, percent } : { revisionName: `agent-v${i}`, percent }));
    const { errors } = attempt({ image: 'ghcr.io/acme/agent:1.0', traffic });
    const sum = percents.reduce((a, b) => a + b, 0);
    expect(errors.some((l) => l.includes('[KSVC-TRAFFIC-002]'))).toBe(sum !== 100);
  }), RUNS);
});

test('valid scaling settings always synthesize, as string annotations', () => {
  const valid = fc.record({
    minScale: fc.integer({ min: 0, max: 5 }),
    extra: fc.integer({ min: 0, max: 20 }),
    target: fc.integer({ min: 1, max: 1000 }),
    targetUtilizationPercentage: fc.integer({ min: 1, max: 100 }),
    window: fc.integer({ min: 6, max: 3600 }),
    scaleDownDelay: fc.integer({ min: 0, max: 3600 }),
    panicWindowPercentage: fc.integer({ min: 1, max: 100 }),
    panicThresholdPercentage: fc.integer({ min: 110, max: 1000 }),
  });
  fc.assert(fc.property(valid, (v) => {
    const scaling: ScalingOptions = {
      minScale: v.minScale, maxScale: v.minScale + v.extra + 2, activationScale: Math.max(2, v.minScale),
      target: v.target, targetUtilizationPercentage: v.targetUtilizationPercentage,
      window: Duration.seconds(v.window), scaleDownDelay: Duration.seconds(v.scaleDownDelay),
      panicWindowPercentage: v.panicWindowPercentage, panicThresholdPercentage: v.panicThresholdPercentage,
    };
    const { svc, errors } = attempt({ image: 'ghcr.io/acme/agent:1.0', scaling });
    expect(errors).toEqual([]);
    for (const value of Object.values(svc.spec.template.metadata.annotations)) expect(typeof value).toBe('string');
  }), RUNS);
});
