import { cronProblem, isTimeZone, KNOWN_TRIGGER_TYPES, metadataKeys, scalerSpec } from '../../lib/workers/scalers';

describe('cron expressions as the cron scaler parses them (5 fields, robfig/cron)', () => {
  test.each(['0 8 * * 1-5', '*/15 8-17 * * MON-FRI', '0 0 1 JAN *', '30 18 ? * SUN', '0,30 * * * *', 'TZ=Europe/Berlin 0 8 * * *', '5-10/2 * * * *'])('accepts %s', (expr) => {
    expect(cronProblem(expr)).toBeUndefined();
  });

  test.each([
    ['@daily', 'descriptors'], ['0 8 * *', '5 fields'], ['0 0 8 * * *', '5 fields'], ['60 * * * *', 'minute'], ['0 24 * * *', 'hour'],
    ['0 0 0 * *', 'day of month'], ['0 0 * 13 *', 'month'], ['0 0 * * 7', 'day of week'], ['*/0 * * * *', 'minute'], ['? * * * *', 'minute'], ['5-1 * * * *', 'minute'],
  ])('refuses %s (%s)', (expr, what) => {
    expect(cronProblem(expr)).toContain(what);
  });
});

describe('time zones Go can load', () => {
  test.each(['Europe/Berlin', 'Etc/UTC', 'UTC', 'Local', 'America/New_York'])('%s', (z) => expect(isTimeZone(z)).toBe(true));
  test.each(['Europe/Atlantis', 'CEST+2', ''])('not %s', (z) => expect(isTimeZone(z)).toBe(false));
  // Go 1.26 time.LoadLocation refuses these (test/k8s/timezones.test.ts); Intl, the check before, took them.
  test.each(['PST', 'europe/paris', 'Europe/paris'])('not %s (Go refuses it)', (z) => expect(isTimeZone(z)).toBe(false));
  test.each(['Europe/Paris', 'America/Los_Angeles', 'EST5EDT'])('%s (Go loads it)', (z) => expect(isTimeZone(z)).toBe(true));
  test('a TZ= prefix of a start or end schedule names a zone Go loads', () => {
    expect(cronProblem('TZ=PST 0 8 * * *')).toBe('provided bad location PST (an abbreviation; use a name such as "America/Los_Angeles")');
    expect(cronProblem('CRON_TZ=europe/paris 0 8 * * *')).toContain('names are case-sensitive: "Europe/Paris"');
    expect(cronProblem('CRON_TZ=America/Los_Angeles 0 8 * * *')).toBeUndefined();
  });
});

describe('the scaler table', () => {
  test('every modelled scaler is a known trigger type', () => {
    for (const type of ['kafka', 'prometheus', 'cron', 'rabbitmq', 'aws-sqs-queue', 'redis', 'redis-cluster', 'redis-sentinel', 'temporal', 'cpu', 'memory']) {
      expect(KNOWN_TRIGGER_TYPES).toContain(type);
      expect(scalerSpec(type)).toBeDefined();
    }
    // Every scaler of KEDA's schema is modelled now, from the generated table.
    expect(scalerSpec('azure-servicebus')?.params.map((p) => p.n[0])).toContain('messageCount');
    expect(scalerSpec('external-mock')).toBeUndefined();
    expect(KNOWN_TRIGGER_TYPES).toHaveLength(77);
  });

  test('metadata keys include <name>FromEnv where the scaler resolves env, and no auth-only parameter', () => {
    const kafka = metadataKeys(scalerSpec('kafka')!);
    expect(kafka).toEqual(expect.arrayContaining(['bootstrapServers', 'bootstrapServersFromEnv', 'consumerGroupFromEnv', 'lagThreshold', 'sasl', 'tls']));
    expect(kafka).not.toContain('username');
    expect(kafka).not.toContain('lagThresholdFromEnv');
  });
});
