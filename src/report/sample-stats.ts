/**
 * Descriptive statistics of one sample of replicate outcomes: count, mean,
 * sample standard deviation (divisor n − 1) and the Student-t confidence
 * interval of the mean, mean ± t(1 − α/2, n − 1) · s/√n. Non-finite values
 * (NaN, ±Infinity: a metric undefined for a run, or a division by zero) are
 * counted by kind and left out; with fewer than two finite values the
 * interval is undefined (null).
 */
import { studentTQuantile } from './student-t.js';

export interface NonFiniteCounts {
  readonly nan: number;
  readonly positiveInfinity: number;
  readonly negativeInfinity: number;
  readonly total: number;
}

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

export interface SampleStats {
  /** Finite values used. */
  readonly n: number;
  readonly nonFinite: NonFiniteCounts;
  /** NaN when n = 0. */
  readonly mean: number;
  /** Sample SD (n − 1); NaN when n < 2. */
  readonly sd: number;
  /** Confidence interval of the mean at `level`; null when n < 2. */
  readonly ci: Interval | null;
  readonly level: number;
  readonly min: number;
  readonly max: number;
}

export function countNonFinite(values: readonly number[]): NonFiniteCounts {
  let nan = 0;
  let pos = 0;
  let neg = 0;
  for (const v of values) {
    if (Number.isNaN(v)) nan++;
    else if (v === Infinity) pos++;
    else if (v === -Infinity) neg++;
  }
  return { nan, positiveInfinity: pos, negativeInfinity: neg, total: nan + pos + neg };
}

/** Statistics of the finite values of `values`, with a `level` (default 95 %) t interval of the mean. */
export function describeSample(values: readonly number[], level = 0.95): SampleStats {
  const finite = values.filter((v) => Number.isFinite(v));
  const n = finite.length;
  const nonFinite = countNonFinite(values);
  if (n === 0) return { n, nonFinite, mean: NaN, sd: NaN, ci: null, level, min: NaN, max: NaN };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of finite) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // Two passes: the deviations from the mean keep the variance accurate for large, close values.
  const mean = sum / n;
  if (n < 2) return { n, nonFinite, mean, sd: NaN, ci: null, level, min, max };
  let ss = 0;
  for (const v of finite) ss += (v - mean) * (v - mean);
  const sd = Math.sqrt(ss / (n - 1));
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, nonFinite, mean, sd, ci: { lower: mean - half, upper: mean + half }, level, min, max };
}
