// The rules of an MCP server (streamable HTTP) served by Knative: a
// `serving.knative.dev/v1` Service that declares its sessions with the
// annotation `agents.cdk8s.io/mcp-sessions` (McpServer writes it; hand-written
// YAML may too). Knative references are to knative/serving v0.49.1
// (knative-v1.22.1); MCP references to the 2025-06-18 transport spec.
import { defineRules } from '../engine/rule';

/** An MCP server on Knative. */
export const MCP_SERVER_RULES = defineRules({
  SESSIONS_VALUE: {
    id: 'MCP-001',
    title: 'the `agents.cdk8s.io/mcp-sessions` annotation must be `stateful` or `stateless`',
    why: 'Any other value declares nothing, so none of the session checks run and a stateful server may be scaled like a stateless one.',
    fix: 'set `stateless: true` on the McpServer only when it keeps no session state; leave it unset otherwise',
    yamlFix: 'set the Service annotation `agents.cdk8s.io/mcp-sessions` to `stateful` or `stateless`',
    upstream: 'design: the MCP session declaration of this library (McpServer)',
    effect: 'ignored',
  },
  STATEFUL_SCALE: {
    id: 'MCP-002',
    title: 'a stateful MCP server must run exactly one pod: min-scale and max-scale 1',
    why: 'A stateful streamable-HTTP server keeps each session (`Mcp-Session-Id`) in the memory of the pod that answered `initialize`. Knative spreads requests over pods with no session affinity, so the next request of a session lands on another pod and fails with 404 "session not found" (modelcontextprotocol/python-sdk#1180); scaling to zero drops every session.',
    fix: 'run the server statelessly (Python SDK `stateless_http=True`, TypeScript SDK `sessionIdGenerator: undefined`, Go SDK `Stateless: true`) and set `stateless: true`, which scales to zero; otherwise leave `scaling` unset so the server keeps one pod',
    yamlFix: 'set the revision annotations `autoscaling.knative.dev/min-scale: "1"` and `autoscaling.knative.dev/max-scale: "1"`, or make the server stateless and annotate it `agents.cdk8s.io/mcp-sessions: stateless`',
    upstream: 'modelcontextprotocol/python-sdk#1180; MCP spec 2025-06-18 basic/transports (session management); knative/serving pkg/activator/net/throttler.go (no affinity: requests go to any ready pod)',
    effect: 'runtime',
  },
  STATEFUL_CONCURRENCY: {
    id: 'MCP-003',
    title: 'a stateful MCP server should not limit containerConcurrency',
    why: 'Every open session may hold a GET event stream for its whole life, and each stream takes one of the pod\'s `containerConcurrency` slots; with the only pod\'s slots taken, the queue-proxy and the activator hold every other request until it times out.',
    fix: 'leave `containerConcurrency` unset (0: unlimited) on a stateful McpServer',
    yamlFix: 'remove `spec.template.spec.containerConcurrency` (or set it to 0)',
    upstream: 'knative/serving v0.49.1 pkg/queue/breaker.go (containerConcurrency slots held for the whole request); MCP spec 2025-06-18 basic/transports (GET opens a server-sent event stream)',
    effect: 'altered',
    severity: 'warning',
  },
});
