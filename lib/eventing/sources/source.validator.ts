// What the event source validators share: the SourceSpec part (sink,
// ceOverrides) and their names. Pure: no construct imports.
import { isDns1123Label, isDns1123Subdomain } from '../../k8s/names';
import { FindingList } from '../../engine/rule';
import { ClusterSettings } from '../../settings/settings';
import { checkDestination, DESTINATION_RULES } from '../delivery';
import { SOURCE_RULES } from './source.rules';
import { obj, valueAt } from '../../engine/json';

/** CloudEvents v1.0 context attributes; an extension may not take their names. */
const CE_ATTRIBUTES = new Set(['id', 'source', 'type', 'datacontenttype', 'subject', 'time', 'specversion', 'dataschema']);

/**
 * Checks every source kind shares: name, `spec.sink` (required by the
 * webhook even where the CRD does not say so) and `spec.ceOverrides`.
 */
export function checkSourceSpec(m: unknown, settings: ClusterSettings, out: FindingList): void {
  const meta = obj(valueAt(m, 'metadata')) ?? {};
  // "" is no name: the API server generates one from generateName, or refuses it without one (META-001).
  if (typeof meta.name === 'string' && meta.name !== '' && !isDns1123Subdomain(meta.name)) out.add(SOURCE_RULES.NAME, 'metadata.name', meta.name);
  if (typeof meta.namespace === 'string' && !isDns1123Label(meta.namespace)) out.add(SOURCE_RULES.NAME, 'metadata.namespace', meta.namespace);
  const spec = obj(valueAt(m, 'spec')) ?? {};
  if (spec.sink === undefined || spec.sink === null) out.add(DESTINATION_RULES.EMPTY, 'spec.sink', spec.sink, 'a source needs a sink');
  else checkDestination(spec.sink, 'spec.sink', out, settings);
  checkExtensions(obj(spec.ceOverrides)?.extensions, 'spec.ceOverrides.extensions', out);
}

function checkExtensions(extensions: unknown, field: string, out: FindingList): void {
  const ext = obj(extensions);
  if (!ext) return;
  for (const name of Object.keys(ext)) {
    const at = `${field}["${name}"]`;
    if (!/^[a-zA-Z0-9]+$/.test(name)) out.add(SOURCE_RULES.EXTENSION_NAME, at, name, name === '' ? 'the name is empty' : undefined);
    else if (CE_ATTRIBUTES.has(name.toLowerCase())) out.add(SOURCE_RULES.EXTENSION_RESERVED, at, name, `"${name.toLowerCase()}" is a CloudEvents context attribute`);
    else if (name !== name.toLowerCase()) out.add(SOURCE_RULES.EXTENSION_CASE, at, name, undefined, `name it \`${name.toLowerCase()}\``);
  }
}

