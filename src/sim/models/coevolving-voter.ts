/**
 * Coevolving voter model: agents either adopt a neighbour's opinion or cut
 * the tie and rewire it, so the network and the opinions shape each other.
 *
 * An update picks an agent i uniformly at random and one of the agents it
 * follows, j, uniformly at random (any neighbour when undirected). If they
 * disagree, then with probability p agent i drops the tie to j and links to
 * an agent k it is not yet linked to, chosen uniformly among the agents that
 * share i's opinion (`rewireTo: 'same-opinion'`, Holme & Newman's rule) or
 * among all agents (`'random'`); otherwise (probability 1 − p) i copies j's
 * opinion. Agreeing pairs do nothing (the Vazquez–Eguíluz–San Miguel and
 * Durrett et al. formulation, which acts on discordant edges only). When no
 * valid k exists the tie is kept. p = 0 is the voter model (the same draws
 * as `voter` from one key); p = 1 only sorts the network.
 *
 * Rewiring preserves the number of edges. The model works on a copy of the
 * graph given to `init` (the caller's graph is never changed).
 * Opinion domain: {0, 1}, an Int32Array. Initial opinions as in `voter`.
 * Time: one step = N node updates.
 * Converged when no edge is discordant (absorbing: nothing can change); the
 * count is kept up to date, so the check is O(1).
 *
 * Holme & Newman, PRE 74, 056108 (2006); Vazquez, Eguíluz & San Miguel,
 * PRL 100, 108702 (2008); Durrett et al., PNAS 109, 3682–3687 (2012).
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import { check, withDefaults } from '../../model/errors.js';
import type { Rng } from '../../model/rng.js';
import { defineModel } from '../model.js';
import {
  type BinaryOpinionState,
  binaryInitialOpinions,
  checkBinaryOpinions,
  countDiscordant,
  countOnes,
  flipOpinion,
} from './voter.js';

export const COEVOLVING_VOTER_ID = 'coevolving-voter';
const MODULE = 'sim/models/coevolving-voter';

export type RewireTarget = 'same-opinion' | 'random';

export interface CoevolvingVoterParams {
  /** Probability p in [0, 1] that a disagreeing agent rewires instead of copying (φ in Holme & Newman). */
  readonly p: number;
  /** Whom a rewired tie goes to: an agent with i's opinion, or any agent. */
  readonly rewireTo: RewireTarget;
  /** Probability in [0, 1] that an agent starts with opinion 1 (ignored with `initialOpinions`). */
  readonly initialShare: number;
  /** Initial opinions (length N, values 0 or 1; copied), or null for Bernoulli(initialShare). */
  readonly initialOpinions: Int32Array | null;
}

export interface CoevolvingVoterState extends BinaryOpinionState {
  readonly params: CoevolvingVoterParams;
  /** Node updates so far. */
  updates: number;
  /** Ties rewired so far. */
  rewires: number;
  /** Agent and neighbour draws, two per update (the `voter` stream). */
  readonly pairs: Rng;
  /** Rewire-or-copy coin and the choice of the new tie. */
  readonly rewire: Rng;
  /**
   * Agents grouped by opinion: members[0, ones) hold 1, members[ones, N)
   * hold 0; position[i] is i's index in members. O(1) draws of a random agent
   * with a given opinion (internal).
   */
  readonly members: Int32Array;
  readonly position: Int32Array;
  /** Marks of i's neighbours for the exact fallback draw (internal). */
  readonly stamp: Int32Array;
  stampMark: number;
}

export const COEVOLVING_VOTER_DEFAULTS: Readonly<CoevolvingVoterParams> = Object.freeze({
  p: 0.5,
  rewireTo: 'same-opinion' as RewireTarget,
  initialShare: 0.5,
  initialOpinions: null,
});

/** Rejection tries before counting the valid candidates exactly. */
const REJECTION_TRIES = 16;

/** Flip i's opinion, keeping the opinion groups and counts in step. */
function flipTracked(state: CoevolvingVoterState, i: number): void {
  const { members, position, opinions } = state;
  // Swap i to the boundary of its group, then move the boundary past it.
  const boundary = opinions[i] === 0 ? state.ones : state.ones - 1;
  const other = members[boundary];
  const at = position[i];
  members[at] = other;
  position[other] = at;
  members[boundary] = i;
  position[i] = boundary;
  flipOpinion(state, i);
}

/**
 * A uniform agent k from members[from, to) with k ≠ i and no tie i → k, or
 * −1 if there is none. Rejection first; if the pool is mostly excluded,
 * an exact count, so the draw stays uniform over the valid agents.
 */
function drawNewTie(state: CoevolvingVoterState, i: number, from: number, to: number): number {
  const { graph, members, rewire } = state;
  const size = to - from;
  if (size <= 0) return -1;
  for (let t = 0; t < REJECTION_TRIES; t++) {
    const k = members[from + Math.floor(rewire.next() * size)];
    if (k !== i && !graph.out.has(i, k)) return k;
  }
  const mark = ++state.stampMark;
  const { stamp } = state;
  const out = graph.out;
  stamp[i] = mark;
  for (let k = out.start[i], e = k + out.deg[i]; k < e; k++) stamp[out.targets[k]] = mark;
  let valid = 0;
  for (let q = from; q < to; q++) if (stamp[members[q]] !== mark) valid++;
  if (valid === 0) return -1;
  let r = Math.floor(rewire.next() * valid);
  for (let q = from; q < to; q++) {
    const k = members[q];
    if (stamp[k] !== mark && r-- === 0) return k;
  }
  return -1;
}

/** i drops its tie to j (discordant) and links to a new agent; false if none is available. */
function rewireTie(state: CoevolvingVoterState, i: number, j: number): boolean {
  const x = state.opinions;
  let from = 0;
  let to = state.graph.n;
  if (state.params.rewireTo === 'same-opinion') {
    if (x[i] === 1) to = state.ones;
    else from = state.ones;
  }
  const k = drawNewTie(state, i, from, to);
  if (k < 0) return false;
  state.graph.removeEdge(i, j);
  state.graph.addEdge(i, k);
  state.discordant += (x[k] !== x[i] ? 1 : 0) - 1;
  state.rewires++;
  return true;
}

/** `count` node updates. */
export function coevolvingVoterUpdate(state: CoevolvingVoterState, count: number): void {
  const { graph, opinions: x, pairs, rewire } = state;
  const n = graph.n;
  if (n === 0 || count <= 0) return;
  const p = state.params.p;
  for (let step = 0; step < count; step++) {
    const i = Math.floor(pairs.next() * n);
    const u = pairs.next();
    // Rewiring can move rows: read the arrays afresh.
    const out = graph.out;
    const d = out.deg[i];
    if (d === 0) continue;
    const j = out.targets[out.start[i] + Math.floor(u * d)];
    if (x[i] === x[j]) continue;
    if (rewire.next() < p) rewireTie(state, i, j);
    else flipTracked(state, i);
  }
  state.updates += count;
  state.time = state.updates / n;
}

export const coevolvingVoter = defineModel<CoevolvingVoterParams, CoevolvingVoterState>({
  id: COEVOLVING_VOTER_ID,
  title: 'Coevolving voter model',
  citation: 'Holme & Newman, PRE 74, 056108 (2006); Vazquez, Eguíluz & San Miguel, PRL 100, 108702 (2008)',
  opinionDomain: '{0, 1}',
  timeUnit: 'N node updates',
  defaults: COEVOLVING_VOTER_DEFAULTS,

  validate(params?: Partial<CoevolvingVoterParams>): CoevolvingVoterParams {
    const p = withDefaults(MODULE, COEVOLVING_VOTER_DEFAULTS as CoevolvingVoterParams, params);
    check.number(MODULE, 'p', p.p, 0, 1);
    check.oneOf(MODULE, 'rewireTo', p.rewireTo, ['same-opinion', 'random'] as const);
    check.number(MODULE, 'initialShare', p.initialShare, 0, 1);
    checkBinaryOpinions(MODULE, p.initialOpinions);
    return p;
  },

  init(given: CsrGraph, params: CoevolvingVoterParams, rng: Rng): CoevolvingVoterState {
    const graph = given.clone();
    const n = graph.n;
    const opinions = binaryInitialOpinions(MODULE, n, params.initialOpinions, params.initialShare, rng.fork('init'));
    const members = new Int32Array(n);
    const position = new Int32Array(n);
    let front = 0;
    let back = n;
    for (let i = 0; i < n; i++) {
      const at = opinions[i] === 1 ? front++ : --back;
      members[at] = i;
      position[i] = at;
    }
    return {
      graph,
      params,
      opinions,
      discordant: countDiscordant(graph, opinions),
      ones: countOnes(opinions),
      steps: 0,
      time: 0,
      updates: 0,
      rewires: 0,
      pairs: rng.fork('pairs'),
      rewire: rng.fork('rewire'),
      members,
      position,
      stamp: new Int32Array(n),
      stampMark: 0,
    };
  },

  step(state: CoevolvingVoterState): void {
    coevolvingVoterUpdate(state, state.graph.n);
    state.steps++;
  },

  isConverged(state: CoevolvingVoterState): boolean {
    return state.discordant === 0;
  },
});
