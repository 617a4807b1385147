/**
 * Data transforms the chart kinds share: the empirical complementary CDF and
 * histogram bins. Pure functions of the sample; non-finite values are left
 * out (the callers say how many).
 */
import { linearTicks } from './chart-scales.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * Empirical CCDF P(X ≥ x) at each distinct finite value x, ascending: the
 * first point has y = 1, the last y = (count of the maximum) / n. The
 * inclusive form keeps the smallest value on a log y axis (Clauset, Shalizi
 * & Newman, SIAM Review 2009, plot P(x) = Pr(X ≥ x)).
 */
export function ccdfPoints(values: readonly number[]): Point[] {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = finite.length;
  const out: Point[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && finite[i] === finite[i - 1]) continue;
    out.push({ x: finite[i], y: (n - i) / n });
  }
  return out;
}

export interface Bins {
  /** Bin edges, ascending; bin i is [edges[i], edges[i+1]) and the last bin also holds its upper edge. */
  readonly edges: number[];
}

/** Sturges' rule: ⌈log2 n⌉ + 1 bins, at least 5 and at most 40. */
export function sturgesBins(n: number): number {
  if (n < 2) return 5;
  return Math.max(5, Math.min(40, Math.ceil(Math.log2(n)) + 1));
}

/** Shared bin edges over all finite values, aligned on a nice step near (max − min) / bins. */
export function histogramBins(values: readonly number[], bins: number): Bins {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return { edges: [0, 1] };
  const t = linearTicks(lo, hi, Math.max(1, bins));
  const edges = t.ticks.length < 2 ? [t.domain[0], t.domain[1]] : t.ticks.map((tk) => tk.value);
  // Nice edges rounded to their decimals may fall an ulp inside the data: stretch the ends to cover it.
  // (A maximum sitting on the last edge belongs to the last bin, which is closed on the right.)
  if (edges[0] > lo) edges[0] = lo;
  if (edges[edges.length - 1] < hi) edges[edges.length - 1] = hi;
  return { edges };
}

/** Counts of the finite values in each bin of `edges`. */
export function binCounts(values: readonly number[], edges: readonly number[]): number[] {
  const k = edges.length - 1;
  const counts = new Array<number>(Math.max(0, k)).fill(0);
  if (k < 1) return counts;
  for (const v of values) {
    if (!Number.isFinite(v) || v < edges[0] || v > edges[k]) continue;
    let lo = 0;
    let hi = k - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (edges[mid] <= v) lo = mid;
      else hi = mid - 1;
    }
    counts[lo]++;
  }
  return counts;
}

/**
 * Deterministic offsets in [−0.5, 0.5) for the dots of a strip: the golden
 * ratio sequence spreads any number of dots evenly without a random stream,
 * so the same data always gives the same picture.
 */
export function stripOffsets(count: number): number[] {
  const phi = 0.6180339887498949;
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(((i * phi) % 1) - 0.5);
  return out;
}
