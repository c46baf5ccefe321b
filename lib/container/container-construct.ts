import { Duration } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-28';
import { AgentConstruct, fromProp } from '../construct/construct';
import { ShapeOf, T } from '../construct/props';
import { IAgentTool, IAgentWorkload } from '../construct/workload';
import { CORE_RULES } from '../engine/core-rules';
import { IAgentSecrets } from '../secrets/agent-secrets';
import { AgentContainer, AgentContainerProps, AgentVolumeMount } from './agent-container';
import { AgentGrants, JobGrantOptions } from './grants';
import { READ_VERBS } from '../k8s/rbac';

/** The pod template props of the agents that render a plain Kubernetes pod template (the KEDA workers, AgentCronJob). */
export interface AgentPodTemplateProps {
  /** Time the pod gets to finish its current work when stopped. @default Duration.seconds(30) (Kubernetes' default) */
  readonly terminationGracePeriod?: Duration;
  /** Extra labels on the pods. @default - none */
  readonly podLabels?: Record<string, string>;
  /** Annotations on the pods. @default - none */
  readonly podAnnotations?: Record<string, string>;
}

/** The runtime shape of AgentPodTemplateProps. */
export const POD_TEMPLATE_SHAPE = {
  terminationGracePeriod: T.duration(),
  podLabels: T.record(T.string()),
  podAnnotations: T.record(T.string()),
} satisfies ShapeOf<AgentPodTemplateProps>;

/**
 * A construct that runs the agent container (AgentKnativeService, the KEDA
 * workers, AgentCronJob): the `add*` methods every such construct offers, on
 * its container, and the `grant…` methods that give it Kubernetes API rights.
 */
export abstract class AgentContainerConstruct<P extends AgentContainerProps = AgentContainerProps> extends AgentConstruct<P> implements IAgentWorkload {
  public abstract readonly name: string;
  public abstract readonly namespace?: string;
  public abstract readonly podSelector: Readonly<Record<string, string>>;
  public abstract readonly servedByKnative: boolean;
  /** The agent container, created by the subclass constructor. */
  protected abstract readonly container: AgentContainer;
  private grants?: AgentGrants;

  /** Adds a plain environment variable (a value from a cdk8s-plus EnvValue also works). */
  public addEnv(name: string, value: string | kplus.EnvValue): this {
    this.container.addEnv(name, value);
    return this;
  }

  /** Exposes a set of secrets as environment variables. Adding the same one twice has no effect. */
  public addSecrets(...secrets: IAgentSecrets[]): this {
    this.container.addSecrets(...secrets);
    return this;
  }

  /**
   * Reads one variable of a set of secrets into an env var of another name (`secretKeyRef`).
   *
   * ```ts
   * agent.addSecretEnv('JIRA_TOKEN', jiraSecrets, 'JIRA_API_TOKEN');
   * ```
   */
  public addSecretEnv(name: string, secrets: IAgentSecrets, variable: string): this {
    this.container.addSecretEnv(name, secrets, variable);
    return this;
  }

  /** Exposes every key of a ConfigMap as an environment variable (`envFrom`). Adding the same one twice has no effect. */
  public addConfigMap(configMap: kplus.IConfigMap): this {
    this.container.addConfigMap(configMap);
    return this;
  }

  /** Mounts a volume into the agent container. */
  public addVolume(mount: AgentVolumeMount): this {
    this.container.addVolume(mount);
    return this;
  }

  /**
   * Lets the agent use `verbs` on `resources` in its own namespace: a Role
   * and a RoleBinding named after the agent, bound to its ServiceAccount (a
   * new one named after the agent unless the `serviceAccount` prop names
   * one), whose token the pods then mount. Calls add up; a grant given twice
   * appears once. A resource with a `resourceName` limits the grant to that
   * object: a cdk8s-plus object (`kplus.Secret.fromSecretName(...)`) or
   * `{ apiGroup: '', resourceType: 'secrets', resourceName: 'github-app' }`
   * (`ApiResource.custom` takes no name).
   *
   * ```ts
   * operator.grant(['get', 'list', 'watch', 'patch'], ApiResource.custom({ apiGroup: 'labrats.work', resourceType: 'inferencerequests' }));
   * ```
   */
  public grant(verbs: string[], ...resources: kplus.IApiResource[]): this {
    this.accessGrants().add(verbs, resources, 'grant');
    return this;
  }

  /** Lets the agent get, list and watch `resources` in its own namespace (see `grant`). */
  public grantRead(...resources: kplus.IApiResource[]): this {
    this.accessGrants().add([...READ_VERBS], resources, 'grantRead');
    return this;
  }

  /**
   * Lets the agent start Jobs in its own namespace and follow them: create,
   * get, list and watch on `batch/jobs` (see `grant`). Suits an agent that
   * launches one executor Job per task.
   */
  public grantCreateJobs(options: JobGrantOptions = {}): this {
    this.accessGrants().addJobs(options);
    return this;
  }

  /**
   * Lets the agent use `verbs` on `resources` in every namespace (or on
   * cluster-scoped kinds): a ClusterRole and a ClusterRoleBinding named
   * `<namespace>-<name>`. Only this method grants beyond the agent's
   * namespace; prefer `grant` where the namespace is enough.
   */
  public grantClusterWide(verbs: string[], ...resources: kplus.IApiResource[]): this {
    this.accessGrants().add(verbs, resources, 'grantClusterWide', true);
    return this;
  }

  /** The pod template of a plain Kubernetes workload: the pod labels (with `selector`), annotations and the hardened pod spec, with `extra` fields. */
  protected renderPodTemplate(selector: Readonly<Record<string, string>>, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const p = this.props as AgentPodTemplateProps;
    return {
      metadata: { labels: fromProp('podLabels', { ...(p.podLabels ?? {}), ...selector }), annotations: fromProp('podAnnotations', p.podAnnotations) },
      spec: {
        ...this.container.renderPod(),
        terminationGracePeriodSeconds: fromProp('terminationGracePeriod', p.terminationGracePeriod && this.seconds(p.terminationGracePeriod)),
        ...extra,
      },
    };
  }

  /** Whole seconds of a Duration (a fraction is reported by `checkSeconds`). */
  protected seconds(d: Duration): number {
    return Math.round(d.toMilliseconds() / 1000);
  }

  /** Durations Kubernetes (and KEDA) take in whole seconds must be whole. */
  protected checkSeconds(durations: [Duration | undefined, string][]): void {
    for (const [d, prop] of durations) {
      const ms = d?.toMilliseconds();
      if (ms !== undefined && ms % 1000 !== 0) this.reportProp(CORE_RULES.RENDER, prop, `${ms}ms`, 'whole seconds only', `use Duration.seconds(${Math.max(1, Math.round(ms / 1000))})`);
    }
  }

  private accessGrants(): AgentGrants {
    const p = this.props as AgentContainerProps;
    return this.grants ??= new AgentGrants({
      name: this.resourceName,
      namespace: this.resourceNamespace,
      serviceAccount: p.serviceAccount?.name,
      mountToken: p.mountServiceAccountToken,
      container: this.container,
      report: (...args) => this.reportProp(...args),
      metadata: () => this.metadata(),
      createObject: (id, props) => this.createObject(id, props),
    });
  }

  /**
   * Gives the agent a tool (an McpServer): its URL in an environment variable
   * and, when an EgressPolicy locks the agent down, the egress to it. Same as `tool.grantUse(agent)`.
   */
  public useTool(tool: IAgentTool): this {
    if (typeof (tool as Partial<IAgentTool> | undefined)?.grantUse !== 'function') {
      this.reportProp(CORE_RULES.PROP_TYPE, 'useTool(tool)', tool, 'expected a tool (an McpServer)', 'pass an McpServer');
    } else {
      tool.grantUse(this);
    }
    return this;
  }
}
