// Cron schedules as their controllers parse them, ported from robfig/cron v3:
// the PingSource webhook's (SecondOptional | Minute | Hour | Dom | Month | Dow
// | Descriptor, a ban on `@every`, `timezone` prepended as `CRON_TZ=<tz> `)
// and the Kubernetes CronJob's (ParseStandard, no `TZ` in the schedule).
// Accepts exactly what the parser accepts (no stricter), so a finding here is
// a rejected apply.
import { isGoTimeZone, timeZoneHint } from './timezones';
import { parseGoDuration } from './values';

/** What is wrong with a schedule, in the terms of the PingSource rules. */
export type ScheduleProblemKind =
  /** `@every` appears anywhere in the schedule. */
  | 'every'
  /** Not 5 or 6 fields, or an unknown `@descriptor`. */
  | 'shape'
  /** A field value the parser refuses (range, step, name, Quartz syntax). */
  | 'value'
  /** The `CRON_TZ=`/`TZ=` location or `timezone` is not a time zone Go knows. */
  | 'location'
  /** `timezone` is set and the schedule has its own `CRON_TZ=`/`TZ=` prefix. */
  | 'two-zones';

export interface ScheduleProblem {
  readonly kind: ScheduleProblemKind;
  /** `timezone` when the bad location came from the `timezone` field, else `schedule`. */
  readonly field: 'schedule' | 'timezone';
  readonly message: string;
}

interface Bounds {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTHS = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** The six fields, in parser order (a 5-field schedule gets second 0). */
const FIELDS: readonly Bounds[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 6, names: DAYS },
];

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/**
 * Checks a PingSource `schedule` (and `timezone`) as the 1.22 webhook does;
 * returns every problem, [] when it would be accepted. An empty schedule is
 * defaulted to `* * * * *` before validation, so it passes.
 */
export function checkPingSchedule(schedule: string, timezone?: string): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (schedule.includes('@every')) {
    problems.push({ kind: 'every', field: 'schedule', message: '`@every` is not supported by the PingSource' });
  }
  const own = /^(CRON_TZ|TZ)=/.test(schedule);
  if (timezone && own) {
    problems.push({ kind: 'two-zones', field: 'schedule', message: 'the schedule has its own time zone prefix and `timezone` adds a second one, which breaks parsing' });
    return problems;
  }
  let spec = schedule === '' ? '* * * * *' : schedule;
  let zoneField: 'schedule' | 'timezone' = 'schedule';
  if (timezone) {
    spec = `CRON_TZ=${timezone} ${spec}`;
    zoneField = 'timezone';
  }
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    if (space < 0) {
      // robfig slices spec[eq+1:-1] here and panics: the admission request fails.
      problems.push({ kind: 'shape', field: 'schedule', message: 'a time zone prefix must be followed by a space and the schedule' });
      return problems;
    }
    const location = spec.slice(spec.indexOf('=') + 1, space);
    if (!isGoTimeZone(location)) {
      problems.push({ kind: 'location', field: zoneField, message: `"${location}" is not an IANA time zone name${timeZoneHint(location)}` });
      return problems;
    }
    spec = spec.slice(space).trim();
  }
  if (spec.startsWith('@')) {
    if (!DESCRIPTORS.has(spec) && !spec.startsWith('@every ')) {
      problems.push({ kind: 'shape', field: 'schedule', message: `unknown descriptor "${spec}" (known: ${[...DESCRIPTORS].join(', ')})` });
    }
    return problems;
  }
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length < 5 || fields.length > 6) {
    problems.push({ kind: 'shape', field: 'schedule', message: `expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, found ${fields.length}` });
    return problems;
  }
  const problem = fieldsProblem(fields.length === 5 ? ['0', ...fields] : fields, FIELDS);
  if (problem) problems.push({ kind: 'value', field: 'schedule', message: problem });
  return problems;
}

/** The first field the parser refuses (it stops there), as `<field> "<value>": <why>`. */
function fieldsProblem(fields: readonly string[], bounds: readonly Bounds[]): string | undefined {
  for (let i = 0; i < bounds.length; i++) {
    const problem = fieldProblem(fields[i], bounds[i]);
    if (problem) return `${bounds[i].name} "${fields[i]}": ${problem}`;
  }
  return undefined;
}

/** What is wrong with a CronJob `schedule`, in the terms of the CronJob rules. */
export type CronJobScheduleProblemKind =
  /** Not 5 fields, an unknown `@descriptor`, or an `@every` duration Go cannot parse. */
  | 'shape'
  /** A field value the parser refuses. */
  | 'value'
  /** `TZ` anywhere in the schedule: the API server wants `spec.timeZone` instead. */
  | 'time-zone';

/**
 * Checks a CronJob `spec.schedule` as the API server does on create
 * (batch/validation validateScheduleFormat): robfig/cron v3 ParseStandard
 * (exactly 5 fields, descriptors and `@every <Go duration>`), and no `TZ`
 * anywhere in the string (`TZ=`/`CRON_TZ=` prefixes parse, then are
 * refused: the zone belongs in `spec.timeZone`). [] when accepted; an empty
 * schedule is the caller's (it is required).
 */
export function checkCronJobSchedule(schedule: string): { kind: CronJobScheduleProblemKind; message: string }[] {
  const problems: { kind: CronJobScheduleProblemKind; message: string }[] = [];
  const parse = parseStandard(schedule);
  if (parse) problems.push(parse);
  if (schedule.includes('TZ')) problems.push({ kind: 'time-zone', message: 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead' });
  return problems;
}

/** robfig/cron v3 `ParseStandard` (Minute | Hour | Dom | Month | Dow | Descriptor): the first error, if any. */
function parseStandard(schedule: string): { kind: CronJobScheduleProblemKind; message: string } | undefined {
  let spec = schedule;
  if (spec === '') return { kind: 'shape', message: 'empty spec string' };
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    // Without a space robfig slices spec[eq+1:-1] and panics: the request fails.
    if (space < 0) return { kind: 'shape', message: 'a time zone prefix must be followed by a space and the schedule' };
    const location = spec.slice(spec.indexOf('=') + 1, space);
    if (!isGoTimeZone(location)) return { kind: 'shape', message: `provided bad location ${location}: unknown time zone ${location}` };
    spec = spec.slice(space).trim();
  }
  if (spec.startsWith('@')) {
    if (spec.startsWith('@every ')) {
      const d = spec.slice('@every '.length);
      return parseGoDuration(d) === undefined ? { kind: 'shape', message: `failed to parse duration ${spec}: time: invalid duration "${d}"` } : undefined;
    }
    return DESCRIPTORS.has(spec) ? undefined : { kind: 'shape', message: `unrecognized descriptor: ${spec} (known: ${[...DESCRIPTORS].join(', ')}, @every <duration>)` };
  }
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) return { kind: 'shape', message: `expected exactly 5 fields (minute hour day-of-month month day-of-week), found ${fields.length}: ${spec}` };
  const problem = fieldsProblem(fields, FIELDS.slice(1));
  return problem ? { kind: 'value', message: problem } : undefined;
}

/**
 * Why the API server refuses a CronJob `spec.timeZone` (batch/validation
 * validateTimeZone), or undefined: empty, a path part that is not an IANA
 * file name component, `Local` in any case, or a name Go cannot load.
 */
export function cronJobTimeZoneProblem(timeZone: string): string | undefined {
  if (timeZone === '') return 'timeZone must be nil or non-empty string';
  if (timeZone.split('/').some((part) => part === '.' || part === '..' || part.startsWith('-') || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part))) {
    return `unknown time zone ${timeZone}${timeZoneHint(timeZone)}`;
  }
  if (timeZone.toLowerCase() === 'local') return 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones';
  return isGoTimeZone(timeZone) ? undefined : `unknown time zone ${timeZone}${timeZoneHint(timeZone)}`;
}

/** A comma-separated list of ranges (`getField`); empty items are skipped, as strings.FieldsFunc does. */
function fieldProblem(field: string, b: Bounds): string | undefined {
  if (/[LW#]/i.test(field.replace(/[a-z]{3}/gi, (m) => (b.names && m.toLowerCase() in b.names ? '' : m)))) {
    return 'Quartz syntax (`L`, `W`, `#`) is not supported';
  }
  for (const expr of field.split(',').filter((e) => e !== '')) {
    const problem = rangeProblem(expr, b);
    if (problem) return problem;
  }
  return undefined;
}

/** `number | number "-" number [ "/" number ]`, or `*`/`?` with an optional step (`getRange`). */
function rangeProblem(expr: string, b: Bounds): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
  } else {
    const s = intOrName(lowAndHigh[0], b);
    if (typeof s === 'string') return s;
    start = s;
    if (lowAndHigh.length === 1) {
      end = start;
    } else if (lowAndHigh.length === 2) {
      const e = intOrName(lowAndHigh[1], b);
      if (typeof e === 'string') return e;
      end = e;
    } else {
      return `too many hyphens in "${expr}"`;
    }
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const s = parseUint(rangeAndStep[1]);
    if (typeof s === 'string') return s;
    step = s;
    if (single) end = b.max;
  } else if (rangeAndStep.length > 2) {
    return `too many slashes in "${expr}"`;
  }
  if (start < b.min) return `${start} is below the minimum ${b.min}`;
  if (end > b.max) return b.name === 'day of week' && end === 7 ? 'day of week runs 0-6 (Sunday is 0; 7 is not accepted)' : `${end} is above the maximum ${b.max}`;
  if (start > end) return `the range starts (${start}) after it ends (${end})`;
  if (step === 0) return 'the step must be a positive number';
  return undefined;
}

function intOrName(expr: string, b: Bounds): number | string {
  const named = b.names?.[expr.toLowerCase()];
  return named ?? parseUint(expr);
}

/** Go strconv.Atoi, then the parser's "negative number not allowed". */
function parseUint(expr: string): number | string {
  if (!/^[+-]?\d+$/.test(expr)) return `"${expr}" is not a number${expr === '' ? '' : ' or a known name'}`;
  const n = Number(expr);
  return n < 0 ? `negative number ${n} is not allowed` : n;
}
