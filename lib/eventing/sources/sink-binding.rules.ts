// SinkBinding (`sources.knative.dev/v1`). E = knative/eventing at knative-v1.22.2
// (knative.dev/eventing v0.49.2): SBV = E:pkg/apis/sources/v1/sinkbinding_validation.go,
// SBD = E:pkg/apis/sources/v1/sinkbinding_defaults.go, TRK = E:vendor/knative.dev/pkg/tracker/interface.go,
// PSB = knative.dev/pkg v0.0.0-20260531000007-52dbd5ece63f webhook/psbinding (the binding webhook; the version eventing's go.mod pins).
import { defineRules } from '../../engine/rule';

/** SinkBinding, besides SOURCE_RULES and the destination rules of `spec.sink`. */
export const SINK_BINDING_RULES = defineRules({
  SUBJECT_FIELDS: {
    id: 'EVT-BINDING-001',
    title: 'a SinkBinding subject has `apiVersion`, `kind`, and exactly one of `name` and `selector`',
    why: 'The webhook rejects a subject without apiVersion or kind, with both a name and a selector ("expected exactly one, got both"), or with neither.',
    fix: 'pass `subject: agent` (an agent of this library names its workload)',
    yamlFix: 'set `spec.subject.apiVersion` and `kind` (e.g. `apps/v1` `Deployment`), and either `name` or `selector`',
    upstream: 'TRK#L142-180 (Reference.Validate), SBV#L35-39',
    effect: 'reject',
  },
  SUBJECT_SYNTAX: {
    id: 'EVT-BINDING-002',
    title: 'a SinkBinding subject\'s name and namespace are DNS-1123 labels, its selector a valid label selector, its kind a C identifier, its apiVersion a qualified name',
    why: 'The webhook rejects a subject name or namespace that is not a DNS-1123 label (at most 63 lowercase letters, digits and `-`), a kind that is not a C identifier, an apiVersion that is not a qualified name (`apps/v1`; not `/v1`, nor a version part over 63 characters), and an invalid selector.',
    fix: 'give the agent a name of lowercase letters, digits and `-`, at most 63 characters',
    yamlFix: 'set `spec.subject.name` / `namespace` to DNS-1123 labels and `apiVersion` to `group/version` (`apps/v1`); check the selector\'s keys, values and operators',
    upstream: 'TRK#L151-173 (IsDNS1123Label, IsCIdentifier, LabelSelectorAsSelector); knative.dev/pkg tracker/interface.go#L146-150 (IsQualifiedName of apiVersion)',
    effect: 'reject',
  },
  SUBJECT_NAMESPACE: {
    id: 'EVT-BINDING-003',
    title: 'a SinkBinding binds only a subject in its own namespace',
    why: 'The webhook defaults `spec.subject.namespace` to the SinkBinding\'s namespace and rejects any other value.',
    fix: 'create the SinkBinding in the agent\'s namespace (the default of `agent.publishTo`)',
    yamlFix: 'remove `spec.subject.namespace`, or set it to `metadata.namespace`',
    upstream: 'SBV#L26-31; SBD#L25-29',
    effect: 'reject',
  },
  SUBJECT_KIND: {
    id: 'EVT-BINDING-004',
    title: 'a SinkBinding subject keeps its pod template at `spec.template` (not a CronJob, Pod or KEDA object)',
    why: 'The binding webhook injects `K_SINK` into `spec.template.spec` of the subject (duck type WithPod). A CronJob keeps its template at `spec.jobTemplate.spec.template`, a Pod has none, a KEDA ScaledObject or ScaledJob is not the pods\' owner: the binding is accepted and no container gets `K_SINK`.',
    fix: 'bind the workload itself (the Deployment, Job or Knative Service)',
    yamlFix: 'bind the Jobs a CronJob creates with `subject: { apiVersion: batch/v1, kind: Job, selector: { matchLabels: <the job template\'s labels> } }`, those of a ScaledJob with `matchLabels: { scaledjob.keda.sh/name: <its name> }`, or the Deployment a ScaledObject scales',
    upstream: 'PSB (duckv1.WithPod: spec.template; psbinding.go#L186-L193: a subject by selector is matched on the labels of each object as it is created); knative.dev/docs eventing/custom-event-source/sinkbinding (CronJob example binds kind Job by selector); kedacore/keda v2.20.2 pkg/scaling/executor/scale_jobs.go#L150-L156 (every Job of a ScaledJob is labelled `scaledjob.keda.sh/name`)',
    effect: 'runtime',
  },
});

/** SinkBinding rules over every object of the app: its subject exists and is bound once. */
export const SINK_BINDING_APP_RULES = defineRules({
  MISSING_SUBJECT: {
    id: 'EVT-BINDING-005',
    title: 'a SinkBinding\'s subject by name must be in the app, or declared external',
    why: 'A SinkBinding whose subject does not exist is accepted and binds nothing: the agent never learns where to send its events.',
    fix: 'bind an agent of the app (`agent.publishTo(sink)`)',
    yamlFix: 'create the subject, or declare it external: list `<Kind>/<name>` in the annotation `agents.cdk8s.io/external-refs` of the SinkBinding (or under `provided` in cdk8s-agents.yaml)',
    upstream: 'E:pkg/reconciler/sinkbinding (the subject is tracked; nothing is injected until it exists)',
    effect: 'runtime',
  },
  TWO_BINDINGS: {
    id: 'EVT-BINDING-006',
    title: 'one workload (by name, or the objects of one selector) is the subject of at most one SinkBinding',
    why: 'Each SinkBinding writes the one `K_SINK` variable of the subject\'s containers: with two, the last webhook call wins and the agent\'s events go to one sink only, changing at each rollout. Two bindings with the same selector bind the same Jobs twice.',
    fix: 'publish to one sink per agent (a Broker, whose Triggers fan events out)',
    yamlFix: 'keep one SinkBinding per workload; send to a Broker and route with Triggers',
    upstream: 'E:pkg/apis/sources/v1/sinkbinding_lifecycle.go#L160-200 (Do: K_SINK, K_CA_CERTS, K_CE_OVERRIDES on every container)',
    effect: 'altered',
    severity: 'warning',
  },
  UNMATCHED_SELECTOR: {
    id: 'EVT-BINDING-007',
    title: 'a SinkBinding\'s subject selector matches some object of its kind in the app',
    why: 'The binding webhook injects `K_SINK` into an object only when its group, kind and namespace are the subject\'s and its own labels (`metadata.labels`, as it is created) match the selector: a selector that matches none of the app\'s objects of that kind (for kind Job: none of its Jobs, nor the Jobs its CronJobs and ScaledJobs create) binds nothing, and the workload never learns where to send its events.',
    fix: 'bind an agent of the app (`agent.publishTo(sink)` writes the selector of its Jobs)',
    yamlFix: 'make `spec.subject.selector` match the labels of the objects to bind: a Deployment\'s `metadata.labels`, a CronJob\'s `spec.jobTemplate.metadata.labels`, `scaledjob.keda.sh/name: <name>` for a ScaledJob\'s Jobs; or, when the objects come from elsewhere, acknowledge it in cdk8s-agents.yaml (`acknowledgements: [{ object: SinkBinding/<namespace>/<name>, rule: <rule id>, reason: ... }]`)',
    upstream: 'PSB psbinding.go#L187-193 (Admit: index lookUp by group, kind, namespace and `labels.Set(orig.Labels)`); kubernetes pkg/controller/cronjob utils.go getJobFromTemplate2 (a CronJob\'s Jobs carry its job template\'s labels); kedacore/keda v2.20.2 pkg/scaling/executor/scale_jobs.go#L150-172 (a ScaledJob\'s Jobs)',
    effect: 'runtime',
    severity: 'warning',
    openWorld: 'the objects it binds may come from elsewhere: another folder, an operator, Jobs another controller creates',
  },
});
