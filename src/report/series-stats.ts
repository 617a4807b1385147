/**
 * Time series across replicates: at each sampled time, the mean of a metric
 * over an arm's runs and the 95 % t interval of that mean, cut to the
 * metric's possible range (outcome-kind.ts) — the band of the report's line
 * charts. (A bootstrap at every sampled time would cost thousands of
 * resamples per point; the cut keeps a correlation's band below 1.)
 *
 * Runs are sampled every `sampleEvery` and at their end, so runs that stop at
 * different times carry samples at different times. At a time one run
 * sampled and another did not:
 * - within the other run's span, its value is interpolated linearly between
 *   its two neighbouring samples (what a line chart of that run would show);
 * - after a converged run's end, its last sample holds: a converged zoo model
 *   no longer changes (last observation carried forward);
 * - after the end of a run that did not converge, or before its first
 *   sample, the run is left out, and `n` says how many runs a point averages.
 */
import type { RunResult } from '../experiment/experiment-types.js';
import { describeSample } from './sample-stats.js';
import { CONFIDENCE_LEVEL } from './summary-stats.js';

export interface SeriesBand {
  readonly t: number[];
  readonly mean: number[];
  /** NaN where the interval is undefined (fewer than two finite values). */
  readonly lower: number[];
  readonly upper: number[];
  readonly n: number[];
  /** Runs whose last sample was carried forward at some time. */
  readonly carried: number;
  /** Runs interpolated between their samples at some time. */
  readonly interpolated: number;
}

/** Every sampled time of `metric` in any of `results`, ascending. */
export function sampledTimes(results: readonly RunResult[], metric: string): number[] {
  const times = new Set<number>();
  for (const r of results) for (const s of r.series) if (Number.isFinite(s.t) && typeof s.values[metric] === 'number') times.add(s.t);
  return [...times].sort((a, b) => a - b);
}

/** Series metric names: the experiment's metrics first (in its order), then any other name the samples carry. */
export function seriesMetricNames(preferred: readonly string[], results: readonly RunResult[]): string[] {
  const present = new Set<string>();
  const order: string[] = [];
  for (const r of results) {
    for (const s of r.series) {
      for (const key of Object.keys(s.values)) {
        if (!present.has(key)) {
          present.add(key);
          order.push(key);
        }
      }
    }
  }
  const first = preferred.filter((m) => present.has(m));
  return [...first, ...order.filter((m) => !first.includes(m))];
}

interface Trajectory {
  /** Sample times ascending, with their values. */
  readonly t: number[];
  readonly v: number[];
  readonly carry: boolean;
}

function trajectory(r: RunResult, metric: string): Trajectory {
  const pairs: Array<[number, number]> = [];
  for (const s of r.series) {
    const v = s.values[metric];
    if (Number.isFinite(s.t) && typeof v === 'number') pairs.push([s.t, v]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  return { t: pairs.map((p) => p[0]), v: pairs.map((p) => p[1]), carry: r.converged === true };
}

type Lookup = { value: number; how: 'sample' | 'interpolated' | 'carried' } | null;

function valueAt(tr: Trajectory, time: number): Lookup {
  const n = tr.t.length;
  if (n === 0 || time < tr.t[0]) return null;
  if (time > tr.t[n - 1]) return tr.carry ? { value: tr.v[n - 1], how: 'carried' } : null;
  // Last sample at or before `time`.
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tr.t[mid] <= time) lo = mid;
    else hi = mid - 1;
  }
  if (tr.t[lo] === time) return { value: tr.v[lo], how: 'sample' };
  const t0 = tr.t[lo];
  const t1 = tr.t[lo + 1];
  const w = (time - t0) / (t1 - t0);
  return { value: tr.v[lo] + w * (tr.v[lo + 1] - tr.v[lo]), how: 'interpolated' };
}

/**
 * Mean and interval of `metric` over `runs` at every time any of them
 * sampled, and at each time of `horizon` (e.g. the times sampled in any arm,
 * so that converged runs are carried to the end of the experiment).
 */
export function seriesBand(runs: readonly RunResult[], metric: string, horizon: readonly number[] = [], range: readonly [number, number] = [-Infinity, Infinity]): SeriesBand {
  const trajectories = runs.map((r) => trajectory(r, metric));
  const times = new Set<number>();
  for (const tr of trajectories) for (const t of tr.t) times.add(t);
  let first = Infinity;
  let last = -Infinity;
  for (const tr of trajectories) {
    if (tr.t.length === 0) continue;
    first = Math.min(first, tr.t[0]);
    last = Math.max(last, tr.carry ? Infinity : tr.t[tr.t.length - 1]);
  }
  // Horizon times before any run of this arm started or after all of them stopped add nothing.
  for (const t of horizon) if (Number.isFinite(t) && t >= first && t <= last) times.add(t);
  const t = [...times].sort((a, b) => a - b);
  const band = { t, mean: [] as number[], lower: [] as number[], upper: [] as number[], n: [] as number[] };
  const carried = new Set<number>();
  const interpolated = new Set<number>();
  for (const time of t) {
    const values: number[] = [];
    trajectories.forEach((tr, i) => {
      const found = valueAt(tr, time);
      if (found === null) return;
      values.push(found.value);
      if (found.how === 'carried') carried.add(i);
      if (found.how === 'interpolated') interpolated.add(i);
    });
    const s = describeSample(values, CONFIDENCE_LEVEL);
    band.mean.push(s.mean);
    // The band is the t interval cut to the metric's possible range (a correlation's band stops at 1).
    band.lower.push(s.ci ? Math.max(range[0], s.ci.lower) : NaN);
    band.upper.push(s.ci ? Math.min(range[1], s.ci.upper) : NaN);
    band.n.push(s.n);
  }
  return { ...band, carried: carried.size, interpolated: interpolated.size };
}

/**
 * A band with at most `max` of its times, for drawing: evenly spaced by
 * index, the first and the last always kept (a 10,000-step run sampled
 * every 50 steps has 200 times; 100 are as many as a chart can show). The
 * tables keep every sample.
 */
export function thinBand(band: SeriesBand, max: number): SeriesBand {
  const n = band.t.length;
  if (n <= max || max < 2) return band;
  const keep = Array.from({ length: max }, (_, i) => Math.round((i * (n - 1)) / (max - 1)));
  const pick = (xs: readonly number[]): number[] => keep.map((k) => xs[k]);
  return { ...band, t: pick(band.t), mean: pick(band.mean), lower: pick(band.lower), upper: pick(band.upper), n: pick(band.n) };
}
