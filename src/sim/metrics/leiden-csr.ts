/**
 * Leiden (Traag, Waltman & van Eck, "From Louvain to Leiden: guaranteeing
 * well-connected communities", Scientific Reports 9, 5233 (2019)) straight
 * on the CSR arrays: fast local moving with a queue, refinement (randomised,
 * θ = 0.01 by default) so that every community is connected, aggregation on
 * the refined partition with the unrefined one as the aggregate's start,
 * until local moving changes nothing. Objective: undirected modularity
 *   Q = (1/2m) Σ_ij [A_ij − γ k_i k_j / 2m] δ(c_i, c_j)
 * on A = W + Wᵀ when the follow graph is directed (see csr-communities.ts;
 * the graphology path optimises Leicht–Newman directed modularity instead).
 * Engine and the details of each phase: community-levels.ts.
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import { csrCommunities, type CsrCommunitiesDetail, type LeidenOptions } from './csr-communities.js';

export function leidenCsr(graph: CsrGraph, options: LeidenOptions = {}): CsrCommunitiesDetail {
  return csrCommunities(graph, 'leiden', options);
}
