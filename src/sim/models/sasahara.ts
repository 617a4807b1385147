/**
 * Echo chambers from social influence and unfollowing (Sasahara, Chen, Peng,
 * Ciampaglia, Flammini & Menczer, "Social influence and unfollowing
 * accelerate the emergence of echo chambers", J. Comput. Soc. Sci. 4,
 * 381–402, 2021). Agents on a directed follow network read a screen of the
 * most recent messages posted or reposted by those they follow. Messages
 * close to their opinion (concordant) pull the opinion toward their mean;
 * the agent then may unfollow the author of a discordant message and follow
 * someone else, and finally reposts a concordant message or posts its own
 * opinion.
 *
 *   concordant:  |x_i − m| < ε            (strict, as in the authors' code)
 *   influence:   x_i ← x_i + μ · mean_{m concordant}(m − x_i)
 *   rewiring:    with probability q, if a discordant message is on screen:
 *                unfollow the poster of a random discordant message, follow
 *                  'random'       a random account not yet followed,
 *                  'repost'       a random originator of a concordant message on screen not yet followed,
 *                  'recommended'  a random originator of a recent message within ε of the agent's
 *                                 latest own message (the platform's "similar users"), not yet followed;
 *                the last two fall back to 'random' when they have no candidate
 *   posting:     with probability p repost a random concordant message, else post x_i
 *
 * Opinions on [−1, 1], initially U(−1, 1). Time unit: one step = one
 * activation of a uniformly random agent (the authors' time step t, which
 * counts activations; N steps ≈ one activation per agent). Within a step the
 * order is read → influence → rewire → post, as in the authors' code.
 *
 * Screens: each agent has a ring buffer (typed arrays) of the ids of messages
 * delivered to it when they were posted. Reading walks it newest first and
 * keeps the `screen` (l) most recent that are still visible: posted within
 * the last `retentionPerAgent`·N messages platform-wide (the authors keep
 * the last N messages), by an account the reader still follows, and not
 * originated by the reader. The ring holds 4·l ids, so a screen is complete
 * unless more than 3·l recent deliveries were filtered out. Delivery happens
 * at posting time, as on a timeline: right after a new follow the screen
 * shows none of that account's earlier messages (the authors' code rebuilds
 * the screen from the current follow list and would).
 *
 * Messages record poster, origin (the original message), parent (the message
 * reposted, −1 for an original), opinion and time, so reposts form cascade
 * trees with times (`sasaharaCascade`).
 *
 * Convergence: the authors' stationary-state test — every weakly connected
 * component of the follow network has an opinion range below ε, so every
 * follow edge is concordant and no unfollowing can follow — without their
 * requirement of at least two components (so that consensus counts too),
 * plus opinions settled: every agent's latest activation moved it by less
 * than `tolerance`. Runs without rewiring (q = 0) usually keep discordant
 * edges inside one component and never meet it; so does an agent that
 * follows more accounts than there are like-minded ones (rewiring keeps
 * out-degrees, so it rewires forever — in the authors' code too). Bound such
 * runs with `maxSteps`.
 *
 * `init` works on a clone of the given graph, so rewiring never touches the
 * caller's network.
 */
import { CsrGraph } from '../../model/csr-graph.js';
import { check, ParamError, withDefaults } from '../../model/errors.js';
import { erdosRenyi } from '../../model/generators/erdos-renyi.js';
import type { Rng } from '../../model/rng.js';
import { CascadeRecorder, type CascadeTree } from '../cascade-record.js';
import { defineModel, type ModelState } from '../model.js';

const MODULE = 'sim/models/sasahara';

export type SasaharaRewire = 'random' | 'repost' | 'recommended';
const REWIRE_METHODS: readonly SasaharaRewire[] = ['random', 'repost', 'recommended'];

/** Ring slots per screen entry: room for filtered-out deliveries. */
const RING_FACTOR = 4;
/** Random draws before 'random' following falls back to listing every candidate. */
const REJECTION_TRIES = 32;

export interface SasaharaParams {
  /** Confidence bound ε on [−1, 1] (concordant iff |x − m| < ε). */
  readonly epsilon: number;
  /** Influence strength μ. */
  readonly mu: number;
  /** Repost probability p. */
  readonly p: number;
  /** Rewiring (unfollow/follow) probability q. */
  readonly q: number;
  /** Screen size l: messages read per activation. */
  readonly screen: number;
  /** How the new followee is chosen after an unfollow. */
  readonly rewire: SasaharaRewire;
  /** Messages stay visible for the last `retentionPerAgent`·N messages platform-wide (authors: 1; Infinity: forever). */
  readonly retentionPerAgent: number;
  /** Settled when every agent's latest activation moved its opinion by less than this. */
  readonly tolerance: number;
}

/** The message log: struct of growable typed arrays, ids 0..count−1 in posting order. */
export class MessageLog {
  count = 0;
  author: Int32Array;
  origin: Int32Array;
  parent: Int32Array;
  opinion: Float64Array;
  time: Float64Array;

  constructor(capacity = 1024) {
    this.author = new Int32Array(capacity);
    this.origin = new Int32Array(capacity);
    this.parent = new Int32Array(capacity);
    this.opinion = new Float64Array(capacity);
    this.time = new Float64Array(capacity);
  }

  /** Append a message; `origin` −1 means "this message is an original". Returns its id. */
  push(author: number, origin: number, parent: number, opinion: number, time: number): number {
    if (this.count === this.author.length) this.grow();
    const id = this.count++;
    this.author[id] = author;
    this.origin[id] = origin < 0 ? id : origin;
    this.parent[id] = parent;
    this.opinion[id] = opinion;
    this.time[id] = time;
    return id;
  }

  /** The agent who posted the original of message `id`. */
  originator(id: number): number {
    return this.author[this.origin[id]];
  }

  private grow(): void {
    const c = this.author.length * 2;
    const author = new Int32Array(c);
    const origin = new Int32Array(c);
    const parent = new Int32Array(c);
    const opinion = new Float64Array(c);
    const time = new Float64Array(c);
    author.set(this.author);
    origin.set(this.origin);
    parent.set(this.parent);
    opinion.set(this.opinion);
    time.set(this.time);
    this.author = author;
    this.origin = origin;
    this.parent = parent;
    this.opinion = opinion;
    this.time = time;
  }
}

export interface SasaharaState extends ModelState {
  readonly params: SasaharaParams;
  readonly opinions: Float64Array;
  readonly messages: MessageLog;
  /** Messages visible platform-wide (ids ≥ messages.count − window); may be Infinity. */
  readonly window: number;
  /** Screen rings: agent i owns slots [i·ringSize, (i+1)·ringSize). */
  readonly ringSize: number;
  readonly ring: Int32Array;
  /** Next slot to write, per agent. */
  readonly ringHead: Int32Array;
  /** Filled slots (≤ ringSize), per agent. */
  readonly ringFill: Int32Array;
  /** Latest message originated by each agent (an own post, or a repost of one), −1 if none. */
  readonly lastOriginated: Int32Array;
  /** |Δx| at each agent's latest activation (Infinity before its first). */
  readonly lastChange: Float64Array;
  /** Unfollow/follow events so far. */
  rewires: number;
  /** Agent activated by the last step (−1 before the first). */
  lastActive: number;
  /** Scratch: the screen just read, then its concordant and discordant parts (message ids). */
  readonly screenBuf: Int32Array;
  readonly concordant: Int32Array;
  readonly discordant: Int32Array;
  /** Scratch for follow candidates and for the component test. */
  readonly candidates: Int32Array;
  readonly unionFind: Int32Array;
  readonly componentMin: Float64Array;
  readonly componentMax: Float64Array;
  readonly activation: Rng;
  readonly behaviour: Rng;
}

const DEFAULTS: SasaharaParams = {
  epsilon: 0.4,
  mu: 0.5,
  p: 0.5,
  q: 0.5,
  screen: 10,
  rewire: 'random',
  retentionPerAgent: 1,
  tolerance: 1e-4,
};

export const sasahara = defineModel<SasaharaParams, SasaharaState>({
  id: 'sasahara',
  title: 'Social influence and unfollowing (echo chambers)',
  citation: 'Sasahara, Chen, Peng, Ciampaglia, Flammini & Menczer, J. Comput. Soc. Sci. 4, 381–402 (2021)',
  opinionDomain: '[−1, 1]',
  timeUnit: 'one activation of a random agent (read, influence, rewire, post)',
  defaults: DEFAULTS,

  validate(params) {
    const v = withDefaults(MODULE, DEFAULTS, params);
    check.number(MODULE, 'epsilon', v.epsilon, 0, 2, { loOpen: true });
    check.number(MODULE, 'mu', v.mu, 0, 1);
    check.number(MODULE, 'p', v.p, 0, 1);
    check.number(MODULE, 'q', v.q, 0, 1);
    check.integer(MODULE, 'screen', v.screen, 1, 10_000);
    check.oneOf(MODULE, 'rewire', v.rewire, REWIRE_METHODS);
    check.number(MODULE, 'retentionPerAgent', v.retentionPerAgent, 0, Infinity, { loOpen: true, allowInfinity: true });
    check.number(MODULE, 'tolerance', v.tolerance, 0, 2, { loOpen: true });
    return v;
  },

  init(graph, params, rng) {
    const n = graph.n;
    if (n < 2) throw new ParamError(MODULE, 'graph', `${n} nodes`, 'a follow network with at least 2 agents');
    const opinionRng = rng.fork('opinions');
    const opinions = new Float64Array(n);
    for (let i = 0; i < n; i++) opinions[i] = opinionRng.uniform(-1, 1);
    const ringSize = RING_FACTOR * params.screen;
    const l = params.screen;
    return {
      graph: graph.clone(),
      steps: 0,
      time: 0,
      params,
      opinions,
      messages: new MessageLog(Math.max(1024, 4 * n)),
      window: params.retentionPerAgent === Infinity ? Infinity : Math.max(1, Math.ceil(params.retentionPerAgent * n)),
      ringSize,
      ring: new Int32Array(n * ringSize),
      ringHead: new Int32Array(n),
      ringFill: new Int32Array(n),
      lastOriginated: new Int32Array(n).fill(-1),
      lastChange: new Float64Array(n).fill(Infinity),
      rewires: 0,
      lastActive: -1,
      screenBuf: new Int32Array(l),
      concordant: new Int32Array(l),
      discordant: new Int32Array(l),
      candidates: new Int32Array(Math.max(n, l)),
      unionFind: new Int32Array(n),
      componentMin: new Float64Array(n),
      componentMax: new Float64Array(n),
      activation: rng.fork('activation'),
      behaviour: rng.fork('behaviour'),
    };
  },

  step(state) {
    const i = state.activation.int(state.opinions.length);
    const seen = readScreen(state, i);
    const nc = splitScreen(state, seen, state.opinions[i]);
    const nd = seen - nc;
    influence(state, i, nc);
    if (state.behaviour.next() < state.params.q && nd > 0) rewire(state, i, nc, nd);
    post(state, i, nc);
    state.lastActive = i;
    state.steps++;
    state.time = state.steps;
  },

  isConverged(state) {
    const change = state.lastChange;
    for (let i = 0; i < change.length; i++) if (!(change[i] < state.params.tolerance)) return false;
    return componentsWithinEpsilon(state);
  },
});

/** Phase 1: fill `screenBuf` with the ids of the visible messages, newest first; returns how many. */
function readScreen(state: SasaharaState, i: number): number {
  const { ring, ringSize, messages, screenBuf } = state;
  const out = state.graph.out;
  const l = state.params.screen;
  const base = i * ringSize;
  const head = state.ringHead[i];
  const fill = state.ringFill[i];
  const oldest = messages.count - state.window;
  let got = 0;
  for (let j = 1; j <= fill && got < l; j++) {
    const id = ring[base + ((head - j + ringSize) % ringSize)];
    // The ring is in posting order: everything further back has expired too.
    if (id < oldest) break;
    if (messages.originator(id) === i) continue;
    if (!out.has(i, messages.author[id])) continue;
    screenBuf[got++] = id;
  }
  return got;
}

/** Phase 2: split the screen by |x − m| < ε into `concordant` and `discordant`; returns the concordant count. */
function splitScreen(state: SasaharaState, seen: number, x: number): number {
  const { screenBuf, concordant, discordant } = state;
  const op = state.messages.opinion;
  const eps = state.params.epsilon;
  let nc = 0;
  let nd = 0;
  for (let k = 0; k < seen; k++) {
    const id = screenBuf[k];
    if (Math.abs(x - op[id]) < eps) concordant[nc++] = id;
    else discordant[nd++] = id;
  }
  return nc;
}

/** Phase 3: move toward the mean of the concordant messages by μ. */
function influence(state: SasaharaState, i: number, nc: number): void {
  const mu = state.params.mu;
  state.lastChange[i] = 0;
  if (nc === 0 || mu === 0) return;
  const op = state.messages.opinion;
  let sum = 0;
  for (let k = 0; k < nc; k++) sum += op[state.concordant[k]];
  const x = state.opinions[i];
  const next = x + mu * (sum / nc - x);
  state.opinions[i] = next;
  state.lastChange[i] = Math.abs(next - x);
}

/** Phase 4: unfollow the poster of a random discordant message and follow someone new. */
function rewire(state: SasaharaState, i: number, nc: number, nd: number): void {
  const unfollow = state.messages.author[state.discordant[state.behaviour.int(nd)]];
  let follow = -1;
  if (state.params.rewire === 'repost') follow = pickRepostOriginator(state, i, nc);
  else if (state.params.rewire === 'recommended') follow = pickRecommended(state, i);
  if (follow < 0) follow = pickRandomNonFollowed(state, i);
  if (follow < 0) return;
  state.graph.removeEdge(i, unfollow);
  state.graph.addEdge(i, follow);
  state.rewires++;
}

/** A uniformly random agent ≠ i that i does not follow, or −1. */
function pickRandomNonFollowed(state: SasaharaState, i: number): number {
  const n = state.opinions.length;
  const out = state.graph.out;
  const rng = state.behaviour;
  for (let t = 0; t < REJECTION_TRIES; t++) {
    const j = rng.int(n);
    if (j !== i && !out.has(i, j)) return j;
  }
  // Nearly everyone is followed: list the rest (uniform either way).
  const cand = state.candidates;
  let c = 0;
  for (let j = 0; j < n; j++) if (j !== i && !out.has(i, j)) cand[c++] = j;
  return c === 0 ? -1 : cand[rng.int(c)];
}

/** A random distinct originator of a concordant message on screen that i does not follow, or −1. */
function pickRepostOriginator(state: SasaharaState, i: number, nc: number): number {
  const out = state.graph.out;
  const cand = state.candidates;
  let c = 0;
  for (let k = 0; k < nc; k++) {
    const a = state.messages.originator(state.concordant[k]);
    if (a === i || out.has(i, a)) continue;
    let dup = false;
    for (let h = 0; h < c; h++) if (cand[h] === a) dup = true;
    if (!dup) cand[c++] = a;
  }
  return c === 0 ? -1 : cand[state.behaviour.int(c)];
}

/**
 * The platform's recommendation: among the last min(window, N) messages,
 * those within ε of i's latest originated message; a random one's
 * originator that i does not follow (one entry per message, so active
 * similar accounts are likelier), or −1.
 */
function pickRecommended(state: SasaharaState, i: number): number {
  const msgs = state.messages;
  const mine = state.lastOriginated[i];
  const n = state.opinions.length;
  const first = Math.max(0, msgs.count - Math.min(state.window, n));
  if (mine < first) return -1;
  const ref = msgs.opinion[mine];
  const eps = state.params.epsilon;
  const out = state.graph.out;
  const cand = state.candidates;
  let c = 0;
  for (let id = first; id < msgs.count; id++) {
    const a = msgs.originator(id);
    if (a === i || Math.abs(ref - msgs.opinion[id]) >= eps || out.has(i, a)) continue;
    cand[c++] = a;
  }
  return c === 0 ? -1 : cand[state.behaviour.int(c)];
}

/** Phase 5: repost a random concordant message with probability p, else post x_i; deliver to followers. */
function post(state: SasaharaState, i: number, nc: number): void {
  const msgs = state.messages;
  const t = state.steps;
  let id: number;
  if (nc > 0 && state.behaviour.next() < state.params.p) {
    const m = state.concordant[state.behaviour.int(nc)];
    id = msgs.push(i, msgs.origin[m], m, msgs.opinion[m], t);
  } else {
    id = msgs.push(i, -1, -1, state.opinions[i], t);
  }
  state.lastOriginated[msgs.originator(id)] = id;
  const { start, deg, targets } = state.graph.in;
  const { ring, ringSize, ringHead, ringFill } = state;
  for (let k = start[i], e = k + deg[i]; k < e; k++) {
    const u = targets[k];
    const h = ringHead[u];
    ring[u * ringSize + h] = id;
    ringHead[u] = h + 1 === ringSize ? 0 : h + 1;
    if (ringFill[u] < ringSize) ringFill[u]++;
  }
}

function findRoot(parent: Int32Array, a: number): number {
  while (parent[a] !== a) {
    parent[a] = parent[parent[a]];
    a = parent[a];
  }
  return a;
}

/** Every weakly connected component has max − min opinion < ε (union–find over the follow arcs). */
function componentsWithinEpsilon(state: SasaharaState): boolean {
  const x = state.opinions;
  const n = x.length;
  const eps = state.params.epsilon;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  if (hi - lo < eps) return true;
  const uf = state.unionFind;
  for (let i = 0; i < n; i++) uf[i] = i;
  const { start, deg, targets } = state.graph.out;
  for (let u = 0; u < n; u++) {
    for (let k = start[u], e = k + deg[u]; k < e; k++) {
      const a = findRoot(uf, u);
      const b = findRoot(uf, targets[k]);
      if (a !== b) uf[a < b ? b : a] = a < b ? a : b;
    }
  }
  const cmin = state.componentMin;
  const cmax = state.componentMax;
  cmin.fill(Infinity);
  cmax.fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const r = findRoot(uf, i);
    if (x[i] < cmin[r]) cmin[r] = x[i];
    if (x[i] > cmax[r]) cmax[r] = x[i];
    if (cmax[r] - cmin[r] >= eps) return false;
  }
  return true;
}

/**
 * The repost cascade of original message `root`: entries are its messages
 * in posting order (the original first), `node` = the posting agent,
 * `parent` = the entry of the message reposted, `time` = steps since the
 * original was posted.
 */
export function sasaharaCascade(state: SasaharaState, root: number): CascadeTree {
  const msgs = state.messages;
  if (!(Number.isInteger(root) && root >= 0 && root < msgs.count) || msgs.origin[root] !== root) {
    throw new ParamError(MODULE, 'root', root, `the id of an original message (ids < ${msgs.count} whose origin is themselves)`);
  }
  const rec = new CascadeRecorder(8);
  // Message id → entry, only for messages of this cascade.
  const entryOf = new Map<number, number>();
  const t0 = msgs.time[root];
  entryOf.set(root, rec.add(msgs.author[root], -1, 0));
  for (let id = root + 1; id < msgs.count; id++) {
    if (msgs.origin[id] !== root) continue;
    const parentEntry = entryOf.get(msgs.parent[id]);
    entryOf.set(id, rec.add(msgs.author[id], parentEntry === undefined ? -1 : parentEntry, msgs.time[id] - t0));
  }
  return rec.snapshot();
}

/**
 * The authors' initial network: a uniformly random directed graph with n
 * agents and m follow edges (G(n, m)), then every agent that follows nobody
 * takes over a random follow edge of a random agent that follows at least
 * two, so everyone has a screen (an edge that would become a self-loop is
 * redrawn).
 */
export function sasaharaFollowGraph(n: number, m: number, rng: Rng): CsrGraph {
  check.integer(MODULE, 'n', n, 2);
  check.integer(MODULE, 'm', m, n, n * (n - 1));
  const graph = CsrGraph.fromEdgeList(erdosRenyi({ n, m, directed: true }, rng.fork('edges')), { slack: 2 });
  const repair = rng.fork('repair');
  const out = graph.out;
  const donors: number[] = [];
  for (let z = 0; z < n; z++) {
    if (out.deg[z] !== 0) continue;
    donors.length = 0;
    for (let v = 0; v < n; v++) if (out.deg[v] >= 2) donors.push(v);
    for (;;) {
      const d = donors[repair.int(donors.length)];
      const target = graph.out.targets[graph.out.start[d] + repair.int(graph.out.deg[d])];
      if (target === z) continue;
      graph.removeEdge(d, target);
      graph.addEdge(z, target);
      break;
    }
  }
  return graph;
}
