// The Broker validator. Pure: manifest and settings in, findings out; the
// same checks serve synth and `cdk8s-agents check`.
import { defineValidator } from '../engine/validator';
import { FindingList } from '../engine/rule';
import { ClusterSettings } from '../settings/settings';
import { BROKER_RULES as R } from './broker.rules';
import { checkDelivery, checkReference, DELIVERY_RULES, DESTINATION_RULES } from './delivery';
import { EVENTING_META_RULES } from './meta.rules';
import { annField, checkName, NO_GROUP } from './meta.validator';
import { obj, valueAt } from '../engine/json';

/** The broker classes a Knative installation ships. */
export const BROKER_CLASSES = ['MTChannelBasedBroker', 'Kafka', 'KafkaNamespaced'];
export const BROKER_CLASS_ANNOTATION = 'eventing.knative.dev/broker.class';

export function validateBroker(m: unknown, settings: ClusterSettings, out: FindingList): void {
  checkName(m, out);
  const annotations = obj(valueAt(m, 'metadata', 'annotations')) ?? {};
  const cls = annotations[BROKER_CLASS_ANNOTATION];
  if (cls !== undefined && (cls === '' || cls === null)) out.add(R.BROKER_CLASS_EMPTY, annField(BROKER_CLASS_ANNOTATION), cls);
  else if (typeof cls === 'string' && !BROKER_CLASSES.includes(cls)) {
    const guess = BROKER_CLASSES.find((c) => c.toLowerCase() === cls.toLowerCase());
    out.add(R.UNKNOWN_CLASS, annField(BROKER_CLASS_ANNOTATION), cls, undefined, guess ? `use "${guess}" (the class is case-sensitive)` : undefined);
  }
  const spec = obj(valueAt(m, 'spec')) ?? {};
  const config = obj(spec.config);
  const kafka = cls === 'Kafka' || cls === 'KafkaNamespaced';
  if (config) {
    checkReference(config, 'spec.config', out, settings, R.BROKER_CONFIG_REF);
    if (kafka && typeof config.kind === 'string' && config.kind !== '' && config.kind.toLowerCase() !== 'configmap') out.add(R.KAFKA_CONFIG_KIND, 'spec.config.kind', config.kind);
    const ns = valueAt(m, 'metadata', 'namespace');
    if (cls === 'KafkaNamespaced' && typeof config.namespace === 'string' && config.namespace !== '' && typeof ns === 'string' && config.namespace !== ns) {
      out.add(R.KAFKA_NAMESPACED_CONFIG, 'spec.config.namespace', config.namespace, `the Broker is in "${ns}"`);
    }
  } else if (kafka) {
    out.add(R.KAFKA_WITHOUT_CONFIG, 'spec.config', spec.config ?? null, `a ${cls} Broker without spec.config`);
  }
  // The Broker CRD keeps spec.delivery as written: the webhook decodes it (keys case-insensitively).
  checkDelivery(spec.delivery, 'spec.delivery', settings, out, { ...NO_GROUP, keptWhole: true });
}


export const BROKER_VALIDATOR = defineValidator<ClusterSettings>({
  apiVersion: 'eventing.knative.dev/v1', kind: 'Broker',
  rules: [EVENTING_META_RULES, R, DESTINATION_RULES, DELIVERY_RULES],
  validate: (o, ctx, out) => validateBroker(o, ctx.settings, out),
});
