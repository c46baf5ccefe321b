// Plain Kubernetes kinds that carry a pod template.
import { KUBERNETES_DEPLOYMENT_VALIDATOR } from './deployment.validator';
import { OBJECT_META_CHECK } from './object-meta.validator';
import type { RegistryPart } from '../settings/validation';

export const KUBERNETES: RegistryPart = {
  validators: [KUBERNETES_DEPLOYMENT_VALIDATOR],
  // Every object's name and namespace, as the API server checks them.
  everyObject: [OBJECT_META_CHECK],
};
