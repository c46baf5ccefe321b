import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { kedaImports } from './keda-imports';
import { fromProp } from '../construct/construct';
import { ShapeOf, T } from '../construct/props';
import { KedaWorkload, KedaWorkloadProps, WORKLOAD_SHAPE } from './keda-workload';
import { ScaleMetricType } from './triggers';
import { WorkloadRef } from '../construct/workload';

/** What the ScaledObject does while its triggers fail. */
export enum FallbackBehavior {
  /** Run `replicas` (default). */
  STATIC = 'static',
  /** Keep the current replica count. */
  CURRENT_REPLICAS = 'currentReplicas',
  /** The higher of `replicas` and the current count. */
  CURRENT_REPLICAS_IF_HIGHER = 'currentReplicasIfHigher',
  /** The lower of `replicas` and the current count. */
  CURRENT_REPLICAS_IF_LOWER = 'currentReplicasIfLower',
  /** Evaluate the scaling-modifiers formula (needs `scalingModifiers`). */
  SCALING_MODIFIERS = 'scalingModifiers',
}

/** Replicas to run while the triggers' metrics cannot be read. */
export interface WorkerFallback {
  /** Consecutive failed reads before the fallback applies. */
  readonly failureThreshold: number;
  /** Replicas during the fallback. */
  readonly replicas: number;
  /** @default FallbackBehavior.STATIC */
  readonly behavior?: FallbackBehavior;
}

/** How a scaling policy limits change. */
export enum ScalingPolicyType {
  /** An absolute number of pods per period. */
  PODS = 'Pods',
  /** A percentage of the current pods per period. */
  PERCENT = 'Percent',
}

/** Which policy wins when several apply. */
export enum ScalingSelectPolicy {
  /** The policy allowing the largest change (HPA default). */
  MAX = 'Max',
  MIN = 'Min',
  /** No scaling in this direction. */
  DISABLED = 'Disabled',
}

/** One HPA scaling policy. */
export interface WorkerScalingPolicy {
  readonly type: ScalingPolicyType;
  /** Pods or percent; > 0. */
  readonly value: number;
  /** Window the policy holds for, 1 s to 30 min. */
  readonly period: Duration;
}

/** HPA behavior in one direction (`advanced.horizontalPodAutoscalerConfig.behavior`). */
export interface WorkerScalingRules {
  /** Past recommendations considered, up to 1 h. @default - HPA default (0 up, 300 s down) */
  readonly stabilizationWindow?: Duration;
  /** @default ScalingSelectPolicy.MAX */
  readonly selectPolicy?: ScalingSelectPolicy;
  /** @default - HPA defaults */
  readonly policies?: WorkerScalingPolicy[];
}

/** A formula over named triggers that replaces their individual metrics. */
export interface WorkerScalingModifiers {
  /** Expression over the trigger names, e.g. `kafka + backlog`. */
  readonly formula: string;
  /** Target for the formula's value, > 0. */
  readonly target: number;
  /** Value above which the workload wakes from zero. @default 0 */
  readonly activationTarget?: number;
  /** @default ScaleMetricType.AVERAGE_VALUE */
  readonly metricType?: ScaleMetricType;
}

export interface AgentWorkerProps extends KedaWorkloadProps {
  /** Replicas when idle; 0 scales to zero. @default 0 */
  readonly minReplicas?: number;
  /** @default 100 (KEDA's default) */
  readonly maxReplicas?: number;
  /** Replicas while no trigger is active (below `minReplicas`, which must then be set). @default - none: idle means `minReplicas` */
  readonly idleReplicas?: number;
  /** Wait after the last active trigger before scaling to zero. @default Duration.seconds(300) (KEDA's default) */
  readonly cooldownPeriod?: Duration;
  /** Wait after creation before the first scale to zero. @default - none */
  readonly initialCooldownPeriod?: Duration;
  /** Replicas while the triggers fail. @default - none: no fallback */
  readonly fallback?: WorkerFallback;
  /** HPA behavior when scaling up. @default - HPA defaults */
  readonly scaleUp?: WorkerScalingRules;
  /** HPA behavior when scaling down. @default - HPA defaults */
  readonly scaleDown?: WorkerScalingRules;
  /** Name of the HPA KEDA creates. @default - `keda-hpa-<name>` */
  readonly hpaName?: string;
  /** Return to the replica count before KEDA when the ScaledObject is deleted. @default false */
  readonly restoreToOriginalReplicaCount?: boolean;
  /** Scale on a formula over the named triggers. @default - none */
  readonly scalingModifiers?: WorkerScalingModifiers;
}

const scalingRules = T.object<WorkerScalingRules>({
  stabilizationWindow: T.duration(),
  selectPolicy: T.enumOf(ScalingSelectPolicy, 'ScalingSelectPolicy'),
  policies: T.array(T.object<WorkerScalingPolicy>({ type: T.enumOf(ScalingPolicyType, 'ScalingPolicyType'), value: T.number(), period: T.duration() }, 'a WorkerScalingPolicy')),
}, 'a WorkerScalingRules object');

/** @internal The runtime shape of AgentWorkerProps (TemporalWorker passes these props through). */
export const WORKER_SHAPE = {
  ...WORKLOAD_SHAPE,
  minReplicas: T.number(),
  maxReplicas: T.number(),
  idleReplicas: T.number(),
  cooldownPeriod: T.duration(),
  initialCooldownPeriod: T.duration(),
  fallback: T.object<WorkerFallback>({ failureThreshold: T.number(), replicas: T.number(), behavior: T.enumOf(FallbackBehavior, 'FallbackBehavior') }, 'a WorkerFallback'),
  scaleUp: scalingRules,
  scaleDown: scalingRules,
  hpaName: T.string({ nonEmpty: true }),
  restoreToOriginalReplicaCount: T.boolean(),
  scalingModifiers: T.object<WorkerScalingModifiers>({ formula: T.string(), target: T.number(), activationTarget: T.number(), metricType: T.enumOf(ScaleMetricType, 'ScaleMetricType') }, 'a WorkerScalingModifiers'),
} satisfies ShapeOf<AgentWorkerProps>;

/**
 * An always-on or queue-driven agent: a Deployment of the agent container
 * (hardened like AgentKnativeService) and a KEDA ScaledObject that scales it
 * on its triggers, to zero by default. The Deployment leaves `replicas`
 * unset: KEDA owns it, and a GitOps tool re-applying it would fight the
 * autoscaler.
 *
 * ```ts
 * new AgentWorker(chart, 'ticket-worker', {
 *   image: 'ghcr.io/acme/ticket-worker:2.0.1',
 *   maxReplicas: 30,
 *   triggers: [ScaleTrigger.kafka({ bootstrapServers: ['kafka.data:9092'], consumerGroup: 'ticket-worker', topic: 'support-tickets', lagThreshold: 100 })],
 * });
 * ```
 */
export class AgentWorker extends KedaWorkload<AgentWorkerProps> {
  /** The generated `apps/v1` Deployment (id `Resource`; `addOverride` reaches it). */
  public readonly deployment: ApiObject;
  /** The generated `keda.sh/v1alpha1` ScaledObject (id `ScaledObject`; patch it with `addJsonPatch`). */
  public readonly scaledObject: ApiObject;
  /** The Deployment, which owns the pod template (a SinkBinding subject). */
  public readonly workloadRef: WorkloadRef;

  public constructor(scope: Construct, id: string, props: AgentWorkerProps) {
    super(scope, id, props, WORKER_SHAPE, 'worker');
    const p = this.props;
    this.checkSeconds([
      [p.pollingInterval, 'pollingInterval'], [p.cooldownPeriod, 'cooldownPeriod'], [p.initialCooldownPeriod, 'initialCooldownPeriod'],
      [p.terminationGracePeriod, 'terminationGracePeriod'], [p.scaleUp?.stabilizationWindow, 'scaleUp.stabilizationWindow'],
      [p.scaleDown?.stabilizationWindow, 'scaleDown.stabilizationWindow'],
      ...(p.scaleUp?.policies ?? []).map((x, i): [Duration, string] => [x.period, `scaleUp.policies[${i}].period`]),
      ...(p.scaleDown?.policies ?? []).map((x, i): [Duration, string] => [x.period, `scaleDown.policies[${i}].period`]),
    ]);
    this.workloadRef = { apiVersion: 'apps/v1', kind: 'Deployment', name: this.name };
    this.deployment = this.createResource({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: this.metadata(),
      spec: Lazy.any({ produce: () => this.renderDeploymentSpec() }),
    });
    this.scaledObject = this.createObject('ScaledObject', {
      ...kedaImports().ScaledObject.GVK,
      metadata: this.kedaMetadata(),
      spec: Lazy.any({ produce: () => this.renderScaledObjectSpec() }),
    });
  }

  private renderDeploymentSpec(): Record<string, unknown> {
    return {
      selector: { matchLabels: { ...this.podSelector } },
      template: this.renderPodTemplate(this.podSelector),
    };
  }

  private renderScaledObjectSpec(): Record<string, unknown> {
    const p = this.props;
    const seconds = (d?: Duration) => d && this.seconds(d);
    const behavior = (p.scaleUp || p.scaleDown) ? { scaleUp: fromProp('scaleUp', this.renderRules(p.scaleUp)), scaleDown: fromProp('scaleDown', this.renderRules(p.scaleDown)) } : undefined;
    const hpa = behavior || p.hpaName ? { name: fromProp('hpaName', p.hpaName), behavior } : undefined;
    const modifiers = p.scalingModifiers && {
      formula: p.scalingModifiers.formula,
      target: String(p.scalingModifiers.target),
      activationTarget: p.scalingModifiers.activationTarget === undefined ? undefined : String(p.scalingModifiers.activationTarget),
      metricType: p.scalingModifiers.metricType,
    };
    const advanced = hpa || modifiers || p.restoreToOriginalReplicaCount !== undefined
      ? { horizontalPodAutoscalerConfig: hpa, scalingModifiers: fromProp('scalingModifiers', modifiers), restoreToOriginalReplicaCount: fromProp('restoreToOriginalReplicaCount', p.restoreToOriginalReplicaCount) }
      : undefined;
    return {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.name },
      minReplicaCount: fromProp('minReplicas', p.minReplicas ?? 0),
      maxReplicaCount: fromProp('maxReplicas', p.maxReplicas ?? 100),
      idleReplicaCount: fromProp('idleReplicas', p.idleReplicas),
      pollingInterval: fromProp('pollingInterval', seconds(p.pollingInterval)),
      cooldownPeriod: fromProp('cooldownPeriod', seconds(p.cooldownPeriod)),
      initialCooldownPeriod: fromProp('initialCooldownPeriod', seconds(p.initialCooldownPeriod)),
      fallback: fromProp('fallback', p.fallback && { failureThreshold: p.fallback.failureThreshold, replicas: p.fallback.replicas, behavior: p.fallback.behavior }),
      advanced,
      triggers: this.renderTriggers(),
    };
  }

  private renderRules(rules?: WorkerScalingRules): Record<string, unknown> | undefined {
    if (!rules) return undefined;
    return {
      stabilizationWindowSeconds: rules.stabilizationWindow && this.seconds(rules.stabilizationWindow),
      selectPolicy: rules.selectPolicy,
      policies: rules.policies?.map((x) => ({ type: x.type, value: x.value, periodSeconds: this.seconds(x.period) })),
    };
  }
}
