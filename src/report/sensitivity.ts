/**
 * Designs beyond full grids, and variance-based sensitivity analysis.
 *
 * Latin hypercube (McKay, Beckman & Conover, Technometrics 21, 239–245,
 * 1979): n points in a box; each parameter's range is cut into n equal
 * strata and every stratum holds exactly one point (a uniform draw within
 * it), the strata paired across parameters by independent permutations.
 *
 * Saltelli sampling (Saltelli et al., Computer Physics Communications 181,
 * 259–270, 2010): two independent n × k matrices A and B of uniform points
 * and, for each parameter i, A_B^(i) = A with column i taken from B:
 * n (k + 2) model evaluations. With V the variance of f over A and B,
 *
 *   first order  S_i  = (1/n) Σ_j (f(B)_j − f̄) (f(A_B^(i))_j − f(A)_j) / V
 *                (Saltelli et al. 2010, table 2, b, with f(B) centred on
 *                the mean f̄ over A and B, which leaves its expectation
 *                and lowers its variance),
 *   total order  ST_i = (1/2n) Σ_j (f(A)_j − f(A_B^(i))_j)² / V
 *                (Jansen 1999, ibid. table 2, f),
 *
 * with percentile bootstrap intervals over the n rows (the rows resampled
 * together, so each estimate keeps its pairing). Points come from seeded
 * streams (model/rng.ts): the same seed gives the same design and indices.
 * Checked against the Ishigami function, whose indices are known exactly
 * (Ishigami & Homma 1990; values in Saltelli et al., Global Sensitivity
 * Analysis: The Primer, 2008).
 *
 * For a Latin hypercube, partial rank correlation coefficients (PRCC,
 * below): PRCC_i = corr(e_x, e_y), the residuals of rank(x_i) and rank(y)
 * after least squares on the ranks of the other parameters.
 */
import { Rng } from '../model/rng.js';
import { pearson } from '../sim/metrics/metric-support.js';

export type Ranges = Readonly<Record<string, readonly [number, number]>>;
export type Point = Record<string, number>;

function names(ranges: Ranges): string[] {
  const out = Object.keys(ranges).sort();
  for (const k of out) {
    const [lo, hi] = ranges[k];
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) throw new RangeError(`range of ${k}: expected finite lo < hi, got [${lo}, ${hi}]`);
  }
  if (out.length === 0) throw new RangeError('ranges: at least one parameter');
  return out;
}

/** n Latin-hypercube points over `ranges` (parameters in sorted order of name). */
export function latinHypercube(ranges: Ranges, n: number, rng: Rng): Point[] {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`samples: expected an integer ≥ 1, got ${n}`);
  const keys = names(ranges);
  const points: Point[] = Array.from({ length: n }, () => ({}));
  for (const k of keys) {
    const [lo, hi] = ranges[k];
    const strata = Array.from({ length: n }, (_, i) => i);
    rng.fork(`lhs:${k}`).shuffle(strata);
    const r = rng.fork(`lhs-jitter:${k}`);
    strata.forEach((s, j) => {
      points[j][k] = lo + ((s + r.next()) / n) * (hi - lo);
    });
  }
  return points;
}

export interface SaltelliDesign {
  readonly names: readonly string[];
  readonly n: number;
  readonly a: Point[];
  readonly b: Point[];
  /** ab[i][j]: row j of A with parameter names[i] from B. */
  readonly ab: Point[][];
}

/** The Saltelli design: A, B and the k matrices A_B^(i), n rows each. */
export function saltelliDesign(ranges: Ranges, n: number, rng: Rng): SaltelliDesign {
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`samples: expected an integer ≥ 2, got ${n}`);
  const keys = names(ranges);
  const draw = (r: Rng): Point[] => Array.from({ length: n }, () => Object.fromEntries(keys.map((k) => [k, r.uniform(ranges[k][0], ranges[k][1])])));
  const a = draw(rng.fork('A'));
  const b = draw(rng.fork('B'));
  const ab = keys.map((k) => a.map((row, j) => ({ ...row, [k]: b[j][k] })));
  return { names: keys, n, a, b, ab };
}

/** Every point of a design, in the order A, B, A_B^(1), …, A_B^(k) (what to evaluate). */
export function designPoints(d: SaltelliDesign): Point[] {
  return [...d.a, ...d.b, ...d.ab.flat()];
}

export interface SobolIndex {
  readonly name: string;
  readonly first: number;
  readonly firstInterval: readonly [number, number];
  readonly total: number;
  readonly totalInterval: readonly [number, number];
}

function estimates(fa: ArrayLike<number>, fb: ArrayLike<number>, fab: ArrayLike<number>, rows: ArrayLike<number>): { first: number; total: number } {
  const n = rows.length;
  let mean = 0;
  for (let j = 0; j < n; j++) mean += fa[rows[j]] + fb[rows[j]];
  mean /= 2 * n;
  let v = 0;
  let s1 = 0;
  let st = 0;
  for (let j = 0; j < n; j++) {
    const r = rows[j];
    v += (fa[r] - mean) ** 2 + (fb[r] - mean) ** 2;
    // f(B) centred: the same expectation (E[f(A_B) − f(A)] = 0), a much smaller variance when f has a large mean.
    s1 += (fb[r] - mean) * (fab[r] - fa[r]);
    st += (fa[r] - fab[r]) ** 2;
  }
  v /= 2 * n - 1;
  return { first: s1 / n / v, total: st / (2 * n) / v };
}

/**
 * First- and total-order Sobol indices from the outputs of a design's
 * points (in designPoints order), with `level` percentile bootstrap
 * intervals (`resamples` resamples of the rows, from `rng`).
 */
export function sobolIndices(d: SaltelliDesign, outputs: ArrayLike<number>, rng: Rng, options: { readonly level?: number; readonly resamples?: number } = {}): SobolIndex[] {
  const { n } = d;
  const k = d.names.length;
  if (outputs.length !== n * (k + 2)) throw new RangeError(`outputs: expected ${n * (k + 2)} values (n (k + 2)), got ${outputs.length}`);
  const fa = Array.from({ length: n }, (_, j) => outputs[j]);
  const fb = Array.from({ length: n }, (_, j) => outputs[n + j]);
  const all = Array.from({ length: n }, (_, j) => j);
  const level = options.level ?? 0.95;
  const resamples = options.resamples ?? 1000;
  return d.names.map((name, i) => {
    const fab = Array.from({ length: n }, (_, j) => outputs[(2 + i) * n + j]);
    const point = estimates(fa, fb, fab, all);
    const boot = rng.fork(`bootstrap:${name}`);
    const firsts = new Float64Array(resamples);
    const totals = new Float64Array(resamples);
    const rows = new Int32Array(n);
    for (let b = 0; b < resamples; b++) {
      for (let j = 0; j < n; j++) rows[j] = boot.int(n);
      const e = estimates(fa, fb, fab, rows);
      firsts[b] = e.first;
      totals[b] = e.total;
    }
    firsts.sort();
    totals.sort();
    const q = (xs: Float64Array, p: number): number => xs[Math.min(resamples - 1, Math.max(0, Math.round(p * (resamples - 1))))];
    const alpha = (1 - level) / 2;
    return { name, first: point.first, firstInterval: [q(firsts, alpha), q(firsts, 1 - alpha)], total: point.total, totalInterval: [q(totals, alpha), q(totals, 1 - alpha)] };
  });
}

/**
 * Partial rank correlation coefficients (Blower & Dowlatabadi, Int. Stat.
 * Rev. 62, 229–243, 1994; as used for agent-based models by Marino et al.,
 * J. Theor. Biol. 254, 178–196, 2008), for a Latin-hypercube design: the
 * parameters and the output are replaced by their ranks (mid-ranks for
 * ties); PRCC_i is the correlation of the residuals of rank(x_i) and of
 * rank(y), each regressed by least squares on the ranks of the other
 * parameters (with an intercept). It measures a monotone effect of x_i with
 * the others held fixed, in [−1, 1]. Percentile bootstrap intervals over
 * the points (resampled rows, ranked again).
 */
export interface PrccIndex {
  readonly name: string;
  readonly prcc: number;
  readonly interval: readonly [number, number];
}

/** Mid-ranks (1-based; ties share the mean of their ranks). */
export function midRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const out = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]] = rank;
    i = j + 1;
  }
  return out;
}

/** Residuals of y regressed on the columns (with an intercept), by the normal equations (a few columns only). */
function residuals(columns: readonly Float64Array[], y: Float64Array): Float64Array {
  const n = y.length;
  const p = columns.length + 1;
  const col = (c: number, i: number): number => (c === 0 ? 1 : columns[c - 1][i]);
  const a = Array.from({ length: p }, () => new Float64Array(p + 1));
  for (let r = 0; r < p; r++) {
    for (let c = 0; c < p; c++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += col(r, i) * col(c, i);
      a[r][c] = s;
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += col(r, i) * y[i];
    a[r][p] = s;
  }
  // Gaussian elimination with partial pivoting; a singular column gets coefficient 0.
  const beta = new Float64Array(p);
  const pivotCol: number[] = [];
  let row = 0;
  for (let c = 0; c < p && row < p; c++) {
    let best = row;
    for (let r = row + 1; r < p; r++) if (Math.abs(a[r][c]) > Math.abs(a[best][c])) best = r;
    if (Math.abs(a[best][c]) < 1e-9 * (1 + Math.abs(a[c][c]))) continue;
    [a[row], a[best]] = [a[best], a[row]];
    for (let r = 0; r < p; r++) {
      if (r === row) continue;
      const f = a[r][c] / a[row][c];
      if (f !== 0) for (let k = c; k <= p; k++) a[r][k] -= f * a[row][k];
    }
    pivotCol[row] = c;
    row++;
  }
  for (let r = 0; r < row; r++) beta[pivotCol[r]] = a[r][p] / a[r][pivotCol[r]];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let fit = 0;
    for (let c = 0; c < p; c++) fit += beta[c] * col(c, i);
    out[i] = y[i] - fit;
  }
  return out;
}

/** Pearson correlation of two residual vectors; NaN when either has no variation left beyond rounding noise (relative to the ranks' own spread). */
function correlation(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += x[i] * x[i];
    syy += y[i] * y[i];
  }
  return sxx > 1e-18 * n * n && syy > 1e-18 * n * n ? pearson(x, y) : NaN;
}

function prccOnce(names: readonly string[], points: readonly Point[], outputs: ArrayLike<number>, rows: ArrayLike<number>): number[] {
  const pick = (f: (j: number) => number): Float64Array => Float64Array.from({ length: rows.length }, (_, i) => f(rows[i]));
  const ranks = names.map((k) => midRanks(pick((j) => points[j][k])));
  const ry = midRanks(pick((j) => outputs[j]));
  return names.map((_, i) => {
    const others = ranks.filter((_, m) => m !== i);
    return correlation(residuals(others, ranks[i]), residuals(others, ry));
  });
}

/** PRCC of each parameter of `points` (design order) with `outputs`, with `level` percentile bootstrap intervals. */
export function prccIndices(points: readonly Point[], outputs: ArrayLike<number>, rng: Rng, options: { readonly level?: number; readonly resamples?: number } = {}): PrccIndex[] {
  if (points.length !== outputs.length) throw new RangeError(`outputs: expected ${points.length} values (one per point), got ${outputs.length}`);
  if (points.length < 3) throw new RangeError(`points: PRCC needs at least 3 points, got ${points.length}`);
  const names = Object.keys(points[0]).sort();
  const n = points.length;
  const all = Array.from({ length: n }, (_, j) => j);
  const point = prccOnce(names, points, outputs, all);
  const level = options.level ?? 0.95;
  const resamples = options.resamples ?? 1000;
  const boots = names.map(() => [] as number[]);
  const rows = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let j = 0; j < n; j++) rows[j] = rng.int(n);
    prccOnce(names, points, outputs, rows).forEach((v, i) => {
      if (Number.isFinite(v)) boots[i].push(v);
    });
  }
  const alpha = (1 - level) / 2;
  return names.map((name, i) => {
    const xs = boots[i].sort((a, b) => a - b);
    const q = (p: number): number => (xs.length === 0 ? NaN : xs[Math.min(xs.length - 1, Math.max(0, Math.round(p * (xs.length - 1))))]);
    return { name, prcc: point[i], interval: [q(alpha), q(1 - alpha)] };
  });
}

/** A Saltelli design from its points in designPoints order (as a resolved experiment stores them). */
export function saltelliFromPoints(names: readonly string[], n: number, points: readonly Point[]): SaltelliDesign {
  const k = names.length;
  if (points.length !== n * (k + 2)) throw new RangeError(`points: expected n (k + 2) = ${n * (k + 2)}, got ${points.length}`);
  return {
    names: [...names],
    n,
    a: points.slice(0, n),
    b: points.slice(n, 2 * n),
    ab: names.map((_, i) => points.slice((2 + i) * n, (3 + i) * n)),
  };
}
