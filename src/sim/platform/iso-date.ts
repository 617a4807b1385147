/**
 * ISO 8601 calendar dates and times, parsed strictly and converted to whole
 * seconds since 1970-01-01T00:00Z with integer arithmetic only.
 *
 * Why not `Date.parse`: engines disagree on what it accepts (a date-only
 * string is UTC, a date-time without an offset is local time, and some
 * engines accept "2022-02-30" or "2022-11-23 10:00"); and why not IANA time
 * zones: `Intl` time-zone data differ between engines and versions, so the
 * same seed could give different bytes in Node, a worker and a browser.
 * A run's time zone is therefore a fixed UTC offset.
 *
 * Accepted (proleptic Gregorian calendar, years 0001–9999):
 *
 *   2022-11-23                   a date (its midnight)
 *   2022-11-23T14:30             a date-time
 *   2022-11-23T14:30:15          with seconds (no fractions)
 *   2022-11-23T14:30Z            ... with an offset: Z or ±HH:MM, from
 *   2022-11-23T14:30-05:00           −12:00 to +14:00 (the offsets in use)
 *
 * Days from a civil date and back: H. Hinnant, "chrono-Compatible Low-Level
 * Date Algorithms" (days_from_civil, civil_from_days), exact for every
 * integer day.
 */

/** The fields of an ISO 8601 date-time; `offsetMinutes` is null when the text has no offset. */
export interface IsoDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Minutes east of UTC (−05:00 is −300), or null without an offset. */
  readonly offsetMinutes: number | null;
}

/** What the parsers accept, for error messages. */
export const ISO_DATE_FORMS = 'an ISO 8601 date "2022-11-23" or date-time "2022-11-23T14:30" (seconds optional, no fractions), optionally with an offset "Z" or "±HH:MM"';
export const UTC_OFFSET_FORMS = 'a fixed UTC offset "±HH:MM" from −12:00 to +14:00, or "Z" (not a time-zone name: time-zone data differ between engines)';

const MIN_OFFSET = -12 * 60;
const MAX_OFFSET = 14 * 60;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:\d{2})?$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days from 1970-01-01 to a civil date (negative before). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date `days` after 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Parse a UTC offset ("Z", "+01:00", "-05:00"); returns minutes east of UTC,
 * or a reason it is not one.
 */
export function parseUtcOffset(text: string): number | string {
  if (text === 'Z') return 0;
  const m = OFFSET.exec(text);
  if (!m) return 'not of the form ±HH:MM or Z';
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if (minutes > 59) return `minute ${m[3]} does not exist`;
  const value = (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  if (value === 0 && m[1] === '-') return '−00:00 means "offset unknown" in ISO 8601: write +00:00 or Z';
  if (value < MIN_OFFSET || value > MAX_OFFSET) return 'outside −12:00 to +14:00';
  return value;
}

/** Parse an ISO 8601 date or date-time (see the banner); returns its fields, or a reason it is not one. */
export function parseIsoDateTime(text: string): IsoDateTime | string {
  const m = DATE_TIME.exec(text);
  if (!m) {
    if (/^\d{4}-\d{2}-\d{2}[ t]\d/.test(text)) return 'the date and the time must be separated by "T"';
    if (/\.\d/.test(text)) return 'fractions of a second are not accepted';
    return 'malformed';
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (year < 1) return 'year 0000 is outside the calendar (years 0001–9999)';
  if (month < 1 || month > 12) return `month ${m[2]} does not exist`;
  if (day < 1 || day > daysInMonth(year, month)) return `${MONTH_NAMES[month - 1]} ${year} has ${daysInMonth(year, month)} days`;
  // 24:00 and leap seconds are valid ISO 8601 but name instants another spelling names already (or none, here).
  if (hour > 23) return `hour ${m[4]} does not exist (00–23; write the next day's 00:00 for the end of a day)`;
  if (minute > 59) return `minute ${m[5]} does not exist`;
  if (second > 59) return `second ${m[6]} does not exist (no leap seconds)`;
  let offsetMinutes: number | null = null;
  if (m[7] !== undefined) {
    const offset = parseUtcOffset(m[7]);
    if (typeof offset === 'string') return `offset ${m[7]}: ${offset}`;
    offsetMinutes = offset;
  }
  return { year, month, day, hour, minute, second, offsetMinutes };
}

/** Seconds since 1970-01-01T00:00 of the wall-clock time `t` (its offset ignored). */
export function wallClockSeconds(t: IsoDateTime): number {
  return daysFromCivil(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

/**
 * Seconds since 1970-01-01T00:00Z of `t`: its own offset when it has one,
 * else `defaultOffsetMinutes` (the run's time zone).
 */
export function utcSeconds(t: IsoDateTime, defaultOffsetMinutes: number): number {
  return wallClockSeconds(t) - (t.offsetMinutes ?? defaultOffsetMinutes) * 60;
}

const pad = (x: number, width = 2): string => String(x).padStart(width, '0');

/** An offset in minutes as ISO 8601 ("Z" for 0, else "±HH:MM"). */
export function formatUtcOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'Z';
  const a = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/**
 * The instant `seconds` after 1970-01-01T00:00Z as an ISO 8601 date-time on
 * the wall clock of `offsetMinutes`, with that offset ("2022-11-23T00:00-05:00";
 * seconds only when not zero).
 */
export function formatIsoDateTime(seconds: number, offsetMinutes: number): string {
  const local = seconds + offsetMinutes * 60;
  const days = Math.floor(local / 86400);
  const rest = local - days * 86400;
  const { year, month, day } = civilFromDays(days);
  const hh = Math.floor(rest / 3600);
  const mm = Math.floor((rest % 3600) / 60);
  const ss = rest % 60;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hh)}:${pad(mm)}${ss !== 0 ? `:${pad(ss)}` : ''}${formatUtcOffset(offsetMinutes)}`;
}
