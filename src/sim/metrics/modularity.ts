/**
 * Modularity of a given partition, computed exactly on the CSR arrays in
 * O(n + m), so Louvain's reported figure can be checked independently.
 *
 * Undirected (Newman & Girvan, Phys. Rev. E 69, 026113 (2004)):
 *   Q = (1/2m) Σ_ij [A_ij − γ k_i k_j / 2m] δ(c_i, c_j) = Σ_c [e_c/2m − γ (K_c/2m)²]
 * with e_c = Σ_{i,j∈c} A_ij (twice the internal edges) and K_c the degree
 * total of community c. A kept self-loop counts A_ii = 2 and adds 2 to k_i
 * (the convention of graphology's Louvain index and networkx).
 * Directed (Leicht & Newman, Phys. Rev. Lett. 100, 118703 (2008)):
 *   Q = (1/m) Σ_ij [A_ij − γ k_i^out k_j^in / m] δ(c_i, c_j)
 *     = Σ_c [e_c/m − γ K_c^out K_c^in / m²]
 * with m the number of arcs. γ is the resolution (1 = classic modularity).
 * Edgeless graph: NaN (0/0), as graphology reports.
 *
 * Weighted (Newman, Phys. Rev. E 70, 056131 (2004)): the same formulas with
 * A_ij the weight w_ij of the edge, k_i the strength Σ_j w_ij and m the
 * total weight (a kept undirected self-loop counts 2w). `weights` is aligned
 * with `graph.out.targets` (NetworkView.weights); the unweighted code path
 * is untouched, so unweighted results are bit-for-bit those of before.
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import { InputError } from '../../model/errors.js';

/** Community labels mapped to 0..C−1; throws on a non-integer or negative label. */
function compactLabels(n: number, partition: ArrayLike<number>): { labels: Int32Array; count: number } {
  const labels = new Int32Array(n);
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = partition[i];
    if (!Number.isInteger(c) || c < 0) {
      throw new InputError(`metrics/modularity: invalid \`partition[${i}]\` (${c}): expected an integer ≥ 0`, { field: 'partition' });
    }
    let id = seen.get(c);
    if (id === undefined) {
      id = seen.size;
      seen.set(c, id);
    }
    labels[i] = id;
  }
  return { labels, count: seen.size };
}

export function modularityOf(graph: CsrGraph, partition: ArrayLike<number>, resolution = 1, weights?: Float64Array): number {
  const n = graph.n;
  if (partition.length !== n) {
    throw new InputError(`metrics/modularity: \`partition\` has ${partition.length} labels for ${n} nodes`, { field: 'partition' });
  }
  if (!Number.isFinite(resolution) || resolution < 0) {
    throw new InputError(`metrics/modularity: invalid \`resolution\` (${resolution}): expected a finite number ≥ 0`, { field: 'resolution' });
  }
  const { labels, count } = compactLabels(n, partition);
  if (weights !== undefined) return weightedModularity(graph, labels, count, resolution, checkWeights(graph, weights));
  const { start, deg, targets } = graph.out;
  const internal = new Float64Array(count);
  const totalOut = new Float64Array(count);
  if (graph.directed) {
    const totalIn = new Float64Array(count);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const ci = labels[i];
      const d = deg[i];
      m += d;
      totalOut[ci] += d;
      totalIn[ci] += graph.in.deg[i];
      for (let k = start[i], e = k + d; k < e; k++) if (labels[targets[k]] === ci) internal[ci] += 1;
    }
    return directedQ(internal, totalOut, totalIn, m, resolution);
  }
  // Undirected: a pair is stored in both rows (each contributes A_ij = 1 from
  // its side); a self-loop is stored once and contributes A_ii = 2.
  let twoM = 0;
  for (let i = 0; i < n; i++) {
    const ci = labels[i];
    let k = 0;
    for (let p = start[i], e = p + deg[i]; p < e; p++) {
      const j = targets[p];
      const a = j === i ? 2 : 1;
      k += a;
      if (labels[j] === ci) internal[ci] += a;
    }
    totalOut[ci] += k;
    twoM += k;
  }
  return undirectedQ(internal, totalOut, twoM, resolution);
}

/** `weights` checked against the graph: one finite value ≥ 0 per arc slot. */
export function checkWeights(graph: CsrGraph, weights: Float64Array): Float64Array {
  const { start, deg } = graph.out;
  if (weights.length < graph.out.targets.length) {
    throw new InputError(`metrics/modularity: \`weights\` has ${weights.length} values for ${graph.out.targets.length} arc slots`, { field: 'weights' });
  }
  for (let i = 0; i < graph.n; i++) {
    for (let k = start[i], e = k + deg[i]; k < e; k++) {
      const w = weights[k];
      if (!(w >= 0) || !Number.isFinite(w)) throw new InputError(`metrics/modularity: invalid weight (${w}) on an edge of node ${i}: expected a finite number ≥ 0`, { field: 'weights' });
    }
  }
  return weights;
}

function weightedModularity(graph: CsrGraph, labels: Int32Array, count: number, resolution: number, weights: Float64Array): number {
  const n = graph.n;
  const { start, deg, targets } = graph.out;
  const internal = new Float64Array(count);
  const totalOut = new Float64Array(count);
  if (graph.directed) {
    const totalIn = new Float64Array(count);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const ci = labels[i];
      for (let k = start[i], e = k + deg[i]; k < e; k++) {
        const w = weights[k];
        const cj = labels[targets[k]];
        m += w;
        totalOut[ci] += w;
        totalIn[cj] += w;
        if (cj === ci) internal[ci] += w;
      }
    }
    return directedQ(internal, totalOut, totalIn, m, resolution);
  }
  let twoM = 0;
  for (let i = 0; i < n; i++) {
    const ci = labels[i];
    let s = 0;
    for (let p = start[i], e = p + deg[i]; p < e; p++) {
      const j = targets[p];
      const a = j === i ? 2 * weights[p] : weights[p];
      s += a;
      if (labels[j] === ci) internal[ci] += a;
    }
    totalOut[ci] += s;
    twoM += s;
  }
  return undirectedQ(internal, totalOut, twoM, resolution);
}

/** Q = Σ_c [e_c / m − γ · out_c · in_c / m²] (directed; m = total arc weight), NaN without arcs. */
function directedQ(internal: Float64Array, totalOut: Float64Array, totalIn: Float64Array, m: number, resolution: number): number {
  if (m === 0) return NaN;
  let q = 0;
  for (let c = 0; c < internal.length; c++) q += internal[c] / m - (resolution * totalOut[c] * totalIn[c]) / (m * m);
  return q;
}

/** Q = Σ_c [e_c / 2m − γ (a_c / 2m)²] (undirected; 2m = total degree), NaN without edges. */
function undirectedQ(internal: Float64Array, totalOut: Float64Array, twoM: number, resolution: number): number {
  if (twoM === 0) return NaN;
  let q = 0;
  for (let c = 0; c < internal.length; c++) {
    const f = totalOut[c] / twoM;
    q += internal[c] / twoM - resolution * f * f;
  }
  return q;
}
