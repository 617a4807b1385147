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
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
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
 * The graphology copy Louvain runs on: node keys are positions 0..n−1 of
 * `order` (identity for index order), edges added row by row. Index order
 * adds them exactly as toGraphology does (CSR row order, u ≤ v when
 * undirected); canonical order sorts each row by position, so the copy is a
 * function of the ordered graph alone.
 */
function louvainCopy(graph: CsrGraph, order: Int32Array | null, weights: Float64Array | undefined): Graph {
  const n = graph.n;
  const g = new Graph({ type: graph.directed ? 'directed' : 'undirected', multi: false, allowSelfLoops: true });
  for (let i = 0; i < n; i++) g.addNode(String(i));
  const { start, deg, targets } = graph.out;
  const pos = new Int32Array(n);
  if (order) for (let p = 0; p < n; p++) pos[order[p]] = p;
  for (let p = 0; p < n; p++) {
    const u = order ? order[p] : p;
    const row: Array<[number, number]> = [];
    for (let k = start[u], e = k + deg[u]; k < e; k++) {
      const q = order ? pos[targets[k]] : targets[k];
      if (graph.directed || p <= q) row.push([q, k]);
    }
    if (order) row.sort((a, b) => a[0] - b[0]);
    for (const [q, k] of row) {
      if (weights) g.addEdge(String(p), String(q), { weight: weights[k] });
      else g.addEdge(String(p), String(q));
    }
  }
  return g;
}

/** The graph relabelled by `order` (node p = order[p]), rows filled from the sorted edge list, with its weights. */
function relabelled(graph: CsrGraph, order: Int32Array, weights: Float64Array | undefined): { graph: CsrGraph; weights: Float64Array | undefined } {
  const n = graph.n;
  const pos = new Int32Array(n);
  for (let p = 0; p < n; p++) pos[order[p]] = p;
  const arcs: Array<[number, number, number]> = [];
  const { start, deg, targets } = graph.out;
  for (let u = 0; u < n; u++) {
    for (let k = start[u], e = k + deg[u]; k < e; k++) {
      const v = targets[k];
      let a = pos[u];
      let b = pos[v];
      if (!graph.directed) {
        if (u > v) continue;
        if (a > b) [a, b] = [b, a];
      }
      arcs.push([a, b, weights ? weights[k] : 1]);
    }
  }
  arcs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const edges = { n, directed: graph.directed, src: Int32Array.from(arcs, (x) => x[0]), dst: Int32Array.from(arcs, (x) => x[1]), m: arcs.length };
  const g = CsrGraph.fromEdgeList(edges, { slack: 0, dropDuplicates: false, dropSelfLoops: false });
  return { graph: g, weights: weights ? csrWeights(g, edges, Float64Array.from(arcs, (x) => x[2])) : undefined };
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
  const g = louvainCopy(graph, order, weights);
  const canon = order ? relabelled(graph, order, weights) : null;
  const n = graph.n;
  const values = new Float64Array(restarts);
  let best = -1;
  let bestCommunity = new Int32Array(n);
  let bestCount = 0;
  let bestReported = NaN;
  for (let r = 0; r < restarts; r++) {
    const result = louvain.detailed(g, { rng: restartRng(seed, r).asFunction(), resolution, getEdgeWeight: weights ? 'weight' : null });
    // Back to original node numbering, communities renumbered by first appearance.
    const community = new Int32Array(n);
    const renumber = new Map<number, number>();
    for (let p = 0; p < n; p++) {
      const raw = result.communities[String(p)];
      community[order ? order[p] : p] = raw;
    }
    for (let i = 0; i < n; i++) {
      let c = renumber.get(community[i]);
      if (c === undefined) {
        c = renumber.size;
        renumber.set(community[i], c);
      }
      community[i] = c;
    }
    const q = canon ? modularityOf(canon.graph, Int32Array.from(order!, (v) => community[v]), resolution, canon.weights) : modularityOf(graph, community, resolution, weights);
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
