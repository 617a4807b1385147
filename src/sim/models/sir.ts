/**
 * SIR epidemic on a network in discrete time (the chain-binomial /
 * Reed–Frost form on a graph; see Pastor-Satorras, Castellano, Van Mieghem &
 * Vespignani, Rev. Mod. Phys. 87, 925, 2015, for the network setting).
 * Every infected account exposes each susceptible follower once per step and
 * infects it with probability β; after its exposures it recovers with
 * probability γ, so it stays infectious for a Geometric(γ) number of steps
 * (mean 1/γ) and is then immune.
 *
 *   P(u infected at t+1 | u susceptible) = 1 − (1 − β)^(number of infected followees of u at t)
 *   P(v recovers at the end of step t | v infected) = γ
 *
 * Content posted by v reaches v's followers, so infection walks `graph.in`
 * rows (for an undirected graph, the neighbours). States: S / I / R. Time
 * unit: one step = one round in which every infected account exposes its
 * followers, then each infected account recovers with probability γ (a node
 * infected during a step first transmits in the next one). Each infection is
 * recorded in a cascade tree: parent = the infector (ties inside a step go to
 * the earliest-infected infector), time = the step of infection (seeds at 0).
 *
 * Large-population check used by the tests: on a complete graph with
 * R0 = (N−1)·β/γ held fixed as N grows, the final share z of a major
 * outbreak solves 1 − z = exp(−R0·z) (Kermack–McKendrick final-size relation).
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import { check, withDefaults } from '../../model/errors.js';
import { type Rng } from '../../model/rng.js';
import { CascadeRecorder, type CascadeTree } from '../cascade-record.js';
import { defineModel, type ModelState } from '../model.js';
import { checkSeedList, resolveSeeds } from './independent-cascade.js';

/** Alea's output scale 2^−32 (rng.ts ALEA_NORM), as a literal, so that the hot loops below read no imported binding (compiled to CommonJS, an import becomes a getter call per draw). */
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/*
 * Alea's step, x = 2091639·s0 + c·2^−32, c ← ⌊x⌋, s2 ← x − c, is computed
 * below as hi = 2091639·s0, q = ⌊hi⌋, r = (hi − q) + c·2^−32, then
 * c ← q, s2 ← r, or c ← q + 1, s2 ← r − 1 when r ≥ 1. Every operation is
 * exact (all values are multiples of 2^−32 below 2^21), so the numbers are
 * Rng.next()'s to the bit (tests/model/alea-split.test.ts checks millions).
 * Why: in the usual form each draw waits for the previous carry c through a
 * multiply, an add and a truncation; here the carry is ⌊hi⌋ (known three
 * draws ahead) except in the rare r ≥ 1 case, a predictable branch, so
 * consecutive draws overlap (SIR 1.45× at 10k nodes, where draws dominate).
 */

const MODULE = 'sim/models/sir';

export const SUSCEPTIBLE = 0;
export const INFECTED = 1;
export const RECOVERED = 2;

export interface SirParams {
  /** Per-step probability that an infected account infects a given susceptible follower. */
  readonly beta: number;
  /** Per-step recovery probability of an infected account. */
  readonly gamma: number;
  /** Initially infected nodes; when null, `seedCount` distinct nodes are drawn from the `seeds` stream. */
  readonly seeds: ArrayLike<number> | null;
  readonly seedCount: number;
}

export interface SirState extends ModelState {
  readonly params: SirParams;
  /** SUSCEPTIBLE / INFECTED / RECOVERED per node. */
  readonly status: Uint8Array;
  /** Cascade entries (infection order) of the currently infected nodes: `infected[0..infectedCount)`. */
  infected: Int32Array;
  infectedCount: number;
  susceptibleCount: number;
  recoveredCount: number;
  /** The infection tree. */
  readonly cascade: CascadeRecorder;
  /** Second buffer for the next infected list (swapped each step). */
  spare: Int32Array;
  /** The node of each entry of `infected` (`infectedNodes[i]` = node of `infected[i]`), so a step reads rows without going through the cascade record. */
  infectedNodes: Int32Array;
  /** Second buffer for `infectedNodes`. */
  spareNodes: Int32Array;
  readonly rng: Rng;
}

const DEFAULTS: SirParams = { beta: 0.1, gamma: 0.2, seeds: null, seedCount: 1 };

export const sir = defineModel<SirParams, SirState>({
  id: 'sir',
  title: 'SIR on networks (discrete time)',
  citation: 'Kermack & McKendrick 1927; on networks: Pastor-Satorras et al., Rev. Mod. Phys. 87 (2015)',
  opinionDomain: 'states S / I / R',
  timeUnit: 'one round: every infected account exposes each follower once, then recovers with probability γ',
  defaults: DEFAULTS,

  validate(params) {
    const v = withDefaults(MODULE, DEFAULTS, params);
    check.number(MODULE, 'beta', v.beta, 0, 1);
    check.number(MODULE, 'gamma', v.gamma, 0, 1);
    checkSeedList(MODULE, 'seeds', v.seeds);
    check.integer(MODULE, 'seedCount', v.seedCount, 1);
    return v;
  },

  init(graph: CsrGraph, params: SirParams, rng: Rng): SirState {
    const n = graph.n;
    const seeds = resolveSeeds(MODULE, n, params.seeds, params.seedCount, rng.fork('seeds'));
    const status = new Uint8Array(n);
    const cascade = new CascadeRecorder(n);
    const infected = new Int32Array(n);
    const infectedNodes = new Int32Array(n);
    for (let i = 0; i < seeds.length; i++) {
      status[seeds[i]] = INFECTED;
      infected[i] = cascade.add(seeds[i], -1, 0);
      infectedNodes[i] = seeds[i];
    }
    return {
      graph,
      steps: 0,
      time: 0,
      params,
      status,
      infected,
      infectedCount: seeds.length,
      susceptibleCount: n - seeds.length,
      recoveredCount: 0,
      cascade,
      spare: new Int32Array(n),
      infectedNodes,
      spareNodes: new Int32Array(n),
      rng: rng.fork('spread'),
    };
  },

  step(state) {
    sirStep(state);
  },

  isConverged(state) {
    return state.infectedCount === 0;
  },
});

/** The infection tree so far (views; invalid after the next step). */
export function sirCascadeTree(state: SirState): CascadeTree {
  return state.cascade.view();
}

/**
 * One SIR step. Draws in the order the banner states: exposures (each
 * infected account in list order, its followers in row order, one draw per
 * susceptible follower), then recoveries (one draw per account infectious
 * during the step, in list order). `rng.next()` runs inline on local
 * variables (the same recurrence and numbers as Rng.next, state stored back
 * at the end) and rows are read four followers at a time so that the status
 * reads overlap, as the cascade kernel does; nodes come from
 * `infectedNodes`, not through the cascade record. Why: a call per draw and
 * a dependent read per node held SIR to half the speed of the same loop in C.
 */
function sirStep(state: SirState): void {
  const { start, deg, targets } = state.graph.in;
  const { status, cascade, rng } = state;
  const { beta, gamma } = state.params;
  const current = state.infected;
  const currentNodes = state.infectedNodes;
  const count = state.infectedCount;
  const next = state.spare;
  const nextNodes = state.spareNodes;
  const t = state.steps + 1;
  // This step's infections are the cascade entries [firstNew, cascade.size); their nodes go to nextNodes after the survivors.
  const firstNew = cascade.size;
  // At most every susceptible node joins this step: room for them, then direct writes (`end` is the next entry).
  const store = cascade.reserve(state.susceptibleCount);
  const cNode = store.node;
  const cParent = store.parent;
  const cTime = store.time;
  let end = firstNew;
  const alea = rng.alea;
  let s0 = alea[0];
  let s1 = alea[1];
  let s2 = alea[2];
  let c = alea[3];

  // Exposure: every account infectious at the start of the step tries each susceptible follower.
  if (beta >= 1) {
    for (let i = 0; i < count; i++) {
      const v = currentNodes[i];
      for (let k = start[v], e = k + deg[v]; k < e; k++) {
        const u = targets[k];
        if (status[u] === SUSCEPTIBLE) {
          status[u] = INFECTED;
          cNode[end] = u;
            cParent[end] = current[i];
            cTime[end] = t;
            end++;
        }
      }
    }
  } else if (beta > 0) {
    for (let i = 0; i < count; i++) {
      const v = currentNodes[i];
      const k1 = start[v] + deg[v];
      let k = start[v];
      for (; k + 4 <= k1; k += 4) {
        const u0 = targets[k];
        const u1 = targets[k + 1];
        const u2 = targets[k + 2];
        const u3 = targets[k + 3];
        const a0 = status[u0];
        const a1 = status[u1];
        const a2 = status[u2];
        const a3 = status[u3];
        // An earlier arc of the group may have infected a repeated follower: re-read its status.
        if (a0 === SUSCEPTIBLE) {
          const hi = 2091639 * s0;
          const q = hi | 0;
          let r = hi - q + c * TWO_POW_MINUS_32;
          c = q;
          if (r >= 1) {
            r -= 1;
            c = q + 1;
          }
          s0 = s1;
          s1 = s2;
          s2 = r;
          if (s2 < beta) {
            status[u0] = INFECTED;
            cNode[end] = u0;
            cParent[end] = current[i];
            cTime[end] = t;
            end++;
          }
        }
        if (a1 === SUSCEPTIBLE && status[u1] === SUSCEPTIBLE) {
          const hi = 2091639 * s0;
          const q = hi | 0;
          let r = hi - q + c * TWO_POW_MINUS_32;
          c = q;
          if (r >= 1) {
            r -= 1;
            c = q + 1;
          }
          s0 = s1;
          s1 = s2;
          s2 = r;
          if (s2 < beta) {
            status[u1] = INFECTED;
            cNode[end] = u1;
            cParent[end] = current[i];
            cTime[end] = t;
            end++;
          }
        }
        if (a2 === SUSCEPTIBLE && status[u2] === SUSCEPTIBLE) {
          const hi = 2091639 * s0;
          const q = hi | 0;
          let r = hi - q + c * TWO_POW_MINUS_32;
          c = q;
          if (r >= 1) {
            r -= 1;
            c = q + 1;
          }
          s0 = s1;
          s1 = s2;
          s2 = r;
          if (s2 < beta) {
            status[u2] = INFECTED;
            cNode[end] = u2;
            cParent[end] = current[i];
            cTime[end] = t;
            end++;
          }
        }
        if (a3 === SUSCEPTIBLE && status[u3] === SUSCEPTIBLE) {
          const hi = 2091639 * s0;
          const q = hi | 0;
          let r = hi - q + c * TWO_POW_MINUS_32;
          c = q;
          if (r >= 1) {
            r -= 1;
            c = q + 1;
          }
          s0 = s1;
          s1 = s2;
          s2 = r;
          if (s2 < beta) {
            status[u3] = INFECTED;
            cNode[end] = u3;
            cParent[end] = current[i];
            cTime[end] = t;
            end++;
          }
        }
      }
      for (; k < k1; k++) {
        const u = targets[k];
        if (status[u] !== SUSCEPTIBLE) continue;
        const hi = 2091639 * s0;
        const q = hi | 0;
        let r = hi - q + c * TWO_POW_MINUS_32;
        c = q;
        if (r >= 1) {
          r -= 1;
          c = q + 1;
        }
        s0 = s1;
        s1 = s2;
        s2 = r;
        if (s2 < beta) {
          status[u] = INFECTED;
          cNode[end] = u;
            cParent[end] = current[i];
            cTime[end] = t;
            end++;
        }
      }
    }
  }
  // Recovery of those infectious during this step; survivors keep their order, new infections follow.
  let kept = 0;
  let recovered = 0;
  if (gamma >= 1) {
    for (let i = 0; i < count; i++) status[currentNodes[i]] = RECOVERED;
    recovered = count;
  } else if (gamma > 0) {
    for (let i = 0; i < count; i++) {
      const hi = 2091639 * s0;
      const q = hi | 0;
      let r = hi - q + c * TWO_POW_MINUS_32;
      c = q;
      if (r >= 1) {
        r -= 1;
        c = q + 1;
      }
      s0 = s1;
      s1 = s2;
      s2 = r;
      if (s2 < gamma) {
        status[currentNodes[i]] = RECOVERED;
        recovered++;
      } else {
        next[kept] = current[i];
        nextNodes[kept] = currentNodes[i];
        kept++;
      }
    }
  } else {
    next.set(current.subarray(0, count));
    nextNodes.set(currentNodes.subarray(0, count));
    kept = count;
  }
  alea[0] = s0;
  alea[1] = s1;
  alea[2] = s2;
  alea[3] = c;
  cascade.setSize(end);
  const last = end;
  for (let entry = firstNew; entry < last; entry++) {
    next[kept] = entry;
    nextNodes[kept] = cNode[entry];
    kept++;
  }
  state.recoveredCount += recovered;
  state.susceptibleCount -= last - firstNew;
  state.spare = current;
  state.infected = next;
  state.spareNodes = currentNodes;
  state.infectedNodes = nextNodes;
  state.infectedCount = kept;
  state.steps++;
  state.time = state.steps;
}
