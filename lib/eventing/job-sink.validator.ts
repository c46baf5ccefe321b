// The JobSink validator. Pure: manifest and settings in, findings out; the
// same checks serve synth and `cdk8s-agents check`.
import { CORE_RULES } from '../engine/core-rules';
import { checkSchema } from '../engine/schema-check';
import { defineValidator } from '../engine/validator';
import { KUBERNETES_DIALECT } from '../pod/deployment.validator';
import { isDns1123Subdomain, isLabelValue } from '../k8s/names';
import { checkPodSpec } from '../pod/podspec';
import { KUBERNETES_POD_RULES, SHARED_POD_RULES } from '../pod/pod-rules';
import { FindingList } from '../engine/rule';
import { ClusterSettings } from '../settings/settings';
import { JOB_SINK_RULES as R } from './job-sink.rules';
import { EVENTING_META_RULES } from './meta.rules';
import { checkName } from './meta.validator';
import { arr, obj, valueAt } from '../engine/json';

export function validateJobSink(m: unknown, settings: ClusterSettings, out: FindingList): void {
  checkName(m, out);
  const name = valueAt(m, 'metadata', 'name');
  if (typeof name === 'string' && isDns1123Subdomain(name) && !isLabelValue(name)) out.add(R.JOBSINK_NAME_LABEL, 'metadata.name', name, `${name.length} characters, at most 63`);
  const job = obj(obj(valueAt(m, 'spec'))?.job);
  if (!job) {
    out.add(R.JOBSINK_NO_JOB, 'spec.job', obj(valueAt(m, 'spec'))?.job ?? null);
    return;
  }
  // Eventing decodes `spec.job` strictly into k8s.io/api's batch/v1 Job (the CRD keeps it as written):
  // a field the Go type lacks is refused, and so is a value of the wrong type.
  for (const p of checkSchema(job, 'batch/v1', 'Job') ?? []) {
    const at = `spec.job.${p.path}`;
    if (p.kind === 'unknown-field') out.add(CORE_RULES.STRICT_DECODING, at, p.value, `not a field of the Job (k8s.io/api batch/v1): Eventing's strict decoder refuses it`);
    else if (p.kind === 'type') out.add(CORE_RULES.SCHEMA_TYPE, at, p.value, `expected ${p.expected ?? 'another type'} (the Job's Go type)`);
  }
  const jobSpec = obj(job.spec) ?? {};
  for (const [key, min] of [['backoffLimit', 0], ['ttlSecondsAfterFinished', 0], ['activeDeadlineSeconds', 1]] as const) {
    const v = jobSpec[key];
    if (typeof v === 'number' && v < min) out.add(R.JOBSINK_JOB_SPEC, `spec.job.spec.${key}`, v, min === 0 ? 'must be ≥ 0' : 'must be > 0');
  }
  const podSpec = obj(obj(jobSpec.template)?.spec);
  const base = 'spec.job.spec.template.spec';
  if (!podSpec || arr(podSpec.containers).length === 0) out.add(R.JOBSINK_NO_CONTAINER, `${base}.containers`, podSpec?.containers ?? null);
  const restart = podSpec?.restartPolicy;
  if (restart !== 'Never' && restart !== 'OnFailure') out.add(R.JOBSINK_RESTART_POLICY, `${base}.restartPolicy`, restart ?? null, restart === undefined ? 'unset, which means Always' : undefined);
  if (podSpec) checkPodSpec(podSpec, base, KUBERNETES_DIALECT, settings, out);
}

export const JOB_SINK_VALIDATOR = defineValidator<ClusterSettings>({
  apiVersion: 'sinks.knative.dev/v1alpha1', kind: 'JobSink',
  // PodRules is an interface (no index signature): spread into a table.
  rules: [EVENTING_META_RULES, R, KUBERNETES_POD_RULES, SHARED_POD_RULES, { STRICT_DECODING: CORE_RULES.STRICT_DECODING, SCHEMA_TYPE: CORE_RULES.SCHEMA_TYPE }],
  validate: (o, ctx, out) => validateJobSink(o, ctx.settings, out),
});
