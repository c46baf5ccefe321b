// Cluster settings from the ConfigMaps a platform team already has
// (config-features, config-defaults, config-autoscaler, config-deployment,
// config-network, config-observability), parsed the way Knative parses them.
import { defineRules, FindingList } from '../engine/rule';
import {
  AuthorizationMode, ClusterSettingsInput, KnativeDomain, EVENTING_FEATURE_FLAGS, EventingFeatureName, FEATURE_FLAGS, FeatureName, FeatureState, MetricsProtocol, NetworkSettings, SETTINGS_RULES,
  TransportEncryption,
} from './settings';
import { parseFloatStrict, parseGoBool, parseGoDuration, parseQuantity } from '../k8s/values';
import { arr, JsonObject, obj } from '../engine/json';
import { yamlParser } from '../engine/yaml-parser';

export const CONFIGMAP_RULES = defineRules({
  IGNORED_VALUE: {
    id: 'PROFILE-005',
    title: 'a config-features value Knative does not understand is ignored',
    why: 'Knative matches Enabled / Allowed / Disabled case-insensitively and silently keeps the default for anything else.',
    fix: 'use Enabled, Allowed or Disabled',
    upstream: 'pkg/apis/config/features.go#L205-217',
    effect: 'ignored',
  },
  EVENTING_IGNORED_VALUE: {
    id: 'PROFILE-006',
    title: 'a value in Knative Eventing\'s config-features that Eventing does not understand switches the flag off',
    why: 'Eventing matches Enabled / Allowed / Disabled (and Permissive / Strict for transport-encryption, the three modes for default-authorization-mode) case-insensitively and stores anything else as written, so every gate (which wants exactly Enabled) stays closed, even for flags Enabled by default such as delivery-timeout.',
    fix: 'use Enabled or Disabled (transport-encryption: Disabled, Permissive or Strict)',
    upstream: 'E:pkg/apis/feature/features.go#L197-228',
    effect: 'ignored',
  },
});

/** Whether a ConfigMap belongs to Knative Eventing (Serving and Eventing both have a `config-features`). */
function isEventingConfigMap(meta: JsonObject): boolean {
  const labels = obj(meta.labels);
  return meta.namespace === 'knative-eventing' || labels?.['app.kubernetes.io/name'] === 'knative-eventing' || labels?.['knative.dev/config-category'] === 'eventing';
}

const EVENTING_FLAG_BY_KEY = new Map<string, EventingFeatureName>(Object.entries(EVENTING_FEATURE_FLAGS).map(([name, f]) => [f.key, name as EventingFeatureName]));

/** Reads the eventing `config-features` the way NewFlagsConfigFromMap does: keys trimmed, values matched case-insensitively. */
function readEventingFeatures(data: Record<string, unknown>, eventing: Record<string, unknown>, features: Partial<Record<EventingFeatureName, FeatureState>>, out: FindingList): void {
  const at = (key: string) => `config-features/${key}`;
  const match = <T extends string>(values: readonly T[], raw: unknown) => values.find((v) => v.toLowerCase() === String(raw).trim().toLowerCase());
  for (const [rawKey, raw] of Object.entries(data)) {
    const key = rawKey.trim();
    const ignored = (meaning: string) => out.addProp(CONFIGMAP_RULES.EVENTING_IGNORED_VALUE, at(key), raw, `Knative Eventing does not understand "${String(raw)}": ${meaning}`);
    if (key === 'transport-encryption') {
      const mode = match(Object.values(TransportEncryption), raw);
      if (mode) eventing.transportEncryption = mode;
      else ignored('neither Permissive nor Strict holds, so events travel unencrypted');
      continue;
    }
    if (key === 'default-authorization-mode') {
      const mode = match(Object.values(AuthorizationMode), raw);
      if (mode) eventing.defaultAuthorizationMode = mode;
      else ignored('none of the modes applies to resources without an EventPolicy');
      continue;
    }
    const flag = EVENTING_FLAG_BY_KEY.get(key);
    if (!flag) continue;
    const state = match(Object.values(FeatureState), raw);
    if (state) features[flag] = state;
    else {
      features[flag] = FeatureState.DISABLED;
      ignored('the flag is not Enabled, so its gates stay closed');
    }
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The ConfigMaps settings are read from, in knative-serving. */
export const SETTINGS_CONFIGMAPS: readonly string[] = ['config-features', 'config-defaults', 'config-autoscaler', 'config-deployment', 'config-network', 'config-observability', 'config-domain'];

/** config-deployment keys read as quantities (pkg/deployment/config.go NewConfigFromMap, the same in 1.22 and 1.23). */
const QUEUE_SIDECAR_QUANTITIES = ['cpu-request', 'cpu-limit', 'memory-request', 'memory-limit', 'ephemeral-storage-request', 'ephemeral-storage-limit'].map((k) => `queue-sidecar-${k}`);

/** config-observability protocols (knative.dev/pkg observability/metrics and tracing config.go): those that need an endpoint, those that refuse one. */
const METRICS_PROTOCOLS = { endpoint: ['grpc', 'http/protobuf'], noEndpoint: ['none'], either: ['prometheus'] };
const TRACING_PROTOCOLS = { endpoint: ['grpc', 'http/protobuf'], noEndpoint: ['none', 'stdout'], either: [] };

/**
 * config-observability as serving's config webhook parses it (pkg/observability/configmap,
 * o11yconfigmap.Parse in cmd/webhook/main.go at knative-v1.23.0; the same in 1.22): the
 * metrics, request-metrics and tracing protocols, their endpoints and intervals, the sampling
 * rate and the request log. A value it refuses is reported with `bad`. Eventing's
 * (`serving` false) has no request metrics or request log: knative/eventing knative-v1.22.2
 * pkg/observability/config.go#L62-85 reads knative.dev/pkg's tracing, metrics and runtime
 * sections only (observability/config.go#L47-63).
 */
function checkObservability(data: JsonObject, bad: (key: string, value: unknown, problem: string) => void, serving = true): void {
  // The parser trims strings only (knative.dev/pkg configmap/parser): durations, floats and booleans are read as written.
  const text = (key: string): string | undefined => (data[key] === undefined ? undefined : String(data[key]).trim());
  const raw = (key: string): string | undefined => (data[key] === undefined ? undefined : String(data[key]));
  const protocol = (key: string, endpointKey: string, known: { endpoint: string[]; noEndpoint: string[]; either: string[] }, fallback: string) => {
    const p = text(key) ?? fallback;
    const endpoint = text(endpointKey) ?? '';
    const all = [...known.endpoint, ...known.noEndpoint, ...known.either];
    if (!all.includes(p)) bad(key, data[key], `unsupported protocol: use one of ${all.join(', ')}`);
    else if (known.endpoint.includes(p) && endpoint === '') bad(endpointKey, data[endpointKey], `an endpoint is required with ${key} "${p}"`);
    else if (known.noEndpoint.includes(p) && endpoint !== '') bad(endpointKey, data[endpointKey], `no endpoint may be set with ${key} "${p}"`);
  };
  protocol('metrics-protocol', 'metrics-endpoint', METRICS_PROTOCOLS, 'none');
  if (serving) protocol('request-metrics-protocol', 'request-metrics-endpoint', METRICS_PROTOCOLS, 'none');
  protocol('tracing-protocol', 'tracing-endpoint', TRACING_PROTOCOLS, 'none');
  for (const key of ['metrics-export-interval', ...(serving ? ['request-metrics-export-interval'] : []), 'runtime-export-interval']) {
    const v = raw(key);
    if (v === undefined) continue;
    const d = parseGoDuration(v);
    if (d === undefined) bad(key, data[key], 'not a duration such as "60s"');
    else if (d < 0) bad(key, data[key], 'the export interval cannot be negative');
  }
  const rate = raw('tracing-sampling-rate');
  if (rate !== undefined) {
    const r = parseFloatStrict(rate);
    if (r === undefined || r < 0 || r > 1) bad('tracing-sampling-rate', data['tracing-sampling-rate'], 'the sampling rate is a number in [0, 1]');
  }
  const profiling = text('runtime-profiling');
  if (profiling !== undefined && profiling !== 'enabled' && profiling !== 'disabled') bad('runtime-profiling', data['runtime-profiling'], 'runtime-profiling is "enabled" or "disabled"');
  if (!serving) return;
  for (const key of ['logging.enable-request-log', 'logging.enable-probe-request-log', 'logging.enable-var-log-collection']) {
    const v = raw(key);
    if (v !== undefined && parseGoBool(v) === undefined) bad(key, data[key], 'not "true" or "false"');
  }
  const template = text('logging.request-log-template');
  if (parseGoBool(raw('logging.enable-request-log') ?? 'false') === true && template === '') {
    bad('logging.request-log-template', data['logging.request-log-template'], 'logging.enable-request-log is true but the request log template is empty');
  }
}

/** A config-observability protocol as Knative reads it (trimmed); undefined when unset or refused (reported by checkObservability). */
function readMetricsProtocol(data: JsonObject, key: string): string | undefined {
  const protocol = data[key] === undefined ? undefined : String(data[key]).trim();
  return protocol !== undefined && (Object.values(MetricsProtocol) as string[]).includes(protocol) ? protocol : undefined;
}

/** config-network `ingress-class` → namespaces of the networking layer's gateway pods, as each layer installs them. */
export const INGRESS_CLASS_NAMESPACES: Readonly<Record<string, readonly string[]>> = {
  'istio.ingress.networking.knative.dev': ['istio-system'],
  'kourier.ingress.networking.knative.dev': ['kourier-system'],
  'contour.ingress.networking.knative.dev': ['contour-internal', 'contour-external'],
};

const FLAG_BY_KEY = new Map<string, FeatureName>(Object.entries(FEATURE_FLAGS).map(([name, f]) => [f.key, name as FeatureName]));

/**
 * Reads settings from ConfigMap objects (others are ignored). Values Knative's
 * config webhook would refuse are reported into `out` as PROFILE-002 with the
 * ConfigMap key as the prop.
 */
export function settingsFromConfigMaps(objects: readonly unknown[], out: FindingList): ClusterSettingsInput {
  const serving: Mutable<NonNullable<ClusterSettingsInput['serving']>> = {};
  const network: Mutable<Partial<NetworkSettings>> = {};
  const features: Partial<Record<FeatureName, FeatureState>> = {};
  const eventing: Record<string, unknown> = {};
  const eventingFeatures: Partial<Record<EventingFeatureName, FeatureState>> = {};
  // `kubectl get cm -o yaml` writes a List: its items count like top-level documents.
  const expanded = objects.flatMap((o) => {
    const list = obj(o);
    return typeof list?.kind === 'string' && list.kind.endsWith('List') && Array.isArray(list.items) ? arr(list.items) : [o];
  });
  for (const item of expanded) {
    const o = obj(item);
    const meta = obj(o?.metadata);
    if (o?.kind !== 'ConfigMap' || typeof meta?.name !== 'string') continue;
    const name = meta.name;
    // Any non-null object counts (an array's entries read as keys "0", "1", ...).
    const data: JsonObject = o.data !== null && typeof o.data === 'object' ? (o.data as JsonObject) : {};
    const at = (key: string) => `${name}/${key}`;
    const bad = (key: string, value: unknown, problem: string) => out.addProp(SETTINGS_RULES.VALUE, at(key), value, problem);
    const int = (key: string): number | undefined => {
      if (data[key] === undefined) return undefined;
      const s = String(data[key]).trim();
      if (/^[+-]?\d+$/.test(s)) return Number(s);
      bad(key, data[key], 'not an integer');
      return undefined;
    };
    const bool = (key: string): boolean | undefined => {
      if (data[key] === undefined) return undefined;
      const b = parseGoBool(String(data[key]).trim());
      if (b !== undefined) return b;
      bad(key, data[key], 'not "true" or "false"');
      return undefined;
    };
    const seconds = (key: string): number | undefined => {
      if (data[key] === undefined) return undefined;
      const d = parseGoDuration(String(data[key]).trim());
      if (d === undefined) bad(key, data[key], 'not a duration such as "600s"');
      return d;
    };
    if (isEventingConfigMap(meta)) {
      if (typeof meta.namespace === 'string') eventing.namespace = meta.namespace;
      if (name === 'config-features') readEventingFeatures(data, eventing, eventingFeatures, out);
      if (name === 'config-observability') {
        checkObservability(data, bad, false);
        const protocol = readMetricsProtocol(data, 'metrics-protocol');
        if (protocol !== undefined) eventing.metricsProtocol = protocol;
      }
      continue;
    }
    if (typeof meta.namespace === 'string' && name.startsWith('config-')) serving.namespace = meta.namespace;
    switch (name) {
      case 'config-features':
        for (const [key, raw] of Object.entries(data)) {
          const flag = FLAG_BY_KEY.get(key);
          if (!flag) continue;
          const state = Object.values(FeatureState).find((s) => s.toLowerCase() === String(raw).trim().toLowerCase());
          if (state) features[flag] = state;
          else out.addProp(CONFIGMAP_RULES.IGNORED_VALUE, at(key), raw, `Knative ignores "${String(raw)}" and keeps the default ${FEATURE_FLAGS[flag].default}`);
        }
        break;
      case 'config-defaults':
        serving.revisionTimeoutSeconds = int('revision-timeout-seconds') ?? serving.revisionTimeoutSeconds;
        serving.maxRevisionTimeoutSeconds = int('max-revision-timeout-seconds') ?? serving.maxRevisionTimeoutSeconds;
        serving.containerConcurrency = int('container-concurrency') ?? serving.containerConcurrency;
        serving.containerConcurrencyMaxLimit = int('container-concurrency-max-limit') ?? serving.containerConcurrencyMaxLimit;
        serving.allowContainerConcurrencyZero = bool('allow-container-concurrency-zero') ?? serving.allowContainerConcurrencyZero;
        break;
      case 'config-autoscaler':
        if (data['pod-autoscaler-class'] !== undefined) serving.podAutoscalerClass = String(data['pod-autoscaler-class']).trim();
        serving.maxScaleLimit = int('max-scale-limit') ?? serving.maxScaleLimit;
        serving.allowZeroInitialScale = bool('allow-zero-initial-scale') ?? serving.allowZeroInitialScale;
        serving.enableScaleToZero = bool('enable-scale-to-zero') ?? serving.enableScaleToZero;
        break;
      case 'config-deployment': {
        serving.progressDeadlineSeconds = seconds('progress-deadline') ?? serving.progressDeadlineSeconds;
        // The rest is checked as the config webhook parses it (pkg/deployment/config.go NewConfigFromMap, 1.22 and 1.23 alike).
        const timeout = seconds('digest-resolution-timeout');
        if (timeout !== undefined && timeout <= 0) bad('digest-resolution-timeout', data['digest-resolution-timeout'], 'digest-resolution-timeout must be a positive duration');
        for (const key of QUEUE_SIDECAR_QUANTITIES) {
          if (data[key] !== undefined && parseQuantity(String(data[key]).trim()) === undefined) bad(key, data[key], 'not a quantity such as "25m" or "400Mi"');
        }
        bool('pod-is-always-schedulable');
        if (data['default-affinity-type'] !== undefined && !['none', 'prefer-spread-revision-over-nodes'].includes(String(data['default-affinity-type']))) {
          bad('default-affinity-type', data['default-affinity-type'], 'default-affinity-type is "none" or "prefer-spread-revision-over-nodes"');
        }
        break;
      }
      case 'config-observability':
        checkObservability(data, bad);
        // An unset key keeps the upstream default `none`; a refused one was reported above and is not read.
        for (const [key, field] of [['request-metrics-protocol', 'requestMetricsProtocol'], ['metrics-protocol', 'metricsProtocol']] as const) {
          serving[field] = readMetricsProtocol(data, key) ?? serving[field];
        }
        break;
      case 'config-domain':
        serving.domains = readDomains(data, bad);
        break;
      case 'config-network': {
        if (data['tag-template'] !== undefined) serving.tagTemplate = String(data['tag-template']);
        if (data['domain-template'] !== undefined) serving.domainTemplate = String(data['domain-template']);
        if (data['default-external-scheme'] !== undefined) serving.defaultExternalScheme = String(data['default-external-scheme']);
        // external-domain-tls wins over the deprecated auto-tls; each is on only when "enabled" (any case).
        const tls = data['external-domain-tls'] ?? data['auto-tls'] ?? data.autoTLS;
        if (tls !== undefined) serving.externalDomainTls = String(tls).toLowerCase() === 'enabled';
        for (const key of ['ingress-class', 'ingress.class']) {
          if (data[key] === undefined) continue;
          const namespaces = INGRESS_CLASS_NAMESPACES[String(data[key]).trim()];
          // Another layer installs where its operator chose: the ClusterProfile's network.ingressNamespaces says where.
          if (namespaces) network.ingressNamespaces = namespaces;
          break;
        }
        break;
      }
      default:
        break;
    }
  }
  for (const k of Object.keys(serving) as (keyof typeof serving)[]) if (serving[k] === undefined) delete serving[k];
  return { serving: { ...serving, features }, eventing: { ...eventing, features: eventingFeatures }, ...(Object.keys(network).length > 0 ? { network } : {}) };
}

/** config-domain as NewDomainFromConfigMap reads it: each key a domain, each value YAML with an optional `selector` (`_example` skipped). */
function readDomains(data: JsonObject, bad: (key: string, value: unknown, problem: string) => void): KnativeDomain[] {
  const domains: KnativeDomain[] = [];
  for (const [domain, raw] of Object.entries(data)) {
    if (domain === '_example') continue;
    let parsed: unknown;
    try {
      parsed = yamlParser().parse(String(raw ?? ''));
    } catch {
      bad(domain, raw, 'not YAML: write `selector:` with labels, or leave the value empty for the default domain');
      continue;
    }
    const selector = obj(obj(parsed)?.selector) ?? {};
    domains.push({ domain, selector: Object.fromEntries(Object.entries(selector).map(([k, v]) => [k, String(v)])) });
  }
  return domains;
}

/** Layers settings: later inputs win, per setting and per feature flag. */
export function mergeSettingsInputs(...inputs: ClusterSettingsInput[]): ClusterSettingsInput {
  let knativeVersion: string | undefined;
  let source: string | undefined;
  const releases: Record<string, string> = {};
  const serving: Record<string, unknown> = {};
  const features: Record<string, unknown> = {};
  const network: Record<string, unknown> = {};
  const eventing: Record<string, unknown> = {};
  const eventingFeatures: Record<string, unknown> = {};
  const layer = (from: object | undefined, into: Record<string, unknown>, flags: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(from ?? {})) {
      if (k === 'features') {
        for (const [f, state] of Object.entries(v ?? {})) if (state !== undefined) flags[f] = state;
      } else if (v !== undefined) into[k] = v;
    }
  };
  for (const i of inputs) {
    knativeVersion = i.knativeVersion ?? knativeVersion;
    for (const [k, v] of Object.entries(i.releases ?? {})) if (v !== undefined) releases[k] = v;
    source = i.source ?? source;
    layer(i.serving, serving, features);
    layer(i.eventing, eventing, eventingFeatures);
    for (const [k, v] of Object.entries(i.network ?? {})) if (v !== undefined) network[k] = v;
  }
  return { knativeVersion, releases, source, serving: { ...serving, features }, eventing: { ...eventing, features: eventingFeatures }, network };
}
