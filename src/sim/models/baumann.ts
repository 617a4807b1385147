/**
 * Radicalisation on an activity-driven temporal network (Baumann et al.):
 * agents reinforce each other's opinions through a saturating influence,
 * and choose whom to talk to by homophily.
 *
 *   dx_i/dt = −x_i + K Σ_j A_ij(t) tanh(α x_j)
 *
 * A_ij(t) = 1 when i is influenced by j during the step. Each step, every
 * agent is active with probability a_i (activities a ~ a^(−γ) on [ε, 1], fixed
 * at init) and an active agent i contacts m distinct others, chosen with
 * probability ∝ max(|x_i − x_j|, 1e-10)^(−β) by sequential weighted sampling
 * without replacement (Efraimidis–Spirakis keys). A contacted agent j is
 * influenced by i (A_ji = 1); it influences i back with probability r (A_ij
 * = 1), a draw skipped when j, active itself, already contacted i. This
 * direction convention follows the Seldon reference implementation of the
 * model. With `contacts: 'all'` (the paper) the candidates are all other
 * agents and the CSR graph only supplies N; `'graph'` restricts them to i's
 * CSR out-neighbours. `network: 'static'` replaces the temporal network by
 * the CSR graph itself (A_ij = 1 iff i follows j), a deterministic ODE used
 * for exact checks: two coupled agents settle at x* = K tanh(α x*); an agent
 * following only a fixed agent relaxes as
 * x(t) = [x0 − K tanh(α x_b)] e^(−t) + K tanh(α x_b).
 * Agents flagged in `fixed` (bots, media) keep their opinion: dx/dt = 0.
 *
 * Integration: classic RK4 with step dt (default 0.01), the network held
 * fixed during the step. Opinion domain: ℝ (initial opinions uniform on
 * [−1, 1], or `initialOpinions`). Time: one step = dt of model time.
 * Converged when the largest |dx_i/dt| of the last step is below `tolerance`
 * (on the temporal network this rarely happens: run for a fixed time).
 * Defaults K = 3, α = 3, β = 3, m = 10, r = 0.5, γ = 2.1, ε = 0.01 are the
 * polarised regime of the paper.
 *
 * Baumann, Lorenz-Spreen, Sokolov & Starnini, "Modeling echo chambers and
 * polarization dynamics in social networks", PRL 124, 048301 (2020).
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import { log, pow, tanh } from '../../model/det-math.js';
import { check, ParamError, withDefaults } from '../../model/errors.js';
import type { Rng } from '../../model/rng.js';
import { defineModel, type ModelState } from '../model.js';

export const BAUMANN_ID = 'baumann';
const MODULE = 'sim/models/baumann';

/** Distance floor of the homophily weights (|Δ| = 0 would give an infinite weight). */
export const BAUMANN_MIN_DISTANCE = 1e-10;

export type BaumannNetwork = 'activity-driven' | 'static';
export type BaumannContacts = 'all' | 'graph';

export interface BaumannParams {
  /** Social influence strength K ≥ 0. */
  readonly K: number;
  /** Controversialness α ≥ 0 (slope of tanh). */
  readonly alpha: number;
  /** Homophily β in [0, 30] (0: partners uniformly at random). */
  readonly beta: number;
  /** Contacts per activation m, an integer ≥ 1. */
  readonly m: number;
  /** Reciprocity r in [0, 1]. */
  readonly r: number;
  /** Exponent γ ≥ 0 of the activity density a^(−γ). */
  readonly gamma: number;
  /** Smallest activity ε in (0, 1] (ε = 1: everybody always active). */
  readonly epsilon: number;
  /** Integration step dt in (0, 1]. */
  readonly dt: number;
  readonly network: BaumannNetwork;
  readonly contacts: BaumannContacts;
  /** Converged when max |dx/dt| over the last step is below this (> 0). */
  readonly tolerance: number;
  /** Initial opinions (length N, finite; copied), or null for uniform on [−1, 1]. */
  readonly initialOpinions: Float64Array | null;
  /** Agents whose opinion is held constant (length N, nonzero = fixed), or null. */
  readonly fixed: Uint8Array | null;
}

export interface BaumannState extends ModelState {
  readonly params: BaumannParams;
  readonly opinions: Float64Array;
  readonly activities: Float64Array;
  /** Activation, contact choice and reciprocity draws. */
  readonly contactRng: Rng;
  /**
   * The temporal network of the last step as influence edges:
   * receiver[e] was influenced by sender[e], for e < edgeCount.
   */
  receiver: Int32Array;
  sender: Int32Array;
  edgeCount: number;
  /** Largest |dx_i/dt| (as |Δx_i| / dt) of the last step (Infinity before the first). */
  lastMaxRate: number;
  /** Internal buffers. */
  readonly contactStart: Int32Array;
  readonly k1: Float64Array;
  readonly k2: Float64Array;
  readonly k3: Float64Array;
  readonly k4: Float64Array;
  readonly stage: Float64Array;
  readonly drive: Float64Array;
  readonly topKey: Float64Array;
  readonly topId: Int32Array;
}

export const BAUMANN_DEFAULTS: Readonly<BaumannParams> = Object.freeze({
  K: 3,
  alpha: 3,
  beta: 3,
  m: 10,
  r: 0.5,
  gamma: 2.1,
  epsilon: 0.01,
  dt: 0.01,
  network: 'activity-driven' as BaumannNetwork,
  contacts: 'all' as BaumannContacts,
  tolerance: 1e-9,
  initialOpinions: null,
  fixed: null,
});

function pushEdge(state: BaumannState, to: number, from: number): void {
  if (state.edgeCount === state.receiver.length) {
    const size = Math.max(16, state.receiver.length * 2);
    const r = new Int32Array(size);
    const s = new Int32Array(size);
    r.set(state.receiver);
    s.set(state.sender);
    state.receiver = r;
    state.sender = s;
  }
  state.receiver[state.edgeCount] = to;
  state.sender[state.edgeCount] = from;
  state.edgeCount++;
}

/**
 * Active agent i picks up to m distinct contacts among the candidates
 * (everybody else, or its CSR out-neighbours): key ln(u)/w_j, keep the m
 * largest (Efraimidis & Spirakis 2006, equal in law to drawing one at a time
 * ∝ w without replacement). With no more than m candidates, all of them.
 */
function chooseContacts(state: BaumannState, i: number): void {
  const { opinions: x, contactRng: rng, topKey, topId, graph } = state;
  const { beta, contacts } = state.params;
  const m = topKey.length;
  const n = graph.n;
  const useGraph = contacts === 'graph';
  const out = graph.out;
  const rowStart = useGraph ? out.start[i] : 0;
  const size = useGraph ? out.deg[i] : n;
  const candidates = useGraph ? size : n - 1;
  if (candidates <= m) {
    for (let q = 0; q < size; q++) {
      const j = useGraph ? out.targets[rowStart + q] : q;
      if (j !== i) pushEdge(state, j, i);
    }
    return;
  }
  const xi = x[i];
  let kept = 0;
  let minAt = 0;
  for (let q = 0; q < size; q++) {
    const j = useGraph ? out.targets[rowStart + q] : q;
    if (j === i) continue;
    const w = pow(Math.max(Math.abs(x[j] - xi), BAUMANN_MIN_DISTANCE), -beta);
    const key = log(1 - rng.next()) / w;
    if (kept < m) {
      topKey[kept] = key;
      topId[kept] = j;
      kept++;
      if (kept === m) minAt = argMin(topKey, m);
    } else if (key > topKey[minAt]) {
      topKey[minAt] = key;
      topId[minAt] = j;
      minAt = argMin(topKey, m);
    }
  }
  for (let q = 0; q < kept; q++) pushEdge(state, topId[q], i);
}

function argMin(a: Float64Array, len: number): number {
  let at = 0;
  for (let q = 1; q < len; q++) if (a[q] < a[at]) at = q;
  return at;
}

/** Draws this step's activations, contacts and reciprocations (agents in index order). */
function sampleNetwork(state: BaumannState): void {
  const { graph, activities, contactRng: rng, contactStart } = state;
  const n = graph.n;
  state.edgeCount = 0;
  for (let i = 0; i < n; i++) {
    if (rng.next() < activities[i]) {
      contactStart[i] = state.edgeCount;
      chooseContacts(state, i);
    } else {
      contactStart[i] = -1;
    }
  }
  // Contacts of agent i occupy [contactStart[i], next active agent's start).
  const contactEdges = state.edgeCount;
  const r = state.params.r;
  for (let e = 0; e < contactEdges; e++) {
    const j = state.receiver[e];
    const i = state.sender[e];
    if (contactedBy(state, j, i, contactEdges)) continue;
    if (rng.next() < r) pushEdge(state, i, j);
  }
}

/** Whether active agent j contacted i this step. */
function contactedBy(state: BaumannState, j: number, i: number, contactEdges: number): boolean {
  const s = state.contactStart[j];
  if (s < 0) return false;
  const { receiver, sender } = state;
  for (let e = s; e < contactEdges && sender[e] === j; e++) if (receiver[e] === i) return true;
  return false;
}

/** out[i] = dx_i/dt at opinions y (0 for fixed agents). */
function derivative(state: BaumannState, y: Float64Array, out: Float64Array): void {
  const { graph, drive, params } = state;
  const n = graph.n;
  const { K, alpha } = params;
  for (let j = 0; j < n; j++) drive[j] = K * tanh(alpha * y[j]);
  for (let i = 0; i < n; i++) out[i] = -y[i];
  if (params.network === 'static') {
    const { start, deg, targets } = graph.out;
    for (let i = 0; i < n; i++) {
      let s = out[i];
      for (let k = start[i], e = k + deg[i]; k < e; k++) s += drive[targets[k]];
      out[i] = s;
    }
  } else {
    const { receiver, sender, edgeCount } = state;
    for (let e = 0; e < edgeCount; e++) out[receiver[e]] += drive[sender[e]];
  }
  const fixed = params.fixed;
  if (fixed !== null) for (let i = 0; i < n; i++) if (fixed[i] !== 0) out[i] = 0;
}

/** One classic RK4 step of length dt; returns max |Δx| / dt. */
function integrate(state: BaumannState): number {
  const { opinions: x, k1, k2, k3, k4, stage: y } = state;
  const n = x.length;
  const dt = state.params.dt;
  derivative(state, x, k1);
  for (let i = 0; i < n; i++) y[i] = x[i] + 0.5 * dt * k1[i];
  derivative(state, y, k2);
  for (let i = 0; i < n; i++) y[i] = x[i] + 0.5 * dt * k2[i];
  derivative(state, y, k3);
  for (let i = 0; i < n; i++) y[i] = x[i] + dt * k3[i];
  derivative(state, y, k4);
  let maxRate = 0;
  for (let i = 0; i < n; i++) {
    const rate = (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) / 6;
    x[i] += dt * rate;
    const a = Math.abs(rate);
    if (a > maxRate) maxRate = a;
  }
  return maxRate;
}

export const baumann = defineModel<BaumannParams, BaumannState>({
  id: BAUMANN_ID,
  title: 'Radicalisation on an activity-driven network (Baumann et al.)',
  citation: 'Baumann, Lorenz-Spreen, Sokolov & Starnini, PRL 124, 048301 (2020)',
  opinionDomain: 'ℝ',
  timeUnit: 'dt of model time (one RK4 step)',
  defaults: BAUMANN_DEFAULTS,

  validate(params?: Partial<BaumannParams>): BaumannParams {
    const p = withDefaults(MODULE, BAUMANN_DEFAULTS as BaumannParams, params);
    check.number(MODULE, 'K', p.K, 0, Infinity, { hiOpen: true });
    check.number(MODULE, 'alpha', p.alpha, 0, Infinity, { hiOpen: true });
    // Beyond 30, 1e-10^(−β) overflows to Infinity.
    check.number(MODULE, 'beta', p.beta, 0, 30);
    check.integer(MODULE, 'm', p.m, 1);
    check.number(MODULE, 'r', p.r, 0, 1);
    check.number(MODULE, 'gamma', p.gamma, 0, 100);
    check.number(MODULE, 'epsilon', p.epsilon, 0, 1, { loOpen: true });
    check.number(MODULE, 'dt', p.dt, 0, 1, { loOpen: true });
    check.oneOf(MODULE, 'network', p.network, ['activity-driven', 'static'] as const);
    check.oneOf(MODULE, 'contacts', p.contacts, ['all', 'graph'] as const);
    check.number(MODULE, 'tolerance', p.tolerance, 0, Infinity, { loOpen: true, hiOpen: true });
    if (p.initialOpinions !== null) {
      if (!(p.initialOpinions instanceof Float64Array)) throw new ParamError(MODULE, 'initialOpinions', p.initialOpinions, 'a Float64Array or null');
      for (let i = 0; i < p.initialOpinions.length; i++) {
        if (!Number.isFinite(p.initialOpinions[i])) throw new ParamError(MODULE, 'initialOpinions', `[${i}] = ${p.initialOpinions[i]}`, 'finite opinions');
      }
    }
    if (p.fixed !== null && !(p.fixed instanceof Uint8Array)) throw new ParamError(MODULE, 'fixed', p.fixed, 'a Uint8Array mask or null');
    return p;
  },

  init(graph: CsrGraph, params: BaumannParams, rng: Rng): BaumannState {
    const n = graph.n;
    let opinions: Float64Array;
    if (params.initialOpinions !== null) {
      if (params.initialOpinions.length !== n) {
        throw new ParamError(MODULE, 'initialOpinions', `length ${params.initialOpinions.length}`, `one opinion per agent (length ${n})`);
      }
      opinions = params.initialOpinions.slice();
    } else {
      const init = rng.fork('init');
      opinions = new Float64Array(n);
      for (let i = 0; i < n; i++) opinions[i] = init.uniform(-1, 1);
    }
    if (params.fixed !== null && params.fixed.length !== n) {
      throw new ParamError(MODULE, 'fixed', `length ${params.fixed.length}`, `one flag per agent (length ${n})`);
    }
    const activityRng = rng.fork('activity');
    const activities = new Float64Array(n);
    for (let i = 0; i < n; i++) activities[i] = activityRng.powerLaw(params.gamma, params.epsilon);
    const capacity = params.network === 'static' ? 0 : Math.max(16, Math.ceil(n * params.m * 0.1));
    return {
      graph,
      params,
      opinions,
      activities,
      contactRng: rng.fork('contacts'),
      receiver: new Int32Array(capacity),
      sender: new Int32Array(capacity),
      edgeCount: 0,
      steps: 0,
      time: 0,
      lastMaxRate: Infinity,
      contactStart: new Int32Array(n),
      k1: new Float64Array(n),
      k2: new Float64Array(n),
      k3: new Float64Array(n),
      k4: new Float64Array(n),
      stage: new Float64Array(n),
      drive: new Float64Array(n),
      topKey: new Float64Array(params.m),
      topId: new Int32Array(params.m),
    };
  },

  step(state: BaumannState): void {
    if (state.params.network === 'activity-driven') sampleNetwork(state);
    state.lastMaxRate = integrate(state);
    state.steps++;
    state.time = state.steps * state.params.dt;
  },

  isConverged(state: BaumannState): boolean {
    return state.lastMaxRate < state.params.tolerance;
  },
});
