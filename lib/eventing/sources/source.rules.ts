// What every event source's manifest shares: the SourceSpec part (sink,
// ceOverrides) and the name. SRC = knative/eventing knative-v1.22.2
// vendor/knative.dev/pkg/apis/duck/v1/source_types.go.
import { defineRules } from '../../engine/rule';

/** Every source kind (KafkaSource, PingSource, ApiServerSource). */
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
    yamlFix: 'set `metadata.name` to lowercase letters, digits, `-` and `.`, and `metadata.namespace` to a DNS-1123 label',
    upstream: 'Kubernetes apimachinery ValidateObjectMeta (NameIsDNSSubdomain, ValidateNamespaceName) for custom resources',
    effect: 'reject',
  },
});
