// Triggers and near misses of the rules a hand-written Revision is checked
// by: all shared (KSVC-*, KCFG-META-001), at a Revision's own paths.
import { RuleCases } from '../support/rule-cases';
import { ownedBy } from './configuration.cases';
import { IMAGE } from './fixtures';

type Fields = Record<string, unknown>;

/** A hand-written Revision `triage-00001` in namespace `agents`. */
export function revision(metadata: Fields = {}, spec: Fields = {}): Fields {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Revision',
    metadata: { name: 'triage-00001', namespace: 'agents', ...metadata },
    spec: { containers: [{ image: IMAGE }], ...spec },
  };
}

const CONFIG_LABEL = 'metadata.labels["serving.knative.dev/configuration"]';

export const CASES: RuleCases = {
  triggers: [
    {
      id: 'KCFG-META-001', name: 'a Revision carries the configuration label without an owner',
      manifests: [revision({ labels: { 'serving.knative.dev/configuration': 'triage' } })], field: CONFIG_LABEL, value: '"triage"',
    },
    {
      id: 'KCFG-META-001', name: 'a Revision is owned by a Service, not the Configuration its label names',
      manifests: [revision({ labels: { 'serving.knative.dev/configuration': 'triage' }, ownerReferences: [ownedBy('triage')] })], field: CONFIG_LABEL, value: '"triage"',
    },
    { id: 'KSVC-NAME-001', name: 'a Revision name has a dot', manifests: [revision({ name: 'triage.00001' })], field: 'metadata.name', value: '"triage.00001"' },
    {
      id: 'KSVC-SCALE-005', name: 'a Revision\'s own min-scale annotation is negative',
      manifests: [revision({ annotations: { 'autoscaling.knative.dev/min-scale': '-1' } })], field: 'metadata.annotations["autoscaling.knative.dev/min-scale"]', value: '"-1"',
    },
    { id: 'KSVC-SPEC-002', name: 'a Revision\'s containerConcurrency is negative', manifests: [revision({}, { containerConcurrency: -10 })], field: 'spec.containerConcurrency', value: '-10' },
    { id: 'KSVC-CTR-002', name: 'a Revision\'s container serves on a reserved port', manifests: [revision({}, { containers: [{ image: IMAGE, ports: [{ containerPort: 9091 }] }] })], field: 'spec.containers[0].ports[0].containerPort', value: '9091' },
  ],
  passes: [
    { name: 'a hand-written Revision', manifests: [revision()] },
    { name: 'autoscaling annotations on a Revision\'s metadata (validated there, not refused)', manifests: [revision({ annotations: { 'autoscaling.knative.dev/min-scale': '1', 'autoscaling.knative.dev/max-scale': '3' } })] },
    { name: 'the configuration label of a Revision its Configuration owns', manifests: [revision({ labels: { 'serving.knative.dev/configuration': 'triage' }, ownerReferences: [ownedBy('triage', 'Configuration')] })] },
    { name: 'the creator annotation, which a Revision does not guard', manifests: [revision({ annotations: { 'serving.knative.dev/creator': 'alice' } })] },
  ],
};
