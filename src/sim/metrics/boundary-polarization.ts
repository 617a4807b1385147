/**
 * Boundary polarization (Guerra, Meira Jr., Cardie & Kleinberg, "A measure
 * of polarization on social media networks based on community boundaries",
 * ICWSM 2013): polarised groups have a boundary whose nodes prefer their
 * own group's interior to the other group's boundary. With the two sides
 * G_0, G_1 of `attribute`:
 *   internal node of G_i: a node of G_i with no neighbour in G_j (j ≠ i);
 *   boundary B_i: nodes of G_i with at least one neighbour in G_j AND at
 *     least one neighbour that is an internal node of G_i; B = B_0 ∪ B_1;
 *   for v ∈ B_i: d_i(v) = neighbours of v that are internal nodes of G_i,
 *     d_b(v) = neighbours of v in B_j (the other side's boundary);
 *   P = (1/|B|) Σ_{v∈B} [ d_i(v) / (d_i(v) + d_b(v)) − ½ ] ∈ [−½, ½].
 * P > 0: boundary nodes lean inwards (polarisation); P < 0: they are more
 * tied to the other side's boundary than to their own interior (the paper
 * reads this as the absence of polarisation).
 *
 * Our reading, where the paper's wording allows two: "internal" in both the
 * boundary condition and d_i is "no neighbour on the other side", and d_b
 * counts ties to the other side's boundary, as does the re-implementation
 * in the controversy-detection code published by Garimella et al. (2018).
 * That code skips boundary nodes with d_b = 0 from the sum (but not from
 * |B|); we apply the formula, which gives them +½.
 *
 * Graph read as undirected (a directed graph as its undirected projection),
 * unweighted (counts ties; weights are ignored), self-loops skipped. Nodes
 * whose attribute is neither 0 nor 1 belong to no side: they are neither
 * internal, boundary nor counted in d_i or d_b. NaN when B is empty. One
 * snapshot.
 */
import type { MetricDefinition, MetricOptions, NetworkView } from '../metric-view.js';
import { requireAttribute, resolveOptions } from './metric-support.js';
import { undirectedRows } from './random-walk-controversy.js';

const ID = 'network.boundary-polarization';
const NO_OPTIONS: MetricOptions = {};

export interface BoundaryPolarizationDetail {
  readonly polarization: number;
  /** |B_0| and |B_1|. */
  readonly boundary0: number;
  readonly boundary1: number;
  /** Boundary nodes with no tie to the other side's boundary (each adds +½). */
  readonly noBoundaryTie: number;
}

export function boundaryPolarization(view: NetworkView): BoundaryPolarizationDetail {
  const a = requireAttribute(ID, view);
  const { n, start, deg, targets } = undirectedRows(view, ID);
  const sided = (i: number): boolean => a[i] === 0 || a[i] === 1;
  const crosses = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (!sided(i)) continue;
    for (let p = start[i], e = p + deg[i]; p < e; p++) {
      const j = targets[p];
      if (sided(j) && a[j] !== a[i]) {
        crosses[i] = 1;
        break;
      }
    }
  }
  const internal = (i: number): boolean => sided(i) && crosses[i] === 0;
  const boundary = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (crosses[i] === 0) continue;
    for (let p = start[i], e = p + deg[i]; p < e; p++) {
      const j = targets[p];
      if (a[j] === a[i] && internal(j)) {
        boundary[i] = 1;
        break;
      }
    }
  }
  const terms: number[] = [];
  let boundary0 = 0;
  let boundary1 = 0;
  let noBoundaryTie = 0;
  for (let i = 0; i < n; i++) {
    if (boundary[i] === 0) continue;
    let di = 0;
    let db = 0;
    for (let p = start[i], e = p + deg[i]; p < e; p++) {
      const j = targets[p];
      if (a[j] === a[i]) {
        if (internal(j)) di++;
      } else if (sided(j) && boundary[j] === 1) db++;
    }
    terms.push(di / (di + db) - 0.5);
    if (a[i] === 0) boundary0++;
    else boundary1++;
    if (db === 0) noBoundaryTie++;
  }
  // Summed in sorted order, so the value is the same to the last bit for any node numbering.
  terms.sort((x, y) => x - y);
  let sum = 0;
  for (const t of terms) sum += t;
  return { polarization: terms.length === 0 ? NaN : sum / terms.length, boundary0, boundary1, noBoundaryTie };
}

function ofView(view: NetworkView, options: MetricOptions | undefined): BoundaryPolarizationDetail {
  resolveOptions(ID, NO_OPTIONS, options);
  return boundaryPolarization(view);
}

export const boundaryPolarizationMetric: MetricDefinition<NetworkView, BoundaryPolarizationDetail> = {
  id: ID,
  title: 'Boundary polarization (Guerra et al.)',
  description:
    'Mean over boundary nodes of d_i/(d_i + d_b) − ½: ties to their own side’s interior against ties to the other side’s boundary (Guerra et al., ICWSM 2013); sides = `attribute` 0/1; undirected, unweighted.',
  input: 'network',
  requires: ['attribute'],
  defaults: NO_OPTIONS,
  scalar: (view, options) => ofView(view, options).polarization,
  detailed: ofView,
};
