// The rules of a `serving.knative.dev/v1` Configuration of its own. A
// Configuration's spec is a Service's ConfigurationSpec, validated upstream by
// the same functions, so its revision template, metadata and pod spec are
// reported with the Service's rules (KSVC-*); only what a Service does not
// have is here.
//
// Upstream references are to knative/serving at tag knative-v1.22.1:
//   CV  = pkg/apis/serving/v1/configuration_validation.go
//   RTV = pkg/apis/serving/v1/route_validation.go
//   RV  = pkg/apis/serving/v1/revision_validation.go
import { defineRules } from '../engine/rule';

/** A `serving.knative.dev/v1` Configuration (OWNER_LABEL is a Route's and a Revision's too). */
export const CONFIGURATION_RULES = defineRules({
  OWNER_LABEL: {
    id: 'KCFG-META-001',
    title: 'the `serving.knative.dev/service` label of a Configuration or Route names the Service that owns it (an ownerReference of kind Service and that name); so does the `serving.knative.dev/configuration` label of a Revision, its Configuration',
    why: 'Knative sets these labels on the objects a Service (or a Configuration) creates, with an ownerReference to it; the webhook rejects the label without a matching ownerReference ("missing field(s): metadata.labels.serving.knative.dev/service"). Copied from an owned object, it makes the manifest unappliable.',
    fix: 'remove the label (an object of your own has no owner), or write the owning Knative Service (or Configuration) instead',
    upstream: 'CV#L63-78 (validateLabels, verifyLabelOwnerRef); RTV#L195-201; RV#L131-136',
    effect: 'reject',
  },
});
