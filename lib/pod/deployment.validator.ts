// Plain Kubernetes kinds that carry a pod template, checked with the
// Kubernetes dialect of the shared pod-spec checks.
import { defineValidator } from '../engine/validator';
import type { ManifestValidator } from '../settings/validation';
import { checkPodSpec, PodDialect } from './podspec';
import { KUBERNETES_POD_RULES, SHARED_POD_RULES } from './pod-rules';
import { objOrEmpty, valueAt } from '../engine/json';
import { checkLabelSelector, decodesAsSelector, selects } from '../k8s/label-selectors';
import { goStringMap } from '../engine/decoded-meta';
import { DEPLOYMENT_RULES as D } from './deployment.rules';

export const KUBERNETES_DIALECT: PodDialect = { name: 'kubernetes', rules: KUBERNETES_POD_RULES };

/** `apps/v1` Deployment: its pod template (`spec.template.spec`). */
export const KUBERNETES_DEPLOYMENT_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  rules: [KUBERNETES_POD_RULES, SHARED_POD_RULES, D],
  // The API server decodes a null selector expression into the zero LabelSelectorRequirement, which DEPLOY-* judges (key "": not a label key).
  schema: { zeroNullItems: ['spec.selector.matchExpressions[]'] },
  validate(o, ctx, out) {
    checkSelector(o, out);
    const replicas = valueAt(o, 'spec', 'replicas');
    if (typeof replicas === 'number' && replicas < 0) out.add(D.REPLICAS, 'spec.replicas', replicas, 'must be greater than or equal to 0');
    checkPodSpec(valueAt(o, 'spec', 'template', 'spec'), 'spec.template.spec', KUBERNETES_DIALECT, ctx.settings, out);
  },
});

/** The selector is required, non-empty, valid, and selects the template's labels. */
function checkSelector(o: unknown, out: Parameters<ManifestValidator['validate']>[2]): void {
  const selector = valueAt(o, 'spec', 'selector');
  if (selector === undefined || selector === null) {
    out.add(D.SELECTOR, 'spec.selector', selector, 'required: the API server refuses a Deployment without one');
    return;
  }
  const s = objOrEmpty(selector);
  if (Object.keys(objOrEmpty(s.matchLabels)).length === 0 && (!Array.isArray(s.matchExpressions) || s.matchExpressions.length === 0)) {
    out.add(D.SELECTOR, 'spec.selector', selector, 'empty selector is invalid for deployment');
    return;
  }
  const before = out.items.length;
  checkLabelSelector(selector, 'spec.selector', D.SELECTOR, out);
  if (out.items.length > before || !decodesAsSelector(selector)) return; // an invalid (or undecodable: SCHEMA-002) selector matches nothing to compare
  // The template's labels as the API server decodes them (a null value is "", as the selector's).
  const labels = objOrEmpty(goStringMap(valueAt(o, 'spec', 'template', 'metadata', 'labels')));
  const stringLabels = Object.fromEntries(Object.entries(labels).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  if (!selects(selector, stringLabels)) {
    out.add(D.SELECTOR_MATCHES_TEMPLATE, 'spec.template.metadata.labels', valueAt(o, 'spec', 'template', 'metadata', 'labels'), '`selector` does not match template `labels`');
  }
}
