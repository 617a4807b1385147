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

export interface LouvainOptions {
  /** Stream for the random traversal; wins over `seed`. */
  readonly rng?: Rng;
  /** Key of a fresh stream when no `rng` is given (default "louvain"). */
  readonly seed?: string;
  /** Resolution γ (default 1). */
  readonly resolution?: number;
  /** Called with (work done, work in all) as the run advances, ending with done = total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The library's passes, as a share of the copy's work (for progress only). */
const LOUVAIN_SHARE = 0.25;

export interface LouvainDetail {
  /** Community of every node, 0..count−1 in order of first appearance. */
  readonly community: Int32Array;
  readonly count: number;
  /** modularityOf(graph, community, resolution); NaN for an edgeless graph. */
  readonly modularity: number;
  /** The figure graphology-communities-louvain reported for the same partition. */
  readonly reportedModularity: number;
  readonly resolution: number;
}

const DEFAULTS = { resolution: 1, seed: 'louvain' };
/** Options of the registry metrics: the single run's, plus restarts and node order. */
const METRIC_DEFAULTS = { ...DEFAULTS, restarts: 1, order: 'index' as LouvainOrder };
const ORDERS: readonly LouvainOrder[] = ['index', 'canonical'];

export function louvainCommunities(graph: CsrGraph, options: LouvainOptions = {}): LouvainDetail {
  const resolution = options.resolution ?? DEFAULTS.resolution;
  const rng = options.rng ?? new Rng(options.seed ?? DEFAULTS.seed);
  const onProgress = options.onProgress;
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

/** The metrics' detail: a single run's, or the best of several restarts with their spread. */
export type LouvainMetricDetail = LouvainDetail | LouvainRestartsDetail;

function ofView(id: string, view: NetworkView, options: MetricOptions | undefined): LouvainMetricDetail {
  const o = resolveOptions(id, METRIC_DEFAULTS, options);
  const mod = moduleName(id);
  const resolution = check.number(mod, 'resolution', o.resolution, 0, Infinity, { loOpen: true });
  if (typeof o.seed !== 'string' || o.seed.length === 0) {
    throw new ParamError(mod, 'seed', o.seed, 'a non-empty string');
  }
  const restarts = check.integer(mod, 'restarts', o.restarts, 1, 1000);
  const order = check.oneOf(mod, 'order', o.order, ORDERS);
  const graph = requireNetwork(id, view);
  const weights = view.weights ?? undefined;
  // The historical single run, kept bit for bit (recorded results depend on it).
  if (restarts === 1 && order === 'index' && weights === undefined) return louvainCommunities(graph, { seed: o.seed, resolution });
  return louvainRestarts(graph, { seed: o.seed, resolution, restarts, order, weights });
}

export const modularityMetric: MetricDefinition<NetworkView, LouvainMetricDetail> = {
  id: 'network.modularity',
  title: 'Modularity (Louvain)',
  description:
    'Modularity of the Louvain partition (Newman–Girvan; Leicht–Newman when directed; weighted when the view has edge weights), seeded by `seed`; `restarts` > 1 keeps the best of that many seeded runs, `order: canonical` makes it independent of node numbering; detailed: the community of every node (and the restarts\' spread).',
  input: 'network',
  requires: [],
  defaults: METRIC_DEFAULTS,
  scalar: (view, options) => ofView('network.modularity', view, options).modularity,
  detailed: (view, options) => ofView('network.modularity', view, options),
};

export const communitiesMetric: MetricDefinition<NetworkView, LouvainMetricDetail> = {
  id: 'network.communities',
  title: 'Number of communities (Louvain)',
  description: 'Number of Louvain communities (isolated nodes are their own), seeded by `seed`; same `restarts`, `order` and weights as network.modularity (the count of the best restart).',
  input: 'network',
  requires: [],
  defaults: METRIC_DEFAULTS,
  scalar: (view, options) => ofView('network.communities', view, options).count,
  detailed: (view, options) => ofView('network.communities', view, options),
};
