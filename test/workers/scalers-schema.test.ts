// The generated scaler table (lib/workers/scalers.generated.ts) against KEDA's
// own schema: current whenever ../shared is there, skipped (and said so) when not.
import * as fs from 'fs';
import { compareWithSchema, compileTable, DEFAULT_SCHEMA_PATH, GENERATED_PATH, readKedaSource, renderTable, SchemaFile } from '../../scripts/gen-keda-scalers';
import { SCALER_PARAMS } from '../../lib/workers/scalers.generated';
import { KNOWN_TRIGGER_TYPES, metadataKeys, scalerSpec } from '../../lib/workers/scalers';
import { Duration } from 'cdk8s';
import { ScaleTrigger } from '../../lib';

const haveSchema = fs.existsSync(DEFAULT_SCHEMA_PATH);
const schema = haveSchema ? JSON.parse(fs.readFileSync(DEFAULT_SCHEMA_PATH, 'utf8')) as SchemaFile : undefined;

describe('the generated scaler table is current', () => {
  if (!schema) {
    test('skipped: ../shared/upstream/keda/scalers-schema.json is not here', () => {
      console.log(`scalers-schema.test: ${DEFAULT_SCHEMA_PATH} not found; the committed table is not compared with KEDA's schema`);
    });
    return;
  }

  test('seen as KEDA\'s generator prints it, the table is the schema, entry for entry', () => {
    expect(compareWithSchema(schema, SCALER_PARAMS)).toEqual([]);
    expect(Object.keys(SCALER_PARAMS)).toHaveLength(schema.scalers.length);
  });

  test('regenerating from the schema gives the committed file byte for byte', () => {
    expect(renderTable(schema, compileTable(schema, SCALER_PARAMS))).toBe(fs.readFileSync(GENERATED_PATH, 'utf8'));
  });

  const kedaGit = process.env.KEDA_GIT;
  (kedaGit ? test : test.skip)('with KEDA_GIT set: the source facts (types, aliases, order, hidden fields) come from KEDA v2.20.2', () => {
    const source = readKedaSource(kedaGit!);
    expect(compileTable(schema, source)).toEqual(SCALER_PARAMS);
  });
});

describe('what the table carries beyond the schema', () => {
  test('Go types the schema writes as "string"', () => {
    const kafka = Object.fromEntries(SCALER_PARAMS.kafka.map((p) => [p.n[0], p.t]));
    expect(kafka).toMatchObject({ lagThreshold: 'int', allowIdleConsumers: 'bool', bootstrapServers: 'strings', topic: 'string' });
    expect(SCALER_PARAMS.prometheus.find((p) => p.n[0] === 'timeout')?.t).toBe('duration');
    expect(SCALER_PARAMS.prometheus.find((p) => p.n[0] === 'customHeaders')?.t).toBe('map');
  });

  test('aliases are one parameter; optional nested structs make their fields optional', () => {
    const address = SCALER_PARAMS.redis.find((p) => p.n.includes('address'))!;
    expect(address.n).toEqual(['address', 'addresses']);
    expect(address.popt).toBe(1);
    expect(address.from).toBe('mae');
  });

  test('the auth fields of prometheus, which KEDA\'s generator skips (a pointer to another package\'s struct), are there, hidden from the schema view', () => {
    const modes = SCALER_PARAMS.prometheus.find((p) => p.n[0] === 'authModes')!;
    expect(modes).toMatchObject({ n: ['authModes', 'authMode'], hidden: 1, ex: ['bearer', 'basic', 'oauth'] });
  });
});

describe('the ScaleTrigger factories render only keys their scaler reads', () => {
  const triggers = () => [
    ScaleTrigger.kafka({ bootstrapServers: ['k:9092'], consumerGroup: 'g', topic: 't', lagThreshold: 5, activationLagThreshold: 1, offsetResetPolicy: 'earliest' as any, allowIdleConsumers: true,
      excludePersistentLag: true, scaleToZeroOnInvalidOffset: true, limitToPartitionsWithLag: false, ensureEvenDistributionOfPartitions: false, partitionLimitation: [1], version: '2.8.0',
      sasl: 'plaintext' as any, saslTokenProvider: 'bearer' as any, tls: true, awsRegion: 'eu-west-1' }),
    ScaleTrigger.prometheus({ serverAddress: 'http://p', query: 'q', threshold: 1, activationThreshold: 0, namespace: 'n', ignoreNullValues: true, authModes: ['bearer' as any],
      queryParameters: { a: 'b' }, customHeaders: { c: 'd' }, awsRegion: 'eu-west-1' }),
    ScaleTrigger.cron({ start: '0 8 * * *', end: '0 9 * * *', timezone: 'Europe/Berlin', desiredReplicas: 2 }),
    ScaleTrigger.rabbitmq({ queueName: 'q', host: 'amqp://r', protocol: 'amqp' as any, mode: 'QueueLength' as any, value: 5, activationValue: 0, vhostName: 'v', useRegex: false,
      excludeUnacknowledged: false, operation: 'sum' as any }),
    ScaleTrigger.awsSqsQueue({ queueURL: 'q', awsRegion: 'r', queueLength: 5, activationQueueLength: 0, scaleOnInFlight: true, scaleOnDelayed: false, awsEndpoint: 'e', useOperatorIdentity: true }),
    ScaleTrigger.redisList({ listName: 'l', addresses: ['a:1', 'b:2'], listLength: 5, activationListLength: 0, databaseIndex: 0, enableTLS: true, sentinelMaster: 'm' }),
    ScaleTrigger.redisList({ listName: 'l', addresses: ['a:1'] }),
    ScaleTrigger.temporal({ endpoint: 'e', taskQueue: 't', namespace: 'n', targetQueueSize: 5, activationTargetQueueSize: 0, queueTypes: ['workflow' as any], workerDeploymentName: 'w',
      workerDeploymentBuildId: 'b', tlsServerName: 's' }),
    ScaleTrigger.cpu({ utilization: 50, containerName: 'c' }),
  ];

  test.each(triggers().map((t) => [t.type, t] as const))('%s', (_type, trigger) => {
    const spec = scalerSpec(trigger.type)!;
    expect(KNOWN_TRIGGER_TYPES).toContain(trigger.type);
    const keys = metadataKeys(spec);
    const rendered = Object.keys(trigger._render().metadata as object);
    expect(rendered.filter((k) => !keys.includes(k))).toEqual([]);
  });
});

describe('the factories\' documented defaults are KEDA\'s (from the generated table)', () => {
  // Each `@default` of a factory option, rendered as the factory renders it, against the
  // table's default (or Go's zero value for an optional field without one).
  const source = fs.readFileSync(`${__dirname}/../../lib/workers/triggers.ts`, 'utf8');
  const enums = require('../../lib') as Record<string, Record<string, string>>;
  const factories: [string, (o: Record<string, unknown>) => ScaleTrigger][] = [
    ['KafkaScaleTriggerOptions', (o) => ScaleTrigger.kafka({ bootstrapServers: ['k'], consumerGroup: 'g', topic: 't', ...o })],
    ['PrometheusScaleTriggerOptions', (o) => ScaleTrigger.prometheus({ serverAddress: 's', query: 'q', threshold: 1, ...o })],
    ['RabbitMQScaleTriggerOptions', (o) => ScaleTrigger.rabbitmq({ queueName: 'q', ...o })],
    ['AwsSqsQueueScaleTriggerOptions', (o) => ScaleTrigger.awsSqsQueue({ queueURL: 'q', awsRegion: 'r', ...o })],
    ['RedisListScaleTriggerOptions', (o) => ScaleTrigger.redisList({ listName: 'l', ...o })],
    ['TemporalScaleTriggerOptions', (o) => ScaleTrigger.temporal({ endpoint: 'e', taskQueue: 't', ...o })],
  ];
  // Defaulted by the scaler's code after TypedConfig, not by its tag: the table cannot say.
  const CODE_DEFAULTS: Record<string, string> = {
    'kafka.saslTokenProvider': 'kafka_scaler.go#L241-245: an empty saslTokenProvider means bearer',
    'rabbitmq.mode': 'rabbitmq_scaler.go#L243-248: the tag default "Unknown" becomes QueueLength when no value is set',
    'redis.enableTLS': 'redis_scaler.go SetEnableTLS: a string field the scaler parses, false when empty',
  };
  const value = (doc: string): unknown => {
    const m = /^(?:(-?\d+(?:\.\d+)?)|(true|false)|'([^']*)'|Duration\.seconds\((\d+)\)|(\w+)\.(\w+))$/.exec(doc.trim());
    if (!m) return undefined;
    if (m[1] !== undefined) return Number(m[1]);
    if (m[2] !== undefined) return m[2] === 'true';
    if (m[3] !== undefined) return m[3];
    if (m[4] !== undefined) return Duration.seconds(Number(m[4]));
    return enums[m[5]]?.[m[6]];
  };
  const cases: [string, string, string, string][] = [];
  for (const [iface, make] of factories) {
    const body = new RegExp(`export interface ${iface} [^{]*\\{([\\s\\S]*?)\\n\\}`).exec(source)![1];
    for (const m of body.matchAll(/@default ([^\n]*?) \*\/\n\s*readonly (\w+)\?:/g)) {
      const v = value(m[1]);
      if (v === undefined) continue;
      const trigger = make({ [m[2]]: v });
      const key = trigger._definition.keys[m[2]];
      const rendered = key === undefined ? undefined : (trigger._render().metadata as Record<string, string>)[key];
      if (rendered !== undefined && !CODE_DEFAULTS[`${trigger.type}.${key}`]) cases.push([trigger.type, m[2], key, rendered]);
    }
  }

  test('there are documented defaults to compare', () => expect(cases.length).toBeGreaterThan(20));
  test.each(cases)('%s %s (%s): @default renders %p', (type, _option, key, rendered) => {
    const p = SCALER_PARAMS[type].find((x) => x.n.includes(key))!;
    const zero = p.t === 'bool' ? 'false' : p.t === 'string' || p.t === 'strings' ? '' : '0';
    expect(p.def ?? zero).toBe(rendered);
  });
});
