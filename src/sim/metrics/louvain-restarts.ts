/**
 * Louvain (graphology-communities-louvain) run k times with seeded restarts,
 * keeping the partition of highest modularity and the spread of the k
 * values, optionally on a canonical node order and with edge weights.
 *
 * Why: Louvain is a greedy heuristic whose partition depends on the order it
 * visits nodes and on its random stream. On an imported network the node
 * numbering is an accident of the file, so a single run can report a
 * different modularity for the same network saved in another order. With
 * `order: 'canonical'` the graph is handed to Louvain in an order derived
 * from its structure (model/canonical-order.ts), so a relabelled copy gives
 * the same runs; k restarts then show how much the optimum found depends on
 * the random stream (min, max and SD of the k modularities).
 *
 * Streams: restart 0 uses `new Rng(seed)`, restart r ≥ 1 `new Rng(seed)
 * .fork('restart-r')`. With `order: 'index'`, one restart and no weights
 * this is exactly `louvainCommunities(graph, { seed })` (same graphology
 * copy, same stream), which keeps recorded `network.modularity` values
 * unchanged. The best restart is the one of highest modularity, the lowest
 * index among equals. Each modularity is recomputed by `modularityOf`
 * (weighted when weights are given); in canonical order it is summed over
 * the canonically relabelled graph, so that it is the same to the last bit
 * for any numbering of the nodes. Weights (NetworkView.weights) enter both Louvain's moves
 * (`getEdgeWeight`) and the modularity.
 */
import { Graph, louvain } from '../../model/graphology-interop.js';
import { canonicalOrder } from '../../model/canonical-order.js';
import { CsrGraph } from '../../model/csr-graph.js';
import { csrWeights } from '../../model/csr-weights.js';
import { InputError } from '../../model/errors.js';
import { Rng } from '../../model/rng.js';
import { checkWeights, modularityOf } from './modularity.js';

export type LouvainOrder = 'index' | 'canonical';

export interface LouvainRestartOptions {
  /** Number of seeded restarts (default 10). */
  readonly restarts?: number;
  /** Seed of restart 0; the others fork from it (default "louvain"). */
  readonly seed?: string;
  /** Resolution γ (default 1). */
  readonly resolution?: number;
  /** Node order handed to Louvain (default 'canonical'). */
  readonly order?: LouvainOrder;
  /** Edge weights aligned with `graph.out.targets` (default: none, every edge counts 1). */
  readonly weights?: Float64Array;
}

export interface LouvainRestartsDetail {
  /** Community of every node of the best restart, 0..count−1 in order of first appearance by node index. */
  readonly community: Int32Array;
  readonly count: number;
  /** Modularity of the best restart (NaN without edges). */
  readonly modularity: number;
  /** The figure graphology reported for the best restart. */
  readonly reportedModularity: number;
  readonly resolution: number;
  readonly order: LouvainOrder;
  readonly weighted: boolean;
  /** Modularity of every restart, in restart order. */
  readonly values: Float64Array;
  /** Index of the best restart. */
  readonly best: number;
  readonly min: number;
  readonly max: number;
  /** Sample SD (n − 1) of the restarts' modularities; 0 for one restart. */
  readonly sd: number;
}

export const LOUVAIN_RESTART_DEFAULTS = { restarts: 10, seed: 'louvain', resolution: 1, order: 'canonical' as LouvainOrder };

/** Rng of restart r (restart 0 is the plain seeded stream of louvainCommunities). */
export function restartRng(seed: string, r: number): Rng {
  return r === 0 ? new Rng(seed) : new Rng(seed).fork(`restart-${r}`);
}

/**
 * The graphology copy Louvain runs on, nodes keyed "0".."n−1", edges added
 * row by row in CSR row order (u ≤ v when undirected): exactly as
 * toGraphology adds them, so the single index-order run is the historical
 * one.
 */
function louvainCopy(graph: CsrGraph, weights: Float64Array | undefined): Graph {
  const n = graph.n;
  const g = new Graph({ type: graph.directed ? 'directed' : 'undirected', multi: false, allowSelfLoops: true });
  for (let i = 0; i < n; i++) g.addNode(String(i));
  const { start, deg, targets } = graph.out;
  for (let u = 0; u < n; u++) {
    for (let k = start[u], e = k + deg[u]; k < e; k++) {
      const v = targets[k];
      if (!graph.directed && v < u) continue;
      if (weights) g.addEdge(String(u), String(v), { weight: weights[k] });
      else g.addEdge(String(u), String(v));
    }
  }
  return g;
}

/**
 * The graph relabelled by `order` (new node p = old node order[p]), built
 * from its arcs sorted by (p, q), so every row is sorted and the result
 * (rows, weights, sums over them) depends on the ordered graph alone.
 */
function relabelled(graph: CsrGraph, order: Int32Array, weights: Float64Array | undefined): { graph: CsrGraph; weights: Float64Array | undefined } {
  const n = graph.n;
  const pos = new Int32Array(n);
  for (let p = 0; p < n; p++) pos[order[p]] = p;
  const { start, deg, targets } = graph.out;
  let total = 0;
  for (let u = 0; u < n; u++) total += deg[u];
  const src = new Int32Array(total);
  const dst = new Int32Array(total);
  const w = new Float64Array(total);
  let m = 0;
  for (let p = 0; p < n; p++) {
    const u = order[p];
    const row: Array<[number, number]> = [];
    for (let k = start[u], e = k + deg[u]; k < e; k++) {
      const q = pos[targets[k]];
      if (graph.directed || q >= p) row.push([q, k]);
    }
    row.sort((x, y) => x[0] - y[0]);
    for (const [q, k] of row) {
      src[m] = p;
      dst[m] = q;
      w[m++] = weights ? weights[k] : 1;
    }
  }
  const edges = { n, directed: graph.directed, src: src.subarray(0, m), dst: dst.subarray(0, m), m };
  const g = CsrGraph.fromEdgeList(edges, { slack: 0, dropDuplicates: false, dropSelfLoops: false });
  return { graph: g, weights: weights ? csrWeights(g, edges, w.subarray(0, m)) : undefined };
}

export function louvainRestarts(graph: CsrGraph, options: LouvainRestartOptions = {}): LouvainRestartsDetail {
  const restarts = options.restarts ?? LOUVAIN_RESTART_DEFAULTS.restarts;
  const seed = options.seed ?? LOUVAIN_RESTART_DEFAULTS.seed;
  const resolution = options.resolution ?? LOUVAIN_RESTART_DEFAULTS.resolution;
  const orderKind = options.order ?? LOUVAIN_RESTART_DEFAULTS.order;
  if (!Number.isInteger(restarts) || restarts < 1) {
    throw new InputError(`metrics/louvain: invalid \`restarts\` (${restarts}): expected an integer ≥ 1`, { field: 'restarts' });
  }
  const weights = options.weights === undefined ? undefined : checkWeights(graph, options.weights);
  const order = orderKind === 'canonical' ? canonicalOrder(graph, { weights }) : null;
  // Louvain runs on the relabelled graph in canonical mode; results are mapped back through `order`.
  const run = order ? relabelled(graph, order, weights) : { graph, weights };
  const g = louvainCopy(run.graph, run.weights);
  const n = graph.n;
  const values = new Float64Array(restarts);
  let best = -1;
  let bestCommunity = new Int32Array(n);
  let bestCount = 0;
  let bestReported = NaN;
  for (let r = 0; r < restarts; r++) {
    const result = louvain.detailed(g, { rng: restartRng(seed, r).asFunction(), resolution, getEdgeWeight: weights ? 'weight' : null });
    const raw = new Int32Array(n);
    for (let p = 0; p < n; p++) raw[p] = result.communities[String(p)];
    // Modularity summed over the graph Louvain saw, so canonical runs agree to the last bit.
    const q = modularityOf(run.graph, raw, resolution, run.weights);
    // Back to the original numbering, communities renumbered by first appearance.
    const community = new Int32Array(n);
    const renumber = new Map<number, number>();
    for (let p = 0; p < n; p++) community[order ? order[p] : p] = raw[p];
    for (let i = 0; i < n; i++) {
      let c = renumber.get(community[i]);
      if (c === undefined) {
        c = renumber.size;
        renumber.set(community[i], c);
      }
      community[i] = c;
    }
    values[r] = q;
    // NaN (no edges) never beats anything; the first restart is kept then.
    if (best < 0 || q > values[best]) {
      best = r;
      bestCommunity = community;
      bestCount = renumber.size;
      bestReported = result.modularity;
    }
  }
  const finite = Array.from(values).filter((v) => Number.isFinite(v));
  const min = finite.length > 0 ? Math.min(...finite) : NaN;
  const max = finite.length > 0 ? Math.max(...finite) : NaN;
  let sd = finite.length > 0 ? 0 : NaN;
  if (finite.length > 1) {
    const mean = finite.reduce((s, x) => s + x, 0) / finite.length;
    sd = Math.sqrt(finite.reduce((s, x) => s + (x - mean) * (x - mean), 0) / (finite.length - 1));
  }
  return {
    community: bestCommunity,
    count: bestCount,
    modularity: values[best],
    reportedModularity: bestReported,
    resolution,
    order: orderKind,
    weighted: weights !== undefined,
    values,
    best,
    min,
    max,
    sd,
  };
}
