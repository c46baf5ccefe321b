// Network policies (Kubernetes and Cilium), Ingresses, and the app-wide egress and ingress rules.
import type { RegistryPart } from '../settings/validation';
import { EGRESS_OVERLAP, KNATIVE_INGRESS } from './app-rules';
import { CILIUM_CLUSTERWIDE_NETWORK_POLICY_VALIDATOR, CILIUM_NETWORK_POLICY_VALIDATOR } from './cilium-network-policy.validator';
import { EGRESS_POLICY_RULES } from './egress-policy.rules';
import { INGRESS_VALIDATOR } from './ingress.validator';
import { NETWORK_POLICY_VALIDATOR } from './network-policy.validator';

export const NETWORK: RegistryPart = {
  validators: [NETWORK_POLICY_VALIDATOR, CILIUM_NETWORK_POLICY_VALIDATOR, CILIUM_CLUSTERWIDE_NETWORK_POLICY_VALIDATOR, INGRESS_VALIDATOR],
  crossObject: [EGRESS_OVERLAP, KNATIVE_INGRESS],
  otherRules: Object.values(EGRESS_POLICY_RULES),
};
