import * as fs from 'fs';
import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { AppValidation } from '../construct/app-validation';
import { mergeSettingsInputs, SETTINGS_CONFIGMAPS, settingsFromConfigMaps } from '../settings/configmaps';
import { CORE_RULES } from '../engine/core-rules';
import { checkProps, checkScope, describe, ShapeOf, T } from '../construct/props';
import { FindingList } from '../engine/rule';
import {
  AuthorizationMode, ClusterSettings, ComponentReleases, ClusterSettingsInput, EVENTING_FEATURE_FLAGS, EventingFeatureName, FEATURE_FLAGS, FeatureName, FeatureState, MetricsProtocol,
  resolveClusterSettings, SETTINGS_RULES, TransportEncryption,
} from '../settings/settings';
import { ScalingClass } from '../serving/scaling';

export type { ComponentReleases } from '../settings/settings';
import { acknowledgementsFor, ConfigProblem, readRepositoryConfig, REPOSITORY_CONFIG_FILE, RepositoryConfig } from './repository-config';
import { yamlParser } from '../engine/yaml-parser';


/**
 * Flags of Knative Serving's `config-features` declared for a cluster. Each
 * defaults to the upstream value (the same in 1.22 and 1.23).
 */
export interface KnativeFeatures {
  /** `multi-container` @default FeatureState.ENABLED */
  readonly multiContainer?: FeatureState;
  /** `multi-container-probing` @default FeatureState.DISABLED */
  readonly multiContainerProbing?: FeatureState;
  /** `kubernetes.podspec-affinity` @default FeatureState.DISABLED */
  readonly podspecAffinity?: FeatureState;
  /** `kubernetes.podspec-topologyspreadconstraints` @default FeatureState.DISABLED */
  readonly podspecTopologySpreadConstraints?: FeatureState;
  /** `kubernetes.podspec-hostaliases` @default FeatureState.DISABLED */
  readonly podspecHostAliases?: FeatureState;
  /** `kubernetes.podspec-nodeselector` @default FeatureState.DISABLED */
  readonly podspecNodeSelector?: FeatureState;
  /** `kubernetes.podspec-runtimeclassname` @default FeatureState.DISABLED */
  readonly podspecRuntimeClassName?: FeatureState;
  /** `kubernetes.podspec-tolerations` @default FeatureState.DISABLED */
  readonly podspecTolerations?: FeatureState;
  /** `kubernetes.podspec-securitycontext` (pod-level securityContext) @default FeatureState.DISABLED */
  readonly podspecSecurityContext?: FeatureState;
  /** `kubernetes.podspec-shareprocessnamespace` @default FeatureState.DISABLED */
  readonly podspecShareProcessNamespace?: FeatureState;
  /** `kubernetes.podspec-priorityclassname` @default FeatureState.DISABLED */
  readonly podspecPriorityClassName?: FeatureState;
  /** `kubernetes.podspec-schedulername` @default FeatureState.DISABLED */
  readonly podspecSchedulerName?: FeatureState;
  /** `kubernetes.podspec-init-containers` @default FeatureState.DISABLED */
  readonly podspecInitContainers?: FeatureState;
  /** `kubernetes.podspec-dnspolicy` @default FeatureState.DISABLED */
  readonly podspecDnsPolicy?: FeatureState;
  /** `kubernetes.podspec-dnsconfig` @default FeatureState.DISABLED */
  readonly podspecDnsConfig?: FeatureState;
  /** `kubernetes.podspec-hostipc` @default FeatureState.DISABLED */
  readonly podspecHostIpc?: FeatureState;
  /** `kubernetes.podspec-hostpid` @default FeatureState.DISABLED */
  readonly podspecHostPid?: FeatureState;
  /** `kubernetes.podspec-hostnetwork` @default FeatureState.DISABLED */
  readonly podspecHostNetwork?: FeatureState;
  /** `kubernetes.podspec-fieldref` (env from fieldRef/resourceFieldRef) @default FeatureState.DISABLED */
  readonly podspecFieldRef?: FeatureState;
  /** `kubernetes.containerspec-addcapabilities` @default FeatureState.DISABLED */
  readonly containerspecAddCapabilities?: FeatureState;
  /** `kubernetes.podspec-volumes-emptydir` (needed for the writable /tmp) @default FeatureState.ENABLED */
  readonly podspecVolumesEmptyDir?: FeatureState;
  /** `kubernetes.podspec-persistent-volume-claim` @default FeatureState.DISABLED */
  readonly podspecPersistentVolumeClaim?: FeatureState;
  /** `kubernetes.podspec-persistent-volume-write` @default FeatureState.DISABLED */
  readonly podspecPersistentVolumeWrite?: FeatureState;
  /** `kubernetes.podspec-volumes-hostpath` @default FeatureState.DISABLED */
  readonly podspecVolumesHostPath?: FeatureState;
  /** `kubernetes.podspec-volumes-csi` @default FeatureState.DISABLED */
  readonly podspecVolumesCsi?: FeatureState;
  /** `kubernetes.podspec-volumes-image` @default FeatureState.DISABLED */
  readonly podspecVolumesImage?: FeatureState;
  /** `kubernetes.podspec-volumes-ephemeral` (generic ephemeral volumes; Knative 1.23 and later, refused before whatever the flag) @default FeatureState.DISABLED */
  readonly podspecVolumesEphemeral?: FeatureState;
  /** `kubernetes.podspec-volumes-mount-propagation` @default FeatureState.DISABLED */
  readonly podspecVolumesMountPropagation?: FeatureState;
}

/**
 * Where the cluster runs what agents' network policies must reach or admit.
 * Each defaults to the upstream installation's value.
 */
export interface NetworkProfile {
  /**
   * Namespaces of the Knative networking layer's gateway pods. Read from
   * config-network `ingress-class` when `configMapFiles` hold it (Istio,
   * Kourier, Contour).
   * @default ['istio-system'] (Knative's default ingress class is Istio's)
   */
  readonly ingressNamespaces?: string[];
  /** Namespace of the cluster DNS pods. @default 'kube-system' */
  readonly dnsNamespace?: string;
  /** Labels of the cluster DNS pods (CoreDNS keeps kube-dns's). @default { 'k8s-app': 'kube-dns' } */
  readonly dnsLabels?: Record<string, string>;
  /**
   * CIDRs of the API server endpoints, which `Egress.kubernetesApi()` allows
   * with a plain NetworkPolicy (`kubectl get endpointslices -n default -l
   * kubernetes.io/service-name=kubernetes`).
   * @default - none: `Egress.kubernetesApi()` needs them with `PolicyEngine.KUBERNETES`
   */
  readonly apiServerCidrs?: string[];
  /** Port of the API server endpoints (6443 with kubeadm). @default 443 */
  readonly apiServerPort?: number;
  /** Namespace of the Prometheus that scrapes the agents' metrics (AgentMonitor); an ingress lockdown admits it. @default 'monitoring' */
  readonly monitoringNamespace?: string;
  /** Labels of the Prometheus pods. @default { 'app.kubernetes.io/name': 'prometheus' } (set by prometheus-operator) */
  readonly monitoringLabels?: Record<string, string>;
}

/**
 * Flags of Knative Eventing's `config-features` (namespace `knative-eventing`)
 * declared for a cluster. Each defaults to the upstream 1.22 value; every
 * eventing gate opens only when the flag is `Enabled`.
 */
export interface KnativeEventingFeatures {
  /** `authentication-oidc`: OIDC tokens on event delivery; EventPolicies need it. @default FeatureState.DISABLED */
  readonly authenticationOidc?: FeatureState;
  /** `delivery-timeout`: `delivery.timeout`. @default FeatureState.ENABLED */
  readonly deliveryTimeout?: FeatureState;
  /** `delivery-retryafter`: `delivery.retryAfterMax`. @default FeatureState.DISABLED */
  readonly deliveryRetryAfter?: FeatureState;
  /** `kreference-group`: `group` in object references. @default FeatureState.DISABLED */
  readonly kreferenceGroup?: FeatureState;
  /** `kreference-mapping`. @default FeatureState.DISABLED */
  readonly kreferenceMapping?: FeatureState;
  /** `cross-namespace-event-links`: Trigger `brokerRef.namespace`, Subscription `channel.namespace`. @default FeatureState.DISABLED */
  readonly crossNamespaceEventLinks?: FeatureState;
  /** `new-apiserversource-filters`: ApiServerSource `filters`. @default FeatureState.DISABLED */
  readonly newApiServerSourceFilters?: FeatureState;
  /** `eventtype-auto-create`. @default FeatureState.DISABLED */
  readonly eventTypeAutoCreate?: FeatureState;
}

export interface ClusterProfileProps {
  /**
   * ConfigMap YAML files of the cluster (`config-features`, `config-defaults`,
   * `config-autoscaler`, `config-deployment`, `config-network`; the eventing
   * `config-features` is told apart by its namespace `knative-eventing`), read at
   * construction. Props given here win over the files.
   * @default - none: upstream defaults for what the props do not set
   */
  readonly configMapFiles?: string[];
  /**
   * Knative release the cluster runs (`1.23`, `v1.23.0`): the rules and CRD
   * schemas of that release check the app. The catalogue implements 1.22 and
   * 1.23; a newer release is checked with the 1.23 rules, an older one with
   * the 1.22 rules, each with warning PROFILE-003.
   * @default '1.23'
   */
  readonly knativeVersion?: string;
  /**
   * Releases of KEDA, External Secrets and Sealed Secrets the cluster runs
   * (`major.minor`); another release than the rules' is PROFILE-007.
   * @default - those the rules implement: KEDA 2.20, External Secrets 2.9, Sealed Secrets 0.36
   */
  readonly releases?: ComponentReleases;
  /** Flags of `config-features`. @default - upstream defaults for every flag */
  readonly features?: KnativeFeatures;
  /** config-defaults `revision-timeout-seconds`. @default Duration.seconds(300) */
  readonly revisionTimeout?: Duration;
  /** config-defaults `max-revision-timeout-seconds`. @default Duration.seconds(600) */
  readonly maxRevisionTimeout?: Duration;
  /** config-defaults `container-concurrency`: what an unset `containerConcurrency` becomes. @default 0 */
  readonly containerConcurrency?: number;
  /** config-defaults `container-concurrency-max-limit`. @default 1000 */
  readonly containerConcurrencyMaxLimit?: number;
  /** config-defaults `allow-container-concurrency-zero`. @default true */
  readonly allowContainerConcurrencyZero?: boolean;
  /** config-autoscaler `pod-autoscaler-class`. @default ScalingClass.KPA */
  readonly podAutoscalerClass?: ScalingClass;
  /** config-autoscaler `max-scale-limit`; 0 means no limit. @default 0 */
  readonly maxScaleLimit?: number;
  /** config-autoscaler `allow-zero-initial-scale`. @default false */
  readonly allowZeroInitialScale?: boolean;
  /** config-autoscaler `enable-scale-to-zero`. @default true */
  readonly enableScaleToZero?: boolean;
  /** config-deployment `progress-deadline`. @default Duration.seconds(600) */
  readonly progressDeadline?: Duration;
  /** config-network `tag-template`. @default '{{.Tag}}-{{.Name}}' */
  readonly tagTemplate?: string;
  /** Cluster DNS domain used in `.url`. @default 'cluster.local' */
  readonly clusterDomain?: string;
  /**
   * config-domain's default domain (the key without a selector), e.g.
   * `agents.example.com`: public agents get `<name>.<namespace>.<domain>`
   * (`publicUrl`). Replaces the domains of a config-domain in `configMapFiles` (which may have selectors).
   * @default - Knative's default `svc.<cluster domain>`, reachable only inside the cluster
   */
  readonly domain?: string;
  /** config-network `domain-template`. @default '{{.Name}}.{{.Namespace}}.{{.Domain}}' */
  readonly domainTemplate?: string;
  /** config-network `external-domain-tls`: Knative provisions certificates for public hosts, so public URLs are https. @default false */
  readonly externalDomainTls?: boolean;
  /** config-observability `request-metrics-protocol`: how every queue-proxy exports request metrics (AgentMonitor needs PROMETHEUS). @default MetricsProtocol.NONE */
  readonly requestMetricsProtocol?: MetricsProtocol;
  /** config-observability `metrics-protocol`: how the autoscaler and activator export theirs (the scale alerts of AgentAlerts read them). @default MetricsProtocol.NONE */
  readonly metricsProtocol?: MetricsProtocol;
  /** Namespace of Knative Serving, where its ConfigMaps live (named in messages); also where the activator and autoscaler run. @default 'knative-serving' */
  readonly servingNamespace?: string;
  /** Where the networking layer, Eventing, the cluster DNS and the API server are, for network policies. @default - upstream installations */
  readonly network?: NetworkProfile;
  /** Flags of Knative Eventing's `config-features`. @default - upstream 1.22 defaults for every flag */
  readonly eventingFeatures?: KnativeEventingFeatures;
  /** Eventing `config-features` `transport-encryption`. @default TransportEncryption.DISABLED */
  readonly transportEncryption?: TransportEncryption;
  /** Eventing `config-features` `default-authorization-mode`. @default AuthorizationMode.ALLOW_SAME_NAMESPACE */
  readonly defaultAuthorizationMode?: AuthorizationMode;
  /**
   * Eventing's config-observability `metrics-protocol` (the ConfigMap in
   * `eventingNamespace`): how the broker, channel and source dispatchers
   * export their metrics (the event alerts of AgentAlerts read them).
   * @default MetricsProtocol.NONE
   */
  readonly eventingMetricsProtocol?: MetricsProtocol;
  /** Namespace of Knative Eventing: where its ConfigMaps live, and its broker, channel and source dispatchers run (`IngressLockdown.KNATIVE_AND_EVENTING`). @default 'knative-eventing' */
  readonly eventingNamespace?: string;
}

const PROFILE_SHAPE = {
  configMapFiles: T.array(T.string({ nonEmpty: true })),
  knativeVersion: T.string(),
  releases: T.object<ComponentReleases>({ keda: T.string(), externalSecrets: T.string(), sealedSecrets: T.string() }, 'a map of releases'),
  features: T.object(Object.fromEntries(Object.keys(FEATURE_FLAGS).map((k) => [k, T.enumOf(FeatureState, 'FeatureState')])), 'an object of feature flags'),
  revisionTimeout: T.duration(),
  maxRevisionTimeout: T.duration(),
  containerConcurrency: T.number(),
  containerConcurrencyMaxLimit: T.number(),
  allowContainerConcurrencyZero: T.boolean(),
  podAutoscalerClass: T.enumOf(ScalingClass, 'ScalingClass'),
  maxScaleLimit: T.number(),
  allowZeroInitialScale: T.boolean(),
  enableScaleToZero: T.boolean(),
  progressDeadline: T.duration(),
  tagTemplate: T.string({ nonEmpty: true }),
  clusterDomain: T.string({ nonEmpty: true }),
  domain: T.string({ nonEmpty: true }),
  domainTemplate: T.string({ nonEmpty: true }),
  externalDomainTls: T.boolean(),
  requestMetricsProtocol: T.enumOf(MetricsProtocol, 'MetricsProtocol'),
  metricsProtocol: T.enumOf(MetricsProtocol, 'MetricsProtocol'),
  servingNamespace: T.string({ nonEmpty: true }),
  network: T.object<NetworkProfile>({
    ingressNamespaces: T.array(T.string()),
    dnsNamespace: T.string(),
    dnsLabels: T.record(T.string()),
    apiServerCidrs: T.array(T.string()),
    apiServerPort: T.number(),
    monitoringNamespace: T.string(),
    monitoringLabels: T.record(T.string()),
  }, 'a NetworkProfile object'),
  eventingFeatures: T.object(Object.fromEntries(Object.keys(EVENTING_FEATURE_FLAGS).map((k) => [k, T.enumOf(FeatureState, 'FeatureState')])), 'an object of eventing feature flags'),
  transportEncryption: T.enumOf(TransportEncryption, 'TransportEncryption'),
  defaultAuthorizationMode: T.enumOf(AuthorizationMode, 'AuthorizationMode'),
  eventingMetricsProtocol: T.enumOf(MetricsProtocol, 'MetricsProtocol'),
  eventingNamespace: T.string({ nonEmpty: true }),
} satisfies ShapeOf<ClusterProfileProps>;

/**
 * The cluster-wide Knative settings that constructs validate against,
 * declared once per app, with upstream defaults for anything not given
 * (Knative 1.23 unless `knativeVersion` says otherwise).
 *
 * ```ts
 * new ClusterProfile(app, 'cluster', {
 *   configMapFiles: ['platform/knative/config-features.yaml'],
 *   maxScaleLimit: 50,
 * });
 * ```
 *
 * Apps that declare none get the upstream defaults. The profile renders no
 * manifest: the ConfigMaps belong to the Knative installation.
 */
export class ClusterProfile extends Construct {
  /**
   * The profile the repository config declares (`cdk8s-agents.yaml`, which
   * `cdk8s-agents check` reads too): its cluster ConfigMap files and Knative
   * version; the objects the platform provides (references to them are not
   * reported); its acknowledgements, applied to the objects they name. A
   * problem of the file fails synth with its field.
   *
   * ```ts
   * ClusterProfile.fromRepositoryConfig(app, 'cluster'); // ./cdk8s-agents.yaml
   * ```
   *
   * @param file @default 'cdk8s-agents.yaml' (relative to where synth runs)
   */
  public static fromRepositoryConfig(scope: Construct, id: string, file: string = REPOSITORY_CONFIG_FILE): ClusterProfile {
    checkScope(scope, id, 'ClusterProfile.fromRepositoryConfig');
    const read = typeof file === 'string' && file !== '' ? readRepositoryConfig(file) : { problems: [{ field: '', message: `expected a file path, got ${describe(file)}` }] };
    pendingConfig = { file: String(file), ...read };
    try {
      return new ClusterProfile(scope, id, read.config ? { configMapFiles: [...read.config.configMapFiles], knativeVersion: read.config.knativeVersion, releases: read.config.releases } : {});
    } finally {
      pendingConfig = undefined;
    }
  }

  /** The resolved settings (plain data), as the validation sees them. */
  public readonly settings: ClusterSettings;

  public constructor(scope: Construct, id: string, props: ClusterProfileProps = {}) {
    super(checkScope(scope, id, 'new ClusterProfile'), id);
    const findings = new FindingList();
    const repository = pendingConfig;
    pendingConfig = undefined;
    for (const p of repository?.problems ?? []) {
      findings.addProp(CORE_RULES.PROP_TYPE, 'file', repository!.file, `${p.field ? `${p.field}: ` : ''}${p.message}`, 'fix the repository config (README: "One config for synth and check")');
    }
    if (repository?.config) {
      const config = repository.config;
      AppValidation.of(this)._useRepository(config.provided, (kind, namespace, name) => acknowledgementsFor(config, kind, namespace, name));
    }
    const ok = checkProps(props, PROFILE_SHAPE, findings);
    const fromFiles = ok ? readConfigMapFiles(props.configMapFiles ?? [], findings) : {};
    this.settings = resolveClusterSettings(mergeSettingsInputs(fromFiles, ok ? toInput(props, findings) : {}, { source: this.node.path }));
    AppValidation.of(this)._declare(this.settings, this.node.path, findings.items);
  }

  /** Whether a `config-features` flag is declared Enabled, Allowed or Disabled. */
  public feature(name: FeatureName): FeatureState {
    return flag(this.settings.serving.features, name, 'feature');
  }

  /** How a flag of Knative Eventing's `config-features` is declared. */
  public eventingFeature(name: EventingFeatureName): FeatureState {
    return flag(this.settings.eventing.features, name, 'eventingFeature');
  }
}

/** The repository config `fromRepositoryConfig` read, for the constructor it calls (synchronously). */
let pendingConfig: { file: string; config?: RepositoryConfig; problems: readonly ConfigProblem[] } | undefined;

/** A declared flag; a name that is none is a programming mistake (a plain Error naming the method and the names it knows). */
function flag<N extends string>(features: Readonly<Record<N, FeatureState>>, name: N, method: string): FeatureState {
  if (typeof name === 'string' && Object.prototype.hasOwnProperty.call(features, name)) return features[name];
  throw new Error(`ClusterProfile.${method}(name): ${describe(name)} is not a flag; use one of ${Object.keys(features).join(', ')}`);
}

function seconds(d: Duration | undefined, prop: string, out: FindingList): number | undefined {
  if (d === undefined) return undefined;
  const s = d.toMilliseconds() / 1000;
  if (!Number.isInteger(s)) out.addProp(SETTINGS_RULES.VALUE, prop, `${d.toMilliseconds()}ms`, 'Knative takes whole seconds', `use Duration.seconds(${Math.round(s)})`);
  return Math.round(s);
}

function toInput(p: ClusterProfileProps, out: FindingList): ClusterSettingsInput {
  return {
    knativeVersion: p.knativeVersion,
    releases: p.releases,
    serving: {
      features: p.features,
      revisionTimeoutSeconds: seconds(p.revisionTimeout, 'revisionTimeout', out),
      maxRevisionTimeoutSeconds: seconds(p.maxRevisionTimeout, 'maxRevisionTimeout', out),
      containerConcurrency: p.containerConcurrency,
      containerConcurrencyMaxLimit: p.containerConcurrencyMaxLimit,
      allowContainerConcurrencyZero: p.allowContainerConcurrencyZero,
      podAutoscalerClass: p.podAutoscalerClass,
      maxScaleLimit: p.maxScaleLimit,
      allowZeroInitialScale: p.allowZeroInitialScale,
      enableScaleToZero: p.enableScaleToZero,
      progressDeadlineSeconds: seconds(p.progressDeadline, 'progressDeadline', out),
      tagTemplate: p.tagTemplate,
      clusterDomain: p.clusterDomain,
      domains: p.domain === undefined ? undefined : [{ domain: p.domain, selector: {} }],
      domainTemplate: p.domainTemplate,
      externalDomainTls: p.externalDomainTls,
      requestMetricsProtocol: p.requestMetricsProtocol,
      metricsProtocol: p.metricsProtocol,
      namespace: p.servingNamespace,
    },
    network: p.network && {
      ingressNamespaces: p.network.ingressNamespaces,
      dnsNamespace: p.network.dnsNamespace,
      dnsLabels: p.network.dnsLabels,
      apiServerCidrs: p.network.apiServerCidrs,
      apiServerPort: p.network.apiServerPort,
      monitoringNamespace: p.network.monitoringNamespace,
      monitoringLabels: p.network.monitoringLabels,
    },
    eventing: {
      features: p.eventingFeatures,
      transportEncryption: p.transportEncryption,
      defaultAuthorizationMode: p.defaultAuthorizationMode,
      metricsProtocol: p.eventingMetricsProtocol,
      namespace: p.eventingNamespace,
    },
  };
}

function readConfigMapFiles(files: readonly string[], out: FindingList): ClusterSettingsInput {
  const objects: unknown[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      out.addProp(CORE_RULES.PROP_TYPE, 'configMapFiles', file, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'give a path relative to where synth runs');
      continue;
    }
    const before = objects.length;
    for (const doc of yamlParser().parseAllDocuments(text)) {
      if (doc.errors.length > 0) out.addProp(CORE_RULES.PROP_TYPE, 'configMapFiles', file, `not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
      else objects.push(doc.toJS());
    }
    const found = objects.slice(before).some((o: any) => [o, ...(Array.isArray(o?.items) ? o.items : [])]
      .some((c: any) => c?.kind === 'ConfigMap' && SETTINGS_CONFIGMAPS.includes(c?.metadata?.name)));
    if (!found) out.addProp(CORE_RULES.PROP_TYPE, 'configMapFiles', file, `no Knative settings ConfigMap (${SETTINGS_CONFIGMAPS.join(', ')}) in the file`, 'name a file that holds them, e.g. the output of `kubectl get cm -n knative-serving -o yaml`');
  }
  return settingsFromConfigMaps(objects, out);
}

// Compile-time check: the documented props cover exactly the flags the engine knows.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
const FEATURE_PROPS_MATCH_FLAGS: SameKeys<Required<KnativeFeatures>, typeof FEATURE_FLAGS> = true;
void FEATURE_PROPS_MATCH_FLAGS;
const EVENTING_PROPS_MATCH_FLAGS: SameKeys<Required<KnativeEventingFeatures>, typeof EVENTING_FEATURE_FLAGS> = true;
void EVENTING_PROPS_MATCH_FLAGS;
