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
 * order or in parallel batches given the previous population: `abcSmc`
 * simulates in this thread, `abcSmcBatched` hands batches of (parameters,
 * stream key) to an evaluator (e.g. a worker pool) with the same result.
 * For the same reason a generation depends only on the key and the previous
 * population, so no random state outlives a generation: `onGeneration` hands
 * out each completed population and `resume` restarts from such records with
 * the result of an uninterrupted run (an interrupted calibration resumes).
 * Posterior summaries are the weighted mean and weighted quantiles
 * inf{x : F_w(x) ≥ q}.
 */
import { check, ParamError } from '../model/errors.js';
import { exp } from '../model/det-math.js';
import { Rng } from '../model/rng.js';
import { checkPrior, type AbcParams, type ParamSummary, type UniformPrior } from './abc.js';

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
  /**
   * Generations 0…k−1 of an earlier run with the same options, as handed to
   * its `onGeneration`: the run continues at generation k with the result it
   * would have had uninterrupted. At most `generations` records.
   */
  readonly resume?: readonly SmcGenerationRecord[];
  /** Called with each generation as it completes (not with resumed ones), before the next one starts. */
  readonly onGeneration?: (record: SmcGenerationRecord) => void;
}

/** A completed generation: all the next generation needs besides the options. */
export interface SmcGenerationRecord {
  /** 0 for the rejection generation. */
  readonly generation: number;
  readonly tolerance: number;
  readonly attempts: number;
  readonly ess: number;
  /** The population, normalised weights (fewer than N only for a generation 0 that stopped the run). */
  readonly particles: readonly AbcParticle[];
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

/** One simulation the algorithm asks for: its parameters and the key of its stream (`new Rng(rngKey)`). */
export interface SmcTask {
  readonly params: Readonly<AbcParams>;
  readonly rngKey: string;
}

interface CheckedSmc {
  readonly names: readonly string[];
  readonly prior: UniformPrior;
  readonly n: number;
  readonly generations: number;
  readonly alpha: number;
  readonly maxAttempts: number;
  readonly rng: Rng;
  readonly resume: readonly SmcGenerationRecord[];
  readonly onGeneration: (record: SmcGenerationRecord) => void;
}

function checkResume(resume: unknown, names: readonly string[], prior: UniformPrior, n: number, generations: number): readonly SmcGenerationRecord[] {
  if (resume === undefined) return [];
  if (!Array.isArray(resume) || resume.length > generations) throw new ParamError(MODULE, 'resume', resume, `an array of at most ${generations} generation records`);
  const records = resume as readonly SmcGenerationRecord[];
  records.forEach((g, i) => {
    const at = `resume[${i}]`;
    if (g === null || typeof g !== 'object') throw new ParamError(MODULE, at, g, 'a generation record');
    if (g.generation !== i) throw new ParamError(MODULE, `${at}.generation`, g.generation, `${i} (records in generation order from 0)`);
    for (const k of ['tolerance', 'attempts', 'ess'] as const) {
      if (typeof g[k] !== 'number') throw new ParamError(MODULE, `${at}.${k}`, g[k], 'a number');
    }
    // Only a generation 0 short of N particles ends a run before generation 1 is recorded.
    const short = i === 0 && records.length === 1;
    if (!Array.isArray(g.particles) || g.particles.length > n || (!short && g.particles.length !== n)) {
      throw new ParamError(MODULE, `${at}.particles`, g.particles, `${n} particles${short ? ' (or fewer)' : ''}`);
    }
    g.particles.forEach((p, j) => {
      const pat = `${at}.particles[${j}]`;
      if (p === null || typeof p !== 'object' || p.params === null || typeof p.params !== 'object') throw new ParamError(MODULE, pat, p, 'a particle {params, distance, weight}');
      if (Object.keys(p.params).length !== names.length) throw new ParamError(MODULE, `${pat}.params`, p.params, `values of exactly ${names.join(', ')}`);
      for (const name of names) {
        const x = p.params[name];
        const [lo, hi] = prior[name];
        if (typeof x !== 'number' || !(x >= lo && x <= hi)) throw new ParamError(MODULE, `${pat}.params.${name}`, x, `a number in the prior range [${lo}, ${hi}]`);
      }
      if (typeof p.distance !== 'number') throw new ParamError(MODULE, `${pat}.distance`, p.distance, 'a number');
      if (typeof p.weight !== 'number' || !(p.weight >= 0)) throw new ParamError(MODULE, `${pat}.weight`, p.weight, 'a number ≥ 0');
    });
  });
  return records;
}

function checkSmc(options: Omit<AbcSmcOptions<unknown>, 'simulate' | 'distance'>): CheckedSmc {
  if (options === null || typeof options !== 'object') throw new ParamError(MODULE, 'options', options, 'an object');
  const names = checkPrior(options.prior);
  const n = check.integer(MODULE, 'particles', options.particles, 2);
  const generations = check.integer(MODULE, 'generations', options.generations, 1);
  const alpha = check.number(MODULE, 'quantile', options.quantile, 0, 1, { loOpen: true, hiOpen: true });
  const maxAttempts = check.integer(MODULE, 'maxAttempts', options.maxAttempts ?? 200 * n, n);
  if (options.rng === null || typeof options.rng !== 'object' || typeof options.rng.fork !== 'function') throw new ParamError(MODULE, 'rng', options.rng, 'an Rng');
  const resume = checkResume(options.resume, names, options.prior, n, generations);
  const onGeneration = options.onGeneration ?? ((): void => undefined);
  if (typeof onGeneration !== 'function') throw new ParamError(MODULE, 'onGeneration', onGeneration, 'a function (record) -> void');
  return { names, prior: options.prior, n, generations, alpha, maxAttempts, rng: options.rng, resume, onGeneration };
}

/**
 * The algorithm as a generator: it yields batches of at most `batch`
 * simulations and is resumed with their distances, in order. Attempts are
 * examined in index order and a generation ends at its N-th acceptance, so
 * the result does not depend on `batch` (a larger batch only simulates
 * some attempts past that point for nothing).
 */
function* smcSteps(o: CheckedSmc, batch: number): Generator<SmcTask[], AbcSmcResult, readonly number[]> {
  const { names, prior, n, alpha, maxAttempts } = o;
  let population: AbcParticle[];
  const history: AbcGeneration[] = o.resume.map((g) => ({ tolerance: g.tolerance, attempts: g.attempts, ess: g.ess }));
  if (o.resume.length > 0) population = [...o.resume[o.resume.length - 1].particles];
  else {
    // Generation 0: rejection ABC, N closest of ⌈N/α⌉ prior draws, draw i from gen-0/sample-i as in abc.ts.
    const draws0 = Math.ceil(n / alpha - 1e-9);
    const gen0 = o.rng.fork('gen-0');
    const tasks0: SmcTask[] = Array.from({ length: draws0 }, (_, i) => {
      const stream = gen0.fork(`sample-${i}`);
      const priorRng = stream.fork('prior');
      const params: AbcParams = {};
      for (const name of names) {
        const [lo, hi] = prior[name];
        params[name] = priorRng.uniform(lo, hi);
      }
      return { params: Object.freeze(params), rngKey: stream.fork('simulate').key };
    });
    const d0: number[] = [];
    for (let s = 0; s < draws0; s += batch) d0.push(...(yield tasks0.slice(s, s + batch)));
    const all0 = tasks0.map((t, i) => ({ index: i, params: t.params, distance: d0[i] })).filter((d) => Number.isFinite(d.distance));
    all0.sort((a, b) => a.distance - b.distance || a.index - b.index);
    population = normalise(all0.slice(0, n).map((d) => ({ params: d.params, distance: d.distance, weight: 1 })));
    history.push({ tolerance: population.length > 0 ? population[population.length - 1].distance : NaN, attempts: draws0, ess: ess(population) });
    o.onGeneration({ generation: 0, ...history[0], particles: population });
  }
  let stoppedEarly = population.length < n;

  for (let t = history.length; t < o.generations && !stoppedEarly; t++) {
    const eps = weightedQuantile(population.map((p) => p.distance), population.map(() => 1), alpha);
    const tau = names.map((name) => {
      let m = 0;
      for (const p of population) m += p.weight * p.params[name];
      let v = 0;
      for (const p of population) v += p.weight * (p.params[name] - m) ** 2;
      const [lo, hi] = prior[name];
      // A collapsed population still needs a kernel that can move.
      return Math.sqrt(Math.max(2 * v, ((hi - lo) * 1e-6) ** 2));
    });
    const weights = population.map((p) => p.weight);
    const gen = o.rng.fork(`gen-${t}`);
    const next: Array<{ params: Readonly<AbcParams>; distance: number; weight: number }> = [];
    let attempts = 0;
    let k = 0;
    while (k < maxAttempts && next.length < n) {
      // The next `batch` proposals inside the prior's support; outside it the prior density is 0 and nothing is simulated.
      const proposals: Array<{ k: number; task: SmcTask }> = [];
      for (; k < maxAttempts && proposals.length < batch; k++) {
        const stream = gen.fork(`attempt-${k}`);
        const propose = stream.fork('propose');
        const parent = population[propose.weightedIndex(weights)];
        const params: AbcParams = {};
        let inside = true;
        names.forEach((name, j) => {
          const x = propose.normal(parent.params[name], tau[j]);
          const [lo, hi] = prior[name];
          if (!(x >= lo && x < hi)) inside = false;
          params[name] = x;
        });
        if (inside) proposals.push({ k, task: { params: Object.freeze(params), rngKey: stream.fork('simulate').key } });
      }
      attempts = k;
      const ds = proposals.length > 0 ? yield proposals.map((p) => p.task) : [];
      for (let j = 0; j < proposals.length && next.length < n; j++) {
        const d = ds[j];
        if (!(d <= eps)) continue;
        const params = proposals[j].task.params;
        let denom = 0;
        for (const p of population) {
          let kernel = p.weight;
          names.forEach((name, i) => {
            const z = (params[name] - p.params[name]) / tau[i];
            kernel *= exp(-0.5 * z * z) / tau[i];
          });
          denom += kernel;
        }
        next.push({ params, distance: d, weight: 1 / denom });
        if (next.length === n) attempts = proposals[j].k + 1;
      }
    }
    if (next.length < n) {
      stoppedEarly = true;
      break;
    }
    population = normalise(next);
    history.push({ tolerance: eps, attempts, ess: ess(population) });
    o.onGeneration({ generation: t, ...history[t], particles: population });
  }
  return { particles: population, generations: history, stoppedEarly, posterior: summarise(names, population) };
}

/** ABC-SMC with an adaptive (quantile) tolerance schedule, simulating in this thread; see the banner. */
export function abcSmc<S>(options: AbcSmcOptions<S>): AbcSmcResult {
  const o = checkSmc(options);
  if (typeof options.simulate !== 'function') throw new ParamError(MODULE, 'simulate', options.simulate, 'a function (params, rng) -> summary');
  if (typeof options.distance !== 'function') throw new ParamError(MODULE, 'distance', options.distance, 'a function (summary) -> number');
  const steps = smcSteps(o, 1);
  let r = steps.next([]);
  while (!r.done) {
    r = steps.next(
      r.value.map((t) => {
        const d = options.distance(options.simulate(t.params, new Rng(t.rngKey)));
        return typeof d === 'number' ? d : NaN;
      }),
    );
  }
  return r.value;
}

export interface AbcSmcBatchedOptions extends Omit<AbcSmcOptions<unknown>, 'simulate' | 'distance'> {
  /** Distances of a batch of simulations, in order (e.g. computed on worker threads). NaN never accepts. */
  readonly evaluate: (tasks: readonly SmcTask[]) => Promise<readonly number[]>;
  /** Simulations per batch (default: the population size). The result does not depend on it. */
  readonly batch?: number;
}

/** The same algorithm with the simulations handed out in batches, e.g. to a worker pool: same result as `abcSmc` for the same simulate/distance. */
export async function abcSmcBatched(options: AbcSmcBatchedOptions): Promise<AbcSmcResult> {
  const o = checkSmc(options);
  if (typeof options.evaluate !== 'function') throw new ParamError(MODULE, 'evaluate', options.evaluate, 'a function (tasks) -> Promise of distances');
  const batch = check.integer(MODULE, 'batch', options.batch ?? o.n, 1);
  const steps = smcSteps(o, batch);
  let r = steps.next([]);
  while (!r.done) {
    const tasks = r.value;
    const ds = await options.evaluate(tasks);
    if (ds.length !== tasks.length) throw new ParamError(MODULE, 'evaluate', ds.length, `one distance per task (${tasks.length})`);
    r = steps.next(ds.map((d) => (typeof d === 'number' ? d : NaN)));
  }
  return r.value;
}
