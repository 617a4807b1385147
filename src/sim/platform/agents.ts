/**
 * Accounts as a struct of typed arrays. Opinions live on [−1, 1] (the
 * Sasahara convention); tolerance is a confidence bound on that scale;
 * activity is a rate per hour (sessions follow a Poisson process, optionally
 * modulated by a daily rhythm); tier follows the follower counts of the
 * network (the most-followed are verified).
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import { exp } from '../../model/det-math.js';
import type { Rng } from '../../model/rng.js';
import type { PlatformParams } from './platform-params.js';

export const TIER_VERIFIED = 0;
export const TIER_UNVERIFIED = 1;
export const TIER_NEW = 2;
export const TIER_NAMES = ['verified', 'unverified', 'new'] as const;

export class Agents {
  n: number;
  opinion: Float64Array;
  tolerance: Float32Array;
  /** Sessions per hour. */
  activity: Float32Array;
  credulity: Float32Array;
  tier: Uint8Array;
  group: Uint8Array;
  bot: Uint8Array;
  /** Suspended accounts neither act nor are shown. */
  suspended: Uint8Array;
  /** Muted accounts are shown but never post or reshare (used to ask "what if these hubs stayed silent?"). */
  muted: Uint8Array;
  /** Removed posts per account (for suspension). */
  strikes: Int32Array;
  /** Highest post id the account had seen at its last session (−1: none). */
  lastSeenPost: Int32Array;
  /** Posts read today and the day they were counted for (read caps). */
  readToday: Int32Array;
  readDay: Int32Array;
  /** Perception: decayed counts of right-leaning (> 0) and left-leaning (< 0) posts seen. */
  seenRight: Float32Array;
  seenLeft: Float32Array;
  /** Sessions so far. */
  sessions: Int32Array;

  constructor(n: number) {
    this.n = n;
    this.opinion = new Float64Array(n);
    this.tolerance = new Float32Array(n);
    this.activity = new Float32Array(n);
    this.credulity = new Float32Array(n);
    this.tier = new Uint8Array(n);
    this.group = new Uint8Array(n);
    this.bot = new Uint8Array(n);
    this.suspended = new Uint8Array(n);
    this.muted = new Uint8Array(n);
    this.strikes = new Int32Array(n);
    this.lastSeenPost = new Int32Array(n).fill(-1);
    this.readToday = new Int32Array(n);
    this.readDay = new Int32Array(n).fill(-1);
    this.seenRight = new Float32Array(n);
    this.seenLeft = new Float32Array(n);
    this.sessions = new Int32Array(n);
  }

  /** Grow to `n` accounts (bots joining); new accounts start zeroed. */
  grow(n: number): void {
    if (n <= this.n) return;
    const g = <T extends Float64Array | Float32Array | Uint8Array | Int32Array>(a: T, make: (k: number) => T, fill = 0): T => {
      const b = make(n);
      if (fill !== 0) b.fill(fill);
      b.set(a);
      return b;
    };
    this.opinion = g(this.opinion, (k) => new Float64Array(k));
    this.tolerance = g(this.tolerance, (k) => new Float32Array(k));
    this.activity = g(this.activity, (k) => new Float32Array(k));
    this.credulity = g(this.credulity, (k) => new Float32Array(k));
    this.tier = g(this.tier, (k) => new Uint8Array(k), TIER_NEW);
    this.group = g(this.group, (k) => new Uint8Array(k));
    this.bot = g(this.bot, (k) => new Uint8Array(k));
    this.suspended = g(this.suspended, (k) => new Uint8Array(k));
    this.muted = g(this.muted, (k) => new Uint8Array(k));
    this.strikes = g(this.strikes, (k) => new Int32Array(k));
    this.lastSeenPost = g(this.lastSeenPost, (k) => new Int32Array(k), -1);
    this.readToday = g(this.readToday, (k) => new Int32Array(k));
    this.readDay = g(this.readDay, (k) => new Int32Array(k), -1);
    this.seenRight = g(this.seenRight, (k) => new Float32Array(k));
    this.seenLeft = g(this.seenLeft, (k) => new Float32Array(k));
    this.sessions = g(this.sessions, (k) => new Int32Array(k));
    this.n = n;
  }

  bytes(): number {
    return this.n * (8 + 4 * 4 + 1 * 5 + 4 * 4 + 4 * 3);
  }
}

/**
 * Draw every account's attributes. `camp` (0/1 per account, or null) seeds
 * opinions for `initialOpinions: 'by-camp'`; bots are a random `botShare` of
 * accounts and hold `botStance`.
 */
export function createAgents(params: PlatformParams, graph: CsrGraph, rng: Rng, camp: Int32Array | null): Agents {
  const n = graph.n;
  const a = new Agents(n);
  const rOp = rng.fork('opinion');
  const rAct = rng.fork('activity');
  const rTrait = rng.fork('traits');
  const rBot = rng.fork('bots');
  a.group.set(drawGroups(params, n, rng));
  for (let i = 0; i < n; i++) {
    let x: number;
    if (params.initialOpinions === 'uniform') x = rOp.uniform(-1, 1);
    else if (params.initialOpinions === 'by-camp' && camp) x = (camp[i] === 0 ? -0.5 : 0.5) + 0.25 * rOp.normal();
    else x = (rOp.next() < 0.5 ? -0.5 : 0.5) + 0.25 * rOp.normal();
    a.opinion[i] = Math.max(-1, Math.min(1, x));
    a.tolerance[i] = Math.max(0.001, params.tolerance + params.toleranceSpread * rTrait.uniform(-1, 1));
    // Log-normal activity with the requested mean: exp(σZ − σ²/2) has mean 1.
    const s = params.activityHeterogeneity;
    a.activity[i] = params.activityPerHour * (s > 0 ? exp(s * rAct.normal() - (s * s) / 2) : 1);
    a.credulity[i] = Math.max(0, Math.min(1, params.credulity + 0.15 * rTrait.normal()));
  }
  // Tiers from follower counts: the most-followed are verified, then a random share is new.
  const order = byFollowersDescending(graph);
  const verified = Math.round(params.verifiedShare * n);
  for (let k = 0; k < n; k++) a.tier[order[k]] = k < verified ? TIER_VERIFIED : TIER_UNVERIFIED;
  const rTier = rng.fork('tier');
  for (let k = verified; k < n; k++) if (rTier.next() < params.newShare / Math.max(1e-12, 1 - params.verifiedShare)) a.tier[order[k]] = TIER_NEW;
  const bots = Math.round(params.botShare * n);
  if (bots > 0) {
    for (const i of rBot.sampleIndices(n, bots)) makeBot(a, i, params);
  }
  return a;
}

/**
 * Each account's group, drawn from the `group` stream of the agents' stream
 * (`rng`): the same draws whoever asks, so the network can plant hubs in a
 * group before the accounts are built.
 */
export function drawGroups(params: PlatformParams, n: number, rng: Rng): Uint8Array {
  const groups = new Uint8Array(n);
  const shares = params.groupShares;
  if (shares.length <= 1) return groups;
  const rGroup = rng.fork('group');
  for (let i = 0; i < n; i++) groups[i] = rGroup.weightedIndex(shares);
  return groups;
}

/**
 * Accounts ordered by follower count, most-followed first, ties by index: a
 * stable counting sort, O(n + max followers) (a comparison sort of a million
 * accounts takes a second).
 */
export function byFollowersDescending(graph: CsrGraph): Int32Array {
  const n = graph.n;
  const deg = graph.in.deg;
  let max = 0;
  for (let i = 0; i < n; i++) if (deg[i] > max) max = deg[i];
  // first[d]: where accounts with d followers start, counting from the most-followed.
  const first = new Int32Array(max + 2);
  for (let i = 0; i < n; i++) first[max - deg[i] + 1]++;
  for (let d = 1; d <= max + 1; d++) first[d] += first[d - 1];
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[first[max - deg[i]]++] = i;
  return order;
}

export function makeBot(a: Agents, i: number, params: PlatformParams): void {
  a.bot[i] = 1;
  a.opinion[i] = params.botStance;
  a.activity[i] = params.botActivityPerHour;
  a.credulity[i] = 1;
}
