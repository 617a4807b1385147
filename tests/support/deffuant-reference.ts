import type { CsrGraph } from '../../src/model/csr-graph.js';
import { Rng } from '../../src/model/rng.js';

/** The rule written out plainly, one interaction at a time, drawing from `rng.fork('pairs')` with `Rng.next`. */
export function referenceDeffuant(graph: CsrGraph, x0: Float64Array, eps: number, mu: number, key: string, count: number): Float64Array {
  const x = x0.slice();
  const rng = new Rng(key).fork('pairs');
  const { start, deg, targets } = graph.out;
  for (let k = 0; k < count; k++) {
    const i = Math.floor(rng.next() * graph.n);
    const u = rng.next();
    if (deg[i] === 0) continue;
    const j = targets[start[i] + Math.floor(u * deg[i])];
    if (Math.abs(x[j] - x[i]) < eps) {
      const d = x[j] - x[i];
      x[i] += mu * d;
      x[j] -= mu * d;
    }
  }
  return x;
}
