// Runtime checks of construct props at the boundary: callers use plain
// JavaScript and values from config files, which the compiler never saw.
// A bad prop is a PROPS-* finding naming the prop, never a TypeError.
import { CORE_RULES } from '../engine/core-rules';
import { FindingList } from '../engine/rule';
import { closest } from '../engine/text';

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

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return `an object (${(v as object).constructor?.name ?? 'Object'})`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 37) + '...' : v)}`;
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

/** Prop types, in the style of a schema: `T.integer({ min: 1 })`, `T.duration()`. */
export const T = {
  any(): PropType {
    return simple('anything', () => true);
  },
  string(opts: { nonEmpty?: boolean } = {}): PropType {
    return simple(opts.nonEmpty ? 'a non-empty string' : 'a string', (v) => typeof v === 'string' && (!opts.nonEmpty || v.length > 0));
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
  /** An instance of a class of this library (enum-like classes with static members). */
  instanceOf(cls: Function, name: string, hint: string): PropType {
    return simple(`a ${name}`, (v) => v instanceof (cls as any), hint);
  },
  /** An object that has the named members (interfaces, cdk8s-plus objects from another copy of the package). */
  duck(name: string, members: readonly string[], hint: string): PropType {
    return simple(name, (v) => isPlainObject(v) && members.every((m) => (v as any)[m] !== undefined), hint);
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
  array(item: PropType): PropType {
    return {
      expected: `an array of ${item.expected}`,
      check(value, prop, out) {
        if (!Array.isArray(value)) {
          out.addProp(CORE_RULES.PROP_TYPE, prop, value, `expected an array of ${item.expected}, got ${describe(value)}`);
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
  record(valueType: PropType): PropType {
    return {
      expected: `an object whose values are ${valueType.expected}`,
      check(value, prop, out) {
        if (!isPlainObject(value)) {
          out.addProp(CORE_RULES.PROP_TYPE, prop, value, `expected an object of name → value, got ${describe(value)}`);
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
  /** An options object; give its interface, `T.object<XOptions>({...})`, so the shape is checked against it. */
  object<P = Record<string, unknown>>(shape: ShapeOf<P>, name = 'an options object'): PropType {
    return {
      expected: name,
      check(value, prop, out) {
        if (!isPlainObject(value)) {
          out.addProp(CORE_RULES.PROP_TYPE, prop, value, `expected ${name}, got ${describe(value)}`);
          return false;
        }
        return checkShape(value, shape, out, `${prop}.`);
      },
    };
  },
};

function reportMissing(prop: string, type: PropType, out: FindingList): boolean {
  out.addProp(CORE_RULES.PROP_TYPE, prop, undefined, `expected ${type.expected}, got undefined`);
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
  if (props === undefined || props === null || !isPlainObject(props)) {
    out.addProp(CORE_RULES.PROP_TYPE, 'props', props, `expected a props object, got ${describe(props)}`);
    return false;
  }
  let ok = checkShape(props, shape, out, '');
  for (const key of required) {
    if (props[key] === undefined) ok = reportMissing(key, shape[key], out);
  }
  return ok;
}
