// Triggers and near misses of the MCP server rules (MCP-*), through synth
// (McpServer) and hand-written YAML (a Service annotated as an MCP server).
import { McpServer } from '../../lib';
import { profile } from '../settings/fixtures';
import { RuleCases } from '../support/rule-cases';

const IMAGE = 'ghcr.io/acme/github-mcp:2.1.0';
const ANN = (key: string) => `spec.template.metadata.annotations["autoscaling.knative.dev/${key}"]`;

/** A hand-written Knative Service declaring its MCP sessions. */
function mcpService(sessions: string, revisionAnnotations: Record<string, string> = {}, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'serving.knative.dev/v1', kind: 'Service',
    metadata: { name: 'github-mcp', namespace: 'agents', annotations: { 'agents.cdk8s.io/mcp-sessions': sessions } },
    spec: { template: { metadata: { annotations: revisionAnnotations }, spec: { ...spec, containers: [{ image: IMAGE }] } } },
  };
}
const ONE_POD = { 'autoscaling.knative.dev/min-scale': '1', 'autoscaling.knative.dev/max-scale': '1' };

export const CASES: RuleCases = {
  triggers: [
    { id: 'MCP-001', name: 'the sessions annotation is misspelt', manifests: [mcpService('stateles')], field: 'metadata.annotations["agents.cdk8s.io/mcp-sessions"]', value: '"stateles"' },
    {
      id: 'MCP-002', name: 'a stateful McpServer may scale out',
      build: (c) => new McpServer(c, 'agent', { image: IMAGE, scaling: { maxScale: 4 } }), path: 'test/agent/Service', field: ANN('max-scale'), value: '"4"',
    },
    { id: 'MCP-002', name: 'a stateful server (YAML) scales to zero: min-scale unset', manifests: [mcpService('stateful', { 'autoscaling.knative.dev/max-scale': '1' })], field: ANN('min-scale'), value: 'null' },
    {
      id: 'MCP-002', name: 'a stateful server (YAML) by the camel-case alias maxScale 2',
      manifests: [mcpService('stateful', { 'autoscaling.knative.dev/minScale': '1', 'autoscaling.knative.dev/maxScale': '2' })], field: 'spec.template.metadata.annotations["autoscaling.knative.dev/maxScale"]', value: '"2"',
    },
    {
      id: 'MCP-003', name: 'a stateful McpServer limits containerConcurrency',
      build: (c) => new McpServer(c, 'agent', { image: IMAGE, containerConcurrency: 10 }), path: 'test/agent/Service', field: 'spec.template.spec.containerConcurrency', value: '10',
    },
    {
      id: 'MCP-003', name: 'a stateful McpServer on a cluster whose default container-concurrency is 1',
      build: (c) => { profile(c, { containerConcurrency: 1 }); new McpServer(c, 'agent', { image: IMAGE }); }, path: 'test/agent/Service', field: 'spec.template.spec.containerConcurrency', value: 'null',
    },
  ],
  passes: [
    { name: 'a stateful McpServer (one pod)', build: (c) => new McpServer(c, 'agent', { image: IMAGE }) },
    { name: 'a stateless McpServer scales to zero and out', build: (c) => new McpServer(c, 'agent', { image: IMAGE, stateless: true, scaling: { maxScale: 10 }, containerConcurrency: 10 }) },
    { name: 'a stateful server (YAML) on one pod, containerConcurrency 0', manifests: [mcpService('stateful', ONE_POD, { containerConcurrency: 0 })] },
    { name: 'a stateless server (YAML) without scaling annotations', manifests: [mcpService('stateless')] },
    { name: 'a Service that is no MCP server scales as it likes', manifests: [{ ...mcpService('stateful'), metadata: { name: 'github-mcp', namespace: 'agents' } }] },
  ],
};
