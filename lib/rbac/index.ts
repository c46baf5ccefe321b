// RBAC: Role, ClusterRole and their bindings, and the rules of the agents' `grant…` calls.
import { GRANT_RULES } from '../container/grants.rules';
import type { RegistryPart } from '../settings/validation';
import { CLUSTER_ROLE_BINDING_VALIDATOR, ROLE_BINDING_VALIDATOR } from './role-binding.validator';
import { CLUSTER_ROLE_VALIDATOR, ROLE_VALIDATOR } from './role.validator';

export const RBAC: RegistryPart = {
  validators: [ROLE_VALIDATOR, CLUSTER_ROLE_VALIDATOR, ROLE_BINDING_VALIDATOR, CLUSTER_ROLE_BINDING_VALIDATOR],
  otherRules: Object.values(GRANT_RULES),
};
