/**
 * The undirected, weighted adjacency that modularity-based community
 * detection works on, built once from a CsrGraph in flat typed arrays.
 *
 * A directed follow graph W (u → v, weight w_uv, 1 when unweighted) is
 * symmetrised: A = W + Wᵀ, so A_uv = w_uv + w_vu (a reciprocated follow
 * counts twice, a one-way follow once). An undirected graph stores each
 * pair in both rows already, and is read as it is. Parallel arcs (rows with
 * repeats) are summed. Self-loops are kept apart in `loop`, with
 * A_ii = 2w (a directed loop appears in W and in Wᵀ; an undirected loop
 * counts twice in its node's degree, the convention of modularity.ts), and
 * are part of the strength k_i = Σ_j A_ij. 2m = Σ_i k_i.
 *
 * Rows are sorted by neighbour: the arcs are first bucketed by row, then
 * transposed (a transpose written in row order comes out sorted, and A is
 * symmetric, so its transpose is itself), and equal neighbours are merged.
 * So the result depends on the graph alone, never on the order in which its
 * rows were filled; with `order` (order[p] = the node placed at p) the
 * nodes are renumbered first, which is how a canonical node order reaches
 * the community search.
 *
 * Memory: 12 bytes per stored arc of A (Int32 target, Float64 weight) and
 * 28 bytes per node; during the build the bucketed arcs take 4 bytes per arc
 * more (12 when weighted).
 */
import type { CsrGraph } from '../../model/csr-graph.js';

export interface SymmetricAdjacency {
  readonly n: number;
  /** Row i is targets[start[i] .. start[i + 1]), sorted, without i itself. */
  readonly start: Int32Array;
  readonly targets: Int32Array;
  /** A_ij of each stored arc (≥ 0). */
  readonly weights: Float64Array;
  /** A_ii. */
  readonly loop: Float64Array;
  /** k_i = Σ_j A_ij, self-loop included. */
  readonly strength: Float64Array;
  /** Σ_i k_i. */
  readonly twoM: number;
}

export interface SymmetricAdjacencyOptions {
  /** Weight of every arc, aligned with `graph.out.targets` (NetworkView.weights); checked by the caller. */
  readonly weights?: Float64Array;
  /** Node placed at each position (a permutation of 0..n−1); default: the identity. */
  readonly order?: Int32Array;
}

export function symmetricAdjacency(graph: CsrGraph, options: SymmetricAdjacencyOptions = {}): SymmetricAdjacency {
  const n = graph.n;
  const w = options.weights;
  const order = options.order;
  let pos: Int32Array | null = null;
  if (order) {
    pos = new Int32Array(n);
    for (let p = 0; p < n; p++) pos[order[p]] = p;
  }
  const { start, deg, targets } = graph.out;
  // A directed arc u → v lands in both rows; an undirected pair is already stored in both.
  const both = graph.directed;
  const loop = new Float64Array(n);
  const rowStart = new Int32Array(n + 1);
  for (let u = 0; u < n; u++) {
    const pu = pos ? pos[u] : u;
    for (let k = start[u], e = k + deg[u]; k < e; k++) {
      const v = targets[k];
      if (v === u) continue;
      rowStart[pu + 1]++;
      if (both) rowStart[(pos ? pos[v] : v) + 1]++;
    }
  }
  for (let i = 0; i < n; i++) rowStart[i + 1] += rowStart[i];
  const total = rowStart[n];
  // 1. Bucket the arcs by row (new numbering), in whatever order the rows give them.
  const fill = rowStart.slice(0, n);
  const rawTo = new Int32Array(total);
  const rawW = w ? new Float64Array(total) : null;
  for (let u = 0; u < n; u++) {
    const pu = pos ? pos[u] : u;
    for (let k = start[u], e = k + deg[u]; k < e; k++) {
      const v = targets[k];
      const a = w ? w[k] : 1;
      if (v === u) {
        loop[pu] += 2 * a;
        continue;
      }
      const pv = pos ? pos[v] : v;
      let f = fill[pu]++;
      rawTo[f] = pv;
      if (rawW) rawW[f] = a;
      if (both) {
        f = fill[pv]++;
        rawTo[f] = pu;
        if (rawW) rawW[f] = a;
      }
    }
  }
  // 2. Transpose, rows in increasing order: every row comes out sorted (A is symmetric, so row
  // lengths do not change).
  fill.set(rowStart.subarray(0, n));
  const to = new Int32Array(total);
  const wt = new Float64Array(total);
  for (let x = 0; x < n; x++) {
    for (let f = rowStart[x], e = rowStart[x + 1]; f < e; f++) {
      const y = rawTo[f];
      const g = fill[y]++;
      to[g] = x;
      wt[g] = rawW ? rawW[f] : 1;
    }
  }
  // 3. Merge equal neighbours (now adjacent), in place.
  const strength = new Float64Array(n);
  const outStart = new Int32Array(n + 1);
  let out = 0;
  let twoM = 0;
  for (let x = 0; x < n; x++) {
    outStart[x] = out;
    let s = loop[x];
    for (let f = rowStart[x], e = rowStart[x + 1]; f < e; f++) {
      const y = to[f];
      const a = wt[f];
      s += a;
      if (out > outStart[x] && to[out - 1] === y) wt[out - 1] += a;
      else {
        to[out] = y;
        wt[out++] = a;
      }
    }
    strength[x] = s;
    twoM += s;
  }
  outStart[n] = out;
  return { n, start: outStart, targets: to.subarray(0, out), weights: wt.subarray(0, out), loop, strength, twoM };
}
