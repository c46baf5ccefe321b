import { Duration } from 'cdk8s';
import { checkArgs, T, withArgFindings } from '../construct/props';
import { goDuration } from '../k8s/values';

/** Which autoscaler acts on a revision (`autoscaling.knative.dev/class`). */
export enum ScalingClass {
  /** Knative Pod Autoscaler: request-driven, can scale to zero. */
  KPA = 'kpa.autoscaling.knative.dev',
  /** Kubernetes Horizontal Pod Autoscaler: CPU/memory driven, never below one pod. */
  HPA = 'hpa.autoscaling.knative.dev',
}

/** What the autoscaler measures (`autoscaling.knative.dev/metric`). */
export class ScalingMetric {
  /** In-flight requests per pod (KPA). */
  public static readonly CONCURRENCY = new ScalingMetric('concurrency');
  /** Requests per second per pod (KPA). */
  public static readonly RPS = new ScalingMetric('rps');
  /** CPU utilization (HPA). */
  public static readonly CPU = new ScalingMetric('cpu');
  /** Memory, in MiB average value (HPA). */
  public static readonly MEMORY = new ScalingMetric('memory');

  /** A custom Pods metric served by a metrics adapter (HPA only). */
  public static custom(name: string): ScalingMetric {
    return withArgFindings(new ScalingMetric(name), checkArgs('ScalingMetric.custom', { name }, { name: T.string() }, ['name']));
  }

  private constructor(public readonly value: string) {}
}

/**
 * Per-revision autoscaling. Each prop becomes one
 * `autoscaling.knative.dev/*` annotation on the revision template; an unset
 * prop leaves the cluster default (config-autoscaler) in force.
 */
export interface ScalingOptions {
  /** @default 0 (scale to zero) */
  readonly minScale?: number;
  /** @default - unlimited (0), or the cluster `max-scale-limit` */
  readonly maxScale?: number;
  /** Pods started for a new revision. @default 1 (config-autoscaler `initial-scale`) */
  readonly initialScale?: number;
  /** Pods to start when scaling up from zero (≥ 2). @default 1 */
  readonly activationScale?: number;
  /** Target per pod for the metric (requests in flight, requests per second, CPU % or MiB). @default 100 concurrent requests, 200 rps; for HPA the Kubernetes default */
  readonly target?: number;
  /** Share of the target at which to scale out, in percent (1-100). @default 70 */
  readonly targetUtilizationPercentage?: number;
  /** @default ScalingMetric.CONCURRENCY with KPA, ScalingMetric.CPU with HPA */
  readonly metric?: ScalingMetric;
  /** @default - the cluster `pod-autoscaler-class` (ScalingClass.KPA upstream) */
  readonly class?: ScalingClass;
  /** Wait this long at lower load before scaling down (0s-1h, whole seconds). @default Duration.seconds(0) */
  readonly scaleDownDelay?: Duration;
  /** Stable window over which the metric is averaged (6s-1h, whole seconds). @default Duration.seconds(60) */
  readonly window?: Duration;
  /** Keep the last pod this long after traffic stops (0s-1h). @default Duration.seconds(0) */
  readonly scaleToZeroRetention?: Duration;
  /** Panic window as a percentage of the stable window (1-100). @default 10 */
  readonly panicWindowPercentage?: number;
  /** Load, in percent of capacity, that triggers panic mode (110-1000). @default 200 */
  readonly panicThresholdPercentage?: number;
  /** Spare capacity to keep before the activator leaves the path; -1 for unlimited. @default 211 */
  readonly targetBurstCapacity?: number;
}

export const AUTOSCALING_PREFIX = 'autoscaling.knative.dev/';

/** Annotation keys, by ScalingOptions prop. */
export const SCALING_ANNOTATIONS = {
  class: 'autoscaling.knative.dev/class',
  metric: 'autoscaling.knative.dev/metric',
  target: 'autoscaling.knative.dev/target',
  targetUtilizationPercentage: 'autoscaling.knative.dev/target-utilization-percentage',
  minScale: 'autoscaling.knative.dev/min-scale',
  maxScale: 'autoscaling.knative.dev/max-scale',
  initialScale: 'autoscaling.knative.dev/initial-scale',
  activationScale: 'autoscaling.knative.dev/activation-scale',
  scaleDownDelay: 'autoscaling.knative.dev/scale-down-delay',
  window: 'autoscaling.knative.dev/window',
  scaleToZeroRetention: 'autoscaling.knative.dev/scale-to-zero-pod-retention-period',
  panicWindowPercentage: 'autoscaling.knative.dev/panic-window-percentage',
  panicThresholdPercentage: 'autoscaling.knative.dev/panic-threshold-percentage',
  targetBurstCapacity: 'autoscaling.knative.dev/target-burst-capacity',
} as const;

/** Every key the 1.22 webhook or autoscaler reads, with the legacy camelCase aliases (AR#L226-283). */
export const KNOWN_AUTOSCALING_KEYS: ReadonlySet<string> = new Set([
  ...Object.values(SCALING_ANNOTATIONS),
  'autoscaling.knative.dev/metric-aggregation-algorithm',
  ...['minScale', 'maxScale', 'initialScale', 'scaleDownDelay', 'metricAggregationAlgorithm', 'panicThresholdPercentage',
    'panicWindowPercentage', 'scaleToZeroPodRetentionPeriod', 'targetBurstCapacity', 'targetUtilizationPercentage']
    .map((k) => AUTOSCALING_PREFIX + k),
]);

/** Renders scaling options as revision annotations (string values, stable order). */
export function renderScalingAnnotations(s: ScalingOptions): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, v: string | number | undefined) => {
    if (v !== undefined) out[key] = String(v);
  };
  const K = SCALING_ANNOTATIONS;
  put(K.class, s.class);
  put(K.metric, s.metric?.value);
  put(K.target, s.target);
  put(K.targetUtilizationPercentage, s.targetUtilizationPercentage);
  put(K.minScale, s.minScale);
  put(K.maxScale, s.maxScale);
  put(K.initialScale, s.initialScale);
  put(K.activationScale, s.activationScale);
  put(K.scaleDownDelay, s.scaleDownDelay && goDuration(s.scaleDownDelay));
  put(K.window, s.window && goDuration(s.window));
  put(K.scaleToZeroRetention, s.scaleToZeroRetention && goDuration(s.scaleToZeroRetention));
  put(K.panicWindowPercentage, s.panicWindowPercentage);
  put(K.panicThresholdPercentage, s.panicThresholdPercentage);
  put(K.targetBurstCapacity, s.targetBurstCapacity);
  return out;
}
