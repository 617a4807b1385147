/**
 * Random Walk Controversy (Garimella, De Francisci Morales, Gionis &
 * Mathioudakis, "Quantifying controversy on social media", ACM Trans. Soc.
 * Comput. 1(1), article 3 (2018); WSDM 2016 for the first version):
 *   RWC = P_XX · P_YY − P_XY · P_YX,
 *   P_AB = Pr[a walk started in side A | it ended in side B],
 * for two sides X (attribute 0) and Y (attribute 1). A side is picked with
 * probability ½, the walk starts at a uniform node of it and ends when it
 * reaches one of the k highest-degree nodes of EITHER side (the "authorities";
 * a start on one of them ends at once). RWC is near 1 when walks almost never
 * end on the other side's authorities, near 0 when crossing is as likely as
 * staying; since P_XX + P_YX = 1 and P_XY + P_YY = 1, RWC = P_XX + P_YY − 1
 * ∈ [−1, 1], unchanged when the sides are swapped.
 *
 * Computation: deterministic, no sampling. The paper estimates the P's by
 * Monte Carlo walks or by personalised PageRank; here the walk continues at
 * each step with probability `damping` α (default 0.85, PageRank's usual
 * value) and otherwise stops without ending anywhere (a restart, in
 * PageRank terms), so only walks that reach an authority count, as in the
 * personalised-PageRank computation. The mass that reaches each side's
 * authorities is propagated exactly (power iteration of the killed walk)
 * until the mass still walking is below 1e-12, at most
 * log(1e-12)/log(α) steps (170 for α = 0.85). α → 1 tends to the plain
 * absorbing walk of the definition, at a cost ∝ 1/(1 − α).
 *
 * Conventions (what the paper leaves open):
 * - the graph is read as undirected (a directed graph as its undirected
 *   projection, a mutual pair once), unweighted (edge weights are ignored,
 *   as in the authors' walk), self-loops skipped;
 * - "the k highest-degree nodes": degree in that projection; every node
 *   tied with the k-th is included, so the set does not depend on node
 *   numbering (it can hold more than k); isolated nodes are never
 *   authorities and never start a walk (they cannot walk; the paper works
 *   on the largest connected component, where there are none);
 * - nodes whose attribute is neither 0 nor 1 belong to no side: walks pass
 *   through them but neither start nor end there.
 * NaN when a side has no node with a neighbour, or when no walk reaches
 * one side's authorities (a P_AB is 0/0). One snapshot.
 */
import { check } from '../../model/errors.js';
import type { MetricDefinition, MetricOptions, NetworkView } from '../metric-view.js';
import { moduleName, neighbourhood, requireAttribute, requireNetwork, resolveOptions } from './metric-support.js';

const ID = 'network.random-walk-controversy';
const DEFAULTS = { k: 10, damping: 0.85 };
/** Mass still walking below which the iteration stops. */
export const RWC_TOLERANCE = 1e-12;

export interface RandomWalkControversyDetail {
  readonly rwc: number;
  /** P_AB = Pr[start in A | end in B], A, B ∈ {X (attribute 0), Y (attribute 1)}. */
  readonly pXX: number;
  readonly pXY: number;
  readonly pYX: number;
  readonly pYY: number;
  /** Authorities (walk ends) per side: the k highest degrees, ties included. */
  readonly authoritiesX: number;
  readonly authoritiesY: number;
  /** Steps iterated. */
  readonly steps: number;
  readonly k: number;
  readonly damping: number;
}

/** Undirected rows without self-loops, and each node's degree in them. */
export function undirectedRows(view: NetworkView, id: string): { n: number; start: Int32Array; deg: Int32Array; targets: Int32Array } {
  const graph = requireNetwork(id, view);
  const rows = neighbourhood(graph, 'both');
  let selfLoops = false;
  for (let i = 0; i < rows.n && !selfLoops; i++) for (let k = rows.start[i], e = k + rows.deg[i]; k < e; k++) if (rows.targets[k] === i) selfLoops = true;
  if (!selfLoops) return rows;
  const start = new Int32Array(rows.n);
  const deg = new Int32Array(rows.n);
  const targets = new Int32Array(rows.targets.length);
  let p = 0;
  for (let i = 0; i < rows.n; i++) {
    start[i] = p;
    for (let k = rows.start[i], e = k + rows.deg[i]; k < e; k++) if (rows.targets[k] !== i) targets[p++] = rows.targets[k];
    deg[i] = p - start[i];
  }
  return { n: rows.n, start, deg, targets };
}

/** Nodes of `side` with a degree at least the k-th highest among its non-isolated nodes. */
function authorities(side: number, a: Int32Array, deg: Int32Array, k: number): Uint8Array {
  const degrees: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] === side && deg[i] > 0) degrees.push(deg[i]);
  const hub = new Uint8Array(a.length);
  if (degrees.length === 0) return hub;
  degrees.sort((x, y) => y - x);
  const threshold = degrees[Math.min(k, degrees.length) - 1];
  for (let i = 0; i < a.length; i++) if (a[i] === side && deg[i] >= threshold && deg[i] > 0) hub[i] = 1;
  return hub;
}

export function randomWalkControversy(view: NetworkView, options: MetricOptions | undefined = undefined): RandomWalkControversyDetail {
  const o = resolveOptions(ID, DEFAULTS, options);
  const mod = moduleName(ID);
  const k = check.integer(mod, 'k', o.k, 1);
  const damping = check.number(mod, 'damping', o.damping, 0, 1, { loOpen: true, hiOpen: true });
  const a = requireAttribute(ID, view);
  const { n, start, deg, targets } = undirectedRows(view, ID);
  const hubX = authorities(0, a, deg, k);
  const hubY = authorities(1, a, deg, k);
  let authoritiesX = 0;
  let authoritiesY = 0;
  for (let i = 0; i < n; i++) {
    authoritiesX += hubX[i];
    authoritiesY += hubY[i];
  }
  // ends[A][B]: probability that a walk started uniformly in side A ends on side B's authorities.
  const ends = [new Float64Array(2), new Float64Array(2)];
  let steps = 0;
  let q = new Float64Array(n);
  let next = new Float64Array(n);
  for (const side of [0, 1]) {
    let starts = 0;
    for (let i = 0; i < n; i++) if (a[i] === side && deg[i] > 0) starts++;
    if (starts === 0) return undefinedDetail(k, damping, authoritiesX, authoritiesY);
    q.fill(0);
    for (let i = 0; i < n; i++) if (a[i] === side && deg[i] > 0) q[i] = 1 / starts;
    for (let t = 0; ; t++) {
      let live = 0;
      for (let i = 0; i < n; i++) {
        const x = q[i];
        if (x === 0) continue;
        if (hubX[i] === 1) ends[side][0] += x;
        else if (hubY[i] === 1) ends[side][1] += x;
        else {
          live += x;
          continue;
        }
        q[i] = 0;
      }
      if (live < RWC_TOLERANCE) {
        steps = Math.max(steps, t);
        break;
      }
      next.fill(0);
      for (let i = 0; i < n; i++) {
        const x = q[i];
        if (x === 0 || deg[i] === 0) continue;
        const share = (damping * x) / deg[i];
        for (let p = start[i], e = p + deg[i]; p < e; p++) next[targets[p]] += share;
      }
      [q, next] = [next, q];
    }
  }
  const endX = ends[0][0] + ends[1][0];
  const endY = ends[0][1] + ends[1][1];
  const pXX = ends[0][0] / endX;
  const pYX = ends[1][0] / endX;
  const pXY = ends[0][1] / endY;
  const pYY = ends[1][1] / endY;
  return { rwc: pXX * pYY - pXY * pYX, pXX, pXY, pYX, pYY, authoritiesX, authoritiesY, steps, k, damping };
}

function undefinedDetail(k: number, damping: number, authoritiesX: number, authoritiesY: number): RandomWalkControversyDetail {
  return { rwc: NaN, pXX: NaN, pXY: NaN, pYX: NaN, pYY: NaN, authoritiesX, authoritiesY, steps: 0, k, damping };
}

export const randomWalkControversyMetric: MetricDefinition<NetworkView, RandomWalkControversyDetail> = {
  id: ID,
  title: 'Random walk controversy (RWC)',
  description:
    'P_XX·P_YY − P_XY·P_YX, P_AB = Pr[a walk from side A | it ends on side B’s k highest-degree nodes] (Garimella et al., ACM TSC 2018); sides = `attribute` 0/1; walks continue with probability `damping`; undirected, unweighted.',
  input: 'network',
  requires: ['attribute'],
  defaults: DEFAULTS,
  scalar: (view, options) => randomWalkControversy(view, options).rwc,
  detailed: (view, options) => randomWalkControversy(view, options),
};
