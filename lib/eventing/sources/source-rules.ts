// What the event sources share in their manifests: the SourceSpec part
// (sink, ceOverrides) and their names. No construct imports: the validators
// use it. SRC = knative/eventing knative-v1.22.2
// vendor/knative.dev/pkg/apis/duck/v1/source_types.go.
import { isDns1123Label, isDns1123Subdomain } from '../../k8s/names';
import { defineRules, FindingList } from '../../engine/rule';
import { ClusterSettings } from '../../settings/settings';
import { checkDestination, DESTINATION_RULES } from '../delivery';
import { obj } from '../../engine/json';

export const SOURCE_RULES = defineRules({
  EXTENSION_NAME: {
    id: 'EVT-SOURCE-001',
    title: 'a `ceOverrides.extensions` name must be non-empty ASCII letters and digits',
    why: 'The webhook rejects other names (`agent-id`, `agent_id`, empty) on every source ("invalid key name").',
    fix: 'name the extension with letters and digits only, lowercase: `agentid`',
    upstream: 'SRC#L204-237 (S2)',
    effect: 'reject',
  },
  EXTENSION_RESERVED: {
    id: 'EVT-SOURCE-002',
    title: 'a `ceOverrides.extensions` name must not be a CloudEvents attribute (`type`, `source`, `id`, ...)',
    why: 'The adapter sets it with SetExtension, which refuses spec attribute names ("MUST NOT be overwritten by extension"); the error stays on the event, which then fails validation, so no event is delivered.',
    fix: 'pick another name (`agenttype`); the event type and source are fixed by the source kind',
    upstream: 'E:vendor/github.com/cloudevents/sdk-go/v2/event/eventcontext_v1.go#L24-33, #L90-97; E:pkg/adapter/v2/cloudevents.go#L323-329',
    effect: 'runtime',
  },
  EXTENSION_CASE: {
    id: 'EVT-SOURCE-003',
    title: 'a `ceOverrides.extensions` name must be lowercase',
    why: 'The admission check allows uppercase, but the Go adapters (PingSource, ApiServerSource) lowercase the name (`agentId` arrives as `agentid`, so filters on `agentId` never match) and the Kafka dispatcher (CloudEvents Java SDK) throws on it, so no event is delivered.',
    fix: 'write the name in lowercase letters and digits: `agentid`',
    upstream: 'E:vendor/github.com/cloudevents/sdk-go/v2/event/eventcontext_v1.go#L99; cloudevents/sdk-java core BaseCloudEventBuilder.isValidExtensionName; K:data-plane/dispatcher/.../CloudEventOverridesMutator.java#L49-51',
    effect: 'runtime',
  },
  NAME: {
    id: 'EVT-SOURCE-004',
    title: 'a source\'s name must be a DNS-1123 subdomain and its namespace a DNS-1123 label',
    why: 'The API server rejects custom resources whose name has uppercase letters, `_` or more than 253 characters, and namespaces that are not DNS labels.',
    fix: 'pass `name` (or a construct id) of lowercase letters, digits, `-` and `.`; fix `namespace` or the Chart namespace',
    upstream: 'Kubernetes apimachinery ValidateObjectMeta (NameIsDNSSubdomain, ValidateNamespaceName) for custom resources',
    effect: 'reject',
  },
});

/** CloudEvents v1.0 context attributes; an extension may not take their names. */
const CE_ATTRIBUTES = new Set(['id', 'source', 'type', 'datacontenttype', 'subject', 'time', 'specversion', 'dataschema']);

/**
 * Checks every source kind shares: name, `spec.sink` (required by the
 * webhook even where the CRD does not say so) and `spec.ceOverrides`.
 */
export function checkSourceSpec(m: any, settings: ClusterSettings, out: FindingList): void {
  const meta = obj(m?.metadata) ?? {};
  if (typeof meta.name === 'string' && !isDns1123Subdomain(meta.name)) out.add(SOURCE_RULES.NAME, 'metadata.name', meta.name);
  if (typeof meta.namespace === 'string' && !isDns1123Label(meta.namespace)) out.add(SOURCE_RULES.NAME, 'metadata.namespace', meta.namespace);
  const spec = obj(m?.spec) ?? {};
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

