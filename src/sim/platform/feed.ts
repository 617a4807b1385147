/**
 * Building one session's feed (phase 2): candidates are the recent posts of
 * the accounts the reader follows that it has not seen yet (newer than its
 * last session, younger than `maxPostAgeHours`, not removed, not by a
 * suspended account), plus, for rankers that recommend, a few trending posts
 * from outside its follows. The ranker scores them and the feed keeps the
 * best `min(feedSize, what the daily read cap leaves)`, ties to the newer.
 */
import { TIER_NEW, TIER_VERIFIED } from './agents.js';
import { FLAG_REMOVED } from './post-store.js';
import { feedScore, rankers } from './rankers.js';
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

  constructor(capacity = 4096, maxFeed = 500) {
    this.candidates = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
    this.items = new Int32Array(maxFeed);
    this.itemScores = new Float64Array(maxFeed);
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

function visible(w: World, p: number): boolean {
  const posts = w.posts;
  return (posts.flags[p] & FLAG_REMOVED) === 0 && (posts.flags[posts.root[p]] & FLAG_REMOVED) === 0 && w.agents.suspended[posts.author[p]] === 0;
}

/** Fill `buf.items` with the reader's feed; returns its size. */
export function buildFeed(w: World, reader: number, buf: FeedBuffer): number {
  const limit = Math.min(w.params.feedSize, buf.items.length, readCapLeft(w, reader));
  buf.size = 0;
  buf.considered = 0;
  if (limit <= 0) return 0;
  const posts = w.posts;
  const cand = buf.candidates;
  const cap = cand.length;
  const lastSeen = w.agents.lastSeenPost[reader];
  const minTime = w.now - w.params.maxPostAgeHours * 60;
  const { start, deg, targets } = w.graph.out;
  const recent = w.recent;
  let nc = 0;
  for (let k = start[reader], e = k + deg[reader]; k < e && nc < cap; k++) {
    const f = targets[k];
    const fill = w.recentFill[f];
    const head = w.recentHead[f];
    const base = f * RECENT_PER_AUTHOR;
    for (let r = 1; r <= fill; r++) {
      const p = recent[base + ((head - r + RECENT_PER_AUTHOR) % RECENT_PER_AUTHOR)];
      // The ring is newest first: stop at the first post already seen or too old.
      if (p <= lastSeen || posts.time[p] < minTime) break;
      if (!visible(w, p)) continue;
      cand[nc++] = p;
      if (nc === cap) break;
    }
  }
  const ranker = rankers[w.params.ranker];
  if (ranker.outOfNetwork && w.params.outOfNetwork > 0 && w.trendingFill > 0) {
    const r = w.streams.feed;
    const inNetwork = nc;
    for (let t = 0; t < w.params.outOfNetwork && nc < cap; t++) {
      const p = w.trending[r.int(w.trendingFill)];
      if (posts.author[p] === reader || posts.time[p] < minTime || !visible(w, p)) continue;
      let dup = false;
      for (let k = 0; k < nc; k++) {
        if (cand[k] === p) {
          dup = true;
          break;
        }
      }
      if (!dup && nc >= inNetwork) cand[nc++] = p;
    }
  }
  buf.considered = nc;
  const scores = buf.scores;
  for (let k = 0; k < nc; k++) scores[k] = feedScore(w, ranker, reader, cand[k]);
  // Keep the best `limit` by insertion into a sorted prefix (limit is small).
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
  buf.size = size;
  return size;
}

/** Higher score first; on a tie, the newer (higher id) post. */
function better(s: number, p: number, s2: number, p2: number): boolean {
  return s > s2 || (s === s2 && p > p2);
}
