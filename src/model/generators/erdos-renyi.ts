/**
 * Erdős–Rényi random graphs, the null model of "no structure at all".
 *
 * G(n, p): every ordered pair u ≠ v (directed) or unordered pair {u, v}
 * (undirected) is an edge independently with probability p, so the expected
 * edge count is p·n(n−1) (directed) or p·n(n−1)/2, and a node's degree is
 * Binomial(n−1, p). Sampled by geometric skipping in O(n + m)
 * (Batagelj & Brandes, Phys. Rev. E 71, 036113, 2005).
 *
 * G(n, m): a uniformly random set of exactly m distinct pairs (Erdős & Rényi,
 * Publ. Math. Debrecen 6, 1959). Sparse case: draw G(n, p′) with p′ chosen so
 * that it holds at least m edges except with probability ~10⁻⁶ (else draw
 * again), then keep a uniform m-subset of its K edges. G(n, p′) given K edges
 * is a uniform K-set, and a uniform m-subset of it a uniform m-set: exact, and
 * O(n + m). Dense case (m above half of all pairs): sample the pairs left
 * out, by sorting and deduplicating draws with replacement, and walk the
 * rest.
 *
 * No self-loops, no repeated pairs. A static network: no time unit.
 */
import { EdgeListBuilder, type EdgeList } from '../edge-list.js';
import { ParamError, check, withDefaults } from '../errors.js';
import type { Rng } from '../rng.js';
import { MAX_EDGES, bernoulliSquare, bernoulliTriangle, binomialCapacity } from './bernoulli-pairs.js';

const MODULE = 'model/erdos-renyi';

export interface ErdosRenyiParams {
  /** Number of nodes. */
  readonly n: number;
  /** Probability of each pair (G(n, p)); give exactly one of `p` and `m`. */
  readonly p?: number;
  /** Exact number of edges (G(n, m)); give exactly one of `p` and `m`. */
  readonly m?: number;
  /** Directed follow edges (default true). */
  readonly directed?: boolean;
}

export function erdosRenyi(params: ErdosRenyiParams, rng: Rng): EdgeList {
  const given = withDefaults<Partial<ErdosRenyiParams>>(MODULE, { n: undefined, p: undefined, m: undefined, directed: true }, params);
  const n = check.integer(MODULE, 'n', given.n, 0, MAX_EDGES);
  const directed = check.boolean(MODULE, 'directed', given.directed);
  const pairs = n < 2 ? 0 : directed ? n * (n - 1) : (n * (n - 1)) / 2;
  if (given.p !== undefined && given.m !== undefined) {
    throw new ParamError(MODULE, 'm', given.m, 'no `m` when `p` is given (G(n, p) or G(n, m), not both)');
  }
  if (given.m !== undefined) {
    const m = check.integer(MODULE, 'm', given.m, 0, Math.min(pairs, MAX_EDGES));
    return erdosRenyiM(n, m, directed, rng);
  }
  if (given.p === undefined) throw new ParamError(MODULE, 'p', undefined, 'a probability in [0, 1] (or give `m`, the edge count)');
  const p = check.number(MODULE, 'p', given.p, 0, 1);
  if (pairs * p > MAX_EDGES) {
    throw new ParamError(MODULE, 'p', p, `a probability giving at most 2^31 − 1 expected edges (here at most ${MAX_EDGES / pairs})`);
  }
  const out = new EdgeListBuilder(n, directed, binomialCapacity(pairs, p));
  if (directed) bernoulliSquare(out, 0, n, p, rng);
  else bernoulliTriangle(out, 0, n, p, rng);
  return out.build();
}

/** G(n, m): trimmed G(n, p′) when sparse, complement sampling when dense (see the banner). */
function erdosRenyiM(n: number, m: number, directed: boolean, rng: Rng): EdgeList {
  const pairs = n < 2 ? 0 : directed ? n * (n - 1) : (n * (n - 1)) / 2;
  if (2 * m <= pairs) {
    // Mean m + 5√m + 10 edges: fewer than m is a 5σ event.
    const p = Math.min(1, (m + 5 * Math.sqrt(m) + 10) / pairs);
    for (;;) {
      const out = new EdgeListBuilder(n, directed, binomialCapacity(pairs, p));
      if (directed) bernoulliSquare(out, 0, n, p, rng);
      else bernoulliTriangle(out, 0, n, p, rng);
      const drawn = out.build();
      if (drawn.m < m) continue;
      // Partial Fisher–Yates: the first m slots become a uniform m-subset.
      const s = drawn.src;
      const d = drawn.dst;
      for (let i = 0; i < m; i++) {
        const j = i + Math.floor(rng.double() * (drawn.m - i));
        const su = s[i];
        const dv = d[i];
        s[i] = s[j];
        d[i] = d[j];
        s[j] = su;
        d[j] = dv;
      }
      return { n, directed, src: s, dst: d, m };
    }
  }
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const toPair = directed ? directedPair(n) : undirectedPair;
  // Dense: draw the pairs left out, then walk all pairs skipping them.
  const skipped = distinctSortedIndices(pairs, pairs - m, rng);
  let e = 0;
  let s = 0;
  for (let idx = 0; idx < pairs; idx++) {
    if (s < skipped.length && skipped[s] === idx) {
      s++;
      continue;
    }
    e = toPair(idx, src, dst, e);
  }
  return { n, directed, src, dst, m };
}

/** k distinct uniform integers from [0, total), sorted ascending (k ≤ total / 2): the procedure commutes with relabelling, so the set is uniform. */
function distinctSortedIndices(total: number, k: number, rng: Rng): Float64Array {
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) out[i] = drawIndex(total, rng);
  out.sort();
  let kept = 0;
  for (let i = 0; i < k; i++) if (i === 0 || out[i] !== out[i - 1]) out[kept++] = out[i];
  if (kept === k) return out;
  // Top up with values not yet present; at most half the range is taken, so a draw succeeds with probability ≥ 1/2.
  const extra = new Set<number>();
  const base = out.subarray(0, kept);
  while (kept + extra.size < k) {
    const x = drawIndex(total, rng);
    if (!extra.has(x) && !sortedHas(base, x)) extra.add(x);
  }
  let i = kept;
  for (const x of extra) out[i++] = x;
  return out.sort();
}

/** A uniform integer in [0, total): 53-bit draws, since the number of pairs can exceed 2^32. */
function drawIndex(total: number, rng: Rng): number {
  return Math.floor(rng.double() * total);
}

function sortedHas(a: Float64Array, x: number): boolean {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = a[mid];
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Ordered pairs without the diagonal: index = u·(n−1) + column, column skipping u. */
function directedPair(n: number): (idx: number, src: Int32Array, dst: Int32Array, e: number) => number {
  const cols = n - 1;
  return (idx, src, dst, e) => {
    const u = Math.floor(idx / cols);
    const c = idx - u * cols;
    src[e] = u;
    dst[e] = c >= u ? c + 1 : c;
    return e + 1;
  };
}

/** Unordered pairs w < v: index = v(v−1)/2 + w. */
function undirectedPair(idx: number, src: Int32Array, dst: Int32Array, e: number): number {
  let v = Math.floor((1 + Math.sqrt(1 + 8 * idx)) / 2);
  // The square root can be off by one ulp at large indices.
  while ((v * (v - 1)) / 2 > idx) v--;
  while (((v + 1) * v) / 2 <= idx) v++;
  src[e] = idx - (v * (v - 1)) / 2;
  dst[e] = v;
  return e + 1;
}
