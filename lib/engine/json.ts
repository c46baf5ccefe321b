// Readers of decoded manifests (unknown JSON): a wrong type reads as absent,
// so validators walk optional nested fields without throwing.

/** The value when it is a JSON object (not null, not an array), else undefined. */
export function obj(v: unknown): Record<string, any> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : undefined;
}

/** The value when it is a JSON object, else an empty object (nested fields then read as undefined). */
export function objOrEmpty(v: unknown): any {
  return obj(v) ?? {};
}

/** The value when it is an array, else an empty array. */
export function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

/** Whether the value is a JSON object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
