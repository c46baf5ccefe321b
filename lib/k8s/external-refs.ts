// References to objects outside the app (`Broker.fromBrokerName`,
// `TriggerAuth.fromTriggerAuthenticationName`, ...) are declared on the
// referring object, so app-wide checks, in synth and in `check` on YAML
// alike, do not ask for them in the manifests.
import { valueAt } from '../engine/json';

/** Annotation listing the external objects an object refers to: `Kind/name` or `Kind/namespace/name`, comma-separated. */
export const EXTERNAL_REFS_ANNOTATION = 'agents.cdk8s.io/external-refs';

/** `Kind/name` (or `Kind/namespace/name`) of a reference, as the external-refs annotation lists it. */
export function externalRefKey(ref: { readonly kind: string; readonly name: string; readonly namespace?: string }): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

/** The annotation for these references (entries sorted, each once), or undefined when there are none. */
export function externalRefsAnnotationOf(refs: readonly { readonly kind: string; readonly name: string; readonly namespace?: string }[]): Record<string, string> | undefined {
  const keys = [...new Set(refs.map(externalRefKey))].sort();
  return keys.length > 0 ? { [EXTERNAL_REFS_ANNOTATION]: keys.join(',') } : undefined;
}

/** Whether an object (a manifest) declares `kind` `name` (in `namespace`, or without one) external. */
export function declaresExternal(object: unknown, kind: string, name: string, namespace?: unknown): boolean {
  const raw = valueAt(object, 'metadata', 'annotations', EXTERNAL_REFS_ANNOTATION);
  if (typeof raw !== 'string') return false;
  const declared = new Set(raw.split(',').map((s) => s.trim()).filter((s) => s !== ''));
  return declared.has(`${kind}/${name}`) || (namespace !== undefined && namespace !== '' && declared.has(`${kind}/${namespace}/${name}`));
}
