// KafkaSource (`sources.knative.dev/v1beta1`, and `v1`, which has the same
// rules). K = knative-extensions/eventing-kafka-broker at knative-v1.22.3:
// KV = K:control-plane/pkg/apis/sources/v1beta1/kafka_validation.go,
// KD = K:control-plane/pkg/apis/sources/v1beta1/kafka_defaults.go,
// SEC = K:control-plane/pkg/security.
import type { ManifestValidator } from '../../settings/validation';
import { defineValidator } from '../../engine/validator';
import { FindingList } from '../../engine/rule';
import { ClusterSettings } from '../../settings/settings';
import { checkDelivery, DELIVERY_RULES, DESTINATION_RULES } from '../delivery';
import { KAFKA_RULES } from './kafka-source.rules';
import { SOURCE_RULES } from './source.rules';
import { checkSourceSpec } from './source.validator';
import { arr, JsonObject, obj, valueAt } from '../../engine/json';

const TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;
/** `host:port` with a numeric port; IPv6 hosts in brackets. */
const ADDRESS = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):(\d{1,5})$/;

/** Checks a rendered or hand-written KafkaSource. Pure: manifest and settings in, findings out. */
export function validateKafkaSource(m: unknown, settings: ClusterSettings, out: FindingList): void {
  const R = KAFKA_RULES;
  checkSourceSpec(m, settings, out);
  const spec = obj(valueAt(m, 'spec')) ?? {};
  if (Array.isArray(spec.topics)) {
    const topics = arr(spec.topics);
    if (topics.length === 0) out.add(R.TOPICS, 'spec.topics', topics);
    topics.forEach((t, i) => {
      if (typeof t === 'string' && (!TOPIC.test(t) || t === '.' || t === '..')) out.add(R.TOPIC_NAME, `spec.topics[${i}]`, t, t === '' ? 'empty topic name' : t.length > 249 ? `${t.length} characters, at most 249` : undefined);
    });
  }
  if (Array.isArray(spec.bootstrapServers)) {
    const servers = arr(spec.bootstrapServers);
    if (servers.length === 0) out.add(R.SERVERS, 'spec.bootstrapServers', servers);
    servers.forEach((s, i) => {
      if (typeof s !== 'string') return;
      const bad = s.split(',').map((a) => a.trim()).filter((a) => a !== '').find((a) => !validAddress(a));
      if (bad !== undefined || s.trim() === '') out.add(R.SERVER_ADDRESS, `spec.bootstrapServers[${i}]`, s, bad === undefined ? 'empty address' : `"${bad}" is not host:port`);
    });
  }
  if (spec.initialOffset !== undefined && spec.initialOffset !== '' && spec.initialOffset !== 'earliest' && spec.initialOffset !== 'latest') {
    out.add(R.INITIAL_OFFSET, 'spec.initialOffset', spec.initialOffset);
  }
  if (spec.ordering !== undefined && spec.ordering !== 'ordered' && spec.ordering !== 'unordered') out.add(R.ORDERING, 'spec.ordering', spec.ordering);
  if (spec.consumerGroup === undefined || spec.consumerGroup === '') out.add(R.CONSUMER_GROUP, 'spec.consumerGroup', spec.consumerGroup);
  if (typeof spec.consumers === 'number' && spec.consumers < 1) out.add(R.CONSUMERS, 'spec.consumers', spec.consumers);
  checkNet(obj(spec.net), out);
  checkDelivery(kafkaDelivery(spec.delivery), 'spec.delivery', settings, out);
}

function validAddress(a: string): boolean {
  const m = ADDRESS.exec(a);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 65535;
}

const SASL_KEYS = ['user', 'password', 'type'] as const;
const TLS_KEYS = ['cert', 'key', 'caCert'] as const;

function checkNet(net: JsonObject | undefined, out: FindingList): void {
  if (!net) return;
  const R = KAFKA_RULES;
  const sasl = obj(net.sasl) ?? {};
  const tls = obj(net.tls) ?? {};
  const ref = (block: JsonObject, key: string) => obj(obj(block[key])?.secretKeyRef);
  const present = (block: JsonObject, key: string) => ref(block, key) !== undefined;
  for (const [name, block, keys] of [['sasl', sasl, SASL_KEYS], ['tls', tls, TLS_KEYS]] as const) {
    for (const key of keys) {
      const r = ref(block, key);
      if (r && (typeof r.name !== 'string' || r.name === '')) out.add(R.SECRET_NAME, `spec.net.${name}.${key}.secretKeyRef.name`, r.name, `the ${key} reference names no Secret`);
    }
    const given = keys.filter((k) => present(block, k));
    if (block.enable !== true && given.length > 0) {
      out.add(R.DISABLED_CREDENTIALS, `spec.net.${name}.enable`, block.enable, `${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set, but ${name.toUpperCase()} is not enabled`);
    }
  }
  if (sasl.enable === true && !present(sasl, 'type')) {
    const missing = ['user', 'password'].filter((k) => !present(sasl, k));
    if (missing.length > 0) out.add(R.SASL_CREDENTIALS, 'spec.net.sasl', `missing ${missing.join(', ')}`, `SASL/PLAIN (the default mechanism) needs ${missing.join(' and ')}`);
  }
  if (tls.enable === true && sasl.enable !== true) {
    const missing = ['cert', 'key'].filter((k) => !present(tls, k));
    if (missing.length > 0) out.add(R.TLS_CLIENT_CERT, 'spec.net.tls', `missing ${missing.join(', ')}`);
  }
}

// The KafkaSource schema has no `delivery.format`: the API server prunes it
// (SCHEMA-001), no webhook sees it; its table leaves out that delivery rule.
const { FORMAT: _format, ...KAFKA_DELIVERY_RULES } = DELIVERY_RULES;

function kafkaDelivery(delivery: unknown): unknown {
  const d = obj(delivery);
  if (!d) return delivery;
  const { format: _pruned, ...rest } = d;
  return rest;
}

/** Validators of both served versions: the construct emits v1beta1, hand-written YAML may use either. */
export const KAFKA_SOURCE_VALIDATORS: readonly ManifestValidator[] = ['sources.knative.dev/v1beta1', 'sources.knative.dev/v1'].map((apiVersion) => defineValidator<ClusterSettings>({
  apiVersion,
  kind: 'KafkaSource',
  rules: [KAFKA_RULES, SOURCE_RULES, DESTINATION_RULES, KAFKA_DELIVERY_RULES],
  validate: (o, ctx, out) => validateKafkaSource(o, ctx.settings, out),
}));
