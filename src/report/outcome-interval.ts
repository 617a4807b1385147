/**
 * The confidence interval of a mean that fits the outcome's kind
 * (outcome-kind.ts), for one arm's runs or for paired differences:
 *
 *   proportion  Wilson score interval (Wilson, JASA 22, 209–212, 1927):
 *               (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n), which
 *               stays in [0, 1] and is not degenerate at 0 or n successes;
 *   count, bounded, and every paired difference of these kinds:
 *               percentile bootstrap of the mean (Efron & Tibshirani, An
 *               Introduction to the Bootstrap, 1993, ch. 13), B = 2000
 *               resamples from a seeded stream; a resampled mean lies
 *               between the smallest and the largest value, so the interval
 *               never leaves the outcome's range (nor the range of the
 *               differences);
 *   continuous  Student-t interval of the mean (sample-stats.ts).
 *
 * The bootstrap stream is keyed by the caller (metric and arm), so a report
 * is the same bytes every time. Percentile intervals are known to be
 * narrow for small n; reports flag n < SMALL_N.
 */
import { Rng } from '../model/rng.js';
import type { OutcomeKind } from './outcome-kind.js';
import { describeSample, type Interval, type SampleStats } from './sample-stats.js';

export const BOOTSTRAP_RESAMPLES = 2000;
/** Below this many runs (or pairs) a report says its intervals are rough. */
export const SMALL_N = 5;

export type IntervalMethod = 't' | 'wilson' | 'bootstrap';

export interface OutcomeStats extends SampleStats {
  readonly method: IntervalMethod;
}

/** z of a two-sided interval at `level`: 1.959964 at 95 %, else by bisection on the normal upper tail. */
export function zOf(level: number): number {
  if (level === 0.95) return 1.959963984540054;
  const tail = (1 - level) / 2;
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (normalUpperTail(mid) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** P(Z > z) for a standard normal, from the Chebyshev-fitted erfc of Press et al., Numerical Recipes (2nd ed., §6.2; relative error < 1.2e-7). */
function normalUpperTail(z: number): number {
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  const erfc = x >= 0 ? y : 2 - y;
  return erfc / 2;
}

/** The Wilson score interval of `successes` in `n` at `level`. */
export function wilsonInterval(successes: number, n: number, level = 0.95): Interval {
  const z = zOf(level);
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At 0 or n successes the bound is exactly 0 or 1 (centre − half = 0 in exact arithmetic; rounding would leave 1e-17).
  return { lower: successes <= 0 ? 0 : Math.max(0, centre - half), upper: successes >= n ? 1 : Math.min(1, centre + half) };
}

/** Percentile bootstrap interval of the mean of `values` (finite, n ≥ 2), resampled from `rng`. */
export function bootstrapMeanInterval(values: readonly number[], rng: Rng, level = 0.95, resamples = BOOTSTRAP_RESAMPLES): Interval {
  const n = values.length;
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[rng.int(n)];
    means[b] = sum / n;
  }
  means.sort();
  const at = (q: number): number => {
    const h = (resamples - 1) * q;
    const lo = Math.floor(h);
    return means[lo] + (h - lo) * (means[Math.min(resamples - 1, lo + 1)] - means[lo]);
  };
  const alpha = (1 - level) / 2;
  // A mean lies between the smallest and the largest value; the clamp removes the last-bit excursions of floating sums.
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { lower: Math.min(max, Math.max(min, at(alpha))), upper: Math.min(max, Math.max(min, at(1 - alpha))) };
}

/**
 * Statistics of an outcome's values (one arm's runs, or paired differences
 * when `difference` is true) with the interval that fits `kind`; `key`
 * seeds the bootstrap.
 */
export function describeOutcome(values: readonly number[], kind: OutcomeKind, key: string, options: { readonly level?: number; readonly difference?: boolean } = {}): OutcomeStats {
  const level = options.level ?? 0.95;
  const base = describeSample(values, level);
  if (kind.kind === 'continuous') return { ...base, method: 't' };
  if (base.n < 2) return { ...base, ci: null, method: kind.kind === 'proportion' && options.difference !== true ? 'wilson' : 'bootstrap' };
  const finite = values.filter(Number.isFinite);
  if (kind.kind === 'proportion' && options.difference !== true && finite.every((v) => v === 0 || v === 1)) {
    const successes = finite.reduce((s: number, v) => s + v, 0);
    return { ...base, ci: wilsonInterval(successes, finite.length, level), method: 'wilson' };
  }
  return { ...base, ci: bootstrapMeanInterval(finite, new Rng(`bootstrap|${key}`), level), method: 'bootstrap' };
}

/** How a method is named in reports. */
export function describeMethod(method: IntervalMethod): string {
  if (method === 'wilson') return 'Wilson score';
  if (method === 'bootstrap') return 'percentile bootstrap';
  return 't';
}
