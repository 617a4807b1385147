/**
 * The multilevel engine shared by louvain-csr.ts and leiden-csr.ts:
 * modularity optimisation on a SymmetricAdjacency in flat typed arrays.
 *
 * Objective (Newman & Girvan 2004, with resolution γ), on the symmetric A:
 *   Q = (1/2m) Σ_ij [A_ij − γ k_i k_j / 2m] δ(c_i, c_j)
 *     = Σ_c [in_c / 2m − γ (K_c / 2m)²],
 * in_c = Σ_{i,j∈c} A_ij (self-loops included), K_c = Σ_{i∈c} k_i.
 * Moving node v (taken out of its community) into community c changes
 * Q·m by  w(v, c) − γ k_v K_c / 2m  (the "gain"); every decision compares
 * gains, so one move raises Q by (gain − gain of staying) / m.
 *
 * Louvain (Blondel, Guillaume, Lambiotte & Lefebvre, J. Stat. Mech. P10008
 * (2008)): from singletons, sweep the nodes in a random order (drawn once
 * per level), each to the neighbouring community of largest gain, until a
 * sweep moves nothing or raises Q by no more than 1e-6 (the stopping rule
 * of the authors' code); then aggregate (one node per community, summed
 * weights, internal weight as a self-loop) and repeat until a level moves
 * nothing.
 *
 * Leiden (Traag, Waltman & van Eck, Sci. Rep. 9, 5233 (2019)), one
 * iteration of its outer loop:
 * 1. Fast local moving: every node waits in a queue, visited in a random
 *    order; a node that moves puts its neighbours outside its new community
 *    back in the queue; until the queue is empty. An empty community is a
 *    candidate (gain 0). (The queue is served in rounds rather than first
 *    in, first out: see moveQueue.)
 * 2. Refinement: in each community S, from singletons, every still-single
 *    node v that is well connected to S (w(v, S − v) ≥ γ k_v (K_S − k_v)/2m),
 *    in random order, may join a well-connected refined cluster C ⊆ S next
 *    to it, chosen with probability ∝ exp(gain/θ) among gains ≥ 0 (staying
 *    alone has gain 0); θ = 0.01 as in the paper, in the gain's units (edge
 *    weight), as in the authors' reference implementation; exp is
 *    det-math's, so a seed gives the same run on every platform. A cluster only
 *    grows by a neighbour, so every refined cluster is connected.
 * 3. Aggregation on the refined partition; the aggregate's initial partition
 *    is the unrefined one. Repeat until local moving leaves every aggregate
 *    node alone: each final community is then one refined cluster, hence
 *    connected. A refinement that merges nothing while some community still
 *    holds several aggregate nodes is drawn again (as the paper's loop
 *    would, after an aggregation that changes nothing), up to
 *    REFINE_ATTEMPTS times; after that the communities are split into their
 *    connected components, which never lowers Q, and the search ends.
 *
 * Ties keep the current community (a move needs a gain larger by a relative
 * 1e-12, so rounding cannot make two nodes swap forever), otherwise the
 * first best candidate in row order. Rows are sorted and communities are
 * renumbered by first appearance, so a run depends on the ordered graph and
 * the random stream only.
 *
 * Memory: the second level is allocated to its exact size; every later
 * level is written into the arrays of the level two steps before it (see
 * communityLevels), so the search holds at most the first two levels'
 * arrays. Node-indexed scratch (about 100 bytes per node) is allocated once
 * and reused by every level.
 */
import { exp } from '../../model/det-math.js';
import type { Rng } from '../../model/rng.js';
import type { SymmetricAdjacency } from './symmetric-adjacency.js';

export type CommunityAlgorithm = 'louvain' | 'leiden';

export interface CommunityLevelsOptions {
  readonly algorithm: CommunityAlgorithm;
  readonly resolution: number;
  readonly rng: Rng;
  /** Leiden's randomness θ of the refinement (> 0). */
  readonly randomness: number;
  /**
   * The input's node numbers are already a uniformly random permutation
   * (drawn from the same stream): the first level then visits nodes in
   * number order, which is a random order, instead of drawing another.
   * Same distribution of runs; rows and node arrays are then read in
   * memory order, which at a million nodes is several times faster.
   */
  readonly labelsShuffled?: boolean;
  /** Refinements drawn before the safeguard (default REFINE_ATTEMPTS; tests lower it to reach the safeguard). */
  readonly refineAttempts?: number;
}

export interface CommunityLevelsResult {
  /** Community of every node of the input adjacency, 0..count−1 in order of first appearance. */
  readonly community: Int32Array;
  readonly count: number;
  /** Q of `community` (NaN when 2m = 0). */
  readonly modularity: number;
  /** Levels run (local-moving phases). */
  readonly levels: number;
  /** Leiden ended by splitting communities into components after REFINE_ATTEMPTS empty refinements. */
  readonly split: boolean;
}

interface Level {
  n: number;
  start: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  loop: Float64Array;
  strength: Float64Array;
  /** Σ strength (the same at every level). */
  twoM: number;
  /** The whole arrays the fields above are views of, to be written over once the level is done. */
  buf: Buffers;
}

/** Arrays a level can be written into; their lengths are their capacities. */
interface Buffers {
  readonly start: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float64Array;
  readonly loop: Float64Array;
  readonly strength: Float64Array;
}

function levelOf(adj: SymmetricAdjacency): Level {
  const { start, targets, weights, loop, strength } = adj;
  return { n: adj.n, start, targets, weights, loop, strength, twoM: adj.twoM, buf: { start, targets, weights, loop, strength } };
}

/** The first `length` slots of `spare` when it is long enough, else a new array. */
function reuse<T extends Int32Array | Float64Array>(spare: T | undefined, length: number, make: (length: number) => T): T {
  return spare !== undefined && spare.length >= length ? (spare.subarray(0, length) as T) : make(length);
}

/** A relative tolerance on gains: a move must beat staying by more than rounding. */
const TIE = 1e-12;
/** Refinements tried before the search ends by splitting communities into their components. */
const REFINE_ATTEMPTS = 8;
/** Louvain's sweeps stop when one raises Q by no more than this. */
const MIN_SWEEP_GAIN = 1e-6;

/** Node-indexed scratch, allocated once at the input's size. */
class Scratch {
  readonly comm: Int32Array;
  readonly tot: Float64Array;
  readonly size: Int32Array;
  /** Weight to each community while a node is examined; −1 = not touched. */
  readonly nbW: Float64Array;
  readonly nbList: Int32Array;
  /** Community of each neighbour of the node examined. */
  readonly cOf: Int32Array;
  readonly order: Int32Array;
  readonly queue: Int32Array;
  readonly flag: Uint8Array;
  readonly empty: Int32Array;
  readonly relabel: Int32Array;
  readonly stamp: Int32Array;
  readonly members: Int32Array;
  readonly memberStart: Int32Array;
  // Leiden's refinement.
  readonly rComm: Int32Array;
  readonly rTot: Float64Array;
  readonly rExt: Float64Array;
  readonly ext: Float64Array;
  readonly candW: Float64Array;
  /** Gain of the last move over staying (Q·m units). */
  lastDelta = 0;
  /** Visit nodes in number order (the first level of randomly numbered input). */
  sequential = false;

  constructor(n: number, leiden: boolean) {
    this.comm = new Int32Array(n);
    this.tot = new Float64Array(n);
    this.size = new Int32Array(n);
    this.nbW = new Float64Array(n).fill(-1);
    this.nbList = new Int32Array(n);
    this.cOf = new Int32Array(n);
    this.order = new Int32Array(n);
    this.queue = new Int32Array(n);
    this.flag = new Uint8Array(n);
    this.empty = new Int32Array(n);
    this.relabel = new Int32Array(n).fill(-1);
    this.stamp = new Int32Array(n);
    this.members = new Int32Array(n);
    this.memberStart = new Int32Array(n + 1);
    const r = leiden ? n : 0;
    this.rComm = new Int32Array(r);
    this.rTot = new Float64Array(r);
    this.rExt = new Float64Array(r);
    this.ext = new Float64Array(r);
    this.candW = new Float64Array(r);
  }
}

/**
 * The search on `input`, which it consumes: from the third level on, each
 * level is written into the arrays of the level before the previous one
 * (a level never has more nodes or arcs than the one it aggregates), so
 * the whole search allocates the first two levels and nothing more, and
 * the caller must not use the adjacency afterwards. Given as a function
 * returning the adjacency, nothing else references it.
 */
export function communityLevels(input: SymmetricAdjacency | (() => SymmetricAdjacency), options: CommunityLevelsOptions): CommunityLevelsResult {
  let g = levelOf(typeof input === 'function' ? input() : input);
  const n0 = g.n;
  const twoM = g.twoM;
  const membership = new Int32Array(n0);
  for (let i = 0; i < n0; i++) membership[i] = i;
  if (!(twoM > 0)) return { community: membership, count: n0, modularity: NaN, levels: 0, split: false };
  const leiden = options.algorithm === 'leiden';
  const s = new Scratch(n0, leiden);
  const scale = options.resolution / twoM;
  const rng = options.rng;
  for (let i = 0; i < n0; i++) s.comm[i] = i;
  let levels = 0;
  // The arrays of the level before g, free to be written over.
  let spare: Buffers | null = null;
  const next = (labels: Int32Array, count: number): Level => {
    const made = aggregate(g, labels, count, s, spare);
    spare = g.buf;
    return made;
  };
  for (;;) {
    const n = g.n;
    s.sequential = levels === 0 && options.labelsShuffled === true;
    levels++;
    initCommunities(g, s);
    if (leiden) moveQueue(g, s, scale, rng);
    else moveSweeps(g, s, scale, rng, twoM / 2);
    const count = renumber(s.comm, n, s.relabel);
    if (count === n) {
      // Nothing joined anything: every node of this level is a final community.
      for (let i = 0; i < n0; i++) membership[i] = s.comm[membership[i]];
      return { community: membership, count, modularity: levelModularity(g, s.comm, count, s, scale, twoM), levels, split: false };
    }
    if (!leiden) {
      for (let i = 0; i < n0; i++) membership[i] = s.comm[membership[i]];
      g = next(s.comm, count);
      for (let i = 0; i < count; i++) s.comm[i] = i;
      continue;
    }
    // K_S of every (renumbered) community, for the refinement's connectivity tests.
    s.tot.fill(0, 0, count);
    for (let i = 0; i < n; i++) s.tot[s.comm[i]] += g.strength[i];
    // A refinement that merges nothing (possible when the gains are small next to θ, so staying
    // alone is about as likely as joining) would aggregate into the same graph; the paper's loop
    // then moves nothing and refines again, which is what this retry does.
    let refined = n;
    const attempts = options.refineAttempts ?? REFINE_ATTEMPTS;
    for (let attempt = 0; attempt < attempts && refined === n; attempt++) {
      refine(g, s, scale, rng, options.randomness);
      refined = renumber(s.rComm, n, s.relabel);
    }
    if (refined === n) {
      // Still nothing (a safeguard: it takes REFINE_ATTEMPTS unlucky draws in a row).
      const parts = splitComponents(g, s.comm, s);
      for (let i = 0; i < n0; i++) membership[i] = s.comm[membership[i]];
      return { community: membership, count: parts, modularity: levelModularity(g, s.comm, parts, s, scale, twoM), levels, split: true };
    }
    for (let i = 0; i < n0; i++) membership[i] = s.rComm[membership[i]];
    // The aggregate starts from the unrefined partition: refined cluster r lies in community comm[i] of any member i.
    // (Kept in s.queue: aggregate() uses s.stamp.)
    for (let i = 0; i < n; i++) s.queue[s.rComm[i]] = s.comm[i];
    g = next(s.rComm, refined);
    for (let r = 0; r < refined; r++) s.comm[r] = s.queue[r];
  }
}

/** tot, size and the stack of empty communities from s.comm (ids < n). */
function initCommunities(g: Level, s: Scratch): void {
  const n = g.n;
  s.tot.fill(0, 0, n);
  s.size.fill(0, 0, n);
  for (let i = 0; i < n; i++) {
    s.tot[s.comm[i]] += g.strength[i];
    s.size[s.comm[i]]++;
  }
}

/** 0..n−1 in a random order, into s.order. */
function shuffled(n: number, s: Scratch, rng: Rng): Int32Array {
  const order = s.order;
  for (let i = 0; i < n; i++) order[i] = i;
  if (s.sequential) return order;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/**
 * Move v to its best community: a neighbouring one, or (when `emptyTop` > 0
 * ids wait on s.empty) the empty community on top of the stack. Returns the
 * new community, or −1 when v stays.
 */
function bestMove(g: Level, s: Scratch, scale: number, v: number, emptyTop: number): number {
  const { comm, tot, size, nbW, nbList } = s;
  const c0 = comm[v];
  const kv = g.strength[v];
  const targets = g.targets;
  const weights = g.weights;
  nbW[c0] = 0;
  nbList[0] = c0;
  let nt = 1;
  const begin = g.start[v];
  const end = g.start[v + 1];
  // First the communities of all neighbours (independent reads, which the CPU overlaps), then the sums.
  const cOf = s.cOf;
  for (let e = begin; e < end; e++) cOf[e - begin] = comm[targets[e]];
  for (let e = begin; e < end; e++) {
    const c = cOf[e - begin];
    if (nbW[c] < 0) {
      nbW[c] = 0;
      nbList[nt++] = c;
    }
    nbW[c] += weights[e];
  }
  tot[c0] -= kv;
  size[c0]--;
  const kScale = kv * scale;
  let best = c0;
  const stayGain = nbW[c0] - kScale * tot[c0];
  let bestGain = stayGain;
  const tol = TIE * (kv + Math.abs(bestGain));
  for (let t = 1; t < nt; t++) {
    const c = nbList[t];
    const gain = nbW[c] - kScale * tot[c];
    if (gain > bestGain + tol) {
      best = c;
      bestGain = gain;
    }
    nbW[c] = -1;
  }
  nbW[c0] = -1;
  // Alone in an empty community: gain 0 (only worth it when c0 keeps other members).
  if (emptyTop > 0 && size[c0] > 0 && 0 > bestGain + tol) {
    best = s.empty[emptyTop - 1];
    bestGain = 0;
  }
  s.lastDelta = bestGain - stayGain;
  tot[best] += kv;
  size[best]++;
  comm[v] = best;
  return best === c0 ? -1 : best;
}

/**
 * Louvain's sweeps, until one moves nothing or raises Q by no more than
 * MIN_SWEEP_GAIN (the stopping rule of Blondel et al.'s reference code,
 * whose default `min_modularity` is 1e-6): at a million nodes the last
 * dozens of sweeps each move a handful of nodes for a gain far below that.
 */
function moveSweeps(g: Level, s: Scratch, scale: number, rng: Rng, m: number): void {
  const n = g.n;
  const order = shuffled(n, s, rng);
  let moved: number;
  let gain: number;
  do {
    moved = 0;
    gain = 0;
    for (let idx = 0; idx < n; idx++) {
      if (bestMove(g, s, scale, order[idx], 0) >= 0) {
        moved++;
        gain += s.lastDelta;
      }
    }
  } while (moved > 0 && gain / m > MIN_SWEEP_GAIN);
}

/**
 * Leiden's fast local moving. The queue is one flag per node, served in
 * rounds in a random order (the first level's is the node numbering, itself
 * random). The rule is the paper's (every node once, then only nodes whose
 * neighbour moved away, until none waits); only the order of the waiting
 * nodes differs from a first-in first-out queue: it reads the rows in
 * memory order on the first level, where a FIFO's order is random and each
 * visit misses the cache (16–18 CPU-s became 13 at a million nodes).
 */
function moveQueue(g: Level, s: Scratch, scale: number, rng: Rng): void {
  const n = g.n;
  const { comm, size, empty, flag } = s;
  // Ids of empty communities (with an initial partition from the previous level, some are).
  let emptyTop = 0;
  for (let c = n - 1; c >= 0; c--) if (size[c] === 0) empty[emptyTop++] = c;
  const order = shuffled(n, s, rng);
  flag.fill(1, 0, n);
  let waiting = n;
  const { start, targets } = g;
  while (waiting > 0) {
    for (let idx = 0; idx < n && waiting > 0; idx++) {
      const v = order[idx];
      if (flag[v] === 0) continue;
      flag[v] = 0;
      waiting--;
      const c0 = comm[v];
      const c = bestMove(g, s, scale, v, emptyTop);
      if (c < 0) continue;
      if (emptyTop > 0 && c === empty[emptyTop - 1]) emptyTop--;
      if (size[c0] === 0) empty[emptyTop++] = c0;
      for (let e = start[v], end = start[v + 1]; e < end; e++) {
        const j = targets[e];
        if (flag[j] === 0 && comm[j] !== c) {
          flag[j] = 1;
          waiting++;
        }
      }
    }
  }
}

/** Leiden's refinement of s.comm into s.rComm (ids = node ids; see the banner). */
function refine(g: Level, s: Scratch, scale: number, rng: Rng, theta: number): void {
  const n = g.n;
  const { comm, tot, rComm, rTot, rExt, ext, nbW, nbList, candW, flag } = s;
  const { start, targets, weights, strength } = g;
  for (let v = 0; v < n; v++) {
    const cv = comm[v];
    let x = 0;
    for (let e = start[v], end = start[v + 1]; e < end; e++) if (comm[targets[e]] === cv) x += weights[e];
    ext[v] = x;
    rComm[v] = v;
    rTot[v] = strength[v];
    rExt[v] = x;
  }
  // flag[r] = 1: refined cluster r has received a node (so its founder is no longer alone).
  flag.fill(0, 0, n);
  const order = shuffled(n, s, rng);
  for (let idx = 0; idx < n; idx++) {
    const v = order[idx];
    if (flag[v] !== 0) continue;
    const kv = strength[v];
    const cv = comm[v];
    const kS = tot[cv];
    if (ext[v] < scale * kv * (kS - kv)) continue;
    rTot[v] = 0;
    rExt[v] = 0;
    let nt = 0;
    for (let e = start[v], end = start[v + 1]; e < end; e++) {
      const j = targets[e];
      if (comm[j] !== cv) continue;
      const r = rComm[j];
      if (nbW[r] < 0) {
        nbW[r] = 0;
        nbList[nt++] = r;
      }
      nbW[r] += weights[e];
    }
    // Gains ≥ 0 of the well-connected clusters next to v; staying alone has gain 0.
    let maxGain = 0;
    let kept = 0;
    for (let t = 0; t < nt; t++) {
      const r = nbList[t];
      const gain = nbW[r] - scale * kv * rTot[r];
      if (gain >= 0 && rExt[r] >= scale * rTot[r] * (kS - rTot[r])) {
        nbList[kept] = r;
        candW[kept++] = gain;
        if (gain > maxGain) maxGain = gain;
      } else nbW[r] = -1;
    }
    // Probabilities ∝ exp(gain / θ), scaled by exp(−max / θ) so nothing overflows.
    let total = exp(-maxGain / theta);
    for (let t = 0; t < kept; t++) {
      candW[t] = exp((candW[t] - maxGain) / theta);
      total += candW[t];
    }
    let chosen = v;
    if (kept > 0) {
      let u = rng.next() * total - exp(-maxGain / theta);
      for (let t = 0; t < kept; t++) {
        if (u < 0) break;
        chosen = nbList[t];
        u -= candW[t];
      }
    }
    if (chosen !== v) {
      rComm[v] = chosen;
      rTot[chosen] += kv;
      rExt[chosen] += ext[v] - 2 * nbW[chosen];
      flag[chosen] = 1;
    } else {
      rTot[v] = kv;
      rExt[v] = ext[v];
    }
    for (let t = 0; t < kept; t++) nbW[nbList[t]] = -1;
  }
}

/** Labels (ids < n) renumbered 0..count−1 in order of first appearance; returns count. */
function renumber(labels: Int32Array, n: number, relabel: Int32Array): number {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    let r = relabel[c];
    if (r < 0) {
      r = count++;
      relabel[c] = r;
    }
    labels[i] = r;
  }
  relabel.fill(-1, 0, n);
  return count;
}

/** Members of each label, in node order: members[memberStart[c] .. memberStart[c + 1]). */
function groupMembers(n: number, labels: Int32Array, count: number, s: Scratch): void {
  const { members, memberStart, stamp } = s;
  memberStart.fill(0, 0, count + 1);
  for (let i = 0; i < n; i++) memberStart[labels[i] + 1]++;
  for (let c = 0; c < count; c++) memberStart[c + 1] += memberStart[c];
  stamp.set(memberStart.subarray(0, count));
  for (let i = 0; i < n; i++) members[stamp[labels[i]]++] = i;
}

/** The graph with one node per label (0..count−1): weights summed, internal weight on the loop. */
function aggregate(g: Level, labels: Int32Array, count: number, s: Scratch, spare: Buffers | null): Level {
  const n = g.n;
  groupMembers(n, labels, count, s);
  const { members, memberStart, stamp, nbW, nbList } = s;
  const { start, targets, weights } = g;
  // Pass 1: the number of distinct neighbouring labels of each label.
  const newStart = reuse(spare?.start, count + 1, (k) => new Int32Array(k));
  newStart[0] = 0;
  stamp.fill(-1, 0, count);
  for (let c = 0; c < count; c++) {
    let d = 0;
    for (let p = memberStart[c]; p < memberStart[c + 1]; p++) {
      const i = members[p];
      for (let e = start[i], end = start[i + 1]; e < end; e++) {
        const l = labels[targets[e]];
        if (l !== c && stamp[l] !== c) {
          stamp[l] = c;
          d++;
        }
      }
    }
    newStart[c + 1] = newStart[c] + d;
  }
  const newTargets = reuse(spare?.targets, newStart[count], (k) => new Int32Array(k));
  const newWeights = reuse(spare?.weights, newStart[count], (k) => new Float64Array(k));
  const loop = reuse(spare?.loop, count, (k) => new Float64Array(k));
  const strength = reuse(spare?.strength, count, (k) => new Float64Array(k));
  // Pass 2: sum the weights, in order of first appearance.
  for (let c = 0; c < count; c++) {
    let nt = 0;
    let internal = 0;
    let k = 0;
    for (let p = memberStart[c]; p < memberStart[c + 1]; p++) {
      const i = members[p];
      internal += g.loop[i];
      k += g.strength[i];
      for (let e = start[i], end = start[i + 1]; e < end; e++) {
        const l = labels[targets[e]];
        if (l === c) {
          internal += weights[e];
          continue;
        }
        if (nbW[l] < 0) {
          nbW[l] = 0;
          nbList[nt++] = l;
        }
        nbW[l] += weights[e];
      }
    }
    loop[c] = internal;
    strength[c] = k;
    let q = newStart[c];
    for (let t = 0; t < nt; t++) {
      const l = nbList[t];
      newTargets[q] = l;
      newWeights[q++] = nbW[l];
      nbW[l] = -1;
    }
  }
  const buf = {
    start: fullArray(spare?.start, newStart),
    targets: fullArray(spare?.targets, newTargets),
    weights: fullArray(spare?.weights, newWeights),
    loop: fullArray(spare?.loop, loop),
    strength: fullArray(spare?.strength, strength),
  };
  return { n: count, start: newStart, targets: newTargets, weights: newWeights, loop, strength, twoM: g.twoM, buf };
}

/** `spare` when `view` was carved out of it, else `view` itself (a new array). */
function fullArray<T extends Int32Array | Float64Array>(spare: T | undefined, view: T): T {
  return spare !== undefined && view.buffer === spare.buffer ? spare : view;
}

/** Q of a partition of this level's nodes (labels 0..count−1). */
function levelModularity(g: Level, labels: Int32Array, count: number, s: Scratch, scale: number, twoM: number): number {
  const internal = s.tot;
  const total = new Float64Array(count);
  internal.fill(0, 0, count);
  const { start, targets, weights } = g;
  for (let i = 0; i < g.n; i++) {
    const c = labels[i];
    total[c] += g.strength[i];
    let x = g.loop[i];
    for (let e = start[i], end = start[i + 1]; e < end; e++) if (labels[targets[e]] === c) x += weights[e];
    internal[c] += x;
  }
  // scale = γ / 2m, so γ (K/2m)² = scale · K² / 2m.
  let q = 0;
  for (let c = 0; c < count; c++) q += internal[c] / twoM - (scale * total[c] * total[c]) / twoM;
  return q;
}

/** Each community split into its connected components (breadth-first, in node order); returns their count. */
function splitComponents(g: Level, labels: Int32Array, s: Scratch): number {
  const n = g.n;
  const part = s.stamp;
  part.fill(-1, 0, n);
  const queue = s.queue;
  let parts = 0;
  for (let root = 0; root < n; root++) {
    if (part[root] >= 0) continue;
    const c = labels[root];
    part[root] = parts;
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    while (head < tail) {
      const v = queue[head++];
      for (let e = g.start[v], end = g.start[v + 1]; e < end; e++) {
        const j = g.targets[e];
        if (part[j] < 0 && labels[j] === c) {
          part[j] = parts;
          queue[tail++] = j;
        }
      }
    }
    parts++;
  }
  labels.set(part.subarray(0, n));
  return parts;
}
