/**
 * Community detection on a CsrGraph without leaving typed arrays: the
 * options, checks and result shared by louvainCsr (louvain-csr.ts) and
 * leidenCsr (leiden-csr.ts), around the engine of community-levels.ts.
 *
 * Objective: undirected Newman–Girvan modularity with resolution γ,
 *   Q = (1/2m) Σ_ij [A_ij − γ k_i k_j / 2m] δ(c_i, c_j),
 * on A from symmetric-adjacency.ts: a directed follow graph is symmetrised
 * (A = W + Wᵀ: a reciprocated follow weighs 2, a one-way follow 1). This
 * differs from the graphology path (louvainCommunities), which on a directed
 * graph runs directed Louvain and reports Leicht–Newman directed modularity.
 * So on a directed graph the result carries both: `modularity` (the
 * undirected Q that was optimised) and `directedModularity` (Leicht–Newman
 * of the same partition, by modularityOf). On a symmetric graph (undirected,
 * or every follow reciprocated) the two definitions give the same number.
 *
 * Randomness: every draw comes from the given `Rng` (default `new
 * Rng(seed)`). `order: 'canonical'` runs the search on the canonical node
 * order (model/canonical-order.ts), so a relabelled copy of the network
 * gets the same partition, relabelled (within the canonical order's
 * guarantee). Communities are numbered 0..count−1 in order of first
 * appearance by node index.
 */
import { canonicalOrder } from '../../model/canonical-order.js';
import type { CsrGraph } from '../../model/csr-graph.js';
import { ParamError } from '../../model/errors.js';
import { Rng } from '../../model/rng.js';
import { communityLevels, type CommunityAlgorithm } from './community-levels.js';
import type { LouvainOrder } from './louvain-restarts.js';
import { checkWeights, modularityOf } from './modularity.js';
import { symmetricAdjacency } from './symmetric-adjacency.js';

export type { CommunityAlgorithm } from './community-levels.js';

export interface CsrCommunityOptions {
  /** Stream for every random choice; wins over `seed`. */
  readonly rng?: Rng;
  /** Key of a fresh stream when no `rng` is given (default: the algorithm's name). */
  readonly seed?: string;
  /** Resolution γ ≥ 0 (default 1). */
  readonly resolution?: number;
  /** Edge weights aligned with `graph.out.targets` (NetworkView.weights); default: every arc weighs 1. */
  readonly weights?: Float64Array;
  /** 'index' (default) or 'canonical' (independent of how the nodes are numbered). */
  readonly order?: LouvainOrder;
}

export interface LeidenOptions extends CsrCommunityOptions {
  /** θ, the randomness of Leiden's refinement (default 0.01, the paper's). */
  readonly randomness?: number;
}

export interface CsrCommunitiesDetail {
  readonly algorithm: CommunityAlgorithm;
  /** Community of every node, 0..count−1 in order of first appearance. */
  readonly community: Int32Array;
  readonly count: number;
  /** Undirected modularity of `community` on A = W + Wᵀ (the objective); NaN without edges. */
  readonly modularity: number;
  /** Leicht–Newman directed modularity of `community` (modularityOf) when the graph is directed, else null. */
  readonly directedModularity: number | null;
  readonly resolution: number;
  readonly order: LouvainOrder;
  readonly weighted: boolean;
  /** Local-moving phases run (levels of the hierarchy). */
  readonly levels: number;
  /**
   * Leiden only: the search ended by its safeguard (refinement merged
   * nothing 8 times in a row, so communities were split into their
   * connected components); false in ordinary runs.
   */
  readonly split: boolean;
}

export const LEIDEN_RANDOMNESS = 0.01;

/** Checked options, and the canonical order when asked: computed once for any number of runs. */
export interface PreparedSearch {
  readonly algorithm: CommunityAlgorithm;
  readonly resolution: number;
  readonly randomness: number;
  readonly order: LouvainOrder;
  readonly weights: Float64Array | undefined;
  readonly canonical: Int32Array | null;
}

export function prepareSearch(graph: CsrGraph, algorithm: CommunityAlgorithm, options: Omit<LeidenOptions, 'rng'> = {}): PreparedSearch {
  const mod = `metrics/${algorithm}-csr`;
  const resolution = options.resolution ?? 1;
  if (typeof resolution !== 'number' || !Number.isFinite(resolution) || resolution < 0) {
    throw new ParamError(mod, 'resolution', resolution, 'a finite number ≥ 0');
  }
  const order = options.order ?? 'index';
  if (order !== 'index' && order !== 'canonical') throw new ParamError(mod, 'order', order, "'index' or 'canonical'");
  const randomness = options.randomness ?? LEIDEN_RANDOMNESS;
  if (typeof randomness !== 'number' || !Number.isFinite(randomness) || randomness <= 0) {
    throw new ParamError(mod, 'randomness', randomness, 'a finite number > 0');
  }
  if (options.seed !== undefined && (typeof options.seed !== 'string' || options.seed.length === 0)) {
    throw new ParamError(mod, 'seed', options.seed, 'a non-empty string');
  }
  const weights = options.weights === undefined ? undefined : checkWeights(graph, options.weights);
  const canonical = order === 'canonical' ? canonicalOrder(graph, { weights }) : null;
  return { algorithm, resolution, randomness, order, weights, canonical };
}

/** One seeded search with prepared options. */
export function runSearch(graph: CsrGraph, prepared: PreparedSearch, rng: Rng): CsrCommunitiesDetail {
  const { algorithm, resolution, randomness, weights, canonical } = prepared;
  const n = graph.n;
  // The search runs on the nodes renumbered in a random order (the visiting order of the first
  // level, see communityLevels), applied after the canonical order when there is one.
  const order = new Int32Array(n);
  for (let p = 0; p < n; p++) order[p] = p;
  rng.shuffle(order);
  if (canonical) for (let p = 0; p < n; p++) order[p] = canonical[order[p]];
  // Passed as a function so that nothing here keeps the first level alive (see communityLevels).
  const found = communityLevels(() => symmetricAdjacency(graph, { weights, order }), { algorithm, resolution, rng, randomness, labelsShuffled: true });
  const community = new Int32Array(n);
  for (let p = 0; p < n; p++) community[order[p]] = found.community[p];
  // Numbered by first appearance by node index.
  const relabel = new Int32Array(found.count).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = community[i];
    if (relabel[c] < 0) relabel[c] = count++;
    community[i] = relabel[c];
  }
  return {
    algorithm,
    community,
    count,
    modularity: found.modularity,
    directedModularity: graph.directed ? modularityOf(graph, community, resolution, weights) : null,
    resolution,
    order: prepared.order,
    weighted: weights !== undefined,
    levels: found.levels,
    split: found.split,
  };
}

export function csrCommunities(graph: CsrGraph, algorithm: CommunityAlgorithm, options: LeidenOptions = {}): CsrCommunitiesDetail {
  const { rng, ...rest } = options;
  const prepared = prepareSearch(graph, algorithm, rng === undefined ? rest : { ...rest, seed: undefined });
  return runSearch(graph, prepared, rng ?? new Rng(options.seed ?? algorithm));
}
