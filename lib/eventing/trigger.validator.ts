// The Trigger validator. Pure: manifest and settings in, findings out; the
// same checks serve synth and `cdk8s-agents check`.
import { defineValidator } from '../engine/validator';
import { isLabelValue } from '../k8s/names';
import { FindingList } from '../engine/rule';
import { ClusterSettings, eventingFlagSetting, eventingFeatureAllows } from '../settings/settings';
import { checkDelivery, checkDestination, DELIVERY_RULES, DESTINATION_RULES } from './delivery';
import { checkAttributesFilter, checkFiltersList, FILTER_LIST_SHAPES, FILTER_RULES } from './filters';
import { EVENTING_META_RULES } from './meta.rules';
import { annField, checkName, NO_GROUP } from './meta.validator';
import { obj, valueAt } from '../engine/json';
import { TRIGGER_RULES as R } from './trigger.rules';


export function validateTrigger(m: unknown, settings: ClusterSettings, out: FindingList): void {
  checkName(m, out);
  const spec = obj(valueAt(m, 'spec')) ?? {};
  const broker = typeof spec.broker === 'string' && spec.broker !== '' ? spec.broker : undefined;
  const brokerRef = obj(spec.brokerRef);
  if (!broker && !brokerRef) out.add(R.TRIGGER_NO_BROKER, 'spec.broker', spec.broker ?? null);
  if (broker && brokerRef) out.add(R.TRIGGER_BOTH_BROKERS, 'spec.brokerRef', brokerRef);
  if (brokerRef && brokerRef.namespace && !eventingFeatureAllows(settings, 'crossNamespaceEventLinks')) {
    out.add(R.TRIGGER_CROSS_NAMESPACE, 'spec.brokerRef.namespace', brokerRef.namespace, `the cluster has ${eventingFlagSetting(settings, 'crossNamespaceEventLinks')}`);
  }
  if (broker && !isLabelValue(broker)) out.add(R.TRIGGER_BROKER_LABEL, 'spec.broker', broker, broker.length > 63 ? `${broker.length} characters` : 'not a valid label value');
  checkAttributesFilter(spec.filter, 'spec.filter', out);
  checkFiltersList(spec.filters, 'spec.filters', out);
  if (spec.subscriber === undefined || spec.subscriber === null) out.add(DESTINATION_RULES.EMPTY, 'spec.subscriber', null, 'the Trigger has no subscriber');
  else checkDestination(spec.subscriber, 'spec.subscriber', out, settings, NO_GROUP);
  checkDelivery(spec.delivery, 'spec.delivery', settings, out, NO_GROUP);
  checkTriggerAnnotations(m, broker, out);
}

function checkTriggerAnnotations(m: unknown, broker: string | undefined, out: FindingList): void {
  const annotations = obj(valueAt(m, 'metadata', 'annotations')) ?? {};
  const dep = annotations['knative.dev/dependency'];
  if (dep !== undefined) {
    const field = annField('knative.dev/dependency');
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(dep));
    } catch {
      parsed = undefined;
    }
    const ref = obj(parsed);
    if (!ref) out.add(R.TRIGGER_DEPENDENCY, field, dep, 'not a JSON object reference');
    else {
      const missing = ['kind', 'name', 'apiVersion'].filter((k) => typeof ref[k] !== 'string' || ref[k] === '');
      if (missing.length > 0) out.add(R.TRIGGER_DEPENDENCY, field, dep, `missing ${missing.join(', ')}`);
      const ns = valueAt(m, 'metadata', 'namespace');
      if (typeof ref.namespace === 'string' && ref.namespace !== '' && ref.namespace !== ns) out.add(R.TRIGGER_DEPENDENCY, field, dep, `namespace "${ref.namespace}" is not the Trigger's`);
    }
  }
  const injection = annotations['eventing.knative.dev/injection'];
  if (injection !== undefined) {
    const field = annField('eventing.knative.dev/injection');
    if (injection !== 'enabled' && injection !== 'disabled') out.add(R.TRIGGER_INJECTION, field, injection, 'only "enabled" or "disabled"');
    else if (broker !== 'default') out.add(R.TRIGGER_INJECTION, field, injection, `only for the broker "default", not "${broker ?? ''}"`);
  }
}


export const TRIGGER_VALIDATOR = defineValidator<ClusterSettings>({
  apiVersion: 'eventing.knative.dev/v1', kind: 'Trigger',
  rules: [EVENTING_META_RULES, R, FILTER_RULES, DESTINATION_RULES, DELIVERY_RULES],
  schema: { zeroNullItems: FILTER_LIST_SHAPES.map((list) => `spec.${list}[]`) },
  validate: (o, ctx, out) => validateTrigger(o, ctx.settings, out),
});
