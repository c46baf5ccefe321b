import { IAgentWorkload } from '../construct/workload';
import { Egress } from './egress';

/** A destination a workload needs because of how it is wired, and who wired it. */
export interface EgressGrant {
  readonly egress: Egress;
  /** For messages and the prop record: `McpServer test/github grantUse`. */
  readonly by: string;
}

const GRANTS = new WeakMap<IAgentWorkload, EgressGrant[]>();

/**
 * Records that `workload` must reach `egress` (an MCP server it uses, an agent
 * it calls). Every EgressPolicy that locks the workload down allows it, in
 * whatever order the policy and the grant are made; a workload no policy
 * selects has open egress and needs nothing. Granting one twice has no effect.
 */
export function grantEgress(workload: IAgentWorkload, egress: Egress, by: string): void {
  const list = GRANTS.get(workload) ?? [];
  if (!list.some((g) => g.egress._key === egress._key)) list.push({ egress, by });
  GRANTS.set(workload, list);
}

/** The grants of a workload, in grant order. */
export function grantsOf(workload: IAgentWorkload): readonly EgressGrant[] {
  return GRANTS.get(workload) ?? [];
}
