/**
 * The 'sorted' partner sampler of algorithmic-bias against the formula
 *
 *   P(j | i) = w_j / Σ_{k≠i} w_k,   w_j = max(|x_j − x_i|, 10⁻⁵)^(−γ),
 *
 * (over i's neighbours on graphs that are not complete), computed here
 * independently (Math.pow, plain loops), and against the 'scan' sampler:
 * - chi-square goodness of fit of both samplers' draws on hand-made opinion
 *   vectors (exact ties, clusters at one value, agents within d_min of x_i)
 *   for γ ∈ {0, 0.5, 1, 1.6, 3} on complete graphs (120 comparisons), and of
 *   the sorted sampler on a dense random graph, a ring and a complete graph
 *   with an agent cut from its own cluster (27 comparisons); pinned seeds,
 *   false-alarm rate 10⁻⁶ per comparison (p-value from the regularised
 *   incomplete gamma function, itself checked against table quantiles), so
 *   below 1.5·10⁻⁴ for all 147; a wrong γ is rejected (power check);
 * - properties (fast-check, pinned seed): one rejection trial accepts each
 *   agent with probability ∝ its exact weight, i.e. the bound dominates every
 *   weight and the blocks cover the far agents exactly once; the near run is
 *   exactly the agents within d_min; the sorted index stays sorted and
 *   consistent through random interactions; convergence from the sorted
 *   opinions equals the check over every edge;
 * - whole runs with either sampler: the same distribution of convergence
 *   time and clusters (two-sample KS, α = 10⁻³ per outcome), with a power
 *   check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { ParamError } from '../../src/model/errors.js';
import { Rng } from '../../src/model/rng.js';
import { createRun, runUntilConverged } from '../../src/sim/model.js';
import { OpinionOrder, SortedPartnerSampler, sortedSettled } from '../../src/sim/models/algorithmic-bias-sorted.js';
import { boundedConfidenceSettled } from '../../src/sim/models/deffuant.js';
import { ALGORITHMIC_BIAS_MIN_DISTANCE, algorithmicBias, algorithmicBiasInteract, isCompleteGraph, scanPartner, sortedPartner } from '../../src/sim/models/algorithmic-bias.js';
import { clusterSizes, completeGraph, graphFromPairs, randomGraph, ringGraph } from '../support/opinion-arbitraries.js';

const D_MIN = 1e-5;

/** The formula, independently of the model code. */
function exactProbabilities(x: ArrayLike<number>, i: number, gamma: number): number[] {
  const w = Array.from(x, (xj, j) => (j === i ? 0 : Math.pow(Math.max(Math.abs(xj - x[i]), D_MIN), -gamma)));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / total);
}

// ---- chi-square p-value -----------------------------------------------------------

function logGamma(z: number): number {
  // Lanczos (g = 7, n = 9), relative error ~1e-15 for z > 0.5.
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  z -= 1;
  let a = c[0];
  const t = z + 7.5;
  for (let k = 1; k < 9; k++) a += c[k] / (z + k);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Upper regularised incomplete gamma Q(a, x) (series below a + 1, continued fraction above). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lead = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * 1e-16) break;
    }
    return 1 - lead * sum;
  }
  // Lentz's continued fraction.
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let n = 1; n < 1000; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return lead * h;
}

const chiSquarePValue = (stat: number, df: number): number => gammaQ(df / 2, stat / 2);

/** Chi-square statistic and degrees of freedom, pooling the least likely agents until every bin expects ≥ 5. */
function chiSquare(counts: ArrayLike<number>, probs: readonly number[], draws: number): { stat: number; df: number } {
  const idx = probs.map((_, j) => j).filter((j) => probs[j] > 0).sort((a, b) => probs[a] - probs[b]);
  const bins: Array<{ o: number; e: number }> = [];
  let pool = { o: 0, e: 0 };
  for (const j of idx) {
    pool.o += counts[j];
    pool.e += probs[j] * draws;
    if (pool.e >= 5) {
      bins.push(pool);
      pool = { o: 0, e: 0 };
    }
  }
  if (pool.e > 0 || pool.o > 0) {
    if (bins.length === 0) bins.push(pool);
    else {
      bins[bins.length - 1].o += pool.o;
      bins[bins.length - 1].e += pool.e;
    }
  }
  let stat = 0;
  for (const b of bins) stat += ((b.o - b.e) * (b.o - b.e)) / b.e;
  return { stat, df: Math.max(1, bins.length - 1) };
}

// ---- opinion vectors --------------------------------------------------------------

const uniformRandom = (n: number, key: string): Float64Array => {
  const r = new Rng(key);
  return Float64Array.from({ length: n }, () => r.next());
};

/** Hand-made vectors and the agents whose partners are drawn. */
const VECTORS: ReadonlyArray<{ name: string; x: Float64Array; focal: number[] }> = [
  {
    name: 'exact ties and a few strays',
    x: Float64Array.of(0.5, 0.5, 0.5, 0.5, 0.2, 0.2, 0.2, 0.8, 0.8, 0.55, 0.45, 0, 1, 0.5, 0.2, 0.62),
    focal: [0, 4, 9],
  },
  {
    name: 'three clusters at identical values, two strays',
    x: Float64Array.from({ length: 32 }, (_, k) => (k < 10 ? 0.1 : k < 20 ? 0.45 : k < 30 ? 0.8 : k === 30 ? 0.3 : 0.6)),
    focal: [0, 15, 30],
  },
  {
    name: 'agents within and around d_min of x_0',
    // x_0 = 0.5; others at 0.5 + k·0.4e-5 (k = ±1 … ±8), so some within d_min, some just beyond, plus ties and far agents.
    x: Float64Array.from([0.5, 0.5, ...Array.from({ length: 16 }, (_, k) => 0.5 + (k < 8 ? k + 1 : -(k - 7)) * 0.4e-5), 0.5 + 3e-5, 0.7, 0.1, 0.49]),
    focal: [0, 2, 19],
  },
  { name: 'uniform random, N = 100', x: uniformRandom(100, 'ab-sampler/uniform'), focal: [0, 17, 63] },
];

const GAMMAS = [0, 0.5, 1, 1.6, 3];
/** Draws per comparison: the scan costs O(N) each, the sorted sampler far less, so it gets more (more power). */
const DRAWS = 20_000;
const SORTED_DRAWS = 200_000;
const ALPHA = 1e-6;

describe('algorithmic-bias: chi-square p-value helper', () => {
  it('matches table quantiles of the chi-square distribution', () => {
    // Upper-tail quantiles from standard tables (e.g. NIST/SEMATECH e-Handbook, 1.3.6.7.4).
    const table: Array<[number, number, number]> = [
      [1, 3.841, 0.05],
      [1, 10.828, 0.001],
      [10, 18.307, 0.05],
      [10, 29.588, 0.001],
      [50, 67.505, 0.05],
      [99, 148.23, 0.001],
    ];
    for (const [df, q, p] of table) expect(Math.abs(chiSquarePValue(q, df) - p) / p, `df ${df}`).toBeLessThan(0.01);
  });
});

describe('algorithmic-bias: the sorted sampler draws P(j | i) exactly', () => {
  for (const v of VECTORS) {
    const graph = completeGraph(v.x.length);
    for (const gamma of GAMMAS) {
      it(`${v.name}, γ = ${gamma}: sorted and scan both fit the formula`, () => {
        const sampler = new SortedPartnerSampler(v.x, gamma, ALGORITHMIC_BIAS_MIN_DISTANCE);
        const w = new Float64Array(v.x.length);
        for (const i of v.focal) {
          const probs = exactProbabilities(v.x, i, gamma);
          const sorted = new Float64Array(v.x.length);
          const scan = new Float64Array(v.x.length);
          const rs = new Rng(`ab-sampler/sorted/${v.name}/${gamma}/${i}`);
          const rc = new Rng(`ab-sampler/scan/${v.name}/${gamma}/${i}`);
          for (let d = 0; d < SORTED_DRAWS; d++) sorted[sampler.draw(i, rs)]++;
          for (let d = 0; d < DRAWS; d++) scan[scanPartner(graph, v.x, i, gamma, rc.next(), w)]++;
          expect(sorted[i], 'never itself').toBe(0);
          for (const [name, counts, draws] of [['sorted', sorted, SORTED_DRAWS], ['scan', scan, DRAWS]] as const) {
            const { stat, df } = chiSquare(counts, probs, draws);
            expect(chiSquarePValue(stat, df), `${name}, agent ${i}: χ² = ${stat.toFixed(1)} on ${df} df`).toBeGreaterThan(ALPHA);
          }
        }
      });
    }
  }

  it('a wrong distribution is rejected by the same test (power check)', () => {
    // Drawing with γ = 1.6 but testing against γ = 1 must fail on the uniform vector.
    const v = VECTORS[3];
    const sampler = new SortedPartnerSampler(v.x, 1.6, ALGORITHMIC_BIAS_MIN_DISTANCE);
    const counts = new Float64Array(v.x.length);
    const r = new Rng('ab-sampler/power');
    for (let d = 0; d < DRAWS; d++) counts[sampler.draw(17, r)]++;
    const { stat, df } = chiSquare(counts, exactProbabilities(v.x, 17, 1), DRAWS);
    expect(chiSquarePValue(stat, df)).toBeLessThan(ALPHA);
  });
});

// ---- properties -------------------------------------------------------------------

/** Opinion vectors with exact ties, clusters and agents within d_min of each other. */
const clusteredOpinions = fc
  .record({
    centres: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
    picks: fc.array(fc.tuple(fc.nat(3), fc.integer({ min: -4, max: 4 }), fc.boolean()), { minLength: 2, maxLength: 60 }),
  })
  .map(({ centres, picks }) =>
    Float64Array.from(picks, ([c, k, tie]) => {
      const v = centres[c % centres.length] + (tie ? 0 : k * 0.6e-5);
      return Math.min(1, Math.max(0, v));
    }),
  );

const gammaArb = fc.oneof(fc.constantFrom(0, 0.5, 1, 1.6, 3), fc.double({ min: 0, max: 20, noNaN: true }));

/**
 * What one rejection trial of `draw` does, as probabilities: proposes agent
 * j and accepts it. Follows the code's path (near run, coarse side bound,
 * go on to the blocks with probability total / coarse, block by its bound
 * mass, agent uniform in it, accept with w_j / bound), capping each
 * probability at 1 as the code's comparison does.
 */
function trialAcceptance(sampler: SortedPartnerSampler, i: number): number[] {
  const { order, vals, n } = sampler.index;
  const env = sampler.envelope(i);
  const { left, right, leftTotal, rightTotal } = sampler.blocks(env);
  const xi = vals[env.p];
  const nearCount = env.hi - env.lo;
  const nearMass = nearCount * env.w0;
  const z = nearMass + env.leftCoarse + env.rightCoarse;
  const out = new Array<number>(n).fill(0);
  for (let k = env.lo; k <= env.hi; k++) if (k !== env.p) out[order[k]] += nearMass / z / nearCount;
  for (const [side, total, coarse, dir] of [
    [left, leftTotal, env.leftCoarse, -1],
    [right, rightTotal, env.rightCoarse, 1],
  ] as const) {
    // The blocks' bound never exceeds the coarse bound the side was chosen with.
    expect(total).toBeLessThanOrEqual(coarse);
    for (let b = 0; b < side.count; b++) {
      for (let o = 0; o < side.size[b]; o++) {
        const k = side.near[b] + dir * o;
        // Dominance, exactly in floating point: a weight above its bound would be capped (biased).
        expect(sampler.weightAt(k, xi)).toBeLessThanOrEqual(side.bound[b]);
        const pBlock = (side.size[b] * side.bound[b]) / total;
        const accept = Math.min(1, sampler.weightAt(k, xi) / side.bound[b]);
        out[order[k]] += (coarse / z) * Math.min(1, total / coarse) * pBlock * (1 / side.size[b]) * accept;
      }
    }
  }
  return out;
}

describe('algorithmic-bias: the sorted sampler (properties)', () => {
  it('one trial accepts every agent with probability ∝ its exact weight (the bound dominates)', () => {
    fc.assert(
      fc.property(clusteredOpinions, gammaArb, fc.nat(), (x, gamma, pick) => {
        const i = pick % x.length;
        const sampler = new SortedPartnerSampler(x, gamma, D_MIN);
        const a = trialAcceptance(sampler, i);
        const sum = a.reduce((s, v) => s + v, 0);
        const exact = exactProbabilities(x, i, gamma);
        for (let j = 0; j < x.length; j++) {
          if (exact[j] === 0) expect(a[j], `agent ${j}`).toBe(0);
          else expect(Math.abs(a[j] / sum - exact[j]) / exact[j], `agent ${j}`).toBeLessThan(1e-9);
        }
      }),
      { seed: 20261207, numRuns: 300 },
    );
  });

  it('the near run is exactly the agents within d_min of x_i and holds i', () => {
    fc.assert(
      fc.property(clusteredOpinions, fc.nat(), (x, pick) => {
        const i = pick % x.length;
        const sampler = new SortedPartnerSampler(x, 1.6, D_MIN);
        const env = sampler.envelope(i);
        const { order } = sampler.index;
        expect(order[env.p]).toBe(i);
        expect(env.lo <= env.p && env.p <= env.hi).toBe(true);
        for (let k = 0; k < x.length; k++) {
          const near = Math.abs(x[order[k]] - x[i]) <= D_MIN;
          expect(k >= env.lo && k <= env.hi, `rank ${k}`).toBe(near);
        }
      }),
      { seed: 20261208, numRuns: 300 },
    );
  });

  it('the index stays sorted and consistent through random interactions', () => {
    const check = (order: OpinionOrder, x: Float64Array): void => {
      for (let k = 1; k < order.n; k++) expect(order.vals[k - 1] <= order.vals[k], `rank ${k}`).toBe(true);
      for (let a = 0; a < order.n; a++) {
        expect(order.order[order.rank[a]]).toBe(a);
        expect(order.vals[order.rank[a]]).toBe(x[a]);
      }
    };
    fc.assert(
      fc.property(
        clusteredOpinions.filter((x) => x.length >= 3),
        gammaArb,
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0.05, max: 0.5, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }),
        (x0, gamma, epsilon, mu, calls) => {
          const graph = completeGraph(x0.length);
          const state = createRun(algorithmicBias, graph, { gamma, epsilon, mu, initialOpinions: x0, sampler: 'sorted' }, new Rng('ab-sampler/index'));
          const sorted = state.sorted;
          expect(sorted).not.toBeNull();
          if (sorted === null) return;
          for (const count of calls) {
            algorithmicBiasInteract(state, count);
            // Checked right after the call: the incremental updates, not a rebuild, kept it right.
            check(sorted.index, state.opinions);
          }
        },
      ),
      { seed: 20261209, numRuns: 200 },
    );
  });

  it('convergence from the sorted opinions equals the check over every edge of the complete graph', () => {
    fc.assert(
      fc.property(
        clusteredOpinions,
        fc.constantFrom(1e-6, 5e-6, 1e-5, 3e-5, 0.05),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (x, tolerance, e) => {
          const epsilon = tolerance + e * (1 - tolerance) + 1e-9;
          const order = new OpinionOrder(x);
          expect(sortedSettled(order.vals, epsilon, tolerance)).toBe(boundedConfidenceSettled(completeGraph(x.length), x, epsilon, tolerance));
        },
      ),
      { seed: 20261210, numRuns: 400 },
    );
    // Hand-made: 0, 0.6 tol, 1.2 tol — neighbours within tolerance, the ends not (unsettled).
    const tol = 1e-3;
    expect(sortedSettled(Float64Array.of(0, 0.6 * tol, 1.2 * tol), 0.2, tol)).toBe(false);
    expect(sortedSettled(Float64Array.of(0, 0.4 * tol, 0.8 * tol, 0.5, 0.5), 0.2, tol)).toBe(true);
    expect(sortedSettled(Float64Array.of(0, 0.4 * tol, 0.8 * tol, 0.15, 0.5), 0.2, tol)).toBe(false);
  });

  it('re-sorts opinions edited from outside between calls', () => {
    const x0 = uniformRandom(30, 'ab-sampler/edit');
    const state = createRun(algorithmicBias, completeGraph(30), { gamma: 1, epsilon: 0.3, initialOpinions: x0, sampler: 'sorted' }, new Rng('edit'));
    algorithmicBiasInteract(state, 50);
    state.opinions[3] = 0.999;
    state.opinions[7] = 0;
    algorithmicBiasInteract(state, 50);
    const index = state.sorted?.index;
    expect(index).toBeDefined();
    if (index === undefined) return;
    for (let a = 0; a < 30; a++) expect(index.vals[index.rank[a]]).toBe(state.opinions[a]);
    for (let k = 1; k < 30; k++) expect(index.vals[k - 1] <= index.vals[k]).toBe(true);
  });
});

/** Two-sample Kolmogorov–Smirnov statistic sup |F_a − F_b|. */
function ksStatistic(a: readonly number[], b: readonly number[]): number {
  const xs = [...new Set([...a, ...b])].sort((u, v) => u - v);
  let d = 0;
  for (const x of xs) {
    const fa = a.filter((v) => v <= x).length / a.length;
    const fb = b.filter((v) => v <= x).length / b.length;
    d = Math.max(d, Math.abs(fa - fb));
  }
  return d;
}

describe('algorithmic-bias: whole runs with either sampler', () => {
  // Same model, other random draws: the outcome distributions must agree.
  // KS at α = 10⁻³ per outcome (asymptotic critical value c(α) = 1.95;
  // conservative with the ties of integer step counts), 2 outcomes.
  const N = 40;
  const RUNS = 60;
  const graph = completeGraph(N);
  const effectiveClusters = (x: Float64Array): number => (N * N) / clusterSizes(x, 1e-2).reduce((acc, c) => acc + c * c, 0);
  const outcomes = (sampler: 'scan' | 'sorted', gamma: number): { steps: number[]; clusters: number[] } => {
    const steps: number[] = [];
    const clusters: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const state = createRun(algorithmicBias, graph, { gamma, epsilon: 0.3, mu: 0.5, tolerance: 1e-4, sampler }, new Rng(`ab-sampler/runs/${r}`));
      const res = runUntilConverged(algorithmicBias, state, { maxSteps: 20_000 });
      expect(res.converged).toBe(true);
      steps.push(res.steps);
      clusters.push(effectiveClusters(state.opinions));
    }
    return { steps, clusters };
  };
  const critical = 1.95 * Math.sqrt((2 * RUNS) / (RUNS * RUNS));
  const scan = outcomes('scan', 1);

  it('γ = 1: steps to convergence and clusters have the same distribution (two-sample KS)', () => {
    const sorted = outcomes('sorted', 1);
    expect(ksStatistic(scan.steps, sorted.steps)).toBeLessThan(critical);
    expect(ksStatistic(scan.clusters, sorted.clusters)).toBeLessThan(critical);
  });

  it('the same test tells γ = 1 from γ = 0.9 (power check)', () => {
    const other = outcomes('sorted', 0.9);
    expect(ksStatistic(scan.steps, other.steps)).toBeGreaterThan(critical);
  });
});

/** P(j | i) among i's out-neighbours only, from the formula. */
function neighbourProbabilities(graph: CsrGraph, x: ArrayLike<number>, i: number, gamma: number): number[] {
  const w = new Array<number>(x.length).fill(0);
  const { start, deg, targets } = graph.out;
  for (let k = start[i]; k < start[i] + deg[i]; k++) {
    const j = targets[k];
    w[j] = Math.pow(Math.max(Math.abs(x[j] - x[i]), D_MIN), -gamma);
  }
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / total);
}

/** Complete graph on n agents without the links between agent 0 and agents 1..cut. */
function completeMinusStar(n: number, cut: number): CsrGraph {
  const pairs: Array<[number, number]> = [];
  for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) if (!(u === 0 && v <= cut)) pairs.push([u, v]);
  return graphFromPairs(n, pairs);
}

describe('algorithmic-bias: the sorted sampler on graphs that are not complete', () => {
  // Three clusters at identical values and strays; agent 0's own cluster (1..9) is cut off from it
  // in the third graph, so almost all of its tries fail and the scan fallback draws.
  const x = Float64Array.from({ length: 40 }, (_, k) => (k < 10 ? 0.5 : k < 20 ? 0.2 : k < 30 ? 0.8 : 0.05 + k * 0.02));
  const graphs: Array<[string, CsrGraph, number[]]> = [
    ['dense random graph', randomGraph(40, 500, 'ab-sampler/dense'), [0, 12, 33]],
    ['ring (sparse: the scan draws)', ringGraph(40, 2), [0, 12, 33]],
    ['complete but agent 0 cut from its cluster', completeMinusStar(40, 9), [0, 1, 25]],
  ];
  for (const [name, graph, focal] of graphs) {
    for (const gamma of [0, 1.6, 3]) {
      it(`${name}, γ = ${gamma}: partners follow the formula among the neighbours (chi-square, α = 10⁻⁶)`, () => {
        expect(isCompleteGraph(graph)).toBe(false);
        const state = createRun(algorithmicBias, graph, { gamma, epsilon: 0.3, initialOpinions: x, sampler: 'sorted' }, new Rng(`ab-sampler/graph/${name}/${gamma}`));
        for (const i of focal) {
          const probs = neighbourProbabilities(graph, x, i, gamma);
          const counts = new Float64Array(x.length);
          for (let d = 0; d < DRAWS; d++) counts[sortedPartner(state, i)]++;
          const { stat, df } = chiSquare(counts, probs, DRAWS);
          expect(chiSquarePValue(stat, df), `agent ${i}: χ² = ${stat.toFixed(1)} on ${df} df`).toBeGreaterThan(ALPHA);
          for (let j = 0; j < x.length; j++) if (probs[j] === 0) expect(counts[j], `non-neighbour ${j} of ${i}`).toBe(0);
        }
      });
    }
  }

  it('a follow removed after the start is never drawn again', () => {
    const graph = completeGraph(6);
    const state = createRun(algorithmicBias, graph, { sampler: 'sorted', gamma: 1, initialOpinions: Float64Array.of(0.5, 0.5, 0.1, 0.9, 0.3, 0.7) }, new Rng('edited'));
    graph.removeEdge(0, 1);
    for (let d = 0; d < 2000; d++) expect(sortedPartner(state, 0)).not.toBe(1);
  });
});

describe('algorithmic-bias: the sampler parameter', () => {
  it("validates `sampler`, and leaves the default 'scan' out of the validated parameters", () => {
    expect(() => algorithmicBias.validate({ sampler: 'fast' } as never)).toThrow(ParamError);
    expect(() => algorithmicBias.validate({ sampler: 'fast' } as never)).toThrow(/`sampler`.*"scan", "sorted"/);
    // Left out so that runs made before the option keep their parameter digest (goldens, caches).
    expect('sampler' in algorithmicBias.validate({})).toBe(false);
    expect('sampler' in algorithmicBias.validate({ sampler: 'scan' })).toBe(false);
    expect(algorithmicBias.validate({ sampler: 'sorted' }).sampler).toBe('sorted');
  });

  it("'sorted' on the smallest graphs: one agent never moves, two agents always meet", () => {
    const one = createRun(algorithmicBias, completeGraph(1), { sampler: 'sorted', initialOpinions: Float64Array.of(0.3) }, new Rng('one'));
    algorithmicBiasInteract(one, 10);
    expect(Array.from(one.opinions)).toEqual([0.3]);
    expect(one.interactions).toBe(10);
    expect(algorithmicBias.isConverged(one)).toBe(true);
    const two = createRun(algorithmicBias, completeGraph(2), { sampler: 'sorted', gamma: 3, epsilon: 0.5, initialOpinions: Float64Array.of(0.25, 0.75) }, new Rng('two'));
    // |Δ| = 0.5 is not < ε: settled, and no interaction moves them; with ε = 0.6 they meet at the mean.
    expect(algorithmicBias.isConverged(two)).toBe(true);
    algorithmicBiasInteract(two, 5);
    expect(Array.from(two.opinions)).toEqual([0.25, 0.75]);
    const meet = createRun(algorithmicBias, completeGraph(2), { sampler: 'sorted', gamma: 3, epsilon: 0.6, initialOpinions: Float64Array.of(0.25, 0.75) }, new Rng('two'));
    expect(algorithmicBias.isConverged(meet)).toBe(false);
    algorithmicBiasInteract(meet, 1);
    expect(Array.from(meet.opinions)).toEqual([0.5, 0.5]);
    expect(algorithmicBias.isConverged(meet)).toBe(true);
  });

  it('tells complete graphs from the others', () => {
    expect(isCompleteGraph(completeGraph(5))).toBe(true);
    expect(isCompleteGraph(ringGraph(5))).toBe(false);
    // Directed complete graph: both directions present.
    const pairs: number[][] = [];
    for (let u = 0; u < 4; u++) for (let v = 0; v < 4; v++) if (u !== v) pairs.push([u, v]);
    const directed = CsrGraph.fromEdgeList({ n: 4, directed: true, src: Int32Array.from(pairs, (p) => p[0]), dst: Int32Array.from(pairs, (p) => p[1]), m: pairs.length });
    expect(isCompleteGraph(directed)).toBe(true);
    expect(isCompleteGraph(CsrGraph.fromEdgeList({ n: 4, directed: true, src: Int32Array.from(pairs.slice(1), (p) => p[0]), dst: Int32Array.from(pairs.slice(1), (p) => p[1]), m: pairs.length - 1 }))).toBe(false);
  });
});
