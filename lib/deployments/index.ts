// Always-on agents (Deployment, Service, HorizontalPodAutoscaler): the kinds
// this domain validates. Deployments themselves are the pod domain's.
import type { RegistryPart } from '../settings/validation';
import { HPA_VALIDATOR } from './horizontal-pod-autoscaler.validator';

export const DEPLOYMENTS: RegistryPart = {
  validators: [HPA_VALIDATOR],
};
