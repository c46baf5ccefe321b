// What the event sources share: the SourceSpec part of their manifests
// (sink, ceOverrides), their names, and the construct base that binds the
// sink and renders both. SRC = knative/eventing knative-v1.22.2
// vendor/knative.dev/pkg/apis/duck/v1/source_types.go.
import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { AgentConstruct } from '../../core/construct';
import { isDns1123Label, isDns1123Subdomain } from '../../core/names';
import { PropShape, T } from '../../core/props';
import { defineRules, FindingList } from '../../core/rule';
import { ClusterSettings } from '../../core/settings';
import { checkDestination, DESTINATION_RULES, SINK_SHAPE } from '../delivery';
import { externalRefsAnnotation, ISink, SinkSender } from '../sink';

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

const obj = (v: unknown): Record<string, any> | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, any> : undefined);

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

/** Props every source construct takes. */
export interface EventSourceOptions {
  /** Where the events go. */
  readonly sink: ISink;
  /** Name of the source object. @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /**
   * CloudEvent extension attributes added to every event
   * (`spec.ceOverrides.extensions`), e.g. `{ team: 'support' }`: lowercase
   * letters and digits, not a CloudEvents attribute name.
   * @default - none
   */
  readonly extensions?: Record<string, string>;
}

/** Shape of the shared props, spread into each source's shape. */
export const SOURCE_SHAPE: PropShape = {
  sink: SINK_SHAPE,
  name: T.string(),
  namespace: T.string(),
  extensions: T.record(T.string()),
};

/** What a source kind tells the base class. */
export interface SourceKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** CloudEvent types the source emits, declared to the sink. */
  readonly eventTypes: readonly string[];
  /** `spec` keys written by a prop of another name (`net` → `auth`); other keys are their prop's name. @default - none */
  readonly renamedProps?: Readonly<Record<string, string>>;
}

/**
 * Base of KafkaTrigger, PingTrigger and ApiServerTrigger: resolves name and
 * namespace, binds the sink once (so an EventPolicy sees the sender), and
 * creates the source object with the sink, the extensions and the
 * external-refs annotation rendered; subclasses render the rest of `spec`.
 */
export abstract class EventSource extends AgentConstruct {
  /** Name of the source object. */
  public readonly name: string;
  /** Namespace, when known at synth time (the prop, else the Chart's). */
  public readonly namespace?: string;
  /** CloudEvent types this source emits. */
  public readonly eventTypes: readonly string[];
  /** The generated source object (id `Resource`). */
  protected resource!: ApiObject;
  /** The props, or an empty object when they failed the boundary checks. */
  protected readonly options: EventSourceOptions;
  private readonly sinks: ISink[] = [];
  private readonly propNames: ReadonlySet<string>;

  protected constructor(scope: Construct, id: string, props: EventSourceOptions, shape: PropShape, required: readonly string[], private readonly sourceKind: SourceKind) {
    super(scope, id, props, { ...SOURCE_SHAPE, ...shape }, ['sink', ...required]);
    this.propNames = new Set([...Object.keys(SOURCE_SHAPE), ...Object.keys(shape)]);
    this.options = this.propsValid ? props : {} as EventSourceOptions;
    this.name = this.options.name ?? id;
    this.namespace = this.options.namespace ?? Chart.of(this).namespace;
    this.eventTypes = [...sourceKind.eventTypes];
    if (this.options.sink) this.bindSink(this.options.sink);
  }

  /** Who this source is, as a sender to its sinks. */
  protected get sender(): SinkSender {
    const { apiVersion, kind } = this.sourceKind;
    return { construct: this, ref: { apiVersion, kind, name: this.name, namespace: this.namespace }, eventTypes: this.eventTypes };
  }

  /** Binds a sink this source sends to, and records it for the external-refs annotation. */
  protected bindSink(sink: ISink): void {
    sink.bind(this.sender);
    this.trackSink(sink);
  }

  /** Records a sink bound elsewhere (a dead-letter sink bound by `renderDelivery`) for the external-refs annotation. */
  protected trackSink(sink: ISink): void {
    if (!this.sinks.includes(sink)) this.sinks.push(sink);
  }

  /** Creates the source object; call once, at the end of the subclass constructor. */
  protected createSource(): ApiObject {
    this.resource = this.createResource({
      apiVersion: this.sourceKind.apiVersion,
      kind: this.sourceKind.kind,
      metadata: { name: this.name, namespace: this.options.namespace, annotations: externalRefsAnnotation(this.sinks) },
      spec: Lazy.any({ produce: () => this.renderFullSpec() }),
    });
    return this.resource;
  }

  /** `metadata.name` → `name`, `spec.<key>...` → the prop that writes the key. */
  protected propForField(field: string): string | undefined {
    const meta = /^metadata\.(name|namespace)$/.exec(field)?.[1];
    if (meta) return meta;
    const key = /^spec\.([A-Za-z0-9]+)/.exec(field)?.[1];
    if (!key) return undefined;
    const prop = { ceOverrides: 'extensions', ...this.sourceKind.renamedProps }[key] ?? key;
    return this.propNames.has(prop) ? prop : undefined;
  }

  /** The kind-specific part of `spec`, without sink and ceOverrides. */
  protected abstract renderSpec(): Record<string, unknown>;

  private renderFullSpec(): Record<string, unknown> {
    const extensions = this.options.extensions;
    return {
      ...this.renderSpec(),
      sink: this.options.sink?.toDestination(),
      ceOverrides: extensions && Object.keys(extensions).length > 0 ? { extensions: { ...extensions } } : undefined,
    };
  }
}
