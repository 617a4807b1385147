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
import { prepareSearch, runSearch, type CommunityAlgorithm, type CsrCommunitiesDetail, type CsrCommunityOptions } from './csr-communities.js';
import { ParamError } from '../../model/errors.js';
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
  if (typeof restarts !== 'number' || !Number.isInteger(restarts) || restarts < 1) {
    throw new ParamError(`metrics/${algorithm}-csr`, 'restarts', restarts, 'an integer ≥ 1');
  }
  const seed = options.seed ?? algorithm;
  // Options checked and the canonical order computed once for all restarts.
  const prepared = prepareSearch(graph, algorithm, options);
  const values = new Float64Array(restarts);
  let best = -1;
  let bestDetail: CsrCommunitiesDetail | null = null;
  for (let r = 0; r < restarts; r++) {
    const d = runSearch(graph, prepared, restartRng(seed, r));
    values[r] = d.modularity;
    // NaN (no edges) never beats anything; the first restart is kept then.
    if (bestDetail === null || d.modularity > bestDetail.modularity) {
      best = r;
      bestDetail = d;
    }
  }
  return { ...(bestDetail as CsrCommunitiesDetail), values, best };
}
