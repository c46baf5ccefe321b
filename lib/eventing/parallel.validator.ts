// The Parallel validator. Pure: manifest and settings in, findings out; the
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
import { PARALLEL_RULES as R } from './parallel.rules';


export function validateParallel(m: unknown, settings: ClusterSettings, out: FindingList): void {
  checkName(m, out);
  const spec = obj(valueAt(m, 'spec')) ?? {};
  const branches = arr(spec.branches);
  if (branches.length === 0) out.add(R.NO_BRANCHES, 'spec.branches', spec.branches ?? null);
  branches.forEach((b, i) => {
    const branch = obj(b) ?? {};
    const at = `spec.branches[${i}]`;
    if (branch.filter !== undefined && branch.filter !== null) checkDestination(branch.filter, `${at}.filter`, out, settings, NO_GROUP);
    if (branch.subscriber === undefined || branch.subscriber === null) out.add(DESTINATION_RULES.EMPTY, `${at}.subscriber`, null, 'the branch has no subscriber');
    else checkDestination(branch.subscriber, `${at}.subscriber`, out, settings, NO_GROUP);
    if (branch.reply !== undefined && branch.reply !== null) checkDestination(branch.reply, `${at}.reply`, out, settings, NO_GROUP);
    // Not validated at admission, but copied into the branch's Subscription, which is.
    checkDelivery(branch.delivery, `${at}.delivery`, settings, out, NO_GROUP);
  });
  checkChannelTemplate(spec.channelTemplate, out);
  if (spec.reply !== undefined && spec.reply !== null) checkDestination(spec.reply, 'spec.reply', out, settings, NO_GROUP);
}

export const PARALLEL_VALIDATOR = defineValidator<ClusterSettings>({
  apiVersion: 'flows.knative.dev/v1', kind: 'Parallel',
  rules: [EVENTING_META_RULES, R, FLOW_RULES, DESTINATION_RULES, DELIVERY_RULES],
  validate: (o, ctx, out) => validateParallel(o, ctx.settings, out),
});
