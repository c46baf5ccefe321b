// The rule over every egress policy kind: whether it lets pods reach the
// cloud instance metadata endpoint.
import { defineRules } from '../engine/rule';

/** NetworkPolicy, CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy egress. */
export const METADATA_ENDPOINT_RULES = defineRules({
  METADATA: {
    id: 'NET-METADATA-001',
    title: 'egress should not reach the cloud metadata endpoint 169.254.169.254',
    why: 'On most clouds 169.254.169.254:80 hands out the node\'s credentials and identity: an agent that runs model-chosen tools (or is prompt-injected) can read them. An allow-all egress rule, or an IP block such as 0.0.0.0/0 that does not except 169.254.0.0/16, reaches it.',
    fix: 'use `Egress.publicInternet()` (private, link-local and metadata ranges excepted), or `Egress.cidr(\'0.0.0.0/0\', { except: [\'169.254.0.0/16\', ...] })`; acknowledge the warning when the agent must read instance metadata',
    yamlFix: 'add `169.254.0.0/16` (or `169.254.169.254/32`) to the `except` list of the ipBlock (Cilium: of the toCIDRSet entry), replace an allow-all rule by the destinations needed, or leave out port 80; when the pods must read instance metadata, acknowledge it in cdk8s-agents.yaml (`acknowledgements: [{ object: NetworkPolicy/<namespace>/<name>, rule: <rule id>, reason: ... }]`)',
    upstream: 'AWS EC2 IMDS, GCE metadata server and Azure IMDS at 169.254.169.254:80 (HTTP); kubernetes-sigs/agent-sandbox default egress (internet only, metadata blocked); networking.k8s.io/v1 NetworkPolicyPeer (empty `to` = every destination); Cilium policy language (a rule without L3 selector allows every destination)',
    effect: 'exposed',
    severity: 'warning',
  },
});
