/**
 * Exact partner choice of the algorithmic-bias model on a complete graph in
 * less than O(N) per draw: a sorted index of the opinions and rejection
 * sampling from a bound built on it.
 *
 * Target (Sîrbu, Pedreschi, Giannotti & Kertész, PLOS ONE 14(3), e0213246,
 * 2019): for agent i, partner j ≠ i with probability
 *
 *   P(j | i) = w_j / Σ_k w_k,   w_j = pow(max(|x_j − x_i|, d_min), −γ),
 *
 * w_j computed exactly as the scan does (same expression, det-math's pow),
 * so the two samplers target the same floating-point weights.
 *
 * Index: agents sorted by opinion (`order`, `rank`, `vals`); an interaction
 * moves two opinions, each re-inserted by shifting the entries between its
 * old and new rank. Because rounding is monotone, |vals[k] − x_i| never
 * decreases as k moves away from i's rank, so on each side of i the weights
 * never increase.
 *
 * Envelope (a bound E_j ≥ w_j for every j):
 * - near: the agents with |x_j − x_i| ≤ d_min, a contiguous run of ranks
 *   around i found by galloping search. They all weigh exactly
 *   W0 = pow(d_min, −γ): E_j = w_j, never rejected. Late in a run these are
 *   the agents of i's own cluster and hold nearly all the mass, so a draw
 *   costs two short searches and no pow call at all.
 * - far, left and right of the near run: blocks of 1, 1, 2, 4, 8, … ranks
 *   going outward; E_j = B(d of the block's nearest agent), where B(d) =
 *   pow(g, −γ) × SAFETY for the largest grid distance g ≤ d, from a table
 *   made once per run at g = 2^e (1 + j/m) (m = max(8, ⌈5γ⌉) per octave):
 *   one binary search instead of a pow, at most 2^(γ/m) ≤ 2^(1/5) above the
 *   weight. Until a side is first chosen its whole mass is bounded by
 *   (count) × B(d of its nearest agent) × SAFETY; its blocks are built only
 *   then. A proposed far agent costs one pow (its exact weight).
 * One trial picks j with probability E_j / ΣE and accepts it with
 * probability w_j / E_j, so it accepts j with probability w_j / ΣE: the same
 * factor for every j. The trials of one draw may tighten the bound after a
 * rejection (a side's blocks replace its coarse bound); each trial still
 * accepts j with probability ∝ w_j, so the accepted j has exactly P(j | i).
 *
 * SAFETY = 1 + 2^−30 covers pow's rounding: det-math's pow has relative error
 * ≲ |y ln x|·2^−53 ≤ 20 · ln(10^5) · 2^−53 ≈ 2.6·10^−14 on this domain
 * (x = max(d, d_min) ∈ [10^−5, 1], γ ≤ 20), so a computed weight at a
 * distance ≥ g never exceeds the computed pow(g, −γ) by more than a factor
 * 1 + 6·10^−14, far below 2^−30 ≈ 9.3·10^−10. The coarse bound's extra
 * SAFETY holds the blocks' rounded sum the same way. Uniform variates have
 * the 2^−32 resolution of one `Rng.next()`, as in the scan's inversion.
 *
 * Other graphs (the model's job, see algorithmic-bias.ts): a proposal from
 * this sampler (all agents) accepted only if it is a neighbour of i has
 * probability w_j / Σ_all w for each neighbour j, the same factor for all,
 * so it is exact for the neighbours; `NeighbourRows` answers "is j a
 * neighbour of i" in O(log degree).
 */
import { pow } from '../../model/det-math.js';
import type { Rng } from '../../model/rng.js';

/** Bound inflation covering pow's rounding (see the banner). */
export const SORTED_SAFETY = 1 + 9.313225746154785e-10; // 1 + 2^−30, exact

/** Each agent's out-neighbours, sorted, for membership tests by binary search. */
export class NeighbourRows {
  private readonly start: Int32Array;
  private readonly targets: Int32Array;

  constructor(graph: { readonly n: number; readonly out: { readonly start: Int32Array; readonly deg: Int32Array; readonly targets: Int32Array } }) {
    const { n } = graph;
    const { start, deg, targets } = graph.out;
    this.start = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.start[i + 1] = this.start[i] + deg[i];
    this.targets = new Int32Array(this.start[n]);
    for (let i = 0; i < n; i++) {
      const row = targets.slice(start[i], start[i] + deg[i]).sort();
      this.targets.set(row, this.start[i]);
    }
  }

  /** Is j an out-neighbour of i? */
  has(i: number, j: number): boolean {
    let lo = this.start[i];
    let hi = this.start[i + 1] - 1;
    const t = this.targets;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = t[mid];
      if (v === j) return true;
      if (v < j) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/** Agents sorted by opinion, kept sorted as opinions move. */
export class OpinionOrder {
  readonly n: number;
  /** order[k]: the agent at rank k (ascending opinion). */
  readonly order: Int32Array;
  /** rank[a]: the rank of agent a. */
  readonly rank: Int32Array;
  /** vals[k]: the opinion of order[k], non-decreasing in k. */
  readonly vals: Float64Array;

  constructor(x: ArrayLike<number>) {
    this.n = x.length;
    this.order = new Int32Array(this.n);
    this.rank = new Int32Array(this.n);
    this.vals = new Float64Array(this.n);
    this.rebuild(x);
  }

  /** Sorts all agents again (ties by agent id). */
  rebuild(x: ArrayLike<number>): void {
    const idx = Array.from({ length: this.n }, (_, a) => a);
    idx.sort((a, b) => x[a] - x[b] || a - b);
    for (let k = 0; k < this.n; k++) {
      const a = idx[k];
      this.order[k] = a;
      this.rank[a] = k;
      this.vals[k] = x[a];
    }
  }

  /** Does the index hold exactly the opinions `x` (so it needs no rebuild)? O(N). */
  matches(x: ArrayLike<number>): boolean {
    if (x.length !== this.n) return false;
    for (let a = 0; a < this.n; a++) if (this.vals[this.rank[a]] !== x[a]) return false;
    return true;
  }

  /** Agent `a`'s opinion becomes `v`: shift the entries between its old and new rank. */
  move(a: number, v: number): void {
    const { order, rank, vals, n } = this;
    let k = rank[a];
    if (v > vals[k]) {
      while (k + 1 < n && vals[k + 1] < v) {
        vals[k] = vals[k + 1];
        order[k] = order[k + 1];
        rank[order[k]] = k;
        k++;
      }
    } else {
      while (k > 0 && vals[k - 1] > v) {
        vals[k] = vals[k - 1];
        order[k] = order[k - 1];
        rank[order[k]] = k;
        k--;
      }
    }
    vals[k] = v;
    order[k] = a;
    rank[a] = k;
  }
}

/**
 * Bounded-confidence convergence on a complete graph from the sorted
 * opinions in O(N): no pair with tolerance ≤ |x_a − x_b| < ε. For each rank
 * k, the distances to higher ranks never decrease, so only the first rank at
 * distance ≥ tolerance can fail; that rank never moves left as k grows.
 * Same answer as checking every edge (boundedConfidenceSettled).
 */
export function sortedSettled(vals: Float64Array, epsilon: number, tolerance: number): boolean {
  const n = vals.length;
  let l = 0;
  for (let k = 0; k < n; k++) {
    if (l <= k) l = k + 1;
    while (l < n && Math.abs(vals[l] - vals[k]) < tolerance) l++;
    if (l < n && Math.abs(vals[l] - vals[k]) < epsilon) return false;
  }
  return true;
}

/** One side's blocks of ranks (scratch of a draw). */
export interface SideBlocks {
  /** Rank of each block's nearest agent (first rank met going outward). */
  readonly near: Int32Array;
  readonly size: Int32Array;
  /** E_j of the block's agents: B(distance of the block's nearest agent), see the banner. */
  readonly bound: Float64Array;
  /** Cumulative Σ size·bound over blocks 0..b. */
  readonly cum: Float64Array;
  count: number;
}

function sideBlocks(n: number): SideBlocks {
  // Blocks of 1, 1, 2, 4, … cover 2^(b−1) ranks with b blocks.
  let cap = 2;
  for (let covered = 1; covered < n; covered *= 2) cap++;
  return { near: new Int32Array(cap), size: new Int32Array(cap), bound: new Float64Array(cap), cum: new Float64Array(cap), count: 0 };
}

/** The bound of one draw: what a trial proposes and with what mass. */
export interface PartnerEnvelope {
  /** Rank of the agent and the near run [lo, hi] of ranks (contains it). */
  readonly p: number;
  readonly lo: number;
  readonly hi: number;
  /** Exact weight of a near agent, pow(d_min, −γ). */
  readonly w0: number;
  /** Coarse bounds: far agents on each side × B(distance of the nearest of them) × SAFETY. */
  readonly leftCoarse: number;
  readonly rightCoarse: number;
}

/**
 * Exact biased partner choice on a complete graph (see the banner). Holds
 * the sorted index and the scratch of a draw.
 */
export class SortedPartnerSampler {
  readonly index: OpinionOrder;
  private readonly gamma: number;
  private readonly minDistance: number;
  private readonly w0: number;
  private readonly left: SideBlocks;
  private readonly right: SideBlocks;
  /** Distances g_k (ascending doubles) and B = pow(g_k, −γ) × SAFETY, a bound of every weight at distance ≥ g_k. */
  private readonly grid: Float64Array;
  private readonly gridBound: Float64Array;
  // The last envelope (draw reuses these instead of allocating one per interaction).
  private envP = 0;
  private envLo = 0;
  private envHi = 0;
  private envLeft = 0;
  private envRight = 0;

  constructor(x: ArrayLike<number>, gamma: number, minDistance: number) {
    this.index = new OpinionOrder(x);
    this.gamma = gamma;
    this.minDistance = minDistance;
    this.w0 = pow(minDistance, -gamma);
    this.left = sideBlocks(x.length);
    this.right = sideBlocks(x.length);
    // 2^e·(1 + j/m) for octaves from below d_min up to 1, then 1: a weight bound within a factor
    // 2^(γ/m) ≤ 2^(1/5) of the weight for one lookup (m = 8 up to γ = 1.6, then 5γ rounded up).
    const perOctave = Math.max(8, Math.ceil(5 * gamma));
    const g: number[] = [];
    let lowest = 1;
    while (lowest > minDistance) lowest /= 2;
    for (let octave = lowest; octave < 1; octave *= 2) for (let j = 0; j < perOctave; j++) g.push(octave * (1 + j / perOctave));
    g.push(1);
    this.grid = Float64Array.from(g);
    this.gridBound = Float64Array.from(g, (d) => pow(Math.max(d, minDistance), -gamma) * SORTED_SAFETY);
  }

  /**
   * A bound on the weight of any agent at distance ≥ that of rank k from xi,
   * without a pow: the bound of the largest grid distance not above it.
   */
  private tableBound(k: number, xi: number): number {
    const d = Math.max(Math.abs(this.index.vals[k] - xi), this.minDistance);
    const grid = this.grid;
    let lo = 0;
    let hi = grid.length - 1;
    if (d >= grid[hi]) return this.gridBound[hi];
    // Invariant: grid[lo] ≤ d < grid[hi] (grid[0] ≤ d_min ≤ d).
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (grid[mid] <= d) lo = mid;
      else hi = mid;
    }
    return this.gridBound[lo];
  }

  /** The exact selection weight of the agent at rank k, seen from opinion xi (the scan's expression). */
  weightAt(k: number, xi: number): number {
    return pow(Math.max(Math.abs(this.index.vals[k] - xi), this.minDistance), -this.gamma);
  }

  private isNear(k: number, xi: number): boolean {
    return Math.abs(this.index.vals[k] - xi) <= this.minDistance;
  }

  /** The near run around agent i's rank and the coarse bounds of both sides. */
  envelope(i: number): PartnerEnvelope {
    this.computeEnvelope(i);
    return { p: this.envP, lo: this.envLo, hi: this.envHi, w0: this.w0, leftCoarse: this.envLeft, rightCoarse: this.envRight };
  }

  private computeEnvelope(i: number): void {
    const { rank, vals, n } = this.index;
    const p = rank[i];
    const xi = vals[p];
    // Gallop outward to a rank that is not near (or past the end), then bisect.
    let inL = p;
    let outL = -1;
    for (let step = 1; ; step *= 2) {
      const k = p - step;
      if (k < 0) break;
      if (this.isNear(k, xi)) inL = k;
      else {
        outL = k;
        break;
      }
    }
    while (inL - outL > 1) {
      const mid = (inL + outL) >> 1;
      if (this.isNear(mid, xi)) inL = mid;
      else outL = mid;
    }
    let inR = p;
    let outR = n;
    for (let step = 1; ; step *= 2) {
      const k = p + step;
      if (k >= n) break;
      if (this.isNear(k, xi)) inR = k;
      else {
        outR = k;
        break;
      }
    }
    while (outR - inR > 1) {
      const mid = (inR + outR) >> 1;
      if (this.isNear(mid, xi)) inR = mid;
      else outR = mid;
    }
    const lo = inL;
    const hi = inR;
    // B never increases with the distance (up to pow's 10⁻¹⁴ non-monotonicity when γ is tiny), so it
    // bounds every block on that side; one more SAFETY factor holds that and the blocks' rounded sum.
    this.envP = p;
    this.envLo = lo;
    this.envHi = hi;
    this.envLeft = lo > 0 ? lo * (this.tableBound(lo - 1, xi) * SORTED_SAFETY) : 0;
    this.envRight = hi < n - 1 ? (n - 1 - hi) * (this.tableBound(hi + 1, xi) * SORTED_SAFETY) : 0;
  }

  /** Builds one side's blocks (1, 1, 2, 4, … ranks outward from `first`); returns their total bound. */
  private buildBlocks(side: SideBlocks, first: number, count: number, dir: 1 | -1, xi: number): number {
    let b = 0;
    let total = 0;
    let k = first;
    let left = count;
    let size = 1;
    while (left > 0) {
      const s = Math.min(size, left);
      const bound = this.tableBound(k, xi);
      side.near[b] = k;
      side.size[b] = s;
      side.bound[b] = bound;
      total += s * bound;
      side.cum[b] = total;
      b++;
      k += dir * s;
      left -= s;
      if (b > 1) size *= 2;
    }
    side.count = b;
    return total;
  }

  /** Blocks of both sides for the agent at rank p with near run [lo, hi] (for tests and inspection). */
  blocks(env: PartnerEnvelope): { left: SideBlocks; right: SideBlocks; leftTotal: number; rightTotal: number } {
    const xi = this.index.vals[env.p];
    const leftTotal = this.buildBlocks(this.left, env.lo - 1, env.lo, -1, xi);
    const rightTotal = this.buildBlocks(this.right, env.hi + 1, this.index.n - 1 - env.hi, 1, xi);
    return { left: this.left, right: this.right, leftTotal, rightTotal };
  }

  /** Draws agent i's partner (an agent id ≠ i); requires N ≥ 2. */
  draw(i: number, rng: Rng): number {
    const { order, vals } = this.index;
    this.computeEnvelope(i);
    const p = this.envP;
    const lo = this.envLo;
    const hi = this.envHi;
    const xi = vals[p];
    const nearCount = hi - lo;
    const nearMass = nearCount * this.w0;
    let leftMass = this.envLeft;
    let rightMass = this.envRight;
    let leftBuilt = false;
    let rightBuilt = false;
    for (;;) {
      let u = rng.next() * (nearMass + leftMass + rightMass);
      if (u < nearMass) {
        // Uniform among the near run without i: exact weight W0 = E_j, always accepted.
        let k = lo + Math.floor(rng.next() * nearCount);
        if (k >= p) k++;
        return order[k];
      }
      u -= nearMass;
      const goLeft = u < leftMass || rightMass === 0;
      const side = goLeft ? this.left : this.right;
      if (goLeft ? !leftBuilt : !rightBuilt) {
        const coarse = goLeft ? leftMass : rightMass;
        const total = goLeft ? this.buildBlocks(side, lo - 1, lo, -1, xi) : this.buildBlocks(side, hi + 1, this.index.n - 1 - hi, 1, xi);
        if (goLeft) {
          leftBuilt = true;
          leftMass = total;
        } else {
          rightBuilt = true;
          rightMass = total;
        }
        // This trial proposed from the coarse bound: go on to the blocks with probability total / coarse.
        if (rng.next() * coarse >= total) continue;
      }
      const sideMass = goLeft ? leftMass : rightMass;
      const v = rng.next() * sideMass;
      let b = 0;
      while (b < side.count - 1 && v >= side.cum[b]) b++;
      const offset = Math.floor(rng.next() * side.size[b]);
      const k = goLeft ? side.near[b] - offset : side.near[b] + offset;
      if (rng.next() * side.bound[b] < this.weightAt(k, xi)) return order[k];
    }
  }
}
