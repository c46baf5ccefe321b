// Plain Kubernetes kinds that carry a pod template.
import { KUBERNETES_DEPLOYMENT_VALIDATOR } from './deployment.validator';
import type { RegistryPart } from '../settings/validation';

export const KUBERNETES: RegistryPart = {
  validators: [KUBERNETES_DEPLOYMENT_VALIDATOR],
};
