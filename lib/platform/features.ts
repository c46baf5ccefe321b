/**
 * The value of a flag in Knative's `config-features` ConfigMap.
 */
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
  /** Upstream 1.22 default. */
  readonly default: FeatureState;
  readonly gate: FeatureGate;
}

/**
 * Flags of `config-features` (knative-serving 1.22) that gate admission,
 * by the name of the ClusterProfile `features` prop.
 */
export const FEATURE_FLAGS = {
  multiContainer: { key: 'multi-container', default: FeatureState.ENABLED, gate: 'enabled' },
  multiContainerProbing: { key: 'multi-container-probing', default: FeatureState.DISABLED, gate: 'enabled' },
  podspecAffinity: { key: 'kubernetes.podspec-affinity', default: FeatureState.DISABLED, gate: 'not-disabled' },
  podspecTopologySpreadConstraints: { key: 'kubernetes.podspec-topologyspreadconstraints', default: FeatureState.DISABLED, gate: 'not-disabled' },
  podspecHostAliases: { key: 'kubernetes.podspec-hostaliases', default: FeatureState.DISABLED, gate: 'not-disabled' },
  podspecNodeSelector: { key: 'kubernetes.podspec-nodeselector', default: FeatureState.DISABLED, gate: 'not-disabled' },
  podspecRuntimeClassName: { key: 'kubernetes.podspec-runtimeclassname', default: FeatureState.DISABLED, gate: 'not-disabled' },
  podspecTolerations: { key: 'kubernetes.podspec-tolerations', default: FeatureState.DISABLED, gate: 'not-disabled' },
  podspecSecurityContext: { key: 'kubernetes.podspec-securitycontext', default: FeatureState.DISABLED, gate: 'not-disabled' },
  podspecShareProcessNamespace: { key: 'kubernetes.podspec-shareprocessnamespace', default: FeatureState.DISABLED, gate: 'not-disabled' },
  podspecPriorityClassName: { key: 'kubernetes.podspec-priorityclassname', default: FeatureState.DISABLED, gate: 'not-disabled' },
  podspecSchedulerName: { key: 'kubernetes.podspec-schedulername', default: FeatureState.DISABLED, gate: 'not-disabled' },
  podspecInitContainers: { key: 'kubernetes.podspec-init-containers', default: FeatureState.DISABLED, gate: 'enabled' },
  podspecDnsPolicy: { key: 'kubernetes.podspec-dnspolicy', default: FeatureState.DISABLED, gate: 'not-disabled' },
  podspecDnsConfig: { key: 'kubernetes.podspec-dnsconfig', default: FeatureState.DISABLED, gate: 'not-disabled' },
  podspecHostIpc: { key: 'kubernetes.podspec-hostipc', default: FeatureState.DISABLED, gate: 'not-disabled' },
  podspecHostPid: { key: 'kubernetes.podspec-hostpid', default: FeatureState.DISABLED, gate: 'not-disabled' },
  podspecHostNetwork: { key: 'kubernetes.podspec-hostnetwork', default: FeatureState.DISABLED, gate: 'not-disabled' },
  podspecFieldRef: { key: 'kubernetes.podspec-fieldref', default: FeatureState.DISABLED, gate: 'not-disabled' },
  containerspecAddCapabilities: { key: 'kubernetes.containerspec-addcapabilities', default: FeatureState.DISABLED, gate: 'enabled' },
  podspecVolumesEmptyDir: { key: 'kubernetes.podspec-volumes-emptydir', default: FeatureState.ENABLED, gate: 'enabled' },
  podspecPersistentVolumeClaim: { key: 'kubernetes.podspec-persistent-volume-claim', default: FeatureState.DISABLED, gate: 'enabled' },
  podspecPersistentVolumeWrite: { key: 'kubernetes.podspec-persistent-volume-write', default: FeatureState.DISABLED, gate: 'enabled' },
  podspecVolumesHostPath: { key: 'kubernetes.podspec-volumes-hostpath', default: FeatureState.DISABLED, gate: 'enabled' },
  podspecVolumesCsi: { key: 'kubernetes.podspec-volumes-csi', default: FeatureState.DISABLED, gate: 'enabled' },
  podspecVolumesImage: { key: 'kubernetes.podspec-volumes-image', default: FeatureState.DISABLED, gate: 'enabled' },
  podspecVolumesMountPropagation: { key: 'kubernetes.podspec-volumes-mount-propagation', default: FeatureState.DISABLED, gate: 'enabled' },
} as const satisfies Record<string, FeatureFlagInfo>;

export type FeatureName = keyof typeof FEATURE_FLAGS;

/**
 * Flags of `config-features` declared for a cluster. Each defaults to the
 * upstream Knative Serving 1.22 value.
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
  /** `kubernetes.podspec-volumes-mount-propagation` @default FeatureState.DISABLED */
  readonly podspecVolumesMountPropagation?: FeatureState;
}
