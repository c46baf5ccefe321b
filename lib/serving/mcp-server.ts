import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { AgentConstruct } from '../construct/construct';
import { checkArgs, passedTo, propsWithout, ShapeOf, T } from '../construct/props';
import { CORE_RULES as CORE } from '../engine/core-rules';
import { IAgentTool, IAgentWorkload, IToolUser } from '../construct/workload';
import { Egress } from '../network/egress';
import { grantEgress } from '../network/egress-grants';
import { AgentKnativeService, AgentKnativeServiceProps, SERVICE_SHAPE } from './agent-knative-service';
import { Invocation } from './invocation';
import { MCP_SESSIONS_ANNOTATION } from './mcp-server.validator';
import { ScalingOptions } from './scaling';

export interface McpServerProps extends AgentKnativeServiceProps {
  /**
   * The server keeps no session state between requests (Python SDK
   * `stateless_http=True`, TypeScript SDK `sessionIdGenerator: undefined`, Go SDK
   * `Stateless: true`): any pod may answer any request, so Knative may run
   * several and scale to zero. A stateful server keeps its sessions in one
   * pod's memory and runs exactly one pod (MCP-002).
   * @default false
   */
  readonly stateless?: boolean;
  /** Path of the streamable HTTP endpoint, appended to `url`. @default '/mcp' */
  readonly path?: string;
  /**
   * How the server is called.
   * @default Invocation.stream({ responseStart: Duration.minutes(2), idle: Duration.minutes(2) }): a tool call may answer as one JSON body or an event stream
   */
  readonly invocation?: Invocation;
  /** @default - stateless: the cluster defaults (scale to zero); stateful: min-scale = max-scale = 1 */
  readonly scaling?: ScalingOptions;
}

export interface McpGrantOptions {
  /** Environment variable that gets the server's URL. @default `MCP_<NAME>_URL` (the server name in upper case, `-` as `_`) */
  readonly envVar?: string;
}

/** Every AgentKnativeService prop passes through to the Service, which checks it. */
const SHAPE = { ...passedTo<AgentKnativeServiceProps>(SERVICE_SHAPE), stateless: T.boolean(), path: T.string({ nonEmpty: true }) } satisfies ShapeOf<McpServerProps>;
const TIMEOUT_PROPS = ['timeout', 'responseStartTimeout', 'idleTimeout'];
const AGENT = T.duck('an agent (an AgentKnativeService or an AgentWorker)', ['name', 'podSelector', 'addEnv'], 'pass the AgentKnativeService or AgentWorker that calls the tools');
const GRANT_OPTIONS = T.object<McpGrantOptions>({ envVar: T.string({ nonEmpty: true }) }, 'a McpGrantOptions object');

/**
 * An MCP server (streamable HTTP transport) served by Knative, as a tool of
 * agents: an AgentKnativeService (child `Service`) with what MCP needs.
 *
 * - Sessions: only a server that declares `stateless: true` scales out and to
 *   zero; a stateful one runs one pod (MCP-002), since Knative routes each
 *   request to any pod and a session lives in one pod's memory.
 * - Timeouts: `Invocation.stream()` by default, so a tool call that streams
 *   progress is bounded by silence, not by its length.
 * - Buffering: nothing to set. The queue-proxy is a Go reverse proxy, which
 *   flushes `text/event-stream` and unsized responses as they are written;
 *   HTTP/1 full duplex (`features.knative.dev/http-full-duplex`) is not needed,
 *   since an MCP client sends the whole request body before the answer starts.
 * - Reach: `grantUse(agent)` (or `agent.useTool(server)`) gives the agent the
 *   URL in `MCP_<NAME>_URL` and, when an EgressPolicy locks the agent down,
 *   the egress to the server.
 *
 * ```ts
 * const github = new McpServer(chart, 'github-mcp', { image: 'ghcr.io/acme/github-mcp:2.1.0', stateless: true });
 * const triage = new AgentKnativeService(chart, 'triage', { image: 'ghcr.io/acme/triage:1.4.2' });
 * triage.useTool(github);   // MCP_GITHUB_MCP_URL=http://github-mcp.agents.svc.cluster.local/mcp
 * ```
 */
export class McpServer extends AgentConstruct<McpServerProps> implements IAgentWorkload, IAgentTool {
  /** The Knative Service that runs the server (id `Service`). */
  public readonly service: AgentKnativeService;
  /** Whether the server declared itself stateless. */
  public readonly stateless: boolean;
  /** Path of the endpoint. */
  public readonly path: string;
  public readonly servedByKnative = true;
  private readonly users = new Set<IToolUser>();

  public constructor(scope: Construct, id: string, props: McpServerProps) {
    super(scope, id, props, SHAPE);
    const p = this.props;
    this.stateless = p.stateless ?? false;
    this.path = p.path ?? '/mcp';
    if (!this.path.startsWith('/')) this.reportProp(CORE.PROP_TYPE, 'path', this.path, 'the path must start with `/`', "use e.g. path: '/mcp'");
    // The props as given (an invalid one of the Service's is the Service's to report), without the server's own.
    const given = propsWithout(props, ['stateless', 'path']);
    const scaling = given.scaling as ScalingOptions | undefined;
    const objectOrUnset = (v: unknown) => v === undefined || (v !== null && typeof v === 'object' && !Array.isArray(v));
    this.service = new AgentKnativeService(this, 'Service', {
      ...(given as unknown as AgentKnativeServiceProps),
      name: this.resourceName,
      // The timeout props given without an invocation are the user's choice.
      invocation: given.invocation !== undefined || TIMEOUT_PROPS.some((k) => given[k] !== undefined) ? given.invocation as Invocation | undefined
        : Invocation.stream({ responseStart: Duration.minutes(2), idle: Duration.minutes(2) }),
      annotations: objectOrUnset(given.annotations)
        ? { ...(given.annotations as Record<string, string> | undefined), [MCP_SESSIONS_ANNOTATION]: this.stateless ? 'stateless' : 'stateful' }
        : given.annotations as Record<string, string>,
      // A stateful server keeps its sessions in one pod (MCP-002); a scaling prop of another type is the Service's to report.
      scaling: this.stateless || !objectOrUnset(scaling) ? scaling : { ...scaling, minScale: scaling?.minScale ?? 1, maxScale: scaling?.maxScale ?? 1 },
    });
    this.renderedBy = this.service;
  }

  /** The Service name. */
  public get name(): string {
    return this.service.name;
  }

  public get namespace(): string | undefined {
    return this.service.namespace;
  }

  public get podSelector(): Readonly<Record<string, string>> {
    return this.service.podSelector;
  }

  /** The endpoint inside the cluster: `http://<name>.<namespace>.svc.<cluster domain><path>`. */
  public get url(): string {
    return `${this.service.url}${this.path}`;
  }

  /**
   * Lets an agent use the server: the URL in an environment variable, and, in
   * every EgressPolicy that locks the agent down, egress to the server (through
   * Knative's activator and gateways). Granting one agent twice has no effect.
   */
  public grantUse(agent: IToolUser, options: McpGrantOptions = {}): this {
    const findings = checkArgs('grantUse', { agent, options }, { agent: AGENT, options: GRANT_OPTIONS }, ['agent']);
    for (const f of findings) this.reportProp(f.rule, f.prop ?? 'grantUse', f.value, f.problem, f.fix);
    if (findings.length > 0) return this;
    const variable = options?.envVar ?? `MCP_${this.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
    if (!this.users.has(agent)) {
      this.users.add(agent);
      agent.addEnv(variable, this.url);
    }
    grantEgress(agent, Egress.agent(this), `McpServer ${this.node.path}`);
    return this;
  }
}
