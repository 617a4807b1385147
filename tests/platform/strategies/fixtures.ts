/**
 * Small platform worlds for the strategy tests: a world over a given follow
 * graph, posts added by hand, and binomial bounds for statistical checks.
 */
import fc from 'fast-check';
import { CsrGraph } from '../../../src/model/csr-graph.js';
import { validatePlatformParams, type PlatformParams } from '../../../src/sim/platform/platform-params.js';
import { KIND_ORIGINAL, NOT_A_CLAIM } from '../../../src/sim/platform/post-store.js';
import { createWorld, indexPost, type World } from '../../../src/sim/platform/world.js';

/** A directed follow graph from (follower, followee) pairs, with room for rewiring. */
export function followGraph(n: number, pairs: ReadonlyArray<readonly [number, number]>): CsrGraph {
  const src = Int32Array.from(pairs, (p) => p[0]);
  const dst = Int32Array.from(pairs, (p) => p[1]);
  return CsrGraph.fromEdgeList({ n, directed: true, src, dst, m: pairs.length }, { slack: 2 });
}

/** A world over `graph` (or a generated network when omitted), with the given parameters. */
export function makeWorld(params: Record<string, unknown>, seed = 'strategies', graph?: CsrGraph): World {
  const given = graph ? { network: 'given', agents: graph.n, followsPerAccount: 1 } : {};
  const p: PlatformParams = validatePlatformParams({ ...given, ...params });
  return createWorld(p, { seed, graph });
}

/** Append an original post (indexed for feeds) and return its id. */
export function addPost(w: World, author: number, time: number, stance: number, veracity = NOT_A_CLAIM, topic = 0): number {
  const id = w.posts.add(author, time, stance, veracity, topic, KIND_ORIGINAL, -1);
  indexPost(w, author, id);
  return id;
}

/** |observed − n·p| within `z` binomial standard deviations. */
export function withinBinomial(observed: number, n: number, p: number, z = 5): boolean {
  return Math.abs(observed - n * p) <= z * Math.sqrt(n * p * (1 - p)) + 1e-9;
}

/** Pearson's χ² of observed counts against expected probabilities. */
export function chiSquare(observed: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  let total = 0;
  for (let k = 0; k < observed.length; k++) total += observed[k];
  let chi = 0;
  for (let k = 0; k < observed.length; k++) {
    const e = total * probabilities[k];
    chi += ((observed[k] - e) * (observed[k] - e)) / e;
  }
  return chi;
}

/** A random directed graph on n nodes (no self-loops), as pairs. */
export const arbitraryFollowPairs = (maxN: number): fc.Arbitrary<{ n: number; pairs: Array<[number, number]> }> =>
  fc.integer({ min: 3, max: maxN }).chain((n) =>
    fc
      .array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: n * 4 })
      .map((pairs) => ({ n, pairs: pairs.filter(([u, v]) => u !== v) })),
  );
