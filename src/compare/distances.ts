/**
 * Distances between two one-dimensional samples, for comparing a simulated
 * distribution of cascade features with an archive's.
 *
 * Two-sample Kolmogorov–Smirnov: D = sup_x |F_a(x) − F_b(x)| over the
 * empirical CDFs, found exactly by walking the merged sorted samples and
 * comparing only after every value equal to x has been taken from both
 * samples, so ties (common with integer features such as depth) never open
 * a spurious gap. The p-value is the asymptotic Kolmogorov tail
 *   Q(λ) = 2 Σ_{j≥1} (−1)^{j−1} exp(−2 j² λ²),
 *   λ = (√n_e + 0.12 + 0.11/√n_e) · D,   n_e = n_a n_b / (n_a + n_b),
 * with Stephens' small-sample correction of the effective n (M. A. Stephens,
 * "Use of the Kolmogorov–Smirnov, Cramér–von Mises and related statistics
 * without extensive tables", J. R. Stat. Soc. B 32(1), 115–122 (1970); as in
 * Press, Teukolsky, Vetterling & Flannery, Numerical Recipes, 3rd ed.,
 * §6.14 and §14.3.3). With ties the test is conservative (p too large).
 *
 * 1-Wasserstein (earth mover's) distance: W₁ = ∫ |F_a(x) − F_b(x)| dx, exact
 * for empirical distributions of any two sizes: between consecutive distinct
 * merged values both CDFs are constant, so the integral is a finite sum
 * (Vallender, Theory Probab. Appl. 18, 784–786 (1974)). In the units of the
 * feature.
 *
 * Weights: both distances accept optional non-negative weights per value (a
 * weighted empirical CDF, used to size-match simulated cascades to an
 * archive). The KS p-value then uses Kish's effective sample size
 * (Σw)²/Σw², which equals the count for equal weights; for unequal weights
 * the p-value is an approximation.
 *
 * Non-finite values: NaN and ±Infinity (e.g. a time to k accounts that never
 * happened) are removed with their weights before anything is computed and
 * counted by kind in `dropped` (values of weight 0 are not part of the
 * sample and are not counted), so the caller can report them; the distances
 * describe the finite parts only. If either side has no finite value with
 * positive weight, statistic, p-value and distance are NaN.
 */
import { ParamError } from '../model/errors.js';
import { exp } from '../model/det-math.js';

export interface NonFiniteCounts {
  readonly nan: number;
  readonly positiveInfinity: number;
  readonly negativeInfinity: number;
  readonly total: number;
}

/** Finite values sorted ascending, with their weights (all 1 when none were given). */
export interface CleanSample {
  readonly values: Float64Array;
  readonly weights: Float64Array;
  /** Entries with a positive weight. */
  readonly n: number;
  /** Sum of the weights. */
  readonly totalWeight: number;
  /** Kish's effective size (Σw)²/Σw²; equals n for equal weights. */
  readonly effectiveN: number;
  readonly dropped: NonFiniteCounts;
}

export interface DistanceOptions {
  readonly weightsA?: ArrayLike<number>;
  readonly weightsB?: ArrayLike<number>;
}

export interface KsResult {
  /** D = sup |F_a − F_b|, in [0, 1]; NaN when a side is empty. */
  readonly statistic: number;
  /** Asymptotic p-value (Stephens-corrected Kolmogorov tail); NaN when a side is empty. */
  readonly pValue: number;
  readonly nA: number;
  readonly nB: number;
  /** n_e = n_a n_b / (n_a + n_b) from the effective sizes. */
  readonly effectiveN: number;
  readonly droppedA: NonFiniteCounts;
  readonly droppedB: NonFiniteCounts;
}

const MODULE = 'compare/distances';

/** Drop non-finite values (counting them), check the weights, and sort. */
export function cleanSample(values: ArrayLike<number>, weights?: ArrayLike<number>, field = 'values'): CleanSample {
  if (values === null || values === undefined || typeof values.length !== 'number') {
    throw new ParamError(MODULE, field, values, 'an array of numbers');
  }
  if (weights !== undefined && weights.length !== values.length) {
    throw new ParamError(MODULE, `${field} weights`, `${weights.length} weights`, `one weight per value (${values.length})`);
  }
  let nan = 0;
  let pos = 0;
  let neg = 0;
  const keep: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const w = weights === undefined ? 1 : weights[i];
    if (!(w >= 0) || !Number.isFinite(w)) throw new ParamError(MODULE, `${field} weights[${i}]`, w, 'a finite number ≥ 0');
    if (typeof v !== 'number') throw new ParamError(MODULE, `${field}[${i}]`, v, 'a number');
    if (w === 0) continue;
    if (Number.isNaN(v)) nan++;
    else if (v === Infinity) pos++;
    else if (v === -Infinity) neg++;
    else keep.push(i);
  }
  // Ties in value are broken by input position so the order never depends on the sort's stability.
  keep.sort((i, j) => values[i] - values[j] || i - j);
  const sorted = new Float64Array(keep.length);
  const w = new Float64Array(keep.length);
  let total = 0;
  let sq = 0;
  for (let r = 0; r < keep.length; r++) {
    sorted[r] = values[keep[r]];
    w[r] = weights === undefined ? 1 : weights[keep[r]];
    total += w[r];
    sq += w[r] * w[r];
  }
  return {
    values: sorted,
    weights: w,
    n: keep.length,
    totalWeight: total,
    effectiveN: sq > 0 ? (total * total) / sq : 0,
    dropped: { nan, positiveInfinity: pos, negativeInfinity: neg, total: nan + pos + neg },
  };
}

/**
 * Walk the merged samples once: `visit(x, gap, next)` is called at every
 * distinct value x after all copies of x are consumed from both sides, with
 * gap = F_a(x) − F_b(x) and the next distinct value (Infinity at the end).
 */
function walkMerged(a: CleanSample, b: CleanSample, visit: (x: number, gap: number, next: number) => void): void {
  let i = 0;
  let j = 0;
  let ca = 0;
  let cb = 0;
  const na = a.values.length;
  const nb = b.values.length;
  while (i < na || j < nb) {
    const x = j >= nb || (i < na && a.values[i] <= b.values[j]) ? a.values[i] : b.values[j];
    while (i < na && a.values[i] === x) ca += a.weights[i++];
    while (j < nb && b.values[j] === x) cb += b.weights[j++];
    // At the last value the cumulative sums equal the totals exactly (same summation order), so F = 1 there.
    const fa = i === na ? 1 : ca / a.totalWeight;
    const fb = j === nb ? 1 : cb / b.totalWeight;
    const next = Math.min(i < na ? a.values[i] : Infinity, j < nb ? b.values[j] : Infinity);
    visit(x, fa - fb, next);
  }
}

/**
 * Kolmogorov's limiting tail Q(λ) = P(sup|Brownian bridge| > λ), by the two
 * series of Numerical Recipes §6.14: the Jacobi-transformed series for
 * λ < 1.18, the alternating series otherwise (each to double precision with
 * four terms).
 */
export function kolmogorovTail(lambda: number): number {
  if (Number.isNaN(lambda)) return NaN;
  if (lambda <= 0) return 1;
  if (lambda < 1.18) {
    const y = exp(-(Math.PI * Math.PI) / (8 * lambda * lambda));
    const y8 = y ** 8;
    const p = (Math.sqrt(2 * Math.PI) / lambda) * y * (1 + y8 * (1 + y8 * y8 * (1 + y8 * y8 * y8)));
    return Math.min(1, Math.max(0, 1 - p));
  }
  const x = exp(-2 * lambda * lambda);
  const q = 2 * (x - x ** 4 + x ** 9 - x ** 16);
  return Math.min(1, Math.max(0, q));
}

function emptyPair(a: CleanSample, b: CleanSample): boolean {
  return !(a.totalWeight > 0) || !(b.totalWeight > 0);
}

/** Two-sample Kolmogorov–Smirnov statistic and asymptotic p-value (see the banner). */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>, options: DistanceOptions = {}): KsResult {
  const ca = cleanSample(a, options.weightsA, 'a');
  const cb = cleanSample(b, options.weightsB, 'b');
  return ksOfClean(ca, cb);
}

export function ksOfClean(a: CleanSample, b: CleanSample): KsResult {
  const base = { nA: a.n, nB: b.n, droppedA: a.dropped, droppedB: b.dropped };
  if (emptyPair(a, b)) return { ...base, statistic: NaN, pValue: NaN, effectiveN: 0 };
  let d = 0;
  walkMerged(a, b, (_x, gap) => {
    const g = Math.abs(gap);
    if (g > d) d = g;
  });
  const ne = (a.effectiveN * b.effectiveN) / (a.effectiveN + b.effectiveN);
  const sq = Math.sqrt(ne);
  const lambda = (sq + 0.12 + 0.11 / sq) * d;
  return { ...base, statistic: d, pValue: kolmogorovTail(lambda), effectiveN: ne };
}

/** W₁ = ∫|F_a − F_b| dx between the (weighted) empirical distributions; NaN if a side is empty. */
export function wasserstein1(a: ArrayLike<number>, b: ArrayLike<number>, options: DistanceOptions = {}): number {
  return wassersteinOfClean(cleanSample(a, options.weightsA, 'a'), cleanSample(b, options.weightsB, 'b'));
}

export function wassersteinOfClean(a: CleanSample, b: CleanSample): number {
  if (emptyPair(a, b)) return NaN;
  let w = 0;
  walkMerged(a, b, (x, gap, next) => {
    if (next !== Infinity && gap !== 0) w += Math.abs(gap) * (next - x);
  });
  return w;
}

/**
 * Median of a (weighted) empirical distribution: the midpoint of the lower
 * median inf{x : F(x) ≥ ½} and the upper median inf{x : F(x) > ½}, which is
 * the usual mean of the two middle values for equal weights. NaN if empty.
 */
export function weightedMedian(s: CleanSample): number {
  if (!(s.totalWeight > 0)) return NaN;
  const half = s.totalWeight / 2;
  // Relative slack so that weights like p/s summing to ½ up to rounding still count as exactly ½.
  const tol = s.totalWeight * 1e-12;
  let lower = NaN;
  let upper = NaN;
  let c = 0;
  for (let i = 0; i < s.values.length; i++) {
    c += s.weights[i];
    if (Number.isNaN(lower) && c >= half - tol) lower = s.values[i];
    if (c > half + tol) {
      upper = s.values[i];
      break;
    }
  }
  if (Number.isNaN(upper)) upper = s.values[s.values.length - 1];
  return (lower + upper) / 2;
}
