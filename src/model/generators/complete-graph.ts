/**
 * Complete graph K_n: everyone follows everyone (directed, n(n−1) edges) or
 * every pair is joined once (undirected, n(n−1)/2 edges). The mean-field
 * limit of opinion models and an exact oracle for counting tests. A static
 * network: no time unit.
 */
import type { EdgeList } from '../edge-list.js';
import { ParamError, check, withDefaults } from '../errors.js';
import type { Rng } from '../rng.js';
import { MAX_EDGES } from './bernoulli-pairs.js';

const MODULE = 'model/complete-graph';

export interface CompleteGraphParams {
  readonly n: number;
  /** Directed follow edges both ways (default true). */
  readonly directed?: boolean;
}

/** The `rng` is unused (the graph is deterministic) but kept for the common generator signature. */
export function completeGraph(params: CompleteGraphParams, _rng?: Rng): EdgeList {
  const given = withDefaults<Partial<CompleteGraphParams>>(MODULE, { n: undefined, directed: true }, params);
  const n = check.integer(MODULE, 'n', given.n, 0);
  const directed = check.boolean(MODULE, 'directed', given.directed);
  const m = n < 2 ? 0 : directed ? n * (n - 1) : (n * (n - 1)) / 2;
  if (m > MAX_EDGES) throw new ParamError(MODULE, 'n', n, `at most ${directed ? 46341 : 65536} nodes (edges must fit 2^31 − 1)`);
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  let e = 0;
  for (let u = 0; u < n; u++) {
    for (let v = directed ? 0 : u + 1; v < n; v++) {
      if (u === v) continue;
      src[e] = u;
      dst[e] = v;
      e++;
    }
  }
  return { n, directed, src, dst, m };
}
