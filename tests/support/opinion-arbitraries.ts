/**
 * Graphs, arbitraries and measurements shared by the opinion-dynamics model
 * tests: small deterministic graphs with known structure, seeded random
 * graphs, fast-check arbitraries of small networks and opinion profiles,
 * relabelling helpers, and a gap-based cluster count.
 */
import fc from 'fast-check';
import { CsrGraph } from '../../src/model/csr-graph.js';
import { Rng } from '../../src/model/rng.js';

export function graphFromPairs(n: number, pairs: ReadonlyArray<readonly [number, number]>, directed = false): CsrGraph {
  const src = Int32Array.from(pairs, (p) => p[0]);
  const dst = Int32Array.from(pairs, (p) => p[1]);
  return CsrGraph.fromEdgeList({ n, directed, src, dst, m: pairs.length });
}

export function completeGraph(n: number): CsrGraph {
  const pairs: Array<[number, number]> = [];
  for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) pairs.push([u, v]);
  return graphFromPairs(n, pairs);
}

/** Ring lattice: each node linked to its k nearest nodes on each side (degree 2k). */
export function ringGraph(n: number, k = 1): CsrGraph {
  const pairs: Array<[number, number]> = [];
  for (let u = 0; u < n; u++) for (let s = 1; s <= k; s++) pairs.push([u, (u + s) % n]);
  return graphFromPairs(n, pairs);
}

/** Star: centre 0 and leaves 1..leaves. */
export function starGraph(leaves: number): CsrGraph {
  return graphFromPairs(
    leaves + 1,
    Array.from({ length: leaves }, (_, i) => [0, i + 1] as [number, number]),
  );
}

/** A ring (so connected) plus `chords` random extra edges, seeded. */
export function randomConnectedGraph(n: number, chords: number, key: string): CsrGraph {
  const rng = new Rng(key);
  const pairs: Array<[number, number]> = [];
  for (let u = 0; u < n; u++) pairs.push([u, (u + 1) % n]);
  for (let e = 0; e < chords; e++) pairs.push([rng.int(n), rng.int(n)]);
  return graphFromPairs(n, pairs);
}

/** G(n, m)-style random graph from random Int32Arrays (self-loops dropped; repeats dropped unless `keepDuplicates`), seeded. */
export function randomGraph(n: number, m: number, key: string, directed = false, keepDuplicates = false): CsrGraph {
  const rng = new Rng(key);
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    src[e] = rng.int(n);
    dst[e] = rng.int(n);
  }
  return CsrGraph.fromEdgeList({ n, directed, src, dst, m }, { dropDuplicates: !keepDuplicates });
}

/** The same graph with node i renamed perm[i]. */
export function relabelGraph(graph: CsrGraph, perm: ArrayLike<number>): CsrGraph {
  const edges = graph.toEdgeList();
  const src = Int32Array.from(edges.src.subarray(0, edges.m), (u) => perm[u]);
  const dst = Int32Array.from(edges.dst.subarray(0, edges.m), (v) => perm[v]);
  return CsrGraph.fromEdgeList({ n: graph.n, directed: graph.directed, src, dst, m: edges.m });
}

/** y[perm[i]] = x[i]. */
export function relabel<A extends Float64Array | Int32Array>(x: A, perm: ArrayLike<number>): A {
  const y = x.slice() as A;
  for (let i = 0; i < x.length; i++) y[perm[i]] = x[i];
  return y;
}

export function randomPermutation(n: number, key: string): Int32Array {
  return new Rng(key).shuffle(Int32Array.from({ length: n }, (_, i) => i));
}

/** Sizes of the groups of sorted opinions separated by gaps larger than `gap`, largest first. */
export function clusterSizes(x: ArrayLike<number>, gap: number): number[] {
  const sorted = Float64Array.from(x).sort();
  const sizes: number[] = [];
  let size = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] - sorted[i - 1] > gap) {
      sizes.push(size);
      size = 0;
    }
    size++;
  }
  if (sorted.length > 0) sizes.push(size);
  return sizes.sort((a, b) => b - a);
}

/** Clusters holding at least `minShare` of the agents (minor clusters are finite-size stragglers). */
export function majorClusters(x: ArrayLike<number>, gap: number, minShare: number): number {
  return clusterSizes(x, gap).filter((s) => s >= minShare * x.length).length;
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

export function range(x: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  return [lo, hi];
}

/** Half-width of a z-sigma band for a binomial proportion p over `runs` trials. */
export function binomialBand(p: number, runs: number, z = 4): number {
  return z * Math.sqrt((p * (1 - p)) / runs);
}

export interface SmallNetwork {
  readonly n: number;
  readonly directed: boolean;
  readonly pairs: ReadonlyArray<readonly [number, number]>;
}

/** Small networks (2–24 nodes, possibly disconnected, possibly directed), self-loops allowed in the input (dropped by CSR). */
export function smallNetworkArb(options: { directed?: boolean; minNodes?: number; maxNodes?: number } = {}): fc.Arbitrary<SmallNetwork> {
  const minNodes = options.minNodes ?? 2;
  const maxNodes = options.maxNodes ?? 24;
  return fc.integer({ min: minNodes, max: maxNodes }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      directed: options.directed === undefined ? fc.boolean() : fc.constant(options.directed),
      pairs: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 4 * n }),
    }),
  );
}

export function buildNetwork(net: SmallNetwork): CsrGraph {
  return graphFromPairs(net.n, net.pairs, net.directed);
}

/** Opinions on [lo, hi] for n agents. */
export function opinionsArb(n: number, lo = 0, hi = 1): fc.Arbitrary<Float64Array> {
  return fc
    .array(fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n })
    .map((a) => Float64Array.from(a));
}

/** A small network with opinions on [lo, hi] for its agents. */
export function networkWithOpinionsArb(
  options: { directed?: boolean; minNodes?: number; maxNodes?: number; lo?: number; hi?: number } = {},
): fc.Arbitrary<{ net: SmallNetwork; opinions: Float64Array }> {
  return smallNetworkArb(options).chain((net) =>
    fc.record({ net: fc.constant(net), opinions: opinionsArb(net.n, options.lo ?? 0, options.hi ?? 1) }),
  );
}

/** Binary opinions for n agents. */
export function binaryOpinionsArb(n: number): fc.Arbitrary<Int32Array> {
  return fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }).map((a) => Int32Array.from(a));
}
