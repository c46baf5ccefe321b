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
import { checkMinimums, isInt, KEDA_API_VERSION, MAX_LABEL, obj } from './keda.validator';
import { SCALED_JOB_RULES as SJ } from './scaled-job.rules';
import { TRIGGER_RULES } from './triggers.rules';
import { checkTriggers } from './triggers.validator';

export function validateScaledJob(o: any, ctx: ValidationContext, out: FindingList): void {
  const spec = obj(o?.spec);
  const name = o?.metadata?.name;
  if (typeof name === 'string' && name.length > MAX_LABEL) out.add(SJ.NAME, 'metadata.name', name, `${name.length} characters, at most ${MAX_LABEL} (KEDA labels the Jobs with it)`);
  else if (typeof name === 'string' && !isDns1123Subdomain(name)) out.add(SJ.NAME, 'metadata.name', name, 'not a DNS-1123 subdomain');
  checkMinimums(spec, [['pollingInterval', 1], ['successfulJobsHistoryLimit', 0], ['failedJobsHistoryLimit', 0], ['minReplicaCount', 0], ['maxReplicaCount', 1]], SJ.MINIMUMS, out);
  if (isInt(spec.minReplicaCount) && isInt(spec.maxReplicaCount) && spec.minReplicaCount > spec.maxReplicaCount) {
    out.add(SJ.REPLICA_BOUNDS, 'spec.minReplicaCount', spec.minReplicaCount, `minReplicaCount ${spec.minReplicaCount} exceeds maxReplicaCount ${spec.maxReplicaCount}: KEDA uses ${spec.maxReplicaCount} for both`);
  }
  const job = obj(spec.jobTargetRef);
  for (const key of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished']) {
    if (isInt(job[key]) && job[key] < 0) out.add(SJ.JOB_SPEC, `spec.jobTargetRef.${key}`, job[key], 'must be ≥ 0');
  }
  const podSpec = job.template?.spec;
  const restart = podSpec?.restartPolicy;
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
  rules: [SJ, TRIGGER_RULES, { ...KUBERNETES_POD_RULES }, SHARED_POD_RULES],
  validate: (o, ctx, out) => validateScaledJob(o, ctx, out),
});
