// Checks of a `serving.knative.dev/v1` Route. As upstream
// (route_validation.go), its metadata and its traffic list are checked by the
// functions that check a Service's, with the Service's rules, as a Route of
// its own (no default configuration); a Configuration it names must exist.
import { ValidationContext } from '../engine/engine';
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import { arr, objOrEmpty as obj, valueAt } from '../engine/json';
import { reportMissingReference } from '../k8s/external-refs';
import { isQualifiedName } from '../k8s/names';
import { ObjectIndex } from '../k8s/object-index';
import { ClusterSettings } from '../settings/settings';
import type { ManifestValidator } from '../settings/validation';
import { KNATIVE_SERVICE_RULES } from './agent-knative-service.rules';
import { checkServingMetadata, checkTraffic } from './agent-knative-service.validator';
import { CONFIGURATION_RULES } from './configuration.rules';
import { checkOwnerLabel, hasOwner } from './configuration.validator';
import { ROUTE_RULES as R } from './route.rules';

/** Checks a Route against the Knative 1.22 webhook. Pure: manifest and settings in, findings out. */
export function validateRoute(m: unknown, settings: ClusterSettings, v: FindingList): void {
  const meta = obj(valueAt(m, 'metadata'));
  checkServingMetadata(meta, { kind: 'Route', rolloutDuration: true, visibility: true, userAnnotations: !hasOwner(meta) }, v);
  checkOwnerLabel(meta, 'Service', v);
  checkTraffic(valueAt(m, 'spec', 'traffic'), { parent: meta, service: false }, settings, v);
}

/**
 * The Configurations the traffic names, among the checked objects: a
 * Configuration of that name, or a Knative Service (which owns a
 * Configuration of its own name), in the Route's namespace. Open world: one
 * not found must exist (REF-001), unless the world is closed.
 */
function checkConfigurationRefs(m: unknown, ctx: ValidationContext<ClusterSettings>, v: FindingList): void {
  const ns = valueAt(m, 'metadata', 'namespace');
  const namespace = typeof ns === 'string' && ns !== '' ? ns : undefined;
  const index = ObjectIndex.of(ctx.objects);
  arr(valueAt(m, 'spec', 'traffic')).forEach((t, i) => {
    const name = obj(t).configurationName;
    // Both names, or an invalid one, are the webhook's findings already.
    if (typeof name !== 'string' || !isQualifiedName(name) || !(obj(t).revisionName === undefined || obj(t).revisionName === '')) return;
    if (index.find('serving.knative.dev/Configuration', name, namespace) || index.find('serving.knative.dev/Service', name, namespace)) return;
    reportMissingReference(ctx.world, m, {
      rule: R.MISSING_CONFIGURATION, field: `spec.traffic[${i}].configurationName`, ref: { kind: 'Configuration', name, namespace },
      problem: `no Configuration (nor Knative Service) "${name}"${namespace ? ` in namespace "${namespace}"` : ''} among the checked objects, and none declared external`,
    }, (raw) => v.items.push(raw));
  });
}

export const ROUTE_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'serving.knative.dev/v1',
  kind: 'Route',
  rules: [R, CONFIGURATION_RULES, KNATIVE_SERVICE_RULES],
  validate: (o, ctx, out) => {
    validateRoute(o, ctx.settings, out);
    checkConfigurationRefs(o, ctx, out);
  },
});
