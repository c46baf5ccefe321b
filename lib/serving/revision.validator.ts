// Checks of a `serving.knative.dev/v1` Revision, rarely written by hand
// (Knative creates them from a revision template). As upstream
// (revision_validation.go#L38-62): its metadata as a Service's, with its
// autoscaling annotations validated there; its RevisionSpec as a template's;
// its `serving.knative.dev/configuration` label names its owner. Its own rules
// are none: every one is shared (KSVC-*, KCFG-META-001).
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import { fieldsOf, objOrEmpty as obj, valueAt } from '../engine/json';
import { SHARED_POD_RULES } from '../pod/pod-rules';
import { ClusterSettings } from '../settings/settings';
import type { ManifestValidator } from '../settings/validation';
import { KNATIVE_SERVICE_RULES } from './agent-knative-service.rules';
import { checkRevisionSpecAndAutoscaling, checkServingMetadata, SERVING_SCHEMA } from './agent-knative-service.validator';
import { CONFIGURATION_RULES } from './configuration.rules';
import { checkOwnerLabel } from './configuration.validator';

/** Checks a Revision against the Knative 1.22 webhook (a create: its spec is immutable after). Pure. */
export function validateRevision(m: unknown, settings: ClusterSettings, v: FindingList): void {
  const meta = obj(valueAt(m, 'metadata'));
  // A Revision has no user annotations of Knative's, and reads neither rollout-duration nor visibility.
  checkServingMetadata(meta, { kind: 'Revision', rolloutDuration: false, visibility: false, userAnnotations: false }, v);
  checkOwnerLabel(meta, 'Configuration', v);
  checkRevisionSpecAndAutoscaling(obj(valueAt(m, 'spec')), fieldsOf(meta.annotations), settings, v, { spec: 'spec', annotations: 'metadata.annotations' });
}

export const REVISION_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'serving.knative.dev/v1',
  kind: 'Revision',
  schema: SERVING_SCHEMA,
  rules: [CONFIGURATION_RULES, KNATIVE_SERVICE_RULES, SHARED_POD_RULES],
  validate: (o, ctx, out) => validateRevision(o, ctx.settings, out),
});
