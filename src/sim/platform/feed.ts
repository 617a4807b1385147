/**
 * Building one session's feed (phase 2): candidates are the newest posts
 * (at most RECENT_PER_AUTHOR each) of the accounts the reader follows that
 * it has not seen yet (newer than its last session, younger than
 * `maxPostAgeHours`, not removed, not by a suspended account), plus, for
 * rankers that recommend, a few trending posts from outside its follows.
 * The ranker scores them and the feed keeps the best `min(feedSize, what
 * the daily read cap leaves)`, ties to the newer.
 *
 * At a million accounts this runs a million times per simulated hour, and
 * its cost is memory latency, not arithmetic. So: "unseen and young enough"
 * is one threshold on post ids (ids follow time); a followee with nothing
 * above it is skipped on one read of `latest`, and the others' new posts are
 * walked newest first through the post records, which link each post to
 * its author's previous one (post-store.ts); the loads of each pass are
 * independent of each other so their cache misses overlap; and the
 * reverse-chronological ranker, whose order is the id order unless
 * moderation downranked a candidate, skips scoring. The feed is the same as
 * scoring every candidate and sorting (tests/platform/platform-core.test.ts).
 */
import { TIER_NEW, TIER_VERIFIED } from './agents.js';
import { FLAG_DOWNRANKED, FLAG_REMOVED } from './post-store.js';
import { feedScore, rankers, withSourceReliability, type Ranker } from './rankers.js';
import { RECENT_PER_AUTHOR, type World } from './world.js';

export class FeedBuffer {
  readonly candidates: Int32Array;
  readonly scores: Float64Array;
  /** The feed, best first, and each item's score. */
  readonly items: Int32Array;
  readonly itemScores: Float64Array;
  size = 0;
  /** Candidates considered for the last feed. */
  considered = 0;
  /** The ranker of the last feed, cached by name. */
  ranker: Ranker | null = null;
  rankerName = '';
  /** The source-reliability downranking β the ranker was built with (0: the plain ranker). */
  rankerBeta = 0;
  /** For the current feed: the newest post of each followee with something new, */
  newest: Int32Array;
  /** and all of those followees' posts the reader has not seen. */
  unseen: Int32Array;
  /** Sum of what the prefetching pass read (kept so the reads are not optimised away). */
  touched = 0;
  /** Where the search for the first post young enough to show starts (see firstFreshPost). */
  freshCursor = 0;
  /** The trending posts drawn for the current feed (at most `outOfNetwork`, ≤ 100). */
  readonly picks = new Int32Array(128);

  constructor(capacity = 4096, maxFeed = 500) {
    this.candidates = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
    this.items = new Int32Array(maxFeed);
    this.itemScores = new Float64Array(maxFeed);
    this.newest = new Int32Array(1024);
    this.unseen = new Int32Array(4096);
  }
}

/** Posts `reader` may still read today (Infinity without caps). */
export function readCapLeft(w: World, reader: number): number {
  const p = w.params;
  if (!p.readCaps) return Infinity;
  const a = w.agents;
  const day = Math.floor(w.now / 1440);
  if (a.readDay[reader] !== day) {
    a.readDay[reader] = day;
    a.readToday[reader] = 0;
  }
  const tier = a.tier[reader];
  const cap = tier === TIER_VERIFIED ? p.readCapVerified : tier === TIER_NEW ? p.readCapNew : p.readCapUnverified;
  return Math.max(0, Math.floor(cap * p.readCapScale) - a.readToday[reader]);
}

/** Whether post p may be shown: neither it nor its cascade's root removed, neither author suspended. */
export function visible(w: World, p: number): boolean {
  const posts = w.posts;
  const root = posts.rootOf(p);
  const suspended = w.agents.suspended;
  // A removed claim takes its reshares with it; so does a suspended author.
  return (posts.flagsOf(p) & FLAG_REMOVED) === 0 && (posts.flagsOf(root) & FLAG_REMOVED) === 0 && suspended[posts.authorOf(p)] === 0 && suspended[posts.authorOf(root)] === 0;
}

/** The ranker the parameters name, looked up once per change of name (a keyed lookup per session is measurable at a million sessions). */
function currentRanker(w: World, buf: FeedBuffer): Ranker {
  const name = w.params.ranker;
  const beta = w.params.outlets > 0 ? w.params.sourceDownranking : 0;
  if (buf.rankerName !== name || buf.rankerBeta !== beta) {
    buf.ranker = beta > 0 ? withSourceReliability(rankers[name]) : rankers[name];
    buf.rankerName = name;
    buf.rankerBeta = beta;
  }
  return buf.ranker!;
}

/**
 * The first post id younger than `maxPostAgeHours`. Post times never
 * decrease with ids, so "younger than the cut-off" is "id ≥ this"; a cursor
 * kept in the buffer follows the clock (and moves back if the age limit is
 * raised), so the search is amortised O(1).
 */
export function firstFreshPost(w: World, buf: FeedBuffer): number {
  const minTime = w.now - w.params.maxPostAgeHours * 60;
  // Post times: f64 slot 0 of the records (8 f64 per record, post-store.ts).
  const f64 = w.posts.f64;
  const count = w.posts.count;
  let c = Math.min(buf.freshCursor, count);
  while (c > 0 && f64[(c - 1) * 8] >= minTime) c--;
  while (c < count && f64[c * 8] < minTime) c++;
  buf.freshCursor = c;
  return c;
}

/**
 * Fill `buf.items` with the reader's feed; returns its size. `override`: a
 * ranker from outside in place of the one the parameters name (its
 * `prepare`, if any, sees the candidates before they are scored).
 */
export function buildFeed(w: World, reader: number, buf: FeedBuffer, override?: Ranker): number {
  const limit = Math.min(w.params.feedSize, buf.items.length, readCapLeft(w, reader));
  buf.size = 0;
  buf.considered = 0;
  if (limit <= 0) return 0;
  const posts = w.posts;
  const suspended = w.agents.suspended;
  const cand = buf.candidates;
  const cap = cand.length;
  const fresh = firstFreshPost(w, buf);
  // A candidate is newer than both the reader's last session and the age cut-off: one threshold on ids.
  const floor = Math.max(w.agents.lastSeenPost[reader], fresh - 1);
  const { start, deg, targets } = w.graph.out;
  const latest = w.latest;
  let nc = 0;
  // Union of the candidates' flags: with no downranked candidate, the chronological feed skips scoring.
  let flagsSeen = 0;
  // Passes whose loads are independent of each other, so that their cache
  // misses overlap instead of stalling one after another: the followees with
  // something new; the records of their newest posts; the walk down each
  // one's list of posts (newest first, through the records); then the filter,
  // in follow order as before.
  if (buf.newest.length < deg[reader]) buf.newest = new Int32Array(deg[reader] * 2);
  const newest = buf.newest;
  let np = 0;
  // Most followees have posted nothing new since the reader's last session.
  // Every post in f's list is by f: a suspended author hides them all.
  // Four followees at a time: V8 re-checks each typed array at every access,
  // and in a one-at-a-time loop those instructions leave room for only a few
  // cache misses in flight; grouped, the four random reads overlap (measured
  // 1.7× on a plain gather).
  let k = start[reader];
  const rowEnd = k + deg[reader];
  for (; k + 4 <= rowEnd; k += 4) {
    const f0 = targets[k];
    const f1 = targets[k + 1];
    const f2 = targets[k + 2];
    const f3 = targets[k + 3];
    const l0 = latest[f0];
    const l1 = latest[f1];
    const l2 = latest[f2];
    const l3 = latest[f3];
    // `suspended` only for the few with something new.
    if (l0 > floor && suspended[f0] === 0) newest[np++] = l0;
    if (l1 > floor && suspended[f1] === 0) newest[np++] = l1;
    if (l2 > floor && suspended[f2] === 0) newest[np++] = l2;
    if (l3 > floor && suspended[f3] === 0) newest[np++] = l3;
  }
  for (; k < rowEnd; k++) {
    const f = targets[k];
    const l = latest[f];
    if (l > floor && suspended[f] === 0) newest[np++] = l;
  }
  // The records of those newest posts: their previous-post links (i32 slot 15) and everything the session reads.
  const i32 = posts.i32;
  let touch = buf.touched;
  let q = 0;
  for (; q + 4 <= np; q += 4) touch = (touch + i32[newest[q] * 16 + 15] + i32[newest[q + 1] * 16 + 15] + i32[newest[q + 2] * 16 + 15] + i32[newest[q + 3] * 16 + 15]) | 0;
  for (; q < np; q++) touch = (touch + i32[newest[q] * 16 + 15]) | 0;
  buf.touched = touch;
  if (buf.unseen.length < np * RECENT_PER_AUTHOR) buf.unseen = new Int32Array(np * RECENT_PER_AUTHOR * 2);
  const unseen = buf.unseen;
  let nu = 0;
  for (let q = 0; q < np; q++) {
    // Each followee's newest RECENT_PER_AUTHOR posts, newest first: stop at
    // the first post already seen or too old (−1 ends a list).
    let p = newest[q];
    for (let c = 0; c < RECENT_PER_AUTHOR && p > floor; c++) {
      unseen[nu++] = p;
      p = i32[p * 16 + 15];
    }
  }
  // Flags are byte 24 of a post's 64-byte record, its root i32 slot 2 (post-store.ts).
  const u8 = posts.u8;
  for (let q = 0; q < nu && nc < cap; q++) {
    const p = unseen[q];
    const fl = u8[p * 64 + 24];
    if ((fl & FLAG_REMOVED) !== 0 || (u8[i32[p * 16 + 2] * 64 + 24] & FLAG_REMOVED) !== 0) continue;
    flagsSeen |= fl;
    cand[nc++] = p;
  }
  const ranker = override ?? currentRanker(w, buf);
  const inNetwork = nc;
  if (ranker.outOfNetwork && w.params.outOfNetwork > 0 && w.trendingFill > 0) {
    const r = w.streams.feed;
    const picks = w.params.outOfNetwork;
    // With room for every pick the loop below draws exactly `picks` times:
    // draw them first and touch what `visible` reads (author, root, flags,
    // then the root's flags and authors' suspensions), so those chains of
    // cache misses overlap across picks instead of running one after another.
    const drawn = nc + picks <= cap && picks <= buf.picks.length;
    if (drawn) {
      const pick = buf.picks;
      for (let t = 0; t < picks; t++) pick[t] = w.trending[r.int(w.trendingFill)];
      buf.touched = touchVisibility(w, buf.touched, pick, picks);
    }
    for (let t = 0; t < picks && nc < cap; t++) {
      const p = drawn ? buf.picks[t] : w.trending[r.int(w.trendingFill)];
      if (posts.authorOf(p) === reader || p < fresh || !visible(w, p)) continue;
      let dup = false;
      for (let k = 0; k < nc; k++) {
        if (cand[k] === p) {
          dup = true;
          break;
        }
      }
      if (!dup) {
        flagsSeen |= u8[p * 64 + 24];
        cand[nc++] = p;
      }
    }
  }
  buf.considered = nc;
  if (override?.prepare !== undefined) override.prepare(w, reader, cand, nc);
  const size = ranker === rankers.chronological && (flagsSeen & FLAG_DOWNRANKED) === 0 ? selectNewest(w, ranker, reader, buf, nc, limit) : selectBest(w, ranker, reader, buf, nc, inNetwork, limit);
  buf.size = size;
  return size;
}

/**
 * The general selection: score every candidate, keep the best `limit` by
 * insertion into a sorted prefix (limit is small).
 */
function selectBest(w: World, ranker: Ranker, reader: number, buf: FeedBuffer, nc: number, inNetwork: number, limit: number): number {
  const cand = buf.candidates;
  const scores = buf.scores;
  // The in-network candidates were loaded with the unseen posts; the trending ones are new.
  buf.touched = touchPosts(w, buf.touched, cand, inNetwork, nc);
  for (let k = 0; k < nc; k++) scores[k] = feedScore(w, ranker, reader, cand[k]);
  const items = buf.items;
  const itemScores = buf.itemScores;
  let size = 0;
  for (let k = 0; k < nc; k++) {
    const p = cand[k];
    const s = scores[k];
    if (size === limit && !better(s, p, itemScores[size - 1], items[size - 1])) continue;
    let pos = size < limit ? size++ : size - 1;
    while (pos > 0 && better(s, p, itemScores[pos - 1], items[pos - 1])) {
      items[pos] = items[pos - 1];
      itemScores[pos] = itemScores[pos - 1];
      pos--;
    }
    items[pos] = p;
    itemScores[pos] = s;
  }
  return size;
}

/**
 * The reverse-chronological selection without scoring every candidate. Its
 * score 1/(1 + age/h) is computed with correctly rounded, monotone
 * operations, so it never increases with age; post times never decrease
 * with ids; so "higher score, then higher id" is "higher id" whenever no
 * candidate is downranked (the caller checks). Only the kept items are
 * scored, for `itemScores`.
 */
function selectNewest(w: World, ranker: Ranker, reader: number, buf: FeedBuffer, nc: number, limit: number): number {
  const cand = buf.candidates;
  const items = buf.items;
  let size = 0;
  for (let k = 0; k < nc; k++) {
    const p = cand[k];
    if (size === limit && p <= items[size - 1]) continue;
    let pos = size < limit ? size++ : size - 1;
    while (pos > 0 && p > items[pos - 1]) {
      items[pos] = items[pos - 1];
      pos--;
    }
    items[pos] = p;
  }
  const itemScores = buf.itemScores;
  for (let k = 0; k < size; k++) itemScores[k] = ranker.score(w, reader, items[k]);
  return size;
}

/**
 * Load the records of posts ids[from..to) (everything the filter, scoring
 * and the session read of a post is in its one 64-byte record) in one tight
 * loop, so their cache misses overlap (a prefetch: returns a checksum for the
 * caller to keep).
 */
function touchPosts(w: World, touch: number, ids: Int32Array, from: number, to: number): number {
  const i32 = w.posts.i32;
  let k = from;
  // Two posts at a time, for more misses in flight (see the followee pass in buildFeed).
  for (; k + 2 <= to; k += 2) touch = (touch + i32[ids[k] * 16 + 2] + i32[ids[k + 1] * 16 + 2]) | 0;
  if (k < to) touch = (touch + i32[ids[k] * 16 + 2]) | 0;
  return touch;
}

/** What `visible` reads of posts ids[0..n): their records, then their roots' records and the authors' suspension (see touchPosts). */
function touchVisibility(w: World, touch: number, ids: Int32Array, n: number): number {
  const i32 = w.posts.i32;
  const suspended = w.agents.suspended;
  for (let k = 0; k < n; k++) touch = (touch + i32[ids[k] * 16 + 2]) | 0;
  for (let k = 0; k < n; k++) {
    const p = ids[k];
    const q = i32[p * 16 + 2];
    touch = (touch + i32[q * 16 + 3] + suspended[i32[p * 16 + 3]] + suspended[i32[q * 16 + 3]]) | 0;
  }
  return touch;
}

/** Higher score first; on a tie, the newer (higher id) post. */
function better(s: number, p: number, s2: number, p2: number): boolean {
  return s > s2 || (s === s2 && p > p2);
}
