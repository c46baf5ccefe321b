import { defineRules } from '../engine/rule';

// Checked on the manifest. `E:` is knative/eventing at knative-v1.22.2, `K:` is
// knative-extensions/eventing-kafka-broker at knative-v1.22.3; ids in
// parentheses are those of ../shared/research/knative-eventing-rules.md.

/** `sinks.knative.dev/v1alpha1` JobSink (its pod template: the pod rules). */
export const JOB_SINK_RULES = defineRules({
  JOBSINK_NO_JOB: {
    id: 'EVT-JOBSINK-001',
    title: 'a JobSink needs `spec.job`',
    why: 'The webhook rejects a JobSink without a Job template ("expected exactly one, got neither: spec.job").',
    fix: 'create it with `new JobSink(scope, id, { image })`',
    yamlFix: 'give the JobSink `spec.job`: a batch/v1 Job spec with a pod template and a container image',
    upstream: 'E:pkg/apis/sinks/v1alpha1/job_sink_validation.go#L36-39',
    effect: 'reject',
  },
  JOBSINK_RESTART_POLICY: {
    id: 'EVT-JOBSINK-002',
    title: 'the JobSink Job\'s `restartPolicy` must be `Never` or `OnFailure`',
    why: 'The webhook dry-run creates the Job; Kubernetes rejects a Job whose pod template restarts `Always` (or has no restartPolicy, which defaults to Always).',
    fix: 'leave `restartPolicy` to the construct (Never: a failed task is retried as a new pod, up to `backoffLimit`)',
    yamlFix: 'set `spec.job.spec.template.spec.restartPolicy` to `Never` (a failed task is retried as a new pod, up to `backoffLimit`) or `OnFailure`',
    upstream: 'E:pkg/apis/sinks/v1alpha1/job_sink_validation.go#L41-54; Kubernetes ValidateJobSpec (restartPolicy)',
    effect: 'reject',
  },
  JOBSINK_NAME_LABEL: {
    id: 'EVT-JOBSINK-003',
    title: 'a JobSink name must be at most 63 characters',
    why: 'The JobSink receiver labels every Job it creates with `sinks.knative.dev/job-sink-name: <name>`; a longer name is not a valid label value, so each event\'s Job is rejected and the event answered with HTTP 500.',
    fix: 'give the JobSink a name of at most 63 characters',
    upstream: 'E:cmd/jobsink/main.go#L306-311',
    effect: 'runtime',
  },
  JOBSINK_NO_CONTAINER: {
    id: 'EVT-JOBSINK-004',
    title: 'the JobSink Job\'s pod template needs at least one container',
    why: 'The webhook dry-run creates the Job; Kubernetes rejects a pod template without containers.',
    fix: 'create it with `new JobSink(scope, id, { image })`',
    yamlFix: 'give `spec.job.spec.template.spec.containers` at least one container with an image',
    upstream: 'E:pkg/apis/sinks/v1alpha1/job_sink_validation.go#L41-54; Kubernetes ValidatePodSpec (containers required)',
    effect: 'reject',
  },
  JOBSINK_JOB_SPEC: {
    id: 'EVT-JOBSINK-005',
    title: 'the JobSink Job\'s backoffLimit and ttlSecondsAfterFinished must be ≥ 0, activeDeadlineSeconds > 0',
    why: 'The webhook dry-run creates the Job; Kubernetes rejects negative values.',
    fix: 'pass `backoffLimit` ≥ 0, `ttlAfterFinished` and `activeDeadline` as positive Durations',
    yamlFix: 'set `spec.job.spec.backoffLimit` and `ttlSecondsAfterFinished` ≥ 0 and `activeDeadlineSeconds` > 0',
    upstream: 'E:pkg/apis/sinks/v1alpha1/job_sink_validation.go#L41-54; Kubernetes ValidateJobSpec',
    effect: 'reject',
  },
});
