import type * as kplus from 'cdk8s-plus-28';
import { AgentConstruct } from '../construct/construct';
import { IAgentTool, IAgentWorkload } from '../construct/workload';
import { CORE_RULES } from '../engine/core-rules';
import { IAgentSecrets } from '../secrets/agent-secrets';
import { AgentContainer, AgentContainerProps, AgentVolumeMount } from './agent-container';

/**
 * A construct that runs the agent container (AgentKnativeService, the KEDA
 * workers): the `add*` methods every such construct offers, on its container.
 */
export abstract class AgentContainerConstruct<P extends AgentContainerProps = AgentContainerProps> extends AgentConstruct<P> implements IAgentWorkload {
  public abstract readonly name: string;
  public abstract readonly namespace?: string;
  public abstract readonly podSelector: Readonly<Record<string, string>>;
  public abstract readonly servedByKnative: boolean;
  /** The agent container, created by the subclass constructor. */
  protected abstract readonly container: AgentContainer;

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
