/**
 * Independent cascade (Kempe, Kleinberg & Tardos, "Maximizing the spread of
 * influence through a social network", KDD 2003). A few seed accounts post a
 * piece of content; every account that becomes active gets exactly one chance
 * to activate each of its followers, succeeding with probability p(v→u)
 * independently of everything else; an active account stays active. The
 * process stops when a generation activates nobody.
 *
 *   P(u activated by v in generation t+1 | v activated in generation t, u inactive) = p(v→u)
 *
 * Content posted by v reaches v's followers, so spreading walks `graph.in`
 * rows (for an undirected graph, the neighbours). States: inactive / active.
 * Time unit: one step = one generation (every account activated in the
 * previous step tries all its followers). The activations are recorded as a
 * cascade tree: each active account's parent is the account that activated it
 * (ties inside a generation go to the earliest-activated activator) and its
 * time is its generation (seeds at 0).
 *
 * `runCascade` is the allocation-free kernel used by both the model and the
 * benchmark; it reports the number of follower arcs examined.
 */
import type { Adjacency, CsrGraph } from '../../model/csr-graph.js';
import { ParamError, check, withDefaults } from '../../model/errors.js';
import { type Rng } from '../../model/rng.js';
import { CascadeWasm } from './cascade-wasm.js';
import type { CascadeTree } from '../cascade-record.js';
import { defineModel, type ModelState } from '../model.js';

/** Alea's output scale 2^−32 (rng.ts ALEA_NORM), as a literal, so that the hot loops below read no imported binding (compiled to CommonJS, an import becomes a getter call per draw). */
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/*
 * Alea's step, x = 2091639·s0 + c·2^−32, c ← ⌊x⌋, s2 ← x − c, is computed
 * below as hi = 2091639·s0, q = ⌊hi⌋, r = (hi − q) + c·2^−32, then
 * c ← q, s2 ← r, or c ← q + 1, s2 ← r − 1 when r ≥ 1. Every operation is
 * exact (all values are multiples of 2^−32 below 2^21), so the numbers are
 * Rng.next()'s to the bit (tests/model/alea-split.test.ts checks millions).
 * Why: in the usual form each draw waits for the previous carry c through a
 * multiply, an add and a truncation; here the carry is ⌊hi⌋ (known three
 * draws ahead) except in the rare r ≥ 1 case, a predictable branch, so
 * consecutive draws overlap (SIR 1.45× at 10k nodes, where draws dominate).
 */

const MODULE = 'sim/models/independent-cascade';

export interface IndependentCascadeParams {
  /** Activation probability of every follower arc, used when `edgeP` is null. */
  readonly p: number;
  /**
   * Per-arc probabilities aligned with the slots of `graph.in.targets` (build
   * them with `followerArcProbabilities`); overrides `p`.
   */
  readonly edgeP: Float32Array | null;
  /** Seed nodes; when null, `seedCount` distinct nodes are drawn from the `seeds` stream. */
  readonly seeds: ArrayLike<number> | null;
  readonly seedCount: number;
}

export interface IndependentCascadeState extends ModelState {
  readonly params: IndependentCascadeParams;
  readonly seeds: Int32Array;
  /** Activation flags and the cascade tree (entries in activation order). */
  readonly scratch: CascadeScratch;
  /** Entries [frontierStart, scratch.size) were activated in the last step and have not yet tried their followers. */
  frontierStart: number;
  /** Follower arcs examined so far. */
  edgesExamined: number;
  readonly rng: Rng;
}

/**
 * Preallocated arrays for one cascade at a time: `active` flags per node and
 * the tree entries (`node`, `parent`, `time`) in activation order. Reused
 * across runs: a new run clears only the flags the previous run set.
 */
/** Which code runs a cascade with one probability on every arc (see CascadeScratch.kernel). */
export type CascadeKernel = 'auto' | 'wasm' | 'js';

export class CascadeScratch {
  readonly active: Uint8Array;
  readonly node: Int32Array;
  readonly parent: Int32Array;
  readonly time: Float64Array;
  /** Entries recorded by the current run. */
  size = 0;
  /**
   * Which code runs `runCascade` with one probability for every arc:
   * 'auto' (the default: the WebAssembly kernel from the second cascade on
   * the same unchanged graph, when the engine has WebAssembly and the graph
   * fits; its copy of the graph then pays for itself), 'wasm' (from the
   * first cascade) or 'js' (the TypeScript kernel always).
   * The cascades are the same to the bit either way; per-arc probabilities
   * always run in TypeScript.
   */
  kernel: CascadeKernel = 'auto';
  /** The WebAssembly kernel once made (null: unavailable); the graph and version of the last run (for 'auto'). */
  private wasm: CascadeWasm | null | undefined = undefined;
  private lastGraph: CsrGraph | null = null;
  private lastVersion = -1;

  constructor(n: number) {
    this.active = new Uint8Array(n);
    this.node = new Int32Array(n);
    this.parent = new Int32Array(n);
    this.time = new Float64Array(n);
  }

  get capacity(): number {
    return this.active.length;
  }

  /** Clear the flags set by the previous run (O(previous size), not O(n)). */
  reset(): void {
    for (let i = 0; i < this.size; i++) this.active[this.node[i]] = 0;
    this.size = 0;
  }

  /** Views (no copy) of the recorded tree; valid until the next reset. */
  tree(): CascadeTree {
    const n = this.size;
    return { node: this.node.subarray(0, n), parent: this.parent.subarray(0, n), time: this.time.subarray(0, n) };
  }

  /**
   * The cascade from `seeds` on the WebAssembly kernel, or null (nothing
   * done) when this scratch runs TypeScript for it: kernel 'js', 'auto' on
   * the first cascade on this graph version, no WebAssembly, or a graph
   * that does not fit the kernel's memory.
   */
  runWasm(graph: CsrGraph, seeds: ArrayLike<number>, p: number, rng: Rng): CascadeRunResult | null {
    if (this.kernel === 'js') return null;
    const again = graph === this.lastGraph && graph.version === this.lastVersion;
    this.lastGraph = graph;
    this.lastVersion = graph.version;
    if (this.kernel === 'auto' && !again) return null;
    if (this.wasm === undefined) this.wasm = CascadeWasm.create();
    if (this.wasm === null) return null;
    this.reset();
    const res = this.wasm.run(graph, seeds, p, rng, this);
    if (res === null) return null;
    this.size = res.size;
    return { activated: res.size, generations: res.generations, edgesExamined: res.edgesExamined };
  }

  /** Record a root (seed) at time 0 unless already active; returns whether it was added. */
  addRoot(v: number): boolean {
    if (this.active[v] !== 0) return false;
    this.active[v] = 1;
    const i = this.size++;
    this.node[i] = v;
    this.parent[i] = -1;
    this.time[i] = 0;
    return true;
  }
}

export interface CascadeRunResult {
  /** Nodes active at the end, seeds included. */
  readonly activated: number;
  /** Generation of the last activation (0 if the seeds activated nobody). */
  readonly generations: number;
  /** Follower arcs scanned: the out-arcs (in `graph.in`) of every activated node. */
  readonly edgesExamined: number;
}

/**
 * Run one independent cascade to the end on preallocated arrays. `p` is one
 * probability for every arc or per-arc probabilities aligned with
 * `graph.in.targets`. The tree is left in `scratch` (see `scratch.tree()`).
 * Seeds are not validated here (the model's `init` does that).
 */
export function runCascade(
  graph: CsrGraph,
  seeds: ArrayLike<number>,
  p: number | Float32Array,
  rng: Rng,
  scratch: CascadeScratch = new CascadeScratch(graph.n),
): CascadeRunResult {
  if (scratch.capacity < graph.n) {
    throw new RangeError(`${MODULE}: scratch holds ${scratch.capacity} nodes, the graph has ${graph.n}`);
  }
  const uniform = typeof p === 'number' ? p : 0;
  const perArc = typeof p === 'number' ? null : p;
  if (perArc === null && uniform > 0 && uniform < 1) {
    const fast = scratch.runWasm(graph, seeds, uniform, rng);
    if (fast !== null) return fast;
  }
  scratch.reset();
  for (let i = 0; i < seeds.length; i++) scratch.addRoot(seeds[i]);
  let from = 0;
  let generation = 0;
  let examined = 0;
  while (from < scratch.size) {
    const to = scratch.size;
    examined += spreadGeneration(graph.in, scratch, from, to, uniform, perArc, rng, generation + 1);
    from = to;
    if (scratch.size > to) generation++;
  }
  return { activated: scratch.size, generations: generation, edgesExamined: examined };
}

/**
 * Entries [from, to) try each inactive follower once; new activations are
 * appended with time `t`. Returns the number of arcs examined.
 */
function spreadGeneration(
  adj: Adjacency,
  s: CascadeScratch,
  from: number,
  to: number,
  p: number,
  perArc: Float32Array | null,
  rng: Rng,
  t: number,
): number {
  const start = adj.start;
  const deg = adj.deg;
  const targets = adj.targets;
  const active = s.active;
  const node = s.node;
  const parent = s.parent;
  const time = s.time;
  let end = s.size;
  let examined = 0;
  if (perArc === null && (p >= 1 || p <= 0)) {
    // Certain outcomes need no draws.
    for (let e = from; e < to; e++) {
      const v = node[e];
      const k0 = start[v];
      const k1 = k0 + deg[v];
      examined += k1 - k0;
      if (p <= 0) continue;
      for (let k = k0; k < k1; k++) {
        const u = targets[k];
        if (active[u] === 0) {
          active[u] = 1;
          node[end] = u;
          parent[end] = e;
          time[end] = t;
          end++;
        }
      }
    }
    s.size = end;
    return examined;
  }
  // rng.next() inlined on local variables (the same recurrence and numbers as
  // Rng.next; the state is stored back below), and four arcs at a time: their
  // targets and active flags are read first, so those reads overlap, then each
  // inactive one draws, in arc order as before. Together about 1.25–1.5× at
  // 20 M arcs (a call per draw and V8's re-checks of each typed array at
  // every access keep few cache misses in flight otherwise).
  const state = rng.alea;
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let c = state[3];
  for (let e = from; e < to; e++) {
    const v = node[e];
    const k0 = start[v];
    const k1 = k0 + deg[v];
    examined += k1 - k0;
    let k = k0;
    for (; k + 4 <= k1; k += 4) {
      const u0 = targets[k];
      const u1 = targets[k + 1];
      const u2 = targets[k + 2];
      const u3 = targets[k + 3];
      const a0 = active[u0];
      const a1 = active[u1];
      const a2 = active[u2];
      const a3 = active[u3];
      // A row may repeat a follower (graphs built with duplicates kept): re-read the flag after an earlier arc of this group.
      if (a0 === 0) {
        const hi = 2091639 * s0;
        const q = hi | 0;
        let r = hi - q + c * TWO_POW_MINUS_32;
        c = q;
        if (r >= 1) {
          r -= 1;
          c = q + 1;
        }
        s0 = s1;
        s1 = s2;
        s2 = r;
        if (s2 < (perArc === null ? p : perArc[k])) {
          active[u0] = 1;
          node[end] = u0;
          parent[end] = e;
          time[end] = t;
          end++;
        }
      }
      if (a1 === 0 && active[u1] === 0) {
        const hi = 2091639 * s0;
        const q = hi | 0;
        let r = hi - q + c * TWO_POW_MINUS_32;
        c = q;
        if (r >= 1) {
          r -= 1;
          c = q + 1;
        }
        s0 = s1;
        s1 = s2;
        s2 = r;
        if (s2 < (perArc === null ? p : perArc[k + 1])) {
          active[u1] = 1;
          node[end] = u1;
          parent[end] = e;
          time[end] = t;
          end++;
        }
      }
      if (a2 === 0 && active[u2] === 0) {
        const hi = 2091639 * s0;
        const q = hi | 0;
        let r = hi - q + c * TWO_POW_MINUS_32;
        c = q;
        if (r >= 1) {
          r -= 1;
          c = q + 1;
        }
        s0 = s1;
        s1 = s2;
        s2 = r;
        if (s2 < (perArc === null ? p : perArc[k + 2])) {
          active[u2] = 1;
          node[end] = u2;
          parent[end] = e;
          time[end] = t;
          end++;
        }
      }
      if (a3 === 0 && active[u3] === 0) {
        const hi = 2091639 * s0;
        const q = hi | 0;
        let r = hi - q + c * TWO_POW_MINUS_32;
        c = q;
        if (r >= 1) {
          r -= 1;
          c = q + 1;
        }
        s0 = s1;
        s1 = s2;
        s2 = r;
        if (s2 < (perArc === null ? p : perArc[k + 3])) {
          active[u3] = 1;
          node[end] = u3;
          parent[end] = e;
          time[end] = t;
          end++;
        }
      }
    }
    for (; k < k1; k++) {
      const u = targets[k];
      if (active[u] !== 0) continue;
      const hi = 2091639 * s0;
      const q = hi | 0;
      let r = hi - q + c * TWO_POW_MINUS_32;
      c = q;
      if (r >= 1) {
        r -= 1;
        c = q + 1;
      }
      s0 = s1;
      s1 = s2;
      s2 = r;
      if (s2 < (perArc === null ? p : perArc[k])) {
        active[u] = 1;
        node[end] = u;
        parent[end] = e;
        time[end] = t;
        end++;
      }
    }
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = c;
  s.size = end;
  return examined;
}

/**
 * Per-arc probabilities aligned with `graph.in.targets`: slot k of row v
 * (follower u = graph.in.targets[k]) gets `fn(v, u)`, the probability that
 * content posted by v activates u. Kempe et al.'s weighted cascade is
 * `(v, u) => 1 / graph.outDegree(u)`. Invalid after the graph is rewired.
 */
export function followerArcProbabilities(graph: CsrGraph, fn: (followee: number, follower: number) => number): Float32Array {
  const { start, deg, targets } = graph.in;
  const out = new Float32Array(targets.length);
  for (let v = 0; v < graph.n; v++) {
    for (let k = start[v], e = k + deg[v]; k < e; k++) out[k] = fn(v, targets[k]);
  }
  return out;
}

/**
 * The seed nodes of a spreading model: the given list (checked: integers in
 * [0, n), no repeats) or `count` distinct nodes drawn from `rng`. Errors name
 * `seedsField` / `countField`.
 */
export function resolveSeeds(
  module: string,
  n: number,
  seeds: ArrayLike<number> | null,
  count: number,
  rng: Rng,
  seedsField = 'seeds',
  countField = 'seedCount',
): Int32Array {
  if (seeds !== null) {
    const out = new Int32Array(seeds.length);
    const seen = new Uint8Array(n);
    for (let i = 0; i < seeds.length; i++) {
      const v = seeds[i];
      if (!(Number.isInteger(v) && v >= 0 && v < n)) {
        throw new ParamError(module, seedsField, v, `node indices in [0, ${n}) (entry ${i})`);
      }
      if (seen[v] !== 0) throw new ParamError(module, seedsField, v, `distinct node indices (entry ${i} repeats one)`);
      seen[v] = 1;
      out[i] = v;
    }
    return out;
  }
  if (count > n) throw new ParamError(module, countField, count, `at most the number of nodes (${n})`);
  return Int32Array.from(rng.sampleIndices(n, count));
}

/** Shared validation of `seeds` (null or a list of integers) for the spreading models. */
export function checkSeedList(module: string, field: string, value: unknown): ArrayLike<number> | null {
  if (value === null) return null;
  const ok =
    (Array.isArray(value) || value instanceof Int32Array || value instanceof Uint32Array) &&
    (value as ArrayLike<unknown>).length > 0 &&
    Array.prototype.every.call(value, (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0);
  if (!ok) throw new ParamError(module, field, value, 'null or a non-empty list of node indices (integers ≥ 0)');
  return value as ArrayLike<number>;
}

const DEFAULTS: IndependentCascadeParams = { p: 0.1, edgeP: null, seeds: null, seedCount: 1 };

export const independentCascade = defineModel<IndependentCascadeParams, IndependentCascadeState>({
  id: 'independent-cascade',
  title: 'Independent cascade',
  citation: 'Kempe, Kleinberg & Tardos, KDD 2003',
  opinionDomain: 'states inactive / active',
  timeUnit: 'one generation: every account activated in the previous step tries each follower once',
  defaults: DEFAULTS,

  validate(params) {
    const v = withDefaults(MODULE, DEFAULTS, params);
    check.number(MODULE, 'p', v.p, 0, 1);
    if (v.edgeP !== null && !(v.edgeP instanceof Float32Array)) {
      throw new ParamError(MODULE, 'edgeP', v.edgeP, 'null or a Float32Array aligned with graph.in.targets');
    }
    checkSeedList(MODULE, 'seeds', v.seeds);
    check.integer(MODULE, 'seedCount', v.seedCount, 1);
    return v;
  },

  init(graph, params, rng) {
    if (params.edgeP !== null) checkArcProbabilities(graph, params.edgeP);
    const seeds = resolveSeeds(MODULE, graph.n, params.seeds, params.seedCount, rng.fork('seeds'));
    const scratch = new CascadeScratch(graph.n);
    for (let i = 0; i < seeds.length; i++) scratch.addRoot(seeds[i]);
    return { graph, steps: 0, time: 0, params, seeds, scratch, frontierStart: 0, edgesExamined: 0, rng: rng.fork('spread') };
  },

  step(state) {
    const s = state.scratch;
    const to = s.size;
    if (state.frontierStart < to) {
      state.edgesExamined += spreadGeneration(state.graph.in, s, state.frontierStart, to, state.params.p, state.params.edgeP, state.rng, state.steps + 1);
    }
    state.frontierStart = to;
    state.steps++;
    state.time = state.steps;
  },

  isConverged(state) {
    return state.frontierStart === state.scratch.size;
  },
});

/** The cascade so far as a tree with times (views; valid while the state lives). */
export function independentCascadeTree(state: IndependentCascadeState): CascadeTree {
  return state.scratch.tree();
}

function checkArcProbabilities(graph: CsrGraph, edgeP: Float32Array): void {
  const { start, deg } = graph.in;
  if (edgeP.length < graph.in.end) {
    throw new ParamError(MODULE, 'edgeP', `Float32Array(${edgeP.length})`, `one probability per slot of graph.in.targets (at least ${graph.in.end})`);
  }
  for (let v = 0; v < graph.n; v++) {
    for (let k = start[v], e = k + deg[v]; k < e; k++) {
      const x = edgeP[k];
      if (!(x >= 0 && x <= 1)) throw new ParamError(MODULE, 'edgeP', x, `probabilities in [0, 1] (slot ${k})`);
    }
  }
}
