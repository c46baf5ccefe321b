// Checks of a Flux `image.toolkit.fluxcd.io/v1` ImageRepository, built from
// its rule table: the CRD's duration patterns (the compact schema checks
// types, enums and required fields). Pure: manifest in, findings out.
import { objOrEmpty as obj } from '../engine/json';
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import type { ManifestValidator } from '../settings/validation';
import { FLUX_DURATION } from './flux-kustomization.validator';
import { IMAGE_REPOSITORY_RULES as R } from './image-repository.rules';

/** The apiVersion of Flux's image automation kinds (the only version the CRDs serve). */
export const IMAGE_API_VERSION = 'image.toolkit.fluxcd.io/v1';
const TIMEOUT = /^([0-9]+(\.[0-9]+)?(ms|s|m))+$/;

/** Checks an ImageRepository against its CRD. */
export function validateImageRepository(o: unknown, out: FindingList): void {
  const spec = obj(obj(o).spec);
  if (typeof spec.interval === 'string' && !FLUX_DURATION.test(spec.interval)) out.add(R.DURATION, 'spec.interval', spec.interval, 'not a duration of the form 1h, 10m, 30s or 500ms');
  if (typeof spec.timeout === 'string' && !TIMEOUT.test(spec.timeout)) {
    out.add(R.DURATION, 'spec.timeout', spec.timeout, /h/.test(spec.timeout) ? 'a timeout has no hours: write it in minutes' : 'not a duration of the form 60s, 5m or 500ms');
  }
}

export const IMAGE_REPOSITORY_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: IMAGE_API_VERSION,
  kind: 'ImageRepository',
  rules: R,
  validate: (o, _ctx, out) => validateImageRepository(o, out),
});
