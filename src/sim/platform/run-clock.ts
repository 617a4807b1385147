/**
 * A run's calendar: when it starts (`startDate`, a local date-time) on which
 * wall clock (`timeZone`, a fixed UTC offset), and how timeline events given
 * as ISO 8601 dates become hours since the start.
 *
 * Time zones are fixed offsets ("-05:00", "+01:00", "Z"), never IANA names
 * ("America/New_York"): the rules behind a name (daylight saving, historical
 * changes) come from `Intl` data that differ between engines and versions,
 * which would break "same seed, same bytes" across Node, workers and
 * browsers. A run that crosses a daylight-saving change keeps one offset; a
 * date with its own offset is converted exactly whatever the run's.
 *
 * Conversions are exact: dates become whole seconds since 1970-01-01T00:00Z
 * by integer arithmetic (iso-date.ts), an event's hour is their difference
 * from the start divided by 3600, and ⌊hours × 3600⌉ gives the seconds back.
 *
 * Without a `startDate` the run has no calendar: event times are hours, and
 * the run starts at midnight on its clock (the daily rhythm's hour 0).
 */
import { ParamError } from '../../model/errors.js';
import { ISO_DATE_FORMS, UTC_OFFSET_FORMS, formatIsoDateTime, parseIsoDateTime, parseUtcOffset, utcSeconds } from './iso-date.js';
import type { PlatformParams } from './platform-params.js';

export interface RunClock {
  /** The start, in seconds since 1970-01-01T00:00Z; null without a `startDate`. */
  readonly startSeconds: number | null;
  /** The run's UTC offset in minutes east of UTC (−05:00 is −300). */
  readonly offsetMinutes: number;
  /**
   * Minutes from the last UTC midnight at or before the start to the start
   * (0 ≤ x < 1440): minutes simulated plus this are minutes since a UTC
   * midnight, which localHour() turns into an hour of day on any clock.
   */
  readonly startUtcMinuteOfDay: number;
  /** The run's duration (events given as dates must fall before its end). */
  readonly durationHours: number;
}

/** What an event's `at` may be, for messages. */
export const EVENT_TIME_FORMS = `a number of hours ≥ 0 since the start, or ${ISO_DATE_FORMS} (without an offset, on the run's \`timeZone\` clock)`;

const mod = (x: number, m: number): number => ((x % m) + m) % m;

/** The calendar of a run's parameters; throws a ParamError naming `startDate` or `timeZone`. */
export function runClock(params: Pick<PlatformParams, 'startDate' | 'timeZone' | 'durationHours'>, source = 'platform'): RunClock {
  const offset = typeof params.timeZone === 'string' ? parseUtcOffset(params.timeZone) : 'not a text';
  if (typeof offset === 'string') throw new ParamError(source, 'timeZone', params.timeZone, `${UTC_OFFSET_FORMS}; here: ${offset}`);
  if (params.startDate === '') {
    return { startSeconds: null, offsetMinutes: offset, startUtcMinuteOfDay: mod(-offset, 1440), durationHours: params.durationHours };
  }
  const start = typeof params.startDate === 'string' ? parseIsoDateTime(params.startDate) : 'not a text';
  if (typeof start === 'string') throw new ParamError(source, 'startDate', params.startDate, `"" (no calendar) or a local ISO 8601 date-time such as "2022-11-20T00:00"; here: ${start}`);
  if (start.offsetMinutes !== null) {
    throw new ParamError(source, 'startDate', params.startDate, 'a local date-time without an offset (the offset is `timeZone`), e.g. "2022-11-20T00:00"');
  }
  const startSeconds = utcSeconds(start, offset);
  return { startSeconds, offsetMinutes: offset, startUtcMinuteOfDay: mod(startSeconds, 86400) / 60, durationHours: params.durationHours };
}

/**
 * Hours since the start of an event time: a number of hours as given, or
 * an ISO 8601 date converted on the run's clock. A date must fall in the
 * run, [start, start + durationHours): one outside is a typo or a wrong
 * start date, not an event to skip. Without a clock (validating a timeline
 * alone) a date is checked for its form only, and null is returned.
 */
export function eventHours(at: unknown, clock: RunClock | null, where: string): number | null {
  if (typeof at === 'number') {
    if (!(at >= 0) || !Number.isFinite(at)) throw new ParamError(where, 'at', at, `an hour ≥ 0, or ${ISO_DATE_FORMS}`);
    return at;
  }
  if (typeof at !== 'string') throw new ParamError(where, 'at', at, EVENT_TIME_FORMS);
  const t = parseIsoDateTime(at);
  if (typeof t === 'string') throw new ParamError(where, 'at', at, `${EVENT_TIME_FORMS}; here: ${t}`);
  if (clock === null) return null;
  if (clock.startSeconds === null) {
    throw new ParamError(where, 'at', at, 'a number of hours: a date needs the run\'s `startDate` (e.g. startDate: "2022-11-20T00:00", timeZone: "-05:00")');
  }
  const seconds = utcSeconds(t, clock.offsetMinutes) - clock.startSeconds;
  if (seconds < 0) throw new ParamError(where, 'at', at, `a date at or after the start of the run, ${formatIsoDateTime(clock.startSeconds, clock.offsetMinutes)}`);
  const end = clock.durationHours * 3600;
  if (seconds >= end) {
    throw new ParamError(where, 'at', at, `a date before the end of the run, ${formatIsoDateTime(clock.startSeconds + Math.round(end), clock.offsetMinutes)} (durationHours ${clock.durationHours})`);
  }
  return seconds / 3600;
}

/** The date-time `hours` after the start, on the run's clock (null without a calendar). */
export function dateAtHours(clock: RunClock, hours: number): string | null {
  if (clock.startSeconds === null) return null;
  return formatIsoDateTime(clock.startSeconds + Math.round(hours * 3600), clock.offsetMinutes);
}
