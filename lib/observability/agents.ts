// The agents the observability constructs cover: how a prop takes one, how
// the Chart's are found when none are given, and the KEDA object of a worker.
import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { T } from '../construct/props';
import { IAgentWorkload } from '../construct/workload';
import { AgentJob } from '../workers/scaled-job';
import { AgentWorker } from '../workers/scaled-object';

/** The runtime shape of a prop that takes an agent. */
export const AGENT_PROP = T.duck('an IAgentWorkload', ['name', 'podSelector'], 'pass an AgentKnativeService, AgentWorker or AgentJob');

/** Whether a construct is an agent workload (duck typed, as EgressPolicy takes them). */
function isWorkload(c: IConstruct): c is IConstruct & IAgentWorkload {
  const w = c as Partial<IAgentWorkload>;
  return typeof w.name === 'string' && typeof w.podSelector === 'object' && w.podSelector !== null && typeof w.servedByKnative === 'boolean';
}

/** Every agent of the scope's Chart, in construct-tree order. */
export function agentsOfChart(scope: IConstruct): IAgentWorkload[] {
  return Chart.of(scope).node.findAll().filter(isWorkload);
}

/** A worker's KEDA object and the `type` label KEDA's metrics give it; none for other agents. */
export function kedaObjectOf(agent: IAgentWorkload): { readonly type: 'scaledobject' | 'scaledjob'; readonly object: ApiObject } | undefined {
  if (agent instanceof AgentWorker) return { type: 'scaledobject', object: agent.scaledObject };
  if (agent instanceof AgentJob) return { type: 'scaledjob', object: agent.scaledJob };
  return undefined;
}
