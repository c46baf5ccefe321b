// The Sequence validator. Pure: manifest and settings in, findings out; the
// same checks serve synth and `cdk8s-agents check`.
import { defineValidator } from '../engine/validator';
import { FindingList } from '../engine/rule';
import { ClusterSettings } from '../settings/settings';
import { checkDelivery, checkDestination, DELIVERY_RULES, DESTINATION_RULES } from './delivery';
import { FLOW_RULES } from './flow.rules';
import { checkChannelTemplate } from './flow.validator';
import { EVENTING_META_RULES } from './meta.rules';
import { checkName, NO_GROUP } from './meta.validator';
import { arr, obj, valueAt } from '../engine/json';
import { SEQUENCE_RULES as R } from './sequence.rules';

export function validateSequence(m: unknown, settings: ClusterSettings, out: FindingList): void {
  checkName(m, out);
  const spec = obj(valueAt(m, 'spec')) ?? {};
  const steps = arr(spec.steps);
  if (steps.length === 0) out.add(R.NO_STEPS, 'spec.steps', spec.steps ?? null);
  steps.forEach((step, i) => {
    checkDestination(step, `spec.steps[${i}]`, out, settings, NO_GROUP);
    checkDelivery(obj(step)?.delivery, `spec.steps[${i}].delivery`, settings, out, NO_GROUP);
  });
  checkChannelTemplate(spec.channelTemplate, out);
  if (spec.reply !== undefined && spec.reply !== null) checkDestination(spec.reply, 'spec.reply', out, settings, NO_GROUP);
}

export const SEQUENCE_VALIDATOR = defineValidator<ClusterSettings>({
  apiVersion: 'flows.knative.dev/v1', kind: 'Sequence',
  rules: [EVENTING_META_RULES, R, FLOW_RULES, DESTINATION_RULES, DELIVERY_RULES],
  validate: (o, ctx, out) => validateSequence(o, ctx.settings, out),
});
