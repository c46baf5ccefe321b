// The construct base: props checked against their shape, the invalid-props
// fallback, metadata from the common props, and the record of which prop
// wrote which field (`fromProp` marks), which findings use to name the prop.
import { ApiObject, Chart, Lazy, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { AppValidation } from '../../lib';
import { AgentConstruct, fromProp, _withoutMarks } from '../../lib/construct/construct';
import { ShapeOf, T } from '../../lib/construct/props';

interface ExampleProps {
  readonly value: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly options?: { readonly retry?: number; readonly mode?: string };
}

const SHAPE = {
  value: T.string(),
  name: T.string(),
  namespace: T.string(),
  labels: T.record(T.string()),
  options: T.object<NonNullable<ExampleProps['options']>>({ retry: T.number(), mode: T.string() }),
} satisfies ShapeOf<ExampleProps>;

/** A ConfigMap whose data the props write, and a second object beside it. */
class Example extends AgentConstruct<ExampleProps> {
  public readonly resource: ApiObject;
  public readonly second: ApiObject;
  public renders = 0;
  public extra?: string;

  public constructor(scope: Construct, id: string, props: ExampleProps) {
    super(scope, id, props, SHAPE, ['value']);
    this.resource = this.createResource({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: this.metadata({ labels: { 'example.com/kind': fromProp('value', 'example') } }),
      data: Lazy.any({ produce: () => this.renderData() }),
    });
    this.second = this.createObject('Second', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${this.resourceName}-2` }, data: { value: fromProp('options', 'x') } });
  }

  /** The props as the subclass sees them (the valid props, or none). */
  public get seen(): Partial<ExampleProps> {
    return this.props;
  }

  private renderData(): Record<string, unknown> {
    this.renders++;
    const o = this.props.options;
    return {
      value: fromProp('value', this.props.value),
      retry: fromProp('options', o && fromProp('options.retry', o.retry === undefined ? undefined : String(o.retry))),
      ...(this.extra ? { extra: fromProp('extra', this.extra) } : {}),
    };
  }
}

function setup() {
  const app = Testing.app();
  const chart = new Chart(app, 'chart', { namespace: 'agents' });
  AppValidation.of(app).reporter = () => undefined;
  return { app, chart };
}

describe('fromProp marks', () => {
  test('GIVEN marked values WHEN synthesized THEN the YAML holds the values only, and each field names the innermost prop above it', () => {
    const { chart } = setup();
    const e = new Example(chart, 'e', { value: 'v', labels: { team: 'a' }, options: { retry: 3 } });
    const [cm, second] = Testing.synth(chart);
    expect(cm).toEqual({
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: 'e', namespace: 'agents', labels: { 'team': 'a', 'example.com/kind': 'example' } },
      data: { value: 'v', retry: '3' },
    });
    expect(second.data).toEqual({ value: 'x' });
    expect(['data.value', 'data.retry', 'data["retry"]', 'data.other', 'metadata.name', 'metadata.namespace', 'metadata.labels["team"]',
      'metadata.labels["example.com/kind"]', 'metadata.labels key', 'kind'].map((f) => e._propOf(f)))
      .toEqual(['value', 'options.retry', 'options.retry', undefined, 'name', 'namespace', 'labels', 'value', 'labels', undefined]);
  });

  test('a mark on a value left out still names the prop of the missing field', () => {
    const { chart } = setup();
    const e = new Example(chart, 'e', { value: 'v', options: {} });
    expect(Testing.synth(chart)[0].data).toEqual({ value: 'v' });
    expect(e._propOf('data.retry')).toBe('options.retry');
  });

  test('each generated object has its own record; without an object, `Resource` answers', () => {
    const { chart } = setup();
    const e = new Example(chart, 'e', { value: 'v' });
    Testing.synth(chart);
    expect([e._propOf('data.value'), e._propOf('data.value', e.resource), e._propOf('data.value', e.second), e._propOf('metadata.name', e.second)])
      .toEqual(['value', 'value', 'options', undefined]);
  });

  test('an override of the field, or of a field above it, wins over the marks; other fields keep their prop', () => {
    const { chart } = setup();
    const e = new Example(chart, 'e', { value: 'v' }).addOverride('data.value', 'w').addOverride(['metadata', 'labels'], { team: 'b' });
    expect(Testing.synth(chart)[0].data.value).toBe('w');
    expect([e._propOf('data.value'), e._propOf('metadata.labels["team"]'), e._propOf('data.retry')])
      .toEqual(['addOverride("data.value")', 'addOverride("metadata.labels")', 'options']);
  });

  test('a lazily rendered part is recorded again at each rendering', () => {
    const { chart } = setup();
    const e = new Example(chart, 'e', { value: 'v' });
    Testing.synth(chart);
    expect(e._propOf('data.extra')).toBeUndefined();
    e.extra = 'later';
    expect(Testing.synth(chart)[0].data.extra).toBe('later');
    expect(e._propOf('data.extra')).toBe('extra');
  });

  test('_withoutMarks gives a render helper\'s output without marks, and the prop of each field', () => {
    const rendered = _withoutMarks({ a: fromProp('p', { b: fromProp('p.b', 1), c: [fromProp('q', 2)] }), d: 3 });
    expect(rendered.value).toEqual({ a: { b: 1, c: [2] }, d: 3 });
    expect(['a', 'a.b', 'a.c', 'a.c[0]', 'd'].map((f) => rendered.propOf(f))).toEqual(['p', 'p.b', 'p', 'q', undefined]);
  });

  test('marks are taken out without changing the objects they were put in (user props stay as given)', () => {
    const inner = Object.freeze({ b: 1 });
    const outer = { a: fromProp('p', inner) };
    const rendered = _withoutMarks(outer);
    expect(rendered.value.a).toBe(inner);
    expect(outer.a).not.toBe(inner);
  });
});

describe('the invalid-props fallback and the common props', () => {
  test('GIVEN invalid props WHEN constructed THEN the subclass sees no props, the name is the id, and the prop is reported', () => {
    const { chart } = setup();
    const e = new Example(chart, 'e', { value: 42 } as any);
    expect(e.seen).toEqual({});
    expect(e._propFindings.map((f) => [f.rule.id, f.prop])).toEqual([['PROPS-001', 'value']]);
    expect(e.resource.name).toBe('e');
  });

  test('GIVEN valid props THEN the subclass sees them as given, and `name` names the objects', () => {
    const { chart } = setup();
    const props = { value: 'v', name: 'named' };
    const e = new Example(chart, 'e', props);
    expect(e.seen).toBe(props);
    expect([e.resource.name, e.second.name]).toEqual(['named', 'named-2']);
  });
});
