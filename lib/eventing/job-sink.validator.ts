// The JobSink validator. Pure: manifest and settings in, findings out; the
// same checks serve synth and `cdk8s-agents check`.
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
  rules: [EVENTING_META_RULES, R, KUBERNETES_POD_RULES, SHARED_POD_RULES],
  validate: (o, ctx, out) => validateJobSink(o, ctx.settings, out),
});
