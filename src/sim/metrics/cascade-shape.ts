/**
 * Shape of a cascade tree (Goel, Anderson, Hofman & Watts, "The structural
 * virality of online diffusion", Management Science 62(1), 180–196 (2016);
 * Vosoughi, Roy & Aral, Science 359, 1146–1151 (2018)): size (nodes, root
 * included), depth (largest distance from the root), maximum breadth (most
 * nodes at one depth) and structural virality, the mean shortest-path
 * distance over all unordered pairs of tree nodes,
 *   ν = W / C(n, 2) = 2W / (n(n−1)),   W = Σ_{edges (p,c)} s_c (n − s_c),
 * where s_c is the size of the subtree under c: the path between two nodes
 * crosses an edge iff exactly one of them is under it (Wiener's edge
 * decomposition), so W is found in O(n) from subtree sizes. A star of n nodes
 * gives 2(n−1)/n, a path (n+1)/3. A lone root has no pairs: ν = 0 by
 * convention (no spread is as unviral as it gets). Structure only, no time.
 */
import type { CascadeView, MetricDefinition, MetricOptions } from '../metric-view.js';
import { cascadeLayout } from './cascade-tree.js';
import { resolveOptions } from './metric-support.js';

export interface CascadeDepthDetail {
  readonly depth: number;
  /** Distance of every node from the root. */
  readonly nodeDepth: Int32Array;
}

export interface CascadeBreadthDetail {
  readonly maxBreadth: number;
  /** Number of nodes at depth 0, 1, ..., depth. */
  readonly breadth: Int32Array;
  /** The shallowest depth reaching the maximum. */
  readonly atDepth: number;
}

export interface StructuralViralityDetail {
  readonly virality: number;
  /** Wiener index W: the sum of distances over all unordered pairs. */
  readonly wiener: number;
  /** Size of the subtree under every node (the root's is n). */
  readonly subtreeSize: Int32Array;
}

const NO_OPTIONS: MetricOptions = {};

export function cascadeBreadth(view: CascadeView, metricId = 'cascade.max-breadth'): CascadeBreadthDetail {
  const { depth, maxDepth, size } = cascadeLayout(metricId, view);
  const breadth = new Int32Array(maxDepth + 1);
  for (let i = 0; i < size; i++) breadth[depth[i]]++;
  let atDepth = 0;
  for (let d = 1; d <= maxDepth; d++) if (breadth[d] > breadth[atDepth]) atDepth = d;
  return { maxBreadth: breadth[atDepth], breadth, atDepth };
}

export function structuralVirality(view: CascadeView, metricId = 'cascade.structural-virality'): StructuralViralityDetail {
  const { order, size: n } = cascadeLayout(metricId, view);
  const parent = view.parent;
  const subtreeSize = new Int32Array(n).fill(1);
  let wiener = 0;
  // Children come after parents in breadth-first order, so a reverse sweep
  // finishes every subtree before adding it to its parent.
  for (let k = n - 1; k >= 1; k--) {
    const c = order[k];
    const s = subtreeSize[c];
    wiener += s * (n - s);
    subtreeSize[parent[c]] += s;
  }
  const virality = n < 2 ? 0 : (2 * wiener) / (n * (n - 1));
  return { virality, wiener, subtreeSize };
}

export const cascadeSize: MetricDefinition<CascadeView> = {
  id: 'cascade.size',
  title: 'Cascade size',
  description: 'Number of nodes in the cascade tree, root included.',
  input: 'cascade',
  requires: [],
  defaults: NO_OPTIONS,
  scalar(view, options) {
    resolveOptions('cascade.size', NO_OPTIONS, options);
    return cascadeLayout('cascade.size', view).size;
  },
};

function depthOfView(view: CascadeView, options: MetricOptions | undefined): CascadeDepthDetail {
  resolveOptions('cascade.depth', NO_OPTIONS, options);
  const { maxDepth, depth } = cascadeLayout('cascade.depth', view);
  return { depth: maxDepth, nodeDepth: depth };
}

export const cascadeDepth: MetricDefinition<CascadeView, CascadeDepthDetail> = {
  id: 'cascade.depth',
  title: 'Cascade depth',
  description: 'Largest number of reshare hops from the root (Vosoughi et al. 2018); 0 for a lone root.',
  input: 'cascade',
  requires: [],
  defaults: NO_OPTIONS,
  scalar: (view, options) => depthOfView(view, options).depth,
  detailed: depthOfView,
};

function breadthOfView(view: CascadeView, options: MetricOptions | undefined): CascadeBreadthDetail {
  resolveOptions('cascade.max-breadth', NO_OPTIONS, options);
  return cascadeBreadth(view);
}

export const cascadeMaxBreadth: MetricDefinition<CascadeView, CascadeBreadthDetail> = {
  id: 'cascade.max-breadth',
  title: 'Cascade maximum breadth',
  description: 'Largest number of cascade nodes at one depth (the root alone is depth 0) (Vosoughi et al. 2018); detailed: breadth per depth.',
  input: 'cascade',
  requires: [],
  defaults: NO_OPTIONS,
  scalar: (view, options) => breadthOfView(view, options).maxBreadth,
  detailed: breadthOfView,
};

function viralityOfView(view: CascadeView, options: MetricOptions | undefined): StructuralViralityDetail {
  resolveOptions('cascade.structural-virality', NO_OPTIONS, options);
  return structuralVirality(view);
}

export const cascadeStructuralVirality: MetricDefinition<CascadeView, StructuralViralityDetail> = {
  id: 'cascade.structural-virality',
  title: 'Structural virality',
  description:
    'Mean shortest-path distance over all pairs of cascade nodes, 2W/(n(n−1)) with W = Σ_edges s(n−s) (Goel et al. 2016); star 2(n−1)/n, path (n+1)/3, lone root 0.',
  input: 'cascade',
  requires: [],
  defaults: NO_OPTIONS,
  scalar: (view, options) => viralityOfView(view, options).virality,
  detailed: viralityOfView,
};
