/**
 * Approximate Bayesian computation by rejection (Pritchard et al., Mol. Biol.
 * Evol. 16, 1791–1798 (1999); Beaumont, Zhang & Balding, Genetics 162,
 * 2025–2035 (2002)). For a model whose likelihood cannot be written down but
 * which can be simulated: draw θ_i from the prior, simulate a summary S_i,
 * score it by a distance ρ_i = ρ(S_i, S_obs) to the observed data, and keep
 * the draws with the smallest distances. With the tolerance set as a quantile
 * of the distances (keep the closest fraction α of the N draws), the kept θ
 * approximate the posterior p(θ | ρ(S, S_obs) ≤ ε_α).
 *
 *   θ_i ~ Π_j U[lo_j, hi_j],  S_i ~ model(θ_i),  accepted = the ⌈αN⌉ smallest ρ_i
 *
 * Posterior summaries are the mean and the sample quantiles (Hyndman & Fan
 * type 7, linear interpolation between order statistics, R's default) of each
 * parameter over the accepted draws.
 *
 * Draw i uses only the stream `rng.fork('sample-i')` (its prior draw from the
 * sub-stream `prior`, its simulation from `simulate`), so a draw does not
 * depend on which other draws were made or in which order: a caller may run
 * draws in parallel, in shards, or resume an interrupted run and still get
 * the same set. Ties in distance are broken by draw index.
 *
 * Refinements: ABC-SMC with a decreasing tolerance schedule, Gaussian
 * perturbation kernels and importance weights is in abc-smc.ts. Not done:
 * the local-linear regression adjustment of Beaumont et al. (2002).
 */
import { ParamError, check } from '../model/errors.js';
import type { Rng } from '../model/rng.js';

const MODULE = 'calibrate/abc';

/** Uniform prior bounds [lo, hi) per parameter name. */
export type UniformPrior = Readonly<Record<string, readonly [number, number]>>;

export type AbcParams = Record<string, number>;

export interface AbcOptions<S> {
  readonly prior: UniformPrior;
  /** Simulate the model at `params`, drawing only from `rng`, and summarise the result. */
  readonly simulate: (params: Readonly<AbcParams>, rng: Rng) => S;
  /** Distance of a simulated summary to the observed data (≥ 0; NaN means never accept). */
  readonly distance: (sim: S) => number;
  /** Number of prior draws N. */
  readonly samples: number;
  /** Fraction α ∈ (0, 1] of the draws kept: the ⌈αN⌉ closest. */
  readonly acceptFraction: number;
  readonly rng: Rng;
}

export interface AbcDraw {
  /** Draw index i (its stream is `rng.fork('sample-i')`). */
  readonly index: number;
  readonly params: Readonly<AbcParams>;
  readonly distance: number;
}

export interface ParamSummary {
  readonly mean: number;
  readonly median: number;
  readonly q05: number;
  readonly q95: number;
}

export interface AbcPosterior {
  /** The kept draws, closest first. */
  readonly accepted: AbcDraw[];
  /** The closest draw (undefined only when no draw has a finite distance). */
  readonly best: AbcDraw | undefined;
  /** The largest accepted distance: the tolerance ε_α the fraction implies. */
  readonly tolerance: number;
  readonly posterior: Record<string, ParamSummary>;
}

export interface AbcResult extends AbcPosterior {
  /** Every draw, in index order. */
  readonly all: AbcDraw[];
}

/** Check a uniform prior and return its names in a fixed (sorted) order. */
export function checkPrior(prior: unknown): string[] {
  if (prior === null || typeof prior !== 'object' || Array.isArray(prior)) {
    throw new ParamError(MODULE, 'prior', prior, 'an object of parameter name -> [lo, hi]');
  }
  const names = Object.keys(prior).sort();
  if (names.length === 0) throw new ParamError(MODULE, 'prior', prior, 'at least one parameter');
  for (const name of names) {
    const b = (prior as Record<string, unknown>)[name];
    const field = `prior.${name}`;
    if (!Array.isArray(b) || b.length !== 2) throw new ParamError(MODULE, field, b, 'a pair [lo, hi]');
    const [lo, hi] = b as unknown[];
    if (typeof lo !== 'number' || typeof hi !== 'number' || !Number.isFinite(lo) || !Number.isFinite(hi)) {
      throw new ParamError(MODULE, field, b, 'finite numbers [lo, hi]');
    }
    if (!(lo < hi)) throw new ParamError(MODULE, field, b, 'lo < hi');
  }
  return names;
}

function checkFraction(acceptFraction: unknown): number {
  return check.number(MODULE, 'acceptFraction', acceptFraction, 0, 1, { loOpen: true });
}

function checkOptions<S>(options: AbcOptions<S>): string[] {
  if (options === null || typeof options !== 'object') throw new ParamError(MODULE, 'options', options, 'an object');
  const names = checkPrior(options.prior);
  if (typeof options.simulate !== 'function') throw new ParamError(MODULE, 'simulate', options.simulate, 'a function (params, rng) -> summary');
  if (typeof options.distance !== 'function') throw new ParamError(MODULE, 'distance', options.distance, 'a function (summary) -> number');
  check.integer(MODULE, 'samples', options.samples, 1);
  checkFraction(options.acceptFraction);
  if (options.rng === null || typeof options.rng !== 'object' || typeof options.rng.fork !== 'function') {
    throw new ParamError(MODULE, 'rng', options.rng, 'an Rng');
  }
  return names;
}

/** Draw i: parameters from the prior and the distance of one simulation, from `rng.fork('sample-i')` only. */
export function abcSample<S>(i: number, options: AbcOptions<S>): AbcDraw {
  const names = checkOptions(options);
  check.integer(MODULE, 'i', i, 0);
  return drawOne(i, names, options);
}

function drawOne<S>(i: number, names: readonly string[], options: AbcOptions<S>): AbcDraw {
  const stream = options.rng.fork(`sample-${i}`);
  const priorRng = stream.fork('prior');
  const params: AbcParams = {};
  for (const name of names) {
    const [lo, hi] = options.prior[name];
    params[name] = priorRng.uniform(lo, hi);
  }
  Object.freeze(params);
  const d = options.distance(options.simulate(params, stream.fork('simulate')));
  return { index: i, params, distance: typeof d === 'number' ? d : NaN };
}

/** Number of draws kept out of n: ⌈αn⌉, at least 1 (a tiny slack absorbs rounding, e.g. 0.05·300). */
export function acceptedCount(n: number, acceptFraction: number): number {
  return Math.min(n, Math.max(1, Math.ceil(acceptFraction * n - 1e-9)));
}

/** Sample quantile of sorted values, Hyndman & Fan type 7: x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)), h = (n − 1)q. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Keep the ⌈αN⌉ closest draws (finite distances only; ties by index) and
 * summarise each parameter over them. Works on any set of draws, e.g. the
 * union of shards run separately.
 */
export function abcPosterior(all: readonly AbcDraw[], acceptFraction: number): AbcPosterior {
  if (!Array.isArray(all)) throw new ParamError(MODULE, 'all', all, 'an array of draws');
  checkFraction(acceptFraction);
  const finite = all.filter((d) => Number.isFinite(d.distance));
  finite.sort((a, b) => a.distance - b.distance || a.index - b.index);
  const accepted = finite.length === 0 ? [] : finite.slice(0, acceptedCount(all.length, acceptFraction));
  const names = new Set<string>();
  for (const d of all) for (const k of Object.keys(d.params)) names.add(k);
  const posterior: Record<string, ParamSummary> = {};
  for (const name of [...names].sort()) {
    const xs = accepted.map((d) => d.params[name]).filter((x) => typeof x === 'number');
    const sorted = Float64Array.from(xs).sort();
    let sum = 0;
    for (const x of sorted) sum += x;
    posterior[name] = {
      mean: sorted.length > 0 ? sum / sorted.length : NaN,
      median: quantileSorted(sorted, 0.5),
      q05: quantileSorted(sorted, 0.05),
      q95: quantileSorted(sorted, 0.95),
    };
  }
  return {
    accepted,
    best: accepted[0],
    tolerance: accepted.length > 0 ? accepted[accepted.length - 1].distance : NaN,
    posterior,
  };
}

/** Rejection ABC: draws 0..N−1 (see `abcSample`), then `abcPosterior`. */
export function abcRejection<S>(options: AbcOptions<S>): AbcResult {
  const names = checkOptions(options);
  const all: AbcDraw[] = [];
  for (let i = 0; i < options.samples; i++) all.push(drawOne(i, names, options));
  return { all, ...abcPosterior(all, options.acceptFraction) };
}
