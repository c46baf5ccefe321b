import { ApiObject, Chart, Duration } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import * as kustomize from '../../imports/kustomize.toolkit.fluxcd.io';
import { AgentConstruct, fromProp } from '../construct/construct';
import { checkArgs, ShapeOf, T, withArgFindings } from '../construct/props';
import type { IAgentWorkload } from '../construct/workload';
import { CORE_RULES } from '../engine/core-rules';
import { externalRefsAnnotationOf } from '../k8s/external-refs';
import { groupKind } from '../k8s/object-index';
import { goDuration } from '../k8s/values';
import type { IFluxSource } from './git-repository';

/** A Flux Kustomization another one may depend on: one of the app, or one that exists (`FluxKustomization.fromKustomizationName`). */
export interface IFluxKustomization {
  /** Name of the Kustomization. */
  readonly name: string;
  /** Namespace, when known at synth time. @default - the namespace of the Kustomization that depends on it */
  readonly namespace?: string;
  /** Whether the Kustomization lives outside the app (declared external on those that depend on it). @default false */
  readonly external?: boolean;
}

/**
 * How Flux judges one kind of custom resource healthy (`spec.healthCheckExprs`):
 * CEL expressions over the object, e.g. `status.conditions.exists(e, e.type == 'Ready' && e.status == 'True')`.
 */
export interface FluxHealthCheckExpression {
  /** apiVersion of the kind, e.g. `serving.knative.dev/v1`. */
  readonly apiVersion: string;
  /** The kind. @default - every kind of the apiVersion's group */
  readonly kind?: string;
  /** True when the object is healthy. */
  readonly current: string;
  /** True when the object has failed (checked before `current`). @default - never: the object is in progress until `current` or the timeout */
  readonly failed?: string;
  /** True while the object is still progressing (checked first). @default - none */
  readonly inProgress?: string;
}

/**
 * `status.conditions` has the condition `type` with `status`; false (in
 * progress), not an evaluation error, while the controller has written no
 * conditions yet. Checked with cel-go in Flux's CEL environment.
 */
const condition = (type: string, status: string) => `has(status.conditions) && status.conditions.exists(e, e.type == '${type}' && e.status == '${status}')`;

/**
 * The health of the agents' custom resources, which kstatus (Flux's default)
 * does not judge: a Knative Service, a KEDA ScaledObject or ScaledJob is
 * healthy when its Ready condition is True, has failed when it is False, and
 * is in progress otherwise (no conditions yet, Ready Unknown).
 */
export const AGENT_HEALTH_CHECK_EXPRESSIONS: readonly FluxHealthCheckExpression[] = [
  { apiVersion: 'serving.knative.dev/v1', kind: 'Service', current: condition('Ready', 'True'), failed: condition('Ready', 'False') },
  { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', current: condition('Ready', 'True'), failed: condition('Ready', 'False') },
  { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', current: condition('Ready', 'True'), failed: condition('Ready', 'False') },
];

/** The objects of an agent Flux can wait for: its Knative Service, or its Deployment and ScaledObject, or its ScaledJob. */
const HEALTH_CHECKED = new Set(['serving.knative.dev/Service', 'apps/Deployment', 'keda.sh/ScaledObject', 'keda.sh/ScaledJob']);

export interface FluxKustomizationProps {
  /** Name of the Kustomization. @default - the construct id */
  readonly name?: string;
  /** @default - the Chart's namespace */
  readonly namespace?: string;
  /** The source whose revision is built: a GitRepository, or `GitRepository.fromGitRepositoryName(...)`. */
  readonly sourceRef: IFluxSource;
  /**
   * The folder of the source to build, relative to its root, e.g.
   * `./dist/webhook-agent` (a folder `AgentApp` writes with `kustomization: true`).
   * @default - the root of the source
   */
  readonly path?: string;
  /** How often Flux applies the revision again (and corrects drift). @default Duration.minutes(10) */
  readonly interval?: Duration;
  /** How soon Flux retries after a failure. @default - `interval` */
  readonly retryInterval?: Duration;
  /** Timeout of the build, the apply and the health checks. @default - Flux's: `interval` */
  readonly timeout?: Duration;
  /** Delete the objects that leave the folder (garbage collection). @default true */
  readonly prune?: boolean;
  /**
   * Wait until every applied object is healthy (Knative Services and KEDA
   * objects by their Ready condition) before the Kustomization is Ready.
   * @default false
   */
  readonly wait?: boolean;
  /** Kustomizations that must be Ready (at the same revision, when they share the source) first. @default - none */
  readonly dependsOn?: IFluxKustomization[];
  /** Put every namespaced object in this namespace. @default - the namespaces written in the manifests */
  readonly targetNamespace?: string;
  /**
   * Agents Flux waits for before the Kustomization is Ready (ignored by Flux
   * with `wait: true`, which checks everything): each one's Knative Service,
   * or its Deployment and ScaledObject, or its ScaledJob.
   * @default - none
   */
  readonly healthChecks?: IAgentWorkload[];
  /**
   * How other custom resources are judged healthy; an entry for a kind
   * replaces the library's (AGENT_HEALTH_CHECK_EXPRESSIONS) for that kind.
   * @default - the library's, for Knative Services and KEDA objects
   */
  readonly customHealthChecks?: FluxHealthCheckExpression[];
  /** Labels on the Kustomization. @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations on the Kustomization. @default - none */
  readonly annotations?: Record<string, string>;
}

const stringMap = T.record(T.string());
const EXPRESSION_SHAPE = T.object<FluxHealthCheckExpression>({
  apiVersion: T.string({ nonEmpty: true }), kind: T.string(), current: T.string(), failed: T.string(), inProgress: T.string(),
}, 'a FluxHealthCheckExpression ({ apiVersion, kind, current, failed?, inProgress? })', ['apiVersion', 'current']);

const FLUX_KUSTOMIZATION_SHAPE = {
  name: T.string({ nonEmpty: true }),
  namespace: T.namespace(),
  sourceRef: T.duck('an IFluxSource', ['apiVersion', 'kind', 'name'], 'pass a GitRepository or `GitRepository.fromGitRepositoryName(name, { namespace })`'),
  path: T.string(),
  interval: T.duration(),
  retryInterval: T.duration(),
  timeout: T.duration(),
  prune: T.boolean(),
  wait: T.boolean(),
  dependsOn: T.array(T.duck('an IFluxKustomization', ['name'], 'pass a FluxKustomization or `FluxKustomization.fromKustomizationName(name, { namespace })`')),
  targetNamespace: T.string(),
  healthChecks: T.array(T.duck('an IAgentWorkload', ['name', 'podSelector'], 'pass an AgentKnativeService, AgentWorker or AgentJob')),
  customHealthChecks: T.array(EXPRESSION_SHAPE),
  labels: stringMap,
  annotations: stringMap,
} satisfies ShapeOf<FluxKustomizationProps>;

const EXISTING_SHAPE = { name: T.string({ nonEmpty: true }), options: T.object({ namespace: T.namespace() }, 'an options object') };

/**
 * A Flux Kustomization (`kustomize.toolkit.fluxcd.io/v1`): Flux builds a
 * folder of its source with kustomize and applies it every `interval`,
 * pruning what left the folder. Point it at the folder an `AgentApp` with
 * `kustomization: true` writes, and list the app's agents as health checks.
 *
 * ```ts
 * const source = GitRepository.fromGitRepositoryName('flux-system', { namespace: 'flux-system' });
 * new FluxKustomization(chart, 'webhook-agent', {
 *   sourceRef: source, path: './dist/webhook-agent', healthChecks: [triage],
 *   dependsOn: [FluxKustomization.fromKustomizationName('knative-serving', { namespace: 'flux-system' })],
 * });
 * ```
 */
export class FluxKustomization extends AgentConstruct<FluxKustomizationProps> implements IFluxKustomization {
  /**
   * A Kustomization that exists (managed by another folder or repository):
   * one that depends on it declares it external, so it is not asked for
   * among the app's objects.
   */
  public static fromKustomizationName(name: string, options: { readonly namespace?: string } = {}): IFluxKustomization {
    // An unset name stays a string, so the value is an IFluxKustomization and its own findings name the argument.
    const made: IFluxKustomization = { name: name ?? '', namespace: options?.namespace, external: true };
    return withArgFindings(made, checkArgs('FluxKustomization.fromKustomizationName', { name, options }, EXISTING_SHAPE, ['name']));
  }

  public readonly name: string;
  /** Namespace, when known at synth time (the prop, else the Chart's). */
  public readonly namespace?: string;
  public readonly external = false;
  /** The generated Kustomization (id `Resource`). */
  public readonly resource: ApiObject;

  public constructor(scope: Construct, id: string, props: FluxKustomizationProps) {
    super(scope, id, props, FLUX_KUSTOMIZATION_SHAPE, ['sourceRef']);
    const p = this.props;
    this.name = this.resourceName;
    this.namespace = this.resourceNamespace;
    const source = p.sourceRef;
    const externals = [
      ...(source?.external ? [{ kind: source.kind, name: source.name, namespace: source.namespace ?? this.namespace }] : []),
      ...(p.dependsOn ?? []).filter((d) => d.external).map((d) => ({ kind: 'Kustomization', name: d.name, namespace: d.namespace ?? this.namespace })),
    ];
    // An agent's objects exist once it is constructed, which it is before it is passed here.
    const checked = this.healthCheckedObjects();
    this.resource = this.createResource({
      apiVersion: kustomize.Kustomization.GVK.apiVersion,
      kind: kustomize.Kustomization.GVK.kind,
      metadata: this.metadata({ annotations: externalRefsAnnotationOf(externals) }),
      spec: {
        sourceRef: fromProp('sourceRef', source && { kind: source.kind, name: source.name, namespace: this.otherNamespace(source.namespace) }),
        path: fromProp('path', p.path),
        interval: fromProp('interval', goDuration(p.interval ?? Duration.minutes(10))),
        retryInterval: fromProp('retryInterval', p.retryInterval && goDuration(p.retryInterval)),
        timeout: fromProp('timeout', p.timeout && goDuration(p.timeout)),
        prune: fromProp('prune', p.prune ?? true),
        wait: fromProp('wait', p.wait),
        dependsOn: fromProp('dependsOn', p.dependsOn?.map((d) => ({ name: d.name, namespace: this.otherNamespace(d.namespace) }))),
        targetNamespace: fromProp('targetNamespace', p.targetNamespace),
        healthChecks: fromProp('healthChecks', this.healthChecks(checked)),
        healthCheckExprs: fromProp('customHealthChecks', this.healthCheckExprs(checked)),
      },
    });
  }

  /** A namespace written only when it differs from the Kustomization's (Flux defaults to its own). */
  private otherNamespace(namespace: string | undefined): string | undefined {
    return namespace !== undefined && namespace !== this.namespace ? namespace : undefined;
  }

  /** The health-checked objects of each agent, in the order given; none when `wait` checks everything. */
  private healthCheckedObjects(): ApiObject[] {
    const p = this.props;
    const found: ApiObject[] = [];
    (p.healthChecks ?? []).forEach((agent, i) => {
      const objects = agentObjects(agent);
      if (objects.length === 0) {
        this.reportProp(CORE_RULES.PROP_TYPE, `healthChecks[${i}]`, agent.name, 'no Knative Service, Deployment, ScaledObject or ScaledJob of the library renders this agent',
          'pass an AgentKnativeService, AgentWorker or AgentJob of the app');
      }
      found.push(...objects);
    });
    return found;
  }

  private healthChecks(objects: readonly ApiObject[]): unknown[] | undefined {
    if (objects.length === 0) return undefined;
    const target = this.props.targetNamespace;
    return objects.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.name, namespace: target ?? o.metadata.namespace ?? Chart.of(o).namespace }));
  }

  /** The expressions of the kinds whose health is assessed: every library kind with `wait`, else those of the health checks. */
  private healthCheckExprs(objects: readonly ApiObject[]): unknown[] | undefined {
    const p = this.props;
    const custom = p.customHealthChecks ?? [];
    const customKinds = new Set(custom.map((c) => groupKind(c.apiVersion, c.kind ?? '')));
    const checked = new Set(objects.map((o) => groupKind(o.apiVersion, o.kind)));
    const assessed = p.wait === true || checked.size > 0;
    const library = AGENT_HEALTH_CHECK_EXPRESSIONS.filter((e) => {
      const gk = groupKind(e.apiVersion, e.kind);
      return assessed && !customKinds.has(gk) && (p.wait === true || checked.has(gk));
    });
    const all = [...library, ...custom].map((e) => ({ apiVersion: e.apiVersion, kind: e.kind, current: e.current, failed: e.failed, inProgress: e.inProgress }));
    return all.length > 0 ? all : undefined;
  }
}

/** The ApiObjects of an agent construct that Flux can health-check. */
function agentObjects(agent: IAgentWorkload): ApiObject[] {
  const node = (agent as unknown as IConstruct)?.node;
  if (!node || typeof node.findAll !== 'function') return [];
  return node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && HEALTH_CHECKED.has(groupKind(c.apiVersion, c.kind)));
}
