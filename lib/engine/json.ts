// Readers of decoded manifests (unknown JSON): a wrong type reads as absent,
// so validators walk optional nested fields without throwing.

/** A decoded JSON object: its fields are whatever the manifest holds. */
export type JsonObject = { readonly [key: string]: unknown };

/** The value when it is a JSON object (not null, not an array), else undefined. */
export function obj(v: unknown): JsonObject | undefined {
  return isObject(v) ? v : undefined;
}

/** The value when it is a JSON object, else an empty object (nested fields then read as undefined). */
export function objOrEmpty(v: unknown): JsonObject {
  return obj(v) ?? {};
}

/** The value when it is an array, else an empty array. */
export function arr(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Whether the value is a JSON object (not null, not an array). */
export function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The fields JavaScript reads on any value: an object's own, a string's
 * characters or an array's entries under keys "0", "1", ..., none on null
 * and undefined. For checks that list every key of whatever they are given.
 */
export function fieldsOf(v: unknown): JsonObject {
  return v === null || v === undefined ? {} : (Object(v) as JsonObject);
}

/** The value when it is a string, else undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The field at `path` (each key read with `obj`), or undefined where a step is not an object. */
export function valueAt(v: unknown, ...path: readonly string[]): unknown {
  let cur = v;
  for (const key of path) cur = obj(cur)?.[key];
  return cur;
}

/** JSON with sorted keys: equal values, equal text. */
export function canonical(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/**
 * An object as encoding/json decodes it into a Go struct whose JSON field names are `fields`:
 * each key goes to the field it names exactly, else to one it names case-insensitively
 * (`Retry` decodes into `retry`), a later key overwriting an earlier one; a key that names no
 * field is dropped. Where an API server keeps a node of a custom resource as written and the
 * webhook decodes it, this is what the webhook reads: the API server holds the object as a map
 * and writes it with its keys sorted (encoding/json marshals map keys in order), so of two keys
 * naming one field the one that sorts last wins (`retry` over `Retry`), whatever order they were
 * written in (as the oracle showed). Pure.
 */
export function goDecodedFields(o: JsonObject, fields: readonly string[]): JsonObject {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(o).sort()) {
    const name = goFieldName(fields, key);
    if (name !== undefined) out[name] = o[key];
  }
  return out;
}

/** The Go field a JSON key decodes into: the one it names exactly, else one it names case-insensitively (encoding/json). */
export function goFieldName(fields: readonly string[], key: string): string | undefined {
  if (fields.includes(key)) return key;
  const lower = key.toLowerCase();
  return fields.find((f) => f.toLowerCase() === lower);
}
