import { Duration } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { PLATFORM_RULES } from '../validation/platform-rules';
import { ViolationList } from '../validation/rule';
import { ScalingClass } from '../serving/scaling';
import { FEATURE_FLAGS, FeatureName, FeatureState, KnativeFeatures } from './features';

export interface ClusterProfileProps {
  /** Knative Serving version the cluster runs; the rules implemented are those of 1.22. @default '1.22' */
  readonly knativeVersion?: string;
  /** Flags of `config-features`. @default - upstream 1.22 defaults for every flag */
  readonly features?: KnativeFeatures;
  /** config-defaults `revision-timeout-seconds`. @default Duration.seconds(300) */
  readonly revisionTimeout?: Duration;
  /** config-defaults `max-revision-timeout-seconds`. @default Duration.seconds(600) */
  readonly maxRevisionTimeout?: Duration;
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
  /** Cluster DNS domain used in `.url`. @default 'cluster.local' */
  readonly clusterDomain?: string;
  /** Namespace of the Knative Serving control plane (activator, autoscaler). @default 'knative-serving' */
  readonly servingNamespace?: string;
  /** Namespace of the networking layer's gateways (Kourier upstream). @default 'kourier-system' */
  readonly ingressNamespace?: string;
}

const PROFILE_MARKER = Symbol.for('cdk8s-agents.ClusterProfile');
const DEFAULT_PROFILE = Symbol.for('cdk8s-agents.ClusterProfile.default');

/**
 * The cluster-wide Knative settings that constructs validate against,
 * declared once per app with upstream 1.22 defaults.
 *
 * ```ts
 * new ClusterProfile(app, 'cluster', {
 *   features: { podspecPersistentVolumeClaim: FeatureState.ENABLED },
 *   maxScaleLimit: 50,
 * });
 * ```
 *
 * Apps that declare none get the upstream defaults. The profile renders no
 * manifest: the ConfigMaps belong to the Knative installation.
 */
export class ClusterProfile extends Construct {
  /** The profile of the app that `scope` belongs to, or the upstream defaults when the app declares none. */
  public static of(scope: IConstruct): ClusterProfile {
    const root = scope.node.root;
    const found = root.node.findAll().find((c) => (c as any)[PROFILE_MARKER] === true) as ClusterProfile | undefined;
    if (found) return found;
    const r = root as any;
    if (!r[DEFAULT_PROFILE]) {
      // Kept off the construct tree so that it renders nothing and does not count as declared.
      r[DEFAULT_PROFILE] = new ClusterProfile(new Construct(undefined as any, 'default-cluster-profile'), 'Default');
    }
    return r[DEFAULT_PROFILE];
  }

  public readonly knativeVersion: string;
  public readonly revisionTimeout: Duration;
  public readonly maxRevisionTimeout: Duration;
  public readonly containerConcurrencyMaxLimit: number;
  public readonly allowContainerConcurrencyZero: boolean;
  public readonly podAutoscalerClass: ScalingClass;
  public readonly maxScaleLimit: number;
  public readonly allowZeroInitialScale: boolean;
  public readonly enableScaleToZero: boolean;
  public readonly clusterDomain: string;
  public readonly servingNamespace: string;
  public readonly ingressNamespace: string;
  private readonly features: KnativeFeatures;

  public constructor(scope: Construct, id: string, props: ClusterProfileProps = {}) {
    super(scope, id);
    Object.defineProperty(this, PROFILE_MARKER, { value: true });
    this.knativeVersion = props.knativeVersion ?? '1.22';
    this.features = { ...(props.features ?? {}) };
    this.revisionTimeout = props.revisionTimeout ?? Duration.seconds(300);
    this.maxRevisionTimeout = props.maxRevisionTimeout ?? Duration.seconds(600);
    this.containerConcurrencyMaxLimit = props.containerConcurrencyMaxLimit ?? 1000;
    this.allowContainerConcurrencyZero = props.allowContainerConcurrencyZero ?? true;
    this.podAutoscalerClass = props.podAutoscalerClass ?? ScalingClass.KPA;
    this.maxScaleLimit = props.maxScaleLimit ?? 0;
    this.allowZeroInitialScale = props.allowZeroInitialScale ?? false;
    this.enableScaleToZero = props.enableScaleToZero ?? true;
    this.clusterDomain = props.clusterDomain ?? 'cluster.local';
    this.servingNamespace = props.servingNamespace ?? 'knative-serving';
    this.ingressNamespace = props.ingressNamespace ?? 'kourier-system';
    this.node.addValidation({ validate: () => this.check().format(this.node.path) });
  }

  /** The declared (or default) state of a `config-features` flag. */
  public feature(name: FeatureName): FeatureState {
    return this.features[name] ?? FEATURE_FLAGS[name].default;
  }

  /** Whether admission lets a field gated by this flag through (`Allowed` opens only the not-disabled gates). */
  public allows(name: FeatureName): boolean {
    const state = this.feature(name);
    return FEATURE_FLAGS[name].gate === 'enabled' ? state === FeatureState.ENABLED : state !== FeatureState.DISABLED;
  }

  private check(): ViolationList {
    const v = new ViolationList();
    const R = PLATFORM_RULES;
    const others = this.node.root.node.findAll().filter((c) => (c as any)[PROFILE_MARKER] === true);
    if (others.length > 1 && others[0] !== this) {
      v.add(R.PROFILE_DUPLICATE, 'ClusterProfile', this.node.path, `another profile is declared at ${others[0].node.path}`);
    }
    const timeout = this.revisionTimeout.toMilliseconds() / 1000;
    const max = this.maxRevisionTimeout.toMilliseconds() / 1000;
    if (!Number.isInteger(timeout) || !Number.isInteger(max) || timeout <= 0 || max <= 0) {
      v.add(R.PROFILE_VALUE, 'revisionTimeout/maxRevisionTimeout', `${timeout}s/${max}s`, 'timeouts are positive whole seconds');
    } else if (timeout > max) {
      v.add(R.PROFILE_VALUE, 'revisionTimeout', `${timeout}s`, `revision-timeout-seconds exceeds max-revision-timeout-seconds (${max}s)`);
    }
    if (!Number.isInteger(this.containerConcurrencyMaxLimit) || this.containerConcurrencyMaxLimit < 1) {
      v.add(R.PROFILE_VALUE, 'containerConcurrencyMaxLimit', this.containerConcurrencyMaxLimit, 'container-concurrency-max-limit must be a whole number ≥ 1');
    }
    if (!Number.isInteger(this.maxScaleLimit) || this.maxScaleLimit < 0) {
      v.add(R.PROFILE_VALUE, 'maxScaleLimit', this.maxScaleLimit, 'max-scale-limit must be a whole number ≥ 0');
    }
    return v;
  }
}
