/**
 * Algorithmic bias: Deffuant bounded confidence in which a recommender
 * chooses the partner, favouring agents with similar opinions.
 *
 * An interaction picks an agent i uniformly at random, then a partner j among
 * the agents i follows (CSR out-neighbours; any neighbour when undirected;
 * the complete graph is the paper's setting) with probability
 *
 *   P(j | i) ∝ max(|x_i − x_j|, d_min)^(−γ),   d_min = 1e-5,
 *
 * then applies the Deffuant update: if |x_i − x_j| < ε, x_i ← x_i + μ (x_j −
 * x_i) and x_j ← x_j + μ (x_i − x_j). γ = 0 is plain Deffuant; larger γ
 * fragments and polarises opinions and slows convergence dramatically.
 * The streams are those of `deffuant` (`init` for opinions; `pairs`, two draws
 * per interaction: agent, then partner by inverting the cumulative weights),
 * so with γ = 0 the two models give identical trajectories from one key.
 *
 * Opinion domain: [0, 1] as in the paper (μ = 0.5 there: partners meet at
 * their mean). Initial opinions: uniform on [0, 1], or `initialOpinions`.
 * Time: one step = N interactions (one "iteration" of the reference code).
 * Converged, as for Deffuant, when every edge has |Δ| < tolerance or ≥ ε.
 *
 * Partner sampler (`sampler`): 'scan' (default) computes every neighbour's
 * weight and inverts the cumulative sum, O(degree) per interaction; it is
 * the stream above. 'sorted' keeps the agents sorted by opinion and samples
 * by rejection from a bound built on the sorted order
 * (algorithmic-bias-sorted.ts): the same P(j | i), other draws, and
 * O(log N) per interaction on a complete graph once opinions have merged
 * into clusters, where long runs spend their time. On other graphs, an
 * agent with at least N/8 neighbours draws from all agents and keeps the
 * draw if it is a neighbour (exact for the neighbours), up to
 * SORTED_TRIES times, then falls back to the scan; that is exact too, since
 * every try keeps each neighbour with probability ∝ its weight and the
 * fallback draws them ∝ their weight. Sparser agents use the scan, which
 * is cheap for them.
 *
 * Sîrbu, Pedreschi, Giannotti & Kertész, "Algorithmic bias amplifies opinion
 * fragmentation and polarization: A bounded confidence model", PLOS ONE
 * 14(3), e0213246 (2019).
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import { pow } from '../../model/det-math.js';
import { check, withDefaults } from '../../model/errors.js';
import type { Rng } from '../../model/rng.js';
import { defineModel, type ModelState } from '../model.js';
import { NeighbourRows, SortedPartnerSampler, sortedSettled } from './algorithmic-bias-sorted.js';
import { boundedConfidenceSettled, checkInitialOpinions, initialOpinions } from './deffuant.js';

export const ALGORITHMIC_BIAS_ID = 'algorithmic-bias';
const MODULE = 'sim/models/algorithmic-bias';

/** Distance floor of the selection weights (the reference implementation's 0.00001). */
export const ALGORITHMIC_BIAS_MIN_DISTANCE = 1e-5;

export interface AlgorithmicBiasParams {
  /** Confidence bound ε in (0, 1]: interact only if |x_i − x_j| < ε. */
  readonly epsilon: number;
  /** Convergence rate μ in (0, 0.5]. */
  readonly mu: number;
  /** Strength of the algorithmic bias γ in [0, 20] (0 = Deffuant). */
  readonly gamma: number;
  /** Convergence tolerance on opinion differences across edges, in (0, ε). */
  readonly tolerance: number;
  /** Initial opinions (length N, in [0, 1]; copied), or null for uniform. */
  readonly initialOpinions: Float64Array | null;
  /**
   * How the partner is drawn: 'scan' (absent = 'scan', the default) or
   * 'sorted' (same distribution, other draws; fastest on complete graphs). Validation
   * leaves the default out, so the parameters of runs made before this
   * option existed keep their digest.
   */
  readonly sampler?: AlgorithmicBiasSampler;
}

export type AlgorithmicBiasSampler = 'scan' | 'sorted';
export const ALGORITHMIC_BIAS_SAMPLERS: readonly AlgorithmicBiasSampler[] = ['scan', 'sorted'];

export interface AlgorithmicBiasState extends ModelState {
  readonly params: AlgorithmicBiasParams;
  readonly opinions: Float64Array;
  interactions: number;
  /** Agent and partner draws, two per interaction. */
  readonly pairs: Rng;
  /** Selection weights of one agent's neighbours (internal; grows with the largest degree seen). */
  weights: Float64Array;
  /** `sampler: 'sorted'`: the sorted index and its sampler (internal); null for 'scan'. */
  readonly sorted: SortedPartnerSampler | null;
  /** 'sorted' on a graph that is not complete: sorted neighbour rows (internal); null otherwise. */
  neighbours: NeighbourRows | null;
  /** The graph's version `neighbours` was made for ('sorted' only; internal). */
  graphVersion: number;
}

/** Tries of the sorted proposal on a graph that is not complete before the scan takes over. */
export const SORTED_TRIES = 16;

export const ALGORITHMIC_BIAS_DEFAULTS: Readonly<AlgorithmicBiasParams> = Object.freeze({
  epsilon: 0.2,
  mu: 0.5,
  gamma: 1,
  tolerance: 1e-6,
  initialOpinions: null,
  sampler: 'scan',
});

function maxDegree(graph: CsrGraph): number {
  let m = 0;
  for (let i = 0; i < graph.n; i++) if (graph.out.deg[i] > m) m = graph.out.deg[i];
  return m;
}

/**
 * x^e for an integer e ≥ 0 by repeated squaring, the same operations in the
 * same order as det-math's powInt (so 1 / powPositiveInteger(x, γ) is
 * det-math's pow(x, −γ) to the bit; e = 0 gives 1, as pow(x, 0) does).
 */
function powPositiveInteger(x: number, e: number): number {
  let result = 1;
  let base = x;
  while (e > 0) {
    if (e & 1) result *= base;
    base *= base;
    e = Math.floor(e / 2);
  }
  return result;
}

/** Is the graph complete: every agent's out-neighbours are exactly all the other agents? */
export function isCompleteGraph(graph: CsrGraph): boolean {
  const { start, deg, targets } = graph.out;
  const n = graph.n;
  const seen = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (deg[i] !== n - 1) return false;
    for (let k = start[i]; k < start[i] + deg[i]; k++) {
      const j = targets[k];
      if (j === i || seen[j] === i) return false;
      seen[j] = i;
    }
  }
  return true;
}

/**
 * The 'scan' partner of agent i (degree ≥ 1) for the uniform draw u:
 * every neighbour's weight into `w` (length ≥ degree), then the first
 * neighbour whose cumulative weight exceeds u · total.
 */
export function scanPartner(graph: CsrGraph, x: Float64Array, i: number, gamma: number, u: number, w: Float64Array): number {
  const { start, targets } = graph.out;
  const d = graph.out.deg[i];
  const s = start[i];
  const xi = x[i];
  let total = 0;
  // pow(d, −γ) for an integer γ is det-math's repeated squaring, 1 / d^γ (γ ≤ 20 by validation): computed
  // here without the call and its special-case tests, to the same bits. Other γ go through det-math's pow.
  if (gamma === 1) {
    for (let k = 0; k < d; k++) {
      const wk = 1 / Math.max(Math.abs(x[targets[s + k]] - xi), ALGORITHMIC_BIAS_MIN_DISTANCE);
      w[k] = wk;
      total += wk;
    }
  } else if (Number.isInteger(gamma)) {
    for (let k = 0; k < d; k++) {
      const wk = 1 / powPositiveInteger(Math.max(Math.abs(x[targets[s + k]] - xi), ALGORITHMIC_BIAS_MIN_DISTANCE), gamma);
      w[k] = wk;
      total += wk;
    }
  } else {
    for (let k = 0; k < d; k++) {
      const wk = pow(Math.max(Math.abs(x[targets[s + k]] - xi), ALGORITHMIC_BIAS_MIN_DISTANCE), -gamma);
      w[k] = wk;
      total += wk;
    }
  }
  // Invert the cumulative weights; rounding can leave r ≥ 0 after the last one.
  let r = u * total;
  let pick = d - 1;
  for (let k = 0; k < d; k++) {
    r -= w[k];
    if (r < 0) {
      pick = k;
      break;
    }
  }
  return targets[s + pick];
}

/** `count` biased pairwise interactions. */
export function algorithmicBiasInteract(state: AlgorithmicBiasState, count: number): void {
  const { graph, opinions: x, pairs } = state;
  const n = graph.n;
  if (n === 0 || count <= 0) return;
  if (state.sorted !== null) {
    sortedInteract(state, state.sorted, count);
    return;
  }
  const { epsilon: eps, mu, gamma } = state.params;
  const { deg } = graph.out;
  for (let step = 0; step < count; step++) {
    const i = Math.floor(pairs.next() * n);
    const u = pairs.next();
    if (deg[i] === 0) continue;
    if (state.weights.length < deg[i]) state.weights = new Float64Array(deg[i]);
    const j = scanPartner(graph, x, i, gamma, u, state.weights);
    const xi = x[i];
    const xj = x[j];
    const diff = xj - xi;
    if (diff < eps && diff > -eps) {
      const move = mu * diff;
      x[i] = xi + move;
      x[j] = xj - move;
    }
  }
  state.interactions += count;
  state.time = state.interactions / n;
}

/** Sorted neighbour rows where the graph is not complete, else null (every agent is a neighbour). */
function neighbourRows(graph: CsrGraph): NeighbourRows | null {
  return isCompleteGraph(graph) ? null : new NeighbourRows(graph);
}

/**
 * Agent i's partner with `sampler: 'sorted'` (−1 if i has no neighbour),
 * drawn from `state.pairs`; see the banner for graphs that are not complete.
 */
export function sortedPartner(state: AlgorithmicBiasState, i: number): number {
  const sampler = state.sorted;
  if (sampler === null) throw new Error(`${MODULE}: sortedPartner needs sampler 'sorted'`);
  const graph = state.graph;
  // The graph edited since (follows added or removed): new neighbour rows.
  if (graph.version !== state.graphVersion) {
    state.neighbours = neighbourRows(graph);
    state.graphVersion = graph.version;
  }
  const rows = state.neighbours;
  if (rows === null) return sampler.draw(i, state.pairs);
  const d = graph.out.deg[i];
  if (d === 0) return -1;
  if (d >= graph.n / 8) {
    for (let t = 0; t < SORTED_TRIES; t++) {
      const c = sampler.draw(i, state.pairs);
      if (rows.has(i, c)) return c;
    }
  }
  if (state.weights.length < d) state.weights = new Float64Array(d);
  return scanPartner(graph, state.opinions, i, state.params.gamma, state.pairs.next(), state.weights);
}

/** The 'sorted' sampler's interactions: agent uniform, partner by the sorted index, Deffuant update. */
function sortedInteract(state: AlgorithmicBiasState, sampler: SortedPartnerSampler, count: number): void {
  const { opinions: x, pairs } = state;
  const n = state.graph.n;
  const { epsilon: eps, mu } = state.params;
  // Opinions edited from outside between calls: sort again (O(N) check per call).
  if (!sampler.index.matches(x)) sampler.index.rebuild(x);
  if (n >= 2) {
    for (let step = 0; step < count; step++) {
      const i = Math.floor(pairs.next() * n);
      const j = sortedPartner(state, i);
      if (j < 0) continue;
      const xi = x[i];
      const xj = x[j];
      const diff = xj - xi;
      if (diff < eps && diff > -eps) {
        const move = mu * diff;
        const ni = xi + move;
        const nj = xj - move;
        x[i] = ni;
        x[j] = nj;
        if (ni !== xi) sampler.index.move(i, ni);
        if (nj !== xj) sampler.index.move(j, nj);
      }
    }
  }
  state.interactions += count;
  state.time = state.interactions / n;
}

export const algorithmicBias = defineModel<AlgorithmicBiasParams, AlgorithmicBiasState>({
  id: ALGORITHMIC_BIAS_ID,
  title: 'Algorithmic bias (biased partner choice in bounded confidence)',
  citation: 'Sîrbu, Pedreschi, Giannotti & Kertész, PLOS ONE 14(3), e0213246 (2019)',
  opinionDomain: '[0, 1]',
  timeUnit: 'N pairwise interactions',
  defaults: ALGORITHMIC_BIAS_DEFAULTS,

  validate(params?: Partial<AlgorithmicBiasParams>): AlgorithmicBiasParams {
    const p = withDefaults(MODULE, ALGORITHMIC_BIAS_DEFAULTS as AlgorithmicBiasParams, params);
    check.number(MODULE, 'epsilon', p.epsilon, 0, 1, { loOpen: true });
    check.number(MODULE, 'mu', p.mu, 0, 0.5, { loOpen: true });
    // Beyond about 60, d_min^(−γ) overflows to Infinity; 20 already spans 100 orders of magnitude.
    check.number(MODULE, 'gamma', p.gamma, 0, 20);
    check.number(MODULE, 'tolerance', p.tolerance, 0, p.epsilon, { loOpen: true, hiOpen: true });
    checkInitialOpinions(MODULE, p.initialOpinions, 0, 1);
    const sampler = check.oneOf(MODULE, 'sampler', p.sampler ?? 'scan', ALGORITHMIC_BIAS_SAMPLERS);
    // The default is left out (see AlgorithmicBiasParams.sampler).
    const { sampler: _given, ...rest } = p;
    return sampler === 'scan' ? rest : { ...rest, sampler };
  },

  init(graph: CsrGraph, params: AlgorithmicBiasParams, rng: Rng): AlgorithmicBiasState {
    const opinions = initialOpinions(MODULE, graph.n, params.initialOpinions, 0, 1, rng.fork('init'));
    const sorted = params.sampler === 'sorted';
    return {
      graph,
      params,
      opinions,
      steps: 0,
      time: 0,
      interactions: 0,
      pairs: rng.fork('pairs'),
      weights: new Float64Array(Math.max(1, maxDegree(graph))),
      sorted: sorted ? new SortedPartnerSampler(opinions, params.gamma, ALGORITHMIC_BIAS_MIN_DISTANCE) : null,
      neighbours: sorted ? neighbourRows(graph) : null,
      graphVersion: graph.version,
    };
  },

  step(state: AlgorithmicBiasState): void {
    algorithmicBiasInteract(state, state.graph.n);
    state.steps++;
  },

  isConverged(state: AlgorithmicBiasState): boolean {
    const sorted = state.sorted;
    // Complete graph with a sorted index: O(N) instead of every edge (same answer).
    if (sorted !== null && state.neighbours === null && state.graph.version === state.graphVersion && sorted.index.matches(state.opinions)) return sortedSettled(sorted.index.vals, state.params.epsilon, state.params.tolerance);
    return boundedConfidenceSettled(state.graph, state.opinions, state.params.epsilon, state.params.tolerance);
  },
});
