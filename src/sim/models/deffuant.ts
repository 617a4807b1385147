/**
 * Deffuant–Weisbuch bounded confidence: pairwise averaging between agents
 * whose opinions are already close.
 *
 * An interaction picks a pair of connected agents. With `pairing: 'agent'`
 * (the default) it picks an agent i uniformly at random, then one of the
 * agents it follows uniformly at random (its CSR out-neighbours; on an
 * undirected graph, any neighbour). With `pairing: 'edge'` it picks a follow
 * edge uniformly at random — the paper's "randomly chosen pair of connected
 * agents"; it favours well-connected agents and keeps a packed copy of the
 * edges (8 bytes per edge). (Fewer draws and reads per interaction, but on
 * a 20 M-edge graph it measured no faster: the random reads into the 160 MB
 * copy cost as much as the ones it saves.) If they are closer than the confidence bound ε, both
 * move a fraction μ toward each other (strict <, as in the paper):
 *
 *   if |x_i − x_j| < ε:   x_i ← x_i + μ (x_j − x_i),   x_j ← x_j + μ (x_i − x_j)
 *
 * Both move also on a directed graph, so the update is symmetric: the mean
 * opinion is conserved and the opinion range never grows.
 *
 * Opinion domain: [lo, hi], default [0, 1] (`domain`); ε is measured on that
 * scale, so it doubles when moving to [−1, 1]. Initial opinions: uniform on
 * the domain, or `initialOpinions`.
 * Time: one step = N interactions (N agents); `time` = interactions / N. An
 * agent with no neighbour spends its interaction doing nothing.
 * Converged when every edge has |Δ| < tolerance or |Δ| ≥ ε (nobody can move
 * by more than the tolerance any more).
 * Speed: the 'agent' pairing's fast path also exists as a WebAssembly kernel
 * (deffuant-kernel.wat; `state.kernel`), with bit-identical results, and on
 * two threads in Node (DeffuantThreads).
 *
 * Deffuant, Neau, Amblard & Weisbuch, "Mixing beliefs among interacting
 * agents", Adv. Complex Syst. 3, 87–98 (2000).
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import { check, ParamError, withDefaults } from '../../model/errors.js';
import { type Rng } from '../../model/rng.js';
import { defineModel, type ModelState } from '../model.js';
import { DeffuantWasm, wasmAvailable } from './deffuant-wasm.js';

/** Alea's output scale 2^−32 (rng.ts ALEA_NORM), as a literal, so that the hot loops below read no imported binding (compiled to CommonJS, an import becomes a getter call per draw). */
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

export const DEFFUANT_ID = 'deffuant';
const MODULE = 'sim/models/deffuant';

export interface DeffuantParams {
  /** Confidence bound ε, in (0, hi − lo]: agents interact only if |x_i − x_j| < ε. */
  readonly epsilon: number;
  /** Convergence rate μ, in (0, 0.5]; 0.5 moves both to their mean. */
  readonly mu: number;
  /** Opinion domain [lo, hi]. */
  readonly domain: readonly [number, number];
  /** Convergence tolerance on opinion differences across edges, in (0, ε). */
  readonly tolerance: number;
  /** Initial opinions (length N, inside the domain; copied), or null for uniform on the domain. */
  readonly initialOpinions: Float64Array | null;
  /** How a pair is chosen: a random agent and one of its followees, or a random follow edge. */
  readonly pairing: 'agent' | 'edge';
}

export interface DeffuantState extends ModelState {
  readonly params: DeffuantParams;
  readonly opinions: Float64Array;
  /** Pairwise interactions so far. */
  interactions: number;
  /**
   * Alea state (s0, s1, s2, c) of the `pairs` stream. The hot loop advances
   * it inline with seedrandom's Alea recurrence, so its numbers are those of
   * `rng.fork('pairs').next()`, two per interaction (agent, then partner).
   */
  readonly pairStream: Float64Array;
  /** Scratch rows for one batch of interactions (internal). */
  readonly batchAgent: Int32Array;
  readonly batchPartner: Int32Array;
  /** `pairing: 'edge'`: the follow edges packed as (i, j) pairs, 2 entries per edge. */
  readonly edgePairs: Int32Array | null;
  /**
   * Which code runs `pairing: 'agent'`: 'auto' (the WebAssembly kernel for
   * calls of at least WASM_MIN_COUNT interactions where the engine has
   * WebAssembly, else TypeScript), 'js', or 'wasm' (throws where it cannot
   * run). The results are identical whichever runs; it is a speed setting,
   * not a model parameter. `pairing: 'edge'` always runs in TypeScript.
   */
  kernel: DeffuantKernel;
  /** The WebAssembly kernel once made (internal); null when it could not be made. */
  wasm: DeffuantWasm | null | undefined;
}

export type DeffuantKernel = 'auto' | 'js' | 'wasm';

/**
 * Smallest call that 'auto' hands to the WebAssembly kernel: each call
 * copies the opinions in and out (16 bytes per agent), which only pays off
 * over enough interactions; below it both run at in-cache speed anyway.
 */
export const WASM_MIN_COUNT = 256;

export const DEFFUANT_DEFAULTS: Readonly<DeffuantParams> = Object.freeze({
  epsilon: 0.2,
  mu: 0.5,
  domain: [0, 1] as const,
  tolerance: 1e-6,
  initialOpinions: null,
  pairing: 'agent' as const,
});

/** Batch length of the fast path: small enough for L1/L2, long enough to overlap cache misses. */
const BATCH = 1024;

/** Checks `domain` and returns it as [lo, hi]. */
export function checkDomain(module: string, domain: unknown): [number, number] {
  const ok =
    Array.isArray(domain) &&
    domain.length === 2 &&
    typeof domain[0] === 'number' &&
    typeof domain[1] === 'number' &&
    Number.isFinite(domain[0]) &&
    Number.isFinite(domain[1]) &&
    domain[0] < domain[1];
  if (!ok) throw new ParamError(module, 'domain', domain, 'a pair [lo, hi] of finite numbers with lo < hi');
  return [domain[0], domain[1]];
}

/** Checks optional initial opinions: a Float64Array of finite values in [lo, hi] (the length is checked at init). */
export function checkInitialOpinions(module: string, value: unknown, lo: number, hi: number): void {
  if (value === null) return;
  if (!(value instanceof Float64Array)) throw new ParamError(module, 'initialOpinions', value, 'a Float64Array or null');
  for (let i = 0; i < value.length; i++) {
    const x = value[i];
    if (!(x >= lo && x <= hi)) {
      throw new ParamError(module, 'initialOpinions', `[${i}] = ${x}`, `finite opinions in [${lo}, ${hi}]`);
    }
  }
}

/**
 * Initial opinions for N agents: a copy of `given`, or uniform on [lo, hi]
 * drawn from `rng` (one draw per agent, in index order).
 */
export function initialOpinions(module: string, n: number, given: Float64Array | null, lo: number, hi: number, rng: Rng): Float64Array {
  if (given !== null) {
    if (given.length !== n) throw new ParamError(module, 'initialOpinions', `length ${given.length}`, `one opinion per agent (length ${n})`);
    return given.slice();
  }
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = rng.uniform(lo, hi);
  return x;
}

/**
 * True when no edge can move an opinion by more than `tolerance`: every arc
 * has |Δ| < tolerance or |Δ| ≥ ε (strict-< confidence).
 */
export function boundedConfidenceSettled(graph: CsrGraph, x: Float64Array, epsilon: number, tolerance: number): boolean {
  const { start, deg, targets } = graph.out;
  for (let i = 0; i < graph.n; i++) {
    const xi = x[i];
    for (let k = start[i], e = k + deg[i]; k < e; k++) {
      const d = Math.abs(x[targets[k]] - xi);
      if (d >= tolerance && d < epsilon) return false;
    }
  }
  return true;
}

/**
 * The fast path: `count` pairwise interactions, no step bookkeeping beyond
 * `interactions` and `time`. Allocation-free.
 *
 * Interactions are drawn in batches: first all random numbers and row
 * lookups, then the partners, then the opinion updates in order. Because the
 * graph does not change during a batch, this gives exactly the sequential
 * result while letting the CPU overlap the cache misses of many interactions.
 */
export function deffuantInteract(state: DeffuantState, count: number): void {
  if (state.edgePairs !== null) {
    interactOnEdges(state, state.edgePairs, count);
    return;
  }
  const { graph, opinions: x, pairStream, batchAgent, batchPartner } = state;
  const n = graph.n;
  if (n === 0 || count <= 0) return;
  if (useWasm(state, count) && state.wasm!.interact(graph, x, pairStream, count, state.params.epsilon, state.params.mu)) {
    state.interactions += count;
    state.time = state.interactions / n;
    return;
  }
  if (state.kernel === 'wasm') throw new Error(`${MODULE}: the WebAssembly kernel cannot hold this graph (${n} agents); use kernel 'auto' or 'js'`);
  const { start, deg, targets } = graph.out;
  const eps = state.params.epsilon;
  const mu = state.params.mu;
  let s0 = pairStream[0];
  let s1 = pairStream[1];
  let s2 = pairStream[2];
  let c = pairStream[3];
  let done = 0;
  while (done < count) {
    const b = Math.min(BATCH, count - done);
    // Phase 1: the agent and the slot of its partner (−1 when it has no neighbour).
    for (let k = 0; k < b; k++) {
      let t = 2091639 * s0 + c * TWO_POW_MINUS_32;
      s0 = s1;
      s1 = s2;
      s2 = t - (c = t | 0);
      const i = Math.floor(s2 * n);
      t = 2091639 * s0 + c * TWO_POW_MINUS_32;
      s0 = s1;
      s1 = s2;
      s2 = t - (c = t | 0);
      const d = deg[i];
      batchAgent[k] = i;
      batchPartner[k] = d === 0 ? -1 : start[i] + Math.floor(s2 * d);
    }
    // Phase 2: slot -> partner.
    for (let k = 0; k < b; k++) {
      const slot = batchPartner[k];
      batchPartner[k] = slot < 0 ? -1 : targets[slot];
    }
    // Phase 3: updates, in draw order.
    applyBatch(x, batchAgent, batchPartner, b, eps, mu);
    done += b;
  }
  pairStream[0] = s0;
  pairStream[1] = s1;
  pairStream[2] = s2;
  pairStream[3] = c;
  state.interactions += count;
  state.time = state.interactions / n;
}

/** Whether this call goes to the WebAssembly kernel (made on first use). */
function useWasm(state: DeffuantState, count: number): boolean {
  if (state.kernel === 'js') return false;
  if (state.kernel === 'auto' && (count < WASM_MIN_COUNT || 4 * count < state.graph.n)) return false;
  if (state.wasm === undefined) state.wasm = DeffuantWasm.create(state.graph);
  if (state.wasm === null && state.kernel === 'wasm') {
    throw new Error(
      wasmAvailable()
        ? `${MODULE}: the WebAssembly kernel cannot hold this graph (${state.graph.n} agents); use kernel 'auto' or 'js'`
        : `${MODULE}: kernel 'wasm' needs WebAssembly, which this JavaScript engine lacks; use 'auto' or 'js'`,
    );
  }
  return state.wasm !== null;
}

/** The updates of one batch, in draw order (a partner of −1: the agent had nobody to meet). */
function applyBatch(x: Float64Array, agent: Int32Array, partner: Int32Array, b: number, eps: number, mu: number): void {
  for (let k = 0; k < b; k++) {
    const j = partner[k];
    if (j < 0) continue;
    const i = agent[k];
    const xi = x[i];
    const xj = x[j];
    const diff = xj - xi;
    if (diff < eps && diff > -eps) {
      const move = mu * diff;
      x[i] = xi + move;
      x[j] = xj - move;
    }
  }
}

/**
 * `pairing: 'edge'`: one Alea draw picks an edge; then the two opinions are
 * read and updated. Batched like the agent path (draws first, then the
 * reads, then the updates in draw order), which gives exactly the
 * sequential result because the edges do not change during a batch.
 */
function interactOnEdges(state: DeffuantState, pairs: Int32Array, count: number): void {
  const { opinions: x, pairStream, batchAgent, batchPartner } = state;
  const edges = pairs.length >> 1;
  if (edges === 0 || count <= 0) {
    state.interactions += Math.max(0, count);
    state.time = state.interactions / Math.max(1, state.graph.n);
    return;
  }
  const eps = state.params.epsilon;
  const mu = state.params.mu;
  let s0 = pairStream[0];
  let s1 = pairStream[1];
  let s2 = pairStream[2];
  let c = pairStream[3];
  let done = 0;
  while (done < count) {
    const b = Math.min(BATCH, count - done);
    for (let k = 0; k < b; k++) {
      const t = 2091639 * s0 + c * TWO_POW_MINUS_32;
      s0 = s1;
      s1 = s2;
      s2 = t - (c = t | 0);
      batchAgent[k] = 2 * Math.floor(s2 * edges);
    }
    for (let k = 0; k < b; k++) {
      const e = batchAgent[k];
      batchAgent[k] = pairs[e];
      batchPartner[k] = pairs[e + 1];
    }
    applyBatch(x, batchAgent, batchPartner, b, eps, mu);
    done += b;
  }
  pairStream[0] = s0;
  pairStream[1] = s1;
  pairStream[2] = s2;
  pairStream[3] = c;
  state.interactions += count;
  state.time = state.interactions / state.graph.n;
}

/** Every follow arc (i follows j) as the pair (i, j), in CSR order. */
function packEdges(graph: CsrGraph): Int32Array {
  const { start, deg, targets } = graph.out;
  let arcs = 0;
  for (let i = 0; i < graph.n; i++) arcs += deg[i];
  const pairs = new Int32Array(2 * arcs);
  let w = 0;
  for (let i = 0; i < graph.n; i++) {
    for (let k = start[i], e = k + deg[i]; k < e; k++) {
      pairs[w++] = i;
      pairs[w++] = targets[k];
    }
  }
  return pairs;
}

export const deffuant = defineModel<DeffuantParams, DeffuantState>({
  id: DEFFUANT_ID,
  title: 'Deffuant bounded confidence',
  citation: 'Deffuant, Neau, Amblard & Weisbuch, Adv. Complex Syst. 3, 87–98 (2000)',
  opinionDomain: '[lo, hi] (`domain`, default [0, 1])',
  timeUnit: 'N pairwise interactions',
  defaults: DEFFUANT_DEFAULTS,

  validate(params?: Partial<DeffuantParams>): DeffuantParams {
    const p = withDefaults(MODULE, DEFFUANT_DEFAULTS as DeffuantParams, params);
    const [lo, hi] = checkDomain(MODULE, p.domain);
    check.number(MODULE, 'epsilon', p.epsilon, 0, hi - lo, { loOpen: true });
    check.number(MODULE, 'mu', p.mu, 0, 0.5, { loOpen: true });
    check.number(MODULE, 'tolerance', p.tolerance, 0, p.epsilon, { loOpen: true, hiOpen: true });
    checkInitialOpinions(MODULE, p.initialOpinions, lo, hi);
    check.oneOf(MODULE, 'pairing', p.pairing, ['agent', 'edge'] as const);
    return { ...p, domain: [lo, hi] };
  },

  init(graph: CsrGraph, params: DeffuantParams, rng: Rng): DeffuantState {
    const [lo, hi] = params.domain;
    const opinions = initialOpinions(MODULE, graph.n, params.initialOpinions, lo, hi, rng.fork('init'));
    const alea = rng.fork('pairs').getState().alea;
    return {
      graph,
      params,
      opinions,
      steps: 0,
      time: 0,
      interactions: 0,
      pairStream: Float64Array.of(alea.s0, alea.s1, alea.s2, alea.c),
      batchAgent: new Int32Array(BATCH),
      batchPartner: new Int32Array(BATCH),
      edgePairs: params.pairing === 'edge' ? packEdges(graph) : null,
      kernel: 'auto',
      wasm: undefined,
    };
  },

  step(state: DeffuantState): void {
    deffuantInteract(state, state.graph.n);
    state.steps++;
  },

  isConverged(state: DeffuantState): boolean {
    return boundedConfidenceSettled(state.graph, state.opinions, state.params.epsilon, state.params.tolerance);
  },
});
