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
});

describe('the scaler table', () => {
  test('every modelled scaler is a known trigger type', () => {
    for (const type of ['kafka', 'prometheus', 'cron', 'rabbitmq', 'aws-sqs-queue', 'redis', 'redis-cluster', 'redis-sentinel', 'temporal', 'cpu', 'memory']) {
      expect(KNOWN_TRIGGER_TYPES).toContain(type);
      expect(scalerSpec(type)).toBeDefined();
    }
    expect(scalerSpec('azure-servicebus')).toBeUndefined();
  });

  test('metadata keys include <name>FromEnv where the scaler resolves env, and no auth-only parameter', () => {
    const kafka = metadataKeys(scalerSpec('kafka')!);
    expect(kafka).toEqual(expect.arrayContaining(['bootstrapServers', 'bootstrapServersFromEnv', 'consumerGroupFromEnv', 'lagThreshold', 'sasl', 'tls']));
    expect(kafka).not.toContain('username');
    expect(kafka).not.toContain('lagThresholdFromEnv');
  });
});
