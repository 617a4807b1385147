/**
 * Echo-chamber signature of Cinelli et al., "The echo chamber effect on
 * social media", PNAS 118(9) e2023301118 (2021): each user's leaning x_i
 * against the mean leaning of its neighbourhood
 *   x_i^N = (1/k_i) Σ_j A_ij x_j,
 * reported as the Pearson correlation of (x_i, x_i^N) over the nodes with at
 * least one neighbour; the joint distribution of the pairs is the paper's
 * heat map. Cinelli et al. average over out-links (A_ij = 1 for i → j); here
 * i → j means "i follows j", so the default `direction: 'out'` averages over
 * whom i reads (`in`: over its followers, `both`: over either, each once).
 * Opinions on any interval; one snapshot. NaN with fewer than two eligible
 * nodes or zero variance on either side.
 */
import type { MetricDefinition, MetricOptions, NetworkView } from '../metric-view.js';
import { type Direction, neighbourhood, pearson, readDirection, requireNetwork, requireOpinions, resolveOptions } from './metric-support.js';

export interface NeighborLeaningDetail {
  readonly correlation: number;
  /** The nodes with at least one neighbour, in index order. */
  readonly nodes: Int32Array;
  /** x_i of those nodes. */
  readonly leaning: Float64Array;
  /** Mean leaning of each one's neighbours. */
  readonly neighborMean: Float64Array;
}

const ID = 'network.neighbor-leaning-correlation';
const DEFAULTS = { direction: 'out' as string };

export function neighborLeaning(view: NetworkView, direction: Direction = 'out'): NeighborLeaningDetail {
  const graph = requireNetwork(ID, view);
  const x = requireOpinions(ID, view);
  const { n, start, deg, targets } = neighbourhood(graph, direction);
  let eligible = 0;
  for (let i = 0; i < n; i++) if (deg[i] > 0) eligible++;
  const nodes = new Int32Array(eligible);
  const leaning = new Float64Array(eligible);
  const neighborMean = new Float64Array(eligible);
  let p = 0;
  for (let i = 0; i < n; i++) {
    const d = deg[i];
    if (d === 0) continue;
    let s = 0;
    for (let k = start[i], e = k + d; k < e; k++) s += x[targets[k]];
    nodes[p] = i;
    leaning[p] = x[i];
    neighborMean[p] = s / d;
    p++;
  }
  return { correlation: pearson(leaning, neighborMean), nodes, leaning, neighborMean };
}

function ofView(view: NetworkView, options: MetricOptions | undefined): NeighborLeaningDetail {
  const o = resolveOptions(ID, DEFAULTS, options);
  return neighborLeaning(view, readDirection(ID, o.direction));
}

export const neighborLeaningCorrelation: MetricDefinition<NetworkView, NeighborLeaningDetail> = {
  id: ID,
  title: 'Leaning vs neighbourhood leaning',
  description:
    'Pearson correlation between x_i and the mean opinion of i’s neighbours (default: whom i follows), over nodes with ≥ 1 neighbour (Cinelli et al., PNAS 2021).',
  input: 'network',
  requires: ['opinions'],
  defaults: DEFAULTS,
  scalar: (view, options) => ofView(view, options).correlation,
  detailed: ofView,
};
