// Runtime checks of construct props at the boundary: callers use plain
// JavaScript and values from config files, which the compiler never saw.
// A bad prop is a PROPS-* finding naming the prop, never a TypeError.
// Values made by static factories (SequenceStep.of, EventFilter.exact, ...)
// check their arguments the same way and carry the findings to the construct
// that receives them (`checkArgs`, `withArgFindings`).
import { Construct } from 'constructs';
import { CORE_RULES } from '../engine/core-rules';
import { FindingList, RawFinding } from '../engine/rule';
import { closest } from '../engine/text';
import { isDns1123Label } from '../k8s/names';

/** A runtime type of a prop. `check` reports into `out` and returns whether the value fits. */
export interface PropType {
  /** What is expected, for messages: `a Duration`, `a whole number ≥ 1`. */
  readonly expected: string;
  /** How to write a correct value. @default - the rule's generic fix */
  readonly hint?: string;
  check(value: unknown, prop: string, out: FindingList): boolean;
}

export type PropShape = Readonly<Record<string, PropType>>;

/**
 * The runtime shape of a props interface: one PropType per prop, optional
 * ones included. Declare shapes `satisfies ShapeOf<XProps>`, so a prop
 * missing from its shape (or a shape key that is no prop) does not compile.
 */
export type ShapeOf<P> = { readonly [K in keyof P]-?: PropType };

/** A value for messages: `undefined`, `number NaN`, `the string "x"`, `an array`. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return `an object (${(v as object).constructor?.name ?? 'Object'})`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 37) + '...' : v)}`;
  if (typeof v === 'function') return 'a function';
  return `${typeof v} ${String(v)}`;
}

function simple(expected: string, test: (v: unknown) => boolean, hint?: string): PropType {
  return {
    expected,
    hint,
    check(value, prop, out) {
      if (test(value)) return true;
      out.addProp(CORE_RULES.PROP_TYPE, prop, value, `expected ${expected}, got ${describe(value)}`, hint);
      return false;
    },
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
/** An object literal (a Date or a class instance is no options object: its fields are not keys). */
const isRecord = (v: unknown): v is Record<string, unknown> => isPlainObject(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v));

/** Like `simple`, for values of the library: a value that fits also reports the findings about the arguments it was made with. */
function libraryValue(expected: string, test: (v: unknown) => boolean, hint?: string): PropType {
  const type = simple(expected, test, hint);
  return { ...type, check: (v, prop, out) => type.check(v, prop, out) && reportArgFindings(v, prop, out) };
}

/** Prop types, in the style of a schema: `T.integer({ min: 1 })`, `T.duration()`. */
export const T = {
  any(): PropType {
    return simple('anything', () => true);
  },
  string(opts: { nonEmpty?: boolean } = {}): PropType {
    return simple(opts.nonEmpty ? 'a non-empty string' : 'a string', (v) => typeof v === 'string' && (!opts.nonEmpty || v.length > 0));
  },
  /** A namespace (DNS-1123 label), for kinds whose validator does not check `metadata.namespace`. */
  namespace(): PropType {
    return simple('a namespace (a DNS-1123 label: lowercase letters, digits and `-`, at most 63)', (v) => typeof v === 'string' && isDns1123Label(v));
  },
  /** A string `test` accepts (a Kubernetes name, a Secret key), described as `expected`. */
  stringWhere(expected: string, test: (s: string) => boolean, hint?: string): PropType {
    return simple(expected, (v) => typeof v === 'string' && test(v), hint);
  },
  boolean(): PropType {
    return simple('a boolean (true or false)', (v) => typeof v === 'boolean');
  },
  number(opts: { integer?: boolean; min?: number; max?: number } = {}): PropType {
    const range = opts.min !== undefined && opts.max !== undefined ? ` in [${opts.min}, ${opts.max}]` : opts.min !== undefined ? ` ≥ ${opts.min}` : opts.max !== undefined ? ` ≤ ${opts.max}` : '';
    return simple(`${opts.integer ? 'a whole number' : 'a number'}${range}`, (v) => typeof v === 'number' && Number.isFinite(v)
      && (!opts.integer || Number.isInteger(v)) && (opts.min === undefined || v >= opts.min) && (opts.max === undefined || v <= opts.max),
    'pass a number, not a string');
  },
  duration(): PropType {
    return simple('a cdk8s Duration', (v) => isPlainObject(v) && typeof (v as any).toMilliseconds === 'function', 'use `Duration.seconds(n)` (or minutes, hours) from cdk8s');
  },
  size(): PropType {
    return simple('a cdk8s Size', (v) => isPlainObject(v) && typeof (v as any).toMebibytes === 'function', 'use `Size.mebibytes(n)` or `Size.gibibytes(n)` from cdk8s');
  },
  /** A function (a callback the library calls later). */
  func(expected: string): PropType {
    return simple(expected, (v) => typeof v === 'function');
  },
  /** A TypeScript enum: the value must be a member's value. */
  enumOf(enumObject: Record<string, string | number>, name: string): PropType {
    const values = Object.values(enumObject);
    const members = Object.keys(enumObject).filter((k) => Number.isNaN(Number(k)));
    return {
      expected: `a ${name} member`,
      check(value, prop, out) {
        if (values.includes(value as string)) return true;
        const guess = typeof value === 'string' ? closest(value, [...members, ...values.map(String)]) : undefined;
        const member = guess && (members.includes(guess) ? guess : members.find((m) => enumObject[m] === guess));
        out.addProp(CORE_RULES.PROP_TYPE, prop, value, `not a member of ${name} (${members.map((m) => `${name}.${m}`).join(', ')})`,
          member ? `use ${name}.${member}` : `use one of ${members.map((m) => `${name}.${m}`).join(', ')}`);
        return false;
      },
    };
  },
  /** An instance of a class of this library (enum-like classes with static members), with the findings about the arguments it was made with. */
  instanceOf(cls: Function, name: string, hint: string): PropType {
    return libraryValue(`a ${name}`, (v) => v instanceof (cls as any), hint);
  },
  /** `instanceOf` a class of a module loaded on first use (`load` runs only when a value is given). */
  instanceOfLoaded(load: () => Function, name: string, hint: string): PropType {
    return libraryValue(`a ${name}`, (v) => typeof v === 'object' && v !== null && v instanceof (load() as any), hint);
  },
  /** An object that has the named members (interfaces, cdk8s-plus objects from another copy of the package), with the findings about the arguments it was made with. */
  duck(name: string, members: readonly string[], hint: string): PropType {
    return libraryValue(name, (v) => isPlainObject(v) && members.every((m) => (v as any)[m] !== undefined), hint);
  },
  oneOf(expected: string, types: readonly PropType[], hint?: string): PropType {
    return {
      expected,
      hint,
      check(value, prop, out) {
        const scratch = new FindingList();
        if (types.some((t) => t.check(value, prop, scratch))) return true;
        out.addProp(CORE_RULES.PROP_TYPE, prop, value, `expected ${expected}, got ${describe(value)}`, hint);
        return false;
      },
    };
  },
  array(item: PropType, opts: { nonEmpty?: boolean } = {}): PropType {
    return {
      expected: `an array of ${item.expected}`,
      check(value, prop, out) {
        if (!Array.isArray(value)) {
          out.addProp(CORE_RULES.PROP_TYPE, prop, value, `expected an array of ${item.expected}, got ${describe(value)}`);
          return false;
        }
        if (opts.nonEmpty && value.length === 0) {
          out.addProp(CORE_RULES.PROP_TYPE, prop, value, `expected at least one ${item.expected.replace(/^(an?|the) /, '')}, got an empty array`);
          return false;
        }
        let ok = true;
        value.forEach((v, i) => {
          if (v === undefined || !item.check(v, `${prop}[${i}]`, out)) ok = v === undefined ? reportMissing(`${prop}[${i}]`, item, out) : false;
        });
        return ok;
      },
    };
  },
  record(valueType: PropType, opts: { nonEmpty?: boolean } = {}): PropType {
    return {
      expected: `an object whose values are ${valueType.expected}`,
      check(value, prop, out) {
        if (!isRecord(value)) {
          out.addProp(CORE_RULES.PROP_TYPE, prop, value, `expected an object of name → value, got ${describe(value)}`);
          return false;
        }
        if (opts.nonEmpty && Object.keys(value).length === 0) {
          out.addProp(CORE_RULES.PROP_TYPE, prop, value, 'expected at least one name → value, got an empty object');
          return false;
        }
        let ok = true;
        for (const [k, v] of Object.entries(value)) {
          if (!valueType.check(v, `${prop}.${k}`, out)) ok = false;
        }
        return ok;
      },
    };
  },
  /**
   * An options object; give its interface, `T.object<XOptions>({...})`, so the shape is checked against it.
   * `required` names the keys it must have.
   */
  object<P = Record<string, unknown>>(shape: ShapeOf<P>, name = 'an options object', required: readonly (keyof P & string)[] = []): PropType {
    return {
      expected: name,
      check(value, prop, out) {
        if (!isRecord(value)) {
          out.addProp(CORE_RULES.PROP_TYPE, prop, value, `expected ${name}, got ${describe(value)}`);
          return false;
        }
        let ok = checkShape(value, shape, out, `${prop}.`);
        for (const key of required) {
          if (value[key] === undefined) ok = reportMissing(`${prop}.${key}`, (shape as PropShape)[key], out);
        }
        return ok;
      },
    };
  },
  /** An options object whose keys are checked where it is used (`BrokerConfig.kafka`'s by the Broker). */
  plainObject(name: string): PropType {
    return simple(name, isRecord);
  },
};

function reportMissing(prop: string, type: PropType, out: FindingList): boolean {
  out.addProp(CORE_RULES.PROP_TYPE, prop, undefined, `expected ${type.expected}, got undefined`, type.hint);
  return false;
}

function checkShape(value: Record<string, unknown>, shape: PropShape, out: FindingList, prefix: string): boolean {
  let ok = true;
  for (const [key, v] of Object.entries(value)) {
    const type = shape[key];
    if (!type) {
      const guess = closest(key, Object.keys(shape));
      out.addProp(CORE_RULES.PROP_UNKNOWN, `${prefix}${key}`, v, `"${key}" is not a prop here`, guess ? `did you mean \`${prefix}${guess}\`?` : `remove it; known props: ${Object.keys(shape).join(', ')}`);
      ok = false;
    } else if (v !== undefined && !type.check(v, `${prefix}${key}`, out)) {
      ok = false;
    }
  }
  return ok;
}

/**
 * Checks props against their shape; every problem is reported. `required`
 * names the props that must be present. Returns whether all props fit.
 */
export function checkProps(props: unknown, shape: PropShape, out: FindingList, required: readonly string[] = []): boolean {
  if (!isRecord(props)) {
    out.addProp(CORE_RULES.PROP_TYPE, 'props', props, `expected a props object, got ${describe(props)}`);
    return false;
  }
  let ok = checkShape(props, shape, out, '');
  for (const key of required) {
    if (props[key] === undefined) ok = reportMissing(key, shape[key], out);
  }
  return ok;
}

// ---------------------------------------------------------------------------
// Values made by static factories

const ARG_FINDINGS = Symbol.for('cdk8s-agents.argFindings');

/**
 * Checks the arguments of a static factory (`SequenceStep.of`,
 * `EventFilter.exact`, ...), which has no construct to report to: the
 * findings name the factory and the argument (`SequenceStep.of(sink)`,
 * `ChannelTemplate.kafka(options.numPartitions)`). Keep them on the value
 * with `withArgFindings`; the construct that receives the value reports
 * them under the prop that holds it, with its other findings, at synth.
 */
export function checkArgs(factory: string, args: Record<string, unknown>, shape: PropShape, required: readonly string[] = []): RawFinding[] {
  const scratch = new FindingList();
  checkShape(args, shape, scratch, '');
  for (const key of required) {
    if (args[key] === undefined) reportMissing(key, shape[key], scratch);
  }
  return scratch.items.map((f) => ({ ...f, prop: `${factory}(${f.prop})` }));
}

/** Keeps the findings about a factory's arguments on the value it made (not enumerable: rendering never sees them). */
export function withArgFindings<V extends object>(made: V, findings: readonly RawFinding[]): V {
  if (findings.length > 0) Object.defineProperty(made, ARG_FINDINGS, { value: [...argFindingsOf(made), ...findings] });
  return made;
}

/** The findings about the arguments a value was made with (none for other values). */
export function argFindingsOf(made: unknown): readonly RawFinding[] {
  return (made !== null && (typeof made === 'object' || typeof made === 'function') && (made as any)[ARG_FINDINGS]) || [];
}

/**
 * Reports the findings a value carries under the prop that holds it:
 * `steps[2] = (unset): SequenceStep.of(sink): expected an ISink, got undefined`.
 * Returns whether it carried none.
 */
export function reportArgFindings(made: unknown, prop: string, out: FindingList): boolean {
  const found = argFindingsOf(made);
  for (const f of found) out.addProp(f.rule, prop, f.value, `${f.prop}: ${f.problem ?? f.rule.title}`, f.fix);
  return found.length === 0;
}

/**
 * Props of a class that is no construct of an app (the App itself, the cdk8s
 * validation plugin): nothing renders them later, so bad props throw a plain
 * Error listing every finding, named after the call (`new AgentApp(props)`).
 */
export function assertProps<P>(props: P, shape: PropShape, what: string): P {
  const out = new FindingList();
  if (props === undefined || checkProps(props, shape, out)) return props;
  const list = out.items.map((f) => `${f.prop} = ${f.value === undefined ? '(unset)' : describe(f.value)}: ${f.problem ?? f.rule.title}`);
  throw new Error(`${what}: ${list.join('; ')}`);
}

/**
 * The scope of a construct, checked before `constructs` sees it (it would
 * throw a TypeError on anything but a construct, and on an id that is not a
 * string). `what` names the call: `new AgentKnativeService`, `AgentSecrets.fromSecretName`.
 */
export function checkScope(scope: unknown, id: unknown, what: string): Construct {
  if (!Construct.isConstruct(scope)) throw new Error(`${what}(scope, id, ...): scope must be a construct (a Chart, or a construct in one), got ${describe(scope)}`);
  if (typeof id !== 'string' || id === '') throw new Error(`${what}(scope, id, ...): id must be a non-empty string, got ${describe(id)}`);
  return scope;
}

/** The first part of a value that YAML cannot hold (a function, a symbol, a bigint, NaN, ±Infinity, an instance of a class), or undefined. */
export function notJson(v: unknown, at = 'the value'): { at: string; value: unknown } | undefined {
  if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint' || (typeof v === 'number' && !Number.isFinite(v))) return { at, value: v };
  if (v === null || typeof v !== 'object') return undefined;
  const proto = Object.getPrototypeOf(v);
  if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return { at, value: describe(v) };
  for (const [k, x] of Object.entries(v)) {
    const found = notJson(x, `${at}${Array.isArray(v) ? `[${k}]` : `.${k}`}`);
    if (found) return found;
  }
  return undefined;
}

/**
 * The shape of props a construct hands on to a child construct that checks
 * them itself (McpServer to its AgentKnativeService): the keys are known here
 * (a misspelt one is still PROPS-002), their values are the child's to judge.
 */
export function passedTo<P>(shape: ShapeOf<P>): ShapeOf<P> {
  return Object.fromEntries(Object.keys(shape).map((k) => [k, T.any()])) as unknown as ShapeOf<P>;
}

/** The props as given, without the parent's own keys, for the child construct (none when they are not an object). */
export function propsWithout(props: unknown, own: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(props)) return {};
  const rest: Record<string, unknown> = { ...props };
  for (const k of own) delete rest[k];
  return rest;
}
