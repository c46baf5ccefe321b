// batch/v1 Job: its spec, and the check of a Job spec that the CronJob's job
// template shares.
import { defineValidator } from '../engine/validator';
import { FindingList } from '../engine/rule';
import { objOrEmpty, valueAt } from '../engine/json';
import type { ClusterSettings } from '../settings/settings';
import type { ManifestValidator } from '../settings/validation';
import { checkPodSpec } from '../pod/podspec';
import { KUBERNETES_DIALECT } from '../pod/deployment.validator';
import { KUBERNETES_POD_RULES, SHARED_POD_RULES } from '../pod/pod-rules';
import { JOB_RULES as J } from './job.rules';

const NON_NEGATIVE = ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished'];
const RESTART_POLICIES = ['OnFailure', 'Never'];

/**
 * Checks a Job spec at `base` (`spec`, or `spec.jobTemplate.spec`) as
 * validateJobSpec does: the counts, the restart policy, and the pod spec
 * with the plain Kubernetes dialect.
 */
export function checkJobSpec(jobSpec: unknown, base: string, settings: ClusterSettings, out: FindingList): void {
  const spec = objOrEmpty(jobSpec);
  for (const key of NON_NEGATIVE) {
    const v = spec[key];
    if (typeof v === 'number' && v < 0) out.add(J.NON_NEGATIVE, `${base}.${key}`, v, 'must be greater than or equal to 0');
  }
  const podSpec = valueAt(spec, 'template', 'spec');
  const restart = valueAt(podSpec, 'restartPolicy');
  if (restart === undefined || restart === null || restart === '' || restart === 'Always') {
    out.add(J.RESTART_POLICY, `${base}.template.spec.restartPolicy`, restart ?? null, `${restart === 'Always' ? '' : 'left out, it defaults to "Always"; '}a Job needs "OnFailure" or "Never"`);
  } else if (!RESTART_POLICIES.includes(String(restart))) {
    out.add(J.RESTART_POLICY, `${base}.template.spec.restartPolicy`, restart, 'supported values: "OnFailure", "Never"');
  }
  checkPodSpec(podSpec, `${base}.template.spec`, KUBERNETES_DIALECT, settings, out);
}

/** `batch/v1` Job. */
export const JOB_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'batch/v1',
  kind: 'Job',
  rules: [J, KUBERNETES_POD_RULES, SHARED_POD_RULES],
  validate(o, ctx, out) {
    checkJobSpec(valueAt(o, 'spec'), 'spec', ctx.settings, out);
  },
});
