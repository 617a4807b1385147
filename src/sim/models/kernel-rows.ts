/**
 * One direction of a CSR graph packed for a WebAssembly kernel: the rows
 * without the CSR's spare slots, as row starts and lengths (i32 per node) and
 * the targets (i32 per live arc), written into the kernel's memory. Shared by
 * the Deffuant kernel (followee rows) and the cascade kernel (follower rows).
 */
import type { Adjacency } from '../../model/csr-graph.js';

/** Live arcs of the first `n` rows (without the spare slots). */
export function liveArcCount(adj: Adjacency, n: number): number {
  const deg = adj.deg;
  let arcs = 0;
  for (let i = 0; i < n; i++) arcs += deg[i];
  return arcs;
}

/** The first `n` rows of `adj` packed into `buf`: starts at `startOff`, lengths at `degOff`, targets at `tgOff`. */
export function packRows(adj: Adjacency, n: number, buf: ArrayBufferLike, startOff: number, degOff: number, tgOff: number): void {
  const { start, deg, targets } = adj;
  const kStart = new Int32Array(buf, startOff, n);
  const kDeg = new Int32Array(buf, degOff, n);
  const kTg = new Int32Array(buf, tgOff, liveArcCount(adj, n));
  let w = 0;
  for (let i = 0; i < n; i++) {
    const d = deg[i];
    kStart[i] = w;
    kDeg[i] = d;
    kTg.set(targets.subarray(start[i], start[i] + d), w);
    w += d;
  }
}
