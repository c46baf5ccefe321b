// The ScaledJob validator. Pure: manifests and settings in, findings out;
// the same checks serve synth and `cdk8s-agents check`.
import { defineValidator } from '../engine/validator';
import type { ValidationContext } from '../settings/validation';
import { ClusterSettings } from '../settings/settings';
import { KUBERNETES_DIALECT } from '../pod/deployment.validator';
import { isDns1123Subdomain } from '../k8s/names';
import { KUBERNETES_POD_RULES, SHARED_POD_RULES } from '../pod/pod-rules';
import { checkPodSpec } from '../pod/podspec';
import { FindingList } from '../engine/rule';
import { parseFloatStrict } from '../k8s/values';
import { checkMinimums, isInt, KEDA_API_VERSION, MAX_LABEL } from './keda.validator';
import { objOrEmpty as obj, valueAt } from '../engine/json';
import { SCALED_JOB_RULES as SJ } from './scaled-job.rules';
import { TRIGGER_RULES } from './triggers.rules';
import { checkTriggers } from './triggers.validator';

export function validateScaledJob(o: unknown, ctx: ValidationContext, out: FindingList): void {
  const spec = obj(valueAt(o, 'spec'));
  const name = valueAt(o, 'metadata', 'name');
  // A name that is no DNS-1123 subdomain the API server refuses (META-001); a valid one over 63 characters fails each Job.
  if (typeof name === 'string' && name.length > MAX_LABEL && isDns1123Subdomain(name)) out.add(SJ.NAME, 'metadata.name', name, `${name.length} characters, at most ${MAX_LABEL} (KEDA labels the Jobs with it)`);
  checkMinimums(spec, [['pollingInterval', 1], ['successfulJobsHistoryLimit', 0], ['failedJobsHistoryLimit', 0], ['minReplicaCount', 0], ['maxReplicaCount', 1]], SJ.MINIMUMS, out);
  const min = spec.minReplicaCount;
  const max = spec.maxReplicaCount;
  if (isInt(min) && isInt(max) && min > max) {
    out.add(SJ.REPLICA_BOUNDS, 'spec.minReplicaCount', min, `minReplicaCount ${min} exceeds maxReplicaCount ${max}: KEDA uses ${max} for both`);
  }
  const job = obj(spec.jobTargetRef);
  for (const key of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished']) {
    const value = job[key];
    if (isInt(value) && value < 0) out.add(SJ.JOB_SPEC, `spec.jobTargetRef.${key}`, value, 'must be ≥ 0');
  }
  const podSpec = valueAt(job, 'template', 'spec');
  const restart = valueAt(podSpec, 'restartPolicy');
  if (restart !== undefined && restart !== 'OnFailure' && restart !== 'Never') {
    out.add(SJ.RESTART_POLICY, 'spec.jobTargetRef.template.spec.restartPolicy', restart, 'a Job\'s pods must use OnFailure or Never');
  }
  checkPodSpec(podSpec, 'spec.jobTargetRef.template.spec', KUBERNETES_DIALECT, ctx.settings, out);
  const strategy = obj(spec.scalingStrategy);
  const customSet = strategy.customScalingQueueLengthDeduction !== undefined || strategy.customScalingRunningJobPercentage !== undefined;
  if (strategy.strategy === 'custom') {
    const pct = strategy.customScalingRunningJobPercentage;
    if (typeof pct !== 'string' || parseFloatStrict(pct.trim()) === undefined) {
      out.add(SJ.CUSTOM_STRATEGY, 'spec.scalingStrategy.customScalingRunningJobPercentage', pct, 'does not parse as a number: KEDA falls back to the default strategy');
    }
  } else if (customSet) {
    out.add(SJ.CUSTOM_STRATEGY, 'spec.scalingStrategy.strategy', strategy.strategy, `the custom settings are ignored under the ${strategy.strategy ?? 'default'} strategy`);
  }
  checkTriggers(o, ctx, out);
}


export const SCALED_JOB_VALIDATOR = defineValidator<ClusterSettings>({
  apiVersion: KEDA_API_VERSION,
  kind: 'ScaledJob',
  // PodRules is an interface (no index signature): spread into a table.
  rules: [SJ, TRIGGER_RULES, KUBERNETES_POD_RULES, SHARED_POD_RULES],
  validate: (o, ctx, out) => validateScaledJob(o, ctx, out),
});
