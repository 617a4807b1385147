/**
 * Edge weights laid out like a CSR graph's arcs: `weights[k]` is the weight
 * of the arc stored at `graph.out.targets[k]` (NetworkView.weights). An
 * undirected edge carries its weight in both rows.
 *
 * Records are summed into their arc: repeated records of one pair (which
 * the CSR build keeps once) add up, and so do u→v and v→u when a directed
 * source is read as undirected. Records the build dropped (self-loops) are
 * ignored. O(n + m) with one stamp array: records are bucketed by source,
 * then each row's targets are indexed once.
 */
import type { CsrGraph } from './csr-graph.js';
import type { EdgeList } from './edge-list.js';
import { InputError } from './errors.js';

export function csrWeights(graph: CsrGraph, edges: EdgeList, weight: ArrayLike<number>): Float64Array {
  const m = edges.m ?? edges.src.length;
  if (weight.length !== m) throw new InputError(`model/csr-weights: ${weight.length} weights for ${m} edge records`, { field: 'weight' });
  const n = graph.n;
  // Half-records (from, to, record): both directions when the graph is undirected.
  const both = !graph.directed;
  const count = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    count[edges.src[e] + 1]++;
    if (both && edges.src[e] !== edges.dst[e]) count[edges.dst[e] + 1]++;
  }
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  const fill = count.slice(0, n);
  const to = new Int32Array(count[n]);
  const rec = new Int32Array(count[n]);
  for (let e = 0; e < m; e++) {
    const u = edges.src[e];
    const v = edges.dst[e];
    to[fill[u]] = v;
    rec[fill[u]++] = e;
    if (both && u !== v) {
      to[fill[v]] = u;
      rec[fill[v]++] = e;
    }
  }
  const out = new Float64Array(graph.out.targets.length);
  const slot = new Int32Array(n).fill(-1);
  const stamp = new Int32Array(n).fill(-1);
  const { start, deg, targets } = graph.out;
  for (let u = 0; u < n; u++) {
    for (let k = start[u], e = k + deg[u]; k < e; k++) {
      slot[targets[k]] = k;
      stamp[targets[k]] = u;
    }
    for (let h = count[u]; h < count[u + 1]; h++) {
      const v = to[h];
      if (stamp[v] === u) out[slot[v]] += weight[rec[h]];
    }
  }
  return out;
}
