/**
 * Price's model of a growing directed follow network (D. de S. Price, "A
 * general theory of bibliometric and other cumulative advantage processes",
 * J. Am. Soc. Inf. Sci. 27, 292, 1976; in the form of Dorogovtsev, Mendes &
 * Samukhin, PRL 85, 4633, 2000 and Newman, "Networks", §14.1).
 *
 * Nodes arrive one at a time (one growth step per node) and each follows m
 * distinct existing nodes, choosing v with probability ∝ k_in(v) + a. With
 * a = m(γ − 2) the follower (in-degree) distribution has the tail
 * P(k_in) ∝ Γ(k + a)/Γ(k + a + γ) ~ k^−γ.
 *
 * Each choice costs O(1): with N nodes and E edges present, the total weight
 * is E + a·N, so with probability E/(E + a·N) take the target of a uniformly
 * random existing edge (that picks v ∝ k_in(v)), otherwise a uniform node.
 * A repeated target of the same newcomer is redrawn. The first m + 1 nodes
 * form a complete directed graph, so every node has out-degree m and the
 * network has exactly n·m edges.
 */
import type { EdgeList } from '../edge-list.js';
import { ParamError, check, withDefaults } from '../errors.js';
import type { Rng } from '../rng.js';
import { MAX_EDGES } from './bernoulli-pairs.js';

const MODULE = 'model/preferential-attachment';

export interface PreferentialAttachmentParams {
  /** Number of nodes (at least m + 1). */
  readonly n: number;
  /** Follows made by each arriving node (its out-degree). */
  readonly m: number;
  /** γ > 2, exponent of the follower tail P(k_in) ~ k^−γ (default 2.5). */
  readonly exponent?: number;
  /** Must be true: Price's model grows a directed network. */
  readonly directed?: boolean;
}

export function preferentialAttachment(params: PreferentialAttachmentParams, rng: Rng): EdgeList {
  const given = withDefaults<Partial<PreferentialAttachmentParams>>(MODULE, { n: undefined, m: undefined, exponent: 2.5, directed: true }, params);
  const m = check.integer(MODULE, 'm', given.m, 1);
  const n = check.integer(MODULE, 'n', given.n, m + 1);
  const gamma = check.number(MODULE, 'exponent', given.exponent, 2, 1000, { loOpen: true });
  if (given.directed !== true) {
    throw new ParamError(MODULE, 'directed', given.directed, 'true (Price\'s model grows a directed follow network)');
  }
  if (n * m > MAX_EDGES) throw new ParamError(MODULE, 'n', n, `at most ${Math.floor(MAX_EDGES / m)} nodes for m = ${m} (n·m edges must fit 2^31 − 1)`);

  const a = m * (gamma - 2);
  const total = n * m;
  const src = new Int32Array(total);
  const dst = new Int32Array(total);
  let e = 0;
  for (let u = 0; u <= m; u++) {
    for (let v = 0; v <= m; v++) {
      if (u === v) continue;
      src[e] = u;
      dst[e] = v;
      e++;
    }
  }
  // stamp[v] === i marks v as already followed by newcomer i.
  const stamp = new Int32Array(n).fill(-1);
  for (let i = m + 1; i < n; i++) {
    const edgesBefore = e;
    const copyProbability = edgesBefore / (edgesBefore + a * i);
    for (let j = 0; j < m; j++) {
      let t: number;
      do {
        t = rng.next() < copyProbability ? dst[Math.floor(rng.double() * edgesBefore)] : Math.floor(rng.double() * i);
      } while (stamp[t] === i);
      stamp[t] = i;
      src[e] = i;
      dst[e] = t;
      e++;
    }
  }
  return { n, directed: true, src, dst, m: total };
}
