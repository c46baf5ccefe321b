// The rules over every object of the app: network policies and the pods they select.
import { defineRules } from '../engine/rule';

/** Rules over every object of the app or the checked files. */
export const NETWORK_APP_RULES = defineRules({
  OVERLAP: {
    id: 'NET-APP-001',
    title: 'an agent is selected by at most one egress policy',
    why: 'Network policies add up: a second policy selecting the same pods silently widens what the first allows. NetworkPolicies and CiliumNetworkPolicies count; CiliumClusterwideNetworkPolicies deliberately do not: they are the cluster\'s baseline (e.g. DNS egress for every pod), and counting one would warn on every agent it selects.',
    fix: 'put every destination of the agent in one EgressPolicy (`policy.allow(...)`), or acknowledge the warning on the second policy with the reason',
    yamlFix: 'put every destination of the agent in one NetworkPolicy (or CiliumNetworkPolicy), or acknowledge it on the second policy in cdk8s-agents.yaml (`acknowledgements: [{ object: NetworkPolicy/<namespace>/<name>, rule: <rule id>, reason: ... }]`)',
    upstream: 'Kubernetes NetworkPolicy semantics ("policies are additive"); Cilium policy semantics (rules are OR-ed)',
    effect: 'altered',
    severity: 'warning',
    openWorld: 'CiliumClusterwideNetworkPolicies (a cluster-wide baseline) are not counted, and policies applied from elsewhere are not seen: either may widen an agent\'s egress further',
  },
  KNATIVE_INGRESS: {
    id: 'NET-INGRESS-001',
    title: 'an ingress policy on a Knative Service\'s pods admits the activator and the autoscaler',
    why: 'Requests reach a Knative revision through the activator (always from zero) on port 8012/8013, and the autoscaler scrapes port 9090; blocking them leaves the agent unreachable or never scaled. A NetworkPolicy without `policyTypes` always restricts ingress too, even when it only lists egress rules; a CiliumNetworkPolicy (or a CiliumClusterwideNetworkPolicy, whose selectors reach every namespace) with `ingress` rules puts the pods in default deny for ingress; of Cilium\'s entities only `cluster` and `all` include the activator (`ingress` is Cilium\'s own Envoy).',
    fix: 'use `ingress: IngressLockdown.KNATIVE` on the EgressPolicy, or admit pods `app: activator` and `app: autoscaler` of the serving namespace on ports 8012, 8013 and 9090; an egress-only policy says `policyTypes: [Egress]`',
    yamlFix: 'admit pods `app: activator` and `app: autoscaler` of the serving namespace on ports 8012, 8013 and 9090 in the ingress rules (Cilium: `fromEndpoints` with `k8s:io.kubernetes.pod.namespace` and `k8s:app`, `toPorts`); an egress-only NetworkPolicy says `policyTypes: [Egress]`',
    upstream: 'knative serving pkg/networking/constants.go (BackendHTTPPort 8012, BackendHTTP2Port 8013, AutoscalingQueueMetricsPort 9090); knative.dev/docs serving/istio-authorization; cilium Documentation/security/policy/layer3.rst (Ingress/Egress Default Deny, Entities based), kubernetes.rst (Namespaces: a selector without the namespace label is the policy\'s namespace), policy/intro.rst (default mode); cilium pkg/k8s/apis/cilium.io/utils/utils.go@25972d8#L69-99 getEndpointSelector (a clusterwide policy\'s selector without the namespace label matches `Exists`) and ParseToCiliumRule (the endpointSelector is bound to the policy\'s namespace only when it has one), kubernetes.rst (Clusterwide Policies)',
    effect: 'runtime',
    severity: 'warning',
    openWorld: 'network policies add up: another policy applied from elsewhere may admit the activator and the autoscaler',
  },
});
