/**
 * Configuration model: a random graph with a given degree sequence, built by
 * stub matching (Bender & Canfield, J. Comb. Theory A 24, 296, 1978;
 * Molloy & Reed, Random Struct. Algorithms 6, 161, 1995; Newman, "Networks",
 * §12.1). Node i gets k_i stubs (half-edges); a uniformly random perfect
 * matching of the stubs (a Fisher–Yates shuffle, paired off consecutively)
 * makes the edges. Directed: out-stubs are matched with shuffled in-stubs.
 *
 * The multigraph reproduces the sequence exactly (a self-loop counts twice in
 * an undirected degree) but may hold self-loops and repeated pairs; their
 * expected number stays O(1) when ⟨k²⟩ is finite. The erased variant drops
 * them (Britton, Deijfen & Martin-Löf, J. Stat. Phys. 124, 1377, 2006), which
 * lowers some degrees; both variants report how many there were.
 * O(Σk) time and memory. A static network: no time unit.
 */
import type { EdgeList } from '../edge-list.js';
import { ParamError, check, withDefaults } from '../errors.js';
import type { Rng } from '../rng.js';
import { MAX_EDGES } from './bernoulli-pairs.js';

const MODULE = 'model/configuration-model';

export interface ConfigurationModelParams {
  /** Degree of each node (undirected); the sum must be even. */
  readonly degrees?: ArrayLike<number>;
  /** Out-degree of each node (directed); same length and sum as `inDegrees`. */
  readonly outDegrees?: ArrayLike<number>;
  /** In-degree of each node (directed). */
  readonly inDegrees?: ArrayLike<number>;
  /** Drop self-loops and repeated pairs (default false). */
  readonly erased?: boolean;
}

export interface ConfigurationModelResult {
  readonly edges: EdgeList;
  /** Stub pairs that joined a node to itself (dropped when `erased`). */
  readonly selfLoops: number;
  /** Stub pairs repeating an earlier pair (dropped when `erased`). */
  readonly multiEdges: number;
}

export function configurationModel(params: ConfigurationModelParams, rng: Rng): ConfigurationModelResult {
  const given = withDefaults<ConfigurationModelParams>(MODULE, { degrees: undefined, outDegrees: undefined, inDegrees: undefined, erased: false }, params);
  const erased = check.boolean(MODULE, 'erased', given.erased);
  let edges: EdgeList;
  if (given.degrees !== undefined) {
    if (given.outDegrees !== undefined || given.inDegrees !== undefined) {
      throw new ParamError(MODULE, 'degrees', '[...]', 'either `degrees` (undirected) or `outDegrees` with `inDegrees` (directed), not both');
    }
    const degrees = sequence('degrees', given.degrees);
    const stubs = stubList(degrees);
    if (stubs.length % 2 !== 0) throw new ParamError(MODULE, 'degrees', `sum ${stubs.length}`, 'a degree sequence with an even sum');
    rng.shuffle(stubs);
    const m = stubs.length / 2;
    const src = new Int32Array(m);
    const dst = new Int32Array(m);
    for (let e = 0; e < m; e++) {
      src[e] = stubs[2 * e];
      dst[e] = stubs[2 * e + 1];
    }
    edges = { n: degrees.length, directed: false, src, dst, m };
  } else {
    if (given.outDegrees === undefined || given.inDegrees === undefined) {
      const field = given.outDegrees === undefined ? 'outDegrees' : 'inDegrees';
      throw new ParamError(MODULE, field, undefined, 'a degree sequence (or give `degrees` for an undirected graph)');
    }
    const outDegrees = sequence('outDegrees', given.outDegrees);
    const inDegrees = sequence('inDegrees', given.inDegrees);
    if (outDegrees.length !== inDegrees.length) {
      throw new ParamError(MODULE, 'inDegrees', `${inDegrees.length} entries`, `one entry per node, like \`outDegrees\` (${outDegrees.length})`);
    }
    const src = stubList(outDegrees);
    const dst = stubList(inDegrees);
    if (src.length !== dst.length) {
      throw new ParamError(MODULE, 'inDegrees', `sum ${dst.length}`, `the same sum as \`outDegrees\` (${src.length})`);
    }
    rng.shuffle(dst);
    edges = { n: outDegrees.length, directed: true, src, dst, m: src.length };
  }
  return dropDefects(edges, erased);
}

function sequence(field: string, value: unknown): ArrayLike<number> {
  const seq = value as ArrayLike<unknown>;
  if (seq === null || typeof seq !== 'object' || typeof seq.length !== 'number') {
    throw new ParamError(MODULE, field, value, 'an array of non-negative integers');
  }
  if (seq.length > MAX_EDGES) throw new ParamError(MODULE, field, `${seq.length} entries`, 'at most 2^31 − 1 nodes');
  let total = 0;
  for (let i = 0; i < seq.length; i++) {
    const k = seq[i];
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0) throw new ParamError(MODULE, `${field}[${i}]`, k, 'a non-negative integer');
    total += k;
  }
  if (total > MAX_EDGES) throw new ParamError(MODULE, field, `sum ${total}`, 'a degree sum of at most 2^31 − 1');
  return seq as ArrayLike<number>;
}

/** Node i repeated k_i times. */
function stubList(degrees: ArrayLike<number>): Int32Array {
  let total = 0;
  for (let i = 0; i < degrees.length; i++) total += degrees[i];
  const stubs = new Int32Array(total);
  let s = 0;
  for (let i = 0; i < degrees.length; i++) {
    stubs.fill(i, s, s + degrees[i]);
    s += degrees[i];
  }
  return stubs;
}

/**
 * Count self-loops and repeats (of the first occurrence of each pair) with a
 * counting sort by source and a per-row stamp, O(n + m); drop them if asked.
 */
function dropDefects(edges: EdgeList, erase: boolean): ConfigurationModelResult {
  const { n, directed, src, dst, m } = edges;
  const lo = (e: number): number => (directed || src[e] <= dst[e] ? src[e] : dst[e]);
  const hi = (e: number): number => (directed || src[e] <= dst[e] ? dst[e] : src[e]);
  const rowStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) rowStart[lo(e) + 1]++;
  for (let i = 0; i < n; i++) rowStart[i + 1] += rowStart[i];
  const order = new Int32Array(m);
  const fill = rowStart.slice(0, n);
  for (let e = 0; e < m; e++) order[fill[lo(e)]++] = e;

  const drop = new Uint8Array(m);
  const stamp = new Int32Array(n).fill(-1);
  // First occurrence of a pair is the lowest edge index: the counting sort kept edge order within a row.
  let selfLoops = 0;
  let multiEdges = 0;
  for (let u = 0; u < n; u++) {
    for (let k = rowStart[u]; k < rowStart[u + 1]; k++) {
      const e = order[k];
      const v = hi(e);
      if (v === u) {
        selfLoops++;
        drop[e] = 1;
      } else if (stamp[v] === u) {
        multiEdges++;
        drop[e] = 1;
      } else {
        stamp[v] = u;
      }
    }
  }
  if (!erase || selfLoops + multiEdges === 0) return { edges, selfLoops, multiEdges };
  const kept = m - selfLoops - multiEdges;
  const s2 = new Int32Array(kept);
  const d2 = new Int32Array(kept);
  let w = 0;
  for (let e = 0; e < m; e++) {
    if (drop[e]) continue;
    s2[w] = src[e];
    d2[w] = dst[e];
    w++;
  }
  return { edges: { n, directed, src: s2, dst: d2, m: kept }, selfLoops, multiEdges };
}
