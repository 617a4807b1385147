/**
 * Louvain (Blondel, Guillaume, Lambiotte & Lefebvre, "Fast unfolding of
 * communities in large networks", J. Stat. Mech. P10008 (2008)) straight
 * on the CSR arrays: local moving by sweeps in a seeded random order, then
 * aggregation, level after level, maximising undirected modularity
 *   Q = (1/2m) Σ_ij [A_ij − γ k_i k_j / 2m] δ(c_i, c_j)
 * on A = W + Wᵀ when the follow graph is directed (see csr-communities.ts;
 * the graphology path optimises Leicht–Newman directed modularity instead).
 * Louvain's communities may be internally disconnected (Traag et al. 2019);
 * leidenCsr guarantees connected ones. Engine: community-levels.ts.
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import { csrCommunities, type CsrCommunitiesDetail, type CsrCommunityOptions } from './csr-communities.js';

export function louvainCsr(graph: CsrGraph, options: CsrCommunityOptions = {}): CsrCommunitiesDetail {
  return csrCommunities(graph, 'louvain', { ...options, randomness: undefined });
}
