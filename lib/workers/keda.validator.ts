// What every KEDA validator shares: the API version, object lookups, and
// readers of manifests whose shape is not trusted. Pure.
import { groupKind, ObjectIndex } from '../k8s/object-index';
import { Located } from '../engine/engine';
import { FindingList, Rule } from '../engine/rule';
import { JsonObject, valueAt } from '../engine/json';

export const KEDA_API_VERSION = 'keda.sh/v1alpha1';

/** Names KEDA uses as label values. */
export const MAX_LABEL = 63;

export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** The object of exactly this apiVersion and kind (the index keys by group). */
export function findExact(index: ObjectIndex, apiVersion: string, kind: string, name: string, namespace: unknown): Located | undefined {
  const at = index.find(groupKind(apiVersion, kind), name, namespace);
  return valueAt(at?.object, 'apiVersion') === apiVersion ? at : undefined;
}

/** An object without a namespace is applied to the namespace of the others. */
export function sameNamespace(a: unknown, b: unknown): boolean {
  return a === undefined || b === undefined || a === b;
}

/** Negative (or below-minimum) integers the CRD schema refuses: [field, minimum]. */
export function checkMinimums(spec: JsonObject, fields: [string, number][], rule: Rule, out: FindingList): void {
  for (const [path, min] of fields) {
    const value = valueAt(spec, ...path.split('.'));
    if (isInt(value) && value < min) out.add(rule, `spec.${path}`, value, `must be ≥ ${min}`);
  }
}
