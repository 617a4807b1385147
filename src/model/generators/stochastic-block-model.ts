/**
 * Stochastic block model with a homophily knob (Holland, Laskey & Leinhardt,
 * "Stochastic blockmodels: first steps", Social Networks 5, 109, 1983): nodes
 * belong to groups (e.g. political camps) and each pair is an edge
 * independently with a probability that depends only on the two groups.
 *
 * Parametrised by what a modeller means: a mean out-degree d and a homophily
 * h ∈ [0, 1], the expected share of a node's follows that stay inside its own
 * group. Directed, for a node of group g of size s_g:
 *   p_in(g) = h·d / (s_g − 1),   p_out(g) = (1 − h)·d / (n − s_g),
 * so every node has expected out-degree d with share h inside. Undirected,
 * block probabilities must be symmetric, so p_in(g) is as above and a single
 * p_between = (1 − h)·d·n / Σ_g s_g(n − s_g) keeps the mean degree at d; the
 * share h is then exact per node only for equal group sizes.
 * Groups occupy contiguous index ranges (group 0 first). Pairs are drawn by
 * geometric skipping, O(n + m + groups²). A static network: no time unit.
 */
import { EdgeListBuilder, type EdgeList } from '../edge-list.js';
import { ParamError, check, withDefaults } from '../errors.js';
import type { Rng } from '../rng.js';
import { MAX_EDGES, bernoulliRectangle, bernoulliSquare, bernoulliTriangle, binomialCapacity } from './bernoulli-pairs.js';

const MODULE = 'model/stochastic-block-model';

export interface StochasticBlockModelParams {
  /** Number of nodes (must equal the sum of `groups` when sizes are given). */
  readonly n: number;
  /** Number of equal-sized groups, or the size of each group. */
  readonly groups: number | ArrayLike<number>;
  /** Expected out-degree (directed) or degree (undirected) of a node. */
  readonly meanOutDegree: number;
  /** Expected share of a node's edges inside its own group, in [0, 1]. */
  readonly homophily: number;
  /** Directed follow edges (default true). */
  readonly directed?: boolean;
}

export interface StochasticBlockModelResult {
  readonly edges: EdgeList;
  /** Group index of each node. */
  readonly group: Int32Array;
  /** Size of each group. */
  readonly sizes: Int32Array;
}

export function stochasticBlockModel(params: StochasticBlockModelParams, rng: Rng): StochasticBlockModelResult {
  const given = withDefaults<Partial<StochasticBlockModelParams>>(
    MODULE,
    { n: undefined, groups: undefined, meanOutDegree: undefined, homophily: undefined, directed: true },
    params,
  );
  const n = check.integer(MODULE, 'n', given.n, 1, MAX_EDGES);
  const directed = check.boolean(MODULE, 'directed', given.directed);
  const sizes = groupSizes(n, given.groups);
  const k = sizes.length;
  const d = check.number(MODULE, 'meanOutDegree', given.meanOutDegree, 0, n - 1);
  const h = check.number(MODULE, 'homophily', given.homophily, 0, 1);

  const offsets = new Int32Array(k + 1);
  for (let g = 0; g < k; g++) offsets[g + 1] = offsets[g] + sizes[g];
  const pIn = new Float64Array(k);
  const pOut = new Float64Array(k);
  let sumBetween = 0;
  for (let g = 0; g < k; g++) sumBetween += sizes[g] * (n - sizes[g]);
  const pBetween = sumBetween > 0 ? ((1 - h) * d * n) / sumBetween : 0;
  for (let g = 0; g < k; g++) {
    const s = sizes[g];
    // A single group is plain G(n, p): there is no outside to send the share 1 − h to.
    pIn[g] = s > 1 ? ((k === 1 ? 1 : h) * d) / (s - 1) : 0;
    pOut[g] = directed ? (s < n ? ((1 - h) * d) / (n - s) : 0) : pBetween;
    if (pIn[g] > 1) {
      throw new ParamError(MODULE, 'homophily', h, `a value with homophily·meanOutDegree ≤ ${s - 1} (group ${g} has only ${s} nodes)`);
    }
    if (pOut[g] > 1) {
      throw new ParamError(MODULE, 'homophily', h, `a value with (1 − homophily)·meanOutDegree ≤ the number of nodes outside group ${g}`);
    }
  }

  let trials = 0;
  let expected = 0;
  for (let g = 0; g < k; g++) {
    const s = sizes[g];
    const inside = directed ? s * (s - 1) : (s * (s - 1)) / 2;
    const outside = directed ? s * (n - s) : (s * (n - s)) / 2;
    trials += inside + outside;
    expected += inside * pIn[g] + outside * pOut[g];
  }
  if (expected > MAX_EDGES) throw new ParamError(MODULE, 'meanOutDegree', d, 'a mean degree giving at most 2^31 − 1 expected edges');
  const out = new EdgeListBuilder(n, directed, binomialCapacity(trials, trials > 0 ? expected / trials : 0));
  for (let g = 0; g < k; g++) {
    const lo = offsets[g];
    const s = sizes[g];
    if (directed) bernoulliSquare(out, lo, s, pIn[g], rng);
    else bernoulliTriangle(out, lo, s, pIn[g], rng);
    for (let h2 = directed ? 0 : g + 1; h2 < k; h2++) {
      if (h2 === g) continue;
      bernoulliRectangle(out, lo, s, offsets[h2], sizes[h2], pOut[g], rng);
    }
  }
  const group = new Int32Array(n);
  for (let g = 0; g < k; g++) group.fill(g, offsets[g], offsets[g + 1]);
  return { edges: out.build(), group, sizes };
}

function groupSizes(n: number, groups: unknown): Int32Array {
  if (typeof groups === 'number') {
    const k = check.integer(MODULE, 'groups', groups, 1, n);
    const sizes = new Int32Array(k);
    // Spread the remainder over the first groups so sizes differ by at most one.
    for (let g = 0; g < k; g++) sizes[g] = Math.floor(n / k) + (g < n % k ? 1 : 0);
    return sizes;
  }
  const list = groups as ArrayLike<unknown>;
  if (!(Array.isArray(groups) || ArrayBuffer.isView(groups)) || list.length === 0) {
    throw new ParamError(MODULE, 'groups', groups, 'a number of groups or a non-empty array of group sizes');
  }
  const sizes = new Int32Array(list.length);
  let total = 0;
  for (let g = 0; g < list.length; g++) {
    const s = list[g];
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 1) {
      throw new ParamError(MODULE, `groups[${g}]`, s, 'a group size, an integer ≥ 1');
    }
    sizes[g] = s;
    total += s;
  }
  if (total !== n) throw new ParamError(MODULE, 'groups', groups, `group sizes summing to n = ${n} (they sum to ${total})`);
  return sizes;
}
