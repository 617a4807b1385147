/**
 * Shared plumbing for the metrics: option resolution, checks that a view
 * holds what a metric needs, the neighbourhood a metric reads on a directed
 * graph, and a numerically careful Pearson correlation.
 *
 * Neighbours on a directed graph (u → v means "u follows v"): `out` = the
 * accounts i follows, i.e. what i reads (the default everywhere), `in` = the
 * accounts that follow i, `both` = the union of the two with every neighbour
 * counted once (the undirected projection). On an undirected graph the three
 * are the same.
 *
 * Undefined values (a correlation with zero variance, a share over no
 * eligible node) are NaN, never a silent 0.
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import { InputError, check, withDefaults } from '../../model/errors.js';
import type { ExposureCounts, MetricOptions, NetworkView } from '../metric-view.js';

export type Direction = 'out' | 'in' | 'both';
export const DIRECTIONS: readonly Direction[] = ['out', 'in', 'both'];

/** One direction of adjacency as plain typed arrays: row i is targets[start[i] .. start[i] + deg[i]). */
export interface Neighbourhood {
  readonly n: number;
  readonly start: Int32Array;
  readonly deg: Int32Array;
  readonly targets: Int32Array;
}

export function moduleName(metricId: string): string {
  return `metrics/${metricId}`;
}

/** Defaults merged with the caller's options; unknown names are rejected with a suggestion. */
export function resolveOptions<P extends MetricOptions>(metricId: string, defaults: P, given: MetricOptions | undefined): P {
  return withDefaults(moduleName(metricId), defaults, given as Partial<P> | undefined);
}

export function readDirection(metricId: string, value: unknown): Direction {
  return check.oneOf(moduleName(metricId), 'direction', value, DIRECTIONS);
}

function requireGraph(metricId: string, view: NetworkView): CsrGraph {
  if (view === null || typeof view !== 'object' || view.graph === undefined || view.graph === null) {
    throw new InputError(`${moduleName(metricId)}: the view has no \`graph\` (a network metric needs a CsrGraph)`, { field: 'graph' });
  }
  return view.graph;
}

/** The view's opinions, checked: present, one finite number per node. */
export function requireOpinions(metricId: string, view: NetworkView): Float64Array {
  const x = view?.opinions;
  if (x === undefined || x === null) {
    throw new InputError(`${moduleName(metricId)}: the view has no \`opinions\` (this metric needs one opinion per node)`, { field: 'opinions' });
  }
  if (view.graph !== undefined && view.graph !== null && x.length !== view.graph.n) {
    throw new InputError(`${moduleName(metricId)}: \`opinions\` has ${x.length} values for ${view.graph.n} nodes`, { field: 'opinions' });
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new InputError(`${moduleName(metricId)}: invalid \`opinions[${i}]\` (${x[i]}): expected a finite number`, { field: 'opinions' });
    }
  }
  return x;
}

/** The view's categorical attribute, checked: present and one value per node. */
export function requireAttribute(metricId: string, view: NetworkView): Int32Array {
  const graph = requireGraph(metricId, view);
  const a = view.attribute;
  if (a === undefined || a === null) {
    throw new InputError(`${moduleName(metricId)}: the view has no \`attribute\` (this metric needs one category per node)`, { field: 'attribute' });
  }
  if (a.length !== graph.n) {
    throw new InputError(`${moduleName(metricId)}: \`attribute\` has ${a.length} values for ${graph.n} nodes`, { field: 'attribute' });
  }
  return a;
}

/** The graph of a network view, checked. */
export function requireNetwork(metricId: string, view: NetworkView): CsrGraph {
  return requireGraph(metricId, view);
}

/**
 * The rows a metric reads. `out` and `in` are the graph's own arrays (no
 * copy, read only); `both` on a directed graph builds a deduplicated union
 * in O(n + m) with one stamp array.
 */
export function neighbourhood(graph: CsrGraph, direction: Direction): Neighbourhood {
  if (!graph.directed || direction === 'out') return { n: graph.n, start: graph.out.start, deg: graph.out.deg, targets: graph.out.targets };
  if (direction === 'in') return { n: graph.n, start: graph.in.start, deg: graph.in.deg, targets: graph.in.targets };
  const n = graph.n;
  const o = graph.out;
  const r = graph.in;
  const start = new Int32Array(n);
  const deg = new Int32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) total += o.deg[i] + r.deg[i];
  const targets = new Int32Array(total);
  // stamp[j] = i + 1 while row i is being written, so a reciprocal pair is kept once.
  const stamp = new Int32Array(n);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    start[i] = pos;
    const mark = i + 1;
    for (let k = o.start[i], e = k + o.deg[i]; k < e; k++) {
      const j = o.targets[k];
      if (stamp[j] !== mark) {
        stamp[j] = mark;
        targets[pos++] = j;
      }
    }
    for (let k = r.start[i], e = k + r.deg[i]; k < e; k++) {
      const j = r.targets[k];
      if (stamp[j] !== mark) {
        stamp[j] = mark;
        targets[pos++] = j;
      }
    }
    deg[i] = pos - start[i];
  }
  return { n, start, deg, targets };
}

/**
 * Pearson correlation of the first `count` pairs, in two passes (means first,
 * then centred sums) to avoid the cancellation of the one-pass formula.
 * NaN when fewer than two pairs or either side has zero variance.
 */
export function pearson(xs: ArrayLike<number>, ys: ArrayLike<number>, count = xs.length): number {
  if (count < 2) return NaN;
  let mx = 0;
  let my = 0;
  // A constant side is detected exactly: its rounded mean can differ from the value and fake a variance.
  let xConst = true;
  let yConst = true;
  const x0 = xs[0];
  const y0 = ys[0];
  for (let i = 0; i < count; i++) {
    mx += xs[i];
    my += ys[i];
    if (xs[i] !== x0) xConst = false;
    if (ys[i] !== y0) yConst = false;
  }
  if (xConst || yConst) return NaN;
  mx /= count;
  my /= count;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < count; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (!(sxx > 0) || !(syy > 0)) return NaN;
  const r = sxy / Math.sqrt(sxx * syy);
  // Rounding can push |r| a hair past 1.
  return Math.max(-1, Math.min(1, r));
}

/**
 * The view's exposure counts, checked: present, `bins` an integer ≥ 1, one
 * row of `bins` finite non-negative counts per node.
 */
export function requireExposure(metricId: string, view: NetworkView): ExposureCounts {
  const e = view?.exposure;
  if (e === undefined || e === null) {
    throw new InputError(`${moduleName(metricId)}: the view has no \`exposure\` (this metric needs what each node was shown: run with an exposure log)`, {
      field: 'exposure',
    });
  }
  if (!Number.isInteger(e.bins) || e.bins < 1) {
    throw new InputError(`${moduleName(metricId)}: invalid \`exposure.bins\` (${String(e.bins)}): expected an integer ≥ 1`, { field: 'exposure' });
  }
  const n = view.graph !== undefined && view.graph !== null ? view.graph.n : e.counts.length / e.bins;
  if (e.counts.length !== n * e.bins) {
    throw new InputError(`${moduleName(metricId)}: \`exposure.counts\` has ${e.counts.length} values for ${n} nodes × ${e.bins} bins`, { field: 'exposure' });
  }
  for (let k = 0; k < e.counts.length; k++) {
    if (!(e.counts[k] >= 0) || !Number.isFinite(e.counts[k])) {
      throw new InputError(`${moduleName(metricId)}: invalid \`exposure.counts[${k}]\` (${e.counts[k]}): expected a finite count ≥ 0`, { field: 'exposure' });
    }
  }
  return e;
}

/** The side of stance bin b of K: the sign of its centre −1 + (2b + 1)/K (0 for the middle bin of an odd K). */
export function binSide(b: number, bins: number): -1 | 0 | 1 {
  const twice = 2 * b + 1 - bins; // K × centre, an integer: the sign is exact
  return twice > 0 ? 1 : twice < 0 ? -1 : 0;
}

/** The bin of stance s ∈ [−1, 1] among K equal bins (s = 1 in the last). */
export function stanceBin(s: number, bins: number): number {
  const b = Math.floor(((s + 1) / 2) * bins);
  return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}
