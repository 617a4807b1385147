/**
 * Hoax spreading with fact-checking (Tambuscio, Ruffo, Flammini & Menczer,
 * "Fact-checking effect on viral hoaxes: a model of misinformation spread in
 * social networks", WWW'15 Companion, 977–982, 2015; Tambuscio, Oliveira,
 * Ciampaglia & Ruffo, J. Comput. Soc. Sci. 1, 261–275, 2018). A hoax and its
 * debunking compete like two epidemics: a susceptible account exposed to
 * believers and fact-checkers among those it follows adopts one or the other,
 * the hoax weighted up by its credibility α; believers may verify the hoax
 * and turn fact-checkers; both forget and become susceptible again.
 *
 *   n_B, n_F = believers / fact-checkers among the accounts i follows
 *   f_i = β · n_B(1+α) / (n_B(1+α) + n_F(1−α))     P(S → B)
 *   g_i = β · n_F(1−α) / (n_B(1+α) + n_F(1−α))     P(S → F)   (both 0 when n_B = n_F = 0)
 *   B: → S with p_forget; otherwise → F with p_verify
 *   F: → S with p_forget
 *
 * States S / B / F. Time unit: one synchronous update of every account from
 * the states at the start of the step (the paper's discrete time).
 *
 * Mean-field threshold (homogeneous mixing: n_B/n_F → s_B/s_F; the complete
 * graph realises it exactly in expectation). Writing c = p_f + (1 − p_f)·p_v
 * for a believer's per-step exit probability, the believer-free state with
 * fact-checkers present has s_S = p_f/(β + p_f), and a small believer density
 * grows by the factor 1 + p_f(1+α)/(1−α) − c per step. The hoax is
 * therefore removed when
 *
 *   p_v > p_v* = 2α·p_f / ((1 − α)(1 − p_f))
 *
 * and persists when p_v < p_v* (at equality the decay is only marginal);
 * p_v* does not depend on β, as Tambuscio et al. (2015) state. Below p_v*
 * the stationary believer share is
 *   s_B* = β/(β+p_f) · (p_f(1+α) − c(1−α)) / (2αc).
 * This is our derivation from the paper's mean-field equations (the 2015
 * paper's own closed form was not at hand to compare symbol by symbol); the
 * tests check it against the iterated map and against simulations.
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import { ParamError, check, withDefaults } from '../../model/errors.js';
import type { Rng } from '../../model/rng.js';
import { defineModel, type ModelState } from '../model.js';
import { checkSeedList, resolveSeeds } from './independent-cascade.js';

const MODULE = 'sim/models/hoax-fact-checking';

export const HOAX_SUSCEPTIBLE = 0;
export const HOAX_BELIEVER = 1;
export const HOAX_FACT_CHECKER = 2;

export interface HoaxParams {
  /** Spreading rate β: P(a susceptible exposed to either side adopts one) per step. */
  readonly beta: number;
  /** Credibility α of the hoax, in [0, 1]. */
  readonly alpha: number;
  /** p_verify: per-step probability that a believer (who did not forget) checks the hoax and turns fact-checker. */
  readonly pVerify: number;
  /** p_forget: per-step probability that a believer or fact-checker returns to susceptible. */
  readonly pForget: number;
  /** Initial believers; when null, `believerCount` random nodes. */
  readonly believers: ArrayLike<number> | null;
  readonly believerCount: number;
  /** Initial fact-checkers (disjoint from the believers); when null, `factCheckerCount` random other nodes. */
  readonly factCheckers: ArrayLike<number> | null;
  readonly factCheckerCount: number;
}

export interface HoaxState extends ModelState {
  readonly params: HoaxParams;
  /** HOAX_SUSCEPTIBLE / HOAX_BELIEVER / HOAX_FACT_CHECKER per node. */
  status: Uint8Array;
  /** Buffer for the synchronous update (swapped with `status` each step). */
  next: Uint8Array;
  susceptible: number;
  believers: number;
  factCheckers: number;
  readonly rng: Rng;
}

export interface HoaxShares {
  readonly susceptible: number;
  readonly believers: number;
  readonly factCheckers: number;
}

const DEFAULTS: HoaxParams = {
  beta: 0.5,
  alpha: 0.3,
  pVerify: 0.05,
  pForget: 0.1,
  believers: null,
  believerCount: 1,
  factCheckers: null,
  factCheckerCount: 0,
};

export const hoaxFactChecking = defineModel<HoaxParams, HoaxState>({
  id: 'hoax-fact-checking',
  title: 'Hoax with fact-checking',
  citation: 'Tambuscio, Ruffo, Flammini & Menczer, WWW’15 Companion (2015); Tambuscio et al., J. Comput. Soc. Sci. 1 (2018)',
  opinionDomain: 'states S (susceptible) / B (believer) / F (fact-checker)',
  timeUnit: 'one synchronous update of every account',
  defaults: DEFAULTS,

  validate(params) {
    const v = withDefaults(MODULE, DEFAULTS, params);
    check.number(MODULE, 'beta', v.beta, 0, 1);
    check.number(MODULE, 'alpha', v.alpha, 0, 1);
    check.number(MODULE, 'pVerify', v.pVerify, 0, 1);
    check.number(MODULE, 'pForget', v.pForget, 0, 1);
    checkSeedList(MODULE, 'believers', v.believers);
    check.integer(MODULE, 'believerCount', v.believerCount, 0);
    checkSeedList(MODULE, 'factCheckers', v.factCheckers);
    check.integer(MODULE, 'factCheckerCount', v.factCheckerCount, 0);
    return v;
  },

  init(graph: CsrGraph, params: HoaxParams, rng: Rng): HoaxState {
    const n = graph.n;
    const seedRng = rng.fork('seeds');
    const believers = resolveSeeds(MODULE, n, params.believers, params.believerCount, seedRng, 'believers', 'believerCount');
    const status = new Uint8Array(n);
    for (let i = 0; i < believers.length; i++) status[believers[i]] = HOAX_BELIEVER;
    let checkers: Int32Array;
    if (params.factCheckers !== null) {
      checkers = resolveSeeds(MODULE, n, params.factCheckers, 0, seedRng, 'factCheckers', 'factCheckerCount');
      for (let i = 0; i < checkers.length; i++) {
        if (status[checkers[i]] !== HOAX_SUSCEPTIBLE) {
          throw new ParamError(MODULE, 'factCheckers', checkers[i], 'nodes that are not initial believers');
        }
      }
    } else {
      // Draw among the nodes that are not believers.
      const free = new Int32Array(n - believers.length);
      for (let v = 0, j = 0; v < n; v++) if (status[v] === HOAX_SUSCEPTIBLE) free[j++] = v;
      if (params.factCheckerCount > free.length) {
        throw new ParamError(MODULE, 'factCheckerCount', params.factCheckerCount, `at most the number of non-believer nodes (${free.length})`);
      }
      checkers = Int32Array.from(seedRng.sampleIndices(free.length, params.factCheckerCount), (j) => free[j]);
    }
    for (let i = 0; i < checkers.length; i++) status[checkers[i]] = HOAX_FACT_CHECKER;
    return {
      graph,
      steps: 0,
      time: 0,
      params,
      status,
      next: new Uint8Array(n),
      susceptible: n - believers.length - checkers.length,
      believers: believers.length,
      factCheckers: checkers.length,
      rng: rng.fork('dynamics'),
    };
  },

  step(state) {
    const { start, deg, targets } = state.graph.out;
    const { beta, alpha, pVerify, pForget } = state.params;
    const cur = state.status;
    const nxt = state.next;
    const rng = state.rng;
    const wB = 1 + alpha;
    const wF = 1 - alpha;
    // A believer who does not forget verifies with p_verify: one draw decides both.
    const toChecker = pForget + (1 - pForget) * pVerify;
    let nS = 0;
    let nB = 0;
    let nF = 0;
    for (let i = 0; i < cur.length; i++) {
      const s = cur[i];
      let r = s;
      if (s === HOAX_SUSCEPTIBLE) {
        if (beta > 0) {
          let b = 0;
          let f = 0;
          for (let k = start[i], e = k + deg[i]; k < e; k++) {
            const t = cur[targets[k]];
            if (t === HOAX_BELIEVER) b++;
            else if (t === HOAX_FACT_CHECKER) f++;
          }
          if (b + f > 0) {
            const den = b * wB + f * wF;
            const u = rng.next();
            // den = 0 only when α = 1 and no believers: then g = 0 as well.
            if (den > 0) {
              const pb = (beta * b * wB) / den;
              if (u < pb) r = HOAX_BELIEVER;
              else if (u < pb + (beta * f * wF) / den) r = HOAX_FACT_CHECKER;
            }
          }
        }
      } else if (s === HOAX_BELIEVER) {
        if (toChecker > 0) {
          const u = rng.next();
          if (u < pForget) r = HOAX_SUSCEPTIBLE;
          else if (u < toChecker) r = HOAX_FACT_CHECKER;
        }
      } else if (pForget > 0 && rng.next() < pForget) {
        r = HOAX_SUSCEPTIBLE;
      }
      nxt[i] = r;
      if (r === HOAX_SUSCEPTIBLE) nS++;
      else if (r === HOAX_BELIEVER) nB++;
      else nF++;
    }
    state.status = nxt;
    state.next = cur;
    state.susceptible = nS;
    state.believers = nB;
    state.factCheckers = nF;
    state.steps++;
    state.time = state.steps;
  },

  /**
   * Converged when no believer is left (the hoax cannot come back: S → B
   * needs a believer followee) or when no transition has positive probability.
   */
  isConverged(state) {
    if (state.believers === 0) return true;
    const { beta, pVerify, pForget } = state.params;
    if (pForget > 0 || pVerify > 0) return false;
    if (beta === 0) return true;
    const { start, deg, targets } = state.graph.out;
    const st = state.status;
    for (let i = 0; i < st.length; i++) {
      if (st[i] !== HOAX_SUSCEPTIBLE) continue;
      for (let k = start[i], e = k + deg[i]; k < e; k++) if (st[targets[k]] !== HOAX_SUSCEPTIBLE) return false;
    }
    return true;
  },
});

/** Shares of S / B / F (they sum to 1). */
export function hoaxShares(state: HoaxState): HoaxShares {
  const n = state.status.length;
  return { susceptible: state.susceptible / n, believers: state.believers / n, factCheckers: state.factCheckers / n };
}

type MeanFieldParams = Pick<HoaxParams, 'beta' | 'alpha' | 'pVerify' | 'pForget'>;

/** One step of the homogeneous mean-field map (the model's update with neighbour counts replaced by shares). */
export function hoaxMeanFieldStep(d: HoaxShares, p: MeanFieldParams): HoaxShares {
  const den = d.believers * (1 + p.alpha) + d.factCheckers * (1 - p.alpha);
  const f = den > 0 ? (p.beta * d.believers * (1 + p.alpha)) / den : 0;
  const g = den > 0 ? (p.beta * d.factCheckers * (1 - p.alpha)) / den : 0;
  const stay = 1 - p.pForget;
  return {
    susceptible: p.pForget * (d.believers + d.factCheckers) + (1 - f - g) * d.susceptible,
    believers: f * d.susceptible + stay * (1 - p.pVerify) * d.believers,
    factCheckers: g * d.susceptible + stay * p.pVerify * d.believers + stay * d.factCheckers,
  };
}

/**
 * Mean-field threshold p_v* = 2α·p_f / ((1−α)(1−p_f)) on the verification
 * probability: the hoax is removed when p_verify > p_v* and persists when
 * p_verify < p_v* (Infinity when α = 1 or p_f = 1: no verification rate
 * suffices).
 */
export function hoaxVerifyThreshold(alpha: number, pForget: number): number {
  const den = (1 - alpha) * (1 - pForget);
  if (den <= 0) return Infinity;
  return (2 * alpha * pForget) / den;
}

/**
 * The stationary mean-field shares reached from a state with believers and
 * fact-checkers: with believers below the threshold, without above it.
 * Assumes β > 0 and p_forget > 0 (otherwise every share is absorbing); the
 * neutral case α = 0, p_verify = 0 has no unique split (NaN shares).
 */
export function hoaxMeanFieldEquilibrium(p: MeanFieldParams): HoaxShares {
  const { beta, alpha, pVerify, pForget } = p;
  const susceptible = pForget / (beta + pForget);
  const informed = beta / (beta + pForget);
  const c = pForget + (1 - pForget) * pVerify;
  if (alpha === 0 && pVerify === 0) {
    // B and F are then symmetric: every split of the informed share is stationary.
    return { susceptible, believers: NaN, factCheckers: NaN };
  }
  // Positive exactly when p_verify < p_v*.
  const excess = pForget * (1 + alpha) - c * (1 - alpha);
  if (excess <= 0) return { susceptible, believers: 0, factCheckers: informed };
  const believers = (informed * excess) / (2 * alpha * c);
  return { susceptible, believers, factCheckers: informed - believers };
}
