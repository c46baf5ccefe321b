// Triggers and near misses of the DomainMapping rules (KDM-*), each through
// synth (the DomainMapping construct) and through hand-written YAML.
import { Chart } from 'cdk8s';
import { DomainMapping, DomainMappingProps, Sink } from '../../lib';
import { profile } from '../settings/fixtures';
import { RuleCases } from '../support/rule-cases';
import { agent } from './fixtures';

const DOMAIN = 'test/domain';

/** A DomainMapping of `triage.example.com` to an agent of the chart (namespace `agents`). */
function domain(chart: Chart, props: Partial<DomainMappingProps> = {}): DomainMapping {
  return new DomainMapping(chart, 'domain', { name: 'triage.example.com', ref: props.ref ?? agent(chart, {}, 'triage'), ...props });
}

/** A hand-written DomainMapping of `triage.example.com` to the Knative Service `triage`. */
export function mapping(metadata: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'serving.knative.dev/v1beta1',
    kind: 'DomainMapping',
    metadata: { name: 'triage.example.com', namespace: 'agents', ...metadata },
    spec: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'triage', namespace: 'agents' }, ...spec },
  };
}

const ref = (fields: Record<string, unknown>) => ({ ref: fields });

export const CASES: RuleCases = {
  triggers: [
    // --- the name is the domain
    { id: 'KDM-NAME-001', name: 'the domain has one segment', build: (c) => domain(c, { name: 'triage' }), path: DOMAIN, field: 'metadata.name', value: '"triage"' },
    { id: 'KDM-NAME-001', name: 'the domain has uppercase letters', build: (c) => domain(c, { name: 'Triage.example.com' }), path: DOMAIN, field: 'metadata.name', value: '"Triage.example.com"' },
    { id: 'KDM-NAME-001', name: 'a hand-written domain has an underscore', manifests: [mapping({ name: 'triage_agent.example.com' })], field: 'metadata.name', value: '"triage_agent.example.com"' },
    {
      id: 'KDM-NAME-001', name: 'a segment of a hand-written domain is 64 characters',
      manifests: [mapping({ name: `${'a'.repeat(64)}.example.com` })], field: 'metadata.name', value: `"${'a'.repeat(64)}.example.com"`,
    },
    {
      id: 'KDM-NAME-002', name: 'the domain is under the cluster-local domain',
      build: (c) => domain(c, { name: 'triage.agents.svc.cluster.local' }), path: DOMAIN, field: 'metadata.name', value: '"triage.agents.svc.cluster.local"',
    },
    {
      id: 'KDM-NAME-002', name: 'a hand-written domain is under a cluster\'s own cluster domain',
      manifests: [mapping({ name: 'triage.example.internal' })], settings: { serving: { clusterDomain: 'example.internal' } },
      field: 'metadata.name', value: '"triage.example.internal"',
    },
    {
      id: 'KDM-NAME-003', name: 'generateName is set (override)',
      build: (c) => domain(c).addOverride('metadata.generateName', 'triage-'), path: DOMAIN, field: 'metadata.generateName', value: '"triage-"',
    },
    { id: 'KDM-NAME-003', name: 'a hand-written mapping sets generateName', manifests: [mapping({ generateName: 'triage-' })], field: 'metadata.generateName', value: '"triage-"' },

    // --- the reference
    {
      id: 'KDM-REF-001', name: 'the ref has an empty apiVersion',
      build: (c) => domain(c, { ref: Sink.ref({ apiVersion: '', kind: 'Service', name: 'triage' }) }), path: DOMAIN, field: 'spec.ref.apiVersion', value: '""',
    },
    {
      id: 'KDM-REF-001', name: 'a hand-written mapping has no spec (the CRD requires ref only inside spec)',
      manifests: [{ apiVersion: 'serving.knative.dev/v1beta1', kind: 'DomainMapping', metadata: { name: 'triage.example.com', namespace: 'agents' } }], field: 'spec.ref', value: '(unset)',
    },
    {
      id: 'KDM-REF-001', name: 'a hand-written mapping with `spec: null` (dropped like no spec)',
      manifests: [{ apiVersion: 'serving.knative.dev/v1beta1', kind: 'DomainMapping', metadata: { name: 'triage.example.com', namespace: 'agents' }, spec: null }], field: 'spec.ref', value: '(unset)',
    },
    {
      id: 'KDM-REF-001', name: 'a hand-written ref has no apiVersion',
      manifests: [mapping({}, ref({ kind: 'Service', name: 'triage' }))], field: 'spec.ref.apiVersion', value: '(unset)',
    },
    {
      id: 'KDM-REF-001', name: 'a hand-written ref has an empty kind', manifests: [mapping({}, ref({ apiVersion: 'serving.knative.dev/v1', kind: '', name: 'triage' }))],
      field: 'spec.ref.kind', value: '""',
    },
    {
      id: 'KDM-REF-001', name: 'a hand-written ref gives group instead of apiVersion',
      manifests: [mapping({}, ref({ group: 'serving.knative.dev', kind: 'Service', name: 'triage' }))], field: 'spec.ref.group', value: '"serving.knative.dev"',
    },
    {
      id: 'KDM-REF-002', name: 'the mapping is in another namespace than its agent',
      build: (c) => domain(c, { namespace: 'web' }), path: DOMAIN, field: 'spec.ref.namespace', value: '"agents"',
    },
    { id: 'KDM-REF-002', name: 'a hand-written ref names another namespace', manifests: [mapping({}, ref({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'triage', namespace: 'tools' }))], field: 'spec.ref.namespace', value: '"tools"' },
    {
      id: 'KDM-REF-003', name: 'the domain is mapped to a Broker',
      build: (c) => domain(c, { ref: Sink.ref({ apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name: 'default' }) }), path: DOMAIN,
      field: 'spec.ref', value: '"Broker (eventing.knative.dev/v1)"',
    },
    {
      id: 'KDM-REF-003', name: 'a hand-written mapping targets a JobSink',
      manifests: [mapping({}, ref({ apiVersion: 'sinks.knative.dev/v1alpha1', kind: 'JobSink', name: 'jobs' }))], field: 'spec.ref', value: '"JobSink (sinks.knative.dev/v1alpha1)"',
    },

    // --- TLS
    { id: 'KDM-TLS-001', name: 'the TLS secret name is empty', build: (c) => domain(c, { tls: { secretName: '' } }), path: DOMAIN, field: 'spec.tls.secretName', value: '""' },
    { id: 'KDM-TLS-001', name: 'a hand-written TLS secret name has uppercase letters', manifests: [mapping({}, { tls: { secretName: 'Triage_TLS' } })], field: 'spec.tls.secretName', value: '"Triage_TLS"' },

    // --- metadata
    {
      id: 'KDM-META-001', name: 'the creator annotation is written',
      build: (c) => domain(c, { annotations: { 'serving.knative.dev/creator': 'alice' } }), path: DOMAIN,
      field: 'metadata.annotations["serving.knative.dev/creator"]', value: '"alice"',
    },
    {
      id: 'KDM-META-001', name: 'a hand-written mapping carries lastModifier',
      manifests: [mapping({ annotations: { 'serving.knative.dev/lastModifier': 'bob' } })], field: 'metadata.annotations["serving.knative.dev/lastModifier"]', value: '"bob"',
    },
    {
      id: 'KDM-META-002', name: 'disable-external-domain-tls is "yes"',
      build: (c) => domain(c, { annotations: { 'networking.knative.dev/disable-external-domain-tls': 'yes' } }), path: DOMAIN,
      field: 'metadata.annotations["networking.knative.dev/disable-external-domain-tls"]', value: '"yes"',
    },
    {
      id: 'KDM-META-002', name: 'the legacy disableAutoTLS key is read first and is "on"',
      manifests: [mapping({ annotations: { 'networking.knative.dev/disableAutoTLS': 'on', 'networking.knative.dev/disable-external-domain-tls': 'true' } })],
      field: 'metadata.annotations["networking.knative.dev/disableAutoTLS"]', value: '"on"',
    },
    {
      id: 'KDM-META-003', name: 'the http-protocol annotation is "https"',
      build: (c) => domain(c, { annotations: { 'networking.knative.dev/http-protocol': 'https' } }), path: DOMAIN,
      field: 'metadata.annotations["networking.knative.dev/http-protocol"]', value: '"https"',
    },
    {
      id: 'KDM-META-003', name: 'a hand-written httpOption is "Disabled" (a config-network value, not an annotation value)',
      manifests: [mapping({ annotations: { 'networking.knative.dev/httpOption': 'Disabled' } })], field: 'metadata.annotations["networking.knative.dev/httpOption"]', value: '"Disabled"',
    },
    { id: 'KDM-META-004', name: 'a label value has a space', build: (c) => domain(c, { labels: { team: 'a b' } }), path: DOMAIN, field: 'metadata.labels["team"]', value: '"a b"' },
    { id: 'KDM-META-004', name: 'a hand-written annotation key is not a qualified name', manifests: [mapping({ annotations: { 'owner team!': 'a' } })], field: 'metadata.annotations key', value: '"owner team!"' },
  ],
  passes: [
    { name: 'a DomainMapping of an agent, with TLS', build: (c) => domain(c, { tls: { secretName: 'triage-example-com.tls' } }) },
    { name: 'the construct id as the domain', build: (c) => new DomainMapping(c, 'triage.example.com', { ref: agent(c, {}, 'triage') }) },
    { name: 'a domain of exactly the cluster domain (not a subdomain of it)', build: (c) => domain(c, { name: 'cluster.local' }) },
    { name: 'a domain under another cluster domain than the declared one', build: (c) => { profile(c, { clusterDomain: 'example.internal' }); domain(c, { name: 'triage.svc.cluster.local' }); } },
    { name: 'an existing Knative Service by name (ref namespace defaulted)', build: (c) => domain(c, { ref: Sink.knativeService('triage') }) },
    { name: 'a Knative Route and a Kubernetes Service as targets', build: (c) => {
      domain(c, { ref: Sink.ref({ apiVersion: 'serving.knative.dev/v1', kind: 'Route', name: 'triage' }) });
      new DomainMapping(c, 'api', { name: 'api.example.com', ref: Sink.ref({ apiVersion: 'v1', kind: 'Service', name: 'api' }) });
    } },
    { name: 'the mapping in the agent\'s namespace given explicitly', build: (c) => domain(c, { namespace: 'agents' }) },
    {
      name: 'TLS and HTTP annotations with values the reconciler reads (any case)',
      build: (c) => domain(c, { annotations: { 'networking.knative.dev/disable-external-domain-tls': 'True', 'networking.knative.dev/http-protocol': 'Redirected' }, labels: { 'app.kubernetes.io/part-of': 'agents' } }),
    },
    { name: 'a hand-written mapping with 63-character segments', manifests: [mapping({ name: `${'a'.repeat(63)}.${'b'.repeat(63)}.example.com` })] },
    { name: 'a hand-written ref without namespace (defaulted to the mapping\'s)', manifests: [mapping({ namespace: 'web' }, ref({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'triage' }))] },
    { name: 'a hand-written mapping without namespace (the ref namespace cannot be compared)', manifests: [mapping({ namespace: undefined })] },
    {
      name: 'hand-written annotations: empty values are read as unset',
      manifests: [mapping({ annotations: { 'networking.knative.dev/disable-auto-tls': '', 'networking.knative.dev/http-protocol': '', 'example.com/owner': 'platform' } })],
    },
    { name: 'a hand-written TLS secret with dots', manifests: [mapping({}, { tls: { secretName: 'triage.example.com' } })] },
  ],
};
