// Triggers and near misses of the Configuration rules (KCFG-*) and of the
// revision-template name rules a Configuration shares with a Service
// (KSVC-NAME-*), on hand-written YAML, with a sample of the other Service
// rules its ConfigurationSpec is checked by.
import { RuleCases } from '../support/rule-cases';
import { agent, IMAGE } from './fixtures';

type Fields = Record<string, unknown>;

/**
 * A hand-written Configuration `triage` in namespace `agents`: `metadata`
 * merged over its metadata, `template` over its revision template (its
 * `spec` over the pod spec).
 */
export function configuration(metadata: Fields = {}, template: Fields = {}): Fields {
  const { spec, ...rest } = template;
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Configuration',
    metadata: { name: 'triage', namespace: 'agents', ...metadata },
    spec: { template: { ...rest, spec: { containers: [{ image: IMAGE }], ...(spec as Fields | undefined) } } },
  };
}

/** An ownerReference to the Knative Service `name`, as Knative writes it (the API server requires a uid). */
export const ownedBy = (name: string, kind = 'Service'): Fields => ({
  apiVersion: 'serving.knative.dev/v1', kind, name, uid: '6f0c3a52-1b6e-4c1e-9d8e-2a7b0f1c9e11', controller: true, blockOwnerDeletion: true,
});

const SERVICE_LABEL = 'metadata.labels["serving.knative.dev/service"]';

export const CASES: RuleCases = {
  triggers: [
    // --- KCFG-META-001: the service label names the owning Service
    {
      id: 'KCFG-META-001', name: 'a Configuration carries the service label without an owner',
      manifests: [configuration({ labels: { 'serving.knative.dev/service': 'triage' } })], field: SERVICE_LABEL, value: '"triage"',
    },
    {
      id: 'KCFG-META-001', name: 'a Configuration is owned by another Service than its label names',
      manifests: [configuration({ labels: { 'serving.knative.dev/service': 'triage' }, ownerReferences: [ownedBy('other')] })], field: SERVICE_LABEL, value: '"triage"',
    },
    {
      id: 'KCFG-META-001', name: 'a Configuration\'s owner of the label\'s name is not a Service',
      manifests: [configuration({ labels: { 'serving.knative.dev/service': 'triage' }, ownerReferences: [ownedBy('triage', 'Deployment')] })], field: SERVICE_LABEL, value: '"triage"',
    },

    // --- the revision template's names (validateRevisionName), on a Configuration and on a Service
    {
      id: 'KSVC-NAME-005', name: 'a Configuration\'s revision template generateName has a dot',
      manifests: [configuration({}, { metadata: { generateName: 'triage.v2-' } })], field: 'spec.template.metadata.generateName', value: '"triage.v2-"',
    },
    {
      id: 'KSVC-NAME-005', name: 'a Configuration\'s revision template generateName starts with a digit',
      manifests: [configuration({}, { metadata: { generateName: '2-triage-' } })], field: 'spec.template.metadata.generateName', value: '"2-triage-"',
    },
    {
      id: 'KSVC-NAME-005', name: 'a Service\'s revision template generateName has uppercase letters (override)',
      build: (c) => agent(c).addOverride('spec.template.metadata.generateName', 'Agent-'), field: 'spec.template.metadata.generateName', value: '"Agent-"',
    },
    {
      id: 'KSVC-NAME-003', name: 'a Configuration with a generated name brings its own revision name',
      manifests: [configuration({ name: undefined, generateName: 'triage-' }, { metadata: { name: 'triage-v2' } })], field: 'spec.template.metadata.name', value: '"triage-v2"',
    },
    {
      id: 'KSVC-NAME-003', name: 'a Configuration\'s revision name lacks the `<configuration>-` prefix',
      manifests: [configuration({}, { metadata: { name: 'v2' } })], field: 'spec.template.metadata.name', value: '"v2"',
    },
    {
      id: 'KSVC-NAME-002', name: 'a Configuration\'s revision name has a dot',
      manifests: [configuration({}, { metadata: { name: 'triage-v2.1' } })], field: 'spec.template.metadata.name', value: '"triage-v2.1"',
    },

    // --- object metadata, as a Service's
    { id: 'KSVC-NAME-001', name: 'a Configuration has neither name nor generateName', manifests: [configuration({ name: undefined })], field: 'metadata.name', value: '""' },
    { id: 'KSVC-NAME-001', name: 'a Configuration name has a dot', manifests: [configuration({ name: 'triage.v1' })], field: 'metadata.name', value: '"triage.v1"' },
    {
      id: 'KSVC-NAME-001', name: 'a Configuration generateName is not a DNS-1035 prefix',
      manifests: [configuration({ name: undefined, generateName: 'Triage-' })], field: 'metadata.generateName', value: '"Triage-"',
    },
    {
      id: 'KSVC-META-001', name: 'an autoscaling annotation is on the Configuration metadata',
      manifests: [configuration({ annotations: { 'autoscaling.knative.dev/min-scale': '1' } })], field: 'metadata.annotations["autoscaling.knative.dev/min-scale"]', value: '"1"',
    },
    {
      id: 'KSVC-META-006', name: 'a Configuration of its own carries the creator annotation',
      manifests: [configuration({ annotations: { 'serving.knative.dev/creator': 'alice' } })], field: 'metadata.annotations["serving.knative.dev/creator"]', value: '"alice"',
    },

    // --- the ConfigurationSpec, as a Service's
    {
      id: 'KSVC-SCALE-003', name: 'a Configuration\'s scaling target is 0',
      manifests: [configuration({}, { metadata: { annotations: { 'autoscaling.knative.dev/target': '0' } } })],
      field: 'spec.template.metadata.annotations["autoscaling.knative.dev/target"]', value: '"0"',
    },
    {
      id: 'KSVC-SPEC-001', name: 'a Configuration\'s timeout is above max-revision-timeout-seconds',
      manifests: [configuration({}, { spec: { timeoutSeconds: 601 } })], field: 'spec.template.spec.timeoutSeconds', value: '601',
    },
    {
      id: 'KSVC-CTR-002', name: 'a Configuration\'s container serves on a port reserved by Knative',
      manifests: [configuration({}, { spec: { containers: [{ image: IMAGE, ports: [{ containerPort: 8012 }] }] } })], field: 'spec.template.spec.containers[0].ports[0].containerPort', value: '8012',
    },
  ],
  passes: [
    { name: 'a hand-written Configuration', manifests: [configuration()] },
    {
      name: 'the service label of a Configuration its Service owns (another owner first)',
      manifests: [configuration({ labels: { 'serving.knative.dev/service': 'triage' }, ownerReferences: [{ ...ownedBy('triage-old', 'Route'), controller: false }, ownedBy('triage')] })],
    },
    { name: 'other serving.knative.dev labels, unchecked', manifests: [configuration({ labels: { 'serving.knative.dev/route': 'triage', 'serving.knative.dev/testlabel': 'value' } })] },
    { name: 'a Service-owned Configuration keeps the creator annotations Knative wrote', manifests: [configuration({ annotations: { 'serving.knative.dev/creator': 'alice', 'serving.knative.dev/lastModifier': 'bob' }, ownerReferences: [ownedBy('triage')] })] },
    { name: 'a revision template generateName ending in `-`', manifests: [configuration({}, { metadata: { generateName: 'triage-' } })] },
    { name: 'a revision template generateName that is a label', manifests: [configuration({}, { metadata: { generateName: 'valid-generatename' } })] },
    { name: 'a revision template generateName of 64 characters ending in `-` (the dash is masked)', manifests: [configuration({}, { metadata: { generateName: `${'a'.repeat(63)}-` } })] },
    { name: 'an empty revision name (no name)', manifests: [configuration({}, { metadata: { name: '' } })] },
    { name: 'a BYO revision name with the prefix', manifests: [configuration({}, { metadata: { name: 'triage-v2' } })] },
    { name: 'a generated Configuration name with a revision generateName', manifests: [configuration({ name: undefined, generateName: 'triage-' }, { metadata: { generateName: 'triage-rev-' } })] },
    { name: 'a Service\'s revision template generateName (override)', build: (c) => agent(c).addOverride('spec.template.metadata.generateName', 'agent-') },
    // A Configuration reads neither: the Route does (upstream validates rollout-duration only on a Service or Route).
    { name: 'rollout-duration and visibility on a Configuration, which reads neither', manifests: [configuration({ annotations: { 'serving.knative.dev/rollout-duration': '1.5s' }, labels: { 'networking.knative.dev/visibility': 'cluster-local' } })] },
  ],
};
