import { IANA_TIME_ZONES } from '../../lib/k8s/timezones';

describe('IANA_TIME_ZONES', () => {
  test('holds the 598 Zone and Link names of tzdata 2025b', () => {
    expect(IANA_TIME_ZONES.size).toBe(598);
  });

  test('has canonical zones, links and zones without an area', () => {
    for (const z of ['Europe/Paris', 'America/Argentina/Buenos_Aires', 'America/Port-au-Prince', 'US/Pacific', 'Asia/Calcutta', 'UTC', 'GMT+0', 'EST5EDT', 'Etc/GMT-14']) {
      expect(IANA_TIME_ZONES.has(z)).toBe(true);
    }
  });

  test('names are exact: no abbreviations, no other case', () => {
    for (const z of ['PST', 'IST', 'europe/paris', 'Europe/paris', 'US/pacific']) expect(IANA_TIME_ZONES.has(z)).toBe(false);
  });

  test('every name is a time zone Node.js resolves (except the tz placeholder Factory)', () => {
    const unknown = [...IANA_TIME_ZONES].filter((z) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: z });
        return false;
      } catch {
        return true;
      }
    });
    expect(unknown).toEqual(['Factory']);
  });
});
