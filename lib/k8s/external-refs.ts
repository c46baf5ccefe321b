// References to objects outside the app (`Broker.fromBrokerName`,
// `TriggerAuth.fromTriggerAuthenticationName`, ...) are declared on the
// referring object, so app-wide checks, in synth and in `check` on YAML
// alike, do not ask for them in the manifests.
import { CORE_RULES } from '../engine/core-rules';
import { ObjectRef, World } from '../engine/engine';
import { valueAt } from '../engine/json';
import { RawFinding, Rule } from '../engine/rule';

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

/** A reference that was looked up among the validated objects and not found. */
export interface MissingReference {
  /** The rule that fails when the object does not exist (reported as is in a closed world). */
  readonly rule: Rule;
  /** The field of the referring object that holds the reference. */
  readonly field: string;
  readonly ref: ObjectRef;
  /** What is wrong in a closed world, e.g. `no Broker "events" in namespace "agents" in the app`. */
  readonly problem: string;
  /** @default - the rule's fix */
  readonly fix?: string;
  /** The fix in manifest terms, when `fix` names construct APIs. @default - `fix`, else the rule's yamlFix */
  readonly yamlFix?: string;
}

/**
 * Reports a reference to an object that is not among the validated ones:
 * nothing when the referring object declares it external or the platform
 * provides it; the rule itself in a closed world (synth, `check --closed`);
 * in an open world, REF-001: a warning that the object must exist.
 */
export function reportMissingReference(world: World, referrer: unknown, missing: MissingReference, report: (raw: RawFinding) => void): void {
  const { rule, field, ref } = missing;
  if (declaresExternal(referrer, ref.kind, ref.name, ref.namespace) || world.provides?.(ref)) return;
  if (world.closed) {
    report({ rule, field, value: ref.name, problem: missing.problem, fix: missing.fix, yamlFix: missing.yamlFix });
    return;
  }
  const what = `${ref.kind} "${ref.name}"${ref.namespace ? ` in namespace "${ref.namespace}"` : ''}`;
  report({
    rule: CORE_RULES.MUST_EXIST, field, value: ref.name,
    problem: `${what} is not among the checked objects: it must exist in the cluster (where it does not, ${rule.id} applies: ${rule.title})`,
  });
}
