// Checks of a `serving.knative.dev/v1` Configuration. As upstream
// (configuration_validation.go), its metadata and its ConfigurationSpec are
// checked by the functions that check a Service's, with the Service's rules;
// only the owner label is its own.
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import { arr, JsonObject, objOrEmpty as obj, valueAt } from '../engine/json';
import { SHARED_POD_RULES } from '../pod/pod-rules';
import { ClusterSettings } from '../settings/settings';
import type { ManifestValidator } from '../settings/validation';
import { KNATIVE_SERVICE_RULES } from './agent-knative-service.rules';
import { checkConfigurationSpec, checkServingMetadata, SERVING_SCHEMA } from './agent-knative-service.validator';
import { CONFIGURATION_RULES as R } from './configuration.rules';

/**
 * verifyLabelOwnerRef (CV#L63-78, RV#L131-136): the `serving.knative.dev/service`
 * label of a Configuration or Route (`serving.knative.dev/configuration` of a
 * Revision) needs an ownerReference of that kind with that name.
 */
export function checkOwnerLabel(meta: JsonObject, owner: 'Service' | 'Configuration', v: FindingList): void {
  const label = `serving.knative.dev/${owner.toLowerCase()}`;
  const labels = obj(meta.labels);
  if (!Object.prototype.hasOwnProperty.call(labels, label)) return;
  const value = labels[label];
  const owned = arr(meta.ownerReferences).some((r) => obj(r).kind === owner && obj(r).name === value);
  if (!owned) {
    v.add(R.OWNER_LABEL, `metadata.labels["${label}"]`, value, `no ownerReference of kind ${owner} named ${JSON.stringify(value)}: missing field(s): metadata.labels.${label}`);
  }
}

/** Whether the object is owned (a Service's): Knative then leaves its creator annotations alone. */
export const hasOwner = (meta: JsonObject): boolean => meta.ownerReferences !== undefined && meta.ownerReferences !== null;

/** Checks a Configuration against the Knative 1.22 webhook. Pure: manifest and settings in, findings out. */
export function validateConfiguration(m: unknown, settings: ClusterSettings, v: FindingList): void {
  const meta = obj(valueAt(m, 'metadata'));
  // A Configuration does not read rollout-duration nor the visibility label (the Route does).
  checkServingMetadata(meta, { kind: 'Configuration', rolloutDuration: false, visibility: false, userAnnotations: !hasOwner(meta) }, v);
  checkOwnerLabel(meta, 'Service', v);
  checkConfigurationSpec(obj(valueAt(m, 'spec')), meta, settings, v);
}

export const CONFIGURATION_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'serving.knative.dev/v1',
  kind: 'Configuration',
  schema: SERVING_SCHEMA,
  rules: [R, KNATIVE_SERVICE_RULES, SHARED_POD_RULES],
  validate: (o, ctx, out) => validateConfiguration(o, ctx.settings, out),
});
