/**
 * A network view restricted to some accounts: the subgraph they induce
 * (the follows between two kept accounts), renumbered 0..k−1 in index
 * order, with their opinions and attribute. Metrics of the registry then
 * describe one platform's present accounts (or one group of people) only:
 * the accounts still active on the origin after an exodus, the accounts
 * present on the destination, the movers as they were before moving.
 */
import { CsrGraph } from '../../model/csr-graph.js';
import type { NetworkView } from '../metric-view.js';

/** The view of `view` restricted to the accounts with keep[i] ≠ 0 (accounts beyond keep's length are dropped). */
export function inducedView(view: NetworkView, keep: ArrayLike<number>): NetworkView {
  const g = view.graph;
  const n = Math.min(g.n, keep.length);
  const index = new Int32Array(n).fill(-1);
  let k = 0;
  for (let i = 0; i < n; i++) if (keep[i] !== 0) index[i] = k++;
  const src: number[] = [];
  const dst: number[] = [];
  const { start, deg, targets } = g.out;
  for (let i = 0; i < n; i++) {
    const a = index[i];
    if (a < 0) continue;
    for (let e = start[i], end = e + deg[i]; e < end; e++) {
      const j = targets[e];
      const b = j < n ? index[j] : -1;
      if (b >= 0 && (g.directed || a <= b)) {
        src.push(a);
        dst.push(b);
      }
    }
  }
  const graph = CsrGraph.fromEdgeList({ n: k, directed: g.directed, src: Int32Array.from(src), dst: Int32Array.from(dst), m: src.length });
  const pick = <T extends Float64Array | Int32Array>(xs: T | undefined, make: (len: number) => T): T | undefined => {
    if (!xs) return undefined;
    const out = make(k);
    for (let i = 0; i < n; i++) if (index[i] >= 0) out[index[i]] = xs[i];
    return out;
  };
  return { graph, opinions: pick(view.opinions, (len) => new Float64Array(len)), attribute: pick(view.attribute, (len) => new Int32Array(len)) };
}
