/**
 * The bridging scorer of X's Community Notes (Wojcik, Hilgard, Judd,
 * Mocanu, Coleman, Folkman, Wu, Alzubaidi, Saez, "Birdwatch: crowd wisdom
 * and bridging algorithms can inform understanding and reduce the spread
 * of misinformation", arXiv 2210.15723, 2022; the open-source core model
 * and its documentation, "Note ranking algorithm").
 *
 * Each rating r_un (rater u, note n; 1 = helpful, 0 = not helpful) is
 * modelled as
 *
 *   r̂_un = μ + i_u + i_n + f_u·f_n
 *
 * with one-dimensional factors, as the core model. The parameters minimise
 * the published loss
 *
 *   Σ_(u,n rated) (r_un − r̂_un)² + λ_i (Σ i_u² + Σ i_n² + μ²) + λ_f (Σ f_u² + Σ f_n²),
 *
 * λ_i = 0.15 on the intercepts and λ_f = 0.03 on the factors (the
 * documentation's values: intercepts regularised 5× more than factors).
 * The factor f captures the raters' side (the axis along which raters
 * disagree); a note's intercept i_n is how helpful it is found beyond
 * what its raters' sides explain, so a note rated helpful by one side only
 * gets a large |f_n| and a modest i_n, and one rated helpful across sides
 * a high i_n and a small |f_n|. A note is shown ('helpful') when
 * i_n ≥ 0.40 and |f_n| < 0.50 (the documentation's thresholds; the
 * production system adds rater-reputation and stability rules left out
 * here).
 *
 * Fitting: alternating least squares. Each step minimises the loss exactly
 * over one block given the others: μ alone (a scalar ridge), each rater's
 * (i_u, f_u) (a 2×2 ridge regression on the features (1, f_n) of the notes
 * it rated; raters are independent given the notes), then each note's
 * (i_n, f_n) likewise. So the loss never increases, the result does not
 * depend on the order of raters or notes, and it is deterministic: rater
 * factors start at a given vector (by default a fixed deterministic
 * pattern), notes at 0, and iterations run until the loss falls by less
 * than `tolerance` (relative) or `maxIterations`. Sign convention: f and −f
 * fit equally; the result is flipped so that Σ f_n ≥ 0 over the notes.
 */
import { ParamError } from '../../model/errors.js';

/** The published regularisation (Community Notes documentation): λ_i on intercepts, λ_f on factors. */
export const INTERCEPT_LAMBDA = 0.15;
export const FACTOR_LAMBDA = 0.03;
/** The published display rule: intercept ≥ 0.40 and |factor| < 0.50. */
export const HELPFUL_INTERCEPT = 0.4;
export const MAX_ABS_FACTOR = 0.5;

/** Ratings as parallel arrays: rating k is rater[k]'s value[k] (in [0, 1]) on note[k]. */
export interface Ratings {
  readonly raters: number;
  readonly notes: number;
  readonly rater: ArrayLike<number>;
  readonly note: ArrayLike<number>;
  readonly value: ArrayLike<number>;
}

export interface FitOptions {
  readonly interceptLambda?: number;
  readonly factorLambda?: number;
  readonly maxIterations?: number;
  /** Stop when the loss falls by less than this share of itself in one iteration. */
  readonly tolerance?: number;
  /** Starting rater factors (length `raters`); default: the deterministic pattern `defaultRaterFactor`. */
  readonly initialRaterFactors?: ArrayLike<number>;
}

export interface BridgingFit {
  readonly mu: number;
  readonly raterIntercept: Float64Array;
  readonly raterFactor: Float64Array;
  readonly noteIntercept: Float64Array;
  readonly noteFactor: Float64Array;
  readonly loss: number;
  readonly iterations: number;
  /** The loss after each iteration (index 0: at the start). */
  readonly lossHistory: number[];
}

/** The default start of rater u's factor: a fixed non-zero pattern in [−0.5, 0.5) (0 is a saddle: factors would stay 0). */
export function defaultRaterFactor(u: number): number {
  // Golden-ratio sequence: spread out, never 0 for u ≥ 0, the same on every engine.
  const x = ((u + 1) * 0.6180339887498949) % 1;
  return x - 0.5 === 0 ? 0.25 : x - 0.5;
}

function checkRatings(r: Ratings): void {
  if (!Number.isInteger(r.raters) || r.raters < 0) throw new ParamError('bridging-scorer', 'raters', r.raters, 'a whole number ≥ 0');
  if (!Number.isInteger(r.notes) || r.notes < 0) throw new ParamError('bridging-scorer', 'notes', r.notes, 'a whole number ≥ 0');
  const n = r.value.length;
  if (r.rater.length !== n || r.note.length !== n) throw new ParamError('bridging-scorer', 'rater/note/value', `${r.rater.length}/${r.note.length}/${n}`, 'three arrays of the same length');
  for (let k = 0; k < n; k++) {
    const u = r.rater[k];
    const m = r.note[k];
    const v = r.value[k];
    if (!Number.isInteger(u) || u < 0 || u >= r.raters) throw new ParamError('bridging-scorer', `rater[${k}]`, u, `a rater index in [0, ${r.raters})`);
    if (!Number.isInteger(m) || m < 0 || m >= r.notes) throw new ParamError('bridging-scorer', `note[${k}]`, m, `a note index in [0, ${r.notes})`);
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new ParamError('bridging-scorer', `value[${k}]`, v, 'a rating in [0, 1]');
  }
}

/** The loss above for given parameters. */
export function bridgingLoss(r: Ratings, mu: number, iu: ArrayLike<number>, fu: ArrayLike<number>, inn: ArrayLike<number>, fn: ArrayLike<number>, interceptLambda = INTERCEPT_LAMBDA, factorLambda = FACTOR_LAMBDA): number {
  let sse = 0;
  for (let k = 0; k < r.value.length; k++) {
    const u = r.rater[k];
    const n = r.note[k];
    const e = r.value[k] - (mu + iu[u] + inn[n] + fu[u] * fn[n]);
    sse += e * e;
  }
  let ints = mu * mu;
  let facs = 0;
  for (let u = 0; u < r.raters; u++) {
    ints += iu[u] * iu[u];
    facs += fu[u] * fu[u];
  }
  for (let n = 0; n < r.notes; n++) {
    ints += inn[n] * inn[n];
    facs += fn[n] * fn[n];
  }
  return sse + interceptLambda * ints + factorLambda * facs;
}

/**
 * One side's block step: for each entity e (rater or note) solve the 2×2
 * ridge regression of y = r − μ − (other side's intercept) on (1, x), x
 * the other side's factor, with penalties (λ_i, λ_f):
 *   [n + λ_i, Σx; Σx, Σx² + λ_f] (i, f)ᵀ = (Σy, Σxy)ᵀ.
 */
function blockStep(
  r: Ratings,
  mu: number,
  self: ArrayLike<number>,
  other: ArrayLike<number>,
  otherIntercept: Float64Array,
  otherFactor: Float64Array,
  intercept: Float64Array,
  factor: Float64Array,
  li: number,
  lf: number,
): void {
  const count = intercept.length;
  const n = new Float64Array(count);
  const sx = new Float64Array(count);
  const sxx = new Float64Array(count);
  const sy = new Float64Array(count);
  const sxy = new Float64Array(count);
  for (let k = 0; k < r.value.length; k++) {
    const e = self[k];
    const o = other[k];
    const x = otherFactor[o];
    const y = r.value[k] - mu - otherIntercept[o];
    n[e] += 1;
    sx[e] += x;
    sxx[e] += x * x;
    sy[e] += y;
    sxy[e] += x * y;
  }
  for (let e = 0; e < count; e++) {
    const a = n[e] + li;
    const b = sx[e];
    const d = sxx[e] + lf;
    const det = a * d - b * b; // > 0: λ_i, λ_f > 0 make the matrix positive definite
    intercept[e] = (d * sy[e] - b * sxy[e]) / det;
    factor[e] = (a * sxy[e] - b * sy[e]) / det;
  }
}

/** Fit the model by alternating least squares (see the banner). */
export function fitBridging(r: Ratings, options: FitOptions = {}): BridgingFit {
  checkRatings(r);
  const li = options.interceptLambda ?? INTERCEPT_LAMBDA;
  const lf = options.factorLambda ?? FACTOR_LAMBDA;
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.tolerance ?? 1e-12;
  if (!(li > 0)) throw new ParamError('bridging-scorer', 'interceptLambda', li, 'a number > 0');
  if (!(lf > 0)) throw new ParamError('bridging-scorer', 'factorLambda', lf, 'a number > 0');
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new ParamError('bridging-scorer', 'maxIterations', maxIterations, 'a whole number ≥ 1');
  if (!(tolerance >= 0)) throw new ParamError('bridging-scorer', 'tolerance', tolerance, 'a number ≥ 0');
  const iu = new Float64Array(r.raters);
  const fu = new Float64Array(r.raters);
  const inn = new Float64Array(r.notes);
  const fn = new Float64Array(r.notes);
  const init = options.initialRaterFactors;
  if (init !== undefined && init.length !== r.raters) throw new ParamError('bridging-scorer', 'initialRaterFactors', init.length, `${r.raters} values (one per rater)`);
  for (let u = 0; u < r.raters; u++) fu[u] = init === undefined ? defaultRaterFactor(u) : init[u];
  let mu = 0;
  let loss = bridgingLoss(r, mu, iu, fu, inn, fn, li, lf);
  const lossHistory = [loss];
  let iterations = 0;
  const m = r.value.length;
  while (iterations < maxIterations) {
    iterations++;
    // Notes first (the rater factors are what the start fixes), then μ, then raters.
    blockStep(r, mu, r.note, r.rater, iu, fu, inn, fn, li, lf);
    let s = 0;
    for (let k = 0; k < m; k++) s += r.value[k] - iu[r.rater[k]] - inn[r.note[k]] - fu[r.rater[k]] * fn[r.note[k]];
    mu = s / (m + li);
    blockStep(r, mu, r.rater, r.note, inn, fn, iu, fu, li, lf);
    const next = bridgingLoss(r, mu, iu, fu, inn, fn, li, lf);
    lossHistory.push(next);
    const done = loss - next <= tolerance * Math.max(next, 1e-300);
    loss = next;
    if (done) break;
  }
  let sum = 0;
  for (let n = 0; n < r.notes; n++) sum += fn[n];
  if (sum < 0) {
    for (let n = 0; n < r.notes; n++) fn[n] = -fn[n];
    for (let u = 0; u < r.raters; u++) fu[u] = -fu[u];
  }
  return { mu, raterIntercept: iu, raterFactor: fu, noteIntercept: inn, noteFactor: fn, loss, iterations, lossHistory };
}

/** The published display rule on one note's fitted intercept and factor. */
export function isHelpful(noteIntercept: number, noteFactor: number): boolean {
  return noteIntercept >= HELPFUL_INTERCEPT && Math.abs(noteFactor) < MAX_ABS_FACTOR;
}
