/**
 * Voter model with node update: a random agent copies the opinion of a
 * random neighbour.
 *
 * An update picks an agent i uniformly at random and one of the agents it
 * follows (CSR out-neighbours; any neighbour when undirected) uniformly at
 * random, and sets x_i ← x_j. Agents without neighbours never change.
 * Exact: on a connected undirected graph the degree-weighted share of
 * opinion 1, Σ_i k_i x_i / Σ_i k_i, is a martingale, so the probability of
 * consensus on 1 equals its initial value (the plain initial share on a
 * regular graph; the link update would weight agents equally instead).
 *
 * Opinion domain: {0, 1}, stored as an Int32Array (the `attribute` of a
 * NetworkView). Initial opinions: 1 with probability `initialShare`,
 * independently, or `initialOpinions`.
 * Time: one step = N node updates (one Monte Carlo sweep).
 * Converged when no edge is discordant (consensus in every component; on a
 * directed graph, nobody follows anyone who disagrees): an absorbing state.
 * The count of discordant edges is kept up to date, so the check is O(1).
 *
 * Clifford & Sudbury, Biometrika 60, 581–588 (1973); Holley & Liggett,
 * Ann. Probab. 3, 643–663 (1975). Degree-weighted conservation: Sood &
 * Redner, PRL 94, 178701 (2005).
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import { check, ParamError, withDefaults } from '../../model/errors.js';
import type { Rng } from '../../model/rng.js';
import { defineModel, type ModelState } from '../model.js';

export const VOTER_ID = 'voter';
const MODULE = 'sim/models/voter';

export interface VoterParams {
  /** Probability in [0, 1] that an agent starts with opinion 1 (ignored with `initialOpinions`). */
  readonly initialShare: number;
  /** Initial opinions (length N, values 0 or 1; copied), or null for Bernoulli(initialShare). */
  readonly initialOpinions: Int32Array | null;
}

/** What the binary voter models share: opinions and the counts kept up to date with them. */
export interface BinaryOpinionState extends ModelState {
  readonly opinions: Int32Array;
  /** Discordant edges: undirected pairs, or directed arcs, whose ends disagree. */
  discordant: number;
  /** Agents holding opinion 1. */
  ones: number;
}

export interface VoterState extends BinaryOpinionState {
  readonly params: VoterParams;
  /** Node updates so far. */
  updates: number;
  /** Agent and neighbour draws, two per update. */
  readonly pairs: Rng;
}

export const VOTER_DEFAULTS: Readonly<VoterParams> = Object.freeze({ initialShare: 0.5, initialOpinions: null });

export function checkBinaryOpinions(module: string, value: unknown): void {
  if (value === null) return;
  if (!(value instanceof Int32Array)) throw new ParamError(module, 'initialOpinions', value, 'an Int32Array of 0/1 or null');
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== 0 && value[i] !== 1) throw new ParamError(module, 'initialOpinions', `[${i}] = ${value[i]}`, 'opinions 0 or 1');
  }
}

/** A copy of `given`, or independent Bernoulli(share) opinions drawn in index order. */
export function binaryInitialOpinions(module: string, n: number, given: Int32Array | null, share: number, rng: Rng): Int32Array {
  if (given !== null) {
    if (given.length !== n) throw new ParamError(module, 'initialOpinions', `length ${given.length}`, `one opinion per agent (length ${n})`);
    return given.slice();
  }
  const x = new Int32Array(n);
  for (let i = 0; i < n; i++) x[i] = rng.next() < share ? 1 : 0;
  return x;
}

/** Discordant edges (undirected pairs, or directed arcs) by a full scan. */
export function countDiscordant(graph: CsrGraph, x: Int32Array): number {
  let arcs = 0;
  graph.forEachEdge((u, v) => {
    if (x[u] !== x[v]) arcs++;
  });
  return arcs;
}

export function countOnes(x: Int32Array): number {
  let ones = 0;
  for (let i = 0; i < x.length; i++) ones += x[i];
  return ones;
}

/**
 * Flips agent i's opinion and updates the discordant and ones counts: every
 * edge at i toggles between concordant and discordant. O(degree).
 */
export function flipOpinion(state: BinaryOpinionState, i: number): void {
  const { graph, opinions: x } = state;
  const old = x[i];
  let delta = 0;
  const out = graph.out;
  for (let k = out.start[i], e = k + out.deg[i]; k < e; k++) {
    const t = out.targets[k];
    // A kept self-loop never disagrees.
    if (t !== i) delta += x[t] === old ? 1 : -1;
  }
  if (graph.directed) {
    const inn = graph.in;
    for (let k = inn.start[i], e = k + inn.deg[i]; k < e; k++) {
      const t = inn.targets[k];
      if (t !== i) delta += x[t] === old ? 1 : -1;
    }
  }
  x[i] = 1 - old;
  state.discordant += delta;
  state.ones += old === 1 ? -1 : 1;
}

/** `count` node updates. */
export function voterUpdate(state: VoterState, count: number): void {
  const { graph, opinions: x, pairs } = state;
  const n = graph.n;
  if (n === 0 || count <= 0) return;
  const { start, deg, targets } = graph.out;
  for (let step = 0; step < count; step++) {
    const i = Math.floor(pairs.next() * n);
    const u = pairs.next();
    const d = deg[i];
    if (d === 0) continue;
    const j = targets[start[i] + Math.floor(u * d)];
    if (x[i] !== x[j]) flipOpinion(state, i);
  }
  state.updates += count;
  state.time = state.updates / n;
}

export const voter = defineModel<VoterParams, VoterState>({
  id: VOTER_ID,
  title: 'Voter model (node update)',
  citation: 'Clifford & Sudbury, Biometrika 60 (1973); Holley & Liggett, Ann. Probab. 3 (1975)',
  opinionDomain: '{0, 1}',
  timeUnit: 'N node updates',
  defaults: VOTER_DEFAULTS,

  validate(params?: Partial<VoterParams>): VoterParams {
    const p = withDefaults(MODULE, VOTER_DEFAULTS as VoterParams, params);
    check.number(MODULE, 'initialShare', p.initialShare, 0, 1);
    checkBinaryOpinions(MODULE, p.initialOpinions);
    return p;
  },

  init(graph: CsrGraph, params: VoterParams, rng: Rng): VoterState {
    const opinions = binaryInitialOpinions(MODULE, graph.n, params.initialOpinions, params.initialShare, rng.fork('init'));
    return {
      graph,
      params,
      opinions,
      discordant: countDiscordant(graph, opinions),
      ones: countOnes(opinions),
      steps: 0,
      time: 0,
      updates: 0,
      pairs: rng.fork('pairs'),
    };
  },

  step(state: VoterState): void {
    voterUpdate(state, state.graph.n);
    state.steps++;
  },

  isConverged(state: VoterState): boolean {
    return state.discordant === 0;
  },
});
