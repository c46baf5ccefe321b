import { GO_TZDATA_VERSION, IANA_TIME_ZONES, isGoTimeZone, timeZoneHint } from '../../lib/k8s/timezones';

/**
 * What Go 1.26.8's time.LoadLocation answered for each name (err == nil), run
 * by a throwaway `go run` program twice: with /usr/share/zoneinfo hidden, so
 * only Go's $GOROOT/lib/time/zoneinfo.zip was read, and with the system
 * database. Both runs agreed on every name below.
 */
const GO_LOAD_LOCATION: readonly [string, boolean][] = [
  // the task's cases
  ['PST', false],
  ['europe/paris', false],
  ['Europe/paris', false],
  ['Europe/Paris', true],
  ['America/Los_Angeles', true],
  ['UTC', true],
  ['EST5EDT', true],
  // built in without a database
  ['', true],
  ['Local', true],
  // zones, links and names without an area
  ['Etc/UTC', true],
  ['Europe/Berlin', true],
  ['America/New_York', true],
  ['America/Argentina/Buenos_Aires', true],
  ['US/Pacific', true],
  ['Etc/GMT+5', true],
  ['Etc/GMT-14', true],
  ['GMT', true],
  ['GMT+0', true],
  ['Asia/Kolkata', true],
  ['Asia/Calcutta', true],
  ['Europe/Kyiv', true],
  ['Factory', true],
  // abbreviations, offsets, other case, misspellings, paths
  ['IST', false],
  ['CET+1', false],
  ['UTC+1', false],
  ['+01:00', false],
  ['Z', false],
  ['utc', false],
  ['US/pacific', false],
  ['Europe/Pariss', false],
  ['Europe/Atlantis', false],
  ['CEST+2', false],
  ['Europe/Paris ', false],
  ['../etc/passwd', false],
  ['/etc/localtime', false],
];

describe('isGoTimeZone: what Go\'s time.LoadLocation accepts', () => {
  test.each(GO_LOAD_LOCATION)('%j → %s', (name, accepted) => {
    expect(isGoTimeZone(name)).toBe(accepted);
  });

  test('accepts every zone Node.js knows canonically (a newer Node knowing more: regenerate with scripts/gen-timezones.go)', () => {
    const intl = (Intl as any).supportedValuesOf('timeZone') as string[];
    expect(intl.filter((z) => !isGoTimeZone(z))).toEqual([]);
  });
});

describe('IANA_TIME_ZONES (generated from Go\'s zoneinfo.zip)', () => {
  test('holds the 598 names of Go\'s zoneinfo.zip (tzdata 2025c)', () => {
    expect(IANA_TIME_ZONES.size).toBe(598);
    expect(GO_TZDATA_VERSION).toBe('2025c');
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

describe('timeZoneHint', () => {
  test('names the zone of another case, or of an abbreviation', () => {
    expect(timeZoneHint('europe/paris')).toBe(' (names are case-sensitive: "Europe/Paris")');
    expect(timeZoneHint('PST')).toBe(' (an abbreviation; use a name such as "America/Los_Angeles")');
    expect(timeZoneHint('Europe/Atlantis')).toBe('');
  });
});
