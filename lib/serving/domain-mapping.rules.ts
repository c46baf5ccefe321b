// The rules of a `serving.knative.dev/v1beta1` DomainMapping: what the Knative
// webhook refuses, and what its reconciler cannot map.
//
// Upstream references are to knative/serving at tag knative-v1.22.1:
//   DMV = pkg/apis/serving/v1beta1/domainmapping_validation.go
//   DMR = pkg/reconciler/domainmapping/reconciler.go
//   KR  = vendor/knative.dev/pkg/apis/duck/v1/knative_reference.go
//   NR  = vendor/knative.dev/networking/pkg/apis/networking/register.go
import { defineRules } from '../engine/rule';

/** A `serving.knative.dev/v1beta1` DomainMapping. */
export const DOMAIN_MAPPING_RULES = defineRules({
  NAME_DOMAIN: {
    id: 'KDM-NAME-001',
    title: 'the DomainMapping name is the domain: a fully qualified domain name of at least two DNS-1123 labels',
    why: 'The webhook rejects a name that is not a DNS-1123 subdomain of at least two dot-separated labels ("should be a domain with at least two segments separated by dots"); the name is the host the mapping serves.',
    fix: 'name the mapping after the domain it serves, e.g. `name: \'triage.example.com\'`',
    upstream: 'DMV#L47-51; vendor/k8s.io/apimachinery/pkg/util/validation/validation.go#L60-80 (IsFullyQualifiedDomainName)',
    effect: 'reject',
  },
  NAME_CLUSTER_LOCAL: {
    id: 'KDM-NAME-002',
    title: 'the domain must not be a subdomain of the cluster-local domain',
    why: 'The webhook rejects names ending in `.<cluster domain>` (`.cluster.local` upstream): those hosts belong to the cluster\'s own Services.',
    fix: 'map a public domain; an agent is reachable inside the cluster at its `url` already',
    upstream: 'DMV#L53-57 (network.GetClusterDomainName)',
    effect: 'reject',
  },
  GENERATE_NAME: {
    id: 'KDM-NAME-003',
    title: '`metadata.generateName` is not allowed on a DomainMapping',
    why: 'The webhook rejects it: the name of a mapping is its domain and cannot be generated.',
    fix: 'remove `generateName` and set the domain as `name`',
    upstream: 'DMV#L43-45',
    effect: 'reject',
  },
  REF_FIELDS: {
    id: 'KDM-REF-001',
    title: '`spec.ref` names its target with `apiVersion`, `kind` and `name` (no `group`)',
    why: 'The webhook rejects a reference with an empty `apiVersion`, `kind` or `name` ("missing field(s)"), and a reference with `group`, which Serving does not allow.',
    fix: 'pass an AgentKnativeService (or `Sink.ref({ apiVersion, kind, name })`) as `ref`',
    yamlFix: 'set `spec.ref` to `{ apiVersion: serving.knative.dev/v1, kind: Service, name: <service> }` (no `group`)',
    upstream: 'DMV#L70-73; KR#L58-90 (KReference.Validate, group not allowed)',
    effect: 'reject',
  },
  REF_NAMESPACE: {
    id: 'KDM-REF-002',
    title: 'the target of `spec.ref` is in the DomainMapping\'s namespace',
    why: 'The webhook rejects a `ref.namespace` that differs from the mapping\'s ("mismatched namespaces"): a DomainMapping cannot route to another namespace.',
    fix: 'create the DomainMapping in the namespace of its target (leave `namespace` unset to follow `ref`)',
    yamlFix: 'put the DomainMapping in the namespace of its target (`metadata.namespace` = `spec.ref.namespace`)',
    upstream: 'KR#L91-106; DMR#L309-314 (cross-namespace KIngress not supported)',
    effect: 'reject',
  },
  REF_ADDRESSABLE: {
    id: 'KDM-REF-003',
    title: 'the target is an Addressable served by a Kubernetes Service: a Knative Service, a Knative Route or a Kubernetes Service',
    why: 'The reconciler maps the domain only to an address of the form `{name}.{namespace}.svc.<cluster domain>` without a path; a Broker, a Channel-based flow, a JobSink or another Addressable whose address is elsewhere or has a path leaves the mapping not ready ("resolved URI ... must be of the form ...").',
    fix: 'map the domain to the AgentKnativeService (or its Route) that serves the requests',
    yamlFix: 'point `spec.ref` at the Knative Service (or its Route) that serves the requests',
    upstream: 'pkg/apis/serving/v1beta1/domainmapping_types.go#L81-90 (the Ref contract); DMR#L281-317 (resolveRef)',
    effect: 'runtime',
    severity: 'warning',
    openWorld: 'an Addressable kind the library does not know may be served by a Kubernetes Service',
  },
  TLS_SECRET: {
    id: 'KDM-TLS-001',
    title: '`spec.tls.secretName` names a Secret of the mapping\'s namespace: a non-empty DNS-1123 subdomain',
    why: 'The reconciler hands the name to the KIngress it creates, whose validation refuses an empty `secretName`; a name that is not a valid Secret name can never exist. Either way the mapping never serves TLS.',
    fix: 'pass `tls: { secretName: \'<secret with tls.crt and tls.key>\' }` naming a Secret in the mapping\'s namespace',
    yamlFix: 'set `spec.tls.secretName` to a Secret (with tls.crt and tls.key) in the mapping\'s namespace',
    upstream: 'DMR#L196-205; vendor/knative.dev/networking/pkg/apis/networking/v1alpha1/ingress_validation.go#L155-169 (IngressTLS.Validate)',
    effect: 'runtime',
  },
  USER_ANNOTATIONS: {
    id: 'KDM-META-001',
    title: '`serving.knative.dev/creator` and `serving.knative.dev/lastModifier` are set by Knative and must not be written',
    why: 'The defaulting webhook fills them in from the requesting user; they are immutable on update, so applying them from Git makes every later update fail with "annotation value is immutable".',
    fix: 'remove these annotations; Knative fills them in',
    upstream: 'DMV#L59-65; pkg/apis/serving/v1beta1/domainmapping_defaults.go#L27-36; vendor/knative.dev/pkg/apis/metadata_validation.go#L76-89 (ValidateCreatorAndModifier)',
    effect: 'reject',
  },
  DISABLE_TLS_ANNOTATION: {
    id: 'KDM-META-002',
    title: '`networking.knative.dev/disable-external-domain-tls` (or its older keys) is a boolean as Go\'s strconv.ParseBool reads it',
    why: 'Nothing validates the annotation: the reconciler logs an invalid value and keeps external-domain TLS on, so a mapping meant to serve plain HTTP silently waits for a certificate.',
    fix: 'write `"true"` or `"false"`',
    upstream: 'DMR#L175-190; NR#L79-90, NR#L159-165 (key priority: disableAutoTLS, disable-auto-tls, disable-external-domain-tls)',
    effect: 'ignored',
  },
  HTTP_PROTOCOL_ANNOTATION: {
    id: 'KDM-META-003',
    title: '`networking.knative.dev/http-protocol` (or `httpOption`) is `enabled` or `redirected`',
    why: 'The reconciler fails on any other value ("incorrect http-protocol annotation") and the mapping never becomes ready.',
    fix: 'write `enabled` (serve HTTP) or `redirected` (redirect HTTP to HTTPS), or remove the annotation to follow config-network',
    upstream: 'DMR#L125-129; pkg/networking/util.go#L15-27 (GetHTTPOption); NR#L92-97, NR#L167-170',
    effect: 'runtime',
  },
  LABELS_ANNOTATIONS: {
    id: 'KDM-META-004',
    title: 'label keys and annotation keys are qualified names; label values at most 63 alphanumerics, `-`, `_` or `.`',
    why: 'The API server rejects invalid labels and annotation keys on any object.',
    fix: 'fix the key or value in `labels` / `annotations`',
    upstream: 'Kubernetes apimachinery ValidateObjectMeta (ValidateLabels, ValidateAnnotations)',
    effect: 'reject',
  },
});
