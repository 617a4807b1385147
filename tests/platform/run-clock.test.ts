/**
 * A run's calendar (src/sim/platform/run-clock.ts, local-hour.ts): timeline
 * events given as ISO 8601 dates become hours since the start exactly; bad
 * dates are refused before the run with the field, the value and what is
 * allowed; the daily rhythm follows the local hour on the run's clock, and
 * a run starting at local midnight (the default) is bit for bit the run it
 * always was.
 *
 * Oracles: hours worked out by hand (2022-11-23 is 72 h after
 * 2022-11-20T00:00 on any clock; 00:00Z on the 23rd is 67 h after midnight
 * at −05:00); the round trip date → hours → date checked against dates made
 * by the engine's own Date arithmetic; and each tick's activations replayed
 * from the activation stream with the rhythm of the hour expected by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParamError } from '../../src/model/errors.js';
import { Rng } from '../../src/model/rng.js';
import { localHour } from '../../src/sim/platform/local-hour.js';
import { validatePlatformParams } from '../../src/sim/platform/platform-params.js';
import { createPlatform, DAILY_RHYTHM } from '../../src/sim/platform/platform.js';
import { dateAtHours, eventHours, runClock } from '../../src/sim/platform/run-clock.js';
import { timelineHours, validateTimeline, type TimelineEvent } from '../../src/sim/platform/timeline.js';
import { thrown } from '../support/thrown.js';

const NOV = validatePlatformParams({ startDate: '2022-11-20T00:00', timeZone: '-05:00', durationHours: 144 });
const set = (at: number | string): TimelineEvent => ({ at, type: 'set', params: { ranker: 'random' } });

describe('event dates to hours', () => {
  it('known dates: the switch of moderation-off, offsets, month and year ends, leap days', () => {
    const events = ['2022-11-23', '2022-11-23T00:00', '2022-11-23T00:00Z', '2022-11-23T12:30+01:00', '2022-11-20T00:00-05:00', '2022-11-25T23:59:59', 5.5].map(set);
    expect(timelineHours(events, 'timeline', NOV)).toEqual([72, 72, 67, 78.5, 0, 143 + 3599 / 3600, 5.5]);
    const hoursFrom = (startDate: string, timeZone: string, at: string): number => timelineHours([set(at)], 'timeline', validatePlatformParams({ startDate, timeZone, durationHours: 24 * 365 }))[0];
    // Month and year ends.
    expect(hoursFrom('2022-11-30T23:00', 'Z', '2022-12-01T01:00')).toBe(2);
    expect(hoursFrom('2022-12-31T22:00', '+09:00', '2023-01-01')).toBe(2);
    expect(hoursFrom('2022-12-31T23:30', '-05:00', '2023-01-01T04:30Z')).toBe(0);
    // February 28 to March 1: a day in common years, two in leap years (2000 was one, 2100 will not be).
    expect(hoursFrom('2023-02-28T00:00', 'Z', '2023-03-01')).toBe(24);
    expect(hoursFrom('2024-02-28T00:00', 'Z', '2024-03-01')).toBe(48);
    expect(hoursFrom('2000-02-28T00:00', 'Z', '2000-03-01')).toBe(48);
    expect(hoursFrom('2100-02-28T00:00', 'Z', '2100-03-01')).toBe(24);
    // January to June 2024: 31 + 29 + 31 + 30 + 31 + 30 = 182 days.
    expect(hoursFrom('2024-01-01T00:00', 'Z', '2024-07-01')).toBe(182 * 24);
    // An offset with minutes (India, +05:30; Nepal, +05:45).
    expect(hoursFrom('2022-11-20T00:00', '+05:30', '2022-11-20T00:00Z')).toBe(5.5);
    // Midnight at +05:45 is 18:15Z the day before; 01:00 at +05:30 is 19:30Z.
    expect(hoursFrom('2022-11-20T00:00', '+05:45', '2022-11-20T01:00+05:30')).toBe(1.25);
  });

  it('a platform applies a dated event at the first tick starting at or after it', () => {
    const p = createPlatform({ agents: 60, followsPerAccount: 3, durationHours: 80, startDate: '2022-11-20T00:00', timeZone: '-05:00' }, {
      seed: 'dates',
      timeline: [set('2022-11-23'), { at: '2022-11-22T19:30Z', type: 'set', params: { ranker: 'engagement' } }],
    });
    p.run();
    // 19:30Z on the 22nd is 14:30 at −05:00: hour 62.5, applied at the tick starting at hour 63.
    expect(p.events.map((e) => [e.at / 60, e.detail])).toEqual([
      [63, '{"ranker":"engagement"}'],
      [72, '{"ranker":"random"}'],
    ]);
    expect(p.params.ranker).toBe('random');
  });

  const bad: Array<[string, string | number, RegExp]> = [
    ['before the start', '2022-11-19T23:59', /timeline\[0\]: invalid `at` \("2022-11-19T23:59"\): expected a date at or after the start of the run, 2022-11-20T00:00-05:00/],
    ['the same instant written in UTC, before the start', '2022-11-20T04:00Z', /expected a date at or after the start of the run/],
    ['at the end (nothing would apply it)', '2022-11-26', /invalid `at` \("2022-11-26"\): expected a date before the end of the run, 2022-11-26T00:00-05:00 \(durationHours 144\)/],
    ['a year too late (a typo)', '2023-11-23', /expected a date before the end of the run/],
    ['February 30', '2022-02-30', /invalid `at` \("2022-02-30"\): expected a number of hours ≥ 0 since the start, or an ISO 8601 date .*; here: February 2022 has 28 days/],
    ['a day month year date', '23/11/2022', /invalid `at` \("23\/11\/2022"\): expected .*ISO 8601.*; here: malformed/],
    ['a space for the T', '2022-11-23 10:00', /here: the date and the time must be separated by "T"/],
    ['an offset out of range', '2022-11-23T10:00+15:00', /here: offset \+15:00: outside −12:00 to \+14:00/],
    ['a negative hour', -1, /invalid `at` \(-1\): expected an hour ≥ 0, or an ISO 8601 date/],
  ];
  for (const [what, at, message] of bad) {
    it(`refuses ${what}: ${JSON.stringify(at)}`, () => {
      const err = thrown(() => validateTimeline([set(at)], 'timeline', NOV));
      expect(err).toBeInstanceOf(ParamError);
      expect((err as ParamError).field).toBe('at');
      expect((err as Error).message).toMatch(message);
      // The platform refuses it before running.
      expect(() => createPlatform({ agents: 30, followsPerAccount: 2, startDate: NOV.startDate, timeZone: NOV.timeZone, durationHours: 144 }, { seed: 'x', timeline: [set(at)] })).toThrow(message);
    });
  }

  it('a date needs a start date; without the run\'s parameters only its form is checked', () => {
    expect(() => validateTimeline([set('2022-11-23')], 'timeline', validatePlatformParams({}))).toThrow(/invalid `at` \("2022-11-23"\): expected a number of hours: a date needs the run's `startDate`/);
    expect(timelineHours([set('2022-11-23'), set(3)])).toEqual([NaN, 3]);
    expect(() => validateTimeline([set('2022-11-31')])).toThrow(/November 2022 has 30 days/);
  });

  it('a reshare must follow its post in time, dates and hours compared as hours', () => {
    const inject: TimelineEvent = { at: '2022-11-21T10:00', type: 'inject', name: 'h', author: {}, stance: 1 };
    const later: TimelineEvent = { at: 35, type: 'reshare', post: 'h', accounts: {} };
    const earlier: TimelineEvent = { at: 33, type: 'reshare', post: 'h', accounts: {} };
    expect(() => validateTimeline([inject, later], 'timeline', NOV)).not.toThrow();
    expect(() => validateTimeline([inject, earlier], 'timeline', NOV)).toThrow(/timeline\[1\]: invalid `post` \("h"\): expected the name of a post injected earlier/);
  });

  it('the calendar parameters: a fixed offset, not a zone name; a local start without an offset; no change during a run', () => {
    expect(() => validatePlatformParams({ timeZone: 'America/New_York' })).toThrow(/invalid `timeZone` \("America\/New_York"\): expected a fixed UTC offset "±HH:MM" from −12:00 to \+14:00, or "Z" \(not a time-zone name/);
    expect(() => validatePlatformParams({ timeZone: '-5' })).toThrow(/invalid `timeZone`/);
    expect(() => validatePlatformParams({ startDate: '2022-11-20T00:00Z' })).toThrow(/invalid `startDate` \("2022-11-20T00:00Z"\): expected a local date-time without an offset \(the offset is `timeZone`\)/);
    expect(() => validatePlatformParams({ startDate: '2022-02-29' })).toThrow(/invalid `startDate` \("2022-02-29"\): .*February 2022 has 28 days/);
    expect(() => validatePlatformParams({ startDate: 20221120 })).toThrow(/invalid `startDate` \(20221120\)/);
    expect(() => validateTimeline([{ at: 1, type: 'set', params: { timeZone: 'Z' } }], 'timeline', NOV)).toThrow(/invalid `timeZone` \("Z"\): expected no change during a run/);
    expect(runClock(validatePlatformParams({ startDate: '2022-11-20' })).startSeconds).toBe(runClock(validatePlatformParams({ startDate: '2022-11-20T00:00:00' })).startSeconds);
  });
});

describe('date → hours → date is the identity (property, dates made by the engine\'s Date)', () => {
  const pad = (x: number, w = 2): string => String(x).padStart(w, '0');
  const offsetText = (o: number): string => (o === 0 ? 'Z' : `${o < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(o) / 60))}:${pad(Math.abs(o) % 60)}`);
  /** The wall-clock text of an instant (ms since the epoch) on a clock, by the engine's Date. */
  const wallClock = (ms: number, offset: number): string => {
    const d = new Date(ms + offset * 60_000);
    return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  };
  const offset = fc.oneof(fc.constant(0), fc.integer({ min: -720, max: 840 }));

  it('for random starts, clocks, durations and instants in the run, with or without an offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1601, 0, 1), max: Date.UTC(2399, 0, 1) }).map((ms) => ms - (ms % 1000)),
        offset,
        offset,
        fc.integer({ min: 1, max: 24 * 365 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.boolean(),
        (startMs, runOffset, eventOffset, durationHours, where, withOffset) => {
          const params = validatePlatformParams({ startDate: wallClock(startMs, runOffset), timeZone: offsetText(runOffset), durationHours });
          const clock = runClock(params);
          const eventMs = startMs + Math.floor(where * durationHours * 3600) * 1000;
          const text = withOffset ? wallClock(eventMs, eventOffset) + offsetText(eventOffset) : wallClock(eventMs, runOffset);
          const hours = eventHours(text, clock, 'e');
          expect(hours).toBe((eventMs - startMs) / 3_600_000);
          const back = dateAtHours(clock, hours!)!;
          // Back on the run's clock: the same wall-clock text (seconds shown only when not zero), with its offset.
          expect(back).toBe(wallClock(eventMs, runOffset).replace(/:00$/, '') + offsetText(runOffset));
          expect(eventHours(back, clock, 'e')).toBe(hours);
        },
      ),
    );
  });
});

describe('the daily rhythm follows the local hour', () => {
  it('localHour: offsets east and west, half hours, before midnight', () => {
    expect(localHour(0, 0)).toBe(0);
    expect(localHour(0, -300)).toBe(19);
    expect(localHour(30, 330)).toBe(6);
    expect(localHour(1439, 0)).toBe(23);
    expect(localHour(-1, 0)).toBe(23);
    expect(localHour(24 * 60 * 400 + 61, 0)).toBe(1);
    expect(localHour(-1e-300, 0)).toBe(23);
  });

  it('localHour(t, 0) is the expression the rhythm always used, bit for bit, for any t ≥ 0; and ⌊((t + o) mod 1440) / 60⌋ for whole minutes', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), (t) => {
      expect(localHour(0 + t, 0)).toBe(Math.floor((t / 60) % 24));
    }));
    fc.assert(
      fc.property(fc.integer({ min: -1e7, max: 1e7 }), fc.integer({ min: -720, max: 840 }), (t, o) => {
        expect(localHour(t, o)).toBe(Math.floor((((t + o) % 1440) + 1440) % 1440 / 60));
      }),
    );
  });

  /** Activations of each tick replayed from the activation stream with the rhythm of the given hours (platform.ts, phase 1). */
  function replayActivations(seed: string, activity: Float32Array, tickMinutes: number, hours: readonly number[]): number[] {
    const r = new Rng(seed).fork('activation');
    return hours.map((h) => {
      let count = 0;
      for (let i = 0; i < activity.length; i++) {
        const lambda = activity[i] * (tickMinutes / 60) * DAILY_RHYTHM[h];
        const k = Math.floor(lambda);
        count += k + (r.next() < lambda - k ? 1 : 0);
      }
      r.shuffle(new Int32Array(count));
      return count;
    });
  }

  function runActivations(params: Record<string, unknown>, ticks: number): { counts: number[]; activity: Float32Array } {
    const p = createPlatform({ agents: 400, followsPerAccount: 4, activityPerHour: 1, activityHeterogeneity: 0.5, ...params }, { seed: 'rhythm' });
    const activity = Float32Array.from(p.world.agents.activity);
    const counts: number[] = [];
    for (let k = 0; k < ticks; k++) {
      const before = p.totals.activations;
      p.tick();
      counts.push(p.totals.activations - before);
    }
    return { counts, activity };
  }

  const cases: Array<[string, Record<string, unknown>, number]> = [
    ['no calendar: midnight', {}, 0],
    ['06:00 at −05:00', { startDate: '2022-11-20T06:00', timeZone: '-05:00' }, 6 * 60],
    ['05:45 at +05:30, 30-minute ticks', { startDate: '2024-02-28T05:45', timeZone: '+05:30', tickMinutes: 30 }, 5 * 60 + 45],
    ['23:00 at +14:00, 45-minute ticks', { startDate: '2022-12-31T23:00', timeZone: '+14:00', tickMinutes: 45 }, 23 * 60],
  ];
  for (const [what, params, startMinute] of cases) {
    it(`each tick's activations are those of the rhythm at the local hour: ${what}`, () => {
      const ticks = 30;
      const tickMinutes = (params.tickMinutes as number | undefined) ?? 60;
      // The local hour of tick k, by hand: the start's minute of the day plus k ticks, modulo a day.
      const hours = Array.from({ length: ticks }, (_, k) => Math.floor(((startMinute + k * tickMinutes) % 1440) / 60));
      const { counts, activity } = runActivations(params, ticks);
      expect(counts).toEqual(replayActivations('rhythm', activity, tickMinutes, hours));
      // The replay can tell hours apart: an hour later it does not match.
      expect(counts).not.toEqual(replayActivations('rhythm', activity, tickMinutes, hours.map((h) => (h + 1) % 24)));
    });
  }

  it('a run starting at local midnight, whatever the date and offset, is bit for bit the run without a calendar', () => {
    const fingerprint = (params: Record<string, unknown>): unknown => {
      const p = createPlatform({ agents: 300, followsPerAccount: 4, durationHours: 30, ranker: 'engagement', ...params }, { seed: 'midnight' }).run();
      return { totals: p.totals, opinions: Array.from(p.world.agents.opinion), posts: p.world.posts.count };
    };
    const base = fingerprint({});
    expect(fingerprint({ startDate: '2022-11-20T00:00', timeZone: '-05:00' })).toEqual(base);
    expect(fingerprint({ startDate: '1999-12-31', timeZone: '+09:30' })).toEqual(base);
    expect(fingerprint({ startDate: '2022-11-20T01:00', timeZone: '-05:00' })).not.toEqual(base);
  });
});
