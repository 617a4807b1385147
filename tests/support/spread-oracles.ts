/**
 * Independent oracles for spreading models, written from plain pair lists
 * (never from the CSR layout they check), and the fast-check arbitrary of a
 * small directed follow graph with seeds.
 */
import fc from 'fast-check';
import { CsrGraph } from '../../src/model/csr-graph.js';

/** Directed graph from "u follows v" pairs. */
export function digraph(n: number, pairs: ReadonlyArray<readonly [number, number]>): CsrGraph {
  return CsrGraph.fromEdgeList({
    n,
    directed: true,
    src: Int32Array.from(pairs, (p) => p[0]),
    dst: Int32Array.from(pairs, (p) => p[1]),
    m: pairs.length,
  });
}

/** Hop distance from the seeds when content flows from a followee to its followers (−1: unreached). */
export function followerBfs(n: number, pairs: ReadonlyArray<readonly [number, number]>, seeds: readonly number[]): Int32Array {
  const followers: number[][] = Array.from({ length: n }, () => []);
  for (const [u, v] of pairs) if (u !== v) followers[v].push(u);
  const dist = new Int32Array(n).fill(-1);
  let frontier = [...new Set(seeds)];
  for (const s of frontier) dist[s] = 0;
  for (let d = 1; frontier.length > 0; d++) {
    const next: number[] = [];
    for (const v of frontier) {
      for (const u of followers[v]) {
        if (dist[u] === -1) {
          dist[u] = d;
          next.push(u);
        }
      }
    }
    frontier = next;
  }
  return dist;
}

/** A follow graph on 1–30 nodes (self-loops and repeats included) with 1–maxSeeds distinct seeds. */
export function seededGraphArb(maxSeeds: number): fc.Arbitrary<{ n: number; pairs: Array<[number, number]>; seeds: number[] }> {
  return fc.integer({ min: 1, max: 30 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      pairs: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 120 }),
      seeds: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(n, maxSeeds) }),
    }),
  );
}
