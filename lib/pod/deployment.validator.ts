// Plain Kubernetes kinds that carry a pod template, checked with the
// Kubernetes dialect of the shared pod-spec checks.
import { defineValidator } from '../engine/validator';
import type { ManifestValidator } from '../settings/validation';
import { checkPodSpec, PodDialect } from './podspec';
import { KUBERNETES_POD_RULES, SHARED_POD_RULES } from './pod-rules';
import { valueAt } from '../engine/json';

export const KUBERNETES_DIALECT: PodDialect = { name: 'kubernetes', rules: KUBERNETES_POD_RULES };

/** `apps/v1` Deployment: its pod template (`spec.template.spec`). */
export const KUBERNETES_DEPLOYMENT_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  rules: [KUBERNETES_POD_RULES, SHARED_POD_RULES],
  validate(o, ctx, out) {
    checkPodSpec(valueAt(o, 'spec', 'template', 'spec'), 'spec.template.spec', KUBERNETES_DIALECT, ctx.settings, out);
  },
});
