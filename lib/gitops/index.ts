// GitOps with Flux: the kinds this domain validates.
import type { RegistryPart } from '../settings/validation';
import { FLUX_KUSTOMIZATION_VALIDATOR } from './flux-kustomization.validator';
import { GIT_REPOSITORY_VALIDATOR } from './git-repository.validator';

export const GITOPS: RegistryPart = {
  validators: [FLUX_KUSTOMIZATION_VALIDATOR, GIT_REPOSITORY_VALIDATOR],
};
