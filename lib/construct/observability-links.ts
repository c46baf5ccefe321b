// What observability adds to an agent's network: the ports a Prometheus
// scrapes (AgentMonitor records them; an EgressPolicy's ingress lockdown
// admits the scraper) and the destinations its telemetry is sent to
// (AgentTelemetry records the collector; an EgressPolicy of the agent allows
// it). Kept here, below the domains, so neither imports the other; read at
// synth, so the order constructs are created in does not matter.
import type { IAgentWorkload } from './workload';

/** A port Prometheus scrapes: a container port number, or a port name. */
export type ScrapePort = number | string;

const SCRAPED = new WeakMap<IAgentWorkload, ScrapePort[]>();
const DESTINATIONS = new WeakMap<IAgentWorkload, { destination: unknown; prop: string }[]>();

/** Records that Prometheus scrapes `workload` on `port` (once per port). */
export function registerScrape(workload: IAgentWorkload, port: ScrapePort): void {
  const ports = SCRAPED.get(workload) ?? [];
  if (!ports.includes(port)) ports.push(port);
  SCRAPED.set(workload, ports);
}

/** The ports Prometheus scrapes on `workload`, in the order they were recorded. */
export function scrapePortsOf(workload: IAgentWorkload): readonly ScrapePort[] {
  return SCRAPED.get(workload) ?? [];
}

/** Records an egress destination (an `Egress`) `workload` sends telemetry to, and the construct prop that named it. */
export function registerDestination(workload: IAgentWorkload, destination: unknown, prop: string): void {
  const list = DESTINATIONS.get(workload) ?? [];
  if (!list.some((d) => d.destination === destination)) list.push({ destination, prop });
  DESTINATIONS.set(workload, list);
}

/** The telemetry destinations recorded for `workload`. */
export function destinationsOf(workload: IAgentWorkload): readonly { readonly destination: unknown; readonly prop: string }[] {
  return DESTINATIONS.get(workload) ?? [];
}
