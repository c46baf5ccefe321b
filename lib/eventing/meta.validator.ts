// What every eventing validator shares: the object's name and namespace, and
// the helpers that read a manifest without trusting its shape. Pure.
import { isDns1123Label, isDns1123Subdomain } from '../k8s/names';
import { FindingList } from '../engine/rule';
import { EVENTING_META_RULES as R } from './meta.rules';
import { valueAt } from '../engine/json';

export const annField = (key: string) => `metadata.annotations["${key}"]`;
/** The Broker, Trigger, Sequence and Parallel CRDs have no `ref.group`: the API server prunes it. */
export const NO_GROUP = { groupInSchema: false } as const;

export function checkName(m: unknown, out: FindingList): void {
  const name = valueAt(m, 'metadata', 'name');
  // No name (unset, null or ""): the API server generates one from generateName, or refuses it without one (META-001).
  if (name !== undefined && name !== null && name !== '' && (typeof name !== 'string' || !isDns1123Subdomain(name))) out.add(R.NAME, 'metadata.name', name ?? null, typeof name === 'string' && name.length > 253 ? `${name.length} characters, at most 253` : undefined);
  const ns = valueAt(m, 'metadata', 'namespace');
  // A null or "" namespace is none (kubectl sends its context's): the engine reads metadata decoded (engine/decoded-meta.ts).
  if (ns !== undefined && (typeof ns !== 'string' || !isDns1123Label(ns))) out.add(R.NAME, 'metadata.namespace', ns, 'not a DNS-1123 label');
}
