// Props at the boundary, as plain JavaScript (or a config file) passes them:
// every bad prop is a PROPS-* finding naming the prop, never a TypeError, and
// no YAML is produced. The other props still render, and their manifest
// findings come in the same synth.
import { App, Chart, Testing } from 'cdk8s';
import { AgentKnativeService, AgentValidationError, AppValidation, ClusterProfile, Finding } from '../../lib';
import { ShapeOf, T } from '../../lib/construct/props';
import { agent } from '../serving/fixtures';
import { synthErrors } from '../support/rule-cases';

const IMAGE = 'ghcr.io/acme/agent:1.0.0';

function setup(): { app: App; chart: Chart } {
  const app = Testing.app();
  const chart = new Chart(app, 'chart', { namespace: 'agents' });
  AppValidation.of(app).reporter = () => undefined;
  return { app, chart };
}

/** Synthesizes the chart; expects our error (not a TypeError) and returns its findings. */
function findings(chart: Chart): readonly Finding[] {
  let caught: unknown;
  let docs: unknown;
  try {
    docs = Testing.synth(chart);
  } catch (e) {
    caught = e;
  }
  expect(docs).toBeUndefined();
  expect(caught).not.toBeInstanceOf(TypeError);
  expect(caught).toBeInstanceOf(AgentValidationError);
  return (caught as AgentValidationError).report.errors;
}

/** Constructs an agent from untyped props, as JavaScript would. */
const fromJs = (chart: Chart, props: unknown, id = 'agent') => new AgentKnativeService(chart, id, props as any);

describe('AgentKnativeService props from plain JavaScript', () => {
  test('fails if visibility is the text "cluster_local" (PROPS-001 suggesting Visibility.CLUSTER_LOCAL), and no YAML is produced', () => {
    const { chart } = setup();
    fromJs(chart, { image: IMAGE, visibility: 'cluster_local' });
    const f = findings(chart);
    expect(f.map((x) => [x.rule.id, x.prop, x.value])).toEqual([['PROPS-001', 'visibility', 'cluster_local']]);
    expect(f[0].problem).toBe('not a member of Visibility (Visibility.PUBLIC, Visibility.CLUSTER_LOCAL)');
    expect(f[0].fix).toBe('use Visibility.CLUSTER_LOCAL');
    expect(f[0].where).toBe('chart/agent');
  });

  test('GIVEN visibility "public", the value of Visibility.PUBLIC WHEN synthesized THEN it is accepted', () => {
    const { chart } = setup();
    fromJs(chart, { image: IMAGE, visibility: 'public' });
    const [svc] = Testing.synth(chart);
    expect(svc.metadata.labels ?? {}).not.toHaveProperty(['networking.knative.dev/visibility']);
  });

  test('fails if timeout is the number 90 (PROPS-001 naming timeout and Duration.seconds), never a TypeError', () => {
    const { chart } = setup();
    fromJs(chart, { image: IMAGE, timeout: 90 });
    const f = findings(chart);
    expect(f.map((x) => [x.rule.id, x.prop, x.value])).toEqual([['PROPS-001', 'timeout', 90]]);
    expect(f[0].problem).toBe('expected a cdk8s Duration, got number 90');
    expect(f[0].fix).toContain('Duration.seconds');
  });

  test('fails if port is the string "8080" (PROPS-001)', () => {
    const { chart } = setup();
    fromJs(chart, { image: IMAGE, port: '8080' });
    const f = findings(chart);
    expect(f.map((x) => [x.rule.id, x.prop, x.value])).toEqual([['PROPS-001', 'port', '8080']]);
    expect(f[0].problem).toBe('expected a number, got the string "8080"');
  });

  test('fails if scaling has a misspelt key (PROPS-002, did you mean `scaling.maxScale`)', () => {
    const { chart } = setup();
    fromJs(chart, { image: IMAGE, scaling: { maxscale: 3 } });
    const f = findings(chart);
    expect(f.map((x) => [x.rule.id, x.prop, x.value])).toEqual([['PROPS-002', 'scaling.maxscale', 3]]);
    expect(f[0].fix).toBe('did you mean `scaling.maxScale`?');
  });

  test('fails if image is misspelt `imag` (PROPS-002) and so missing (PROPS-001)', () => {
    const { chart } = setup();
    fromJs(chart, { imag: 'x' });
    const f = findings(chart);
    expect(f.map((x) => [x.rule.id, x.prop])).toEqual([['PROPS-002', 'imag'], ['PROPS-001', 'image']]);
    expect(f[0].fix).toBe('did you mean `image`?');
    expect(f[1].problem).toBe('expected a non-empty string, got undefined');
  });

  test.each([
    ['undefined', undefined, 'expected a props object, got undefined'],
    ['null', null, 'expected a props object, got null'],
    ['a string', IMAGE, `expected a props object, got the string "${IMAGE}"`],
  ])('fails if props is %s (PROPS-001), not a TypeError', (_, props, problem) => {
    const { chart } = setup();
    fromJs(chart, props);
    const f = findings(chart);
    expect(f.map((x) => [x.rule.id, x.prop])).toEqual([['PROPS-001', 'props']]);
    expect(f[0].problem).toBe(problem);
  });

  test('GIVEN several bad agents WHEN synthesized THEN each agent\'s prop findings are reported, and the manifest findings of the others', () => {
    const { chart } = setup();
    fromJs(chart, { image: IMAGE, port: '8080' }, 'a');
    fromJs(chart, { image: IMAGE, port: 9090 }, 'b');
    expect(findings(chart).map((x) => [x.rule.id, x.where])).toEqual([['PROPS-001', 'chart/a'], ['KSVC-CTR-002', 'chart/b']]);
  });

  test('GIVEN one agent with a bad prop and a rule error from another prop WHEN synthesized THEN both are reported in one synth', () => {
    const { chart } = setup();
    fromJs(chart, { image: IMAGE, port: 9090, timeout: 90 });
    expect(findings(chart).map((x) => [x.rule.id, x.prop])).toEqual([['PROPS-001', 'timeout'], ['KSVC-CTR-002', 'port']]);
  });

  test('GIVEN a bad prop WHEN synthesized THEN the manifest findings it would cause are not echoed (the default it falls back to, a missing required prop)', () => {
    const { chart } = setup();
    // image is required: rendered without it, KSVC-CTR-001 would fire on the field `image` writes.
    fromJs(chart, { image: 42, scaling: { maxScale: '3' } });
    expect(findings(chart).map((x) => [x.rule.id, x.prop])).toEqual([['PROPS-001', 'image'], ['PROPS-001', 'scaling.maxScale']]);
  });
});

describe('addOverride paths that would reach Object.prototype', () => {
  afterEach(() => {
    delete (Object.prototype as any).polluted;
    delete (Object.prototype as any).x;
  });

  test('fails if the override path is "__proto__.polluted" (PROPS-001), and no object is polluted', () => {
    const { chart } = setup();
    new AgentKnativeService(chart, 'agent', { image: IMAGE }).addOverride('__proto__.polluted', 1);
    const f = findings(chart);
    expect(f.map((x) => [x.rule.id, x.prop, x.value])).toEqual([['PROPS-001', 'addOverride(path)', '__proto__.polluted']]);
    expect(f[0].problem).toContain('"__proto__"');
    expect(({} as any).polluted).toBeUndefined();
  });

  test('fails if an array path uses "constructor" (PROPS-001), and nothing is changed', () => {
    const { chart } = setup();
    new AgentKnativeService(chart, 'agent', { image: IMAGE }).addOverride(['a', 'constructor', 'x'], 1);
    const f = findings(chart);
    expect(f.map((x) => [x.rule.id, x.value])).toEqual([['PROPS-001', ['a', 'constructor', 'x']]]);
    expect(({} as any).x).toBeUndefined();
    expect((Object as any).x).toBeUndefined();
  });

  test.each([['prototype.x'], ['spec..template'], ['']])('fails if the override path is %j (PROPS-001)', (p) => {
    const { chart } = setup();
    new AgentKnativeService(chart, 'agent', { image: IMAGE }).addOverride(p, 1);
    expect(findings(chart).map((x) => x.rule.id)).toEqual(['PROPS-001']);
  });

  test('GIVEN a valid override path with a dotted key WHEN synthesized THEN it reaches the YAML', () => {
    const { chart } = setup();
    new AgentKnativeService(chart, 'agent', { image: IMAGE }).addOverride(['spec', 'template', 'metadata', 'annotations', 'example.com/owner'], 'team-a');
    const [svc] = Testing.synth(chart);
    expect(svc.spec.template.metadata.annotations).toEqual({ 'example.com/owner': 'team-a' });
  });
});

describe('ClusterProfile props from plain JavaScript', () => {
  test('fails if maxScaleLimit is the string "10" (PROPS-001 at the profile)', () => {
    const { app, chart } = setup();
    new AgentKnativeService(chart, 'agent', { image: IMAGE });
    new ClusterProfile(app, 'cluster', { maxScaleLimit: '10' } as any);
    const f = findings(chart);
    expect(f.map((x) => [x.rule.id, x.prop, x.value, x.where])).toEqual([['PROPS-001', 'maxScaleLimit', '10', 'cluster']]);
  });

  test('fails if a feature flag is given as text in the wrong case (PROPS-001 suggesting the member)', () => {
    const { app, chart } = setup();
    new AgentKnativeService(chart, 'agent', { image: IMAGE });
    new ClusterProfile(app, 'cluster', { features: { podspecNodeSelector: 'enabled' } } as any);
    const f = findings(chart);
    expect(f.map((x) => [x.rule.id, x.prop])).toEqual([['PROPS-001', 'features.podspecNodeSelector']]);
    expect(f[0].fix).toBe('use FeatureState.ENABLED');
  });

  test('GIVEN a feature flag as its exact value text "Enabled" WHEN synthesized THEN it is accepted and opens the gate', () => {
    const { app, chart } = setup();
    new AgentKnativeService(chart, 'agent', { image: IMAGE }).addOverride('spec.template.spec.nodeSelector', { gpu: 'true' });
    const profile = new ClusterProfile(app, 'cluster', { features: { podspecNodeSelector: 'Enabled' } } as any);
    expect(profile.feature('podspecNodeSelector')).toBe('Enabled');
    expect(Testing.synth(chart)[0].spec.template.spec.nodeSelector).toEqual({ gpu: 'true' });
  });
});

describe('shapes are checked against their props interface when compiled', () => {
  interface ExampleProps {
    readonly image: string;
    readonly port?: number;
    readonly scaling?: { readonly min?: number; readonly max?: number };
  }

  test('a shape that lists every prop compiles; one missing a prop, or with a key that is no prop, does not (tsc checks the expect-error lines)', () => {
    const scaling = T.object<NonNullable<ExampleProps['scaling']>>({ min: T.number(), max: T.number() });
    const complete = { image: T.string(), port: T.number(), scaling } satisfies ShapeOf<ExampleProps>;
    // @ts-expect-error `port` (an optional prop) is missing from the shape
    const missing = { image: T.string(), scaling } satisfies ShapeOf<ExampleProps>;
    // @ts-expect-error `portt` is no prop of ExampleProps
    const extra = { image: T.string(), port: T.number(), portt: T.number(), scaling } satisfies ShapeOf<ExampleProps>;
    // @ts-expect-error a nested options object is checked too: `max` is missing
    const nested = T.object<NonNullable<ExampleProps['scaling']>>({ min: T.number() });
    expect([complete, missing, extra, nested].every((x) => x !== undefined)).toBe(true);
  });

  test('every construct of the library declares its shape against its props (a missing prop would fail `tsc`)', () => {
    // The check is the compiler's: this only guards against the shapes being untyped again.
    const untyped = /const (?:[A-Z_]+_)?SHAPE(?:: PropShape)? = \{[^;]*\n\};/;
    const fs = require('fs') as typeof import('fs');
    const path = require('path') as typeof import('path');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(path.join(__dirname, '../../lib'));
    expect(files.filter((f) => untyped.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(path.join(__dirname, '../..'), f))).toEqual([]);
  });
});

describe('error messages', () => {
  it('name a JavaScript caller\'s enum mistake and the member to use', () => {
    const [line] = synthErrors((c) => agent(c, { visibility: 'cluster_local' as any }));
    expect(line).toBe('error [PROPS-001] test/agent: visibility = "cluster_local": not a member of Visibility (Visibility.PUBLIC, Visibility.CLUSTER_LOCAL). Fix: use Visibility.CLUSTER_LOCAL');
  });

  it('name the prop and the Duration to use for a number where a Duration is expected', () => {
    const [line] = synthErrors((c) => agent(c, { timeout: 90 as any }));
    expect(line).toBe('error [PROPS-001] test/agent: timeout = 90: expected a cdk8s Duration, got number 90. Fix: use `Duration.seconds(n)` (or minutes, hours) from cdk8s');
  });
});
