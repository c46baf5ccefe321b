// Cluster settings as plain data: what the cluster's Knative installation is
// configured with, one section per domain. Imports no construct module, so
// the check command and tests can validate without building an app.
import { cidrProblem } from '../k8s/cidr';
import { defineRules, FindingList } from '../engine/rule';

/** The value of a flag in Knative's `config-features` ConfigMap. */
export enum FeatureState {
  ENABLED = 'Enabled',
  /** Users may opt in per Service; for admission it opens only some gates (see `FeatureGate`). */
  ALLOWED = 'Allowed',
  DISABLED = 'Disabled',
}

/**
 * How the webhook tests a flag: some fields pass when the flag is not
 * Disabled, others only when it is exactly Enabled (catalogue Q-4).
 */
export type FeatureGate = 'not-disabled' | 'enabled';

export interface FeatureFlagInfo {
  /** Key in `config-features`. */
  readonly key: string;
  /** Upstream default (the same in every release that has the flag). */
  readonly default: FeatureState;
  readonly gate: FeatureGate;
  /** The first Knative release that has the flag: before it, the gated field is refused whatever the flag says. @default - every release */
  readonly since?: KnativeRelease;
}

const flag = (key: string, gate: FeatureGate, def = FeatureState.DISABLED, since?: KnativeRelease): FeatureFlagInfo =>
  (since ? { key, default: def, gate, since } : { key, default: def, gate });

/**
 * The Knative releases whose admission rules the catalogue implements, oldest
 * first: Serving's rules (and compact schemas) of each; Eventing's are those of
 * 1.22 for both (knative/eventing knative-v1.22.2), eventing-kafka-broker's of
 * knative-v1.22.3.
 */
export const KNATIVE_RELEASES = ['1.22', '1.23'] as const;
export type KnativeRelease = typeof KNATIVE_RELEASES[number];
/** The release checked when none is declared: the newest, the one upstream supports (1.22 is past its support window). */
export const DEFAULT_KNATIVE_RELEASE: KnativeRelease = '1.23';
/** The Knative releases whose admission rules the catalogue implements (KNATIVE_RELEASES). */
export const SUPPORTED_KNATIVE_VERSIONS: readonly string[] = KNATIVE_RELEASES;

/** `major.minor` of `1.23`, `v1.23.0`; undefined for anything else. */
export function parseRelease(version: unknown): [number, number] | undefined {
  const m = typeof version === 'string' ? /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(version.trim()) : null;
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function compareRelease(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/**
 * The release whose rules check a cluster running `version`: itself when the
 * catalogue implements it; the newest for a newer one (never refused); the
 * oldest for an older one; the default for one that is no release at all.
 */
export function rulesRelease(version: unknown): KnativeRelease {
  const v = parseRelease(version);
  if (!v) return DEFAULT_KNATIVE_RELEASE;
  const known = KNATIVE_RELEASES.map((r) => [r, parseRelease(r)!] as const);
  const exact = known.find(([, k]) => compareRelease(k, v) === 0);
  if (exact) return exact[0];
  if (compareRelease(v, known[known.length - 1][1]) > 0) return known[known.length - 1][0];
  // Older than the oldest, or between two (none today): the newest release not newer than it, else the oldest.
  const older = known.filter(([, k]) => compareRelease(k, v) < 0);
  return older.length > 0 ? older[older.length - 1][0] : known[0][0];
}

/** Whether the rules checking these settings are those of `release` or a later one. */
export function knativeAtLeast(settings: Pick<ClusterSettings, 'knativeVersion'>, release: KnativeRelease): boolean {
  return compareRelease(parseRelease(rulesRelease(settings.knativeVersion))!, parseRelease(release)!) >= 0;
}

/** Flags of Knative Serving's `config-features` (1.22 and 1.23) that gate admission, by ClusterProfile `features` prop name. */
export const FEATURE_FLAGS = {
  multiContainer: flag('multi-container', 'enabled', FeatureState.ENABLED),
  multiContainerProbing: flag('multi-container-probing', 'enabled'),
  podspecAffinity: flag('kubernetes.podspec-affinity', 'not-disabled'),
  podspecTopologySpreadConstraints: flag('kubernetes.podspec-topologyspreadconstraints', 'not-disabled'),
  podspecHostAliases: flag('kubernetes.podspec-hostaliases', 'not-disabled'),
  podspecNodeSelector: flag('kubernetes.podspec-nodeselector', 'not-disabled'),
  podspecRuntimeClassName: flag('kubernetes.podspec-runtimeclassname', 'not-disabled'),
  podspecTolerations: flag('kubernetes.podspec-tolerations', 'not-disabled'),
  podspecSecurityContext: flag('kubernetes.podspec-securitycontext', 'not-disabled'),
  podspecShareProcessNamespace: flag('kubernetes.podspec-shareprocessnamespace', 'not-disabled'),
  podspecPriorityClassName: flag('kubernetes.podspec-priorityclassname', 'not-disabled'),
  podspecSchedulerName: flag('kubernetes.podspec-schedulername', 'not-disabled'),
  podspecInitContainers: flag('kubernetes.podspec-init-containers', 'enabled'),
  podspecDnsPolicy: flag('kubernetes.podspec-dnspolicy', 'not-disabled'),
  podspecDnsConfig: flag('kubernetes.podspec-dnsconfig', 'not-disabled'),
  podspecHostIpc: flag('kubernetes.podspec-hostipc', 'not-disabled'),
  podspecHostPid: flag('kubernetes.podspec-hostpid', 'not-disabled'),
  podspecHostNetwork: flag('kubernetes.podspec-hostnetwork', 'not-disabled'),
  podspecFieldRef: flag('kubernetes.podspec-fieldref', 'not-disabled'),
  containerspecAddCapabilities: flag('kubernetes.containerspec-addcapabilities', 'enabled'),
  podspecVolumesEmptyDir: flag('kubernetes.podspec-volumes-emptydir', 'enabled', FeatureState.ENABLED),
  podspecPersistentVolumeClaim: flag('kubernetes.podspec-persistent-volume-claim', 'enabled'),
  podspecPersistentVolumeWrite: flag('kubernetes.podspec-persistent-volume-write', 'enabled'),
  podspecVolumesHostPath: flag('kubernetes.podspec-volumes-hostpath', 'enabled'),
  podspecVolumesCsi: flag('kubernetes.podspec-volumes-csi', 'enabled'),
  podspecVolumesImage: flag('kubernetes.podspec-volumes-image', 'enabled'),
  // 1.23: generic ephemeral volumes; validateVolume wants exactly Enabled (k8s_validation.go#L141-144 at knative-v1.23.0).
  podspecVolumesEphemeral: flag('kubernetes.podspec-volumes-ephemeral', 'enabled', FeatureState.DISABLED, '1.23'),
  podspecVolumesMountPropagation: flag('kubernetes.podspec-volumes-mount-propagation', 'enabled'),
} as const satisfies Record<string, FeatureFlagInfo>;

export type FeatureName = keyof typeof FEATURE_FLAGS;

/** How Knative Eventing's `transport-encryption` flag is set (it takes its own values). */
export enum TransportEncryption {
  DISABLED = 'Disabled',
  /** Addressables accept HTTP and HTTPS; senders prefer HTTPS. */
  PERMISSIVE = 'Permissive',
  /** Addressables accept and advertise HTTPS only. */
  STRICT = 'Strict',
}

/** Eventing `default-authorization-mode`: who may send to a resource no EventPolicy names (OIDC only). */
export enum AuthorizationMode {
  ALLOW_ALL = 'Allow-All',
  DENY_ALL = 'Deny-All',
  ALLOW_SAME_NAMESPACE = 'Allow-Same-Namespace',
}

/**
 * Flags of Knative Eventing's `config-features` (1.22, pkg/apis/feature/flag_names.go) that admission
 * or the eventing constructs depend on, by ClusterProfile `eventingFeatures` prop name. Every eventing
 * gate tests `IsEnabled` (features.go#L97-99): only `Enabled` opens it.
 * There is no `new-trigger-filters` flag in 1.22: Trigger `spec.filters` is always on.
 */
export const EVENTING_FEATURE_FLAGS = {
  authenticationOidc: flag('authentication-oidc', 'enabled'),
  deliveryTimeout: flag('delivery-timeout', 'enabled', FeatureState.ENABLED),
  deliveryRetryAfter: flag('delivery-retryafter', 'enabled'),
  kreferenceGroup: flag('kreference-group', 'enabled'),
  kreferenceMapping: flag('kreference-mapping', 'enabled'),
  crossNamespaceEventLinks: flag('cross-namespace-event-links', 'enabled'),
  newApiServerSourceFilters: flag('new-apiserversource-filters', 'enabled'),
  eventTypeAutoCreate: flag('eventtype-auto-create', 'enabled'),
} as const satisfies Record<string, FeatureFlagInfo>;

export type EventingFeatureName = keyof typeof EVENTING_FEATURE_FLAGS;

/**
 * The releases of the other components whose rules the catalogue implements
 * (`major.minor`), as pinned by the CRDs and the webhook code the rules cite.
 */
export const IMPLEMENTED_RELEASES = {
  /** kedacore/keda v2.20.2 */
  keda: '2.20',
  /** external-secrets/external-secrets v2.9.0 */
  externalSecrets: '2.9',
  /** bitnami-labs/sealed-secrets v0.36.6 */
  sealedSecrets: '0.36',
} as const;

export type Component = keyof typeof IMPLEMENTED_RELEASES;

/** Releases of the components besides Knative (`major.minor`, e.g. `2.20`). */
export interface ComponentReleases {
  /** @default '2.20' */
  readonly keda?: string;
  /** @default '2.9' */
  readonly externalSecrets?: string;
  /** @default '0.36' */
  readonly sealedSecrets?: string;
}

/**
 * How a Knative component exports its metrics (`config-observability`
 * `metrics-protocol`, `request-metrics-protocol`; knative.dev/pkg
 * observability/metrics config.go): only `prometheus` serves a `/metrics`
 * endpoint a PodMonitor can scrape.
 */
export enum MetricsProtocol {
  /** No metrics (the upstream default). */
  NONE = 'none',
  /** A Prometheus `/metrics` endpoint (the queue-proxy's on port 9091, `http-usermetric`). */
  PROMETHEUS = 'prometheus',
  /** OTLP over gRPC to `*-endpoint`. */
  GRPC = 'grpc',
  /** OTLP over HTTP to `*-endpoint`. */
  HTTP_PROTOBUF = 'http/protobuf',
}

/** Knative Serving settings, as the ConfigMaps in its namespace hold them. */
export interface ServingSettings {
  /** Namespace of Knative Serving, where its ConfigMaps live. */
  readonly namespace: string;
  /** `config-features`: every flag, resolved. */
  readonly features: Readonly<Record<FeatureName, FeatureState>>;
  /** `config-defaults` `revision-timeout-seconds`. */
  readonly revisionTimeoutSeconds: number;
  /** `config-defaults` `max-revision-timeout-seconds`. */
  readonly maxRevisionTimeoutSeconds: number;
  /** `config-defaults` `container-concurrency`: the value an unset `containerConcurrency` gets. */
  readonly containerConcurrency: number;
  /** `config-defaults` `container-concurrency-max-limit`. */
  readonly containerConcurrencyMaxLimit: number;
  /** `config-defaults` `allow-container-concurrency-zero`. */
  readonly allowContainerConcurrencyZero: boolean;
  /** `config-autoscaler` `pod-autoscaler-class`. */
  readonly podAutoscalerClass: string;
  /** `config-autoscaler` `max-scale-limit` (0: none). */
  readonly maxScaleLimit: number;
  /** `config-autoscaler` `allow-zero-initial-scale`. */
  readonly allowZeroInitialScale: boolean;
  /** `config-autoscaler` `enable-scale-to-zero`. */
  readonly enableScaleToZero: boolean;
  /** `config-deployment` `progress-deadline`, in seconds. */
  readonly progressDeadlineSeconds: number;
  /** `config-network` `tag-template` (Go template over `.Tag` and `.Name`). */
  readonly tagTemplate: string;
  /** Cluster DNS domain (kubelet `clusterDomain`), used for cluster-local URLs. */
  readonly clusterDomain: string;
  /**
   * `config-domain`: the domains Routes live under, each with the label
   * selector that picks it (empty: the default domain). None means Knative's
   * default `svc.<cluster domain>`, which is not reachable from outside.
   */
  readonly domains: readonly KnativeDomain[];
  /** `config-network` `domain-template` (Go template over `.Name`, `.Namespace`, `.Domain`, `.Annotations`). */
  readonly domainTemplate: string;
  /** `config-network` `external-domain-tls` (or the older `auto-tls`): Knative provisions certificates for public hosts. */
  readonly externalDomainTls: boolean;
  /** `config-network` `default-external-scheme`: the scheme of public URLs without TLS. */
  readonly defaultExternalScheme: string;
  /** `config-observability` `request-metrics-protocol`: how the queue-proxy exports the request metrics of every revision. */
  readonly requestMetricsProtocol: string;
  /** `config-observability` `metrics-protocol`: how the control plane (autoscaler, activator) exports its metrics. */
  readonly metricsProtocol: string;
}

/** One domain of `config-domain`. */
export interface KnativeDomain {
  /** The domain, e.g. `example.com`. */
  readonly domain: string;
  /** Labels a Service must carry to get it; empty for the default domain. */
  readonly selector: Readonly<Record<string, string>>;
}

/**
 * The host `domain-template` gives a Route, for the template forms Knative
 * documents (`{{.Name}}`, `{{.Namespace}}`, `{{.Domain}}`, `{{index .Annotations "key"}}`);
 * undefined for any other template action, which only Go's text/template can evaluate.
 */
export function hostFromDomainTemplate(template: string, fields: { name: string; namespace: string; domain: string; annotations: Readonly<Record<string, string>> }): string | undefined {
  let unknown = false;
  const host = template.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_, action: string) => {
    if (action === '.Name') return fields.name;
    if (action === '.Namespace') return fields.namespace;
    if (action === '.Domain') return fields.domain;
    const m = /^index \.Annotations "([^"]*)"$/.exec(action);
    if (m) return fields.annotations[m[1]] ?? '';
    unknown = true;
    return '';
  });
  return unknown ? undefined : host;
}

/** The domain Knative gives a Route with these labels (LookupDomainForLabels, pkg/reconciler/route/config/domain.go at knative-v1.22.1). */
export function domainForLabels(serving: ServingSettings, labels: Readonly<Record<string, string>>): string {
  const clusterLocal = `svc.${serving.clusterDomain}`;
  if (labels['networking.knative.dev/visibility'] === 'cluster-local') return clusterLocal;
  // Without a default entry Knative adds `svc.<cluster domain>` as the default.
  const domains = serving.domains.some((d) => Object.keys(d.selector).length === 0) ? serving.domains : [...serving.domains, { domain: clusterLocal, selector: {} }];
  let domain = '';
  let specificity = -1;
  for (const d of domains) {
    const size = Object.keys(d.selector).length;
    if (!Object.entries(d.selector).every(([k, v]) => labels[k] === v) || size < specificity) continue;
    if (size > specificity || d.domain < domain) {
      domain = d.domain;
      specificity = size;
    }
  }
  return domain;
}

/**
 * What network policies of agents need to know about the cluster: where the
 * Knative networking layer, Knative Eventing and the cluster DNS run, and
 * where the API server is.
 */
export interface NetworkSettings {
  /**
   * Namespaces of the Knative networking layer's gateway pods, through which
   * every request to a Knative Service passes (`config-network`
   * `ingress-class`: Istio `istio-system`, Kourier `kourier-system`, Contour
   * `contour-internal` and `contour-external`).
   */
  readonly ingressNamespaces: readonly string[];
  /** Namespace of the cluster DNS pods (kube-dns or CoreDNS). */
  readonly dnsNamespace: string;
  /** Labels of the cluster DNS pods. */
  readonly dnsLabels: Readonly<Record<string, string>>;
  /**
   * CIDRs of the API server endpoints (`kubectl get endpointslices -n default
   * -l kubernetes.io/service-name=kubernetes`). No portable default exists; a
   * plain NetworkPolicy needs them to allow the API server.
   */
  readonly apiServerCidrs: readonly string[];
  /** Port the API server endpoints listen on, after the `kubernetes` Service's translation (443 on most managed clusters, 6443 with kubeadm). */
  readonly apiServerPort: number;
  /** Namespace of the Prometheus that scrapes the agents (an ingress lockdown admits it to their metrics ports). */
  readonly monitoringNamespace: string;
  /** Labels of the Prometheus pods (prometheus-operator sets `app.kubernetes.io/name: prometheus`). */
  readonly monitoringLabels: Readonly<Record<string, string>>;
}

/** Knative Eventing settings, as the ConfigMaps in its namespace hold them. */
export interface EventingSettings {
  /** Namespace of Knative Eventing, where its ConfigMaps live. */
  readonly namespace: string;
  /** `config-features` (the eventing one): every flag, resolved. */
  readonly features: Readonly<Record<EventingFeatureName, FeatureState>>;
  /** `config-features` `transport-encryption`. */
  readonly transportEncryption: TransportEncryption;
  /** `config-features` `default-authorization-mode`. */
  readonly defaultAuthorizationMode: AuthorizationMode;
  /**
   * `config-observability` `metrics-protocol` (the one in the eventing
   * namespace): how the eventing data plane (broker filter and ingress, channel
   * dispatchers, source adapters, eventing-kafka-broker's dispatchers) exports
   * its metrics.
   */
  readonly metricsProtocol: string;
}

/** Everything constructs and the check command validate against. */
export interface ClusterSettings {
  /** Knative release the cluster runs (`major.minor`). */
  readonly knativeVersion: string;
  /** Releases of KEDA, External Secrets and Sealed Secrets the cluster runs (`major.minor`). */
  readonly releases: Required<ComponentReleases>;
  readonly serving: ServingSettings;
  readonly network: NetworkSettings;
  readonly eventing: EventingSettings;
  /** Where these settings were declared (a construct path or a file), for findings about them. */
  readonly source: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Settings as declared: any subset, the rest from upstream defaults. */
export interface ClusterSettingsInput {
  /** @default '1.23' (DEFAULT_KNATIVE_RELEASE) */
  readonly knativeVersion?: string;
  /** @default - the implemented releases (IMPLEMENTED_RELEASES) */
  readonly releases?: ComponentReleases;
  /** @default - upstream defaults for every setting */
  readonly serving?: Partial<Omit<ServingSettings, 'features'>> & {
    /** @default - upstream defaults for every flag */
    readonly features?: Partial<Record<FeatureName, FeatureState>>;
  };
  /** @default - upstream defaults for every setting */
  readonly network?: Partial<NetworkSettings>;
  /** @default - upstream defaults for every setting */
  readonly eventing?: Partial<Omit<EventingSettings, 'features'>> & {
    /** @default - upstream defaults for every flag */
    readonly features?: Partial<Record<EventingFeatureName, FeatureState>>;
  };
  /** @default 'cluster settings' */
  readonly source?: string;
}

const DEFAULT_SERVING: Omit<ServingSettings, 'features'> = {
  namespace: 'knative-serving',
  revisionTimeoutSeconds: 300,
  maxRevisionTimeoutSeconds: 600,
  containerConcurrency: 0,
  containerConcurrencyMaxLimit: 1000,
  allowContainerConcurrencyZero: true,
  podAutoscalerClass: 'kpa.autoscaling.knative.dev',
  maxScaleLimit: 0,
  allowZeroInitialScale: false,
  enableScaleToZero: true,
  progressDeadlineSeconds: 600,
  tagTemplate: '{{.Tag}}-{{.Name}}',
  clusterDomain: 'cluster.local',
  domains: [],
  domainTemplate: '{{.Name}}.{{.Namespace}}.{{.Domain}}',
  externalDomainTls: false,
  defaultExternalScheme: 'http',
  requestMetricsProtocol: MetricsProtocol.NONE,
  metricsProtocol: MetricsProtocol.NONE,
};

/** Upstream defaults: config-network's default ingress class is Istio's; kube-dns keeps its labels under CoreDNS. */
export const DEFAULT_NETWORK: NetworkSettings = {
  ingressNamespaces: ['istio-system'],
  dnsNamespace: 'kube-system',
  dnsLabels: { 'k8s-app': 'kube-dns' },
  apiServerCidrs: [],
  apiServerPort: 443,
  monitoringNamespace: 'monitoring',
  monitoringLabels: { 'app.kubernetes.io/name': 'prometheus' },
};

const DEFAULT_EVENTING: Omit<EventingSettings, 'features'> = {
  namespace: 'knative-eventing',
  transportEncryption: TransportEncryption.DISABLED,
  defaultAuthorizationMode: AuthorizationMode.ALLOW_SAME_NAMESPACE,
  metricsProtocol: MetricsProtocol.NONE,
};

/** Fills every unset setting with its upstream default (the same in 1.22 and 1.23). */
export function resolveClusterSettings(input: ClusterSettingsInput = {}): ClusterSettings {
  const eventingFeatures = {} as Mutable<EventingSettings['features']>;
  for (const name of Object.keys(EVENTING_FEATURE_FLAGS) as EventingFeatureName[]) {
    eventingFeatures[name] = input.eventing?.features?.[name] ?? EVENTING_FEATURE_FLAGS[name].default;
  }
  const eventingSet: Partial<Omit<EventingSettings, 'features'>> = setFields(input.eventing, 'features');
  const eventing: Mutable<EventingSettings> = Object.assign({ ...DEFAULT_EVENTING, features: eventingFeatures }, eventingSet);
  const features = {} as Mutable<ServingSettings['features']>;
  for (const name of Object.keys(FEATURE_FLAGS) as FeatureName[]) {
    features[name] = input.serving?.features?.[name] ?? FEATURE_FLAGS[name].default;
  }
  const servingSet: Partial<Omit<ServingSettings, 'features'>> = setFields(input.serving, 'features');
  const serving: Mutable<ServingSettings> = Object.assign({ ...DEFAULT_SERVING, features }, servingSet);
  const networkSet: Partial<NetworkSettings> = setFields(input.network);
  const network: Mutable<NetworkSettings> = Object.assign({ ...DEFAULT_NETWORK }, networkSet);
  const releases = { ...IMPLEMENTED_RELEASES, ...setFields(input.releases ?? {}) };
  return { knativeVersion: input.knativeVersion ?? DEFAULT_KNATIVE_RELEASE, releases, serving, network, eventing, source: input.source ?? 'cluster settings' };
}

/** The fields of `input` that are set (not undefined), but for `skip`, in key order: assigned over the defaults. */
function setFields<T extends object, K extends keyof T = never>(input: T | undefined, ...skip: K[]): Partial<Omit<T, K>> {
  return Object.fromEntries(Object.entries(input ?? {}).filter(([k, v]) => !(skip as readonly PropertyKey[]).includes(k) && v !== undefined)) as Partial<Omit<T, K>>;
}

/** The upstream defaults, shared (settings are immutable). */
export const DEFAULT_SETTINGS: ClusterSettings = resolveClusterSettings({ source: 'upstream defaults' });

/** Whether admission lets a field gated by this flag through (`Allowed` opens only the not-disabled gates; a flag the release lacks opens nothing). */
export function featureAllows(settings: ClusterSettings, name: FeatureName): boolean {
  const since = (FEATURE_FLAGS[name] as FeatureFlagInfo).since;
  if (since !== undefined && !knativeAtLeast(settings, since)) return false;
  const state = settings.serving.features[name];
  return FEATURE_FLAGS[name].gate === 'enabled' ? state === FeatureState.ENABLED : state !== FeatureState.DISABLED;
}

/** Whether Eventing admission lets a field gated by this flag through (every eventing gate wants exactly `Enabled`). */
export function eventingFeatureAllows(settings: ClusterSettings, name: EventingFeatureName): boolean {
  return settings.eventing.features[name] === FeatureState.ENABLED;
}

/** `key: "Value"` as it would be written in the eventing `config-features`, for messages. */
export function eventingFlagSetting(settings: ClusterSettings, name: EventingFeatureName): string {
  return `${EVENTING_FEATURE_FLAGS[name].key}: "${settings.eventing.features[name]}" in ConfigMap ${settings.eventing.namespace}/config-features`;
}

export const SETTINGS_RULES = defineRules({
  VALUE: {
    id: 'PROFILE-002',
    title: 'a cluster setting has a value Knative would refuse in its ConfigMap, or no cluster can have',
    why: 'The Knative config webhook rejects these config-defaults / config-autoscaler / config-deployment / config-observability values, and no cluster has a namespace, label, CIDR or port of the wrong syntax, or a Knative version that is no release, so no cluster can have them; rules checked against them would be meaningless.',
    fix: 'declare the values your cluster actually runs with (the ConfigMaps in the knative-serving namespace; the `network` settings of the ClusterProfile)',
    upstream: 'pkg/apis/config/defaults.go#L112-173, pkg/autoscaler/config/config.go#L114-205 (§17); pkg/deployment/config.go NewConfigFromMap and pkg/observability/config.go NewFromMap (with knative.dev/pkg observability/metrics, tracing, runtime) at knative-v1.23.0; namespace, label and CIDR syntax of k8s.io/apimachinery validation',
    effect: 'reject',
  },
  VERSION: {
    id: 'PROFILE-003',
    title: 'the cluster runs a Knative release whose rules the catalogue does not implement: it is checked with the nearest release\'s rules',
    why: `Admission rules change between releases (1.23 added ephemeral volumes and checks startup probes on sidecars); the catalogue implements Knative ${KNATIVE_RELEASES.join(' and ')}. A newer release is checked with the newest rules, an older one with the oldest: findings may miss what that release rejects, or report what it accepts.`,
    fix: `declare the release the cluster runs; to be checked by its own rules, run Knative ${KNATIVE_RELEASES.join(' or ')}`,
    yamlFix: `set \`cluster.releases.knative\` in cdk8s-agents.yaml (or --knative-version) to the release the cluster runs; to be checked by its own rules, run Knative ${KNATIVE_RELEASES.join(' or ')}`,
    upstream: 'library contract: Serving rules cited at knative-v1.22.1 and knative-v1.23.0 (compact schemas of both), Eventing at knative-v1.22.2',
    effect: 'runtime',
    severity: 'warning',
    openWorld: `the nearest release's rules may still hold for this one`,
  },
  RELEASE: {
    id: 'PROFILE-007',
    title: 'the cluster runs a KEDA, External Secrets or Sealed Secrets release other than the one the rules are written for',
    why: 'The rules of these components cite one release (KEDA 2.20, External Secrets 2.9, Sealed Secrets 0.36): another release may accept or reject what the rules say, add scalers or drop them.',
    fix: 'upgrade the component to the release the rules implement, or read the findings about its objects knowing they are those of that release',
    upstream: 'library contract: ../shared/crds SOURCE.md of each component (kedacore/keda v2.20.2, external-secrets v2.9.0, sealed-secrets v0.36.6)',
    effect: 'runtime',
    severity: 'warning',
    openWorld: 'the rules may still hold for another release',
  },
});

/** Values no Knative installation can hold (the config webhook's own checks). */
export function checkSettings(s: ClusterSettings, out: FindingList): void {
  const R = SETTINGS_RULES;
  const version = parseRelease(s.knativeVersion);
  if (!version) {
    out.addProp(R.VALUE, 'knativeVersion', s.knativeVersion, `not a release such as "1.23" (checked with the ${DEFAULT_KNATIVE_RELEASE} rules)`, 'declare the Knative release the cluster runs, e.g. \'1.23\'');
  } else {
    const used = rulesRelease(s.knativeVersion);
    const declared = `${version[0]}.${version[1]}`;
    if (declared !== used) {
      const newer = compareRelease(version, parseRelease(used)!) > 0;
      out.addProp(R.VERSION, 'knativeVersion', s.knativeVersion, `Knative ${declared} is ${newer ? 'newer' : 'older'} than the releases the rules implement (${KNATIVE_RELEASES.join(', ')}): checked with the ${used} rules, which may pass what it rejects or report what it accepts`);
    }
  }
  for (const component of Object.keys(IMPLEMENTED_RELEASES) as Component[]) {
    const release = s.releases[component];
    if (release !== IMPLEMENTED_RELEASES[component]) {
      out.addProp(R.RELEASE, `releases.${component}`, release, `the rules are those of ${component} ${IMPLEMENTED_RELEASES[component]}`);
    }
  }
  const v = s.serving;
  const whole = (n: unknown, min: number) => typeof n === 'number' && Number.isInteger(n) && n >= min;
  if (!whole(v.revisionTimeoutSeconds, 1)) out.addProp(R.VALUE, 'revisionTimeout', v.revisionTimeoutSeconds, 'revision-timeout-seconds must be whole seconds ≥ 1');
  if (!whole(v.maxRevisionTimeoutSeconds, 1)) out.addProp(R.VALUE, 'maxRevisionTimeout', v.maxRevisionTimeoutSeconds, 'max-revision-timeout-seconds must be whole seconds ≥ 1');
  else if (whole(v.revisionTimeoutSeconds, 1) && v.revisionTimeoutSeconds > v.maxRevisionTimeoutSeconds) {
    out.addProp(R.VALUE, 'revisionTimeout', v.revisionTimeoutSeconds, `revision-timeout-seconds exceeds max-revision-timeout-seconds (${v.maxRevisionTimeoutSeconds})`);
  }
  if (!whole(v.containerConcurrencyMaxLimit, 1)) {
    out.addProp(R.VALUE, 'containerConcurrencyMaxLimit', v.containerConcurrencyMaxLimit, 'container-concurrency-max-limit must be a whole number ≥ 1');
  } else if (!whole(v.containerConcurrency, 0) || v.containerConcurrency > v.containerConcurrencyMaxLimit) {
    out.addProp(R.VALUE, 'containerConcurrency', v.containerConcurrency, `container-concurrency must be a whole number in [0, ${v.containerConcurrencyMaxLimit}]`);
  }
  if (!whole(v.maxScaleLimit, 0)) out.addProp(R.VALUE, 'maxScaleLimit', v.maxScaleLimit, 'max-scale-limit must be a whole number ≥ 0');
  if (!whole(v.progressDeadlineSeconds, 1)) out.addProp(R.VALUE, 'progressDeadline', v.progressDeadlineSeconds, 'progress-deadline must be whole seconds > 0');
  if (!/^[a-z]+(\.[a-z]+)*$/.test(v.podAutoscalerClass) || !v.podAutoscalerClass.endsWith('.knative.dev')) {
    out.addProp(R.VALUE, 'podAutoscalerClass', v.podAutoscalerClass, 'pod-autoscaler-class must be kpa.autoscaling.knative.dev, hpa.autoscaling.knative.dev or another *.knative.dev class');
  }
  if (!v.tagTemplate.includes('{{.Tag}}')) out.addProp(R.VALUE, 'tagTemplate', v.tagTemplate, 'tag-template must use {{.Tag}}');
  for (const key of ['requestMetricsProtocol', 'metricsProtocol'] as const) {
    checkMetricsProtocol(key, v[key], out);
  }
  for (const [name, state] of Object.entries(v.features)) {
    if (!Object.values(FeatureState).includes(state)) {
      out.addProp(R.VALUE, `features.${name}`, state, 'a feature state is Enabled, Allowed or Disabled', 'use FeatureState.ENABLED, ALLOWED or DISABLED');
    }
  }
  checkNetworkSettings(s.network, out);
  checkEventingSettings(s.eventing, out);
}

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/** Namespaces, labels, CIDRs and ports no cluster can have. */
function checkNetworkSettings(n: NetworkSettings, out: FindingList): void {
  const R = SETTINGS_RULES;
  const namespace = (prop: string, ns: unknown) => {
    if (typeof ns !== 'string' || ns.length > 63 || !NAMESPACE.test(ns)) out.addProp(R.VALUE, prop, ns, 'a namespace name is a DNS-1123 label (lowercase letters, digits, \'-\', at most 63 characters)');
  };
  if (!Array.isArray(n.ingressNamespaces) || n.ingressNamespaces.length === 0) {
    out.addProp(R.VALUE, 'network.ingressNamespaces', n.ingressNamespaces, 'Knative always has a networking layer: name the namespace(s) of its gateway pods', "e.g. ['kourier-system'] for Kourier, ['istio-system'] for Istio");
  } else {
    n.ingressNamespaces.forEach((ns, i) => namespace(`network.ingressNamespaces[${i}]`, ns));
  }
  namespace('network.dnsNamespace', n.dnsNamespace);
  const labels = Object.entries(n.dnsLabels ?? {});
  if (labels.length === 0) out.addProp(R.VALUE, 'network.dnsLabels', n.dnsLabels, 'without labels the selector matches every pod of the DNS namespace', "give the DNS pods' labels, e.g. { 'k8s-app': 'kube-dns' }");
  for (const [k, v] of labels) {
    if (!LABEL_KEY.test(k) || typeof v !== 'string' || !LABEL_VALUE.test(v)) out.addProp(R.VALUE, `network.dnsLabels.${k}`, v, 'not a valid label key and value');
  }
  (Array.isArray(n.apiServerCidrs) ? n.apiServerCidrs : [n.apiServerCidrs]).forEach((c, i) => {
    const problem = cidrProblem(c);
    if (problem) out.addProp(R.VALUE, `network.apiServerCidrs[${i}]`, c, `not a CIDR: ${problem}`, 'give the API server endpoint addresses as CIDRs, e.g. 10.0.0.10/32');
  });
  if (!(Number.isInteger(n.apiServerPort) && n.apiServerPort >= 1 && n.apiServerPort <= 65535)) out.addProp(R.VALUE, 'network.apiServerPort', n.apiServerPort, 'a port is a whole number in [1, 65535]');
  namespace('network.monitoringNamespace', n.monitoringNamespace);
  for (const [k, v] of Object.entries(n.monitoringLabels ?? {})) {
    if (!LABEL_KEY.test(k) || typeof v !== 'string' || !LABEL_VALUE.test(v)) out.addProp(R.VALUE, `network.monitoringLabels.${k}`, v, 'not a valid label key and value');
  }
}

function checkEventingSettings(e: EventingSettings | undefined, out: FindingList): void {
  const R = SETTINGS_RULES;
  if (!e) return;
  if (typeof e.namespace !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(e.namespace) || e.namespace.length > 63) {
    out.addProp(R.VALUE, 'eventingNamespace', e.namespace, 'a namespace is a DNS-1123 label');
  }
  for (const [name, state] of Object.entries(e.features ?? {})) {
    if (!Object.values(FeatureState).includes(state)) {
      out.addProp(R.VALUE, `eventingFeatures.${name}`, state, 'a feature state is Enabled, Allowed or Disabled', 'use FeatureState.ENABLED, ALLOWED or DISABLED');
    }
  }
  if (!Object.values(TransportEncryption).includes(e.transportEncryption)) {
    out.addProp(R.VALUE, 'transportEncryption', e.transportEncryption, 'transport-encryption is Disabled, Permissive or Strict', 'use TransportEncryption.DISABLED, PERMISSIVE or STRICT');
  }
  if (!Object.values(AuthorizationMode).includes(e.defaultAuthorizationMode)) {
    out.addProp(R.VALUE, 'defaultAuthorizationMode', e.defaultAuthorizationMode, 'default-authorization-mode is Allow-All, Deny-All or Allow-Same-Namespace', 'use an AuthorizationMode member');
  }
  checkMetricsProtocol('eventingMetricsProtocol', e.metricsProtocol, out);
}

function checkMetricsProtocol(prop: string, value: unknown, out: FindingList): void {
  if (!(Object.values(MetricsProtocol) as unknown[]).includes(value)) {
    out.addProp(SETTINGS_RULES.VALUE, prop, value, `a metrics protocol is one of ${Object.values(MetricsProtocol).join(', ')}`, 'use MetricsProtocol.PROMETHEUS, NONE, GRPC or HTTP_PROTOBUF');
  }
}
