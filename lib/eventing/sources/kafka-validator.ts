// KafkaSource (`sources.knative.dev/v1beta1`, and `v1`, which has the same
// rules). K = knative-extensions/eventing-kafka-broker at knative-v1.22.3:
// KV = K:control-plane/pkg/apis/sources/v1beta1/kafka_validation.go,
// KD = K:control-plane/pkg/apis/sources/v1beta1/kafka_defaults.go,
// SEC = K:control-plane/pkg/security.
import type { ManifestValidator } from '../../settings/validation';
import { defineRules, FindingList } from '../../engine/rule';
import { ClusterSettings } from '../../settings/settings';
import { checkDelivery, DELIVERY_RULES, DESTINATION_RULES } from '../delivery';
import { checkSourceSpec, SOURCE_RULES } from './source-rules';
import { obj } from '../../engine/json';

export const KAFKA_RULES = defineRules({
  TOPICS: {
    id: 'EVT-KAFKA-001',
    title: 'a KafkaSource needs at least one topic',
    why: 'The Kafka webhook rejects an empty `topics` list ("missing field(s): spec.topics").',
    fix: 'pass `topics: [\'support-tickets\']`',
    upstream: 'KV#L43-45 (KS2)',
    effect: 'reject',
  },
  TOPIC_NAME: {
    id: 'EVT-KAFKA-002',
    title: 'each topic must be a Kafka topic name: 1-249 of `a-z A-Z 0-9 . _ -`, not `.` or `..`',
    why: 'Topic names are not checked at admission, but Kafka has no topic of such a name, so the consumer group never becomes ready and no event is delivered.',
    fix: 'use the topic name as Kafka knows it, e.g. `support-tickets`',
    upstream: 'Apache Kafka org.apache.kafka.common.internals.Topic#validate (not checked by KV)',
    effect: 'runtime',
  },
  SERVERS: {
    id: 'EVT-KAFKA-003',
    title: 'a KafkaSource needs at least one bootstrap server',
    why: 'The Kafka webhook rejects an empty `bootstrapServers` list ("missing field(s): spec.bootstrapServers").',
    fix: 'pass `bootstrapServers: [\'my-cluster-kafka-bootstrap.kafka:9092\']`',
    upstream: 'KV#L46-48 (KS3)',
    effect: 'reject',
  },
  SERVER_ADDRESS: {
    id: 'EVT-KAFKA-004',
    title: 'each bootstrap server must be `host:port`',
    why: 'The entries are joined into `bootstrap.servers`; the Kafka client refuses an address without a port ("Invalid url in bootstrap.servers"), so the consumers never start.',
    fix: 'write the port: `my-cluster-kafka-bootstrap.kafka:9092`',
    upstream: 'K:control-plane/pkg/reconciler/source/source.go#L181; Apache Kafka ClientUtils#parseAndValidateAddresses',
    effect: 'runtime',
  },
  INITIAL_OFFSET: {
    id: 'EVT-KAFKA-005',
    title: '`initialOffset` must be `earliest` or `latest` (lowercase)',
    why: 'The Kafka webhook rejects any other value ("invalid value").',
    fix: 'use `KafkaOffset.EARLIEST` or `KafkaOffset.LATEST`',
    upstream: 'KV#L49-53 (KS4)',
    effect: 'reject',
  },
  ORDERING: {
    id: 'EVT-KAFKA-006',
    title: '`ordering` must be `ordered` or `unordered` (lowercase)',
    why: 'The Kafka webhook rejects any other value ("invalid value").',
    fix: 'use `KafkaOrdering.ORDERED` or `KafkaOrdering.UNORDERED`',
    upstream: 'KV#L54-60 (KS5)',
    effect: 'reject',
  },
  CONSUMER_GROUP: {
    id: 'EVT-KAFKA-007',
    title: 'a KafkaSource must set `consumerGroup`',
    why: 'Left out, the defaulting webhook fills in a random `knative-kafka-source-<uuid>` on every full-object update (replace, re-create from dist/), and the validating webhook then rejects the change of this immutable field ("Immutable fields changed").',
    fix: 'set `spec.consumerGroup` (KafkaTrigger always does: `<namespace>-<name>` unless `consumerGroup` is given)',
    upstream: 'KD#L46-48; KV#L65-88 (KS6)',
    effect: 'reject',
  },
  CONSUMERS: {
    id: 'EVT-KAFKA-008',
    title: '`consumers` below 1 consumes nothing',
    why: 'The webhook accepts it; the consumer group is created with that many replicas, so with 0 no event is read from the topics.',
    fix: 'leave `consumers` out (1) or set it to the number of consumers wanted (at most the partition count is useful)',
    upstream: 'K:control-plane/pkg/reconciler/source/source.go#L170',
    effect: 'ignored',
    severity: 'warning',
  },
  SECRET_NAME: {
    id: 'EVT-KAFKA-009',
    title: 'every `net` secretKeyRef needs the Secret `name`',
    why: 'The CRD requires only `key`; a reference without `name` is skipped when the credentials are resolved, so the source connects without that value and authentication fails.',
    fix: 'build the auth with `KafkaAuth.*({ secrets, ... })`, which names the Secret, or add `secretKeyRef.name`',
    upstream: 'SEC/secrets_provider_net_spec.go#L162-165',
    effect: 'ignored',
  },
  SASL_CREDENTIALS: {
    id: 'EVT-KAFKA-010',
    title: 'SASL (PLAIN or SCRAM) needs `net.sasl.user` and `net.sasl.password`',
    why: 'Without a mechanism key the source uses PLAIN, which needs a user and a password: the consumers fail with "SASL user required" / "SASL password required".',
    fix: 'use `KafkaAuth.scramSha512({ secrets, user, password })` (or `plain`), whose variables name the Secret keys',
    upstream: 'SEC/secret.go#L106-135',
    effect: 'runtime',
  },
  TLS_CLIENT_CERT: {
    id: 'EVT-KAFKA-011',
    title: 'TLS without SASL needs a client certificate and key (`net.tls.cert`, `net.tls.key`)',
    why: 'With TLS alone the source always does client authentication (the virtual secret never carries `user.skip`), so without a client certificate and key the consumers fail ("required user key").',
    fix: 'use `KafkaAuth.tls({ secrets, cert, key })`, or SASL over TLS (`KafkaAuth.scramSha512({ ..., tls: {} })`)',
    upstream: 'SEC/secret.go#L178-205; knative-extensions/eventing-kafka-broker#2162',
    effect: 'runtime',
  },
  DISABLED_CREDENTIALS: {
    id: 'EVT-KAFKA-012',
    title: '`net.sasl` or `net.tls` credentials are ignored unless `enable: true`',
    why: 'The protocol comes from the `enable` flags only: with `enable` unset or false the credentials are read but never used, and the source connects in plain text.',
    fix: 'set `net.sasl.enable` / `net.tls.enable` to true (KafkaAuth does), or remove the credentials',
    upstream: 'SEC/secrets_provider_net_spec.go#L137-147',
    effect: 'ignored',
    severity: 'warning',
  },
  SECRET_VARIABLE: {
    id: 'EVT-KAFKA-013',
    title: 'a KafkaAuth variable must be in the key map of its AgentSecrets',
    why: 'The variable names the Secret key the source reads; a variable the key map does not have points at no key, and the source fails with "missing secret key".',
    fix: 'add the variable to the AgentSecrets key map, or pass the variable it has (`user: \'KAFKA_USER\'`)',
    upstream: 'SEC/secrets_provider_net_spec.go#L171-174 (library prop check)',
    effect: 'runtime',
  },
});

const TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;
/** `host:port` with a numeric port; IPv6 hosts in brackets. */
const ADDRESS = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):(\d{1,5})$/;

/** Checks a rendered or hand-written KafkaSource. Pure: manifest and settings in, findings out. */
export function validateKafkaSource(m: any, settings: ClusterSettings, out: FindingList): void {
  const R = KAFKA_RULES;
  checkSourceSpec(m, settings, out);
  const spec = obj(m?.spec) ?? {};
  if (Array.isArray(spec.topics)) {
    if (spec.topics.length === 0) out.add(R.TOPICS, 'spec.topics', spec.topics);
    spec.topics.forEach((t: unknown, i: number) => {
      if (typeof t === 'string' && (!TOPIC.test(t) || t === '.' || t === '..')) out.add(R.TOPIC_NAME, `spec.topics[${i}]`, t, t === '' ? 'empty topic name' : t.length > 249 ? `${t.length} characters, at most 249` : undefined);
    });
  }
  if (Array.isArray(spec.bootstrapServers)) {
    if (spec.bootstrapServers.length === 0) out.add(R.SERVERS, 'spec.bootstrapServers', spec.bootstrapServers);
    spec.bootstrapServers.forEach((s: unknown, i: number) => {
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
  checkDelivery(kafkaDelivery(spec.delivery), 'spec.delivery', settings, out, { unknownFields: false });
}

function validAddress(a: string): boolean {
  const m = ADDRESS.exec(a);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 65535;
}

const SASL_KEYS = ['user', 'password', 'type'] as const;
const TLS_KEYS = ['cert', 'key', 'caCert'] as const;

function checkNet(net: Record<string, any> | undefined, out: FindingList): void {
  if (!net) return;
  const R = KAFKA_RULES;
  const sasl = obj(net.sasl) ?? {};
  const tls = obj(net.tls) ?? {};
  const ref = (block: Record<string, any>, key: string) => obj(obj(block[key])?.secretKeyRef);
  const present = (block: Record<string, any>, key: string) => ref(block, key) !== undefined;
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

// The KafkaSource schema has no `delivery.format` and keeps no unknown delivery
// keys: the API server prunes them (SCHEMA-001), no webhook sees them.
const KAFKA_DELIVERY_RULES = Object.values(DELIVERY_RULES).filter((r) => r !== DELIVERY_RULES.UNKNOWN_FIELD && r !== DELIVERY_RULES.FORMAT);

function kafkaDelivery(delivery: unknown): unknown {
  const d = obj(delivery);
  if (!d) return delivery;
  const { format: _pruned, ...rest } = d;
  return rest;
}

/** Validators of both served versions: the construct emits v1beta1, hand-written YAML may use either. */
export const KAFKA_SOURCE_VALIDATORS: readonly ManifestValidator[] = ['sources.knative.dev/v1beta1', 'sources.knative.dev/v1'].map((apiVersion) => ({
  apiVersion,
  kind: 'KafkaSource',
  rules: [...Object.values(KAFKA_RULES), ...Object.values(SOURCE_RULES), ...Object.values(DESTINATION_RULES), ...KAFKA_DELIVERY_RULES],
  validate: (o, ctx, out) => validateKafkaSource(o, ctx.settings, out),
}));
