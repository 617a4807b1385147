/**
 * ABC sequential Monte Carlo / population Monte Carlo (Beaumont, Cornuet,
 * Marin & Robert, "Adaptive approximate Bayesian computation", Biometrika
 * 96, 983–990 (2009); Toni et al., J. R. Soc. Interface 6, 187–202 (2009)).
 * A population of N weighted particles is carried through a decreasing
 * sequence of tolerances ε_0 > ε_1 > …: generation 0 is rejection ABC (the N
 * closest of ⌈N/α⌉ prior draws); generation t sets ε_t to the α-quantile of
 * the previous population's distances, and fills a new population by
 * picking a previous particle j with probability w_j, perturbing it with a
 * Gaussian kernel, and keeping the proposal if it lies in the prior's support
 * and its simulation is within ε_t. Importance weights correct for proposing
 * from the kernel mixture instead of the prior:
 *
 *   θ* = θ_j + N(0, diag τ²),  τ_k² = 2 · Var_w(θ_k)   (Beaumont et al. 2009)
 *   w*  ∝ π(θ*) / Σ_j w_j Π_k φ((θ*_k − θ_j,k)/τ_k)/τ_k
 *
 * With uniform priors π is constant on its support, so only the denominator
 * matters. Attempt k of generation t draws only from
 * `rng.fork('gen-t').fork('attempt-k')`, and the population is the first N
 * accepted attempts by index, so a generation's attempts can be run in any
 * order or in parallel batches given the previous population. Posterior
 * summaries are the weighted mean and weighted quantiles inf{x : F_w(x) ≥ q}.
 */
import { check, ParamError } from '../model/errors.js';
import { exp } from '../model/det-math.js';
import type { Rng } from '../model/rng.js';
import { abcSample, checkPrior, type AbcParams, type ParamSummary, type UniformPrior } from './abc.js';

const MODULE = 'calibrate/abc-smc';

export interface AbcSmcOptions<S> {
  readonly prior: UniformPrior;
  readonly simulate: (params: Readonly<AbcParams>, rng: Rng) => S;
  readonly distance: (sim: S) => number;
  /** Population size N. */
  readonly particles: number;
  /** Number of populations, generation 0 (rejection) included; ≥ 1. */
  readonly generations: number;
  /** α ∈ (0, 1): generation 0 keeps N of ⌈N/α⌉ prior draws; ε_t is the α-quantile of the previous distances. */
  readonly quantile: number;
  /** Proposals allowed per generation before giving up (default 200·N); the run then stops with the populations so far. */
  readonly maxAttempts?: number;
  readonly rng: Rng;
}

export interface AbcParticle {
  readonly params: Readonly<AbcParams>;
  readonly distance: number;
  /** Normalised importance weight (the weights of a population sum to 1). */
  readonly weight: number;
}

export interface AbcGeneration {
  readonly tolerance: number;
  /** Simulations run for this generation. */
  readonly attempts: number;
  /** Kish's effective sample size (Σw)²/Σw² of the population. */
  readonly ess: number;
}

export interface AbcSmcResult {
  /** The last complete population. */
  readonly particles: AbcParticle[];
  readonly generations: AbcGeneration[];
  /** True if a generation ran out of `maxAttempts` and the run stopped early. */
  readonly stoppedEarly: boolean;
  readonly posterior: Record<string, ParamSummary>;
}

/** inf{x : F_w(x) ≥ q} of a weighted sample (weights need not be normalised). */
export function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  let total = 0;
  for (const w of weights) total += w;
  if (!(total > 0)) return NaN;
  let c = 0;
  for (const i of order) {
    c += weights[i];
    if (c >= q * total * (1 - 1e-12)) return values[i];
  }
  return values[order[order.length - 1]];
}

function summarise(names: readonly string[], particles: readonly AbcParticle[]): Record<string, ParamSummary> {
  const out: Record<string, ParamSummary> = {};
  const w = particles.map((p) => p.weight);
  for (const name of names) {
    const xs = particles.map((p) => p.params[name]);
    let m = 0;
    let tw = 0;
    for (let i = 0; i < xs.length; i++) {
      m += w[i] * xs[i];
      tw += w[i];
    }
    out[name] = {
      mean: tw > 0 ? m / tw : NaN,
      median: weightedQuantile(xs, w, 0.5),
      q05: weightedQuantile(xs, w, 0.05),
      q95: weightedQuantile(xs, w, 0.95),
    };
  }
  return out;
}

function ess(particles: readonly AbcParticle[]): number {
  let s = 0;
  let sq = 0;
  for (const p of particles) {
    s += p.weight;
    sq += p.weight * p.weight;
  }
  return sq > 0 ? (s * s) / sq : 0;
}

function normalise(particles: Array<{ params: Readonly<AbcParams>; distance: number; weight: number }>): AbcParticle[] {
  let total = 0;
  for (const p of particles) total += p.weight;
  return particles.map((p) => ({ params: p.params, distance: p.distance, weight: p.weight / total }));
}

/** ABC-SMC with an adaptive (quantile) tolerance schedule; see the banner. */
export function abcSmc<S>(options: AbcSmcOptions<S>): AbcSmcResult {
  if (options === null || typeof options !== 'object') throw new ParamError(MODULE, 'options', options, 'an object');
  const names = checkPrior(options.prior);
  const n = check.integer(MODULE, 'particles', options.particles, 2);
  const generations = check.integer(MODULE, 'generations', options.generations, 1);
  const alpha = check.number(MODULE, 'quantile', options.quantile, 0, 1, { loOpen: true, hiOpen: true });
  const maxAttempts = check.integer(MODULE, 'maxAttempts', options.maxAttempts ?? 200 * n, n);
  if (typeof options.simulate !== 'function') throw new ParamError(MODULE, 'simulate', options.simulate, 'a function (params, rng) -> summary');
  if (typeof options.distance !== 'function') throw new ParamError(MODULE, 'distance', options.distance, 'a function (summary) -> number');

  // Generation 0: rejection ABC, N closest of ⌈N/α⌉ prior draws.
  const draws0 = Math.ceil(n / alpha - 1e-9);
  const base = { prior: options.prior, simulate: options.simulate, distance: options.distance, samples: draws0, acceptFraction: alpha, rng: options.rng.fork('gen-0') };
  const all0 = Array.from({ length: draws0 }, (_, i) => abcSample(i, base)).filter((d) => Number.isFinite(d.distance));
  all0.sort((a, b) => a.distance - b.distance || a.index - b.index);
  let population = normalise(all0.slice(0, n).map((d) => ({ params: d.params, distance: d.distance, weight: 1 })));
  const history: AbcGeneration[] = [{ tolerance: population.length > 0 ? population[population.length - 1].distance : NaN, attempts: draws0, ess: ess(population) }];
  let stoppedEarly = population.length < n;

  for (let t = 1; t < generations && !stoppedEarly; t++) {
    const eps = weightedQuantile(population.map((p) => p.distance), population.map(() => 1), alpha);
    const tau = names.map((name) => {
      let m = 0;
      for (const p of population) m += p.weight * p.params[name];
      let v = 0;
      for (const p of population) v += p.weight * (p.params[name] - m) ** 2;
      const [lo, hi] = options.prior[name];
      // A collapsed population still needs a kernel that can move.
      return Math.sqrt(Math.max(2 * v, ((hi - lo) * 1e-6) ** 2));
    });
    const weights = population.map((p) => p.weight);
    const gen = options.rng.fork(`gen-${t}`);
    const next: Array<{ params: Readonly<AbcParams>; distance: number; weight: number }> = [];
    let attempts = 0;
    for (let k = 0; k < maxAttempts && next.length < n; k++) {
      attempts++;
      const stream = gen.fork(`attempt-${k}`);
      const propose = stream.fork('propose');
      const parent = population[propose.weightedIndex(weights)];
      const params: AbcParams = {};
      let inside = true;
      names.forEach((name, j) => {
        const x = propose.normal(parent.params[name], tau[j]);
        const [lo, hi] = options.prior[name];
        if (!(x >= lo && x < hi)) inside = false;
        params[name] = x;
      });
      // Outside the support the prior density is 0: the proposal is rejected without simulating.
      if (!inside) continue;
      Object.freeze(params);
      const d = options.distance(options.simulate(params, stream.fork('simulate')));
      if (!(d <= eps)) continue;
      let denom = 0;
      for (const p of population) {
        let kernel = p.weight;
        names.forEach((name, j) => {
          const z = (params[name] - p.params[name]) / tau[j];
          kernel *= exp(-0.5 * z * z) / tau[j];
        });
        denom += kernel;
      }
      next.push({ params, distance: d, weight: 1 / denom });
    }
    if (next.length < n) {
      stoppedEarly = true;
      break;
    }
    population = normalise(next);
    history.push({ tolerance: eps, attempts, ess: ess(population) });
  }
  return { particles: population, generations: history, stoppedEarly, posterior: summarise(names, population) };
}
