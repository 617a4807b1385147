/**
 * louvainCsr / leidenCsr run k times with seeded restarts, keeping the
 * partition of highest (undirected) modularity, the one the search
 * optimises; the lowest restart index wins ties. Streams as in
 * louvain-restarts.ts: restart 0 uses `new Rng(seed)`, restart r ≥ 1
 * `new Rng(seed).fork('restart-r')`, so one restart is exactly the plain
 * seeded run. Used by the registry metrics (network.modularity,
 * network.communities) when they take the CSR path.
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import { csrCommunities, type CommunityAlgorithm, type CsrCommunitiesDetail, type CsrCommunityOptions } from './csr-communities.js';
import { restartRng } from './louvain-restarts.js';

export interface CsrRestartOptions extends Omit<CsrCommunityOptions, 'rng'> {
  /** Number of seeded restarts (default 1). */
  readonly restarts?: number;
}

export interface CsrRestartsDetail extends CsrCommunitiesDetail {
  /** Undirected modularity of every restart, in restart order. */
  readonly values: Float64Array;
  /** Index of the best restart. */
  readonly best: number;
}

export function csrCommunityRestarts(graph: CsrGraph, algorithm: CommunityAlgorithm, options: CsrRestartOptions = {}): CsrRestartsDetail {
  const restarts = options.restarts ?? 1;
  const seed = options.seed ?? algorithm;
  const values = new Float64Array(restarts);
  let best = -1;
  let bestDetail: CsrCommunitiesDetail | null = null;
  for (let r = 0; r < restarts; r++) {
    const d = csrCommunities(graph, algorithm, { ...options, seed: undefined, rng: restartRng(seed, r) });
    values[r] = d.modularity;
    // NaN (no edges) never beats anything; the first restart is kept then.
    if (bestDetail === null || d.modularity > bestDetail.modularity) {
      best = r;
      bestDetail = d;
    }
  }
  if (bestDetail === null) throw new RangeError(`metrics/${algorithm}-csr: restarts must be ≥ 1 (got ${restarts})`);
  return { ...bestDetail, values, best };
}
