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
import type { Rng } from '../../model/rng.js';
import { CascadeRecorder, type CascadeTree } from '../cascade-record.js';
import { defineModel, type ModelState } from '../model.js';
import { checkSeedList, resolveSeeds } from './independent-cascade.js';

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
    for (let i = 0; i < seeds.length; i++) {
      status[seeds[i]] = INFECTED;
      infected[i] = cascade.add(seeds[i], -1, 0);
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
      rng: rng.fork('spread'),
    };
  },

  step(state) {
    const { start, deg, targets } = state.graph.in;
    const { status, cascade, rng } = state;
    const { beta, gamma } = state.params;
    const current = state.infected;
    const count = state.infectedCount;
    const next = state.spare;
    const t = state.steps + 1;
    // This step's infections are the cascade entries [firstNew, cascade.size).
    const firstNew = cascade.size;

    // Exposure: every account infectious at the start of the step tries each susceptible follower.
    if (beta > 0) {
      for (let i = 0; i < count; i++) {
        const entry = current[i];
        const v = cascade.nodeAt(entry);
        for (let k = start[v], e = k + deg[v]; k < e; k++) {
          const u = targets[k];
          if (status[u] === SUSCEPTIBLE && (beta >= 1 || rng.next() < beta)) {
            status[u] = INFECTED;
            cascade.add(u, entry, t);
          }
        }
      }
    }
    // Recovery of those infectious during this step; survivors keep their order, new infections follow.
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const entry = current[i];
      if (gamma >= 1 || (gamma > 0 && rng.next() < gamma)) {
        status[cascade.nodeAt(entry)] = RECOVERED;
        state.recoveredCount++;
      } else {
        next[kept++] = entry;
      }
    }
    const last = cascade.size;
    for (let entry = firstNew; entry < last; entry++) next[kept++] = entry;
    state.susceptibleCount -= last - firstNew;
    state.spare = current;
    state.infected = next;
    state.infectedCount = kept;
    state.steps++;
    state.time = state.steps;
  },

  isConverged(state) {
    return state.infectedCount === 0;
  },
});

/** The infection tree so far (views; invalid after the next step). */
export function sirCascadeTree(state: SirState): CascadeTree {
  return state.cascade.view();
}
