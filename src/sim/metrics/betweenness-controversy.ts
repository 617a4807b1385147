/**
 * Betweenness centrality controversy, BCC (Garimella, De Francisci Morales,
 * Gionis & Mathioudakis, "Quantifying controversy on social media", ACM
 * Trans. Soc. Comput. 1(1), article 3 (2018)): when two sides are separated,
 * the few edges between them carry most shortest paths, so the edge
 * betweenness of the cut differs from that of the graph at large. With d_KL
 * the Kullback–Leibler divergence of the cut edges' betweenness density from
 * the density over all edges,
 *   BCC = 1 − e^{−d_KL} ∈ [0, 1),
 * 0 when the cut looks like any other set of edges.
 *
 * Edge betweenness (Freeman 1977; Girvan & Newman 2002) is exact, by
 * Brandes' algorithm (J. Math. Sociol. 25(2), 163–177 (2001)) in O(n·m):
 * b(e) = Σ_{s<t} σ_st(e)/σ_st over unordered pairs of connected nodes, σ the
 * number of shortest paths, on the undirected, unweighted projection of the
 * graph (a directed graph as its undirected projection; weights ignored;
 * self-loops skipped).
 *
 * Densities (our choices; the paper says "kernel density estimation"
 * without details): Gaussian kernels with ONE bandwidth for both densities,
 * Scott's rule on all edges, h = σ̂ · m^(−1/5) (σ̂ the sample SD of the m
 * edge betweenness values). A common bandwidth makes p_all ≥ (|C|/m) p_cut
 * everywhere (the cut is among all edges), so d_KL ≤ log(m/|C|): finite and
 * free of tail artefacts. d_KL = ∫ p_cut log(p_cut/p_all) dx by the
 * trapezoid rule on a grid of step h/8 (coarser only past 2^20 points)
 * spanning every value ± 8h, kernels cut at ± 8h (mass lost < 1e-15).
 * The authors' published script compares the cut with all edges too.
 * Undefined (NaN) without cut edges; 0 when every edge has the same
 * betweenness (both densities are then the same). KL is invariant under
 * rescaling the betweenness, so no normalisation is needed. exp, log and
 * pow are det-math's, so the value is the same on every platform. One
 * snapshot.
 */
import { exp, log, pow } from '../../model/det-math.js';
import type { MetricDefinition, MetricOptions, NetworkView } from '../metric-view.js';
import { requireAttribute, resolveOptions } from './metric-support.js';
import { undirectedRows } from './random-walk-controversy.js';

const ID = 'network.betweenness-controversy';
const NO_OPTIONS: MetricOptions = {};
/** Kernel support and grid step, in bandwidths. */
const CUTOFF = 8;
const STEPS_PER_H = 8;
const MAX_GRID = 1 << 20;

export interface EdgeBetweenness {
  /** Endpoints of every undirected edge (u < v), in row order of u. */
  readonly u: Int32Array;
  readonly v: Int32Array;
  readonly betweenness: Float64Array;
}

/** Exact edge betweenness of the undirected projection (Brandes 2001), each unordered pair of nodes counted once. */
export function edgeBetweenness(view: NetworkView, id = ID): EdgeBetweenness {
  const { n, start, deg, targets } = undirectedRows(view, id);
  const slots = targets.length;
  // Edge id of every arc slot (u < v gets a new id; v's slot for u takes the same id, found by stamping v's row).
  const edgeOf = new Int32Array(slots);
  const us: number[] = [];
  const vs: number[] = [];
  const pending: Array<Array<[number, number]>> = Array.from({ length: n }, () => []);
  const slotOf = new Int32Array(n);
  for (let x = 0; x < n; x++) {
    for (let q = start[x], e = q + deg[x]; q < e; q++) slotOf[targets[q]] = q;
    for (const [u, id] of pending[x]) edgeOf[slotOf[u]] = id;
    pending[x] = [];
    for (let q = start[x], e = q + deg[x]; q < e; q++) {
      const y = targets[q];
      if (y <= x) continue;
      edgeOf[q] = us.length;
      pending[y].push([x, us.length]);
      us.push(x);
      vs.push(y);
    }
  }
  const acc = new Float64Array(us.length);
  const sigma = new Float64Array(n);
  const dist = new Int32Array(n);
  const delta = new Float64Array(n);
  const order = new Int32Array(n);
  // Predecessor arcs of w: (predecessor, edge id), at most deg(w) of them.
  const predStart = new Int32Array(n);
  const predCount = new Int32Array(n);
  const predNode = new Int32Array(slots);
  const predEdge = new Int32Array(slots);
  for (let i = 0, off = 0; i < n; i++) {
    predStart[i] = off;
    off += deg[i];
  }
  for (let s = 0; s < n; s++) {
    if (deg[s] === 0) continue;
    sigma.fill(0);
    dist.fill(-1);
    delta.fill(0);
    predCount.fill(0);
    sigma[s] = 1;
    dist[s] = 0;
    let head = 0;
    let tail = 0;
    order[tail++] = s;
    while (head < tail) {
      const v = order[head++];
      for (let p = start[v], e = p + deg[v]; p < e; p++) {
        const w = targets[p];
        if (dist[w] < 0) {
          dist[w] = dist[v] + 1;
          order[tail++] = w;
        }
        if (dist[w] === dist[v] + 1) {
          sigma[w] += sigma[v];
          const at = predStart[w] + predCount[w]++;
          predNode[at] = v;
          predEdge[at] = edgeOf[p];
        }
      }
    }
    for (let h = tail - 1; h > 0; h--) {
      const w = order[h];
      for (let q = predStart[w], e = q + predCount[w]; q < e; q++) {
        const v = predNode[q];
        const c = (sigma[v] / sigma[w]) * (1 + delta[w]);
        acc[predEdge[q]] += c;
        delta[v] += c;
      }
    }
  }
  // Each unordered pair of nodes was counted once from either end.
  for (let e = 0; e < acc.length; e++) acc[e] /= 2;
  return { u: Int32Array.from(us), v: Int32Array.from(vs), betweenness: acc };
}

/** Sample SD (n − 1); 0 for fewer than two values. */
function sampleSd(xs: Float64Array): number {
  const n = xs.length;
  if (n < 2) return 0;
  let mean = 0;
  for (const x of xs) mean += x;
  mean /= n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return Math.sqrt(ss / (n - 1));
}

export interface KdeDivergence {
  /** d_KL(p_cut ‖ p_all). */
  readonly divergence: number;
  readonly bandwidth: number;
  readonly gridPoints: number;
}

/**
 * d_KL of the Gaussian kernel density of `cut` from that of `all`, both with
 * bandwidth `h` (default: Scott's rule on `all`), integrated on the grid
 * described in the banner. `cut` should be a subset of `all` (as the cut is
 * of the edges) for the bound d_KL ≤ log(|all|/|cut|) to hold.
 */
export function kdeDivergence(cut: Float64Array, all: Float64Array, h?: number): KdeDivergence {
  if (cut.length === 0 || all.length === 0) return { divergence: NaN, bandwidth: NaN, gridPoints: 0 };
  const bw = h ?? sampleSd(all) * pow(all.length, -0.2);
  if (!(bw > 0)) return { divergence: 0, bandwidth: 0, gridPoints: 0 };
  let lo = Infinity;
  let hi = -Infinity;
  for (const xs of [cut, all]) {
    for (const x of xs) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  lo -= CUTOFF * bw;
  hi += CUTOFF * bw;
  const intervals = Math.min(MAX_GRID, Math.ceil(((hi - lo) / bw) * STEPS_PER_H));
  const step = (hi - lo) / intervals;
  const density = (xs: Float64Array): Float64Array => {
    const d = new Float64Array(intervals + 1);
    const norm = 1 / (xs.length * bw * Math.sqrt(2 * Math.PI));
    const reach = Math.ceil((CUTOFF * bw) / step);
    // Sorted, so the sum at each grid point runs in the same order for any input order.
    const sorted = Float64Array.from(xs).sort();
    for (const x of sorted) {
      const centre = Math.round((x - lo) / step);
      for (let g = Math.max(0, centre - reach), e = Math.min(intervals, centre + reach); g <= e; g++) {
        const z = (lo + g * step - x) / bw;
        if (z * z <= CUTOFF * CUTOFF) d[g] += norm * exp(-0.5 * z * z);
      }
    }
    return d;
  };
  const pc = density(cut);
  const pa = density(all);
  let kl = 0;
  for (let g = 0; g <= intervals; g++) {
    if (pc[g] === 0) continue;
    const term = pc[g] * log(pc[g] / pa[g]);
    kl += g === 0 || g === intervals ? term / 2 : term;
  }
  return { divergence: Math.max(0, kl * step), bandwidth: bw, gridPoints: intervals + 1 };
}

export interface BetweennessControversyDetail {
  readonly bcc: number;
  readonly divergence: number;
  readonly bandwidth: number;
  /** Edges between the two sides, and all edges. */
  readonly cutEdges: number;
  readonly edges: number;
  /** Mean betweenness of the cut edges and of all edges. */
  readonly cutMean: number;
  readonly allMean: number;
}

export function betweennessControversy(view: NetworkView): BetweennessControversyDetail {
  const a = requireAttribute(ID, view);
  const eb = edgeBetweenness(view);
  const cut: number[] = [];
  for (let e = 0; e < eb.u.length; e++) {
    const x = a[eb.u[e]];
    const y = a[eb.v[e]];
    if ((x === 0 && y === 1) || (x === 1 && y === 0)) cut.push(eb.betweenness[e]);
  }
  const cutValues = Float64Array.from(cut);
  const mean = (xs: Float64Array): number => (xs.length === 0 ? NaN : Float64Array.from(xs).sort().reduce((s, x) => s + x, 0) / xs.length);
  const { divergence, bandwidth } = kdeDivergence(cutValues, eb.betweenness);
  return {
    bcc: Number.isNaN(divergence) ? NaN : 1 - exp(-divergence),
    divergence,
    bandwidth,
    cutEdges: cut.length,
    edges: eb.u.length,
    cutMean: mean(cutValues),
    allMean: mean(eb.betweenness),
  };
}

function ofView(view: NetworkView, options: MetricOptions | undefined): BetweennessControversyDetail {
  resolveOptions(ID, NO_OPTIONS, options);
  return betweennessControversy(view);
}

export const betweennessControversyMetric: MetricDefinition<NetworkView, BetweennessControversyDetail> = {
  id: ID,
  title: 'Betweenness centrality controversy (BCC)',
  description:
    '1 − exp(−KL) of the edge-betweenness density of the edges between the two sides of `attribute` from that of all edges (Garimella et al., ACM TSC 2018); exact betweenness (Brandes), Gaussian KDE; undirected, unweighted.',
  input: 'network',
  requires: ['attribute'],
  defaults: NO_OPTIONS,
  scalar: (view, options) => ofView(view, options).bcc,
  detailed: ofView,
};
