// The rules of a Flux `image.toolkit.fluxcd.io/v1` ImageRepository.
//
// Upstream references:
//   IR = fluxcd/image-reflector-controller v1.2.0 config/crd/bases/image.toolkit.fluxcd.io_imagerepositories.yaml
import { defineRules } from '../engine/rule';

/** A Flux `image.toolkit.fluxcd.io/v1` ImageRepository. */
export const IMAGE_REPOSITORY_RULES = defineRules({
  DURATION: {
    id: 'FLUXIMG-001',
    title: 'an ImageRepository\'s `spec.interval` is a duration like `5m` or `1h`; `spec.timeout` one like `60s` (no hours)',
    why: 'The CRD schema refuses any other text: interval `^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$`, timeout `^([0-9]+(\\.[0-9]+)?(ms|s|m))+$`.',
    fix: 'pass a cdk8s Duration as `interval` or `timeout` rather than overriding the field',
    yamlFix: 'write `spec.interval` with the units h, m, s or ms, and `spec.timeout` with m, s or ms (e.g. `90m`, not `1h30m`)',
    upstream: 'IR spec.interval and spec.timeout (pattern)',
    effect: 'reject',
  },
});
