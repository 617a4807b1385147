/**
 * Independent Bernoulli(p) trials over blocks of node pairs by geometric
 * skipping (Batagelj & Brandes, "Efficient generation of large random
 * networks", Phys. Rev. E 71, 036113, 2005): instead of one draw per pair,
 * draw the gap to the next success, L = ⌊ln(1 − r) / ln(1 − p)⌋ ~ Geometric(p),
 * so the cost is O(rows + successes) rather than O(pairs). The logarithm is
 * det-math's, so a key gives the same network in every JavaScript engine.
 * Shared by the Erdős–Rényi and stochastic block model generators.
 */
import { log1p } from '../det-math.js';
import type { EdgeListBuilder } from '../edge-list.js';
import type { Rng } from '../rng.js';

/** Largest edge count one Int32Array edge list (and CsrGraph) can hold. */
export const MAX_EDGES = 2 ** 31 - 1;

/** ln(1 − p), or 0 when there is nothing to draw. */
function logQ(p: number): number {
  return log1p(-p);
}

/**
 * Each ordered pair (u, v) with u in [r0, r0 + rows), v in [c0, c0 + cols)
 * becomes the edge u → v with probability p. The row and column ranges must
 * not overlap (no self-pairs are excluded here).
 */
export function bernoulliRectangle(out: EdgeListBuilder, r0: number, rows: number, c0: number, cols: number, p: number, rng: Rng): void {
  if (p <= 0 || rows <= 0 || cols <= 0) return;
  const lq = logQ(p);
  let row = 0;
  let col = -1;
  for (;;) {
    col += 1 + Math.floor(log1p(-rng.next()) / lq);
    if (col >= cols) {
      row += Math.floor(col / cols);
      if (row >= rows) return;
      col %= cols;
    }
    out.push(r0 + row, c0 + col);
  }
}

/** Each ordered pair u ≠ v inside [lo, lo + size) becomes u → v with probability p. */
export function bernoulliSquare(out: EdgeListBuilder, lo: number, size: number, p: number, rng: Rng): void {
  if (p <= 0 || size <= 1) return;
  const lq = logQ(p);
  const cols = size - 1;
  let row = 0;
  let col = -1;
  for (;;) {
    col += 1 + Math.floor(log1p(-rng.next()) / lq);
    if (col >= cols) {
      row += Math.floor(col / cols);
      if (row >= size) return;
      col %= cols;
    }
    // Row u has the columns 0..size−1 without u itself.
    out.push(lo + row, lo + (col >= row ? col + 1 : col));
  }
}

/** Each unordered pair {u, v} inside [lo, lo + size) becomes the edge (min, max) with probability p. */
export function bernoulliTriangle(out: EdgeListBuilder, lo: number, size: number, p: number, rng: Rng): void {
  if (p <= 0 || size <= 1) return;
  const lq = logQ(p);
  // Row v holds the pairs (w, v) with w < v (Batagelj & Brandes, algorithm 1).
  let v = 1;
  let w = -1;
  for (;;) {
    w += 1 + Math.floor(log1p(-rng.next()) / lq);
    while (w >= v && v < size) {
      w -= v;
      v++;
    }
    if (v >= size) return;
    out.push(lo + w, lo + v);
  }
}

/**
 * Room for a Binomial(trials, p) number of edges: the mean plus six standard
 * deviations, so the builder almost never has to grow (it still can).
 */
export function binomialCapacity(trials: number, p: number): number {
  const mean = trials * p;
  const cap = Math.ceil(mean + 6 * Math.sqrt(mean * (1 - p)) + 16);
  return Math.min(cap, Math.max(16, Math.min(trials, MAX_EDGES)));
}
