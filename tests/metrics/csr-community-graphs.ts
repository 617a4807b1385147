/**
 * Graphs with hand-solved modularity for the CSR community searches
 * (louvain-csr, leiden-csr), and the partition helpers their tests share.
 */
import { CsrGraph } from '../../src/model/csr-graph.js';
import { csrWeights } from '../../src/model/csr-weights.js';
import { graphOf } from './metric-graphs.js';

/**
 * r cliques of k nodes in a ring, clique c on nodes c·k .. c·k + k − 1, its
 * last node joined to the first node of clique c + 1 (mod r).
 */
export function ringOfCliques(r: number, k: number): CsrGraph {
  const pairs: Array<[number, number]> = [];
  for (let c = 0; c < r; c++) {
    const o = c * k;
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) pairs.push([o + i, o + j]);
    pairs.push([o + k - 1, ((c + 1) % r) * k]);
  }
  return graphOf(r * k, pairs);
}

/** Q of the ring of r k-cliques split into its cliques: with C = k(k−1)/2, Q = C/(C+1) − 1/r. */
export function ringOfCliquesQ(r: number, k: number): number {
  const c = (k * (k - 1)) / 2;
  return c / (c + 1) - 1 / r;
}

/** A graph and its weights from (u, v, w) records (repeated records add up). */
export function weightedGraph(n: number, records: ReadonlyArray<readonly [number, number, number]>, directed = false): { graph: CsrGraph; weights: Float64Array } {
  const edges = { n, directed, src: Int32Array.from(records, (r) => r[0]), dst: Int32Array.from(records, (r) => r[1]), m: records.length };
  const graph = CsrGraph.fromEdgeList(edges, { dropDuplicates: false });
  return { graph, weights: csrWeights(graph, edges, records.map((r) => r[2])) };
}

/** Labels renumbered 0.. in order of first appearance (two partitions are equal iff these are). */
export function firstAppearance(labels: ArrayLike<number>): Int32Array {
  const out = new Int32Array(labels.length);
  const seen = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    let c = seen.get(labels[i]);
    if (c === undefined) {
      c = seen.size;
      seen.set(labels[i], c);
    }
    out[i] = c;
  }
  return out;
}

/** True when every community induces a connected subgraph (arcs read both ways). */
export function communitiesConnected(n: number, pairs: ReadonlyArray<readonly [number, number]>, community: Int32Array): boolean {
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (const [u, v] of pairs) {
    adj[u].push(v);
    adj[v].push(u);
  }
  const seen = new Uint8Array(n);
  const rootOf = new Map<number, number>();
  for (let s = 0; s < n; s++) {
    if (seen[s]) continue;
    const c = community[s];
    // A second search starting inside an already reached community means it is split.
    if (rootOf.has(c)) return false;
    rootOf.set(c, s);
    const stack = [s];
    seen[s] = 1;
    while (stack.length > 0) {
      const v = stack.pop() as number;
      for (const j of adj[v]) {
        if (!seen[j] && community[j] === c) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
  }
  return true;
}
