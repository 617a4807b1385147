/**
 * The hour of day on a wall clock: what the daily rhythm of activity is
 * indexed by (platform.ts, phase 1).
 *
 * Times are minutes since a UTC midnight (the run clock's
 * `startUtcMinuteOfDay` plus the minutes simulated so far), and a wall clock
 * is a fixed UTC offset in minutes (run-clock.ts says why offsets, not
 * time-zone names). The run has one offset, `timeZone`; a per-group offset
 * (accounts in several countries, each on its own clock) is the same call
 * with the group's offset.
 */

/**
 * The local hour of day (0–23) at `utcMinutes` minutes after a UTC midnight
 * on a clock `offsetMinutes` east of UTC.
 *
 * Written as ⌊((t + offset) / 60) mod 24⌋ so that with the defaults (a run
 * starting at midnight, offset 0) it is the expression the rhythm always
 * used, ⌊(t / 60) mod 24⌋, bit for bit: t + 0 is t, and the remainder of a
 * non-negative number is taken as before.
 */
export function localHour(utcMinutes: number, offsetMinutes: number): number {
  let h = ((utcMinutes + offsetMinutes) / 60) % 24;
  if (h < 0) h += 24;
  // h + 24 can round up to 24 when h is a tiny negative number.
  return Math.min(23, Math.floor(h));
}
