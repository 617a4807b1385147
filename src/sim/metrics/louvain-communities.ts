/**
 * Communities by the Louvain method (Blondel et al., J. Stat. Mech. P10008
 * (2008); directed graphs by Dugué & Perez's directed Louvain, which
 * maximises Leicht–Newman modularity), run by graphology-communities-louvain
 * on a graphology copy of the CSR graph. The traversal order is random:
 * every draw comes from an `Rng` (given, or `new Rng(seed)` with default
 * seed "louvain"), so one seed gives one partition. The reported modularity
 * is recomputed exactly by `modularityOf` on the returned partition (the
 * library's own figure is kept for cross-checking). One snapshot.
 *
 * Community ids are renumbered 0..count−1 in order of first appearance by
 * node index, so the same partition always reads the same. The partition
 * itself may depend on node order (Louvain is a heuristic with ties), so it
 * is not invariant under relabelling; the modularity of a fixed partition is.
 *
 * The registry metrics (`network.modularity`, `network.communities`) take
 * two more options: `restarts` (default 1) and `order` ('index', the
 * default, or 'canonical'), and use the view's edge weights when it has
 * them. With the defaults and no weights they are this single seeded run,
 * exactly as before; otherwise louvain-restarts.ts runs Louvain `restarts`
 * times (on a canonical node order if asked, so that the value does not
 * depend on how the nodes happen to be numbered) and keeps the best.
 *
 * Algorithm (registry metrics only, option `algorithm`): 'graphology' is
 * the path above; 'louvain' and 'leiden' run louvainCsr / leidenCsr
 * straight on the CSR arrays (csr-communities.ts), with the same seed,
 * restarts, order and weights; 'auto' (the default) is graphology up to
 * AUTO_CSR_ABOVE nodes, so every recorded result stays as it was, and
 * Leiden above, where the graphology copy costs gigabytes. The CSR path
 * optimises undirected modularity on A = W + Wᵀ; its metric value is still
 * modularityOf on the view's graph (Leicht–Newman when directed, as the
 * graphology path reports), and the detail carries the undirected figure as
 * `undirectedModularity`.
 *
 * Progress (optional, for a page showing a long build): the copy to
 * graphology reports node by node and edge by edge; the library's passes
 * report nothing until they end, so they count as a fixed share of the
 * work (LOUVAIN_SHARE of the copy's, measured 7–25 %). Reporting reads
 * counters only: the partition is the same with or without a listener.
 */
import { louvain } from '../../model/graphology-interop.js';
import type { CsrGraph } from '../../model/csr-graph.js';
import { ParamError, check } from '../../model/errors.js';
import { Rng } from '../../model/rng.js';
import { toGraphology } from '../../model/to-graphology.js';
import type { MetricDefinition, MetricOptions, NetworkView } from '../metric-view.js';
import { modularityOf } from './modularity.js';
import { louvainRestarts, type LouvainOrder, type LouvainRestartsDetail } from './louvain-restarts.js';
import { moduleName, requireNetwork, resolveOptions } from './metric-support.js';
import { csrCommunityRestarts, type CsrRestartsDetail } from './csr-community-restarts.js';
import { csrCommunities } from './csr-communities.js';

export interface LouvainOptions {
  /** Stream for the random traversal; wins over `seed`. */
  readonly rng?: Rng;
  /** Key of a fresh stream when no `rng` is given (default "louvain"). */
  readonly seed?: string;
  /** Resolution γ (default 1). */
  readonly resolution?: number;
  /** Called with (work done, work in all) as the run advances, ending with done = total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** 'graphology', 'louvain', 'leiden' or 'auto' (default: graphology up to AUTO_CSR_ABOVE nodes, CSR Leiden above). */
  readonly algorithm?: CommunityAlgorithmChoice;
}

/** The library's passes, as a share of the copy's work (for progress only). */
const LOUVAIN_SHARE = 0.25;

export interface LouvainDetail {
  /** Community of every node, 0..count−1 in order of first appearance. */
  readonly community: Int32Array;
  readonly count: number;
  /** modularityOf(graph, community, resolution); NaN for an edgeless graph. */
  readonly modularity: number;
  /** The figure graphology-communities-louvain reported for the same partition (CSR path: the undirected modularity it optimised). */
  readonly reportedModularity: number;
  readonly resolution: number;
}

const DEFAULTS = { resolution: 1, seed: 'louvain' };
/** Which search the registry metrics run: see the banner. */
export type CommunityAlgorithmChoice = 'auto' | 'graphology' | 'louvain' | 'leiden';
export const COMMUNITY_ALGORITHMS: readonly CommunityAlgorithmChoice[] = ['auto', 'graphology', 'louvain', 'leiden'];
/** 'auto' runs graphology's Louvain up to this many nodes, CSR Leiden above. */
export const AUTO_CSR_ABOVE = 100_000;
/** Options of the registry metrics: the single run's, plus restarts, node order and algorithm. */
const METRIC_DEFAULTS = { ...DEFAULTS, restarts: 1, order: 'index' as LouvainOrder, algorithm: 'auto' as CommunityAlgorithmChoice };
const ORDERS: readonly LouvainOrder[] = ['index', 'canonical'];

export function louvainCommunities(graph: CsrGraph, options: LouvainOptions = {}): LouvainDetail {
  const resolution = options.resolution ?? DEFAULTS.resolution;
  const rng = options.rng ?? new Rng(options.seed ?? DEFAULTS.seed);
  const onProgress = options.onProgress;
  const algorithm = check.oneOf('metrics/louvain', 'algorithm', options.algorithm ?? 'auto', COMMUNITY_ALGORITHMS);
  const chosen = algorithm === 'auto' ? (graph.n > AUTO_CSR_ABOVE ? 'leiden' : 'graphology') : algorithm;
  if (chosen !== 'graphology') {
    const d = csrCommunities(graph, chosen, { rng, resolution });
    onProgress?.(1, 1);
    return { community: d.community, count: d.count, modularity: d.directedModularity ?? d.modularity, reportedModularity: d.modularity, resolution };
  }
  let total = 0;
  const g = toGraphology(
    graph,
    onProgress
      ? {
          onProgress: (done, copy) => {
            total = copy + Math.ceil(copy * LOUVAIN_SHARE);
            onProgress(done, total);
          },
        }
      : {},
  );
  const result = louvain.detailed(g, { rng: rng.asFunction(), resolution, getEdgeWeight: null });
  onProgress?.(total, total);
  const n = graph.n;
  const community = new Int32Array(n);
  const renumber = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const raw = result.communities[String(i)];
    let c = renumber.get(raw);
    if (c === undefined) {
      c = renumber.size;
      renumber.set(raw, c);
    }
    community[i] = c;
  }
  return {
    community,
    count: renumber.size,
    modularity: modularityOf(graph, community, resolution),
    reportedModularity: result.modularity,
    resolution,
  };
}

/**
 * The CSR path's detail: `modularity` is modularityOf on the view's graph
 * (the metric's definition), `undirectedModularity` the objective searched.
 */
export interface CsrMetricDetail extends CsrRestartsDetail {
  readonly undirectedModularity: number;
}

/** The metrics' detail: a single run's, the best of several restarts with their spread, or the CSR path's. */
export type LouvainMetricDetail = LouvainDetail | LouvainRestartsDetail | CsrMetricDetail;

function ofView(id: string, view: NetworkView, options: MetricOptions | undefined): LouvainMetricDetail {
  const o = resolveOptions(id, METRIC_DEFAULTS, options);
  const mod = moduleName(id);
  const resolution = check.number(mod, 'resolution', o.resolution, 0, Infinity, { loOpen: true });
  if (typeof o.seed !== 'string' || o.seed.length === 0) {
    throw new ParamError(mod, 'seed', o.seed, 'a non-empty string');
  }
  const restarts = check.integer(mod, 'restarts', o.restarts, 1, 1000);
  const order = check.oneOf(mod, 'order', o.order, ORDERS);
  const algorithm = check.oneOf(mod, 'algorithm', o.algorithm, COMMUNITY_ALGORITHMS);
  const graph = requireNetwork(id, view);
  const weights = view.weights ?? undefined;
  const chosen = algorithm === 'auto' ? (graph.n > AUTO_CSR_ABOVE ? 'leiden' : 'graphology') : algorithm;
  if (chosen !== 'graphology') {
    const d = csrCommunityRestarts(graph, chosen, { seed: o.seed, resolution, restarts, order, weights });
    return { ...d, modularity: d.directedModularity ?? d.modularity, undirectedModularity: d.modularity };
  }
  // The historical single run, kept bit for bit (recorded results depend on it).
  if (restarts === 1 && order === 'index' && weights === undefined) return louvainCommunities(graph, { seed: o.seed, resolution, algorithm: 'graphology' });
  return louvainRestarts(graph, { seed: o.seed, resolution, restarts, order, weights });
}

export const modularityMetric: MetricDefinition<NetworkView, LouvainMetricDetail> = {
  id: 'network.modularity',
  title: 'Modularity (Louvain)',
  description:
    'Modularity of the Louvain partition (Newman–Girvan; Leicht–Newman when directed; weighted when the view has edge weights), seeded by `seed`; `restarts` > 1 keeps the best of that many seeded runs, `order: canonical` makes it independent of node numbering; `algorithm`: graphology (Louvain on a graphology copy), louvain or leiden (on the CSR arrays, optimising undirected modularity of the symmetrised graph), auto (default: graphology up to 100,000 nodes, leiden above); detailed: the community of every node (and the restarts\' spread).',
  input: 'network',
  requires: [],
  defaults: METRIC_DEFAULTS,
  scalar: (view, options) => ofView('network.modularity', view, options).modularity,
  detailed: (view, options) => ofView('network.modularity', view, options),
};

export const communitiesMetric: MetricDefinition<NetworkView, LouvainMetricDetail> = {
  id: 'network.communities',
  title: 'Number of communities (Louvain)',
  description: 'Number of Louvain communities (isolated nodes are their own), seeded by `seed`; same `restarts`, `order`, `algorithm` and weights as network.modularity (the count of the best restart).',
  input: 'network',
  requires: [],
  defaults: METRIC_DEFAULTS,
  scalar: (view, options) => ofView('network.communities', view, options).count,
  detailed: (view, options) => ofView('network.communities', view, options),
};
