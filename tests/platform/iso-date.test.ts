/**
 * ISO 8601 parsing and day arithmetic (src/sim/platform/iso-date.ts).
 *
 * Oracles: well-known instants (2000-01-01T00:00Z is 946,684,800 s; the
 * 32-bit time_t overflow, 2038-01-19T03:14:07Z, is 2^31 − 1 s); the
 * Gregorian leap rule by hand; and, for random fields, the engine's `Date`
 * in UTC (setUTCFullYear), whose result on integer fields the ECMAScript
 * specification defines exactly (MakeDay, MakeTime), so it is an
 * independent implementation of the same proleptic Gregorian calendar —
 * used here only, never in the simulator.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  formatIsoDateTime,
  parseIsoDateTime,
  parseUtcOffset,
  utcSeconds,
  type IsoDateTime,
} from '../../src/sim/platform/iso-date.js';

function parsed(text: string): IsoDateTime {
  const t = parseIsoDateTime(text);
  if (typeof t === 'string') throw new Error(`${text}: ${t}`);
  return t;
}

/** Seconds since the epoch of UTC fields by the engine (setUTCFullYear, which unlike Date.UTC does not read years 0–99 as 19xx). */
function dateUtcSeconds(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, 0);
  return t.getTime() / 1000;
}

/** The last day of a month, by the engine (day 0 of the next month). */
function lastDay(y: number, mo: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, mo, 0);
  return t.getUTCDate();
}

describe('known instants', () => {
  it('the epoch, 2000-01-01, the 2038 overflow, and the start of moderation-off', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(utcSeconds(parsed('1970-01-01T00:00Z'), 0)).toBe(0);
    expect(utcSeconds(parsed('2000-01-01'), 0)).toBe(946_684_800);
    expect(utcSeconds(parsed('2038-01-19T03:14:07Z'), 0)).toBe(2 ** 31 - 1);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    // 2022-11-20 is 52 years and 13 leap days (1972 … 2020) plus 323 days (Jan–Oct: 304, and 19) after 1970-01-01.
    expect(daysFromCivil(2022, 11, 20)).toBe(52 * 365 + 13 + 304 + 19);
  });

  it('a date without an offset is on the given clock; one with an offset ignores it', () => {
    // Midnight at −05:00 is 05:00 UTC.
    expect(utcSeconds(parsed('2022-11-23'), -300) - utcSeconds(parsed('2022-11-23T00:00Z'), 0)).toBe(5 * 3600);
    expect(utcSeconds(parsed('2022-11-23T10:00+01:00'), -300)).toBe(utcSeconds(parsed('2022-11-23T09:00Z'), 0));
    expect(utcSeconds(parsed('2022-12-31T23:30-05:00'), 0)).toBe(utcSeconds(parsed('2023-01-01T04:30Z'), 0));
    expect(utcSeconds(parsed('2022-11-23T05:30+05:30'), 0)).toBe(utcSeconds(parsed('2022-11-23'), 0));
  });

  it('leap years: every 4th year, not centuries, but every 400th', () => {
    const lengths: Array<[number, number]> = [[2023, 28], [2024, 29], [2000, 29], [1900, 28], [2100, 28], [2400, 29], [1600, 29]];
    for (const [year, days] of lengths) {
      expect(daysInMonth(year, 2), String(year)).toBe(days);
      expect(daysFromCivil(year, 3, 1) - daysFromCivil(year, 2, 1), String(year)).toBe(days);
    }
    // Month ends roll over to the next month and year.
    expect(daysFromCivil(2022, 12, 1) - daysFromCivil(2022, 11, 30)).toBe(1);
    expect(daysFromCivil(2023, 1, 1) - daysFromCivil(2022, 12, 31)).toBe(1);
    expect(daysFromCivil(2023, 1, 1) - daysFromCivil(2022, 1, 1)).toBe(365);
    expect(daysFromCivil(2025, 1, 1) - daysFromCivil(2024, 1, 1)).toBe(366);
  });

  it('formats an instant on a clock, with its offset', () => {
    const s = utcSeconds(parsed('2022-11-23T05:00Z'), 0);
    expect(formatIsoDateTime(s, -300)).toBe('2022-11-23T00:00-05:00');
    expect(formatIsoDateTime(s, 0)).toBe('2022-11-23T05:00Z');
    expect(formatIsoDateTime(s + 7, 330)).toBe('2022-11-23T10:30:07+05:30');
    expect(formatIsoDateTime(utcSeconds(parsed('0001-01-01'), 0), 0)).toBe('0001-01-01T00:00Z');
  });
});

describe('strict parsing: what is refused, and why', () => {
  const bad: Array<[string, RegExp]> = [
    ['2022-02-30', /February 2022 has 28 days/],
    ['2023-02-29', /February 2023 has 28 days/],
    ['1900-02-29', /February 1900 has 28 days/],
    ['2022-04-31', /April 2022 has 30 days/],
    ['2022-13-01', /month 13 does not exist/],
    ['2022-00-10', /month 00 does not exist/],
    ['2022-11-00', /November 2022 has 30 days/],
    ['0000-01-01', /year 0000/],
    ['2022-11-23T24:00', /hour 24 does not exist/],
    ['2022-11-23T10:60', /minute 60 does not exist/],
    ['2022-12-31T23:59:60Z', /second 60 does not exist \(no leap seconds\)/],
    ['2022-11-23 10:00', /separated by "T"/],
    ['2022-11-23t10:00', /separated by "T"/],
    ['2022-11-23T10:00:00.5', /fractions of a second/],
    ['2022-11-23T10:00+15:00', /offset \+15:00: outside −12:00 to \+14:00/],
    ['2022-11-23T10:00-00:00', /offset unknown/],
    ['2022-11-23T10:00+01:75', /minute 75 does not exist/],
    ['23/11/2022', /malformed/],
    ['2022-11-23T10', /malformed/],
    ['2022-1-5', /malformed/],
    ['', /malformed/],
    ['2022-11-23T10:00z', /malformed/],
  ];
  for (const [text, reason] of bad) {
    it(JSON.stringify(text), () => {
      const t = parseIsoDateTime(text);
      expect(typeof t).toBe('string');
      expect(t).toMatch(reason);
    });
  }

  it('accepts the forms the banner lists, leap days included', () => {
    expect(parsed('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29, hour: 0, minute: 0, second: 0, offsetMinutes: null });
    expect(parsed('2000-02-29T23:59:59Z').offsetMinutes).toBe(0);
    expect(parsed('2022-11-23T14:30-05:00')).toMatchObject({ hour: 14, minute: 30, offsetMinutes: -300 });
    expect(parsed('2022-11-23T14:30+14:00').offsetMinutes).toBe(840);
    expect(parsed('2022-11-23T14:30-12:00').offsetMinutes).toBe(-720);
  });

  it('UTC offsets: Z and ±HH:MM from −12:00 to +14:00; names are refused', () => {
    expect(parseUtcOffset('Z')).toBe(0);
    expect(parseUtcOffset('+00:00')).toBe(0);
    expect(parseUtcOffset('-05:00')).toBe(-300);
    expect(parseUtcOffset('+05:45')).toBe(345);
    for (const bad of ['America/New_York', 'EST', 'UTC', '-5', '+0100', '-12:01', '+14:30', '-00:00', 'z']) expect(typeof parseUtcOffset(bad), bad).toBe('string');
  });
});

describe('properties against the engine\'s Date (an independent implementation of the calendar)', () => {
  const fields = fc
    .record({ y: fc.integer({ min: 1, max: 9999 }), mo: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }), h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }) })
    .filter((f) => f.d <= lastDay(f.y, f.mo));
  const offset = fc.integer({ min: -720, max: 840 });
  const pad = (x: number, w = 2): string => String(x).padStart(w, '0');
  const text = (f: { y: number; mo: number; d: number; h: number; mi: number; s: number }): string => `${pad(f.y, 4)}-${pad(f.mo)}-${pad(f.d)}T${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}`;
  const offsetText = (o: number): string => `${o < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(o) / 60))}:${pad(Math.abs(o) % 60)}`;

  it('a valid date-time parses to the seconds Date.UTC gives, on any clock', () => {
    fc.assert(
      fc.property(fields, offset, (f, o) => {
        const expected = dateUtcSeconds(f.y, f.mo, f.d, f.h, f.mi, f.s) - o * 60;
        expect(utcSeconds(parsed(text(f)), o)).toBe(expected);
        expect(utcSeconds(parsed(text(f) + (o === 0 ? 'Z' : offsetText(o))), 12345)).toBe(expected);
      }),
    );
  });

  it('a day past the end of its month is refused, and the last one accepted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, mo) => {
        const last = lastDay(y, mo);
        const date = (d: number): string => `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
        expect(typeof parseIsoDateTime(date(last))).toBe('object');
        expect(typeof parseIsoDateTime(date(last + 1))).toBe('string');
      }),
    );
  });

  it('days to a date and back is the identity over the whole calendar', () => {
    const first = daysFromCivil(1, 1, 1);
    const last = daysFromCivil(9999, 12, 31);
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (days) => {
        const c = civilFromDays(days);
        expect(daysFromCivil(c.year, c.month, c.day)).toBe(days);
        expect(c.day).toBeLessThanOrEqual(daysInMonth(c.year, c.month));
      }),
    );
  });
});
