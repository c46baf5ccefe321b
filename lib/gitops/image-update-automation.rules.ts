// The rules of a Flux `image.toolkit.fluxcd.io/v1` ImageUpdateAutomation.
//
// Upstream references:
//   UT = fluxcd/image-automation-controller v1.2.1 config/crd/bases/image.toolkit.fluxcd.io_imageupdateautomations.yaml
import { defineRules } from '../engine/rule';

/** A Flux `image.toolkit.fluxcd.io/v1` ImageUpdateAutomation. */
export const IMAGE_UPDATE_AUTOMATION_RULES = defineRules({
  SOURCE_KIND: {
    id: 'FLUXIMG-006',
    title: 'an ImageUpdateAutomation\'s `spec.sourceRef.kind` is `GitRepository`',
    why: 'The CRD schema accepts only `GitRepository` (enum): the automation commits to Git, and an OCIRepository or Bucket cannot be pushed to.',
    fix: 'pass a `GitRepository` (or `GitRepository.fromGitRepositoryName(...)`) as `sourceRef`',
    yamlFix: 'set `spec.sourceRef.kind: GitRepository` and name a GitRepository',
    upstream: 'UT spec.sourceRef.kind (enum GitRepository)',
    effect: 'reject',
  },
  DURATION: {
    id: 'FLUXIMG-007',
    title: 'an ImageUpdateAutomation\'s `spec.interval` is a duration like `30m` or `1h`',
    why: 'The CRD schema refuses any other text (pattern `^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$`).',
    fix: 'pass a cdk8s Duration as `interval` rather than overriding the field',
    yamlFix: 'write `spec.interval` with the units h, m, s or ms (e.g. `30m`)',
    upstream: 'UT spec.interval (pattern)',
    effect: 'reject',
  },
});
