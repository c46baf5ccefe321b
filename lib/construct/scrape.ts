// Which workloads a Prometheus scrapes, and on which port: AgentMonitor
// records it, an EgressPolicy's ingress lockdown reads it to admit the
// scraper. Kept here, below the domains, so neither imports the other.
import type { IAgentWorkload } from './workload';

/** A port Prometheus scrapes: a container port number, or a port name. */
export type ScrapePort = number | string;

const SCRAPED = new WeakMap<IAgentWorkload, ScrapePort[]>();

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
