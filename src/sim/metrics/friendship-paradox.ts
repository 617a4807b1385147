/**
 * Friendship paradox (Feld, "Why your friends have more friends than you
 * do", Am. J. Sociol. 96(6), 1464–1477 (1991)): neighbours have, on average,
 * more neighbours than you. Over the V₁ nodes with degree k_i ≥ 1:
 *   gap      = (1/|V₁|) Σ_i (1/k_i) Σ_{j∈N(i)} k_j  −  (1/|V₁|) Σ_i k_i
 *   edge gap = (Σ_i Σ_{j∈N(i)} k_j) / (Σ_i k_i)      −  (1/|V₁|) Σ_i k_i
 * On an undirected graph the edge gap is ⟨k²⟩/⟨k⟩ − ⟨k⟩ = Var(k)/⟨k⟩ over V₁,
 * and gap = (1/|V₁|) Σ_edges (k_u/k_v + k_v/k_u − 2) since each edge adds
 * k_v/k_u + k_u/k_v to the first sum and 2 to the second; as x + 1/x ≥ 2,
 * both gaps are ≥ 0. gap = 0 iff every edge joins nodes of equal degree
 * (e.g. any regular graph); edge gap = 0 iff all of V₁ has one degree.
 * Directed graphs: k_i is the size of i's neighbourhood in `direction`
 * (default `out`: how many accounts i follows); with `out` or `in` the sign
 * is not guaranteed, with `both` (the undirected projection) it is. NaN when
 * no node has a neighbour. One snapshot.
 */
import type { MetricDefinition, MetricOptions, NetworkView } from '../metric-view.js';
import { type Direction, neighbourhood, readDirection, requireNetwork, resolveOptions } from './metric-support.js';

export interface FriendshipParadoxDetail {
  /** Node-averaged mean neighbour degree minus mean degree. */
  readonly gap: number;
  /** (1/|V₁|) Σ_i mean degree of i's neighbours. */
  readonly meanNeighborDegree: number;
  /** Mean degree over V₁. */
  readonly meanDegree: number;
  /** Edge-based mean neighbour degree minus mean degree (⟨k²⟩/⟨k⟩ − ⟨k⟩ when undirected). */
  readonly edgeGap: number;
  /** Degree at the end of a uniformly chosen arc. */
  readonly edgeMeanNeighborDegree: number;
  /** |V₁|: nodes with at least one neighbour. */
  readonly eligible: number;
}

const ID = 'network.friendship-paradox';
const DEFAULTS = { direction: 'out' as string };

export function friendshipParadox(view: NetworkView, direction: Direction = 'out'): FriendshipParadoxDetail {
  const graph = requireNetwork(ID, view);
  const { n, start, deg, targets } = neighbourhood(graph, direction);
  let eligible = 0;
  let degreeSum = 0;
  let nodeAvgSum = 0;
  let arcEndSum = 0;
  for (let i = 0; i < n; i++) {
    const d = deg[i];
    if (d === 0) continue;
    let s = 0;
    for (let k = start[i], e = k + d; k < e; k++) s += deg[targets[k]];
    eligible++;
    degreeSum += d;
    nodeAvgSum += s / d;
    arcEndSum += s;
  }
  if (eligible === 0) {
    return { gap: NaN, meanNeighborDegree: NaN, meanDegree: NaN, edgeGap: NaN, edgeMeanNeighborDegree: NaN, eligible };
  }
  const meanDegree = degreeSum / eligible;
  const meanNeighborDegree = nodeAvgSum / eligible;
  const edgeMeanNeighborDegree = arcEndSum / degreeSum;
  return {
    gap: meanNeighborDegree - meanDegree,
    meanNeighborDegree,
    meanDegree,
    edgeGap: edgeMeanNeighborDegree - meanDegree,
    edgeMeanNeighborDegree,
    eligible,
  };
}

function ofView(view: NetworkView, options: MetricOptions | undefined): FriendshipParadoxDetail {
  const o = resolveOptions(ID, DEFAULTS, options);
  return friendshipParadox(view, readDirection(ID, o.direction));
}

export const friendshipParadoxMetric: MetricDefinition<NetworkView, FriendshipParadoxDetail> = {
  id: ID,
  title: 'Friendship paradox gap',
  description:
    'Mean over nodes (with ≥ 1 neighbour) of their neighbours’ mean degree, minus their mean degree (Feld 1991); ≥ 0 on undirected graphs, 0 iff every edge joins equal degrees.',
  input: 'network',
  requires: [],
  defaults: DEFAULTS,
  scalar: (view, options) => ofView(view, options).gap,
  detailed: ofView,
};
