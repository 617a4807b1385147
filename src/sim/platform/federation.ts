/**
 * A federated destination (Mastodon-like): accounts live on servers, each
 * server reads its members' home timelines plus a local timeline, and posts
 * cross servers only between servers that federate.
 *
 * - Servers: `servers` of them; a newcomer joins, with probability
 *   `followeePull` when some of its followees already moved, the server
 *   hosting most of them (ties to the lower index): He et al. 2023 found an
 *   average of 14.72 % of a migrant's Twitter followees on the exact same
 *   Mastodon instance. Otherwise it draws server s with weight
 *   (s + 1)^−serverExponent, times 1 − campAffinity when the server's side
 *   (servers alternate: s mod 2) is not its own: a heavy tail of sizes, as
 *   He et al. measured (the largest 25 % of instances held 96 % of the
 *   migrated users). About 3,300 independent servers ran Mastodon at the
 *   time; a scenario scales that count to its population.
 * - Home timeline: the platform's feed of one's follows (feed.ts), minus the
 *   posts one's server does not show: a post, or the original it reshares,
 *   by an account of a server that does not federate with one's own; and,
 *   a detected false claim or a reshare of it, once its action time has
 *   come (detection and delay as in moderation.ts), when one's server is
 *   strict (it hides them from its members) or the claim's author is on a
 *   strict server (it removes its members' claims for everyone).
 * - Local timeline: the `localTimelinePosts` newest unseen originals of
 *   one's own server, by accounts one does not follow, are added to each
 *   session's feed. Originals enter it at the end of the tick they were
 *   posted in (a one-tick lag).
 * - Federation: a strict server (a `strictServerShare` of them, drawn once)
 *   suspends every other server whose members have posted
 *   `defederateAfter` detected false claims (counted once their action time
 *   has come; a strict server's own members' claims, which it removes, are
 *   not held against it, so strict servers are never suspended). Claims
 *   come in proportion to posting, so the large open servers cross the
 *   count first. A suspension is symmetric and, as Mastodon's domain
 *   suspension does, severs every follow between the two servers' members;
 *   follows made later across a suspended pair (the recommender does not
 *   know servers) are severed at the end of the tick.
 *
 * Draws: server choices come from the caller's stream (exodus.ts); which
 * servers are strict, from the stream given to `createFederation`.
 *
 * He, Zia, Castro, Raman, Sastry & Tyson, "Flocking to Mastodon: Tracking the
 * Great Twitter Migration", ACM IMC 2023 (arXiv:2302.14294).
 */
import type { CsrGraph } from '../../model/csr-graph.js';
import { pow } from '../../model/det-math.js';
import type { Rng } from '../../model/rng.js';
import type { ExodusParams } from './exodus-params.js';
import { firstFreshPost, readCapLeft, visible, buildFeed, type FeedBuffer } from './feed.js';
import type { FeedSource } from './platform.js';
import { FALSE_CLAIM, KIND_ORIGINAL } from './post-store.js';
import type { World } from './world.js';

/** Originals kept per server for its local timeline. */
export const LOCAL_TIMELINE_DEPTH = 64;

export interface FederationRules {
  /** Probability of joining the server hosting most of one's moved followees. */
  readonly followeePull: number;
  /** Weight cut (0..1) for a server of the other side. */
  readonly campAffinity: number;
  /** Detected false claims after which strict servers suspend a server. */
  readonly defederateAfter: number;
  /** Local-timeline posts added per session. */
  readonly localTimelinePosts: number;
}

export class Federation {
  readonly servers: number;
  /** Newcomers' weight of each server, before the side factor. */
  readonly weights: Float64Array;
  /** Side (0/1) of each server. */
  readonly side: Uint8Array;
  /** 1: the server hides detected false claims and suspends servers over the threshold. */
  readonly strict: Uint8Array;
  /** Each account's server (−1: not on the destination). */
  server: Int32Array;
  readonly members: Int32Array;
  /** Detected false claims by each open server's members whose action time has come (strict servers remove their own). */
  readonly falseClaims: Int32Array;
  /** blocked[s · servers + t] = 1 when s and t do not federate (symmetric). */
  readonly blocked: Uint8Array;
  readonly rules: FederationRules;
  /** Suspensions made (server pairs). */
  suspensions = 0;
  /** Follows removed because their two servers do not federate. */
  severed = 0;
  /** Home-timeline items a server's policy hid from a member. */
  hidden = 0;
  private readonly recent: Int32Array;
  private readonly recentHead: Int32Array;
  private readonly recentFill: Int32Array;
  /** Posts scanned so far (ids below this were seen by afterTick). */
  private scanned = 0;
  /** Detected false originals by members, waiting for their action time. */
  private pending: number[] = [];

  constructor(accounts: number, weights: ArrayLike<number>, side: ArrayLike<number>, strict: ArrayLike<number>, rules: FederationRules) {
    const s = weights.length;
    if (s < 1 || side.length !== s || strict.length !== s) throw new RangeError(`federation: ${s} weights, ${side.length} sides and ${strict.length} policies: expected one of each per server (at least one server)`);
    this.servers = s;
    this.weights = Float64Array.from(weights);
    this.side = Uint8Array.from(side);
    this.strict = Uint8Array.from(strict);
    this.server = new Int32Array(accounts).fill(-1);
    this.members = new Int32Array(s);
    this.falseClaims = new Int32Array(s);
    this.blocked = new Uint8Array(s * s);
    this.rules = rules;
    this.recent = new Int32Array(s * LOCAL_TIMELINE_DEPTH);
    this.recentHead = new Int32Array(s);
    this.recentFill = new Int32Array(s);
  }

  /** Whether servers s and t show each other's posts (a server always shows its own). */
  federates(s: number, t: number): boolean {
    return s === t || this.blocked[s * this.servers + t] === 0;
  }

  /**
   * The server account `side`'s newcomer joins, given the servers of its
   * followees already on the destination (with repeats, one per followee).
   */
  chooseServer(followeeServers: readonly number[], side: number, rng: Rng): number {
    const r = this.rules;
    if (followeeServers.length > 0 && r.followeePull > 0 && (r.followeePull >= 1 || rng.next() < r.followeePull)) {
      const count = new Int32Array(this.servers);
      for (const s of followeeServers) count[s]++;
      let best = 0;
      for (let s = 1; s < this.servers; s++) if (count[s] > count[best]) best = s;
      return best;
    }
    const w = new Float64Array(this.servers);
    let total = 0;
    for (let s = 0; s < this.servers; s++) {
      w[s] = this.weights[s] * (this.side[s] === side ? 1 : 1 - r.campAffinity);
      total += w[s];
    }
    // No server of one's side (one server, full affinity): the side factor is dropped.
    return rng.weightedIndex(total > 0 ? w : this.weights);
  }

  /** Account i joins server s. */
  join(i: number, s: number): void {
    if (i >= this.server.length) {
      const grown = new Int32Array(i + 1).fill(-1);
      grown.set(this.server);
      this.server = grown;
    }
    if (this.server[i] >= 0) throw new RangeError(`federation: account ${i} is already on server ${this.server[i]}`);
    this.server[i] = s;
    this.members[s]++;
  }

  /**
   * Server s suspends server t: neither shows the other's posts from now on,
   * and every follow between their members is removed from `graph`.
   * Returns false when they already did not federate (or s = t).
   */
  suspend(s: number, t: number, graph: CsrGraph): boolean {
    if (s === t || this.blocked[s * this.servers + t] !== 0) return false;
    this.blocked[s * this.servers + t] = 1;
    this.blocked[t * this.servers + s] = 1;
    this.suspensions++;
    this.sever(graph);
    return true;
  }

  /** Remove every follow between two servers that do not federate. */
  private sever(graph: CsrGraph): void {
    const server = this.server;
    const n = Math.min(graph.n, server.length);
    for (let u = 0; u < n; u++) {
      const su = server[u];
      if (su < 0) continue;
      const out = graph.out;
      // Backwards: a removal swaps the row's last entry into the hole, which was already checked.
      for (let k = out.deg[u] - 1; k >= 0; k--) {
        const v = out.targets[out.start[u] + k];
        const sv = v < server.length ? server[v] : -1;
        if (sv >= 0 && !this.federates(su, sv) && graph.removeEdge(u, v)) this.severed++;
      }
    }
  }

  /**
   * Whether a member of server `s` may be shown post p: its author and the
   * author of the original it reshares are on servers that federate with s,
   * and, when s or the original's server is strict, it is not a detected
   * false claim (or a reshare of one) past its action time.
   */
  allows(w: World, s: number, p: number): boolean {
    const posts = w.posts;
    const server = this.server;
    const root = posts.rootOf(p);
    const a = server[posts.authorOf(p)];
    const b = server[posts.authorOf(root)];
    if ((a >= 0 && !this.federates(s, a)) || (b >= 0 && !this.federates(s, b))) return false;
    // A strict server hides detected false claims from its members, and removes its own members' from everyone's view.
    return !(posts.veracityOf(p) === FALSE_CLAIM && posts.actAt[root] <= w.now && (this.strict[s] !== 0 || (b >= 0 && this.strict[b] !== 0)));
  }

  /** The destination's feed: the home timeline filtered by one's server, then the local timeline. */
  feedSource(): FeedSource {
    return (w: World, reader: number, buf: FeedBuffer): number => {
      let size = buildFeed(w, reader, buf);
      const s = this.server[reader];
      if (s < 0) return size;
      const items = buf.items;
      const scores = buf.itemScores;
      let kept = 0;
      for (let k = 0; k < size; k++) {
        const p = items[k];
        if (!this.allows(w, s, p)) {
          this.hidden++;
          continue;
        }
        items[kept] = p;
        scores[kept] = scores[k];
        kept++;
      }
      size = kept;
      const want = this.rules.localTimelinePosts;
      if (want > 0 && this.recentFill[s] > 0) {
        const room = Math.min(items.length, size + Math.min(want, readCapLeft(w, reader) - size));
        const floor = Math.max(w.agents.lastSeenPost[reader], firstFreshPost(w, buf) - 1);
        const out = w.graph.out;
        const base = s * LOCAL_TIMELINE_DEPTH;
        // Newest first: the ring holds ids in posting order, so the first one seen ends the walk.
        for (let j = 0; j < this.recentFill[s] && size < room; j++) {
          const p = this.recent[base + ((this.recentHead[s] - 1 - j + LOCAL_TIMELINE_DEPTH) % LOCAL_TIMELINE_DEPTH)];
          if (p <= floor) break;
          const author = w.posts.authorOf(p);
          if (author === reader || out.has(reader, author) || !visible(w, p) || !this.allows(w, s, p)) continue;
          let dup = false;
          for (let k = 0; k < size; k++) if (items[k] === p) dup = true;
          if (dup) continue;
          items[size] = p;
          scores[size] = 0;
          size++;
        }
      }
      buf.size = size;
      return size;
    };
  }

  /**
   * End of a destination tick: new originals enter their server's local
   * timeline; detected false claims whose action time has come count against
   * their author's server; strict servers suspend the servers over the
   * threshold (in server order); follows made across suspended pairs are
   * severed.
   */
  afterTick(w: World): void {
    const posts = w.posts;
    const server = this.server;
    for (let p = this.scanned; p < posts.count; p++) {
      const author = posts.authorOf(p);
      const s = author < server.length ? server[author] : -1;
      if (s < 0) continue;
      if (posts.kindOf(p) === KIND_ORIGINAL) {
        this.recent[s * LOCAL_TIMELINE_DEPTH + this.recentHead[s]] = p;
        this.recentHead[s] = (this.recentHead[s] + 1) % LOCAL_TIMELINE_DEPTH;
        if (this.recentFill[s] < LOCAL_TIMELINE_DEPTH) this.recentFill[s]++;
      }
      if (posts.parentOf(p) < 0 && posts.veracityOf(p) === FALSE_CLAIM && Number.isFinite(posts.actAt[p])) this.pending.push(p);
    }
    this.scanned = posts.count;
    const waiting: number[] = [];
    for (const p of this.pending) {
      // A strict server removes its own members' claims: they do not count against it.
      if (posts.actAt[p] > w.now) waiting.push(p);
      else if (this.strict[server[posts.authorOf(p)]] === 0) this.falseClaims[server[posts.authorOf(p)]]++;
    }
    this.pending = waiting;
    for (let s = 0; s < this.servers; s++) {
      if (this.strict[s] === 0) continue;
      for (let t = 0; t < this.servers; t++) {
        if (t !== s && this.federates(s, t) && this.falseClaims[t] >= this.rules.defederateAfter) {
          this.blocked[s * this.servers + t] = 1;
          this.blocked[t * this.servers + s] = 1;
          this.suspensions++;
        }
      }
    }
    // One sweep covers this tick's suspensions and the follows made across older ones.
    if (this.suspensions > 0) this.sever(w.graph);
  }
}

/**
 * Servers for the exodus's parameters: Zipf weights (s + 1)^−serverExponent,
 * sides alternating (s mod 2), and round(strictServerShare × servers)
 * strict servers drawn from `rng`.
 */
export function createFederation(accounts: number, p: ExodusParams, rng: Rng): Federation {
  const s = p.servers;
  const weights = Array.from({ length: s }, (_, k) => pow(k + 1, -p.serverExponent));
  const side = Array.from({ length: s }, (_, k) => k % 2);
  const strict = new Uint8Array(s);
  for (const k of rng.sampleIndices(s, Math.round(p.strictServerShare * s))) strict[k] = 1;
  return new Federation(accounts, weights, side, strict, {
    followeePull: p.followeePull,
    campAffinity: p.campAffinity,
    defederateAfter: p.defederateAfter,
    localTimelinePosts: p.localTimelinePosts,
  });
}
