import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AgentConstruct } from '../construct/construct';
import { checkArgs, passedTo, PropType, propsWithout, ShapeOf, T } from '../construct/props';
import { IAgentWorkload, ICallableAgent } from '../construct/workload';
import { Egress, EgressPort } from '../network/egress';
import { grantEgress } from '../network/egress-grants';
import { AgentWorker, AgentWorkerProps, WORKER_SHAPE } from './scaled-object';
import { ScaleTrigger, TemporalScaleTriggerOptions, triggerShape } from './triggers';

export interface TemporalWorkerProps extends Omit<AgentWorkerProps, 'triggers'> {
  /** The Temporal frontend and task queue: the worker polls it, and KEDA scales the worker on its backlog (`ScaleTrigger.temporal`). */
  readonly temporal: TemporalScaleTriggerOptions;
  /** More scale triggers beside the task queue's backlog. @default - none */
  readonly triggers?: ScaleTrigger[];
}

export interface TemporalCallOptions {
  /** Environment variable that gets the agent's URL. @default `<NAME>_URL` (the agent name in upper case, `-` as `_`) */
  readonly envVar?: string;
}

const TEMPORAL_DEFAULT_PORT = 7233;
const SHAPE = {
  ...passedTo<Omit<AgentWorkerProps, 'triggers'>>(WORKER_SHAPE),
  triggers: WORKER_SHAPE.triggers,
  // Checked as the temporal scale trigger checks its options, under this prop's name.
  temporal: {
    expected: 'a TemporalScaleTriggerOptions object',
    check: (value, prop, out) => triggerShape(ScaleTrigger.temporal(value as TemporalScaleTriggerOptions)).check(value, prop, out),
  } satisfies PropType,
} satisfies ShapeOf<TemporalWorkerProps>;
const CALLEE = T.duck('an agent with a url (an AgentKnativeService)', ['name', 'podSelector', 'url'], 'pass the AgentKnativeService the workflow activities call');
const CALL_OPTIONS = T.object<TemporalCallOptions>({ envVar: T.string({ nonEmpty: true }) }, 'a TemporalCallOptions object');

/**
 * Seed 001's hybrid: a Temporal worker on KEDA (an AgentWorker, child
 * `Worker`) that runs the workflows, scaled on its task queue's backlog and
 * to zero, whose activities call agents served by Knative. The worker gets
 * `TEMPORAL_ADDRESS`, `TEMPORAL_NAMESPACE` and `TEMPORAL_TASK_QUEUE`; every
 * EgressPolicy that locks it down allows the Temporal frontend, and each agent
 * it `calls` (through Knative's gateways and activator), whose URL it gets in
 * `<NAME>_URL`. Long work stays in the workflow, where Temporal retries and
 * resumes it; each agent call is one request within the agent's `invocation`.
 *
 * The frontend egress follows the endpoint: `<service>.<namespace>.svc[...]:<port>`
 * allows that namespace on the port, an IPv4 address that address, any other
 * host (Temporal Cloud) its name, which needs `PolicyEngine.CILIUM`.
 *
 * ```ts
 * const research = new AgentKnativeService(chart, 'research', { image: 'ghcr.io/acme/research:1.0.0' });
 * const writer = new AgentKnativeService(chart, 'writer', { image: 'ghcr.io/acme/writer:1.0.0' });
 * const worker = new TemporalWorker(chart, 'report-worker', {
 *   image: 'ghcr.io/acme/report-worker:1.0.0',
 *   temporal: { endpoint: 'temporal-frontend.temporal.svc.cluster.local:7233', taskQueue: 'reports' },
 * });
 * worker.calls(research).calls(writer);
 * new EgressPolicy(chart, 'report-worker-egress', { agents: [worker], allow: [] });
 * ```
 */
export class TemporalWorker extends AgentConstruct<TemporalWorkerProps> implements IAgentWorkload {
  /** The KEDA-scaled Deployment that runs the worker (id `Worker`). */
  public readonly worker: AgentWorker;
  /** The egress to the Temporal frontend, granted to the worker. */
  public readonly frontend?: Egress;
  public readonly servedByKnative = false;

  public constructor(scope: Construct, id: string, props: TemporalWorkerProps) {
    super(scope, id, props, SHAPE, ['temporal']);
    const given = propsWithout(props, ['temporal', 'triggers']);
    const t = this.props.temporal;
    this.worker = new AgentWorker(this, 'Worker', {
      ...(given as unknown as AgentWorkerProps),
      name: this.resourceName,
      triggers: [...(t ? [ScaleTrigger.temporal(t)] : []), ...(this.props.triggers ?? [])],
    });
    this.renderedBy = this.worker;
    if (t && typeof t.endpoint === 'string' && typeof t.taskQueue === 'string') {
      this.worker.addEnv('TEMPORAL_ADDRESS', t.endpoint);
      this.worker.addEnv('TEMPORAL_NAMESPACE', typeof t.namespace === 'string' ? t.namespace : 'default');
      this.worker.addEnv('TEMPORAL_TASK_QUEUE', t.taskQueue);
      this.frontend = frontendEgress(t.endpoint, this.namespace);
      this.grant(this.frontend, 'the Temporal frontend');
    }
  }

  public get name(): string {
    return this.worker.name;
  }

  public get namespace(): string | undefined {
    return this.worker.namespace ?? Chart.of(this).namespace;
  }

  public get podSelector(): Readonly<Record<string, string>> {
    return this.worker.podSelector;
  }

  /**
   * The worker's activities call `agent`: its URL in an environment variable,
   * and, in every EgressPolicy that locks the worker down, egress to it.
   * Calling one agent twice has no effect.
   */
  public calls(agent: ICallableAgent, options: TemporalCallOptions = {}): this {
    const findings = checkArgs('calls', { agent, options }, { agent: CALLEE, options: CALL_OPTIONS }, ['agent']);
    for (const f of findings) this.reportProp(f.rule, f.prop ?? 'calls', f.value, f.problem, f.fix);
    if (findings.length > 0 || this.callees.has(agent)) return this;
    this.callees.add(agent);
    this.worker.addEnv(options?.envVar ?? `${agent.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`, agent.url);
    this.grant(Egress.agent(agent), `calls ${agent.name}`);
    return this;
  }

  private readonly callees = new Set<ICallableAgent>();

  /** Granted to the worker and to this construct, whichever an EgressPolicy is given. */
  private grant(egress: Egress, what: string): void {
    for (const w of [this, this.worker] as IAgentWorkload[]) grantEgress(w, egress, `TemporalWorker ${this.node.path}: ${what}`);
  }
}

/** Egress to `host:port`: an in-cluster Service's namespace, an IPv4 address, else the host name (Cilium). */
function frontendEgress(endpoint: string, ownNamespace: string | undefined): Egress {
  const m = /^(.*):(\d{1,5})$/.exec(endpoint);
  const host = m ? m[1] : endpoint;
  const ports = [EgressPort.tcp(m ? Number(m[2]) : TEMPORAL_DEFAULT_PORT)];
  const svc = /^[a-z0-9-]+\.([a-z0-9-]+)\.svc(\..+)?$/.exec(host);
  if (svc) return Egress.namespace(svc[1], { ports });
  if (/^[a-z0-9-]+$/.test(host) && ownNamespace) return Egress.namespace(ownNamespace, { ports });
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return Egress.cidr(`${host}/32`, { ports });
  return Egress.fqdn(host, { ports });
}
