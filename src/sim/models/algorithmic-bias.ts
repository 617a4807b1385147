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
 * Sîrbu, Pedreschi, Giannotti & Kertész, "Algorithmic bias amplifies opinion
 * fragmentation and polarization: A bounded confidence model", PLOS ONE
 * 14(3), e0213246 (2019).
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import { pow } from '../../model/det-math.js';
import { check, withDefaults } from '../../model/errors.js';
import type { Rng } from '../../model/rng.js';
import { defineModel, type ModelState } from '../model.js';
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
}

export interface AlgorithmicBiasState extends ModelState {
  readonly params: AlgorithmicBiasParams;
  readonly opinions: Float64Array;
  interactions: number;
  /** Agent and partner draws, two per interaction. */
  readonly pairs: Rng;
  /** Selection weights of one agent's neighbours (internal; grows with the largest degree seen). */
  weights: Float64Array;
}

export const ALGORITHMIC_BIAS_DEFAULTS: Readonly<AlgorithmicBiasParams> = Object.freeze({
  epsilon: 0.2,
  mu: 0.5,
  gamma: 1,
  tolerance: 1e-6,
  initialOpinions: null,
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

/** `count` biased pairwise interactions. */
export function algorithmicBiasInteract(state: AlgorithmicBiasState, count: number): void {
  const { graph, opinions: x, pairs } = state;
  const n = graph.n;
  if (n === 0 || count <= 0) return;
  const { epsilon: eps, mu, gamma } = state.params;
  const { start, deg, targets } = graph.out;
  // pow(d, −γ) for an integer γ is det-math's repeated squaring, 1 / d^γ (γ ≤ 20 by validation): computed
  // here without the call and its special-case tests, to the same bits. Other γ go through det-math's pow.
  const integerGamma = Number.isInteger(gamma);
  for (let step = 0; step < count; step++) {
    const i = Math.floor(pairs.next() * n);
    const u = pairs.next();
    const d = deg[i];
    if (d === 0) continue;
    if (state.weights.length < d) state.weights = new Float64Array(d);
    const w = state.weights;
    const s = start[i];
    const xi = x[i];
    let total = 0;
    if (gamma === 1) {
      for (let k = 0; k < d; k++) {
        const wk = 1 / Math.max(Math.abs(x[targets[s + k]] - xi), ALGORITHMIC_BIAS_MIN_DISTANCE);
        w[k] = wk;
        total += wk;
      }
    } else if (integerGamma) {
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
    const j = targets[s + pick];
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
    return p;
  },

  init(graph: CsrGraph, params: AlgorithmicBiasParams, rng: Rng): AlgorithmicBiasState {
    return {
      graph,
      params,
      opinions: initialOpinions(MODULE, graph.n, params.initialOpinions, 0, 1, rng.fork('init')),
      steps: 0,
      time: 0,
      interactions: 0,
      pairs: rng.fork('pairs'),
      weights: new Float64Array(Math.max(1, maxDegree(graph))),
    };
  },

  step(state: AlgorithmicBiasState): void {
    algorithmicBiasInteract(state, state.graph.n);
    state.steps++;
  },

  isConverged(state: AlgorithmicBiasState): boolean {
    return boundedConfidenceSettled(state.graph, state.opinions, state.params.epsilon, state.params.tolerance);
  },
});
