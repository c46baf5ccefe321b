// The rules of a batch/v1 Job spec, wherever one is written: a Job, and the
// job template of a CronJob (and of the agents that render them).
//
// Upstream references:
//   KB = kubernetes/kubernetes pkg/apis/batch/validation/validation.go (master,
//        2026; functions named), the API server's own validation: every cluster
import { defineRules } from '../engine/rule';

/** What the API server refuses in a Job spec besides its pod spec. */
export const JOB_RULES = defineRules({
  RESTART_POLICY: {
    id: 'JOB-001',
    title: 'a Job\'s pods need `restartPolicy` `OnFailure` or `Never`',
    why: 'Left out, the pod spec defaults it to `Always`, which a Job may not use: the API server refuses the Job (or the CronJob) with "spec.template.spec.restartPolicy: Required value".',
    fix: 'use `restartPolicy: JobRestartPolicy.NEVER` (the default of the agent constructs) or `ON_FAILURE`',
    yamlFix: 'set `restartPolicy: Never` (or `OnFailure`) in the pod template\'s spec',
    upstream: 'KB validateJobSpec (restartPolicy Always or empty: Required; other values: NotSupported)',
    effect: 'reject',
  },
  NON_NEGATIVE: {
    id: 'JOB-002',
    title: '`parallelism`, `completions`, `activeDeadlineSeconds`, `backoffLimit` and `ttlSecondsAfterFinished` are not negative',
    why: 'The API server refuses a Job spec with a negative count or number of seconds ("must be greater than or equal to 0").',
    fix: 'give a count or Duration of 0 or more',
    yamlFix: 'write 0 or more',
    upstream: 'KB validateJobSpec (ValidateNonnegativeField)',
    effect: 'reject',
  },
});
