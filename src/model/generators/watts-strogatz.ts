/**
 * Watts–Strogatz small world (D. J. Watts & S. H. Strogatz, "Collective
 * dynamics of 'small-world' networks", Nature 393, 440, 1998): a ring of n
 * nodes, each joined to its k/2 nearest neighbours on either side, then each
 * lattice edge (u, u + j) is rewired with probability β to (u, w), w uniform
 * among the nodes u is not yet joined to. Order as in the original (and in
 * NetworkX): all edges at distance 1 around the ring, then distance 2, ...
 *
 * Undirected, no self-loops or repeated pairs, exactly m = n·k/2 edges for
 * every β; β = 0 is the lattice, β = 1 close to a random graph. Existence
 * tests cost O(1): a lattice edge exists unless its slot was rewired, and
 * rewired edges live in a typed-array hash set. A static network: no time unit.
 */
import type { EdgeList } from '../edge-list.js';
import { ParamError, check, withDefaults } from '../errors.js';
import type { Rng } from '../rng.js';
import { MAX_EDGES, binomialCapacity } from './bernoulli-pairs.js';
import { PairSet } from './pair-set.js';

const MODULE = 'model/watts-strogatz';

export interface WattsStrogatzParams {
  /** Number of nodes on the ring. */
  readonly n: number;
  /** Even number of lattice neighbours per node, k < n. */
  readonly k: number;
  /** Rewiring probability per edge, in [0, 1]. */
  readonly beta: number;
}

export function wattsStrogatz(params: WattsStrogatzParams, rng: Rng): EdgeList {
  const given = withDefaults<Partial<WattsStrogatzParams>>(MODULE, { n: undefined, k: undefined, beta: undefined }, params);
  const n = check.integer(MODULE, 'n', given.n, 1, MAX_EDGES);
  const k = check.integer(MODULE, 'k', given.k, 0, n - 1);
  if (k % 2 !== 0) throw new ParamError(MODULE, 'k', k, `an even integer in [0, ${n - 1}]`);
  const beta = check.number(MODULE, 'beta', given.beta, 0, 1);
  const half = k / 2;
  const m = n * half;
  if (m > MAX_EDGES) throw new ParamError(MODULE, 'k', k, `a value with n·k/2 ≤ 2^31 − 1`);

  // Slot e = (j − 1)·n + u holds the lattice edge (u, u + j mod n) until it is rewired.
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  for (let j = 1; j <= half; j++) {
    const base = (j - 1) * n;
    for (let u = 0; u < n; u++) {
      src[base + u] = u;
      dst[base + u] = u + j < n ? u + j : u + j - n;
    }
  }
  if (beta === 0 || m === 0) return { n, directed: false, src, dst, m };

  const rewired = new Uint8Array(m);
  const added = new PairSet(binomialCapacity(m, beta));
  const deg = new Int32Array(n).fill(k);
  const joined = (x: number, y: number): boolean => {
    let d = y - x;
    if (d < 0) d += n;
    if (d >= 1 && d <= half && rewired[(d - 1) * n + x] === 0) return true;
    d = n - d;
    if (d >= 1 && d <= half && rewired[(d - 1) * n + y] === 0) return true;
    return x < y ? added.has(x, y) : added.has(y, x);
  };
  for (let e = 0; e < m; e++) {
    if (!rng.chance(beta)) continue;
    const u = src[e];
    // Joined to everyone already: nowhere to rewire to.
    if (deg[u] >= n - 1) continue;
    let w: number;
    do w = rng.int(n);
    while (w === u || joined(u, w));
    deg[dst[e]]--;
    deg[w]++;
    rewired[e] = 1;
    dst[e] = w;
    if (u < w) added.add(u, w);
    else added.add(w, u);
  }
  return { n, directed: false, src, dst, m };
}
