// GitOps with Flux: the kinds this domain validates.
import type { RegistryPart } from '../settings/validation';
import { FLUX_KUSTOMIZATION_VALIDATOR } from './flux-kustomization.validator';
import { GIT_REPOSITORY_VALIDATOR } from './git-repository.validator';
import { IMAGE_POLICY_VALIDATOR } from './image-policy.validator';
import { IMAGE_REPOSITORY_VALIDATOR } from './image-repository.validator';
import { IMAGE_UPDATE_AUTOMATION_VALIDATOR } from './image-update-automation.validator';

export const GITOPS: RegistryPart = {
  validators: [FLUX_KUSTOMIZATION_VALIDATOR, GIT_REPOSITORY_VALIDATOR, IMAGE_REPOSITORY_VALIDATOR, IMAGE_POLICY_VALIDATOR, IMAGE_UPDATE_AUTOMATION_VALIDATOR],
};
