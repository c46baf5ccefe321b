// Checks of a Flux `image.toolkit.fluxcd.io/v1` ImageUpdateAutomation, built
// from its rule table: the CRD's source kind enum and duration pattern.
// Pure: manifest in, findings out.
import { objOrEmpty as obj } from '../engine/json';
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import type { ManifestValidator } from '../settings/validation';
import { FLUX_DURATION } from './flux-kustomization.validator';
import { IMAGE_UPDATE_AUTOMATION_RULES as R } from './image-update-automation.rules';
import { IMAGE_API_VERSION } from './image-repository.validator';

/** Checks an ImageUpdateAutomation against its CRD. */
export function validateImageUpdateAutomation(o: unknown, out: FindingList): void {
  const spec = obj(obj(o).spec);
  const kind = obj(spec.sourceRef).kind;
  if (kind !== undefined && kind !== 'GitRepository') out.add(R.SOURCE_KIND, 'spec.sourceRef.kind', kind, 'the automation commits to Git: only a GitRepository can be its source');
  if (typeof spec.interval === 'string' && !FLUX_DURATION.test(spec.interval)) out.add(R.DURATION, 'spec.interval', spec.interval, 'not a duration of the form 1h, 30m, 30s or 500ms');
}

export const IMAGE_UPDATE_AUTOMATION_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: IMAGE_API_VERSION,
  kind: 'ImageUpdateAutomation',
  rules: R,
  validate: (o, _ctx, out) => validateImageUpdateAutomation(o, out),
});
