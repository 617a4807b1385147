/**
 * Graphs, views and arbitraries shared by the metric tests: small named
 * graphs with known answers, random graphs as fast-check arbitraries, a
 * relabelling helper, and a seeded preferential-attachment graph for the
 * statistical majority-illusion check.
 */
import fc from 'fast-check';
import { CsrGraph } from '../../src/model/csr-graph.js';
import type { Rng } from '../../src/model/rng.js';

export function graphOf(n: number, pairs: ReadonlyArray<readonly [number, number]>, directed = false): CsrGraph {
  return CsrGraph.fromEdgeList({
    n,
    directed,
    src: Int32Array.from(pairs, (p) => p[0]),
    dst: Int32Array.from(pairs, (p) => p[1]),
    m: pairs.length,
  });
}

export function ring(n: number): CsrGraph {
  return graphOf(n, Array.from({ length: n }, (_, i) => [i, (i + 1) % n] as const));
}

export function complete(n: number): CsrGraph {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j]);
  return graphOf(n, pairs);
}

/** Hub 0 joined to leaves 1..n−1. */
export function star(n: number, directed = false): CsrGraph {
  return graphOf(n, Array.from({ length: n - 1 }, (_, i) => [i + 1, 0] as const), directed);
}

/** Two cliques of size k (nodes 0..k−1 and k..2k−1) joined by the edge (k−1, k). */
export function twoCliques(k: number): CsrGraph {
  const pairs: Array<[number, number]> = [];
  for (const off of [0, k]) for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) pairs.push([off + i, off + j]);
  pairs.push([k - 1, k]);
  return graphOf(2 * k, pairs);
}

export interface RandomGraphSpec {
  readonly n: number;
  readonly directed: boolean;
  readonly pairs: Array<[number, number]>;
}

/** A random simple graph (self-loops and repeats are dropped by the CSR build). */
export function randomGraphSpec(opts: { minN?: number; maxN?: number; maxM?: number; directed?: boolean } = {}): fc.Arbitrary<RandomGraphSpec> {
  const minN = opts.minN ?? 2;
  const maxN = opts.maxN ?? 30;
  const maxM = opts.maxM ?? 80;
  const directed = opts.directed === undefined ? fc.boolean() : fc.constant(opts.directed);
  return fc.record({ n: fc.integer({ min: minN, max: maxN }), directed }).chain(({ n, directed: d }) =>
    fc
      .array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: maxM })
      .map((pairs) => ({ n, directed: d, pairs })),
  );
}

export function buildSpec(spec: RandomGraphSpec): CsrGraph {
  return graphOf(spec.n, spec.pairs, spec.directed);
}

/** The same graph with node i renamed perm[i]. */
export function relabel(spec: RandomGraphSpec, perm: ArrayLike<number>): CsrGraph {
  return graphOf(
    spec.n,
    spec.pairs.map(([u, v]) => [perm[u], perm[v]] as [number, number]),
    spec.directed,
  );
}

/** out[perm[i]] = values[i]. */
export function permuteValues<T extends Float64Array | Int32Array>(values: T, perm: ArrayLike<number>): T {
  const out = values.slice() as T;
  for (let i = 0; i < values.length; i++) out[perm[i]] = values[i];
  return out;
}

/** Barabási–Albert preferential attachment (undirected): each new node links to `m` distinct earlier nodes ∝ degree. */
export function preferentialAttachment(n: number, m: number, rng: Rng): CsrGraph {
  const pairs: Array<[number, number]> = [];
  // Every edge end appears once in `ends`, so a uniform pick from it is ∝ degree.
  const ends: number[] = [];
  for (let i = 0; i <= m; i++) {
    for (let j = 0; j < i; j++) {
      pairs.push([i, j]);
      ends.push(i, j);
    }
  }
  for (let v = m + 1; v < n; v++) {
    const chosen = new Set<number>();
    while (chosen.size < m) chosen.add(ends[rng.int(ends.length)]);
    for (const u of chosen) {
      pairs.push([v, u]);
      ends.push(v, u);
    }
  }
  return graphOf(n, pairs);
}

/** Hop distances from `source` over an adjacency list (plain BFS, the brute-force oracle). */
export function bfsDistances(adj: ReadonlyArray<readonly number[]>, source: number): Int32Array {
  const dist = new Int32Array(adj.length).fill(-1);
  const queue = [source];
  dist[source] = 0;
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h];
    for (const v of adj[u]) {
      if (dist[v] === -1) {
        dist[v] = dist[u] + 1;
        queue.push(v);
      }
    }
  }
  return dist;
}
